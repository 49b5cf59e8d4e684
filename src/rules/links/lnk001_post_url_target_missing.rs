//! LNK001 post-url-target-missing (rules/LNK001.md).
//!
//! A `{% post_url NAME %}` whose `NAME` matches no post in `_posts/` (subfolders allowed,
//! as Jekyll allows), with the closest existing name as a suggestion.

use super::*;

/// LNK001 post-url-target-missing.
pub struct PostUrlTargetMissing;

impl Rule for PostUrlTargetMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        // Without a `_posts` folder in view (a post linted on its own, outside its site)
        // the names `post_url` refers to are unknown, not missing.
        let Some(index) = index(ctx).filter(|index| index.knows_posts()) else { return };
        for tag in &ctx.doc.liquid {
            if tag.kind != LiquidKind::Tag || tag.name(ctx.doc.source) != "post_url" {
                continue;
            }
            let (argument, span) = tag.argument(ctx.doc.source);
            let name = argument.split_whitespace().next().unwrap_or("");
            if name.is_empty() || name.contains("{{") || index.has_post_name(name) {
                continue;
            }
            let span = span.start..span.start + name.len();
            let mut diagnostic =
                Diagnostic::new(span, format!("`post_url` names {}, but there is no such post in _posts", quote(name)));
            diagnostic = match index.closest_post_name(name) {
                Some(closest) => diagnostic.help(format!("did you mean `{closest}`? Jekyll stops the build with \"Could not find post\"")),
                None => diagnostic.help("fix the name (the post's file name without extension); Jekyll stops the build with \"Could not find post\""),
            };
            out.push(diagnostic);
        }
    }
}
