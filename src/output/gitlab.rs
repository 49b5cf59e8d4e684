//! GitLab Code Quality: a JSON array of issues (`description`, `check_name`,
//! `fingerprint`, `severity`, `location.path`, `location.lines.begin`), which GitLab
//! shows in merge request widgets when the job uploads it as `artifacts:reports:codequality`.
//!
//! The fingerprint must stay the same while the problem stays, or GitLab shows every
//! moved line as fixed and new: it hashes the path, the rule and the message with the
//! occurrence number of that triple in the file, never the line.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, FileReports, Style, Summary};
use crate::diagnostic::Severity;
use crate::text::escape::escape_json;
use crate::text::hash::fingerprint;

#[derive(Default)]
pub struct Gitlab {
    written: usize,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

/// GitLab's levels: what fails a build is `major`, an SEO defect `minor`, advice `info`.
fn gitlab_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

impl Emitter for Gitlab {
    fn file(&mut self, out: &mut dyn Write, file: &FileReports, _style: &Style) -> io::Result<()> {
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for report in &file.reports {
            let occurrence = seen.entry((report.code, report.message.as_str())).or_default();
            *occurrence += 1;
            let issue = Issue {
                description: format!("{}: {}", report.code, report.message),
                check_name: report.code,
                fingerprint: fingerprint(&[&report.path, report.code, &report.message, &occurrence.to_string()]),
                severity: gitlab_severity(report.severity),
                location: Location {
                    path: &report.path,
                    lines: Lines { begin: report.location.start.line, end: report.location.end.line },
                },
            };
            let text = serde_json::to_string(&issue).map_err(io::Error::other)?;
            out.write_all(if self.written == 0 { b"[\n  " } else { b",\n  " })?;
            out.write_all(escape_json(&text).as_bytes())?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary, _style: &Style) -> io::Result<()> {
        if self.written == 0 { writeln!(out, "[]") } else { writeln!(out, "\n]") }
    }
}
