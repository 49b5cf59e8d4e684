//! JUnit XML for GitLab and Jenkins: one testsuite per file, one testcase per diagnostic.

use std::io::{self, Write};

use super::{Emitter, FileReports, Style, Summary};
use crate::text::escape::escape_inline;

/// The header counts every diagnostic, so the suites are rendered as files arrive and
/// written at the end.
#[derive(Default)]
pub struct Junit {
    suites: Vec<u8>,
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
    fn file(&mut self, _out: &mut dyn Write, file: &FileReports, _style: &Style) -> io::Result<()> {
        if !file.reports.is_empty() {
            write_suite(&mut self.suites, file)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary, _style: &Style) -> io::Result<()> {
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        let failures = summary.errors + summary.warnings + summary.infos;
        writeln!(out, r#"<testsuites name="postlint" tests="{}" failures="{failures}">"#, failures.max(1))?;
        if self.suites.is_empty() {
            writeln!(out, r#"  <testsuite name="postlint" tests="1" failures="0">"#)?;
            writeln!(out, r#"    <testcase name="{} files checked" classname="postlint"/>"#, summary.files)?;
            writeln!(out, "  </testsuite>")?;
        }
        out.write_all(&self.suites)?;
        writeln!(out, "</testsuites>")
    }
}

/// One testsuite per file, one testcase per diagnostic.
fn write_suite(out: &mut Vec<u8>, file: &FileReports) -> io::Result<()> {
    // User text is made safe to print (`escape_inline`) before it is made XML.
    let path = xml_escape(&escape_inline(&file.path));
    writeln!(out, r#"  <testsuite name="{path}" tests="{0}" failures="{0}">"#, file.reports.len())?;
    for report in &file.reports {
        let position = format!("{}:{}", report.location.start.line, report.location.start.column);
        writeln!(
            out,
            r#"    <testcase name="{} {} at {position}" classname="{path}" file="{path}" line="{}">"#,
            report.code, report.name, report.location.start.line
        )?;
        let message = escape_inline(&report.message);
        let mut body =
            format!("{}:{position}: {} [{}] {message}", escape_inline(&file.path), report.code, report.severity);
        if let Some(help) = &report.help {
            body.push_str(&format!("\nhelp: {}", escape_inline(help)));
        }
        writeln!(
            out,
            r#"      <failure type="{}" message="{}">{}</failure>"#,
            report.code,
            xml_escape(&message),
            xml_escape(&body)
        )?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")
}
