//! `path:line:col: CODE [severity] message`, one line per diagnostic. The path starts
//! the line, so it goes through `escape_output` like the message: a file named
//! `::error …::x.md` cannot forge a workflow command; the message, mid-line, through
//! `escape_inline`.

use std::io::{self, Write};

use super::{Emitter, FileReports, Style, Summary};
use crate::text::escape::{escape_inline, escape_output};

pub struct Concise;

impl Emitter for Concise {
    fn file(&mut self, out: &mut dyn Write, file: &FileReports, style: &Style) -> io::Result<()> {
        for report in &file.reports {
            writeln!(
                out,
                "{}:{}:{}: {} [{}] {}",
                escape_output(&report.path),
                report.location.start.line,
                report.location.start.column,
                style.paint("1", report.code),
                style.severity(report.severity),
                escape_inline(&report.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary, style: &Style) -> io::Result<()> {
        super::write_summary_line(out, summary, style)
    }
}
