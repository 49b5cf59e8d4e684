//! Zola, as its documentation describes it: <https://www.getzola.org/documentation/getting-started/configuration/>
//! (`config.toml`, `base_url`), <https://www.getzola.org/documentation/content/overview/>
//! (`content/`, sections, `_index.md`, `@/` internal links),
//! <https://www.getzola.org/documentation/content/page/> (dates from `date` or the file
//! name, `path`), <https://www.getzola.org/documentation/content/linking/> (heading
//! anchors, `slugify.anchors`) and <https://www.getzola.org/documentation/templates/overview/>
//! (no built-in templates: the site's or a theme's).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::{Adapter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::bounded;
use crate::document::front_matter::FrontMatter;
use crate::document::tree::Node;
use crate::site::pages::{self, PageKind};
use crate::site::{Site, collect_files, parse_toml_config};
use crate::text::dates;
use crate::text::slug::Slugger;

#[derive(Debug, Default)]
pub(in crate::site) struct Zola {
    page_description: OnceLock<bool>,
}

/// Zola's `config.toml` says `base_url`; Hugo's says `baseURL` (or `baseurl`).
pub(super) fn is_zola(root: &Path, read_roots: &[PathBuf]) -> bool {
    bounded::read_to_string(&root.join("config.toml"), bounded::CONFIG, read_roots).is_ok_and(|text| {
        text.lines().any(|line| line.trim_start().starts_with("base_url"))
            || (root.join("templates").is_dir() && !root.join("layouts").is_dir())
    })
}

impl Zola {
    pub(super) fn configure(root: &Path, site: &mut Site) -> Zola {
        let path = root.join("config.toml");
        if let Some(text) = site.read_site_file(&path, bounded::CONFIG)
            && let Some(config) = parse_toml_config(site, &path, &text)
        {
            site.url = config.get("base_url").and_then(|v| v.as_str()).map(|u| u.trim_end_matches('/').to_string());
            site.lang = config.get("default_language").and_then(|v| v.as_str()).map(str::to_string);
        }
        Zola::default()
    }
}

impl Adapter for Zola {
    fn generator(&self) -> Generator {
        Generator::Zola
    }

    fn conventions(&self) -> Conventions {
        Conventions {
            slugger: Slugger::Zola,
            fragments: FragmentMatch::Exact,
            relative_refs: RelativeRefs::PageUrl,
            extensionless_links_are_urls: true,
            kramdown: false,
            definition_term_ids: false,
            space_separated_lists: false,
            dated_post_file_names: false,
            dated_path_key: true,
            knows_every_url: false,
            required_keys_option: "other",
            resolves_references: true,
        }
    }

    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        if let Some(kind) = pages::unbuilt_anywhere(relative, front) {
            return kind;
        }
        let Some(under) = relative.strip_prefix("content/") else {
            return if relative.starts_with("templates/") { PageKind::Template } else { PageKind::Unbuilt };
        };
        if pages::file_stem(relative) == "_index" {
            return PageKind::List;
        }
        // `draft = true` is built only by `zola serve --drafts`/`build --drafts`.
        if front
            .and_then(|f| f.get("draft"))
            .is_some_and(|d| matches!(d.value, crate::document::tree::Value::Bool(true)))
        {
            return PageKind::Unbuilt;
        }
        // Zola dates a page by its `date` or a date at the start of its file or folder name;
        // a dated page is an article wherever it lives.
        let dated_path = front
            .and_then(|f| f.get("path"))
            .and_then(Node::as_str)
            .is_some_and(|path| pages::path_has_date(path.trim_start_matches('/')));
        let dated = front.is_some_and(|f| f.get("date").is_some())
            || dated_path
            || under.split('/').filter(|s| !s.is_empty()).any(|part| dates::filename_date_prefix(part).is_some());
        if dated {
            return PageKind::Post;
        }
        match pages::section_kind(under) {
            PageKind::Post => PageKind::Post,
            PageKind::Page => PageKind::Page,
            _ => PageKind::Doc,
        }
    }

    fn static_folders(&self, _site: &Site) -> Vec<String> {
        vec!["static".into(), "content".into()]
    }

    fn content_folders(&self, _site: &Site) -> Option<Vec<String>> {
        Some(vec!["content".into()])
    }

    fn internal_link_folder(&self) -> Option<&'static str> {
        Some("content")
    }

    /// Zola has no built-in templates: the description reaches the `<head>` only when a
    /// template (the site's or a vendored theme's) puts it in a `<meta>` tag; themes often
    /// print only the section's or the site's (the Rust blog hard-codes one). With no
    /// template to read (a theme fetched at build time) it is unknown, and unknown is not
    /// reported.
    fn renders_page_description(&self, site: &Site) -> bool {
        *self.page_description.get_or_init(|| {
            let Some(root) = site.root.as_ref() else { return true };
            let mut templates = Vec::new();
            collect_files(&root.join("templates"), 0, &["html"], site.read_roots(), &mut templates);
            collect_files(&root.join("themes"), 0, &["html"], site.read_roots(), &mut templates);
            templates.iter().any(|path| {
                site.read_site_file(path, bounded::TEMPLATE).is_some_and(|text| {
                    text.lines().any(|line| line.contains("page.description") && line.contains("<meta"))
                })
            })
        })
    }
}
