//! IMG003 insecure-image-url (rules/IMG003.md).
//!
//! An image loaded over plain `http://` on a site served over https or of unknown address (warning), and, with `protocol-relative = true`, one
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
        // On a site its configuration serves over plain http, an http image is not mixed
        // content: nothing is blocked or upgraded.
        let site_on_http = [ctx.site.url.as_deref(), Some(ctx.site.baseurl.as_str())]
            .into_iter()
            .flatten()
            .any(|url| url.trim_start().to_ascii_lowercase().starts_with("http://"));
        for image in collect(ctx) {
            let lower = image.url.trim_start().to_ascii_lowercase();
            if lower.starts_with("http://") && !site_on_http {
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
