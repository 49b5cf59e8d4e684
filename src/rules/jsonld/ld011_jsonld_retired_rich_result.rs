//! LD011 jsonld-retired-rich-result (rules/LD011.md).
//!
//! A JSON-LD entity whose rich result Google no longer shows: FAQ (since 2026-05-07), How-to
//! (2023-09-13), the sitelinks search box (2024-11-21), and the features retired on
//! 2025-06-12 (claim review, special announcement, estimated salary, course info, book
//! actions, vehicle listing).

use super::*;

/// LD011 jsonld-retired-rich-result.
pub struct RetiredRichResult;

impl Rule for RetiredRichResult {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for entity in top_level_entities(ctx) {
            for (type_name, row) in rich_result_rows(entity) {
                let Status::Retired(since) = row.status else { continue };
                out.push(
                    Diagnostic::new(
                        object_anchor(entity),
                        format!("Google stopped showing {} rich results on {since}", row.feature),
                    )
                    .help(format!(
                        "`{type_name}` markup no longer changes how the page appears in Google Search; keep it only for other readers of it ({})",
                        row.source
                    )),
                );
            }
        }
    }
}
