//! LNK003 internal-url-missing (rules/LNK003.md).
//!
//! A site-root link (`/blog/some-slug/`, `{{ site.baseurl }}/blog/x/`, or an absolute link
//! to the site's own `url` from `_config.yml`) that matches no post's permalink, no page
//! and no static file of the Jekyll site.

use super::*;

/// LNK003 internal-url-missing.
pub struct InternalUrlMissing {
    known: Vec<String>,
}

impl InternalUrlMissing {
    pub fn new(options: &Options) -> Self {
        InternalUrlMissing { known: options.list("known-prefixes").to_vec() }
    }
}

impl Rule for InternalUrlMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        if !ctx.site.knows_every_url() {
            return;
        }
        let (Some(index), Some(root)) = (index(ctx), ctx.site.root.as_ref()) else { return };
        for link in &ctx.doc.outline.links {
            if ctx.doc.in_code(link.span.start) {
                continue;
            }
            let Some(path) = site_path(ctx, &link.url) else { continue };
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
            if served_elsewhere(ctx, index, root, &path) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    link.url_span.clone(),
                    format!("no post, page or file of this site has the URL {}", quote(&path)),
                )
                .help("fix the link, or use `{% post_url %}` / `{% link %}` so Jekyll checks it at build time"),
            );
        }
    }
}

/// Whether a path belongs to another application on the same domain: the site publishes
/// nothing under its first segment (no page, redirect, folder or file there), the link
/// does not end in the name of one of its pages, and the segment is not a near-miss of
/// one it does publish (`/abuot` for `/about`). A marketing
/// site's `/register`, `/docs/…` or `/app/…` are served by other programs; a typo in a link
/// to one of the site's own sections is still reported.
fn served_elsewhere(ctx: &Context<'_>, index: &SiteIndex, root: &Path, path: &str) -> bool {
    let Some(segment) = site::first_segment(path) else { return false };
    let published = index.first_segments();
    if published.contains(&segment) {
        return false;
    }
    let on_disk = root.join(&segment);
    if !matches!(ctx.site.files.lookup(&on_disk), Lookup::Missing) {
        return false;
    }
    // `/blog/spring/` when the post `spring` now lives at `/2026/spring/`: the site's own
    // link, left behind by a change of permalink style.
    if site::last_segment(path).is_some_and(|last| index.last_segments().contains(&last)) {
        return false;
    }
    let limit = if segment.chars().count() >= 8 { 2 } else { 1 };
    let near_miss = published.iter().any(|known| site::bounded_edit_distance(known, &segment, limit).is_some());
    !near_miss
}
