//! LD007 jsonld-duplicate-article (rules/LD007.md).
//!
//! Two Article-family entities in one post, or a hand-written one on a Jekyll site that
//! already uses jekyll-seo-tag: the plugin is found in `_config.yml` (`plugins`) or the
//! `Gemfile`, and the post's layout (its `layout:` or the `defaults` of `_config.yml`) is
//! followed through `_layouts/` and `{% include %}`s to a `{% seo %}` tag.

use super::*;

/// LD007 jsonld-duplicate-article.
pub struct DuplicateArticle;

impl Rule for DuplicateArticle {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let found = articles(ctx);
        for (_, extra) in found.iter().skip(1) {
            out.push(
                Diagnostic::new(object_anchor(extra), "a second Article-family entity in this post")
                    .label(object_anchor(found[0].1), "first one here")
                    .help("keep one Article per post; search engines may pick either or neither"),
            );
        }
        let Some((_, first)) = found.first() else { return };
        if ctx.site.generator != Generator::Jekyll || !ctx.site.has_plugin("jekyll-seo-tag") || !ctx.is_post() {
            return;
        }
        let Some(root) = &ctx.site.root else { return };
        let absolute = std::path::absolute(ctx.doc.path).unwrap_or_default();
        let relative = absolute.strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let layout =
            ctx.doc.front_str("layout").map(str::to_string).or_else(|| ctx.site.default_layout(&relative, true));
        let Some(layout) = layout else { return };
        if ctx.site.layout_renders_seo(&layout) {
            out.push(
                Diagnostic::new(object_anchor(first), format!("jekyll-seo-tag already emits a BlogPosting for this post (layout `{layout}` renders `{{% seo %}}`)"))
                    .help("remove this block, or turn off the plugin's JSON-LD and keep yours"),
            );
        }
    }
}
