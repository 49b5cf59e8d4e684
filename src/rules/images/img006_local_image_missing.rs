//! IMG006 local-image-missing (rules/IMG006.md).
//!
//! A site-root or relative image path (`/assets/x.png`, `../img/x.png`, `{{ site.baseurl
//! }}/assets/x.png`, `{{ '/assets/x.png' | relative_url }}`) that matches no file in the
//! site; a path that differs from an existing file only in letter case is reported as such.

use super::*;

/// IMG006 local-image-missing. Folders are listed through the site's `DirCache`, which
/// lists only folders inside the site's boundary.
pub struct LocalImageMissing;

impl Default for LocalImageMissing {
    fn default() -> Self {
        Self::new()
    }
}

impl LocalImageMissing {
    pub fn new() -> Self {
        LocalImageMissing
    }
}

/// The path an image URL names, as written: template prefixes, query and fragment gone,
/// decoded.
fn written_path(url: &str) -> String {
    let url = strip_template_prefix(url).unwrap_or(url);
    let url = liquid_filter_path(url).unwrap_or(url);
    urls::percent_decode(url.split(['?', '#']).next().unwrap_or(url))
}

/// `{{ '/assets/x.png' | relative_url }}` → `/assets/x.png`.
pub(super) fn liquid_filter_path(url: &str) -> Option<&str> {
    let inner = url.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let quoted = inner.split('|').next()?.trim();
    quoted.strip_prefix(['\'', '"']).and_then(|q| q.strip_suffix(['\'', '"']))
}

impl Rule for LocalImageMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        // Where the generator is not known, neither is where an image path leads.
        if ctx.site.root.is_none() || !ctx.site.resolves_references() {
            return;
        }
        for image in collect(ctx) {
            let Some(candidates) = image_candidates(ctx, image) else { continue };
            let shown = |p: &Path| -> String {
                let relative = ctx.site.root.as_ref().and_then(|root| p.strip_prefix(root).ok()).unwrap_or(p);
                relative.to_string_lossy().into_owned()
            };
            let lookups: Vec<Lookup> = candidates.iter().map(|path| ctx.site.files.lookup(path)).collect();
            if lookups.contains(&Lookup::Found) {
                continue;
            }
            // The candidate to name: the first that stays inside the site when its `..`
            // are resolved (a post's `../../assets/x.png` is named by where its URL leads).
            let root = ctx.site.root.clone().unwrap_or_default();
            let inside = |p: &&PathBuf| crate::site::normalize_dots(&crate::site::absolute_path(p)).starts_with(&root);
            let path = &crate::site::normalize_dots(candidates.iter().find(inside).unwrap_or(&candidates[0]));
            let lookup = lookups.into_iter().find(|l| matches!(l, Lookup::CaseMismatch(_))).unwrap_or(Lookup::Missing);
            // A file the model cannot reach but some mapping it does not know could (a
            // layout's prefix, a theme's folder): not called missing.
            if lookup == Lookup::Missing && ctx.site.could_serve(Path::new(ctx.doc.path), &written_path(&image.url)) {
                continue;
            }
            match lookup {
                Lookup::Found => {}
                Lookup::Missing => out.push(
                    Diagnostic::new(image.url_span.clone(), format!("image file {} does not exist", quote(&shown(path))))
                        .help("fix the path, or add the file to the site"),
                ),
                Lookup::CaseMismatch(actual) => out.push(
                    Diagnostic::new(image.url_span.clone(), format!("image file differs only in letter case: the site has {}", quote(&shown(Path::new(&actual)))))
                        .help("match the capitals exactly: the build server's file system is case-sensitive even if your laptop's is not"),
                ),
            }
        }
        // Images a template tag names (Hexo's `{% asset_img x.png %}`).
        for reference in ctx.site.tag_references(ctx.doc, Path::new(ctx.doc.path)) {
            if reference.target != crate::site::TagTarget::Image || reference.candidates.is_empty() {
                continue;
            }
            let lookups: Vec<Lookup> = reference.candidates.iter().map(|path| ctx.site.files.lookup(path)).collect();
            if lookups.contains(&Lookup::Found) {
                continue;
            }
            let shown = |p: &Path| -> String {
                let relative = ctx.site.root.as_ref().and_then(|root| p.strip_prefix(root).ok()).unwrap_or(p);
                relative.to_string_lossy().into_owned()
            };
            let diagnostic = match lookups.into_iter().find(|l| matches!(l, Lookup::CaseMismatch(_))) {
                Some(Lookup::CaseMismatch(actual)) => Diagnostic::new(
                    reference.span.clone(),
                    format!("image file differs only in letter case: the site has {}", quote(&shown(Path::new(&actual)))),
                )
                .help("match the capitals exactly: the build server's file system is case-sensitive even if your laptop's is not"),
                _ => Diagnostic::new(
                    reference.span.clone(),
                    format!("`{}` names {}, but {} does not exist", reference.tag, quote(&reference.name), quote(&shown(&reference.candidates[0]))),
                )
                .help(format!("{}; {}", reference.hint, reference.consequence)),
            };
            out.push(diagnostic);
        }
    }
}
