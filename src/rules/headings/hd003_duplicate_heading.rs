//! HD003 duplicate-heading (rules/HD003.md).
//!
//! Two sibling headings (same parent section) whose anchor slugs collide under the site's
//! slug rules (GitHub style, which Jekyll's GFM input and Hugo use; `kramdown` on request),
//! so the second gets an anchor with a `-1` suffix. The same subheading under different
//! parents ("Details" under each advisory, "Example" under each function, a function listed
//! under two imports) is how reference pages are written and is not reported; nor are
//! headings that share a slug but not their text (`createContext()` and `CreateContext`),
//! HTML or JSX headings (no generated id), or headings with their own `{#id}`. Slugs follow
//! the generator (Zola's own slugify on Zola sites).

use super::*;
use crate::text::slug;

/// HD003 duplicate-heading.
pub struct DuplicateHeading {
    siblings_only: bool,
    slugger: Option<Slugger>,
}

impl DuplicateHeading {
    pub fn new(options: &Options) -> Result<Self, OptionError> {
        let style = options.string("slug-style");
        let slugger = match style {
            "auto" => None,
            other => Some(Slugger::parse(other).ok_or_else(|| OptionError {
                key: "slug-style".into(),
                message: "must be \"auto\", \"github\", \"hugo\" or \"kramdown\"".into(),
            })?),
        };
        Ok(DuplicateHeading { siblings_only: options.bool("siblings-only"), slugger })
    }
}

impl Rule for DuplicateHeading {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let slugger = self.slugger.unwrap_or_else(|| ctx.site.slugger());
        let headings = &ctx.doc.outline.headings;
        let parents = parents(headings);
        // Each heading's slug, sorted so the headings sharing one are side by side: a sort
        // and one pass, so 100,000 headings stay n log n whatever their parents, in little
        // more memory than the slugs themselves.
        let mut slugs: Vec<(String, usize)> = headings
            .iter()
            .enumerate()
            // HTML and JSX headings get no generated id, and a heading with its own
            // `{#id}` does not take the slug.
            .filter(|(_, heading)| {
                let raw = ctx.doc.text(&heading.span);
                let own_id = has_explicit_id(raw) || (slugger.reserves_explicit_ids() && slug::sets_own_id(raw));
                heading.kind != HeadingKind::Html && !own_id
            })
            .map(|(index, heading)| (slugger.slug(&heading.text), index))
            .filter(|(slug, _)| !slug.is_empty())
            .collect();
        slugs.sort_unstable();
        // (heading, first heading with its anchor, how many had the slug before it).
        let mut repeats: Vec<(usize, usize, usize)> = Vec::new();
        for group in slugs.chunk_by(|a, b| a.0 == b.0).filter(|group| group.len() > 1) {
            if self.siblings_only {
                // Under different parents a repeated subheading ("Details" per advisory, a
                // function listed under two imports) is how documents are written; two
                // siblings with the same text are what readers cannot tell apart. The
                // group by parent, then the first of each text among one parent's.
                let mut by_parent: Vec<(Option<usize>, usize, usize)> =
                    group.iter().enumerate().map(|(count, &(_, index))| (parents[index], index, count)).collect();
                by_parent.sort_unstable();
                for siblings in by_parent.chunk_by(|a, b| a.0 == b.0).filter(|siblings| siblings.len() > 1) {
                    let mut first_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
                    for &(_, index, count) in siblings {
                        let first = *first_of.entry(fold(&headings[index].text)).or_insert(index);
                        if first != index {
                            repeats.push((index, first, count));
                        }
                    }
                }
            } else {
                repeats.extend(group.iter().enumerate().skip(1).map(|(count, &(_, index))| (index, group[0].1, count)));
            }
        }
        repeats.sort_unstable();
        for (index, first, count) in repeats {
            let heading = &headings[index];
            let slug = slugger.slug(&heading.text);
            out.push(
                Diagnostic::new(
                    heading.text_span.clone(),
                    format!(
                        "heading {} has the same anchor `#{slug}` as an earlier heading; its anchor becomes `#{}`",
                        quote(&heading.text),
                        slugger.nth_duplicate(&slug, count)
                    ),
                )
                .label(headings[first].text_span.clone(), "first heading with this anchor")
                .help("make the heading say what is different about this section"),
            );
        }
    }
}

/// Whether a heading's source line sets its own id: `## Title {#id}` (Goldmark, Zola,
/// kramdown) or a kramdown `{: #id}` on the line after.
pub(super) fn has_explicit_id(raw: &str) -> bool {
    raw.trim_end().ends_with('}') && raw.contains("{#")
}
