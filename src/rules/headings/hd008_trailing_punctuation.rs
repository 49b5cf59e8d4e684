//! HD008 trailing-punctuation (rules/HD008.md).
//!
//! A heading that ends with `.`, `,`, `;`, `:`, `。` or `、` (markdownlint MD026's set plus
//! Japanese); an ellipsis `...` is allowed.

use super::*;

/// HD008 trailing-punctuation.
pub struct TrailingPunctuation {
    punctuation: String,
}

impl TrailingPunctuation {
    pub fn new(options: &Options) -> Self {
        TrailingPunctuation { punctuation: options.string("punctuation").to_string() }
    }
}

impl Rule for TrailingPunctuation {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for heading in &ctx.doc.outline.headings {
            let Some(last) = heading.text.trim_end().chars().last() else { continue };
            if !self.punctuation.contains(last) || heading.text.trim_end().ends_with("...") {
                continue;
            }
            let raw = &ctx.doc.source[heading.text_span.clone()];
            let trimmed = raw.trim_end();
            let mut diagnostic =
                Diagnostic::new(heading.text_span.clone(), format!("heading ends with {}", quote(&last.to_string())))
                    .help("remove it: headings are titles, not sentences");
            if trimmed.ends_with(last) {
                let end = heading.text_span.start + trimmed.len();
                let span = end - last.len_utf8()..end;
                diagnostic.span = span.clone();
                diagnostic = diagnostic.fix(Fix::safe(vec![Edit::delete(span)]));
            }
            out.push(diagnostic);
        }
    }
}
