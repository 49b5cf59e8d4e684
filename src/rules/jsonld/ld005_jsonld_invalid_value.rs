//! LD005 jsonld-invalid-value (rules/LD005.md).
//!
//! JSON-LD values in a form Google does not accept: dates that are not ISO 8601 (as a
//! warning, date-times without a time zone; as advice, a date without a time); `author` as
//! a plain string instead of a Person or Organization; several people in one `author.name`;
//! `url`, `image`, `logo` values that are not absolute http(s) URLs; `dateModified` before
//! `datePublished`.

use super::*;

pub(super) const DATE_PROPERTIES: &[&str] = &["datePublished", "dateModified", "dateCreated", "uploadDate"];

pub(super) const URL_PROPERTIES: &[&str] =
    &["url", "image", "logo", "thumbnailUrl", "contentUrl", "sameAs", "mainEntityOfPage"];

/// LD005 jsonld-invalid-value.
pub struct InvalidValue {
    max_headline: usize,
}

impl InvalidValue {
    pub fn new(options: &Options) -> Self {
        InvalidValue { max_headline: options.int("max-headline").max(0) as usize }
    }

    fn walk(&self, block: &JsonLdBlock, node: &JsonNode, out: &mut Reporter) {
        match &node.value {
            JsonValue::Object(members) => {
                for member in members {
                    if !block.is_templated(&member.value.span) {
                        self.check_member(node, member, out);
                    }
                    self.walk(block, &member.value, out);
                }
                self.check_dates_order(block, node, out);
            }
            JsonValue::Array(items) => items.iter().for_each(|item| self.walk(block, item, out)),
            _ => {}
        }
    }

    fn check_member(&self, parent: &JsonNode, member: &JsonMember, out: &mut Reporter) {
        let value = &member.value;
        match member.key.as_str() {
            "headline" => {
                if let Some(text) = value.as_str() {
                    let chars = text.chars().count();
                    // Google dropped its 110-character limit in 2023; 0 (the default) is off.
                    if self.max_headline > 0 && chars > self.max_headline {
                        out.push(
                            Diagnostic::new(
                                value.span.clone(),
                                format!(
                                    "`headline` is {chars} characters, over the site's limit of {}",
                                    self.max_headline
                                ),
                            )
                            .help("shorten the headline"),
                        );
                    }
                }
            }
            key if DATE_PROPERTIES.contains(&key) => {
                let Some(text) = value.as_str() else { return };
                match dates::parse_datetime(text) {
                    Err(_) => out.push(
                        Diagnostic::new(value.span.clone(), format!("`{key}` {} is not an ISO 8601 date", quote(text)))
                            .help("write `2026-01-12T09:00:00+09:00`"),
                    ),
                    Ok(date) if date.seconds.is_none() => out.push(
                        Diagnostic::new(value.span.clone(), format!("`{key}` is a date without a time"))
                            .help(format!(
                                "add a time and a time zone (`{}T09:00:00+09:00`); Google recommends both",
                                text.trim()
                            ))
                            .severity(Severity::Info),
                    ),
                    Ok(date) if date.offset_minutes.is_none() => out.push(
                        Diagnostic::new(value.span.clone(), format!("`{key}` has no time zone"))
                            .help("add the offset (`+09:00` or `Z`); Google otherwise assumes the page's time zone, or none")
                            .severity(Severity::Warning),
                    ),
                    Ok(_) => {}
                }
            }
            "author" | "creator" => match &value.value {
                JsonValue::String(name) => out.push(
                    Diagnostic::new(
                        value.span.clone(),
                        format!("`{}` is the plain string {}, not a Person or Organization", member.key, quote(name)),
                    )
                    .help(format!(
                        "write `{{\"@type\": \"Person\", \"name\": {}, \"url\": \"…\"}}`",
                        serde_json::Value::String(name.clone())
                    )),
                ),
                JsonValue::Object(_) => {
                    if let Some(name) = value.get("name").and_then(|n| n.as_str().map(|t| (t, n)))
                        && several_people(name.0)
                    {
                        out.push(
                            Diagnostic::new(
                                name.1.span.clone(),
                                format!("`{}.name` {} names several people", member.key, quote(name.0)),
                            )
                            .help("give each person their own object in an `author` array"),
                        );
                    }
                }
                _ => {}
            },
            key if URL_PROPERTIES.contains(&key) => {
                let urls: Vec<&JsonNode> = match &value.value {
                    JsonValue::String(_) => vec![value],
                    JsonValue::Array(items) => items.iter().filter(|i| i.as_str().is_some()).collect(),
                    _ => Vec::new(),
                };
                for url in urls {
                    let text = url.as_str().unwrap_or("");
                    let lower = text.to_ascii_lowercase();
                    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                        out.push(
                            Diagnostic::new(url.span.clone(), format!("`{key}` {} is not an absolute http(s) URL", quote(text)))
                                .help("write the full URL with the site's domain; structured data is read out of the page's context"),
                        );
                    }
                }
                let _ = parent;
            }
            _ => {}
        }
    }

    fn check_dates_order(&self, block: &JsonLdBlock, node: &JsonNode, out: &mut Reporter) {
        let parse = |key: &str| {
            let value = node.get(key)?;
            if block.is_templated(&value.span) {
                return None;
            }
            dates::parse_datetime(value.as_str()?).ok().map(|d| (d, value))
        };
        if let (Some((published, published_node)), Some((modified, modified_node))) =
            (parse("datePublished"), parse("dateModified"))
            && earlier(&modified, &published)
        {
            out.push(
                Diagnostic::new(modified_node.span.clone(), "`dateModified` is before `datePublished`")
                    .label(published_node.span.clone(), "published here")
                    .help("fix the dates; a page cannot be modified before it is published"),
            );
        }
    }
}

pub(super) fn earlier(a: &DateTime, b: &DateTime) -> bool {
    if a.seconds.is_some() && b.seconds.is_some() { a.instant() < b.instant() } else { a.date < b.date }
}

pub(super) fn several_people(name: &str) -> bool {
    [",", "、", "，", " and ", " & ", "・", " / ", "；", ";"].iter().any(|sep| name.contains(sep))
}

impl Rule for InvalidValue {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for block in &ctx.doc.jsonld {
            if let Ok(root) = &block.parsed {
                self.walk(block, root, out);
            }
        }
    }
}
