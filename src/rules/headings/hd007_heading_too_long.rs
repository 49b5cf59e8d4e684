//! HD007 heading-too-long (rules/HD007.md).
//!
//! A heading wider than `max` half-width columns (default 80; full-width characters count
//! 2).

use super::*;

/// HD007 heading-too-long.
pub struct HeadingTooLong {
    max: usize,
}

impl HeadingTooLong {
    pub fn new(options: &Options) -> Self {
        HeadingTooLong { max: options.int("max").max(1) as usize }
    }
}

impl Rule for HeadingTooLong {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for heading in &ctx.doc.outline.headings {
            let width = display_width(&heading.text);
            if width > self.max {
                out.push(
                    Diagnostic::new(
                        heading.text_span.clone(),
                        format!("heading is {width} columns wide, over {}", self.max),
                    )
                    .help("shorten it; put the detail in the section's first sentence"),
                );
            }
        }
    }
}
