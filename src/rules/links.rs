//! LNK: links between posts and the site as a whole — `{% post_url %}` and `{% link %}`
//! targets, internal URLs, fragments, and posts that compete for one title or URL.

use std::path::Path;

use super::front_matter::is_post;
use super::{Context, Options, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::html;
use crate::document::liquid::LiquidKind;
use crate::document::markdown::{Link, LinkKind};
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
        // Without a `_posts` folder in view (a post linted on its own, outside its site)
        // the names `post_url` refers to are unknown, not missing.
        let Some(index) = index(ctx).filter(|index| index.knows_posts()) else { return };
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

/// The anchors of a post, and whether some heading's anchor is unknown (a Zola heading
/// with characters Zola transliterates), in which case a missing fragment is not reported.
struct Anchors {
    ids: std::collections::HashSet<String>,
    uncertain: bool,
}

impl Anchors {
    /// Whether `fragment` names one of the anchors. On GitHub (no generator) case does
    /// not matter. On Eleventy the heading slug is the site's own `slugify` (18F's turns
    /// `.` into `-`), and VuePress's slugify turns punctuation into `-`, so a fragment
    /// also matches a heading anchor with the same letters and digits.
    fn contains(&self, fragment: &str, generator: Generator) -> bool {
        if self.ids.contains(fragment) {
            return true;
        }
        // Without a generator the Markdown is read on GitHub, whose fragment lookup
        // ignores case (`#ErrorResponse` finds `#### ErrorResponse`).
        if generator == Generator::None {
            let wanted = fragment.to_lowercase();
            return self.ids.iter().any(|id| id.to_lowercase() == wanted);
        }
        if !matches!(generator, Generator::Eleventy | Generator::VuePress) {
            return false;
        }
        let letters =
            |id: &str| -> String { id.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect() };
        let wanted = letters(fragment);
        !wanted.is_empty() && self.ids.iter().any(|id| letters(id) == wanted)
    }
}

/// Anchors a post has: heading slugs (with `-1` suffixes) as its generator makes them,
/// `{#id}` and kramdown `{: #id}` attributes, Hugo definition terms, HTML `id`/`name`.
fn anchors(ctx: &Context<'_>) -> Anchors {
    let mut found = std::collections::HashSet::new();
    let mut uncertain = false;
    let slugger = if ctx.site.generator == Generator::Zola { Slugger::Zola } else { Slugger::Github };
    // Headings and (Hugo's `autoDefinitionTermID`) definition terms share one id space in
    // page order: a term `targets` before a heading `Targets` makes it `targets-1`.
    let mut generated: Vec<(usize, String)> = Vec::new();
    for heading in &ctx.doc.outline.headings {
        if heading.kind == crate::document::markdown::HeadingKind::Html {
            continue;
        }
        uncertain |= slugger == Slugger::Zola && !heading.text.is_ascii();
        generated.push((heading.span.start, slugger.slug(&heading.text)));
    }
    if ctx.site.generator == Generator::Hugo {
        generated.extend(definition_terms(ctx));
    }
    generated.sort_by_key(|(offset, _)| *offset);
    let mut slug_counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (_, slug) in generated {
        let count = slug_counts.entry(slug.clone()).or_default();
        found.insert(if *count == 0 { slug } else { format!("{slug}-{count}") });
        *count += 1;
    }
    attribute_ids(ctx, &mut found);
    let mut tags = Vec::new();
    for range in &ctx.doc.outline.html {
        html::find_tags(
            ctx.doc.source,
            range.clone(),
            &[
                "a", "div", "span", "section", "h1", "h2", "h3", "h4", "h5", "h6", "p", "img", "dt", "li", "table",
                "sup",
            ],
            &mut tags,
        );
    }
    for tag in tags {
        for name in ["id", "name"] {
            if let Some(value) = tag.attribute(name).and_then(|a| a.value.clone()) {
                found.insert(value);
            }
        }
    }
    // Footnotes: pulldown-style `#fn1`-like targets are not generated by every engine,
    // but kramdown (`fn:1`), goldmark (`fn:1`) and GitHub (`user-content-fn-1`) make these.
    for (index, _) in ctx.doc.source[ctx.doc.body_start..].match_indices("[^").enumerate() {
        found.insert(format!("fn:{}", index + 1));
        found.insert(format!("fnref:{}", index + 1));
    }
    // Content pulled in from other files (Hugo `include`/`readfile` shortcodes, Liquid
    // `include`) brings headings this file does not show.
    let body = &ctx.doc.source[ctx.doc.body_start..];
    uncertain |= ["{{% include", "{{< include", "{{% readfile", "{{< readfile", "{% include", "{%- include"]
        .iter()
        .any(|tag| body.contains(tag));
    Anchors { ids: found, uncertain }
}

/// `{#id}` (goldmark, Zola, kramdown) and `{: #id}` / `{:#id .class}` (kramdown IAL) ids
/// anywhere in the body outside code.
fn attribute_ids(ctx: &Context<'_>, found: &mut std::collections::HashSet<String>) {
    let body = &ctx.doc.source[ctx.doc.body_start..];
    for (at, _) in body.match_indices('{') {
        let start = ctx.doc.body_start + at;
        let rest = &body[at + 1..];
        let Some(close) = rest.find('}').filter(|&c| c < 200 && !rest[..c].contains('\n')) else { continue };
        let inner = rest[..close].trim_start_matches(':').trim();
        if !(rest.starts_with(':') || rest.starts_with('#')) || ctx.doc.in_code(start) {
            continue;
        }
        for word in inner.split_whitespace() {
            if let Some(id) = word.strip_prefix('#').filter(|id| !id.is_empty()) {
                found.insert(id.to_string());
            }
        }
    }
}

/// Hugo's goldmark gives each definition term an id (`autoDefinitionTermID`): a line
/// followed by a `: definition` line. Returns (offset, slug) in page order.
fn definition_terms(ctx: &Context<'_>) -> Vec<(usize, String)> {
    let body = &ctx.doc.source[ctx.doc.body_start..];
    // Code blocks (spans over several lines), once, for binary search: a term written
    // as inline code (`` `sites` ``) is still a term.
    let blocks: Vec<Span> = ctx.doc.outline.code.iter().filter(|s| ctx.doc.text(s).contains('\n')).cloned().collect();
    let mut terms = Vec::new();
    let mut previous: Option<(usize, &str)> = None;
    let mut offset = ctx.doc.body_start;
    for line in body.split_inclusive('\n') {
        if line.starts_with(": ")
            && let Some((start, term)) = previous.filter(|(_, t)| !t.trim().is_empty())
            && !crate::document::in_sorted_spans(&blocks, start)
        {
            let plain: String = term.chars().filter(|c| !matches!(c, '`' | '*' | '[' | ']')).collect();
            terms.push((start, Slugger::Github.slug(&plain)));
        }
        previous = Some((offset, line.trim_end()));
        offset += line.len();
    }
    terms
}

/// LNK002 link-target-missing.
pub struct LinkTargetMissing;

impl Rule for LinkTargetMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let mut anchor_cache: Option<Anchors> = None;
        let hugo_link_hook = ctx.site.generator == Generator::Hugo && ctx.site.has_link_render_hook();
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
                if !anchors.uncertain && !anchors.contains(&wanted, ctx.site.generator) {
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
            let Some(candidates) = file_candidates(ctx, link, hugo_link_hook) else { continue };
            if candidates.iter().all(|candidate| ctx.site.files.lookup(candidate) == Lookup::Missing) {
                let path = url.split(['?', '#']).next().unwrap_or(url);
                let (message, help) = if url.starts_with("@/") {
                    (
                        format!("internal link {} names no file under `content/`", quote(url)),
                        "give the page's path from `content/`; Zola stops the build on a broken internal link",
                    )
                } else {
                    (
                        format!("linked file {} does not exist", quote(path)),
                        "fix the path relative to this post, or link to the page's URL",
                    )
                };
                out.push(Diagnostic::new("LNK002", link.url_span.clone(), message).help(help));
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

/// The files a link may name, by its generator's rules (any one existing is enough), or
/// `None` when the link is not a path to a file postlint can check: Zola's `@/page.md`
/// is under `content/`; a relative path is beside the post, and for Eleventy (its
/// InputPathToUrl plugin) also under the input folder.
fn file_candidates(ctx: &Context<'_>, link: &Link, hugo_link_hook: bool) -> Option<Vec<std::path::PathBuf>> {
    let url = link.url.trim();
    let path = percent_decode(url.split(['?', '#']).next().unwrap_or(url));
    if let Some(internal) = path.strip_prefix("@/") {
        return Some(vec![ctx.site.root.as_ref()?.join("content").join(internal)]);
    }
    // `[text][ref](X)`: kramdown (Jekyll) reads a reference link and plain `(X)`;
    // CommonMark reads `[ref](X)` as a link to `X`.
    let after_reference = ctx.site.generator == Generator::Jekyll
        && link.span.start > 0
        && ctx.doc.source.as_bytes()[link.span.start - 1] == b']';
    let not_a_file = after_reference
        || link.kind == LinkKind::Autolink
        || url.is_empty()
        // `[text]([REF][])`: kramdown reads a reference link here, not a path.
        || url.starts_with('[')
        || urls::is_remote(url)
        || urls::has_scheme(url)
        || url.starts_with('/')
        || url.contains("{{")
        || url.contains("{%")
        // An MDX expression (`href={post.url}`), not a path.
        || url.starts_with('{')
        // A render hook decides what a Hugo link means (`[term](g)` is a glossary link).
        || hugo_link_hook
        || !names_a_file(ctx, url);
    if not_a_file {
        return None;
    }
    let dir = Path::new(ctx.doc.path).parent()?;
    if !dir.as_os_str().is_empty() && !dir.is_dir() {
        return None;
    }
    let mut candidates = vec![dir.join(&path)];
    if let (Some(root), Generator::Eleventy) = (&ctx.site.root, ctx.site.generator) {
        candidates.extend(["", "src"].iter().map(|base| root.join(base).join(&path)));
    }
    Some(candidates)
}

/// Whether a relative link names a file rather than a page URL: for Hugo, Zola, Astro
/// and Eleventy a link without an extension (`../setup/`) is resolved against the page's
/// URL, not the file tree, so only links with an extension (`other.md`, `diagram.png`)
/// can be checked on disk.
fn names_a_file(ctx: &Context<'_>, url: &str) -> bool {
    if matches!(ctx.site.generator, Generator::Jekyll | Generator::None) {
        return true;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(stem, ext)| !stem.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()))
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
            if self.known.iter().any(|k| path.starts_with(k.as_str())) || index.resolves(&path) {
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
        // With no `baseurl` the doubled prefix is empty: the link works.
        if ctx.site.generator != Generator::Jekyll || ctx.site.jekyll3 || ctx.site.baseurl.is_empty() {
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
        if !is_published(ctx) || self.key == "description" && !ctx.site.renders_page_description() {
            return;
        }
        let Some(node) = ctx.doc.front(self.key) else { return };
        let Some(folded) = node.as_str().map(fold).filter(|v| !v.is_empty()) else { return };
        let ids =
            if self.key == "title" { index.by_folded_title(&folded) } else { index.by_folded_description(&folded) };
        // Ids are in path order: when the group's last post is another one in this post's
        // language, this post is not where the group is reported (skips an O(n) scan per
        // post, which made a group of 50,000 posts quadratic).
        if let Some(&last) = ids.last()
            && index.posts[last].path.as_str() > ctx.relative.as_str()
            && index.posts[last].language == ctx.language
        {
            return;
        }
        let others = others_in_language(ctx, index, ids);
        // One problem, one diagnostic: the group is reported once, on its last post (by
        // file name, which for dated posts is the newest), naming the others.
        if others.is_empty() || others.iter().any(|other| *other > ctx.relative.as_str()) {
            return;
        }
        let mut diagnostic = Diagnostic::new(
            self.code,
            node.span.clone(),
            format!("{} posts share this {}: {}", others.len() + 1, self.key, listing(&others)),
        )
        .help(format!("give each post its own {}; search engines show one of them and drop the rest", self.key));
        for other in &others {
            diagnostic = diagnostic.related(ctx.site.shown_path(other), format!("the same {}", self.key));
        }
        out.push(diagnostic);
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
        let mut diagnostic =
            Diagnostic::new("LNK007", span, format!("this post's URL `{url}` is also the URL of {}", listing(&others)))
                .help("change the permalink or slug: one page silently overwrites the other in the built site");
        for other in &others {
            diagnostic = diagnostic.related(ctx.site.shown_path(other), "written to the same URL");
        }
        out.push(diagnostic);
    }
}

/// LNK008 generic-link-text.
pub struct GenericLinkText {
    phrases: Vec<String>,
    bare_urls: bool,
}

impl GenericLinkText {
    pub fn new(options: &Options) -> Self {
        GenericLinkText {
            phrases: options.list("phrases").iter().map(|p| fold(p)).collect(),
            bare_urls: options.bool("bare-urls"),
        }
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
            let is_url = self.bare_urls
                && !bare.is_empty()
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
