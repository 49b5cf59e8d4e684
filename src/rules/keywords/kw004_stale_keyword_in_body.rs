//! KW004 stale-keyword-in-body (rules/KW004.md).
//!
//! A front matter keyword or tag that carries a stale year (see KW002), repeated verbatim
//! in the body; every occurrence is reported.

use super::*;

/// KW004 stale-keyword-in-body.
pub struct StaleKeywordInBody {
    rules: YearRules,
}

impl StaleKeywordInBody {
    pub fn new(_options: &Options, shared: &SharedOptions) -> Self {
        StaleKeywordInBody { rules: YearRules::from_shared(shared) }
    }
}

impl Rule for StaleKeywordInBody {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(canonical) = canonical_year(ctx, &self.rules) else { return };
        let mut done: Vec<String> = Vec::new();
        for (key, text, item, year) in stale_items(ctx, canonical, &self.rules) {
            if done.contains(&fold(text)) {
                continue;
            }
            done.push(fold(text));
            // Occurrences told as history (`過去の「計画 2025」`, `2025年に策定した`) are right.
            let current: Vec<Span> =
                body_occurrences(ctx, text).into_iter().filter(|span| !self.told_as_history(ctx, span, year)).collect();
            let Some((first, rest)) = current.split_first() else { continue };
            let mut diagnostic = Diagnostic::new(
                first.clone(),
                format!(
                    "body repeats the stale keyword {} ({year}), expected {} ({})",
                    quote(text),
                    canonical.year,
                    canonical.why
                ),
            )
            .label(item.span.clone(), format!("`{key}` item"))
            .help("update the year here and in the front matter, or say plainly that it is last year's");
            for span in rest {
                diagnostic = diagnostic.label(span.clone(), "again here");
            }
            out.push(diagnostic);
        }
    }
}

impl StaleKeywordInBody {
    /// Whether the sentence holding the keyword at `span` speaks of its year as history.
    fn told_as_history(&self, ctx: &Context<'_>, span: &Span, year: i32) -> bool {
        let Some(run) = ctx.doc.outline.text.iter().find(|r| r.start <= span.start && span.end <= r.end) else {
            return false;
        };
        let text = &ctx.doc.source[run.clone()];
        let local = span.start - run.start..span.end - run.start;
        find_years(&text[local.clone()]).iter().filter(|m| m.year == year).any(|m| {
            let at = local.start + m.span.start..local.start + m.span.end;
            is_historical(text, &at, &self.rules.historical) || in_past_sentence(text, &at)
        })
    }
}
