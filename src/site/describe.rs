//! `postlint site`: the site as postlint sees it — its generator and the evidence, the
//! settings read, each file with its kind, language and URL, and what could not be
//! modelled. What a user reads when a finding surprises them, and what the oracle
//! (`tools/oracle/`) compares with a real build.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::site::Site;
use crate::site::pages::{self, PageKind};

/// One site of a `postlint site` run.
#[derive(Debug, Serialize)]
pub struct SiteDescription {
    /// The site's root as output shows paths (`./` for the working directory).
    pub root: String,
    pub generator: &'static str,
    /// What said which generator it is: a config file, a folder, the user.
    pub evidence: String,
    /// The settings read from the generator's configuration, by name.
    pub settings: BTreeMap<&'static str, serde_json::Value>,
    /// Files by kind name.
    pub totals: BTreeMap<&'static str, usize>,
    /// What postlint could not check on this site.
    pub unchecked: Vec<String>,
    pub files: Vec<FileDescription>,
}

/// One file as its generator sees it.
#[derive(Debug, Serialize)]
pub struct FileDescription {
    /// Relative to the site root, `/`-separated.
    pub path: String,
    /// `post`, `page`, `doc`, `list`, `template` or `unbuilt`.
    pub kind: &'static str,
    pub language: Option<String>,
    /// The URL path the generator writes it to (without the base path), when modelled.
    pub url: Option<String>,
    /// Whether it is published (not a draft, not `published: false`): a build leaves the
    /// others out though their kind is still what it is.
    pub published: bool,
    /// With `--detail`: its headings with the ids the generator gives them, every anchor
    /// the page has, and whether some anchors are unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headings: Option<Vec<HeadingDescription>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchors: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchors_uncertain: Option<bool>,
}

/// A heading of a page as the model reads it.
#[derive(Debug, Serialize)]
pub struct HeadingDescription {
    pub level: u8,
    pub text: String,
    /// The id the generator gives it, when it gives one (HTML headings get none).
    pub id: Option<String>,
    pub line: usize,
}

/// A kind's short name, for `postlint site` and its JSON.
pub fn kind_key(kind: PageKind) -> &'static str {
    match kind {
        PageKind::Post => "post",
        PageKind::Page => "page",
        PageKind::Doc => "doc",
        PageKind::List => "list",
        PageKind::Template => "template",
        PageKind::Unbuilt => "unbuilt",
    }
}

impl Site {
    /// This site as postlint sees it, with the given files (site-relative paths, each
    /// with its text's front matter part) described.
    pub fn describe(&self, files: &[(String, Option<String>)]) -> SiteDescription {
        let mut described: Vec<FileDescription> = files
            .iter()
            .map(|(relative, text)| {
                let markup = self.markup();
                let front = text.as_deref().and_then(|text| crate::document::front_matter::split_with(text, &markup).0);
                let kind = pages::kind_of(self, relative, front.as_ref());
                let indexed = self.index().and_then(|index| index.entry(relative).cloned());
                let published = indexed.as_ref().is_some_and(|entry| entry.published);
                let url = match &indexed {
                    Some(entry) => entry.url.clone(),
                    None if matches!(kind, PageKind::Unbuilt | PageKind::Template) => None,
                    None => crate::site::url_of(relative, front.as_ref(), self, kind == PageKind::Post),
                };
                FileDescription {
                    path: relative.clone(),
                    kind: kind_key(kind),
                    language: self.language_of(relative, front.as_ref()),
                    url,
                    published,
                    headings: None,
                    anchors: None,
                    anchors_uncertain: None,
                }
            })
            .collect();
        // Pages the index knows that are not Markdown (`.html` pages with front matter).
        if let Some(index) = self.index() {
            let listed: std::collections::HashSet<&str> = files.iter().map(|(path, _)| path.as_str()).collect();
            for post in index.posts.iter().filter(|post| !listed.contains(post.path.as_str())) {
                if crate::document::is_markdown_file(Path::new(&post.path)) {
                    continue;
                }
                described.push(FileDescription {
                    path: post.path.clone(),
                    kind: if post.is_post { "post" } else { "page" },
                    language: post.language.clone(),
                    url: post.url.clone(),
                    published: post.published,
                    headings: None,
                    anchors: None,
                    anchors_uncertain: None,
                });
            }
        }
        described.sort_by(|a, b| a.path.cmp(&b.path));
        let mut totals = BTreeMap::new();
        for file in &described {
            *totals.entry(file.kind).or_insert(0) += 1;
        }
        let root = match &self.root {
            Some(_) => {
                let shown = self.shown_path("");
                if shown.is_empty() { "./".to_string() } else { format!("{}/", shown.trim_end_matches('/')) }
            }
            None => "(no site)".to_string(),
        };
        SiteDescription {
            root,
            generator: self.generator_name(),
            evidence: self.evidence.clone(),
            settings: self.settings(),
            totals,
            unchecked: self.unchecked(),
            files: described,
        }
    }

    /// The settings read from the site's configuration that decide what postlint
    /// concludes, common ones first, then the generator's own.
    fn settings(&self) -> BTreeMap<&'static str, serde_json::Value> {
        use serde_json::json;
        let mut settings = BTreeMap::new();
        settings.insert("baseurl", json!(self.baseurl));
        settings.insert("url", json!(self.url));
        settings.insert("permalink", json!(self.permalink));
        settings.insert("plugins", json!(self.plugins));
        settings.insert("lang", json!(self.lang));
        settings.insert("static_folders", json!(self.adapter.static_folders(self)));
        settings.insert("slugs", json!(format!("{:?}", self.slugger()).to_lowercase()));
        for (key, value) in self.adapter.settings() {
            settings.insert(key, value);
        }
        settings
    }
}
