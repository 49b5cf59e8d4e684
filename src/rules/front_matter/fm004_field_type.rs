//! FM004 field-type (rules/FM004.md).
//!
//! A front matter key whose value has a type that every consumer of the key reads wrong:
//! `title`, `description`, `layout`, `permalink`, `slug`, `lang` and `locale` that are a
//! list or a mapping; a date key that is not a date; `tags`, `categories`, `keywords` and
//! `seo_keywords` that are a mapping, or hold lists or mappings; `published` quoted as
//! the string `"false"` / `"no"`. Keys whose reader is a theme or a plugin postlint does
//! not model (`comments`, `toc`, `featured`, `sitemap`, `image`, `author` …) are not typed:
//! their expected type is the theme's, and a guess fails sites that build correctly.
//! Plain `yes`/`no`/`on`/`off`, which YAML 1.1 readers (Jekyll) take for booleans and YAML
//! 1.2 readers for strings, are FM012's: one defect, one report.

use super::*;

/// Keys every generator and theme reads as text: a list or a mapping prints as `[…]` or
/// breaks the build. Numbers and booleans print as themselves, so they are not reported.
const TEXT_KEYS: &[(&str, &str)] = &[
    ("title", "every generator and SEO plugin prints `title` as text"),
    ("description", "themes and SEO plugins print `description` as text in the meta description"),
    ("layout", "the generator reads `layout` as the name of a template"),
    ("permalink", "the generator reads `permalink` as a URL path"),
    ("slug", "the generator reads `slug` as a URL segment"),
    ("lang", "themes and SEO plugins read `lang` as a language tag"),
    ("locale", "themes and SEO plugins read `locale` as a language tag"),
];

/// FM004 field-type.
pub struct FieldType;

impl Rule for FieldType {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for entry in front_matter.entries() {
            let key = entry.key.as_str();
            let node = &entry.value;
            if node.is_null() || matches!(node.value, Value::Alias) {
                continue;
            }
            if key == "permalink" && matches!(node.value, Value::Bool(false)) {
                // Eleventy: `permalink: false` writes no file.
                continue;
            }
            if let Some((_, reader)) = TEXT_KEYS.iter().find(|(k, _)| *k == key) {
                if matches!(node.value, Value::Seq(_) | Value::Map(_)) {
                    out.push(type_error(key, node, "text", reader).help("write it as a single string"));
                }
            } else if LIST_KEYS.contains(&key) {
                check_terms(key, node, out);
            } else if DATE_KEYS.contains(&key) {
                // A mapping of named dates where the generator reads one (`created: …`).
                let named_dates = matches!(node.value, Value::Map(_))
                    && ctx.site.date_mapping(key).is_some_and(|publish| node.get(publish).is_some());
                if !named_dates && !matches!(node.value, Value::String(_) | Value::Datetime(_)) {
                    let reader = format!("generators, feeds and sitemaps read `{key}` as a date");
                    out.push(
                        type_error(key, node, "a date", &reader)
                            .help("write it as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS +0900`"),
                    );
                }
            } else if key == "published" {
                check_published(node, out);
            }
        }
    }
}

/// `` `key` should be EXPECTED, found …: READER ``.
fn type_error(key: &str, node: &Node, expected: &str, reader: &str) -> Diagnostic {
    let found = match &node.value {
        Value::String(text) => format!("the string {}", quote(text)),
        Value::Integer(_) => "an integer".to_string(),
        Value::Alias => "an alias".to_string(),
        _ => format!("a {}", node.type_name()),
    };
    Diagnostic::new(node.span.clone(), format!("`{key}` should be {expected}, found {found}: {reader}"))
}

/// Tags, categories and keywords: one term (a string; Jekyll splits `tags: a b` on
/// spaces, and themes print `keywords: "a, b"` as it is) or a list of terms. A mapping,
/// or a list or mapping inside the list, is no term to anyone.
fn check_terms(key: &str, node: &Node, out: &mut Reporter) {
    let reader = format!("generators and themes read `{key}` as a list of terms");
    match &node.value {
        Value::Seq(items) => {
            for item in items.iter().filter(|item| matches!(item.value, Value::Seq(_) | Value::Map(_))) {
                out.push(
                    Diagnostic::new(
                        item.span.clone(),
                        format!("`{key}` item should be a term, found a {}: {reader}", item.type_name()),
                    )
                    .help("write the item as a string"),
                );
            }
        }
        Value::Map(_) => out.push(type_error(key, node, "a list of terms", &reader).help("write a list: `[a, b]`")),
        _ => {}
    }
}

/// `published: "false"`: the quotes make the flag text. Jekyll leaves a post out only for
/// the boolean `false`, and generators that read `published` as a date cannot read it
/// either. Plain `published: no` is FM012's (YAML 1.1 reads it as `false`).
fn check_published(node: &Node, out: &mut Reporter) {
    let Value::String(text) = &node.value else { return };
    if node.style == Style::Plain || !matches!(text.trim().to_ascii_lowercase().as_str(), "false" | "no" | "off") {
        return;
    }
    out.push(
        type_error(
            "published",
            node,
            "the boolean `false`",
            "a post is left unpublished only by the boolean, and any string counts as published",
        )
        .help("write `false` without quotes"),
    );
}
