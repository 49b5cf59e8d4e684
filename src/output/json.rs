//! The JSON contract of the design (`json`) and the same objects one per line (`json-lines`).
//!
//! Diagnostics are serialised straight from the reports through borrowed views, without
//! an intermediate `serde_json::Value` per diagnostic.

use std::io::{self, Write};

use serde::Serialize;

use super::{Emitter, FileReports, Style, Summary};
use crate::diagnostic::{Applicability, Location, Report, Severity};
use crate::text::escape::escape_json;

/// `json`: the summary comes first in the contract, so each diagnostic is rendered as it
/// arrives (one compact line, indented) and the document is written at the end.
#[derive(Default)]
pub struct Json {
    rendered: Vec<u8>,
    count: usize,
}

pub struct JsonLines;

#[derive(Serialize)]
struct Range {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl From<&Location> for Range {
    fn from(location: &Location) -> Range {
        Range {
            line: location.start.line,
            column: location.start.column,
            end_line: location.end.line,
            end_column: location.end.column,
        }
    }
}

#[derive(Serialize)]
struct EditView<'a> {
    #[serde(flatten)]
    range: Range,
    content: &'a str,
}

#[derive(Serialize)]
struct FixView<'a> {
    applicability: Applicability,
    edits: Vec<EditView<'a>>,
}

#[derive(Serialize)]
struct LabelView<'a> {
    #[serde(flatten)]
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct ReportView<'a> {
    path: &'a str,
    code: &'a str,
    name: &'a str,
    severity: Severity,
    message: &'a str,
    #[serde(flatten)]
    range: Range,
    help: Option<&'a str>,
    labels: Vec<LabelView<'a>>,
    #[serde(skip_serializing_if = "<[RelatedView<'a>]>::is_empty")]
    related: Vec<RelatedView<'a>>,
    fix: Option<FixView<'a>>,
}

/// A place in another file (the other post with the same title): its path.
#[derive(Serialize)]
struct RelatedView<'a> {
    path: &'a str,
    message: &'a str,
}

impl<'a> From<&'a Report> for ReportView<'a> {
    fn from(report: &'a Report) -> ReportView<'a> {
        ReportView {
            path: &report.path,
            code: report.code,
            name: report.name,
            severity: report.severity,
            message: &report.message,
            range: Range::from(&report.location),
            help: report.help.as_deref(),
            labels: report
                .labels
                .iter()
                .map(|label| LabelView { range: Range::from(&label.location), message: &label.message })
                .collect(),
            related: report
                .related
                .iter()
                .map(|related| RelatedView { path: &related.path, message: &related.message })
                .collect(),
            fix: report.fix.as_ref().map(|fix| FixView {
                applicability: fix.applicability,
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| EditView { range: Range::from(&edit.location), content: &edit.content })
                    .collect(),
            }),
        }
    }
}

/// One diagnostic as a compact JSON object, safe to print on a CI runner (`escape_json`).
pub fn write_report(out: &mut (impl Write + ?Sized), report: &Report) -> io::Result<()> {
    let json = serde_json::to_string(&ReportView::from(report)).map_err(io::Error::other)?;
    out.write_all(escape_json(&json).as_bytes())
}

impl Emitter for Json {
    fn file(&mut self, _out: &mut dyn Write, file: &FileReports, _style: &Style) -> io::Result<()> {
        for report in &file.reports {
            self.rendered.extend_from_slice(if self.count == 0 { b"\n    " } else { b",\n    " });
            write_report(&mut self.rendered, report)?;
            self.count += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary, _style: &Style) -> io::Result<()> {
        writeln!(out, "{{\n  \"version\": 1,")?;
        let baseline = match summary.baseline {
            Some(baseline) => format!("{{\"matched\": {}, \"stale\": {}}}", baseline.matched, baseline.stale),
            None => "null".to_string(),
        };
        writeln!(
            out,
            "  \"summary\": {{\"files\": {}, \"files_with_problems\": {}, \"errors\": {}, \"warnings\": {}, \"infos\": {}, \"fixable\": {}, \"fixable_safe\": {}, \"fixable_unsafe\": {}, \"baseline\": {baseline}, \"unchecked\": {}}},",
            summary.files,
            summary.files_with_problems,
            summary.errors,
            summary.warnings,
            summary.infos,
            summary.fixable,
            summary.fixable_safe(),
            summary.fixable_unsafe,
            serde_json::to_string(&summary.unchecked).unwrap_or_else(|_| "[]".to_string())
        )?;
        out.write_all(b"  \"diagnostics\": [")?;
        out.write_all(&self.rendered)?;
        let close = if self.count == 0 { "]\n}" } else { "\n  ]\n}" };
        writeln!(out, "{close}")
    }
}

impl Emitter for JsonLines {
    fn file(&mut self, out: &mut dyn Write, file: &FileReports, _style: &Style) -> io::Result<()> {
        for report in &file.reports {
            write_report(&mut *out, report)?;
            writeln!(out)?;
        }
        Ok(())
    }
}
