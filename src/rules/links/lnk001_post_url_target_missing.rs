//! LNK001 post-url-target-missing (rules/LNK001.md).
//!
//! A template tag that names a post (Jekyll's `{% post_url NAME %}`, Hexo's `{% post_link
//! slug %}` and `{% post_path slug %}`) whose name matches no post, by the generator's own
//! rules for post names, with the closest existing name as a suggestion.

use super::*;
use crate::site::TagTarget;

/// LNK001 post-url-target-missing.
pub struct PostUrlTargetMissing;

impl Rule for PostUrlTargetMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        // Without the site's posts in view (a post linted on its own, outside its site)
        // the names a tag refers to are unknown, not missing.
        if !ctx.site.knows_post_names() {
            return;
        }
        for reference in ctx.site.tag_references(ctx.doc, Path::new(ctx.doc.path)) {
            if reference.target != TagTarget::Post || ctx.site.post_named(&reference.name).is_some() {
                continue;
            }
            let (tag, name) = (&reference.tag, &reference.name);
            let mut diagnostic = Diagnostic::new(
                reference.span.clone(),
                format!("`{tag}` names {}, but there is no such post in _posts", quote(name)),
            );
            diagnostic = match ctx.site.closest_post_name(name) {
                Some(closest) => diagnostic.help(format!("did you mean `{closest}`? {}", reference.consequence)),
                None => diagnostic.help(format!("fix the name ({}); {}", reference.hint, reference.consequence)),
            };
            out.push(diagnostic);
        }
    }
}
