//! The site a post belongs to: its root, its generator and the parts of the generator's
//! config that rules need. Found by walking up from the post, once per directory.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::document::front_matter;
use crate::document::tree::{Node, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    Jekyll,
    Hugo,
    Astro,
    None,
}

impl Generator {
    pub fn parse(text: &str) -> Option<Option<Generator>> {
        Some(match text {
            "auto" => None,
            "jekyll" => Some(Generator::Jekyll),
            "hugo" => Some(Generator::Hugo),
            "astro" => Some(Generator::Astro),
            "none" => Some(Generator::None),
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Generator::Jekyll => "jekyll",
            Generator::Hugo => "hugo",
            Generator::Astro => "astro",
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
    /// Every post and page of the site, from front matter only; built on first use.
    index: std::sync::OnceLock<crate::site::SiteIndex>,
    /// Exact, case-sensitive file lookups under the site root.
    pub files: DirCache,
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
            index: std::sync::OnceLock::new(),
            files: DirCache::default(),
        }
    }

    /// The index of every post and page of the site (front matter only), built once.
    pub fn index(&self) -> Option<&crate::site::SiteIndex> {
        let root = self.root.as_ref()?;
        Some(self.index.get_or_init(|| crate::site::SiteIndex::build(root, self)))
    }

    /// The Jekyll layout a post at `path` (relative to the site root) uses: its own
    /// `layout:`, else the last matching `defaults` entry of `_config.yml`.
    pub fn default_layout(&self, relative_path: &str, is_post: bool) -> Option<String> {
        let defaults = self.jekyll_defaults.as_ref()?;
        let mut layout = None;
        for entry in defaults.items() {
            let scope = entry.get("scope");
            let path = scope.and_then(|s| s.get("path")).and_then(Node::as_str).unwrap_or("");
            let kind = scope.and_then(|s| s.get("type")).and_then(Node::as_str);
            let path_matches = path.is_empty() || relative_path.starts_with(path.trim_start_matches("./"));
            let kind_matches = kind.is_none_or(|k| k == "posts" && is_post || k == "pages" && !is_post);
            if path_matches
                && kind_matches
                && let Some(name) = entry.get("values").and_then(|v| v.get("layout")).and_then(Node::as_str)
            {
                layout = Some(name.to_string());
            }
        }
        layout
    }

    /// Whether a Jekyll layout renders jekyll-seo-tag's `{% seo %}`, following its
    /// parent layouts and `{% include %}`s.
    pub fn layout_renders_seo(&self, layout: &str) -> bool {
        if let Ok(cache) = self.seo_layouts.lock()
            && let Some(known) = cache.get(layout)
        {
            return *known;
        }
        let found = self.root.as_ref().is_some_and(|root| layout_has_seo(root, layout, 0));
        if let Ok(mut cache) = self.seo_layouts.lock() {
            cache.insert(layout.to_string(), found);
        }
        found
    }

    pub fn has_plugin(&self, name: &str) -> bool {
        self.plugins.iter().any(|p| p == name)
    }
}

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
];

/// Finds sites, caching by directory so 10,000 posts cost one walk up.
#[derive(Default)]
pub struct Sites {
    by_dir: Mutex<HashMap<PathBuf, Arc<Site>>>,
    forced: Option<Generator>,
}

impl Sites {
    pub fn new(forced: Option<Generator>) -> Sites {
        Sites { by_dir: Mutex::new(HashMap::new()), forced }
    }

    pub fn for_file(&self, file: &Path) -> Arc<Site> {
        let dir = file.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if let Ok(cache) = self.by_dir.lock()
            && let Some(site) = cache.get(&dir)
        {
            return Arc::clone(site);
        }
        let site = Arc::new(self.detect(&dir));
        if let Ok(mut cache) = self.by_dir.lock() {
            cache.insert(dir, Arc::clone(&site));
        }
        site
    }

    fn detect(&self, dir: &Path) -> Site {
        let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        let mut root = None;
        for ancestor in absolute.ancestors() {
            if ROOT_MARKERS.iter().any(|m| ancestor.join(m).is_file()) || is_hugo_root(ancestor) {
                root = Some(ancestor.to_path_buf());
                break;
            }
            if ancestor.join(".git").exists() {
                root = Some(ancestor.to_path_buf());
                break;
            }
        }
        let Some(root) = root else {
            let generator = self.forced.unwrap_or_else(|| guess_from_path(&absolute));
            return Site::detached(generator);
        };
        let generator = self.forced.unwrap_or_else(|| detect_generator(&root, &absolute));
        let mut site = Site::detached(generator);
        site.root = Some(root.clone());
        match generator {
            Generator::Jekyll => read_jekyll_config(&root, &mut site),
            Generator::Hugo => read_hugo_config(&root, &mut site),
            _ => {}
        }
        site
    }
}

fn is_hugo_root(dir: &Path) -> bool {
    dir.join("config.toml").is_file() && dir.join("content").is_dir()
}

fn detect_generator(root: &Path, dir: &Path) -> Generator {
    if root.join("_config.yml").is_file()
        || root.join("_config.yaml").is_file()
        || root.join("_config.toml").is_file()
        || root.join("_posts").is_dir()
    {
        Generator::Jekyll
    } else if ["hugo.toml", "hugo.yaml", "hugo.json"].iter().any(|m| root.join(m).is_file()) || is_hugo_root(root) {
        Generator::Hugo
    } else if ["astro.config.mjs", "astro.config.ts", "astro.config.js"].iter().any(|m| root.join(m).is_file()) {
        Generator::Astro
    } else {
        guess_from_path(dir)
    }
}

fn guess_from_path(dir: &Path) -> Generator {
    let has = |name: &str| dir.components().any(|c| c.as_os_str() == name);
    if has("_posts") { Generator::Jekyll } else { Generator::None }
}

fn read_jekyll_config(root: &Path, site: &mut Site) {
    let Ok(text) = std::fs::read_to_string(root.join("_config.yml"))
        .or_else(|_| std::fs::read_to_string(root.join("_config.yaml")))
    else {
        return;
    };
    let wrapped = format!("---\n{text}\n---\n");
    let (front_matter, _) = front_matter::split(&wrapped);
    let Some(config) = front_matter.and_then(|fm| fm.root) else {
        return;
    };
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
    if let Ok(gemfile) = std::fs::read_to_string(root.join("Gemfile")) {
        for line in gemfile.lines().map(str::trim).filter(|l| l.starts_with("gem ")) {
            if line.contains("\"jekyll\"") && (line.contains("~> 3") || line.contains("\"3.")) {
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

fn layout_has_seo(root: &Path, layout: &str, depth: usize) -> bool {
    if depth > MAX_LAYOUT_DEPTH || layout.contains("..") {
        return false;
    }
    let text = ["html", "md", "liquid"]
        .iter()
        .find_map(|ext| std::fs::read_to_string(root.join("_layouts").join(format!("{layout}.{ext}"))).ok());
    let Some(text) = text else { return false };
    if template_has_seo(root, &text, depth) {
        return true;
    }
    let (front_matter, _) = front_matter::split(&text);
    let parent = front_matter.and_then(|fm| fm.str_value("layout").map(str::to_string));
    parent.is_some_and(|parent| layout_has_seo(root, &parent, depth + 1))
}

/// Whether template text holds `{% seo %}` itself or in an included file.
fn template_has_seo(root: &Path, text: &str, depth: usize) -> bool {
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
                if let Ok(included) = std::fs::read_to_string(root.join("_includes").join(name))
                    && template_has_seo(root, &included, depth + 1)
                {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

fn read_hugo_config(root: &Path, site: &mut Site) {
    let text = ["hugo.toml", "config.toml"].iter().find_map(|name| std::fs::read_to_string(root.join(name)).ok());
    let Some(text) = text else { return };
    let Ok(config) = text.parse::<toml::Table>() else {
        return;
    };
    site.baseurl = config.get("baseURL").and_then(|v| v.as_str()).unwrap_or("").trim_end_matches('/').to_string();
    site.lang = config.get("languageCode").and_then(|v| v.as_str()).map(str::to_string);
    site.hugo_unsafe_html = config
        .get("markup")
        .and_then(|m| m.get("goldmark"))
        .and_then(|g| g.get("renderer"))
        .and_then(|r| r.get("unsafe"))
        .and_then(|u| u.as_bool())
        .unwrap_or(false);
}

/// Whether a YAML node is `true` (used for config flags).
pub fn is_true(node: Option<&Node>) -> bool {
    matches!(node.map(|n| &n.value), Some(Value::Bool(true)))
}

/// Directory listings read once per run, for exact, case-sensitive existence checks.
#[derive(Default, Debug)]
pub struct DirCache {
    listings: Mutex<HashMap<PathBuf, Arc<Vec<String>>>>,
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
    fn listing(&self, dir: &Path) -> Arc<Vec<String>> {
        if let Ok(cache) = self.listings.lock()
            && let Some(listing) = cache.get(dir)
        {
            return Arc::clone(listing);
        }
        let names: Vec<String> = std::fs::read_dir(dir)
            .map(|entries| {
                entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect()
            })
            .unwrap_or_default();
        let listing = Arc::new(names);
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
                    if listing.iter().any(|n| *n == name) {
                        case_fixed.push(name.as_ref());
                    } else if let Some(other) = listing
                        .iter()
                        .find(|n| n.eq_ignore_ascii_case(&name) || n.to_lowercase() == name.to_lowercase())
                    {
                        mismatch = true;
                        case_fixed.push(other);
                    } else {
                        return Lookup::Missing;
                    }
                    current.push(name.as_ref());
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
