//! HD004 empty-heading (rules/HD004.md).
//!
//! A heading with no text: only spaces, only an image, or only punctuation.

use super::*;

/// HD004 empty-heading.
pub struct EmptyHeading;

impl Rule for EmptyHeading {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for heading in &ctx.doc.outline.headings {
            if heading.text.chars().any(char::is_alphanumeric)
                || kramdown_keeps_hashes(ctx, heading)
                || names_a_symbol_as_code(ctx, heading)
            {
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

/// `` ### `%` ``: a symbol written as code is what the section is about (a CSS unit, an
/// operator), not punctuation.
fn names_a_symbol_as_code(ctx: &Context<'_>, heading: &Heading) -> bool {
    let raw = ctx.doc.source.get(heading.text_span.clone()).unwrap_or("");
    !heading.text.trim().is_empty() && raw.contains('`')
}

/// `## #` on a Jekyll site: kramdown strips closing hashes only after a space inside the
/// text, so it renders a heading reading `#` (the symbols section of an A–Z index), where
/// CommonMark reads an empty heading closed by `#`.
fn kramdown_keeps_hashes(ctx: &Context<'_>, heading: &Heading) -> bool {
    if !ctx.site.reads_kramdown() || heading.kind != HeadingKind::Atx {
        return false;
    }
    let line = ctx.doc.source[heading.span.clone()].lines().next().unwrap_or("").trim();
    let text = line.trim_start_matches('#');
    text.starts_with([' ', '\t']) && !text.trim().is_empty() && text.trim().chars().all(|c| c == '#')
}
