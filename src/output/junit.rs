//! JUnit XML for GitLab and Jenkins: one testcase per checked file, failed only by what
//! fails the run (`--fail-on`); warnings and advice below that level are listed in the
//! case's output, so a job failing on 3 errors shows 3 failed files, not 60 failures.

use std::io::{self, Write};

use super::{Emitter, FileReports, Style, Summary};
use crate::diagnostic::Severity;
use crate::text::escape::{escape_inline, escape_output};

/// The header counts files and failures, so the cases are rendered as files arrive and
/// written at the end.
#[derive(Default)]
pub struct Junit {
    cases: Vec<u8>,
    files: usize,
    failures: usize,
}

/// XML text: the five entities escaped, characters XML 1.0 forbids replaced.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

impl Emitter for Junit {
    fn file(&mut self, _out: &mut dyn Write, file: &FileReports, style: &Style) -> io::Result<()> {
        self.files += 1;
        if write_case(&mut self.cases, file, style.fail_on)? {
            self.failures += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary, _style: &Style) -> io::Result<()> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        let (tests, failures) = (self.files, self.failures);
        writeln!(out, r#"<testsuites name="postlint" tests="{tests}" failures="{failures}">"#)?;
        writeln!(out, r#"  <testsuite name="postlint" tests="{tests}" failures="{failures}">"#)?;
        out.write_all(&self.cases)?;
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

/// One testcase per checked file. It fails when the file has a diagnostic at or above
/// `--fail-on` (what fails the run fails the test, as GitLab and Jenkins users expect);
/// the other diagnostics are listed in its `system-out`. Returns whether it failed.
fn write_case(out: &mut Vec<u8>, file: &FileReports, fail_on: Option<Severity>) -> io::Result<bool> {
    // User text is made safe to print (`escape_inline`) before it is made XML.
    let path = xml_escape(&escape_inline(&file.path));
    let failing = |report: &&crate::diagnostic::Report| fail_on.is_some_and(|level| report.severity >= level);
    let line = |report: &crate::diagnostic::Report| {
        let mut text = format!(
            "{}:{}:{}: {} [{}] {}",
            escape_output(&file.path),
            report.location.start.line,
            report.location.start.column,
            report.code,
            report.severity,
            escape_inline(&report.message)
        );
        if let Some(help) = &report.help {
            text.push_str(&format!("\n  help: {}", escape_inline(help)));
        }
        text
    };
    writeln!(out, r#"    <testcase name="{path}" classname="postlint" file="{path}">"#)?;
    let failures: Vec<_> = file.reports.iter().filter(failing).collect();
    if let Some(first) = failures.first() {
        let body: Vec<String> = failures.iter().map(|r| line(r)).collect();
        let message = format!(
            "{} problem{} at or above the fail level, first: {} {}",
            failures.len(),
            if failures.len() == 1 { "" } else { "s" },
            first.code,
            escape_inline(&first.message)
        );
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            first.code,
            xml_escape(&message),
            xml_escape(&body.join("\n"))
        )?;
    }
    let others: Vec<String> = file.reports.iter().filter(|r| !failing(r)).map(line).collect();
    if !others.is_empty() {
        writeln!(out, "      <system-out>{}</system-out>", xml_escape(&others.join("\n")))?;
    }
    writeln!(out, "    </testcase>")?;
    Ok(!failures.is_empty())
}
