//! Eleventy, as its documentation describes it: <https://www.11ty.dev/docs/config/>
//! (the input folder: `dir.input`, `setInputDirectory`, `--input`; `dir.includes`,
//! `dir.layouts`, `dir.data`), <https://www.11ty.dev/docs/ignores/> (`.eleventyignore`),
//! <https://www.11ty.dev/docs/permalinks/> (the default output: the input-relative path,
//! `index` and a file named as its folder are the folder's URL; `permalink:` with template
//! syntax; `permalink: false` writes no file), <https://www.11ty.dev/docs/data-cascade/>
//! (computed data, front matter, template data files, directory data files and their
//! parents, layout front matter, global data — in that order),
//! <https://www.11ty.dev/docs/data-template-dir/> (`name.11tydata.json`, `name.json`,
//! `folder/folder.json`), <https://www.11ty.dev/docs/data-eleventy-supplied/> (`page.fileSlug`
//! and `page.filePathStem`, a `YYYY-MM-DD-` prefix dropped),
//! <https://www.11ty.dev/docs/filters/slugify/>, <https://www.11ty.dev/docs/copy/>
//! (passthrough copy of asset folders) and <https://www.11ty.dev/docs/plugins/image/>
//! (eleventy-img).
//!
//! The config is JavaScript that a pull request controls: it is never run, only read for
//! literal values. A computed value (`input: dir`, a template string with `${…}`) leaves
//! what depends on it unknown, and so does anything the cascade takes from JavaScript
//! (`.11tydata.js` files, `eleventyComputed`): then the page has no URL in the model and
//! the rules that need one stay silent.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value as Json;

use super::{Adapter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::bounded;
use crate::document::Document;
use crate::document::front_matter::FrontMatter;
use crate::document::tree::{Node, Value};
use crate::site::pages::{self, PageKind};
use crate::site::{Site, ignore_globs};
use crate::text::slug::{Slugger, eleventy_slug, eleventy_slugify};

pub(super) const CONFIGS: &[&str] =
    &[".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"];

/// A folder the config names: not named (the default), a literal, or computed (unknown).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
enum Folder {
    #[default]
    Default,
    Literal(String),
    Computed,
}

impl Folder {
    /// The folder, with `default` when the config does not name one; `None` when computed.
    fn or(&self, default: &str) -> Option<String> {
        match self {
            Folder::Default => Some(default.to_string()),
            Folder::Literal(folder) => Some(folder.clone()),
            Folder::Computed => None,
        }
    }
}

#[derive(Debug, Default)]
pub(in crate::site) struct Eleventy {
    /// The input folder, site-relative, `""` for the root: nothing outside it is built.
    /// The root when the config computes it (`input_known` is then false).
    input: String,
    /// Whether `input` is what the config says (a literal or the default).
    input_known: bool,
    /// `dir.includes`, `dir.layouts` and `dir.data`, relative to the input folder.
    includes: Folder,
    layouts: Folder,
    data: Folder,
    /// What in the config may decide URLs the model cannot follow (it sets `permalink`,
    /// computed data, a URL transform, other data file names), when something does.
    urls_decided_by: Option<&'static str>,
    /// `.eleventyignore` entries, which Eleventy never builds, as written and as globs.
    ignore_patterns: Vec<String>,
    ignore: Option<globset::GlobSet>,
    resizes_images: OnceLock<bool>,
    /// Data files read, by site-relative path.
    data_files: Mutex<HashMap<String, Arc<DataFile>>>,
    /// Layouts' front matter, by the name pages give (`None`: not found, or JavaScript).
    layout_data: Mutex<HashMap<String, Option<Arc<Json>>>>,
    /// Size and time of every file the cascade may read (data files, layouts): the
    /// cached index is stale when one changes.
    cascade_stamp: String,
}

/// One data file of the cascade, as read.
#[derive(Debug)]
enum DataFile {
    Missing,
    Json(Json),
    /// A JavaScript data file (or one that does not parse): its text, to see what it may set.
    Script(String),
}

/// What the data cascade gives a key.
#[derive(Debug, Clone, PartialEq)]
enum Cascaded {
    Missing,
    Value(Json),
    /// Something the model cannot read may set it.
    Unknown,
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
        let config = CONFIGS.iter().find_map(|name| site.read_site_file(&root.join(name), bounded::CONFIG));
        let config = config.unwrap_or_default();
        let script_input =
            site.read_site_file(&root.join("package.json"), bounded::CONFIG).and_then(|text| cli_input(&text));
        let input = script_input.unwrap_or_else(|| config_folder(&config, "input", "setInputDirectory"));
        let (input, input_known) = match input.or("") {
            Some(folder) => (clean_folder(&folder), true),
            None => (String::new(), false),
        };
        let cascade_stamp = cascade_stamp(&root.join(&input));
        Eleventy {
            input,
            input_known,
            cascade_stamp,
            includes: config_folder(&config, "includes", "setIncludesDirectory"),
            layouts: config_folder(&config, "layouts", "setLayoutsDirectory"),
            data: config_folder(&config, "data", "setDataDirectory"),
            urls_decided_by: urls_decided_by(&config),
            ignore_patterns,
            ignore,
            ..Eleventy::default()
        }
    }

    /// The path inside the input folder, when the file is in it.
    fn under_input<'r>(&self, relative: &'r str) -> Option<&'r str> {
        if self.input.is_empty() {
            return Some(relative);
        }
        relative.strip_prefix(self.input.as_str())?.strip_prefix('/')
    }

    /// A site-relative path for an input-relative one.
    fn in_input(&self, under: &str) -> String {
        if self.input.is_empty() { under.to_string() } else { format!("{}/{under}", self.input) }
    }

    fn data_file(&self, site: &Site, relative: &str) -> Arc<DataFile> {
        if let Ok(files) = self.data_files.lock()
            && let Some(file) = files.get(relative)
        {
            return Arc::clone(file);
        }
        let read = site.root.as_ref().and_then(|root| site.read_site_file(&root.join(relative), bounded::CONFIG));
        let file = Arc::new(match read {
            None => DataFile::Missing,
            Some(text) if relative.ends_with(".json") => match serde_json::from_str::<Json>(&text) {
                Ok(value) => DataFile::Json(value),
                Err(_) => DataFile::Script(text),
            },
            Some(text) => DataFile::Script(text),
        });
        if let Ok(mut files) = self.data_files.lock() {
            files.insert(relative.to_string(), Arc::clone(&file));
        }
        file
    }

    /// The data files of the page at `under` (input-relative), the most specific first:
    /// its template data files, then each folder's directory data files up to the input
    /// folder's own, each level's JavaScript file before its JSON ones.
    fn data_file_paths(&self, under: &str) -> Vec<String> {
        let (dir, file) = under.rsplit_once('/').unwrap_or(("", under));
        let mut levels = vec![join(dir, template_stem(file))];
        let mut folder = dir;
        while !folder.is_empty() {
            let last = folder.rsplit('/').next().unwrap_or(folder);
            levels.push(join(folder, last));
            folder = folder.rsplit_once('/').map_or("", |(parent, _)| parent);
        }
        let mut paths: Vec<String> = levels
            .iter()
            .flat_map(|level| {
                let level = self.in_input(level);
                ["11tydata.js", "11tydata.cjs", "11tydata.mjs", "11tydata.json", "json"]
                    .map(|suffix| format!("{level}.{suffix}"))
            })
            .collect();
        // The input folder's own directory data file (`src/src.json`).
        if let Some(last) = self.input.rsplit('/').next().filter(|last| !last.is_empty()) {
            paths.extend(
                ["11tydata.js", "11tydata.cjs", "11tydata.mjs", "11tydata.json", "json"]
                    .map(|suffix| format!("{}/{last}.{suffix}", self.input)),
            );
        }
        paths
    }

    /// What the data cascade gives `key` for the page at `under` (input-relative).
    fn cascade(&self, site: &Site, under: &str, front: Option<&FrontMatter>, key: &str) -> Cascaded {
        let mut found = Cascaded::Missing;
        let take = |value: Option<Json>, found: &mut Cascaded| {
            if let (Cascaded::Missing, Some(value)) = (&*found, value) {
                *found = Cascaded::Value(value);
            }
        };
        if let Some(front) = front {
            if front.get("eleventyComputed").is_some() {
                return Cascaded::Unknown;
            }
            take(front.get(key).map(to_json), &mut found);
        }
        let mut layout = None;
        for path in self.data_file_paths(under) {
            match &*self.data_file(site, &path) {
                DataFile::Missing => {}
                DataFile::Json(value) => {
                    if value.get("eleventyComputed").is_some() {
                        return Cascaded::Unknown;
                    }
                    take(value.get(key).cloned(), &mut found);
                    if layout.is_none() {
                        layout = value.get("layout").cloned();
                    }
                }
                DataFile::Script(text) => {
                    if script_computes(text)
                        || (found == Cascaded::Missing && text.contains(key))
                        || (layout.is_none() && text.contains("layout"))
                    {
                        return Cascaded::Unknown;
                    }
                }
            }
        }
        // The layout chain's front matter, below the data files.
        let layout = match front.and_then(|f| f.get("layout")) {
            Some(node) => Some(to_json(node)),
            None => layout,
        };
        let mut layout = layout.filter(|l| !matches!(l, Json::Bool(false) | Json::Null));
        for _ in 0..8 {
            let Some(name) = layout.take() else { break };
            let Some(layout_front) = name.as_str().and_then(|name| self.layout_front(site, name)) else {
                return Cascaded::Unknown;
            };
            if layout_front.get("eleventyComputed").is_some() {
                return Cascaded::Unknown;
            }
            take(layout_front.get(key).cloned(), &mut found);
            layout = layout_front.get("layout").cloned().filter(|l| !matches!(l, Json::Bool(false) | Json::Null));
        }
        // Global data: a `_data/permalink.json` is the `permalink` of every page.
        if self.global_data_has(site, "eleventyComputed")
            || (found == Cascaded::Missing && self.global_data_has(site, key))
        {
            return Cascaded::Unknown;
        }
        found
    }

    /// The front matter of the layout `name` (`Null` when it has none), cached.
    fn layout_front(&self, site: &Site, name: &str) -> Option<Arc<Json>> {
        if let Ok(layouts) = self.layout_data.lock()
            && let Some(front) = layouts.get(name)
        {
            return front.clone();
        }
        let front = self.layout_text(site, name).map(|text| {
            let (front, _) = crate::document::front_matter::split(&text);
            Arc::new(front.and_then(|f| f.root.as_ref().map(to_json)).unwrap_or(Json::Null))
        });
        if let Ok(mut layouts) = self.layout_data.lock() {
            layouts.insert(name.to_string(), front.clone());
        }
        front
    }

    /// The text of the layout `name`, looked for in the layouts folder (else the includes
    /// folder) as written or with a template extension; `None` when it cannot be found or
    /// is JavaScript.
    fn layout_text(&self, site: &Site, name: &str) -> Option<String> {
        if name.contains("{{") || name.contains("{%") || name.split('/').any(|part| part == "..") {
            return None;
        }
        let folder = match &self.layouts {
            Folder::Default => self.includes.or("_includes")?,
            other => other.or("")?,
        };
        let base = self.in_input(&join(&clean_folder(&folder), name));
        let root = site.root.as_ref()?;
        let candidates = std::iter::once(base.clone()).chain(
            ["njk", "liquid", "html", "md", "hbs", "mustache", "ejs", "haml", "pug", "webc"]
                .iter()
                .map(|ext| format!("{base}.{ext}")),
        );
        let found = candidates.into_iter().find(|path| !path.ends_with(".js") && root.join(path).is_file())?;
        site.read_site_file(&root.join(found), bounded::TEMPLATE)
    }

    /// Whether the global data folder has a file named `key` (its data is that key's).
    fn global_data_has(&self, site: &Site, key: &str) -> bool {
        let Some(root) = site.root.as_ref() else { return true };
        let Some(folder) = self.data.or("_data") else { return true };
        let folder = root.join(self.in_input(&clean_folder(&folder)));
        ["json", "js", "cjs", "mjs"].iter().any(|ext| folder.join(format!("{key}.{ext}")).exists())
    }

    /// The URL Eleventy writes the page at `under` (input-relative) to, when the model
    /// can follow how it is made.
    fn page_url(&self, site: &Site, under: &str, front: Option<&FrontMatter>) -> Option<String> {
        if self.cascade(site, under, front, "pagination") != Cascaded::Missing
            || self.cascade(site, under, front, "dynamicPermalink") != Cascaded::Missing
            || self.cascade(site, under, front, "permalinkBypassOutputDir") != Cascaded::Missing
        {
            return None;
        }
        let template = match self.cascade(site, under, front, "permalink") {
            Cascaded::Missing => return Some(default_url(under)),
            Cascaded::Unknown => return None,
            Cascaded::Value(Json::String(template)) => template,
            Cascaded::Value(Json::Object(modes)) => modes.get("build")?.as_str()?.to_string(),
            Cascaded::Value(_) => return None,
        };
        let title = || match self.cascade(site, under, front, "title") {
            Cascaded::Value(Json::String(title)) if !title.contains("{{") && !title.contains("{%") => Some(title),
            _ => None,
        };
        permalink_url(&render(&template, under, title)?)
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

    /// The settings, and the data files and layouts URLs and kinds are read from.
    fn cache_facts(&self) -> String {
        format!("{:?} {}", self.settings(), self.cascade_stamp)
    }

    fn settings(&self) -> Vec<(&'static str, serde_json::Value)> {
        let folder = |folder: &Folder| match folder {
            Folder::Default => Json::Null,
            Folder::Literal(folder) => Json::String(folder.clone()),
            Folder::Computed => Json::String("(computed)".into()),
        };
        vec![
            ("input", if self.input_known { serde_json::json!(self.input) } else { serde_json::json!("(computed)") }),
            ("includes", folder(&self.includes)),
            ("layouts", folder(&self.layouts)),
            ("data", folder(&self.data)),
            ("urls_decided_by", serde_json::json!(self.urls_decided_by)),
            ("ignore", serde_json::json!(self.ignore_patterns)),
        ]
    }

    fn kind_of(&self, site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        if let Some(kind) = pages::unbuilt_anywhere(relative, front) {
            return kind;
        }
        // `permalink: false` from a data file writes no file either.
        if let Some(under) = self.under_input(relative)
            && self.cascade(site, under, front, "permalink") == Cascaded::Value(Json::Bool(false))
        {
            return PageKind::Unbuilt;
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

    /// The URL of the page's permalink as the cascade gives it, or the default one.
    fn url_of(&self, site: &Site, relative: &str, front: Option<&FrontMatter>, _is_post: bool) -> Option<String> {
        if !self.input_known || self.urls_decided_by.is_some() {
            return None;
        }
        self.page_url(site, self.under_input(relative)?, front)
    }

    /// `permalink` is a template whatever it holds: the adapter renders it.
    fn reads_own_permalinks(&self) -> bool {
        true
    }

    fn markup(&self) -> crate::document::mask::Markup {
        super::gray_matter_markup()
    }

    /// Every template in the input folder is built, with front matter or without.
    fn builds_without_front_matter(&self) -> bool {
        true
    }

    /// `date: Last Modified`, `Created`, `git Last Modified`, `git Created`: the file's
    /// dates (<https://www.11ty.dev/docs/dates/#dates-off-the-shelf>).
    fn computes_date(&self, key: &str, value: &str) -> bool {
        key == "date" && matches!(value.trim(), "Last Modified" | "Created" | "git Last Modified" | "git Created")
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

/// A fingerprint of the sizes and times of the files under the input folder that the
/// cascade may read: JSON and JavaScript data files and templates (layouts). Markdown
/// pages are stamped by the index itself.
fn cascade_stamp(input: &Path) -> String {
    let walk = ignore::WalkBuilder::new(input)
        .standard_filters(false)
        .hidden(true)
        .max_depth(Some(32))
        .filter_entry(|entry| !matches!(entry.file_name().to_str(), Some("node_modules" | "_site" | ".git")))
        .build();
    let mut stamps: Vec<String> = walk
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy();
            let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
            !matches!(extension, "md" | "markdown" | "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" | "css")
        })
        .filter_map(|entry| {
            let meta = entry.metadata().ok()?;
            let mtime = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
            Some(format!("{} {} {mtime}", entry.path().display(), meta.len()))
        })
        .collect();
    stamps.sort();
    let parts: Vec<&str> = stamps.iter().map(String::as_str).collect();
    crate::text::hash::fingerprint(&parts)
}

/// The input folder a build script gives (`eleventy --input=src`).
fn cli_input(package: &str) -> Option<Folder> {
    static INPUT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"--input[= ]([^\s"'&;|]+)"#).unwrap_or_else(|e| unreachable!("{e}"))
    });
    let folder = INPUT.captures(package)?[1].to_string();
    Some(if folder.contains('$') { Folder::Computed } else { Folder::Literal(folder) })
}

/// A folder the config names as `key: "…"` (in `dir: {…}`) or with `setter("…")`: the
/// literal, `Computed` when it is an expression, `Default` when it is not named.
fn config_folder(config: &str, key: &str, setter: &str) -> Folder {
    let named = regex::Regex::new(&format!(r"\b{key}\s*:\s*|\b{setter}\s*\(\s*"));
    let Ok(named) = named else { return Folder::Computed };
    let Some(at) = named.find(config) else { return Folder::Default };
    let value = &config[at.end()..];
    let Some(quote) = value.chars().next().filter(|c| "'\"`".contains(*c)) else { return Folder::Computed };
    let inner = &value[1..];
    let Some(end) = inner.find(quote) else { return Folder::Computed };
    let folder = &inner[..end];
    if folder.contains("${") || folder.contains('\\') { Folder::Computed } else { Folder::Literal(folder.to_string()) }
}

/// `./src/` → `src`; `.` → `` (the root).
fn clean_folder(folder: &str) -> String {
    let folder = folder.trim().trim_start_matches("./").trim_end_matches('/');
    if folder == "." { String::new() } else { folder.to_string() }
}

/// What in the config decides URLs beyond what the model reads: it sets `permalink`
/// (global data, a compile option, `dynamicPermalinks`), computed data, a URL transform,
/// or data files of other names or formats.
/// (markdown-it-anchor's own `permalink` option, common in configs, is not one of them.)
fn urls_decided_by(config: &str) -> Option<&'static str> {
    static GLOBAL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        // A global `permalink`, or global data under a name the model cannot read.
        regex::Regex::new(r#"addGlobalData\s*\(\s*(?:["'`](?:permalink|eleventyComputed)\b|[^"'`\s])"#)
            .unwrap_or_else(|e| unreachable!("{e}"))
    });
    if GLOBAL.is_match(config) {
        return Some("the config sets global data that may be a permalink");
    }
    if config.contains("compileOptions") && config.contains("permalink") {
        return Some("a template language compiles permalinks its own way");
    }
    [
        ("dynamicPermalinks", "the config changes how permalinks are read"),
        ("eleventyComputed", "the config adds computed data"),
        ("addUrlTransform", "a URL transform"),
        ("DataFileSuffixes", "other data file names"),
        ("dataFileSuffixes", "other data file names"),
        ("addDataExtension", "other data file formats"),
    ]
    .iter()
    .find(|(word, _)| config.contains(word))
    .map(|(_, why)| *why)
}

/// Whether a JavaScript data file may compute any key: computed data, or data it takes
/// from other modules or spreads in.
fn script_computes(text: &str) -> bool {
    ["eleventyComputed", "require", "import", "..."].iter().any(|word| text.contains(word))
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{dir}/{name}") }
}

/// A file name without its template extension (`post.md` → `post`, `feed.11ty.js` → `feed`).
fn template_stem(file: &str) -> &str {
    if let Some(stem) = file.strip_suffix(".11ty.js") {
        return stem;
    }
    file.rsplit_once('.').map_or(file, |(stem, _)| stem)
}

/// `first-flush` of `2026-01-07-first-flush`: Eleventy drops a `YYYY-MM-DD-` date and what
/// precedes it.
fn without_date(name: &str) -> &str {
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"[0-9]{4}-[0-9]{2}-[0-9]{2}-").unwrap_or_else(|e| unreachable!("{e}"))
    });
    DATE.find(name).map_or(name, |date| &name[date.end()..])
}

/// `page.fileSlug`: the file's name without extension and date; a folder's `index` takes
/// the folder's name.
fn file_slug(under: &str) -> String {
    let (dir, file) = under.rsplit_once('/').unwrap_or(("", under));
    let slug = without_date(template_stem(file));
    if slug == "index" {
        return dir.rsplit('/').next().map(without_date).unwrap_or("").to_string();
    }
    slug.to_string()
}

/// `page.filePathStem`: the input-relative path without extension, its name's date dropped.
fn file_path_stem(under: &str) -> String {
    let (dir, file) = under.rsplit_once('/').unwrap_or(("", under));
    format!("/{}", join(dir, without_date(template_stem(file))))
}

/// Where Eleventy writes a page without a permalink: its input-relative path as a folder
/// (`about.md` → `/about/`), the folder itself for `index` or a file named as its folder.
fn default_url(under: &str) -> String {
    let (dir, file) = under.rsplit_once('/').unwrap_or(("", under));
    let stem = template_stem(file);
    let last_dir = dir.rsplit('/').next().unwrap_or("");
    let mut url = String::from("/");
    if !dir.is_empty() {
        url.push_str(dir);
        url.push('/');
    }
    if stem != "index" && stem != last_dir {
        url.push_str(stem);
        url.push('/');
    }
    url
}

/// A permalink template rendered, when it uses only what the model knows: `page.fileSlug`,
/// `page.filePathStem` and `title`, through `slugify` or `slug`. Tags, other variables and
/// filters make it unknown (`None`).
fn render(template: &str, under: &str, title: impl Fn() -> Option<String>) -> Option<String> {
    if template.contains("{%") || template.contains("{#") {
        return None;
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}")?;
        let mut parts = after[..end].split('|').map(str::trim);
        let mut value = match parts.next()? {
            "page.fileSlug" => file_slug(under),
            "page.filePathStem" => file_path_stem(under),
            "title" => title()?,
            _ => return None,
        };
        for filter in parts {
            value = match filter {
                "slugify" => eleventy_slugify(&value)?,
                "slug" => eleventy_slug(&value)?,
                _ => return None,
            };
        }
        // Characters a template engine might escape: not a guess worth making.
        if value.contains(['&', '<', '>', '"', '\'']) {
            return None;
        }
        out.push_str(&value);
        rest = &after[end + 2..];
    }
    if rest.contains("}}") {
        return None;
    }
    out.push_str(rest);
    Some(out)
}

/// The URL a rendered permalink serves: rooted, `//` collapsed, `index.html` dropped.
fn permalink_url(permalink: &str) -> Option<String> {
    let permalink = permalink.trim();
    if permalink.is_empty() || permalink.split('/').any(|part| part == "..") || permalink.contains("://") {
        return None;
    }
    let mut url = format!("/{permalink}");
    while url.contains("//") {
        url = url.replace("//", "/");
    }
    if url.ends_with("/index.html") {
        url.truncate(url.len() - "index.html".len());
    }
    Some(url)
}

/// A front matter value as the data cascade holds it.
fn to_json(node: &Node) -> Json {
    match &node.value {
        Value::Null | Value::Alias => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Integer(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::String(text) | Value::Datetime(text) => Json::String(text.clone()),
        Value::Seq(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Map(_) => {
            Json::Object(node.entries().iter().map(|entry| (entry.key.clone(), to_json(&entry.value))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_urls_are_input_paths_as_folders() {
        assert_eq!(default_url("index.md"), "/");
        assert_eq!(default_url("about.md"), "/about/");
        assert_eq!(default_url("notes/index.md"), "/notes/");
        assert_eq!(default_url("notes/notes.md"), "/notes/", "a file named as its folder");
        assert_eq!(default_url("notes/2024-05-06-green.md"), "/notes/2024-05-06-green/", "the date is kept");
    }

    #[test]
    fn file_slugs_drop_dates_and_name_index_by_its_folder() {
        assert_eq!(file_slug("notes/2024-05-06-green.md"), "green");
        assert_eq!(file_slug("notes/2024-05-06-green/index.md"), "green");
        assert_eq!(file_slug("index.md"), "");
        assert_eq!(file_path_stem("notes/2024-05-06-green.md"), "/notes/green");
        assert_eq!(file_path_stem("notes/index.md"), "/notes/index");
    }

    #[test]
    fn permalinks_render_only_what_is_known() {
        let title = || Some("Steeping: a guide".to_string());
        let render = |t: &str| render(t, "notes/2024-05-06-green.md", title).and_then(|p| permalink_url(&p));
        assert_eq!(render("/tea/{{ page.fileSlug }}/").as_deref(), Some("/tea/green/"));
        assert_eq!(render("tea/{{page.fileSlug}}/index.html").as_deref(), Some("/tea/green/"));
        assert_eq!(render("/x/{{ page.filePathStem }}/").as_deref(), Some("/x/notes/green/"), "`//` collapsed");
        assert_eq!(render("/t/{{ title | slugify }}.html").as_deref(), Some("/t/steeping-a-guide.html"));
        assert_eq!(render("/t/{{ title | slug }}/"), None, "the slug filter keeps `:`");
        assert_eq!(render("/{{ page.date | date: '%Y' }}/"), None);
        assert_eq!(render("/{{ site.prefix }}/x/"), None);
        assert_eq!(render("/{% if draft %}d{% endif %}/x/"), None);
        assert_eq!(render("/x/{{ page.fileSlug | upcase }}/"), None);
        assert_eq!(render("../outside/"), None);
    }

    #[test]
    fn a_changed_data_file_changes_the_cascade_stamp() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let write = |path: &str, text: &str| {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap_or(dir.path())).unwrap_or_else(|e| panic!("{e}"));
            std::fs::write(full, text).unwrap_or_else(|e| panic!("{e}"));
        };
        write("blog/blog.json", "{ \"permalink\": \"/a/\" }");
        write("blog/post.md", "Text.\n");
        let before = cascade_stamp(dir.path());
        write("blog/post.md", "Longer text: the index stamps pages itself.\n");
        assert_eq!(cascade_stamp(dir.path()), before);
        write("blog/blog.json", "{ \"permalink\": \"/blog/{{ page.fileSlug }}/\" }");
        assert_ne!(cascade_stamp(dir.path()), before);
    }

    #[test]
    fn config_folders_are_literals_or_unknown() {
        let config = "export default function (c) { return { dir: { input: \"content\", includes: '../inc' } } }";
        assert_eq!(config_folder(config, "input", "setInputDirectory"), Folder::Literal("content".into()));
        assert_eq!(config_folder(config, "data", "setDataDirectory"), Folder::Default);
        let computed = "const dir = process.env.SRC;\nexport const config = { dir: { input: dir } };";
        assert_eq!(config_folder(computed, "input", "setInputDirectory"), Folder::Computed);
        let setter = "export default (c) => { c.setInputDirectory(`${root}/src`); }";
        assert_eq!(config_folder(setter, "input", "setInputDirectory"), Folder::Computed);
        let setter = "export default (c) => { c.setInputDirectory(\"src\"); }";
        assert_eq!(config_folder(setter, "input", "setInputDirectory"), Folder::Literal("src".into()));
        assert_eq!(
            cli_input("{\"scripts\": {\"build\": \"eleventy --input=site\"}}"),
            Some(Folder::Literal("site".into()))
        );
        assert_eq!(clean_folder("./src/"), "src");
        assert_eq!(clean_folder("."), "");
        assert!(urls_decided_by("c.addGlobalData(\"permalink\", () => x)").is_some());
        assert!(urls_decided_by("c.addGlobalData(name, value)").is_some(), "a name the model cannot read");
        assert!(urls_decided_by("c.addGlobalData(\"site\", { title: 'Tea' })").is_none());
        assert!(urls_decided_by("return { markdownTemplateEngine: \"njk\" }").is_none());
        let anchors = "md.use(markdownItAnchor, { permalink: markdownItAnchor.permalink.headerLink() })";
        assert!(urls_decided_by(anchors).is_none(), "markdown-it-anchor's option is not a page permalink");
    }
}
