//! LD: JSON-LD blocks — syntax, schema.org context and types, what Google reads, value
//! formats, and agreement with the front matter. Every diagnostic points inside the block.

use super::post::{LASTMOD_KEYS, parse_date_node};
use super::{Context, Options, Reporter, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::JsonLdBlock;
use crate::document::json::{JsonMember, JsonNode, JsonValue};
use crate::document::tree::Node;
use crate::rich_results::{RICH_RESULTS, Requirement, RichResultType, Status};
use crate::schema_org::VOCABULARY;
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
mod ld010_jsonld_required_property;
mod ld011_jsonld_retired_rich_result;
mod ld012_jsonld_image_too_small;

pub use ld001_jsonld_syntax::*;
pub use ld002_jsonld_context::*;
pub use ld003_jsonld_type::*;
pub use ld004_jsonld_recommended_property::*;
pub use ld005_jsonld_invalid_value::*;
pub use ld006_jsonld_frontmatter_mismatch::*;
pub use ld007_jsonld_duplicate_article::*;
pub use ld008_jsonld_dropped_by_renderer::*;
pub use ld009_jsonld_unknown_property::*;
pub use ld010_jsonld_required_property::*;
pub use ld011_jsonld_retired_rich_result::*;
pub use ld012_jsonld_image_too_small::*;

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

/// Every top-level entity of the post's JSON-LD.
fn top_level_entities<'a>(ctx: &'a Context<'_>) -> impl Iterator<Item = &'a JsonNode> {
    ctx.doc.jsonld.iter().filter_map(|block| block.parsed.as_ref().ok()).flat_map(entities).map(|entity| entity.node)
}

/// The rich-result rows that describe an entity, each with the first of the entity's types
/// it applies to. A type Google has retired hides the supported rows of its parent
/// (ClaimReview is not judged as a Review).
fn rich_result_rows(node: &JsonNode) -> Vec<(&str, &'static RichResultType)> {
    let names = types(node);
    // A type with a row of its own is judged by that row only: a Recipe is a HowTo to
    // schema.org, but Google still shows Recipe rich results.
    let has_own_row =
        |name: &str| RICH_RESULTS.iter().any(|row| row.type_name == crate::schema_org::strip_prefix(name));
    let rows: Vec<_> = RICH_RESULTS
        .iter()
        .filter_map(|row| {
            let name = names.iter().find(|name| {
                let own = row.type_name == crate::schema_org::strip_prefix(name);
                (own || !has_own_row(name)) && row.applies(name, |key| node.get(key).is_some())
            })?;
            Some((*name, row))
        })
        .collect();
    if rows.iter().any(|(_, row)| row.status != Status::Supported) {
        return rows.into_iter().filter(|(_, row)| row.status != Status::Supported).collect();
    }
    rows
}

/// A property counts as given unless it is absent, `null`, `""` or `[]`.
fn is_given(node: &JsonNode) -> bool {
    match &node.value {
        JsonValue::Null => false,
        JsonValue::String(text) => !text.trim().is_empty(),
        JsonValue::Array(items) => !items.is_empty(),
        _ => true,
    }
}

/// The objects a path leads to from `node`: arrays are walked, `{"@id": …}` references
/// followed, values that are not objects (an author given as a plain name) left out.
fn objects_at<'a>(ctx: &'a Context<'_>, node: &'a JsonNode, path: &[&str]) -> Vec<&'a JsonNode> {
    let mut current = vec![node];
    for step in path {
        let mut next = Vec::new();
        for object in current {
            let Some(value) = object.get(step) else { continue };
            let items: Vec<&JsonNode> = match &value.value {
                JsonValue::Array(items) => items.iter().collect(),
                _ => vec![value],
            };
            next.extend(
                items.into_iter().filter_map(|item| resolve_reference(ctx, item)).filter(|item| item.is_object()),
            );
        }
        current = next;
    }
    current
}

/// Where a requirement is not met: each object on the requirement's parent path that has
/// none of its alternatives, with a label for the message (`author.name`, or "one of
/// `review`, `aggregateRating`, `offers`"). A missing parent is the parent's own
/// requirement, not this one's.
fn unmet_requirement<'a>(
    ctx: &'a Context<'_>,
    entity: &'a JsonNode,
    requirement: &Requirement,
) -> Vec<(&'a JsonNode, String)> {
    let prefix: String = requirement.parent().iter().map(|step| format!("{step}.")).collect();
    let leaves: Vec<String> = requirement.leaves().map(|leaf| format!("`{prefix}{leaf}`")).collect();
    let label = match leaves.as_slice() {
        [one] => one.clone(),
        many => format!("one of {}", many.join(", ")),
    };
    objects_at(ctx, entity, requirement.parent())
        .into_iter()
        .filter(|object| !requirement.leaves().any(|leaf| object.get(leaf).is_some_and(is_given)))
        .map(|object| (object, label.clone()))
        .collect()
}
