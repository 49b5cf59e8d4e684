//! YAML front matter into the spanned tree, from saphyr-parser's event stream.
//!
//! We build the tree ourselves (rather than with saphyr's loader) to keep duplicate keys
//! with both spans, keep each scalar's style, and bound alias expansion.

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan};

use super::tree::{Entry, Node, Style, Value};
use crate::text::lines::Span;

/// Aliases are expanded up to this many nodes in total; past it (a "billion laughs"
/// bomb) they stay unexpanded and the document gets an error.
const ALIAS_NODE_BUDGET: usize = 10_000;
/// Deeper nesting than any real front matter; bounds recursion when the tree is dropped.
pub const MAX_DEPTH: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub root: Option<Node>,
    pub errors: Vec<ParseError>,
    pub duplicate_keys: Vec<DuplicateKey>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    pub first: Span,
    pub again: Span,
}

/// Converts saphyr's character indices to byte offsets of the whole file.
struct Offsets<'a> {
    text: &'a str,
    base: usize,
    char_to_byte: Option<Vec<usize>>,
}

impl<'a> Offsets<'a> {
    fn new(text: &'a str, base: usize) -> Self {
        let char_to_byte = (!text.is_ascii())
            .then(|| text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect());
        Offsets { text, base, char_to_byte }
    }

    fn byte(&self, char_index: usize) -> usize {
        let local = match &self.char_to_byte {
            None => char_index.min(self.text.len()),
            Some(table) => table.get(char_index).copied().unwrap_or(self.text.len()),
        };
        self.base + local
    }

    fn span(&self, span: &YamlSpan) -> Span {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        start..end
    }
}

enum Frame {
    Seq { start: Span, anchor: usize, items: Vec<Node> },
    Map { start: Span, anchor: usize, entries: Vec<Entry>, pending_key: Option<(String, Span)> },
}

struct Builder<'a> {
    offsets: Offsets<'a>,
    stack: Vec<Frame>,
    /// Anchored nodes by anchor id (the latest of each id), found in one lookup per alias.
    anchors: std::collections::HashMap<usize, Node>,
    expanded: usize,
    root: Option<Node>,
    errors: Vec<ParseError>,
    duplicate_keys: Vec<DuplicateKey>,
}

/// Parses `text`, the YAML between the fences, which starts at byte `base` of the file.
pub fn parse(text: &str, base: usize) -> Parsed {
    let mut builder = Builder {
        offsets: Offsets::new(text, base),
        stack: Vec::new(),
        anchors: std::collections::HashMap::new(),
        expanded: 0,
        root: None,
        errors: Vec::new(),
        duplicate_keys: Vec::new(),
    };
    crate::work::scanned(text.len());
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                crate::work::built(1);
                if let Err(error) = builder.event(event, &span) {
                    builder.errors.push(error);
                    break;
                }
            }
            Err(error) => {
                let mut at = builder.offsets.byte(error.marker().index());
                if error.info().contains("tab") {
                    // Point at the offending tab, not the character after it.
                    while at > base && text.as_bytes().get(at - base - 1) == Some(&b'\t') {
                        at -= 1;
                    }
                }
                builder.errors.push(ParseError { span: at..at, message: error.info().to_string() });
                break;
            }
        }
    }
    Parsed { root: builder.root, errors: builder.errors, duplicate_keys: builder.duplicate_keys }
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, span: &YamlSpan) -> Result<(), ParseError> {
        let span = self.offsets.span(span);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let node = scalar_node(&text, style, tag.is_some(), span);
                self.finish(node, anchor)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.check_depth(&span)?;
                self.stack.push(Frame::Seq { start: span, anchor, items: Vec::new() });
            }
            Event::MappingStart(anchor, _) => {
                self.check_depth(&span)?;
                self.stack.push(Frame::Map { start: span, anchor, entries: Vec::new(), pending_key: None });
            }
            Event::SequenceEnd => {
                if let Some(Frame::Seq { start, anchor, items }) = self.stack.pop() {
                    let end = items.last().map_or(span.end, |last| last.span.end.max(span.end.min(last.span.end + 1)));
                    let node = Node::new(start.start..end.max(start.end), Value::Seq(items), Style::Plain);
                    self.finish(node, anchor)?;
                }
            }
            Event::MappingEnd => {
                if let Some(Frame::Map { start, anchor, entries, .. }) = self.stack.pop() {
                    self.duplicate_keys.extend(find_duplicate_keys(&entries));
                    let end = entries
                        .last()
                        .map_or(span.end, |last| last.value.span.end.max(span.end.min(last.value.span.end + 1)));
                    let node = Node::new(start.start..end.max(start.end), Value::Map(entries), Style::Plain);
                    self.finish(node, anchor)?;
                }
            }
            Event::Alias(id) => {
                let node = self.expand_alias(id, span.clone());
                if matches!(node.value, Value::Alias) && self.expanded >= ALIAS_NODE_BUDGET {
                    return Err(ParseError {
                        span,
                        message: format!("aliases expand to more than {ALIAS_NODE_BUDGET} nodes (an alias bomb?)"),
                    });
                }
                self.finish(node, 0)?;
            }
            Event::DocumentStart(_) | Event::DocumentEnd | Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn check_depth(&self, span: &Span) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(ParseError { span: span.clone(), message: format!("nested deeper than {MAX_DEPTH} levels") });
        }
        Ok(())
    }

    fn expand_alias(&mut self, id: usize, span: Span) -> Node {
        let Some(target) = self.anchors.get(&id) else {
            return Node::new(span, Value::Alias, Style::Plain);
        };
        let size = count_nodes(target);
        if self.expanded + size > ALIAS_NODE_BUDGET {
            self.expanded = ALIAS_NODE_BUDGET;
            return Node::new(span, Value::Alias, Style::Plain);
        }
        self.expanded += size;
        // The expansion keeps the anchored node's inner spans: they point at real text.
        let mut node = target.clone();
        node.span = span;
        node
    }

    /// Places a completed node into its parent (or as the root).
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), ParseError> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, pending_key, .. }) => match pending_key.take() {
                None => {
                    let key = node.scalar_text().unwrap_or_default();
                    *pending_key = Some((key, node.span));
                }
                Some((key, key_span)) => entries.push(Entry { key, key_span, value: node }),
            },
        }
        Ok(())
    }
}

/// Sorting keeps this O(n log n) even for a hostile mapping with many keys.
fn find_duplicate_keys(entries: &[Entry]) -> Vec<DuplicateKey> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| entries[a].key.cmp(&entries[b].key).then(a.cmp(&b)));
    let mut found = Vec::new();
    for pair in order.windows(2) {
        let (first, again) = (&entries[pair[0]], &entries[pair[1]]);
        if first.key == again.key {
            found.push(DuplicateKey {
                key: again.key.clone(),
                first: first.key_span.clone(),
                again: again.key_span.clone(),
            });
        }
    }
    found
}

fn count_nodes(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(count_nodes).sum(),
        Value::Map(entries) => entries.iter().map(|entry| 1 + count_nodes(&entry.value)).sum(),
        _ => 0,
    }
}

fn scalar_node(text: &str, style: ScalarStyle, tagged: bool, span: Span) -> Node {
    match style {
        ScalarStyle::Plain if !tagged => Node::new(span, resolve_plain(text), Style::Plain),
        ScalarStyle::Literal | ScalarStyle::Folded => Node::new(span, Value::String(text.to_string()), Style::Block),
        _ => Node::new(span, Value::String(text.to_string()), Style::Quoted),
    }
}

/// YAML 1.2 core schema resolution of a plain scalar (what saphyr and modern loaders do).
/// The YAML 1.1 readings that Jekyll's Psych would apply are FM012's business.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    if is_decimal_integer(text)
        && let Ok(value) = text.parse::<i64>()
    {
        return Value::Integer(value);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && let Ok(value) = i64::from_str_radix(hex, 16)
    {
        return Value::Integer(value);
    }
    if let Some(octal) = text.strip_prefix("0o")
        && let Ok(value) = i64::from_str_radix(octal, 8)
    {
        return Value::Integer(value);
    }
    if is_float(text)
        && let Ok(value) = text.parse::<f64>()
    {
        return Value::Float(value);
    }
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        _ => Value::String(text.to_string()),
    }
}

fn is_decimal_integer(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((int, frac)) => {
            (!int.is_empty() || !frac.is_empty())
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => !mantissa.is_empty() && mantissa.bytes().all(|b| b.is_ascii_digit()),
    };
    let exponent_ok = exponent.is_none_or(is_decimal_integer);
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_bytes_of_the_whole_file() {
        let file = "---\ntitle: \"日本 x\"\ntags: [a 2025, b]\n---\n";
        let yaml = &file[4..file.len() - 4];
        let parsed = parse(yaml, 4);
        let root = parsed.root.unwrap();
        let title = root.get("title").unwrap();
        assert_eq!(&file[title.span.clone()], "\"日本 x\"");
        let tags = root.get("tags").unwrap();
        assert_eq!(&file[tags.items()[0].span.clone()], "a 2025");
        assert_eq!(&file[root.entry("tags").unwrap().key_span.clone()], "tags");
    }

    #[test]
    fn duplicate_keys_keep_both_spans() {
        let parsed = parse("title: a\ntags: []\ntitle: b\n", 0);
        assert_eq!(parsed.duplicate_keys.len(), 1);
        assert_eq!(parsed.duplicate_keys[0].first, 0..5);
        assert_eq!(parsed.duplicate_keys[0].again, 18..23);
    }

    #[test]
    fn plain_scalars_follow_yaml_1_2() {
        assert_eq!(resolve_plain("no"), Value::String("no".into()));
        assert_eq!(resolve_plain("1.10"), Value::Float(1.1));
        assert_eq!(resolve_plain("012"), Value::Integer(12));
        assert_eq!(resolve_plain("2026-01-12"), Value::String("2026-01-12".into()));
    }

    #[test]
    fn alias_bomb_is_bounded() {
        let mut yaml = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            let prev = level - 1;
            yaml.push_str(&format!("a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
        }
        let parsed = parse(&yaml, 0);
        assert!(parsed.errors.iter().any(|e| e.message.contains("alias")), "{:?}", parsed.errors);
    }

    #[test]
    fn syntax_error_has_position() {
        let parsed = parse("a: [1, 2\nb: c\n", 10);
        assert_eq!(parsed.errors.len(), 1);
        assert!(parsed.errors[0].span.start >= 10);
    }
}
