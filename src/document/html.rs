//! Just enough HTML reading for blog posts: tags with their attributes, in byte spans.

use crate::text::lines::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: String,
    pub value: Option<String>,
    /// The value's text without its quotes (the name's span when there is no value).
    pub value_span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    /// From `<` to `>` inclusive.
    pub span: Span,
    pub attributes: Vec<Attribute>,
}

impl Tag {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|attribute| attribute.name == name)
    }
}

const MAX_TAG_LEN: usize = 256 * 1024;

/// Every opening tag in `text[range]` whose name is in `names` (lower case).
pub fn find_tags(text: &str, range: Span, names: &[&str], out: &mut Vec<Tag>) {
    each_tag(text, range, names, &mut |tag| out.push(tag));
}

/// [`find_tags`], handing each tag to `found` as it is read, so a caller that keeps
/// something smaller than the tag never holds every tag at once.
pub fn each_tag(text: &str, range: Span, names: &[&str], found: &mut dyn FnMut(Tag)) {
    let bytes = text.as_bytes();
    let mut cursor = range.start;
    let mut next_close: Option<usize> = None;
    while let Some(i) = memchr::memchr(b'<', &bytes[cursor..range.end]) {
        let open = cursor + i;
        cursor = open + 1;
        if bytes[open..range.end].starts_with(b"<!--") {
            // Comments never hold tags; skip to their end.
            cursor = memchr::memmem::find(&bytes[open..range.end], b"-->").map_or(range.end, |j| open + j + 3);
            continue;
        }
        let name_end =
            bytes[cursor..range.end].iter().position(|b| !b.is_ascii_alphanumeric()).map_or(range.end, |j| cursor + j);
        if name_end == cursor {
            continue;
        }
        let name = text[cursor..name_end].to_ascii_lowercase();
        if !names.contains(&name.as_str()) {
            continue;
        }
        // The next `>`, searched once and reused while it lies ahead: each byte is read
        // once however many tags are left open before it.
        let close = match next_close {
            Some(close) if close >= name_end => close,
            _ => match crate::work::find(&bytes[name_end..range.end], b">") {
                Some(i) => name_end + i,
                None => break,
            },
        };
        next_close = Some(close);
        // A tag longer than this is not one; the cap keeps hostile input linear enough.
        let limit = range.end.min(open + MAX_TAG_LEN);
        let parsed = parse_attributes(text, open, name_end, limit, name);
        crate::work::scanned(parsed.as_ref().map_or_else(|stopped| *stopped, |tag| tag.span.end) - name_end);
        match parsed {
            Ok(tag) => {
                cursor = tag.span.end;
                found(tag);
            }
            // A browser reads what follows an unfinished tag (no `>`, or a quote never
            // closed, within the cap) as more of that tag: no tag starts inside it.
            Err(stopped) => cursor = cursor.max(stopped),
        }
    }
}

/// The tag's attributes up to its `>`, or the offset where reading stopped: at `limit`,
/// or at the end of a quoted value that never closes before it.
fn parse_attributes(text: &str, open: usize, mut pos: usize, limit: usize, name: String) -> Result<Tag, usize> {
    let bytes = text.as_bytes();
    let mut attributes = Vec::new();
    loop {
        while pos < limit && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= limit {
            return Err(limit);
        }
        match bytes[pos] {
            b'>' => {
                return Ok(Tag { name, span: open..pos + 1, attributes });
            }
            b'/' => {
                pos += 1;
                continue;
            }
            _ => {}
        }
        let name_start = pos;
        while pos < limit && !matches!(bytes[pos], b'=' | b'>' | b'/') && !bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let attribute_name = text[name_start..pos].to_ascii_lowercase();
        while pos < limit && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos < limit && bytes[pos] == b'=' {
            pos += 1;
            while pos < limit && bytes[pos].is_ascii_whitespace() {
                pos += 1;
            }
            let (value_span, next) = match bytes.get(pos).filter(|_| pos < limit) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = memchr::memchr(quote, &bytes[pos + 1..limit]).ok_or(limit)? + pos + 1;
                    (pos + 1..end, end + 1)
                }
                _ => {
                    let start = pos;
                    while pos < limit && !bytes[pos].is_ascii_whitespace() && bytes[pos] != b'>' {
                        pos += 1;
                    }
                    (start..pos, pos)
                }
            };
            attributes.push(Attribute {
                name: attribute_name,
                value: Some(decode_entities(&text[value_span.clone()])),
                value_span,
            });
            pos = next;
        } else {
            attributes.push(Attribute { name: attribute_name, value: None, value_span: name_start..pos });
        }
    }
}

/// The entities that show up in attribute values, headings and titles: markup's own
/// and the typographer's (curly quotes, dashes, the ellipsis).
pub fn decode_entities(text: &str) -> String {
    const NAMED: &[(&str, &str)] = &[
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&apos;", "'"),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&nbsp;", " "),
        ("&ldquo;", "“"),
        ("&rdquo;", "”"),
        ("&lsquo;", "‘"),
        ("&rsquo;", "’"),
        ("&mdash;", "—"),
        ("&ndash;", "–"),
        ("&hellip;", "…"),
    ];
    if !text.contains('&') {
        return text.to_string();
    }
    let mut named = text.to_string();
    for (entity, character) in NAMED {
        if named.contains(entity) {
            named = named.replace(entity, character);
        }
    }
    // Numeric references (`&#x2F;`, `&#47;`), as a browser decodes them in attributes.
    let mut out = String::with_capacity(named.len());
    let mut rest = named.as_str();
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let (digits, radix) = match after.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (after, 10),
        };
        let length = digits.chars().take_while(|c| c.is_digit(radix)).count();
        let decoded = (length > 0 && digits[length..].starts_with(';'))
            .then(|| u32::from_str_radix(&digits[..length], radix).ok().and_then(char::from_u32))
            .flatten();
        match decoded {
            Some(ch) => {
                out.push(ch);
                rest = &digits[length + 1..];
            }
            None => {
                out.push_str("&#");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
}

/// Text inside an element with tags removed: `<h2>Hi <em>there</em></h2>` → `Hi there`.
pub fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    decode_entities(out.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_img_with_attribute_spans() {
        let text = r#"<p><img src="/a.png" alt='A cat' hidden></p>"#;
        let mut tags = Vec::new();
        find_tags(text, 0..text.len(), &["img"], &mut tags);
        assert_eq!(tags.len(), 1);
        let src = tags[0].attribute("src").unwrap();
        assert_eq!(&text[src.value_span.clone()], "/a.png");
        assert_eq!(tags[0].attribute("alt").unwrap().value.as_deref(), Some("A cat"));
        assert!(tags[0].attribute("hidden").unwrap().value.is_none());
    }

    #[test]
    fn ignores_comments_and_unclosed_tags() {
        let text = "<!-- <img src=x> --><img src=y";
        let mut tags = Vec::new();
        find_tags(text, 0..text.len(), &["img"], &mut tags);
        assert!(tags.is_empty());
    }
}
