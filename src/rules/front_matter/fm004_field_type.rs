//! FM004 field-type (rules/FM004.md).
//!
//! A well-known front matter key whose value has the wrong type: `title` and `description`
//! must be strings, `author` a string, a mapping with `name` or a list of them; `tags`,
//! `categories`, `keywords` and `seo_keywords` lists of strings (on Jekyll `tags` and
//! `categories` may be one space-separated string); dates dates; `draft`, `published` and
//! `featured` booleans; `image` a URL or a mapping with `path`.

use super::*;

pub(super) const STRING_KEYS: &[&str] =
    &["title", "description", "author", "slug", "permalink", "layout", "lang", "locale"];

pub(super) const BOOL_KEYS: &[&str] = &["draft", "published", "featured", "sitemap", "comments", "toc"];

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
            if STRING_KEYS.contains(&key) {
                check_string(key, node, out);
            } else if LIST_KEYS.contains(&key) {
                // Jekyll documents `tags: a b` and `categories: a b` as lists written as
                // one string, split on spaces; elsewhere a string is one term.
                let split_on_spaces = ctx.site.splits_list_on_spaces(key);
                check_list(key, node, split_on_spaces, out);
            } else if DATE_KEYS.contains(&key) {
                // A mapping of named dates where the generator reads one (`created: …`).
                let named_dates = matches!(node.value, Value::Map(_))
                    && ctx.site.date_mapping(key).is_some_and(|publish| node.get(publish).is_some());
                if !named_dates && !matches!(node.value, Value::String(_) | Value::Datetime(_)) {
                    out.push(type_error(
                        key,
                        node,
                        "a date",
                        "write it as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS +0900`",
                    ));
                }
            } else if BOOL_KEYS.contains(&key) {
                if !matches!(node.value, Value::Bool(_)) {
                    let help = match node.as_str() {
                        Some(text)
                            if matches!(
                                text.to_ascii_lowercase().as_str(),
                                "yes" | "no" | "on" | "off" | "true" | "false"
                            ) =>
                        {
                            format!(
                                "write `{}` without quotes",
                                if matches!(text.to_ascii_lowercase().as_str(), "yes" | "on" | "true") {
                                    "true"
                                } else {
                                    "false"
                                }
                            )
                        }
                        _ => "write `true` or `false`".into(),
                    };
                    out.push(type_error(key, node, "a boolean", &help));
                }
            } else if key == "image" {
                check_image(node, out);
            }
        }
    }
}

pub(super) fn type_error(key: &str, node: &Node, expected: &str, help: &str) -> Diagnostic {
    let found = match (&node.value, node.style) {
        (Value::String(text), _) => format!("the string {}", quote(text)),
        _ => format!("a {}", node.type_name()),
    };
    Diagnostic::new(node.span.clone(), format!("`{key}` should be {expected}, found {found}")).help(help.to_string())
}

pub(super) fn check_string(key: &str, node: &Node, out: &mut Reporter) {
    // Hugo themes (PaperMod: `author: ["Spring", "You"]`) and jekyll-seo-tag read a list
    // of authors too, and jekyll-seo-tag a mapping with a name.
    let is_person =
        |n: &Node| matches!(n.value, Value::String(_)) || (matches!(n.value, Value::Map(_)) && n.get("name").is_some());
    if key == "author"
        && (is_person(node)
            || matches!(&node.value, Value::Seq(items) if !items.is_empty() && items.iter().all(is_person)))
    {
        return;
    }
    if !matches!(node.value, Value::String(_)) {
        let help = match node.value {
            Value::Seq(_) if key == "author" => "give each author as a string (or a mapping with `name`)".to_string(),
            Value::Integer(_) | Value::Float(_) | Value::Bool(_) => "quote the value".to_string(),
            _ => "write it as a single string".to_string(),
        };
        out.push(type_error(key, node, "a string", &help));
    }
}

pub(super) fn check_list(key: &str, node: &Node, split_on_spaces: bool, out: &mut Reporter) {
    match &node.value {
        Value::Seq(items) => {
            for item in items {
                if !matches!(item.value, Value::String(_)) && !item.is_null() {
                    out.push(
                        Diagnostic::new(
                            item.span.clone(),
                            format!("`{key}` item should be a string, found a {}", item.type_name()),
                        )
                        .help("quote the item"),
                    );
                }
            }
        }
        Value::String(text) if text.contains(' ') && !split_on_spaces => {
            out.push(type_error(key, node, "a list of strings", "").help(format!(
                "a string is one item, {}; if these are {} items, write a list: `[{}]`",
                quote(text.trim()),
                text.split_whitespace().count(),
                text.split_whitespace().collect::<Vec<_>>().join(", ")
            )))
        }
        Value::String(_) => {}
        _ => out.push(type_error(key, node, "a list of strings", "write a list: `[a, b]`")),
    }
}

pub(super) fn check_image(node: &Node, out: &mut Reporter) {
    match &node.value {
        Value::String(_) => {}
        Value::Map(_) if ["path", "url", "src"].iter().any(|k| node.get(k).is_some()) => {}
        Value::Map(_) => {
            out.push(type_error("image", node, "a URL or a mapping with `path`", "add `path:` with the image's URL"))
        }
        _ => out.push(type_error("image", node, "a URL or a mapping with `path`", "write the image's URL as a string")),
    }
}
