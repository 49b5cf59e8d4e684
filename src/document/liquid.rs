//! Liquid tags (`{% … %}`) and outputs (`{{ … }}`) in the body, found in one linear scan.

use crate::text::lines::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiquidKind {
    Tag,
    Output,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiquidTag {
    pub kind: LiquidKind,
    /// From `{%` to `%}` inclusive.
    pub span: Span,
    /// The text between the delimiters, trimmed (and without `-` whitespace control).
    pub inner: Span,
}

impl LiquidTag {
    /// The tag's name (`post_url`, `link`, `include` …), or the output's first word.
    pub fn name<'a>(&self, source: &'a str) -> &'a str {
        source[self.inner.clone()].split_whitespace().next().unwrap_or("")
    }

    /// The text after the name.
    pub fn argument<'a>(&self, source: &'a str) -> (&'a str, Span) {
        let inner = &source[self.inner.clone()];
        let name_len = inner.split_whitespace().next().map_or(0, str::len);
        let rest = &inner[name_len..];
        let trimmed_start = rest.len() - rest.trim_start().len();
        let start = self.inner.start + name_len + trimmed_start;
        let text = rest.trim();
        (text, start..start + text.len())
    }
}

/// Scans `source[range]`. Linear even for a file full of `{%` without `%}`: once a closer
/// is not found after some point, no later opener looks for it again.
pub fn scan(source: &str, range: Span) -> Vec<LiquidTag> {
    let bytes = source.as_bytes();
    let mut tags = Vec::new();
    let mut cursor = range.start;
    let mut no_tag_closer = false;
    let mut no_output_closer = false;
    let mut in_raw = false;
    while let Some(i) = memchr::memchr(b'{', &bytes[cursor..range.end]) {
        let open = cursor + i;
        cursor = open + 1;
        let kind = match bytes.get(open + 1) {
            Some(b'%') if !no_tag_closer => LiquidKind::Tag,
            Some(b'{') if !no_output_closer && !in_raw => LiquidKind::Output,
            _ => continue,
        };
        let closer: &[u8] = if kind == LiquidKind::Tag { b"%}" } else { b"}}" };
        let Some(close) = memchr::memmem::find(&bytes[open + 2..range.end], closer).map(|j| open + 2 + j) else {
            match kind {
                LiquidKind::Tag => no_tag_closer = true,
                LiquidKind::Output => no_output_closer = true,
            }
            continue;
        };
        let inner = trim_span(source, open + 2, close);
        let tag = LiquidTag { kind, span: open..close + 2, inner };
        cursor = close + 2;
        if kind == LiquidKind::Tag {
            match tag.name(source) {
                "raw" => in_raw = true,
                "endraw" => in_raw = false,
                _ if in_raw => continue,
                _ => {}
            }
        }
        tags.push(tag);
    }
    tags
}

fn trim_span(source: &str, mut start: usize, mut end: usize) -> Span {
    let bytes = source.as_bytes();
    if start < end && bytes[start] == b'-' {
        start += 1;
    }
    if end > start && bytes[end - 1] == b'-' {
        end -= 1;
    }
    while start < end && bytes[start].is_ascii_whitespace() {
        start += 1;
    }
    while end > start && bytes[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_and_outputs() {
        let text = "a {{ site.baseurl }}{% post_url 2026-01-01-x %} {%- raw -%}{{ no }}{% endraw %}";
        let tags = scan(text, 0..text.len());
        let names: Vec<_> = tags.iter().map(|t| t.name(text)).collect();
        assert_eq!(names, ["site.baseurl", "post_url", "raw", "endraw"]);
        assert_eq!(tags[1].argument(text).0, "2026-01-01-x");
    }

    #[test]
    fn unclosed_openers_stay_linear() {
        let text = "{% ".repeat(100_000);
        assert!(scan(&text, 0..text.len()).is_empty());
    }
}
