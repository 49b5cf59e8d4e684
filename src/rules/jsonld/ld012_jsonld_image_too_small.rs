//! LD012 jsonld-image-too-small (rules/LD012.md).
//!
//! An Article's JSON-LD `image` that is a file of the site with fewer than 50,000 pixels
//! (width × height, read from the file's header).

use super::*;

/// Google's minimum for article images.
const MIN_PIXELS: u64 = 50_000;

/// LD012 jsonld-image-too-small.
pub struct ImageTooSmall;

/// The URL nodes of an `image` value: a string, an array of them, or ImageObjects' `url`
/// or `contentUrl`.
fn image_urls<'a>(node: &'a JsonNode, out: &mut Vec<&'a JsonNode>) {
    match &node.value {
        JsonValue::String(_) => out.push(node),
        JsonValue::Array(items) => items.iter().for_each(|item| image_urls(item, out)),
        JsonValue::Object(_) => out.extend(["url", "contentUrl"].iter().filter_map(|key| node.get(key))),
        _ => {}
    }
}

impl Rule for ImageTooSmall {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let images = crate::rules::images::collect(ctx);
        for (_, article) in articles(ctx) {
            let Some(value) = article.get("image") else { continue };
            let mut urls = Vec::new();
            image_urls(value, &mut urls);
            for url in urls {
                let inside = |image: &&crate::rules::images::ImageRef| {
                    image.url_span.start >= url.span.start && image.url_span.end <= url.span.end
                };
                let Some(image) = images.iter().find(inside) else { continue };
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
