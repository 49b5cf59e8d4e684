//! HD001 h1-in-body (rules/HD001.md).
//!
//! An H1 (`#`, a setext `===` heading or `<h1>`) in the body of a post whose front matter
//! has a `title`; without a title, an H1 that is not the first heading or a second H1.

use super::*;

pub(super) fn has_title(ctx: &Context<'_>) -> bool {
    ctx.doc.title().is_some_and(|t| !t.trim().is_empty())
}

/// HD001 h1-in-body.
pub struct H1InBody {
    title_is_h1: bool,
}

impl H1InBody {
    pub fn new(options: &Options) -> Self {
        H1InBody { title_is_h1: options.bool("title-is-h1") }
    }
}

impl Rule for H1InBody {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let headings = &ctx.doc.outline.headings;
        // A theme that prints the title as an H1 only when the body has none (Material
        // for MkDocs) is not shown one twice.
        let themed = self.title_is_h1 && has_title(ctx) && ctx.site.theme_adds_title_h1();
        // Whether an H1 came before: kept as the headings go, not looked for again at each.
        let mut after_an_h1 = false;
        for (index, heading) in headings.iter().enumerate() {
            if heading.level != 1 {
                continue;
            }
            let second = std::mem::replace(&mut after_an_h1, true);
            let message = if themed {
                "H1 in the body: the theme already renders the front matter `title` as the page's H1".to_string()
            } else if index == 0 {
                continue;
            } else if second {
                "a second H1: a page should have one".to_string()
            } else {
                "H1 is not the first heading".to_string()
            };
            let mut diagnostic = Diagnostic::new(heading.span.clone(), message)
                .help("make it an H2 (and its subsections one level deeper)");
            if let Some(edits) = demote_subtree(ctx, headings, index) {
                diagnostic = diagnostic.fix(Fix::unsafe_edits(edits));
            }
            out.push(diagnostic);
        }
    }
}

/// Edits that demote heading `index` and every heading below it up to the next H1.
pub(super) fn demote_subtree(ctx: &Context<'_>, headings: &[Heading], index: usize) -> Option<Vec<Edit>> {
    let end = headings[index + 1..].iter().position(|h| h.level == 1).map_or(headings.len(), |p| index + 1 + p);
    let subtree = &headings[index..end];
    if subtree.iter().any(|h| h.level >= 6) {
        return None;
    }
    subtree.iter().map(|heading| demote(ctx.doc.source, heading)).collect()
}

pub(super) fn demote(source: &str, heading: &Heading) -> Option<Edit> {
    let raw = &source[heading.span.clone()];
    match heading.kind {
        HeadingKind::Atx => Some(Edit::replace(heading.span.start..heading.span.start, "#")),
        HeadingKind::Setext => {
            let text = raw.lines().next()?.trim();
            Some(Edit::replace(heading.span.clone(), format!("{} {text}", "#".repeat(heading.level as usize + 1))))
        }
        HeadingKind::Html => {
            let level = heading.level;
            let open = format!("<h{level}");
            let close = format!("</h{level}");
            let lower = raw.to_ascii_lowercase();
            let (open_at, close_at) = (lower.find(&open)?, lower.rfind(&close)?);
            let replaced = format!(
                "{}<h{n}{}</h{n}{}",
                &raw[..open_at],
                &raw[open_at + open.len()..close_at],
                &raw[close_at + close.len()..],
                n = level + 1
            );
            Some(Edit::replace(heading.span.clone(), replaced))
        }
    }
}
