//! FM008 title-length (rules/FM008.md).
//!
//! A title of a post written for search results (it sets keywords, an `seo_title` or a
//! `meta_description`) whose display width is over `max` (default 60) half-width columns
//! when it has Japanese, Chinese or Korean characters (each counts 2), or over `max-latin`
//! (default 75) when it has none; or under `min` when that is set.

use super::*;

pub struct TitleLength {
    min: usize,
    max: usize,
    max_latin: usize,
    seo_posts_only: bool,
}

impl TitleLength {
    pub fn new(options: &Options) -> Self {
        TitleLength {
            min: options.int("min").max(0) as usize,
            max: options.int("max").max(1) as usize,
            max_latin: options.int("max-latin").max(1) as usize,
            seo_posts_only: options.bool("seo-posts-only"),
        }
    }
}

impl Rule for TitleLength {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(node) = ctx.doc.front("title") else { return };
        let Some(title) = node.as_str() else { return };
        if title.trim().is_empty() {
            return;
        }
        // A post whose author writes its result-page snippet or keywords is written for
        // search; a news archive's titles are not (and are rarely worth changing).
        if self.seo_posts_only && !written_for_search(ctx) {
            return;
        }
        // A result page shows `&ldquo;` as one curly quote.
        let shown = crate::document::html::decode_entities(title);
        let width = display_width(&shown);
        let chars = shown.chars().count();
        // Result pages cut by pixels: about 30 full-width characters, but Latin letters
        // are narrower than half a full-width one, so a Latin title fits more columns.
        let max = if shown.chars().any(crate::text::width::is_cjk) { self.max } else { self.max_latin };
        if width > max {
            out.push(
                Diagnostic::new(node.span.clone(), format!("title is {width} columns wide ({chars} characters); result pages cut titles after about {max} (full-width characters count 2)"))
                    .help("shorten the title and put the most important words first"),
            );
        } else if width < self.min {
            out.push(
                Diagnostic::new(
                    node.span.clone(),
                    format!(
                        "title is only {width} columns wide; under {} it says too little to rank or be chosen",
                        self.min
                    ),
                )
                .help("say what the post is about and for whom"),
            );
        }
    }
}
