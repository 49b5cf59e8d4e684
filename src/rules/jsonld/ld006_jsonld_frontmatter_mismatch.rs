//! LD006 jsonld-frontmatter-mismatch (rules/LD006.md).
//!
//! A JSON-LD Article that disagrees with the post's front matter: `headline` vs `title`,
//! `datePublished` vs `date` (compared as instants), `dateModified` vs
//! `last_modified_at`/`lastmod`, `image` vs `image`, `description` vs `description`,
//! `author.name` vs `author`.

use super::*;

/// LD006 jsonld-frontmatter-mismatch.
pub struct FrontMatterMismatch;

/// The ISO 8601 form of a front matter date, for the JSON-LD fix.
pub(super) fn iso(date: &DateTime) -> String {
    let mut text = date.date.to_string();
    if let Some(seconds) = date.seconds {
        text.push_str(&format!("T{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60));
        if let Some(offset) = date.offset_minutes {
            if offset == 0 {
                text.push('Z');
            } else {
                let sign = if offset < 0 { '-' } else { '+' };
                text.push_str(&format!("{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60));
            }
        }
    }
    text
}

impl FrontMatterMismatch {
    #[allow(clippy::too_many_arguments)]
    fn mismatch(
        &self,
        ctx: &Context<'_>,
        block: &JsonLdBlock,
        property: &str,
        json: &JsonNode,
        key: &str,
        front: &Node,
        replacement: Option<String>,
        out: &mut Reporter,
    ) {
        if block.is_templated(&json.span) {
            return;
        }
        let json_text = json.as_str().unwrap_or("");
        let front_text = front.scalar_text().unwrap_or_default();
        let line = ctx.doc.lines.line_of(front.span.start) + 1;
        let mut diagnostic = Diagnostic::new(
            json.span.clone(),
            format!(
                "JSON-LD `{property}` is {} but front matter `{key}` (line {line}) is {}",
                quote(json_text),
                quote(&front_text)
            ),
        )
        .label(front.span.clone(), format!("front matter `{key}`"))
        .help("make them agree; the front matter is what the page shows");
        if let Some(value) = replacement {
            let encoded = serde_json::Value::String(value).to_string();
            diagnostic = diagnostic.fix(Fix::safe(vec![Edit::replace(json.span.clone(), encoded)]));
        }
        out.push(diagnostic);
    }
}

impl Rule for FrontMatterMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for (block, article) in articles(ctx) {
            let string_pairs = [("headline", "title"), ("description", "description")];
            for (property, key) in string_pairs {
                let (Some(json), Some(front)) = (article.get(property), front_matter.get(key)) else { continue };
                let (Some(a), Some(b)) = (json.as_str(), front.as_str()) else { continue };
                if fold(a) != fold(b) {
                    self.mismatch(ctx, block, property, json, key, front, Some(b.to_string()), out);
                }
            }
            if let (Some(json), Some((key, entry))) =
                (article.get("author").and_then(|a| a.get("name")), front_matter.first_of(&["author"]))
            {
                let front_name = entry.value.as_str().or_else(|| entry.value.get("name").and_then(Node::as_str));
                if let (Some(a), Some(b)) = (json.as_str(), front_name)
                    && fold(a) != fold(b)
                {
                    let front = entry.value.get("name").unwrap_or(&entry.value);
                    self.mismatch(ctx, block, "author.name", json, key, front, Some(b.to_string()), out);
                }
            }
            let date_pairs: [(&str, &[&str]); 2] =
                [("datePublished", &["date", "publishDate", "pubDate"]), ("dateModified", LASTMOD_KEYS)];
            for (property, keys) in date_pairs {
                let Some(json) = article.get(property) else { continue };
                let Some((key, entry)) = front_matter.first_of(keys) else { continue };
                let (Some(Ok(json_date)), Some(Ok(front_date))) =
                    (json.as_str().map(dates::parse_datetime), parse_date_node(&entry.value))
                else {
                    continue;
                };
                let differ = if json_date.seconds.is_some() && front_date.seconds.is_some() {
                    json_date.instant() != front_date.instant()
                } else {
                    json_date.date != front_date.date
                };
                if differ {
                    self.mismatch(ctx, block, property, json, key, &entry.value, Some(iso(&front_date)), out);
                }
            }
            if let (Some(json), Some(front)) = (article.get("image"), front_matter.get("image")) {
                let front_url = front.as_str().or_else(|| front.get("path").and_then(Node::as_str));
                let json_url = json.as_str().or_else(|| json.get("url").and_then(JsonNode::as_str)).or_else(|| {
                    match &json.value {
                        JsonValue::Array(items) => items.first().and_then(JsonNode::as_str),
                        _ => None,
                    }
                });
                if let (Some(a), Some(b)) = (json_url, front_url) {
                    let same = a == b || (!b.contains("://") && a.ends_with(b));
                    if !same {
                        let node = if json.as_str().is_some() { json } else { json.get("url").unwrap_or(json) };
                        let front_node = front.get("path").unwrap_or(front);
                        let replacement = (b.contains("://") && node.as_str().is_some()).then(|| b.to_string());
                        self.mismatch(ctx, block, "image", node, "image", front_node, replacement, out);
                    }
                }
            }
        }
    }
}
