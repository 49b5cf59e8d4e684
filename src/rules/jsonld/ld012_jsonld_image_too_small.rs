//! LD012 jsonld-image-too-small (rules/LD012.md).
//!
//! An Article's JSON-LD `image` that is a file of the site with fewer than 50,000 pixels
//! (width × height, read from the file's header).

use super::*;

/// Google's minimum for article images.
const MIN_PIXELS: u64 = 50_000;

/// LD012 jsonld-image-too-small.
pub struct ImageTooSmall;

impl Rule for ImageTooSmall {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let images = crate::rules::images::collect(ctx);
        // The images by where their URL starts, to find the one inside a JSON-LD value by
        // a binary search rather than a look at every image.
        let mut by_start: Vec<usize> = (0..images.len()).collect();
        by_start.sort_by_key(|&i| (images[i].url_span.start, i));
        for (_, article) in articles(ctx) {
            let Some(value) = article.get("image") else { continue };
            let mut urls = Vec::new();
            crate::rules::images::image_values(value, &mut urls);
            for url in urls {
                let first = by_start.partition_point(|&i| images[i].url_span.start < url.span.start);
                crate::work::visited(1 + (usize::BITS - by_start.len().leading_zeros()) as usize);
                let inside = by_start[first..]
                    .iter()
                    .take_while(|&&i| images[i].url_span.start < url.span.end.max(url.span.start + 1))
                    .find(|&&i| images[i].url_span.end <= url.span.end);
                let Some(image) = inside.map(|&i| &images[i]) else { continue };
                let Some((width, height)) = crate::rules::images::local_image_size(ctx, image) else { continue };
                if width * height < MIN_PIXELS {
                    out.push(
                        Diagnostic::new(
                            image.url_span.clone(),
                            format!(
                                "the article image is {width}×{height}, {} pixels; Google needs at least 50,000",
                                width * height
                            ),
                        )
                        .help(
                            "give a larger image (Google recommends 1200 pixels wide, in 16:9, 4:3 and 1:1 versions)",
                        ),
                    );
                }
            }
        }
    }
}
