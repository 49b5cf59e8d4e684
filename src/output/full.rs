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
    let mut notes: Vec<&crate::diagnostic::ResolvedLabel> = Vec::new();
    match source.filter(|source| report.span.start <= source.len()) {
        Some(source) => notes = write_snippet(out, report, source, style, gutter)?,
        None => notes.extend(&report.labels),
    }
    let note = |out: &mut dyn Write, kind: &str, text: String| {
        writeln!(out, "{:gutter$} {} {}: {text}", "", style.paint("34", "="), style.paint("1", kind))
    };
    for label in notes {
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

/// What is drawn under a shown line: the primary span with `^`, a label with `-` and
/// its message.
struct Mark<'a> {
    span: std::ops::Range<usize>,
    primary: bool,
    text: Option<&'a str>,
}

/// A line of the file to show, with its number and the marks under it.
struct ShownLine<'a> {
    number: usize,
    start: usize,
    end: usize,
    marks: Vec<Mark<'a>>,
}

/// At most this many lines are shown for one diagnostic; labels further away are notes.
const MAX_LINES: usize = 4;

/// The primary span's line and the lines of its labels (in file order), each with its
/// marks drawn in place; returns the labels that could not be drawn (too far, or off
/// the shown window of a long line), to be given as notes.
fn write_snippet<'r>(
    out: &mut dyn Write,
    report: &'r Report,
    source: &str,
    style: &Style,
    gutter: usize,
) -> io::Result<Vec<&'r crate::diagnostic::ResolvedLabel>> {
    let (start, end) = line_bounds(source, report.span.start);
    let primary = Mark { span: report.span.clone(), primary: true, text: None };
    let mut lines = vec![ShownLine { number: report.location.start.line, start, end, marks: vec![primary] }];
    let mut notes = Vec::new();
    for label in &report.labels {
        if label.span.start > source.len() {
            notes.push(label);
            continue;
        }
        let (start, end) = line_bounds(source, label.span.start);
        let mark = Mark { span: label.span.clone(), primary: false, text: Some(label.message.as_str()) };
        let shown = lines.len();
        match lines.iter_mut().find(|line| line.start == start) {
            Some(line) => line.marks.push(mark),
            None if shown < MAX_LINES => {
                lines.push(ShownLine { number: label.location.start.line, start, end, marks: vec![mark] })
            }
            None => notes.push(label),
        }
    }
    lines.sort_by_key(|line| line.start);
    let gutter = lines.iter().map(|line| line.number.to_string().len()).max().unwrap_or(gutter).max(gutter);
    let bar = style.paint("34", "|");
    writeln!(out, "{:gutter$} {bar}", "")?;
    let mut previous: Option<usize> = None;
    for line in &lines {
        if previous.is_some_and(|p| line.number > p + 1) {
            writeln!(out, "{}", style.paint("34", "..."))?;
        }
        previous = Some(line.number);
        let anchor = line.marks.iter().map(|m| m.span.start).min().unwrap_or(line.start);
        let window = Window::around(source, line.start, line.end, anchor);
        writeln!(out, "{:>gutter$} {bar} {}", style.paint("34", &line.number.to_string()), window.text(source))?;
        let mut drawn: Vec<(usize, usize, &Mark)> = Vec::new();
        for mark in &line.marks {
            match window.columns(source, &mark.span) {
                Some((column, width)) => drawn.push((column, width, mark)),
                None => {
                    if let Some(label) = report.labels.iter().find(|l| l.span == mark.span && !mark.primary) {
                        notes.push(label);
                    }
                }
            }
        }
        drawn.sort_by_key(|(column, _, _)| *column);
        write_marks(out, &drawn, report, style, gutter, &bar)?;
    }
    Ok(notes)
}

/// The underline row (`^^^` for the primary, `---` for labels, the last label's message
/// after it), then one row for each other label's message under its column.
fn write_marks(
    out: &mut dyn Write,
    drawn: &[(usize, usize, &Mark)],
    report: &Report,
    style: &Style,
    gutter: usize,
    bar: &str,
) -> io::Result<()> {
    let mut row = String::new();
    let mut width = 0;
    for (column, length, mark) in drawn {
        if *column > width {
            row.push_str(&" ".repeat(column - width));
            width = *column;
        }
        let visible = (column + length).saturating_sub(width).max(usize::from(width == *column));
        let (symbol, color) = if mark.primary { ("^", Style::severity_color(report.severity)) } else { ("-", "34") };
        row.push_str(&style.paint(color, &symbol.repeat(visible)));
        width += visible;
    }
    let last_text = drawn.last().and_then(|(_, _, mark)| mark.text);
    if let Some(text) = last_text {
        row.push(' ');
        row.push_str(&style.paint("34", &escape_inline(text)));
    }
    writeln!(out, "{:gutter$} {bar} {row}", "")?;
    let others = drawn.iter().rev().skip(usize::from(last_text.is_some())).filter_map(|(c, _, m)| Some((c, m.text?)));
    for (column, text) in others {
        writeln!(out, "{:gutter$} {bar} {}{}", "", " ".repeat(*column), style.paint("34", &escape_inline(text)))?;
    }
    Ok(())
}

/// The bytes of the line holding `offset`, without its line ending (`\n`, `\r\n` or a
/// lone `\r`, as `text::lines` reads them).
fn line_bounds(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let bytes = source.as_bytes();
    let start = memchr::memrchr2(b'\n', b'\r', &bytes[..offset]).map_or(0, |i| i + 1);
    let end = memchr::memchr2(b'\n', b'\r', &bytes[offset..]).map_or(source.len(), |i| offset + i);
    (start, end)
}

/// The part of a line shown: all of it, or a window around the first mark of a long line
/// (a minified 5 MB line is shown as about `WINDOW` characters).
struct Window {
    line_start: usize,
    start: usize,
    end: usize,
    prefix: &'static str,
    suffix: &'static str,
}

impl Window {
    fn around(source: &str, line_start: usize, line_end: usize, anchor: usize) -> Window {
        let line = &source[line_start..line_end.max(line_start)];
        let anchor = anchor.clamp(line_start, line_start + line.len());
        let before_chars = source[line_start..anchor].chars().count();
        let (start, prefix) = if before_chars > WINDOW / 2 {
            let skip = before_chars - WINDOW / 4;
            (line.char_indices().nth(skip).map_or(line.len(), |(i, _)| i), "…")
        } else {
            (0, "")
        };
        let end = line[start..].char_indices().nth(WINDOW + WINDOW / 2).map_or(line.len(), |(i, _)| start + i);
        let suffix = if end < line.len() { "…" } else { "" };
        Window { line_start, start: line_start + start, end: line_start + end, prefix, suffix }
    }

    fn text(&self, source: &str) -> String {
        format!("{}{}{}", self.prefix, escape_inline(&source[self.start..self.end]), self.suffix)
    }

    /// The display column and width of `span` on the shown text, or `None` when it
    /// starts outside the window. A span running past the line is cut at its end.
    fn columns(&self, source: &str, span: &std::ops::Range<usize>) -> Option<(usize, usize)> {
        if span.start < self.start || span.start > self.end || span.start < self.line_start {
            return None;
        }
        let before = &source[self.start..span.start];
        let column = display_width(self.prefix) + display_width(&escape_inline(before));
        let shown = &source[span.start..span.end.clamp(span.start, self.end)];
        Some((column, display_width(&escape_inline(shown)).max(1)))
    }
}
