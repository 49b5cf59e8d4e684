//! GitHub Actions workflow commands: `::error file=…,line=…::message`. User text is
//! escaped so it can never end the command or start a new one: first `escape_inline`
//! (control characters made visible, `##[` broken), then GitHub's own escaping for data
//! and properties, so a path's ESC byte or newline never reaches the runner raw.

use std::io::{self, Write};

use super::{Emitter, FileReports, Style};
use crate::diagnostic::Severity;
use crate::text::escape::escape_inline;

pub struct Github;

/// Escaping for the message part (GitHub's `escapeData`).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping for property values (GitHub's `escapeProperty`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

impl Emitter for Github {
    fn file(&mut self, out: &mut dyn Write, file: &FileReports, _style: &Style) -> io::Result<()> {
        for report in &file.reports {
            let command = match report.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            // The newline before the help is ours, kept as `%0A` (a line break in the annotation).
            let message = match &report.help {
                Some(help) => format!("{}\n{}", escape_inline(&report.message), escape_inline(help)),
                None => escape_inline(&report.message).into_owned(),
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&escape_inline(&report.path)),
                report.location.start.line,
                report.location.start.column,
                report.location.end.line,
                report.location.end.column,
                // The name may come from the configuration (a custom rule): escaped like a path.
                escape_property(&escape_inline(&format!("{} {}", report.code, report.name))),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}
