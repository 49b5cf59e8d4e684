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
        // Slug → the headings that had it, so 100,000 headings stay linear.
        let mut seen: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (index, heading) in headings.iter().enumerate() {
            // HTML and JSX headings get no generated id, and a heading with its own
            // `{#id}` does not take the slug.
            let raw = ctx.doc.text(&heading.span);
            let own_id = has_explicit_id(raw) || (slugger.reserves_explicit_ids() && slug::sets_own_id(raw));
            if heading.kind == HeadingKind::Html || own_id {
                continue;
            }
            let slug = slugger.slug(&heading.text);
            if slug.is_empty() {
                continue;
            }
            let earlier = seen.entry(slug.clone()).or_default();
            let count = earlier.len();
            // Under different parents a repeated subheading ("Details" per advisory, a
            // function listed under two imports) is how documents are written; two
            // siblings with the same text are what readers cannot tell apart.
            let same_text = |i: usize| fold(&headings[i].text) == fold(&heading.text);
            let first = if self.siblings_only {
                earlier.iter().copied().find(|&i| parents[i] == parents[index] && same_text(i))
            } else {
                earlier.first().copied()
            };
            earlier.push(index);
            if let Some(first) = first {
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
}

/// Whether a heading's source line sets its own id: `## Title {#id}` (Goldmark, Zola,
/// kramdown) or a kramdown `{: #id}` on the line after.
pub(super) fn has_explicit_id(raw: &str) -> bool {
    raw.trim_end().ends_with('}') && raw.contains("{#")
}
