//! LNK005 duplicate-title and LNK006 duplicate-description (rules/LNK005.md, rules/LNK006.md).
//!
//! Two or more published posts of the site with the same title, or description (after NFKC normalisation
//! and case folding); each post's diagnostic lists the others.

use super::*;

/// Like `others`, but only posts in the post's own language: a translation shares its
/// original's title by design, and hreflang tells search engines which to show.
pub(super) fn others_in_language<'a>(ctx: &Context<'_>, index: &'a SiteIndex, ids: &[usize]) -> Vec<&'a str> {
    ids.iter()
        .map(|&id| &index.posts[id])
        .filter(|post| post.path != ctx.relative && post.language == ctx.language)
        .map(|post| post.path.as_str())
        .collect()
}

pub(super) fn is_published(ctx: &Context<'_>) -> bool {
    let draft = ctx.doc.front("draft").is_some_and(|n| n.value == crate::document::tree::Value::Bool(true));
    let unpublished = ctx.doc.front("published").is_some_and(|n| n.value == crate::document::tree::Value::Bool(false));
    !draft && !unpublished && !ctx.relative.contains("_drafts/") && ctx.is_post()
}

/// LNK005 duplicate-title and LNK006 duplicate-description.
pub struct DuplicateValue {
    key: &'static str,
}

impl DuplicateValue {
    pub fn titles() -> Self {
        DuplicateValue { key: "title" }
    }

    pub fn descriptions() -> Self {
        DuplicateValue { key: "description" }
    }
}

impl Rule for DuplicateValue {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(index) = index(ctx) else { return };
        if !is_published(ctx) || self.key == "description" && !ctx.site.renders_page_description() {
            return;
        }
        let Some(node) = ctx.doc.front(self.key) else { return };
        let Some(folded) = node.as_str().map(fold).filter(|v| !v.is_empty()) else { return };
        let ids =
            if self.key == "title" { index.by_folded_title(&folded) } else { index.by_folded_description(&folded) };
        // Ids are in path order: when the group's last post is another one in this post's
        // language, this post is not where the group is reported (skips an O(n) scan per
        // post, which made a group of 50,000 posts quadratic).
        if let Some(&last) = ids.last()
            && index.posts[last].path.as_str() > ctx.relative.as_str()
            && index.posts[last].language == ctx.language
        {
            return;
        }
        let others = others_in_language(ctx, index, ids);
        // One problem, one diagnostic: the group is reported once, on its last post (by
        // file name, which for dated posts is the newest), naming the others.
        if others.is_empty() || others.iter().any(|other| *other > ctx.relative.as_str()) {
            return;
        }
        let mut diagnostic = Diagnostic::new(
            node.span.clone(),
            format!("{} posts share this {}: {}", others.len() + 1, self.key, listing(ctx, &others)),
        )
        .help(format!("give each post its own {}; search engines show one of them and drop the rest", self.key));
        for other in &others {
            diagnostic = diagnostic.related(ctx.site.shown_path(other), format!("the same {}", self.key));
        }
        out.push(diagnostic);
    }
}
