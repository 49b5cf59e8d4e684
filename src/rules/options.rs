//! Rule options: defaults from the rule's doc, overridden by `[rules.CODE]` in config.

use std::collections::BTreeMap;

use crate::document::tree::{Node, Value};

#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    Bool(bool),
    Integer(i64),
    Float(f64),
    String(String),
    List(Vec<String>),
}

impl OptionValue {
    fn type_name(&self) -> &'static str {
        match self {
            OptionValue::Bool(_) => "a boolean",
            OptionValue::Integer(_) => "an integer",
            OptionValue::Float(_) => "a number",
            OptionValue::String(_) => "a string",
            OptionValue::List(_) => "a list of strings",
        }
    }

    pub fn from_node(node: &Node) -> Option<OptionValue> {
        Some(match &node.value {
            Value::Bool(b) => OptionValue::Bool(*b),
            Value::Integer(i) => OptionValue::Integer(*i),
            Value::Float(f) => OptionValue::Float(*f),
            Value::String(s) => OptionValue::String(s.clone()),
            Value::Seq(items) => OptionValue::List(items.iter().filter_map(Node::scalar_text).collect()),
            _ => return None,
        })
    }

    pub fn from_toml(value: &toml::Value) -> Option<OptionValue> {
        Some(match value {
            toml::Value::Boolean(b) => OptionValue::Bool(*b),
            toml::Value::Integer(i) => OptionValue::Integer(*i),
            toml::Value::Float(f) => OptionValue::Float(*f),
            toml::Value::String(s) => OptionValue::String(s.clone()),
            toml::Value::Array(items) => OptionValue::List(
                items.iter().map(|item| item.as_str().map(str::to_string)).collect::<Option<Vec<_>>>()?,
            ),
            _ => return None,
        })
    }

    /// Whether `self` may replace a default of the same option.
    pub fn same_kind(&self, default: &OptionValue) -> bool {
        matches!(
            (self, default),
            (OptionValue::Bool(_), OptionValue::Bool(_))
                | (OptionValue::Integer(_) | OptionValue::Float(_), OptionValue::Integer(_) | OptionValue::Float(_))
                | (OptionValue::String(_), OptionValue::String(_))
                | (OptionValue::List(_), OptionValue::List(_))
        )
    }

    pub fn describe_kind(&self) -> &'static str {
        self.type_name()
    }
}

/// The options one rule runs with.
#[derive(Debug, Clone, Default)]
pub struct Options {
    values: BTreeMap<String, OptionValue>,
}

impl Options {
    pub fn from_defaults(node: Option<&Node>) -> Options {
        let values = node
            .map(|node| {
                node.entries()
                    .iter()
                    .filter_map(|e| OptionValue::from_node(&e.value).map(|v| (e.key.clone(), v)))
                    .collect()
            })
            .unwrap_or_default();
        Options { values }
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    pub fn get(&self, key: &str) -> Option<&OptionValue> {
        self.values.get(key)
    }

    pub fn set(&mut self, key: &str, value: OptionValue) {
        self.values.insert(key.to_string(), value);
    }

    pub fn bool(&self, key: &str) -> bool {
        matches!(self.values.get(key), Some(OptionValue::Bool(true)))
    }

    pub fn int(&self, key: &str) -> i64 {
        match self.values.get(key) {
            Some(OptionValue::Integer(i)) => *i,
            Some(OptionValue::Float(f)) => *f as i64,
            _ => 0,
        }
    }

    pub fn float(&self, key: &str) -> f64 {
        match self.values.get(key) {
            Some(OptionValue::Integer(i)) => *i as f64,
            Some(OptionValue::Float(f)) => *f,
            _ => 0.0,
        }
    }

    pub fn string(&self, key: &str) -> &str {
        match self.values.get(key) {
            Some(OptionValue::String(s)) => s,
            _ => "",
        }
    }

    pub fn list(&self, key: &str) -> &[String] {
        match self.values.get(key) {
            Some(OptionValue::List(items)) => items,
            _ => &[],
        }
    }
}
