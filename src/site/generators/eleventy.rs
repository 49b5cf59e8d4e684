//! Eleventy, as its documentation describes it: <https://www.11ty.dev/docs/config/>
//! (the input folder: `dir.input`, `--input`), <https://www.11ty.dev/docs/ignores/>
//! (`.eleventyignore`), <https://www.11ty.dev/docs/data-cascade/> (directory data files
//! and computed data can supply any key), <https://www.11ty.dev/docs/permalinks/>
//! (`permalink: false` writes no file), <https://www.11ty.dev/docs/copy/> (passthrough
//! copy of asset folders) and <https://www.11ty.dev/docs/plugins/image/> (eleventy-img).

use std::path::Path;
use std::sync::OnceLock;

use super::{Adapter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::bounded;
use crate::document::Document;
use crate::document::front_matter::FrontMatter;
use crate::site::pages::{self, PageKind};
use crate::site::{Site, ignore_globs};
use crate::text::slug::Slugger;

pub(super) const CONFIGS: &[&str] =
    &[".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"];

#[derive(Debug, Default)]
pub(in crate::site) struct Eleventy {
    /// The input folder, site-relative, `""` for the root: nothing outside it is built.
    input: String,
    /// `.eleventyignore` entries, which Eleventy never builds, as written and as globs.
    ignore_patterns: Vec<String>,
    ignore: Option<globset::GlobSet>,
    resizes_images: OnceLock<bool>,
}

impl Eleventy {
    pub(super) fn configure(root: &Path, site: &mut Site) -> Eleventy {
        let ignore_patterns: Vec<String> = site
            .read_site_file(&root.join(".eleventyignore"), bounded::CONFIG)
            .map(|text| {
                text.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let ignore = ignore_globs(ignore_patterns.iter().map(String::as_str));
        Eleventy { input: input_folder(root, site), ignore_patterns, ignore, ..Eleventy::default() }
    }
}

impl Adapter for Eleventy {
    fn generator(&self) -> Generator {
        Generator::Eleventy
    }

    fn conventions(&self) -> Conventions {
        Conventions {
            slugger: Slugger::Github,
            fragments: FragmentMatch::LettersAndDigits,
            relative_refs: RelativeRefs::PageUrl,
            extensionless_links_are_urls: true,
            kramdown: false,
            definition_term_ids: false,
            space_separated_lists: false,
            dated_post_file_names: false,
            dated_path_key: false,
            knows_every_url: false,
            required_keys_option: "other",
            resolves_references: true,
        }
    }

    fn settings(&self) -> Vec<(&'static str, serde_json::Value)> {
        vec![("input", serde_json::json!(self.input)), ("ignore", serde_json::json!(self.ignore_patterns))]
    }

    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        if let Some(kind) = pages::unbuilt_anywhere(relative, front) {
            return kind;
        }
        if self.ignore.as_ref().is_some_and(|globs| globs.is_match(relative)) {
            return PageKind::Unbuilt;
        }
        if !self.input.is_empty()
            && !relative.strip_prefix(self.input.as_str()).is_some_and(|rest| rest.starts_with('/'))
        {
            return PageKind::Unbuilt;
        }
        let mut segments = relative.split('/').filter(|s| !s.is_empty());
        if segments.clone().any(|d| d == "_includes" || d == "_data" || d == "node_modules") {
            return PageKind::Template;
        }
        // Eleventy's default output folder, which it never reads as input.
        if segments.clone().next() == Some("_site") {
            return PageKind::Unbuilt;
        }
        if segments.any(|d| pages::POST_SECTIONS.contains(&d)) { PageKind::Post } else { PageKind::Page }
    }

    /// Eleventy copies folders through by its config (`src/img` → `/img`).
    fn static_folders(&self, _site: &Site) -> Vec<String> {
        ["", "src", "public", "static", "src/static", "src/public"].iter().map(|f| f.to_string()).collect()
    }

    fn link_bases(&self, _site: &Site) -> Vec<String> {
        vec![String::new(), "src".into()]
    }

    fn content_folders(&self, _site: &Site) -> Option<Vec<String>> {
        Some(vec![String::new(), "src".into()])
    }

    /// Eleventy's image plugin (`@11ty/eleventy-img` in package.json).
    fn resizes_images(&self, site: &Site) -> bool {
        *self.resizes_images.get_or_init(|| {
            let Some(root) = site.root.as_ref() else { return false };
            site.read_site_file(&root.join("package.json"), bounded::CONFIG)
                .is_some_and(|text| text.contains("\"@11ty/eleventy-img\""))
        })
    }

    /// The data cascade (directory data files, computed data) can supply any key.
    fn supplies_key(&self, _site: &Site, _doc: &Document<'_>, _relative: &str, _is_post: bool, _key: &str) -> bool {
        true
    }
}

/// Eleventy's input folder from its config (`input: "content"`) or the build script's
/// `--input=src`; `""` (the site root) when neither says.
fn input_folder(root: &Path, site: &Site) -> String {
    static INPUT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?:\binput\s*:\s*|--input[= ])["'`]?([A-Za-z0-9_./-]+)"#)
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    let configs = [".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", "package.json"];
    let found = configs.iter().find_map(|name| {
        let text = site.read_site_file(&root.join(name), bounded::CONFIG)?;
        INPUT.captures(&text).map(|c| c[1].to_string())
    });
    found.map_or_else(String::new, |folder| {
        let folder = folder.trim_start_matches("./").trim_end_matches('/');
        if folder == "." { String::new() } else { folder.to_string() }
    })
}
