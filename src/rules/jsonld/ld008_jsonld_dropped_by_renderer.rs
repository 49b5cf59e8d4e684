//! LD008 jsonld-dropped-by-renderer (rules/LD008.md).
//!
//! A JSON-LD block the site will never ship: in Hugo content when raw HTML is disabled
//! (`markup.goldmark.renderer.unsafe` is not `true` in the site config), or in an `.mdx`
//! file, where the block's braces are parsed as a JavaScript expression.

use super::*;

/// LD008 jsonld-dropped-by-renderer.
pub struct DroppedByRenderer;

impl Rule for DroppedByRenderer {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let mdx = ctx.doc.path.to_ascii_lowercase().ends_with(".mdx");
        for block in &ctx.doc.jsonld {
            if mdx && ctx.doc.source[block.content.clone()].trim_start().starts_with('{') {
                out.push(
                    Diagnostic::new(
                        block.tag_span.clone(),
                        "MDX reads the braces of this JSON-LD as a JavaScript expression",
                    )
                    .help("write `{JSON.stringify({...})}` inside the script tag, or move the data to the layout"),
                );
            } else if let Some(dropped) = ctx.site.drops_raw_html() {
                out.push(
                    Diagnostic::new(
                        block.tag_span.clone(),
                        format!("{}, so this JSON-LD block never reaches the page", dropped.why),
                    )
                    .help(dropped.fix),
                );
            }
        }
    }
}
