//! Image and link URLs as written: query splitting on the raw text (so spans are exact),
//! and the problems the `url` crate would silently rewrite.

use crate::text::lines::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam<'a> {
    pub key: &'a str,
    pub value: &'a str,
    /// `key=value` in the raw URL text (relative to the URL's start).
    pub span: Span,
    /// The same plus the separator after it (or before it, for the last one), for removal.
    pub removal: Span,
}

/// Splits the raw query of `url` on `&` (and `&amp;`, as written in HTML attributes).
pub fn query_params(url: &str) -> Vec<QueryParam<'_>> {
    let Some(question) = url.find('?') else { return Vec::new() };
    let end = url[question..].find('#').map_or(url.len(), |i| question + i);
    let mut params = Vec::new();
    let mut start = question + 1;
    while start <= end {
        let rest = &url[start..end];
        let (len, separator) = match rest.find('&') {
            Some(i) if rest[i..].starts_with("&amp;") => (i, 5),
            Some(i) => (i, 1),
            None => (rest.len(), 0),
        };
        let piece = &rest[..len];
        if !piece.is_empty() {
            let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
            params.push(QueryParam { key, value, span: start..start + len, removal: start..start + len + separator });
        }
        if separator == 0 {
            break;
        }
        start += len + separator;
    }
    // The last parameter has no separator after it: remove the one before it instead.
    if let Some(last) = params.last_mut()
        && last.removal.end == last.span.end
        && last.span.start > question + 1
    {
        let before = &url[..last.span.start];
        let separator = if before.ends_with("&amp;") { 5 } else { 1 };
        last.removal = last.span.start - separator..last.span.end;
    }
    params
}

pub fn is_remote(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

pub fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    !scheme.is_empty()
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// What is wrong with a URL as written, when a browser or the `url` crate would have to
/// guess or rewrite it.
pub fn url_problem(raw: &str) -> Option<String> {
    if raw.trim().is_empty() {
        return Some("image has no URL".to_string());
    }
    if raw.starts_with("data:") {
        return None;
    }
    if let Some(ch) = raw.chars().find(|c| c.is_whitespace()) {
        let what = if ch == ' ' { "a space".to_string() } else { format!("the white space {:?}", ch) };
        return Some(format!("URL contains {what}; encode it as `%20` or rename the file"));
    }
    if raw.contains('\\') {
        return Some("URL contains a backslash; use `/`".to_string());
    }
    let bytes = raw.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
        {
            return Some("URL has a `%` that is not followed by two hex digits (bad percent-encoding)".to_string());
        }
    }
    let lower = raw.to_ascii_lowercase();
    for scheme in ["http:", "https:"] {
        if lower.starts_with(scheme) && !lower[scheme.len()..].starts_with("//") {
            return Some(format!("`{scheme}` is not followed by `//`; browsers read this as a relative path"));
        }
    }
    if has_scheme(raw) {
        if let Err(error) = url::Url::parse(raw) {
            return Some(format!("URL does not parse: {error}"));
        }
    } else if let Err(error) = url::Url::parse("https://example.invalid/").and_then(|base| base.join(raw)) {
        return Some(format!("URL does not parse: {error}"));
    }
    None
}

/// The host of an absolute URL, lower-cased.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("//")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(rest[..end].to_ascii_lowercase())
}

/// Percent-decodes a path (invalid sequences are kept as written).
pub fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(value) = path.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(value);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_query_with_exact_spans() {
        let url = "https://x.test/a.jpg?q=80&w=1080&w=1200&h=630";
        let params = query_params(url);
        let keys: Vec<_> = params.iter().map(|p| p.key).collect();
        assert_eq!(keys, ["q", "w", "w", "h"]);
        assert_eq!(&url[params[2].span.clone()], "w=1200");
        assert_eq!(&url[params[1].removal.clone()], "w=1080&");
        assert_eq!(&url[params[3].removal.clone()], "&h=630");
    }

    #[test]
    fn html_ampersands() {
        let params = query_params("/a.png?w=1&amp;w=2");
        assert_eq!(params.len(), 2);
        assert_eq!(params[1].value, "2");
    }

    #[test]
    fn problems_the_url_crate_would_rewrite() {
        assert!(url_problem("/images/my photo.png").unwrap().contains("space"));
        assert!(url_problem("http:example.com/a.png").unwrap().contains("//"));
        assert!(url_problem("/a%zz.png").unwrap().contains("percent"));
        assert!(url_problem("C:\\img\\a.png").is_some());
        assert!(url_problem("https://example.com/a.png?w=1").is_none());
        assert!(url_problem("/画像/猫.png").is_none());
    }
}
