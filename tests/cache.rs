//! The site-index cache (`.postlint_cache/`): every run gives exactly the diagnostics of
//! a `--no-cache` run, whatever changed in between, and the cache is really used.

mod common;

use std::path::Path;
use std::time::{Duration, SystemTime};

use common::*;

/// Sets a file's modification time an hour back, so the cache trusts its entry (entries
/// of files modified within two seconds of the cache's writing are read again).
fn age(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(3600)).unwrap();
}

fn age_all(dir: &Path) {
    for entry in walk(dir) {
        age(&entry);
    }
}

/// Sets the modification time of `dir` and every folder in it an hour back, so the
/// cache trusts them not to have changed since it was written.
fn age_folders(dir: &Path) {
    std::fs::File::open(dir).unwrap().set_modified(SystemTime::now() - Duration::from_secs(3600)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && !path.ends_with(".postlint_cache") {
            age_folders(&path);
        }
    }
}

/// Runs `change` and sets every folder's modification time back to what it was, as if
/// the change had not touched a folder.
fn behind_the_folders(dir: &Path, change: impl FnOnce()) {
    fn folders(dir: &Path, found: &mut Vec<(std::path::PathBuf, SystemTime)>) {
        found.push((dir.to_path_buf(), std::fs::metadata(dir).unwrap().modified().unwrap()));
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with(".postlint_cache") {
                folders(&path, found);
            }
        }
    }
    let mut times = Vec::new();
    folders(dir, &mut times);
    change();
    for (folder, time) in times {
        std::fs::File::open(&folder).unwrap().set_modified(time).unwrap();
    }
}

/// A one-file run with the cache, checked against one without it.
fn check_one_both(dir: &Path, file: &str) -> serde_json::Value {
    let (_, cached) = check_json(dir, &["--select", "LNK001,LNK003,LNK007", file]);
    let (_, fresh) = check_json(dir, &["--no-cache", "--select", "LNK001,LNK003,LNK007", file]);
    assert_eq!(cached, fresh, "a cached one-file run must equal a --no-cache run");
    cached
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with(".postlint_cache") {
                files.extend(walk(&path));
            }
        } else {
            files.push(path);
        }
    }
    files
}

const SELECT: &[&str] = &["--select", "LNK001,LNK003,LNK005,LNK007", "."];

/// The run with the cache, checked against a run without it.
fn check_both(dir: &Path) -> serde_json::Value {
    let (_, cached) = check_json(dir, SELECT);
    let mut args = vec!["--no-cache"];
    args.extend_from_slice(SELECT);
    let (_, fresh) = check_json(dir, &args);
    assert_eq!(cached, fresh, "a cached run must equal a --no-cache run");
    cached
}

fn blog() -> tempfile::TempDir {
    let dir = site(&[
        ("_config.yml", "permalink: /blog/:title/\n"),
        ("_posts/2026-01-10-spring.md", "---\ntitle: \"Spring planting on the allotment\"\n---\n\nText.\n"),
        ("_posts/2026-01-11-summer.md", "---\ntitle: \"Summer watering on the allotment\"\n---\n\nText.\n"),
        (
            "_posts/2026-01-12-links.md",
            "---\ntitle: \"Links to the other allotment posts\"\n---\n\n{% post_url 2026-01-10-spring %} and [summer](/blog/summer/), [spring](/blog/spring/)\n",
        ),
    ]);
    age_all(dir.path());
    dir
}

#[test]
fn the_cache_is_written_and_used() {
    let dir = blog();
    let first = check_both(dir.path());
    assert_eq!(codes(&first), Vec::<String>::new());
    assert!(dir.path().join(".postlint_cache/index-v2.bin").is_file());
    assert!(dir.path().join(".postlint_cache/.gitignore").is_file());
    // Move a post behind the cache's back: same size, the old modification time. A
    // one-file run of the post that links to it still finds it (the cache is used);
    // --no-cache does not.
    let path = dir.path().join("_posts/2026-01-11-summer.md");
    let old = std::fs::read_to_string(&path).unwrap();
    let before = std::fs::metadata(&path).unwrap().modified().unwrap();
    let mut moved = String::from("---\npermalink: /elsewhere/\n---\n\nText.\n");
    while moved.len() < old.len() {
        moved.insert(moved.len() - 1, ' ');
    }
    assert_eq!(moved.len(), old.len());
    std::fs::write(&path, moved).unwrap();
    std::fs::File::options().write(true).open(&path).unwrap().set_modified(before).unwrap();
    let one_file = ["--select", "LNK003", "_posts/2026-01-12-links.md"];
    let (_, cached) = check_json(dir.path(), &one_file);
    assert!(codes(&cached).is_empty(), "the cached index still has /blog/summer/: {cached}");
    let (_, fresh) = check_json(dir.path(), &["--no-cache", "--select", "LNK003", "_posts/2026-01-12-links.md"]);
    assert_eq!(codes(&fresh), ["LNK003"], "{fresh}");
}

#[test]
fn a_settled_site_is_not_walked_again_its_folders_and_files_are_checked() {
    let dir = blog();
    std::fs::create_dir(dir.path().join("_drafts")).unwrap();
    age_folders(dir.path());
    let links = "_posts/2026-01-12-links.md";
    assert_eq!(codes(&check_one_both(dir.path(), links)), Vec::<String>::new());
    // Creating the cache folder changed the root's time: settle it, and let a run see it.
    age_folders(dir.path());
    check_one_both(dir.path(), links);
    // A post added behind the cache's back (its folder's time set back as if nothing
    // changed) is not seen: the cache trusted the folder instead of walking the site.
    let posts = dir.path().join("_posts");
    let before = std::fs::metadata(&posts).unwrap().modified().unwrap();
    let newcomer = posts.join("2026-01-13-autumn.md");
    std::fs::write(&newcomer, "---\npermalink: /blog/summer/\n---\n").unwrap();
    age(&newcomer);
    std::fs::File::open(&posts).unwrap().set_modified(before).unwrap();
    let (_, cached) = check_json(dir.path(), &["--select", "LNK007", "_posts/2026-01-11-summer.md"]);
    assert_eq!(codes(&cached), Vec::<String>::new(), "{cached}");
    let (_, fresh) = check_json(dir.path(), &["--no-cache", "--select", "LNK007", "_posts/2026-01-11-summer.md"]);
    assert_eq!(codes(&fresh), ["LNK007"], "{fresh}");
    std::fs::remove_file(&newcomer).unwrap();
}

#[test]
fn with_settled_folders_every_change_is_still_seen() {
    let dir = blog();
    // A repository where git tracks nothing yet: ignore files may hide untracked pages
    // (outside a repository none is obeyed, see tests/security_gate.rs).
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(dir.path().join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    age_folders(dir.path());
    let links = "_posts/2026-01-12-links.md";
    assert_eq!(codes(&check_one_both(dir.path(), links)), Vec::<String>::new());
    let settle = |dir: &Path| {
        age_all(dir);
        age_folders(dir);
    };
    // A renamed target, even with its folder's time set back: the known file is gone.
    settle(dir.path());
    check_one_both(dir.path(), links);
    let posts = dir.path().join("_posts");
    behind_the_folders(dir.path(), || {
        std::fs::rename(posts.join("2026-01-10-spring.md"), posts.join("2026-01-09-spring.md")).unwrap();
    });
    assert!(codes(&check_one_both(dir.path(), links)).contains(&"LNK001".to_string()));
    // An edited target (size and time change, the folder does not).
    std::fs::write(posts.join("2026-01-11-summer.md"), "---\npermalink: /elsewhere/\n---\n\nText.\n").unwrap();
    assert!(codes(&check_one_both(dir.path(), links)).contains(&"LNK003".to_string()));
    // A page added in another folder takes the URL back.
    std::fs::write(dir.path().join("notes/summer.md"), "---\npermalink: /blog/summer/\n---\n").unwrap();
    assert!(!codes(&check_one_both(dir.path(), links)).contains(&"LNK003".to_string()));
    // An ignore file created, then edited in place (no folder's time changes), hides
    // that page and shows it again.
    std::fs::write(dir.path().join(".ignore"), "notes/\n").unwrap();
    settle(dir.path());
    assert!(codes(&check_one_both(dir.path(), links)).contains(&"LNK003".to_string()));
    behind_the_folders(dir.path(), || std::fs::write(dir.path().join(".ignore"), "drafts/\n").unwrap());
    assert!(!codes(&check_one_both(dir.path(), links)).contains(&"LNK003".to_string()));
    // The folder becomes a site of its own: its pages are no longer this site's.
    settle(dir.path());
    std::fs::write(dir.path().join("notes/_config.yml"), "title: notes\n").unwrap();
    age_all(dir.path());
    assert!(codes(&check_one_both(dir.path(), links)).contains(&"LNK003".to_string()));
}

#[test]
fn edits_renames_deletions_and_config_changes_are_seen() {
    let dir = blog();
    check_both(dir.path());
    // Edit: a title now shared (the file's size and time change).
    std::fs::write(
        dir.path().join("_posts/2026-01-11-summer.md"),
        "---\ntitle: \"Spring planting on the allotment\"\n---\n\nMore text.\n",
    )
    .unwrap();
    let after_edit = check_both(dir.path());
    assert!(codes(&after_edit).contains(&"LNK005".to_string()), "{after_edit}");
    // Rename: the post_url target is gone, even though only the target changed.
    std::fs::rename(dir.path().join("_posts/2026-01-10-spring.md"), dir.path().join("_posts/2026-01-09-spring.md"))
        .unwrap();
    let after_rename = check_both(dir.path());
    assert!(codes(&after_rename).contains(&"LNK001".to_string()), "{after_rename}");
    // Delete: the internal link to /blog/summer/ no longer resolves.
    std::fs::remove_file(dir.path().join("_posts/2026-01-11-summer.md")).unwrap();
    let after_delete = check_both(dir.path());
    assert!(codes(&after_delete).contains(&"LNK003".to_string()), "{after_delete}");
    // Config: a new permalink style changes every URL (the cache's key changes): the link
    // to /blog/spring/ now misses the post, at /2026/spring/.
    std::fs::write(dir.path().join("_config.yml"), "permalink: /:year/:title/\n").unwrap();
    let after_config = check_both(dir.path());
    assert!(after_config.to_string().contains("/blog/spring/"), "{after_config}");
}

#[test]
fn a_damaged_cache_is_rebuilt_silently() {
    let dir = blog();
    check_both(dir.path());
    let cache = dir.path().join(".postlint_cache/index-v2.bin");
    let bytes = std::fs::read(&cache).unwrap();
    std::fs::write(&cache, &bytes[..bytes.len() / 2]).unwrap();
    // Another command than the cached run's, so the index is read, not the run replayed.
    let (code, json) = check_json(dir.path(), &["--select", "LNK001,LNK003,LNK005", "."]);
    assert_eq!(code, 0, "{json}");
    check_both(dir.path());
    assert_eq!(std::fs::read(&cache).unwrap().len(), bytes.len(), "rewritten whole");
}

#[test]
fn two_runs_at_once_leave_a_valid_cache() {
    let dir = blog();
    let run = || {
        postlint()
            .current_dir(dir.path())
            .args(["check", "--output-format", "json", "--select", "LNK001,LNK003,LNK005,LNK007", "."])
            .output()
            .unwrap()
    };
    let outputs = std::thread::scope(|scope| {
        let (a, b) = (scope.spawn(run), scope.spawn(run));
        [a.join().unwrap(), b.join().unwrap()]
    });
    for output in outputs {
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    assert!(dir.path().join(".postlint_cache/index-v2.bin").is_file());
    check_both(dir.path());
}

#[test]
fn what_earlier_versions_kept_is_removed() {
    let dir = blog();
    std::fs::create_dir(dir.path().join(".postlint_cache")).unwrap();
    for old in ["index-v1.json", "run-v1.json"] {
        std::fs::write(dir.path().join(".postlint_cache").join(old), b"{}").unwrap();
    }
    check_both(dir.path());
    assert!(dir.path().join(".postlint_cache/index-v2.bin").is_file());
    for old in ["index-v1.json", "run-v1.json"] {
        assert!(!dir.path().join(".postlint_cache").join(old).exists(), "{old} left behind");
    }
}

#[test]
fn no_cache_writes_nothing() {
    let dir = blog();
    let (_, _) = check_json(dir.path(), &["--no-cache", "--select", "LNK005", "."]);
    assert!(!dir.path().join(".postlint_cache").exists());
}

// The run cache (`.postlint_cache/run-v2.json`): a second run of the same command over
// an unchanged tree replays the first run's reports; any change is a miss.

const RUN_SELECT: &[&str] = &["--select", "LNK001,LNK003,LNK005,LNK007,HD002", "."];

/// A blog with one report, every file aged so the run cache trusts its times.
fn blog_with_a_report() -> tempfile::TempDir {
    let dir = blog();
    std::fs::write(
        dir.path().join("_posts/2026-01-13-deep.md"),
        "---\ntitle: \"Deep headings on the allotment\"\n---\n\n# Top\n\n#### Too deep\n",
    )
    .unwrap();
    age_all(dir.path());
    dir
}

/// Runs with the run cache twice (the second may replay), checks both against a
/// `--no-cache` run, and returns the replayed output.
fn replayed(dir: &Path) -> serde_json::Value {
    age_all(dir);
    let (_, first) = check_json(dir, RUN_SELECT);
    let (_, second) = check_json(dir, RUN_SELECT);
    let mut args = vec!["--no-cache"];
    args.extend_from_slice(RUN_SELECT);
    let (_, fresh) = check_json(dir, &args);
    assert_eq!(first, fresh, "a first run must equal a --no-cache run");
    assert_eq!(second, fresh, "a replayed run must equal a --no-cache run");
    second
}

/// Rewrites the text of a cache file as this machine's postlint would write it: sealed
/// with the key the tests' runs use (a file changed without its seal is not read at all).
fn rewrite_cache_file(path: &Path, edit: impl FnOnce(String) -> String) {
    let sealed = std::fs::read(path).expect("the cache file was written");
    let text = String::from_utf8(postlint::testing::unsealed(&sealed).to_vec()).expect("a text cache file");
    let key = postlint::testing::machine_key(&cache_home()).expect("the tests' runs made a key");
    postlint::testing::write_sealed(path, edit(text).as_bytes(), &key).unwrap();
}

/// Marks the stored reports and the stored output (keeping its length, which its header
/// records), so a replay of either shows the mark and a relint does not.
fn mark_the_run_cache(dir: &Path) {
    rewrite_cache_file(&dir.join(".postlint_cache/run-v2.json"), |text| {
        assert!(text.contains("heading jumps"), "{text}");
        text.replace("heading jumps", "REPLAYED heading jumps")
    });
    rewrite_cache_file(&dir.join(".postlint_cache/output-v1.bin"), |text| {
        assert!(text.contains("heading jumps"), "{text}");
        text.replace("heading jumps", "REPLAYED jump")
    });
}

#[test]
fn the_output_is_replayed_only_for_the_same_format_and_flags() {
    let dir = blog_with_a_report();
    replayed(dir.path());
    mark_the_run_cache(dir.path());
    let run = |args: &[&str]| {
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        let output = postlint().current_dir(dir.path()).args(&all).output().unwrap();
        (output.status.code(), String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let mut json = vec!["--output-format", "json"];
    json.extend_from_slice(RUN_SELECT);
    let (status, text) = run(&json);
    assert!(text.contains("REPLAYED jump"), "the same command prints the kept bytes: {text}");
    assert_eq!(status, Some(0), "with the kept exit code (a warning fails nothing by default)");
    // Another format renders the replayed reports afresh (and keeps its own output).
    let mut concise = vec!["--output-format", "concise"];
    concise.extend_from_slice(RUN_SELECT);
    let (_, text) = run(&concise);
    assert!(text.contains("REPLAYED heading jumps") && !text.contains("{"), "{text}");
    // A flag that changes the exit code is another output, not the kept one.
    let mut exit_zero = json.clone();
    exit_zero.extend(["--fail-on", "warning"]);
    let (status, text) = run(&exit_zero);
    assert_eq!(status, Some(1), "{text}");
    // A cut-short output file is a miss, never a truncated output.
    let kept = dir.path().join(".postlint_cache/output-v1.bin");
    let bytes = std::fs::read(&kept).unwrap();
    std::fs::write(&kept, &bytes[..bytes.len() - 10]).unwrap();
    let (_, text) = run(&exit_zero);
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{text}");
}

fn shows_the_mark(dir: &Path) -> bool {
    let (_, json) = check_json(dir, RUN_SELECT);
    json.to_string().contains("REPLAYED")
}

#[test]
fn a_second_run_over_an_unchanged_tree_replays_the_first() {
    let dir = blog_with_a_report();
    let json = replayed(dir.path());
    assert_eq!(codes(&json), ["HD002"], "{json}");
    mark_the_run_cache(dir.path());
    assert!(shows_the_mark(dir.path()), "the unchanged tree is replayed from the cache");
    // Another command is another entry.
    let (_, other) = check_json(dir.path(), &["--select", "HD002", "."]);
    assert!(!other.to_string().contains("REPLAYED"), "{other}");
}

#[test]
fn every_change_to_the_tree_or_the_command_relints() {
    let dir = blog_with_a_report();
    replayed(dir.path());
    type Change = Box<dyn Fn(&Path)>;
    let steps: Vec<(&str, Change)> = vec![
        (
            "an edited post",
            Box::new(|d: &Path| {
                std::fs::write(
                    d.join("_posts/2026-01-13-deep.md"),
                    "---\ntitle: \"Deep headings on the allotment\"\n---\n\n# Top\n\n### Less deep\n",
                )
                .unwrap()
            }),
        ),
        (
            "a renamed link target",
            Box::new(|d: &Path| {
                std::fs::rename(d.join("_posts/2026-01-10-spring.md"), d.join("_posts/2026-01-09-spring.md")).unwrap()
            }),
        ),
        ("a deleted post", Box::new(|d: &Path| std::fs::remove_file(d.join("_posts/2026-01-11-summer.md")).unwrap())),
        ("a new image", Box::new(|d: &Path| std::fs::write(d.join("photo.png"), b"png").unwrap())),
        (
            "a config change",
            Box::new(|d: &Path| std::fs::write(d.join("_config.yml"), "permalink: /:year/:title/\n").unwrap()),
        ),
        (
            "a postlint.toml",
            Box::new(|d: &Path| {
                std::fs::write(d.join("postlint.toml"), "[rules.HD002]\nseverity = \"error\"\n").unwrap()
            }),
        ),
        (
            "another version",
            Box::new(|d: &Path| {
                rewrite_cache_file(&d.join(".postlint_cache/run-v2.json"), |text| {
                    let mut entry: serde_json::Value = serde_json::from_str(&text).unwrap();
                    entry["invocation"] = serde_json::json!(entry["invocation"].as_u64().unwrap().wrapping_add(1));
                    entry.to_string()
                })
            }),
        ),
        (
            "a damaged cache",
            Box::new(|d: &Path| {
                std::fs::write(d.join(".postlint_cache/run-v2.json"), b"{\"invocation\": 3, trunc").unwrap()
            }),
        ),
    ];
    for (what, change) in steps {
        replayed(dir.path());
        mark_the_run_cache(dir.path());
        change(dir.path());
        age_all(dir.path());
        assert!(!shows_the_mark(dir.path()), "{what} must relint, not replay");
        replayed(dir.path());
    }
}

#[test]
fn two_runs_at_once_leave_a_readable_run_cache() {
    let dir = blog_with_a_report();
    let run = || {
        postlint().current_dir(dir.path()).args(["check", "--output-format", "json"]).args(RUN_SELECT).output().unwrap()
    };
    let outputs = std::thread::scope(|scope| {
        let (a, b) = (scope.spawn(run), scope.spawn(run));
        [a.join().unwrap(), b.join().unwrap()]
    });
    for output in &outputs {
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    assert_eq!(outputs[0].stdout, outputs[1].stdout);
    replayed(dir.path());
}

#[test]
fn fixes_and_no_cache_runs_do_not_use_the_run_cache() {
    let dir = blog_with_a_report();
    replayed(dir.path());
    mark_the_run_cache(dir.path());
    let (_, fresh) = check_json(dir.path(), &["--no-cache", "--select", "LNK001,LNK003,LNK005,LNK007,HD002", "."]);
    assert!(!fresh.to_string().contains("REPLAYED"));
    let output =
        postlint().current_dir(dir.path()).args(["check", "--diff", "--select", "HD002", "."]).output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains("REPLAYED"));
}

#[test]
fn runs_over_named_files_leave_the_run_cache_alone() {
    let dir = blog_with_a_report();
    replayed(dir.path());
    mark_the_run_cache(dir.path());
    // Pre-commit and the editor name files; their lists change with every call, so they
    // neither check the tree nor replace the entry of the whole-site run.
    let (_, one) = check_json(dir.path(), &["--select", "HD002", "_posts/2026-01-13-deep.md"]);
    assert!(!one.to_string().contains("REPLAYED"), "{one}");
    assert!(shows_the_mark(dir.path()), "the whole-site entry is still there");
}

/// Sets a file's modification time to a fixed second in the past (one per `second`), so
/// an edit is settled without changing any other file's time.
fn settle_at(path: &Path, second: u64) {
    let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 + second);
    std::fs::File::options().write(true).open(path).unwrap().set_modified(time).unwrap();
}

fn run_json(dir: &Path, select: &str) -> serde_json::Value {
    let (_, cached) = check_json(dir, &["--select", select, "."]);
    let (_, fresh) = check_json(dir, &["--no-cache", "--select", select, "."]);
    let unmarked = serde_json::from_str::<serde_json::Value>(&cached.to_string().replace("REPLAYED ", "")).unwrap();
    assert_eq!(unmarked, fresh, "a cached run must equal a --no-cache run, the mark aside");
    cached
}

/// Marks one stored report (only the reports, not the kept output), so a file whose
/// reports were reused shows the mark and a file linted again does not.
fn mark_the_stored_reports(dir: &Path, text: &str) {
    rewrite_cache_file(&dir.join(".postlint_cache/run-v2.json"), |stored| {
        assert!(stored.contains(text), "{stored}");
        stored.replace(text, &format!("REPLAYED {text}"))
    });
    let _ = std::fs::remove_file(dir.join(".postlint_cache/output-v1.bin"));
}

#[test]
fn after_a_change_only_the_posts_that_depend_on_it_are_linted_again() {
    const SELECT: &str = "LNK001,LNK003,LNK005,LNK007,LNK009,HD002";
    let dir = site(&[
        ("_config.yml", "permalink: /blog/:title/\n"),
        ("_posts/2026-01-10-spring.md", "---\ntitle: \"Spring planting\"\n---\n\n## Seed trays\n\nText.\n"),
        ("_posts/2026-01-11-summer.md", "---\ntitle: \"Summer watering\"\n---\n\nText.\n"),
        ("_posts/2026-01-12-links.md", "---\ntitle: \"Links\"\n---\n\n[trays](/blog/spring/#seed-trays)\n"),
        ("_posts/2026-01-13-deep.md", "---\ntitle: \"Deep headings\"\n---\n\n# Top\n\n#### Too deep\n"),
    ]);
    for (second, file) in walk(dir.path()).iter().enumerate() {
        settle_at(file, second as u64);
    }
    let posts = dir.path().join("_posts");
    let edit = |name: &str, text: &str, second: u64| {
        std::fs::write(posts.join(name), text).unwrap();
        settle_at(&posts.join(name), 100 + second);
    };
    let first = run_json(dir.path(), SELECT);
    assert_eq!(codes(&first), ["HD002"], "{first}");
    run_json(dir.path(), SELECT);
    let marked = |json: &serde_json::Value| json.to_string().contains("REPLAYED");

    // A body edit of another post: the deep post's reports are reused.
    mark_the_stored_reports(dir.path(), "heading jumps");
    edit("2026-01-11-summer.md", "---\ntitle: \"Summer watering\"\n---\n\nMore text.\n", 1);
    assert!(marked(&run_json(dir.path(), SELECT)), "an unrelated body edit reuses the other posts' reports");

    // A title edit changes what every post can see of the site: all are linted again.
    mark_the_stored_reports(dir.path(), "heading jumps");
    edit("2026-01-11-summer.md", "---\ntitle: \"Summer watering, again\"\n---\n\nMore text.\n", 2);
    assert!(!marked(&run_json(dir.path(), SELECT)), "a front matter edit relints");

    // A body edit of a post another one links into with a #fragment: that one is linted
    // again (its link now misses), the deep post is not.
    mark_the_stored_reports(dir.path(), "heading jumps");
    edit("2026-01-10-spring.md", "---\ntitle: \"Spring planting\"\n---\n\n## Seedlings\n\nText.\n", 3);
    let after = run_json(dir.path(), SELECT);
    assert!(marked(&after), "{after}");
    assert!(codes(&after).contains(&"LNK009".to_string()), "the linking post was linted again: {after}");

    // A new image (a file that is not a page) may change any post's reports.
    mark_the_stored_reports(dir.path(), "heading jumps");
    std::fs::write(dir.path().join("photo.png"), b"png").unwrap();
    settle_at(&dir.path().join("photo.png"), 200);
    assert!(!marked(&run_json(dir.path(), SELECT)), "a new file that is not a page relints");
}
