//! IMG006 local-image-missing (rules/IMG006.md).
//!
//! A site-root or relative image path (`/assets/x.png`, `../img/x.png`, `{{ site.baseurl
//! }}/assets/x.png`, `{{ '/assets/x.png' | relative_url }}`) that matches no file in the
//! site; a path that differs from an existing file only in letter case is reported as such.

use super::*;

/// IMG006 local-image-missing.
pub struct LocalImageMissing {
    files: DirCache,
}

impl Default for LocalImageMissing {
    fn default() -> Self {
        Self::new()
    }
}

impl LocalImageMissing {
    pub fn new() -> Self {
        LocalImageMissing { files: DirCache::default() }
    }

    /// The files an image path may refer to (a root-absolute path is served from one of
    /// the generator's static folders), or `None` when it cannot be known offline.
    fn resolve(&self, ctx: &Context<'_>, url: &str) -> Option<Vec<PathBuf>> {
        let url = strip_template_prefix(url)?;
        let url = liquid_filter_path(url).unwrap_or(url);
        if url.is_empty()
            || urls::is_remote(url)
            || urls::has_scheme(url)
            || url.starts_with('#')
            || url.contains("{{")
            || url.contains("{%")
        {
            return None;
        }
        let path = url.split(['?', '#']).next().unwrap_or(url);
        let path = urls::percent_decode(path);
        let path = path.strip_prefix("./").map(str::to_string).unwrap_or(path);
        if let Some(rooted) = path.strip_prefix('/') {
            let root = ctx.site.root.as_ref()?;
            let rooted = rooted
                .strip_prefix(ctx.site.baseurl.trim_start_matches('/'))
                .map_or(rooted, |r| r.trim_start_matches('/'));
            let bases: &[&str] = match ctx.site.generator {
                Generator::Hugo => &["static", "assets"],
                Generator::Zola => &["static", "content"],
                Generator::Astro => &["public"],
                // Eleventy copies folders through by its config (`src/img` → `/img`).
                Generator::Eleventy => &["", "src", "public", "static", "src/static", "src/public"],
                // VuePress serves `.vuepress/public`, VitePress `public`, in the source folder.
                Generator::VuePress => &[".vuepress/public", "public"],
                Generator::Jekyll | Generator::None => &[""],
            };
            let root =
                if ctx.site.generator == Generator::VuePress { root.join(&ctx.site.vue_source) } else { root.clone() };
            Some(bases.iter().map(|base| root.join(base).join(rooted)).collect())
        } else {
            let file = Path::new(ctx.doc.path);
            let dir = file.parent()?;
            ctx.site.root.as_ref()?;
            // Jekyll copies files as they lie; VuePress's bundler imports them from the source.
            if matches!(ctx.site.generator, Generator::Jekyll | Generator::VuePress | Generator::None) {
                return Some(vec![dir.join(path)]);
            }
            // Hugo, Zola, Astro and Eleventy resolve a relative URL against the page's URL,
            // not its source file: `post/bio.md` is served at `/post/bio/`, so `img/x.png`
            // is `post/bio/img/x.png`. Going up (`../`) depends on the URL (`path =`,
            // `slug`), which the file tree does not tell.
            if path.starts_with("../") {
                return None;
            }
            let stem = file.file_stem()?.to_string_lossy();
            let mut candidates = vec![dir.join(&path)];
            if stem != "index" && stem != "_index" {
                candidates.push(dir.join(stem.as_ref()).join(&path));
            }
            Some(candidates)
        }
    }
}

/// `{{ '/assets/x.png' | relative_url }}` → `/assets/x.png`.
pub(super) fn liquid_filter_path(url: &str) -> Option<&str> {
    let inner = url.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let quoted = inner.split('|').next()?.trim();
    quoted.strip_prefix(['\'', '"']).and_then(|q| q.strip_suffix(['\'', '"']))
}

impl Rule for LocalImageMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        if ctx.site.root.is_none() {
            return;
        }
        for image in collect(ctx) {
            let Some(candidates) = self.resolve(ctx, &image.url) else { continue };
            let shown = |p: &Path| -> String {
                let relative = ctx.site.root.as_ref().and_then(|root| p.strip_prefix(root).ok()).unwrap_or(p);
                relative.to_string_lossy().into_owned()
            };
            let lookups: Vec<Lookup> = candidates.iter().map(|path| self.files.lookup(path)).collect();
            if lookups.contains(&Lookup::Found) {
                continue;
            }
            let path = &candidates[0];
            let lookup = lookups.into_iter().find(|l| matches!(l, Lookup::CaseMismatch(_))).unwrap_or(Lookup::Missing);
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
    }
}
