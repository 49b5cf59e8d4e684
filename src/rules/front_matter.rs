//! FM: front matter — presence, syntax, schema, types, lengths, dates.

use super::{Context, Options, Rule};
use crate::diagnostic::Diagnostic;
use crate::text::escape::quote;

/// FM001 front-matter-missing: a post that generators will not treat as a post.
pub struct FrontMatterMissing {
    directories: Vec<String>,
}

impl FrontMatterMissing {
    pub fn new(options: &Options) -> Self {
        FrontMatterMissing { directories: options.list("directories").to_vec() }
    }

    fn applies_to(&self, path: &str) -> bool {
        let path = path.replace('\\', "/");
        let padded = format!("/{path}");
        self.directories.iter().any(|dir| padded.contains(&format!("/{}/", dir.trim_matches('/'))))
    }
}

impl Rule for FrontMatterMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.doc.front_matter.is_some() || !self.applies_to(ctx.doc.path) {
            return;
        }
        let start = ctx.doc.body_start;
        let first_line = ctx.doc.lines.line_span(ctx.doc.source, ctx.doc.lines.line_of(start));
        out.push(
            Diagnostic::new("FM001", start..first_line.end.max(start), "post has no front matter")
                .help("start the file with a `---` line, the post's `title:` and `date:`, and a closing `---` line"),
        );
    }
}

/// FM002 front-matter-syntax: front matter that does not parse, has duplicate keys, or
/// is never closed.
pub struct FrontMatterSyntax;

impl Rule for FrontMatterSyntax {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(front_matter) = &ctx.doc.front_matter else {
            return;
        };
        for error in &front_matter.errors {
            let span = widen_empty(ctx.doc.source, error.span.clone());
            let message = if front_matter.unclosed {
                error.message.clone()
            } else {
                format!("invalid {} front matter: {}", front_matter.format.name(), error.message)
            };
            let help = if front_matter.unclosed {
                "add a closing fence line after the last key"
            } else {
                yaml_hint(&error.message)
            };
            out.push(Diagnostic::new("FM002", span, message).help(help));
        }
        for duplicate in &front_matter.duplicate_keys {
            out.push(
                Diagnostic::new(
                    "FM002",
                    duplicate.again.clone(),
                    format!("key {} is given twice", quote(&duplicate.key)),
                )
                .label(duplicate.first.clone(), "first given here")
                .help("remove one of them; generators disagree on which one wins"),
            );
        }
    }
}

/// What to do about the YAML errors people make most in front matter.
fn yaml_hint(message: &str) -> &'static str {
    if message.contains("mapping values are not allowed") {
        "quote the value: an unquoted `: ` inside a value starts a new mapping"
    } else if message.contains("quoted scalar") {
        "a quoted value is not closed on its line: add the closing quote"
    } else if message.contains("tab") {
        "indent with spaces: YAML does not allow tabs for indentation"
    } else if message.contains("illegal placement of ':'") || message.contains("flow") {
        "close the `[` list or `{` mapping on the line where it starts"
    } else if message.contains("unexpected character") || message.contains("cannot start any token") {
        "quote values that start with `@`, a backtick, `%` or `|`"
    } else {
        "fix the syntax; generators fail on this file or silently drop its front matter"
    }
}

/// An error at a point is shown on the character there, so it has a visible width.
fn widen_empty(source: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    if span.start < span.end || span.start >= source.len() {
        return span;
    }
    let width = source[span.start..].chars().next().map_or(0, char::len_utf8);
    if source.as_bytes()[span.start] == b'\n' { span } else { span.start..span.start + width }
}

use crate::diagnostic::{Edit, Fix, Severity};
use crate::document::front_matter::{Format, FrontMatter};
use crate::document::tree::{Node, Style, Value};
use crate::project::Generator;
use crate::text::dates::{self, DateError, DateTime};
use crate::text::lines::Span;
use crate::text::normalize::fold;
use crate::text::width::{display_width, is_mostly_cjk};

pub const DATE_KEYS: &[&str] = &[
    "date",
    "last_modified_at",
    "lastmod",
    "updated",
    "modified",
    "publishDate",
    "pubDate",
    "updatedDate",
    "expiryDate",
];
pub const LASTMOD_KEYS: &[&str] = &["last_modified_at", "lastmod", "updated", "modified", "updatedDate"];
pub const LIST_KEYS: &[&str] = &["tags", "categories", "keywords", "seo_keywords"];
const STRING_KEYS: &[&str] = &["title", "description", "author", "slug", "permalink", "layout", "lang", "locale"];
const BOOL_KEYS: &[&str] = &["draft", "published", "featured", "sitemap", "comments", "toc"];

/// The span of the opening fence line: where "missing key" diagnostics point.
fn fence_span(ctx: &Context<'_>, front_matter: &FrontMatter) -> Span {
    let line = ctx.doc.lines.line_of(front_matter.span.start);
    ctx.doc.lines.line_span(ctx.doc.source, line)
}

fn path_has(path: &str, dir: &str) -> bool {
    format!("/{}", path.replace('\\', "/")).contains(&format!("/{dir}/"))
}

/// Whether the file is a post to its generator (so post-only rules apply).
pub fn is_post(ctx: &Context<'_>) -> bool {
    ctx.is_post()
}

/// FM003 required-field.
pub struct RequiredField {
    jekyll: Vec<String>,
    jekyll_recommended: Vec<String>,
    hugo: Vec<String>,
    astro: Vec<String>,
    other: Vec<String>,
    by_glob: Vec<(globset::GlobMatcher, Vec<String>)>,
}

impl RequiredField {
    pub fn new(options: &Options) -> Result<Self, super::OptionError> {
        let mut by_glob = Vec::new();
        for entry in options.list("by-glob") {
            let (glob, keys) = entry.split_once('=').ok_or_else(|| super::OptionError {
                key: "by-glob".into(),
                message: format!("`{entry}` must look like `glob=key,key`"),
            })?;
            let matcher = globset::Glob::new(glob.trim())
                .map_err(|e| super::OptionError { key: "by-glob".into(), message: e.to_string() })?
                .compile_matcher();
            by_glob.push((matcher, keys.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect()));
        }
        Ok(RequiredField {
            jekyll: options.list("jekyll").to_vec(),
            jekyll_recommended: options.list("jekyll-recommended").to_vec(),
            hugo: options.list("hugo").to_vec(),
            astro: options.list("astro").to_vec(),
            other: options.list("other").to_vec(),
            by_glob,
        })
    }
}

impl Rule for RequiredField {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        if front_matter.root.is_none() || !is_post(ctx) {
            return;
        }
        let mut required: Vec<(&str, Severity)> = Vec::new();
        let (keys, recommended): (&[String], &[String]) = match ctx.site.generator {
            Generator::Jekyll => (&self.jekyll, &self.jekyll_recommended),
            Generator::Hugo => (&self.hugo, &[]),
            Generator::Astro => (&self.astro, &[]),
            Generator::Zola | Generator::Eleventy | Generator::VuePress | Generator::None => (&self.other, &[]),
        };
        required.extend(keys.iter().map(|k| (k.as_str(), Severity::Error)));
        required.extend(recommended.iter().map(|k| (k.as_str(), Severity::Warning)));
        let path = ctx.doc.path.replace('\\', "/");
        for (matcher, keys) in &self.by_glob {
            if matcher.is_match(&path) {
                required.extend(keys.iter().map(|k| (k.as_str(), Severity::Error)));
            }
        }
        let filename_date = dates::filename_date(ctx.doc.file_name()).is_some();
        let mut seen = Vec::new();
        for (key, severity) in required {
            if seen.contains(&key) || front_matter.entry(key).is_some() || supplied_elsewhere(ctx, front_matter, key) {
                continue;
            }
            seen.push(key);
            if key == "date" && (filename_date || front_matter.first_of(&["publishDate", "pubDate"]).is_some()) {
                continue;
            }
            out.push(
                Diagnostic::new("FM003", fence_span(ctx, front_matter), format!("front matter has no `{key}`"))
                    .help(required_help(key))
                    .severity(severity),
            );
        }
    }
}

/// A key the generator fills in when the front matter lacks it: `_config.yml` defaults
/// for the post's path, or (for `description`) the `excerpt` jekyll-seo-tag falls back to.
fn supplied_elsewhere(ctx: &Context<'_>, front_matter: &FrontMatter, key: &str) -> bool {
    // Eleventy's data cascade (directory data files, computed data) can supply any key.
    if ctx.site.generator == Generator::Eleventy {
        return true;
    }
    // VuePress and VitePress take a page's title from its first H1.
    if ctx.site.generator == Generator::VuePress && key == "title" {
        return ctx.doc.outline.headings.iter().any(|h| h.level == 1);
    }
    if ctx.site.generator != Generator::Jekyll {
        return false;
    }
    let from_defaults = ctx.site.default_value(&ctx.relative, ctx.is_post(), key).is_some_and(|v| !v.is_null());
    from_defaults || key == "description" && front_matter.entry("excerpt").is_some()
}

fn required_help(key: &str) -> String {
    match key {
        "title" => "add a `title:`; themes use it for the page's <title> and H1".into(),
        "description" => "add a `description:` (about 70–160 characters, or 50–120 in Japanese); search results show it as the snippet".into(),
        "date" => "add a `date:` or name the file `YYYY-MM-DD-title.md`".into(),
        "image" => "add an `image:`; social cards and rich results use it".into(),
        other => format!("add `{other}:`"),
    }
}

/// FM004 field-type.
pub struct FieldType;

impl Rule for FieldType {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for entry in front_matter.entries() {
            let key = entry.key.as_str();
            let node = &entry.value;
            if node.is_null() || matches!(node.value, Value::Alias) {
                continue;
            }
            if key == "permalink" && matches!(node.value, Value::Bool(false)) {
                // Eleventy: `permalink: false` writes no file.
                continue;
            }
            if STRING_KEYS.contains(&key) {
                check_string(key, node, out);
            } else if LIST_KEYS.contains(&key) {
                check_list(key, node, out);
            } else if DATE_KEYS.contains(&key) {
                if !matches!(node.value, Value::String(_) | Value::Datetime(_)) {
                    out.push(type_error(
                        key,
                        node,
                        "a date",
                        "write it as `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS +0900`",
                    ));
                }
            } else if BOOL_KEYS.contains(&key) {
                if !matches!(node.value, Value::Bool(_)) {
                    let help = match node.as_str() {
                        Some(text)
                            if matches!(
                                text.to_ascii_lowercase().as_str(),
                                "yes" | "no" | "on" | "off" | "true" | "false"
                            ) =>
                        {
                            format!(
                                "write `{}` without quotes",
                                if matches!(text.to_ascii_lowercase().as_str(), "yes" | "on" | "true") {
                                    "true"
                                } else {
                                    "false"
                                }
                            )
                        }
                        _ => "write `true` or `false`".into(),
                    };
                    out.push(type_error(key, node, "a boolean", &help));
                }
            } else if key == "image" {
                check_image(node, out);
            }
        }
    }
}

fn type_error(key: &str, node: &Node, expected: &str, help: &str) -> Diagnostic {
    let found = match (&node.value, node.style) {
        (Value::String(text), _) => format!("the string {}", quote(text)),
        _ => format!("a {}", node.type_name()),
    };
    Diagnostic::new("FM004", node.span.clone(), format!("`{key}` should be {expected}, found {found}"))
        .help(help.to_string())
}

fn check_string(key: &str, node: &Node, out: &mut Vec<Diagnostic>) {
    if key == "author" && matches!(node.value, Value::Map(_)) && node.get("name").is_some() {
        return;
    }
    if !matches!(node.value, Value::String(_)) {
        let help = match node.value {
            Value::Seq(_) if key == "author" => "give one author as a string, or use `authors:` for a list".to_string(),
            Value::Integer(_) | Value::Float(_) | Value::Bool(_) => "quote the value".to_string(),
            _ => "write it as a single string".to_string(),
        };
        out.push(type_error(key, node, "a string", &help));
    }
}

fn check_list(key: &str, node: &Node, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::Seq(items) => {
            for item in items {
                if !matches!(item.value, Value::String(_)) && !item.is_null() {
                    out.push(
                        Diagnostic::new(
                            "FM004",
                            item.span.clone(),
                            format!("`{key}` item should be a string, found a {}", item.type_name()),
                        )
                        .help("quote the item"),
                    );
                }
            }
        }
        Value::String(text) if text.contains(' ') => {
            out.push(type_error(key, node, "a list of strings", "").help(format!(
                "Jekyll splits a string on spaces, so this is {} separate items; write a list: `[{}]`",
                text.split_whitespace().count(),
                text.split_whitespace().collect::<Vec<_>>().join(", ")
            )))
        }
        Value::String(_) => {}
        _ => out.push(type_error(key, node, "a list of strings", "write a list: `[a, b]`")),
    }
}

fn check_image(node: &Node, out: &mut Vec<Diagnostic>) {
    match &node.value {
        Value::String(_) => {}
        Value::Map(_) if ["path", "url", "src"].iter().any(|k| node.get(k).is_some()) => {}
        Value::Map(_) => {
            out.push(type_error("image", node, "a URL or a mapping with `path`", "add `path:` with the image's URL"))
        }
        _ => out.push(type_error("image", node, "a URL or a mapping with `path`", "write the image's URL as a string")),
    }
}

/// A front matter date value, parsed (TOML date-times arrive already typed).
pub fn parse_date_node(node: &Node) -> Option<Result<DateTime, DateError>> {
    match &node.value {
        Value::String(text) | Value::Datetime(text) => Some(dates::parse_datetime(text)),
        _ => None,
    }
}

/// The post's publish date: front matter first, then the file name.
pub fn publish_date(ctx: &Context<'_>) -> Option<(DateTime, Option<Span>)> {
    let front_matter = ctx.doc.front_matter.as_ref();
    if let Some((_, entry)) = front_matter.and_then(|fm| fm.first_of(&["date", "publishDate", "pubDate"]))
        && let Some(Ok(date)) = parse_date_node(&entry.value)
    {
        return Some((date, Some(entry.value.span.clone())));
    }
    let undated = |date| (DateTime { date, seconds: None, offset_minutes: None }, None);
    if let Some(date) = dates::filename_date(ctx.doc.file_name()) {
        return Some(undated(date));
    }
    // Zola: a `path = "2014/12/12/title"` dates the page as its URL does.
    let path = ctx.doc.front_str("path").filter(|_| ctx.site.generator == Generator::Zola)?;
    let mut parts = path.trim_start_matches('/').split('/');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let date = dates::Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)?;
    Some(undated(date))
}

/// FM005 invalid-date.
pub struct InvalidDate {
    require_time_zone: bool,
}

impl InvalidDate {
    pub fn new(options: &Options) -> Self {
        InvalidDate { require_time_zone: options.bool("require-time-zone") }
    }
}

impl Rule for InvalidDate {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for entry in front_matter.entries() {
            if !DATE_KEYS.contains(&entry.key.as_str()) {
                continue;
            }
            let Some(parsed) = parse_date_node(&entry.value) else { continue };
            let text = entry.value.scalar_text().unwrap_or_default();
            match parsed {
                Err(DateError::NotADate) => out.push(
                    Diagnostic::new("FM005", entry.value.span.clone(), format!("`{}` is not a date: {}", entry.key, quote(&text)))
                        .help("write `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS+09:00` or `YYYY-MM-DD HH:MM:SS +0900`"),
                ),
                Err(DateError::OutOfRange(why)) => out.push(
                    Diagnostic::new("FM005", entry.value.span.clone(), format!("`{}` is not a valid date: {why}", entry.key))
                        .help("check the day and month"),
                ),
                Ok(date) if self.require_time_zone && date.seconds.is_some() && date.offset_minutes.is_none() => out.push(
                    Diagnostic::new("FM005", entry.value.span.clone(), format!("`{}` has a time but no time zone", entry.key))
                        .help("add the offset (`+0900`, `Z`); without it the generator uses the build machine's zone and the day can shift")
                        .severity(Severity::Info),
                ),
                Ok(_) => {}
            }
        }
    }
}

/// FM006 filename-date-mismatch.
pub struct FilenameDateMismatch;

impl Rule for FilenameDateMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // `YYYY-MM-DD-` names are Jekyll's convention; VuePress's blog plugin reads `_posts/`
        // but dates posts from their front matter.
        if !matches!(ctx.site.generator, Generator::Jekyll | Generator::None) || !path_has(ctx.doc.path, "_posts") {
            return;
        }
        let name = ctx.doc.file_name();
        let Some(file_date) = dates::filename_date(name) else {
            let span = 0..ctx.doc.lines.line_span(ctx.doc.source, 0).end;
            out.push(
                Diagnostic::new(
                    "FM006",
                    span,
                    format!("file name {} does not start with a `YYYY-MM-DD-` date", quote(name)),
                )
                .help("Jekyll skips files in _posts whose names are not `YYYY-MM-DD-title.md`; rename it")
                .severity(Severity::Error),
            );
            return;
        };
        let Some(entry) = ctx.doc.front_matter.as_ref().and_then(|fm| fm.entry("date")) else { return };
        let Some(Ok(date)) = parse_date_node(&entry.value) else { return };
        if date.date != file_date {
            out.push(
                Diagnostic::new(
                    "FM006",
                    entry.value.span.clone(),
                    format!("`date` is {}, but the file name says {file_date}", date.date),
                )
                .help("make them the same day; Jekyll takes the URL's date from one and the sort order from the other"),
            );
        }
    }
}

/// FM007 future-date.
pub struct FutureDate;

impl Rule for FutureDate {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some((date, span)) = publish_date(ctx) else { return };
        if date.date > ctx.today {
            let span = span.unwrap_or_else(|| 0..ctx.doc.lines.line_span(ctx.doc.source, 0).end);
            out.push(
                Diagnostic::new("FM007", span, format!("publish date {} is after today ({})", date.date, ctx.today))
                    .help(
                        "Jekyll and Hugo skip future posts unless built with --future / --buildFuture; check the year",
                    ),
            );
        }
    }
}

/// FM008 title-length.
/// Front matter keys that say a post is written for search results.
/// Keys only an author writing for result pages sets. A plain `description` is not one:
/// themes and archives carry it on every post (18F's 2014–16 posts copy their excerpt).
const SEO_KEYS: &[&str] = &["seo_keywords", "keywords", "seo_title", "meta_description", "seo_description"];

/// Whether the post was written for result pages: its front matter sets an SEO key.
fn written_for_search(ctx: &Context<'_>) -> bool {
    SEO_KEYS.iter().any(|key| ctx.doc.front(key).is_some())
}

pub struct TitleLength {
    min: usize,
    max: usize,
    max_latin: usize,
    seo_posts_only: bool,
}

impl TitleLength {
    pub fn new(options: &Options) -> Self {
        TitleLength {
            min: options.int("min").max(0) as usize,
            max: options.int("max").max(1) as usize,
            max_latin: options.int("max-latin").max(1) as usize,
            seo_posts_only: options.bool("seo-posts-only"),
        }
    }
}

impl Rule for TitleLength {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(node) = ctx.doc.front("title") else { return };
        let Some(title) = node.as_str() else { return };
        if title.trim().is_empty() {
            return;
        }
        // A post whose author writes its result-page snippet or keywords is written for
        // search; a news archive's titles are not (and are rarely worth changing).
        if self.seo_posts_only && !written_for_search(ctx) {
            return;
        }
        // A result page shows `&ldquo;` as one curly quote.
        let shown = crate::document::html::decode_entities(title);
        let width = display_width(&shown);
        let chars = shown.chars().count();
        // Result pages cut by pixels: about 30 full-width characters, but Latin letters
        // are narrower than half a full-width one, so a Latin title fits more columns.
        let max = if shown.chars().any(crate::text::width::is_cjk) { self.max } else { self.max_latin };
        if width > max {
            out.push(
                Diagnostic::new("FM008", node.span.clone(), format!("title is {width} columns wide ({chars} characters); result pages cut titles after about {max} (full-width characters count 2)"))
                    .help("shorten the title and put the most important words first"),
            );
        } else if width < self.min {
            out.push(
                Diagnostic::new(
                    "FM008",
                    node.span.clone(),
                    format!(
                        "title is only {width} columns wide; under {} it says too little to rank or be chosen",
                        self.min
                    ),
                )
                .help("say what the post is about and for whom"),
            );
        }
    }
}

/// FM009 description-length.
pub struct DescriptionLength {
    latin: (usize, usize),
    cjk: (usize, usize),
    seo_posts_only: bool,
}

impl DescriptionLength {
    pub fn new(options: &Options) -> Self {
        let int = |key: &str| options.int(key).max(0) as usize;
        DescriptionLength {
            latin: (int("min"), int("max")),
            cjk: (int("min-cjk"), int("max-cjk")),
            seo_posts_only: options.bool("seo-posts-only"),
        }
    }
}

impl Rule for DescriptionLength {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if !ctx.site.renders_page_description() || self.seo_posts_only && !written_for_search(ctx) {
            return;
        }
        let Some(node) = ctx.doc.front("description") else { return };
        let Some(description) = node.as_str() else { return };
        if description.trim().is_empty() {
            return;
        }
        let chars = description.trim().chars().count();
        let cjk = is_mostly_cjk(description);
        let (min, max) = if cjk { self.cjk } else { self.latin };
        let kind = if cjk { "a mostly Japanese/CJK description" } else { "a description" };
        if chars < min {
            out.push(
                Diagnostic::new("FM009", node.span.clone(), format!("description is {chars} characters; {kind} under {min} gives search engines too little and they write their own snippet"))
                    .help(format!("summarise the post in {min}–{max} characters")),
            );
        } else if chars > max {
            out.push(
                Diagnostic::new(
                    "FM009",
                    node.span.clone(),
                    format!("description is {chars} characters; result pages cut {kind} after about {max}"),
                )
                .help(format!("keep it within {min}–{max} characters, the key point first")),
            );
        }
    }
}

/// FM010 description-echoes-title.
pub struct DescriptionEchoesTitle;

impl Rule for DescriptionEchoesTitle {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if !ctx.site.renders_page_description() {
            return;
        }
        let (Some(title), Some(node)) = (ctx.doc.title(), ctx.doc.front("description")) else { return };
        let Some(description) = node.as_str() else { return };
        let (title_folded, description_folded) = (fold(title), fold(description));
        if title_folded.chars().count() < 8 || description_folded.is_empty() {
            return;
        }
        if description_folded.starts_with(&title_folded) {
            // Show the user's own text when the title is repeated verbatim.
            let rest = match description.trim_start().strip_prefix(title.trim()) {
                Some(rest) => rest,
                None => &description_folded[title_folded.len()..],
            };
            let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
            let message = if rest.is_empty() {
                "description is the title again".to_string()
            } else {
                format!("description starts by repeating the title, then adds {}", quote(rest))
            };
            out.push(
                Diagnostic::new("FM010", node.span.clone(), message)
                    .help("summarise what the reader learns; the title is already shown above the snippet"),
            );
        }
    }
}

/// FM011 empty-field.
pub struct EmptyField;

/// Keys whose value themes and SEO plugins print or read (title, meta description,
/// social image, dates, tags). An empty key of any other kind (`translator:`,
/// `comments:`) is a template's placeholder that renders nothing.
const SHOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "excerpt",
    "summary",
    "date",
    "lastmod",
    "last_modified_at",
    "updated",
    "tags",
    "categories",
    "category",
    "keywords",
    "seo_keywords",
    "author",
    "authors",
    "permalink",
    "slug",
    "canonical_url",
    "canonical",
    "lang",
];

impl Rule for EmptyField {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for entry in front_matter.entries() {
            // An empty list key (`tags:`) means "no tags" to every generator.
            let shown = SHOWN_KEYS.contains(&entry.key.as_str()) && !LIST_KEYS.contains(&entry.key.as_str());
            let empty = shown
                && match &entry.value.value {
                    Value::Null => true,
                    Value::String(text) => text.trim().is_empty(),
                    _ => false,
                };
            if empty {
                out.push(
                    Diagnostic::new(
                        "FM011",
                        entry.key_span.start..entry.value.span.end.max(entry.key_span.end),
                        format!("`{}` is present but empty", entry.key),
                    )
                    .help("give it a value or remove the key; themes print empty values as blank tags and meta"),
                );
            }
            for item in entry.value.items() {
                if item.is_null() || item.as_str().is_some_and(|t| t.trim().is_empty()) {
                    out.push(
                        Diagnostic::new(
                            "FM011",
                            widen(ctx.doc.source, item.span.clone()),
                            format!("`{}` has an empty item", entry.key),
                        )
                        .help("remove the empty item"),
                    );
                }
            }
        }
    }
}

fn widen(source: &str, span: Span) -> Span {
    if span.is_empty() && span.start < source.len() {
        span.start..span.start + source[span.start..].chars().next().map_or(0, char::len_utf8)
    } else {
        span
    }
}

/// FM012 ambiguous-yaml-scalar.
pub struct AmbiguousYamlScalar;

impl Rule for AmbiguousYamlScalar {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        if front_matter.format != Format::Yaml {
            return;
        }
        let Some(root) = &front_matter.root else { return };
        // Each node with the key it is the value of (a list item keeps its list's key).
        let mut stack = vec![(root, None)];
        while let Some((node, key)) = stack.pop() {
            match &node.value {
                Value::Map(entries) => stack.extend(entries.iter().map(|e| (&e.value, Some(e.key.as_str())))),
                Value::Seq(items) => stack.extend(items.iter().map(|item| (item, key))),
                _ if node.style == Style::Plain => {
                    let raw = &ctx.doc.source[node.span.clone()];
                    let Some(reading) = yaml11_reading(raw) else { continue };
                    let diagnostic =
                        Diagnostic::new("FM012", node.span.clone(), format!("unquoted `{raw}` is {reading}"));
                    // `published: no` means false to the author and to Jekyll: quoting it
                    // would lock in the string "no", which generators read as true.
                    let flag = key.is_some_and(is_boolean_key).then(|| yaml11_boolean(raw)).flatten();
                    out.push(match flag {
                        Some(value) => diagnostic
                            .help(format!("write `{value}`, the value YAML 1.1 readers (Jekyll) already see"))
                            .fix(Fix::safe(vec![Edit::replace(node.span.clone(), value.to_string())])),
                        None => diagnostic
                            .help("quote it so every generator reads the same value")
                            .fix(Fix::safe(vec![Edit::replace(node.span.clone(), format!("\"{raw}\""))])),
                    });
                }
                _ => {}
            }
        }
    }
}

/// Front matter keys generators and themes read as booleans: a `yes`/`no` there is a
/// flag, never text.
fn is_boolean_key(key: &str) -> bool {
    const FLAGS: &[&str] = &[
        "published",
        "draft",
        "comments",
        "sitemap",
        "toc",
        "featured",
        "hidden",
        "pinned",
        "sticky",
        "math",
        "mathjax",
        "katex",
        "mermaid",
        "share",
        "related",
        "search",
        "noindex",
        "nofollow",
        "render",
        "in_search_index",
        "headless",
        "archived",
        "private",
        "unlisted",
        "show_date",
        "show_toc",
        "read_time",
        "author_profile",
    ];
    let key = key.to_ascii_lowercase();
    FLAGS.contains(&key.as_str()) || key.starts_with("show_") || key.starts_with("enable_") || key.starts_with("is_")
}

/// `yes`/`on`/`y` → `true`, `no`/`off`/`n` → `false`, as YAML 1.1 reads them.
fn yaml11_boolean(raw: &str) -> Option<bool> {
    match raw.to_ascii_lowercase().as_str() {
        "yes" | "on" | "y" => Some(true),
        "no" | "off" | "n" => Some(false),
        _ => None,
    }
}

/// How YAML 1.1 (Jekyll's Psych) reads a plain scalar differently from YAML 1.2.
fn yaml11_reading(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    if matches!(lower.as_str(), "yes" | "no" | "on" | "off" | "y" | "n") {
        let value = matches!(lower.as_str(), "yes" | "on" | "y");
        return Some(format!(
            "the boolean {value} to YAML 1.1 readers (Jekyll) but the string {raw:?} to YAML 1.2 readers"
        ));
    }
    let digits = raw.strip_prefix(['-', '+']).unwrap_or(raw);
    if let Some((int, frac)) = digits.split_once('.')
        && !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() > 1
        && frac.bytes().all(|b| b.is_ascii_digit())
        && frac.ends_with('0')
    {
        let trimmed = format!("{int}.{}", frac.trim_end_matches('0'));
        return Some(format!(
            "the number {} (the trailing zero is lost: version `1.10` becomes `1.1`)",
            trimmed.trim_end_matches('.')
        ));
    }
    if digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()) {
        let octal = i64::from_str_radix(digits, 8).ok();
        return Some(match octal {
            Some(value) => format!(
                "the octal number {value} to YAML 1.1 readers and {} to YAML 1.2 readers",
                digits.trim_start_matches('0')
            ),
            None => "a string to YAML 1.1 readers (not valid octal) and a number to YAML 1.2 readers".to_string(),
        });
    }
    if let Some(octal) = digits.strip_prefix("0o")
        && !octal.is_empty()
        && octal.bytes().all(|b| (b'0'..=b'7').contains(&b))
    {
        return Some("an octal number to YAML 1.2 readers and a string to YAML 1.1 readers".to_string());
    }
    if is_sexagesimal(digits) {
        return Some(
            "a base-60 number to YAML 1.1 readers (`1:30` is 90) and a string to YAML 1.2 readers".to_string(),
        );
    }
    None
}

fn is_sexagesimal(text: &str) -> bool {
    let mut parts = text.split(':');
    let Some(first) = parts.next() else { return false };
    let rest: Vec<&str> = parts.collect();
    !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
        && rest.iter().all(|p| {
            (1..=2).contains(&p.len())
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|v| v < 60)
        })
}

/// FM013 duplicate-list-item.
pub struct DuplicateListItem;

impl Rule for DuplicateListItem {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for entry in front_matter.entries() {
            if !LIST_KEYS.contains(&entry.key.as_str()) {
                continue;
            }
            let items = entry.value.items();
            let mut seen: Vec<(String, usize)> = Vec::new();
            for (index, item) in items.iter().enumerate() {
                let Some(text) = item.as_str() else { continue };
                let folded = fold(text);
                match seen.iter().find(|(f, _)| *f == folded) {
                    Some((_, first)) => {
                        let removal = item_removal(ctx.doc.source, items, index);
                        out.push(
                            Diagnostic::new(
                                "FM013",
                                item.span.clone(),
                                format!("`{}` repeats {}", entry.key, quote(text)),
                            )
                            .label(items[*first].span.clone(), "first given here")
                            .help("remove the repeat")
                            .fix(Fix::safe(vec![Edit::delete(removal)])),
                        );
                    }
                    None => seen.push((folded, index)),
                }
            }
        }
    }
}

/// The bytes to delete to remove list item `index`: its whole line in a block list, or
/// the separator before it in a flow list.
fn item_removal(source: &str, items: &[Node], index: usize) -> Span {
    let item = &items[index];
    let line_start = source[..item.span.start].rfind('\n').map_or(0, |i| i + 1);
    let before = &source[line_start..item.span.start];
    if before.trim_start().starts_with('-') && before.trim_start()[1..].trim().is_empty() {
        let line_end = source[item.span.end..].find('\n').map_or(source.len(), |i| item.span.end + i + 1);
        return line_start..line_end;
    }
    let previous_end = if index > 0 { items[index - 1].span.end } else { item.span.start };
    previous_end..item.span.end
}

/// FM014 reading-time-mismatch.
pub struct ReadingTimeMismatch {
    cjk_per_minute: (f64, f64),
    words_per_minute: (f64, f64),
    slack: f64,
}

impl ReadingTimeMismatch {
    pub fn new(options: &Options) -> Self {
        ReadingTimeMismatch {
            cjk_per_minute: (options.float("cjk-min"), options.float("cjk-max")),
            words_per_minute: (options.float("words-min"), options.float("words-max")),
            slack: options.float("slack-minutes"),
        }
    }
}

/// CJK characters and other words in the body's prose and headings.
pub fn body_length(ctx: &Context<'_>) -> (usize, usize) {
    let stats = ctx.doc.text_stats();
    (stats.cjk_chars, stats.words)
}

impl Rule for ReadingTimeMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some((key, entry)) =
            ctx.doc.front_matter.as_ref().and_then(|fm| fm.first_of(&["reading_time", "readingTime", "read_time"]))
        else {
            return;
        };
        let declared = match &entry.value.value {
            Value::Integer(i) => *i as f64,
            Value::Float(f) => *f,
            Value::String(text) => match text
                .split(|c: char| !c.is_ascii_digit())
                .find(|s| !s.is_empty())
                .and_then(|s| s.parse::<f64>().ok())
            {
                Some(value) => value,
                None => return,
            },
            _ => return,
        };
        let (cjk, words) = body_length(ctx);
        let fastest = cjk as f64 / self.cjk_per_minute.1 + words as f64 / self.words_per_minute.1;
        let slowest = cjk as f64 / self.cjk_per_minute.0 + words as f64 / self.words_per_minute.0;
        // A value some reader in the speed range could take is not a defect: only a value
        // outside [fastest, slowest] (a template's hard-coded "8" on a 1-minute post) is.
        // The message prints the whole minutes inside that range, so it never shows a
        // range that holds the declared value.
        let typical = (fastest + slowest) / 2.0;
        // Reading times are whole minutes rounded up ("1.1 minutes" is a 2-minute read).
        if declared >= fastest - self.slack && declared <= slowest.ceil() + self.slack {
            return;
        }
        let measure = match (cjk, words) {
            (c, w) if c > w => format!("{c} characters of CJK text and {w} other words"),
            (_, w) => format!("{w} words"),
        };
        let minutes = |n: i64| format!("{n} minute{}", if n == 1 { "" } else { "s" });
        let (low, high) = (fastest.ceil().max(1.0) as i64, slowest.ceil().max(1.0) as i64);
        let about = typical.round().max(1.0) as i64;
        let estimate =
            if low >= high { format!("about {}", minutes(about)) } else { format!("{low}–{high} minutes") };
        let declared_text =
            if declared.fract() == 0.0 { minutes(declared as i64) } else { format!("{declared} minutes") };
        out.push(
            Diagnostic::new(
                "FM014",
                entry.value.span.clone(),
                format!("`{key}` says {declared_text}, but the body ({measure}) takes {estimate} to read"),
            )
            .help(format!("set it to about {about}, or compute it in the template from the content")),
        );
    }
}

/// FM015 lastmod-before-date.
pub struct LastmodBeforeDate;

impl Rule for LastmodBeforeDate {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        let Some((date, Some(date_span))) = publish_date(ctx) else { return };
        let Some((key, entry)) = front_matter.first_of(LASTMOD_KEYS) else { return };
        let Some(Ok(modified)) = parse_date_node(&entry.value) else { return };
        let earlier = if modified.seconds.is_some() && date.seconds.is_some() {
            modified.instant() < date.instant()
        } else {
            modified.date < date.date
        };
        if earlier {
            out.push(
                Diagnostic::new(
                    "FM015",
                    entry.value.span.clone(),
                    format!("`{key}` ({}) is before the publish date ({})", modified.date, date.date),
                )
                .label(date_span, "published here")
                .help("a post cannot be updated before it is published; fix the year or the month"),
            );
        }
    }
}

/// FM016 missing-locale.
pub struct MissingLocale;

impl Rule for MissingLocale {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.site.generator != Generator::Jekyll || !ctx.site.has_plugin("jekyll-seo-tag") || ctx.site.lang.is_some()
        {
            return;
        }
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        if front_matter.first_of(&["lang", "locale"]).is_some() || front_matter.root.is_none() {
            return;
        }
        let (cjk, words) = body_length(ctx);
        if cjk < 20 || cjk < words * 2 {
            return;
        }
        out.push(
            Diagnostic::new(
                "FM016",
                fence_span(ctx, front_matter),
                "mostly Japanese post with no `lang` or `locale`; jekyll-seo-tag will announce it as `og:locale` en_US",
            )
            .help("add `lang: ja` here, or `lang: ja` / `locale: ja_JP` in _config.yml for the whole site"),
        );
    }
}
