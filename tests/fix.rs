//! `--fix`, `--unsafe-fixes` and `--diff`: never lose a byte.

mod common;

use common::*;
use postlint::fix::{FixMode, fix_text};
use postlint::site::Site;
use postlint::testing::{TODAY, all_rules};
use proptest::prelude::*;

fn seed_file(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::read_dir(dir.join("_posts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("2026-01-12-"))
        .unwrap()
}

#[test]
fn unsafe_fixes_on_the_seed_shaped_post_clear_img002_kw002_ld006() {
    let dir = copy_site(&fixtures().join("site"));
    let path = seed_file(dir.path());
    let before = std::fs::read_to_string(&path).unwrap();
    let relative = path.strip_prefix(dir.path()).unwrap().to_string_lossy().into_owned();
    postlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "--quiet", &relative])
        .assert()
        .code(1);
    let after = std::fs::read_to_string(&path).unwrap();
    assert_ne!(before, after);
    let (_, json) = check_json(dir.path(), &[&relative]);
    let left = codes(&json);
    for code in ["IMG002", "KW002", "LD006"] {
        assert!(!left.contains(&code.to_string()), "{code} left after fixing: {left:?}");
    }
    // Still the same post: same front matter keys, same headings, same prose.
    let doc_before = postlint::document::Document::parse("a", &before);
    let doc_after = postlint::document::Document::parse("b", &after);
    let keys = |d: &postlint::document::Document| {
        d.front_matter.as_ref().unwrap().entries().iter().map(|e| e.key.clone()).collect::<Vec<_>>()
    };
    assert_eq!(keys(&doc_before), keys(&doc_after));
    let headings =
        |d: &postlint::document::Document| d.outline.headings.iter().map(|h| h.text.clone()).collect::<Vec<_>>();
    assert_eq!(headings(&doc_before), headings(&doc_after));
    let prose = |d: &postlint::document::Document| {
        d.outline.text.iter().map(|s| d.source[s.clone()].to_string()).collect::<Vec<_>>()
    };
    assert_eq!(prose(&doc_before), prose(&doc_after));
}

#[test]
fn diff_changes_nothing_and_exits_one() {
    let text = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n\nBody.\n";
    let dir = site(&[("p.md", text)]);
    let output = postlint().current_dir(dir.path()).args(["check", "--diff", "p.md"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8(output.stdout).unwrap();
    assert!(diff.contains("-country: no") && diff.contains("+country: \"no\""), "{diff}");
    assert_eq!(std::fs::read_to_string(dir.path().join("p.md")).unwrap(), text);
    let clean = site(&[("p.md", "---\ntitle: \"Norway road trip notes\"\n---\n")]);
    postlint().current_dir(clean.path()).args(["check", "--diff", "p.md"]).assert().code(0).stdout("");
}

#[test]
fn fix_keeps_crlf_and_bom_and_exit_code_follows_what_is_left() {
    let text =
        "\u{feff}---\r\ntitle: \"Norway road trip notes\"\r\ncountry: no\r\ntags: [a, b, a]\r\n---\r\n\r\nBody.\r\n";
    let dir = site(&[("p.md", text)]);
    postlint().current_dir(dir.path()).args(["check", "--fix", "--select", "FM012,FM013", "p.md"]).assert().code(0);
    let fixed = std::fs::read_to_string(dir.path().join("p.md")).unwrap();
    assert_eq!(
        fixed,
        "\u{feff}---\r\ntitle: \"Norway road trip notes\"\r\ncountry: \"no\"\r\ntags: [a, b]\r\n---\r\n\r\nBody.\r\n"
    );
}

#[test]
fn stdin_fix_prints_the_fixed_text() {
    let text = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n";
    let output = postlint()
        .args(["check", "--fix", "--select", "FM012", "-", "--stdin-filename", "p.md"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), text.replace("country: no", "country: \"no\""));
    assert_eq!(output.status.code(), Some(0));
}

#[cfg(unix)]
#[test]
fn read_only_file_is_left_intact_and_the_error_reported() {
    let text = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n";
    let dir = site(&[("p.md", text)]);
    let path = dir.path().join("p.md");
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    let output = postlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--output-format", "concise", "p.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("PL001") && stdout.contains("read-only"), "{stdout}");
    assert!(stdout.contains("FM012"), "what is left in the original is still reported: {stdout}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

/// Pieces of posts with fixable defects, from the fixtures' kinds.
const FRONT: &[&str] = &[
    "country: no\n",
    "version: 1.10\n",
    "tags: [cafe, Cafe, kyoto]\n",
    "tags:\n  - travel\n  - Travel\n",
    "keywords: [\"plan 2025\", \"plan 2025\"]\n",
    "image: \"http://x.test/a.jpg?w=1&w=2\"\n",
    "author: \"Kitchen Team\"\n",
    "draft: off\n",
];
const BODY: &[&str] = &[
    "## Ends with a colon:\n\n",
    "# An H1 in the body\n\n### Deep under it\n\n",
    "![A cat on a wall](https://x.test/c.jpg?q=1&q=2&w=5)\n\n",
    "<!-- postlint-disable-next-line HD002 -->\nPlain text.\n\n",
    "Some prose with 日本語 and `code`.\n\n",
    "<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\", \"@type\": \"BlogPosting\", \"headline\": \"Old\", \"author\": {\"@type\": \"Person\", \"name\": \"Someone\"}}\n</script>\n\n",
    "Setext title\n============\n\n",
];

fn post(front: &[usize], body: &[usize]) -> String {
    let mut text = String::from("---\ntitle: \"2026年版 A post built from pieces\"\ndate: 2026-01-12\n");
    for i in front {
        text.push_str(FRONT[*i % FRONT.len()]);
    }
    text.push_str("---\n\n");
    for i in body {
        text.push_str(BODY[*i % BODY.len()]);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn fixes_converge_are_idempotent_and_touch_only_what_they_fix(front in prop::collection::vec(0usize..8, 0..4), body in prop::collection::vec(0usize..7, 0..5), unsafe_mode in any::<bool>()) {
        let text = post(&front, &body);
        let settings = all_rules();
        let site = Site::detached(postlint::site::GeneratorName::parse("jekyll").flatten());
        let context = postlint::engine::LintContext { settings: &settings, site: &site, today: TODAY };
        let mode = if unsafe_mode { FixMode::Unsafe } else { FixMode::Safe };
        let path = std::path::Path::new("p.md");
        let first = fix_text("p.md", path, &text, &context, mode);
        prop_assert!(first.unconverged.is_empty(), "{:?}", first.unconverged);
        let second = fix_text("p.md", path, &first.text, &context, mode);
        prop_assert_eq!(&second.text, &first.text, "a second --fix changes nothing");
        prop_assert_eq!(second.applied, 0);
        // Lines without a fixable diagnostic are byte for byte the same.
        let reports = postlint::engine::lint_source("p.md", path, &text, &context);
        let fixable_lines: std::collections::HashSet<usize> = reports
            .iter()
            .filter(|r| r.fix.as_ref().is_some_and(|f| mode == FixMode::Unsafe || f.applicability == postlint::diagnostic::Applicability::Safe))
            .flat_map(|r| r.fix.as_ref().unwrap().edits.iter().flat_map(|e| e.location.start.line..=e.location.end.line))
            .collect();
        // Every line that had no fixable diagnostic is still there, byte for byte
        // (counted, so that identical lines cannot hide a change).
        let mut kept: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for line in first.text.split_inclusive('\n') {
            *kept.entry(line).or_default() += 1;
        }
        let mut needed: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (index, line) in text.split_inclusive('\n').enumerate() {
            if !fixable_lines.contains(&(index + 1)) {
                *needed.entry(line).or_default() += 1;
            }
        }
        for (line, count) in needed {
            prop_assert!(kept.get(line).copied().unwrap_or(0) >= count, "a line without a fix changed: {:?}", line);
        }
    }
}

#[test]
fn fm012_fix_writes_the_boolean_a_flag_key_means_not_a_string() {
    // YAML 1.1 (Jekyll) reads `published: no` as false: quoting it into "no" would make
    // the post published (a non-empty string is true), so the fix writes `false`.
    let text =
        "---\ntitle: \"Norway road trip notes\"\npublished: no\ncomments: On\ndraft: N\ntags: [no]\ncountry: no\n---\n";
    let dir = site(&[("p.md", text)]);
    postlint().current_dir(dir.path()).args(["check", "--fix", "--select", "FM012", "p.md"]).assert().code(0);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.md")).unwrap(),
        "---\ntitle: \"Norway road trip notes\"\npublished: false\ncomments: true\ndraft: false\ntags: [\"no\"]\ncountry: \"no\"\n---\n"
    );
}
