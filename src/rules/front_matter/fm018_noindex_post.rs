//! FM018 noindex-post (rules/FM018.md).
//!
//! A published post whose front matter keeps it out of search results: `noindex: true`,
//! `robots: noindex` (or a value with `noindex`), `robotsNoIndex: true` (Hugo PaperMod),
//! `seo: {noindex: true}`.

use super::*;

/// FM018 noindex-post.
pub struct NoindexPost;

/// The key that says so and where, when the post asks not to be indexed.
fn noindex_key<'a>(ctx: &'a Context<'_>) -> Option<(&'static str, &'a Node)> {
    let is_true = |node: &Node| matches!(node.value, Value::Bool(true));
    for key in ["noindex", "robotsNoIndex", "robots_noindex"] {
        if let Some(node) = ctx.doc.front(key).filter(|n| is_true(n)) {
            return Some((key, node));
        }
    }
    if let Some(node) =
        ctx.doc.front("robots").filter(|n| n.as_str().is_some_and(|v| v.to_ascii_lowercase().contains("noindex")))
    {
        return Some(("robots", node));
    }
    let seo = ctx.doc.front("seo")?;
    seo.get("noindex").filter(|n| is_true(n)).map(|node| ("seo.noindex", node))
}

impl Rule for NoindexPost {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let draft = ctx.doc.front("draft").is_some_and(|n| matches!(n.value, Value::Bool(true)))
            || ctx.doc.front("published").is_some_and(|n| matches!(n.value, Value::Bool(false)));
        if draft {
            return;
        }
        let Some((key, node)) = noindex_key(ctx) else { return };
        out.push(
            Diagnostic::new(node.span.clone(), format!("`{key}` keeps this published post out of search results"))
                .help("remove it if the post should be found; keep it (and suppress this) for thank-you or test pages"),
        );
    }
}
