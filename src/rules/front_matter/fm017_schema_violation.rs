//! FM017 schema-violation: front matter checked against a JSON Schema (draft-07 or
//! 2020-12), with each error at the offending node. The validator is our own, bounded
//! in steps and depth: see `json_schema.rs` for why.

mod json_schema;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde_json::Value as Json;

use crate::bounded;
use crate::diagnostic::Diagnostic;
use crate::document::tree::{Node, Value};
use crate::rules::{Context, OptionError, Options, Reporter, Rule};
use crate::text::lines::Span;

pub use json_schema::{ASSERTED_FORMATS, Draft, Schema, Work};
use json_schema::{MAX_DEPTH, MAX_STEPS};
#[cfg(any(test, feature = "testing"))]
pub use json_schema::{Verdict, check_json_instance};

/// The draft a schema is read with when its `$schema` names none: the current one.
const DEFAULT_DRAFT: Draft = Draft::Draft2020_12;

pub struct SchemaViolation {
    by_glob: Vec<(globset::GlobMatcher, String)>,
    /// Each schema file read and indexed once per run.
    cache: Mutex<HashMap<PathBuf, Result<Arc<Schema>, String>>>,
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
    fn load(&self, path: &Path, roots: &[PathBuf]) -> Result<Arc<Schema>, String> {
        if let Ok(cache) = self.cache.lock()
            && let Some(found) = cache.get(path)
        {
            return found.clone();
        }
        let loaded = bounded::read_to_string(path, bounded::SCHEMA, roots)
            .map_err(|refused| format!("schema {} {refused}", path.display()))
            .and_then(|text| parse_schema(path, &text))
            .map(|json| Arc::new(Schema::new(json, DEFAULT_DRAFT)));
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
                    let mut work = Work::new();
                    let mut errors = schema.validate(root, &mut work);
                    if work.exhausted() {
                        errors.clear();
                        out.push(
                            Diagnostic::new(
                                anchor.clone(),
                                format!(
                                    "schema {} is too complex to check (over {MAX_STEPS} steps, or {MAX_DEPTH} schemas deep); not checked",
                                    schema_path.display()
                                ),
                            )
                            .help("simplify nested `anyOf`/`oneOf` with `$ref`; a schema must not refer to itself without bound"),
                        );
                    }
                    for pattern in work.bad_patterns() {
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
                    for reference in work.unresolved() {
                        out.push(
                            Diagnostic::new(
                                anchor.clone(),
                                format!(
                                    "the schema's `$ref` {} names no schema in {}; it was not checked",
                                    crate::text::escape::quote(reference),
                                    schema_path.display()
                                ),
                            )
                            .help("refer to a definition inside the schema (`#/$defs/…`); remote schemas are never fetched"),
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
