//! SARIF 2.1.0 for GitHub code scanning and other static-analysis dashboards.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Emitter, FileReports, Style, Summary};
use crate::diagnostic::{Report, Severity};
use crate::rulebook;
use crate::text::escape::escape_json;

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

/// An artifact location: relative paths against `%SRCROOT%`, absolute ones as `file://`
/// URLs made by the url crate (which knows Windows drive letters).
fn artifact(path: &str) -> Value {
    let normalized = path.replace('\\', "/");
    if let Some(url) = std::path::Path::new(path).is_absolute().then(|| url::Url::from_file_path(path).ok()).flatten() {
        json!({"uri": url.as_str()})
    } else if normalized.starts_with('/') {
        json!({"uri": format!("file://{}", uri_path(&normalized))})
    } else {
        json!({"uri": uri_path(&normalized), "uriBaseId": "%SRCROOT%"})
    }
}

/// The run's `tool` object: every rule, so `ruleIndex` is stable across runs.
fn tool(base: &str) -> Value {
    let rules: Vec<Value> = rulebook::all()
        .into_iter()
        .map(|doc| {
            if doc.family == crate::custom::FAMILY {
                // A rule of the project's own configuration: no page in postlint's rulebook.
                return json!({
                    "id": doc.code,
                    "name": doc.name,
                    "shortDescription": {"text": doc.summary},
                    "fullDescription": {"text": doc.summary},
                    "defaultConfiguration": {"level": level(doc.severity)},
                    "properties": {"tags": [doc.family]},
                });
            }
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
    json!({"driver": {
        "name": "postlint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": base.trim_end_matches("rules/"),
        "rules": rules,
    }})
}

fn result(report: &Report) -> Value {
    let index = rulebook::index_of(report.code).unwrap_or(0);
    let message = match &report.help {
        Some(help) => format!("{} ({help})", report.message),
        None => report.message.clone(),
    };
    let (start, end) = (report.location.start, report.location.end);
    // SARIF wants the end column at or after the start column on a one-line region.
    let end_column = end.column.max(if end.line == start.line { start.column } else { 1 });
    let mut result = json!({
        "ruleId": report.code,
        "ruleIndex": index,
        "level": level(report.severity),
        "message": {"text": message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact(&report.path),
                "region": {"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end_column}
            }
        }],
    });
    if !report.labels.is_empty() || !report.related.is_empty() {
        let in_file = report.labels.iter().map(|label| {
            json!({
                "message": {"text": label.message},
                "physicalLocation": {
                    "artifactLocation": artifact(&report.path),
                    "region": {"startLine": label.location.start.line, "startColumn": label.location.start.column}
                }
            })
        });
        // Cross-file findings (the other post with the same title) point at that file.
        let other_files = report.related.iter().map(|related| {
            json!({
                "message": {"text": related.message},
                "physicalLocation": {"artifactLocation": artifact(&related.path)}
            })
        });
        result["relatedLocations"] = Value::Array(
            in_file
                .chain(other_files)
                .enumerate()
                .map(|(id, mut location)| {
                    location["id"] = json!(id);
                    location
                })
                .collect(),
        );
    }
    result
}

/// Streams one run: the header with the tool when the first file arrives, each result as
/// it comes, and the closing brackets at the end.
#[derive(Default)]
pub struct Sarif {
    results: usize,
    started: bool,
}

impl Sarif {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        writeln!(out, "{{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",")?;
        writeln!(out, "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{")?;
        out.write_all(b"      \"tool\": ")?;
        // Custom rules' names and descriptions come from the configuration: printed safe
        // for a CI runner like every result (`escape_json`).
        out.write_all(escape_json(&tool(&rulebook_url()).to_string()).as_bytes())?;
        write!(out, ",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [")
    }
}

impl Emitter for Sarif {
    fn file(&mut self, out: &mut dyn Write, file: &FileReports, _style: &Style) -> io::Result<()> {
        self.start(out)?;
        for report in &file.reports {
            out.write_all(if self.results == 0 { b"\n        " } else { b",\n        " })?;
            // Safe to print on a CI runner without changing the parsed text (`escape_json`).
            out.write_all(escape_json(&result(report).to_string()).as_bytes())?;
            self.results += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _summary: &Summary, _style: &Style) -> io::Result<()> {
        self.start(out)?;
        let close = if self.results == 0 { "]" } else { "\n      ]" };
        writeln!(out, "{close}\n    }}\n  ]\n}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_paths_are_file_urls_and_relative_ones_are_against_srcroot() {
        assert_eq!(artifact("/blog/_posts/a b.md")["uri"], "file:///blog/_posts/a%20b.md");
        assert_eq!(artifact("_posts/a b.md"), json!({"uri": "_posts/a%20b.md", "uriBaseId": "%SRCROOT%"}));
    }
}
