//! FM016 missing-locale (rules/FM016.md).
//!
//! A mostly Japanese (CJK) post on a Jekyll site that uses jekyll-seo-tag, with no `lang`
//! or `locale` in the post's front matter or in `_config.yml`.

use super::*;

/// FM016 missing-locale.
pub struct MissingLocale;

impl Rule for MissingLocale {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        if !ctx.site.announces_locale() || ctx.site.lang.is_some() {
            return;
        }
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        if front_matter.first_of(&["lang", "locale"]).is_some() || front_matter.root.is_none() {
            return;
        }
        let (cjk, words) = body_length(ctx);
        if cjk < 20 || cjk < words * 2 {
            return;
        }
        out.push(
            Diagnostic::new(
                fence_span(ctx, front_matter),
                "mostly Japanese post with no `lang` or `locale`; jekyll-seo-tag will announce it as `og:locale` en_US",
            )
            .help("add `lang: ja` here, or `lang: ja` / `locale: ja_JP` in _config.yml for the whole site"),
        );
    }
}
