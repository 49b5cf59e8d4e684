//! FM017 schema-violation: front matter checked against a JSON Schema (draft 7 / 2020-12
//! keywords that describe front matter), with each error at the offending node.
//!
//! Why not the `jsonschema` crate: the schema can come from an untrusted pull request
//! (a post names it in `$schema`), and a self-referencing schema has overflowed that
//! crate's stack — an abort no `catch_unwind` stops (Stranger6667/jsonschema #383 in
//! 2022, #886 and #898 in November 2025). This validator counts its steps (200,000 per
//! post), reports a schema that is too complex instead, is fuzzed with the rest, and
//! maps errors to front matter spans directly.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde_json::Value as Json;

use crate::bounded;
use crate::diagnostic::Diagnostic;
use crate::document::tree::{Node, Value};
use crate::rules::{Context, OptionError, Options, Reporter, Rule};
use crate::text::dates;
use crate::text::lines::Span;

pub struct SchemaViolation {
    by_glob: Vec<(globset::GlobMatcher, String)>,
    cache: Mutex<HashMap<PathBuf, Result<Json, String>>>,
}

impl SchemaViolation {
    pub fn new(options: &Options) -> Result<Self, OptionError> {
        let mut by_glob = Vec::new();
        for entry in options.list("schemas") {
            let (glob, path) = entry.split_once('=').ok_or_else(|| OptionError {
                key: "schemas".into(),
                message: format!("`{entry}` must look like `glob=path/to/schema.json`"),
            })?;
            let matcher = globset::Glob::new(glob.trim())
                .map_err(|e| OptionError { key: "schemas".into(), message: e.to_string() })?
                .compile_matcher();
            by_glob.push((matcher, path.trim().to_string()));
        }
        Ok(SchemaViolation { by_glob, cache: Mutex::new(HashMap::new()) })
    }

    /// The schema at `path`, read only when it resolves inside `roots` (the site and the
    /// repository), is a regular file and is at most `bounded::SCHEMA` long: `$schema:
    /// /dev/stdin` or `../../../etc/passwd` is refused with a message that names the path
    /// and says why, never with the file's content.
    fn load(&self, path: &Path, roots: &[PathBuf]) -> Result<Json, String> {
        if let Ok(cache) = self.cache.lock()
            && let Some(found) = cache.get(path)
        {
            return found.clone();
        }
        let loaded = bounded::read_to_string(path, bounded::SCHEMA, roots)
            .map_err(|refused| format!("schema {} {refused}", path.display()))
            .and_then(|text| parse_schema(path, &text));
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(path.to_path_buf(), loaded.clone());
        }
        loaded
    }
}

/// A schema file as JSON: `.yaml`/`.yml` schemas (as remark-lint-frontmatter-schema
/// writes them) are read with the front matter's own YAML reader, so the same alias and
/// size limits apply.
fn parse_schema(path: &Path, text: &str) -> Result<Json, String> {
    let is_yaml = path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "yaml" | "yml"));
    if !is_yaml {
        return serde_json::from_str::<Json>(text)
            .map_err(|e| format!("schema {} is not valid JSON: {e}", path.display()));
    }
    let parsed = crate::document::yaml::parse(text, 0);
    if let Some(error) = parsed.errors.first() {
        return Err(format!("schema {} is not valid YAML: {}", path.display(), error.message));
    }
    Ok(parsed.root.as_ref().map_or(Json::Null, node_to_json))
}

fn node_to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null | Value::Alias => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Integer(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::String(text) | Value::Datetime(text) => Json::String(text.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(node_to_json).collect()),
        Value::Map(entries) => Json::Object(entries.iter().map(|e| (e.key.clone(), node_to_json(&e.value))).collect()),
    }
}

impl Rule for SchemaViolation {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        let Some(root) = &front_matter.root else { return };
        let post_dir = Path::new(ctx.doc.path).parent().unwrap_or(Path::new("."));
        let mut schemas: Vec<(PathBuf, Span)> = Vec::new();
        if let Some(node) = root.get("$schema")
            && let Some(reference) = node.as_str().filter(|r| !r.contains("://"))
        {
            schemas.push((post_dir.join(reference), node.span.clone()));
        }
        let path = ctx.doc.path.replace('\\', "/");
        let base = ctx.site.root.clone().unwrap_or_else(|| PathBuf::from("."));
        for (matcher, schema) in &self.by_glob {
            let relative = ctx.site.root.as_ref().and_then(|r| {
                std::path::absolute(ctx.doc.path)
                    .ok()?
                    .strip_prefix(r)
                    .ok()
                    .map(|p| p.to_string_lossy().replace('\\', "/"))
            });
            if matcher.is_match(&path) || relative.is_some_and(|r| matcher.is_match(r)) {
                schemas.push((base.join(schema), front_matter.span.start..front_matter.span.start + 3));
            }
        }
        for (schema_path, anchor) in schemas {
            match self.load(&schema_path, ctx.site.read_roots()) {
                Err(message) => out.push(Diagnostic::new(anchor, message).help("fix the schema path or file")),
                Ok(schema) => {
                    let mut errors = Vec::new();
                    let mut work = Work::new();
                    validate(root, &schema, &schema, "", &mut errors, 0, &mut work);
                    if work.exhausted {
                        errors.clear();
                        out.push(
                            Diagnostic::new(anchor.clone(), format!("schema {} is too complex to check (over {MAX_STEPS} steps); not checked", schema_path.display()))
                                .help("simplify nested `anyOf`/`oneOf` with `$ref`; a schema must not refer to itself without bound"),
                        );
                    }
                    for pattern in &work.bad_patterns {
                        out.push(
                            Diagnostic::new(
                                anchor.clone(),
                                format!(
                                    "the schema's `pattern` {} is not a valid regular expression; it was not checked",
                                    crate::text::escape::quote(pattern)
                                ),
                            )
                            .help(format!("fix the pattern in {}", schema_path.display())),
                        );
                    }
                    for (span, message) in errors {
                        out.push(Diagnostic::new(span, message).help(format!("see {}", schema_path.display())));
                    }
                }
            }
        }
    }
}

/// The `format`s the validator asserts (the others are annotations, as the drafts say).
pub const ASSERTED_FORMATS: &[&str] = &["date", "date-time", "uri"];

/// The JSON Schema drafts whose rules the validator follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draft {
    Draft7,
    Draft2020_12,
}

/// What the validator says of one instance, for the JSON-Schema-Test-Suite.
#[cfg(any(test, feature = "testing"))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Valid,
    /// The messages FM017 would report.
    Invalid(Vec<String>),
    /// Over the step budget: FM017 reports the schema as too complex to check.
    TooComplex,
}

/// Runs `instance` (as front matter would be read) through FM017's validator.
#[cfg(any(test, feature = "testing"))]
pub fn check_json_instance(schema: &Json, instance: &Json, _draft: Draft) -> Verdict {
    let node = node_from_json(instance);
    let mut errors = Vec::new();
    let mut work = Work::new();
    validate(&node, schema, schema, "", &mut errors, 0, &mut work);
    if work.exhausted {
        Verdict::TooComplex
    } else if errors.is_empty() {
        Verdict::Valid
    } else {
        Verdict::Invalid(errors.into_iter().map(|(_, message)| message).collect())
    }
}

/// A JSON value as the front matter tree holds it (no spans: every node at 0..0).
#[cfg(any(test, feature = "testing"))]
fn node_from_json(value: &Json) -> Node {
    use crate::document::tree::{Entry, Style};
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

/// A JSON Schema `type` name for a front matter node.
fn type_matches(node: &Node, name: &str) -> bool {
    matches!(
        (name, &node.value),
        ("string", Value::String(_) | Value::Datetime(_))
            | ("integer", Value::Integer(_))
            | ("number", Value::Integer(_) | Value::Float(_))
            | ("boolean", Value::Bool(_))
            | ("array", Value::Seq(_))
            | ("object", Value::Map(_))
            | ("null", Value::Null)
    )
}

fn resolve<'a>(schema: &'a Json, root: &'a Json) -> &'a Json {
    match schema.get("$ref").and_then(Json::as_str).and_then(|r| r.strip_prefix("#/")) {
        Some(pointer) => root.pointer(&format!("/{pointer}")).unwrap_or(schema),
        None => schema,
    }
}

/// The work one validation may do: a schema from a pull request must not hang the run
/// (nested `anyOf` + `$ref` doubles the work per level; a self-referencing `anyOf` never
/// ends), and each `pattern` is compiled once, not once per node.
pub struct Work {
    steps_left: usize,
    exhausted: bool,
    patterns: std::collections::HashMap<String, Option<regex::Regex>>,
    bad_patterns: Vec<String>,
}

/// Schema nodes visited per post at most (a front matter of 2,000 tags against a
/// reasonable schema takes a few thousand).
const MAX_STEPS: usize = 200_000;

impl Work {
    pub fn new() -> Work {
        Work {
            steps_left: MAX_STEPS,
            exhausted: false,
            patterns: std::collections::HashMap::new(),
            bad_patterns: Vec::new(),
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
}

impl Default for Work {
    fn default() -> Work {
        Work::new()
    }
}

fn validate(
    node: &Node,
    schema: &Json,
    root: &Json,
    at: &str,
    errors: &mut Vec<(Span, String)>,
    depth: usize,
    work: &mut Work,
) {
    if depth > 64 || work.steps_left == 0 {
        work.exhausted |= work.steps_left == 0;
        return;
    }
    work.steps_left -= 1;
    let schema = resolve(schema, root);
    let here = if at.is_empty() { "front matter".to_string() } else { format!("`{at}`") };
    if let Some(types) = schema.get("type") {
        let names: Vec<&str> = match types {
            Json::String(name) => vec![name.as_str()],
            Json::Array(items) => items.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        };
        if !names.is_empty() && !names.iter().any(|n| type_matches(node, n)) {
            errors.push((
                node.span.clone(),
                format!("{here} should be {}, found a {}", names.join(" or "), node.type_name()),
            ));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Json::as_array) {
        let text = node.scalar_text().unwrap_or_default();
        if !allowed.iter().any(|a| a.as_str().map(str::to_string).unwrap_or_else(|| a.to_string()) == text) {
            let list: Vec<String> = allowed.iter().map(|a| a.to_string()).collect();
            errors.push((node.span.clone(), format!("{here} is `{text}`, expected one of {}", list.join(", "))));
        }
    }
    if let Some(text) = node.as_str() {
        let chars = text.chars().count() as u64;
        if let Some(min) = schema.get("minLength").and_then(Json::as_u64).filter(|m| chars < *m) {
            errors.push((node.span.clone(), format!("{here} is {chars} characters, at least {min} expected")));
        }
        if let Some(max) = schema.get("maxLength").and_then(Json::as_u64).filter(|m| chars > *m) {
            errors.push((node.span.clone(), format!("{here} is {chars} characters, at most {max} expected")));
        }
        if let Some(pattern) = schema.get("pattern").and_then(Json::as_str)
            && work.pattern(pattern).is_some_and(|re| !re.is_match(text))
        {
            errors.push((node.span.clone(), format!("{here} does not match the pattern `{pattern}`")));
        }
        let format_ok = match schema.get("format").and_then(Json::as_str) {
            Some("date") => dates::parse_datetime(text).is_ok_and(|d| d.seconds.is_none()),
            Some("date-time") => dates::parse_datetime(text).is_ok(),
            Some("uri") => url::Url::parse(text).is_ok(),
            _ => true,
        };
        if !format_ok {
            errors.push((
                node.span.clone(),
                format!("{here} is not a valid {}", schema["format"].as_str().unwrap_or("")),
            ));
        }
    }
    let number = match node.value {
        Value::Integer(i) => Some(i as f64),
        Value::Float(f) => Some(f),
        _ => None,
    };
    if let Some(number) = number {
        if let Some(min) = schema.get("minimum").and_then(Json::as_f64).filter(|m| number < *m) {
            errors.push((node.span.clone(), format!("{here} is {number}, at least {min} expected")));
        }
        if let Some(max) = schema.get("maximum").and_then(Json::as_f64).filter(|m| number > *m) {
            errors.push((node.span.clone(), format!("{here} is {number}, at most {max} expected")));
        }
    }
    if let Value::Seq(items) = &node.value {
        let count = items.len() as u64;
        if let Some(min) = schema.get("minItems").and_then(Json::as_u64).filter(|m| count < *m) {
            errors.push((node.span.clone(), format!("{here} has {count} items, at least {min} expected")));
        }
        if let Some(max) = schema.get("maxItems").and_then(Json::as_u64).filter(|m| count > *m) {
            errors.push((node.span.clone(), format!("{here} has {count} items, at most {max} expected")));
        }
        if let Some(item_schema) = schema.get("items") {
            for (index, item) in items.iter().enumerate() {
                validate(item, item_schema, root, &format!("{at}[{index}]"), errors, depth + 1, work);
            }
        }
    }
    if let Value::Map(entries) = &node.value {
        let properties = schema.get("properties").and_then(Json::as_object);
        for required in schema.get("required").and_then(Json::as_array).into_iter().flatten().filter_map(Json::as_str) {
            if !entries.iter().any(|e| e.key == required) {
                let anchor = node.span.start..node.span.start;
                errors.push((anchor, format!("{here} has no `{required}`, which the schema requires")));
            }
        }
        for entry in entries {
            let path = if at.is_empty() { entry.key.clone() } else { format!("{at}.{}", entry.key) };
            match properties.and_then(|p| p.get(&entry.key)) {
                Some(property) => validate(&entry.value, property, root, &path, errors, depth + 1, work),
                None if entry.key == "$schema" => {}
                None => match schema.get("additionalProperties") {
                    Some(Json::Bool(false)) => {
                        errors.push((entry.key_span.clone(), format!("`{path}` is not allowed by the schema")))
                    }
                    Some(extra @ Json::Object(_)) => {
                        validate(&entry.value, extra, root, &path, errors, depth + 1, work)
                    }
                    _ => {}
                },
            }
        }
    }
    for combinator in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(combinator).and_then(Json::as_array) {
            let matching = options
                .iter()
                .filter(|option| {
                    let mut probe = Vec::new();
                    validate(node, option, root, at, &mut probe, depth + 1, work);
                    probe.is_empty()
                })
                .count();
            if matching == 0 || (combinator == "oneOf" && matching > 1) {
                errors.push((
                    node.span.clone(),
                    format!("{here} matches {matching} of the schema's `{combinator}` alternatives"),
                ));
            }
        }
    }
    if let Some(all) = schema.get("allOf").and_then(Json::as_array) {
        for part in all {
            validate(node, part, root, at, errors, depth + 1, work);
        }
    }
}
