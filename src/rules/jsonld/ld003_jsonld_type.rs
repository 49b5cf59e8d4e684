//! LD003 jsonld-type (rules/LD003.md).
//!
//! A JSON-LD entity without `@type`, a `@type` that schema.org does not define, and a post
//! whose JSON-LD has no Article-family type (`Article`, `BlogPosting`, `NewsArticle`,
//! `TechArticle`, `Report` …).

use super::*;

/// Types that are a page's main content in their own right: a post described only as a
/// Recipe or an Event is not missing an Article.
pub(super) const MAIN_CONTENT_TYPES: &[&str] = &[
    "Recipe",
    "Event",
    "Product",
    "Review",
    "VideoObject",
    "Course",
    "Book",
    "Movie",
    "SoftwareApplication",
    "JobPosting",
    "FAQPage",
    "QAPage",
    "HowTo",
    "Dataset",
    "PodcastEpisode",
    "MusicRecording",
    "ProfilePage",
    "CollectionPage",
    "ItemList",
    "LocalBusiness",
    "Restaurant",
];

/// LD003 jsonld-type.
pub struct JsonLdType;

impl Rule for JsonLdType {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let mut any_entity = None;
        for block in &ctx.doc.jsonld {
            let Ok(root) = &block.parsed else { continue };
            for entity in entities(root) {
                any_entity.get_or_insert(block.tag_span.clone());
                match entity.node.member("@type") {
                    None => out.push(
                        Diagnostic::new(
                            entity.node.span.start..entity.node.span.start + 1,
                            "JSON-LD object has no `@type`",
                        )
                        .help("add `\"@type\": \"BlogPosting\"` (or the type this object describes)"),
                    ),
                    Some(member) if !block.is_templated(&member.value.span) => {
                        for name in types(entity.node) {
                            if !VOCABULARY.has_type(name) {
                                out.push(
                                    Diagnostic::new(
                                        member.value.span.clone(),
                                        format!("`@type` {} is not a schema.org type", quote(name)),
                                    )
                                    .help("check the spelling and capitals (`BlogPosting`, `NewsArticle`)"),
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let main_content = ctx
            .doc
            .jsonld
            .iter()
            .filter_map(|block| block.parsed.as_ref().ok())
            .flat_map(entities)
            .any(|entity| types(entity.node).iter().any(|t| MAIN_CONTENT_TYPES.contains(t)));
        if let Some(span) = any_entity
            && ctx.is_post()
            && !main_content
            && articles(ctx).is_empty()
            && !ctx.doc.jsonld.iter().any(|b| !b.templates.is_empty())
        {
            out.push(
                Diagnostic::new(span, "the post's JSON-LD has no Article-family type")
                    .help("describe the post as `BlogPosting` (or `Article`, `NewsArticle`, `TechArticle`)"),
            );
        }
    }
}
