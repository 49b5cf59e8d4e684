//! Rules written in `postlint.toml`: each kind and scope on a small project of our own,
//! selection, suppression, severities, fixes, SARIF, `postlint rules --test`, and
//! configuration mistakes pointed at their line.

mod common;

use common::*;

const CONFIG: &str = r#"
custom-rules = ["rules/*.toml"]

[custom.XJA001]
name = "no-sasete-itadaku"
kind = "substitution"
scope = "body"
message = "write `{replacement}` instead of `{match}`"
swap = { "させていただきます" = "します", "させていただく" = "する" }
bad = ["""
---
title: "春の新メニュー"
---

新メニューを紹介させていただきます。
"""]
good = ["""
---
title: "春の新メニュー"
---

新メニューを紹介します。
"""]

[custom.X002]
kind = "existence"
scope = "title"
pattern = "\\b2025\\b"
published-after = "2026-01-01"
severity = "error"
message = "title names 2025 in a post published in 2026 or later"
bad = ["---\ntitle: Best tools 2025\ndate: 2026-02-01\n---\n"]
good = ["---\ntitle: Best tools 2025\ndate: 2025-12-01\n---\n"]

[custom.X004]
kind = "occurrence"
scope = "headings"
tokens = ["SEO"]
max = 1
message = "`SEO` in {count} headings; at most {max}"

[custom.X005]
kind = "pattern"
scope = "front-matter.slug"
pattern = "^[a-z0-9-]+$"
message = "slug `{value}` has characters other than a-z, 0-9 and -"

[custom.X006]
kind = "existence"
scope = "alt"
tokens = ["画像"]
message = "alt text says `{match}`: describe what the picture shows"

[custom.X007]
kind = "existence"
scope = "jsonld.headline"
tokens = ["2025"]
message = "JSON-LD headline still says 2025"
"#;

const CATEGORY: &str = r#"
[custom.X003]
kind = "required-key"
key = "category"
values = ["news", "howto", "review"]
message = "`category` must be one of {values}, not `{value}`"
posts-only = true
bad = ["---\ntitle: A\ncategory: misc\n---\n", "---\ntitle: A\n---\n"]
good = ["---\ntitle: A\ncategory: News\n---\n"]
"#;

const POST: &str = r#"---
title: "2025 best picks, revisited"
date: 2026-03-01
slug: Best_Picks
category: recipes
---

新メニューを紹介させていただきます。ご意見を聞かせていただく機会も作ります。

## SEO basics

## More SEO

![画像](/menu.png)

<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "2025 best picks"}
</script>
"#;

fn project() -> tempfile::TempDir {
    site(&[
        ("postlint.toml", CONFIG),
        ("rules/category.toml", CATEGORY),
        ("_posts/2026-03-01-menu.md", POST),
        ("menu.png", ""),
        (".git/HEAD", "ref: refs/heads/main\n"),
    ])
}

fn custom_found(json: &serde_json::Value) -> Vec<(String, u64, String)> {
    found_in(json, "menu")
        .into_iter()
        .filter(|(code, ..)| code.starts_with('X'))
        .map(|(code, line, _, message)| (code, line, message))
        .collect()
}

#[test]
fn every_kind_and_scope_reports_at_the_authors_words() {
    let dir = project();
    let (status, json) = check_json(dir.path(), &["--no-cache", "."]);
    assert_eq!(status, 1, "{json}");
    let expected = [
        ("X002", 2, "title names 2025 in a post published in 2026 or later"),
        ("X005", 4, "slug `Best_Picks` has characters other than a-z, 0-9 and -"),
        ("X003", 5, "`category` must be one of `news`, `howto`, `review`, not `recipes`"),
        // `聞かせていただく` is not `させていただく`: no second report.
        ("XJA001", 8, "write `します` instead of `させていただきます`"),
        ("X004", 12, "`SEO` in 2 headings; at most 1"),
        ("X006", 14, "alt text says `画像`: describe what the picture shows"),
        ("X007", 17, "JSON-LD headline still says 2025"),
    ];
    let expected: Vec<(String, u64, String)> =
        expected.iter().map(|(c, l, m)| (c.to_string(), *l, m.to_string())).collect();
    assert_eq!(custom_found(&json), expected);
    let x002 = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "X002").unwrap();
    assert_eq!(x002["severity"], "error");
    assert_eq!((x002["column"].as_u64(), x002["end_column"].as_u64()), (Some(9), Some(13)), "{x002}");
}

#[test]
fn substitution_fix_rewrites_only_the_match() {
    let dir = project();
    let output = postlint()
        .current_dir(dir.path())
        .args(["check", "--no-cache", "--select", "XJA001", "--fix", "--unsafe-fixes", "."])
        .output()
        .unwrap();
    assert!(output.status.code().is_some(), "{output:?}");
    let text = std::fs::read_to_string(dir.path().join("_posts/2026-03-01-menu.md")).unwrap();
    assert!(text.contains("新メニューを紹介します。ご意見を聞かせていただく機会も作ります。"), "{text}");
}

#[test]
fn custom_rules_are_selected_ignored_suppressed_and_given_severities_like_built_in_ones() {
    let dir = project();
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "FM", "."]);
    assert!(custom_found(&json).is_empty(), "--select FM leaves them out: {json}");
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "X00", "--ignore", "X002", "."]);
    let codes: Vec<String> = custom_found(&json).into_iter().map(|f| f.0).collect();
    assert_eq!(codes, ["X005", "X003", "X004", "X006", "X007"]);

    let config = format!("{CONFIG}\n[rules.X002]\nseverity = \"info\"\n");
    std::fs::write(dir.path().join("postlint.toml"), config).unwrap();
    let post = POST.replace("## More SEO", "<!-- postlint-disable-next-line X004 -->\n## More SEO");
    std::fs::write(dir.path().join("_posts/2026-03-01-menu.md"), post).unwrap();
    let (_, json) = check_json(dir.path(), &["--no-cache", "."]);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let x002 = diagnostics.iter().find(|d| d["code"] == "X002").unwrap();
    assert_eq!(x002["severity"], "info");
    assert!(!diagnostics.iter().any(|d| d["code"] == "X004"), "suppressed: {json}");
    assert!(!diagnostics.iter().any(|d| d["code"] == "PL003"), "a custom code is a known code: {json}");
}

#[test]
fn sarif_lists_custom_rules_and_points_results_at_them() {
    let dir = project();
    let output = postlint()
        .current_dir(dir.path())
        .args(["check", "--no-cache", "--output-format", "sarif", "--select", "X002", "."])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let run = &sarif["runs"][0];
    let result = &run["results"][0];
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "X002");
    assert_eq!(result["ruleId"], "X002");
}

#[test]
fn rules_test_runs_the_examples_and_fails_on_a_wrong_one() {
    let dir = project();
    let output = postlint().current_dir(dir.path()).args(["rules", "--test"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("ok   X003 bad 2") && stdout.contains("7 passed, 0 failed"), "{stdout}");
    assert!(stdout.contains("note X004: no `bad` or `good` examples"), "{stdout}");

    let wrong = CATEGORY.replace("category: News", "category: misc");
    std::fs::write(dir.path().join("rules/category.toml"), wrong).unwrap();
    let output = postlint().current_dir(dir.path()).args(["rules", "--test"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("FAIL X003 good 1: expected no diagnostic, got 3:11"), "{stdout}");

    let listed = postlint().current_dir(dir.path()).args(["rules"]).output().unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert!(listed.lines().any(|l| l.starts_with("XJA001  no-sasete-itadaku")), "{listed}");
    let doc = postlint().current_dir(dir.path()).args(["rule", "no-sasete-itadaku"]).output().unwrap();
    assert!(String::from_utf8_lossy(&doc.stdout).contains("# XJA001 no-sasete-itadaku"));
}

#[test]
fn mistakes_in_a_custom_rule_are_config_errors_at_their_line() {
    let cases: [(&str, &str); 5] = [
        (
            "[custom.X1]\nkind = \"existance\"\nmessage = \"m\"\ntokens = [\"a\"]\n",
            "postlint.toml:2:8: unknown kind `existance`",
        ),
        (
            "[custom.FM900]\nkind = \"existence\"\nmessage = \"m\"\ntokens = [\"a\"]\n",
            "postlint.toml:1:9: custom rule code `FM900` must be `X`",
        ),
        (
            "[custom.X1]\nkind = \"existence\"\nmessage = \"m\"\n",
            "postlint.toml:1:9: custom rule X1 (`existence`) needs `tokens` or `pattern`",
        ),
        (
            "[custom.X1]\nkind = \"existence\"\nmessage = \"m\"\npattern = \"(\"\n",
            "postlint.toml:4:11: `pattern` is not a valid regular expression",
        ),
        (
            "custom-rules = [\"../elsewhere/*.toml\"]\n",
            "postlint.toml:1:17: `custom-rules` entry `../elsewhere/*.toml` must be a path inside",
        ),
    ];
    for (config, expected) in cases {
        let dir = site(&[("postlint.toml", config), ("p.md", "# T\n")]);
        let output = postlint().current_dir(dir.path()).args(["check", "p.md"]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{config}: {stderr}");
        assert!(stderr.contains(expected), "{config}: expected {expected:?} in {stderr}");
    }
}

#[test]
fn an_edited_custom_rules_file_is_a_run_cache_miss() {
    let dir = project();
    let run = || check_json(dir.path(), &["--select", "X003", "."]).1;
    assert_eq!(custom_found(&run()).len(), 1);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert_eq!(custom_found(&run()).len(), 1);
    let relaxed = CATEGORY.replace("\"review\"]", "\"review\", \"recipes\"]");
    std::fs::write(dir.path().join("rules/category.toml"), relaxed).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    assert!(custom_found(&run()).is_empty(), "the rules file changed: the run must not be replayed");
}

#[test]
fn the_readme_example_loads_and_its_examples_pass() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## Your own rules").expect("README has the section")..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let config = &section[start..start + section[start..].find("```").unwrap()];
    let dir = site(&[("postlint.toml", config), ("rules/more.toml", ""), (".git/HEAD", "ref: refs/heads/main\n")]);
    let output = postlint().current_dir(dir.path()).args(["rules", "--test"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("2 passed, 0 failed"), "{stdout}");
}
