//! LNK010 similar-title (rules/LNK010.md).
//!
//! A published post whose title is nearly the same as older published posts' titles in
//! its language (by words, or character pairs in Japanese, Chinese and Korean), so the
//! posts compete for one query; reported once, on the newer post, naming the others.

use super::*;

/// LNK010 similar-title.
pub struct SimilarTitle {
    threshold: f64,
}

impl SimilarTitle {
    pub fn new(options: &Options) -> Self {
        SimilarTitle { threshold: options.float("threshold").clamp(0.5, 1.0) }
    }
}

/// The numbers in a title (`1.56.0` → 1, 56, 0; `2025年版` → 2025).
fn numbers(title: &str) -> Vec<String> {
    fold(title).split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).map(str::to_string).collect()
}

/// Titles whose numbers differ are a series — release notes, numbered parts, yearly
/// editions, the 2019 and 2021 surveys, an advisory and the same advisory with its CVE
/// number — not rivals for one query.
pub(super) fn same_series(a: &str, b: &str) -> bool {
    numbers(a) != numbers(b)
}

impl Rule for SimilarTitle {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(index) = index(ctx) else { return };
        if !super::lnk005_lnk006_duplicate_value::is_published(ctx) {
            return;
        }
        let Some(node) = ctx.doc.front("title") else { return };
        let Some(title) = node.as_str().filter(|t| !t.trim().is_empty()) else { return };
        let folded = fold(title);
        // Not the same title (LNK005's) and not one of a numbered series.
        let rivals = older_rivals(ctx, index, index.similar_titles(title, self.threshold), |post| {
            post.title.as_deref().is_some_and(|other| fold(other) != folded && !same_series(title, other))
        });
        if rivals.is_empty() {
            return;
        }
        out.push(near_duplicate(
            ctx,
            node.span.clone(),
            "title",
            &rivals,
            "say in the title what this post adds, or merge the posts and redirect one to the other; search engines show one of them for the query",
        ));
    }
}
