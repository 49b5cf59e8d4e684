//! LNK013 similar-description (rules/LNK013.md).
//!
//! A published post whose description is nearly the same as an older published post's
//! in its language (by words, or character pairs in Japanese, Chinese and Korean);
//! reported once, on the newer post. Identical descriptions are LNK006's.

use super::*;

/// LNK013 similar-description.
pub struct SimilarDescription {
    threshold: f64,
}

impl SimilarDescription {
    pub fn new(options: &Options) -> Self {
        SimilarDescription { threshold: options.float("threshold").clamp(0.5, 1.0) }
    }
}

impl Rule for SimilarDescription {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(index) = index(ctx) else { return };
        if !super::lnk005_lnk006_duplicate_value::is_published(ctx) {
            return;
        }
        let Some(node) = ctx.doc.front("description") else { return };
        let Some(description) = node.as_str().filter(|d| !d.trim().is_empty()) else { return };
        let folded = fold(description);
        let title = ctx.doc.front_str("title").unwrap_or_default();
        // Not the same description (LNK006's), and not one of a series: titles or
        // descriptions that differ in their numbers (the 2017 survey after the 2016 one,
        // whose descriptions say "second year" where the last said "first").
        let series = |a: &str, b: &str| super::lnk010_similar_title::same_series(a, b);
        let rivals = older_rivals(ctx, index, index.similar_descriptions(description, self.threshold), |post| {
            let other_title = post.title.as_deref().unwrap_or_default();
            post.description.as_deref().is_some_and(|other| {
                fold(other) != folded && !series(description, other) && !series(title, other_title)
            })
        });
        if rivals.is_empty() {
            return;
        }
        out.push(near_duplicate(
            ctx,
            node.span.clone(),
            "description",
            &rivals,
            "describe what this post says that the other does not: result pages show the description under the title",
        ));
    }
}
