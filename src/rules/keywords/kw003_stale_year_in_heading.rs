//! KW003 stale-year-in-heading (rules/KW003.md).
//!
//! A Markdown or HTML heading that names a year other than the post's canonical year,
//! unless it is plainly history (`2025年の実績`, `since 2025`, `2024〜2026`).

use super::*;

/// KW003 stale-year-in-heading.
pub struct StaleYearInHeading {
    rules: YearRules,
}

impl StaleYearInHeading {
    pub fn new(_options: &Options, shared: &SharedOptions) -> Self {
        StaleYearInHeading { rules: YearRules::from_shared(shared) }
    }
}

impl Rule for StaleYearInHeading {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(canonical) = canonical_year(ctx, &self.rules) else { return };
        for heading in &ctx.doc.outline.headings {
            for found in find_years(&heading.text) {
                if !self.rules.is_stale(canonical.year, &heading.text, &found)
                    || in_past_sentence(&heading.text, &found.span)
                {
                    continue;
                }
                let raw = &ctx.doc.source[heading.text_span.clone()];
                let digits = &heading.text[found.span.clone()];
                let span = raw.find(digits).map_or(heading.text_span.clone(), |i| {
                    heading.text_span.start + i..heading.text_span.start + i + digits.len()
                });
                out.push(
                    Diagnostic::new(
                        span,
                        format!(
                            "heading {} says {}, expected {} ({})",
                            quote(&heading.text),
                            found.year,
                            canonical.year,
                            canonical.why
                        ),
                    )
                    .help("update the year, or word the heading as history (`2025年の実績`, `since 2025`)"),
                );
            }
        }
    }
}
