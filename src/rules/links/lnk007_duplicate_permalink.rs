//! LNK007 duplicate-permalink (rules/LNK007.md).
//!
//! Two posts or pages that resolve to the same URL under the site's permalink rules
//! (`permalink`, `slug`, the site's `permalink` style and categories).

use super::*;

/// LNK007 duplicate-permalink.
pub struct DuplicatePermalink;

impl Rule for DuplicatePermalink {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(index) = index(ctx) else { return };
        if ctx.site.root.is_none() {
            return;
        }
        let own = site::describe(&ctx.relative, ctx.doc.front_matter.as_ref(), ctx.site);
        let Some(url) = own.url.filter(|_| own.published) else { return };
        let others = others(ctx, index, index.by_url(&url));
        if others.is_empty() {
            return;
        }
        let span: Span = ctx
            .doc
            .front("permalink")
            .or_else(|| ctx.doc.front("slug"))
            .or_else(|| ctx.doc.front("title"))
            .map_or(0..ctx.doc.lines.line_span(ctx.doc.source, 0).end, |n| n.span.clone());
        let mut diagnostic =
            Diagnostic::new(span, format!("this post's URL `{url}` is also the URL of {}", listing(ctx, &others)))
                .help("change the permalink or slug: one page silently overwrites the other in the built site");
        for other in &others {
            diagnostic = diagnostic.related(ctx.site.shown_path(other), "written to the same URL");
        }
        out.push(diagnostic);
    }
}
