//! KW002 stale-year-in-metadata (rules/KW002.md).
//!
//! A year other than the post's canonical year in `tags`, `categories`, `keywords`,
//! `seo_keywords`, `description`, `slug`, `permalink`, the file name's slug or the front
//! matter image's `alt`.

use super::*;

/// KW002 stale-year-in-metadata.
pub struct StaleYearInMetadata {
    rules: YearRules,
}

impl StaleYearInMetadata {
    pub fn new(_options: &Options, shared: &SharedOptions) -> Self {
        StaleYearInMetadata { rules: YearRules::from_shared(shared) }
    }
}

pub(super) const METADATA_SCALARS: &[&str] = &["description", "slug", "permalink"];

impl Rule for StaleYearInMetadata {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(canonical) = canonical_year(ctx, &self.rules) else { return };
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        let mut found = Vec::new();
        for entry in front_matter.entries() {
            let key = entry.key.as_str();
            if LIST_KEYS.contains(&key) {
                for (item, text, range) in keyword_items(&entry.value) {
                    self.check_value(ctx, canonical, key, item, (text, range.start), &mut found);
                }
            } else if METADATA_SCALARS.contains(&key) {
                let Some(text) = entry.value.as_str() else { continue };
                self.check_value(ctx, canonical, key, &entry.value, (text, 0), &mut found);
            } else if key == "image"
                && let Some(alt) = entry.value.get("alt")
                && let Some(text) = alt.as_str()
            {
                self.check_value(ctx, canonical, "image.alt", alt, (text, 0), &mut found);
            }
        }
        // One diagnostic per stale phrase: the same item in `tags` and `seo_keywords` (or
        // written once with a space and once without) is one mistake pasted twice; the
        // other places are labels, and its fix rewrites them all (the listed edits are
        // what `--fix` does, not just its first pass).
        let mut merged: Vec<(String, Diagnostic)> = Vec::new();
        for (text, diagnostic) in found {
            let folded = fold_without_spaces(&text);
            match merged.iter_mut().find(|(seen, _)| *seen == folded) {
                Some((_, first)) => {
                    first.labels.push(crate::diagnostic::Label {
                        span: diagnostic.span,
                        message: "the same stale item again".into(),
                    });
                    if let (Some(fix), Some(again)) = (first.fix.as_mut(), diagnostic.fix) {
                        fix.edits.extend(again.edits);
                    }
                }
                None => merged.push((folded, diagnostic)),
            }
        }
        for (_, diagnostic) in merged {
            out.push(diagnostic);
        }
        let name = ctx.doc.file_name();
        let slug = crate::text::dates::strip_filename_date(name);
        for found in find_years(slug) {
            if self.rules.is_stale(canonical.year, slug, &found) {
                let span = ctx.doc.lines.line_span(ctx.doc.source, 0);
                out.push(
                    Diagnostic::new(
                        span,
                        format!("file name slug says {}, expected {} ({})", found.year, canonical.year, canonical.why),
                    )
                    .help("rename the file (and redirect the old URL), or drop the year from the slug"),
                );
            }
        }
    }
}

impl StaleYearInMetadata {
    /// Reports the stale years of one value: an item of a keyword list (read as metadata)
    /// or a scalar such as `description` (read as prose). `text` starts at byte `offset`
    /// of the scalar `node` (an item of `keywords: "a, b 2025"` is a part of it).
    fn check_value(
        &self,
        ctx: &Context<'_>,
        canonical: &Canonical,
        key: &str,
        node: &Node,
        (text, offset): (&str, usize),
        out: &mut Vec<(String, Diagnostic)>,
    ) {
        let in_list = LIST_KEYS.contains(&key);
        for found in find_years(text) {
            let stale = if in_list {
                self.rules.is_stale_item(ctx, canonical, text, &found)
            } else {
                self.rules.is_stale(canonical.year, text, &found)
            };
            if !stale {
                continue;
            }
            let in_node = offset + found.span.start..offset + found.span.end;
            let (span, fix) = match scalar_span(ctx.doc.source, node, &in_node) {
                Some(span) => {
                    (span.clone(), Some(Fix::unsafe_edits(vec![Edit::replace(span, canonical.year.to_string())])))
                }
                None => (node.span.clone(), None),
            };
            // An item is quoted whole; a longer text by the words around the year, on one
            // line as readers see it.
            let (what, shown) = if in_list { ("item ", text.to_string()) } else { ("", excerpt(text, &found.span)) };
            let mut diagnostic = Diagnostic::new(
                span,
                format!(
                    "`{key}` {what}{} says {}, expected {} ({})",
                    quote(&shown),
                    found.year,
                    canonical.year,
                    canonical.why
                ),
            )
            .help("update the year, or remove it if the item is not about a year");
            if let Some(fix) = fix {
                diagnostic = diagnostic.fix(fix);
            }
            out.push((text.to_string(), diagnostic));
        }
    }
}
