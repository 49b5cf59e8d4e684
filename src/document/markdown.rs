//! The body's outline, collected in one pulldown-cmark pass: headings, images, links,
//! HTML, code, prose text, lists. Every item keeps byte spans of the whole file.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::html;
use crate::text::lines::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingKind {
    Atx,
    Setext,
    Html,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    /// The heading's text as a reader sees it (formatting removed).
    pub text: String,
    /// The whole heading (for ATX, the `#` line).
    pub span: Span,
    /// The text part, for narrow diagnostics.
    pub text_span: Span,
    pub kind: HeadingKind,
    /// Whether the heading holds an image (an image-only heading is not "empty" text-wise).
    pub has_image: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Markdown,
    Reference,
    Html,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub kind: ImageKind,
    /// The URL exactly as written in the file.
    pub url: String,
    pub url_span: Span,
    /// Alt text as written (`None` for an HTML image without an `alt` attribute).
    pub alt: Option<String>,
    pub alt_span: Span,
    pub span: Span,
    /// HTML `role="presentation"` / `aria-hidden="true"`: an empty alt is intended.
    pub decorative: bool,
    /// An HTML image that reserves its box before it loads: `width` and `height`
    /// attributes, or a `style` giving both (or an `aspect-ratio`). Markdown images
    /// never do; their generator may add the attributes.
    pub reserves_space: bool,
    /// Which of `width` and `height` an HTML image gives as attributes.
    pub gives_width: bool,
    pub gives_height: bool,
    /// An HTML image with a non-empty `title` or `aria-label`: its name, when `alt` is
    /// empty (HTML-AAM), so that `alt=""` does not mean decoration.
    pub named_otherwise: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Markdown,
    Reference,
    Autolink,
    Html,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: LinkKind,
    pub url: String,
    pub url_span: Span,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub ordered: bool,
    pub span: Span,
    pub items: Vec<Span>,
}

#[derive(Debug, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub images: Vec<Image>,
    pub links: Vec<Link>,
    /// HTML blocks and inline HTML, in order.
    pub html: Vec<Span>,
    /// Code blocks and code spans, in order.
    pub code: Vec<Span>,
    /// Prose text (paragraphs, list items, quotes, table cells, link text), in order;
    /// adjacent pieces are merged so a phrase is one run.
    pub text: Vec<Span>,
    pub lists: Vec<List>,
    /// The first paragraph of the body (the lead that search engines and readers see first).
    pub first_paragraph: Option<Span>,
}

/// What a block-level element of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading(u8),
    BlockQuote,
    CodeBlock,
    Html,
    /// `start` is the first number of an ordered list, `None` for a bullet list.
    List {
        start: Option<u64>,
    },
    Item,
    FootnoteDefinition,
    Table,
    TableHead,
    TableRow,
    TableCell,
    /// A thematic break (`---`).
    Rule,
}

impl BlockKind {
    /// The block's name in messages ("disable KW002 for this table").
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading(_) => "heading",
            BlockKind::BlockQuote => "blockquote",
            BlockKind::CodeBlock => "code block",
            BlockKind::Html => "HTML block",
            BlockKind::List { .. } => "list",
            BlockKind::Item => "list item",
            BlockKind::FootnoteDefinition => "footnote",
            BlockKind::Table | BlockKind::TableHead | BlockKind::TableRow | BlockKind::TableCell => "table",
            BlockKind::Rule => "thematic break",
        }
    }
}

/// A block-level element of the body, with how deep it is nested (0: top level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    pub depth: usize,
}

/// Every block-level element of `source[body_start..]` in document order, spans of the
/// whole file: the structure a Markdown renderer builds (the editor's actions check that
/// an edit keeps it).
pub fn blocks(source: &str, body_start: usize) -> Vec<Block> {
    let body = &source[body_start..];
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(body, OPTIONS).into_offset_iter() {
        let span = range.start + body_start..range.end + body_start;
        let kind = match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => BlockKind::Paragraph,
                Tag::Heading { level, .. } => BlockKind::Heading(level_number(level)),
                Tag::BlockQuote(_) => BlockKind::BlockQuote,
                Tag::CodeBlock(_) => BlockKind::CodeBlock,
                Tag::HtmlBlock => BlockKind::Html,
                Tag::List(start) => BlockKind::List { start },
                Tag::Item => BlockKind::Item,
                Tag::FootnoteDefinition(_) => BlockKind::FootnoteDefinition,
                Tag::Table(_) => BlockKind::Table,
                Tag::TableHead => BlockKind::TableHead,
                Tag::TableRow => BlockKind::TableRow,
                Tag::TableCell => BlockKind::TableCell,
                _ => continue,
            },
            Event::End(end) => {
                if is_block_end(end) {
                    depth = depth.saturating_sub(1);
                }
                continue;
            }
            Event::Rule => {
                blocks.push(Block { kind: BlockKind::Rule, span, depth });
                continue;
            }
            _ => continue,
        };
        blocks.push(Block { kind, span, depth });
        depth += 1;
    }
    blocks
}

fn is_block_end(end: TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition
            | TagEnd::Table
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::TableCell
    )
}

const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

struct OpenHeading {
    level: u8,
    start: usize,
    text: String,
    text_span: Option<Span>,
    has_image: bool,
}

struct OpenImage {
    kind: ImageKind,
    url: String,
    id: String,
    start: usize,
    inner_end: usize,
}

struct OpenLink {
    kind: LinkKind,
    url: String,
    id: String,
    start: usize,
    text: String,
}

/// Parses `source[body_start..]`; spans are of the whole file.
pub fn parse(source: &str, body_start: usize) -> Outline {
    parse_with(source, body_start, true)
}

/// `parse`, with `{#id .class}` at a heading's end read as its attributes or, without
/// `heading_attributes`, as the heading's text (marked, Hexo's renderer).
pub fn parse_with(source: &str, body_start: usize, heading_attributes: bool) -> Outline {
    let body = &source[body_start..];
    let mut outline = Outline::default();
    let options = if heading_attributes { OPTIONS } else { OPTIONS.difference(Options::ENABLE_HEADING_ATTRIBUTES) };
    let mut parser = Parser::new_ext(body, options).into_offset_iter();
    let mut heading: Option<OpenHeading> = None;
    let mut images: Vec<OpenImage> = Vec::new();
    let mut links: Vec<OpenLink> = Vec::new();
    let mut lists: Vec<(List, usize)> = Vec::new();
    let mut pending_refs: Vec<(bool, usize, String)> = Vec::new();
    let mut in_code_block = false;
    let mut list_depth = 0usize;

    for (event, range) in parser.by_ref() {
        let range = range.start + body_start..range.end + body_start;
        if let Some(image) = images.last_mut()
            && !matches!(event, Event::End(TagEnd::Image))
        {
            image.inner_end = image.inner_end.max(range.end);
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some(OpenHeading {
                    level: level_number(level),
                    start: range.start,
                    text: String::new(),
                    text_span: None,
                    has_image: false,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(open) = heading.take() {
                    let kind =
                        if source[open.start..].starts_with('#') { HeadingKind::Atx } else { HeadingKind::Setext };
                    let span = trim_trailing_newline(source, open.start..range.end);
                    let text_span = open.text_span.unwrap_or(span.end..span.end);
                    outline.headings.push(Heading {
                        level: open.level,
                        text: open.text.trim().to_string(),
                        span,
                        text_span,
                        kind,
                        has_image: open.has_image,
                    });
                }
            }
            Event::Start(Tag::Paragraph)
                if outline.first_paragraph.is_none() && list_depth == 0 && heading.is_none() =>
            {
                outline.first_paragraph = Some(range.clone());
            }
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                outline.code.push(range.clone());
            }
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::List(start)) => {
                list_depth += 1;
                lists.push((List { ordered: start.is_some(), span: range.clone(), items: Vec::new() }, list_depth));
            }
            Event::End(TagEnd::List(_)) => {
                list_depth = list_depth.saturating_sub(1);
                if let Some((list, _)) = lists.pop() {
                    outline.lists.push(list);
                }
            }
            Event::Start(Tag::Item) => {
                if let Some((list, depth)) = lists.last_mut()
                    && *depth == list_depth
                {
                    list.items.push(range.clone());
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, id, .. }) => {
                if let Some(open) = heading.as_mut() {
                    open.has_image = true;
                }
                let kind = if is_reference(link_type) { ImageKind::Reference } else { ImageKind::Markdown };
                images.push(OpenImage {
                    kind,
                    url: dest_url.to_string(),
                    id: id.to_string(),
                    start: range.start,
                    inner_end: range.start + 2,
                });
            }
            Event::End(TagEnd::Image) => {
                if let Some(open) = images.pop() {
                    finish_image(source, open, range, &mut outline, &mut pending_refs);
                }
            }
            Event::Start(Tag::Link { link_type, dest_url, id, .. }) => {
                let kind = match link_type {
                    LinkType::Autolink | LinkType::Email => LinkKind::Autolink,
                    t if is_reference(t) => LinkKind::Reference,
                    _ => LinkKind::Markdown,
                };
                links.push(OpenLink {
                    kind,
                    url: dest_url.to_string(),
                    id: id.to_string(),
                    start: range.start,
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Link) => {
                if let Some(open) = links.pop() {
                    finish_link(source, open, range, &mut outline, &mut pending_refs);
                }
            }
            Event::Text(text) => {
                if let Some(open) = heading.as_mut() {
                    open.text.push_str(&text);
                    extend(&mut open.text_span, &range);
                } else if in_code_block || !images.is_empty() {
                    // Code and alt text are not prose.
                } else {
                    push_text(&mut outline.text, range.clone());
                }
                if let Some(link) = links.last_mut() {
                    link.text.push_str(&text);
                }
            }
            Event::Code(text) => {
                outline.code.push(range.clone());
                if let Some(open) = heading.as_mut() {
                    open.text.push_str(&text);
                    extend(&mut open.text_span, &range);
                }
                if let Some(link) = links.last_mut() {
                    link.text.push_str(&text);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                push_html(&mut outline.html, range);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(open) = heading.as_mut() {
                    open.text.push(' ');
                }
            }
            _ => {}
        }
    }
    resolve_references(source, body_start, parser.reference_definitions(), &pending_refs, &mut outline);
    // pulldown-cmark's tree is no longer needed: free it before reading the HTML.
    drop(parser);
    let anchors = collect_html(source, &mut outline);
    mark_images_in_text_links(&mut outline, &anchors);
    outline.headings.sort_by_key(|h| h.span.start);
    outline.images.sort_by_key(|i| i.span.start);
    outline.links.sort_by_key(|l| l.span.start);
    crate::work::scanned(body.len());
    crate::work::built(
        outline.headings.len()
            + outline.images.len()
            + outline.links.len()
            + outline.html.len()
            + outline.code.len()
            + outline.text.len()
            + outline.lists.iter().map(|list| 1 + list.items.len()).sum::<usize>(),
    );
    outline
}

fn level_number(level: HeadingLevel) -> u8 {
    level as u8
}

fn is_reference(link_type: LinkType) -> bool {
    matches!(
        link_type,
        LinkType::Reference
            | LinkType::Collapsed
            | LinkType::Shortcut
            | LinkType::ReferenceUnknown
            | LinkType::CollapsedUnknown
            | LinkType::ShortcutUnknown
    )
}

fn extend(span: &mut Option<Span>, range: &Span) {
    match span {
        None => *span = Some(range.clone()),
        Some(existing) => existing.end = existing.end.max(range.end),
    }
}

fn push_text(runs: &mut Vec<Span>, range: Span) {
    match runs.last_mut() {
        Some(last) if last.end == range.start => last.end = range.end,
        _ => runs.push(range),
    }
}

fn push_html(runs: &mut Vec<Span>, range: Span) {
    match runs.last_mut() {
        Some(last) if last.end >= range.start => last.end = last.end.max(range.end),
        _ => runs.push(range),
    }
}

fn trim_trailing_newline(source: &str, mut span: Span) -> Span {
    let bytes = source.as_bytes();
    while span.end > span.start && matches!(bytes[span.end - 1], b'\n' | b'\r') {
        span.end -= 1;
    }
    span
}

fn finish_image(
    source: &str,
    open: OpenImage,
    range: Span,
    outline: &mut Outline,
    pending: &mut Vec<(bool, usize, String)>,
) {
    let bytes = source.as_bytes();
    let alt_start = (open.start + 2).min(range.end);
    // The alt text ends at the `]` after the last inner event.
    let alt_end = memchr::memchr(b']', &bytes[open.inner_end.min(range.end)..range.end])
        .map_or(range.end, |i| open.inner_end.min(range.end) + i);
    let alt_end = alt_end.max(alt_start);
    let alt = source[alt_start..alt_end].to_string();
    let (url, url_span) = match open.kind {
        ImageKind::Markdown => {
            inline_destination(source, alt_end + 1, range.end).unwrap_or((open.url.clone(), range.clone()))
        }
        _ => (open.url.clone(), range.clone()),
    };
    if open.kind == ImageKind::Reference {
        pending.push((true, outline.images.len(), open.id));
    }
    outline.images.push(Image {
        kind: open.kind,
        url,
        url_span,
        alt: Some(alt),
        alt_span: alt_start..alt_end,
        span: range,
        decorative: false,
        reserves_space: false,
        gives_width: false,
        gives_height: false,
        named_otherwise: false,
    });
}

fn finish_link(
    source: &str,
    open: OpenLink,
    range: Span,
    outline: &mut Outline,
    pending: &mut Vec<(bool, usize, String)>,
) {
    let (url, url_span) = match open.kind {
        LinkKind::Markdown => {
            // The text ends at the last `](` before the destination.
            let close = source[open.start..range.end].rfind("](").map(|i| open.start + i + 1);
            close.and_then(|c| inline_destination(source, c, range.end)).unwrap_or((open.url.clone(), range.clone()))
        }
        LinkKind::Autolink => (open.url.clone(), range.start + 1..range.end.saturating_sub(1).max(range.start + 1)),
        _ => (open.url.clone(), range.clone()),
    };
    if open.kind == LinkKind::Reference {
        pending.push((false, outline.links.len(), open.id));
    }
    outline.links.push(Link { kind: open.kind, url, url_span, text: open.text, span: range });
}

/// Reads `(dest "title")` starting at the `(`; returns the raw destination and its span.
fn inline_destination(source: &str, paren: usize, limit: usize) -> Option<(String, Span)> {
    let bytes = source.as_bytes();
    if bytes.get(paren) != Some(&b'(') {
        return None;
    }
    let mut pos = paren + 1;
    while pos < limit && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    read_destination(source, pos, limit)
}

fn read_destination(source: &str, mut pos: usize, limit: usize) -> Option<(String, Span)> {
    let bytes = source.as_bytes();
    if bytes.get(pos) == Some(&b'<') {
        let end = memchr::memchr(b'>', &bytes[pos..limit])? + pos;
        return Some((source[pos + 1..end].to_string(), pos + 1..end));
    }
    let start = pos;
    let mut depth = 0usize;
    while pos < limit {
        match bytes[pos] {
            b'\\' => pos += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b if b.is_ascii_whitespace() => break,
            _ => {}
        }
        pos += 1;
    }
    let end = pos.min(limit);
    Some((source[start..end].to_string(), start..end))
}

fn resolve_references(
    source: &str,
    body_start: usize,
    definitions: &pulldown_cmark::RefDefs<'_>,
    pending: &[(bool, usize, String)],
    outline: &mut Outline,
) {
    for (is_image, index, id) in pending {
        let Some(definition) = definitions.get(id) else {
            continue;
        };
        let def_span = definition.span.start + body_start..definition.span.end + body_start;
        let Some(colon) = source[def_span.clone()].find("]:").map(|i| def_span.start + i + 2) else {
            continue;
        };
        let mut pos = colon;
        let bytes = source.as_bytes();
        while pos < def_span.end && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let Some((url, url_span)) = read_destination(source, pos, def_span.end) else {
            continue;
        };
        if *is_image {
            if let Some(image) = outline.images.get_mut(*index) {
                image.url = url;
                image.url_span = url_span;
            }
        } else if let Some(link) = outline.links.get_mut(*index) {
            link.url = url;
            link.url_span = url_span;
        }
    }
}

/// An image with empty alt text inside a link that has text of its own is decoration, and
/// so is an HTML image with `alt=""` that is not all of a link:
/// the link's text names it, and alt text would be read twice (WAI images tutorial,
/// "functional images": an icon beside link text takes `alt=""`). `anchors` are the
/// HTML links' whole elements with whether they have text.
fn mark_images_in_text_links(outline: &mut Outline, anchors: &[(Span, bool)]) {
    let markdown_links: Vec<(Span, bool)> = outline
        .links
        .iter()
        .filter(|link| link.kind != LinkKind::Html)
        .map(|link| (link.span.clone(), !link.text.trim().is_empty()))
        .collect();
    for image in &mut outline.images {
        if image.alt.as_deref().is_none_or(|alt| !alt.trim().is_empty()) {
            continue;
        }
        let contains = |link: &Span| link.start <= image.span.start && image.span.end <= link.end;
        let in_text_link = anchors.iter().chain(&markdown_links).any(|(link, has_text)| *has_text && contains(link));
        // An HTML `alt=""` without a `title` is the author saying "decoration" (HTML's own
        // way, WCAG H67) — unless the image is all a link has, which then has no name.
        let names_a_link = anchors.iter().chain(&markdown_links).any(|(link, has_text)| !*has_text && contains(link));
        let explicit_empty = image.kind == ImageKind::Html && !image.named_otherwise && !names_a_link;
        if in_text_link || explicit_empty {
            image.decorative = true;
        }
    }
}

/// Images, links and headings written as HTML inside HTML blocks and inline HTML; the
/// links' whole elements, with whether they have text.
///
/// Tags are handled as they are read (a post may hold hundreds of thousands). An
/// element's text ends at its closing tag, or at the next element of its kind, which
/// closes it as a browser reads it (`<h2>a<h2>b</h2>`): so the last `<a>` and the last
/// heading wait for the next tag of their kind, texts never overlap, and reading them is
/// linear in the post.
fn collect_html(source: &str, outline: &mut Outline) -> Vec<(Span, bool)> {
    let mut anchors = Vec::new();
    let (Some(first), Some(last)) = (outline.html.first(), outline.html.last()) else { return anchors };
    let closings = Closings::find(source, first.start..source.len().min(last.end + ELEMENT_WINDOW));
    let mut after_close = [NextByte::default(); 7];
    let (mut images, mut links, mut headings) = (Vec::new(), Vec::new(), Vec::new());
    let mut finish = |tag: html::Tag, next: usize| {
        if tag.name == "a" {
            let Some(href) = tag.attribute("href") else { return };
            let (text, _, end) = element_text(source, &tag, next, &closings, &mut after_close);
            anchors.push((tag.span.start..end, !text.trim().is_empty()));
            links.push(Link {
                kind: LinkKind::Html,
                url: href.value.clone().unwrap_or_default(),
                url_span: href.value_span.clone(),
                text,
                span: tag.span.clone(),
            });
        } else {
            let level = tag.name.as_bytes()[1] - b'0';
            let (text, text_span, end) = element_text(source, &tag, next, &closings, &mut after_close);
            let has_image = source[tag.span.end..end].contains("<img");
            headings.push(Heading {
                level,
                text,
                span: tag.span.start..end,
                text_span,
                kind: HeadingKind::Html,
                has_image,
            });
        }
    };
    // The last `<a>` and the last heading tag, waiting for the next of their kind.
    let mut waiting: [Option<html::Tag>; 2] = [None, None];
    for range in &outline.html {
        html::each_tag(source, range.clone(), &["img", "a", "h1", "h2", "h3", "h4", "h5", "h6"], &mut |tag| {
            if tag.name == "img" {
                images.push(html_image(&tag));
                return;
            }
            let start = tag.span.start;
            if let Some(previous) = waiting[usize::from(tag.name != "a")].replace(tag) {
                finish(previous, start);
            }
        });
    }
    for tag in waiting.into_iter().flatten() {
        finish(tag, source.len());
    }
    outline.images.extend(images);
    outline.links.extend(links);
    outline.headings.extend(headings);
    anchors
}

fn html_image(tag: &html::Tag) -> Image {
    let src = tag.attribute("src");
    let alt = tag.attribute("alt");
    let decorative = tag.attribute("role").and_then(|a| a.value.as_deref()) == Some("presentation")
        || tag.attribute("role").and_then(|a| a.value.as_deref()) == Some("none")
        || tag.attribute("aria-hidden").and_then(|a| a.value.as_deref()) == Some("true");
    Image {
        kind: ImageKind::Html,
        url: src.and_then(|a| a.value.clone()).unwrap_or_default(),
        url_span: src.map_or(tag.span.clone(), |a| a.value_span.clone()),
        alt: alt.map(|a| a.value.clone().unwrap_or_default()),
        alt_span: alt.map_or(tag.span.clone(), |a| a.value_span.clone()),
        span: tag.span.clone(),
        decorative,
        reserves_space: reserves_space(tag),
        gives_width: attribute_given(tag, "width"),
        gives_height: attribute_given(tag, "height"),
        named_otherwise: ["title", "aria-label"]
            .iter()
            .any(|name| tag.attribute(name).and_then(|a| a.value.as_deref()).is_some_and(|v| !v.trim().is_empty())),
    }
}

fn attribute_given(tag: &html::Tag, name: &str) -> bool {
    tag.attribute(name).and_then(|a| a.value.as_deref()).is_some_and(|v| !v.trim().is_empty())
}

fn reserves_space(tag: &html::Tag) -> bool {
    let given = |name: &str| attribute_given(tag, name);
    if given("width") && given("height") {
        return true;
    }
    let style = tag.attribute("style").and_then(|a| a.value.as_deref()).unwrap_or("").to_ascii_lowercase();
    let declares = |property: &str| {
        style.split(';').any(|declaration| declaration.split(':').next().is_some_and(|name| name.trim() == property))
    };
    (declares("width") || given("width")) && (declares("height") || given("height")) || declares("aspect-ratio")
}

/// How far after its opening tag an element's closing tag is looked for.
const ELEMENT_WINDOW: usize = 64 * 1024;

/// Where the closing tags `</a…` and `</h1`…`</h6` start, found in one pass: in lower
/// case (`</h2`) and in upper case (`</H2`), by kind (0 for `a`, 1 to 6 for headings).
struct Closings {
    lower: [Vec<usize>; 7],
    upper: [Vec<usize>; 7],
}

impl Closings {
    /// The closing tags in `within`.
    fn find(source: &str, within: Span) -> Closings {
        let mut closings = Closings { lower: Default::default(), upper: Default::default() };
        let bytes = source.as_bytes();
        let (mut cursor, end) = (within.start, within.end);
        while let Some(at) = crate::work::find(&bytes[cursor..end], b"</").map(|i| cursor + i) {
            cursor = at + 2;
            let (name, digit) = (bytes.get(at + 2).copied(), bytes.get(at + 3).copied());
            let (kind, upper) = match (name, digit) {
                (Some(b'a'), _) => (0, false),
                (Some(b'A'), _) => (0, true),
                (Some(b'h'), Some(d @ b'1'..=b'6')) => (usize::from(d - b'0'), false),
                (Some(b'H'), Some(d @ b'1'..=b'6')) => (usize::from(d - b'0'), true),
                _ => continue,
            };
            if upper { &mut closings.upper[kind] } else { &mut closings.lower[kind] }.push(at);
        }
        closings
    }

    /// The first closing tag of `name` in `from..limit` (its `</name` wholly inside):
    /// one in lower case if there is any, else one in upper case.
    fn kind(name: &str) -> usize {
        if name == "a" { 0 } else { usize::from(name.as_bytes()[1] - b'0') }
    }

    fn first(&self, name: &str, from: usize, limit: usize) -> Option<usize> {
        let kind = Closings::kind(name);
        let length = 2 + name.len();
        [&self.lower[kind], &self.upper[kind]].into_iter().find_map(|positions| {
            let at = positions.partition_point(|&p| p < from);
            crate::work::visited(1 + (usize::BITS - positions.len().leading_zeros()) as usize);
            positions.get(at).copied().filter(|&p| p + length <= limit)
        })
    }
}

/// The first `byte` at or after a position, remembered: asked for positions in
/// increasing order, each byte is searched once.
#[derive(Default, Clone, Copy)]
struct NextByte {
    /// The last search: where it started and what it found.
    last: Option<(usize, Option<usize>)>,
}

impl NextByte {
    fn at_or_after(&mut self, source: &str, byte: u8, from: usize) -> Option<usize> {
        match self.last {
            Some((start, None)) if start <= from => return None,
            Some((start, Some(at))) if start <= from && from <= at => return Some(at),
            _ => {}
        }
        let bytes = &source.as_bytes()[from.min(source.len())..];
        let found = memchr::memchr(byte, bytes).map(|i| from + i);
        crate::work::scanned(found.map_or(bytes.len(), |at| at + 1 - from));
        self.last = Some((from, found));
        found
    }
}

/// The text of an element up to its closing tag (looked for within 64 KiB) or up to
/// `next`, where the next element of its kind starts if that comes first; the span of
/// that text, and the offset after the element.
fn element_text(
    source: &str,
    tag: &html::Tag,
    next: usize,
    closings: &Closings,
    after_close: &mut [NextByte; 7],
) -> (String, Span, usize) {
    let window = source.len().min(tag.span.end + ELEMENT_WINDOW);
    let Some(close) = closings.first(&tag.name, tag.span.end, window) else {
        return (String::new(), tag.span.end..tag.span.end, tag.span.end);
    };
    let (inner, end) = if next < close {
        (tag.span.end..next, next)
    } else {
        // Each kind's closings are asked for in order: its own search for `>`.
        let kind = Closings::kind(&tag.name);
        let close_end = after_close[kind]
            .at_or_after(source, b'>', close)
            .filter(|&j| j < window.min(next))
            .map_or(close, |j| j + 1);
        (tag.span.end..close, close_end)
    };
    let raw = &source[inner.clone()];
    crate::work::scanned(raw.len());
    let lead = raw.len() - raw.trim_start().len();
    let text_span = inner.start + lead..inner.start + raw.trim_end().len().max(lead);
    (html::strip_tags(raw), text_span, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline(source: &str) -> Outline {
        parse(source, 0)
    }

    #[test]
    fn an_image_with_empty_alt_in_a_link_with_text_is_decoration() {
        let source = "<a href=\"/a.pdf\"><img src=\"/pdf.svg\" alt=\"\"> Plan (PDF)</a>\n\n\
                      <a href=\"/b/\"><img src=\"/logo.svg\" alt=\"\"></a>\n\n\
                      [![](/video.svg) Watch it](/v/) and [![](/only.svg)](/w/)\n";
        let images = outline(source).images;
        let mut decorative: Vec<(&str, bool)> = images.iter().map(|i| (i.url.as_str(), i.decorative)).collect();
        decorative.sort();
        assert_eq!(decorative, [("/logo.svg", false), ("/only.svg", false), ("/pdf.svg", true), ("/video.svg", true)]);
    }

    #[test]
    fn an_html_image_with_an_explicit_empty_alt_is_decoration_unless_it_is_all_a_link_has() {
        let source = "<img src=\"/rule.svg\" alt=\"\">\n\n<p><img src=\"/flourish.png\" alt></p>\n\n\
                      [<img src=\"/alone.png\" alt=\"\">](/x/)\n\n![](/markdown.png)\n";
        let images = outline(source).images;
        let mut decorative: Vec<(&str, bool)> = images.iter().map(|i| (i.url.as_str(), i.decorative)).collect();
        decorative.sort();
        assert_eq!(
            decorative,
            [("/alone.png", false), ("/flourish.png", true), ("/markdown.png", false), ("/rule.svg", true)]
        );
    }

    #[test]
    fn image_url_and_alt_spans_are_raw_slices() {
        let source = "Intro\n\n![a *cat* here](https://x.test/a.png?w=1&w=2 \"t\")\n";
        let image = &outline(source).images[0];
        assert_eq!(&source[image.url_span.clone()], "https://x.test/a.png?w=1&w=2");
        assert_eq!(&source[image.alt_span.clone()], "a *cat* here");
        assert_eq!(image.alt.as_deref(), Some("a *cat* here"));
    }

    #[test]
    fn reference_images_point_at_the_definition() {
        let source = "![logo][l]\n\n[l]: /img/logo.png\n";
        let image = &outline(source).images[0];
        assert_eq!(image.kind, ImageKind::Reference);
        assert_eq!(&source[image.url_span.clone()], "/img/logo.png");
    }

    #[test]
    fn html_headings_and_images_are_collected() {
        let source = "## A\n\n<div>\n  <h3>Related <em>posts</em></h3>\n  <img src=\"/x.png\">\n</div>\n";
        let outline = outline(source);
        assert_eq!(outline.headings.len(), 2);
        assert_eq!(outline.headings[1].level, 3);
        assert_eq!(outline.headings[1].text, "Related posts");
        assert_eq!(outline.headings[1].kind, HeadingKind::Html);
        assert_eq!(outline.images[0].alt, None);
    }

    #[test]
    fn setext_and_atx_headings() {
        let source = "Title\n=====\n\n## Two ##\n";
        let outline = outline(source);
        assert_eq!(outline.headings[0].kind, HeadingKind::Setext);
        assert_eq!(outline.headings[1].text, "Two");
        assert_eq!(&source[outline.headings[1].text_span.clone()], "Two");
    }

    #[test]
    fn text_runs_skip_code_and_merge_pieces() {
        let source = "Say [x] here `code`\n\n```\nnot prose\n```\n";
        let outline = outline(source);
        let texts: Vec<_> = outline.text.iter().map(|s| &source[s.clone()]).collect();
        assert_eq!(texts, ["Say [x] here "]);
        assert_eq!(outline.code.len(), 2);
    }

    #[test]
    fn ordered_list_items_are_counted_per_level() {
        let source = "1. a\n2. b\n   - x\n   - y\n3. c\n";
        let outline = outline(source);
        let ordered: Vec<_> = outline.lists.iter().filter(|l| l.ordered).collect();
        assert_eq!(ordered[0].items.len(), 3);
    }

    #[test]
    fn blocks_nest_with_depths_and_file_spans() {
        let source = "---\nt: x\n---\n| a |\n|---|\n| 1 |\n\n> q\n\n3. x\n";
        let found: Vec<(BlockKind, usize)> = blocks(source, 12).iter().map(|b| (b.kind, b.depth)).collect();
        assert_eq!(
            found,
            [
                (BlockKind::Table, 0),
                (BlockKind::TableHead, 1),
                (BlockKind::TableCell, 2),
                (BlockKind::TableRow, 1),
                (BlockKind::TableCell, 2),
                (BlockKind::BlockQuote, 0),
                (BlockKind::Paragraph, 1),
                (BlockKind::List { start: Some(3) }, 0),
                (BlockKind::Item, 1),
            ]
        );
        assert_eq!(&source[blocks(source, 12)[0].span.clone()], "| a |\n|---|\n| 1 |\n");
    }

    #[test]
    fn offsets_are_shifted_past_front_matter() {
        let source = "---\nt: x\n---\n# H\n";
        let outline = parse(source, 12);
        assert_eq!(&source[outline.headings[0].span.clone()], "# H");
    }
}
