//! LD010 jsonld-required-property (rules/LD010.md).
//!
//! A JSON-LD entity of a rich-result type (BreadcrumbList, VideoObject, Event, Product,
//! Review, Recipe, ProfilePage, a licensable ImageObject) without a property Google requires
//! for that rich result.

use super::*;

/// LD010 jsonld-required-property.
pub struct RequiredProperty;

impl Rule for RequiredProperty {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for entity in top_level_entities(ctx) {
            for (_, row) in rich_result_rows(entity) {
                for requirement in &row.required {
                    for (object, what) in unmet_requirement(ctx, entity, requirement) {
                        out.push(
                            Diagnostic::new(
                                object_anchor(object),
                                format!("{} structured data has no {what}", row.type_name),
                            )
                            .help(format!(
                                "Google requires {what} for the {} rich result ({})",
                                row.feature, row.source
                            )),
                        );
                    }
                }
            }
        }
    }
}
