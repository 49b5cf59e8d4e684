//! What rules of several families need to know about a post: its date keys and its
//! publish date (front matter first, then the file name, then Zola's `path`).

use super::Context;
use crate::document::tree::{Node, Style, Value};
use crate::text::dates::{self, DateError, DateTime};
use crate::text::lines::Span;

pub const DATE_KEYS: &[&str] = &[
    "date",
    "last_modified_at",
    "lastmod",
    "updated",
    "modified",
    "publishDate",
    "pubDate",
    "updatedDate",
    "expiryDate",
];

pub const LASTMOD_KEYS: &[&str] = &["last_modified_at", "lastmod", "updated", "modified", "updatedDate"];

pub const LIST_KEYS: &[&str] = &["tags", "categories", "keywords", "seo_keywords"];

/// A front matter date value, parsed (TOML date-times arrive already typed).
pub fn parse_date_node(node: &Node) -> Option<Result<DateTime, DateError>> {
    match &node.value {
        Value::String(text) | Value::Datetime(text) => Some(dates::parse_datetime(text)),
        _ => None,
    }
}

/// The post's publish date: front matter first, then the file name.
pub fn publish_date(ctx: &Context<'_>) -> Option<(DateTime, Option<Span>)> {
    let front_matter = ctx.doc.front_matter.as_ref();
    if let Some((_, entry)) = front_matter.and_then(|fm| fm.first_of(&["date", "publishDate", "pubDate"])) {
        // `date: {created: 2024-01-15, updated: …}` where the generator reads that.
        let node = match (&entry.value.value, ctx.site.date_mapping(&entry.key)) {
            (Value::Map(_), Some(publish)) => entry.value.get(publish),
            _ => Some(&entry.value),
        };
        if let Some(node) = node
            && let Some(Ok(date)) = parse_date_node(node)
        {
            return Some((date, Some(node.span.clone())));
        }
    }
    let undated = |date| (DateTime { date, seconds: None, offset_minutes: None }, None);
    if let Some(date) = dates::filename_date(ctx.doc.file_name()) {
        return Some(undated(date));
    }
    // Zola: a `path = "2014/12/12/title"` dates the page as its URL does.
    let path = ctx.doc.front_str("path").filter(|_| ctx.site.dates_pages_by_path_key())?;
    let mut parts = path.trim_start_matches('/').split('/');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let date = dates::Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    Some(undated(date))
}

/// Where a scalar's text starts in the file, when the file holds it verbatim (no escapes).
pub fn value_offset(source: &str, node: &Node) -> Option<usize> {
    let text = node.as_str()?;
    let raw = source.get(node.span.clone())?;
    let inner_start = match node.style {
        Style::Quoted => node.span.start + 1,
        _ => node.span.start,
    };
    let inner = source.get(inner_start..inner_start + text.len())?;
    (inner == text && raw.len() >= text.len()).then_some(inner_start)
}
