//! LNK002 link-target-missing (rules/LNK002.md).
//!
//! A `{% link path %}` to a file the site does not have, a relative Markdown or HTML link
//! to a local file that does not exist (`../other.md`, `./img.png`), and a `#fragment` link
//! to an anchor that this post does not have.

use super::*;

/// LNK002 link-target-missing.
pub struct LinkTargetMissing;

impl Rule for LinkTargetMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        // Where the generator is not known, neither are its paths and ids.
        if !ctx.site.resolves_references() {
            return;
        }
        let mut anchor_cache: Option<Anchors> = None;
        let link_hook = ctx.site.has_link_render_hook();
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
                if !anchors.uncertain && !anchors.contains(&wanted, ctx.site) {
                    out.push(
                        Diagnostic::new(
                            link.url_span.clone(),
                            format!("no heading or element in this post has the anchor `#{wanted}`"),
                        )
                        .help("link to an existing heading's anchor (lower case, spaces as `-`, punctuation removed)"),
                    );
                }
                continue;
            }
            let Some(candidates) = file_candidates(ctx, link, link_hook) else { continue };
            let path_written = percent_decode(url.split(['?', '#']).next().unwrap_or(url));
            if candidates.iter().all(|candidate| ctx.site.files.lookup(candidate) == Lookup::Missing)
                && !is_sibling_page_url(ctx, url)
                && !ctx.site.could_serve(Path::new(ctx.doc.path), &path_written)
            {
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
                out.push(Diagnostic::new(link.url_span.clone(), message).help(help));
            } else if crate::document::is_markdown_file(Path::new(&path_written))
                && let Some(target) =
                    candidates.iter().find(|candidate| ctx.site.files.lookup(candidate) != Lookup::Missing)
                && let Some(scope) = ctx.site.markdown_link_out_of_scope(Path::new(ctx.doc.path), target)
            {
                let path = url.split(['?', '#']).next().unwrap_or(url);
                let folder = scope.first().map_or_else(String::new, |f| format!(" (`{f}/`)"));
                let target_url = ctx.site.index().and_then(|index| {
                    index.entry(&ctx.site.relative_path(&crate::site::normalize_dots(target)))?.url.clone()
                });
                let help = match target_url {
                    Some(url) => format!("link to its URL, `{url}`"),
                    None => "link to the page's URL".to_string(),
                };
                out.push(
                    Diagnostic::new(
                        link.url_span.clone(),
                        format!(
                            "linked file {} exists, but a link by file path from this page resolves only to a file of its own content{folder}: this one stays as written, and broken",
                            quote(path)
                        ),
                    )
                    .help(help),
                );
            }
        }
        // Template tags that name a file of the site or of the page's asset folder.
        for reference in ctx.site.tag_references(ctx.doc, Path::new(ctx.doc.path)) {
            let message = match reference.target {
                crate::site::TagTarget::SiteFile => "which does not exist in the site",
                crate::site::TagTarget::PageAsset => "which is not in this page's asset folder",
                _ => continue,
            };
            if reference.candidates.iter().all(|candidate| ctx.site.files.lookup(candidate) == Lookup::Missing) {
                out.push(
                    Diagnostic::new(
                        reference.span.clone(),
                        format!("`{}` names {}, {message}", reference.tag, quote(&reference.name)),
                    )
                    .help(format!("{}; {}", reference.hint, reference.consequence)),
                );
            }
        }
    }
}

/// The files a link may name, by its generator's rules (any one existing is enough), or
/// `None` when the link is not a path to a file postlint can check: an internal link
/// (`@/page.md`) is under the generator's content folder; a relative path is beside the
/// post, and in the folders the generator also resolves links from.
pub(super) fn file_candidates(ctx: &Context<'_>, link: &Link, link_hook: bool) -> Option<Vec<std::path::PathBuf>> {
    let url = link.url.trim();
    let path = percent_decode(url.split(['?', '#']).next().unwrap_or(url));
    if let Some(target) = ctx.site.internal_link_target(&path) {
        return Some(vec![target]);
    }
    // `[text][ref](X)`: kramdown reads a reference link and plain `(X)`; CommonMark
    // reads `[ref](X)` as a link to `X`.
    let after_reference =
        ctx.site.reads_kramdown() && link.span.start > 0 && ctx.doc.source.as_bytes()[link.span.start - 1] == b']';
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
        // A render hook decides what a link means (`[term](g)` is a glossary link).
        || link_hook
        || !names_a_file(ctx, url);
    if not_a_file {
        return None;
    }
    ctx.site.relative_link_candidates(Path::new(ctx.doc.path), &path)
}

/// Whether a relative link, read against this page's own URL, is another page's URL:
/// `nomap.html` from `/n/hiddenssid.html` is `/n/nomap.html`, the permalink of `n/nomap.md`.
fn is_sibling_page_url(ctx: &Context<'_>, url: &str) -> bool {
    let Some(index) = ctx.site.index() else { return false };
    let Some(own) = index.entry(&ctx.relative).and_then(|page| page.url.as_deref()) else { return false };
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let mut segments: Vec<&str> = own.split('/').filter(|s| !s.is_empty()).collect();
    if !own.ends_with('/') {
        segments.pop();
    }
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let resolved = format!("/{}{}", segments.join("/"), if path.ends_with('/') { "/" } else { "" });
    index.resolves(&percent_decode(&resolved))
}

/// Whether a relative link names a file rather than a page URL: where the generator
/// resolves a link without an extension (`../setup/`) against the page's URL, not the
/// file tree, only links with an extension (`other.md`, `diagram.png`) can be checked on
/// disk.
pub(super) fn names_a_file(ctx: &Context<'_>, url: &str) -> bool {
    if !ctx.site.extensionless_links_are_urls() {
        return true;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(stem, ext)| !stem.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()))
}
