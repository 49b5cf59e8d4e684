//! LNK004 double-baseurl (rules/LNK004.md).
//!
//! `{{ site.baseurl }}` placed right before `{% post_url %}` or `{% link %}` on a Jekyll 4
//! site whose `_config.yml` sets a `baseurl` (Jekyll 3, pinned in the Gemfile, is left
//! alone; without a `baseurl` the doubled prefix is empty and the link works).

use super::*;

/// LNK004 double-baseurl.
pub struct DoubleBaseurl;

impl Rule for DoubleBaseurl {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        // With no `baseurl` the doubled prefix is empty: the link works.
        if !ctx.site.post_url_adds_base() || ctx.site.baseurl.is_empty() {
            return;
        }
        let source = ctx.doc.source;
        for pair in ctx.doc.liquid.windows(2) {
            let (output, tag) = (&pair[0], &pair[1]);
            let is_baseurl = output.kind == LiquidKind::Output && source[output.inner.clone()].trim() == "site.baseurl";
            if !is_baseurl || tag.kind != LiquidKind::Tag || !source[output.span.end..tag.span.start].trim().is_empty()
            {
                continue;
            }
            let name = tag.name(source);
            if name == "post_url" || name == "link" {
                out.push(
                    Diagnostic::new(output.span.clone(), format!("`{{{{ site.baseurl }}}}` before `{{% {name} %}}`: since Jekyll 4 `{name}` already includes the baseurl"))
                        .help("remove `{{ site.baseurl }}`; with a baseurl set, the link has it twice and 404s")
                        .fix(Fix::unsafe_edits(vec![Edit::delete(output.span.start..tag.span.start)])),
                );
            }
        }
    }
}
