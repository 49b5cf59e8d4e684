//! Hugo, as its documentation describes it: <https://gohugo.io/getting-started/configuration/>
//! (`hugo.toml`/`config.toml`, `config/_default/`), <https://gohugo.io/content-management/organization/>
//! (`content/`, sections, `_index.md` list pages, page bundles),
//! <https://gohugo.io/content-management/multilingual/> (`contentDir` per language),
//! <https://gohugo.io/content-management/build-options/> (`headless`, `build.render`),
//! <https://gohugo.io/render-hooks/> (link, image and heading render hooks),
//! <https://gohugo.io/content-management/cross-references/> (`ref`, `relref`) and
//! goldmark's settings <https://gohugo.io/getting-started/configuration-markup/>.

use std::path::{Path, PathBuf};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

use super::{Adapter, Conventions, DroppedHtml, FragmentMatch, Generator, RelativeRefs};
use crate::bounded;
use crate::document::Document;
use crate::document::front_matter::FrontMatter;
use crate::document::tree::{Node, Value as NodeValue};
use crate::site::pages::{self, PageKind};
use crate::site::{Site, SiteProblem, parse_toml_config};
use crate::text::lines::Span;
use crate::text::slug::Slugger;
use serde_json::Value;

/// A Hugo language's own content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::site) struct ContentDir {
    /// Site-relative, without a trailing `/` (`content/korean`).
    pub folder: String,
    pub language: String,
    /// Whether the language's URLs start with `/<language>/`.
    pub in_subdir: bool,
}

#[derive(Debug, Default)]
pub(in crate::site) struct Hugo {
    /// `markup.goldmark.renderer.unsafe`: raw HTML is kept.
    unsafe_html: bool,
    /// Languages with their own content folder (`languages.ko.contentDir`).
    content_dirs: Vec<ContentDir>,
    link_hook: OnceLock<bool>,
}

/// Whether `dir` has `config.toml` and `content/`: Hugo's or Zola's layout.
pub(super) fn is_hugo_or_zola_root(dir: &Path) -> bool {
    dir.join("config.toml").is_file() && dir.join("content").is_dir()
}

/// Whether `dir` has a `config.yaml`, `config.yml` or `config.json` beside Hugo's folders
/// (`content/`, `archetypes/`, `layouts/`): Hugo's older configuration names, which no
/// other generator postlint knows reads with that layout.
pub(super) fn is_hugo_other_config(dir: &Path) -> Option<&'static str> {
    let layout = ["content", "archetypes", "layouts"].iter().any(|folder| dir.join(folder).is_dir());
    ["config.yaml", "config.yml", "config.json"].into_iter().find(|name| layout && dir.join(name).is_file())
}

/// Whether `dir` keeps its configuration in `config/_default/` beside `content/`.
pub(super) fn is_config_dir(dir: &Path) -> bool {
    dir.join("config").join("_default").is_dir() && dir.join("content").is_dir()
}

/// The names Hugo reads its configuration from, in its order: the first found wins
/// (<https://gohugo.io/getting-started/configuration/#configuration-file>).
const CONFIG_NAMES: &[&str] =
    &["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json"];

/// The configuration directory's root keys kept in files of their own
/// (`config/_default/languages.toml` is the `languages` table).
const CONFIG_DIR_KEYS: &[&str] = &["languages", "markup", "params", "menus", "permalinks", "module"];

/// Formats Hugo reads configuration in.
const FORMATS: &[&str] = &["toml", "yaml", "yml", "json"];

impl Hugo {
    pub(super) fn configure(root: &Path, site: &mut Site) -> Hugo {
        let mut hugo = Hugo::default();
        let Some(config) = read_config(root, site) else { return hugo };
        // Hugo's configuration keys are case-insensitive: `baseURL`, `baseurl`, `baseUrl`.
        let base_url = get(&config, "baseurl").and_then(|v| v.as_str());
        site.baseurl = base_url.unwrap_or("").trim_end_matches('/').to_string();
        site.lang = get(&config, "languagecode").and_then(|v| v.as_str()).map(str::to_string);
        hugo.unsafe_html = ["markup", "goldmark", "renderer", "unsafe"]
            .iter()
            .try_fold(&config, |value, key| get(value, key))
            .and_then(|u| u.as_bool())
            .unwrap_or(false);
        hugo.content_dirs = content_dirs(&config);
        hugo
    }

    /// The language whose content folder holds `relative`, and the rest of the path.
    fn content_dir<'a>(&self, relative: &'a str) -> Option<(&ContentDir, &'a str)> {
        self.content_dirs.iter().find_map(|dir| {
            let rest = relative.strip_prefix(dir.folder.as_str())?.strip_prefix('/')?;
            Some((dir, rest))
        })
    }

    /// Whether the site has a render hook for `what` (`link`, `image`, `heading`).
    fn has_render_hook(site: &Site, what: &str) -> bool {
        site.root.as_ref().is_some_and(|root| {
            [format!("layouts/_markup/render-{what}.html"), format!("layouts/_default/_markup/render-{what}.html")]
                .iter()
                .any(|hook| root.join(hook).is_file())
        })
    }
}

impl Adapter for Hugo {
    fn generator(&self) -> Generator {
        Generator::Hugo
    }

    fn conventions(&self) -> Conventions {
        Conventions {
            slugger: Slugger::Github,
            fragments: FragmentMatch::Exact,
            relative_refs: RelativeRefs::PageUrl,
            extensionless_links_are_urls: true,
            kramdown: false,
            definition_term_ids: true,
            space_separated_lists: false,
            dated_post_file_names: false,
            dated_path_key: false,
            knows_every_url: false,
            required_keys_option: "hugo",
            resolves_references: true,
        }
    }

    fn settings(&self) -> Vec<(&'static str, serde_json::Value)> {
        let dirs: Vec<serde_json::Value> = self
            .content_dirs
            .iter()
            .map(|d| serde_json::json!({"folder": d.folder, "language": d.language, "in_subdir": d.in_subdir}))
            .collect();
        vec![("content_dirs", serde_json::json!(dirs)), ("unsafe_html", serde_json::json!(self.unsafe_html))]
    }

    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        if let Some(kind) = pages::unbuilt_anywhere(relative, front) {
            return kind;
        }
        // Once languages have their own folders, those are all Hugo reads (`content/internal/`
        // beside them is not built); otherwise `content/`.
        let under = if self.content_dirs.is_empty() {
            relative.strip_prefix("content/")
        } else {
            self.content_dir(relative).map(|(_, rest)| rest)
        };
        let Some(under) = under else {
            return if relative.starts_with("archetypes/") || relative.starts_with("layouts/") {
                PageKind::Template
            } else {
                PageKind::Unbuilt
            };
        };
        if headless(front) {
            return PageKind::Unbuilt;
        }
        if pages::file_stem(relative) == "_index" {
            return PageKind::List;
        }
        pages::section_kind(under)
    }

    fn url_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>, _is_post: bool) -> Option<String> {
        let get = |key: &str| crate::site::index::indexed(front, key);
        // A language with its own content folder is published under its code (all but
        // the default language, unless configured otherwise).
        let (prefix, under) = match self.content_dir(relative) {
            Some((dir, rest)) if dir.in_subdir => (format!("{}/", dir.language), rest),
            Some((_, rest)) => (String::new(), rest),
            None => (String::new(), relative.strip_prefix("content/")?),
        };
        let stem = under.rsplit_once('.').map_or(under, |(s, _)| s);
        // A bundle's or section's index is its folder's page; the home page's is `/`.
        let stem = match stem {
            "index" | "_index" => "",
            _ => stem.strip_suffix("/index").or_else(|| stem.strip_suffix("/_index")).unwrap_or(stem),
        };
        let slugged = match get("slug").and_then(Node::as_str) {
            Some(slug) => match stem.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{slug}"),
                None => slug.to_string(),
            },
            None => stem.to_string(),
        };
        let path = format!("/{prefix}{}/", slugged.to_lowercase());
        Some(path.replace("//", "/"))
    }

    fn language_of_path(&self, relative: &str) -> Option<String> {
        self.content_dir(relative).map(|(dir, _)| dir.language.clone())
    }

    fn static_folders(&self, _site: &Site) -> Vec<String> {
        vec!["static".into(), "assets".into()]
    }

    /// A page bundle (`index.md`, `_index.md`) has its resources in its folder, published
    /// beside the page.
    fn page_folder_served(&self, relative: &str) -> Option<String> {
        let (folder, name) = relative.rsplit_once('/')?;
        let stem = name.split('.').next().unwrap_or(name);
        (stem == "index" || stem == "_index").then(|| folder.to_string())
    }

    fn content_folders(&self, _site: &Site) -> Option<Vec<String>> {
        Some(vec!["content".into()])
    }

    /// `{{< ref "path#a" >}}`, `{{< relref "path" >}}#a` (shortcodes are replaced before
    /// Goldmark reads the link, so they are found in the text): the path is from
    /// `content/` when it starts with `/`, else beside the page or from `content/`.
    fn fragment_references(&self, site: &Site, doc: &Document<'_>, page: &Path) -> Vec<(PathBuf, String, Span)> {
        static REF: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r##"\{\{[<%]-?\s*(?:rel)?ref\s+"([^"#]*)(?:#([^"]*))?"\s*-?[>%]\}\}(?:#([^\s)"'>\]]*))?"##)
                .unwrap_or_else(|e| unreachable!("{e}"))
        });
        let mut found = Vec::new();
        let Some(root) = site.root.as_ref() else { return found };
        let content = root.join("content");
        let Some(dir) = page.parent() else { return found };
        let body_start = doc.body_start;
        for captures in REF.captures_iter(&doc.source[body_start..]) {
            let (Some(whole), Some(path)) = (captures.get(0), captures.get(1)) else { continue };
            let Some(fragment) = captures.get(2).or_else(|| captures.get(3)) else { continue };
            if path.as_str().is_empty() || doc.in_code(body_start + whole.start()) {
                continue;
            }
            let bases = match path.as_str().strip_prefix('/') {
                Some(from_content) => vec![content.join(from_content)],
                None => vec![dir.join(path.as_str()), content.join(path.as_str())],
            };
            let Some(target) = bases.into_iter().flat_map(page_files).find(|c| c.is_file()) else { continue };
            let span = body_start + fragment.start()..body_start + fragment.end();
            found.push((target, fragment.as_str().to_string(), span));
        }
        found
    }

    fn makes_own_heading_ids(&self, site: &Site) -> bool {
        Hugo::has_render_hook(site, "heading")
    }

    fn resizes_images(&self, site: &Site) -> bool {
        Hugo::has_render_hook(site, "image")
    }

    fn drops_raw_html(&self) -> Option<DroppedHtml> {
        (!self.unsafe_html).then_some(DroppedHtml {
            why: "Hugo drops raw HTML from Markdown",
            fix: "set `markup.goldmark.renderer.unsafe = true` in the site config, or emit the JSON-LD from a template",
        })
    }

    fn has_link_render_hook(&self, site: &Site) -> bool {
        *self.link_hook.get_or_init(|| Hugo::has_render_hook(site, "link"))
    }
}

/// The files a Hugo path may name: itself, with `.md`, or its bundle's index.
fn page_files(base: PathBuf) -> Vec<PathBuf> {
    if crate::document::is_markdown_file(&base) {
        return vec![base];
    }
    let with_md = base.with_extension("md");
    vec![with_md, base.join("index.md"), base.join("_index.md")]
}

/// `build.render: never` or `headless: true`: the page is never written.
fn headless(front: Option<&FrontMatter>) -> bool {
    let Some(front) = front else { return false };
    let flag = |node: Option<&Node>| matches!(node.map(|n| &n.value), Some(NodeValue::Bool(true)));
    let never = front.get("build").or_else(|| front.get("_build")).and_then(|b| b.get("render")).is_some_and(|r| {
        matches!(&r.value, NodeValue::String(s) if s == "never") || matches!(r.value, NodeValue::Bool(false))
    });
    flag(front.get("headless")) || never
}

/// The content folders of the site's languages, from `languages` in its configuration
/// (or `config/_default/languages.*`, merged under that key).
fn content_dirs(config: &Value) -> Vec<ContentDir> {
    let default_language = get(config, "defaultcontentlanguage").and_then(|v| v.as_str()).unwrap_or("en");
    let default_in_subdir = get(config, "defaultcontentlanguageinsubdir").and_then(|v| v.as_bool()).unwrap_or(false);
    let Some(languages) = get(config, "languages").and_then(|v| v.as_object()) else { return Vec::new() };
    let own_folder = |settings: &Value| {
        get(settings, "contentdir")
            .and_then(|v| v.as_str())
            .map(|f| f.trim_start_matches("./").trim_end_matches('/').to_string())
    };
    if !languages.values().any(|settings| own_folder(settings).is_some()) {
        return Vec::new();
    }
    // Once some language has its own folder, Hugo reads only the languages' folders: one
    // without `contentDir` reads `content`, and nothing else is built.
    let mut dirs: Vec<ContentDir> = languages
        .iter()
        .map(|(code, settings)| ContentDir {
            folder: own_folder(settings).unwrap_or_else(|| "content".to_string()),
            language: code.to_ascii_lowercase(),
            in_subdir: !code.eq_ignore_ascii_case(default_language) || default_in_subdir,
        })
        .collect();
    // The default language first among equals, so it owns a shared `content`.
    dirs.sort_by_key(|dir| dir.in_subdir);
    // The longest folder first: `content/en-us` before `content/en`.
    dirs.sort_by_key(|dir| std::cmp::Reverse(dir.folder.len()));
    dirs
}

/// A key of a configuration table, as Hugo reads keys: without regard to case.
fn get<'v>(table: &'v Value, key: &str) -> Option<&'v Value> {
    table.as_object()?.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)).map(|(_, value)| value)
}

/// The site's configuration, whatever its name and format: the first root file Hugo
/// reads, else `config/_default/hugo.*` or `config.*`; then the configuration
/// directory's per-key files merged under their keys. `None` when there is none or it
/// does not parse (noted as a problem of the site, at its position).
fn read_config(root: &Path, site: &Site) -> Option<Value> {
    let in_dir = |name: &str| format!("config/_default/{name}");
    let mut config = CONFIG_NAMES
        .iter()
        .map(|name| name.to_string())
        .chain(
            ["hugo", "config"].iter().flat_map(|stem| FORMATS.iter().map(move |ext| in_dir(&format!("{stem}.{ext}")))),
        )
        .find_map(|name| {
            let path = root.join(&name);
            let text = site.read_site_file(&path, bounded::CONFIG)?;
            Some(parse_config(site, &path, &text).unwrap_or(Value::Null))
        });
    for key in CONFIG_DIR_KEYS {
        for ext in FORMATS {
            let path = root.join(in_dir(&format!("{key}.{ext}")));
            let Some(text) = site.read_site_file(&path, bounded::CONFIG) else { continue };
            let Some(value) = parse_config(site, &path, &text) else { continue };
            let table = config.get_or_insert_with(|| Value::Object(Default::default()));
            if let Some(map) = table.as_object_mut() {
                map.insert(key.to_string(), value);
            }
        }
    }
    config.filter(|value| value.is_object())
}

/// A configuration file's text as a value, by its extension; a file that does not parse
/// is noted once, at its position, and read as nothing.
fn parse_config(site: &Site, path: &Path, text: &str) -> Option<Value> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => {
            let table = parse_toml_config(site, path, text)?;
            serde_json::to_value(table).ok()
        }
        Some("json") => match serde_json::from_str::<Value>(text) {
            Ok(value) => Some(value),
            Err(error) => {
                site.note(SiteProblem {
                    path: path.to_path_buf(),
                    message: format!("invalid JSON: {error}; postlint ignores this config"),
                    position: Some((error.line(), error.column())),
                });
                None
            }
        },
        _ => {
            let parsed = crate::document::yaml::parse(text, 0);
            if let Some(error) = parsed.errors.first() {
                let at = crate::text::lines::LineIndex::new(text).position(text, error.span.start);
                site.note(SiteProblem {
                    path: path.to_path_buf(),
                    message: format!("invalid YAML: {}; postlint ignores this config", error.message),
                    position: Some((at.line, at.column)),
                });
                return None;
            }
            parsed.root.as_ref().map(yaml_value)
        }
    }
}

/// A YAML tree as a JSON value (what Hugo reads from either).
fn yaml_value(node: &Node) -> Value {
    match &node.value {
        NodeValue::Null | NodeValue::Alias => Value::Null,
        NodeValue::Bool(b) => Value::Bool(*b),
        NodeValue::Integer(i) => Value::from(*i),
        NodeValue::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        NodeValue::String(s) | NodeValue::Datetime(s) => Value::String(s.clone()),
        NodeValue::Seq(items) => Value::Array(items.iter().map(yaml_value).collect()),
        NodeValue::Map(entries) => {
            Value::Object(entries.iter().map(|entry| (entry.key.clone(), yaml_value(&entry.value))).collect())
        }
    }
}
