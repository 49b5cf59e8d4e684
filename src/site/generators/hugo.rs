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

#[derive(Debug)]
pub(in crate::site) struct Hugo {
    /// `buildDrafts`: pages with `draft: true` are built too (Hugo's default: they are not).
    build_drafts: bool,
    /// `markup.goldmark.renderer.unsafe`: raw HTML is kept.
    unsafe_html: bool,
    /// Languages with their own content folder (`languages.ko.contentDir`).
    content_dirs: Vec<ContentDir>,
    /// `contentDir` (default `content`), site-relative.
    content_root: String,
    /// The configured language codes (lower case) and the default one, for file names
    /// that say their language (`about.ja.md`).
    languages: Vec<String>,
    default_language: String,
    default_in_subdir: bool,
    /// `[permalinks]`: a pattern per section (`posts = "/:year/:month/:slug/"`).
    permalinks: Vec<(String, String)>,
    /// `uglyURLs`: everywhere, or in these sections.
    ugly_everywhere: bool,
    ugly_sections: Vec<String>,
    /// Whether URLs are lower-cased (`disablePathToLower` unset).
    path_to_lower: bool,
    /// `markup.goldmark.parser.autoHeadingIDType`.
    slugger: Slugger,
    /// `markup.goldmark.parser.autoDefinitionTermID` (off by default): definition terms
    /// take ids from the same id space as headings.
    definition_term_ids: bool,
    link_hook: OnceLock<bool>,
    /// Shortcode name → whether its template may write ids (or is not in the repository).
    shortcode_ids: std::sync::Mutex<std::collections::HashMap<String, bool>>,
}

impl Default for Hugo {
    /// Hugo's defaults: `content/`, English, lower-cased GitHub-style paths and ids.
    fn default() -> Hugo {
        Hugo {
            build_drafts: false,
            unsafe_html: false,
            content_dirs: Vec::new(),
            content_root: "content".to_string(),
            languages: Vec::new(),
            default_language: "en".to_string(),
            default_in_subdir: false,
            permalinks: Vec::new(),
            ugly_everywhere: false,
            ugly_sections: Vec::new(),
            path_to_lower: true,
            slugger: Slugger::Github,
            definition_term_ids: false,
            link_hook: OnceLock::new(),
            shortcode_ids: Default::default(),
        }
    }
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
        hugo.build_drafts = get(&config, "builddrafts").and_then(|v| v.as_bool()).unwrap_or(false);
        let text = |key: &str| get(&config, key).and_then(|v| v.as_str()).map(str::to_string);
        hugo.content_root = text("contentdir")
            .map(|dir| dir.trim_start_matches("./").trim_end_matches('/').to_string())
            .filter(|dir| !dir.is_empty() && !dir.starts_with('/') && !dir.split('/').any(|p| p == ".."))
            .unwrap_or_else(|| "content".to_string());
        hugo.default_language = text("defaultcontentlanguage").unwrap_or_else(|| "en".to_string()).to_ascii_lowercase();
        hugo.default_in_subdir =
            get(&config, "defaultcontentlanguageinsubdir").and_then(|v| v.as_bool()).unwrap_or(false);
        hugo.languages = get(&config, "languages")
            .and_then(|v| v.as_object())
            .map(|languages| languages.keys().map(|code| code.to_ascii_lowercase()).collect())
            .unwrap_or_default();
        hugo.permalinks = permalinks(&config);
        match get(&config, "uglyurls") {
            Some(Value::Bool(all)) => hugo.ugly_everywhere = *all,
            Some(Value::Object(sections)) => {
                hugo.ugly_sections =
                    sections.iter().filter(|(_, on)| on.as_bool() == Some(true)).map(|(s, _)| s.clone()).collect()
            }
            _ => {}
        }
        hugo.path_to_lower = !get(&config, "disablepathtolower").and_then(|v| v.as_bool()).unwrap_or(false);
        hugo.slugger = match ["markup", "goldmark", "parser", "autoheadingidtype"]
            .iter()
            .try_fold(&config, |value, key| get(value, key))
            .and_then(|v| v.as_str())
        {
            Some("blackfriday") => Slugger::Blackfriday,
            Some("github-ascii") => Slugger::GithubAscii,
            _ => Slugger::Github,
        };
        hugo.definition_term_ids = ["markup", "goldmark", "parser", "autodefinitiontermid"]
            .iter()
            .try_fold(&config, |value, key| get(value, key))
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        hugo
    }

    /// The language a file's name gives it (`about.ja.md`), when it is a configured one
    /// (or the default), and the name without it.
    fn name_language<'a>(&self, name: &'a str) -> (Option<&'a str>, String) {
        let Some((rest, ext)) = name.rsplit_once('.') else { return (None, name.to_string()) };
        let Some((stem, code)) = rest.rsplit_once('.') else { return (None, name.to_string()) };
        let code_lower = code.to_ascii_lowercase();
        if self.languages.contains(&code_lower) || code_lower == self.default_language {
            (Some(code), format!("{stem}.{ext}"))
        } else {
            (None, name.to_string())
        }
    }

    /// Whether the section's pages are written as `name.html` (`uglyURLs`).
    fn ugly(&self, section: &str) -> bool {
        self.ugly_everywhere || self.ugly_sections.iter().any(|s| s.eq_ignore_ascii_case(section))
    }

    /// The permalink pattern of a section, when the configuration gives one.
    fn permalink(&self, section: &str) -> Option<&str> {
        self.permalinks.iter().find(|(name, _)| name.eq_ignore_ascii_case(section)).map(|(_, p)| p.as_str())
    }

    /// Whether the shortcode `name`'s template (the site's or its theme's) may write an id
    /// into the page; one not in the repository (a module) may.
    fn shortcode_writes_ids(&self, site: &Site, name: &str) -> bool {
        if let Some(&known) = self.shortcode_ids.lock().ok().and_then(|cache| cache.get(name).copied()).as_ref() {
            return known;
        }
        let Some(root) = site.root.as_ref() else { return false };
        let mut templates: Vec<std::path::PathBuf> =
            vec![root.join("layouts/shortcodes"), root.join("layouts/_shortcodes")];
        if let Ok(themes) = crate::bounded::list_dir(&root.join("themes"), site.read_roots()) {
            for theme in themes.flatten() {
                templates.push(theme.path().join("layouts/shortcodes"));
                templates.push(theme.path().join("layouts/_shortcodes"));
            }
        }
        let found = templates
            .iter()
            .flat_map(|dir| ["html", "md"].map(|ext| dir.join(format!("{name}.{ext}"))))
            .find_map(|path| site.read_site_file(&path, bounded::TEMPLATE));
        // Hugo's own shortcodes write no ids (figure, highlight, ref, relref …).
        const BUILT_IN: &[&str] = &[
            "figure",
            "gist",
            "highlight",
            "instagram",
            "param",
            "ref",
            "relref",
            "tweet",
            "vimeo",
            "youtube",
            "x",
            "qr",
            "details",
            // The code-sample ones postlint reads as code write none either.
            "code",
            "code-toggle",
            "codeblock",
            "chroma",
            "syntax",
        ];
        let writes = match found {
            Some(text) => text.contains("id=") || text.contains(" id ") || text.contains(".Get \"id\""),
            None => !BUILT_IN.contains(&name),
        };
        if let Ok(mut cache) = self.shortcode_ids.lock() {
            cache.insert(name.to_string(), writes);
        }
        writes
    }

    /// The language whose content folder holds `relative`, and the rest of the path.
    fn content_dir<'a>(&self, relative: &'a str) -> Option<(&ContentDir, &'a str)> {
        self.content_dirs.iter().find_map(|dir| {
            let rest = relative.strip_prefix(dir.folder.as_str())?.strip_prefix('/')?;
            Some((dir, rest))
        })
    }

    /// Whether the site or one of its themes has a render hook for `what` (`link`,
    /// `image`, `heading`).
    fn has_render_hook(site: &Site, what: &str) -> bool {
        let Some(root) = site.root.as_ref() else { return false };
        let mut bases = vec![root.clone()];
        if let Ok(themes) = crate::bounded::list_dir(&root.join("themes"), site.read_roots()) {
            bases.extend(themes.flatten().map(|theme| theme.path()));
        }
        bases.iter().any(|base| {
            [format!("layouts/_markup/render-{what}.html"), format!("layouts/_default/_markup/render-{what}.html")]
                .iter()
                .any(|hook| base.join(hook).is_file())
        })
    }
}

impl Adapter for Hugo {
    fn models_page_folders(&self) -> bool {
        true
    }

    fn generator(&self) -> Generator {
        Generator::Hugo
    }

    /// Hugo's `markdown` content format: `.md`, `.mdown`, `.markdown`
    /// (<https://gohugo.io/content-management/formats/>).
    fn markdown_extensions(&self) -> Vec<String> {
        ["md", "mdown", "markdown"].iter().map(|ext| ext.to_string()).collect()
    }

    fn conventions(&self) -> Conventions {
        Conventions {
            slugger: self.slugger,
            fragments: FragmentMatch::Exact,
            relative_refs: RelativeRefs::PageUrl,
            extensionless_links_are_urls: true,
            kramdown: false,
            definition_term_ids: self.definition_term_ids,
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
            relative.strip_prefix(self.content_root.as_str()).and_then(|rest| rest.strip_prefix('/'))
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
        // A draft is not built (`hugo` without `--buildDrafts`): the walk leaves it out,
        // and a file named on the command line or open in an editor is still linted.
        if headless(front) || (!self.build_drafts && is_draft(front)) {
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
        let (mut prefix, under) = match self.content_dir(relative) {
            Some((dir, rest)) if dir.in_subdir => (format!("/{}", dir.language), rest),
            Some((_, rest)) => (String::new(), rest),
            None => (String::new(), relative.strip_prefix(self.content_root.as_str())?.strip_prefix('/')?),
        };
        // A file named for its language (`about.ja.md`) is that language's page.
        let (folder, name) = under.rsplit_once('/').map_or(("", under), |(folder, name)| (folder, name));
        let (language, name) = self.name_language(name);
        if let Some(code) = language
            && (!code.eq_ignore_ascii_case(&self.default_language) || self.default_in_subdir)
            && prefix.is_empty()
        {
            prefix = format!("/{}", code.to_ascii_lowercase());
        }
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let lower = |path: String| if self.path_to_lower { path.to_lowercase() } else { path };
        // `url:` in the front matter is the page's URL.
        if let Some(url) = get("url").and_then(Node::as_str) {
            let url = if url.starts_with('/') { url.to_string() } else { format!("/{url}") };
            return Some(lower(url));
        }
        let segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
        let list = stem == "_index";
        let bundle = stem == "index";
        // A bundle is named by its folder; its section is the first folder.
        let (dirs, file_name) = if bundle || list {
            match segments.split_last() {
                Some((last, rest)) => (rest.to_vec(), last.to_string()),
                None => (Vec::new(), String::new()),
            }
        } else {
            (segments.clone(), stem.to_string())
        };
        // A leaf bundle right under the content folder is a page of the home section.
        let section = if bundle && segments.len() == 1 { "" } else { segments.first().copied().unwrap_or("") };
        let slug = get("slug").and_then(Node::as_str).map(str::to_string);
        if !list
            && !section.is_empty()
            && let Some(pattern) = self.permalink(section)
        {
            {
                let title = get("title").and_then(Node::scalar_text).unwrap_or_default();
                let date = ["date", "publishDate"].iter().find_map(|key| {
                    get(key).and_then(Node::as_str).and_then(|d| crate::text::dates::parse_datetime(d).ok())
                });
                let url = expand_permalink(
                    pattern,
                    PermalinkParts {
                        date: date.map(|d| d.date),
                        section,
                        sections: &dirs,
                        title: &title,
                        slug: slug.as_deref(),
                        file_name: &file_name,
                    },
                )?;
                // `uglyURLs` makes the pattern's last folder a file.
                let url = match url.strip_suffix('/') {
                    Some(stem) if self.ugly(section) && !stem.is_empty() => format!("{stem}.html"),
                    _ => url,
                };
                return Some(lower(format!("{prefix}{url}")));
            }
        }
        let last = if list { file_name.clone() } else { slug.clone().unwrap_or_else(|| file_name.clone()) };
        let mut parts: Vec<String> = dirs.iter().map(|d| d.to_string()).collect();
        if !last.is_empty() {
            parts.push(last);
        }
        let path = parts.join("/");
        let url = if path.is_empty() {
            format!("{prefix}/")
        } else if !list && self.ugly(section) {
            format!("{prefix}/{path}.html")
        } else {
            format!("{prefix}/{path}/")
        };
        Some(lower(url.replace("//", "/")))
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
        Some(vec![self.content_root.clone()])
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

    /// A shortcode whose template writes ids (`{{% def id="x" %}}`), or one whose template
    /// is not in the repository, may give the page anchors its Markdown does not show.
    fn anchors_unknown_in(&self, site: &Site, doc: &Document<'_>) -> bool {
        let body = &doc.source[doc.body_start..];
        let mut names: Vec<&str> = Vec::new();
        for (at, _) in body.match_indices("{{") {
            let rest = &body[at + 2..];
            let Some(inner) = rest.strip_prefix('<').or_else(|| rest.strip_prefix('%')) else { continue };
            let inner = inner.trim_start_matches('-').trim_start();
            if inner.starts_with('/') || doc.in_code(doc.body_start + at) {
                continue;
            }
            let name = inner.split(|c: char| c.is_whitespace() || c == '>' || c == '%').next().unwrap_or("");
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
        names.into_iter().any(|name| self.shortcode_writes_ids(site, name))
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

/// `[permalinks]`: `section = "pattern"`, and Hugo ≥ 0.144's `[permalinks.page]` table.
fn permalinks(config: &Value) -> Vec<(String, String)> {
    let Some(table) = get(config, "permalinks").and_then(|v| v.as_object()) else { return Vec::new() };
    let mut found: Vec<(String, String)> = Vec::new();
    for (key, value) in table {
        match value {
            Value::String(pattern) => found.push((key.clone(), pattern.clone())),
            Value::Object(kinds) if key.eq_ignore_ascii_case("page") => {
                for (section, pattern) in kinds {
                    if let Some(pattern) = pattern.as_str() {
                        // The page kind's pattern wins over the old form's.
                        found.retain(|(name, _)| !name.eq_ignore_ascii_case(section));
                        found.insert(0, (section.clone(), pattern.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

/// What a permalink pattern is filled from.
struct PermalinkParts<'a> {
    date: Option<crate::text::dates::Date>,
    section: &'a str,
    sections: &'a [&'a str],
    title: &'a str,
    slug: Option<&'a str>,
    file_name: &'a str,
}

/// A Hugo permalink pattern filled in (<https://gohugo.io/content-management/urls/#tokens>);
/// `None` when it needs a date the page does not have, or a token postlint does not know.
fn expand_permalink(pattern: &str, parts: PermalinkParts<'_>) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let title = urlize(parts.title);
    let slug = parts.slug.map(urlize);
    let mut url = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        url.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let length = after.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
        let date = || parts.date;
        match &after[..length] {
            "year" => url.push_str(&format!("{:04}", date()?.year)),
            "month" => url.push_str(&format!("{:02}", date()?.month)),
            "monthname" => url.push_str(&MONTHS[usize::try_from(date()?.month).ok()?.checked_sub(1)?].to_lowercase()),
            "day" => url.push_str(&format!("{:02}", date()?.day)),
            "section" => url.push_str(parts.section),
            "sections" => url.push_str(&parts.sections.join("/")),
            "title" => url.push_str(&title),
            "slug" => url.push_str(slug.as_deref().unwrap_or(&title)),
            "filename" | "contentbasename" => url.push_str(parts.file_name),
            "slugorfilename" | "slugorcontentbasename" => url.push_str(slug.as_deref().unwrap_or(parts.file_name)),
            "contentbasenameorslug" => {
                url.push_str(if parts.file_name.is_empty() { slug.as_deref()? } else { parts.file_name })
            }
            _ => return None,
        }
        rest = &after[length..];
    }
    url.push_str(rest);
    let url = if url.starts_with('/') { url } else { format!("/{url}") };
    Some(url.replace("//", "/"))
}

/// Hugo's `urlize` of a title or slug for a URL: spaces as `-`, letters, digits and
/// `._-~+#` kept, the rest dropped.
fn urlize(text: &str) -> String {
    text.trim()
        .chars()
        .filter_map(|c| match c {
            c if c.is_whitespace() => Some('-'),
            c if c.is_alphanumeric() || "._-~+#/".contains(c) => Some(c),
            _ => None,
        })
        .collect()
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
/// `draft: true` (Hugo reads front matter keys case-insensitively).
fn is_draft(front: Option<&FrontMatter>) -> bool {
    front
        .and_then(|f| f.get("draft").or_else(|| f.get("Draft")))
        .is_some_and(|d| matches!(d.value, NodeValue::Bool(true)))
}

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
    // `languages.ja.toml` holds one language's settings (`languages.ja`).
    if let Ok(entries) = crate::bounded::list_dir(&root.join("config/_default"), site.read_roots()) {
        let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        for name in names {
            let mut parts = name.splitn(3, '.');
            let (Some("languages"), Some(code), Some(ext)) = (parts.next(), parts.next(), parts.next()) else {
                continue;
            };
            if !FORMATS.contains(&ext) {
                continue;
            }
            let path = root.join("config/_default").join(&name);
            let Some(text) = site.read_site_file(&path, bounded::CONFIG) else { continue };
            let Some(value) = parse_config(site, &path, &text) else { continue };
            let table = config.get_or_insert_with(|| Value::Object(Default::default()));
            if let Some(map) = table.as_object_mut() {
                let languages = map.entry("languages".to_string()).or_insert_with(|| Value::Object(Default::default()));
                if let Some(languages) = languages.as_object_mut() {
                    languages.insert(code.to_string(), value);
                }
            }
        }
    }
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
