//! LNK012 focus-keyword-shared (rules/LNK012.md).
//!
//! A published post whose focus keyword (the first of `seo_keywords`, else of `keywords`)
//! is also the focus keyword of another published post in its language: the two compete
//! for one query. Reported on each of them, naming the others.

use super::*;

/// LNK012 focus-keyword-shared.
pub struct FocusKeywordShared;

impl Rule for FocusKeywordShared {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(index) = index(ctx) else { return };
        if !super::lnk005_lnk006_duplicate_value::is_published(ctx) {
            return;
        }
        let Some(node) = ["seo_keywords", "keywords"].iter().find_map(|key| ctx.doc.front(key)) else { return };
        let Some(keyword) = site::first_keyword(node) else { return };
        // Point at the keyword itself: the list's first item, or the string.
        let span = node.items().first().map_or_else(|| node.span.clone(), |item| item.span.clone());
        let rivals: Vec<&str> = index
            .by_focus_keyword(&keyword)
            .iter()
            .map(|&id| &index.posts[id])
            .filter(|post| post.path != ctx.relative && post.language == ctx.language)
            .map(|post| post.path.as_str())
            .collect();
        if rivals.is_empty() {
            return;
        }
        let shown = ctx.doc.text(&span).trim_matches(['"', '\'']);
        let mut diagnostic = Diagnostic::new(
            span.clone(),
            format!("focus keyword {} is also the focus keyword of {}", quote(shown), listing(ctx, &rivals)),
        )
        .help("give each post its own query, or merge them into one and redirect the other; search engines rank one page per query from a site");
        for rival in &rivals {
            diagnostic = diagnostic.related(ctx.site.shown_path(rival), "the same focus keyword");
        }
        out.push(diagnostic);
    }
}
