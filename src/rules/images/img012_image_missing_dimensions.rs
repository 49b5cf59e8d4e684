//! IMG012 image-missing-dimensions (rules/IMG012.md).
//!
//! An HTML `<img>` in a post without `width` and `height` (or a `style` that sets both,
//! or an `aspect-ratio`): the page reflows when it loads.

use super::*;

/// IMG012 image-missing-dimensions.
pub struct ImageMissingDimensions;

impl Rule for ImageMissingDimensions {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for image in &ctx.doc.outline.images {
            if image.kind != ImageKind::Html || image.reserves_space || ctx.doc.in_code(image.span.start) {
                continue;
            }
            // A tracking pixel or an image whose source is a template has no box to keep.
            if image.url.is_empty() || image.url.contains("{{") || image.url.contains("{%") {
                continue;
            }
            // A `<noscript>` fallback (for a chart drawn by a script) is not what readers see.
            if inside_noscript(ctx.doc.source, ctx.doc.body_start, image.span.start) {
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

/// Whether `at` lies between a `<noscript>` and its `</noscript>` in the body.
fn inside_noscript(source: &str, body_start: usize, at: usize) -> bool {
    let before = source[body_start.min(at)..at].to_ascii_lowercase();
    match (before.rfind("<noscript"), before.rfind("</noscript")) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}
