//! FM010 description-echoes-title (rules/FM010.md).
//!
//! A description that starts by repeating the title (or is the title plus a boilerplate
//! suffix such as ` - Our Company Blog`) instead of summarising the post.

use super::*;

/// FM010 description-echoes-title.
pub struct DescriptionEchoesTitle;

impl Rule for DescriptionEchoesTitle {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        if !ctx.site.renders_page_description() {
            return;
        }
        let (Some(title), Some(node)) = (ctx.doc.title(), ctx.doc.front("description")) else { return };
        let Some(description) = node.as_str() else { return };
        let (title_folded, description_folded) = (fold(title), fold(description));
        if title_folded.chars().count() < 8 || description_folded.is_empty() {
            return;
        }
        if description_folded.starts_with(&title_folded) {
            // Show the user's own text when the title is repeated verbatim.
            let rest = match description.trim_start().strip_prefix(title.trim()) {
                Some(rest) => rest,
                None => &description_folded[title_folded.len()..],
            };
            // A Japanese or Chinese sentence built around the title (「JToolTipの表示位置」
            // then 「がドラッグで…追従するように設定します。」) summarises the post; only
            // a short ending (「を行います。」) or a suffix after a separator adds nothing.
            if continues_the_title_as_a_sentence(rest) {
                return;
            }
            let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
            let message = if rest.is_empty() {
                "description is the title again".to_string()
            } else {
                format!("description starts by repeating the title, then adds {}", quote(rest))
            };
            out.push(
                Diagnostic::new(node.span.clone(), message)
                    .help("summarise what the reader learns; the title is already shown above the snippet"),
            );
        }
    }
}

/// Whether the text after the title goes on in the same CJK sentence (no space or
/// separator between) and says more than a verb ending: over ten letters.
fn continues_the_title_as_a_sentence(rest: &str) -> bool {
    rest.chars().next().is_some_and(crate::text::width::is_cjk)
        && rest.chars().filter(|c| c.is_alphanumeric()).count() > 10
}
