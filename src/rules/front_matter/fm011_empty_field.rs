//! FM011 empty-field (rules/FM011.md).
//!
//! A front matter key that themes and SEO plugins show or read (`title`, `description`,
//! `excerpt`, dates, `tags`, `categories`, `keywords`, `author`, `permalink`, `slug`,
//! `canonical_url`, `lang`) present with an empty, null or whitespace-only value, and empty
//! items in any list.

use super::*;

/// FM011 empty-field.
pub struct EmptyField;

/// Keys whose value themes and SEO plugins print or read (title, meta description,
/// social image, dates, tags). An empty key of any other kind (`translator:`,
/// `comments:`) is a template's placeholder that renders nothing.
pub(super) const SHOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "excerpt",
    "summary",
    "date",
    "lastmod",
    "last_modified_at",
    "updated",
    "tags",
    "categories",
    "category",
    "keywords",
    "seo_keywords",
    "author",
    "authors",
    "permalink",
    "slug",
    "canonical_url",
    "canonical",
    "lang",
];

impl Rule for EmptyField {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for entry in front_matter.entries() {
            // An empty list key (`tags:`) means "no tags" to every generator.
            let shown = SHOWN_KEYS.contains(&entry.key.as_str()) && !LIST_KEYS.contains(&entry.key.as_str());
            let empty = shown
                && match &entry.value.value {
                    Value::Null => true,
                    Value::String(text) => text.trim().is_empty(),
                    _ => false,
                };
            if empty {
                out.push(
                    Diagnostic::new(
                        entry.key_span.start..entry.value.span.end.max(entry.key_span.end),
                        format!("`{}` is present but empty", entry.key),
                    )
                    .help("give it a value or remove the key; themes print empty values as blank tags and meta"),
                );
            }
            for item in entry.value.items() {
                if item.is_null() || item.as_str().is_some_and(|t| t.trim().is_empty()) {
                    out.push(
                        Diagnostic::new(
                            widen(ctx.doc.source, item.span.clone()),
                            format!("`{}` has an empty item", entry.key),
                        )
                        .help("remove the empty item"),
                    );
                }
            }
        }
    }
}

pub(super) fn widen(source: &str, span: Span) -> Span {
    if span.is_empty() && span.start < source.len() {
        span.start..span.start + source[span.start..].chars().next().map_or(0, char::len_utf8)
    } else {
        span
    }
}
