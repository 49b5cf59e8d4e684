//! LNK009 cross-post-fragment-missing (rules/LNK009.md).
//!
//! A link to another post or page of the site with a `#fragment` that the target does
//! not have: `other.md#a`, `{% post_url NAME %}#a`, `{% link path %}#a`, a site-root or
//! own-domain URL with `#a`, Hugo's `ref`/`relref` — with the target's anchors made by its
//! generator's slug rules, and the nearest existing anchor suggested.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use std::time::SystemTime;

use super::*;
use crate::bounded;
use crate::document::Document;
use crate::site::TagTarget;

/// A file as read: its path, length and modification time, so an editor session that
/// keeps the rule alive sees a target's new headings.
type FileStamp = (PathBuf, u64, Option<SystemTime>);

/// LNK009 cross-post-fragment-missing.
///
/// A target's anchors need its body, which the site index (front matter only) does not
/// read: each target of a fragment link is parsed once per run here, so a post that is
/// both linted and linked to with a fragment is parsed twice. Only such targets are,
/// which on the sites measured is a few dozen files; storing anchors in the index would
/// make every run read every body.
#[derive(Default)]
pub struct CrossPostFragmentMissing {
    /// Anchors of the files linked to, each read and parsed once per run.
    anchors: Mutex<HashMap<FileStamp, Option<Arc<Anchors>>>>,
}

impl CrossPostFragmentMissing {
    pub fn new() -> Self {
        Self::default()
    }

    /// The anchors of the file at `path` as its generator makes them, or `None` when it
    /// cannot be read (missing files are LNK001–LNK003's to report).
    fn anchors_of(&self, ctx: &Context<'_>, path: &Path) -> Option<Arc<Anchors>> {
        // Every post that links here depends on this file, memo or not.
        crate::reads::note(path);
        let metadata = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
        let stamp = (path.to_path_buf(), metadata.len(), metadata.modified().ok());
        if let Ok(memo) = self.anchors.lock()
            && let Some(known) = memo.get(&stamp)
        {
            return known.clone();
        }
        let computed = ctx.site.read_site_file(path, bounded::POST).map(|text| {
            let display = path.to_string_lossy();
            let doc = Document::parse_with(&display, &text, &ctx.site.markup());
            let target = Context::new(&doc, path, ctx.site, ctx.today);
            let mut found = anchors(&target);
            found.uncertain |= renders_components(&doc);
            Arc::new(found)
        });
        if let Ok(mut memo) = self.anchors.lock() {
            memo.insert(stamp, computed.clone());
        }
        computed
    }
}

impl Rule for CrossPostFragmentMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        if ctx.site.makes_own_heading_ids() || !ctx.site.resolves_references() {
            return;
        }
        let link_hook = ctx.site.has_link_render_hook();
        for link in &ctx.doc.outline.links {
            // A render hook decides where a Markdown link leads (a language prefix, a
            // glossary): only the generator's own references are judged then.
            if link_hook || ctx.doc.in_code(link.span.start) {
                continue;
            }
            let Some((target, fragment)) = linked_file(ctx, link, link_hook) else { continue };
            let span = fragment_span(ctx, link, fragment);
            self.check_fragment(ctx, &target, fragment, span, out);
        }
        for (target, fragment, span) in ctx.site.fragment_references(ctx.doc, Path::new(ctx.doc.path)) {
            self.check_fragment(ctx, &target, &fragment, span, out);
        }
        // `({% post_url NAME %}#a)`: the generator renders the tag before the Markdown, but
        // to a CommonMark reader the spaces make it no link, so the tags are read directly;
        // a tag may also carry the fragment in its argument (`{% post_link slug#a %}`).
        for reference in ctx.site.tag_references(ctx.doc, Path::new(ctx.doc.path)) {
            let target = match reference.target {
                TagTarget::Post => {
                    let Some(post) = ctx.site.post_named(&reference.name) else { continue };
                    let Some(root) = ctx.site.root.as_ref() else { continue };
                    root.join(&post.path)
                }
                TagTarget::SiteFile => {
                    let Some(file) = reference.candidates.first() else { continue };
                    file.clone()
                }
                _ => continue,
            };
            if let Some((fragment, span)) = &reference.fragment {
                self.check_fragment(ctx, &target, fragment, span.clone(), out);
                continue;
            }
            let after = &ctx.doc.source[reference.tag_span.end..];
            let Some(rest) = after.strip_prefix('#') else { continue };
            let length = rest
                .find(|c: char| c.is_whitespace() || matches!(c, ')' | '"' | '\'' | '>' | ']'))
                .unwrap_or(rest.len());
            let start = reference.tag_span.end + 1;
            self.check_fragment(ctx, &target, &rest[..length], start..start + length, out);
        }
    }
}

impl CrossPostFragmentMissing {
    fn check_fragment(&self, ctx: &Context<'_>, target: &Path, fragment: &str, span: Span, out: &mut Reporter) {
        if fragment.is_empty() || fragment.contains("{{") || fragment.contains("{%") {
            return;
        }
        let Some(anchors) = self.anchors_of(ctx, target) else { return };
        let wanted = percent_decode(fragment);
        if anchors.uncertain || anchors.contains(&wanted, ctx.site) {
            return;
        }
        let shown = ctx.site.relative_path(target);
        let help = match nearest(&anchors, &wanted) {
            Some(near) => {
                format!("did you mean `#{near}`? Its headings' anchors are made as {}", ctx.site.slug_description())
            }
            None => format!("link to one of its headings' anchors, made as {}", ctx.site.slug_description()),
        };
        out.push(
            Diagnostic::new(span, format!("{} has no heading or element with the anchor `#{wanted}`", quote(&shown)))
                .help(help)
                .related(ctx.site.shown_path(&shown), "the linked file"),
        );
    }
}

/// Whether a page's content is a component (`<ApiIndex />`, VitePress's `<ExampleRepl />`
/// on a line of its own, and no more than a title as Markdown headings): its headings
/// and ids are rendered by the component, not written in the Markdown. A page with its
/// own sections that also shows a component (`<RecipeLinks … />`) is judged as usual.
fn renders_components(doc: &Document<'_>) -> bool {
    if doc.outline.headings.len() > 1 {
        return false;
    }
    let mut in_fence = false;
    for line in doc.source[doc.body_start..].lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        let alone = trimmed.strip_prefix('<').is_some_and(|rest| {
            rest.starts_with(|c: char| c.is_ascii_uppercase()) && rest.ends_with("/>") && !rest.contains('<')
        });
        if alone && !in_fence {
            return true;
        }
    }
    false
}

/// The existing anchor closest to `wanted` (a typo or a renamed heading), if any is close.
fn nearest<'a>(anchors: &'a Anchors, wanted: &str) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for id in &anchors.ids {
        if let Some(distance) = site::bounded_edit_distance(wanted, id, limit)
            && best.is_none_or(|(d, b)| distance < d || distance == d && id.as_str() < b)
        {
            best = Some((distance, id));
        }
    }
    best.map(|(_, id)| id)
}

/// The fragment's bytes in the file when the link's URL is written verbatim there,
/// otherwise the whole URL.
fn fragment_span(ctx: &Context<'_>, link: &Link, fragment: &str) -> Span {
    let written = ctx.doc.text(&link.url_span);
    match written.rfind(&format!("#{fragment}")) {
        Some(at) => link.url_span.start + at + 1..link.url_span.start + at + 1 + fragment.len(),
        None => link.url_span.clone(),
    }
}

/// The file a link names and the fragment it asks for, when the link goes to another
/// file of the site with a fragment.
fn linked_file<'u>(ctx: &Context<'_>, link: &'u Link, link_hook: bool) -> Option<(PathBuf, &'u str)> {
    let url = link.url.trim();
    let (before, fragment) = url.split_once('#')?;
    if before.is_empty() {
        return None;
    }
    // Liquid tags are read where they stand (see `check`).
    if before.starts_with("{%") {
        return None;
    }
    let root = ctx.site.root.as_ref();
    if let Some(path) = site_path(ctx, url) {
        let page = path.split('#').next().unwrap_or(&path);
        let by_url = ctx.site.index().and_then(|index| Some(&index.posts[*index.by_url(page).first()?].path));
        let target = match by_url {
            Some(relative) => root?.join(relative),
            None => ctx.site.source_of_url(page)?,
        };
        return Some((target, fragment));
    }
    if let Some(candidates) = file_candidates(ctx, link, link_hook)
        && let Some(target) = candidates.into_iter().find(|c| crate::document::is_markdown_file(c) && c.is_file())
    {
        return Some((target, fragment));
    }
    // Some generators route `./setup#a` and `../guide/setup.html#a` to the source file.
    if !urls::has_scheme(before) && !before.starts_with(['/', '{', '<']) {
        return Some((ctx.site.page_link_target(Path::new(ctx.doc.path), before)?, fragment));
    }
    None
}
