//! IMG004 missing-alt (rules/IMG004.md).
//!
//! An image without alt text: Markdown `![](…)` unless it sits in a link with text of its
//! own, an HTML `<img>` without `alt` (unless marked decorative: `role="presentation"`,
//! `role="none"` or `aria-hidden="true"`), an HTML `alt=""` that is all a link has; and,
//! with `front-matter = true`, as info, a front matter image without `alt` (nor a sibling
//! `image_alt`, `image_alt_text`, `imageAlt`). The document model marks which images are
//! decoration.

use super::*;

/// IMG004 missing-alt.
pub struct MissingAlt {
    front_matter: bool,
}

impl MissingAlt {
    pub fn new(options: &Options) -> Self {
        MissingAlt { front_matter: options.bool("front-matter") }
    }
}

/// An image without alt text is unnamed (an error) unless a non-empty `aria-label` or
/// `title` names it: screen readers then say that name (HTML-AAM), and only search
/// engines, which read alt text, miss it (a warning).
fn unnamed_or_named(image: &ImageRef, span: Span, what: &str) -> Diagnostic {
    match &image.name {
        Some((name, attribute)) => Diagnostic::new(
            span,
            format!(
                "{what}; screen readers say its `{attribute}`, {}, but search engines read only alt text",
                quote(name)
            ),
        )
        .severity(Severity::Warning),
        None => Diagnostic::new(span, what.to_string()),
    }
}

impl Rule for MissingAlt {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for image in collect(ctx) {
            match (&image.origin, &image.alt) {
                (Origin::JsonLd, _) => {}
                (Origin::FrontMatter, None) if image.social && self.front_matter => out.push(
                    Diagnostic::new(image.url_span.clone(), "front matter image has no alt text")
                        .help("write it as `image: {path: …, alt: \"…\"}`; jekyll-seo-tag uses `image.alt` for `og:image:alt`")
                        .severity(Severity::Info),
                ),
                (Origin::Html, None) if !image.decorative => {
                    out.push(unnamed_or_named(image, image.url_span.clone(), "HTML image has no `alt` attribute").help(
                        "add `alt=\"…\"` describing the image, or `alt=\"\" role=\"presentation\"` if it is decoration",
                    ))
                }
                (Origin::Html | Origin::Markdown, Some((alt, span))) if alt.trim().is_empty() && !image.decorative => {
                    let span = if span.is_empty() { image.url_span.clone() } else { span.clone() };
                    let help = if image.origin == Origin::Html {
                        "describe the image; if it is decoration, add `role=\"presentation\"`"
                    } else {
                        "describe the image between the brackets: `![what it shows](…)`"
                    };
                    out.push(unnamed_or_named(image, span, "image has empty alt text").help(help));
                }
                _ => {}
            }
        }
    }
}
