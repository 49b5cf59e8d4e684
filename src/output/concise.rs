//! `path:line:col: CODE [severity] message`, one line per diagnostic.

use std::io::{self, Write};

use super::{Emitter, FileReports, Style};
use crate::text::escape::escape_control;

pub struct Concise;

impl Emitter for Concise {
    fn file(&mut self, out: &mut dyn Write, file: &FileReports, style: &Style) -> io::Result<()> {
        for report in &file.reports {
            writeln!(
                out,
                "{}:{}:{}: {} [{}] {}",
                escape_control(&report.path),
                report.location.start.line,
                report.location.start.column,
                style.paint("1", report.code),
                style.severity(report.severity),
                escape_control(&report.message)
            )?;
        }
        Ok(())
    }
}
