//! LNK: links between posts and the site as a whole — `{% post_url %}` and `{% link %}`
//! targets, internal URLs, fragments, and posts that compete for one title or URL.

use std::path::Path;

use super::front_matter::is_post;
use super::{Context, Options, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::html;
use crate::document::liquid::LiquidKind;
use crate::document::markdown::LinkKind;
use crate::project::{Generator, Lookup};
use crate::site::{self, SiteIndex};
use crate::text::escape::quote;
use crate::text::lines::Span;
use crate::text::normalize::fold;
use crate::text::slug::Slugger;
use crate::text::urls::{self, percent_decode};

/// The site index, when the post belongs to a site on disk.
fn index<'a>(ctx: &'a Context<'_>) -> Option<&'a SiteIndex> {
    ctx.site.index()
}

/// LNK001 post-url-target-missing.
pub struct PostUrlTargetMissing;

impl Rule for PostUrlTargetMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(index) = index(ctx) else { return };
        for tag in &ctx.doc.liquid {
            if tag.kind != LiquidKind::Tag || tag.name(ctx.doc.source) != "post_url" {
                continue;
            }
            let (argument, span) = tag.argument(ctx.doc.source);
            let name = argument.split_whitespace().next().unwrap_or("");
            if name.is_empty() || name.contains("{{") || index.has_post_name(name) {
                continue;
            }
            let span = span.start..span.start + name.len();
            let mut diagnostic = Diagnostic::new(
                "LNK001",
                span,
                format!("`post_url` names {}, but there is no such post in _posts", quote(name)),
            );
            diagnostic = match index.closest_post_name(name) {
                Some(closest) => diagnostic.help(format!("did you mean `{closest}`? Jekyll stops the build with \"Could not find post\"")),
                None => diagnostic.help("fix the name (the post's file name without extension); Jekyll stops the build with \"Could not find post\""),
            };
            out.push(diagnostic);
        }
    }
}

/// Anchors a post has: heading slugs (with `-1` suffixes), `{#id}` and HTML `id`/`name`.
fn anchors(ctx: &Context<'_>) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut slug_counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for heading in &ctx.doc.outline.headings {
        let raw = &ctx.doc.source[heading.span.clone()];
        if let Some(start) = raw.find("{#")
            && let Some(end) = raw[start..].find('}')
        {
            found.push(raw[start + 2..start + end].trim().to_string());
        }
        let slug = Slugger::Github.slug(&heading.text);
        let count = slug_counts.entry(slug.clone()).or_default();
        found.push(if *count == 0 { slug } else { format!("{slug}-{count}") });
        *count += 1;
    }
    let mut tags = Vec::new();
    for range in &ctx.doc.outline.html {
        html::find_tags(
            ctx.doc.source,
            range.clone(),
            &["a", "div", "span", "section", "h1", "h2", "h3", "h4", "h5", "h6", "p", "img"],
            &mut tags,
        );
    }
    for tag in tags {
        for name in ["id", "name"] {
            if let Some(value) = tag.attribute(name).and_then(|a| a.value.clone()) {
                found.push(value);
            }
        }
    }
    found
}

/// LNK002 link-target-missing.
pub struct LinkTargetMissing;

impl Rule for LinkTargetMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut anchor_cache: Option<Vec<String>> = None;
        for link in &ctx.doc.outline.links {
            if ctx.doc.in_code(link.span.start) {
                continue;
            }
            let url = link.url.trim();
            if let Some(fragment) = url.strip_prefix('#') {
                if fragment.is_empty() || fragment.contains("{{") {
                    continue;
                }
                let anchors = anchor_cache.get_or_insert_with(|| anchors(ctx));
                let wanted = percent_decode(fragment);
                if !anchors.contains(&wanted) {
                    out.push(
                        Diagnostic::new(
                            "LNK002",
                            link.url_span.clone(),
                            format!("no heading or element in this post has the anchor `#{wanted}`"),
                        )
                        .help("link to an existing heading's anchor (lower case, spaces as `-`, punctuation removed)"),
                    );
                }
                continue;
            }
            if link.kind == LinkKind::Autolink
                || url.is_empty()
                || urls::is_remote(url)
                || urls::has_scheme(url)
                || url.starts_with('/')
                || url.contains("{{")
                || url.contains("{%")
            {
                continue;
            }
            let Some(dir) = Path::new(ctx.doc.path).parent() else { continue };
            if !dir.as_os_str().is_empty() && !dir.is_dir() {
                continue;
            }
            let path = url.split(['?', '#']).next().unwrap_or(url);
            let target = dir.join(percent_decode(path));
            if let Lookup::Missing = ctx.site.files.lookup(&target) {
                out.push(
                    Diagnostic::new(
                        "LNK002",
                        link.url_span.clone(),
                        format!("linked file {} does not exist", quote(path)),
                    )
                    .help("fix the path relative to this post, or link to the page's URL"),
                );
            }
        }
        let Some(root) = &ctx.site.root else { return };
        for tag in &ctx.doc.liquid {
            if tag.kind != LiquidKind::Tag || tag.name(ctx.doc.source) != "link" {
                continue;
            }
            let (argument, span) = tag.argument(ctx.doc.source);
            let path = argument.split_whitespace().next().unwrap_or("");
            if path.is_empty() || path.contains("{{") {
                continue;
            }
            if let Lookup::Missing = ctx.site.files.lookup(&root.join(path.trim_start_matches('/'))) {
                out.push(
                    Diagnostic::new("LNK002", span.start..span.start + path.len(), format!("`link` names {}, which does not exist in the site", quote(path)))
                        .help("give the file's path from the site root; Jekyll stops the build with \"Could not find document\""),
                );
            }
        }
    }
}

/// LNK003 internal-url-missing.
pub struct InternalUrlMissing {
    known: Vec<String>,
}

impl InternalUrlMissing {
    pub fn new(options: &Options) -> Self {
        InternalUrlMissing { known: options.list("known-prefixes").to_vec() }
    }

    /// The site-root path a link points at, when it points into the site.
    fn site_path(&self, ctx: &Context<'_>, url: &str) -> Option<String> {
        let mut url = url.trim();
        if let Some(rest) = url.strip_prefix("{{") {
            let end = rest.find("}}")?;
            if rest[..end].trim() != "site.baseurl" {
                return None;
            }
            url = &rest[end + 2..];
        } else if let Some(site_url) = ctx.site.url.as_deref().filter(|u| !u.is_empty())
            && let Some(rest) = url.strip_prefix(site_url)
        {
            url = if rest.is_empty() { "/" } else { rest };
        }
        if !url.starts_with('/') || url.starts_with("//") || url.contains("{{") || url.contains("{%") {
            return None;
        }
        let base = ctx.site.baseurl.as_str();
        let path = if !base.is_empty() {
            url.strip_prefix(base).filter(|r| r.is_empty() || r.starts_with('/')).unwrap_or(url)
        } else {
            url
        };
        Some(if path.is_empty() { "/".to_string() } else { path.to_string() })
    }
}

impl Rule for InternalUrlMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.site.generator != Generator::Jekyll {
            return;
        }
        let (Some(index), Some(root)) = (index(ctx), ctx.site.root.as_ref()) else { return };
        for link in &ctx.doc.outline.links {
            if ctx.doc.in_code(link.span.start) {
                continue;
            }
            let Some(path) = self.site_path(ctx, &link.url) else { continue };
            if self.known.iter().any(|k| path.starts_with(k.as_str())) || !index.by_url(&path).is_empty() {
                continue;
            }
            let file_path = path.split(['?', '#']).next().unwrap_or(&path);
            let on_disk = root.join(percent_decode(file_path.trim_start_matches('/')));
            if !matches!(ctx.site.files.lookup(&on_disk), Lookup::Missing)
                || !matches!(ctx.site.files.lookup(&on_disk.join("index.html")), Lookup::Missing)
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    "LNK003",
                    link.url_span.clone(),
                    format!("no post, page or file of this site has the URL {}", quote(&path)),
                )
                .help("fix the link, or use `{% post_url %}` / `{% link %}` so Jekyll checks it at build time"),
            );
        }
    }
}

/// LNK004 double-baseurl.
pub struct DoubleBaseurl;

impl Rule for DoubleBaseurl {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.site.generator != Generator::Jekyll || ctx.site.jekyll3 {
            return;
        }
        let source = ctx.doc.source;
        for pair in ctx.doc.liquid.windows(2) {
            let (output, tag) = (&pair[0], &pair[1]);
            let is_baseurl = output.kind == LiquidKind::Output && source[output.inner.clone()].trim() == "site.baseurl";
            if !is_baseurl || tag.kind != LiquidKind::Tag || !source[output.span.end..tag.span.start].trim().is_empty()
            {
                continue;
            }
            let name = tag.name(source);
            if name == "post_url" || name == "link" {
                out.push(
                    Diagnostic::new("LNK004", output.span.clone(), format!("`{{{{ site.baseurl }}}}` before `{{% {name} %}}`: since Jekyll 4 `{name}` already includes the baseurl"))
                        .help("remove `{{ site.baseurl }}`; with a baseurl set, the link has it twice and 404s")
                        .fix(Fix::unsafe_edits(vec![Edit::delete(output.span.start..tag.span.start)])),
                );
            }
        }
    }
}

/// Other published posts of the index that share this post's value.
fn others<'a>(ctx: &Context<'_>, index: &'a SiteIndex, ids: &[usize]) -> Vec<&'a str> {
    ids.iter().map(|&id| index.posts[id].path.as_str()).filter(|path| *path != ctx.relative).collect()
}

/// Like `others`, but only posts in the post's own language: a translation shares its
/// original's title by design, and hreflang tells search engines which to show.
fn others_in_language<'a>(ctx: &Context<'_>, index: &'a SiteIndex, ids: &[usize]) -> Vec<&'a str> {
    ids.iter()
        .map(|&id| &index.posts[id])
        .filter(|post| post.path != ctx.relative && post.language == ctx.language)
        .map(|post| post.path.as_str())
        .collect()
}

fn listing(paths: &[&str]) -> String {
    let shown: Vec<String> = paths.iter().take(5).map(|p| format!("`{p}`")).collect();
    let more = if paths.len() > 5 { format!(" and {} more", paths.len() - 5) } else { String::new() };
    format!("{}{more}", shown.join(", "))
}

fn is_published(ctx: &Context<'_>) -> bool {
    let draft = ctx.doc.front("draft").is_some_and(|n| n.value == crate::document::tree::Value::Bool(true));
    let unpublished = ctx.doc.front("published").is_some_and(|n| n.value == crate::document::tree::Value::Bool(false));
    !draft && !unpublished && !ctx.relative.contains("_drafts/") && is_post(ctx)
}

/// LNK005 duplicate-title and LNK006 duplicate-description.
pub struct DuplicateValue {
    code: &'static str,
    key: &'static str,
}

impl DuplicateValue {
    pub fn titles() -> Self {
        DuplicateValue { code: "LNK005", key: "title" }
    }

    pub fn descriptions() -> Self {
        DuplicateValue { code: "LNK006", key: "description" }
    }
}

impl Rule for DuplicateValue {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(index) = index(ctx) else { return };
        if !is_published(ctx) {
            return;
        }
        let Some(node) = ctx.doc.front(self.key) else { return };
        let Some(folded) = node.as_str().map(fold).filter(|v| !v.is_empty()) else { return };
        let ids =
            if self.key == "title" { index.by_folded_title(&folded) } else { index.by_folded_description(&folded) };
        let others = others_in_language(ctx, index, ids);
        if others.is_empty() {
            return;
        }
        out.push(
            Diagnostic::new(
                self.code,
                node.span.clone(),
                format!("{} posts share this {}: {}", others.len() + 1, self.key, listing(&others)),
            )
            .help(format!("give each post its own {}; search engines show one of them and drop the rest", self.key)),
        );
    }
}

/// LNK007 duplicate-permalink.
pub struct DuplicatePermalink;

impl Rule for DuplicatePermalink {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(index) = index(ctx) else { return };
        if ctx.site.root.is_none() {
            return;
        }
        let own = site::describe(&ctx.relative, ctx.doc.front_matter.as_ref(), ctx.site);
        let Some(url) = own.url.filter(|_| own.published) else { return };
        let others = others(ctx, index, index.by_url(&url));
        if others.is_empty() {
            return;
        }
        let span: Span = ctx
            .doc
            .front("permalink")
            .or_else(|| ctx.doc.front("slug"))
            .or_else(|| ctx.doc.front("title"))
            .map_or(0..ctx.doc.lines.line_span(ctx.doc.source, 0).end, |n| n.span.clone());
        out.push(
            Diagnostic::new("LNK007", span, format!("this post's URL `{url}` is also the URL of {}", listing(&others)))
                .help("change the permalink or slug: one page silently overwrites the other in the built site"),
        );
    }
}

/// LNK008 generic-link-text.
pub struct GenericLinkText {
    phrases: Vec<String>,
}

impl GenericLinkText {
    pub fn new(options: &Options) -> Self {
        GenericLinkText { phrases: options.list("phrases").iter().map(|p| fold(p)).collect() }
    }
}

impl Rule for GenericLinkText {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for link in &ctx.doc.outline.links {
            if link.kind == LinkKind::Autolink || ctx.doc.in_code(link.span.start) {
                continue;
            }
            let text = fold(&link.text);
            let bare = text.trim_matches(|c: char| !c.is_alphanumeric());
            let generic = self.phrases.iter().any(|p| p == bare);
            let is_url = !bare.is_empty()
                && (text.starts_with("http://") || text.starts_with("https://"))
                && link.text.trim() == link.url.trim();
            if generic || is_url {
                let what = if is_url { "a bare URL".to_string() } else { quote(link.text.trim()) };
                out.push(
                    Diagnostic::new(
                        "LNK008",
                        link.span.clone(),
                        format!("link text is {what}, which does not say where the link goes"),
                    )
                    .help("use the target's title or what the reader gets there as the link text"),
                );
            }
        }
    }
}
