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
    /// Every list option (`<name>` required, `<name>-recommended` warned), by option name:
    /// the site says which name applies to it (`Site::required_keys_option`).
    lists: std::collections::HashMap<String, Vec<String>>,
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
        let lists = options
            .keys()
            .filter(|key| *key != "by-glob")
            .map(|key| (key.to_string(), options.list(key).to_vec()))
            .collect();
        Ok(RequiredField { lists, by_glob })
    }
}

impl Rule for RequiredField {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        if front_matter.root.is_none() || !ctx.is_post() {
            return;
        }
        let mut required: Vec<(&str, Severity)> = Vec::new();
        // The option lists are the user's, by generator; which one applies is the site's.
        let list = |name: &str| self.lists.get(name).map_or(&[][..], Vec::as_slice);
        let option = ctx.site.required_keys_option();
        let keys = list(option);
        let recommended = list(&format!("{option}-recommended"));
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
            if seen.contains(&key)
                || front_matter.entry(key).is_some()
                || ctx.site.supplies_key(ctx.doc, &ctx.relative, ctx.is_post(), key)
            {
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

pub(super) fn required_help(key: &str) -> String {
    match key {
        "title" => "add a `title:`; themes use it for the page's <title> and H1".into(),
        "description" => "add a `description:` (about 70–160 characters, or 50–120 in Japanese); search results show it as the snippet".into(),
        "date" => "add a `date:` or name the file `YYYY-MM-DD-title.md`".into(),
        "image" => "add an `image:`; social cards and rich results use it".into(),
        other => format!("add `{other}:`"),
    }
}
