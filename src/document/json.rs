//! A strict JSON parser that keeps the byte span of every key and value.
//!
//! serde_json is strict but forgets positions; JSON-LD rules must point at the exact
//! key or value inside a block, in file coordinates, so we parse ourselves. Errors name
//! the mistakes people actually make in hand-written JSON-LD (trailing commas, comments,
//! single quotes, raw line breaks in strings).

use crate::text::lines::Span;

/// JSON-LD blocks nested deeper than this are rejected instead of risking the stack.
pub const MAX_DEPTH: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub enum JsonValue {
    Null,
    Bool(bool),
    /// Kept as written: JSON-LD numbers are compared as text.
    Number(String),
    String(String),
    Array(Vec<JsonNode>),
    Object(Vec<JsonMember>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonNode {
    pub span: Span,
    pub value: JsonValue,
}

#[derive(Debug, Clone, PartialEq)]
pub struct JsonMember {
    pub key: String,
    pub key_span: Span,
    pub value: JsonNode,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub span: Span,
    pub message: String,
}

impl JsonNode {
    pub fn get(&self, key: &str) -> Option<&JsonNode> {
        self.member(key).map(|member| &member.value)
    }

    pub fn member(&self, key: &str) -> Option<&JsonMember> {
        match &self.value {
            JsonValue::Object(members) => members.iter().rev().find(|member| member.key == key),
            _ => None,
        }
    }

    pub fn members(&self) -> &[JsonMember] {
        match &self.value {
            JsonValue::Object(members) => members,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            JsonValue::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn is_object(&self) -> bool {
        matches!(self.value, JsonValue::Object(_))
    }

    pub fn type_name(&self) -> &'static str {
        match &self.value {
            JsonValue::Null => "null",
            JsonValue::Bool(_) => "boolean",
            JsonValue::Number(_) => "number",
            JsonValue::String(_) => "string",
            JsonValue::Array(_) => "array",
            JsonValue::Object(_) => "object",
        }
    }
}

/// Parses one JSON value from the start of `text` (after white space), which begins at
/// byte `base` of the file, building at most `budget` values (see [`parse_within`]).
/// Returns the value and the file offset just past it.
pub fn parse_prefix_within(
    text: &str,
    base: usize,
    budget: &mut usize,
) -> Option<Result<(JsonNode, usize), JsonError>> {
    let mut parser = JsonParser::new(text, base, *budget);
    let result = parser.skip_space().and_then(|()| parser.value()).map(|node| (node, base + parser.pos));
    crate::work::scanned(parser.pos);
    crate::work::built(*budget - parser.budget);
    *budget = parser.budget;
    if parser.exhausted { None } else { Some(result) }
}

/// Parses `text` as exactly one JSON value with nothing but white space around it.
pub fn parse(text: &str, base: usize) -> Result<JsonNode, JsonError> {
    JsonParser::new(text, base, usize::MAX).document()
}

/// [`parse`], building at most `budget` values (taken off it): `None` when the text
/// holds more, so a post's JSON-LD cannot make postlint build without end.
pub fn parse_within(text: &str, base: usize, budget: &mut usize) -> Option<Result<JsonNode, JsonError>> {
    crate::work::scanned(text.len());
    let mut parser = JsonParser::new(text, base, *budget);
    let result = parser.document();
    crate::work::built(*budget - parser.budget);
    *budget = parser.budget;
    if parser.exhausted { None } else { Some(result) }
}

impl JsonParser<'_> {
    fn document(&mut self) -> Result<JsonNode, JsonError> {
        let parser = self;
        let text = parser.source;
        parser.skip_space()?;
        let node = parser.value()?;
        parser.skip_space()?;
        if parser.pos < text.len() {
            return Err(parser.error_here(match text.as_bytes()[parser.pos] {
                b'}' | b']' => {
                    format!("unexpected `{}` after the end of the JSON value", text.as_bytes()[parser.pos] as char)
                }
                b',' => "unexpected `,` after the end of the JSON value".to_string(),
                _ => "unexpected text after the end of the JSON value".to_string(),
            }));
        }
        Ok(node)
    }
}

struct JsonParser<'a> {
    text: &'a [u8],
    source: &'a str,
    pos: usize,
    base: usize,
    depth: usize,
    /// Values that may still be built.
    budget: usize,
    /// Whether parsing stopped because `budget` ran out.
    exhausted: bool,
}

impl<'a> JsonParser<'a> {
    fn new(text: &'a str, base: usize, budget: usize) -> JsonParser<'a> {
        JsonParser { text: text.as_bytes(), source: text, pos: 0, base, depth: 0, budget, exhausted: false }
    }
}

impl JsonParser<'_> {
    fn error_at(&self, start: usize, end: usize, message: impl Into<String>) -> JsonError {
        JsonError { span: self.base + start..self.base + end.max(start), message: message.into() }
    }

    fn error_here(&self, message: impl Into<String>) -> JsonError {
        let end = self.next_char_end();
        self.error_at(self.char_start(), end, message)
    }

    /// The start of the character `pos` is in: after a backslash the parser may stand
    /// inside a multi-byte character (`\𖫵`), and spans stay on character boundaries.
    fn char_start(&self) -> usize {
        let mut at = self.pos.min(self.source.len());
        while at > 0 && !self.source.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    fn next_char_end(&self) -> usize {
        let at = self.char_start();
        self.source[at..].chars().next().map_or(at, |c| at + c.len_utf8())
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_space(&mut self) -> Result<(), JsonError> {
        while let Some(byte) = self.peek() {
            match byte {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.text.get(self.pos + 1), Some(b'/') | Some(b'*')) => {
                    return Err(self.error_at(self.pos, self.pos + 2, "comments are not allowed in JSON"));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self) -> Result<JsonNode, JsonError> {
        if self.budget == 0 {
            self.exhausted = true;
            return Err(self.error_here("too many values"));
        }
        self.budget -= 1;
        let start = self.pos;
        let value = match self.peek() {
            None => return Err(self.error_here("unexpected end of the JSON block")),
            Some(b'{') => return self.object(),
            Some(b'[') => return self.array(),
            Some(b'"') => JsonValue::String(self.string()?),
            Some(b'\'') => {
                return Err(self.error_here("strings must use double quotes, not single quotes"));
            }
            Some(b't') => self.literal("true", JsonValue::Bool(true))?,
            Some(b'f') => self.literal("false", JsonValue::Bool(false))?,
            Some(b'n') => self.literal("null", JsonValue::Null)?,
            Some(b'-' | b'0'..=b'9') => JsonValue::Number(self.number()?),
            Some(b'}' | b']') => {
                return Err(
                    self.error_here(format!("unexpected `{}`: a value was expected", self.text[self.pos] as char))
                );
            }
            Some(_) => return Err(self.error_here("unexpected character: a value was expected")),
        };
        Ok(JsonNode { span: self.base + start..self.base + self.pos, value })
    }

    fn enter(&mut self) -> Result<(), JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn object(&mut self) -> Result<JsonNode, JsonError> {
        self.enter()?;
        let start = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_space()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(JsonNode { span: self.base + start..self.base + self.pos, value: JsonValue::Object(members) });
        }
        loop {
            self.skip_space()?;
            let key_start = self.pos;
            let key = match self.peek() {
                Some(b'"') => self.string()?,
                Some(b'\'') => {
                    return Err(self.error_here("keys must use double quotes, not single quotes"));
                }
                Some(b'}') => return Err(self.error_here("trailing comma before `}`")),
                None => {
                    return Err(self.error_here("unexpected end of the JSON block: `}` expected"));
                }
                Some(_) => return Err(self.error_here("a key in double quotes was expected")),
            };
            let key_span = self.base + key_start..self.base + self.pos;
            self.skip_space()?;
            if self.peek() != Some(b':') {
                return Err(self.error_here("`:` expected after the key"));
            }
            self.pos += 1;
            self.skip_space()?;
            let value = self.value()?;
            members.push(JsonMember { key, key_span, value });
            self.skip_space()?;
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_space()?;
                    if self.peek() == Some(b'}') {
                        return Err(self.error_at(comma, comma + 1, "trailing comma before `}`"));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    break;
                }
                Some(b'"') => return Err(self.error_here("`,` expected between members")),
                None => {
                    return Err(self.error_here("unexpected end of the JSON block: `}` expected"));
                }
                Some(_) => return Err(self.error_here("`,` or `}` expected")),
            }
        }
        self.depth -= 1;
        Ok(JsonNode { span: self.base + start..self.base + self.pos, value: JsonValue::Object(members) })
    }

    fn array(&mut self) -> Result<JsonNode, JsonError> {
        self.enter()?;
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(JsonNode { span: self.base + start..self.base + self.pos, value: JsonValue::Array(items) });
        }
        loop {
            self.skip_space()?;
            items.push(self.value()?);
            self.skip_space()?;
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_space()?;
                    if self.peek() == Some(b']') {
                        return Err(self.error_at(comma, comma + 1, "trailing comma before `]`"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    return Err(self.error_here("unexpected end of the JSON block: `]` expected"));
                }
                Some(_) => return Err(self.error_here("`,` or `]` expected")),
            }
        }
        self.depth -= 1;
        Ok(JsonNode { span: self.base + start..self.base + self.pos, value: JsonValue::Array(items) })
    }

    fn literal(&mut self, word: &str, value: JsonValue) -> Result<JsonValue, JsonError> {
        if self.text[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error_here("unexpected word: a value was expected (strings need double quotes)"))
        }
    }

    fn number(&mut self) -> Result<String, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        if self.pos == int_start || (self.text[int_start] == b'0' && self.pos - int_start > 1) {
            return Err(self.error_at(start, self.pos.max(start + 1), "invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            let frac = self.pos;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
            if frac == self.pos {
                return Err(self.error_at(start, self.pos, "invalid number: digits expected after `.`"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            let exp = self.pos;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
            if exp == self.pos {
                return Err(self.error_at(start, self.pos, "invalid number: digits expected in the exponent"));
            }
        }
        Ok(self.source[start..self.pos].to_string())
    }

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let Some(stop) = memchr::memchr3(b'"', b'\\', b'\n', rest).map(|i| self.pos + i) else {
                return Err(self.error_at(open, self.text.len(), "string is never closed"));
            };
            let chunk = &self.source[self.pos..stop];
            if let Some(control) = chunk.bytes().position(|b| b < 0x20) {
                return Err(self.error_at(
                    self.pos + control,
                    self.pos + control + 1,
                    "control character inside a string",
                ));
            }
            out.push_str(chunk);
            self.pos = stop;
            match self.text[stop] {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\n' => {
                    return Err(self.error_at(stop, stop + 1, "unescaped line break inside a string (write `\\n`)"));
                }
                _ => self.escape(&mut out)?,
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let start = self.pos;
        let Some(&kind) = self.text.get(self.pos + 1) else {
            return Err(self.error_at(start, start + 1, "string is never closed"));
        };
        self.pos += 2;
        let ch = match kind {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let high = self.hex4(start)?;
                // A high surrogate pairs only with a following `\uDC00`–`\uDFFF`; alone
                // (`"\ud800\u0041"`) it is U+FFFD and the next escape is read on its own.
                let resume = self.pos;
                if (0xD800..0xDC00).contains(&high) && self.text[self.pos..].starts_with(b"\\u") {
                    self.pos += 2;
                    match self.hex4(start) {
                        Ok(low) if (0xDC00..0xE000).contains(&low) => {
                            char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).unwrap_or('\u{FFFD}')
                        }
                        _ => {
                            self.pos = resume;
                            '\u{FFFD}'
                        }
                    }
                } else {
                    char::from_u32(high).unwrap_or('\u{FFFD}')
                }
            }
            _ => {
                let end = self.next_char_end().max(start + 2);
                return Err(self.error_at(start, end, "invalid escape in a string"));
            }
        };
        out.push(ch);
        Ok(())
    }

    fn hex4(&mut self, escape_start: usize) -> Result<u32, JsonError> {
        let digits = self.text.get(self.pos..self.pos + 4).and_then(|d| std::str::from_utf8(d).ok());
        match digits.and_then(|d| u32::from_str_radix(d, 16).ok()) {
            Some(value) => {
                self.pos += 4;
                Ok(value)
            }
            None => Err(self.error_at(escape_start, self.pos, "invalid `\\u` escape: four hex digits expected")),
        }
    }
}

/// Replaces Liquid/Hugo template expressions with JSON-neutral text of the same byte
/// length, so a templated block parses and every offset still matches the file.
/// Returns the masked text and the masked ranges (relative to `text`).
pub fn mask_templates(text: &str) -> (String, Vec<Span>) {
    crate::work::scanned(text.len());
    let bytes = text.as_bytes();
    let mut masked = bytes.to_vec();
    let mut ranges = Vec::new();
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if in_string => i += 2,
            b'"' => {
                in_string = !in_string;
                i += 1;
            }
            b'{' if matches!(bytes.get(i + 1), Some(b'{') | Some(b'%')) => {
                let closer: &[u8] = if bytes[i + 1] == b'{' { b"}}" } else { b"%}" };
                let Some(end) = memchr::memmem::find(&bytes[i + 2..], closer).map(|j| i + 2 + j + 2) else {
                    break;
                };
                let output = bytes[i + 1] == b'{';
                for byte in &mut masked[i..end] {
                    *byte = if in_string { b'x' } else { b' ' };
                }
                if output && !in_string {
                    // A value position: `{{ page.title | jsonify }}` becomes a string.
                    masked[i] = b'"';
                    masked[end - 1] = b'"';
                    for byte in &mut masked[i + 1..end - 1] {
                        *byte = b'x';
                    }
                }
                ranges.push(i..end);
                i = end;
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes replaced whole multi-byte sequences, so this stays valid UTF-8.
    let masked =
        String::from_utf8(masked).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    (masked, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_high_surrogate_is_a_replacement_character_and_keeps_the_next_one() {
        let text =
            r#"{"a": "\ud800\u0041", "b": "x\ud800", "c": "\ud83d\ude00", "d": "\udc00y", "e": "\ud800\ud800B"}"#;
        let node = parse(text, 0).unwrap();
        let value = |key: &str| node.get(key).and_then(|n| n.as_str()).map(str::to_string);
        assert_eq!(value("a").as_deref(), Some("\u{FFFD}A"));
        assert_eq!(value("b").as_deref(), Some("x\u{FFFD}"));
        assert_eq!(value("c").as_deref(), Some("😀"));
        assert_eq!(value("d").as_deref(), Some("\u{FFFD}y"));
        assert_eq!(value("e").as_deref(), Some("\u{FFFD}\u{FFFD}B"));
    }

    #[test]
    fn spans_point_into_the_file() {
        let text = r#"{"a": [1, "日本"], "b": {"c": null}}"#;
        let node = parse(text, 100).unwrap();
        let b = node.member("b").unwrap();
        assert_eq!(b.key_span, 100 + text.find("\"b\"").unwrap()..100 + text.find("\"b\"").unwrap() + 3);
        let a = node.get("a").unwrap();
        if let JsonValue::Array(items) = &a.value {
            assert_eq!(&text[items[1].span.start - 100..items[1].span.end - 100], "\"日本\"");
        } else {
            panic!("array expected");
        }
    }

    #[test]
    fn common_mistakes_have_named_errors() {
        let cases = [
            (r#"{"a": 1,}"#, "trailing comma", 7),
            ("[1,\n  ]", "trailing comma", 2),
            (r#"{"a": 'x'}"#, "single quotes", 6),
            ("{\"a\": \"x\ny\"}", "line break", 8),
            ("{// c\n}", "comments", 1),
            (r#"{"a": 1}}"#, "unexpected `}`", 8),
        ];
        for (text, words, offset) in cases {
            let error = parse(text, 0).unwrap_err();
            assert!(error.message.contains(words), "{text}: {}", error.message);
            assert_eq!(error.span.start, offset, "{text}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(parse(&text, 0).unwrap_err().message.contains("nested"));
    }

    #[test]
    fn templates_are_masked_in_place() {
        let text = r#"{"headline": {{ page.title | jsonify }}, "url": "{{ site.url }}/x"}"#;
        let (masked, ranges) = mask_templates(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(ranges.len(), 2);
        assert!(parse(&masked, 0).is_ok(), "{masked}");
    }
}

#[cfg(test)]
mod escape_tests {
    #[test]
    fn an_invalid_escape_before_a_multibyte_character_is_an_error_on_its_boundaries() {
        let text = "{\"a\": \"x\\\u{16AF5}y\"}";
        let error = super::parse(text, 0).expect_err("\\ before a non-escape is invalid");
        assert!(text.is_char_boundary(error.span.start) && text.is_char_boundary(error.span.end), "{error:?}");
        assert_eq!(&text[error.span.clone()], "\\\u{16AF5}");
    }
}
