//! Issue 29, "ignore files choose what the gate sees": what the generator builds is what
//! the gate lints. A pull request writes its own ignore files (`.gitignore`, `.ignore`)
//! and names its own folders; neither may take a built post out of
//! `postlint check --isolated --select FM,IMG,LD --fail-on error .`. Ignore files may hide
//! only files git does not track; postlint's default folder names (`node_modules`,
//! `vendor`, `public`, `_site` …) are skipped only where the generator builds nothing.
//!
//! Each test builds a real git repository with the `git` command (postlint itself runs
//! no program: it reads `.git/index`). The same site built by a real `jekyll build` is in
//! `tests/integrations.rs` (`the_gate_lints_every_post_a_real_jekyll_build_publishes`).

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use common::*;

/// A post Jekyll builds, with one error the gate fails on (no `title`: FM003).
const DEFECT: &str = "---\ndescription: \"A post that forgot its title\"\n---\n\nText.\n";
/// A post without an error.
const CLEAN: &str = "---\ntitle: \"A post with nothing wrong in its front matter\"\n---\n\nText.\n";
/// The gate as SECURITY.md tells a pipeline to run it.
const GATE: &[&str] = &["--isolated", "--select", "FM,IMG,LD", "--fail-on", "error", "."];

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.name=postlint test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"])
        .args(["-c", "init.defaultBranch=main", "-c", "core.hooksPath=/dev/null"])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

/// A Jekyll site in a git repository with every file committed (ignored ones too, as a
/// pull request that adds both the post and the ignore file has them).
fn repository(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = site(files);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "--force", "--all"]);
    git(dir.path(), &["commit", "-q", "-m", "a pull request"]);
    dir
}

/// Diagnostics per file of one run.
fn per_file(json: &serde_json::Value) -> BTreeMap<String, Vec<String>> {
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for diagnostic in json["diagnostics"].as_array().expect("diagnostics") {
        let path = diagnostic["path"].as_str().unwrap_or("").to_string();
        found.entry(path).or_default().push(diagnostic["code"].as_str().unwrap_or("").to_string());
    }
    found
}

/// Runs the gate in `dir`: its exit code and the files with diagnostics.
fn gate(dir: &Path) -> (i32, Vec<String>) {
    let (code, json) = check_json(dir, GATE);
    (code, per_file(&json).into_keys().collect())
}

fn base() -> Vec<(&'static str, &'static str)> {
    vec![("_config.yml", "title: Gate\n"), ("_posts/2026-01-01-fine.md", CLEAN)]
}

#[test]
fn a_committed_dot_ignore_in_posts_does_not_hide_them() {
    let mut files = base();
    files.extend([("_posts/.ignore", "*.md\n"), ("_posts/2026-01-02-hidden.md", DEFECT)]);
    let dir = repository(&files);
    assert_eq!(gate(dir.path()), (1, vec!["_posts/2026-01-02-hidden.md".to_string()]));
}

#[test]
fn a_gitignore_line_does_not_hide_a_tracked_post() {
    let mut files = base();
    files.extend([(".gitignore", "_posts/2026-01-02-hidden.md\n"), ("_posts/2026-01-02-hidden.md", DEFECT)]);
    let dir = repository(&files);
    assert_eq!(gate(dir.path()), (1, vec!["_posts/2026-01-02-hidden.md".to_string()]));
}

#[test]
fn git_info_exclude_does_not_hide_a_tracked_post() {
    let mut files = base();
    files.push(("_posts/2026-01-02-hidden.md", DEFECT));
    let dir = repository(&files);
    std::fs::write(dir.path().join(".git/info/exclude"), "_posts/\n").unwrap();
    assert_eq!(gate(dir.path()), (1, vec!["_posts/2026-01-02-hidden.md".to_string()]));
}

#[test]
fn posts_under_vendor_public_or_node_modules_in_posts_are_linted() {
    for folder in ["vendor", "public", "node_modules", "vendor/bundle"] {
        let path = format!("_posts/{folder}/2026-01-02-hidden.md");
        let mut files = base();
        files.push((&path, DEFECT));
        let dir = repository(&files);
        assert_eq!(gate(dir.path()), (1, vec![path.clone()]), "{folder}");
    }
}

#[test]
fn an_untracked_ignored_post_is_still_left_out() {
    let mut files = base();
    files.extend([("_posts/.ignore", "scratch/\n"), ("_posts/2026-01-02-tracked.md", DEFECT)]);
    let dir = repository(&files);
    std::fs::create_dir(dir.path().join("_posts/scratch")).unwrap();
    std::fs::write(dir.path().join("_posts/scratch/2026-01-03-notes.md"), DEFECT).unwrap();
    std::fs::write(dir.path().join("_posts/2026-01-04-local.md"), DEFECT).unwrap();
    std::fs::write(dir.path().join("_posts/.ignore"), "scratch/\n2026-01-04-local.md\n").unwrap();
    assert_eq!(gate(dir.path()), (1, vec!["_posts/2026-01-02-tracked.md".to_string()]));
}

#[test]
fn what_jekyll_does_not_build_is_still_not_linted() {
    let mut files = base();
    files.extend([
        ("node_modules/pkg/page.md", DEFECT),
        ("node_modules/_posts/2026-01-02-x.md", DEFECT),
        ("vendor/bundle/ruby/_posts/2026-01-02-x.md", DEFECT),
        ("vendor/bundle/ruby/page.md", DEFECT),
        ("_site/_posts/2026-01-02-x.md", DEFECT),
        ("_site/page.md", DEFECT),
        ("blog/.hidden/_posts/2026-01-02-x.md", DEFECT),
    ]);
    let dir = repository(&files);
    assert_eq!(gate(dir.path()), (0, Vec::<String>::new()));
    // What Jekyll does build there: `vendor/` outside its excluded folders, a
    // `node_modules/` below the root.
    std::fs::create_dir_all(dir.path().join("vendor/notes/_posts")).unwrap();
    std::fs::create_dir_all(dir.path().join("blog/node_modules/_posts")).unwrap();
    std::fs::write(dir.path().join("vendor/notes/_posts/2026-01-03-v.md"), DEFECT).unwrap();
    std::fs::write(dir.path().join("blog/node_modules/_posts/2026-01-03-n.md"), DEFECT).unwrap();
    let (code, files) = gate(dir.path());
    assert_eq!(
        (code, files),
        (1, vec!["blog/node_modules/_posts/2026-01-03-n.md".to_string(), "vendor/notes/_posts/2026-01-03-v.md".into()])
    );
}

#[test]
fn other_generators_build_output_and_unbuilt_folders_stay_out() {
    // A title that is a list (FM004): an error on every generator, for every page.
    const WRONG_TYPE: &str = "---\ntitle: [2026, plans]\n---\n\nText.\n";
    // Eleventy writes `_site/` and never reads it; it builds `posts/vendor/`.
    let dir = repository(&[
        ("eleventy.config.js", "export default function () {}\n"),
        ("posts/2026-01-01-fine.md", CLEAN),
        ("_site/posts/old/index.md", WRONG_TYPE),
        ("posts/vendor/2026-01-02-v.md", WRONG_TYPE),
    ]);
    assert_eq!(gate(dir.path()), (1, vec!["posts/vendor/2026-01-02-v.md".to_string()]));
    // Hugo builds only `content/`: its output `public/` is not linted, `content/public/` is.
    let dir = repository(&[
        ("hugo.toml", "baseURL = \"https://example.com/\"\n"),
        ("content/about.md", CLEAN),
        ("public/posts/old.md", WRONG_TYPE),
        ("content/public/hidden.md", WRONG_TYPE),
        ("content/posts/.gitignore", "*\n"),
        ("content/posts/ignored.md", WRONG_TYPE),
    ]);
    assert_eq!(
        gate(dir.path()),
        (1, vec!["content/posts/ignored.md".to_string(), "content/public/hidden.md".to_string()])
    );
}

#[test]
fn with_no_readable_index_no_ignore_file_hides_a_post() {
    let mut files = base();
    files.extend([("_posts/.ignore", "*.md\n"), ("_posts/2026-01-02-hidden.md", DEFECT)]);
    // Outside any repository: nothing is known to be untracked (a tarball checkout).
    let plain = site(&files);
    assert_eq!(gate(plain.path()), (1, vec!["_posts/2026-01-02-hidden.md".to_string()]));
    // A damaged index, and a split index (its entries in another file): unknown too, so
    // even an untracked ignored post is linted.
    let both = vec!["_posts/2026-01-02-hidden.md".to_string(), "_posts/2026-01-05-untracked.md".into()];
    for damage in [&b"DIRC\0\0\0\x02garbage"[..], b"not an index at all"] {
        let dir = repository(&files);
        std::fs::write(dir.path().join(".git/index"), damage).unwrap();
        std::fs::write(dir.path().join("_posts/2026-01-05-untracked.md"), DEFECT).unwrap();
        assert_eq!(gate(dir.path()), (1, both.clone()));
    }
    let dir = repository(&files);
    git(dir.path(), &["update-index", "--split-index"]);
    std::fs::write(dir.path().join("_posts/2026-01-05-untracked.md"), DEFECT).unwrap();
    assert_eq!(gate(dir.path()), (1, both));
}

#[test]
fn index_versions_three_and_four_and_a_linked_work_tree_are_read() {
    let mut files = base();
    files.extend([("_posts/.ignore", "*.md\n"), ("_posts/2026-01-02-hidden.md", DEFECT)]);
    for version in ["3", "4"] {
        let dir = repository(&files);
        git(dir.path(), &["update-index", "--index-version", version]);
        std::fs::write(dir.path().join("_posts/2026-01-05-untracked.md"), DEFECT).unwrap();
        assert_eq!(gate(dir.path()), (1, vec!["_posts/2026-01-02-hidden.md".to_string()]), "index v{version}");
    }
    // `.git` is a file naming the git directory (`git worktree add`).
    let dir = repository(&files);
    let linked = tempfile::tempdir().unwrap();
    let tree = linked.path().join("tree");
    git(dir.path(), &["worktree", "add", "-q", tree.to_str().unwrap()]);
    assert!(tree.join(".git").is_file());
    std::fs::write(tree.join("_posts/2026-01-05-untracked.md"), DEFECT).unwrap();
    assert_eq!(gate(&tree), (1, vec!["_posts/2026-01-02-hidden.md".to_string()]));
}

#[test]
fn pre_commit_style_named_files_with_force_exclude_are_linted_where_jekyll_builds_them() {
    let mut files = base();
    files.extend([("_posts/vendor/2026-01-02-v.md", DEFECT), ("vendor/bundle/_posts/2026-01-02-b.md", DEFECT)]);
    let dir = repository(&files);
    let (code, json) = check_json(
        dir.path(),
        &[
            "--isolated",
            "--select",
            "FM",
            "--force-exclude",
            "_posts/vendor/2026-01-02-v.md",
            "vendor/bundle/_posts/2026-01-02-b.md",
        ],
    );
    assert_eq!(
        (code, per_file(&json).into_keys().collect::<Vec<_>>()),
        (1, vec!["_posts/vendor/2026-01-02-v.md".into()])
    );
}

/// Sets every file's and folder's modification time to one fixed time in the past (`.git`
/// aside), so the caches trust them and a file is changed only when its content is.
fn age_tree(dir: &Path) {
    let back = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.ends_with(".git") {
            continue;
        }
        if path.is_dir() {
            age_tree(&path);
        }
        std::fs::File::open(&path).unwrap().set_modified(back).unwrap();
    }
    std::fs::File::open(dir).unwrap().set_modified(back).unwrap();
}

/// The gate with the cache (twice: the second run replays) and without it: all three see
/// the same files. Returns the files with diagnostics.
fn gate_cached(dir: &Path) -> (i32, Vec<String>) {
    age_tree(dir);
    let first = check_json(dir, GATE);
    let second = check_json(dir, GATE);
    let mut fresh_args = vec!["--no-cache"];
    fresh_args.extend(GATE);
    let fresh = check_json(dir, &fresh_args);
    assert_eq!(first, fresh, "a cached run equals a --no-cache run");
    assert_eq!(second, fresh, "a replayed run equals a --no-cache run");
    (fresh.0, per_file(&fresh.1).into_keys().collect())
}

#[test]
fn cached_runs_see_the_same_files_and_follow_what_git_tracks() {
    let mut files = base();
    files.extend([
        ("_posts/.ignore", "2026-01-02-*\n"),
        ("_posts/2026-01-02-hidden.md", DEFECT),
        ("_posts/node_modules/2026-01-03-n.md", DEFECT),
    ]);
    let dir = repository(&files);
    let both = vec!["_posts/2026-01-02-hidden.md".to_string(), "_posts/node_modules/2026-01-03-n.md".into()];
    assert_eq!(gate_cached(dir.path()), (1, both.clone()));
    assert!(dir.path().join(".postlint_cache/run-v2.json").is_file(), "the run cache was written");
    // Untracked (the file stays): the ignore file may hide it now. No file of the tree
    // changed, only `.git/index`.
    git(dir.path(), &["rm", "-q", "--cached", "_posts/2026-01-02-hidden.md"]);
    assert_eq!(gate_cached(dir.path()), (1, vec!["_posts/node_modules/2026-01-03-n.md".to_string()]));
    git(dir.path(), &["add", "--force", "_posts/2026-01-02-hidden.md"]);
    assert_eq!(gate_cached(dir.path()), (1, both.clone()));
    // A post linted inside `node_modules/` (which the run cache's tree state skips) is
    // watched: fixed, the run passes.
    std::fs::write(dir.path().join("_posts/node_modules/2026-01-03-n.md"), CLEAN).unwrap();
    assert_eq!(gate_cached(dir.path()), (1, vec!["_posts/2026-01-02-hidden.md".to_string()]));
}

/// Two posts with one title: LNK005 on the one whose path sorts last (`_posts/z/…`), which
/// only a site index that holds the other can report.
const FIRST: &str = "---\ntitle: \"Winter pruning guide for fruit trees\"\ndate: 2026-01-10\n---\n\nCut above a bud.\n";
const LATER: &str = "---\ntitle: \"Winter pruning guide for fruit trees\"\ndate: 2026-02-10\n---\n\nSharpen.\n";

#[test]
fn the_site_index_of_a_one_file_run_sees_the_same_posts_cold_cached_and_from_stdin() {
    for (hidden, ignore) in [
        ("_posts/2026-01-10-pruning.md", Some(("_posts/.ignore", "2026-01-10-*\n"))),
        ("_posts/vendor/2026-01-10-pruning.md", None),
        ("_posts/public/2026-01-10-pruning.md", Some((".gitignore", "public/\n"))),
    ] {
        let mut files =
            vec![("_config.yml", "title: Gate\n"), (hidden, FIRST), ("_posts/z/2026-02-10-again.md", LATER)];
        files.extend(ignore);
        let dir = repository(&files);
        age_tree(dir.path());
        let one = ["--isolated", "--select", "LNK005", "_posts/z/2026-02-10-again.md"];
        for run in ["cold", "cached"] {
            let (_, json) = check_json(dir.path(), &one);
            assert_eq!(codes(&json), ["LNK005"], "{hidden}, {run}: {json}");
            // Creating the cache folder changed the root's time: set it back, so the
            // next run trusts the cached index without walking the site.
            age_tree(dir.path());
        }
        let stdin = postlint()
            .current_dir(dir.path())
            .args(["check", "--isolated", "--select", "LNK005", "--output-format", "json"])
            .args(["-", "--stdin-filename", "_posts/z/2026-02-10-again.md"])
            .write_stdin(LATER)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&stdin.stdout).unwrap();
        assert_eq!(codes(&json), ["LNK005"], "{hidden}, stdin: {json}");
        if ignore.is_some() {
            // Untracked and ignored: the cached index drops it, as a fresh one does.
            git(dir.path(), &["rm", "-q", "--cached", hidden]);
            let (_, cached) = check_json(dir.path(), &one);
            let mut fresh_args = vec!["--no-cache"];
            fresh_args.extend(one);
            let (_, fresh) = check_json(dir.path(), &fresh_args);
            assert_eq!((codes(&cached), codes(&fresh)), (vec![], vec![]), "{hidden}");
        }
    }
}

#[test]
fn the_language_server_sees_the_same_posts() {
    use std::io::{BufRead, BufReader, Read, Write};
    let dir = repository(&[
        ("_config.yml", "title: Gate\n"),
        ("postlint.toml", "extend-select = [\"LNK005\"]\n"),
        ("_posts/.ignore", "2026-01-10-*\n"),
        ("_posts/2026-01-10-pruning.md", FIRST),
        ("_posts/z/2026-02-10-again.md", LATER),
    ]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_postlint"))
        .arg("server")
        .current_dir(dir.path())
        .env("POSTLINT_NOW", "2026-06-01")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut send = |message: serde_json::Value| {
        let body = message.to_string();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
    };
    let uri = format!("file://{}", dir.path().join("_posts/z/2026-02-10-again.md").display());
    send(serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"processId": null, "rootUri": null, "capabilities": {}}}));
    send(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
        {"uri": uri, "languageId": "markdown", "version": 1, "text": LATER}}}));
    let published = loop {
        let mut length = 0;
        loop {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            if line.trim_end().is_empty() {
                break;
            }
            if let Some(value) = line.trim_end().strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        stdout.read_exact(&mut body).unwrap();
        let message: serde_json::Value = serde_json::from_slice(&body).unwrap();
        if message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri {
            break message;
        }
    };
    let codes: Vec<&str> =
        published["params"]["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(codes.contains(&"LNK005"), "{published}");
    let _ = child.kill();
    let _ = child.wait();
}

/// Red-team B1/B2: Jekyll publishes posts under every extension its `markdown_ext` names
/// (default `markdown,mkdown,mkdn,mkd,md`), and a pull request may change that list in
/// `_config.yml`: the walk lints what Jekyll renders as Markdown, by extension only.
#[test]
fn posts_under_every_markdown_extension_the_generator_renders_are_linted() {
    const BAD: &str = "---\nlayout: post\n---\n![](missing.png)\n";
    for ext in ["mkd", "mkdn", "mkdown", "MKD"] {
        let name = format!("_posts/2026-01-02-bad.{ext}");
        let mut files: Vec<(&str, &str)> = base();
        files.push((name.as_str(), BAD));
        let dir = repository(&files);
        let (code, linted) = gate(dir.path());
        assert_eq!(code, 1, ".{ext}: {linted:?}");
        assert!(linted.iter().any(|file| file.ends_with(&format!("bad.{ext}"))), ".{ext}: {linted:?}");
    }
    let dir = repository(&[
        ("_config.yml", "title: t\nmarkdown_ext: \"txt,md\"\n"),
        ("_posts/2026-01-01-good.md", "---\ntitle: Good\n---\nHello\n"),
        ("_posts/2026-01-02-bad.txt", BAD),
    ]);
    let (code, linted) = gate(dir.path());
    assert_eq!(code, 1, "{linted:?}");
    assert!(linted.iter().any(|file| file.ends_with("bad.txt")), "{linted:?}");
    // A `.txt` file of a site whose generator does not render it stays out.
    let mut files = base();
    files.push(("_posts/2026-01-02-notes.txt", BAD));
    let dir = repository(&files);
    let (_, linted) = gate(dir.path());
    assert!(!linted.iter().any(|file| file.ends_with(".txt")), "{linted:?}");
}

/// Red-team B3: `exclude:` is matched as Jekyll's `EntryFilter` matches it (`File.fnmatch?`
/// without flags, or a string prefix of the path): an entry Jekyll does not match (`./`,
/// `{a,b}`, a file with a trailing `/`, another case) leaves its post in the build and in
/// the gate; one it does match (a prefix of a longer name, `*` across folders) takes it out.
/// The same site is built by a real Jekyll in `tests/integrations.rs`.
#[test]
fn exclude_entries_hide_only_the_posts_jekyll_leaves_out() {
    let mut files = base();
    files[0] = ("_config.yml", JEKYLL_EXCLUDE_CONFIG);
    // A title that is a list (FM004): an error on posts and pages alike.
    let texts: Vec<(String, String)> = JEKYLL_EXCLUDE_SOURCES
        .iter()
        .map(|path| (path.to_string(), "---\ntitle: [2026, plans]\n---\n".into()))
        .collect();
    files.extend(texts.iter().map(|(path, text)| (path.as_str(), text.as_str())));
    let dir = repository(&files);
    let (code, linted) = gate(dir.path());
    assert_eq!(code, 1);
    assert_eq!(linted, JEKYLL_EXCLUDE_BUILT, "the posts and pages Jekyll 4.3 builds");
}

/// Red-team recheck N3/N4: a YAML merge key in `_config.yml` (`<<: *base`) sets
/// `markdown_ext` or `collections` as Jekyll's Psych reads it (checked with Jekyll 4.3:
/// the `.txt` post is published); the gate reads the merged keys too.
#[test]
fn config_keys_set_through_a_yaml_merge_key_are_read() {
    const BAD: &str = "---\ntitle: [2026, plans]\n---\nText.\n";
    let dir = repository(&[
        ("_config.yml", "title: t\nbase: &b\n  markdown_ext: \"txt,md\"\n<<: *b\n"),
        ("_posts/2026-01-01-good.md", CLEAN),
        ("_posts/2026-01-02-bad.txt", BAD),
    ]);
    assert_eq!(gate(dir.path()), (1, vec!["_posts/2026-01-02-bad.txt".to_string()]));
    let dir = repository(&[
        ("_config.yml", "title: t\nshared: &s\n  collections:\n    docs:\n      output: true\n<<: [*s]\n"),
        ("_posts/2026-01-01-good.md", CLEAN),
        ("_docs/guide.md", BAD),
    ]);
    assert_eq!(gate(dir.path()), (1, vec!["_docs/guide.md".to_string()]));
}

/// Red-team recheck N2/N5: Jekyll reads `_config.toml` when there is no `_config.yml` or
/// `_config.yaml`; the extensions and collections it sets are read from it too.
#[test]
fn a_toml_jekyll_config_is_read_like_a_yaml_one() {
    const BAD: &str = "---\ntitle: [2026, plans]\n---\nText.\n";
    let dir = repository(&[
        ("_config.toml", "title = \"t\"\nmarkdown_ext = \"txt,md\"\n\n[collections.docs]\noutput = true\n"),
        ("Gemfile", "gem \"jekyll\"\n"),
        ("_posts/2026-01-01-good.md", CLEAN),
        ("_posts/2026-01-02-bad.txt", BAD),
        ("_docs/guide.md", BAD),
    ]);
    assert_eq!(gate(dir.path()), (1, vec!["_docs/guide.md".to_string(), "_posts/2026-01-02-bad.txt".to_string()]));
}

/// Red-team recheck N1/N6: Jekyll builds a hidden folder that `include:` names
/// (`.hidden/_posts/…`, `.well-known/` under `.*`), so the gate walks into it; a hidden
/// folder not named stays out, and `.git` is never entered whatever `include:` says.
#[test]
fn hidden_folders_that_include_names_are_linted() {
    const BAD: &str = "---\ntitle: [2026, plans]\n---\nText.\n";
    let dir = repository(&[
        ("_config.yml", "title: t\ninclude: [.hidden]\n"),
        ("_posts/2026-01-01-good.md", CLEAN),
        (".hidden/_posts/2026-01-02-a.md", BAD),
        (".other/_posts/2026-01-02-b.md", BAD),
    ]);
    assert_eq!(gate(dir.path()), (1, vec![".hidden/_posts/2026-01-02-a.md".to_string()]));
    let dir = repository(&[
        ("_config.yml", "title: t\ninclude: [\".*\"]\n"),
        ("_posts/2026-01-01-good.md", CLEAN),
        (".well-known/about.md", BAD),
    ]);
    std::fs::write(dir.path().join(".git/notes.md"), BAD).unwrap();
    assert_eq!(gate(dir.path()), (1, vec![".well-known/about.md".to_string()]));
}
