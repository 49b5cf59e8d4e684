//! The command line as a user meets it: exit codes, formats, config errors, odd files.

mod common;

use common::*;
use predicates::prelude::*;

/// Writes `config` as the site's `postlint.toml` and expects exit 2 with each of `expected` on stderr.
fn assert_config_error(dir: &std::path::Path, config: &str, expected: &[&str]) {
    std::fs::write(dir.join("postlint.toml"), config).unwrap();
    let output = postlint().current_dir(dir).args(["check", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{config}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    for part in expected {
        assert!(stderr.contains(part), "{config}: `{part}` not in {stderr}");
    }
}

const CLEAN: &str = "---\ntitle: \"A clean post about planning a garden\"\n---\n\nSome text.\n";

#[test]
fn clean_file_exits_zero() {
    let dir = site(&[("post.md", CLEAN)]);
    postlint().current_dir(dir.path()).args(["check", "--select", "FM,PL", "post.md"]).assert().code(0);
}

#[test]
fn error_exits_one_and_bad_config_or_path_exit_two() {
    let dir = site(&[("_posts/2026-01-01-a.md", "no front matter\n")]);
    postlint().current_dir(dir.path()).args(["check", "."]).assert().code(1).stdout(predicate::str::contains("FM001"));
    postlint()
        .current_dir(dir.path())
        .args(["check", "missing.md"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.md: no such file or directory"));
    assert_config_error(dir.path(), "select = [\"FM\"]\nbogus = 1\n", &["postlint.toml:2:1", "bogus"]);
    assert_config_error(dir.path(), "select = [\"FM\", \"NOPE9\"]\n", &["postlint.toml:1:17", "NOPE9"]);
    assert_config_error(dir.path(), "[rules.FM001]\nunknown-option = 1\n", &["postlint.toml:2:1", "unknown-option"]);
}

#[test]
fn exit_zero_and_fail_on() {
    let dir = site(&[("_posts/2026-01-01-a.md", "no front matter\n")]);
    postlint().current_dir(dir.path()).args(["check", "--exit-zero", "."]).assert().code(0);
    postlint().current_dir(dir.path()).args(["check", "--fail-on", "never", "."]).assert().code(0);
    let dup = "---\ntitle: \"A clean post about planning a garden\"\n---\n\n<!-- postlint-disable-file FM002 -->\n";
    let dir = site(&[("post.md", dup)]);
    // PL002 is a warning: it fails only from --fail-on warning.
    postlint().current_dir(dir.path()).args(["check", "--select", "FM002,PL", "post.md"]).assert().code(0);
    postlint()
        .current_dir(dir.path())
        .args(["check", "--select", "FM002,PL", "--fail-on", "warning", "post.md"])
        .assert()
        .code(1);
}

#[test]
fn json_output_matches_the_contract() {
    let (code, json) = check_json(&fixtures(), &["."]);
    assert_eq!(code, 1);
    assert_eq!(json["version"], 1);
    let summary = &json["summary"];
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let count = |severity: &str| diagnostics.iter().filter(|d| d["severity"] == severity).count() as u64;
    assert_eq!(summary["errors"].as_u64().unwrap(), count("error"));
    assert_eq!(summary["warnings"].as_u64().unwrap(), count("warning"));
    assert_eq!(summary["infos"].as_u64().unwrap(), count("info"));
    assert!(summary["files"].as_u64().unwrap() >= 6);
    let keys = [
        "path",
        "code",
        "name",
        "severity",
        "message",
        "line",
        "column",
        "end_line",
        "end_column",
        "help",
        "labels",
        "fix",
    ];
    for diagnostic in diagnostics {
        let object = diagnostic.as_object().unwrap();
        for key in keys {
            assert!(object.contains_key(key), "diagnostic lacks `{key}`: {diagnostic}");
        }
        assert!(diagnostic["line"].as_u64().unwrap() >= 1 && diagnostic["column"].as_u64().unwrap() >= 1);
    }
    let order: Vec<_> = diagnostics
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "diagnostics are sorted by path, line, column, code");
}

#[test]
fn json_lines_prints_one_object_per_line() {
    let output =
        postlint().current_dir(fixtures()).args(["check", "--output-format", "json-lines", "."]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.lines().count() > 1);
    for line in text.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(value["code"].is_string());
    }
}

#[test]
fn malformed_yaml_is_fm002_at_the_right_place() {
    let (_, json) = check_json(&fixtures(), &["--select", "FM002", "site/_posts/2026-03-15-broken-front-matter.md"]);
    assert_eq!(positions(&json), [("FM002".to_string(), 2, 8)]);
    let message = json["diagnostics"][0]["help"].as_str().unwrap();
    assert!(message.contains("closing quote"), "{message}");
}

#[test]
fn odd_files_give_diagnostics_not_panics() {
    let dir = site(&[
        ("_posts/2026-01-01-unclosed.md", "---\ntitle: x\n\nBody without a closing fence\n"),
        (
            "_posts/2026-01-02-bom.md",
            "\u{feff}---\r\ntitle: \"A title with a BOM and CRLF lines\"\r\ntitle: twice\r\n---\r\nBody\r\n",
        ),
        ("_posts/2026-01-03-empty.md", ""),
    ]);
    std::fs::write(dir.path().join("_posts/2026-01-04-binary.md"), b"\x89PNG\r\n\x1a\n\x00\x00\x00").unwrap();
    std::fs::write(dir.path().join("_posts/2026-01-05-latin1.md"), b"---\ntitle: caf\xe9\n---\n").unwrap();
    let (code, json) = check_json(dir.path(), &["--select", "FM001,FM002,PL001", "."]);
    assert_eq!(code, 1);
    let found = positions(&json);
    assert!(found.contains(&("FM002".into(), 1, 1)), "unclosed fence: {found:?}");
    assert!(found.contains(&("FM002".into(), 3, 1)), "duplicate key after BOM with CRLF: {found:?}");
    assert!(found.contains(&("FM001".into(), 1, 1)), "empty file in _posts: {found:?}");
    let messages: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "PL001")
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("binary")));
    assert!(messages.iter().any(|m| m.contains("UTF-8")));
}

#[test]
fn stdin_is_linted_like_the_file_on_disk() {
    let path = "site/_posts/2026-03-15-broken-front-matter.md";
    let text = std::fs::read_to_string(fixtures().join(path)).unwrap();
    let from_disk =
        postlint().current_dir(fixtures()).args(["check", "--output-format", "json-lines", path]).output().unwrap();
    let from_stdin = postlint()
        .current_dir(fixtures())
        .args(["check", "--output-format", "json-lines", "-", "--stdin-filename", path])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(!from_disk.stdout.is_empty());
    assert_eq!(String::from_utf8_lossy(&from_disk.stdout), String::from_utf8_lossy(&from_stdin.stdout));
    assert_eq!(from_disk.status.code(), from_stdin.status.code());
}

#[test]
fn suppressions_in_body_and_front_matter() {
    let post = "---\n# postlint-disable-next-line FM002\ntitle: one\ntitle: two\n---\n\n<!-- postlint-disable-next-line FM002 -->\nnothing here\n";
    let dir = site(&[("post.md", post)]);
    let (_, json) = check_json(dir.path(), &["--select", "FM002,PL", "post.md"]);
    // The duplicate is reported on line 4 (`title: two`); a comment above line 3 misses it.
    let found = positions(&json);
    assert!(found.contains(&("FM002".into(), 4, 1)), "{found:?}");
    assert!(found.contains(&("PL002".into(), 2, 30)), "front matter comment suppressed nothing: {found:?}");
    assert!(found.contains(&("PL002".into(), 7, 33)), "body comment suppressed nothing: {found:?}");

    let post = "---\ntitle: one\n# postlint-disable-next-line FM002\ntitle: two\n---\n\nbody\n";
    let dir = site(&[("post.md", post)]);
    let (code, json) = check_json(dir.path(), &["--select", "FM002,PL", "post.md"]);
    assert_eq!((code, codes(&json)), (0, Vec::<String>::new()));

    let post = "---\ntitle: one\ntitle: two\n---\n\n<!-- postlint-disable FM002 -->\n\ntext\n\n<!-- postlint-enable FM002 -->\n";
    let dir = site(&[("post.md", post)]);
    let (_, json) = check_json(dir.path(), &["--select", "FM002,PL", "post.md"]);
    assert!(codes(&json).contains(&"FM002".to_string()), "a disable after the problem does not cover it");
}

#[test]
fn rule_and_rules_commands() {
    postlint()
        .args(["rule", "FM002"])
        .assert()
        .success()
        .stdout(predicate::str::contains("front-matter-syntax").and(predicate::str::contains("## Bad")));
    postlint().args(["rule", "front-matter-missing"]).assert().success().stdout(predicate::str::contains("FM001"));
    postlint().args(["rule", "XX999"]).assert().code(2);
    let output = postlint().args(["rules", "--output-format", "json"]).output().unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(rules.as_array().unwrap().len(), postlint::rulebook::RULE_DOCS.len());
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = site(&[("post.md", CLEAN)]);
    postlint().current_dir(dir.path()).arg("init").assert().success();
    assert!(dir.path().join("postlint.toml").is_file());
    postlint().current_dir(dir.path()).arg("init").assert().code(2);
    postlint().current_dir(dir.path()).args(["check", "--select", "FM,PL", "post.md"]).assert().code(0);
}

#[test]
fn excluded_directories_are_skipped_unless_named_with_force_exclude() {
    let dir = site(&[
        ("node_modules/pkg/README.md", "no front matter"),
        ("_posts/2026-01-01-a.md", CLEAN),
        // Jekyll builds `vendor/` but not `vendor/bundle/` (its default `exclude`).
        ("vendor/bundle/_posts/2026-01-01-b.md", "---\ntitle: [\n---\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "FM002", "."]);
    assert_eq!(json["summary"]["files"], 1);
    let (_, json) = check_json(dir.path(), &["--select", "FM002", "vendor/bundle/_posts/2026-01-01-b.md"]);
    assert_eq!(codes(&json), ["FM002"], "a file named on the command line is linted");
    let (_, json) =
        check_json(dir.path(), &["--select", "FM002", "--force-exclude", "vendor/bundle/_posts/2026-01-01-b.md"]);
    assert_eq!(json["summary"]["files"], 0);
}

/// The pre-commit hooks pass `--force-exclude` with the staged files: a file the site's
/// generator does not build (Jekyll's `exclude:`) is skipped as a walk skips it, while the
/// same file named without the flag is linted.
#[test]
fn force_exclude_skips_what_the_generator_does_not_build() {
    let dir = site(&[
        ("_config.yml", "exclude: [scratch]\n"),
        ("_posts/2026-01-01-a.md", CLEAN),
        ("scratch/ideas.md", "---\ntitle: [\n---\n"),
    ]);
    let (_, walked) = check_json(dir.path(), &["--select", "FM002", "."]);
    assert_eq!(codes(&walked), Vec::<String>::new(), "{walked}");
    let (_, named) = check_json(dir.path(), &["--select", "FM002", "scratch/ideas.md"]);
    assert_eq!(codes(&named), ["FM002"], "a file named on the command line is linted: {named}");
    let (code, forced) =
        check_json(dir.path(), &["--select", "FM002", "--force-exclude", "scratch/ideas.md", "_posts/2026-01-01-a.md"]);
    assert_eq!((code, codes(&forced)), (0, Vec::<String>::new()), "{forced}");
    // `--verbose` says why each named file was skipped, and only those.
    std::fs::write(dir.path().join("postlint.toml"), "extend-exclude = [\"_posts/old-*.md\"]\n").unwrap();
    std::fs::write(dir.path().join("_posts/old-notes.md"), CLEAN).unwrap();
    let output = postlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--force-exclude",
            "--verbose",
            "scratch/ideas.md",
            "_posts/old-notes.md",
            "_posts/2026-01-01-a.md",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let skipped: Vec<&str> = stderr.lines().filter(|line| line.starts_with("postlint: skipped")).collect();
    assert_eq!(skipped.len(), 2, "{stderr}");
    assert!(skipped.iter().any(|l| l.contains("scratch/ideas.md: the site's generator does not build it")), "{stderr}");
    assert!(skipped.iter().any(|l| l.contains("_posts/old-notes.md: the configuration's `exclude`")), "{stderr}");
}

#[test]
fn per_file_ignores_and_rule_severity() {
    let dir = site(&[
        ("_posts/2026-01-01-a.md", "no front matter\n"),
        ("_posts/archive/2020-01-01-b.md", "no front matter\n"),
        (
            "postlint.toml",
            "[per-file-ignores]\n\"_posts/archive/**\" = [\"FM001\"]\n\n[rules.FM001]\nseverity = \"warning\"\n",
        ),
    ]);
    let (code, json) = check_json(dir.path(), &["--select", "FM001", "."]);
    assert_eq!(code, 0, "a warning does not fail at the default --fail-on error");
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["severity"], "warning");
    assert_eq!(diagnostics[0]["path"], "_posts/2026-01-01-a.md");
}

#[test]
fn globs_on_the_command_line() {
    let dir = site(&[("_posts/2026-01-01-a.md", "x"), ("_posts/2026-01-02-b.md", "y"), ("notes/c.md", "z")]);
    let (_, json) = check_json(dir.path(), &["--select", "FM001", "_posts/*.md"]);
    assert_eq!(json["summary"]["files"], 2);
}

#[test]
fn statistics_counts_per_code() {
    postlint()
        .current_dir(fixtures())
        .args(["check", "--output-format", "concise", "--statistics", "--select", "FM001,FM002", "."])
        .assert()
        .stdout(predicate::str::contains("FM001").and(predicate::str::contains("front-matter-missing")));
}

#[test]
fn full_output_shows_the_source_line_and_caret() {
    let output = postlint()
        .current_dir(fixtures())
        .args([
            "check",
            "--output-format",
            "full",
            "--select",
            "FM002",
            "site/_posts/2026-03-15-broken-front-matter.md",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("error[FM002]"), "{text}");
    assert!(text.contains("2 | title: \"Opening hours: what changes in spring"), "{text}");
    assert!(text.contains("  |        ^"), "{text}");
    assert!(text.contains("Found 1 problem"), "{text}");
}

#[test]
fn a_glob_or_directory_that_finds_nothing_is_exit_two_unless_allowed() {
    let dir = site(&[("_posts/2026-01-01-a.md", CLEAN), ("assets/logo.txt", "x")]);
    postlint()
        .current_dir(dir.path())
        .args(["check", "_posts/*.mdx"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("_posts/*.mdx").and(predicate::str::contains("--allow-empty")));
    postlint().current_dir(dir.path()).args(["check", "assets"]).assert().code(2);
    postlint()
        .current_dir(dir.path())
        .args(["check", "--allow-empty", "_posts/*.mdx"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("All checks passed (0 files)"));
}

#[test]
fn option_values_out_of_range_and_unknown_severities_are_config_errors() {
    let dir = site(&[("_posts/2026-01-01-a.md", CLEAN)]);
    assert_config_error(dir.path(), "[rules.FM008]\nmax = -5\n", &["postlint.toml:2:7", "must not be negative"]);
    assert_config_error(dir.path(), "[rules.FM008]\nseverity = \"warn\"\n", &["`severity` must be"]);
}

#[test]
fn concise_output_ends_with_a_summary_line() {
    let dir = site(&[("_posts/2026-01-01-a.md", "no front matter\n")]);
    postlint().current_dir(dir.path()).args(["check", "--output-format", "concise", "."]).assert().code(1).stdout(
        predicate::str::contains("FM001")
            .and(predicate::str::ends_with("Found 1 problem in 1 file (1 checked): 1 error, 0 warnings, 0 info.\n")),
    );
}

/// A pull request whose own config switches the gate off.
const HOSTILE_CONFIG: &str = "select = []\n\n[per-file-ignores]\n\"**\" = [\"ALL\"]\n";
const WARNED: &str = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n\nBody.\n";

#[test]
fn isolated_ignores_a_pull_requests_own_config() {
    let dir = site(&[("postlint.toml", HOSTILE_CONFIG), ("_posts/2026-01-12-trip.md", WARNED)]);
    let (code, json) = check_json(dir.path(), &["--fail-on", "warning", "_posts"]);
    assert_eq!((code, codes(&json)), (0, Vec::<String>::new()), "the hostile config turns the gate off: {json}");
    let (code, json) = check_json(dir.path(), &["--isolated", "--fail-on", "warning", "_posts"]);
    assert_eq!(code, 1, "{json}");
    assert!(codes(&json).contains(&"FM012".to_string()), "{json}");
    // Flags still apply under --isolated.
    let (_, json) = check_json(dir.path(), &["--isolated", "--select", "FM001", "_posts"]);
    assert_eq!(codes(&json), Vec::<String>::new(), "{json}");
    postlint().current_dir(dir.path()).args(["check", "--isolated", "--config", "postlint.toml"]).assert().code(2);
}

#[test]
fn a_trusted_config_from_outside_the_checkout_applies_with_globs_from_the_working_directory() {
    let trusted =
        site(&[("base-branch.toml", "select = [\"FM012\"]\n\n[per-file-ignores]\n\"_drafts/**\" = [\"FM012\"]\n")]);
    let dir =
        site(&[("postlint.toml", HOSTILE_CONFIG), ("_posts/2026-01-12-trip.md", WARNED), ("_drafts/trip.md", WARNED)]);
    let config = trusted.path().join("base-branch.toml");
    let (code, json) =
        check_json(dir.path(), &["--config", config.to_str().unwrap(), "--fail-on", "warning", "_posts", "_drafts"]);
    assert_eq!(code, 1, "{json}");
    assert_eq!(found_in(&json, "_posts/").iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["FM012"], "{json}");
    assert_eq!(found_in(&json, "_drafts/"), [], "the trusted config's globs apply from the working directory: {json}");
}

/// An output that cannot be written ends the run with exit 2 and says so as an I/O
/// failure of the output, not as a configuration mistake.
#[cfg(target_os = "linux")]
#[test]
fn a_full_output_is_an_io_error_with_exit_2() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let binary = assert_cmd::cargo::cargo_bin("postlint");
    let output = std::process::Command::new(binary).args(["rules"]).stdout(full).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("postlint: output: "), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
}

#[test]
fn a_config_error_shows_the_line_of_the_config_with_a_caret() {
    let dir = site(&[("_posts/2026-01-01-a.md", CLEAN)]);
    assert_config_error(dir.path(), "[rules.FM008]\nmax = -3\n", &["postlint.toml:2:7", "2 | max = -3\n  |       ^\n"]);
}

/// `postlint rules | head`: when the reader of stdout goes away, postlint stops quietly
/// (as ripgrep does) instead of printing `Broken pipe` as if the user had erred.
#[test]
fn a_closed_stdout_ends_the_run_quietly() {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("postlint"))
        .arg("rules")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("postlint runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
