//! LD002 jsonld-context (rules/LD002.md).
//!
//! A JSON-LD object without `@context`, or whose `@context` is not schema.org
//! (`https://schema.org`, `http://schema.org`, with or without a trailing `/`, or an object
//! whose `@vocab` is one of those).

use super::*;

pub(super) const SCHEMA_CONTEXTS: &[&str] =
    &["https://schema.org", "http://schema.org", "https://schema.org/", "http://schema.org/"];

pub(super) fn is_schema_context(node: &JsonNode) -> bool {
    match &node.value {
        JsonValue::String(text) => SCHEMA_CONTEXTS.contains(&text.as_str()),
        JsonValue::Object(_) => {
            node.get("@vocab").and_then(JsonNode::as_str).is_some_and(|v| SCHEMA_CONTEXTS.contains(&v))
        }
        JsonValue::Array(items) => items.iter().any(is_schema_context),
        _ => false,
    }
}

/// LD002 jsonld-context.
pub struct JsonLdContext;

impl Rule for JsonLdContext {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for block in &ctx.doc.jsonld {
            let Ok(root) = &block.parsed else { continue };
            let mut reported: Vec<usize> = Vec::new();
            for entity in entities(root) {
                let holder = entity.context_holder.span.start;
                if reported.contains(&holder) {
                    continue;
                }
                reported.push(holder);
                match entity.context {
                    None => out.push(
                        Diagnostic::new(
                            entity.context_holder.span.start..entity.context_holder.span.start + 1,
                            "JSON-LD object has no `@context`",
                        )
                        .help("add `\"@context\": \"https://schema.org\"`"),
                    ),
                    Some(context) if !block.is_templated(&context.span) && !is_schema_context(context) => out.push(
                        Diagnostic::new(context.span.clone(), "`@context` is not schema.org")
                            .help("use `\"https://schema.org\"`; search engines read only the schema.org vocabulary"),
                    ),
                    _ => {}
                }
            }
        }
    }
}
