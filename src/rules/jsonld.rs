//! LD: JSON-LD blocks — syntax, schema.org context and types, what Google reads, value
//! formats, and agreement with the front matter. Every diagnostic points inside the block.

use super::front_matter::{LASTMOD_KEYS, is_post, parse_date_node};
use super::{Context, Options, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::JsonLdBlock;
use crate::document::json::{JsonMember, JsonNode, JsonValue};
use crate::document::tree::Node;
use crate::project::Generator;
use crate::schema_org::VOCABULARY;
use crate::text::dates::{self, DateTime};
use crate::text::escape::quote;
use crate::text::lines::Span;
use crate::text::normalize::fold;

/// A top-level node of a block with the `@context` that applies to it.
struct Entity<'a> {
    node: &'a JsonNode,
    context: Option<&'a JsonNode>,
    /// The object that holds `@context` (the entity itself, or the `@graph` container).
    context_holder: &'a JsonNode,
}

/// Top-level entities: the root object, the items of a root array, or `@graph` items.
fn entities(root: &JsonNode) -> Vec<Entity<'_>> {
    let mut found = Vec::new();
    match &root.value {
        JsonValue::Array(items) => items.iter().for_each(|item| add_entities(item, &mut found)),
        _ => add_entities(root, &mut found),
    }
    found
}

fn add_entities<'a>(object: &'a JsonNode, found: &mut Vec<Entity<'a>>) {
    if !object.is_object() {
        return;
    }
    let context = object.get("@context");
    match object.get("@graph").map(|g| &g.value) {
        Some(JsonValue::Array(items)) => {
            found.extend(items.iter().filter(|i| i.is_object()).map(|node| Entity {
                node,
                context,
                context_holder: object,
            }));
        }
        Some(JsonValue::Object(_)) => {
            if let Some(node) = object.get("@graph") {
                found.push(Entity { node, context, context_holder: object });
            }
        }
        _ => found.push(Entity { node: object, context, context_holder: object }),
    }
}

/// The `@type` names of an object.
fn types(node: &JsonNode) -> Vec<&str> {
    match node.get("@type").map(|t| &t.value) {
        Some(JsonValue::String(name)) => vec![name.as_str()],
        Some(JsonValue::Array(items)) => items.iter().filter_map(JsonNode::as_str).collect(),
        _ => Vec::new(),
    }
}

fn is_article(node: &JsonNode) -> bool {
    types(node).iter().any(|t| VOCABULARY.is_article(t))
}

/// Every Article-family entity of the post, with its block.
fn articles<'a>(ctx: &'a Context<'_>) -> Vec<(&'a JsonLdBlock, &'a JsonNode)> {
    let mut found = Vec::new();
    for block in &ctx.doc.jsonld {
        if let Ok(root) = &block.parsed {
            for entity in entities(root) {
                if is_article(entity.node) {
                    found.push((block, entity.node));
                }
            }
        }
    }
    found
}

/// An object that is only a reference (`{"@id": "#me"}`) resolved to the entity with that
/// `@id` in the post's JSON-LD; `None` when it resolves nowhere; other objects as they are.
fn resolve_reference<'a>(ctx: &'a Context<'_>, node: &'a JsonNode) -> Option<&'a JsonNode> {
    let JsonValue::Object(members) = &node.value else { return Some(node) };
    let only_id = members.len() == 1 && members[0].key == "@id";
    if !only_id {
        return Some(node);
    }
    let id = members[0].value.as_str()?;
    ctx.doc
        .jsonld
        .iter()
        .filter_map(|block| block.parsed.as_ref().ok())
        .flat_map(entities)
        .map(|entity| entity.node)
        .find(|entity| !std::ptr::eq(*entity, node) && entity.get("@id").and_then(JsonNode::as_str) == Some(id))
}

/// Types that are a page's main content in their own right: a post described only as a
/// Recipe or an Event is not missing an Article.
const MAIN_CONTENT_TYPES: &[&str] = &[
    "Recipe",
    "Event",
    "Product",
    "Review",
    "VideoObject",
    "Course",
    "Book",
    "Movie",
    "SoftwareApplication",
    "JobPosting",
    "FAQPage",
    "QAPage",
    "HowTo",
    "Dataset",
    "PodcastEpisode",
    "MusicRecording",
    "ProfilePage",
    "CollectionPage",
    "ItemList",
    "LocalBusiness",
    "Restaurant",
];

/// The narrow place to report something about an object: its `@type` value, else `{`.
fn object_anchor(node: &JsonNode) -> Span {
    node.member("@type").map_or(node.span.start..node.span.start + 1, |m| m.value.span.clone())
}

/// LD001 jsonld-syntax.
pub struct JsonLdSyntax;

impl Rule for JsonLdSyntax {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for block in &ctx.doc.jsonld {
            if ctx.doc.source[block.content.clone()].trim().is_empty() {
                out.push(
                    Diagnostic::new("LD001", block.tag_span.clone(), "JSON-LD block is empty")
                        .help("fill in the structured data or remove the block"),
                );
                continue;
            }
            if let Err(error) = &block.parsed {
                let span = if error.span.is_empty() {
                    error.span.start..(error.span.start + 1).min(ctx.doc.source.len())
                } else {
                    error.span.clone()
                };
                out.push(
                    Diagnostic::new("LD001", span, format!("invalid JSON in JSON-LD: {}", error.message))
                        .help("search engines ignore a block that does not parse; fix the JSON (it must be strict JSON, not JavaScript)"),
                );
            }
        }
    }
}

const SCHEMA_CONTEXTS: &[&str] =
    &["https://schema.org", "http://schema.org", "https://schema.org/", "http://schema.org/"];

fn is_schema_context(node: &JsonNode) -> bool {
    match &node.value {
        JsonValue::String(text) => SCHEMA_CONTEXTS.contains(&text.as_str()),
        JsonValue::Object(_) => {
            node.get("@vocab").and_then(JsonNode::as_str).is_some_and(|v| SCHEMA_CONTEXTS.contains(&v))
        }
        JsonValue::Array(items) => items.iter().any(is_schema_context),
        _ => false,
    }
}

/// LD002 jsonld-context.
pub struct JsonLdContext;

impl Rule for JsonLdContext {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for block in &ctx.doc.jsonld {
            let Ok(root) = &block.parsed else { continue };
            let mut reported: Vec<usize> = Vec::new();
            for entity in entities(root) {
                let holder = entity.context_holder.span.start;
                if reported.contains(&holder) {
                    continue;
                }
                reported.push(holder);
                match entity.context {
                    None => out.push(
                        Diagnostic::new(
                            "LD002",
                            entity.context_holder.span.start..entity.context_holder.span.start + 1,
                            "JSON-LD object has no `@context`",
                        )
                        .help("add `\"@context\": \"https://schema.org\"`"),
                    ),
                    Some(context) if !block.is_templated(&context.span) && !is_schema_context(context) => out.push(
                        Diagnostic::new("LD002", context.span.clone(), "`@context` is not schema.org")
                            .help("use `\"https://schema.org\"`; search engines read only the schema.org vocabulary"),
                    ),
                    _ => {}
                }
            }
        }
    }
}

/// LD003 jsonld-type.
pub struct JsonLdType;

impl Rule for JsonLdType {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut any_entity = None;
        for block in &ctx.doc.jsonld {
            let Ok(root) = &block.parsed else { continue };
            for entity in entities(root) {
                any_entity.get_or_insert(block.tag_span.clone());
                match entity.node.member("@type") {
                    None => out.push(
                        Diagnostic::new(
                            "LD003",
                            entity.node.span.start..entity.node.span.start + 1,
                            "JSON-LD object has no `@type`",
                        )
                        .help("add `\"@type\": \"BlogPosting\"` (or the type this object describes)"),
                    ),
                    Some(member) if !block.is_templated(&member.value.span) => {
                        for name in types(entity.node) {
                            if !VOCABULARY.has_type(name) {
                                out.push(
                                    Diagnostic::new(
                                        "LD003",
                                        member.value.span.clone(),
                                        format!("`@type` {} is not a schema.org type", quote(name)),
                                    )
                                    .help("check the spelling and capitals (`BlogPosting`, `NewsArticle`)"),
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let main_content = ctx
            .doc
            .jsonld
            .iter()
            .filter_map(|block| block.parsed.as_ref().ok())
            .flat_map(entities)
            .any(|entity| types(entity.node).iter().any(|t| MAIN_CONTENT_TYPES.contains(t)));
        if let Some(span) = any_entity
            && is_post(ctx)
            && !main_content
            && articles(ctx).is_empty()
            && !ctx.doc.jsonld.iter().any(|b| !b.templates.is_empty())
        {
            out.push(
                Diagnostic::new("LD003", span, "the post's JSON-LD has no Article-family type")
                    .help("describe the post as `BlogPosting` (or `Article`, `NewsArticle`, `TechArticle`)"),
            );
        }
    }
}

/// LD004 jsonld-recommended-property.
pub struct RecommendedProperty {
    strict: bool,
}

impl RecommendedProperty {
    pub fn new(options: &Options) -> Self {
        RecommendedProperty { strict: options.bool("strict") }
    }

    fn missing(&self, anchor: Span, what: &str, out: &mut Vec<Diagnostic>) {
        let mut diagnostic = Diagnostic::new("LD004", anchor, format!("Article structured data has no `{what}`"))
            .help(format!("add `{what}`: Google recommends it for article rich results"));
        if self.strict {
            diagnostic = diagnostic.severity(Severity::Error);
        }
        out.push(diagnostic);
    }
}

impl Rule for RecommendedProperty {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (_, article) in articles(ctx) {
            let anchor = object_anchor(article);
            for property in ["headline", "image", "datePublished", "dateModified", "author"] {
                if article.get(property).is_none() {
                    self.missing(anchor.clone(), property, out);
                }
            }
            if let Some(member) = article.member("author") {
                let authors: Vec<&JsonNode> = match &member.value.value {
                    JsonValue::Array(items) => items.iter().collect(),
                    _ => vec![&member.value],
                };
                // `{"@id": "#me"}` refers to a Person elsewhere in the `@graph`: check that
                // one; a reference that resolves nowhere here may be another page's.
                let resolved: Vec<&JsonNode> =
                    authors.into_iter().filter_map(|author| resolve_reference(ctx, author)).collect();
                for author in resolved.into_iter().filter(|a| a.is_object()) {
                    for property in ["name", "url"] {
                        if author.get(property).is_none() {
                            self.missing(object_anchor(author), &format!("author.{property}"), out);
                        }
                    }
                }
            }
            if self.strict {
                let publisher = article.get("publisher");
                if publisher.and_then(|p| p.get("name")).is_none() {
                    self.missing(anchor.clone(), "publisher.name", out);
                }
                let logo = publisher.and_then(|p| p.get("logo"));
                let logo_url = logo.and_then(|l| if l.as_str().is_some() { Some(l) } else { l.get("url") });
                if logo_url.is_none() {
                    self.missing(anchor.clone(), "publisher.logo.url", out);
                }
            }
        }
    }
}

const DATE_PROPERTIES: &[&str] = &["datePublished", "dateModified", "dateCreated", "uploadDate"];
const URL_PROPERTIES: &[&str] = &["url", "image", "logo", "thumbnailUrl", "contentUrl", "sameAs", "mainEntityOfPage"];

/// LD005 jsonld-invalid-value.
pub struct InvalidValue {
    max_headline: usize,
}

impl InvalidValue {
    pub fn new(options: &Options) -> Self {
        InvalidValue { max_headline: options.int("max-headline").max(0) as usize }
    }

    fn walk(&self, block: &JsonLdBlock, node: &JsonNode, out: &mut Vec<Diagnostic>) {
        match &node.value {
            JsonValue::Object(members) => {
                for member in members {
                    if !block.is_templated(&member.value.span) {
                        self.check_member(node, member, out);
                    }
                    self.walk(block, &member.value, out);
                }
                self.check_dates_order(block, node, out);
            }
            JsonValue::Array(items) => items.iter().for_each(|item| self.walk(block, item, out)),
            _ => {}
        }
    }

    fn check_member(&self, parent: &JsonNode, member: &JsonMember, out: &mut Vec<Diagnostic>) {
        let value = &member.value;
        match member.key.as_str() {
            "headline" => {
                if let Some(text) = value.as_str() {
                    let chars = text.chars().count();
                    // Google dropped its 110-character limit in 2023; 0 (the default) is off.
                    if self.max_headline > 0 && chars > self.max_headline {
                        out.push(
                            Diagnostic::new(
                                "LD005",
                                value.span.clone(),
                                format!(
                                    "`headline` is {chars} characters, over the site's limit of {}",
                                    self.max_headline
                                ),
                            )
                            .help("shorten the headline"),
                        );
                    }
                }
            }
            key if DATE_PROPERTIES.contains(&key) => {
                let Some(text) = value.as_str() else { return };
                match dates::parse_datetime(text) {
                    Err(_) => out.push(
                        Diagnostic::new("LD005", value.span.clone(), format!("`{key}` {} is not an ISO 8601 date", quote(text)))
                            .help("write `2026-01-12T09:00:00+09:00`"),
                    ),
                    Ok(date) if date.seconds.is_none() => out.push(
                        Diagnostic::new("LD005", value.span.clone(), format!("`{key}` is a date without a time"))
                            .help(format!(
                                "add a time and a time zone (`{}T09:00:00+09:00`); Google recommends both",
                                text.trim()
                            ))
                            .severity(Severity::Info),
                    ),
                    Ok(date) if date.offset_minutes.is_none() => out.push(
                        Diagnostic::new("LD005", value.span.clone(), format!("`{key}` has no time zone"))
                            .help("add the offset (`+09:00` or `Z`); Google otherwise assumes the page's time zone, or none")
                            .severity(Severity::Warning),
                    ),
                    Ok(_) => {}
                }
            }
            "author" | "creator" => match &value.value {
                JsonValue::String(name) => out.push(
                    Diagnostic::new(
                        "LD005",
                        value.span.clone(),
                        format!("`{}` is the plain string {}, not a Person or Organization", member.key, quote(name)),
                    )
                    .help(format!(
                        "write `{{\"@type\": \"Person\", \"name\": {}, \"url\": \"…\"}}`",
                        serde_json::Value::String(name.clone())
                    )),
                ),
                JsonValue::Object(_) => {
                    if let Some(name) = value.get("name").and_then(|n| n.as_str().map(|t| (t, n)))
                        && several_people(name.0)
                    {
                        out.push(
                            Diagnostic::new(
                                "LD005",
                                name.1.span.clone(),
                                format!("`{}.name` {} names several people", member.key, quote(name.0)),
                            )
                            .help("give each person their own object in an `author` array"),
                        );
                    }
                }
                _ => {}
            },
            key if URL_PROPERTIES.contains(&key) => {
                let urls: Vec<&JsonNode> = match &value.value {
                    JsonValue::String(_) => vec![value],
                    JsonValue::Array(items) => items.iter().filter(|i| i.as_str().is_some()).collect(),
                    _ => Vec::new(),
                };
                for url in urls {
                    let text = url.as_str().unwrap_or("");
                    let lower = text.to_ascii_lowercase();
                    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
                        out.push(
                            Diagnostic::new("LD005", url.span.clone(), format!("`{key}` {} is not an absolute http(s) URL", quote(text)))
                                .help("write the full URL with the site's domain; structured data is read out of the page's context"),
                        );
                    }
                }
                let _ = parent;
            }
            _ => {}
        }
    }

    fn check_dates_order(&self, block: &JsonLdBlock, node: &JsonNode, out: &mut Vec<Diagnostic>) {
        let parse = |key: &str| {
            let value = node.get(key)?;
            if block.is_templated(&value.span) {
                return None;
            }
            dates::parse_datetime(value.as_str()?).ok().map(|d| (d, value))
        };
        if let (Some((published, published_node)), Some((modified, modified_node))) =
            (parse("datePublished"), parse("dateModified"))
            && earlier(&modified, &published)
        {
            out.push(
                Diagnostic::new("LD005", modified_node.span.clone(), "`dateModified` is before `datePublished`")
                    .label(published_node.span.clone(), "published here")
                    .help("fix the dates; a page cannot be modified before it is published"),
            );
        }
    }
}

fn earlier(a: &DateTime, b: &DateTime) -> bool {
    if a.seconds.is_some() && b.seconds.is_some() { a.instant() < b.instant() } else { a.date < b.date }
}

fn several_people(name: &str) -> bool {
    [",", "、", "，", " and ", " & ", "・", " / ", "；", ";"].iter().any(|sep| name.contains(sep))
}

impl Rule for InvalidValue {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for block in &ctx.doc.jsonld {
            if let Ok(root) = &block.parsed {
                self.walk(block, root, out);
            }
        }
    }
}

/// LD006 jsonld-frontmatter-mismatch.
pub struct FrontMatterMismatch;

/// The ISO 8601 form of a front matter date, for the JSON-LD fix.
fn iso(date: &DateTime) -> String {
    let mut text = date.date.to_string();
    if let Some(seconds) = date.seconds {
        text.push_str(&format!("T{:02}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60));
        if let Some(offset) = date.offset_minutes {
            if offset == 0 {
                text.push('Z');
            } else {
                let sign = if offset < 0 { '-' } else { '+' };
                text.push_str(&format!("{sign}{:02}:{:02}", offset.abs() / 60, offset.abs() % 60));
            }
        }
    }
    text
}

impl FrontMatterMismatch {
    #[allow(clippy::too_many_arguments)]
    fn mismatch(
        &self,
        ctx: &Context<'_>,
        block: &JsonLdBlock,
        property: &str,
        json: &JsonNode,
        key: &str,
        front: &Node,
        replacement: Option<String>,
        out: &mut Vec<Diagnostic>,
    ) {
        if block.is_templated(&json.span) {
            return;
        }
        let json_text = json.as_str().unwrap_or("");
        let front_text = front.scalar_text().unwrap_or_default();
        let line = ctx.doc.lines.line_of(front.span.start) + 1;
        let mut diagnostic = Diagnostic::new(
            "LD006",
            json.span.clone(),
            format!(
                "JSON-LD `{property}` is {} but front matter `{key}` (line {line}) is {}",
                quote(json_text),
                quote(&front_text)
            ),
        )
        .label(front.span.clone(), format!("front matter `{key}`"))
        .help("make them agree; the front matter is what the page shows");
        if let Some(value) = replacement {
            let encoded = serde_json::Value::String(value).to_string();
            diagnostic = diagnostic.fix(Fix::safe(vec![Edit::replace(json.span.clone(), encoded)]));
        }
        out.push(diagnostic);
    }
}

impl Rule for FrontMatterMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for (block, article) in articles(ctx) {
            let string_pairs = [("headline", "title"), ("description", "description")];
            for (property, key) in string_pairs {
                let (Some(json), Some(front)) = (article.get(property), front_matter.get(key)) else { continue };
                let (Some(a), Some(b)) = (json.as_str(), front.as_str()) else { continue };
                if fold(a) != fold(b) {
                    self.mismatch(ctx, block, property, json, key, front, Some(b.to_string()), out);
                }
            }
            if let (Some(json), Some((key, entry))) =
                (article.get("author").and_then(|a| a.get("name")), front_matter.first_of(&["author"]))
            {
                let front_name = entry.value.as_str().or_else(|| entry.value.get("name").and_then(Node::as_str));
                if let (Some(a), Some(b)) = (json.as_str(), front_name)
                    && fold(a) != fold(b)
                {
                    let front = entry.value.get("name").unwrap_or(&entry.value);
                    self.mismatch(ctx, block, "author.name", json, key, front, Some(b.to_string()), out);
                }
            }
            let date_pairs: [(&str, &[&str]); 2] =
                [("datePublished", &["date", "publishDate", "pubDate"]), ("dateModified", LASTMOD_KEYS)];
            for (property, keys) in date_pairs {
                let Some(json) = article.get(property) else { continue };
                let Some((key, entry)) = front_matter.first_of(keys) else { continue };
                let (Some(Ok(json_date)), Some(Ok(front_date))) =
                    (json.as_str().map(dates::parse_datetime), parse_date_node(&entry.value))
                else {
                    continue;
                };
                let differ = if json_date.seconds.is_some() && front_date.seconds.is_some() {
                    json_date.instant() != front_date.instant()
                } else {
                    json_date.date != front_date.date
                };
                if differ {
                    self.mismatch(ctx, block, property, json, key, &entry.value, Some(iso(&front_date)), out);
                }
            }
            if let (Some(json), Some(front)) = (article.get("image"), front_matter.get("image")) {
                let front_url = front.as_str().or_else(|| front.get("path").and_then(Node::as_str));
                let json_url = json.as_str().or_else(|| json.get("url").and_then(JsonNode::as_str)).or_else(|| {
                    match &json.value {
                        JsonValue::Array(items) => items.first().and_then(JsonNode::as_str),
                        _ => None,
                    }
                });
                if let (Some(a), Some(b)) = (json_url, front_url) {
                    let same = a == b || (!b.contains("://") && a.ends_with(b));
                    if !same {
                        let node = if json.as_str().is_some() { json } else { json.get("url").unwrap_or(json) };
                        let front_node = front.get("path").unwrap_or(front);
                        let replacement = (b.contains("://") && node.as_str().is_some()).then(|| b.to_string());
                        self.mismatch(ctx, block, "image", node, "image", front_node, replacement, out);
                    }
                }
            }
        }
    }
}

/// LD007 jsonld-duplicate-article.
pub struct DuplicateArticle;

impl Rule for DuplicateArticle {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let found = articles(ctx);
        for (_, extra) in found.iter().skip(1) {
            out.push(
                Diagnostic::new("LD007", object_anchor(extra), "a second Article-family entity in this post")
                    .label(object_anchor(found[0].1), "first one here")
                    .help("keep one Article per post; search engines may pick either or neither"),
            );
        }
        let Some((_, first)) = found.first() else { return };
        if ctx.site.generator != Generator::Jekyll
            || !ctx.site.has_plugin("jekyll-seo-tag")
            || !super::front_matter::is_post(ctx)
        {
            return;
        }
        let Some(root) = &ctx.site.root else { return };
        let absolute = std::path::absolute(ctx.doc.path).unwrap_or_default();
        let relative = absolute.strip_prefix(root).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        let layout =
            ctx.doc.front_str("layout").map(str::to_string).or_else(|| ctx.site.default_layout(&relative, true));
        let Some(layout) = layout else { return };
        if ctx.site.layout_renders_seo(&layout) {
            out.push(
                Diagnostic::new("LD007", object_anchor(first), format!("jekyll-seo-tag already emits a BlogPosting for this post (layout `{layout}` renders `{{% seo %}}`)"))
                    .help("remove this block, or turn off the plugin's JSON-LD and keep yours"),
            );
        }
    }
}

/// LD008 jsonld-dropped-by-renderer.
pub struct DroppedByRenderer;

impl Rule for DroppedByRenderer {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mdx = ctx.doc.path.to_ascii_lowercase().ends_with(".mdx");
        for block in &ctx.doc.jsonld {
            if mdx && ctx.doc.source[block.content.clone()].trim_start().starts_with('{') {
                out.push(
                    Diagnostic::new(
                        "LD008",
                        block.tag_span.clone(),
                        "MDX reads the braces of this JSON-LD as a JavaScript expression",
                    )
                    .help("write `{JSON.stringify({...})}` inside the script tag, or move the data to the layout"),
                );
            } else if ctx.site.generator == Generator::Hugo && !ctx.site.hugo_unsafe_html {
                out.push(
                    Diagnostic::new("LD008", block.tag_span.clone(), "Hugo drops raw HTML from Markdown, so this JSON-LD block never reaches the page")
                        .help("set `markup.goldmark.renderer.unsafe = true` in the site config, or emit the JSON-LD from a template"),
                );
            }
        }
    }
}

/// LD009 jsonld-unknown-property.
pub struct UnknownProperty;

impl UnknownProperty {
    fn walk(&self, node: &JsonNode, out: &mut Vec<Diagnostic>) {
        match &node.value {
            JsonValue::Object(members) => {
                let names = types(node);
                for member in members {
                    if !member.key.starts_with('@') && !names.is_empty() {
                        let known = names.iter().map(|t| VOCABULARY.has_property(t, &member.key)).collect::<Vec<_>>();
                        if known.iter().all(|k| k.is_some())
                            && known.iter().all(|k| *k == Some(false))
                            && !member.key.contains(':')
                        {
                            out.push(
                                Diagnostic::new(
                                    "LD009",
                                    member.key_span.clone(),
                                    format!("schema.org does not define `{}` for {}", member.key, names.join(", ")),
                                )
                                .help("check the spelling, or the type; search engines ignore unknown properties"),
                            );
                        }
                    }
                    self.walk(&member.value, out);
                }
            }
            JsonValue::Array(items) => items.iter().for_each(|item| self.walk(item, out)),
            _ => {}
        }
    }
}

impl Rule for UnknownProperty {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for block in &ctx.doc.jsonld {
            if let Ok(root) = &block.parsed {
                self.walk(root, out);
            }
        }
    }
}
