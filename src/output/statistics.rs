//! `--output-format statistics`: the counts per rule, most frequent first, and the
//! summary line; no diagnostic. What ruff prints for `--statistics`, for a first look
//! at a big site (and the per-rule counts that decide `per-file-ignores`).

use std::io::{self, Write};

use super::{Emitter, FileReports, Statistics, Style, Summary};

impl Emitter for Statistics {
    fn file(&mut self, _out: &mut dyn Write, file: &FileReports, _style: &Style) -> io::Result<()> {
        self.add(&file.reports);
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary, style: &Style) -> io::Result<()> {
        self.write(out, style)?;
        super::write_summary_line(out, summary, style)
    }
}
