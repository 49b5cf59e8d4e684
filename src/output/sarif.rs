//! SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, FileReports, Style, Summary};
use crate::diagnostic::Severity;
use crate::rulebook::RULE_DOCS;

pub struct Sarif;

/// Where the rulebook is published; each rule's `helpUri` points into it.
pub fn rulebook_url() -> String {
    std::env::var("POSTLINT_RULEBOOK_URL")
        .unwrap_or_else(|_| "https://github.com/postlint/postlint/blob/main/rules/".to_string())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: every byte outside the unreserved set and `/`
/// is percent-encoded (Japanese file names, spaces).
pub fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(byte as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// An artifact location: relative paths against `%SRCROOT%`, absolute ones as `file://`.
fn artifact(path: &str) -> Value {
    let normalized = path.replace('\\', "/");
    if normalized.starts_with('/') {
        json!({"uri": format!("file://{}", uri_path(&normalized))})
    } else {
        json!({"uri": uri_path(&normalized), "uriBaseId": "%SRCROOT%"})
    }
}

impl Emitter for Sarif {
    fn emit(&self, out: &mut dyn Write, files: &[FileReports], _summary: &Summary, _style: &Style) -> io::Result<()> {
        let base = rulebook_url();
        let rules: Vec<Value> = RULE_DOCS
            .iter()
            .map(|doc| {
                json!({
                    "id": doc.code,
                    "name": doc.name,
                    "shortDescription": {"text": doc.summary},
                    "fullDescription": {"text": doc.summary},
                    "helpUri": format!("{base}{}.md", doc.code),
                    "help": {"text": format!("{} — see {base}{}.md", doc.summary, doc.code)},
                    "defaultConfiguration": {"level": level(doc.severity)},
                    "properties": {"tags": [doc.family]},
                })
            })
            .collect();
        let results: Vec<Value> = files
            .iter()
            .flat_map(|f| &f.reports)
            .map(|report| {
                let index = RULE_DOCS.iter().position(|d| d.code == report.code).unwrap_or(0);
                let message = match &report.help {
                    Some(help) => format!("{} ({help})", report.message),
                    None => report.message.clone(),
                };
                let mut result = json!({
                    "ruleId": report.code,
                    "ruleIndex": index,
                    "level": level(report.severity),
                    "message": {"text": message},
                    "locations": [{
                        "physicalLocation": {
                            "artifactLocation": artifact(&report.path),
                            "region": {
                                "startLine": report.location.start.line,
                                "startColumn": report.location.start.column,
                                "endLine": report.location.end.line,
                                "endColumn": report.location.end.column.max(if report.location.end.line == report.location.start.line { report.location.start.column } else { 1 }),
                            }
                        }
                    }],
                });
                if !report.labels.is_empty() {
                    result["relatedLocations"] = Value::Array(
                        report
                            .labels
                            .iter()
                            .enumerate()
                            .map(|(id, label)| {
                                json!({
                                    "id": id,
                                    "message": {"text": label.message},
                                    "physicalLocation": {
                                        "artifactLocation": artifact(&report.path),
                                        "region": {"startLine": label.location.start.line, "startColumn": label.location.start.column}
                                    }
                                })
                            })
                            .collect(),
                    );
                }
                result
            })
            .collect();
        let document = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "postlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": base.trim_end_matches("rules/"),
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }]
        });
        serde_json::to_writer_pretty(&mut *out, &document)?;
        writeln!(out)
    }
}
