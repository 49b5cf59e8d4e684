//! Where a custom rule looks: each scope is a list of byte ranges of the file, read from
//! the document model every rule shares (never parsed again).

use std::ops::Range;

use crate::document::json::{JsonNode, JsonValue};
use crate::document::markdown::LinkKind;
use crate::document::tree::{Node, Value};
use crate::rules::Context;
use crate::rules::post::value_offset;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Title,
    Headings,
    /// Prose: paragraphs, list items, quotes, table cells, link text; not code, not headings.
    Body,
    Alt,
    LinkText,
    /// A front matter key's string value, or each string item of its list.
    FrontMatter(String),
    /// A property's string values on the post's top-level JSON-LD entities.
    JsonLd(String),
}

impl Scope {
    pub fn parse(text: &str) -> Option<Scope> {
        let scope = match text {
            "title" => Scope::Title,
            "headings" => Scope::Headings,
            "body" => Scope::Body,
            "alt" => Scope::Alt,
            "link-text" => Scope::LinkText,
            _ => {
                if let Some(key) = text.strip_prefix("front-matter.").filter(|k| !k.is_empty()) {
                    Scope::FrontMatter(key.to_string())
                } else if let Some(property) = text.strip_prefix("jsonld.").filter(|p| !p.is_empty()) {
                    Scope::JsonLd(property.to_string())
                } else {
                    return None;
                }
            }
        };
        Some(scope)
    }

    /// The file ranges this scope covers in one post, in order.
    pub fn ranges(&self, ctx: &Context<'_>) -> Vec<Range<usize>> {
        let doc = ctx.doc;
        match self {
            Scope::Title => front_matter_ranges(ctx, "title"),
            Scope::FrontMatter(key) => front_matter_ranges(ctx, key),
            Scope::Headings => {
                doc.outline.headings.iter().map(|h| h.text_span.clone()).filter(|r| !r.is_empty()).collect()
            }
            Scope::Body => doc.outline.text.clone(),
            Scope::Alt => doc
                .outline
                .images
                .iter()
                .filter(|image| image.alt.as_deref().is_some_and(|alt| !alt.is_empty()))
                .map(|image| image.alt_span.clone())
                .filter(|r| !r.is_empty())
                .collect(),
            Scope::LinkText => doc.outline.links.iter().filter_map(|link| link_text_range(doc.source, link)).collect(),
            Scope::JsonLd(property) => doc
                .jsonld
                .iter()
                .filter_map(|block| block.parsed.as_ref().ok())
                .flat_map(top_level)
                .filter_map(|entity| entity.get(property))
                .flat_map(json_strings)
                .collect(),
        }
    }
}

/// A front matter string's text as the author typed it: its own characters when the file
/// holds the value verbatim, else (escapes, folded scalars) the whole value.
fn unquoted(source: &str, node: &Node) -> Range<usize> {
    match (value_offset(source, node), node.as_str()) {
        (Some(start), Some(text)) => start..start + text.len(),
        _ => node.span.clone(),
    }
}

fn front_matter_ranges(ctx: &Context<'_>, key: &str) -> Vec<Range<usize>> {
    let Some(node) = ctx.doc.front(key) else { return Vec::new() };
    let source = ctx.doc.source;
    match &node.value {
        Value::String(_) => vec![unquoted(source, node)],
        Value::Seq(items) => items
            .iter()
            .filter(|item| matches!(item.value, Value::String(_)))
            .map(|item: &Node| unquoted(source, item))
            .collect(),
        _ => Vec::new(),
    }
}

/// The text of a Markdown link (`[text](url)`, `[text][ref]`) or an HTML `<a>…</a>`.
fn link_text_range(source: &str, link: &crate::document::markdown::Link) -> Option<Range<usize>> {
    let whole = &source[link.span.clone()];
    let range = match link.kind {
        LinkKind::Markdown | LinkKind::Reference => {
            let close = whole.rfind("](").or_else(|| whole.find("]["))?;
            link.span.start + 1..link.span.start + close
        }
        LinkKind::Html => {
            let open_end = whole.find('>')? + 1;
            let close = whole.rfind("</")?;
            link.span.start + open_end..link.span.start + close
        }
        LinkKind::Autolink => return None,
    };
    (range.start < range.end && whole.starts_with(['[', '<'])).then_some(range)
}

fn top_level(root: &JsonNode) -> Vec<&JsonNode> {
    let items: Vec<&JsonNode> = match &root.value {
        JsonValue::Array(items) => items.iter().collect(),
        _ => vec![root],
    };
    items
        .into_iter()
        .flat_map(|item| match item.get("@graph").map(|g| &g.value) {
            Some(JsonValue::Array(graph)) => graph.iter().collect(),
            _ => vec![item],
        })
        .filter(|node| node.is_object())
        .collect()
}

/// A property's string values (one string, or the strings of an array), without quotes.
fn json_strings(node: &JsonNode) -> Vec<Range<usize>> {
    let strip = |n: &JsonNode| n.as_str().map(|_| n.span.start + 1..n.span.end.saturating_sub(1));
    match &node.value {
        JsonValue::Array(items) => items.iter().filter_map(strip).collect(),
        _ => strip(node).into_iter().collect(),
    }
}
