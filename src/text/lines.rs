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
///
/// Offsets are kept as `u32` (texts are at most 64 MiB: a post is cut at 16 MiB, a
/// language server message at 64 MiB), so a file of blank lines costs four bytes a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
    ascii: bool,
    /// For non-ASCII text, characters before each `COLUMN_BLOCK` bytes: built on the first
    /// column asked for on a long line, so columns there are not counted from the line's
    /// start each time (thousands of reports on one 16 MiB line).
    chars_before_block: std::sync::OnceLock<Vec<u32>>,
}

/// Lines longer than this count columns from `chars_before_block`.
const COLUMN_BLOCK: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        // Sized to the line ends (at most), not grown by doubling: a file of short lines
        // would otherwise hold up to twice its index while it grows.
        let ends = memchr::memchr2_iter(b'\n', b'\r', bytes).count();
        let mut starts = Vec::with_capacity(ends + 1);
        starts.push(0);
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes)
                .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| (i + 1) as u32),
        );
        LineIndex { starts, ascii: text.is_ascii(), chars_before_block: std::sync::OnceLock::new() }
    }

    fn start(&self, line: usize) -> usize {
        self.starts[line] as usize
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line number holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX);
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte offset where 0-based `line` starts (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.start(line.min(self.starts.len() - 1))
    }

    /// Byte range of 0-based `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_start(line);
        let mut end = self.starts.get(line + 1).map_or(text.len(), |&end| end as usize);
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
        let start = self.start(line);
        let column = if self.ascii {
            offset - start
        } else if offset - start <= COLUMN_BLOCK {
            text[start..offset].chars().count()
        } else {
            self.chars_before(text, offset) - self.chars_before(text, start)
        };
        Position { line: line + 1, column: column + 1 }
    }

    /// Characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let bytes = text.as_bytes();
        // A character is counted at its first byte: any byte but a UTF-8 continuation.
        let count = |range: &[u8]| range.iter().filter(|b| (**b & 0xC0) != 0x80).count();
        let blocks = self.chars_before_block.get_or_init(|| {
            let mut total = 0;
            std::iter::once(0)
                .chain(bytes.chunks(COLUMN_BLOCK).map(|chunk| {
                    total += count(chunk) as u32;
                    total
                }))
                .collect()
        });
        let block = offset / COLUMN_BLOCK;
        blocks[block] as usize + count(&bytes[block * COLUMN_BLOCK..offset])
    }

    /// Byte offset of a 1-based line and character column (the inverse of `position`).
    pub fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let line_index = line.saturating_sub(1).min(self.starts.len() - 1);
        let start = self.start(line_index);
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
    fn columns_on_long_lines_count_characters_too() {
        let text = format!("x\n{}y{}z", "日".repeat(3000), "é".repeat(5000));
        let index = LineIndex::new(&text);
        let y = text.find('y').unwrap();
        let z = text.find('z').unwrap();
        assert_eq!(index.position(&text, y), Position { line: 2, column: 3001 });
        assert_eq!(index.position(&text, z), Position { line: 2, column: 8002 });
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
