//! KW005 stale-year-in-body (rules/KW005.md).
//!
//! A sentence in the body that names the year before the canonical one as if it were
//! current (`2025年のマーケティング計画においても` in a 2026 post), leaving out historical phrasing.

use super::*;

/// KW005 stale-year-in-body.
pub struct StaleYearInBody {
    rules: YearRules,
    same_topic_only: bool,
}

impl StaleYearInBody {
    pub fn new(options: &Options, shared: &SharedOptions) -> Self {
        StaleYearInBody { rules: YearRules::from_shared(shared), same_topic_only: options.bool("same-topic-only") }
    }
}

/// Whether the words right after the year (`2025年のマーケティング計画`) are the title's
/// topic: a year that qualifies what the post is about, not another subject's year.
pub(super) fn speaks_of_title_topic(ctx: &Context<'_>, text: &str, span: &Span) -> bool {
    let Some(title) = ctx.doc.title() else { return false };
    let title = fold(title);
    let after: String = text[span.end..].chars().take(24).collect();
    let after = fold(&after);
    // Two kanji or katakana in a row (`計画`, `マー`) that the title has too.
    let cjk: Vec<char> = after.chars().collect();
    let content = |c: &char| (is_cjk(*c) && *c != '年') || ('\u{30A1}'..='\u{30FA}').contains(c);
    let shares_cjk = cjk.windows(2).any(|w| w.iter().all(content) && title.contains(&w.iter().collect::<String>()));
    let shares_word = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.is_ascii())
        .any(|w| title.split(|c: char| !c.is_alphanumeric()).any(|t| t == w));
    shares_cjk || shares_word
}

impl Rule for StaleYearInBody {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(canonical) = canonical_year(ctx, &self.rules) else { return };
        let previous = canonical.year - 1;
        // Occurrences of stale keywords are KW004's; do not report them twice.
        let keyword_spans: Vec<Span> = stale_items(ctx, canonical, &self.rules)
            .iter()
            .flat_map(|(_, text, _, _)| body_occurrences(ctx, text))
            .collect();
        for run in &ctx.doc.outline.text {
            let text = &ctx.doc.source[run.clone()];
            for found in find_years(text) {
                if found.year != previous
                    || !self.rules.is_stale(canonical.year, text, &found)
                    || in_past_sentence(text, &found.span)
                    || sentence_names_other_years(text, &found.span)
                    || (self.same_topic_only && !speaks_of_title_topic(ctx, text, &found.span))
                {
                    continue;
                }
                let span = run.start + found.span.start..run.start + found.span.end;
                if keyword_spans.iter().any(|k| k.start <= span.start && span.end <= k.end) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        span,
                        format!(
                            "body names {previous} as if it were current; expected {} ({})",
                            canonical.year, canonical.why
                        ),
                    )
                    .help(format!(
                        "update the year, or make it plainly past (`{previous}年に…した`, `in {previous} we …`)"
                    )),
                );
            }
        }
    }
}
