//! FM003 required-field (rules/FM003.md).
//!
//! A post whose front matter lacks a key its generator needs to show it right: `title` for
//! every generator, and `date` for Hugo posts. More keys can be required per generator or
//! per path glob. A key that `_config.yml`'s `defaults:` supply for the post's path counts
//! as present, and so does an `excerpt:` for `description` (jekyll-seo-tag uses it when the
//! description is absent).

use super::*;

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
    pub fn new(options: &Options) -> Result<Self, OptionError> {
        let mut by_glob = Vec::new();
        for entry in options.list("by-glob") {
            let (glob, keys) = entry.split_once('=').ok_or_else(|| OptionError {
                key: "by-glob".into(),
                message: format!("`{entry}` must look like `glob=key,key`"),
            })?;
            let matcher = globset::Glob::new(glob.trim())
                .map_err(|e| OptionError { key: "by-glob".into(), message: e.to_string() })?
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
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        if front_matter.root.is_none() || !ctx.is_post() {
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
                Diagnostic::new(fence_span(ctx, front_matter), format!("front matter has no `{key}`"))
                    .help(required_help(key))
                    .severity(severity),
            );
        }
    }
}

/// A key the generator fills in when the front matter lacks it: `_config.yml` defaults
/// for the post's path, or (for `description`) the `excerpt` jekyll-seo-tag falls back to.
pub(super) fn supplied_elsewhere(ctx: &Context<'_>, front_matter: &FrontMatter, key: &str) -> bool {
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

pub(super) fn required_help(key: &str) -> String {
    match key {
        "title" => "add a `title:`; themes use it for the page's <title> and H1".into(),
        "description" => "add a `description:` (about 70–160 characters, or 50–120 in Japanese); search results show it as the snippet".into(),
        "date" => "add a `date:` or name the file `YYYY-MM-DD-title.md`".into(),
        "image" => "add an `image:`; social cards and rich results use it".into(),
        other => format!("add `{other}:`"),
    }
}
