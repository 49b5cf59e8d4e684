//! The JSON contract of the design (`json`) and the same objects one per line (`json-lines`).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, FileReports, Style, Summary};
use crate::diagnostic::Report;

pub struct Json;
pub struct JsonLines;

pub fn report_value(report: &Report) -> Value {
    let fix = report.fix.as_ref().map(|fix| {
        json!({
            "applicability": fix.applicability,
            "edits": fix.edits.iter().map(|edit| json!({
                "line": edit.location.start.line,
                "column": edit.location.start.column,
                "end_line": edit.location.end.line,
                "end_column": edit.location.end.column,
                "content": edit.content,
            })).collect::<Vec<_>>(),
        })
    });
    let labels: Vec<Value> = report
        .labels
        .iter()
        .map(|label| {
            json!({
                "line": label.location.start.line,
                "column": label.location.start.column,
                "end_line": label.location.end.line,
                "end_column": label.location.end.column,
                "message": label.message,
            })
        })
        .collect();
    json!({
        "path": report.path,
        "code": report.code,
        "name": report.name,
        "severity": report.severity,
        "message": report.message,
        "line": report.location.start.line,
        "column": report.location.start.column,
        "end_line": report.location.end.line,
        "end_column": report.location.end.column,
        "help": report.help,
        "labels": labels,
        "fix": fix,
    })
}

impl Emitter for Json {
    fn emit(&self, out: &mut dyn Write, files: &[FileReports], summary: &Summary, _style: &Style) -> io::Result<()> {
        let diagnostics: Vec<Value> = files.iter().flat_map(|f| &f.reports).map(report_value).collect();
        let document = json!({
            "version": 1,
            "summary": {
                "files": summary.files,
                "errors": summary.errors,
                "warnings": summary.warnings,
                "infos": summary.infos,
                "fixable": summary.fixable,
            },
            "diagnostics": diagnostics,
        });
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}

impl Emitter for JsonLines {
    fn emit(&self, out: &mut dyn Write, files: &[FileReports], _summary: &Summary, _style: &Style) -> io::Result<()> {
        for report in files.iter().flat_map(|f| &f.reports) {
            serde_json::to_writer(&mut *out, &report_value(report))?;
            writeln!(out)?;
        }
        Ok(())
    }
}
