//! The default on a terminal: each diagnostic with its source line and a caret under
//! the span, then its help. Lines are found from the byte span directly (no scan from
//! the start of the file), so many diagnostics in a big file stay linear.

use std::io::{self, Write};

use super::{Emitter, FileReports, Style, Summary};
use crate::diagnostic::Report;
use crate::text::escape::escape_inline;
use crate::text::width::display_width;

pub struct Full;

/// Long lines (a 5 MB minified line) are shown as a window around the span.
const WINDOW: usize = 100;

impl Emitter for Full {
    fn file(&mut self, out: &mut dyn Write, file: &FileReports, style: &Style) -> io::Result<()> {
        for report in &file.reports {
            write_report(out, report, file.source.as_deref(), style)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, summary: &Summary, style: &Style) -> io::Result<()> {
        super::write_summary_line(out, summary, style)
    }
}

fn write_report(out: &mut dyn Write, report: &Report, source: Option<&str>, style: &Style) -> io::Result<()> {
    let fixable = match &report.fix {
        Some(fix) if fix.applicability == crate::diagnostic::Applicability::Safe => style.paint("32", " [*]"),
        Some(_) => style.paint("33", " [*unsafe]"),
        None => String::new(),
    };
    writeln!(
        out,
        "{}{}: {}{fixable}",
        style.severity(report.severity),
        style.paint("1", &format!("[{}]", report.code)),
        escape_inline(&report.message)
    )?;
    let line_number = report.location.start.line;
    let gutter = line_number.to_string().len();
    writeln!(
        out,
        "{:gutter$}{} {}:{}:{}",
        "",
        style.paint("34", "-->"),
        escape_inline(&report.path),
        line_number,
        report.location.start.column
    )?;
    if let Some(source) = source
        && report.span.start <= source.len()
    {
        let bar = style.paint("34", "|");
        let (text, caret_pad, caret_len) = snippet(source, report);
        writeln!(out, "{:gutter$} {bar}", "")?;
        writeln!(out, "{} {bar} {text}", style.paint("34", &line_number.to_string()))?;
        let color = Style::severity_color(report.severity);
        writeln!(
            out,
            "{:gutter$} {bar} {}{}",
            "",
            " ".repeat(caret_pad),
            style.paint(color, &"^".repeat(caret_len.max(1)))
        )?;
    }
    let note = |out: &mut dyn Write, kind: &str, text: String| {
        writeln!(out, "{:gutter$} {} {}: {text}", "", style.paint("34", "="), style.paint("1", kind))
    };
    for label in &report.labels {
        let (line, column) = (label.location.start.line, label.location.start.column);
        note(out, "note", format!("{} (line {line}, column {column})", escape_inline(&label.message)))?;
    }
    for related in &report.related {
        note(out, "see", format!("{} ({})", escape_inline(&related.path), escape_inline(&related.message)))?;
    }
    if let Some(help) = &report.help {
        note(out, "help", escape_inline(help).into_owned())?;
    }
    writeln!(out)
}

/// The primary span's line (or a window of it), the caret's indent and its width.
fn snippet(source: &str, report: &Report) -> (String, usize, usize) {
    let start = report.span.start.min(source.len());
    let bytes = source.as_bytes();
    // A line ends at `\n`, `\r\n` or a lone `\r` (see `text::lines`).
    let line_start = memchr::memrchr2(b'\n', b'\r', &bytes[..start]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(source.len(), |i| start + i);
    let span_end = report.span.end.clamp(start, line_end.max(start));
    let line = &source[line_start..line_end.max(line_start)];
    let before_chars = source[line_start..start].chars().count();
    let (window_start, prefix) = if before_chars > WINDOW / 2 {
        let skip = before_chars - WINDOW / 4;
        (line.char_indices().nth(skip).map_or(line.len(), |(i, _)| i), "…")
    } else {
        (0, "")
    };
    let window_end =
        line[window_start..].char_indices().nth(WINDOW + WINDOW / 2).map_or(line.len(), |(i, _)| window_start + i);
    let suffix = if window_end < line.len() { "…" } else { "" };
    let shown = &line[window_start..window_end];
    let text = format!("{prefix}{}{suffix}", escape_inline(shown));
    let before = &line[window_start..(start - line_start).max(window_start)];
    let caret_pad = display_width(prefix) + display_width(&escape_inline(before));
    let span_text = &source[start..span_end.min(line_start + window_end).max(start)];
    let caret_len = display_width(&escape_inline(span_text));
    (text, caret_pad, caret_len)
}
