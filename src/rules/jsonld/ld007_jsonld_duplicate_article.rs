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
        if !ctx.is_post() || ctx.site.root.is_none() {
            return;
        }
        if let Some(emitter) = ctx.site.article_jsonld_emitter(&ctx.relative, ctx.doc.front_str("layout")) {
            out.push(
                Diagnostic::new(
                    object_anchor(first),
                    format!(
                        "{} already emits a BlogPosting for this post (layout `{}` renders `{}`)",
                        emitter.plugin, emitter.layout, emitter.tag
                    ),
                )
                .help("remove this block, or turn off the plugin's JSON-LD and keep yours"),
            );
        }
    }
}
