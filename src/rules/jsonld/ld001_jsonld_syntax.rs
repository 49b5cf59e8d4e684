//! LD001 jsonld-syntax (rules/LD001.md).
//!
//! A `<script type="application/ld+json">` block that is not valid JSON — trailing commas,
//! comments, single quotes, unescaped line breaks in strings, a stray `}` — reported at the
//! exact line and column in the file, not inside the block.

use super::*;

/// LD001 jsonld-syntax.
pub struct JsonLdSyntax;

impl Rule for JsonLdSyntax {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for block in &ctx.doc.jsonld {
            if ctx.doc.source[block.content.clone()].trim().is_empty() {
                out.push(
                    Diagnostic::new(block.tag_span.clone(), "JSON-LD block is empty")
                        .help("fill in the structured data or remove the block"),
                );
                continue;
            }
            // Liquid control flow before the error (`{% unless forloop.last %},{% endunless %}`)
            // decides which commas and entries the built page has: the source alone cannot
            // say whether that JSON is valid.
            let control_flow_before = |at: usize| {
                block.templates.iter().any(|t| t.start <= at && ctx.doc.source[t.clone()].starts_with("{%"))
            };
            if let Err(error) = &block.parsed
                && !control_flow_before(error.span.start)
            {
                let span = if error.span.is_empty() {
                    error.span.start..(error.span.start + 1).min(ctx.doc.source.len())
                } else {
                    error.span.clone()
                };
                out.push(
                    Diagnostic::new(span, format!("invalid JSON in JSON-LD: {}", error.message))
                        .help("search engines ignore a block that does not parse; fix the JSON (it must be strict JSON, not JavaScript)"),
                );
            }
        }
    }
}
