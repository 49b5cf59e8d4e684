#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn postlint() -> Command {
    let mut command = Command::cargo_bin("postlint").expect("the postlint binary is built by cargo test");
    command
        .env_remove("POSTLINT_OUTPUT_FORMAT")
        .env("POSTLINT_NOW", "2026-06-01")
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", cache_home());
    command
}

/// The cache home the tests' runs keep postlint's key in (`XDG_CACHE_HOME`): under the
/// build folder, never the user's own.
pub fn cache_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("postlint-cache-home")
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Writes files into a fresh temporary directory: `(relative path, content)`.
pub fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (path, content) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("file has a parent")).expect("create directories");
        std::fs::write(full, content).expect("write file");
    }
    dir
}

/// Runs `postlint check --output-format json` with extra args in `dir`; returns (exit code, JSON).
pub fn check_json(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    let output = postlint()
        .current_dir(dir)
        .arg("check")
        .arg("--output-format")
        .arg("json")
        .args(args)
        .output()
        .expect("postlint runs");
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code().unwrap_or(-1), json)
}

/// `(code, line, column)` of each diagnostic.
pub fn positions(json: &serde_json::Value) -> Vec<(String, u64, u64)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

pub fn codes(json: &serde_json::Value) -> Vec<String> {
    positions(json).into_iter().map(|(code, _, _)| code).collect()
}

/// Copies a fixture site into a fresh temporary directory, so a test can change it.
pub fn copy_site(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    copy_tree(from, dir.path());
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create directory");
    for entry in std::fs::read_dir(from).expect("read directory") {
        let entry = entry.expect("directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Runs a rule doc's `norun` examples inside a copy of `fixtures/site`, as
/// `_posts/2026-03-05-example.md`: each Bad must raise the rule, each Good must not.
pub fn run_site_examples(code: &str) {
    let doc = postlint::rulebook::find(code).expect("the rule has a doc");
    let examples: Vec<_> = doc.examples().into_iter().filter(|e| !e.runnable).collect();
    assert!(!examples.is_empty(), "{code} has no norun examples");
    for example in examples {
        let dir = copy_site(&fixtures().join("site"));
        let path = "_posts/2026-03-05-example.md";
        std::fs::write(dir.path().join(path), &example.text).expect("write example");
        let (_, json) = check_json(dir.path(), &["--select", code, path]);
        let raised = codes(&json).iter().any(|c| c == code);
        assert_eq!(
            raised,
            example.bad,
            "rules/{code}.md:{}: {} example, got {json}",
            example.line,
            if example.bad { "Bad" } else { "Good" }
        );
    }
}

/// `(code, line, column, message)` of the diagnostics whose path contains `part`.
pub fn found_in(json: &serde_json::Value, part: &str) -> Vec<(String, u64, u64, String)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .filter(|d| d["path"].as_str().unwrap_or("").contains(part))
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or("").to_string();
            (text("code"), d["line"].as_u64().unwrap_or(0), d["column"].as_u64().unwrap_or(0), text("message"))
        })
        .collect()
}

/// The seed-shaped fixture post, as a path from the fixture site's root.
pub fn seed_path() -> String {
    let dir = fixtures().join("site/_posts");
    let path = std::fs::read_dir(&dir)
        .expect("fixture posts")
        .map(|e| e.expect("entry").path())
        .find(|p| p.to_string_lossy().contains("2026-01-12-"))
        .expect("the seed-shaped fixture");
    format!("_posts/{}", path.file_name().unwrap_or_default().to_string_lossy())
}
pub mod hostile;

/// Red-team B3: a Jekyll `_config.yml` whose `exclude:` mixes entries Jekyll 4.3 matches
/// (a glob, a string prefix of a longer name, `*` across folders, a folder with a trailing
/// `/`) with entries it does not (`./`, `{a,b}` without extglob, a file with a trailing
/// `/`, another case). `JEKYLL_EXCLUDE_BUILT` is what a real `jekyll build` publishes of
/// `JEKYLL_EXCLUDE_SOURCES` (checked by `tests/integrations.rs`).
pub const JEKYLL_EXCLUDE_CONFIG: &str = "title: Gate\nexclude:\n  - ./_posts/2026-02-01-dot.md\n  - _posts/2026-02-02-slash.md/\n  - \"{_posts/2026-02-03-brace.md,x}\"\n  - _posts/2026-02-04-glob*\n  - _posts/old\n  - drafts\n  - \"*/wip.md\"\n  - _posts/sub/\n  - notes/\n  - Notes2\n  - pages\ninclude:\n  - keep.md\n";
pub const JEKYLL_EXCLUDE_SOURCES: &[&str] = &[
    "_posts/2026-02-01-dot.md",
    "_posts/2026-02-02-slash.md",
    "_posts/2026-02-03-brace.md",
    "_posts/2026-02-04-globbed.md",
    "_posts/older/2026-02-05-older.md",
    "_posts/sub/2026-02-06-sub.md",
    "_posts/2026-02-07-plain.md",
    "drafts-2/page.md",
    "blog/wip.md",
    "notes/page.md",
    "notes2/page.md",
    "pages/keep.md",
];
pub const JEKYLL_EXCLUDE_BUILT: &[&str] = &[
    "_posts/2026-02-01-dot.md",
    "_posts/2026-02-02-slash.md",
    "_posts/2026-02-03-brace.md",
    "_posts/2026-02-07-plain.md",
    "notes2/page.md",
];

// The generator suites' view of a site and of a run (`tests/docusaurus.rs`, `tests/mkdocs.rs`).

/// `postlint site --output-format json` in `dir`: its first site.
pub fn describe(dir: &Path) -> serde_json::Value {
    let output = postlint().current_dir(dir).args(["site", "--output-format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    json["sites"][0].clone()
}

/// The described site's entry for the file at `path` (`Null` when it has none).
pub fn file<'a>(site: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    site["files"]
        .as_array()
        .and_then(|files| files.iter().find(|f| f["path"] == path))
        .unwrap_or(&serde_json::Value::Null)
}

/// Appends `text` to the file at `dir/file`.
pub fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let mut content = std::fs::read_to_string(&path).unwrap();
    content.push_str(text);
    std::fs::write(path, content).unwrap();
}

/// `(code, path, line)` of each diagnostic.
pub fn found(json: &serde_json::Value) -> Vec<(String, String, u64)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}
