//! Finding front matter by hand at byte 0 (pulldown-cmark mis-reads it after a BOM, with
//! CRLF, or with an unclosed fence) and parsing it into the spanned tree.

use super::json;
use super::tree::{Entry, Node, Style, Value};
use super::yaml;
use crate::document::mask::FenceClose;
use crate::text::lines::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Yaml => "YAML",
            Format::Toml => "TOML",
            Format::Json => "JSON",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    pub span: Span,
    pub message: String,
}

#[derive(Debug)]
pub struct FrontMatter {
    pub format: Format,
    /// From the opening fence to the end of the closing fence's line.
    pub span: Span,
    /// The text between the fences.
    pub content: Span,
    /// `None` when the text does not parse (see `errors`) or the fence is unclosed.
    pub root: Option<Node>,
    pub errors: Vec<FrontMatterError>,
    pub duplicate_keys: Vec<yaml::DuplicateKey>,
    pub unclosed: bool,
    /// Longer than postlint reads (`work::FRONT_MATTER_BYTES`, or as many JSON values):
    /// not parsed, so `root` is `None` with no errors, and a PL001 says so.
    pub too_large: bool,
}

impl FrontMatter {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.root.as_ref().and_then(|root| root.get(key))
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.root.as_ref().and_then(|root| root.entry(key))
    }

    /// The first of `keys` that is present, with the key it was found under.
    pub fn first_of<'a>(&self, keys: &[&'a str]) -> Option<(&'a str, &Entry)> {
        keys.iter().find_map(|key| self.entry(key).map(|entry| (*key, entry)))
    }

    pub fn str_value(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::as_str)
    }

    pub fn entries(&self) -> &[Entry] {
        self.root.as_ref().map_or(&[], Node::entries)
    }
}

const BOM: &str = "\u{feff}";

/// Splits the file into front matter and body. Returns the front matter (if any) and
/// the byte offset where the body starts.
pub fn split(source: &str) -> (Option<FrontMatter>, usize) {
    split_closed_by(source, FenceClose::Exact)
}

/// `split`, with a YAML front matter closed as `close` says.
fn split_closed_by(source: &str, close: FenceClose) -> (Option<FrontMatter>, usize) {
    let mut start = if source.starts_with(BOM) { BOM.len() } else { 0 };
    // Zola (and Hugo) accept blank lines before a `+++` fence; Jekyll's `---` must be first.
    let blank = source[start..].len() - source[start..].trim_start_matches(['\n', '\r', ' ', '\t']).len();
    if blank > 0 && source[start + blank..].starts_with("+++") {
        let line_start = source[..start + blank].rfind('\n').map_or(start, |i| i + 1);
        start = line_start;
    }
    let rest = &source[start..];
    let (first_line, after_first) = line_at(source, start);
    let fence = first_line.trim_end();
    let dashes = close == FenceClose::SameDashes && fence.len() > 3 && fence.bytes().all(|b| b == b'-');
    let format = match fence {
        "---" => Format::Yaml,
        _ if dashes => Format::Yaml,
        "+++" => Format::Toml,
        // Hugo's JSON front matter; `{%`/`{{` opens a template tag, not JSON.
        _ if rest.starts_with('{') && rest[1..].starts_with(['\n', '\r', ' ', '\t', '"']) => {
            return split_json(source, start);
        }
        _ => return (None, start),
    };
    let content_start = after_first;
    let mut cursor = content_start;
    while cursor < source.len() {
        let (line, next) = line_at(source, cursor);
        let trimmed = line.trim_end();
        let closes = trimmed == fence
            || (format == Format::Yaml && trimmed == "...")
            || (format == Format::Yaml && close == FenceClose::LineStart && line.starts_with("---"));
        if closes {
            let content = content_start..cursor;
            let mut front_matter = FrontMatter {
                format,
                span: start..next,
                content: content.clone(),
                root: None,
                errors: Vec::new(),
                duplicate_keys: Vec::new(),
                unclosed: false,
                too_large: false,
            };
            parse_content(source, &mut front_matter);
            return (Some(front_matter), next);
        }
        cursor = next;
    }
    let fence_span = start..start + fence.len();
    let unclosed = FrontMatter {
        format,
        span: fence_span.clone(),
        content: content_start..content_start,
        root: None,
        errors: vec![FrontMatterError {
            span: fence_span,
            message: format!(
                "front matter opened with `{fence}` is never closed; generators will read the whole file as content"
            ),
        }],
        duplicate_keys: Vec::new(),
        unclosed: true,
        too_large: false,
    };
    (Some(unclosed), start)
}

/// `split`, and where the generator also reads front matter without an opening fence
/// (`markup.unfenced_front_matter`, Hexo's hexo-front-matter): a file whose first line is
/// a YAML `key:` and that has a line of three or more `-` has its YAML before that line.
pub fn split_with(source: &str, markup: &crate::document::mask::Markup) -> (Option<FrontMatter>, usize) {
    let (front, body) = split_unfenced(source, markup);
    match front {
        Some(front) if markup.front_matter_tab_indents && !front.errors.is_empty() => {
            (Some(with_tab_indents(source, front)), body)
        }
        front => (front, body),
    }
}

/// hexo-front-matter turns the tabs that start a line into spaces before YAML reads it
/// (`tags:` then `\t- Ubuntu`): the front matter parsed again from a copy whose leading
/// tabs are one space each (every offset unchanged), when that copy parses.
fn with_tab_indents(source: &str, front: FrontMatter) -> FrontMatter {
    let content = &source[front.content.clone()];
    if !content.contains("\n\t") && !content.starts_with('\t') {
        return front;
    }
    let mut copy = source.as_bytes().to_vec();
    let mut at_line_start = true;
    for byte in &mut copy[front.content.clone()] {
        match *byte {
            b'\t' if at_line_start => *byte = b' ',
            b'\n' => at_line_start = true,
            _ => at_line_start = false,
        }
    }
    let Ok(copy) = String::from_utf8(copy) else { return front };
    let mut again = FrontMatter {
        format: front.format,
        span: front.span.clone(),
        content: front.content.clone(),
        root: None,
        errors: Vec::new(),
        duplicate_keys: Vec::new(),
        unclosed: front.unclosed,
        too_large: front.too_large,
    };
    parse_content(&copy, &mut again);
    if again.errors.is_empty() { again } else { front }
}

fn split_unfenced(source: &str, markup: &crate::document::mask::Markup) -> (Option<FrontMatter>, usize) {
    let fenced = split_closed_by(source, markup.front_matter_close);
    if !markup.unfenced_front_matter || fenced.0.is_some() {
        return fenced;
    }
    let start = if source.starts_with(BOM) { BOM.len() } else { 0 };
    let (first_line, _) = line_at(source, start);
    if !starts_with_key(first_line) {
        return fenced;
    }
    let mut cursor = start;
    while cursor < source.len() {
        let (line, next) = line_at(source, cursor);
        let trimmed = line.trim_end();
        if trimmed.len() >= 3 && trimmed.bytes().all(|b| b == b'-') {
            let mut front_matter = FrontMatter {
                format: Format::Yaml,
                span: start..next,
                content: start..cursor,
                root: None,
                errors: Vec::new(),
                duplicate_keys: Vec::new(),
                unclosed: false,
                too_large: false,
            };
            parse_content(source, &mut front_matter);
            return (Some(front_matter), next);
        }
        cursor = next;
    }
    fenced
}

/// Whether a line opens a YAML mapping (`title: x`, `date:`).
pub fn starts_with_key(line: &str) -> bool {
    let Some((key, rest)) = line.split_once(':') else { return false };
    !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !key.starts_with('-')
        && (rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// The line starting at `offset` (without its terminator) and the offset of the next line.
fn line_at(source: &str, offset: usize) -> (&str, usize) {
    match memchr::memchr(b'\n', &source.as_bytes()[offset..]) {
        Some(i) => {
            let line = &source[offset..offset + i];
            (line.strip_suffix('\r').unwrap_or(line), offset + i + 1)
        }
        None => (&source[offset..], source.len()),
    }
}

/// A copy of the text that libyaml (Jekyll) and Go's yaml (Hugo) read the same way but
/// YAML 1.2 and saphyr reject for indentation, with every offset unchanged (only line
/// breaks become spaces), or `None` when there is nothing to change:
/// - a flow collection's closing `]`/`}` at column 0 joins the line before:
///   ```yaml
///   aliases: [
///     '/a/',
///   ]
///   ```
/// - a quoted value continued on an unindented line joins it, as the line folding of a
///   quoted scalar would read it anyway (a line break inside quotes is a space):
///   ```yaml
///   title: "Los programas participantes serán
///   juzgados por Matz"
///   ```
fn lenient_copy(text: &str) -> Option<String> {
    let mut bytes = text.as_bytes().to_vec();
    let mut changed = false;
    let mut open_quote: Option<u8> = None;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = bytes[line_start..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |i| line_start + i);
        let first = bytes.get(line_start).copied();
        let joins = line_start > 0
            && (open_quote.is_some() || matches!(first, Some(b']' | b'}')))
            && !matches!(first, Some(b' ' | b'\t') | None);
        if joins {
            bytes[line_start - 1] = b' ';
            if line_start >= 2 && bytes[line_start - 2] == b'\r' {
                bytes[line_start - 2] = b' ';
            }
            changed = true;
        } else if open_quote.is_none() {
            changed |= tabs_after_key_to_spaces(&mut bytes[line_start..line_end]);
        }
        open_quote = quote_state_after(&bytes[line_start..line_end], open_quote);
        line_start = line_end + 1;
    }
    if changed { String::from_utf8(bytes).ok() } else { None }
}

/// `title:<TAB>"…"`: libyaml (Jekyll's Psych, Hugo's and Zola's YAML) separates a key from
/// its value with a tab as well as a space; saphyr wants a space. The tabs right after a
/// plain key's colon become spaces (same length, so spans hold). Whether it changed.
fn tabs_after_key_to_spaces(line: &mut [u8]) -> bool {
    let Some(colon) = line.windows(2).position(|w| w == b":\t") else { return false };
    let key = &line[..colon];
    let plain_key = !key.is_empty()
        && key.iter().any(|b| !b.is_ascii_whitespace())
        && !key.iter().any(|b| matches!(b, b'"' | b'\'' | b'#' | b'\t' | b'{' | b'['));
    if !plain_key {
        return false;
    }
    for byte in line[colon + 1..].iter_mut().take_while(|b| **b == b'\t') {
        *byte = b' ';
    }
    true
}

/// Whether a quoted value is still open at the end of `line`, given whether one was open
/// at its start: a value opened after `key: ` with `"` or `'` and not closed.
fn quote_state_after(line: &[u8], mut open: Option<u8>) -> Option<u8> {
    let mut index = 0;
    if open.is_none() {
        // Only a value that starts a mapping value opens a quote: `key: "…`.
        let colon = line.windows(2).position(|w| w == b": ")?;
        index = colon + 2;
        while line.get(index) == Some(&b' ') {
            index += 1;
        }
        match line.get(index) {
            Some(&quote @ (b'"' | b'\'')) => {
                open = Some(quote);
                index += 1;
            }
            _ => return None,
        }
    }
    while let Some(&byte) = line.get(index) {
        match open {
            Some(b'"') if byte == b'\\' => index += 1,
            Some(b'\'') if byte == b'\'' && line.get(index + 1) == Some(&b'\'') => index += 1,
            Some(quote) if byte == quote => return None,
            _ => {}
        }
        index += 1;
    }
    open
}

fn parse_content(source: &str, front_matter: &mut FrontMatter) {
    let text = &source[front_matter.content.clone()];
    let base = front_matter.content.start;
    if text.len() > crate::work::FRONT_MATTER_BYTES {
        front_matter.too_large = true;
        return;
    }
    match front_matter.format {
        Format::Yaml => {
            let mut parsed = yaml::parse(text, base);
            if !parsed.errors.is_empty()
                && let Some(joined) = lenient_copy(text)
            {
                let retried = yaml::parse(&joined, base);
                if retried.errors.is_empty() {
                    parsed = retried;
                }
            }
            front_matter
                .errors
                .extend(parsed.errors.into_iter().map(|e| FrontMatterError { span: e.span, message: e.message }));
            front_matter.duplicate_keys = parsed.duplicate_keys;
            front_matter.root = match parsed.root {
                // An empty front matter block is an empty mapping, as generators read it.
                None | Some(Node { value: Value::Null, .. }) if front_matter.errors.is_empty() => {
                    Some(Node::new(base..base, Value::Map(Vec::new()), Style::Plain))
                }
                Some(root) if matches!(root.value, Value::Map(_)) => Some(root),
                Some(root) => {
                    front_matter.errors.push(FrontMatterError {
                        span: root.span.clone(),
                        message: format!(
                            "front matter must be a mapping of keys to values, found a {}",
                            root.type_name()
                        ),
                    });
                    None
                }
                None => None,
            };
        }
        Format::Toml => parse_toml(text, base, front_matter),
        Format::Json => {}
    }
}

fn parse_toml(text: &str, base: usize, front_matter: &mut FrontMatter) {
    let (table, errors) = toml::de::DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for error in errors {
            let span = error.span().map_or(base..base, |s| base + s.start..base + s.end);
            front_matter.errors.push(FrontMatterError { span, message: error.message().trim().to_string() });
        }
        return;
    }
    let span = table.span();
    let entries = toml_entries(table.get_ref(), base);
    front_matter.root = Some(Node::new(base + span.start..base + span.end, Value::Map(entries), Style::Plain));
}

fn toml_entries(table: &toml::de::DeTable<'_>, base: usize) -> Vec<Entry> {
    table
        .iter()
        .map(|(key, value)| {
            let key_span = key.span();
            Entry {
                key: key.get_ref().to_string(),
                key_span: base + key_span.start..base + key_span.end,
                value: toml_node(value, base),
            }
        })
        .collect()
}

fn toml_node(value: &toml::Spanned<toml::de::DeValue<'_>>, base: usize) -> Node {
    use toml::de::DeValue;
    let span = value.span();
    let span = base + span.start..base + span.end;
    let (value, style) = match value.get_ref() {
        DeValue::String(text) => (Value::String(text.to_string()), Style::Quoted),
        DeValue::Integer(int) => (
            i64::from_str_radix(&int.as_str().replace('_', ""), int.radix()).map_or(Value::Null, Value::Integer),
            Style::Plain,
        ),
        DeValue::Float(float) => {
            (float.as_str().replace('_', "").parse().map_or(Value::Null, Value::Float), Style::Plain)
        }
        DeValue::Boolean(b) => (Value::Bool(*b), Style::Plain),
        DeValue::Datetime(datetime) => (Value::Datetime(datetime.to_string()), Style::Plain),
        DeValue::Array(items) => (Value::Seq(items.iter().map(|item| toml_node(item, base)).collect()), Style::Plain),
        DeValue::Table(table) => (Value::Map(toml_entries(table, base)), Style::Plain),
    };
    Node::new(span, value, style)
}

fn split_json(source: &str, start: usize) -> (Option<FrontMatter>, usize) {
    // As many values as the bytes YAML or TOML front matter may have, halved.
    let mut budget = crate::work::FRONT_MATTER_BYTES / 2;
    let Some(parsed) = json::parse_prefix_within(&source[start..], start, &mut budget) else {
        let front_matter = FrontMatter {
            format: Format::Json,
            span: start..start + 1,
            content: start..start,
            root: None,
            errors: Vec::new(),
            duplicate_keys: Vec::new(),
            unclosed: false,
            too_large: true,
        };
        return (Some(front_matter), start);
    };
    match parsed {
        Ok((node, end)) => {
            let (_, next) = if end < source.len() { line_at(source, end) } else { ("", end) };
            let front_matter = FrontMatter {
                format: Format::Json,
                span: start..next,
                content: start..end,
                root: Some(json_to_tree(node)),
                errors: Vec::new(),
                duplicate_keys: Vec::new(),
                unclosed: false,
                too_large: false,
            };
            (Some(front_matter), next)
        }
        Err(error) => {
            let front_matter = FrontMatter {
                format: Format::Json,
                span: start..start + 1,
                content: start..start,
                root: None,
                errors: vec![FrontMatterError { span: error.span, message: error.message }],
                duplicate_keys: Vec::new(),
                unclosed: false,
                too_large: false,
            };
            (Some(front_matter), start)
        }
    }
}

fn json_to_tree(node: json::JsonNode) -> Node {
    use json::JsonValue;
    let (value, style) = match node.value {
        JsonValue::Null => (Value::Null, Style::Plain),
        JsonValue::Bool(b) => (Value::Bool(b), Style::Plain),
        JsonValue::Number(text) => match text.parse::<i64>() {
            Ok(int) => (Value::Integer(int), Style::Plain),
            Err(_) => (text.parse().map_or(Value::Null, Value::Float), Style::Plain),
        },
        JsonValue::String(text) => (Value::String(text), Style::Quoted),
        JsonValue::Array(items) => (Value::Seq(items.into_iter().map(json_to_tree).collect()), Style::Plain),
        JsonValue::Object(members) => (
            Value::Map(
                members
                    .into_iter()
                    .map(|member| Entry {
                        key: member.key,
                        key_span: member.key_span,
                        value: json_to_tree(member.value),
                    })
                    .collect(),
            ),
            Style::Plain,
        ),
    };
    Node::new(node.span, value, style)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_tab_after_a_keys_colon_separates_as_libyaml_reads_it() {
        let source = "---\ntitle:\t\"Hosting a server\"\ndate:\t\t2017-12-27\nnote: \"a:\tb\"\n---\n";
        let (front, _) = split(source);
        let front = front.expect("front matter");
        assert!(front.errors.is_empty(), "{:?}", front.errors);
        let title = front.get("title").expect("title");
        assert_eq!(title.as_str(), Some("Hosting a server"));
        assert_eq!(&source[title.span.clone()], "\"Hosting a server\"", "offsets unchanged");
        assert_eq!(front.get("note").and_then(|n| n.as_str()), Some("a:\tb"), "a tab inside quotes stays");
    }

    #[test]
    fn a_flow_list_closed_at_column_zero_parses_as_generators_read_it() {
        let source = "---\naliases: [\n  '/a/',\n  '/b/',\n]\ntitle: x\n---\n";
        let (front, _) = split(source);
        let front = front.expect("front matter");
        assert!(front.errors.is_empty(), "{:?}", front.errors);
        assert_eq!(front.get("aliases").map(|n| n.items().len()), Some(2));
        let title = front.get("title").expect("title");
        assert_eq!(&source[title.span.clone()], "x", "offsets unchanged");
    }

    #[test]
    fn a_quoted_title_continued_at_column_zero_parses_as_jekyll_reads_it() {
        let source = "---\ntitle: \"Los programas serán\njuzgados por Matz\"\nauthor: \"x\"\n---\n";
        let (front, _) = split(source);
        let front = front.expect("front matter");
        assert!(front.errors.is_empty(), "{:?}", front.errors);
        assert_eq!(front.str_value("title"), Some("Los programas serán juzgados por Matz"));
        assert_eq!(front.str_value("author"), Some("x"));
    }

    #[test]
    fn toml_front_matter_after_blank_lines() {
        let (front, body) = split("\n+++\ntitle = \"Zulma\"\n+++\nbody");
        let front = front.expect("Zola reads it");
        assert_eq!(front.str_value("title"), Some("Zulma"));
        assert_eq!(body, "\n+++\ntitle = \"Zulma\"\n+++\n".len());
        assert!(split("\n---\ntitle: x\n---\n").0.is_none(), "Jekyll's fence must be first");
    }

    use super::*;

    #[test]
    fn yaml_with_bom_and_crlf() {
        let source = "\u{feff}---\r\ntitle: Hello\r\n---\r\nBody\r\n";
        let (front_matter, body) = split(source);
        let front_matter = front_matter.unwrap();
        assert_eq!(front_matter.str_value("title"), Some("Hello"));
        assert_eq!(&source[body..], "Body\r\n");
    }

    #[test]
    fn unclosed_fence_is_an_error_and_body_is_everything() {
        let source = "---\ntitle: x\n\nBody\n";
        let (front_matter, body) = split(source);
        let front_matter = front_matter.unwrap();
        assert!(front_matter.unclosed);
        assert_eq!(front_matter.errors[0].span, 0..3);
        assert_eq!(body, 0);
    }

    #[test]
    fn toml_front_matter_has_spans() {
        let source = "+++\ntitle = \"Hi\"\ndate = 2026-01-12\n+++\nBody";
        let (front_matter, _) = split(source);
        let front_matter = front_matter.unwrap();
        let title = front_matter.get("title").unwrap();
        assert_eq!(&source[title.span.clone()], "\"Hi\"");
        assert!(matches!(front_matter.get("date").unwrap().value, Value::Datetime(_)));
    }

    #[test]
    fn json_front_matter() {
        let source = "{\n  \"title\": \"Hi\"\n}\nBody";
        let (front_matter, body) = split(source);
        assert_eq!(front_matter.unwrap().str_value("title"), Some("Hi"));
        assert_eq!(&source[body..], "Body");
    }

    #[test]
    fn no_front_matter() {
        let (front_matter, body) = split("# Title\n");
        assert!(front_matter.is_none());
        assert_eq!(body, 0);
    }

    #[test]
    fn empty_front_matter_is_an_empty_mapping() {
        let (front_matter, _) = split("---\n---\nx");
        assert_eq!(front_matter.unwrap().entries().len(), 0);
    }

    #[test]
    fn unfenced_front_matter_where_the_generator_reads_it() {
        let hexo = crate::document::mask::Markup { unfenced_front_matter: true, ..Default::default() };
        let text = "title: Two concepts\ndate: 2018-08-16 15:08:05\n---\n\n# Body\n";
        let (front, body) = split_with(text, &hexo);
        let front = front.unwrap();
        assert_eq!(front.str_value("title"), Some("Two concepts"));
        assert_eq!(&text[body..], "\n# Body\n");
        assert!(split(text).0.is_none(), "not for other generators");
        assert!(split_with("Just text: a sentence\n---\n", &hexo).0.is_none(), "a sentence is not a key");
        assert!(split_with("title: x\nno closing line\n", &hexo).0.is_none());
        let tabs = "---\ntitle: x\ntags:\n\t- Ubuntu\n\t- Owncloud\n---\n";
        assert!(!split(tabs).0.unwrap().errors.is_empty(), "YAML forbids tab indents");
        let hexo_tabs = crate::document::mask::Markup { front_matter_tab_indents: true, ..Default::default() };
        let front = split_with(tabs, &hexo_tabs).0.unwrap();
        assert!(front.errors.is_empty(), "{:?}", front.errors);
        assert_eq!(front.get("tags").map(|t| t.items().len()), Some(2));
    }
}
