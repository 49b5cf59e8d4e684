//! Every Bad example of the rulebook, rendered as a user sees it (the `full` format)
//! with the edits of its fix, is a reviewed snapshot: a change of wording, span or fix
//! shows up as a diff in review (`cargo insta review`, or `INSTA_UPDATE=always`).

use postlint::diagnostic::Report;
use postlint::output::{FileReports, Format, Style, Summary, emitter};
use postlint::rulebook::RULE_DOCS;
use postlint::testing::{all_rules, example_site, lint_on_site};

#[test]
fn every_bad_example_renders_as_reviewed() {
    let settings = all_rules();
    let mut settings_for_insta = insta::Settings::clone_current();
    settings_for_insta.set_snapshot_path("snapshots/rulebook");
    settings_for_insta.set_prepend_module_to_snapshot(false);
    settings_for_insta.set_omit_expression(true);
    settings_for_insta.bind(|| {
        for doc in RULE_DOCS {
            let bad = doc.examples().into_iter().filter(|e| e.bad && e.runnable);
            for (number, example) in bad.enumerate() {
                let path = example.path.clone().unwrap_or_else(|| "example.md".to_string());
                let reports: Vec<Report> = lint_on_site(&path, &example.text, &settings, &example_site(&example.text))
                    .into_iter()
                    .filter(|r| r.code == doc.code)
                    .collect();
                let name = format!("{}-bad-{}", doc.code, number + 1);
                insta::assert_snapshot!(name, render(&path, &example.text, reports));
            }
        }
    });
}

/// The `full` output of one file, then each fix's edits as positions and new text.
fn render(path: &str, text: &str, reports: Vec<Report>) -> String {
    let mut fixes = String::new();
    for report in &reports {
        let Some(fix) = &report.fix else { continue };
        fixes.push_str(&format!("fix ({:?}) for {}:\n", fix.applicability, report.code));
        for edit in &fix.edits {
            let (start, end) = (edit.location.start, edit.location.end);
            fixes.push_str(&format!(
                "  {}:{}-{}:{} → {:?}\n",
                start.line, start.column, end.line, end.column, edit.content
            ));
        }
    }
    let summary = Summary::count(1, reports.iter());
    let file = FileReports { path: path.to_string(), reports, source: Some(text.to_string()), fixed: None };
    let style = Style { color: false, quiet: true, fail_on: None };
    let mut out = Vec::new();
    if let Err(error) = emitter(Format::Full).emit(&mut out, &[file], &summary, &style) {
        panic!("rendering to memory cannot fail: {error}");
    }
    String::from_utf8_lossy(&out).into_owned() + &fixes
}

/// The machine formats are contracts with CI tools: byte for byte, they change only
/// when a snapshot is updated on purpose.
#[test]
fn every_machine_format_of_the_fixture_site_is_byte_stable() {
    let mut settings_for_insta = insta::Settings::clone_current();
    settings_for_insta.set_snapshot_path("snapshots/formats");
    settings_for_insta.set_prepend_module_to_snapshot(false);
    settings_for_insta.set_omit_expression(true);
    settings_for_insta.bind(|| {
        for format in ["concise", "json", "json-lines", "github", "sarif", "junit", "gitlab"] {
            let output = assert_cmd::Command::cargo_bin("postlint")
                .unwrap()
                .env_remove("POSTLINT_OUTPUT_FORMAT")
                .env("NO_COLOR", "1")
                .args(["check", "--exit-zero", "--no-cache", "--now", "2026-06-01", "--output-format", format])
                .arg("fixtures/site")
                .output()
                .unwrap();
            insta::assert_snapshot!(format, String::from_utf8_lossy(&output.stdout));
        }
    });
}
