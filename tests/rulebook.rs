//! The rulebook is the single source of truth: every registered rule has a doc, every
//! doc a rule, every doc's Bad example raises its rule and every Good example does not.

use postlint::rulebook::RULE_DOCS;
use postlint::rules::REGISTRY;
use postlint::testing::{all_rules, example_site, lint_on_site};

#[test]
fn every_rule_has_a_doc_and_every_doc_a_rule() {
    for spec in REGISTRY {
        assert!(
            RULE_DOCS.iter().any(|d| d.code == spec.code),
            "{} is registered but has no rules/{}.md",
            spec.code,
            spec.code
        );
    }
    for doc in RULE_DOCS {
        assert!(REGISTRY.iter().any(|s| s.code == doc.code), "rules/{}.md has no registered rule", doc.code);
    }
}

#[test]
fn docs_have_the_required_sections() {
    for doc in RULE_DOCS {
        for section in ["## What it checks", "## Why it matters", "## Bad", "## Good"] {
            assert!(doc.text.contains(section), "rules/{}.md lacks `{section}`", doc.code);
        }
        assert!(!doc.summary.is_empty(), "rules/{}.md has no summary sentence", doc.code);
        let names: Vec<_> = RULE_DOCS.iter().filter(|d| d.name == doc.name).collect();
        assert_eq!(names.len(), 1, "rule name {} is used twice", doc.name);
    }
}

#[test]
fn every_example_behaves_as_its_section_says() {
    let settings = all_rules();
    let mut failures = Vec::new();
    let mut counted = 0;
    for doc in RULE_DOCS {
        let examples = doc.examples();
        for example in examples {
            if !example.runnable {
                assert!(doc.text.contains("tests/"), "rules/{}.md has a `norun` example but names no test", doc.code);
                continue;
            }
            counted += 1;
            let path = example.path.clone().unwrap_or_else(|| "example.md".to_string());
            let reports = lint_on_site(&path, &example.text, &settings, &example_site(&example.text));
            let hits: Vec<_> = reports.iter().filter(|r| r.code == doc.code).collect();
            if example.bad && hits.is_empty() {
                failures.push(format!(
                    "rules/{}.md:{}: Bad example does not raise {}; got {:?}",
                    doc.code,
                    example.line,
                    doc.code,
                    codes(&reports)
                ));
            }
            if !example.bad && !hits.is_empty() {
                failures.push(format!(
                    "rules/{}.md:{}: Good example raises {}: {}",
                    doc.code,
                    example.line,
                    doc.code,
                    hits.iter()
                        .map(|r| format!("{}:{} {}", r.location.start.line, r.location.start.column, r.message))
                        .collect::<Vec<_>>()
                        .join("; ")
                ));
            }
        }
    }
    assert!(counted >= RULE_DOCS.len(), "too few examples were found");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_doc_with_a_bad_section_has_a_runnable_bad_example_or_says_where_it_is() {
    for doc in RULE_DOCS {
        let examples = doc.examples();
        let has_bad = examples.iter().any(|e| e.bad);
        assert!(has_bad || doc.text.contains("tests/"), "rules/{}.md has no Bad example and names no test", doc.code);
        assert!(examples.iter().any(|e| !e.bad), "rules/{}.md has no Good example", doc.code);
    }
}

fn codes(reports: &[postlint::diagnostic::Report]) -> Vec<String> {
    reports.iter().map(|r| format!("{}@{}:{}", r.code, r.location.start.line, r.location.start.column)).collect()
}

/// A rule reports through a reporter bound to its registered code, and offers fixes
/// exactly as its doc's `fix:` says: none, or only of the declared applicability (and
/// at least one of its Bad examples shows one).
#[test]
fn every_rule_reports_only_its_own_code_and_offers_the_fixes_its_doc_declares() {
    use postlint::rules::RuleKind;
    use postlint::testing::settings_from;
    let mut failures = Vec::new();
    for spec in REGISTRY.iter().filter(|s| matches!(s.kind, RuleKind::Post(_))) {
        let Some(doc) = RULE_DOCS.iter().find(|d| d.code == spec.code) else { continue };
        let settings = settings_from(&format!("select = [\"{}\"]", spec.code));
        let mut fixes_shown = 0;
        for example in doc.examples().into_iter().filter(|e| e.runnable) {
            let path = example.path.clone().unwrap_or_else(|| "example.md".to_string());
            let reports = lint_on_site(&path, &example.text, &settings, &example_site(&example.text));
            for report in reports.iter().filter(|r| !r.code.starts_with("PL")) {
                if report.code != spec.code {
                    failures.push(format!("rules/{}.md:{}: reported as {}", doc.code, example.line, report.code));
                }
                match (&report.fix, doc.fix) {
                    (Some(fix), Some(declared)) if fix.applicability != declared => failures.push(format!(
                        "rules/{}.md:{}: offers a {:?} fix, the doc declares {:?}",
                        doc.code, example.line, fix.applicability, declared
                    )),
                    (Some(_), None) => failures.push(format!(
                        "rules/{}.md:{}: offers a fix, the doc declares `fix: none`",
                        doc.code, example.line
                    )),
                    (Some(_), Some(_)) => fixes_shown += 1,
                    (None, _) => {}
                }
            }
        }
        if doc.fix.is_some() && fixes_shown == 0 {
            failures.push(format!("rules/{}.md declares a fix but no example shows one", doc.code));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
