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

    fn missing(&self, anchor: Span, what: &str, out: &mut Reporter) {
        let mut diagnostic = Diagnostic::new(anchor, format!("Article structured data has no `{what}`"))
            .help(format!("add `{what}`: Google recommends it for article rich results"));
        if self.strict {
            diagnostic = diagnostic.severity(Severity::Error);
        }
        out.push(diagnostic);
    }
}

impl Rule for RecommendedProperty {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for (_, article) in articles(ctx) {
            let anchor = object_anchor(article);
            for property in ["headline", "image", "datePublished", "dateModified", "author"] {
                if article.get(property).is_none() {
                    self.missing(anchor.clone(), property, out);
                }
            }
            if let Some(member) = article.member("author") {
                let authors: Vec<&JsonNode> = match &member.value.value {
                    JsonValue::Array(items) => items.iter().collect(),
                    _ => vec![&member.value],
                };
                // `{"@id": "#me"}` refers to a Person elsewhere in the `@graph`: check that
                // one; a reference that resolves nowhere here may be another page's.
                let resolved: Vec<&JsonNode> =
                    authors.into_iter().filter_map(|author| resolve_reference(ctx, author)).collect();
                for author in resolved.into_iter().filter(|a| a.is_object()) {
                    for property in ["name", "url"] {
                        if author.get(property).is_none() {
                            self.missing(object_anchor(author), &format!("author.{property}"), out);
                        }
                    }
                }
            }
            if self.strict {
                let publisher = article.get("publisher");
                if publisher.and_then(|p| p.get("name")).is_none() {
                    self.missing(anchor.clone(), "publisher.name", out);
                }
                let logo = publisher.and_then(|p| p.get("logo"));
                let logo_url = logo.and_then(|l| if l.as_str().is_some() { Some(l) } else { l.get("url") });
                if logo_url.is_none() {
                    self.missing(anchor.clone(), "publisher.logo.url", out);
                }
            }
        }
    }
}
