//! The document model: each post is read and parsed once, and every rule reads this.

pub mod front_matter;
pub mod html;
pub mod json;
pub mod liquid;
pub mod markdown;
pub mod mask;
pub mod tree;
pub mod yaml;

use front_matter::FrontMatter;
use json::{JsonError, JsonNode};
use liquid::LiquidTag;
use markdown::Outline;

use crate::text::lines::{LineIndex, Span};
pub use crate::work::Limit;

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

/// Counts over the body's prose and headings, computed once per post on first use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStats {
    /// CJK characters (each read as one unit).
    pub cjk_chars: usize,
    /// Words of other scripts.
    pub words: usize,
    /// Characters that are neither white space nor ASCII punctuation.
    pub visible_chars: usize,
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
    /// Regions the Markdown parser reads as blank, and offsets it reads as `>` (see
    /// `mask`): the parser's copy of the body is remade from them for `blocks`.
    blanked: Vec<Span>,
    quote_marks: Vec<usize>,
    /// Caps this post reached: parts of it postlint did not read (each becomes a PL001).
    pub limits: Vec<Limit>,
    stats: std::sync::OnceLock<TextStats>,
    blocks: std::sync::OnceLock<Vec<markdown::Block>>,
}

pub const EXTENSIONS: &[&str] = &["md", "markdown", "mdx"];

/// Whether a path names a Markdown file postlint lints.
pub fn is_markdown_file(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// How many times a document has been parsed in this process: the regression guard for
/// "parse each post once" counts it.
pub static PARSES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

impl<'a> Document<'a> {
    /// Parses a post read as plain CommonMark plus what every site's Markdown is read with.
    pub fn parse(path: &'a str, source: &'a str) -> Document<'a> {
        Document::parse_with(path, source, &mask::Markup::default())
    }

    /// Parses a post the way its generator reads its Markdown (`markup`, the site's).
    pub fn parse_with(path: &'a str, source: &'a str, markup: &mask::Markup) -> Document<'a> {
        PARSES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (front_matter, body_start) = front_matter::split_with(source, markup);
        let mut limits = Vec::new();
        if let Some(front_matter) = front_matter.as_ref().filter(|f| f.too_large) {
            limits.push(Limit {
                span: front_matter.span.start..front_matter.span.start,
                message: format!(
                    "the front matter is longer than postlint reads ({} KiB); its keys were not checked",
                    crate::work::FRONT_MATTER_BYTES / 1024
                ),
            });
        }
        // The body is read as Markdown up to the marks cap (see `work.rs`): past it,
        // nothing of the body is read, and a PL001 says where reading stopped.
        let end = markdown_end(source, body_start, &mut limits);
        let read = &source[..end];
        let mut liquid = liquid::scan(read, body_start..end);
        let mdx = markup.mdx_everywhere || path.rsplit('.').next().is_some_and(|ext| ext.eq_ignore_ascii_case("mdx"));
        let masked = mask::regions(read, body_start..end, &liquid, mdx, markup);
        // Container headers are blanked but are not code; their content is quoted.
        let (mut blanked, quote_marks) = if markup.indented_containers {
            let (headers, marks) = mask::indented_containers(read, body_start..end);
            (headers, marks.into_iter().filter(|mark| !in_sorted_spans(&masked, *mark)).collect())
        } else {
            (Vec::new(), Vec::new())
        };
        blanked.extend(mask::fence_trailing_tabs(source, body_start..source.len()));
        // `md_in_html` openers: blanked for the parse, kept as HTML for the rules.
        let openers = if markup.markdown_in_html {
            mask::markdown_in_html_openers(source, body_start..source.len())
        } else {
            Vec::new()
        };
        blanked.extend(openers.iter().cloned());
        blanked.extend(masked.iter().cloned());
        blanked.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
        let mut outline = match mask::blank(read, body_start, &blanked, &quote_marks) {
            Some(body) => {
                let mut blanked = String::with_capacity(read.len());
                blanked.push_str(&read[..body_start]);
                blanked.push_str(&body);
                markdown::parse_with(&blanked, body_start, !markup.no_heading_attributes)
            }
            None => markdown::parse_with(read, body_start, !markup.no_heading_attributes),
        };
        if !openers.is_empty() {
            outline.html.extend(openers);
            outline.html.sort_by_key(|span| span.start);
        }
        if markup.raw_html_blocks {
            // Python-Markdown renders no Markdown inside a raw HTML block: what the parser
            // read there as Markdown images, links and headings is text on the page.
            let raw = mask::python_markdown_raw_blocks(read, body_start..end, markup.markdown_in_html);
            if !raw.is_empty() {
                let inside = |span: &Span| raw.iter().any(|block| block.start <= span.start && span.end <= block.end);
                outline.images.retain(|image| image.kind == markdown::ImageKind::Html || !inside(&image.span));
                outline.links.retain(|link| link.kind == markdown::LinkKind::Html || !inside(&link.span));
                outline
                    .headings
                    .retain(|heading| heading.kind == markdown::HeadingKind::Html || !inside(&heading.span));
            }
        }
        if markup.single_line_setext {
            outline.headings.retain(|heading| {
                heading.kind != markdown::HeadingKind::Setext
                    || !read.get(heading.text_span.clone()).is_some_and(|text| text.trim().contains('\n'))
            });
        }
        if mdx {
            // MDX has no HTML blocks: `<h1>` quoted in inline code inside a component's
            // text is code, not a heading. A real JSX `<h3>` stays in the outline.
            let quoted = in_inline_code(source, outline.headings.iter().map(|h| h.span.start));
            let mut quoted = quoted.into_iter();
            outline.headings.retain(|heading| {
                let inside = quoted.next().unwrap_or(false);
                heading.kind != markdown::HeadingKind::Html || !inside
            });
        }
        if !masked.is_empty() {
            // Generator code blocks are code for every rule; Liquid inside them is text.
            liquid.retain(|tag| !in_sorted_spans(&masked, tag.span.start));
            outline.code.extend(masked.iter().cloned());
            outline.code.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
        }
        let jsonld = find_jsonld(source, &outline, &mut limits);
        Document {
            path,
            source,
            lines: LineIndex::new(source),
            front_matter,
            body_start,
            outline,
            liquid,
            jsonld,
            blanked,
            quote_marks,
            limits,
            stats: std::sync::OnceLock::new(),
            blocks: std::sync::OnceLock::new(),
        }
    }

    /// The body's block structure (paragraphs, lists and their items, tables and their
    /// rows …) as the outline's parser reads it, built on first use: the rules do not
    /// need it, the editor's code actions do.
    pub fn blocks(&self) -> &[markdown::Block] {
        self.blocks.get_or_init(|| match mask::blank(self.source, self.body_start, &self.blanked, &self.quote_marks) {
            Some(body) => {
                let mut blanked = String::with_capacity(self.source.len());
                blanked.push_str(&self.source[..self.body_start]);
                blanked.push_str(&body);
                markdown::blocks(&blanked, self.body_start)
            }
            None => markdown::blocks(self.source, self.body_start),
        })
    }

    /// Character and word counts of the prose and headings, in one pass, shared by rules.
    pub fn text_stats(&self) -> TextStats {
        *self.stats.get_or_init(|| {
            let mut stats = TextStats::default();
            let runs = self.outline.text.iter().map(|span| &self.source[span.clone()]);
            for text in runs.chain(self.outline.headings.iter().map(|h| h.text.as_str())) {
                count_text(text, &mut stats);
            }
            stats
        })
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

/// ASCII bytes by what they count for: bit 0 a word character, bit 1 a visible character.
const ASCII_CLASS: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        let word = b.is_ascii_alphanumeric() as u8;
        let visible = (!b.is_ascii_whitespace() && !b.is_ascii_punctuation()) as u8;
        table[byte] = word | (visible << 1);
        byte += 1;
    }
    table
};

fn count_text(text: &str, stats: &mut TextStats) {
    // Classified by UTF-8 lead byte where that decides (ASCII by table; U+3040–U+9FFF,
    // kana and CJK ideographs, by lead byte), decoding only other characters: this runs
    // over every post's text.
    let bytes = text.as_bytes();
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte < 0x80 {
            // A whole ASCII run at once, without branches on the characters.
            let mut previous = u8::from(in_word);
            while let Some(&ascii) = bytes.get(i).filter(|b| b.is_ascii()) {
                let class = ASCII_CLASS[usize::from(ascii)];
                let word = class & 1;
                stats.words += usize::from(word & !previous & 1);
                stats.visible_chars += usize::from(class >> 1);
                previous = word;
                i += 1;
            }
            in_word = previous == 1;
            continue;
        }
        // E3 81 .. E9 BF: kana and ideographs. E3 80: CJK punctuation, visible but for
        // the ideographic space (E3 80 80). Either way no word goes on across them.
        if (0xE3..=0xE9).contains(&byte) && i + 2 < bytes.len() {
            if byte == 0xE3 && bytes[i + 1] == 0x80 {
                stats.visible_chars += usize::from(bytes[i + 2] != 0x80);
            } else {
                stats.cjk_chars += 1;
                stats.visible_chars += 1;
            }
            in_word = false;
            i += 3;
            continue;
        }
        let Some(ch) = text.get(i..).and_then(|rest| rest.chars().next()) else { break };
        i += ch.len_utf8();
        stats.visible_chars += usize::from(!ch.is_whitespace());
        if crate::text::width::is_cjk(ch) {
            stats.cjk_chars += 1;
            in_word = false;
        } else if matches!(ch, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FF0F}') {
            in_word = false;
        } else if ch.is_alphanumeric() {
            stats.words += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = false;
        }
    }
}

/// For each of `offsets` (in increasing order), whether an odd number of backticks precede
/// it on its line: it is inside a code span that the Markdown parser did not see (text in
/// an HTML block). One pass over the text, however many offsets share a long line.
fn in_inline_code(source: &str, offsets: impl Iterator<Item = usize>) -> Vec<bool> {
    let bytes = source.as_bytes();
    let (mut cursor, mut odd) = (0, false);
    offsets
        .map(|offset| {
            let offset = offset.max(cursor);
            crate::work::scanned(offset - cursor);
            for &byte in &bytes[cursor..offset] {
                match byte {
                    b'\n' => odd = false,
                    b'`' => odd = !odd,
                    _ => {}
                }
            }
            cursor = offset;
            odd
        })
        .collect()
}

/// How many marks each byte counts for (see `work.rs`): 1 for a byte from which
/// pulldown-cmark may build an element, 2 for a line end (a line can be an element of its
/// own, a heading or a list item, with its text) and for `<`, and `LIST` for `-`, `+` and
/// `.`, which mark only before white space (a list item).
const MARKS: [u8; 256] = {
    let mut table = [0u8; 256];
    let marks = b"[]()!<>*_`~|&\\";
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = 1;
        i += 1;
    }
    table[b'\n' as usize] = 2;
    // An HTML tag is one of the costliest elements (its attributes, and what it becomes:
    // a link, an image, a heading).
    table[b'<' as usize] = 2;
    table[b'-' as usize] = LIST;
    table[b'+' as usize] = LIST;
    table[b'.' as usize] = LIST;
    table
};
const LIST: u8 = 3;

/// Where reading the body as Markdown stops: the end of the file, or, when the body holds
/// more marks than `work::marks_cap` allows, the start of the line where the cap is
/// reached (or the mark itself on a line over 4 KiB), said in `limits`.
fn markdown_end(source: &str, body_start: usize, limits: &mut Vec<Limit>) -> usize {
    let cap = crate::work::marks_cap(source.len());
    let bytes = source.as_bytes();
    // Each mark takes at least one byte: a body no longer than the cap cannot reach it.
    if bytes.len() - body_start <= cap {
        return source.len();
    }
    crate::work::scanned(bytes.len() - body_start);
    let mut marks = 0;
    let mut at = body_start;
    while at < bytes.len() {
        let byte = bytes[at];
        marks += match MARKS[usize::from(byte)] {
            // `- `, `+ ` and `1. ` open list items.
            LIST => usize::from(
                matches!(bytes.get(at + 1), Some(b' ' | b'\t'))
                    && (byte != b'.' || at > 0 && bytes[at - 1].is_ascii_digit()),
            ),
            weight => usize::from(weight),
        };
        if marks > cap {
            break;
        }
        at += 1;
    }
    if at >= bytes.len() {
        return source.len();
    }
    let line_start = memchr::memrchr(b'\n', &bytes[body_start..at]).map_or(body_start, |i| body_start + i + 1);
    let end = if at - line_start > 4096 { at } else { line_start };
    let line = 1 + memchr::memchr_iter(b'\n', &bytes[..end]).count();
    limits.push(Limit {
        span: end..end,
        message: format!(
            "this post has more Markdown marks (brackets, emphasis, list markers, lines …) than postlint reads in a post of its size ({cap}); its body was checked up to line {line} only"
        ),
    });
    end
}

/// Binary search over spans sorted by start (possibly nested, as code spans are not).
pub fn in_sorted_spans(spans: &[Span], offset: usize) -> bool {
    let index = spans.partition_point(|span| span.start <= offset);
    index > 0 && spans[..index].iter().rev().take(4).any(|span| offset < span.end)
}

/// The post's JSON-LD blocks, parsed; a block past the post's budget of JSON values is
/// left out and said in `limits`.
fn find_jsonld(source: &str, outline: &Outline, limits: &mut Vec<Limit>) -> Vec<JsonLdBlock> {
    let mut budget = crate::work::JSON_LD_VALUES;
    let mut tags = Vec::new();
    for range in &outline.html {
        html::find_tags(source, range.clone(), &["script"], &mut tags);
    }
    let mut blocks: Vec<JsonLdBlock> = Vec::new();
    for tag in tags {
        let is_jsonld = tag
            .attribute("type")
            .and_then(|a| a.value.as_deref())
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        // A script's text runs to the first `</script` (or the end of the file) and holds
        // no tags, as a browser reads it: a `<script` inside it is text. Skipping those
        // also keeps this linear, each byte searched and parsed once: a file of unclosed
        // `<script type="application/ld+json">` tags is one block, not one per tag.
        if !is_jsonld || blocks.last().is_some_and(|block| tag.span.start < block.content.end) {
            continue;
        }
        let rest = &source.as_bytes()[tag.span.end..];
        let end = crate::work::find(rest, b"</script").map_or(source.len(), |i| tag.span.end + i);
        let content = tag.span.end..end;
        let (masked, templates) = json::mask_templates(&source[content.clone()]);
        let Some(parsed) = json::parse_within(&masked, content.start, &mut budget) else {
            limits.push(Limit {
                span: tag.span,
                message: format!(
                    "this post's JSON-LD holds more than {} values; postlint reads no more, so this block and the ones after it were not checked",
                    crate::work::JSON_LD_VALUES
                ),
            });
            break;
        };
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
    fn text_stats_count_cjk_and_words() {
        let document = Document::parse("p.md", "## 見出し\n\n日本語の文、English words here。ＡＩ\n");
        let stats = document.text_stats();
        assert_eq!(stats.cjk_chars, 3 + 5);
        assert_eq!(stats.words, 4, "English, words, here, and the full-width ＡＩ");
    }

    #[test]
    fn in_code_finds_offsets_in_code() {
        let source = "a `b` c\n";
        let document = Document::parse("p.md", source);
        assert!(document.in_code(3));
        assert!(!document.in_code(0));
    }
}
