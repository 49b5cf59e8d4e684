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
use crate::document::tree::{Node, Value};
use crate::site::pages::{self, PageKind};
use crate::site::{Site, parse_toml_config};
use crate::text::lines::Span;
use crate::text::slug::Slugger;

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

/// Whether `dir` keeps its configuration in `config/_default/` beside `content/`.
pub(super) fn is_config_dir(dir: &Path) -> bool {
    dir.join("config").join("_default").is_dir() && dir.join("content").is_dir()
}

impl Hugo {
    pub(super) fn configure(root: &Path, site: &mut Site) -> Hugo {
        let mut hugo = Hugo::default();
        let found = ["hugo.toml", "config.toml", "config/_default/hugo.toml", "config/_default/config.toml"]
            .iter()
            .map(|name| root.join(name))
            .find_map(|path| Some((site.read_site_file(&path, bounded::CONFIG)?, path)));
        let Some((text, path)) = found else { return hugo };
        let Some(config) = parse_toml_config(site, &path, &text) else { return hugo };
        // Hugo's configuration keys are case-insensitive: `baseURL`, `baseurl`, `baseUrl`.
        let base_url = config.iter().find(|(key, _)| key.eq_ignore_ascii_case("baseurl")).and_then(|(_, v)| v.as_str());
        site.baseurl = base_url.unwrap_or("").trim_end_matches('/').to_string();
        site.lang = config.get("languageCode").and_then(|v| v.as_str()).map(str::to_string);
        hugo.unsafe_html = config
            .get("markup")
            .and_then(|m| m.get("goldmark"))
            .and_then(|g| g.get("renderer"))
            .and_then(|r| r.get("unsafe"))
            .and_then(|u| u.as_bool())
            .unwrap_or(false);
        hugo.content_dirs = content_dirs(root, site, &config);
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
    let flag = |node: Option<&Node>| matches!(node.map(|n| &n.value), Some(Value::Bool(true)));
    let never =
        front.get("build").or_else(|| front.get("_build")).and_then(|b| b.get("render")).is_some_and(|r| {
            matches!(&r.value, Value::String(s) if s == "never") || matches!(r.value, Value::Bool(false))
        });
    flag(front.get("headless")) || never
}

/// The content folders of the site's languages, from `languages` in its config or
/// `config/_default/languages.toml`.
fn content_dirs(root: &Path, site: &Site, config: &toml::Table) -> Vec<ContentDir> {
    let default_language = config.get("defaultContentLanguage").and_then(|v| v.as_str()).unwrap_or("en");
    let default_in_subdir = config.get("defaultContentLanguageInSubdir").and_then(|v| v.as_bool()).unwrap_or(false);
    let separate = root.join("config/_default/languages.toml");
    let separate =
        site.read_site_file(&separate, bounded::CONFIG).and_then(|text| parse_toml_config(site, &separate, &text));
    let languages = config.get("languages").and_then(|v| v.as_table()).or(separate.as_ref());
    let Some(languages) = languages else { return Vec::new() };
    fn own_folder(settings: &toml::Value) -> Option<&str> {
        settings.get("contentDir").and_then(|v| v.as_str()).map(|f| f.trim_start_matches("./").trim_end_matches('/'))
    }
    if !languages.values().any(|settings| own_folder(settings).is_some()) {
        return Vec::new();
    }
    // Once some language has its own folder, Hugo reads only the languages' folders: one
    // without `contentDir` reads `content`, and nothing else is built.
    let mut dirs: Vec<ContentDir> = languages
        .iter()
        .map(|(code, settings)| ContentDir {
            folder: own_folder(settings).unwrap_or("content").to_string(),
            language: code.to_ascii_lowercase(),
            in_subdir: code != default_language || default_in_subdir,
        })
        .collect();
    // The default language first among equals, so it owns a shared `content`.
    dirs.sort_by_key(|dir| dir.in_subdir);
    // The longest folder first: `content/en-us` before `content/en`.
    dirs.sort_by_key(|dir| std::cmp::Reverse(dir.folder.len()));
    dirs
}
