//! FM017's JSON Schema validator: the keywords of draft-07 and 2020-12, with each error
//! at the front matter node it is about.
//!
//! Why not the `jsonschema` crate: the schema can come from an untrusted pull request
//! (a post names it in `$schema`), and a self-referencing schema has overflowed that
//! crate's stack — an abort no `catch_unwind` stops (Stranger6667/jsonschema #383 in
//! 2022, #886 and #898 in November 2025). This validator counts its steps (200,000 per
//! post) and its depth (64 schemas inside one another), reports a schema that needs more
//! as too complex instead, and maps errors to front matter spans directly. The schema is
//! indexed once (its `$id`s and anchors) with an explicit stack, never by recursion.
//!
//! It is proven against the official JSON-Schema-Test-Suite by
//! `tests/json_schema_suite.rs`; `rules/FM017.md` gives the pass rates.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde_json::Value as Json;

use crate::document::tree::{Node, Style, Value};
use crate::text::dates;
use crate::text::lines::Span;

/// The `format`s the validator asserts (the others are annotations, as the drafts say).
pub const ASSERTED_FORMATS: &[&str] = &["date", "date-time", "uri"];

/// Schema nodes visited per post at most (a front matter of 2,000 tags against a
/// reasonable schema takes a few thousand).
pub const MAX_STEPS: usize = 200_000;

/// Schemas evaluated inside one another at most (each `$ref` followed is one more): the
/// recursion of the validator is bounded by this, whatever the schema says.
pub const MAX_DEPTH: usize = 64;

/// Instance values nested deeper than this are not compared by `enum`, `const` or
/// `uniqueItems` (front matter parsers stop at 200).
const MAX_VALUE_DEPTH: usize = 256;

/// The base URI of a schema without an `$id` (as the `jsonschema` crate names it).
const DEFAULT_BASE: &str = "json-schema:///";

/// The JSON Schema drafts whose rules the validator follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draft {
    /// Draft-07 (draft-04 and -06 schemas are read with its rules): `$ref` replaces its
    /// siblings, `items` may be an array, `dependencies`, `$id: "#name"` anchors.
    Draft7,
    /// 2020-12 (and 2019-09): `$ref` beside other keywords, `prefixItems`, `$anchor`,
    /// `$dynamicRef`, `unevaluated*`, `dependentRequired`/`dependentSchemas`,
    /// `minContains`/`maxContains`; draft-07's array `items`, `additionalItems` and
    /// `dependencies` are still honoured, as they mean nothing else here.
    Draft2020_12,
}

impl Draft {
    /// The draft the root's `$schema` names, else `default`.
    fn named_by(root: &Json, default: Draft) -> Draft {
        let Some(uri) = root.get("$schema").and_then(Json::as_str) else { return default };
        let uri = uri.trim_end_matches('#');
        let uri = uri.strip_prefix("https://").or_else(|| uri.strip_prefix("http://")).unwrap_or(uri);
        match uri {
            "json-schema.org/draft-07/schema"
            | "json-schema.org/draft-06/schema"
            | "json-schema.org/draft-04/schema" => Draft::Draft7,
            "json-schema.org/draft/2020-12/schema" | "json-schema.org/draft/2019-09/schema" => Draft::Draft2020_12,
            _ => default,
        }
    }
}

/// A schema ready to validate: the JSON and an index of its resources and anchors.
pub struct Schema {
    /// Boxed so the addresses of its values, which `lexical` is keyed by, never move.
    root: Box<Json>,
    draft: Draft,
    /// Resource URI (no fragment) → JSON pointer of its schema.
    resources: HashMap<String, String>,
    /// `uri#name` → JSON pointer, for `$anchor`, `$dynamicAnchor` and draft-07's
    /// `$id: "#name"`.
    anchors: HashMap<String, String>,
    /// `uri#name` of every `$dynamicAnchor`.
    dynamic_anchors: HashSet<String>,
    /// The base URI in force inside each schema object, by its address.
    lexical: HashMap<usize, Arc<str>>,
    /// Whether any `unevaluatedProperties`/`unevaluatedItems` needs the annotations.
    tracks_evaluated: bool,
}

fn address(json: &Json) -> usize {
    std::ptr::from_ref(json).addr()
}

fn join(base: &str, reference: &str) -> Option<url::Url> {
    url::Url::parse(base).ok()?.join(reference).ok()
}

/// `%xx` escapes decoded (a URI fragment to the JSON pointer or anchor it names).
fn percent_decode(text: &str) -> Option<String> {
    if !text.contains('%') {
        return Some(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

impl Schema {
    /// Indexes `root`, read with the rules of the draft its `$schema` names, else `default`.
    pub fn new(root: Json, default: Draft) -> Schema {
        let draft = Draft::named_by(&root, default);
        let root = Box::new(root);
        let mut resources = HashMap::from([(DEFAULT_BASE.to_string(), String::new())]);
        let mut anchors = HashMap::new();
        let mut dynamic_anchors = HashSet::new();
        let mut lexical = HashMap::new();
        let mut tracks_evaluated = false;
        // Every schema object once, with an explicit stack; its JSON pointer is spelled
        // out (from the parents kept in `path`) only when an identifier needs it.
        let mut path: Vec<(usize, String)> = vec![(0, String::new())];
        let mut stack: Vec<(&Json, usize, Arc<str>)> = vec![(&root, 0, Arc::from(DEFAULT_BASE))];
        let pointer_of = |path: &[(usize, String)], mut at: usize| {
            let mut tokens = Vec::new();
            while at != 0 {
                tokens.push(path[at].1.as_str());
                at = path[at].0;
            }
            tokens.iter().rev().map(|token| format!("/{token}")).collect::<String>()
        };
        while let Some((json, at, outer)) = stack.pop() {
            let Json::Object(map) = json else { continue };
            let mut base = outer;
            let id = map.get("$id").and_then(Json::as_str);
            // Draft-07: `$ref` replaces its siblings, `$id` included.
            let id = id.filter(|_| !(draft == Draft::Draft7 && map.contains_key("$ref")));
            if let Some(id) = id
                && let Some(mut url) = join(&base, id)
            {
                let fragment = url.fragment().and_then(percent_decode).filter(|f| !f.is_empty());
                url.set_fragment(None);
                match (draft, fragment) {
                    (_, None) => {
                        base = Arc::from(url.as_str());
                        resources.insert(url.as_str().to_string(), pointer_of(&path, at));
                    }
                    (Draft::Draft7, Some(name)) => {
                        if !id.starts_with('#') {
                            base = Arc::from(url.as_str());
                            resources.insert(url.as_str().to_string(), pointer_of(&path, at));
                        }
                        anchors.insert(format!("{base}#{name}"), pointer_of(&path, at));
                    }
                    // 2020-12: an `$id` with a fragment identifies nothing.
                    (Draft::Draft2020_12, Some(_)) => {}
                }
            }
            if draft == Draft::Draft2020_12 {
                for keyword in ["$anchor", "$dynamicAnchor"] {
                    if let Some(name) = map.get(keyword).and_then(Json::as_str) {
                        let key = format!("{base}#{name}");
                        if keyword == "$dynamicAnchor" {
                            dynamic_anchors.insert(key.clone());
                        }
                        anchors.entry(key).or_insert_with(|| pointer_of(&path, at));
                    }
                }
                tracks_evaluated |= map.contains_key("unevaluatedProperties") || map.contains_key("unevaluatedItems");
            }
            lexical.insert(address(json), base.clone());
            for (keyword, value) in map {
                let children: Vec<(&Json, String)> = match (keyword.as_str(), value) {
                    ("items", Json::Array(list)) | ("allOf" | "anyOf" | "oneOf" | "prefixItems", Json::Array(list)) => {
                        list.iter().enumerate().map(|(index, item)| (item, index.to_string())).collect()
                    }
                    (
                        "properties" | "patternProperties" | "definitions" | "$defs" | "dependentSchemas"
                        | "dependencies",
                        Json::Object(members),
                    ) => members.iter().map(|(name, member)| (member, escape_pointer(name))).collect(),
                    (
                        "items"
                        | "additionalItems"
                        | "additionalProperties"
                        | "contains"
                        | "propertyNames"
                        | "not"
                        | "if"
                        | "then"
                        | "else"
                        | "unevaluatedItems"
                        | "unevaluatedProperties"
                        | "contentSchema",
                        Json::Object(_),
                    ) => {
                        path.push((at, escape_pointer(keyword)));
                        stack.push((value, path.len() - 1, base.clone()));
                        continue;
                    }
                    _ => continue,
                };
                path.push((at, escape_pointer(keyword)));
                let parent = path.len() - 1;
                for (child, token) in children.into_iter().filter(|(child, _)| child.is_object()) {
                    path.push((parent, token));
                    stack.push((child, path.len() - 1, base.clone()));
                }
            }
        }
        Schema { root, draft, resources, anchors, dynamic_anchors, lexical, tracks_evaluated }
    }

    /// The errors of `node` against this schema, as (span, message).
    pub fn validate(&self, node: &Node, work: &mut Work) -> Vec<(Span, String)> {
        let mut errors = Errors::all();
        let scope = Scope { uri: DEFAULT_BASE, parent: None };
        Validator { schema: self, work }.validate(node, &self.root, &scope, "", &mut errors, 0);
        errors.list
    }

    /// `reference` made absolute against `base`: (URI without fragment, decoded fragment).
    fn split(reference: &str, base: &str) -> Option<(String, String)> {
        let (uri, fragment) = match reference.strip_prefix('#') {
            Some(fragment) => (base.to_string(), fragment.to_string()),
            None => {
                let mut url = join(base, reference)?;
                let fragment = url.fragment().unwrap_or("").to_string();
                url.set_fragment(None);
                (url.as_str().to_string(), fragment)
            }
        };
        Some((uri, percent_decode(&fragment)?))
    }

    /// The schema at `fragment` (a JSON pointer or an anchor name) of the resource `uri`.
    fn locate(&self, uri: &str, fragment: &str) -> Option<&Json> {
        let pointer = if fragment.is_empty() || fragment.starts_with('/') {
            format!("{}{fragment}", self.resources.get(uri)?)
        } else {
            self.anchors.get(&format!("{uri}#{fragment}"))?.clone()
        };
        self.root.pointer(&pointer)
    }

    /// The schema a `$ref` names from `base`, and the URI of the resource it is in.
    fn resolve(&self, reference: &str, base: &str) -> Option<(&Json, String)> {
        let (uri, fragment) = Schema::split(reference, base)?;
        Some((self.locate(&uri, &fragment)?, uri))
    }

    /// The schema a `$dynamicRef` names: when it first lands on a `$dynamicAnchor`, the
    /// outermost resource of the dynamic scope with the same dynamic anchor wins.
    fn resolve_dynamic(&self, reference: &str, scope: &Scope<'_>) -> Option<(&Json, String)> {
        let (uri, fragment) = Schema::split(reference, scope.uri)?;
        let initial = self.locate(&uri, &fragment)?;
        let is_name = !fragment.is_empty() && !fragment.starts_with('/');
        if is_name && self.dynamic_anchors.contains(&format!("{uri}#{fragment}")) {
            let mut chain = Vec::new();
            let mut at = Some(scope);
            while let Some(outer) = at {
                chain.push(outer.uri);
                at = outer.parent;
            }
            for outer in chain.iter().rev() {
                let key = format!("{outer}#{fragment}");
                if self.dynamic_anchors.contains(&key)
                    && let Some(found) = self.anchors.get(&key).and_then(|pointer| self.root.pointer(pointer))
                {
                    return Some((found, (*outer).to_string()));
                }
            }
        }
        Some((initial, uri))
    }
}

/// The work one validation may do: a schema from a pull request must not hang the run
/// (nested `anyOf` + `$ref` doubles the work per level; a self-referencing `anyOf` never
/// ends), and each `pattern` is compiled once, not once per node.
pub struct Work {
    steps_left: usize,
    /// Cheap operations (value comparisons) not yet charged: 32 make one step.
    cheap: usize,
    exhausted: bool,
    patterns: HashMap<String, Option<regex::Regex>>,
    bad_patterns: Vec<String>,
    unresolved: Vec<String>,
}

impl Work {
    pub fn new() -> Work {
        Work {
            steps_left: MAX_STEPS,
            cheap: 0,
            exhausted: false,
            patterns: HashMap::new(),
            bad_patterns: Vec::new(),
            unresolved: Vec::new(),
        }
    }

    /// Whether the validation ran out of steps or depth (its errors are then incomplete).
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// The schema's `pattern`s that are not valid regular expressions.
    pub fn bad_patterns(&self) -> &[String] {
        &self.bad_patterns
    }

    /// The schema's `$ref`s that name nothing in it (remote schemas are never fetched).
    pub fn unresolved(&self) -> &[String] {
        &self.unresolved
    }

    /// Takes one step; false (and exhausted) when none is left.
    fn step(&mut self) -> bool {
        if self.steps_left == 0 {
            self.exhausted = true;
            return false;
        }
        self.steps_left -= 1;
        true
    }

    /// Charges `count` cheap operations.
    fn spend(&mut self, count: usize) {
        self.cheap += count;
        let steps = self.cheap / 32;
        self.cheap %= 32;
        if steps > self.steps_left {
            self.steps_left = 0;
            self.exhausted = true;
        } else {
            self.steps_left -= steps;
        }
    }

    fn pattern(&mut self, pattern: &str) -> Option<&regex::Regex> {
        if !self.patterns.contains_key(pattern) {
            let compiled = regex::RegexBuilder::new(pattern).size_limit(1 << 20).build().ok();
            if compiled.is_none() {
                self.bad_patterns.push(pattern.to_string());
            }
            self.patterns.insert(pattern.to_string(), compiled);
        }
        self.patterns.get(pattern).and_then(Option::as_ref)
    }

    fn matches(&mut self, pattern: &str, text: &str) -> Option<bool> {
        self.pattern(pattern).map(|re| re.is_match(text))
    }

    fn unresolved_ref(&mut self, reference: &str) {
        if !self.unresolved.iter().any(|known| known == reference) {
            self.unresolved.push(reference.to_string());
        }
    }
}

impl Default for Work {
    fn default() -> Work {
        Work::new()
    }
}

/// The dynamic scope: the schema resources evaluation has entered, innermost first.
struct Scope<'a> {
    uri: &'a str,
    parent: Option<&'a Scope<'a>>,
}

/// The items (of a list) or keys (of a mapping) some keyword has evaluated, which
/// `unevaluatedItems`/`unevaluatedProperties` leave alone. Kept only when the schema
/// has those keywords.
#[derive(Default)]
struct Evaluated {
    seen: Vec<bool>,
}

impl Evaluated {
    fn mark(&mut self, index: usize, len: usize) {
        if self.seen.len() < len {
            self.seen.resize(len, false);
        }
        if let Some(slot) = self.seen.get_mut(index) {
            *slot = true;
        }
    }

    fn has(&self, index: usize) -> bool {
        self.seen.get(index).copied().unwrap_or(false)
    }

    /// Merges what `other` evaluated; returns the work done.
    fn merge(&mut self, other: Evaluated) -> usize {
        let work = other.seen.len();
        if other.seen.len() > self.seen.len() {
            self.seen.resize(other.seen.len(), false);
        }
        for (mine, theirs) in self.seen.iter_mut().zip(other.seen) {
            *mine |= theirs;
        }
        work
    }
}

/// Where a validation's errors go.
struct Errors {
    list: Vec<(Span, String)>,
    /// Only whether there is an error matters (inside `anyOf`, `not`, `if` …): no message
    /// is written, and evaluation stops at the first error.
    probing: bool,
    count: usize,
}

impl Errors {
    fn all() -> Errors {
        Errors { list: Vec::new(), probing: false, count: 0 }
    }

    fn probe() -> Errors {
        Errors { list: Vec::new(), probing: true, count: 0 }
    }

    fn report(&mut self, span: &Span, message: impl FnOnce() -> String) {
        self.count += 1;
        if !self.probing {
            self.list.push((span.clone(), message()));
        }
    }

    /// Whether evaluating more can change nothing: a probe that has failed.
    fn settled(&self) -> bool {
        self.probing && self.count > 0
    }
}

struct Validator<'s, 'w> {
    schema: &'s Schema,
    work: &'w mut Work,
}

/// How messages name the value at `at`.
fn here(at: &str) -> String {
    if at.is_empty() { "front matter".to_string() } else { format!("`{at}`") }
}

fn child_path(at: &str, key: &str) -> String {
    if at.is_empty() { key.to_string() } else { format!("{at}.{key}") }
}

/// A non-negative whole number given to a count keyword (`2` or `2.0`).
fn count(json: Option<&Json>) -> Option<u64> {
    let json = json?;
    json.as_u64().or_else(|| json.as_f64().filter(|f| *f >= 0.0 && f.fract() == 0.0).map(|f| f as u64))
}

#[derive(Debug, Clone, Copy)]
enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    fn of_node(node: &Node) -> Option<Number> {
        match node.value {
            Value::Integer(i) => Some(Number::Int(i)),
            Value::Float(f) => Some(Number::Float(f)),
            _ => None,
        }
    }

    fn of_json(json: &Json) -> Option<Number> {
        let number = json.as_number()?;
        Some(match number.as_i64() {
            Some(i) => Number::Int(i),
            None => Number::Float(number.as_f64()?),
        })
    }

    fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(f) => f,
        }
    }

    fn cmp(self, other: Number) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }

    /// Equal as numbers: `1` and `1.0` are, exactly up to 64-bit limits.
    fn equals(self, other: Number) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (Number::Float(a), Number::Float(b)) => a == b,
            (Number::Int(i), Number::Float(f)) | (Number::Float(f), Number::Int(i)) => {
                f.fract() == 0.0 && f == i as f64 && f >= -(2f64.powi(63)) && f < 2f64.powi(63) && f as i64 == i
            }
        }
    }

    fn is_multiple_of(self, divisor: Number) -> bool {
        match (self, divisor) {
            (Number::Int(a), Number::Int(b)) if b != 0 => a.checked_rem(b).is_none_or(|r| r == 0),
            (a, b) => {
                let (a, b) = (a.as_f64(), b.as_f64());
                if b <= 0.0 || !b.is_finite() {
                    return true;
                }
                let quotient = a / b;
                quotient.is_finite() && (quotient - quotient.round()).abs() <= 1e-9 * quotient.abs().max(1.0)
            }
        }
    }

    fn show(self) -> String {
        match self {
            Number::Int(i) => i.to_string(),
            Number::Float(f) => f.to_string(),
        }
    }
}

/// A JSON Schema `type` name for a front matter node.
fn type_matches(node: &Node, name: &str) -> bool {
    match (name, &node.value) {
        ("integer", Value::Float(f)) => f.is_finite() && f.fract() == 0.0,
        _ => matches!(
            (name, &node.value),
            ("string", Value::String(_) | Value::Datetime(_))
                | ("integer", Value::Integer(_))
                | ("number", Value::Integer(_) | Value::Float(_))
                | ("boolean", Value::Bool(_))
                | ("array", Value::Seq(_))
                | ("object", Value::Map(_))
                | ("null", Value::Null)
        ),
    }
}

/// Whether `node` equals the JSON value `json` (`enum`, `const`): numbers by value,
/// mappings whatever their key order. `None` when nested too deep to say. `compared`
/// counts the values looked at, for the work budget.
fn equals_json(node: &Node, json: &Json, depth: usize, compared: &mut usize) -> Option<bool> {
    if depth > MAX_VALUE_DEPTH {
        return None;
    }
    *compared += 1;
    Some(match (&node.value, json) {
        (Value::Null, Json::Null) => true,
        (Value::Bool(a), Json::Bool(b)) => a == b,
        (Value::Integer(_) | Value::Float(_), Json::Number(_)) => {
            match (Number::of_node(node), Number::of_json(json)) {
                (Some(a), Some(b)) => a.equals(b),
                _ => false,
            }
        }
        (Value::String(a) | Value::Datetime(a), Json::String(b)) => a == b,
        (Value::Seq(items), Json::Array(values)) => {
            if items.len() != values.len() {
                return Some(false);
            }
            for (item, value) in items.iter().zip(values) {
                if !equals_json(item, value, depth + 1, compared)? {
                    return Some(false);
                }
            }
            true
        }
        (Value::Map(entries), Json::Object(members)) => {
            if entries.len() != members.len() {
                return Some(false);
            }
            for entry in entries {
                let Some(value) = members.get(&entry.key) else { return Some(false) };
                if !equals_json(&entry.value, value, depth + 1, compared)? {
                    return Some(false);
                }
            }
            true
        }
        _ => false,
    })
}

/// A text that is the same for equal values (`uniqueItems`): numbers by value, mappings
/// by sorted key. False when nested too deep to say. `visited` counts the values.
fn canonical(node: &Node, out: &mut String, depth: usize, visited: &mut usize) -> bool {
    if depth > MAX_VALUE_DEPTH {
        return false;
    }
    *visited += 1;
    match &node.value {
        Value::Null => out.push('n'),
        Value::Bool(b) => out.push(if *b { 't' } else { 'f' }),
        Value::Integer(i) => out.push_str(&format!("i{i};")),
        Value::Float(f) if f.fract() == 0.0 && *f >= -(2f64.powi(63)) && *f < 2f64.powi(63) => {
            out.push_str(&format!("i{};", *f as i64))
        }
        Value::Float(f) => out.push_str(&format!("d{f:?};")),
        Value::String(text) | Value::Datetime(text) => out.push_str(&format!("s{}:{text}", text.len())),
        Value::Alias => out.push('?'),
        Value::Seq(items) => {
            out.push('[');
            for item in items {
                if !canonical(item, out, depth + 1, visited) {
                    return false;
                }
            }
            out.push(']');
        }
        Value::Map(entries) => {
            let mut members = Vec::with_capacity(entries.len());
            for entry in entries {
                let mut member = format!("{}:{}", entry.key.len(), entry.key);
                if !canonical(&entry.value, &mut member, depth + 1, visited) {
                    return false;
                }
                members.push(member);
            }
            members.sort();
            out.push('{');
            for member in members {
                out.push_str(&member);
            }
            out.push('}');
        }
    }
    true
}

/// Values of an `enum` a message lists at most.
const MAX_SHOWN: usize = 10;

/// A schema value as messages show it: short, and never a whole nested value.
fn shown_json(json: &Json) -> String {
    match json {
        Json::Array(_) => "a list".to_string(),
        Json::Object(_) => "a mapping".to_string(),
        other => crate::text::escape::truncate_chars(&other.to_string(), 80).into_owned(),
    }
}

/// The value of `node` as messages show it.
fn shown(node: &Node) -> String {
    match &node.value {
        Value::Seq(_) => "a list".to_string(),
        Value::Map(_) => "a mapping".to_string(),
        _ => format!("`{}`", node.scalar_text().unwrap_or_default()),
    }
}

impl<'s> Validator<'s, '_> {
    fn track(&self) -> bool {
        self.schema.tracks_evaluated
    }

    fn merge(&mut self, seen: &mut Evaluated, found: Evaluated) {
        let work = seen.merge(found);
        self.work.spend(work);
    }

    fn validate(
        &mut self,
        node: &Node,
        schema: &'s Json,
        scope: &Scope<'_>,
        at: &str,
        errors: &mut Errors,
        depth: usize,
    ) -> Evaluated {
        let mut seen = Evaluated::default();
        if errors.settled() {
            return seen;
        }
        if depth > MAX_DEPTH {
            self.work.exhausted = true;
            return seen;
        }
        if !self.work.step() {
            return seen;
        }
        let object = match schema {
            Json::Object(object) => object,
            Json::Bool(false) => {
                errors.report(&node.span, || format!("{} is not allowed by the schema", here(at)));
                return seen;
            }
            _ => return seen,
        };
        let base = self.schema.lexical.get(&address(schema)).map_or(scope.uri, |base| &**base);
        let entered;
        let scope = if base == scope.uri {
            scope
        } else {
            entered = Scope { uri: base, parent: Some(scope) };
            &entered
        };
        if let Some(reference) = object.get("$ref").and_then(Json::as_str) {
            let found = self.reference(node, reference, false, scope, at, errors, depth);
            self.merge(&mut seen, found);
            if self.schema.draft == Draft::Draft7 {
                return seen;
            }
        }
        if self.schema.draft == Draft::Draft2020_12
            && let Some(reference) = object.get("$dynamicRef").and_then(Json::as_str)
        {
            let found = self.reference(node, reference, true, scope, at, errors, depth);
            self.merge(&mut seen, found);
        }
        if let Some(types) = object.get("type") {
            let names: Vec<&str> = match types {
                Json::String(name) => vec![name.as_str()],
                Json::Array(items) => items.iter().filter_map(Json::as_str).collect(),
                _ => Vec::new(),
            };
            if !names.is_empty() && !names.iter().any(|n| type_matches(node, n)) {
                errors.report(&node.span, || {
                    format!("{} should be {}, found a {}", here(at), names.join(" or "), node.type_name())
                });
                return seen;
            }
        }
        self.check_value(node, object, at, errors);
        match &node.value {
            Value::Seq(items) => self.check_list(node, items, object, scope, at, errors, depth, &mut seen),
            Value::Map(_) => self.check_mapping(node, object, scope, at, errors, depth, &mut seen),
            _ => {}
        }
        self.check_applicators(node, object, scope, at, errors, depth, &mut seen);
        if self.schema.draft == Draft::Draft2020_12 {
            self.check_unevaluated(node, object, scope, at, errors, depth, &mut seen);
        }
        seen
    }

    /// Follows a `$ref` (or `$dynamicRef`); one that names nothing is recorded, not checked.
    #[allow(clippy::too_many_arguments)]
    fn reference(
        &mut self,
        node: &Node,
        reference: &str,
        dynamic: bool,
        scope: &Scope<'_>,
        at: &str,
        errors: &mut Errors,
        depth: usize,
    ) -> Evaluated {
        let target = if dynamic {
            self.schema.resolve_dynamic(reference, scope)
        } else {
            self.schema.resolve(reference, scope.uri)
        };
        match target {
            Some((target, uri)) => {
                let entered = Scope { uri: &uri, parent: Some(scope) };
                self.validate(node, target, &entered, at, errors, depth + 1)
            }
            None => {
                self.work.unresolved_ref(reference);
                Evaluated::default()
            }
        }
    }

    /// Runs `schema` on `node` only to learn whether it matches.
    fn probe(&mut self, node: &Node, schema: &'s Json, scope: &Scope<'_>, at: &str, depth: usize) -> (bool, Evaluated) {
        let mut probe = Errors::probe();
        let seen = self.validate(node, schema, scope, at, &mut probe, depth + 1);
        (probe.count == 0, seen)
    }

    /// `enum`, `const`, and the string and number keywords.
    fn check_value(&mut self, node: &Node, object: &serde_json::Map<String, Json>, at: &str, errors: &mut Errors) {
        if let Some(allowed) = object.get("enum").and_then(Json::as_array) {
            let mut compared = 0;
            let mut found = Some(false);
            for value in allowed {
                found = equals_json(node, value, 0, &mut compared);
                if found != Some(false) {
                    break;
                }
            }
            self.work.spend(compared);
            match found {
                Some(true) => {}
                Some(false) => errors.report(&node.span, || {
                    let mut list: Vec<String> = allowed.iter().take(MAX_SHOWN).map(shown_json).collect();
                    if allowed.len() > MAX_SHOWN {
                        list.push(format!("… ({} in all)", allowed.len()));
                    }
                    format!("{} is {}, expected one of {}", here(at), shown(node), list.join(", "))
                }),
                None => self.work.exhausted = true,
            }
        }
        if let Some(expected) = object.get("const") {
            let mut compared = 0;
            let equal = equals_json(node, expected, 0, &mut compared);
            self.work.spend(compared);
            match equal {
                Some(true) => {}
                Some(false) => errors.report(&node.span, || {
                    format!("{} is {}, expected {}", here(at), shown(node), shown_json(expected))
                }),
                None => self.work.exhausted = true,
            }
        }
        if let Some(text) = node.as_str() {
            // Reading a long text many times over must count against the budget too.
            self.work.spend(text.len() / 64);
            let chars = text.chars().count() as u64;
            if let Some(min) = count(object.get("minLength")).filter(|m| chars < *m) {
                errors.report(&node.span, || format!("{} is {chars} characters, at least {min} expected", here(at)));
            }
            if let Some(max) = count(object.get("maxLength")).filter(|m| chars > *m) {
                errors.report(&node.span, || format!("{} is {chars} characters, at most {max} expected", here(at)));
            }
            if let Some(pattern) = object.get("pattern").and_then(Json::as_str)
                && self.work.matches(pattern, text) == Some(false)
            {
                errors.report(&node.span, || format!("{} does not match the pattern `{pattern}`", here(at)));
            }
            let format = object.get("format").and_then(Json::as_str);
            let format_ok = match format {
                Some("date") => dates::parse_datetime(text).is_ok_and(|d| d.seconds.is_none()),
                Some("date-time") => dates::parse_datetime(text).is_ok(),
                Some("uri") => url::Url::parse(text).is_ok(),
                _ => true,
            };
            if !format_ok {
                errors.report(&node.span, || format!("{} is not a valid {}", here(at), format.unwrap_or("")));
            }
        }
        if let Some(number) = Number::of_node(node) {
            let bound = |keyword: &str| object.get(keyword).and_then(Number::of_json);
            use std::cmp::Ordering::{Greater, Less};
            let checks = [
                ("minimum", "at least", [Less].as_slice()),
                ("maximum", "at most", [Greater].as_slice()),
                ("exclusiveMinimum", "more than", [Less, std::cmp::Ordering::Equal].as_slice()),
                ("exclusiveMaximum", "less than", [Greater, std::cmp::Ordering::Equal].as_slice()),
            ];
            for (keyword, wanted, failing) in checks {
                if let Some(limit) = bound(keyword)
                    && number.cmp(limit).is_some_and(|order| failing.contains(&order))
                {
                    errors.report(&node.span, || {
                        format!("{} is {}, {wanted} {} expected", here(at), number.show(), limit.show())
                    });
                }
            }
            if let Some(divisor) = bound("multipleOf")
                && !number.is_multiple_of(divisor)
            {
                errors.report(&node.span, || {
                    format!("{} is {}, a multiple of {} expected", here(at), number.show(), divisor.show())
                });
            }
        }
    }

    /// The list keywords: counts, `uniqueItems`, `prefixItems`/`items`/`additionalItems`,
    /// `contains`.
    #[allow(clippy::too_many_arguments)]
    fn check_list(
        &mut self,
        node: &Node,
        items: &[Node],
        object: &'s serde_json::Map<String, Json>,
        scope: &Scope<'_>,
        at: &str,
        errors: &mut Errors,
        depth: usize,
        seen: &mut Evaluated,
    ) {
        let len = items.len();
        self.work.spend(len);
        let total = len as u64;
        if let Some(min) = count(object.get("minItems")).filter(|m| total < *m) {
            errors.report(&node.span, || format!("{} has {total} items, at least {min} expected", here(at)));
        }
        if let Some(max) = count(object.get("maxItems")).filter(|m| total > *m) {
            errors.report(&node.span, || format!("{} has {total} items, at most {max} expected", here(at)));
        }
        if object.get("uniqueItems") == Some(&Json::Bool(true)) {
            let mut first_at: HashMap<String, usize> = HashMap::new();
            let mut visited = 0;
            for (index, item) in items.iter().enumerate() {
                let mut key = String::new();
                if !canonical(item, &mut key, 0, &mut visited) {
                    self.work.exhausted = true;
                    break;
                }
                if let Some(first) = first_at.get(&key) {
                    errors.report(&item.span, || {
                        format!("`{at}[{index}]` repeats `{at}[{first}]`; the schema wants unique items")
                    });
                    break;
                }
                first_at.insert(key, index);
            }
            self.work.spend(visited);
        }
        let is_2020 = self.schema.draft == Draft::Draft2020_12;
        let (prefix, rest): (&[Json], Option<&Json>) = match (object.get("prefixItems"), object.get("items")) {
            (Some(Json::Array(prefix)), items) if is_2020 => (prefix.as_slice(), items.filter(|i| !i.is_array())),
            (_, Some(Json::Array(prefix))) => (prefix.as_slice(), object.get("additionalItems")),
            (_, items) => (&[], items),
        };
        for (index, item) in items.iter().enumerate() {
            if errors.settled() {
                break;
            }
            let Some(item_schema) = prefix.get(index).or(rest) else { break };
            self.validate(item, item_schema, scope, &format!("{at}[{index}]"), errors, depth + 1);
            if self.track() {
                seen.mark(index, len);
            }
        }
        if let Some(contains) = object.get("contains") {
            let min = if is_2020 { count(object.get("minContains")).unwrap_or(1) } else { 1 };
            let max = if is_2020 { count(object.get("maxContains")) } else { None };
            let mut matched = 0u64;
            for (index, item) in items.iter().enumerate() {
                let (valid, _) = self.probe(item, contains, scope, &format!("{at}[{index}]"), depth);
                if valid {
                    matched += 1;
                    if self.track() {
                        seen.mark(index, len);
                    }
                }
                if !self.track() && max.is_none() && matched >= min {
                    break;
                }
            }
            if matched < min {
                errors.report(&node.span, || match matched {
                    0 => format!("{} has no item that matches the schema's `contains`", here(at)),
                    _ => format!(
                        "{} has {matched} items that match the schema's `contains`, at least {min} expected",
                        here(at)
                    ),
                });
            }
            if let Some(max) = max.filter(|m| matched > *m) {
                errors.report(&node.span, || {
                    format!(
                        "{} has {matched} items that match the schema's `contains`, at most {max} expected",
                        here(at)
                    )
                });
            }
        }
    }

    /// The mapping keywords: `required`, counts, dependencies, `propertyNames`,
    /// `properties`/`patternProperties`/`additionalProperties`, `dependentSchemas`.
    #[allow(clippy::too_many_arguments)]
    fn check_mapping(
        &mut self,
        node: &Node,
        object: &'s serde_json::Map<String, Json>,
        scope: &Scope<'_>,
        at: &str,
        errors: &mut Errors,
        depth: usize,
        seen: &mut Evaluated,
    ) {
        let entries = node.entries();
        self.work.spend(entries.len());
        // Keys are looked up by name only for these keywords; a long mapping gets a set.
        let lookups = ["required", "dependencies", "dependentRequired", "dependentSchemas"];
        let keys: Option<HashSet<&str>> = (entries.len() > 16 && lookups.iter().any(|k| object.contains_key(*k)))
            .then(|| entries.iter().map(|e| e.key.as_str()).collect());
        let has = |key: &str| match &keys {
            Some(keys) => keys.contains(key),
            None => entries.iter().any(|e| e.key == key),
        };
        let anchor = node.span.start..node.span.start;
        let required = object.get("required").and_then(Json::as_array).map_or(&[][..], Vec::as_slice);
        self.work.spend(required.len());
        for required in required.iter().filter_map(Json::as_str) {
            if !has(required) {
                errors.report(&anchor, || format!("{} has no `{required}`, which the schema requires", here(at)));
            }
        }
        let keys = entries.len() as u64;
        if let Some(min) = count(object.get("minProperties")).filter(|m| keys < *m) {
            errors.report(&node.span, || format!("{} has {keys} keys, at least {min} expected", here(at)));
        }
        if let Some(max) = count(object.get("maxProperties")).filter(|m| keys > *m) {
            errors.report(&node.span, || format!("{} has {keys} keys, at most {max} expected", here(at)));
        }
        let is_2020 = self.schema.draft == Draft::Draft2020_12;
        let mut dependent: Vec<(&str, &'s Json)> = Vec::new();
        for keyword in ["dependencies", "dependentRequired", "dependentSchemas"] {
            if keyword != "dependencies" && !is_2020 {
                continue;
            }
            let Some(members) = object.get(keyword).and_then(Json::as_object) else { continue };
            self.work.spend(members.len());
            for (key, dependency) in members {
                if has(key) {
                    dependent.push((key.as_str(), dependency));
                }
            }
        }
        for (key, dependency) in dependent {
            if errors.settled() {
                break;
            }
            match dependency {
                Json::Array(names) => {
                    self.work.spend(names.len());
                    for name in names.iter().filter_map(Json::as_str).filter(|name| !has(name)) {
                        errors.report(&anchor, || {
                            format!("{} has `{key}` but no `{name}`, which the schema requires with it", here(at))
                        });
                    }
                }
                schema => {
                    let found = self.validate(node, schema, scope, at, errors, depth + 1);
                    self.merge(seen, found);
                }
            }
        }
        if let Some(names) = object.get("propertyNames") {
            for entry in entries {
                if errors.settled() {
                    break;
                }
                let key = Node::new(entry.key_span.clone(), Value::String(entry.key.clone()), Style::Plain);
                let (valid, _) = self.probe(&key, names, scope, &child_path(at, &entry.key), depth);
                if !valid {
                    errors.report(&entry.key_span, || {
                        format!("the key `{}` does not fit the schema's `propertyNames`", child_path(at, &entry.key))
                    });
                }
            }
        }
        let properties = object.get("properties").and_then(Json::as_object);
        let patterns = object.get("patternProperties").and_then(Json::as_object);
        let additional = object.get("additionalProperties");
        if properties.is_none() && patterns.is_none() && additional.is_none() {
            return;
        }
        let len = entries.len();
        for (index, entry) in entries.iter().enumerate() {
            if errors.settled() {
                break;
            }
            let path = child_path(at, &entry.key);
            let mut matched = false;
            if let Some(property) = properties.and_then(|p| p.get(&entry.key)) {
                self.validate(&entry.value, property, scope, &path, errors, depth + 1);
                matched = true;
            }
            for (pattern, property) in patterns.into_iter().flatten() {
                self.work.spend(1 + entry.key.len() / 64);
                if self.work.matches(pattern, &entry.key) == Some(true) {
                    self.validate(&entry.value, property, scope, &path, errors, depth + 1);
                    matched = true;
                }
            }
            // The post's own `$schema` (the path of this schema) is never an extra key.
            let own_schema_key = at.is_empty() && entry.key == "$schema";
            if !(matched || own_schema_key) {
                match additional {
                    Some(Json::Bool(false)) => {
                        errors.report(&entry.key_span, || format!("`{path}` is not allowed by the schema"));
                    }
                    Some(extra) => {
                        self.validate(&entry.value, extra, scope, &path, errors, depth + 1);
                    }
                    None => continue,
                }
            }
            if self.track() {
                seen.mark(index, len);
            }
        }
    }

    /// `allOf`, `anyOf`, `oneOf`, `not` and `if`/`then`/`else`.
    #[allow(clippy::too_many_arguments)]
    fn check_applicators(
        &mut self,
        node: &Node,
        object: &'s serde_json::Map<String, Json>,
        scope: &Scope<'_>,
        at: &str,
        errors: &mut Errors,
        depth: usize,
        seen: &mut Evaluated,
    ) {
        if let Some(all) = object.get("allOf").and_then(Json::as_array) {
            for part in all {
                if errors.settled() {
                    break;
                }
                let found = self.validate(node, part, scope, at, errors, depth + 1);
                self.merge(seen, found);
            }
        }
        for combinator in ["anyOf", "oneOf"] {
            let Some(options) = object.get(combinator).and_then(Json::as_array) else { continue };
            let mut matching = 0;
            for option in options {
                let (valid, found) = self.probe(node, option, scope, at, depth);
                if valid {
                    matching += 1;
                    self.merge(seen, found);
                    let enough = if combinator == "anyOf" { !self.track() } else { matching > 1 };
                    if enough {
                        break;
                    }
                }
            }
            if matching == 0 || (combinator == "oneOf" && matching > 1) {
                errors.report(&node.span, || {
                    format!("{} matches {matching} of the schema's `{combinator}` alternatives", here(at))
                });
            }
        }
        if let Some(forbidden) = object.get("not")
            && self.probe(node, forbidden, scope, at, depth).0
        {
            errors.report(&node.span, || format!("{} matches a schema it must not match (`not`)", here(at)));
        }
        if let Some(condition) = object.get("if") {
            let (holds, found) = self.probe(node, condition, scope, at, depth);
            let branch = if holds {
                self.merge(seen, found);
                object.get("then")
            } else {
                object.get("else")
            };
            if let Some(branch) = branch {
                let found = self.validate(node, branch, scope, at, errors, depth + 1);
                self.merge(seen, found);
            }
        }
    }

    /// `unevaluatedItems` and `unevaluatedProperties`: what no other keyword evaluated.
    #[allow(clippy::too_many_arguments)]
    fn check_unevaluated(
        &mut self,
        node: &Node,
        object: &'s serde_json::Map<String, Json>,
        scope: &Scope<'_>,
        at: &str,
        errors: &mut Errors,
        depth: usize,
        seen: &mut Evaluated,
    ) {
        match &node.value {
            Value::Seq(items) => {
                let Some(rest) = object.get("unevaluatedItems") else { return };
                for (index, item) in items.iter().enumerate() {
                    if errors.settled() {
                        break;
                    }
                    if !seen.has(index) {
                        self.validate(item, rest, scope, &format!("{at}[{index}]"), errors, depth + 1);
                        seen.mark(index, items.len());
                    }
                }
            }
            Value::Map(entries) => {
                let Some(rest) = object.get("unevaluatedProperties") else { return };
                for (index, entry) in entries.iter().enumerate() {
                    if errors.settled() {
                        break;
                    }
                    if seen.has(index) || (at.is_empty() && entry.key == "$schema") {
                        continue;
                    }
                    let path = child_path(at, &entry.key);
                    if rest == &Json::Bool(false) {
                        errors.report(&entry.key_span, || format!("`{path}` is not allowed by the schema"));
                    } else {
                        self.validate(&entry.value, rest, scope, &path, errors, depth + 1);
                    }
                    seen.mark(index, entries.len());
                }
            }
            _ => {}
        }
    }
}

/// What the validator says of one instance, for the JSON-Schema-Test-Suite.
#[cfg(any(test, feature = "testing"))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    /// The messages FM017 would report.
    Invalid(Vec<String>),
    /// Not decided: over the step or depth budget, or a `$ref` that names nothing
    /// (FM017 reports either instead of checking).
    NotChecked(String),
}

/// Runs `instance` (as front matter would be read) through FM017's validator, reading
/// `schema` with the rules of `draft` when its `$schema` names none.
#[cfg(any(test, feature = "testing"))]
pub fn check_json_instance(schema: &Json, instance: &Json, draft: Draft) -> Verdict {
    let compiled = Schema::new(schema.clone(), draft);
    let mut work = Work::new();
    let errors = compiled.validate(&node_from_json(instance), &mut work);
    if work.exhausted() {
        Verdict::NotChecked("too complex".to_string())
    } else if !work.unresolved().is_empty() {
        Verdict::NotChecked(format!("unresolved $ref {}", work.unresolved().join(", ")))
    } else if errors.is_empty() {
        Verdict::Valid
    } else {
        Verdict::Invalid(errors.into_iter().map(|(_, message)| message).collect())
    }
}

/// A JSON value as the front matter tree holds it (no spans: every node at 0..0).
#[cfg(any(test, feature = "testing"))]
fn node_from_json(value: &Json) -> Node {
    use crate::document::tree::Entry;
    let value = match value {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(text) => Value::String(text.clone()),
        Json::Array(items) => Value::Seq(items.iter().map(node_from_json).collect()),
        Json::Object(map) => Value::Map(
            map.iter()
                .map(|(key, value)| Entry { key: key.clone(), key_span: 0..0, value: node_from_json(value) })
                .collect(),
        ),
    };
    Node::new(0..0, value, Style::Plain)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn front_matter(yaml: &str) -> Node {
        let parsed = crate::document::yaml::parse(yaml, 0);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        parsed.root.unwrap_or_else(|| Node::new(0..0, Value::Null, Style::Plain))
    }

    /// The messages for `yaml` against `schema` (2020-12 unless it names a draft).
    fn errors(schema: Json, yaml: &str) -> Vec<String> {
        let (messages, work) = run(schema, yaml);
        assert!(!work.exhausted() && work.unresolved().is_empty(), "{messages:?} {:?}", work.unresolved());
        messages
    }

    fn run(schema: Json, yaml: &str) -> (Vec<String>, Work) {
        let schema = Schema::new(schema, Draft::Draft2020_12);
        let mut work = Work::new();
        let found = schema.validate(&front_matter(yaml), &mut work);
        (found.into_iter().map(|(_, message)| message).collect(), work)
    }

    #[test]
    fn boolean_schemas_accept_everything_or_nothing() {
        assert!(errors(json!(true), "a: 1").is_empty());
        assert_eq!(errors(json!(false), "a: 1"), ["front matter is not allowed by the schema"]);
        let schema = json!({"properties": {"draft": false, "title": true}});
        assert_eq!(errors(schema, "title: x\ndraft: true"), ["`draft` is not allowed by the schema"]);
    }

    #[test]
    fn enum_and_const_compare_values_not_their_text() {
        let years = json!({"properties": {"year": {"enum": ["2024", 2025.0]}}});
        assert_eq!(errors(years.clone(), "year: 2024"), ["`year` is `2024`, expected one of \"2024\", 2025.0"]);
        assert!(errors(years.clone(), "year: \"2024\"").is_empty());
        assert!(errors(years, "year: 2025").is_empty(), "2025 and 2025.0 are the same number");
        let flag = json!({"properties": {"draft": {"const": false}}});
        assert_eq!(errors(flag.clone(), "draft: \"false\"").len(), 1);
        assert_eq!(errors(flag.clone(), "draft: 0").len(), 1);
        assert!(errors(flag, "draft: false").is_empty());
        let author = json!({"properties": {"author": {"const": {"name": "Ann", "links": [1, 2]}}}});
        assert!(errors(author.clone(), "author: {links: [1, 2.0], name: Ann}").is_empty(), "any key order");
        assert_eq!(errors(author, "author: {name: Ann, links: [2, 1]}").len(), 1);
    }

    #[test]
    fn a_long_enum_is_cut_short_in_the_message() {
        let many: Vec<String> = (0..50).map(|n| format!("c{n}")).collect();
        let found = errors(json!({"properties": {"category": {"enum": many}}}), "category: x");
        assert!(found[0].ends_with("\"c9\", … (50 in all)"), "{found:?}");
    }

    #[test]
    fn whole_floats_are_integers_and_counts_may_have_a_decimal_point() {
        let schema = json!({"properties": {"series": {"type": "integer", "multipleOf": 0.5, "maximum": 10}}});
        assert!(errors(schema.clone(), "series: 2.0").is_empty());
        assert_eq!(errors(schema.clone(), "series: 2.5"), ["`series` should be integer, found a number"]);
        assert_eq!(errors(schema, "series: 12"), ["`series` is 12, at most 10 expected"]);
        let counted = json!({"properties": {"tags": {"maxItems": 1.0}, "title": {"minLength": 3.0}}});
        assert_eq!(errors(counted, "tags: [a, b]\ntitle: ab").len(), 2);
        let money = json!({"properties": {"price": {"multipleOf": 0.01}}});
        assert!(errors(money.clone(), "price: 19.99").is_empty(), "floating point is not exact");
        assert_eq!(errors(money, "price: 19.995").len(), 1);
        let strict = json!({"properties": {"n": {"exclusiveMinimum": 0, "exclusiveMaximum": 5}}});
        assert_eq!(errors(strict.clone(), "n: 0"), ["`n` is 0, more than 0 expected"]);
        assert_eq!(errors(strict, "n: 5"), ["`n` is 5, less than 5 expected"]);
    }

    #[test]
    fn unique_items_compare_numbers_by_value_and_mappings_by_content() {
        let schema = json!({"properties": {"tags": {"uniqueItems": true}}});
        assert_eq!(
            errors(schema.clone(), "tags: [a, b, a]"),
            ["`tags[2]` repeats `tags[0]`; the schema wants unique items"]
        );
        assert_eq!(errors(schema.clone(), "tags: [1, 1.0]").len(), 1);
        assert_eq!(errors(schema.clone(), "tags: [{a: 1, b: 2}, {b: 2, a: 1}]").len(), 1);
        assert!(errors(schema.clone(), "tags: [1, \"1\", true, [1], {a: 1}]").is_empty());
        assert!(errors(schema, "tags: [\"s1:a\", \"s1:\"]").is_empty(), "the encoding is not ambiguous");
    }

    #[test]
    fn object_and_list_keywords() {
        let schema = json!({
            "properties": {
                "author": {
                    "type": "object",
                    "propertyNames": {"pattern": "^[a-z]+$"},
                    "patternProperties": {"^x-": {"type": "string"}},
                    "dependentRequired": {"email": ["name"]},
                    "maxProperties": 3
                },
                "tags": {"contains": {"const": "news"}, "maxContains": 1, "prefixItems": [{"type": "string"}], "items": {"type": "integer"}}
            }
        });
        assert!(errors(schema.clone(), "author: {name: A, email: a@b}\ntags: [news]").is_empty());
        let found = errors(schema.clone(), "author: {email: a@b, Bad: 1}\ntags: [x, 2]");
        assert_eq!(
            found,
            [
                "`author` has `email` but no `name`, which the schema requires with it",
                "the key `author.Bad` does not fit the schema's `propertyNames`",
                "`tags` has no item that matches the schema's `contains`"
            ]
        );
        let found = errors(schema, "tags: [news, news]");
        assert_eq!(
            found,
            [
                "`tags[1]` should be integer, found a string",
                "`tags` has 2 items that match the schema's `contains`, at most 1 expected"
            ]
        );
    }

    #[test]
    fn applicators_not_and_if_then_else() {
        let schema = json!({
            "if": {"properties": {"layout": {"const": "talk"}}, "required": ["layout"]},
            "then": {"required": ["video"]},
            "else": {"not": {"required": ["video"]}}
        });
        assert!(errors(schema.clone(), "layout: talk\nvideo: x").is_empty());
        assert_eq!(errors(schema.clone(), "layout: talk"), ["front matter has no `video`, which the schema requires"]);
        assert_eq!(
            errors(schema, "layout: post\nvideo: x"),
            ["front matter matches a schema it must not match (`not`)"]
        );
    }

    #[test]
    fn refs_resolve_through_ids_anchors_and_escaped_pointers() {
        let schema = json!({
            "$id": "https://example.com/schemas/post.json",
            "properties": {
                "author": {"$ref": "people.json#person"},
                "slug": {"$ref": "#/$defs/a~1b%25c"},
                "title": {"$ref": "#title"}
            },
            "$defs": {
                "people": {"$id": "people.json", "$defs": {"p": {"$anchor": "person", "type": "object", "required": ["name"]}}},
                "a/b%c": {"pattern": "^[a-z-]+$"},
                "t": {"$anchor": "title", "type": "string"}
            }
        });
        assert!(errors(schema.clone(), "author: {name: A}\nslug: a-b\ntitle: T").is_empty());
        assert_eq!(errors(schema, "author: {}\nslug: A B\ntitle: 3").len(), 3);
    }

    #[test]
    fn a_draft_07_ref_replaces_its_siblings_and_a_2020_12_ref_does_not() {
        let schema = |draft: &str| {
            json!({"$schema": draft, "properties": {"title": {"$ref": "#/definitions/text", "maxLength": 3}},
                   "definitions": {"text": {"type": "string"}}})
        };
        assert!(errors(schema("http://json-schema.org/draft-07/schema#"), "title: long").is_empty());
        assert_eq!(errors(schema("https://json-schema.org/draft/2020-12/schema"), "title: long").len(), 1);
        // No `$schema`: read as 2020-12, the current draft.
        let bare = json!({"properties": {"title": {"$ref": "#/definitions/text", "maxLength": 3}},
                          "definitions": {"text": {"type": "string"}}});
        assert_eq!(errors(bare, "title: long").len(), 1);
    }

    #[test]
    fn draft_07_tuples_and_dependencies_are_honoured_in_2020_12_too() {
        let schema = json!({"properties": {"pair": {"items": [{"type": "string"}], "additionalItems": false}},
                            "dependencies": {"email": ["name"], "video": {"required": ["duration"]}}});
        assert!(errors(schema.clone(), "pair: [a]\nemail: x\nname: y").is_empty());
        assert_eq!(errors(schema, "pair: [a, b]\nemail: x\nvideo: v").len(), 3);
    }

    #[test]
    fn unevaluated_properties_see_what_the_applicators_evaluated() {
        let schema = json!({
            "allOf": [{"properties": {"title": {"type": "string"}}}],
            "anyOf": [{"properties": {"date": true}, "required": ["date"]}, {"properties": {"slug": true}}],
            "unevaluatedProperties": false
        });
        assert!(errors(schema.clone(), "title: a\ndate: 2026-01-01").is_empty());
        assert_eq!(errors(schema, "title: a\ndate: 2026-01-01\nextra: 1"), ["`extra` is not allowed by the schema"]);
        let items = json!({"prefixItems": [true], "contains": {"const": "x"}, "unevaluatedItems": false});
        let list = json!({"properties": {"tags": items}});
        assert!(errors(list.clone(), "tags: [a, x, x]").is_empty());
        assert_eq!(errors(list, "tags: [a, x, y]"), ["`tags[2]` is not allowed by the schema"]);
    }

    #[test]
    fn the_front_matter_own_schema_key_is_never_an_extra_key() {
        for closed in ["additionalProperties", "unevaluatedProperties"] {
            let schema = json!({"properties": {"title": true, "meta": {closed: false}}, closed: false});
            assert!(errors(schema.clone(), "$schema: ../post.json\ntitle: a").is_empty(), "{closed}");
            assert_eq!(errors(schema, "title: a\nmeta: {$schema: x}"), ["`meta.$schema` is not allowed by the schema"]);
        }
    }

    #[test]
    fn a_dynamic_ref_takes_the_outermost_dynamic_anchor() {
        let schema = json!({
            "$id": "https://example.com/post",
            "$ref": "list",
            "$defs": {
                "tag": {"$dynamicAnchor": "item", "type": "string", "maxLength": 5},
                "list": {
                    "$id": "list",
                    "type": "array",
                    "items": {"$dynamicRef": "#item"},
                    "$defs": {"any": {"$dynamicAnchor": "item"}}
                }
            }
        });
        let schema = Schema::new(schema, Draft::Draft2020_12);
        let mut work = Work::new();
        let list = |yaml: &str| front_matter(yaml);
        assert!(schema.validate(&list("[ok, fine]"), &mut work).is_empty());
        assert_eq!(schema.validate(&list("[ok, too long]"), &mut work).len(), 1);
    }

    #[test]
    fn a_ref_to_nothing_is_recorded_and_not_checked() {
        let schema =
            json!({"properties": {"a": {"$ref": "https://example.com/remote.json"}, "b": {"$ref": "#/$defs/missing"}}});
        let (found, work) = run(schema, "a: 1\nb: 2");
        assert!(found.is_empty());
        assert_eq!(work.unresolved(), ["https://example.com/remote.json", "#/$defs/missing"]);
    }

    #[test]
    fn errors_point_at_the_node_they_are_about() {
        let yaml = "title: ok\ntags: [a, 3]\nextra: 1\n";
        let schema = Schema::new(
            json!({"properties": {"title": true, "tags": {"items": {"type": "string"}}}, "additionalProperties": false, "required": ["date"]}),
            Draft::Draft2020_12,
        );
        let found = schema.validate(&front_matter(yaml), &mut Work::new());
        let spans: Vec<&str> = found.iter().map(|(span, _)| &yaml[span.clone()]).collect();
        // The missing key points at the start of the mapping (an empty span).
        assert_eq!(spans, ["", "3", "extra"], "{found:?}");
        assert_eq!(found[1].1, "`tags[1]` should be string, found a integer");
    }

    #[test]
    fn self_reference_and_exponential_nesting_stop_at_the_budget() {
        for schema in [
            json!({"$ref": "#"}),
            json!({"$defs": {"x": {"anyOf": [{"$ref": "#/$defs/x"}, {"$ref": "#/$defs/x"}]}}, "$ref": "#/$defs/x"}),
            json!({"$dynamicAnchor": "a", "not": {"$dynamicRef": "#a"}}),
            json!({"$schema": "http://json-schema.org/draft-07/schema#", "$id": "#a", "allOf": [{"$ref": "#a"}]}),
        ] {
            let start = std::time::Instant::now();
            let (_, work) = run(schema.clone(), "title: a");
            assert!(work.exhausted(), "{schema}");
            assert!(start.elapsed() < std::time::Duration::from_secs(10), "{schema}");
        }
    }

    #[test]
    fn big_front_matter_counts_against_the_budget() {
        // 20,000 keys, each tried against 200 alternatives: more than a run may do, so it
        // stops instead of taking minutes.
        let yaml: String = (0..20_000).map(|n| format!("k{n}: 1\n")).collect();
        let alternatives: Vec<Json> = (0..200).map(|n| json!({"const": n + 1_000})).collect();
        let start = std::time::Instant::now();
        let (_, work) = run(json!({"additionalProperties": {"anyOf": alternatives}}), &yaml);
        assert!(work.exhausted());
        // A closed mapping that many alternatives look at is cheap: each stops at its
        // first error.
        let alternatives: Vec<Json> =
            (0..200).map(|n| json!({"required": [format!("x{n}")], "additionalProperties": false})).collect();
        let (found, work) = run(json!({"anyOf": alternatives}), &yaml);
        assert!(!work.exhausted() && found.len() == 1, "{found:?}");
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
    }

    /// Every keyword that validates a subschema, looping back to the root: whichever the
    /// evaluation goes through, the depth cap stops it in a small stack.
    #[test]
    fn the_deepest_evaluation_fits_a_small_stack() {
        let looping = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$dynamicAnchor": "self",
            "allOf": [{"$ref": "#"}],
            "anyOf": [{"$dynamicRef": "#self"}],
            "oneOf": [{"$ref": "#"}],
            "not": {"$ref": "#"},
            "if": {"$ref": "#"},
            "then": {"$ref": "#"},
            "else": {"$ref": "#"},
            "properties": {"a": {"$ref": "#"}},
            "patternProperties": {"a": {"$ref": "#"}},
            "additionalProperties": {"$ref": "#"},
            "propertyNames": {"$ref": "#"},
            "dependentSchemas": {"a": {"$ref": "#"}},
            "prefixItems": [{"$ref": "#"}],
            "items": {"$ref": "#"},
            "contains": {"$ref": "#"},
            "unevaluatedItems": {"$ref": "#"},
            "unevaluatedProperties": {"$ref": "#"}
        });
        let nested = format!("a: {}{}\nb: {{a: {{a: {{a: {{a: {{a: 1}}}}}}}}}}\n", "[".repeat(90), "]".repeat(90));
        let schema = Schema::new(looping, Draft::Draft2020_12);
        let node = front_matter(&nested);
        // A test thread has 2 MiB and so do rayon's; an unoptimised build must fit in a
        // quarter of that.
        let handle = std::thread::Builder::new()
            .stack_size(512 * 1024)
            .spawn(move || {
                let mut work = Work::new();
                schema.validate(&node, &mut work);
                work.exhausted()
            })
            .unwrap();
        assert!(handle.join().unwrap(), "the depth or step cap stops it");
    }

    #[test]
    fn a_deeply_nested_schema_is_indexed_without_recursion() {
        let mut schema = json!({"$anchor": "deepest", "type": "string"});
        for level in 0..120 {
            schema = json!({"$id": format!("level{level}/"), "properties": {"a": schema}});
        }
        let schema = Schema::new(schema, Draft::Draft2020_12);
        assert_eq!(schema.resources.len(), 121, "the default base and 120 `$id`s");
        assert_eq!(schema.anchors.len(), 1);
    }
}
