//! The site a post belongs to: its root, its generator and the parts of the generator's
//! config that rules need. Found by walking up from the post, once per directory.

pub mod cache;
mod index;
pub mod pages;
pub(crate) mod seal;

pub use index::*;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::bounded::{self, Limit, Refused};
use crate::document::front_matter;
use crate::document::is_markdown_file;
use crate::document::tree::{Node, Value};
use crate::document::yaml;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    Jekyll,
    Hugo,
    Zola,
    Astro,
    Eleventy,
    /// VuePress or VitePress: the site is one source folder (`vuepress build src`).
    VuePress,
    None,
}

impl Generator {
    pub fn parse(text: &str) -> Option<Option<Generator>> {
        Some(match text {
            "auto" => None,
            "jekyll" => Some(Generator::Jekyll),
            "hugo" => Some(Generator::Hugo),
            "zola" => Some(Generator::Zola),
            "astro" => Some(Generator::Astro),
            "eleventy" | "11ty" => Some(Generator::Eleventy),
            "vuepress" | "vitepress" => Some(Generator::VuePress),
            "none" => Some(Generator::None),
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Generator::Jekyll => "jekyll",
            Generator::Hugo => "hugo",
            Generator::Zola => "zola",
            Generator::Astro => "astro",
            Generator::Eleventy => "eleventy",
            Generator::VuePress => "vuepress",
            Generator::None => "none",
        }
    }
}

/// What a rule may need to know about the site.
#[derive(Debug)]
pub struct Site {
    pub root: Option<PathBuf>,
    pub generator: Generator,
    pub baseurl: String,
    pub url: Option<String>,
    pub permalink: Option<String>,
    pub plugins: Vec<String>,
    pub lang: Option<String>,
    /// Hugo's `markup.goldmark.renderer.unsafe`.
    pub hugo_unsafe_html: bool,
    /// The site config's `defaults` (Jekyll front matter defaults), kept as parsed.
    pub jekyll_defaults: Option<Node>,
    /// Layout name → whether it (or a layout or include it uses) renders `{% seo %}`.
    seo_layouts: Mutex<HashMap<String, bool>>,
    /// Whether the site's Gemfile pins Jekyll 3 (whose `post_url` does not add `baseurl`).
    pub jekyll3: bool,
    /// `_config.yml` `collections:` names (without the leading `_`).
    pub jekyll_collections: Vec<String>,
    /// A collection's own `permalink:` from `collections:`, by name.
    pub jekyll_collection_permalinks: Vec<(String, String)>,
    /// `_config.yml` `exclude:` patterns, which Jekyll never builds.
    jekyll_exclude: Option<globset::GlobSet>,
    /// `.eleventyignore` entries, which Eleventy never builds.
    eleventy_ignore: Option<globset::GlobSet>,
    /// VuePress/VitePress's source folder (`docs` in `vitepress build docs`),
    /// site-relative, `""` for the root: nothing outside it is built.
    pub vue_source: String,
    /// Astro 5 content collections loaded with `glob({ base })` from folders outside
    /// `src/content/`: (site-relative folder, collection name).
    pub astro_collections: Vec<(String, String)>,
    /// Hugo languages with their own content folder (`languages.ko.contentDir =
    /// "content/korean"`): (site-relative folder, language code), and whether that
    /// language's URLs start with its code (all but the default, unless
    /// `defaultContentLanguageInSubdir`).
    pub hugo_content_dirs: Vec<HugoContentDir>,
    /// Eleventy's input folder (`dir: { input: "content" }`, `--input=src`), site-relative,
    /// `""` for the root: nothing outside it is built.
    pub eleventy_input: String,
    /// `posts`/`pages` globs from `postlint.toml`, site-relative.
    kinds: Arc<KindGlobs>,
    link_hook: std::sync::OnceLock<bool>,
    /// Whether the site index may use `.postlint_cache/` (`--no-cache` turns it off).
    pub cache_enabled: bool,
    page_description: std::sync::OnceLock<bool>,
    social_image: std::sync::OnceLock<bool>,
    /// Front matter canonical keys → whether the site's templates read them.
    canonical_keys: Mutex<HashMap<String, bool>>,
    own_heading_ids: std::sync::OnceLock<bool>,
    resizes_images: std::sync::OnceLock<bool>,
    /// Every post and page of the site, from front matter only; built on first use.
    index: std::sync::OnceLock<crate::site::SiteIndex>,
    /// Exact, case-sensitive file lookups under the site root.
    pub files: DirCache,
    /// Where the site's own files (config, layouts, includes, templates, schemas) may
    /// resolve: the site root and the repository boundary, canonical (see `bounded`).
    read_roots: Vec<PathBuf>,
    /// Site files that were not read or not understood, each reported once (PL001 on
    /// that file) by the run, which drains them.
    problems: Mutex<SiteProblems>,
}

/// A site file postlint refused to read (outside, not regular, too large) or could not
/// parse: reported once, on that file.
#[derive(Debug, Clone)]
pub struct SiteProblem {
    pub path: PathBuf,
    pub message: String,
    /// 1-based line and column in that file, when the problem has a place.
    pub position: Option<(usize, usize)>,
}

#[derive(Debug, Default)]
struct SiteProblems {
    pending: Vec<SiteProblem>,
    seen: std::collections::HashSet<PathBuf>,
}

impl Site {
    pub fn detached(generator: Generator) -> Site {
        Site {
            root: None,
            generator,
            baseurl: String::new(),
            url: None,
            permalink: None,
            plugins: Vec::new(),
            lang: None,
            hugo_unsafe_html: false,
            jekyll_defaults: None,
            seo_layouts: Mutex::new(HashMap::new()),
            jekyll3: false,
            jekyll_collections: Vec::new(),
            jekyll_collection_permalinks: Vec::new(),
            jekyll_exclude: None,
            eleventy_ignore: None,
            vue_source: String::new(),
            astro_collections: Vec::new(),
            hugo_content_dirs: Vec::new(),
            eleventy_input: String::new(),
            kinds: Arc::new(KindGlobs::default()),
            link_hook: std::sync::OnceLock::new(),
            cache_enabled: false,
            page_description: std::sync::OnceLock::new(),
            social_image: std::sync::OnceLock::new(),
            canonical_keys: Mutex::new(HashMap::new()),
            own_heading_ids: std::sync::OnceLock::new(),
            resizes_images: std::sync::OnceLock::new(),
            index: std::sync::OnceLock::new(),
            files: DirCache::default(),
            read_roots: Vec::new(),
            problems: Mutex::new(SiteProblems::default()),
        }
    }

    /// The roots the site's files may resolve into; for a site built outside a run, the
    /// working directory's repository.
    pub fn read_roots(&self) -> &[PathBuf] {
        static DEFAULT: std::sync::OnceLock<Vec<PathBuf>> = std::sync::OnceLock::new();
        if self.read_roots.is_empty() {
            DEFAULT.get_or_init(|| crate::bounded::boundary().map(|b| vec![b]).unwrap_or_default())
        } else {
            &self.read_roots
        }
    }

    /// Reads one of the site's own files through `bounded::read`. A missing file is
    /// `None`; a refused one is `None` too, and noted once as a problem of the site.
    pub fn read_site_file(&self, path: &Path, limit: Limit) -> Option<String> {
        crate::reads::note(path);
        match bounded::read_to_string(path, limit, self.read_roots()) {
            Ok(text) => Some(text),
            Err(Refused::Missing) => None,
            Err(refused) => {
                self.note(SiteProblem { path: path.to_path_buf(), message: refused.to_string(), position: None });
                None
            }
        }
    }

    /// Records a problem with one of the site's files, once per file.
    pub fn note(&self, problem: SiteProblem) {
        if let Ok(mut problems) = self.problems.lock()
            && problems.seen.insert(problem.path.clone())
        {
            problems.pending.push(problem);
        }
    }

    /// The problems noted since the last call.
    pub fn take_problems(&self) -> Vec<SiteProblem> {
        self.problems.lock().map(|mut p| std::mem::take(&mut p.pending)).unwrap_or_default()
    }

    /// The index of every post and page of the site (front matter only), built once.
    pub fn index(&self) -> Option<&crate::site::SiteIndex> {
        let root = self.root.as_ref()?;
        Some(self.index.get_or_init(|| crate::site::SiteIndex::build(root, self)))
    }

    /// The Jekyll layout a post at `path` (relative to the site root) uses: its own
    /// `layout:`, else the last matching `defaults` entry of `_config.yml`.
    pub fn default_layout(&self, relative_path: &str, is_post: bool) -> Option<String> {
        self.default_value(relative_path, is_post, "layout").and_then(Node::as_str).map(str::to_string)
    }

    /// The Jekyll document type of a site-relative path for `defaults` scopes: `posts`,
    /// a collection's name (`_topics/x.md` → `topics`), or `pages`.
    pub fn jekyll_type<'a>(&self, relative_path: &'a str, is_post: bool) -> &'a str {
        if is_post {
            return "posts";
        }
        relative_path
            .split('/')
            .next()
            .and_then(|first| first.strip_prefix('_'))
            .filter(|name| self.jekyll_collections.iter().any(|c| c == name))
            .unwrap_or("pages")
    }

    /// The value `_config.yml`'s `defaults:` give `key` for the file at `relative_path`:
    /// the last entry whose scope (path prefix, type) matches, as Jekyll merges them.
    pub fn default_value(&self, relative_path: &str, is_post: bool, key: &str) -> Option<&Node> {
        let type_name = self.jekyll_type(relative_path, is_post);
        let defaults = self.jekyll_defaults.as_ref()?;
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

    /// Whether a Jekyll layout renders jekyll-seo-tag's `{% seo %}`, following its
    /// parent layouts and `{% include %}`s.
    pub fn layout_renders_seo(&self, layout: &str) -> bool {
        if let Ok(cache) = self.seo_layouts.lock()
            && let Some(known) = cache.get(layout)
        {
            return *known;
        }
        let found = self.root.as_ref().is_some_and(|root| self.layout_has_seo(root, layout, 0));
        if let Ok(mut cache) = self.seo_layouts.lock() {
            cache.insert(layout.to_string(), found);
        }
        found
    }

    /// What the site index depends on besides the files: postlint's version and the parts
    /// of the site's configuration the index reads. A different key discards the cache.
    pub fn index_cache_key(&self) -> String {
        let facts = format!(
            "{} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {} {:?} {:?}",
            crate::site::cache::build_stamp(),
            self.generator.name(),
            self.baseurl,
            self.url,
            self.permalink,
            self.jekyll_defaults,
            self.jekyll_collections,
            self.jekyll_collection_permalinks,
            self.jekyll_exclude,
            self.jekyll3,
            self.kinds,
            self.root,
        );
        crate::text::hash::fingerprint(&[&facts])
    }

    /// Whether the site's templates put a page's own `description` in a `<meta>` tag. Zola
    /// themes often print only the section's or the site's description (the Rust blog
    /// hard-codes one); then a post's description is never shown and its length or
    /// duplicates do not matter. Other generators' SEO plugins and internal templates
    /// use it, so they are assumed to.
    pub fn renders_page_description(&self) -> bool {
        *self.page_description.get_or_init(|| {
            let Some(root) = self.root.as_ref().filter(|_| self.generator == Generator::Zola) else { return true };
            let mut templates = Vec::new();
            collect_templates(&root.join("templates"), 0, &mut templates);
            collect_templates(&root.join("themes"), 0, &mut templates);
            // Zola has no built-in templates: the description reaches the `<head>` only
            // when a template (the site's or a vendored theme's) puts it in a `<meta>`
            // tag. With no template to read (a theme fetched at build time) it is unknown,
            // and unknown is not reported.
            templates.iter().any(|path| {
                self.read_site_file(path, bounded::TEMPLATE).is_some_and(|text| {
                    text.lines().any(|line| line.contains("page.description") && line.contains("<meta"))
                })
            })
        })
    }

    /// Whether a post's front matter image becomes its link-preview image (`og:image`):
    /// jekyll-seo-tag does that; otherwise one of the site's own templates must write an
    /// `og:image` tag (18F's Eleventy templates write none: its `image` is a hero image
    /// on the page, and its size says nothing about previews). No template found is
    /// unknown, and unknown is not reported.
    pub fn emits_social_image(&self) -> bool {
        *self.social_image.get_or_init(|| {
            if self.generator == Generator::Jekyll && self.has_plugin("jekyll-seo-tag") {
                return true;
            }
            self.template_files()
                .iter()
                .any(|path| self.read_site_file(path, bounded::TEMPLATE).is_some_and(|text| text.contains("og:image")))
        })
    }

    /// The site's own templates, layouts and components (vendored themes included).
    fn template_files(&self) -> Vec<PathBuf> {
        let Some(root) = self.root.as_ref() else { return Vec::new() };
        let mut templates = Vec::new();
        for folder in [
            "_layouts",
            "_includes",
            "layouts",
            "templates",
            "themes",
            "src/layouts",
            "src/components",
            "src/_includes",
            "src/templates",
            ".vitepress",
            ".vuepress",
            "docs/.vitepress",
            "docs/.vuepress",
            "src/.vuepress",
        ] {
            collect_files(&root.join(folder), 0, TEMPLATE_EXTENSIONS, &mut templates);
        }
        templates
    }

    /// Whether a front matter canonical URL under `key` reaches the page's canonical link:
    /// jekyll-seo-tag reads `canonical_url`; otherwise one of the site's templates must
    /// name the key (ndabene's `head.html` builds the canonical link from `page.url`, so
    /// its `canonical_url` keys are never read). No template to read (a theme fetched at
    /// build time) is unknown, and the value is checked.
    pub fn renders_front_matter_canonical(&self, key: &str) -> bool {
        if self.generator == Generator::Jekyll && self.has_plugin("jekyll-seo-tag") && key == "canonical_url" {
            return true;
        }
        if let Some(&known) = self.canonical_keys.lock().ok().and_then(|keys| keys.get(key).copied()).as_ref() {
            return known;
        }
        let templates = self.template_files();
        let read = templates.is_empty()
            || templates
                .iter()
                .any(|path| self.read_site_file(path, bounded::TEMPLATE).is_some_and(|text| reads_key(&text, key)));
        if let Ok(mut keys) = self.canonical_keys.lock() {
            keys.insert(key.to_string(), read);
        }
        read
    }

    /// Whether the Hugo site has a link render hook, which decides what a link means.
    pub fn has_link_render_hook(&self) -> bool {
        *self.link_hook.get_or_init(|| self.has_render_hook("link"))
    }

    /// Whether the site has a Hugo render hook for `what` (`link`, `image`, `heading`).
    fn has_render_hook(&self, what: &str) -> bool {
        self.root.as_ref().is_some_and(|root| {
            [format!("layouts/_markup/render-{what}.html"), format!("layouts/_default/_markup/render-{what}.html")]
                .iter()
                .any(|hook| root.join(hook).is_file())
        })
    }

    /// Whether the site makes heading ids its own way, so a fragment the generator's
    /// rules do not produce may still exist: a Jekyll plugin that writes ids (bitcoinops'
    /// `auto-anchor.rb` gives every bold list lead-in one), a Hugo heading render hook, or an
    /// Astro config whose own rehype plugin sets `properties.id`.
    pub fn makes_own_heading_ids(&self) -> bool {
        *self.own_heading_ids.get_or_init(|| {
            let Some(root) = self.root.as_ref() else { return false };
            match self.generator {
                Generator::Jekyll => {
                    let mut plugins = Vec::new();
                    collect_files(&root.join("_plugins"), 0, &["rb"], &mut plugins);
                    plugins.iter().any(|path| {
                        self.read_site_file(path, bounded::TEMPLATE).is_some_and(|code| {
                            let code = code.to_ascii_lowercase();
                            code.contains("anchor") || code.contains("id=")
                        })
                    })
                }
                Generator::Hugo => self.has_render_hook("heading"),
                // A rehype plugin of the site's own that sets heading ids
                // (`node.properties.id = mySlug(text)`): ids are not github-slugger's.
                Generator::Astro => ["astro.config.mjs", "astro.config.ts", "astro.config.js"].iter().any(|name| {
                    self.read_site_file(&root.join(name), bounded::CONFIG)
                        .is_some_and(|code| code.contains("properties.id =") || code.contains("properties.id="))
                }),
                _ => false,
            }
        })
    }

    /// Whether the build replaces a post's image files by resized copies: Eleventy's
    /// image plugin (`@11ty/eleventy-img` in package.json), a Hugo image render hook.
    /// (Astro optimises images under `src/` whatever the config: see IMG010.)
    pub fn resizes_images(&self) -> bool {
        *self.resizes_images.get_or_init(|| {
            let Some(root) = self.root.as_ref() else { return false };
            match self.generator {
                Generator::Eleventy => self
                    .read_site_file(&root.join("package.json"), bounded::CONFIG)
                    .is_some_and(|text| text.contains("\"@11ty/eleventy-img\"")),
                Generator::Hugo => self.has_render_hook("image"),
                _ => false,
            }
        })
    }

    pub fn has_plugin(&self, name: &str) -> bool {
        self.plugins.iter().any(|p| p == name)
    }

    /// `path` relative to the site root, `/`-separated; for a site without a root (a
    /// detached run) the path as given, so path conventions (`_posts/`) still apply.
    pub fn relative_path(&self, path: &Path) -> String {
        let text = match &self.root {
            Some(root) => {
                let absolute = absolute_path(path);
                match absolute.strip_prefix(root) {
                    Ok(inside) => inside.to_string_lossy().into_owned(),
                    Err(_) => path.to_string_lossy().into_owned(),
                }
            }
            None => path.to_string_lossy().into_owned(),
        };
        let text = text.replace('\\', "/");
        text.trim_start_matches("./").to_string()
    }

    /// A site-relative path as output shows paths: relative to the working directory when
    /// the site is under it (as the linted files' paths are), else absolute.
    pub fn shown_path(&self, relative: &str) -> String {
        let Some(root) = &self.root else { return relative.to_string() };
        let absolute = root.join(relative);
        let working = absolute_path(Path::new("."));
        match absolute.strip_prefix(&working) {
            Ok(inside) => inside.to_string_lossy().replace('\\', "/"),
            Err(_) => absolute.to_string_lossy().into_owned(),
        }
    }

    /// The Hugo language whose content folder holds `relative`, and the rest of the path.
    pub fn hugo_content_dir<'a>(&self, relative: &'a str) -> Option<(&HugoContentDir, &'a str)> {
        self.hugo_content_dirs.iter().find_map(|dir| {
            let rest = relative.strip_prefix(dir.folder.as_str())?.strip_prefix('/')?;
            Some((dir, rest))
        })
    }

    /// A page's language: its front matter's, its Hugo language folder's, else what its
    /// path says (`x.ja.md`, `content/ja/…`).
    pub fn language_of(
        &self,
        relative: &str,
        front: Option<&crate::document::front_matter::FrontMatter>,
    ) -> Option<String> {
        crate::site::pages::front_matter_language(front)
            .or_else(|| self.hugo_content_dir(relative).map(|(dir, _)| dir.language.clone()))
            .or_else(|| crate::site::pages::path_language(relative))
    }

    /// The kind `postlint.toml`'s `posts`/`pages` globs give a site-relative path.
    pub fn configured_kind(&self, relative: &str) -> Option<crate::site::pages::PageKind> {
        use crate::site::pages::PageKind;
        if self.kinds.posts.as_ref().is_some_and(|g| g.is_match(relative)) {
            Some(PageKind::Post)
        } else if self.kinds.pages.as_ref().is_some_and(|g| g.is_match(relative)) {
            Some(PageKind::Page)
        } else {
            None
        }
    }

    /// Whether `.eleventyignore` leaves the site-relative path out of the build.
    pub fn eleventy_ignores(&self, relative: &str) -> bool {
        self.eleventy_ignore.as_ref().is_some_and(|globs| globs.is_match(relative))
    }

    /// Whether `_config.yml`'s `exclude:` (or Jekyll's own default excludes) leave the
    /// site-relative path out of the build.
    pub fn jekyll_excludes(&self, relative: &str) -> bool {
        const DEFAULTS: &[&str] = &["node_modules", "vendor", "Gemfile", "Gemfile.lock", ".jekyll-cache", "gemfiles"];
        let first = relative.split('/').next().unwrap_or("");
        DEFAULTS.contains(&first) || self.jekyll_exclude.as_ref().is_some_and(|globs| globs.is_match(relative))
    }

    fn layout_has_seo(&self, root: &Path, layout: &str, depth: usize) -> bool {
        if depth > MAX_LAYOUT_DEPTH || layout.contains("..") {
            return false;
        }
        let text = ["html", "md", "liquid"].iter().find_map(|ext| {
            self.read_site_file(&root.join("_layouts").join(format!("{layout}.{ext}")), bounded::TEMPLATE)
        });
        let Some(text) = text else { return false };
        if self.template_has_seo(root, &text, depth) {
            return true;
        }
        let (front_matter, _) = front_matter::split(&text);
        let parent = front_matter.and_then(|fm| fm.str_value("layout").map(str::to_string));
        parent.is_some_and(|parent| self.layout_has_seo(root, &parent, depth + 1))
    }

    /// Whether template text holds `{% seo %}` itself or in an included file. An include
    /// that leads outside the site (`{% include /etc/x %}`, a symlink) is not read.
    fn template_has_seo(&self, root: &Path, text: &str, depth: usize) -> bool {
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
                    if let Some(included) = self.read_site_file(&root.join("_includes").join(name), bounded::TEMPLATE)
                        && self.template_has_seo(root, &included, depth + 1)
                    {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }
}

/// Template files (`.html`) under `dir`, a few levels deep, regular files only.
fn collect_templates(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    collect_files(dir, depth, &["html"], found);
}

/// Files generators render pages with: HTML-based templates, Nunjucks, Liquid, Astro and
/// Vue components, JavaScript and TypeScript layouts and configs.
const TEMPLATE_EXTENSIONS: &[&str] = &["html", "njk", "liquid", "astro", "vue", "js", "mjs", "ts", "mts", "jsx", "tsx"];

fn collect_files(dir: &Path, depth: usize, extensions: &[&str], found: &mut Vec<PathBuf>) {
    const MAX_DEPTH: usize = 4;
    const MAX_TEMPLATES: usize = 500;
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if found.len() >= MAX_TEMPLATES {
            return;
        }
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        if kind.is_dir() && depth < MAX_DEPTH && entry.file_name() != "node_modules" {
            collect_files(&path, depth + 1, extensions, found);
        } else if kind.is_file() && path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e)) {
            found.push(path);
        }
    }
}

/// The path made absolute against the working directory, asked once per process.
pub fn absolute_path(path: &Path) -> PathBuf {
    static WORKING_DIR: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    if path.is_absolute() {
        return path.to_path_buf();
    }
    match WORKING_DIR.get_or_init(|| std::env::current_dir().ok()) {
        Some(dir) => normalize_dots(&dir.join(path)),
        None => path.to_path_buf(),
    }
}

/// Removes `.` and resolves `..` lexically (as `std::path::absolute` does on Unix for `.`).
fn normalize_dots(path: &Path) -> PathBuf {
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

/// `posts = [...]` and `pages = [...]` from `postlint.toml`, matched against site-relative paths.
#[derive(Debug, Default)]
pub struct KindGlobs {
    pub posts: Option<globset::GlobSet>,
    pub pages: Option<globset::GlobSet>,
}

/// Folders never read as part of a site (and, by default, never linted).
pub const DEFAULT_EXCLUDE: &[&str] = &["node_modules", "_site", "public", "vendor", ".git", ".jekyll-cache"];

const ROOT_MARKERS: &[&str] = &[
    "_config.yml",
    "_config.yaml",
    "_config.toml",
    "hugo.toml",
    "hugo.yaml",
    "hugo.json",
    "astro.config.mjs",
    "astro.config.ts",
    "astro.config.js",
    ".eleventy.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
];

/// What the folders above a post hold first: a generator's site root, a repository, or
/// neither.
#[derive(Debug, Clone, Default)]
enum Nearest {
    Site(PathBuf),
    Repository(PathBuf),
    #[default]
    Nothing,
}

/// Finds sites: each directory's root is found once, and each root's site (with its
/// index) is built once per run, however many folders its posts are spread over.
#[derive(Default)]
pub struct Sites {
    root_of_dir: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// The same by a post's folder as the post's path gives it (maybe relative).
    root_of_parent: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// The nearest site root or repository at or above a folder, per folder: the markers
    /// of each folder are looked at once, not once per folder below it.
    nearest: Mutex<HashMap<PathBuf, Nearest>>,
    by_root: Mutex<HashMap<Option<PathBuf>, Arc<Site>>>,
    forced: Option<Generator>,
    kinds: Arc<KindGlobs>,
    /// Directories named on the command line: a post outside any generator's site
    /// belongs to the one that holds it, not to the whole repository.
    given: Vec<PathBuf>,
    /// The repository boundary (`bounded::boundary`) site files may also resolve into;
    /// `None`: the working directory's.
    boundary: Option<PathBuf>,
    /// Whether site indexes may use `.postlint_cache/` (not with `--no-cache`).
    cache: bool,
}

impl Sites {
    pub fn new(forced: Option<Generator>) -> Sites {
        Sites { forced, ..Sites::default() }
    }

    /// Sites for a run over `given` paths, with `postlint.toml`'s `posts`/`pages` globs.
    pub fn for_run(
        forced: Option<Generator>,
        kinds: KindGlobs,
        given: &[PathBuf],
        boundary: Option<&Path>,
        cache: bool,
    ) -> Sites {
        let given = given.iter().filter(|p| p.is_dir()).map(|p| absolute_path(p)).collect();
        let boundary = boundary.map(Path::to_path_buf);
        Sites { forced, kinds: Arc::new(kinds), given, boundary, cache, ..Sites::default() }
    }

    /// Problems with site files noted since the last call, over every site built so far,
    /// in path order.
    pub fn take_problems(&self) -> Vec<SiteProblem> {
        let sites: Vec<Arc<Site>> =
            self.by_root.lock().map(|cache| cache.values().cloned().collect()).unwrap_or_default();
        let mut problems: Vec<SiteProblem> = sites.iter().flat_map(|site| site.take_problems()).collect();
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        problems
    }

    pub fn for_file(&self, file: &Path) -> Arc<Site> {
        let parent = file.parent().unwrap_or(Path::new("."));
        // Most posts share a folder with others: its root is looked up by the folder as
        // given, without making it absolute again for each post.
        let known = self.root_of_parent.lock().ok().and_then(|roots| roots.get(parent).cloned());
        let root = match known {
            Some(root) => root,
            None => {
                let root = self.root_for(&absolute_path(parent));
                if let Ok(mut roots) = self.root_of_parent.lock() {
                    roots.insert(parent.to_path_buf(), root.clone());
                }
                root
            }
        };
        if let Ok(cache) = self.by_root.lock()
            && let Some(site) = cache.get(&root)
        {
            return Arc::clone(site);
        }
        let site = Arc::new(self.build(root.as_deref(), &absolute_path(parent)));
        if let Ok(mut cache) = self.by_root.lock() {
            // Another thread may have built it meanwhile: keep the first, so every post
            // of a site shares one index.
            return Arc::clone(cache.entry(root).or_insert(site));
        }
        site
    }

    /// Brings the sites built so far up to date after `changed` files changed on disk
    /// (`on_disk`) or in an editor's buffer (`buffer` gives an open buffer's text, else
    /// the file is read): the language
    /// server's path, which must not read 10,000 posts again for one edit.
    ///
    /// A post or page whose front matter facts changed is re-described alone and the
    /// index rebuilt from the others' entries in memory; any change on disk also renews
    /// the site's file listings (a created image, a deleted post). Another kind of site
    /// file (a layout, data, an image) drops the site, rebuilt on next use; a generator's
    /// config drops every site, since it may move a root. Returns whether any other file
    /// may now lint differently.
    pub fn refresh(&self, changed: &[PathBuf], on_disk: bool, buffer: &dyn Fn(&Path) -> Option<String>) -> bool {
        let moves_roots = |name: &std::ffi::OsStr| {
            ROOT_MARKERS.iter().chain(&["config.toml", "config.yaml", "config.yml"]).any(|marker| name == *marker)
        };
        if changed.iter().any(|path| path.file_name().is_some_and(moves_roots)) {
            self.forget_all();
            return true;
        }
        let mut by_site: HashMap<Option<PathBuf>, Vec<PathBuf>> = HashMap::new();
        for path in changed {
            let absolute = absolute_path(path);
            let dir = absolute.parent().map_or_else(|| absolute.clone(), Path::to_path_buf);
            by_site.entry(self.root_for(&dir)).or_default().push(absolute);
        }
        let mut affected = false;
        for (root, paths) in by_site {
            let Some(root_path) = root.clone() else { continue };
            let Some(old) = self.by_root.lock().ok().and_then(|sites| sites.get(&root).cloned()) else { continue };
            let indexed = |path: &Path| is_markdown_file(path) || path.extension().is_some_and(|x| x == "html");
            let index = old.index.get();
            let Some(index) = index.filter(|_| paths.iter().all(|path| indexed(path))) else {
                if on_disk || !paths.iter().all(|path| indexed(path)) {
                    self.forget(&root);
                    affected = true;
                }
                continue;
            };
            let changes: Vec<(String, Option<IndexedPost>)> = paths
                .iter()
                .map(|path| {
                    let relative = old.relative_path(path);
                    let post = match buffer(path) {
                        Some(text) => describe_text(&relative, &text, &old),
                        None if path.is_file() => describe_path(&relative, path, &old),
                        None => None,
                    };
                    (relative, post)
                })
                .filter(|(relative, post)| index.entry(relative) != post.as_ref())
                .collect();
            if changes.is_empty() && !on_disk {
                continue;
            }
            let site = self.build(Some(&root_path), &root_path);
            let _ = site.index.set(index.with_changes(changes));
            if let Ok(mut sites) = self.by_root.lock() {
                sites.insert(root, Arc::new(site));
            }
            affected = true;
        }
        affected
    }

    fn forget(&self, root: &Option<PathBuf>) {
        if let Ok(mut sites) = self.by_root.lock() {
            sites.remove(root);
        }
    }

    fn forget_all(&self) {
        if let Ok(mut roots) = self.root_of_dir.lock() {
            roots.clear();
        }
        if let Ok(mut roots) = self.root_of_parent.lock() {
            roots.clear();
        }
        if let Ok(mut nearest) = self.nearest.lock() {
            nearest.clear();
        }
        if let Ok(mut sites) = self.by_root.lock() {
            sites.clear();
        }
    }

    fn root_for(&self, dir: &Path) -> Option<PathBuf> {
        if let Ok(cache) = self.root_of_dir.lock()
            && let Some(root) = cache.get(dir)
        {
            return root.clone();
        }
        let root = self.find_root(dir);
        if let Ok(mut cache) = self.root_of_dir.lock() {
            cache.insert(dir.to_path_buf(), root.clone());
        }
        root
    }

    /// The nearest folder with a generator's config; else the outermost folder named on
    /// the command line that holds `dir`; else the repository; else nothing.
    fn find_root(&self, dir: &Path) -> Option<PathBuf> {
        let repository = match self.nearest(dir) {
            Nearest::Site(root) => return Some(root),
            Nearest::Repository(root) => Some(root),
            Nearest::Nothing => None,
        };
        let given = self.given.iter().filter(|g| dir.starts_with(g)).min_by_key(|g| g.components().count());
        given.cloned().or(repository)
    }

    /// The nearest site root or repository at or above `dir`, from the parent's answer.
    fn nearest(&self, dir: &Path) -> Nearest {
        if let Ok(cache) = self.nearest.lock()
            && let Some(found) = cache.get(dir)
        {
            return found.clone();
        }
        let found = if is_site_root(dir) {
            Nearest::Site(dir.to_path_buf())
        } else if dir.join(".git").exists() {
            Nearest::Repository(dir.to_path_buf())
        } else {
            match dir.parent() {
                Some(parent) if parent != dir => self.nearest(parent),
                _ => Nearest::Nothing,
            }
        };
        if let Ok(mut cache) = self.nearest.lock() {
            cache.insert(dir.to_path_buf(), found.clone());
        }
        found
    }

    fn build(&self, root: Option<&Path>, dir: &Path) -> Site {
        let boundary = self.boundary.clone().or_else(|| crate::bounded::boundary().ok());
        let read_roots = bounded::roots(root.into_iter().chain(boundary.as_deref()));
        let Some(root) = root else {
            let mut site = Site::detached(self.forced.unwrap_or_else(|| guess_from_path(dir)));
            site.kinds = Arc::clone(&self.kinds);
            site.read_roots = read_roots;
            return site;
        };
        let generator = self.forced.unwrap_or_else(|| detect_generator(root, dir, &read_roots));
        let mut site = Site::detached(generator);
        site.root = Some(root.to_path_buf());
        site.kinds = Arc::clone(&self.kinds);
        // The cache is written at the site root: only a root inside the repository.
        let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        site.cache_enabled = self.cache && boundary.as_ref().is_some_and(|b| canonical_root.starts_with(b));
        site.read_roots = read_roots;
        match generator {
            Generator::Jekyll => read_jekyll_config(root, &mut site),
            Generator::Hugo => read_hugo_config(root, &mut site),
            Generator::Zola => read_zola_config(root, &mut site),
            Generator::VuePress => site.vue_source = vue_source_folder(root, &site),
            Generator::Astro => site.astro_collections = astro_glob_collections(root, &site),
            Generator::Eleventy => {
                site.eleventy_input = eleventy_input_folder(root, &site);
                site.eleventy_ignore =
                    site.read_site_file(&root.join(".eleventyignore"), bounded::CONFIG).and_then(|text| {
                        ignore_globs(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')))
                    });
            }
            _ => {}
        }
        site
    }
}

/// Whether `dir` holds a generator's config: the root of a site.
pub fn is_site_root(dir: &Path) -> bool {
    ROOT_MARKERS.iter().any(|m| dir.join(m).is_file())
        || is_hugo_or_zola_root(dir)
        || is_hugo_config_dir(dir)
        // VitePress and VuePress keep their config in a folder: a one-file run (pre-commit,
        // the editor) must find the same site as a run over the whole repository.
        || [".vitepress", ".vuepress"].iter().any(|folder| dir.join(folder).is_dir())
}

fn is_hugo_or_zola_root(dir: &Path) -> bool {
    dir.join("config.toml").is_file() && dir.join("content").is_dir()
}

fn is_hugo_config_dir(dir: &Path) -> bool {
    dir.join("config").join("_default").is_dir() && dir.join("content").is_dir()
}

/// Zola's `config.toml` says `base_url`; Hugo's says `baseURL` (or `baseurl`).
fn is_zola(root: &Path, read_roots: &[PathBuf]) -> bool {
    bounded::read_to_string(&root.join("config.toml"), bounded::CONFIG, read_roots).is_ok_and(|text| {
        text.lines().any(|line| line.trim_start().starts_with("base_url"))
            || (root.join("templates").is_dir() && !root.join("layouts").is_dir())
    })
}

fn detect_generator(root: &Path, dir: &Path, read_roots: &[PathBuf]) -> Generator {
    let has = |name: &str| root.join(name).is_file();
    let vue_config_here = [".vuepress", ".vitepress"].iter().any(|folder| root.join(folder).is_dir());
    if has("_config.yml") || has("_config.yaml") || has("_config.toml") {
        Generator::Jekyll
    } else if vue_config_here {
        // Before `_posts`: VuePress's blog plugin keeps its posts there too.
        Generator::VuePress
    } else if root.join("_posts").is_dir() {
        Generator::Jekyll
    } else if ["hugo.toml", "hugo.yaml", "hugo.json"].iter().any(|m| has(m)) || is_hugo_config_dir(root) {
        Generator::Hugo
    } else if is_hugo_or_zola_root(root) {
        if is_zola(root, read_roots) { Generator::Zola } else { Generator::Hugo }
    } else if ["astro.config.mjs", "astro.config.ts", "astro.config.js"].iter().any(|m| has(m)) {
        Generator::Astro
    } else if [".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"]
        .iter()
        .any(|m| has(m))
    {
        Generator::Eleventy
    } else if is_vuepress(root, read_roots) {
        Generator::VuePress
    } else {
        guess_from_path(dir)
    }
}

/// A `.vuepress`/`.vitepress` config folder at the root or in its `docs`/`src` folder, or
/// a `package.json` that builds with either.
fn is_vuepress(root: &Path, read_roots: &[PathBuf]) -> bool {
    let config_dir = ["", "docs", "src"]
        .iter()
        .any(|folder| [".vuepress", ".vitepress"].iter().any(|name| root.join(folder).join(name).is_dir()));
    config_dir
        || bounded::read_to_string(&root.join("package.json"), bounded::CONFIG, read_roots)
            .is_ok_and(|text| text.contains("\"vuepress") || text.contains("\"vitepress"))
}

/// The folder VuePress/VitePress builds: `srcDir` in the VitePress config, else the
/// folder of `vitepress build X` / `vuepress build X` in `package.json`'s scripts, else
/// the `docs` or `src` folder that holds the config folder, else the root.
/// Astro 5's content layer: `defineCollection({ loader: glob({ pattern, base }) })` in
/// `src/content.config.ts` (or the older `src/content/config.ts`) reads a collection from
/// any folder (astro-paper keeps posts in `src/data/blog`). The base is a string, or a
/// template naming a `const` of the same file (`` `./${BLOG_PATH}` ``).
fn astro_glob_collections(root: &Path, site: &Site) -> Vec<(String, String)> {
    let names = [
        "src/content.config.ts",
        "src/content.config.mjs",
        "src/content.config.js",
        "src/content/config.ts",
        "src/content/config.mjs",
        "src/content/config.js",
    ];
    let Some(text) = names.iter().find_map(|name| site.read_site_file(&root.join(name), bounded::CONFIG)) else {
        return Vec::new();
    };
    parse_astro_collections(&text)
}

fn parse_astro_collections(text: &str) -> Vec<(String, String)> {
    static NAME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:const|let)\s+([A-Za-z_$][\w$]*)\s*=\s*$").unwrap_or_else(|e| unreachable!("{e}"))
    });
    static BASE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"base\s*:\s*(?:"([^"]*)"|'([^']*)'|`([^`]*)`)"#).unwrap_or_else(|e| unreachable!("{e}"))
    });
    let constant = |name: &str| -> Option<String> {
        let pattern = format!(r#"const\s+{}\s*=\s*["'`]([^"'`]*)["'`]"#, regex::escape(name));
        regex::Regex::new(&pattern).ok()?.captures(text).map(|c| c[1].to_string())
    };
    let mut found = Vec::new();
    let starts: Vec<usize> = text.match_indices("defineCollection(").map(|(at, _)| at).collect();
    for (number, &start) in starts.iter().enumerate() {
        // Each collection's text runs to the next `defineCollection(`: a base is never
        // taken from a neighbour.
        let end = starts.get(number + 1).copied().unwrap_or(text.len());
        let Some(name) = NAME.captures(text[..start].trim_end_matches([' ', '\t', '\n'])).map(|c| c[1].to_string())
        else {
            continue;
        };
        let body = &text[start..end];
        let Some(glob_at) = body.find("glob(") else { continue };
        let Some(base) = BASE.captures(&body[glob_at..]) else { continue };
        let raw = base.get(1).or(base.get(2)).or(base.get(3)).map_or("", |m| m.as_str());
        let mut folder = String::new();
        let mut rest = raw;
        while let Some(start) = rest.find("${") {
            folder.push_str(&rest[..start]);
            let Some(end) = rest[start..].find('}') else { break };
            let Some(value) = constant(rest[start + 2..start + end].trim()) else {
                folder.clear();
                rest = "";
                break;
            };
            folder.push_str(&value);
            rest = &rest[start + end + 1..];
        }
        folder.push_str(rest);
        let folder = folder.trim_start_matches("./").trim_end_matches('/').to_string();
        if !folder.is_empty() && !folder.contains("..") && !folder.starts_with('/') {
            found.push((folder, name));
        }
    }
    found
}

fn vue_source_folder(root: &Path, site: &Site) -> String {
    let config_dir = ["", "docs", "src"]
        .iter()
        .find(|folder| [".vuepress", ".vitepress"].iter().any(|name| root.join(folder).join(name).is_dir()));
    let from_config = config_dir.and_then(|folder| {
        let config = ["config.ts", "config.mts", "config.js", "config.mjs"]
            .iter()
            .find_map(|name| site.read_site_file(&root.join(folder).join(".vitepress").join(name), bounded::CONFIG))?;
        let after = &config[config.find("srcDir")? + "srcDir".len()..];
        let value = after.trim_start().strip_prefix(':')?.trim_start();
        let quote = value.chars().next().filter(|c| "'\"`".contains(*c))?;
        let inner = &value[1..];
        let dir = &inner[..inner.find(quote)?];
        Some(Path::new(folder).join(dir).to_string_lossy().into_owned())
    });
    let from_script = || {
        let text = site.read_site_file(&root.join("package.json"), bounded::CONFIG)?;
        let package: serde_json::Value = serde_json::from_str(&text).ok()?;
        package.get("scripts")?.as_object()?.values().filter_map(|v| v.as_str()).find_map(|script| {
            let words: Vec<&str> = script.split(|c: char| c.is_whitespace() || "&;|".contains(c)).collect();
            let at = words
                .windows(2)
                .position(|w| matches!(w[0], "vuepress" | "vitepress") && matches!(w[1], "build" | "dev"))?;
            // `vitepress build` alone builds the root.
            let folder = words.get(at + 2).filter(|w| !w.is_empty() && !w.starts_with('-')).unwrap_or(&".");
            Some(folder.to_string())
        })
    };
    from_config
        .or_else(from_script)
        .or_else(|| config_dir.map(|folder| folder.to_string()))
        .map(|folder| folder.trim_start_matches("./").trim_end_matches('/').to_string())
        .filter(|folder| !folder.split('/').any(|part| part == ".."))
        .map(|folder| if folder == "." { String::new() } else { folder })
        .unwrap_or_default()
}

fn guess_from_path(dir: &Path) -> Generator {
    let has = |name: &str| dir.components().any(|c| c.as_os_str() == name);
    if has("_posts") { Generator::Jekyll } else { Generator::None }
}

fn read_jekyll_config(root: &Path, site: &mut Site) {
    let found = ["_config.yml", "_config.yaml"]
        .iter()
        .map(|name| root.join(name))
        .find_map(|path| Some((site.read_site_file(&path, bounded::CONFIG)?, path)));
    if let Some((text, path)) = found
        && let Some(config) = parse_jekyll_config(site, &path, &text)
    {
        apply_jekyll_config(site, &config);
    }
    read_gemfile(root, site);
}

/// `_config.yml` as a tree, or `None` (noted as a problem of the site, at its position)
/// when it does not parse: Jekyll would not build the site, and rules that read it
/// (baseurl, defaults, collections) would silently go wrong.
fn parse_jekyll_config(site: &Site, path: &Path, text: &str) -> Option<Node> {
    let parsed = yaml::parse(text, 0);
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

fn apply_jekyll_config(site: &mut Site, config: &Node) {
    site.baseurl = config.get("baseurl").and_then(Node::as_str).unwrap_or("").trim_end_matches('/').to_string();
    site.url = config.get("url").and_then(Node::as_str).map(|u| u.trim_end_matches('/').to_string());
    site.permalink = config.get("permalink").and_then(Node::as_str).map(str::to_string);
    site.lang = config.get("lang").or_else(|| config.get("locale")).and_then(Node::as_str).map(str::to_string);
    site.plugins = ["plugins", "gems"]
        .iter()
        .filter_map(|key| config.get(key))
        .flat_map(|node| node.items().iter().filter_map(Node::as_str).map(str::to_string).collect::<Vec<_>>())
        .collect();
    site.jekyll_defaults = config.get("defaults").cloned();
    site.jekyll_collections = match config.get("collections").map(|c| &c.value) {
        Some(Value::Map(entries)) => entries.iter().map(|entry| entry.key.clone()).collect(),
        Some(Value::Seq(items)) => items.iter().filter_map(Node::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    };
    site.jekyll_exclude = exclude_globs(config.get("exclude"));
    if let Some(Value::Map(entries)) = config.get("collections").map(|c| &c.value) {
        site.jekyll_collection_permalinks = entries
            .iter()
            .filter_map(|entry| Some((entry.key.clone(), entry.value.get("permalink")?.as_str()?.to_string())))
            .collect();
    }
}

fn read_gemfile(root: &Path, site: &mut Site) {
    if let Some(gemfile) = site.read_site_file(&root.join("Gemfile"), bounded::CONFIG) {
        for line in gemfile.lines().map(str::trim).filter(|l| l.starts_with("gem ")) {
            if line.contains("\"jekyll\"") && (line.contains("~> 3") || line.contains("\"3.")) {
                site.jekyll3 = true;
            }
            // GitHub Pages builds with Jekyll 3 (its `github-pages` gem pins it).
            if line.contains("\"github-pages\"") || line.contains("'github-pages'") {
                site.jekyll3 = true;
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

const MAX_LAYOUT_DEPTH: usize = 10;

/// Jekyll's `exclude:` entries as globs: a name or path excludes it and everything under it.
fn exclude_globs(node: Option<&Node>) -> Option<globset::GlobSet> {
    ignore_globs(node?.items().iter().filter_map(Node::as_str))
}

/// Ignore-file style patterns as globs: a name or path ignores it and everything under it.
fn ignore_globs<'a>(patterns: impl Iterator<Item = &'a str>) -> Option<globset::GlobSet> {
    let mut builder = globset::GlobSetBuilder::new();
    let mut any = false;
    for pattern in patterns {
        let pattern = pattern.trim_start_matches("./").trim_start_matches('/').trim_end_matches('/');
        for glob in [pattern.to_string(), format!("{pattern}/**")] {
            if let Ok(glob) = globset::Glob::new(&glob) {
                builder.add(glob);
                any = true;
            }
        }
    }
    if any { builder.build().ok() } else { None }
}

/// A Hugo or Zola `config.toml` as a table, or `None` (noted at its position) when it
/// does not parse.
fn parse_toml_config(site: &Site, path: &Path, text: &str) -> Option<toml::Table> {
    match text.parse::<toml::Table>() {
        Ok(config) => Some(config),
        Err(error) => {
            let position = error.span().map(|span| {
                let at = crate::text::lines::LineIndex::new(text).position(text, span.start);
                (at.line, at.column)
            });
            let message = error.message().trim().to_string();
            site.note(SiteProblem {
                path: path.to_path_buf(),
                message: format!("invalid TOML: {message}; postlint ignores this config"),
                position,
            });
            None
        }
    }
}

fn read_zola_config(root: &Path, site: &mut Site) {
    let path = root.join("config.toml");
    let Some(text) = site.read_site_file(&path, bounded::CONFIG) else { return };
    let Some(config) = parse_toml_config(site, &path, &text) else { return };
    site.url = config.get("base_url").and_then(|v| v.as_str()).map(|u| u.trim_end_matches('/').to_string());
    site.lang = config.get("default_language").and_then(|v| v.as_str()).map(str::to_string);
}

fn read_hugo_config(root: &Path, site: &mut Site) {
    let found = ["hugo.toml", "config.toml", "config/_default/hugo.toml", "config/_default/config.toml"]
        .iter()
        .map(|name| root.join(name))
        .find_map(|path| Some((site.read_site_file(&path, bounded::CONFIG)?, path)));
    let Some((text, path)) = found else { return };
    let Some(config) = parse_toml_config(site, &path, &text) else { return };
    // Hugo's configuration keys are case-insensitive: `baseURL`, `baseurl`, `baseUrl`.
    let base_url = config.iter().find(|(key, _)| key.eq_ignore_ascii_case("baseurl")).and_then(|(_, v)| v.as_str());
    site.baseurl = base_url.unwrap_or("").trim_end_matches('/').to_string();
    site.lang = config.get("languageCode").and_then(|v| v.as_str()).map(str::to_string);
    site.hugo_unsafe_html = config
        .get("markup")
        .and_then(|m| m.get("goldmark"))
        .and_then(|g| g.get("renderer"))
        .and_then(|r| r.get("unsafe"))
        .and_then(|u| u.as_bool())
        .unwrap_or(false);
    site.hugo_content_dirs = hugo_content_dirs(root, site, &config);
}

/// Whether template code reads the front matter key `key` as a property (`page.canonical`,
/// `.Params.canonicalURL`, `data.canonical_url`): `rel="canonical"` names no key.
fn reads_key(text: &str, key: &str) -> bool {
    text.match_indices(key).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + key.len()..].chars().next();
        before == Some('.') && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Eleventy's input folder from its config (`input: "content"`) or the build script's
/// `--input=src`; `""` (the site root) when neither says.
fn eleventy_input_folder(root: &Path, site: &Site) -> String {
    static INPUT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?:\binput\s*:\s*|--input[= ])["'`]?([A-Za-z0-9_./-]+)"#).expect("a valid pattern")
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

/// A Hugo language's own content folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HugoContentDir {
    /// Site-relative, without a trailing `/` (`content/korean`).
    pub folder: String,
    pub language: String,
    /// Whether the language's URLs start with `/<language>/`.
    pub in_subdir: bool,
}

/// The content folders of a Hugo site's languages, from `languages` in its config or
/// `config/_default/languages.toml`.
fn hugo_content_dirs(root: &Path, site: &Site, config: &toml::Table) -> Vec<HugoContentDir> {
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
    let mut dirs: Vec<HugoContentDir> = languages
        .iter()
        .map(|(code, settings)| HugoContentDir {
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

/// Whether a YAML node is `true` (used for config flags).
pub fn is_true(node: Option<&Node>) -> bool {
    matches!(node.map(|n| &n.value), Some(Value::Bool(true)))
}

/// Directory listings read once per run, for exact, case-sensitive existence checks.
#[derive(Default, Debug)]
pub struct DirCache {
    listings: Mutex<HashMap<PathBuf, Arc<Listing>>>,
}

/// One folder's names, for exact lookups and case-insensitive ones in constant time (a
/// post with 4,000 images in a folder of 50,000 files must not compare every pair).
#[derive(Default, Debug)]
struct Listing {
    exact: std::collections::HashSet<String>,
    /// Lower-cased name → the name as it is on disk (the first, in name order).
    folded: HashMap<String, String>,
}

/// What a path lookup found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found,
    Missing,
    /// The file exists with different capitals: `Team-Photo.png` for `team-photo.png`.
    CaseMismatch(String),
}

impl DirCache {
    fn listing(&self, dir: &Path) -> Arc<Listing> {
        if let Ok(cache) = self.listings.lock()
            && let Some(listing) = cache.get(dir)
        {
            return Arc::clone(listing);
        }
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect()
            })
            .unwrap_or_default();
        names.sort();
        let mut folded = HashMap::with_capacity(names.len());
        for name in &names {
            folded.entry(name.to_lowercase()).or_insert_with(|| name.clone());
        }
        let listing = Arc::new(Listing { exact: names.into_iter().collect(), folded });
        if let Ok(mut cache) = self.listings.lock() {
            cache.insert(dir.to_path_buf(), Arc::clone(&listing));
        }
        listing
    }

    /// Looks a path up component by component, comparing names exactly as a Linux build
    /// server would, and noticing a case-only difference.
    pub fn lookup(&self, path: &Path) -> Lookup {
        let mut current = PathBuf::new();
        let mut case_fixed = PathBuf::new();
        let mut mismatch = false;
        for component in path.components() {
            use std::path::Component;
            match component {
                Component::Normal(name) => {
                    let name = name.to_string_lossy();
                    let dir = if current.as_os_str().is_empty() { PathBuf::from(".") } else { current.clone() };
                    let listing = self.listing(&dir);
                    // Walk on through the folder as it is on disk: `/ML/x.png` finds
                    // `ml/x.png` and says so.
                    let actual: String = if listing.exact.contains(name.as_ref()) {
                        name.to_string()
                    } else if let Some(other) = listing.folded.get(&name.to_lowercase()) {
                        mismatch = true;
                        other.to_string()
                    } else {
                        return Lookup::Missing;
                    };
                    case_fixed.push(&actual);
                    current.push(&actual);
                }
                other => {
                    current.push(other.as_os_str());
                    case_fixed.push(other.as_os_str());
                }
            }
        }
        if mismatch { Lookup::CaseMismatch(case_fixed.to_string_lossy().into_owned()) } else { Lookup::Found }
    }
}

#[cfg(test)]
mod astro_tests {
    #[test]
    fn astro_content_layer_collections_from_glob_loaders() {
        let config = r#"
import { glob, file } from "astro/loaders";
export const BLOG_PATH = "src/data/blog";
const authors = defineCollection({ loader: file("src/data/authors.json") });
const blog = defineCollection({
  loader: glob({ pattern: "**/[^_]*.md", base: `./${BLOG_PATH}` }),
  schema: z.object({ title: z.string() }),
});
const notes = defineCollection({ loader: glob({ base: './src/notes/', pattern: '**/*.mdx' }) });
export const collections = { blog, notes, authors };
"#;
        assert_eq!(
            super::parse_astro_collections(config),
            [("src/data/blog".to_string(), "blog".to_string()), ("src/notes".to_string(), "notes".to_string())]
        );
    }
}
