//! `--baseline` and `--write-baseline`: adopting postlint on a blog that already has
//! findings. Only new findings are reported and fail; the baseline's entries survive
//! lines moving; fixed ones are stale (reported, never failing) and pruned on rewrite.

mod common;

use std::path::Path;

use common::*;
use predicates::prelude::*;

/// Two identical IMG002 errors (the same pasted URL) and an FM012 warning.
const POST: &str = "---\ntitle: \"Garden notes for spring planting\"\ncountry: no\n---\n\nIntro.\n\n![A bed of tulips](https://x.test/a.jpg?w=1&w=2)\n\n![A bed of tulips](https://x.test/a.jpg?w=1&w=2)\n";
/// Another post with one IMG002 error.
const OTHER: &str =
    "---\ntitle: \"Compost for small balconies\"\n---\n\nText.\n\n![A compost bin](https://x.test/b.jpg?h=1&h=3)\n";
const A: &str = "_posts/2026-01-01-a.md";
const B: &str = "_posts/2026-01-02-b.md";
const SELECT: &str = "IMG002,FM012,FM001";

/// A repository (a `.git` folder marks its root) with the two posts.
fn blog() -> tempfile::TempDir {
    let dir = site(&[(A, POST), (B, OTHER)]);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

fn write_baseline(dir: &Path, args: &[&str]) {
    postlint()
        .current_dir(dir)
        .args(["check", "--select", SELECT, "--write-baseline", "postlint-baseline.json"])
        .args(args)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote postlint-baseline.json"));
}

fn with_baseline(dir: &Path, args: &[&str]) -> (i32, serde_json::Value) {
    check_json(dir, &[&["--select", SELECT, "--baseline", "postlint-baseline.json"], args].concat())
}

fn edit(dir: &Path, path: &str, change: impl FnOnce(String) -> String) {
    let full = dir.join(path);
    let text = std::fs::read_to_string(&full).unwrap();
    std::fs::write(&full, change(text)).unwrap();
}

fn baseline_summary(json: &serde_json::Value) -> (u64, u64) {
    let baseline = &json["summary"]["baseline"];
    (baseline["matched"].as_u64().unwrap_or(99), baseline["stale"].as_u64().unwrap_or(99))
}

#[test]
fn add_then_only_new_findings_are_reported() {
    let dir = blog();
    let (code, json) = check_json(dir.path(), &["--select", SELECT, "."]);
    assert_eq!((code, codes(&json).len()), (1, 4), "the blog fails before: {json}");
    write_baseline(dir.path(), &["."]);
    let file = std::fs::read_to_string(dir.path().join("postlint-baseline.json")).unwrap();
    assert!(file.contains("\"path\":\"_posts/2026-01-01-a.md\"") && file.contains("\"count\":2"), "{file}");
    let (code, json) = with_baseline(dir.path(), &["."]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(codes(&json), Vec::<String>::new());
    assert_eq!(baseline_summary(&json), (4, 0));
    // The text summary says so too.
    postlint()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise", "--select", SELECT, "--baseline", "postlint-baseline.json", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("All checks passed (2 files).\nBaseline: 4 known problems not shown.\n"));
}

#[test]
fn a_moved_line_is_still_matched() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    edit(dir.path(), A, |text| {
        text.replacen("---\n\nIntro.", "---\n\nA new first paragraph.\n\nAnd a second.\n\nIntro.", 1)
    });
    edit(dir.path(), A, |text| text.replacen("country: no", "author: \"Kim\"\ncountry: no", 1));
    let (code, json) = with_baseline(dir.path(), &["."]);
    assert_eq!((code, codes(&json)), (0, vec![]), "{json}");
    assert_eq!(baseline_summary(&json), (4, 0));
}

#[test]
fn fixing_one_leaves_a_stale_entry_that_does_not_fail_and_a_rewrite_prunes_it() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    edit(dir.path(), B, |text| text.replace("?h=1&h=3", "?h=3"));
    let (code, json) = with_baseline(dir.path(), &["--fail-on", "info", "."]);
    assert_eq!(code, 0, "a stale entry never fails, whatever --fail-on: {json}");
    assert_eq!(baseline_summary(&json), (3, 1));
    postlint()
        .current_dir(dir.path())
        .args(["check", "--output-format", "concise", "--select", SELECT, "--baseline", "postlint-baseline.json", "."])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "Baseline: 3 known problems not shown; 1 entry no longer found (fixed or changed: `--write-baseline` prunes it).",
        ));
    postlint()
        .current_dir(dir.path())
        .args(["check", "--select", SELECT, "--write-baseline", "postlint-baseline.json", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains("wrote postlint-baseline.json: 3 findings (1 pruned)"));
    let file = std::fs::read_to_string(dir.path().join("postlint-baseline.json")).unwrap();
    assert!(!file.contains("2026-01-02-b.md"), "{file}");
    assert_eq!(baseline_summary(&with_baseline(dir.path(), &["."]).1), (3, 0));
}

#[test]
fn a_new_finding_is_reported_and_fails() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    edit(dir.path(), B, |text| text + "\n![A shovel](https://x.test/s.jpg?q=1&q=2)\n");
    let (code, json) = with_baseline(dir.path(), &["."]);
    assert_eq!(code, 1, "{json}");
    let found = found_in(&json, B);
    assert_eq!(found.len(), 1, "only the new one: {json}");
    assert!(found[0].3.contains("`q`"), "{json}");
    assert_eq!(baseline_summary(&json), (4, 0));
    assert_eq!(json["summary"]["files_with_problems"], 1);
}

#[test]
fn identical_findings_are_counted() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    let pasted = "\n![A bed of tulips](https://x.test/a.jpg?w=1&w=2)\n";
    // A third copy of the same mistake is new.
    edit(dir.path(), A, |text| text + pasted);
    let (code, json) = with_baseline(dir.path(), &["."]);
    assert_eq!(code, 1, "{json}");
    assert_eq!(found_in(&json, A).iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["IMG002"], "{json}");
    // Two fixed of three: one stale, nothing reported.
    edit(dir.path(), A, |text| text.replacen("?w=1&w=2", "?w=2", 2));
    let (code, json) = with_baseline(dir.path(), &["."]);
    assert_eq!((code, codes(&json)), (0, vec![]), "{json}");
    assert_eq!(baseline_summary(&json), (3, 1));
}

#[test]
fn stale_entries_are_counted_for_checked_and_deleted_files_only() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    // A one-file run (pre-commit) speaks only for that file: the other file's entries
    // are neither stale nor matched.
    let (code, json) = with_baseline(dir.path(), &[A]);
    assert_eq!((code, baseline_summary(&json)), (0, (3, 0)), "{json}");
    // A deleted post's entries are stale, in any run.
    std::fs::remove_file(dir.path().join(B)).unwrap();
    let (code, json) = with_baseline(dir.path(), &[A]);
    assert_eq!((code, baseline_summary(&json)), (0, (3, 1)), "{json}");
    // A run of other rules (the links hook) leaves these rules' entries alone.
    let (code, json) = check_json(dir.path(), &["--select", "LNK001", "--baseline", "postlint-baseline.json", "."]);
    assert_eq!((code, baseline_summary(&json)), (0, (0, 0)), "{json}");
    // Nor does a rewrite by such a run drop them (the deleted post's included: only a
    // run of its rules prunes it).
    postlint()
        .current_dir(dir.path())
        .args(["check", "--select", "LNK001", "--write-baseline", "postlint-baseline.json", "."])
        .assert()
        .code(0);
    let (_, json) = with_baseline(dir.path(), &[A]);
    assert_eq!(baseline_summary(&json), (3, 1), "{json}");
    write_baseline(dir.path(), &[A]);
    let (_, json) = with_baseline(dir.path(), &[A]);
    assert_eq!(baseline_summary(&json), (3, 0), "a one-file rewrite prunes the deleted post's entries: {json}");
}

#[test]
fn a_one_file_pre_commit_run_with_the_baseline_fails_only_on_new_findings() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    // The hook's own command line: changed files only, excludes forced.
    let hook = |dir: &Path| {
        postlint()
            .current_dir(dir)
            .args(["check", "--force-exclude", "--select", SELECT, "--baseline", "postlint-baseline.json", B])
            .output()
            .unwrap()
    };
    assert_eq!(hook(dir.path()).status.code(), Some(0));
    edit(dir.path(), B, |text| text.replace("Text.", "Text.\n\n![A rake](https://x.test/r.jpg?w=1&w=4)"));
    let output = hook(dir.path());
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("r.jpg") || stdout.contains("IMG002"), "{stdout}");
    assert!(!stdout.contains("2026-01-01-a.md"), "{stdout}");
}

#[test]
fn isolated_gate_reads_the_baseline_named_on_the_command_line_wherever_it_is_kept() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    // The gate keeps the base branch's copy outside the checkout ($RUNNER_TEMP): paths
    // in it are relative to the repository root, not to the file.
    let trusted = tempfile::tempdir().unwrap();
    let copy = trusted.path().join("baseline.json");
    std::fs::copy(dir.path().join("postlint-baseline.json"), &copy).unwrap();
    // The pull request switches its own config off and adds a finding.
    std::fs::write(dir.path().join("postlint.toml"), "select = []\n").unwrap();
    edit(dir.path(), B, |text| text + "\n![A shovel](https://x.test/s.jpg?q=1&q=2)\n");
    let copy = copy.to_string_lossy().into_owned();
    let (code, json) =
        check_json(dir.path(), &["--isolated", "--select", SELECT, "--baseline", &copy, "--fail-on", "error", "."]);
    assert_eq!(code, 1, "{json}");
    assert_eq!(codes(&json), ["IMG002"], "{json}");
    assert_eq!(baseline_summary(&json), (4, 0));
    // The pull request's own additions to the file in its checkout are not read.
    postlint()
        .current_dir(dir.path())
        .args(["check", "--isolated", "--select", SELECT, "--write-baseline", "postlint-baseline.json", "."])
        .assert()
        .code(0);
    let (code, _) =
        check_json(dir.path(), &["--isolated", "--select", SELECT, "--baseline", &copy, "--fail-on", "error", "."]);
    assert_eq!(code, 1);
}

#[test]
fn a_damaged_baseline_is_exit_2_naming_the_file_and_line() {
    let dir = blog();
    let damaged = "{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\": \"_posts/a.md\", \"code\": \"IMG002\", \"count\": 1}\n  ]\n}\n";
    std::fs::write(dir.path().join("postlint-baseline.json"), damaged).unwrap();
    postlint()
        .current_dir(dir.path())
        .args(["check", "--baseline", "postlint-baseline.json", "."])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("postlint-baseline.json:4:")
                .and(predicate::str::contains("not a postlint baseline"))
                .and(predicate::str::contains("missing field `fingerprint`"))
                .and(predicate::str::contains("--write-baseline postlint-baseline.json")),
        );
    std::fs::write(dir.path().join("postlint-baseline.json"), "{\"version\": 1, \"findings\": [,]}").unwrap();
    postlint()
        .current_dir(dir.path())
        .args(["check", "--baseline", "postlint-baseline.json", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("postlint-baseline.json:1:"));
    // Rewriting does not silently throw a damaged file away either.
    postlint()
        .current_dir(dir.path())
        .args(["check", "--write-baseline", "postlint-baseline.json", "."])
        .assert()
        .code(2);
    postlint()
        .current_dir(dir.path())
        .args(["check", "--baseline", "missing.json", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no baseline at missing.json"));
}

#[test]
fn the_cache_on_or_off_gives_the_same_result_and_a_new_baseline_is_seen() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    edit(dir.path(), B, |text| text + "\n![A shovel](https://x.test/s.jpg?q=1&q=2)\n");
    let concise = |args: &[&str]| {
        let output = postlint()
            .current_dir(dir.path())
            .args(["check", "--output-format", "concise", "--select", SELECT, "--baseline", "postlint-baseline.json"])
            .args(args)
            .arg(".")
            .output()
            .unwrap();
        (output.status.code(), String::from_utf8(output.stdout).unwrap())
    };
    let cold = concise(&["--no-cache"]);
    assert_eq!(cold.0, Some(1));
    assert_eq!(concise(&[]), cold, "first cached run");
    assert_eq!(concise(&[]), cold, "replayed run");
    // The same flags with a rewritten baseline: the output cache must not replay.
    write_baseline(dir.path(), &["."]);
    let (code, text) = concise(&[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("Baseline: 5 known problems not shown."), "{text}");
}

#[test]
fn formats_without_a_summary_say_the_baseline_counts_on_stderr() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    edit(dir.path(), B, |text| text.replace("?h=1&h=3", "?h=3"));
    for format in ["github", "sarif", "json-lines"] {
        let output = postlint()
            .current_dir(dir.path())
            .args(["check", "--output-format", format, "--select", SELECT, "--baseline", "postlint-baseline.json", "."])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("Baseline: 3 known problems not shown; 1 entry no longer found"), "{format}: {stderr}");
    }
}

#[test]
fn severity_error_shows_only_errors_and_a_conflicting_fail_on_is_refused() {
    let dir = blog();
    let (code, json) = check_json(dir.path(), &["--select", SELECT, "--severity", "error", "."]);
    assert_eq!(code, 1);
    assert_eq!(codes(&json), ["IMG002", "IMG002", "IMG002"], "{json}");
    assert_eq!(json["summary"]["warnings"], 0, "{json}");
    // With a baseline: the warnings are in it (matched), only new errors fail.
    write_baseline(dir.path(), &["."]);
    edit(dir.path(), A, |text| text.replace("country: no", "country: no\nregion: off"));
    let (code, json) = with_baseline(dir.path(), &["--severity", "error", "--fail-on", "error", "."]);
    assert_eq!((code, codes(&json)), (0, vec![]), "the new FM012 warning is not shown: {json}");
    postlint()
        .current_dir(dir.path())
        .args(["check", "--severity", "error", "--fail-on", "warning", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "`--fail-on warning` would fail the run on diagnostics that `--severity error` hides",
        ));
}

#[test]
fn a_file_postlint_cannot_read_is_never_baselined() {
    let dir = blog();
    std::fs::write(dir.path().join("_posts/2026-01-03-c.md"), b"---\ntitle: \"x\"\n---\n\xff\xfe\n").unwrap();
    postlint()
        .current_dir(dir.path())
        .args(["check", "--select", SELECT, "--write-baseline", "postlint-baseline.json", "."])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("PL001"));
    let file = std::fs::read_to_string(dir.path().join("postlint-baseline.json")).unwrap();
    assert!(!file.contains("PL001"), "{file}");
}

#[test]
fn a_run_from_a_subfolder_uses_the_same_baseline() {
    let dir = blog();
    write_baseline(dir.path(), &["."]);
    let (code, json) =
        check_json(&dir.path().join("_posts"), &["--select", SELECT, "--baseline", "../postlint-baseline.json", "."]);
    assert_eq!((code, baseline_summary(&json)), (0, (4, 0)), "{json}");
}
