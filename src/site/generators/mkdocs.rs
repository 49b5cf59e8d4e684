//! MkDocs with Material for MkDocs and its blog plugin, as their documentation describes
//! them:
//! <https://www.mkdocs.org/user-guide/configuration/> (`docs_dir`, `site_url`,
//! `use_directory_urls`, `exclude_docs`, `draft_docs`, `theme.custom_dir`,
//! `markdown_extensions`, `plugins`, configuration inheritance with `INHERIT`, `!ENV`),
//! <https://www.mkdocs.org/user-guide/writing-your-docs/> (every Markdown file under
//! `docs_dir` is a page, dot-files are not; `index.md` and `README.md` as a folder's page,
//! `index.md` winning; the file layout gives the URLs; links to `.md` files resolved by
//! file path; the title from `title:`, else the first H1),
//! <https://squidfunk.github.io/mkdocs-material/plugins/blog/> (`blog_dir`, `post_dir`,
//! `post_url_format`, `post_url_date_format`, `post_slugify`, `categories_slugify`,
//! `post_url_max_categories`, `draft`, the `date:` key and its `created` form),
//! <https://squidfunk.github.io/mkdocs-material/reference/admonitions/> and
//! <https://squidfunk.github.io/mkdocs-material/reference/content-tabs/> (indented
//! Markdown under `!!!`, `???` and `===`),
//! <https://python-markdown.github.io/extensions/toc/> (heading ids: `slugify`,
//! `separator`, `_1` suffixes), <https://python-markdown.github.io/extensions/attr_list/>
//! (`{ #id }`), <https://facelessuser.github.io/pymdown-extensions/extras/slugs/>
//! (`pymdownx.slugs.slugify`) and
//! <https://facelessuser.github.io/pymdown-extensions/extensions/snippets/> (`--8<--`).
//! Where the docs leave a detail open, MkDocs 1.6.1, Material 9.8.2, Python-Markdown
//! 3.11 and pymdown-extensions 10 were read (`mkdocs/structure/files.py`,
//! `mkdocs/structure/pages.py`, `mkdocs/utils/yaml.py`, `material/plugins/blog/plugin.py`)
//! and their builds compared with this model (`tools/oracle/`).

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use saphyr_parser::{Event, Parser, ScalarStyle};

use super::{Adapter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::bounded;
use crate::document::Document;
use crate::document::front_matter::FrontMatter;
use crate::document::tree::{Node, Style, Value};
use crate::site::index::indexed;
use crate::site::pages::{self, PageKind};
use crate::site::{Site, SiteProblem};
use crate::text::slug::{self, SlugCase, Slugger};

/// The config file names MkDocs looks for (`mkdocs build` without `-f`).
pub(super) const CONFIGS: &[&str] = &["mkdocs.yml", "mkdocs.yaml"];

/// `INHERIT:` chains longer than this are not followed (MkDocs follows any length).
const MAX_INHERIT: usize = 8;

/// Plugins that decide page URLs or which files are pages in ways not modelled: with one
/// of them, pages get no URL here (links are still resolved by file path, which those
/// plugins keep working).
const URL_PLUGINS: &[&str] = &[
    "i18n",
    "static-i18n",
    "monorepo",
    "multirepo",
    "techdocs-core",
    "mkdocs-simple-blog",
    "simple-blog",
    "meta-manager",
];

#[derive(Debug)]
pub(in crate::site) struct MkDocs {
    /// Whether a configuration was read and understood; without it the site is not
    /// modelled and its references are not judged.
    modelled: bool,
    /// The config file and the files it inherits from, site-relative.
    config_files: Vec<String>,
    /// `docs_dir`, site-relative, without a trailing `/`.
    docs_dir: String,
    use_directory_urls: bool,
    /// `exclude_docs` (with MkDocs' own `.*` and `/templates/`) and `draft_docs`, matched
    /// against paths under `docs_dir`.
    exclude: Option<Gitignore>,
    /// The patterns as written, for `postlint site`: `exclude_docs` and `draft_docs`, then
    /// the exclude plugin's globs.
    exclude_patterns: Vec<String>,
    /// The mkdocs-exclude plugin's `glob` patterns (fnmatch: `*` crosses `/`).
    exclude_globs: Option<globset::GlobSet>,
    /// `theme.custom_dir`, site-relative: theme overrides, copied into the site.
    custom_dir: Option<String>,
    theme: Option<String>,
    plugins: Vec<String>,
    blogs: Vec<Blog>,
    /// How the `toc` extension makes heading ids; `None`: a `slugify` postlint does not
    /// know.
    slugger: Option<Slugger>,
    /// Indented Markdown under `!!!`, `???`, `===` (admonition, details, tabbed).
    containers: bool,
    /// `md_in_html`: Markdown inside `<div markdown>`.
    markdown_in_html: bool,
    /// `pymdownx.snippets`: `--8<--` lines include files; `auto_append` adds files to
    /// every page.
    snippets: bool,
    snippets_everywhere: bool,
    /// mkdocstrings: `::: module.name` blocks render headings with ids of their own.
    mkdocstrings: bool,
    /// Material's tags plugin: its listing directive (`material/tags`) and the pages it
    /// renders listings into without one (`tags_file`, `tags_extra_files`).
    tags: Option<(String, Vec<String>)>,
    /// What could not be modelled, said once per run.
    notes: Vec<String>,
}

impl Default for MkDocs {
    /// MkDocs' defaults, for a site whose config was not read (a detached file, the
    /// rulebook's examples).
    fn default() -> MkDocs {
        MkDocs {
            modelled: true,
            config_files: Vec::new(),
            docs_dir: "docs".into(),
            use_directory_urls: true,
            exclude: default_excludes(&[]).0,
            exclude_patterns: Vec::new(),
            exclude_globs: None,
            custom_dir: None,
            theme: None,
            plugins: Vec::new(),
            blogs: Vec::new(),
            slugger: Some(Slugger::PythonMarkdown { unicode: false, separator: '-', emoji: false }),
            containers: true,
            markdown_in_html: false,
            snippets: false,
            snippets_everywhere: false,
            mkdocstrings: false,
            tags: None,
            notes: Vec::new(),
        }
    }
}

/// One instance of Material's blog plugin.
#[derive(Debug, Clone, PartialEq)]
struct Blog {
    /// `blog_dir` under `docs_dir`, `""` for a standalone blog (`blog_dir: .`).
    dir: String,
    /// `post_dir` (`{blog}/posts`) under `docs_dir`: every page whose path starts with it
    /// (as a string, as the plugin compares) is a post.
    posts: String,
    url_format: String,
    url_date_format: String,
    /// `post_slugify`; `None`: a function postlint does not know.
    slugify: Option<(SlugCase, char)>,
    categories_slugify: Option<(SlugCase, char)>,
    max_categories: usize,
}

impl MkDocs {
    pub(super) fn configure(root: &Path, site: &mut Site) -> MkDocs {
        let mut mkdocs = MkDocs::default();
        let Some(name) = CONFIGS.iter().find(|name| root.join(name).is_file()) else { return mkdocs };
        let Some(config) = load_config(root, name, site, &mut mkdocs.config_files) else {
            mkdocs.modelled = false;
            mkdocs.notes.push(format!(
                "`{name}` could not be read: link and image paths and `#fragment` links are not checked"
            ));
            return mkdocs;
        };
        mkdocs.apply(site, &config);
        mkdocs
    }

    fn apply(&mut self, site: &mut Site, config: &Yaml) {
        let mut env = Vec::new();
        let mut text = |key: &str| -> Option<String> {
            let value = config.get(key)?;
            if value.tag().is_some_and(|t| t == "!ENV") {
                env.push(key.to_string());
            }
            value.resolved().as_str().map(str::to_string)
        };
        // `docs_dir` is relative to the config file; one outside the site is not modelled.
        let docs_dir = text("docs_dir").unwrap_or_else(|| "docs".into());
        match super::site_relative_folder(&docs_dir) {
            Some(folder) if !folder.is_empty() => self.docs_dir = folder,
            _ => {
                self.modelled = false;
                self.notes.push(format!(
                    "`docs_dir: {docs_dir}` is outside the config's folder: link and image paths and `#fragment` links are not checked"
                ));
            }
        }
        if let Some(site_url) = text("site_url").filter(|u| !u.is_empty()) {
            let (origin, path) = split_url(&site_url);
            site.url = origin;
            site.baseurl = path.trim_end_matches('/').to_string();
        }
        self.use_directory_urls = config.get("use_directory_urls").and_then(|v| v.resolved().as_bool()).unwrap_or(true);
        let theme = config.get("theme");
        self.theme = match theme.map(Yaml::resolved) {
            Some(Yaml::Str(name)) => Some(name.clone()),
            Some(map @ Yaml::Map(_)) => map.get("name").and_then(|n| n.as_str()).map(str::to_string),
            _ => None,
        };
        self.custom_dir = theme
            .and_then(|t| t.get("custom_dir"))
            .and_then(|d| d.resolved().as_str())
            .and_then(super::site_relative_folder)
            .filter(|d| !d.is_empty());
        site.lang = theme.and_then(|t| t.get("language")).and_then(|l| l.resolved().as_str()).map(str::to_string);
        let exclude_docs = text("exclude_docs").unwrap_or_default();
        let draft_docs = text("draft_docs").unwrap_or_default();
        self.exclude_patterns = exclude_docs
            .lines()
            .chain(draft_docs.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        let lines: Vec<&str> = exclude_docs.lines().chain(draft_docs.lines()).collect();
        let (exclude, bad) = default_excludes(&lines);
        self.exclude = exclude;
        if let Some(bad) = bad {
            self.notes.push(format!("`exclude_docs` pattern `{bad}` is not understood: files it excludes are linted"));
        }
        self.read_extensions(config.get("markdown_extensions"));
        self.read_plugins(config.get("plugins"));
        site.plugins = self.plugins.clone();
        env.sort();
        env.dedup();
        for key in env {
            self.notes.push(format!(
                "`{key}` is read from an environment variable (`!ENV`): its default in the config is used"
            ));
        }
    }

    /// `markdown_extensions`: a list of names or one-key mappings, or a mapping.
    fn read_extensions(&mut self, extensions: Option<&Yaml>) {
        let mut names: Vec<(String, Option<&Yaml>)> = Vec::new();
        match extensions.map(Yaml::resolved) {
            Some(Yaml::Seq(items)) => {
                for item in items {
                    match item.resolved() {
                        Yaml::Str(name) => names.push((name.clone(), None)),
                        Yaml::Map(entries) => names.extend(entries.iter().map(|(k, v)| (k.clone(), Some(v)))),
                        _ => {}
                    }
                }
            }
            Some(Yaml::Map(entries)) => names.extend(entries.iter().map(|(k, v)| (k.clone(), Some(v)))),
            _ => {}
        }
        let short = |name: &str| name.strip_prefix("markdown.extensions.").unwrap_or(name).to_string();
        let has = |wanted: &[&str]| names.iter().any(|(name, _)| wanted.contains(&short(name).as_str()));
        self.containers = has(&["admonition", "pymdownx.details", "pymdownx.tabbed"]);
        self.snippets = has(&["pymdownx.snippets"]);
        self.markdown_in_html = has(&["md_in_html"]);
        self.snippets_everywhere = names.iter().any(|(name, options)| {
            name == "pymdownx.snippets"
                && options.and_then(|o| o.get("auto_append")).is_some_and(|a| !a.resolved().items().is_empty())
        });
        let toc = names.iter().rev().find(|(name, _)| short(name) == "toc").and_then(|(_, options)| *options);
        let separator = toc.and_then(|t| t.get("separator")).and_then(|s| s.resolved().as_str()).unwrap_or("-");
        let separator = one_char(separator);
        // pymdownx.emoji turns `:shortcode:`s into images before `toc` reads headings.
        let emoji = has(&["pymdownx.emoji"]);
        self.slugger = match (toc.and_then(|t| t.get("slugify")), separator) {
            (_, None) => None,
            (None, Some(separator)) => Some(Slugger::PythonMarkdown { unicode: false, separator, emoji }),
            (Some(function), Some(separator)) => match python_function(function) {
                Some(SlugFunction::PythonMarkdown { unicode }) => {
                    Some(Slugger::PythonMarkdown { unicode, separator, emoji })
                }
                Some(SlugFunction::Pymdownx(case)) => Some(Slugger::Pymdownx { case, separator, emoji }),
                None => None,
            },
        };
        if self.slugger.is_none() {
            self.notes.push(
                "the `toc` extension's `slugify` or `separator` is not one postlint models: `#fragment` links are not checked"
                    .into(),
            );
        }
    }

    /// `plugins`: a list of names or one-key mappings, or a mapping.
    fn read_plugins(&mut self, plugins: Option<&Yaml>) {
        let mut found: Vec<(String, Option<&Yaml>)> = Vec::new();
        match plugins.map(Yaml::resolved) {
            Some(Yaml::Seq(items)) => {
                for item in items {
                    match item.resolved() {
                        Yaml::Str(name) => found.push((name.clone(), None)),
                        Yaml::Map(entries) => found.extend(entries.iter().map(|(k, v)| (k.clone(), Some(v)))),
                        _ => {}
                    }
                }
            }
            Some(Yaml::Map(entries)) => found.extend(entries.iter().map(|(k, v)| (k.clone(), Some(v)))),
            // MkDocs enables `search` when `plugins` is not given.
            _ => found.push(("search".into(), None)),
        }
        let enabled = |options: Option<&Yaml>| {
            options.and_then(|o| o.get("enabled")).and_then(|e| e.resolved().as_bool()).unwrap_or(true)
        };
        found.retain(|(_, options)| enabled(*options));
        self.plugins = found.iter().map(|(name, _)| name.clone()).collect();
        for (name, options) in &found {
            let short = name.strip_prefix("material/").unwrap_or(name);
            match short {
                "blog" => match Blog::read(*options) {
                    Ok(blog) => self.blogs.push(blog),
                    Err(why) => self.notes.push(format!("blog plugin: {why}: blog post URLs are not modelled")),
                },
                "macros" => self.notes.push(
                    "pages are Jinja templates (plugin `macros`): links and images written with `{{ … }}` or `{% … %}` are not checked"
                        .into(),
                ),
                "mkdocstrings" => self.mkdocstrings = true,
                // Material's offline plugin turns directory URLs off so that the site
                // works from the file system (`material/plugins/offline/plugin.py`).
                "offline" => self.use_directory_urls = false,
                "tags" => {
                    let text = |key: &str| options.and_then(|o| o.get(key)).and_then(|v| v.resolved().as_str());
                    let directive = text("listings_directive").unwrap_or("material/tags").to_string();
                    let mut pages: Vec<String> = text("tags_file").map(str::to_string).into_iter().collect();
                    if let Some(Yaml::Map(extra)) = options.and_then(|o| o.get("tags_extra_files")).map(Yaml::resolved) {
                        pages.extend(extra.iter().map(|(page, _)| page.clone()));
                    }
                    self.tags = Some((directive, pages));
                }
                "exclude" => {
                    let globs = options.and_then(|o| o.get("glob")).map(|g| g.resolved().items().to_vec()).unwrap_or_default();
                    let mut builder = globset::GlobSetBuilder::new();
                    for glob in globs.iter().filter_map(|g| g.resolved().as_str()) {
                        self.exclude_patterns.push(glob.to_string());
                        if let Ok(glob) = globset::Glob::new(glob) {
                            builder.add(glob);
                        }
                    }
                    self.exclude_globs = builder.build().ok().filter(|set| !set.is_empty());
                    if options.and_then(|o| o.get("regex")).is_some() {
                        self.notes.push("plugin `exclude`: its `regex` patterns are not read; files they exclude are linted".into());
                    }
                }
                other if URL_PLUGINS.contains(&other) => self.notes.push(format!(
                    "plugin `{other}` decides page URLs: pages' URLs are not modelled, links are checked by file path only"
                )),
                _ => {}
            }
        }
    }

    /// `relative` under `docs_dir`, when it is there.
    fn under_docs<'a>(&self, relative: &'a str) -> Option<&'a str> {
        relative.strip_prefix(self.docs_dir.as_str())?.strip_prefix('/').filter(|rest| !rest.is_empty())
    }

    /// Whether MkDocs leaves the docs-relative path out of the site: a dot-file or one in
    /// a dot-folder, `templates/` at the top, `exclude_docs`, `draft_docs`, the exclude
    /// plugin's globs.
    fn excluded(&self, under: &str) -> bool {
        if under.starts_with('/') {
            return false;
        }
        let ignored = self
            .exclude
            .as_ref()
            .is_some_and(|gitignore| gitignore.matched_path_or_any_parents(Path::new(under), false).is_ignore());
        ignored || self.exclude_globs.as_ref().is_some_and(|globs| globs.is_match(under))
    }

    /// The blog whose posts folder holds the docs-relative path.
    fn blog_of(&self, under: &str) -> Option<&Blog> {
        self.blogs.iter().find(|blog| under.starts_with(blog.posts.as_str()))
    }

    /// The URL of a page by its docs-relative path (`File.url`): `guide/setup.md` is
    /// `/guide/setup/` (or `/guide/setup.html`), `index.md` and `README.md` their folder's.
    fn page_url(&self, under: &str) -> String {
        let (parent, file) = under.rsplit_once('/').unwrap_or(("", under));
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let name = if stem == "README" { "index" } else { stem };
        let joined = |last: &str| if parent.is_empty() { last.to_string() } else { format!("{parent}/{last}") };
        if !self.use_directory_urls {
            format!("/{}", joined(&format!("{name}.html")))
        } else if name == "index" {
            if parent.is_empty() { "/".to_string() } else { format!("/{parent}/") }
        } else {
            format!("/{}/", joined(name))
        }
    }
}

impl Adapter for MkDocs {
    /// Every Markdown file of `docs_dir` is a page, front matter or not.
    fn builds_without_front_matter(&self) -> bool {
        true
    }

    fn generator(&self) -> Generator {
        Generator::MkDocs
    }

    fn markdown_extensions(&self) -> Vec<String> {
        MARKDOWN_EXTENSIONS.iter().map(|ext| ext.to_string()).collect()
    }

    fn conventions(&self) -> Conventions {
        Conventions {
            slugger: self.slugger.unwrap_or(Slugger::PythonMarkdown { unicode: false, separator: '-', emoji: false }),
            fragments: FragmentMatch::Exact,
            relative_refs: RelativeRefs::SourceFolder,
            extensionless_links_are_urls: true,
            kramdown: false,
            definition_term_ids: false,
            space_separated_lists: false,
            dated_post_file_names: false,
            dated_path_key: false,
            knows_every_url: false,
            required_keys_option: "other",
            resolves_references: self.modelled,
        }
    }

    fn markup(&self) -> crate::document::mask::Markup {
        crate::document::mask::Markup {
            indented_containers: self.containers,
            markdown_in_html: self.markdown_in_html,
            raw_html_blocks: true,
            ..Default::default()
        }
    }

    /// Everything a page's kind or URL depends on: the settings shown, every blog option
    /// and what is not modelled (a plugin that decides URLs).
    fn cache_facts(&self) -> String {
        format!("{:?} {:?} {:?}", self.settings(), self.blogs, self.notes)
    }

    fn settings(&self) -> Vec<(&'static str, serde_json::Value)> {
        let blogs: Vec<serde_json::Value> = self
            .blogs
            .iter()
            .map(|b| {
                serde_json::json!({
                    "blog_dir": b.dir, "post_dir": b.posts, "post_url_format": b.url_format,
                    "post_url_date_format": b.url_date_format,
                    "post_slugify": b.slugify.map(|(case, separator)| format!("{case:?} {separator}")),
                })
            })
            .collect();
        vec![
            ("config_files", serde_json::json!(self.config_files)),
            ("docs_dir", serde_json::json!(self.docs_dir)),
            ("use_directory_urls", serde_json::json!(self.use_directory_urls)),
            ("exclude_docs", serde_json::json!(self.exclude_patterns)),
            ("theme", serde_json::json!(self.theme)),
            ("custom_dir", serde_json::json!(self.custom_dir)),
            ("blogs", serde_json::json!(blogs)),
            ("indented_containers", serde_json::json!(self.containers)),
            ("markdown_in_html", serde_json::json!(self.markdown_in_html)),
            ("snippets", serde_json::json!(self.snippets)),
            ("toc_slugify", serde_json::json!(self.slugger.map(|s| format!("{s:?}")))),
        ]
    }

    /// Every Markdown file under `docs_dir` is a page unless excluded; a `README.md` beside
    /// an `index.md` is dropped; the blog plugin's posts folder holds posts and its
    /// `index.md` is the generated list of them; `custom_dir` holds theme templates.
    fn kind_of(&self, site: &Site, relative: &str, _front: Option<&FrontMatter>) -> PageKind {
        let Some(under) = self.under_docs(relative) else {
            let in_custom_dir = self
                .custom_dir
                .as_ref()
                .is_some_and(|dir| relative.strip_prefix(dir.as_str()).is_some_and(|rest| rest.starts_with('/')));
            return if in_custom_dir { PageKind::Template } else { PageKind::Unbuilt };
        };
        if !is_markdown(under) || self.excluded(under) {
            return PageKind::Unbuilt;
        }
        let (parent, file) = under.rsplit_once('/').unwrap_or(("", under));
        if file.rsplit_once('.').is_some_and(|(stem, _)| stem == "README")
            && let Some(root) = &site.root
        {
            let folder = root.join(&self.docs_dir).join(parent);
            let has_index = MARKDOWN_EXTENSIONS.iter().any(|ext| {
                let index = format!("index.{ext}");
                site.files.lookup(&folder.join(&index)) == crate::site::Lookup::Found
                    && !self.excluded(&join(parent, &index))
            });
            if has_index {
                return PageKind::Unbuilt;
            }
        }
        if self.blog_of(under).is_some() {
            return PageKind::Post;
        }
        if self.blogs.iter().any(|blog| under == join(&blog.dir, "index.md")) {
            return PageKind::List;
        }
        if parent.is_empty() && matches!(file.rsplit_once('.').map(|(stem, _)| stem), Some("index" | "README")) {
            return PageKind::Page;
        }
        PageKind::Doc
    }

    fn url_of(&self, site: &Site, relative: &str, front: Option<&FrontMatter>, _is_post: bool) -> Option<String> {
        let under = self.under_docs(relative)?;
        if !self.modelled || self.notes.iter().any(|n| n.contains("decides page URLs")) {
            return None;
        }
        match self.blog_of(under) {
            Some(blog) => {
                let path = blog.post_path(site, relative, under, front)?;
                Some(self.page_url(&path))
            }
            None => Some(self.page_url(under)),
        }
    }

    fn language_of_path(&self, relative: &str) -> Option<String> {
        pages::path_language(self.under_docs(relative)?)
    }

    /// Everything under `docs_dir` is copied to the site at its path, and so is every
    /// file in `theme.custom_dir` that is not a template.
    fn static_folders(&self, _site: &Site) -> Vec<String> {
        let mut folders = vec![self.docs_dir.clone()];
        folders.extend(self.custom_dir.clone());
        folders
    }

    fn content_folders(&self, _site: &Site) -> Option<Vec<String>> {
        self.modelled.then(|| vec![self.docs_dir.clone()])
    }

    /// A relative link without a file (`../setup/#a`) is left as written by MkDocs, so the
    /// browser reads it against the page's URL: the page at that URL.
    fn page_link_target(&self, site: &Site, page: &Path, path: &str) -> Option<PathBuf> {
        let index = site.index()?;
        let own = index.entry(&site.relative_path(page))?.url.as_deref()?;
        let mut segments: Vec<&str> = own.split('/').filter(|s| !s.is_empty()).collect();
        if !own.ends_with('/') {
            segments.pop();
        }
        let path = path.split('?').next().unwrap_or(path);
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    segments.pop()?;
                }
                other => segments.push(other),
            }
        }
        let url = format!("/{}/", segments.join("/"));
        let found = index.by_url(&crate::text::urls::percent_decode(&url));
        let target = index.posts.get(*found.first()?)?;
        Some(site.root.as_ref()?.join(&target.path))
    }

    fn heading_ids_unknown(&self, _site: &Site) -> bool {
        self.slugger.is_none()
    }

    /// `--8<-- "file.md"` and a `--8<--` block of file names (not escaped with `;`) are
    /// replaced by those files before Markdown reads the page, as is every page with
    /// `auto_append`; mkdocstrings renders `::: module.name` with headings of its own; the
    /// blog plugin adds its posts' excerpts to the blog's index.
    fn includes_other_files(&self, site: &Site, doc: &Document<'_>) -> bool {
        // The blog's index lists the posts' excerpts, headings and all; the tags plugin
        // writes its listings (an id per tag) where its directive is, or into its
        // `tags_file`.
        let relative = site.relative_path(Path::new(doc.path));
        let under = self.under_docs(&relative);
        let blog_index = under.is_some_and(|under| self.blogs.iter().any(|b| under == join(&b.dir, "index.md")));
        let body = &doc.source[doc.body_start..];
        let tag_listing = self.tags.as_ref().is_some_and(|(directive, pages)| {
            under.is_some_and(|under| pages.iter().any(|page| page == under))
                || body.contains("[TAGS]")
                || body.match_indices("<!--").any(|(at, _)| body[at + 4..].trim_start().starts_with(directive.as_str()))
        });
        if self.snippets_everywhere || blog_index || tag_listing {
            return true;
        }
        body.lines().any(|line| {
            let line = line.trim_start_matches([' ', '\t']);
            (self.snippets && is_snippet_line(line)) || (self.mkdocstrings && line.starts_with("::: "))
        })
    }

    /// Material (and MkDocs' own themes) print the title as an H1 only when the page has
    /// none (`{% if "\u003ch1" not in page.content %}` in Material's `content.html`).
    fn theme_adds_title_h1(&self) -> bool {
        false
    }

    fn date_mapping(&self, key: &str) -> Option<&'static str> {
        (key == "date" && !self.blogs.is_empty()).then_some("created")
    }

    /// MkDocs titles a page from its first element when that is an H1.
    fn supplies_key(&self, _site: &Site, doc: &Document<'_>, _relative: &str, _is_post: bool, key: &str) -> bool {
        key == "title" && opens_with_h1(doc)
    }

    fn unchecked(&self, _site: &Site) -> Vec<String> {
        self.notes.clone()
    }

    fn template_folders(&self, _site: &Site) -> Vec<String> {
        self.custom_dir.iter().cloned().collect()
    }
}

/// The extensions MkDocs reads as Markdown (`mkdocs.utils.markdown_extensions`).
const MARKDOWN_EXTENSIONS: &[&str] = &["md", "markdown", "mdown", "mkdn", "mkd"];

fn is_markdown(path: &str) -> bool {
    path.rsplit_once('.').is_some_and(|(_, ext)| MARKDOWN_EXTENSIONS.contains(&ext))
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") }
}

/// A pymdownx.snippets line (`RE_ALL_SNIPPETS`): `--8<-- "file"` or a lone `--8<--`
/// opening a block of file names; a leading `;` escapes it.
fn is_snippet_line(line: &str) -> bool {
    let dashes = line.bytes().take_while(|b| *b == b'-').count();
    if dashes == 0 || !line[dashes..].starts_with("8<") {
        return false;
    }
    let rest = &line[dashes + 2..];
    let closing = rest.bytes().take_while(|b| *b == b'-').count();
    if closing == 0 {
        return false;
    }
    let rest = rest[closing..].trim_end_matches('\r');
    rest.is_empty() || (rest.starts_with([' ', '\t']) && rest.trim_start().starts_with(['"', '\'']))
}

/// Whether the body's first block is an H1 (`_ExtractTitleTreeprocessor`: the first
/// element of the page, when it is an `h1`).
fn opens_with_h1(doc: &Document<'_>) -> bool {
    let body = &doc.source[doc.body_start..];
    let first = doc.body_start + (body.len() - body.trim_start().len());
    doc.outline.headings.first().is_some_and(|h| h.level == 1 && h.span.start == first)
}

/// MkDocs' exclusions (`.*`, `/templates/`) and `lines` as one gitignore matcher, and
/// the first line it could not read.
fn default_excludes(lines: &[&str]) -> (Option<Gitignore>, Option<String>) {
    let mut builder = GitignoreBuilder::new(".");
    let mut bad = None;
    for line in [".*", "/templates/"].iter().copied().chain(lines.iter().copied()) {
        if builder.add_line(None, line).is_err() && bad.is_none() {
            bad = Some(line.trim().to_string());
        }
    }
    (builder.build().ok(), bad)
}

/// `https://example.com/docs/` → (`https://example.com`, `/docs/`).
fn split_url(url: &str) -> (Option<String>, String) {
    let Some(scheme_end) = url.find("://") else { return (None, url.to_string()) };
    let after = &url[scheme_end + 3..];
    match after.find('/') {
        Some(slash) => (Some(url[..scheme_end + 3 + slash].to_string()), after[slash..].to_string()),
        None => (Some(url.to_string()), "/".to_string()),
    }
}

fn one_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    let first = chars.next()?;
    chars.next().is_none().then_some(first)
}

/// A slug function named in the config.
enum SlugFunction {
    PythonMarkdown { unicode: bool },
    Pymdownx(SlugCase),
}

/// The slug function a `!!python/name:` or `!!python/object/apply:` value names, when
/// it is one postlint models.
fn python_function(value: &Yaml) -> Option<SlugFunction> {
    let tag = value.tag()?;
    if let Some(name) = tag.strip_prefix("!!python/name:") {
        return match name {
            "markdown.extensions.toc.slugify" => Some(SlugFunction::PythonMarkdown { unicode: false }),
            "markdown.extensions.toc.slugify_unicode" => Some(SlugFunction::PythonMarkdown { unicode: true }),
            // pymdown-extensions before 10 (removed since): lower case, or as written.
            "pymdownx.slugs.uslugify" => Some(SlugFunction::Pymdownx(SlugCase::Lower)),
            "pymdownx.slugs.uslugify_cased" => Some(SlugFunction::Pymdownx(SlugCase::Keep)),
            _ => None,
        };
    }
    let name = tag.strip_prefix("!!python/object/apply:")?;
    if name != "pymdownx.slugs.slugify" {
        return None;
    }
    let inner = value.untagged();
    let keywords = match inner {
        Yaml::Map(_) => inner.get("kwds"),
        _ => None,
    };
    if keywords.is_some_and(|k| k.get("percent_encode").and_then(|p| p.resolved().as_bool()) == Some(true)) {
        return None;
    }
    if keywords.and_then(|k| k.get("normalize")).and_then(|n| n.resolved().as_str()).is_some_and(|n| n != "NFC") {
        return None;
    }
    let case = match keywords.and_then(|k| k.get("case")).and_then(|c| c.resolved().as_str()) {
        None | Some("none") => SlugCase::Keep,
        Some("lower") => SlugCase::Lower,
        Some("lower-ascii") => SlugCase::LowerAscii,
        Some("fold") => SlugCase::Fold,
        Some(_) => return None,
    };
    Some(SlugFunction::Pymdownx(case))
}

impl Blog {
    /// The plugin's options (`material/plugins/blog/config.py` defaults).
    fn read(options: Option<&Yaml>) -> Result<Blog, String> {
        let text = |key: &str, default: &str| -> String {
            options.and_then(|o| o.get(key)).and_then(|v| v.resolved().as_str()).unwrap_or(default).to_string()
        };
        let dir = super::site_relative_folder(&text("blog_dir", "blog")).ok_or("`blog_dir` is outside `docs_dir`")?;
        let posts = text("post_dir", "{blog}/posts").replace("{blog}", if dir.is_empty() { "." } else { &dir });
        let posts = super::site_relative_folder(&posts).ok_or("`post_dir` is outside `docs_dir`")?;
        let slugify = |key: &str| -> Result<Option<(SlugCase, char)>, String> {
            let separator =
                one_char(&text(&format!("{key}_separator"), "-")).ok_or("a separator of several characters")?;
            match options.and_then(|o| o.get(key)) {
                None => Ok(Some((SlugCase::Lower, separator))),
                Some(function) => match python_function(function) {
                    Some(SlugFunction::Pymdownx(case)) => Ok(Some((case, separator))),
                    _ => Ok(None),
                },
            }
        };
        let max_categories = options
            .and_then(|o| o.get("post_url_max_categories"))
            .and_then(|v| v.resolved().as_int())
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(1);
        Ok(Blog {
            dir,
            posts,
            url_format: text("post_url_format", "{date}/{slug}"),
            url_date_format: text("post_url_date_format", "yyyy/MM/dd"),
            slugify: slugify("post_slugify")?,
            categories_slugify: slugify("categories_slugify")?,
            max_categories,
        })
    }

    /// The docs-relative source path the plugin gives a post (`_format_path_for_post`):
    /// `blog_dir/` + `post_url_format` with `{date}`, `{slug}`, `{categories}`, `{file}`
    /// filled in, + `.md`; its URL is that file's.
    fn post_path(&self, site: &Site, relative: &str, under: &str, front: Option<&FrontMatter>) -> Option<String> {
        let get = |key: &str| indexed(front, key);
        let date = match get("date").map(|n| &n.value) {
            Some(Value::Map(_)) => get("date")?.get("created")?,
            _ => get("date")?,
        };
        // A quoted date is a string, which the plugin refuses.
        if date.style == Style::Quoted {
            return None;
        }
        let date = crate::text::dates::parse_datetime(date.as_str()?).ok()?.date;
        let date = babel_date(&self.url_date_format, date.year, date.month, date.day)?;
        let file = under.rsplit('/').next().unwrap_or(under);
        let file = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let file = if file == "README" { "index" } else { file };
        let slug = match get("slug").and_then(Node::as_str) {
            Some(slug) => slug.to_string(),
            None if self.url_format.contains("{slug}") => {
                let (case, separator) = self.slugify?;
                let title = match get("title").and_then(Node::as_str) {
                    Some(title) => title.to_string(),
                    None => markdown_title(site, relative).unwrap_or_else(|| file_title(file)),
                };
                slug::pymdownx_slugify(&title, separator, case)
            }
            None => String::new(),
        };
        let categories = if self.url_format.contains("{categories}") {
            let (case, separator) = self.categories_slugify?;
            let names: Vec<String> = match get("categories").map(|c| &c.value) {
                Some(Value::Seq(items)) => items.iter().filter_map(Node::as_str).map(str::to_string).collect(),
                None => Vec::new(),
                _ => return None,
            };
            let mut unique: Vec<String> = Vec::new();
            for name in names {
                if !unique.contains(&name) {
                    unique.push(name);
                }
            }
            unique
                .iter()
                .take(self.max_categories)
                .map(|name| slug::pymdownx_slugify(name, separator, case))
                .collect::<Vec<_>>()
                .join("/")
        } else {
            String::new()
        };
        let path = python_format(
            &self.url_format,
            &[("date", &date), ("slug", &slug), ("file", file), ("categories", &categories)],
        )?;
        let path = super::site_relative_folder(path.trim_matches('/')).filter(|p| !p.is_empty())?;
        Some(format!("{}.md", join(&self.dir, &path)))
    }
}

/// The title MkDocs gives a post before rendering it (`get_markdown_title`): the first
/// non-blank line after the front matter when it starts with `# `.
fn markdown_title(site: &Site, relative: &str) -> Option<String> {
    let text = site.read_site_file(&site.root.as_ref()?.join(relative), bounded::POST)?;
    let (_, body_start) = crate::document::front_matter::split(&text);
    let line = text[body_start..].lines().map(str::trim).find(|line| !line.is_empty())?;
    let title = line.strip_prefix("# ")?;
    Some(title.trim_start_matches(['#', ' ']).to_string())
}

/// The title MkDocs makes from a file name: `-` and `_` as spaces, capitalized when it
/// was all lower case.
fn file_title(name: &str) -> String {
    let title = name.replace(['-', '_'], " ");
    if title.to_lowercase() != title {
        return title;
    }
    let mut chars = title.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
        None => title,
    }
}

/// Python's `str.format` with named fields only (`{{` and `}}` are braces); `None` for a
/// field it does not have or a format spec.
fn python_format(pattern: &str, fields: &[(&str, &str)]) -> Option<String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        if after.starts_with("{{") || after.starts_with("}}") {
            out.push_str(&after[..1]);
            rest = &after[2..];
            continue;
        }
        if after.starts_with('}') {
            return None;
        }
        let close = after.find('}')?;
        let name = &after[1..close];
        out.push_str(fields.iter().find(|(field, _)| *field == name)?.1);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// A date formatted with a Babel (CLDR) pattern of numeric fields: `yyyy/MM/dd`,
/// `yyyy-MM`, `yy/M/d`; quoted text is literal. `None` for a named format (`long`) or a
/// field that needs the locale (month names).
fn babel_date(pattern: &str, year: i32, month: u32, day: u32) -> Option<String> {
    if matches!(pattern, "full" | "long" | "medium" | "short") {
        return None;
    }
    let mut out = String::new();
    let chars: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // `''` is a quote; `'text'` is literal.
            if chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            let end = chars[i + 1..].iter().position(|&q| q == '\'').map_or(chars.len(), |p| i + 1 + p);
            out.extend(&chars[i + 1..end]);
            i = end + 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            out.push(c);
            i += 1;
            continue;
        }
        let count = chars[i..].iter().take_while(|&&same| same == c).count();
        match (c, count) {
            ('y', 2) => out.push_str(&format!("{:02}", year.rem_euclid(100))),
            ('y', n) => out.push_str(&format!("{year:0n$}")),
            ('M' | 'L', 1 | 2) => out.push_str(&format!("{month:0count$}")),
            ('d', 1 | 2) => out.push_str(&format!("{day:0count$}")),
            _ => return None,
        }
        i += count;
    }
    Some(out)
}

/// A YAML value as MkDocs' loader (PyYAML) gives it, with the tags PyYAML would resolve
/// to Python objects kept: what they tag cannot be read here.
#[derive(Debug, Clone, PartialEq)]
enum Yaml {
    Null,
    Bool(bool),
    Int(i64),
    Float,
    Str(String),
    Seq(Vec<Yaml>),
    Map(Vec<(String, Yaml)>),
    /// `!ENV`, `!relative`, `!!python/name:…`, `!!python/object/apply:…` and their value.
    Tagged(String, Box<Yaml>),
}

impl Yaml {
    /// The value under `key` of a mapping (the last, as PyYAML keeps).
    fn get(&self, key: &str) -> Option<&Yaml> {
        match self.untagged() {
            Yaml::Map(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn tag(&self) -> Option<&str> {
        match self {
            Yaml::Tagged(tag, _) => Some(tag),
            _ => None,
        }
    }

    fn untagged(&self) -> &Yaml {
        match self {
            Yaml::Tagged(_, inner) => inner.untagged(),
            other => other,
        }
    }

    /// The value MkDocs uses: an `!ENV [NAME, default]` is its default (the variable is
    /// not known here), or null without one; other tags leave the value as written.
    fn resolved(&self) -> &Yaml {
        match self {
            Yaml::Tagged(tag, inner) if tag == "!ENV" => match inner.as_ref() {
                Yaml::Seq(items) if items.len() > 1 => items.last().map_or(&Yaml::Null, Yaml::resolved),
                _ => &Yaml::Null,
            },
            Yaml::Tagged(tag, inner) if tag.starts_with("!!") && !tag.starts_with("!!python/") => inner.resolved(),
            Yaml::Tagged(_, _) => self,
            other => other,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Yaml::Str(text) => Some(text),
            _ => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Yaml::Bool(value) => Some(*value),
            _ => None,
        }
    }

    fn as_int(&self) -> Option<i64> {
        match self {
            Yaml::Int(value) => Some(*value),
            _ => None,
        }
    }

    fn items(&self) -> &[Yaml] {
        match self.untagged() {
            Yaml::Seq(items) => items,
            _ => &[],
        }
    }

    fn count(&self) -> usize {
        1 + match self {
            Yaml::Seq(items) => items.iter().map(Yaml::count).sum(),
            Yaml::Map(entries) => entries.iter().map(|(_, v)| 1 + v.count()).sum(),
            Yaml::Tagged(_, inner) => inner.count(),
            _ => 0,
        }
    }
}

/// A plain scalar as PyYAML (YAML 1.1) resolves it: `yes`/`no`/`on`/`off` are booleans.
fn plain_scalar(text: &str) -> Yaml {
    match text {
        "yes" | "Yes" | "YES" | "on" | "On" | "ON" => return Yaml::Bool(true),
        "no" | "No" | "NO" | "off" | "Off" | "OFF" => return Yaml::Bool(false),
        _ => {}
    }
    match crate::document::yaml::resolve_plain(text) {
        Value::Null => Yaml::Null,
        Value::Bool(value) => Yaml::Bool(value),
        Value::Integer(value) => Yaml::Int(value),
        Value::Float(_) => Yaml::Float,
        _ => Yaml::Str(text.to_string()),
    }
}

/// Nodes an alias may expand to, in all (a "billion laughs" config is refused).
const ALIAS_BUDGET: usize = 10_000;

/// Parses one YAML document into `Yaml`, keeping tags; `Err` with a message and the byte
/// offset of the problem.
fn parse_yaml(text: &str) -> Result<Yaml, (String, usize)> {
    enum Frame {
        Seq(usize, Option<String>, Vec<Yaml>),
        Map(usize, Option<String>, Vec<(String, Yaml)>, Option<String>),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: Vec<(usize, Yaml)> = Vec::new();
    let mut expanded = 0usize;
    let mut root: Option<Yaml> = None;
    let tag_name = |tag: &saphyr_parser::Tag| -> String {
        if tag.handle == "tag:yaml.org,2002:" {
            format!("!!{}", tag.suffix)
        } else if tag.handle == "!" {
            format!("!{}", tag.suffix)
        } else {
            format!("{}{}", tag.handle, tag.suffix)
        }
    };
    let wrap = |value: Yaml, tag: Option<String>| match tag {
        Some(tag) => Yaml::Tagged(tag, Box::new(value)),
        None => value,
    };
    let byte_of = |char_index: usize| text.char_indices().nth(char_index).map_or(text.len(), |(at, _)| at);
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| (e.info().to_string(), byte_of(e.marker().index())))?;
        let (value, anchor) = match event {
            Event::Scalar(value, style, anchor, tag) => {
                let tag = tag.map(|t| tag_name(&t));
                let scalar = match (style, tag.as_deref()) {
                    (ScalarStyle::Plain, None) => plain_scalar(&value),
                    _ => Yaml::Str(value.to_string()),
                };
                let core = tag.as_deref().is_some_and(|t| t == "!!str");
                (wrap(scalar, tag.filter(|_| !core)), anchor)
            }
            Event::SequenceStart(anchor, tag) => {
                if stack.len() >= crate::document::yaml::MAX_DEPTH {
                    return Err(("nested too deeply".into(), byte_of(span.start.index())));
                }
                stack.push(Frame::Seq(anchor, tag.map(|t| tag_name(&t)), Vec::new()));
                continue;
            }
            Event::MappingStart(anchor, tag) => {
                if stack.len() >= crate::document::yaml::MAX_DEPTH {
                    return Err(("nested too deeply".into(), byte_of(span.start.index())));
                }
                stack.push(Frame::Map(anchor, tag.map(|t| tag_name(&t)), Vec::new(), None));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(anchor, tag, items)) => (wrap(Yaml::Seq(items), tag), anchor),
                _ => continue,
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(anchor, tag, entries, _)) => (wrap(Yaml::Map(entries), tag), anchor),
                _ => continue,
            },
            Event::Alias(id) => {
                let target = anchors.iter().rev().find(|(anchor, _)| *anchor == id).map(|(_, v)| v.clone());
                let target = target.unwrap_or(Yaml::Null);
                expanded += target.count();
                if expanded > ALIAS_BUDGET {
                    return Err(("aliases expand to too many nodes".into(), byte_of(span.start.index())));
                }
                (target, 0)
            }
            Event::DocumentEnd if root.is_some() => break,
            _ => continue,
        };
        if anchor != 0 {
            anchors.push((anchor, value.clone()));
        }
        match stack.last_mut() {
            None => {
                root.get_or_insert(value);
            }
            Some(Frame::Seq(_, _, items)) => items.push(value),
            Some(Frame::Map(_, _, entries, pending)) => match pending.take() {
                None => {
                    let key = match value.untagged() {
                        Yaml::Str(key) => key.clone(),
                        Yaml::Bool(b) => if *b { "True" } else { "False" }.to_string(),
                        Yaml::Int(n) => n.to_string(),
                        _ => String::new(),
                    };
                    *pending = Some(key);
                }
                Some(key) => entries.push((key, value)),
            },
        }
    }
    Ok(root.unwrap_or(Yaml::Null))
}

/// `child` over `parent`, as `mergedeep.merge(parent, child)`: mappings merge key by key,
/// anything else is replaced.
fn merge(parent: Yaml, child: Yaml) -> Yaml {
    match (parent, child) {
        (Yaml::Map(mut entries), Yaml::Map(over)) => {
            for (key, value) in over {
                match entries.iter().position(|(k, _)| *k == key) {
                    Some(at) => {
                        let old = std::mem::replace(&mut entries[at].1, Yaml::Null);
                        entries[at].1 = merge(old, value);
                    }
                    None => entries.push((key, value)),
                }
            }
            Yaml::Map(entries)
        }
        (_, child) => child,
    }
}

/// Reads the config `name` at `root` with the files it `INHERIT`s from (each relative to
/// the file naming it, inside the site's boundary), merged; notes a file that does not
/// parse. The files read are added to `files`, site-relative.
fn load_config(root: &Path, name: &str, site: &Site, files: &mut Vec<String>) -> Option<Yaml> {
    let mut chain: Vec<Yaml> = Vec::new();
    let mut next = Some(root.join(name));
    let mut seen: Vec<PathBuf> = Vec::new();
    while let Some(path) = next.take() {
        if seen.len() >= MAX_INHERIT || seen.contains(&path) {
            break;
        }
        seen.push(path.clone());
        let text = site.read_site_file(&path, bounded::CONFIG)?;
        files.push(site.relative_path(&path));
        let mut config = match parse_yaml(&text) {
            Ok(config) => config,
            Err((message, at)) => {
                let position = crate::text::lines::LineIndex::new(&text).position(&text, at);
                site.note(SiteProblem {
                    path: path.clone(),
                    message: format!(
                        "invalid YAML: {message}; MkDocs will not build the site, and postlint ignores this config"
                    ),
                    position: Some((position.line, position.column)),
                });
                return None;
            }
        };
        if let Yaml::Map(entries) = &mut config
            && let Some(at) = entries.iter().position(|(key, _)| key == "INHERIT")
        {
            let (_, parent) = entries.remove(at);
            if let (Some(parent), Some(dir)) = (parent.resolved().as_str(), path.parent()) {
                next = Some(lexical(&dir.join(parent)));
            }
        }
        chain.push(config);
    }
    let mut merged = chain.pop()?;
    while let Some(child) = chain.pop() {
        merged = merge(merged, child);
    }
    Some(merged)
}

/// The path with `.` and `..` resolved lexically (as `os.path.normpath`).
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Yaml {
        parse_yaml(text).unwrap_or(Yaml::Null)
    }

    #[test]
    fn config_tags_are_kept_and_env_defaults_used() {
        let config = parse(
            "site_url: !ENV [SITE_URL, 'https://example.com/docs/']\n\
             use_directory_urls: no\n\
             markdown_extensions:\n\
             \x20 - toc:\n\
             \x20     slugify: !!python/object/apply:pymdownx.slugs.slugify\n\
             \x20       kwds:\n\
             \x20         case: lower\n\
             \x20 - pymdownx.emoji:\n\
             \x20     emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        );
        assert_eq!(config.get("site_url").and_then(|u| u.resolved().as_str()), Some("https://example.com/docs/"));
        assert_eq!(config.get("use_directory_urls").and_then(Yaml::as_bool), Some(false));
        let mut mkdocs = MkDocs::default();
        mkdocs.read_extensions(config.get("markdown_extensions"));
        assert_eq!(mkdocs.slugger, Some(Slugger::Pymdownx { case: SlugCase::Lower, separator: '-', emoji: true }));
        let unicode =
            parse("markdown_extensions:\n- toc:\n    slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n");
        mkdocs.read_extensions(unicode.get("markdown_extensions"));
        assert_eq!(mkdocs.slugger, Some(Slugger::PythonMarkdown { unicode: true, separator: '-', emoji: false }));
        let own = parse("markdown_extensions:\n- toc:\n    slugify: !!python/name:my.slugs.slug\n");
        mkdocs.read_extensions(own.get("markdown_extensions"));
        assert_eq!(mkdocs.slugger, None, "a function postlint does not know");
    }

    #[test]
    fn inherited_mappings_merge_and_lists_are_replaced() {
        let parent = parse("theme:\n  name: material\n  language: ja\nplugins: [search, blog]\n");
        let child = parse("theme:\n  language: en\nplugins: [search]\n");
        let merged = merge(parent, child);
        assert_eq!(merged.get("theme").and_then(|t| t.get("name")).and_then(Yaml::as_str), Some("material"));
        assert_eq!(merged.get("theme").and_then(|t| t.get("language")).and_then(Yaml::as_str), Some("en"));
        assert_eq!(merged.get("plugins").map(|p| p.items().len()), Some(1));
    }

    #[test]
    fn page_urls_follow_use_directory_urls() {
        let mut mkdocs = MkDocs::default();
        assert_eq!(mkdocs.page_url("index.md"), "/");
        assert_eq!(mkdocs.page_url("guide/setup.md"), "/guide/setup/");
        assert_eq!(mkdocs.page_url("guide/index.md"), "/guide/");
        assert_eq!(mkdocs.page_url("guide/README.md"), "/guide/");
        mkdocs.use_directory_urls = false;
        assert_eq!(mkdocs.page_url("index.md"), "/index.html");
        assert_eq!(mkdocs.page_url("guide/setup.md"), "/guide/setup.html");
        assert_eq!(mkdocs.page_url("guide/README.md"), "/guide/index.html");
    }

    #[test]
    fn excluded_files() {
        let mkdocs =
            MkDocs { exclude: default_excludes(&["drafts/", "*.tmp.md", "!keep.tmp.md"]).0, ..MkDocs::default() };
        assert!(mkdocs.excluded(".hidden.md"));
        assert!(mkdocs.excluded("guide/.notes/x.md"));
        assert!(mkdocs.excluded("templates/page.md"));
        assert!(!mkdocs.excluded("guide/templates/page.md"), "only the top `templates/`");
        assert!(mkdocs.excluded("drafts/x.md"));
        assert!(mkdocs.excluded("guide/drafts/x.md"), "a pattern without `/` matches at any depth");
        assert!(mkdocs.excluded("guide/x.tmp.md"));
        assert!(!mkdocs.excluded("keep.tmp.md"));
        assert!(!mkdocs.excluded("guide/setup.md"));
    }

    #[test]
    fn blog_dates_and_formats() {
        assert_eq!(babel_date("yyyy/MM/dd", 2024, 1, 5).as_deref(), Some("2024/01/05"));
        assert_eq!(babel_date("yyyy-M", 2024, 1, 5).as_deref(), Some("2024-1"));
        assert_eq!(babel_date("yy'w'dd", 2024, 1, 5).as_deref(), Some("24w05"));
        assert_eq!(babel_date("MMMM", 2024, 1, 5), None, "month names need the locale");
        assert_eq!(babel_date("long", 2024, 1, 5), None);
        let fields = [("date", "2024/01/15"), ("slug", "hello")];
        assert_eq!(python_format("{date}/{slug}", &fields).as_deref(), Some("2024/01/15/hello"));
        assert_eq!(python_format("{{x}}/{slug}", &fields).as_deref(), Some("{x}/hello"));
        assert_eq!(python_format("{nope}", &fields), None);
        assert_eq!(file_title("hello-world"), "Hello world");
        assert_eq!(file_title("Hello_World"), "Hello World");
    }

    #[test]
    fn snippet_lines() {
        assert!(is_snippet_line("--8<-- \"shared/note.md\""));
        assert!(is_snippet_line("-8<- 'x.md'"));
        assert!(is_snippet_line("--8<--"));
        assert!(!is_snippet_line(";--8<-- \"x.md\""));
        assert!(!is_snippet_line("--8<-- x.md"));
        assert!(!is_snippet_line("text --8<--"));
    }

    #[test]
    fn mkdocs_kinds() {
        let blog = Blog::read(None).unwrap_or_else(|why| unreachable!("{why}"));
        let mkdocs = MkDocs { blogs: vec![blog], ..MkDocs::default() };
        let site = Site::with_adapter(Box::new(mkdocs));
        let kind = |path: &str| pages::kind_of(&site, path, None);
        assert_eq!(kind("docs/index.md"), PageKind::Page);
        assert_eq!(kind("docs/guide/setup.md"), PageKind::Doc);
        assert_eq!(kind("docs/CHANGELOG.md"), PageKind::Doc, "built, not the repository's own document");
        assert_eq!(kind("docs/blog/posts/hello.md"), PageKind::Post);
        assert_eq!(kind("docs/blog/index.md"), PageKind::List);
        assert_eq!(kind("docs/.drafts/x.md"), PageKind::Unbuilt);
        assert_eq!(kind("README.md"), PageKind::Unbuilt, "outside docs_dir");
        assert_eq!(kind("notes/x.md"), PageKind::Unbuilt);
    }
}
