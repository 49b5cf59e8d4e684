//! LD: JSON-LD blocks — syntax, schema.org context and types, what Google reads, value
//! formats, and agreement with the front matter. Every diagnostic points inside the block.

use super::post::{LASTMOD_KEYS, parse_date_node};
use super::{Context, Options, Reporter, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::JsonLdBlock;
use crate::document::json::{JsonMember, JsonNode, JsonValue};
use crate::document::tree::Node;
use crate::schema_org::VOCABULARY;
use crate::site::Generator;
use crate::text::dates::{self, DateTime};
use crate::text::escape::quote;
use crate::text::lines::Span;
use crate::text::normalize::fold;

mod ld001_jsonld_syntax;
mod ld002_jsonld_context;
mod ld003_jsonld_type;
mod ld004_jsonld_recommended_property;
mod ld005_jsonld_invalid_value;
mod ld006_jsonld_frontmatter_mismatch;
mod ld007_jsonld_duplicate_article;
mod ld008_jsonld_dropped_by_renderer;
mod ld009_jsonld_unknown_property;

pub use ld001_jsonld_syntax::*;
pub use ld002_jsonld_context::*;
pub use ld003_jsonld_type::*;
pub use ld004_jsonld_recommended_property::*;
pub use ld005_jsonld_invalid_value::*;
pub use ld006_jsonld_frontmatter_mismatch::*;
pub use ld007_jsonld_duplicate_article::*;
pub use ld008_jsonld_dropped_by_renderer::*;
pub use ld009_jsonld_unknown_property::*;

/// A top-level node of a block with the `@context` that applies to it.
struct Entity<'a> {
    node: &'a JsonNode,
    context: Option<&'a JsonNode>,
    /// The object that holds `@context` (the entity itself, or the `@graph` container).
    context_holder: &'a JsonNode,
}

/// Top-level entities: the root object, the items of a root array, or `@graph` items.
fn entities(root: &JsonNode) -> Vec<Entity<'_>> {
    let mut found = Vec::new();
    match &root.value {
        JsonValue::Array(items) => items.iter().for_each(|item| add_entities(item, &mut found)),
        _ => add_entities(root, &mut found),
    }
    found
}

fn add_entities<'a>(object: &'a JsonNode, found: &mut Vec<Entity<'a>>) {
    if !object.is_object() {
        return;
    }
    let context = object.get("@context");
    match object.get("@graph").map(|g| &g.value) {
        Some(JsonValue::Array(items)) => {
            found.extend(items.iter().filter(|i| i.is_object()).map(|node| Entity {
                node,
                context,
                context_holder: object,
            }));
        }
        Some(JsonValue::Object(_)) => {
            if let Some(node) = object.get("@graph") {
                found.push(Entity { node, context, context_holder: object });
            }
        }
        _ => found.push(Entity { node: object, context, context_holder: object }),
    }
}

/// The `@type` names of an object.
fn types(node: &JsonNode) -> Vec<&str> {
    match node.get("@type").map(|t| &t.value) {
        Some(JsonValue::String(name)) => vec![name.as_str()],
        Some(JsonValue::Array(items)) => items.iter().filter_map(JsonNode::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article(node: &JsonNode) -> bool {
    types(node).iter().any(|t| VOCABULARY.is_article(t))
}

/// Every Article-family entity of the post, with its block.
fn articles<'a>(ctx: &'a Context<'_>) -> Vec<(&'a JsonLdBlock, &'a JsonNode)> {
    let mut found = Vec::new();
    for block in &ctx.doc.jsonld {
        if let Ok(root) = &block.parsed {
            for entity in entities(root) {
                if is_article(entity.node) {
                    found.push((block, entity.node));
                }
            }
        }
    }
    found
}

/// The narrow place to report something about an object: its `@type` value, else `{`.
fn object_anchor(node: &JsonNode) -> Span {
    node.member("@type").map_or(node.span.start..node.span.start + 1, |m| m.value.span.clone())
}
