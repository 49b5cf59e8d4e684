//! IMG001 invalid-image-url (rules/IMG001.md).
//!
//! An image URL that does not parse, or that only parses because the browser (and the `url`
//! crate) would rewrite it: spaces, backslashes, `http:host` without `//`, and `%` not
//! followed by two hex digits; and `data:` URLs over a size limit.

use super::*;

/// IMG001 invalid-image-url.
pub struct InvalidImageUrl {
    max_data_url: usize,
}

impl InvalidImageUrl {
    pub fn new(options: &Options) -> Self {
        InvalidImageUrl { max_data_url: options.int("max-data-url-bytes").max(0) as usize }
    }
}

impl Rule for InvalidImageUrl {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for image in collect(ctx) {
            let Some(url) = strip_template_prefix(&image.url) else { continue };
            if url.contains("{{") || url.contains("{%") {
                continue;
            }
            // `image: ""` is an archetype's placeholder left empty: templates test the
            // value and render no image, as if the key were absent.
            if image.origin == Origin::FrontMatter && url.trim().is_empty() {
                continue;
            }
            if url.starts_with("data:") && url.len() > self.max_data_url {
                out.push(
                    Diagnostic::new(image.url_span.clone(), format!("data: URL is {} bytes, over the {}-byte limit", url.len(), self.max_data_url))
                        .help("save the image as a file: data URLs are not cached, not indexed by image search, and bloat every page view"),
                );
                continue;
            }
            // `![](<a b.png>)`: CommonMark's pointy-bracket destination may hold spaces,
            // and the renderer percent-encodes them.
            let bracketed = image.origin == Origin::Markdown && {
                let source = ctx.doc.source;
                let written = source.get(image.url_span.clone()).unwrap_or("");
                (written.starts_with('<') && written.ends_with('>'))
                    || (source[..image.url_span.start].ends_with('<') && source[image.url_span.end..].starts_with('>'))
            };
            let spaced = |text: &str| url.trim().chars().any(char::is_whitespace) && text.starts_with("URL contains");
            if let Some(problem) = urls::url_problem(url).filter(|problem| !(bracketed && spaced(problem))) {
                out.push(
                    Diagnostic::new(image.url_span.clone(), problem)
                        .help("write the URL as the browser should request it"),
                );
            }
        }
    }
}
