//! The document model: each post is read and parsed once, and every rule reads this.

pub mod front_matter;
pub mod html;
pub mod json;
pub mod liquid;
pub mod markdown;
pub mod tree;
pub mod yaml;

use front_matter::FrontMatter;
use json::{JsonError, JsonNode};
use liquid::LiquidTag;
use markdown::Outline;

use crate::text::lines::{LineIndex, Span};

/// A `<script type="application/ld+json">` block.
#[derive(Debug)]
pub struct JsonLdBlock {
    /// The `<script …>` opening tag.
    pub tag_span: Span,
    /// The text between `<script …>` and `</script>`.
    pub content: Span,
    pub parsed: Result<JsonNode, JsonError>,
    /// Liquid/Hugo expressions inside the block (file spans); values there are unknown.
    pub templates: Vec<Span>,
}

impl JsonLdBlock {
    /// Whether a value's span holds template text, so its real value is only known after rendering.
    pub fn is_templated(&self, span: &Span) -> bool {
        self.templates.iter().any(|t| t.start < span.end && span.start < t.end)
    }
}

pub struct Document<'a> {
    /// The path as given or found, used in output.
    pub path: &'a str,
    pub source: &'a str,
    pub lines: LineIndex,
    pub front_matter: Option<FrontMatter>,
    pub body_start: usize,
    pub outline: Outline,
    pub liquid: Vec<LiquidTag>,
    pub jsonld: Vec<JsonLdBlock>,
}

impl<'a> Document<'a> {
    pub fn parse(path: &'a str, source: &'a str) -> Document<'a> {
        let (front_matter, body_start) = front_matter::split(source);
        let outline = markdown::parse(source, body_start);
        let liquid = liquid::scan(source, body_start..source.len());
        let jsonld = find_jsonld(source, &outline);
        Document { path, source, lines: LineIndex::new(source), front_matter, body_start, outline, liquid, jsonld }
    }

    pub fn text(&self, span: &Span) -> &'a str {
        &self.source[span.clone()]
    }

    /// Whether the post has parsed front matter with this key.
    pub fn front(&self, key: &str) -> Option<&tree::Node> {
        self.front_matter.as_ref().and_then(|fm| fm.get(key))
    }

    pub fn front_str(&self, key: &str) -> Option<&str> {
        self.front(key).and_then(tree::Node::as_str)
    }

    pub fn title(&self) -> Option<&str> {
        self.front_str("title")
    }

    /// Whether `offset` lies in a code block or code span.
    pub fn in_code(&self, offset: usize) -> bool {
        in_sorted_spans(&self.outline.code, offset)
    }

    pub fn is_ascii_path(&self) -> bool {
        self.path.is_ascii()
    }

    /// The file name without directories.
    pub fn file_name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(self.path)
    }
}

/// Binary search over spans sorted by start (possibly nested, as code spans are not).
pub fn in_sorted_spans(spans: &[Span], offset: usize) -> bool {
    let index = spans.partition_point(|span| span.start <= offset);
    index > 0 && spans[..index].iter().rev().take(4).any(|span| offset < span.end)
}

fn find_jsonld(source: &str, outline: &Outline) -> Vec<JsonLdBlock> {
    let mut tags = Vec::new();
    for range in &outline.html {
        html::find_tags(source, range.clone(), &["script"], &mut tags);
    }
    let mut blocks = Vec::new();
    for tag in tags {
        let is_jsonld = tag
            .attribute("type")
            .and_then(|a| a.value.as_deref())
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_jsonld {
            continue;
        }
        let rest = &source.as_bytes()[tag.span.end..];
        let end = memchr::memmem::find(rest, b"</script").map_or(source.len(), |i| tag.span.end + i);
        let content = tag.span.end..end;
        let (masked, templates) = json::mask_templates(&source[content.clone()]);
        let parsed = json::parse(&masked, content.start);
        let templates = templates.into_iter().map(|t| t.start + content.start..t.end + content.start).collect();
        blocks.push(JsonLdBlock { tag_span: tag.span, content, parsed, templates });
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonld_block_positions_are_in_the_file() {
        let source = "---\ntitle: x\n---\n\n<div>\n  <script type=\"application/ld+json\">\n  {\"@type\": \"BlogPosting\",}\n  </script>\n</div>\n";
        let document = Document::parse("p.md", source);
        assert_eq!(document.jsonld.len(), 1);
        let error = document.jsonld[0].parsed.as_ref().unwrap_err();
        let position = document.lines.position(source, error.span.start);
        assert_eq!((position.line, position.column), (7, 26));
    }

    #[test]
    fn in_code_finds_offsets_in_code() {
        let source = "a `b` c\n";
        let document = Document::parse("p.md", source);
        assert!(document.in_code(3));
        assert!(!document.in_code(0));
    }
}
