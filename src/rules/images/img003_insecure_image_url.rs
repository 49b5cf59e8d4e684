//! IMG003 insecure-image-url (rules/IMG003.md).
//!
//! An image loaded over plain `http://` (warning), and, with `protocol-relative = true`, one
//! with a protocol-relative `//host/…` URL (info).

use super::*;

/// IMG003 insecure-image-url.
pub struct InsecureImageUrl {
    /// Whether `//host/…` URLs are reported: off by default, since on an https site the
    /// browser loads them over https (judged noise on blind samples).
    protocol_relative: bool,
}

impl InsecureImageUrl {
    pub fn new(options: &Options) -> Self {
        InsecureImageUrl { protocol_relative: options.bool("protocol-relative") }
    }
}

impl Rule for InsecureImageUrl {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for image in collect(ctx) {
            let lower = image.url.trim_start().to_ascii_lowercase();
            if lower.starts_with("http://") {
                let scheme = image.inner_span(&(0..4));
                let mut diagnostic = Diagnostic::new(image.url_span.clone(), "image is loaded over plain `http://`")
                    .help("use `https://`: browsers block or upgrade mixed content on https pages");
                if image.verbatim && image.url.starts_with("http://") {
                    diagnostic = diagnostic.fix(Fix::unsafe_edits(vec![Edit::replace(scheme, "https")]));
                }
                out.push(diagnostic);
            } else if self.protocol_relative && lower.starts_with("//") {
                out.push(
                    Diagnostic::new(image.url_span.clone(), "image URL is protocol-relative (`//…`)")
                        .help("write `https://`; protocol-relative URLs break in feeds, e-mail and local previews")
                        .severity(Severity::Info),
                );
            }
        }
    }
}
