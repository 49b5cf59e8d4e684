//! Jekyll, as its documentation describes it: <https://jekyllrb.com/docs/configuration/>
//! (`_config.yml`, `exclude`, `defaults`, `collections`), <https://jekyllrb.com/docs/posts/>
//! (`_posts/YYYY-MM-DD-title.md`, categories from folders),
//! <https://jekyllrb.com/docs/permalinks/> (styles and placeholders),
//! <https://jekyllrb.com/docs/front-matter/> (a file without front matter is copied, not
//! rendered), kramdown's syntax <https://kramdown.gettalong.org/syntax.html>, and
//! jekyll-seo-tag's usage <https://github.com/jekyll/jekyll-seo-tag/blob/master/docs/usage.md>.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use super::{Adapter, ArticleEmitter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::bounded;
use crate::document::Document;
use crate::document::front_matter::{self, FrontMatter};
use crate::document::tree::{Node, Value};
use crate::site::pages::{self, PageKind};
use crate::site::{Site, SiteProblem, collect_files};
use crate::text::dates::{self, Date};
use crate::text::slug::Slugger;
use crate::text::urls::percent_decode;

/// Jekyll folders that are never rendered as pages.
const TEMPLATE_DIRS: &[&str] = &["_layouts", "_includes", "_sass", "_data", "_plugins", "_site"];

/// Layouts are followed at most this deep (a layout naming itself must end).
const MAX_LAYOUT_DEPTH: usize = 10;

/// What `_config.yml` and the `Gemfile` say, beside the settings every site has.
#[derive(Debug, Default)]
pub(in crate::site) struct JekyllConfig {
    /// `defaults:`, kept as parsed.
    defaults: Option<Node>,
    /// `collections:` names (without the leading `_`).
    collections: Vec<String>,
    /// A collection's own `permalink:`, by name.
    collection_permalinks: Vec<(String, String)>,
    /// `exclude:` patterns, which Jekyll never builds, as written.
    exclude_patterns: Vec<String>,
    /// `include:` patterns, which Jekyll builds even where `exclude:` matches (its
    /// default, `.htaccess`, when unset).
    include_patterns: Vec<String>,
    /// `unpublished: true`: posts and pages with `published: false` are built too.
    unpublished: bool,
    /// Whether the Gemfile pins Jekyll 3 (whose `post_url` does not add `baseurl`).
    jekyll3: bool,
    /// `source:`, the folder the site is read from, site-relative (`""`: the root).
    source: String,
    /// `timezone:`, the IANA zone dates are put in (the build machine's when unset).
    timezone: Option<String>,
    /// `collections_dir:`, the folder collections live in (site-relative; `""`: the root).
    /// A collection document's `relative_path`, which `{% link %}` matches, is relative
    /// to it.
    collections_dir: String,
    /// `markdown_ext:`, the extensions Jekyll converts as Markdown, as written (Jekyll's
    /// default when unset).
    markdown_ext: Option<String>,
}

/// Jekyll's default `markdown_ext` (`Configuration::DEFAULTS`).
const MARKDOWN_EXT: &str = "markdown,mkdown,mkdn,mkd,md";

#[derive(Debug, Default)]
pub(in crate::site) struct Jekyll {
    config: JekyllConfig,
    /// Layout name → whether it (or a layout or include it uses) renders `{% seo %}`.
    seo_layouts: Mutex<HashMap<String, bool>>,
    own_heading_ids: std::sync::OnceLock<bool>,
}

impl Jekyll {
    pub(super) fn configure(root: &Path, site: &mut Site) -> Jekyll {
        let mut config = JekyllConfig::default();
        let found = ["_config.yml", "_config.yaml"]
            .iter()
            .map(|name| root.join(name))
            .find_map(|path| Some((site.read_site_file(&path, bounded::CONFIG)?, path)));
        // Jekyll reads the first of `_config.yml`, `_config.yaml` and `_config.toml`.
        let found = found.or_else(|| {
            let path = root.join("_config.toml");
            let text = site.read_site_file(&path, bounded::CONFIG)?;
            Some((toml_as_yaml(site, &path, &text)?, path))
        });
        if let Some((text, path)) = found
            && let Some(parsed) = parse_config(site, &path, &text)
        {
            apply_config(site, &mut config, &parsed);
        }
        read_gemfile(root, site, &mut config);
        Jekyll { config, ..Jekyll::default() }
    }

    /// A site-relative path as Jekyll sees it, relative to `source:`; `None` outside it.
    fn in_source<'a>(&self, relative: &'a str) -> Option<&'a str> {
        if self.config.source.is_empty() {
            return Some(relative);
        }
        relative.strip_prefix(self.config.source.as_str())?.strip_prefix('/')
    }

    /// The days the build may put a post dated `time` on (see `publish_days`).
    fn publish_days(&self, time: &dates::DateTime) -> Vec<Date> {
        super::publish_days(self.config.timezone.as_deref(), time)
    }

    /// The site's source folder, for the layouts, includes and plugins in it.
    fn source_dir(&self, root: &Path) -> std::path::PathBuf {
        root.join(&self.config.source)
    }

    /// The Jekyll document type of a source-relative path for `defaults` scopes: `posts`,
    /// a collection's name (`_topics/x.md` → `topics`), or `pages`.
    fn document_type<'a>(&self, relative_path: &'a str, is_post: bool) -> &'a str {
        if is_post {
            return "posts";
        }
        relative_path
            .split('/')
            .next()
            .and_then(|first| first.strip_prefix('_'))
            .filter(|name| self.config.collections.iter().any(|c| c == name))
            .unwrap_or("pages")
    }

    /// Whether `_config.yml`'s `exclude:` (or Jekyll's own default excludes) leave the
    /// source-relative path out of the build, decided as Jekyll's `EntryFilter` decides.
    ///
    /// Jekyll filters each folder's entries as its reader walks down from the source
    /// folder, and reads `_posts`, `_drafts` and collection folders in one listing whose
    /// files are filtered by their full path only. So a page is excluded when it or any
    /// folder above it matches; a post when it or a folder above its `_posts` does; a
    /// collection document only by its own path. When unsure, nothing is excluded: a file
    /// left out here that Jekyll builds would be hidden from the gate.
    fn excludes(&self, relative: &str) -> bool {
        let parts: Vec<&str> = relative.split('/').filter(|s| !s.is_empty()).collect();
        let reader_folder = parts.iter().position(|part| part.starts_with('_')).filter(|&at| at + 1 < parts.len());
        let walked_folders = match reader_folder {
            Some(at) if matches!(parts[at], "_posts" | "_drafts") => at,
            Some(_) => 0,
            None => parts.len().saturating_sub(1),
        };
        let folder_excluded = (1..=walked_folders).any(|depth| self.entry_excluded(&parts[..depth].join("/"), true));
        folder_excluded || self.entry_excluded(&parts.join("/"), false)
    }

    /// `EntryFilter#excluded?` and not `#included?` for one entry (a source-relative path).
    fn entry_excluded(&self, entry: &str, is_folder: bool) -> bool {
        // Jekyll 4's `Configuration::DEFAULT_EXCLUDES` (lib/jekyll/configuration.rb),
        // added to the site's own `exclude:`; `site.exclude - site.include` is matched.
        const DEFAULTS: &[&str] = &[
            ".sass-cache",
            ".jekyll-cache",
            "gemfiles",
            "Gemfile",
            "Gemfile.lock",
            "node_modules",
            "vendor/bundle/",
            "vendor/cache/",
            "vendor/gems/",
            "vendor/ruby/",
        ];
        let include = &self.config.include_patterns;
        let excluded = DEFAULTS
            .iter()
            .copied()
            .chain(self.config.exclude_patterns.iter().map(String::as_str))
            .filter(|pattern| !include.iter().any(|i| i == pattern))
            .any(|pattern| entry_filter_matches(pattern, entry, is_folder));
        excluded && !self.included(entry, is_folder)
    }

    /// Whether every `.`-named part of a source-relative folder is named by `include:`.
    fn hidden_parts_included(&self, folder: &str) -> bool {
        let parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
        (0..parts.len())
            .filter(|&at| parts[at].starts_with('.'))
            .all(|at| parts[at] != ".git" && self.included(&parts[..=at].join("/"), true))
    }

    /// `EntryFilter#included?`: it tries the entry as the reader lists it and its base
    /// name; the listing is relative to a folder postlint does not track here, so any
    /// suffix of the path counts (more included, never fewer).
    fn included(&self, entry: &str, is_folder: bool) -> bool {
        let parts: Vec<&str> = entry.split('/').collect();
        (0..parts.len()).any(|from| {
            let tail = parts[from..].join("/");
            self.config.include_patterns.iter().any(|pattern| entry_filter_matches(pattern, &tail, is_folder))
        })
    }

    /// A collection's own `permalink:` from `_config.yml`'s `collections:`.
    fn collection_permalink(&self, collection: &str) -> Option<&str> {
        self.config.collection_permalinks.iter().find(|(name, _)| name == collection).map(|(_, p)| p.as_str())
    }

    /// The value `_config.yml`'s `defaults:` give `key` for the file at `relative_path`
    /// (relative to the source folder): the last entry whose scope (path prefix, type)
    /// matches, as Jekyll merges them.
    fn defaults_for<'s>(&'s self, relative_path: &str, is_post: bool, key: &str) -> Option<&'s Node> {
        let type_name = self.document_type(relative_path, is_post);
        let defaults = self.config.defaults.as_ref()?;
        let mut found = None;
        for entry in defaults.items() {
            let scope = entry.get("scope");
            let path = scope.and_then(|s| s.get("path")).and_then(Node::as_str).unwrap_or("");
            let kind = scope.and_then(|s| s.get("type")).and_then(Node::as_str);
            let path = path.trim_start_matches("./").trim_start_matches('/');
            let path_matches = if path.contains('*') {
                globset::Glob::new(path).is_ok_and(|g| g.compile_matcher().is_match(relative_path))
            } else {
                path.is_empty() || relative_path.starts_with(path)
            };
            let kind_matches = kind.is_none_or(|k| k == type_name || k == "drafts" && is_post);
            if path_matches
                && kind_matches
                && let Some(value) = entry.get("values").and_then(|v| v.get(key))
            {
                found = Some(value);
            }
        }
        found
    }

    /// A folder of the source folder, site-relative.
    fn joined(&self, folder: &str) -> String {
        if self.config.source.is_empty() { folder.to_string() } else { format!("{}/{folder}", self.config.source) }
    }

    /// Whether a Jekyll layout renders jekyll-seo-tag's `{% seo %}`, following its
    /// parent layouts and `{% include %}`s.
    fn layout_renders_seo(&self, site: &Site, layout: &str) -> bool {
        if let Ok(cache) = self.seo_layouts.lock()
            && let Some(known) = cache.get(layout)
        {
            return *known;
        }
        let found = site.root.as_ref().is_some_and(|root| layout_has_seo(site, &self.source_dir(root), layout, 0));
        if let Ok(mut cache) = self.seo_layouts.lock() {
            cache.insert(layout.to_string(), found);
        }
        found
    }
}

impl Adapter for Jekyll {
    fn link_tag_bases(&self) -> Vec<String> {
        // A page's or static file's path is from the source folder; a collection
        // document's from `collections_dir` (Jekyll's Document#relative_path).
        let source = self.config.source.clone();
        if self.config.collections_dir.is_empty() {
            return vec![source];
        }
        let collections = if source.is_empty() {
            self.config.collections_dir.clone()
        } else {
            format!("{source}/{}", self.config.collections_dir)
        };
        vec![source, collections]
    }

    fn generator(&self) -> Generator {
        Generator::Jekyll
    }

    /// Jekyll's Markdown converter matches a file's extension, lower-cased, against
    /// `markdown_ext` split on commas (`Converters::Markdown#extname_list`).
    fn markdown_extensions(&self) -> Vec<String> {
        let list = self.config.markdown_ext.as_deref().unwrap_or(MARKDOWN_EXT);
        let mut extensions: Vec<String> =
            list.split(',').map(|ext| ext.trim().trim_start_matches('.').to_ascii_lowercase()).collect();
        extensions.retain(|ext| !ext.is_empty());
        extensions
    }

    fn conventions(&self) -> Conventions {
        Conventions {
            slugger: Slugger::Github,
            fragments: FragmentMatch::Exact,
            relative_refs: RelativeRefs::SourceFolder,
            extensionless_links_are_urls: false,
            kramdown: true,
            definition_term_ids: false,
            space_separated_lists: true,
            dated_post_file_names: true,
            dated_path_key: false,
            knows_every_url: true,
            required_keys_option: "jekyll",
            resolves_references: true,
        }
    }

    fn settings(&self) -> Vec<(&'static str, serde_json::Value)> {
        let c = &self.config;
        vec![
            ("collections", serde_json::json!(c.collections)),
            ("exclude", serde_json::json!(c.exclude_patterns)),
            ("defaults", serde_json::json!(c.defaults.as_ref().map_or(0, |d| d.items().len()))),
            ("jekyll3", serde_json::json!(c.jekyll3)),
        ]
    }

    fn cache_facts(&self) -> String {
        let c = &self.config;
        format!(
            "{:?} {:?} {:?} {:?} {}",
            c.defaults,
            c.collections,
            c.collection_permalinks,
            (&c.exclude_patterns, &c.include_patterns),
            c.jekyll3
        )
    }

    /// Jekyll's reader skips a `.`-named entry unless `include:` names it (`EntryFilter`):
    /// each hidden part of the folder must be included.
    fn builds_hidden_folder(&self, folder: &str) -> bool {
        self.in_source(folder).is_some_and(|folder| self.hidden_parts_included(folder))
    }

    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        if let Some(kind) = pages::unbuilt_anywhere(relative, front) {
            return kind;
        }
        // Nothing outside `source:` is read.
        let Some(relative) = self.in_source(relative) else { return PageKind::Unbuilt };
        let parts: Vec<&str> = relative.split('/').filter(|s| !s.is_empty()).collect();
        let Some((name, directories)) = parts.split_last() else { return PageKind::Unbuilt };
        // Jekyll's EntryFilter skips names starting with `_`, `.`, `#` or `~` (and backup
        // files ending in `~`): a `_draft.md` in `_posts/` is not a post.
        if name.starts_with(['_', '.', '#', '~']) || name.ends_with('~') {
            return PageKind::Unbuilt;
        }
        if directories.iter().any(|d| TEMPLATE_DIRS.contains(d)) {
            return PageKind::Template;
        }
        // A hidden folder is read only where `include:` names it.
        let hidden_folder = directories.iter().position(|d| d.starts_with('.'));
        if hidden_folder.is_some() && !self.hidden_parts_included(&directories.join("/")) {
            return PageKind::Unbuilt;
        }
        if self.excludes(relative) {
            return PageKind::Unbuilt;
        }
        // `published: false` is not rendered (`jekyll build` without `--unpublished`), post
        // or page: the walk leaves it out; a file named on the command line or open in an
        // editor is still linted.
        let unpublished = front.and_then(|f| f.get("published")).is_some_and(|p| matches!(p.value, Value::Bool(false)));
        if unpublished && !self.config.unpublished {
            return PageKind::Unbuilt;
        }
        if directories.iter().any(|d| *d == "_posts" || *d == "_drafts") {
            return PageKind::Post;
        }
        // Other `_folders` are collections when the config names them, else never built.
        if let Some(collection) = directories.iter().find(|d| d.starts_with('_')) {
            return if self.config.collections.iter().any(|c| collection[1..] == **c) {
                PageKind::Doc
            } else {
                PageKind::Unbuilt
            };
        }
        // Jekyll renders a page only when it has front matter; otherwise it copies the file.
        if front.is_none() {
            return PageKind::Unbuilt;
        }
        PageKind::Page
    }

    fn url_of(&self, site: &Site, relative: &str, front: Option<&FrontMatter>, is_post: bool) -> Option<String> {
        let get = |key: &str| crate::site::index::indexed(front, key);
        let relative = self.in_source(relative)?;
        if is_post {
            let name = relative.rsplit('/').next()?;
            let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
            let file_date = dates::filename_date(stem);
            // The day the build puts the post on: its `date` in the site's time zone.
            let date = get("date")
                .and_then(|n| n.as_str())
                .and_then(|d| dates::parse_datetime(d).ok())
                .map(|d| self.publish_days(&d)[0])
                .or(file_date)?;
            let title = get("slug")
                .and_then(Node::as_str)
                .map(jekyll_slug)
                .unwrap_or_else(|| dates::strip_filename_date(stem).to_string());
            // Jekyll puts the folders above `_posts/` into the categories, first.
            let mut categories: Vec<String> = relative
                .split("_posts/")
                .next()
                .filter(|_| relative.contains("_posts/"))
                .unwrap_or("")
                .split('/')
                .filter(|folder| !folder.is_empty())
                .map(str::to_string)
                .collect();
            for category in categories_of(get("categories").or_else(|| get("category"))) {
                if !categories.contains(&category) {
                    categories.push(category);
                }
            }
            // Front matter, then `defaults`, then `collections: posts: permalink`, then the
            // site's `permalink`.
            let pattern = get("permalink")
                .and_then(Node::as_str)
                .or_else(|| self.defaults_for(relative, true, "permalink").and_then(Node::as_str))
                .or_else(|| self.collection_permalink("posts"))
                .or(site.permalink.as_deref())
                .unwrap_or("date");
            return expand_permalink(pattern, date, &title, &categories).map(|url| percent_decode(&url));
        }
        let collection = self.document_type(relative, false);
        if collection != "pages" {
            // A collection document: its permalink from the front matter, `defaults`, the
            // collection's config, or Jekyll's `/:collection/:path:output_ext`.
            let pattern = get("permalink")
                .and_then(Node::as_str)
                .or_else(|| self.defaults_for(relative, false, "permalink").and_then(Node::as_str))
                .or_else(|| self.collection_permalink(collection))
                .unwrap_or("/:collection/:path:output_ext");
            let inside = relative.split_once('/').map_or(relative, |(_, rest)| rest);
            let path = inside.rsplit_once('.').map_or(inside, |(stem, _)| stem);
            let name = path.rsplit('/').next().unwrap_or(path);
            let title = get("slug").and_then(Node::as_str).map_or_else(|| name.to_string(), jekyll_slug);
            let url = pattern.replace(":collection", collection).replace(":path", path).replace(":name", name);
            // A dated document (`_posts_en/2026-01-12-x.md`, `date:`) fills the date
            // placeholders as a post does; its title drops the file name's date.
            let date = get("date")
                .and_then(Node::as_str)
                .and_then(|d| dates::parse_datetime(d).ok())
                .map(|d| d.date)
                .or_else(|| dates::filename_date(name));
            let url = match date {
                Some(date) if url.contains(":year") || url.contains(":month") || url.contains(":day") => {
                    let title = get("slug")
                        .and_then(Node::as_str)
                        .map_or_else(|| dates::strip_filename_date(name).to_string(), jekyll_slug);
                    expand_permalink(&url, date, &title, &categories_of(get("categories").or_else(|| get("category"))))?
                }
                _ => url.replace(":title", &title).replace(":slug", &title).replace(":output_ext", ".html"),
            };
            return Some(percent_decode(&url));
        }
        if let Some(pattern) = self.defaults_for(relative, false, "permalink").and_then(Node::as_str)
            && !pattern.contains(':')
        {
            return Some(percent_decode(pattern));
        }
        let stem = relative.rsplit_once('.').map_or(relative, |(s, _)| s);
        if stem == "index" || stem.ends_with("/index") {
            Some(format!("/{}", stem.trim_end_matches("index")))
        } else {
            Some(format!("/{stem}.html"))
        }
    }

    fn static_folders(&self, _site: &Site) -> Vec<String> {
        vec![self.config.source.clone()]
    }

    fn time_zone(&self) -> Option<&str> {
        self.config.timezone.as_deref()
    }

    fn template_folders(&self, _site: &Site) -> Vec<String> {
        ["_layouts", "_includes", "layouts", "templates", "themes"].iter().map(|folder| self.joined(folder)).collect()
    }

    /// A plugin of the site's own that writes heading ids (bitcoinops' `auto-anchor.rb`
    /// gives every bold list lead-in one).
    fn makes_own_heading_ids(&self, site: &Site) -> bool {
        *self.own_heading_ids.get_or_init(|| {
            let Some(root) = site.root.as_ref() else { return false };
            let mut plugins = Vec::new();
            collect_files(&self.source_dir(root).join("_plugins"), 0, &["rb"], site.read_roots(), &mut plugins);
            plugins.iter().any(|path| {
                site.read_site_file(path, bounded::TEMPLATE).is_some_and(|code| {
                    let code = code.to_ascii_lowercase();
                    code.contains("anchor") || code.contains("id=")
                })
            })
        })
    }

    /// `_config.yml` defaults for the post's path, or (for `description`) the `excerpt`
    /// jekyll-seo-tag falls back to.
    fn supplies_key(&self, _site: &Site, doc: &Document<'_>, relative: &str, is_post: bool, key: &str) -> bool {
        let from_defaults = self.default_value(relative, is_post, key).is_some_and(|v| !v.is_null());
        let excerpt = doc.front_matter.as_ref().is_some_and(|fm| fm.entry("excerpt").is_some());
        from_defaults || key == "description" && excerpt
    }

    /// The value `_config.yml`'s `defaults:` give `key` for the file at `relative_path`:
    /// the last entry whose scope (path prefix, type) matches, as Jekyll merges them.
    fn default_value<'s>(&'s self, relative_path: &str, is_post: bool, key: &str) -> Option<&'s Node> {
        self.defaults_for(self.in_source(relative_path)?, is_post, key)
    }

    fn article_jsonld_emitter(
        &self,
        site: &Site,
        relative: &str,
        front_layout: Option<&str>,
    ) -> Option<ArticleEmitter> {
        if !site.has_plugin("jekyll-seo-tag") {
            return None;
        }
        let layout = front_layout
            .map(str::to_string)
            .or_else(|| self.default_value(relative, true, "layout").and_then(Node::as_str).map(str::to_string))?;
        self.layout_renders_seo(site, &layout).then_some(ArticleEmitter {
            plugin: "jekyll-seo-tag",
            layout,
            tag: "{% seo %}",
        })
    }

    fn announces_locale(&self, site: &Site) -> bool {
        site.has_plugin("jekyll-seo-tag")
    }

    fn post_url_adds_base(&self, _site: &Site) -> bool {
        !self.config.jekyll3
    }

    fn plugin_emits_social_image(&self, site: &Site) -> bool {
        site.has_plugin("jekyll-seo-tag")
    }

    fn plugin_reads_canonical(&self, site: &Site, key: &str) -> bool {
        site.has_plugin("jekyll-seo-tag") && key == "canonical_url"
    }
}

/// `_config.yml` as a tree, or `None` (noted as a problem of the site, at its position)
/// when it does not parse: Jekyll would not build the site, and rules that read it
/// (baseurl, defaults, collections) would silently go wrong.
/// A `_config.toml` as YAML text (its JSON form, which YAML reads), so one reader applies
/// it; `None`, noted, when it does not parse.
fn toml_as_yaml(site: &Site, path: &Path, text: &str) -> Option<String> {
    let table = crate::site::parse_toml_config(site, path, text)?;
    serde_json::to_string(&table).ok()
}

fn parse_config(site: &Site, path: &Path, text: &str) -> Option<Node> {
    let parsed = crate::document::yaml::parse(text, 0);
    if let Some(error) = parsed.errors.first() {
        let lines = crate::text::lines::LineIndex::new(text);
        let at = lines.position(text, error.span.start);
        site.note(SiteProblem {
            path: path.to_path_buf(),
            message: format!(
                "invalid YAML: {}; Jekyll will not build the site, and postlint ignores this config",
                error.message
            ),
            position: Some((at.line, at.column)),
        });
        return None;
    }
    parsed.root
}

fn apply_config(site: &mut Site, jekyll: &mut JekyllConfig, config: &Node) {
    site.baseurl = config.get("baseurl").and_then(Node::as_str).unwrap_or("").trim_end_matches('/').to_string();
    site.url = config.get("url").and_then(Node::as_str).map(|u| u.trim_end_matches('/').to_string());
    site.permalink = config.get("permalink").and_then(Node::as_str).map(str::to_string);
    // `source:` is read relative to the folder of `_config.yml`; one leading out is ignored.
    jekyll.source = config
        .get("source")
        .and_then(Node::as_str)
        .map(|source| source.trim_start_matches("./").trim_end_matches('/').to_string())
        .filter(|source| !source.starts_with('/') && !source.split('/').any(|part| part == ".."))
        .map(|source| if source == "." { String::new() } else { source })
        .unwrap_or_default();
    jekyll.timezone = config.get("timezone").and_then(Node::as_str).map(str::to_string);
    jekyll.collections_dir = config
        .get("collections_dir")
        .and_then(Node::as_str)
        .map(|dir| dir.trim_start_matches("./").trim_end_matches('/').to_string())
        .filter(|dir| !dir.starts_with('/') && !dir.split('/').any(|part| part == ".."))
        .map(|dir| if dir == "." { String::new() } else { dir })
        .unwrap_or_default();
    // A list is not what Jekyll reads (its build fails): each item is taken, to lint more.
    jekyll.markdown_ext = config.get("markdown_ext").map(|node| match node.as_str() {
        Some(text) => text.to_string(),
        None => node.items().iter().filter_map(Node::as_str).collect::<Vec<_>>().join(","),
    });
    site.lang = config.get("lang").or_else(|| config.get("locale")).and_then(Node::as_str).map(str::to_string);
    site.plugins = ["plugins", "gems"]
        .iter()
        .filter_map(|key| config.get(key))
        .flat_map(|node| node.items().iter().filter_map(Node::as_str).map(str::to_string).collect::<Vec<_>>())
        .collect();
    jekyll.defaults = config.get("defaults").cloned();
    jekyll.collections = match config.get("collections").map(|c| &c.value) {
        Some(Value::Map(entries)) => entries.iter().map(|entry| entry.key.clone()).collect(),
        Some(Value::Seq(items)) => items.iter().filter_map(Node::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    let patterns = |key: &str| -> Option<Vec<String>> {
        Some(config.get(key)?.items().iter().filter_map(Node::as_str).map(str::to_string).collect())
    };
    jekyll.exclude_patterns = patterns("exclude").unwrap_or_default();
    jekyll.unpublished = config.get("unpublished").is_some_and(|u| matches!(u.value, Value::Bool(true)));
    jekyll.include_patterns = patterns("include").unwrap_or_else(|| vec![".htaccess".to_string()]);
    // The destination (`_site`) is not excluded by Jekyll: `_site` is skipped for its
    // leading `_`, and a destination without one is read like any folder.
    if let Some(Value::Map(entries)) = config.get("collections").map(|c| &c.value) {
        jekyll.collection_permalinks = entries
            .iter()
            .filter_map(|entry| Some((entry.key.clone(), entry.value.get("permalink")?.as_str()?.to_string())))
            .collect();
    }
}

fn read_gemfile(root: &Path, site: &mut Site, jekyll: &mut JekyllConfig) {
    if let Some(gemfile) = site.read_site_file(&root.join("Gemfile"), bounded::CONFIG) {
        for line in gemfile.lines().map(str::trim).filter(|l| l.starts_with("gem ")) {
            if line.contains("\"jekyll\"") && (line.contains("~> 3") || line.contains("\"3.")) {
                jekyll.jekyll3 = true;
            }
            // GitHub Pages builds with Jekyll 3 (its `github-pages` gem pins it).
            if line.contains("\"github-pages\"") || line.contains("'github-pages'") {
                jekyll.jekyll3 = true;
            }
            if let Some(name) = line[4..].trim().split([',', ' ']).next().map(|n| n.trim_matches(['"', '\'']))
                && name.starts_with("jekyll-")
                && !site.plugins.iter().any(|p| p == name)
            {
                site.plugins.push(name.to_string());
            }
        }
    }
}

fn layout_has_seo(site: &Site, root: &Path, layout: &str, depth: usize) -> bool {
    if depth > MAX_LAYOUT_DEPTH || layout.contains("..") {
        return false;
    }
    let text = ["html", "md", "liquid"]
        .iter()
        .find_map(|ext| site.read_site_file(&root.join("_layouts").join(format!("{layout}.{ext}")), bounded::TEMPLATE));
    let Some(text) = text else { return false };
    if template_has_seo(site, root, &text, depth) {
        return true;
    }
    let (front_matter, _) = front_matter::split(&text);
    let parent = front_matter.and_then(|fm| fm.str_value("layout").map(str::to_string));
    parent.is_some_and(|parent| layout_has_seo(site, root, &parent, depth + 1))
}

/// Whether template text holds `{% seo %}` itself or in an included file. An include
/// that leads outside the site (`{% include /etc/x %}`, a symlink) is not read.
fn template_has_seo(site: &Site, root: &Path, text: &str, depth: usize) -> bool {
    if depth > MAX_LAYOUT_DEPTH {
        return false;
    }
    for tag in crate::document::liquid::scan(text, 0..text.len()) {
        match tag.name(text) {
            "seo" => return true,
            "include" => {
                let (argument, _) = tag.argument(text);
                let Some(name) = argument.split_whitespace().next() else { continue };
                if name.contains("..") || name.contains("{{") {
                    continue;
                }
                if let Some(included) = site.read_site_file(&root.join("_includes").join(name), bounded::TEMPLATE)
                    && template_has_seo(site, root, &included, depth + 1)
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn categories_of(node: Option<&Node>) -> Vec<String> {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().filter_map(Node::scalar_text).collect(),
        Some(Value::String(text)) => text.split_whitespace().map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

/// Jekyll's permalink styles and placeholders.
pub(in crate::site) fn expand_permalink(
    pattern: &str,
    date: Date,
    title: &str,
    categories: &[String],
) -> Option<String> {
    let pattern = match pattern {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    };
    // One pass over the pattern; a placeholder is `:` and the longest run of word
    // characters after it, as in Jekyll, so `:titlefoo` is not `:title` + `foo`.
    let mut url = String::with_capacity(pattern.len() + title.len() + 16);
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        url.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let length = after.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
        let name = &after[..length];
        match name {
            "categories" => {
                let slugs: Vec<String> = categories.iter().map(|c| c.to_lowercase().replace(' ', "-")).collect();
                url.push_str(&slugs.join("/"));
            }
            "year" => url.push_str(&format!("{:04}", date.year)),
            "short_year" => url.push_str(&format!("{:02}", date.year % 100)),
            "month" => url.push_str(&format!("{:02}", date.month)),
            "i_month" => url.push_str(&date.month.to_string()),
            "day" => url.push_str(&format!("{:02}", date.day)),
            "i_day" => url.push_str(&date.day.to_string()),
            "title" | "slug" => url.push_str(title),
            "output_ext" => url.push_str(".html"),
            "" => url.push(':'),
            // A placeholder postlint does not fill (`:path`, `:basename`, a plugin's):
            // the URL is unknown, never the placeholder's name as text.
            _ => return None,
        }
        rest = &after[length..];
    }
    url.push_str(rest);
    // Empty placeholders leave double slashes; Jekyll's URLs start at the root whether
    // or not the pattern does (`:year/:month/:title/`).
    while url.contains("//") {
        url = url.replace("//", "/");
    }
    if !url.starts_with('/') {
        url.insert(0, '/');
    }
    Some(url)
}

/// A `slug:` as Jekyll puts it into `:title` (`Utils.slugify`, pretty mode, cased): white
/// space and slashes become `-`, and `-` is trimmed from both ends — `"site-search "` and
/// `/easy-insights` are `site-search` and `easy-insights`.
pub(in crate::site) fn jekyll_slug(slug: &str) -> String {
    let mut out = String::with_capacity(slug.len());
    for ch in slug.chars() {
        let replaced = if ch.is_whitespace() || ch == '/' || ch == '?' || ch == '#' { '-' } else { ch };
        if replaced == '-' && out.ends_with('-') {
            continue;
        }
        out.push(replaced);
    }
    out.trim_matches('-').to_string()
}

/// `EntryFilter#glob_include?` for one string pattern: both sides are joined to the source
/// folder (here `/`, as `File.join` would: one separator at the join), then the pattern
/// matches by `File.fnmatch?` without flags, as a string prefix of the entry, or, for a
/// folder, as the folder with a trailing `/`.
fn entry_filter_matches(pattern: &str, entry: &str, is_folder: bool) -> bool {
    let pattern = format!("/{}", pattern.strip_prefix('/').unwrap_or(pattern));
    let entry = format!("/{entry}");
    super::ruby_fnmatch::fnmatch(&pattern, &entry)
        || entry.starts_with(&pattern)
        || (is_folder && pattern == format!("{entry}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_collection_is_documentation() {
        let jekyll = Jekyll {
            config: JekyllConfig { collections: vec!["docs".into()], ..JekyllConfig::default() },
            ..Jekyll::default()
        };
        let site = Site::with_adapter(Box::new(jekyll));
        let fm = front_matter::split("---\ntitle: x\n---\n").0;
        assert_eq!(pages::kind_of(&site, "_docs/setup.md", fm.as_ref()), PageKind::Doc);
        assert_eq!(pages::kind_of(&site, "_notes/setup.md", fm.as_ref()), PageKind::Unbuilt);
    }

    #[test]
    fn jekyll_slugs_as_jekyll_slugifies_them() {
        assert_eq!(jekyll_slug("wordpress-plugin-for-site-search "), "wordpress-plugin-for-site-search");
        assert_eq!(jekyll_slug("/easy-insights"), "easy-insights");
        assert_eq!(jekyll_slug("Spring Menu"), "Spring-Menu", "pretty mode keeps the case");
        let site = Site::detached(crate::site::GeneratorName::parse("jekyll").flatten());
        let text = "---\ntitle: x\nslug: \"site-search \"\n---\n";
        let post = crate::site::describe(
            "_posts/2026-01-12-x.md",
            crate::document::front_matter::split(text).0.as_ref(),
            &site,
        );
        assert_eq!(post.url.as_deref(), Some("/2026/01/12/site-search.html"));
    }

    #[test]
    fn permalink_styles() {
        let date = Date { year: 2026, month: 1, day: 12 };
        assert_eq!(expand_permalink("/blog/:title/", date, "plan", &[]).as_deref(), Some("/blog/plan/"));
        assert_eq!(
            expand_permalink("date", date, "plan", &["AI Tools".into()]).as_deref(),
            Some("/ai-tools/2026/01/12/plan.html")
        );
        assert_eq!(expand_permalink("pretty", date, "plan", &[]).as_deref(), Some("/2026/01/12/plan/"));
        // A placeholder postlint does not fill leaves the URL unknown, not `:titlex` as text.
        assert_eq!(expand_permalink("/:year/:i_month/:titlex/:slug", date, "plan", &[]), None);
        assert_eq!(expand_permalink("/posts/:path", date, "plan", &[]), None);
    }
}
