//! A fix's listed edits are everything `--fix` does for it: an editor (or any tool reading
//! the JSON) that applies a diagnostic's `edits` gets the file `--fix` writes.
//!
//! For every fixture post and every rulebook example, and every rule with a fix there:
//! applying the listed edits of that rule's diagnostics gives the same text as `--fix
//! --unsafe-fixes` with only that rule selected (which re-lints until nothing changes).

mod common;

use std::path::Path;

use common::*;
use postlint::config::{self, Overrides};
use postlint::diagnostic::Report;
use postlint::fix::{FixMode, fix_text};
use postlint::site::Site;
use postlint::testing::{TODAY, all_rules, example_site, lint_on_site};

/// The listed edits of `reports` applied to `text` in one go, or `None` when two of them
/// overlap (then `--fix` would need a second pass anyway and the comparison says nothing).
fn apply_listed(text: &str, reports: &[&Report]) -> Option<String> {
    let mut edits: Vec<(std::ops::Range<usize>, &str)> = reports
        .iter()
        .filter_map(|r| r.fix.as_ref())
        .flat_map(|fix| fix.edits.iter().map(|e| (e.span.clone(), e.content.as_str())))
        .collect();
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    let mut out = String::new();
    let mut cursor = 0;
    for (span, content) in edits {
        if span.start < cursor {
            return None;
        }
        out.push_str(text.get(cursor..span.start)?);
        out.push_str(content);
        cursor = span.end;
    }
    out.push_str(text.get(cursor..)?);
    Some(out)
}

/// Compares, for each rule with a fix in `text`, the listed edits with `--fix`'s result;
/// returns the mismatches as readable lines.
fn mismatches(label: &str, path: &str, text: &str, site: &Site) -> Vec<String> {
    let reports = lint_on_site(path, text, &all_rules(), site);
    let mut codes: Vec<&'static str> = reports.iter().filter(|r| r.fix.is_some()).map(|r| r.code).collect();
    codes.dedup();
    let mut found = Vec::new();
    for code in codes {
        let overrides = Overrides { select: Some(vec![code.to_string()]), ..Overrides::default() };
        let settings = config::defaults(&overrides).expect("a rulebook code selects");
        let only: Vec<Report> = lint_on_site(path, text, &settings, site);
        let fixable: Vec<&Report> = only.iter().filter(|r| r.code == code && r.fix.is_some()).collect();
        let Some(listed) = apply_listed(text, &fixable) else { continue };
        let context = postlint::engine::LintContext { settings: &settings, site, today: TODAY };
        let fixed = fix_text(path, Path::new(path), text, &context, FixMode::Unsafe);
        if fixed.text != listed {
            found.push(format!("{label}: {code}: the listed edits give\n{listed}\n--fix gives\n{}\n", fixed.text));
        }
    }
    found
}

#[test]
fn listed_edits_equal_fix_on_every_rulebook_example() {
    let mut found = Vec::new();
    for doc in postlint::rulebook::all() {
        for example in doc.examples().into_iter().filter(|e| e.runnable) {
            let path = example.path.clone().unwrap_or_else(|| "_posts/2026-01-12-example.md".to_string());
            let label = format!("rules/{}.md:{}", doc.code, example.line);
            found.extend(mismatches(&label, &path, &example.text, &example_site(&example.text)));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn listed_edits_equal_fix_on_every_fixture_post() {
    let mut found = Vec::new();
    let mut seen = 0;
    for entry in walk(&fixtures()) {
        let Some(ext) = entry.extension().and_then(|e| e.to_str()) else { continue };
        if !["md", "markdown", "mdx"].contains(&ext) {
            continue;
        }
        let text = std::fs::read_to_string(&entry).expect("fixture is UTF-8");
        let relative = entry.strip_prefix(fixtures()).expect("under fixtures").to_string_lossy().into_owned();
        let generator = if relative.contains("hugo") { "hugo" } else { "jekyll" };
        found.extend(mismatches(
            &relative,
            &relative,
            &text,
            &Site::detached(postlint::site::GeneratorName::parse(generator).flatten()),
        ));
        seen += 1;
    }
    assert!(seen > 20, "the fixtures were found ({seen})");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The seed's KW002 on the command line: the JSON's edits (lines and columns) applied by
/// hand give what `--fix --unsafe-fixes --select KW002` writes, `seo_keywords` included.
#[test]
fn seed_kw002_json_edits_rewrite_tags_and_seo_keywords_as_fix_does() {
    let dir = copy_site(&fixtures().join("site"));
    let relative = seed_path();
    let original = std::fs::read_to_string(dir.path().join(&relative)).unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "KW002", &relative]);
    let mut edits = Vec::new();
    for diagnostic in json["diagnostics"].as_array().unwrap() {
        for edit in diagnostic["fix"]["edits"].as_array().into_iter().flatten() {
            let at = |line: &str, column: &str| {
                offset(&original, edit[line].as_u64().unwrap(), edit[column].as_u64().unwrap())
            };
            edits.push((
                at("line", "column"),
                at("end_line", "end_column"),
                edit["content"].as_str().unwrap().to_string(),
            ));
        }
    }
    let lines: Vec<usize> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["fix"]["edits"].as_array().cloned().unwrap_or_default())
        .map(|e| e["line"].as_u64().unwrap() as usize)
        .collect();
    let seo_line = original.lines().position(|l| l.starts_with("seo_keywords:")).unwrap() + 1;
    assert!(lines.contains(&seo_line), "the seo_keywords item (line {seo_line}) is a listed edit: {lines:?}");
    edits.sort();
    let mut by_hand = original.clone();
    for (start, end, content) in edits.into_iter().rev() {
        by_hand.replace_range(start..end, &content);
    }
    postlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--unsafe-fixes", "--quiet", "--select", "KW002", &relative])
        .assert()
        .code(0);
    assert_eq!(std::fs::read_to_string(dir.path().join(&relative)).unwrap(), by_hand);
}

/// The byte offset of a 1-based line and character column.
fn offset(text: &str, line: u64, column: u64) -> usize {
    let start: usize = text.split_inclusive('\n').take(line as usize - 1).map(str::len).sum();
    let rest = &text[start..];
    start + rest.char_indices().nth(column as usize - 1).map_or(rest.len(), |(i, _)| i)
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read fixtures") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}
