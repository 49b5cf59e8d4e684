//! IMG012 image-missing-dimensions (rules/IMG012.md).
//!
//! An HTML `<img>` in a post without `width` and `height` (or a `style` that sets both,
//! or an `aspect-ratio`): the page reflows when it loads.

use super::*;

/// IMG012 image-missing-dimensions.
pub struct ImageMissingDimensions;

impl Rule for ImageMissingDimensions {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let mut noscript: Option<Vec<Span>> = None;
        for image in &ctx.doc.outline.images {
            if image.kind != ImageKind::Html || image.reserves_space || ctx.doc.in_code(image.span.start) {
                continue;
            }
            // A tracking pixel or an image whose source is a template has no box to keep.
            if image.url.is_empty() || image.url.contains("{{") || image.url.contains("{%") {
                continue;
            }
            // A `<noscript>` fallback (for a chart drawn by a script) is not what readers see.
            let fallbacks = noscript.get_or_insert_with(|| noscript_blocks(ctx.doc.source, ctx.doc.body_start));
            // The blocks are in order and apart: a binary search, however many there are.
            if crate::document::in_sorted_spans(fallbacks, image.span.start) {
                continue;
            }
            let message = match (image.gives_width, image.gives_height) {
                (true, false) => "`<img>` has a `width` but no `height`",
                (false, true) => "`<img>` has a `height` but no `width`",
                _ => "`<img>` has no `width` and `height`",
            };
            let tag_name_end = (image.span.start + 4).min(image.span.end);
            out.push(
                Diagnostic::new(image.span.start..tag_name_end, message)
                    .help("add the image's pixel size as `width` and `height` (CSS can still scale it): the browser then keeps its space and the text does not jump when it loads"),
            );
        }
    }
}

/// The body's `<noscript>…</noscript>` blocks (to the end of the post if one is never
/// closed), found once per post that has an HTML image without dimensions.
fn noscript_blocks(source: &str, body_start: usize) -> Vec<Span> {
    let lower = source.get(body_start..).unwrap_or("").to_ascii_lowercase();
    let mut blocks = Vec::new();
    let mut from = 0;
    while let Some(open) = lower[from..].find("<noscript").map(|at| from + at) {
        let close = lower[open..].find("</noscript").map_or(lower.len(), |at| open + at);
        blocks.push(body_start + open..body_start + close);
        from = close.max(open + 1);
    }
    blocks
}
