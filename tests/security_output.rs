//! Output cannot forge CI commands from the configuration. `postlint.toml` comes from the
//! pull request like the posts do: a custom rule's name, description, message, help,
//! examples and replacements are its author's text, and no line postlint prints from them
//! — in any output format, in `--statistics`, `--diff`, `postlint rules`, `postlint rule
//! CODE`, on stdout or stderr — may start a GitHub workflow command (`::name::`), carry
//! the legacy `##[name]` form, or hold a raw control character (ESC, BEL, CR, LF, C1).
//! (`tests/security.rs` `no_output_line_can_start_or_carry_a_workflow_command` holds the
//! same for text from files.)

mod common;

use common::*;
use postlint::output::{self, FileReports, Format, Statistics, Style, Summary};

/// The name the security review used: a newline, then commands.
const FORGED_NAME: &str = "x\n::stop-commands::pwned\n::error file=README.md,line=1::Forged";

/// A configuration whose custom rules have a valid name and hostile text everywhere else.
const CONFIG: &str = r###"
[custom.X001]
name = "forged-check"
description = "Forged ##[error]description \u001b[31m red \u0007 bell \u0085 next-line\n::error file=README.md,line=1::Forged description"
kind = "existence"
scope = "body"
tokens = ["forged"]
message = "Forged {match} ##[error]message \u001b]0;title\u0007\n::error file=README.md,line=1::Forged message"
help = "##[add-mask]Forged help\r\n::warning::Forged help \u009b"
bad = ["---\ntitle: x\n---\n\nforged\n::error file=README.md,line=1::Forged example ##[error]x \u001b[2J\n"]
good = ["---\ntitle: x\n---\n\nfine\n"]

[custom.X002]
name = "forged-swap"
description = "::error::Forged at the start"
kind = "substitution"
scope = "body"
swap = { "forged" = "Forged ##[error]swap\n::error file=README.md,line=1::Forged swap" }
message = "##[warning]Forged"
"###;

const POST: &str = "---\ntitle: \"Notes on a forged key\"\n---\n\nA forged key, and forged text.\n";

/// Every line of `text` is safe: no `##[`, no raw control character but a tab, and no
/// line starting (after white space) with `::` unless `genuine` accepts it.
fn assert_lines_safe(what: &str, text: &str, genuine: &dyn Fn(&str) -> bool) {
    // The place that failed, not the whole line (SARIF's tool block is one long line).
    let near = |line: &str, at: usize| -> String {
        let boundary = |mut i: usize| {
            while !line.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (start, end) = (boundary(at.saturating_sub(80)), boundary((at + 80).min(line.len())));
        format!("…{:?}…", &line[start..end])
    };
    for line in text.split('\n') {
        if let Some(at) = line.find("##[") {
            panic!("{what}: legacy command in {}", near(line, at));
        }
        if let Some((at, _)) = line.char_indices().find(|(_, c)| c.is_control() && *c != '\t') {
            panic!("{what}: control character in {}", near(line, at));
        }
        if line.trim_start().starts_with("::") {
            assert!(genuine(line), "{what}: forged workflow command {}", near(line, 0));
        }
    }
}

/// GitHub annotations postlint writes itself: a known command with only its own properties.
fn genuine_annotation(line: &str) -> bool {
    let ours = ["::error ", "::warning ", "::notice "].iter().any(|c| line.starts_with(c));
    let Some((_, rest)) = line.split_once("::") else { return false };
    let properties = rest.split_once("::").map_or(rest, |(properties, _)| properties);
    let keys: Vec<&str> = properties
        .split_once(' ')
        .map_or("", |(_, p)| p)
        .split(',')
        .map(|p| p.split_once('=').map_or(p, |(k, _)| k))
        .collect();
    ours && keys == ["file", "line", "col", "endLine", "endColumn", "title"]
}

fn project() -> tempfile::TempDir {
    site(&[("postlint.toml", CONFIG), ("_posts/2026-01-12-notes.md", POST)])
}

/// Runs postlint in `dir` and checks both streams; returns stdout.
fn run_safe(dir: &std::path::Path, args: &[&str], genuine: &dyn Fn(&str) -> bool) -> String {
    let output = postlint().current_dir(dir).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_lines_safe(&format!("{args:?}"), &stdout, genuine);
    assert_lines_safe(&format!("{args:?} (stderr)"), &String::from_utf8_lossy(&output.stderr), &|_| false);
    stdout
}

#[test]
fn a_custom_rule_name_that_is_not_kebab_case_is_a_config_error_at_its_key() {
    // A TOML basic string (JSON's escapes are TOML's).
    let quoted = |text: &str| serde_json::to_string(text).unwrap();
    let config = |name: &str| {
        format!("[custom.X001]\nkind = \"existence\"\ntokens = [\"x\"]\nmessage = \"m\"\nname = {}\n", quoted(name))
    };
    for name in [FORGED_NAME, "Forged Name", "forged--name", "##[error]x", "-x", "x\u{1b}[31m", &"x".repeat(65)] {
        let config = config(name);
        let dir = site(&[("postlint.toml", &config), ("p.md", POST)]);
        for args in [&["check", "--output-format", "github", "p.md"][..], &["rules"][..], &["rule", "X001"][..]] {
            let output = postlint().current_dir(dir.path()).args(args).output().unwrap();
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{name:?} {args:?}: {stderr}");
            assert!(stderr.contains("postlint.toml:5:8") && stderr.contains("`name`"), "{name:?}: {stderr}");
            assert!(output.stdout.is_empty(), "{name:?}: nothing is linted or listed");
            assert_lines_safe(&format!("{name:?} {args:?} (stderr)"), &stderr, &|_| false);
        }
    }
    let dir = site(&[("postlint.toml", &config("no-sasete-itadaku-2")), ("p.md", POST)]);
    let output = postlint().current_dir(dir.path()).args(["rule", "no-sasete-itadaku-2"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "a kebab-case name is accepted and selects the rule");
}

#[test]
fn no_line_from_a_custom_rules_text_can_start_or_carry_a_workflow_command() {
    let dir = project();
    let path = dir.path();
    for format in ["full", "concise", "json", "json-lines", "github", "sarif", "junit", "gitlab"] {
        for extra in [&[][..], &["--statistics"][..]] {
            let args: Vec<&str> =
                ["check", "--no-cache", "--output-format", format].iter().chain(extra).copied().chain(["."]).collect();
            let genuine = if format == "github" { genuine_annotation } else { |_: &str| false };
            let stdout = run_safe(path, &args, &genuine);
            assert!(stdout.contains("Forged"), "{args:?}: the rule's text is shown, escaped: {stdout}");
        }
    }
    // The replacement of a substitution, in a diff.
    let stdout = run_safe(path, &["check", "--no-cache", "--diff", "--unsafe-fixes", "."], &|_| false);
    assert!(stdout.contains("Forged"), "{stdout}");
    // The rule list, as text and JSON, and each rule's doc, by code and by name.
    for args in [&["rules"][..], &["rules", "--output-format", "json"], &["rule", "X001"], &["rule", "forged-swap"]] {
        let stdout = run_safe(path, args, &|_| false);
        assert!(stdout.contains("Forged"), "{args:?}: {stdout}");
    }
    let json = run_safe(path, &["rules", "--output-format", "json"], &|_| false);
    let rules: serde_json::Value = serde_json::from_str(&json).unwrap();
    let x001 = rules.as_array().unwrap().iter().find(|r| r["code"] == "X001").unwrap();
    assert!(x001["summary"].as_str().unwrap().contains("##[error]description"), "JSON keeps the text losslessly");
    // The examples' own runner.
    run_safe(path, &["rules", "--test"], &|_| false);
}

#[test]
fn every_format_escapes_the_rule_name_it_is_given() {
    // The configuration check above keeps hostile names out; each format still treats a
    // rule's name as text from outside, so one bypass of that check forges nothing.
    let settings = postlint::testing::settings_from(CONFIG);
    let mut reports = postlint::testing::lint_text("_posts/2026-01-12-notes.md", POST, &settings, "jekyll");
    assert!(!reports.is_empty());
    let forged: &'static str = Box::leak(FORGED_NAME.replace("x\n", "x ##[error]\u{1b}[31m\u{85}\n").into_boxed_str());
    for report in &mut reports {
        report.name = forged;
    }
    let file =
        FileReports { path: "_posts/2026-01-12-notes.md".into(), reports, source: Some(POST.into()), fixed: None };
    let style = Style { color: false, quiet: false, fail_on: None };
    let summary = Summary::count(1, file.reports.iter());
    for format in [
        Format::Full,
        Format::Concise,
        Format::Json,
        Format::JsonLines,
        Format::Github,
        Format::Sarif,
        Format::Junit,
        Format::Gitlab,
    ] {
        let mut out = Vec::new();
        output::emitter(format).emit(&mut out, std::slice::from_ref(&file), &summary, &style).unwrap();
        let genuine = if format == Format::Github { genuine_annotation } else { |_: &str| false };
        assert_lines_safe(&format!("{format:?}"), &String::from_utf8_lossy(&out), &genuine);
    }
    let mut statistics = Statistics::default();
    statistics.add(&file.reports);
    let mut out = Vec::new();
    statistics.write(&mut out, &style).unwrap();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("stop-commands"), "the name is shown, escaped: {text}");
    assert_lines_safe("--statistics", &text, &|_| false);
}
