//! LD004 jsonld-recommended-property (rules/LD004.md).
//!
//! An Article-family entity missing a property Google recommends: `headline`, `image`,
//! `datePublished`, `dateModified`, `author`, and for each author object `name` and `url`.

use super::*;

/// An object that is only a reference (`{"@id": "#me"}`) resolved to the entity with that
/// `@id` in the post's JSON-LD; `None` when it resolves nowhere; other objects as they are.
pub(super) fn resolve_reference<'a>(ctx: &'a Context<'_>, node: &'a JsonNode) -> Option<&'a JsonNode> {
    let JsonValue::Object(members) = &node.value else { return Some(node) };
    let only_id = members.len() == 1 && members[0].key == "@id";
    if !only_id {
        return Some(node);
    }
    let id = members[0].value.as_str()?;
    ctx.doc
        .jsonld
        .iter()
        .filter_map(|block| block.parsed.as_ref().ok())
        .flat_map(entities)
        .map(|entity| entity.node)
        .find(|entity| !std::ptr::eq(*entity, node) && entity.get("@id").and_then(JsonNode::as_str) == Some(id))
}

/// LD004 jsonld-recommended-property.
pub struct RecommendedProperty {
    strict: bool,
}

impl RecommendedProperty {
    pub fn new(options: &Options) -> Self {
        RecommendedProperty { strict: options.bool("strict") }
    }

    fn missing(&self, anchor: Span, row: &RichResultType, what: &str, out: &mut Reporter) {
        let mut diagnostic = Diagnostic::new(anchor, format!("{} structured data has no {what}", row.type_name))
            .help(format!("add {what}: Google recommends it for {} rich results", row.feature.to_lowercase()));
        if self.strict {
            diagnostic = diagnostic.severity(Severity::Error);
        }
        out.push(diagnostic);
    }
}

impl Rule for RecommendedProperty {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for entity in top_level_entities(ctx) {
            for (_, row) in rich_result_rows(entity) {
                for requirement in &row.recommended {
                    for (object, what) in unmet_requirement(ctx, entity, requirement) {
                        self.missing(object_anchor(object), row, &what, out);
                    }
                }
                if self.strict && row.type_name == "Article" {
                    self.publisher(entity, row, out);
                }
            }
        }
    }
}

impl RecommendedProperty {
    /// `publisher.name` and `publisher.logo.url`, required by structured-data-testing-tool's
    /// Google preset (`strict = true`).
    fn publisher(&self, article: &JsonNode, row: &RichResultType, out: &mut Reporter) {
        let anchor = object_anchor(article);
        let publisher = article.get("publisher");
        if publisher.and_then(|p| p.get("name")).is_none() {
            self.missing(anchor.clone(), row, "`publisher.name`", out);
        }
        let logo = publisher.and_then(|p| p.get("logo"));
        let logo_url = logo.and_then(|l| if l.as_str().is_some() { Some(l) } else { l.get("url") });
        if logo_url.is_none() {
            self.missing(anchor, row, "`publisher.logo.url`", out);
        }
    }
}
