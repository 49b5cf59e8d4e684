//! Issue 29, "one boundary, said once": what postlint reads on its own stays inside the
//! site's repository (the git work tree that holds the site, else the site root), never
//! inside `.git/`; what the user names (a path, `--config`) is trusted as named (issue 32).
//! The config it discovers is read like every other file, `init` never writes through a
//! link, and folders linked to somewhere outside are not listed.

#![cfg(unix)]

mod common;

use std::os::unix::fs::symlink;
use std::path::Path;

use common::*;

/// FM012 fires on it: a post that is linted says so.
const POST: &str = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n\nBody.\n";

/// What a CI checkout's `.git/config` holds: the token `actions/checkout` persists.
const GIT_CONFIG: &str = "[core]\n\tbare = false\n[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic SECRET_TOKEN_abc123\n";

/// A custom rule that prints what it matches: a post read from `.git/config` would show
/// the credential in the message.
const MATCH_PRINTER: &str = "[custom.X100]\nkind = \"existence\"\nscope = \"body\"\npattern = \"extraheader[^\\\\n]*\"\nmessage = \"found {match}\"\n";

/// A Jekyll site that is a git repository (a `.git` folder standing in for `git init`).
fn repository(files: &[(&str, &str)]) -> tempfile::TempDir {
    let mut all = vec![(".git/config", GIT_CONFIG), ("_config.yml", "title: Blog\n")];
    all.extend_from_slice(files);
    site(&all)
}

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let output = postlint().current_dir(dir).args(args).timeout(std::time::Duration::from_secs(60)).output().unwrap();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.code().unwrap_or(-1), text(&output.stdout), text(&output.stderr))
}

#[test]
fn a_post_linked_into_dot_git_is_never_linted_or_printed() {
    let dir = repository(&[("postlint.toml", MATCH_PRINTER), ("_posts/2026-01-12-ok.md", POST)]);
    symlink("../.git/config", dir.path().join("_posts/2026-01-13-x.md")).unwrap();
    // Found by walking, and named on the command line (as a pre-commit hook names it).
    for paths in [&["."][..], &["_posts/2026-01-13-x.md", "_posts/2026-01-12-ok.md"]] {
        for format in ["github", "gitlab", "json", "full"] {
            let mut args = vec!["check", "--output-format", format];
            args.extend_from_slice(paths);
            let (code, stdout, stderr) = run(dir.path(), &args);
            assert_eq!(code, 1, "{format} {paths:?}: {stdout}{stderr}");
            assert!(!stdout.contains("SECRET_TOKEN") && !stdout.contains("extraheader"), "{format}: {stdout}");
            assert!(stdout.contains("2026-01-13-x.md") && stdout.contains("`.git` folder"), "{format}: {stdout}");
            assert!(stdout.contains("2026-01-12-ok.md"), "{format}: the run goes on: {stdout}");
        }
    }
}

#[test]
fn a_file_named_in_another_repository_is_linted_in_its_own() {
    let here = repository(&[("_posts/2026-01-12-here.md", POST)]);
    let other =
        repository(&[("_posts/2026-01-12-there.md", POST), ("schemas/post.json", "{\"required\": [\"author\"]}")]);
    let named = other.path().join("_posts/2026-01-12-there.md");
    let (code, json) = check_json(here.path(), &[named.to_str().unwrap()]);
    assert_eq!(code, 0, "warnings only: {json}");
    let found = found_in(&json, "2026-01-12-there.md");
    assert!(found.iter().any(|(code, ..)| code == "FM012"), "linted where it is: {json}");
    assert!(!found.iter().any(|(code, ..)| code == "PL001"), "{json}");

    // Its site files are read inside its own repository, not the working directory's:
    // its schema beside the site is read, while a schema in the working directory's
    // repository is outside.
    let schema_post = |schema: &Path| {
        format!("---\n$schema: {}\ntitle: \"Notes from the spring market\"\n---\n\nBody.\n", schema.display())
    };
    std::fs::write(here.path().join("secret.json"), "{\"required\": [\"SECRET_TOKEN_abc123\"]}").unwrap();
    std::fs::write(other.path().join("_posts/2026-02-01-own.md"), schema_post(&other.path().join("schemas/post.json")))
        .unwrap();
    std::fs::write(other.path().join("_posts/2026-02-02-leak.md"), schema_post(&here.path().join("secret.json")))
        .unwrap();
    let own = other.path().join("_posts/2026-02-01-own.md");
    let leak = other.path().join("_posts/2026-02-02-leak.md");
    let (_, json) = check_json(here.path(), &["--select", "FM017", own.to_str().unwrap(), leak.to_str().unwrap()]);
    assert!(!json.to_string().contains("SECRET_TOKEN"), "{json}");
    let own = found_in(&json, "2026-02-01-own.md");
    assert!(own.iter().any(|(code, _, _, m)| code == "FM017" && m.contains("author")), "its schema applies: {json}");
    let leak = found_in(&json, "2026-02-02-leak.md");
    assert!(leak.iter().any(|(code, _, _, m)| code == "FM017" && m.contains("outside")), "{json}");

    // A link in it that leads out of its own repository is still not followed.
    symlink(here.path().join("_posts/2026-01-12-here.md"), other.path().join("_posts/2026-03-01-link.md")).unwrap();
    let link = other.path().join("_posts/2026-03-01-link.md");
    let (_, json) = check_json(here.path(), &[link.to_str().unwrap()]);
    let found = found_in(&json, "2026-03-01-link.md");
    assert!(found.iter().all(|(code, _, _, m)| code == "PL001" && m.contains("outside")), "{json}");
    assert!(!found.is_empty(), "{json}");
}

#[test]
fn outside_git_a_file_named_with_dotdot_is_linted_in_its_site() {
    let dir = site(&[("_config.yml", "title: Blog\n"), ("about.md", POST), ("_posts/2026-01-12-a.md", POST)]);
    let (_, json) = check_json(&dir.path().join("_posts"), &["../about.md", "2026-01-12-a.md"]);
    let about = found_in(&json, "about.md");
    assert!(about.iter().any(|(code, ..)| code == "FM012"), "{json}");
    assert!(!about.iter().any(|(code, ..)| code == "PL001"), "{json}");
}

#[test]
fn a_trusted_config_outside_the_checkout_is_read_again_when_it_changes() {
    let dir = repository(&[("_posts/2026-01-12-ok.md", POST)]);
    // Files older than the run, so the run cache may replay its last output.
    let touched = std::process::Command::new("find")
        .args([".", "-exec", "touch", "-h", "-d", "2020-01-01", "{}", "+"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(touched.success());
    let trusted = tempfile::tempdir().unwrap();
    let config = trusted.path().join("postlint.toml");
    let args = ["check", "--output-format", "concise", "--config", config.to_str().unwrap(), "."];
    std::fs::write(&config, "ignore = [\"FM012\"]\n").unwrap();
    let (code, stdout, stderr) = run(dir.path(), &args);
    assert!(code == 0 && !stdout.contains("FM012"), "{stdout}{stderr}");
    // The same run with the changed config: not the last run's output again.
    std::fs::write(&config, "select = [\"FM012\"]\n").unwrap();
    let (_, stdout, stderr) = run(dir.path(), &args);
    assert!(stdout.contains("FM012"), "{stdout}{stderr}");
}

#[test]
fn a_discovered_config_linked_outside_is_refused_without_echoing_it() {
    let outside = site(&[("secret.toml", "select = \"TOPSECRET-abc123\"\n")]);
    let dir = repository(&[("_posts/2026-01-12-ok.md", POST)]);
    symlink(outside.path().join("secret.toml"), dir.path().join("postlint.toml")).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(!stdout.contains("TOPSECRET") && !stderr.contains("TOPSECRET"), "{stdout}{stderr}");
    assert!(stderr.contains("postlint.toml") && stderr.contains("outside"), "{stderr}");

    // Nor into `.git`.
    let dir = repository(&[("_posts/2026-01-12-ok.md", POST)]);
    symlink(".git/config", dir.path().join(".postlint.toml")).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(!stderr.contains("SECRET_TOKEN") && stderr.contains("`.git`"), "{stderr}");

    // Named with `--config`, the same file is trusted as named (a CI gate keeps the base
    // branch's config outside the checkout).
    let dir = repository(&[("_posts/2026-01-12-ok.md", POST)]);
    let named = outside.path().join("named.toml");
    std::fs::write(&named, "ignore = [\"FM012\"]\n").unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["check", "--config", named.to_str().unwrap(), "."]);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

#[test]
fn a_discovered_config_that_is_huge_or_not_a_regular_file_is_not_read() {
    // `/proc/self/pagemap` reads as gigabytes: under a 2 GB address-space limit the run
    // must end by itself with a refusal, not an allocation failure.
    let dir = repository(&[("_posts/2026-01-12-ok.md", POST)]);
    symlink("/proc/self/pagemap", dir.path().join("postlint.toml")).unwrap();
    let output = std::process::Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!("ulimit -v 2000000; exec '{}' check .", assert_cmd::cargo::cargo_bin("postlint").display()))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("postlint.toml") && stderr.contains("outside"), "{stderr}");

    // Inside the repository: over the 1 MiB cap, or a FIFO (which must not block).
    let dir = repository(&[("_posts/2026-01-12-ok.md", POST)]);
    std::fs::write(dir.path().join("postlint.toml"), "# padding\n".repeat(110_000)).unwrap();
    let (code, _, stderr) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("1 MiB limit"), "{stderr}");
    let dir = repository(&[("_posts/2026-01-12-ok.md", POST)]);
    assert!(std::process::Command::new("mkfifo").arg(dir.path().join("postlint.toml")).status().unwrap().success());
    let (code, _, stderr) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");
}

#[test]
fn init_never_writes_through_a_link() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("checkout");
    std::fs::create_dir_all(parent.path().join("elsewhere")).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    // A committed dangling link: following it would create a file outside the checkout.
    symlink("../elsewhere/postlint.toml", dir.join("postlint.toml")).unwrap();
    let (code, _, stderr) = run(&dir, &["init"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("symbolic link"), "{stderr}");
    assert!(!parent.path().join("elsewhere/postlint.toml").exists(), "nothing is written outside");
    // A link to an existing file is not written through either.
    std::fs::write(parent.path().join("elsewhere/postlint.toml"), "# theirs\n").unwrap();
    let (code, _, _) = run(&dir, &["init"]);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(parent.path().join("elsewhere/postlint.toml")).unwrap(), "# theirs\n");
    // Where nothing is in the way, the starter is written.
    std::fs::remove_file(dir.join("postlint.toml")).unwrap();
    let (code, _, stderr) = run(&dir, &["init"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(std::fs::read_to_string(dir.join("postlint.toml")).unwrap().contains("postlint configuration"));
}

#[test]
fn folders_linked_outside_are_not_listed() {
    let outside = site(&[
        ("SECRETNAME_layout.html", "<link rel=\"canonical\" href=\"{{ page.canonical_url }}\">\n"),
        ("deep/a/b/SECRETNAME_theme.html", "<meta name=\"description\" content=\"{{ page.description }}\">\n"),
        ("SECRETNAME_rules.toml", "[custom.X9]\nkind = \"existence\"\ntokens = [\"a\"]\nmessage = \"m\"\n"),
    ]);
    let post = "---\ntitle: \"Notes from the spring market\"\ndescription: \"A walk through the spring market, stall by stall, with prices and what sold out first.\"\ncanonical_url: http://localhost:4000/x/\n---\n\nBody.\n";
    // Jekyll `_layouts` (templates for the canonical link) and Zola `themes`.
    let jekyll = repository(&[("_posts/2026-01-12-market.md", post)]);
    symlink(outside.path(), jekyll.path().join("_layouts")).unwrap();
    let zola = site(&[
        ("config.toml", "base_url = \"https://example.org\"\n"),
        ("content/market.md", "+++\ntitle = \"Notes from the spring market\"\ndescription = \"short\"\n+++\n\nBody.\n"),
        ("templates/page.html", "<title>{{ page.title }}</title>\n"),
    ]);
    symlink(outside.path(), zola.path().join("themes")).unwrap();
    for dir in [&jekyll, &zola] {
        let (_, json) = check_json(dir.path(), &["--select", "ALL", "."]);
        assert!(!json.to_string().contains("SECRETNAME"), "no outside name is shown: {json}");
    }

    // A `custom-rules` folder linked outside: no outside name in the error either.
    let dir =
        repository(&[("_posts/2026-01-12-ok.md", POST), ("postlint.toml", "custom-rules = [\"rules/*.toml\"]\n")]);
    symlink(outside.path(), dir.path().join("rules")).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["check", "."]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(!stderr.contains("SECRETNAME"), "{stderr}");
}

#[test]
fn whether_a_file_exists_outside_the_repository_changes_no_diagnostic() {
    let outside = site(&[("secret.png", "not really a png"), ("secret.md", POST)]);
    let post = |target: &str| {
        format!("---\ntitle: \"Notes from the spring market\"\n---\n\n[x]({target})\n\n![y]({target})\n")
    };
    let up = "../".repeat(20);
    let cases = [
        (format!("{up}etc/passwd"), format!("{up}etc/postlint-nonexistent")),
        ("/linked/secret.png".to_string(), "/linked/postlint-nonexistent.png".to_string()),
        ("../linked/secret.md".to_string(), "../linked/postlint-nonexistent.md".to_string()),
    ];
    for (exists, missing) in cases {
        let dir =
            repository(&[("_posts/2026-01-12-a.md", &post(&exists)), ("_posts/2026-01-12-b.md", &post(&missing))]);
        symlink(outside.path(), dir.path().join("linked")).unwrap();
        let (_, json) = check_json(dir.path(), &["--select", "LNK002,IMG006", "."]);
        let codes =
            |file: &str| found_in(&json, file).into_iter().map(|(code, line, ..)| (code, line)).collect::<Vec<_>>();
        assert_eq!(codes("2026-01-12-a.md"), codes("2026-01-12-b.md"), "{exists} vs {missing}: {json}");
    }
}
