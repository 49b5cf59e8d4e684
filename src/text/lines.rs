//! Byte offsets to 1-based line and character columns.
//!
//! A line ends at `\n`, `\r\n`, or a lone `\r` (old Mac files; CommonMark, kramdown and
//! editors all end a line there). The parsers below us know only `\n`, so a document is
//! parsed from `lone_cr_as_lf`'s copy: the same length, so every byte offset is the same
//! in the file itself and fixes apply to it unchanged.

use std::borrow::Cow;
use std::ops::Range;

/// A byte range into a file's full text.
pub type Span = Range<usize>;

/// A 1-based line and 1-based column counted in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Start offsets of every line, built in one pass, so each lookup is a binary search.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    ascii: bool,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        let bytes = text.as_bytes();
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1),
        );
        LineIndex { starts, ascii: text.is_ascii() }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// Byte range of 0-based `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// 1-based position of a byte offset. Offsets inside a multi-byte character or past
    /// the end are moved back to the nearest character boundary.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = if self.ascii { offset - start } else { text[start..offset].chars().count() };
        Position { line: line + 1, column: column + 1 }
    }

    /// Byte offset of a 1-based line and character column (the inverse of `position`).
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let line_index = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.starts[line_index];
        let span = self.line_span(text, line_index);
        let chars = column.saturating_sub(1);
        text[span.clone()].char_indices().nth(chars).map(|(i, _)| start + i).unwrap_or(span.end)
    }
}

/// `text` with each lone `\r` (one not followed by `\n`) turned into `\n`: byte for byte
/// the same length, so offsets into it are offsets into `text`.
pub fn lone_cr_as_lf(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for i in memchr::memchr_iter(b'\r', bytes).filter(|&i| lone(i)) {
        out[i] = b'\n';
    }
    // Only ASCII `\r` bytes became ASCII `\n`: still UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// The largest character boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "---\ntitle: 日本語 x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x), Position { line: 2, column: 12 });
        assert_eq!(index.offset(text, 2, 12), x);
    }

    #[test]
    fn offset_past_end_is_clamped() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 99), Position { line: 2, column: 3 });
    }

    #[test]
    fn a_lone_cr_ends_a_line() {
        let text = "a\rbc\r\nd\r";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(&text[index.line_span(text, 0)], "a");
        assert_eq!(&text[index.line_span(text, 1)], "bc");
        assert_eq!(&text[index.line_span(text, 2)], "d");
        assert_eq!(index.position(text, text.find('d').unwrap()), Position { line: 3, column: 1 });
        assert_eq!(lone_cr_as_lf(text), "a\nbc\r\nd\n");
        assert!(matches!(lone_cr_as_lf("a\r\nb\n"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_span_strips_crlf() {
        let text = "a\r\nbc\r\n";
        let index = LineIndex::new(text);
        assert_eq!(&text[index.line_span(text, 0)], "a");
        assert_eq!(&text[index.line_span(text, 1)], "bc");
    }
}
