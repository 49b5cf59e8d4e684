//! KW006 keyword-missing (rules/KW006.md).
//!
//! The focus keyword (the first item of `seo_keywords`, else `keywords`) appears in none
//! of: the title, the description, the first paragraph, an H2 heading.

use super::*;

/// KW006 keyword-missing.
pub struct KeywordMissing {
    keys: Vec<String>,
}

impl KeywordMissing {
    pub fn new(options: &Options) -> Self {
        KeywordMissing { keys: options.list("keys").to_vec() }
    }
}

impl Rule for KeywordMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some((keyword, span)) = focus_keyword(ctx, &self.keys) else { return };
        // Never ask for a keyword with a year other than the post's own to be used more
        // prominently: that is KW002's stale keyword, to be updated first.
        let own_year = publish_date(ctx).map(|(d, _)| d.date.year);
        if find_years(keyword).iter().any(|m| Some(m.year) != own_year) {
            return;
        }
        // Every word of the keyword must appear: Japanese text rarely keeps a keyword's
        // words adjacent (`AI ツール 比較` is written `AIツールを比較`).
        let words: Vec<String> = fold(keyword).split_whitespace().map(str::to_string).collect();
        if words.is_empty() {
            return;
        }
        let contains = |text: &str| {
            let folded = fold_without_spaces(text);
            words.iter().all(|word| folded.contains(word.as_str()))
        };
        // Cheapest places first: the first that has the keyword ends the search.
        let found = ctx.doc.title().is_some_and(contains)
            || ctx.doc.front_str("description").is_some_and(contains)
            || ctx.doc.outline.headings.iter().any(|h| h.level == 2 && contains(&h.text))
            || ctx.doc.outline.first_paragraph.as_ref().is_some_and(|p| contains(&ctx.doc.source[p.clone()]));
        if !found {
            out.push(
                Diagnostic::new(span, format!("focus keyword {} appears in none of the title, description, first paragraph or H2 headings", quote(keyword)))
                    .help("use it where readers and search engines look first, or choose the keyword the post is really about"),
            );
        }
    }
}
