//! What the command line prints around the diagnostics: `postlint rules` within the
//! terminal, config mistakes with a suggestion, summaries, statistics, fix hints.

mod common;

use common::*;
use predicates::prelude::*;

fn width(line: &str) -> usize {
    line.chars().map(|c| if postlint_is_wide(c) { 2 } else { 1 }).sum()
}

/// Wide enough for the rulebook's text: CJK and full-width forms.
fn postlint_is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

#[test]
fn rules_fit_columns_and_100_when_not_a_terminal_without_losing_a_word() {
    let json = postlint().args(["rules", "--output-format", "json"]).output().unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let words: Vec<String> = rules
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["summary"].as_str().unwrap().split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    for (columns, limit) in [(Some("80"), 80), (Some("140"), 140), (None, 100)] {
        let mut command = postlint();
        command.env_remove("COLUMNS");
        if let Some(columns) = columns {
            command.env("COLUMNS", columns);
        }
        let output = command.arg("rules").output().unwrap();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        for line in text.lines() {
            assert!(width(line) <= limit, "COLUMNS={columns:?}: {} columns: {line}", width(line));
        }
        // Every code starts a line, and the summaries are all there, wrapped not cut.
        for rule in rules.as_array().unwrap() {
            let code = rule["code"].as_str().unwrap();
            assert!(text.lines().any(|l| l.starts_with(&format!("{code} "))), "{code} missing");
        }
        // A word wider than the room (a long URL) is cut across lines: compare without
        // the whitespace.
        let printed: String = text.split_whitespace().collect();
        for word in &words {
            assert!(printed.contains(word.as_str()), "COLUMNS={columns:?}: `{word}` was lost");
        }
    }
}

#[test]
fn an_unknown_config_key_suggests_the_closest_valid_one_beside_the_list() {
    let dir = site(&[("postlint.toml", "extend-exlude = [\"drafts/**\"]\n"), ("post.md", "---\ntitle: x\n---\n")]);
    postlint().current_dir(dir.path()).args(["check", "post.md"]).assert().code(2).stderr(
        predicate::str::contains("postlint.toml:1:1")
            .and(predicate::str::contains("unknown field `extend-exlude` (did you mean `extend-exclude`?)"))
            .and(predicate::str::contains("expected one of `select`")),
    );
    std::fs::write(dir.path().join("postlint.toml"), "[rules.FM008]\nmaxx = 70\n").unwrap();
    postlint()
        .current_dir(dir.path())
        .args(["check", "post.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown option `maxx` for FM008 (did you mean `max`?)"));
    // Nothing close: no guess, only the list.
    std::fs::write(dir.path().join("postlint.toml"), "bogus = 1\n").unwrap();
    postlint().current_dir(dir.path()).args(["check", "post.md"]).assert().code(2).stderr(
        predicate::str::contains("unknown field `bogus`, expected one of")
            .and(predicate::str::contains("did you mean").not()),
    );
}

const CLEAN: &str = "---\ntitle: \"A clean post about planning a garden\"\n---\n\nSome text.\n";
/// FM012 (safe fix: quote `no`).
const SAFE: &str = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n\nBody.\n";
/// IMG003 (unsafe fix: `http` → `https`).
const UNSAFE: &str = "---\ntitle: \"Norway road trip photos\"\nimage: \"http://x.test/a.jpg\"\n---\n\nBody.\n";

fn concise(dir: &std::path::Path, args: &[&str]) -> String {
    let output = postlint().current_dir(dir).args(["check", "--output-format", "concise"]).args(args).output().unwrap();
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_summary_counts_files_with_problems_and_files_checked() {
    let dir = site(&[("a.md", SAFE), ("b.md", CLEAN), ("c.md", CLEAN), ("d.md", SAFE)]);
    let text = concise(dir.path(), &["--select", "FM012", "."]);
    assert!(
        text.ends_with(
            "Found 2 problems in 2 files (4 checked): 0 errors, 2 warnings, 0 info (2 fixable with `--fix`).\n"
        ),
        "{text}"
    );
    let (_, json) = check_json(dir.path(), &["--select", "FM012", "."]);
    assert_eq!(json["summary"]["files"], 4, "{json}");
    assert_eq!(json["summary"]["files_with_problems"], 2, "{json}");
}

#[test]
fn the_fixable_hint_says_what_fix_does_and_what_needs_unsafe_fixes() {
    let select = ["--select", "FM012,IMG003"];
    let only_unsafe = site(&[("u.md", UNSAFE)]);
    let text = concise(only_unsafe.path(), &[&select[..], &["."]].concat());
    assert!(text.contains("(1 fixable with `--fix --unsafe-fixes`)"), "--fix alone fixes nothing here: {text}");
    assert!(!text.contains("with `--fix`)") && !text.contains("--fix` or"), "{text}");
    let both = site(&[("s.md", SAFE), ("u.md", UNSAFE)]);
    let text = concise(both.path(), &[&select[..], &["."]].concat());
    assert!(text.contains("(1 fixable with `--fix`; 1 more with `--fix --unsafe-fixes`)"), "{text}");
    let (_, json) = check_json(both.path(), &[&select[..], &["."]].concat());
    let summary = &json["summary"];
    assert_eq!(
        (summary["fixable"].as_u64(), summary["fixable_safe"].as_u64(), summary["fixable_unsafe"].as_u64()),
        (Some(2), Some(1), Some(1)),
        "{json}"
    );
    // And the hint is true: --fix fixes the safe one only.
    postlint().current_dir(both.path()).args(["check", "--fix", "--quiet"]).args(select).arg(".").assert().code(0);
    let text = concise(both.path(), &[&select[..], &["."]].concat());
    assert!(text.contains("IMG003") && !text.contains("FM012"), "{text}");
}

/// Two posts with problems of three rules (FM012 twice).
fn statistics_site() -> tempfile::TempDir {
    site(&[("a.md", SAFE), ("b.md", SAFE), ("u.md", UNSAFE), ("c.md", CLEAN)])
}

fn run(dir: &std::path::Path, args: &[&str]) -> (String, String) {
    let output = postlint().current_dir(dir).arg("check").args(args).output().unwrap();
    (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

/// The table: a count, then the code (`     2\tFM012\tunquoted-yaml-literal (2 fixable)`).
fn has_table(text: &str) -> bool {
    text.lines().any(|l| l.trim_start().starts_with("2\tFM012\t"))
        && text.lines().any(|l| l.trim_start().starts_with("1\tIMG003\t"))
}

#[test]
fn statistics_never_breaks_a_machine_format_and_stays_on_stdout_for_people() {
    let dir = statistics_site();
    for format in ["json", "sarif", "gitlab"] {
        let (stdout, stderr) =
            run(dir.path(), &["--select", "FM012,IMG003", "--statistics", "--output-format", format, "."]);
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(&stdout);
        assert!(parsed.is_ok(), "{format}: stdout is one JSON document: {stdout}");
        assert!(has_table(&stderr), "{format}: the table is on stderr: {stderr}");
    }
    let (stdout, stderr) =
        run(dir.path(), &["--select", "FM012,IMG003", "--statistics", "--output-format", "json-lines", "."]);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    for line in stdout.lines() {
        assert!(serde_json::from_str::<serde_json::Value>(line).is_ok(), "json-lines: {line}");
    }
    assert!(has_table(&stderr), "{stderr}");
    let (stdout, stderr) =
        run(dir.path(), &["--select", "FM012,IMG003", "--statistics", "--output-format", "junit", "."]);
    assert!(stdout.trim_end().ends_with("</testsuites>") && !has_table(&stdout), "junit: {stdout}");
    assert!(has_table(&stderr), "{stderr}");
    for format in ["full", "concise", "github"] {
        let (stdout, stderr) =
            run(dir.path(), &["--select", "FM012,IMG003", "--statistics", "--output-format", format, "."]);
        assert!(has_table(&stdout), "{format}: the table follows the diagnostics: {stdout}");
        assert!(!has_table(&stderr), "{format}: {stderr}");
    }
    // The output cache replays stdout only: a second run (cache on) still prints the table.
    for _ in 0..2 {
        let (stdout, stderr) =
            run(dir.path(), &["--select", "FM012,IMG003", "--statistics", "--output-format", "json", "."]);
        assert!(serde_json::from_str::<serde_json::Value>(&stdout).is_ok() && has_table(&stderr), "{stderr}");
    }
}

#[test]
fn output_format_statistics_prints_only_the_counts_and_the_summary() {
    let dir = statistics_site();
    let output = postlint()
        .current_dir(dir.path())
        .args(["check", "--select", "FM012,IMG003", "--output-format", "statistics", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "warnings only: exit as any format would");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(has_table(&stdout), "{stdout}");
    assert!(!stdout.contains("a.md"), "no diagnostic lines: {stdout}");
    assert_eq!(stdout.lines().count(), 3, "two rows and the summary: {stdout}");
    assert!(stdout.ends_with("Found 3 problems in 3 files (4 checked): 0 errors, 3 warnings, 0 info (2 fixable with `--fix`; 1 more with `--fix --unsafe-fixes`).\n"), "{stdout}");
    // With --statistics too, the table is printed once.
    let (stdout, _) =
        run(dir.path(), &["--select", "FM012,IMG003", "--statistics", "--output-format", "statistics", "."]);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
}

#[test]
fn fixing_stdin_keeps_the_statistics_out_of_the_fixed_buffer() {
    let output = postlint()
        .args(["check", "--fix", "--statistics", "--select", "FM012,IMG003", "-", "--stdin-filename", "p.md"])
        .write_stdin(UNSAFE)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), UNSAFE, "only the (unchanged) buffer");
    assert!(String::from_utf8(output.stderr).unwrap().contains("IMG003"));
}
