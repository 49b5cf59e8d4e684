//! HD002 heading-level-skip (rules/HD002.md).
//!
//! A heading more than one level deeper than the body heading before it (H2 → H4), Markdown
//! and HTML headings alike.

use super::*;

/// HD002 heading-level-skip.
pub struct HeadingLevelSkip;

impl Rule for HeadingLevelSkip {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        // Between body headings only, as markdownlint's MD001: a post whose sections start
        // at H3 under the theme's H1 title is a style choice readers do not notice.
        let mut previous: Option<u8> = None;
        for heading in &ctx.doc.outline.headings {
            if let Some(before) = previous
                && heading.level > before + 1
            {
                out.push(
                    Diagnostic::new(
                        heading.span.clone(),
                        format!("heading jumps from H{before} to H{}", heading.level),
                    )
                    .help(format!("make it an H{}, or add the missing level above it", before + 1)),
                );
            }
            previous = Some(heading.level);
        }
    }
}
