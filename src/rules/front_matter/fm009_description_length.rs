//! FM009 description-length (rules/FM009.md).
//!
//! A description shorter or longer than result pages show: 70–160 characters for English
//! and other Latin-script text, 50–120 for mostly Japanese/CJK text.

use super::*;

/// FM009 description-length.
pub struct DescriptionLength {
    latin: (usize, usize),
    cjk: (usize, usize),
    seo_posts_only: bool,
}

impl DescriptionLength {
    pub fn new(options: &Options) -> Self {
        let int = |key: &str| options.int(key).max(0) as usize;
        DescriptionLength {
            latin: (int("min"), int("max")),
            cjk: (int("min-cjk"), int("max-cjk")),
            seo_posts_only: options.bool("seo-posts-only"),
        }
    }
}

impl Rule for DescriptionLength {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        if !ctx.site.renders_page_description() || self.seo_posts_only && !written_for_search(ctx) {
            return;
        }
        let Some(node) = ctx.doc.front("description") else { return };
        let Some(description) = node.as_str() else { return };
        if description.trim().is_empty() {
            return;
        }
        let chars = description.trim().chars().count();
        let cjk = is_mostly_cjk(description);
        let (min, max) = if cjk { self.cjk } else { self.latin };
        let kind = if cjk { "a mostly Japanese/CJK description" } else { "a description" };
        if chars < min {
            out.push(
                Diagnostic::new(node.span.clone(), format!("description is {chars} characters; {kind} under {min} gives search engines too little and they write their own snippet"))
                    .help(format!("summarise the post in {min}–{max} characters")),
            );
        } else if chars > max {
            out.push(
                Diagnostic::new(
                    node.span.clone(),
                    format!("description is {chars} characters; result pages cut {kind} after about {max}"),
                )
                .help(format!("keep it within {min}–{max} characters, the key point first")),
            );
        }
    }
}
