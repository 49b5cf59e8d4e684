//! One spanned tree for every front matter format (YAML, TOML, JSON), so front matter
//! rules are written once. Every node knows its byte span in the whole file.

use crate::text::lines::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unquoted YAML scalar, or a TOML/JSON literal that is not a string.
    Plain,
    Quoted,
    /// YAML `|` or `>` block scalar.
    Block,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    /// A native TOML date-time, kept as written.
    Datetime(String),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
    /// A YAML alias left unexpanded (its expansion would exceed the size budget).
    Alias,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
    pub style: Style,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    pub fn new(span: Span, value: Value, style: Style) -> Node {
        Node { span, value, style }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|entry| &entry.value)
    }

    /// The last entry with this key: what YAML loaders that allow duplicates keep.
    ///
    /// A YAML merge key (`<<: *defaults`, `<<: [*a, *b]`) supplies the keys the mapping does
    /// not give itself, the first merged mapping first, as YAML 1.1 loaders (Jekyll's
    /// Psych, Go's yaml) read it: a config may set `markdown_ext` or `collections` that way.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        let Value::Map(entries) = &self.value else { return None };
        if let Some(entry) = entries.iter().rev().find(|entry| entry.key == key) {
            return Some(entry);
        }
        let merged = entries.iter().rev().find(|entry| entry.key == "<<")?;
        match &merged.value.value {
            Value::Map(_) => merged.value.entry(key),
            Value::Seq(items) => items.iter().find_map(|item| item.entry(key)),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) | Value::Datetime(text) => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The scalar's text for messages, whatever its type.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::String(text) | Value::Datetime(text) => Some(text.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Integer(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Null => Some(String::new()),
            _ => None,
        }
    }

    pub fn type_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Integer(_) => "integer",
            Value::Float(_) => "number",
            Value::String(_) => "string",
            Value::Datetime(_) => "date-time",
            Value::Seq(_) => "list",
            Value::Map(_) => "mapping",
            Value::Alias => "alias",
        }
    }

    /// Strings in a list, or one string (Jekyll accepts `tags: a b c`).
    pub fn string_items(&self) -> Vec<(&str, &Span)> {
        match &self.value {
            Value::Seq(items) => items.iter().filter_map(|item| item.as_str().map(|text| (text, &item.span))).collect(),
            Value::String(text) => vec![(text.as_str(), &self.span)],
            _ => Vec::new(),
        }
    }
}
