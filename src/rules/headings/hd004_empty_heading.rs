//! HD004 empty-heading (rules/HD004.md).
//!
//! A heading with no text: only spaces, only an image, or only punctuation.

use super::*;

/// HD004 empty-heading.
pub struct EmptyHeading;

impl Rule for EmptyHeading {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for heading in &ctx.doc.outline.headings {
            if heading.text.chars().any(char::is_alphanumeric) {
                continue;
            }
            let what = if heading.has_image {
                "holds only an image"
            } else if heading.text.trim().is_empty() {
                "has no text"
            } else {
                "is only punctuation"
            };
            out.push(
                Diagnostic::new(heading.span.clone(), format!("heading {what}"))
                    .help("give the section a heading that says what it is about, or remove the heading"),
            );
        }
    }
}
