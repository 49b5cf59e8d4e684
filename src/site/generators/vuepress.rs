//! VuePress and VitePress, as their documentation describes them:
//! <https://vitepress.dev/guide/routing> (the source folder, `srcDir`, `index.md` and
//! `README.md` as a folder's page, links to `.md` files or their `.html` URLs),
//! <https://vitepress.dev/guide/asset-handling> (`public/` served at the root, relative
//! assets imported by the bundler), <https://vitepress.dev/reference/frontmatter-config>
//! (`layout: home`, the title from the first H1), <https://vitepress.dev/reference/site-config>
//! (`srcDir`, `base`, `cleanUrls`, `rewrites`) and
//! <https://v2.vuepress.vuejs.org/guide/page.html> (`.vuepress/public`, `home: true`,
//! `README.md` as a folder's page, front matter `permalink`).
//!
//! Page URLs: a file's path in the source folder with `.html` (`guide/setup.md` →
//! `/guide/setup.html`), without it under `cleanUrls: true`; `index.md` is its folder's
//! URL. The config is JavaScript that a pull request controls: it is read for literal
//! values, never run; a computed `srcDir`, `base` or `cleanUrls`, or `rewrites`, leaves
//! page URLs unknown.

use std::path::{Path, PathBuf};

use super::{Adapter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::bounded;
use crate::document::Document;
use crate::document::front_matter::FrontMatter;
use crate::document::tree::{Node, Value};
use crate::site::Site;
use crate::site::pages::{self, PageKind};
use crate::text::slug::Slugger;
use crate::text::urls::percent_decode;

#[derive(Debug, Default)]
pub(in crate::site) struct VuePress {
    /// The source folder (`docs` in `vitepress build docs`), site-relative, `""` for the
    /// root: nothing outside it is built.
    source: String,
    /// VitePress (a `.vitepress` folder), rather than VuePress.
    vitepress: bool,
    /// `cleanUrls: true`: pages are served without `.html`.
    clean_urls: bool,
    /// Why page URLs are not known, when they are not (`rewrites`, a computed value).
    urls_unknown: Option<&'static str>,
}

/// A `.vuepress`/`.vitepress` config folder at the root or in its `docs`/`src` folder, or
/// a `package.json` that builds with either.
pub(super) fn is_vuepress(root: &Path, read_roots: &[PathBuf]) -> bool {
    let config_dir = ["", "docs", "src"]
        .iter()
        .any(|folder| [".vuepress", ".vitepress"].iter().any(|name| root.join(folder).join(name).is_dir()));
    config_dir
        || bounded::read_to_string(&root.join("package.json"), bounded::CONFIG, read_roots)
            .is_ok_and(|text| text.contains("\"vuepress") || text.contains("\"vitepress"))
}

impl VuePress {
    pub(super) fn configure(root: &Path, site: &mut Site) -> VuePress {
        let config = config_text(root, site);
        let vitepress = match &config {
            Some((folder, _)) => folder.ends_with(".vitepress"),
            None => site
                .read_site_file(&root.join("package.json"), bounded::CONFIG)
                .is_some_and(|text| text.contains("\"vitepress")),
        };
        let text = config.as_ref().map_or("", |(_, text)| text.as_str());
        // Top-level keys come before `themeConfig`, whose sidebar groups have a `base` too.
        let top = text.find("themeConfig").map_or(text, |at| &text[..at]);
        let mut urls_unknown = None;
        let clean_urls = match literal(top, "cleanUrls") {
            Literal::Absent => false,
            Literal::Value(value) if value == "true" => true,
            Literal::Value(value) if value == "false" => false,
            _ => {
                urls_unknown = Some("cleanUrls is computed");
                false
            }
        };
        match literal(top, "base") {
            Literal::Absent => {}
            Literal::Text(base) => site.baseurl = base.trim_end_matches('/').to_string(),
            _ => urls_unknown = Some("base is computed"),
        }
        if matches!(literal(top, "srcDir"), Literal::Value(_) | Literal::Computed) {
            urls_unknown = Some("srcDir is computed");
        }
        if text.contains("rewrites") {
            urls_unknown = Some("rewrites map source files to other URLs");
        }
        VuePress { source: source_folder(root, site), vitepress, clean_urls, urls_unknown }
    }

    /// The path inside the source folder, when the file is in it.
    fn under_source<'r>(&self, relative: &'r str) -> Option<&'r str> {
        if self.source.is_empty() {
            return Some(relative);
        }
        relative.strip_prefix(self.source.as_str())?.strip_prefix('/')
    }

    fn joined(&self, folder: &str) -> String {
        match (self.source.is_empty(), folder.is_empty()) {
            (true, _) => folder.to_string(),
            (false, true) => self.source.clone(),
            (false, false) => format!("{}/{folder}", self.source),
        }
    }
}

impl Adapter for VuePress {
    fn generator(&self) -> Generator {
        Generator::VuePress
    }

    fn conventions(&self) -> Conventions {
        Conventions {
            slugger: Slugger::Vue,
            fragments: FragmentMatch::LettersAndDigits,
            relative_refs: RelativeRefs::SourceFolder,
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

    fn settings(&self) -> Vec<(&'static str, serde_json::Value)> {
        vec![
            ("source", serde_json::json!(self.source)),
            ("flavor", serde_json::json!(if self.vitepress { "vitepress" } else { "vuepress" })),
            ("clean_urls", serde_json::json!(self.clean_urls)),
            ("urls_unknown", serde_json::json!(self.urls_unknown)),
        ]
    }

    /// `guide/setup.md` in the source folder is `/guide/setup.html` (`/guide/setup` with
    /// `cleanUrls`), `index.md` (and VuePress's `README.md`) its folder; VuePress reads a
    /// front matter `permalink`. Dynamic routes (`[id].md`) and VuePress blog posts are
    /// made by code: unknown.
    fn url_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>, _is_post: bool) -> Option<String> {
        if self.urls_unknown.is_some() {
            return None;
        }
        let under = self.under_source(relative)?;
        if under.contains('[') {
            return None;
        }
        if !self.vitepress {
            if let Some(permalink) = front.and_then(|f| f.get("permalink")) {
                return permalink.as_str().filter(|p| !p.contains(':')).map(percent_decode);
            }
            if under.split('/').any(|d| d == "_posts") {
                return None;
            }
        }
        let (dir, file) = under.rsplit_once('/').unwrap_or(("", under));
        let stem = file.strip_suffix(".md")?;
        if stem == "index" || (!self.vitepress && stem.eq_ignore_ascii_case("readme")) {
            return Some(if dir.is_empty() { "/".to_string() } else { format!("/{dir}/") });
        }
        let path = if dir.is_empty() { stem.to_string() } else { format!("{dir}/{stem}") };
        Some(if self.clean_urls { format!("/{path}") } else { format!("/{path}.html") })
    }

    /// The adapter reads `permalink` (VuePress) or ignores it (VitePress has none).
    fn reads_own_permalinks(&self) -> bool {
        true
    }

    fn markup(&self) -> crate::document::mask::Markup {
        super::gray_matter_markup()
    }

    /// Every Markdown file in the source folder is a page, front matter or not.
    fn builds_without_front_matter(&self) -> bool {
        true
    }

    /// Everything in the source folder is built, `README.md` as its folder's index: its
    /// `.vuepress`/`.vitepress` folder is config and theme, `public/` is copied; a
    /// `home: true` / `layout: home` page is the generated landing page; `_posts/` (the
    /// blog plugin) and post sections hold posts, the rest are documentation.
    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        let Some(under) = self.under_source(relative) else { return PageKind::Unbuilt };
        let mut segments = under.split('/').filter(|s| !s.is_empty());
        if segments.clone().any(|d| d == ".vuepress" || d == ".vitepress" || d == "node_modules") {
            return PageKind::Template;
        }
        if segments.next() == Some("public") {
            return PageKind::Unbuilt;
        }
        let landing = front.is_some_and(|f| {
            f.get("home").is_some_and(|h| matches!(h.value, Value::Bool(true)))
                || f.get("layout").and_then(Node::as_str) == Some("home")
        });
        if landing {
            return PageKind::List;
        }
        if under.split('/').any(|d| d == "_posts") {
            return PageKind::Post;
        }
        pages::section_kind(under)
    }

    /// VuePress serves `.vuepress/public`, VitePress `public`, in the source folder.
    fn static_folders(&self, _site: &Site) -> Vec<String> {
        vec![self.joined(".vuepress/public"), self.joined("public")]
    }

    fn content_folders(&self, _site: &Site) -> Option<Vec<String>> {
        Some(vec![self.source.clone()])
    }

    /// `./setup#a` and `../guide/setup.html#a` name the source file with `.md`.
    fn page_link_target(&self, _site: &Site, page: &Path, before: &str) -> Option<PathBuf> {
        let path = percent_decode(before.split('?').next().unwrap_or(before));
        let path = path.strip_suffix(".html").unwrap_or(&path).trim_end_matches('/');
        let dir = page.parent()?;
        [format!("{path}.md"), format!("{path}/index.md"), format!("{path}/README.md")]
            .into_iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    }

    /// VuePress and VitePress take a page's title from its first H1.
    fn supplies_key(&self, _site: &Site, doc: &Document<'_>, _relative: &str, _is_post: bool, key: &str) -> bool {
        key == "title" && doc.outline.headings.iter().any(|h| h.level == 1)
    }
}

/// The config folder (`docs/.vitepress`, site-relative) and its config file's text.
fn config_text(root: &Path, site: &Site) -> Option<(String, String)> {
    ["", "docs", "src"].iter().find_map(|folder| {
        [".vitepress", ".vuepress"].iter().find_map(|name| {
            let dir = Path::new(folder).join(name);
            ["config.ts", "config.mts", "config.js", "config.mjs", "config.cjs"].iter().find_map(|file| {
                let text = site.read_site_file(&root.join(&dir).join(file), bounded::CONFIG)?;
                Some((dir.to_string_lossy().into_owned(), text))
            })
        })
    })
}

/// A config key's value as written.
#[derive(Debug, PartialEq)]
enum Literal {
    Absent,
    /// A quoted string without interpolation.
    Text(String),
    /// A bare word (`true`, `false`, a number).
    Value(String),
    /// An expression: unknown without running the config.
    Computed,
}

/// The value of the first `key:` in `config` (a JavaScript object literal, read as text).
fn literal(config: &str, key: &str) -> Literal {
    let Ok(pattern) = regex::Regex::new(&format!(r"(?:^|[^A-Za-z0-9_$.]){key}\s*:\s*")) else {
        return Literal::Computed;
    };
    let Some(at) = pattern.find(config) else { return Literal::Absent };
    let value = &config[at.end()..];
    if let Some(quote) = value.chars().next().filter(|c| "'\"`".contains(*c)) {
        let inner = &value[1..];
        return match inner.find(quote) {
            Some(end) if !inner[..end].contains("${") && !inner[..end].contains('\\') => {
                Literal::Text(inner[..end].to_string())
            }
            _ => Literal::Computed,
        };
    }
    let word: String = value.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.').collect();
    let end = value[word.len()..].trim_start().chars().next();
    match (word.as_str(), end) {
        ("true" | "false", None | Some(',' | '}' | '\n')) => Literal::Value(word),
        _ => Literal::Computed,
    }
}

/// The folder VuePress/VitePress builds: `srcDir` in the VitePress config, else the
/// folder of `vitepress build X` / `vuepress build X` in `package.json`'s scripts, else
/// the `docs` or `src` folder that holds the config folder, else the root.
fn source_folder(root: &Path, site: &Site) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vuepress_kinds() {
        let vue = Site::with_adapter(Box::new(VuePress { source: "src".to_string(), ..VuePress::default() }));
        let kind = |path: &str, front: Option<&FrontMatter>| pages::kind_of(&vue, path, front);
        assert_eq!(kind("articles/x.md", None), PageKind::Unbuilt, "outside the source folder");
        assert_eq!(kind("src/_posts/0a1b.md", None), PageKind::Post);
        assert_eq!(kind("src/guide/setup.md", None), PageKind::Doc);
        assert_eq!(kind("src/README.md", None), PageKind::Page, "the index page, built");
        assert_eq!(kind("src/.vuepress/theme/Layout.md", None), PageKind::Template);
        let home = crate::document::front_matter::split("---\nlayout: home\n---\n").0;
        assert_eq!(kind("src/index.md", home.as_ref()), PageKind::List);
    }

    #[test]
    fn vitepress_urls_are_source_paths_with_html() {
        let adapter = |clean_urls: bool, vitepress: bool| {
            Site::with_adapter(Box::new(VuePress { source: "docs".into(), vitepress, clean_urls, urls_unknown: None }))
        };
        let url = |site: &Site, path: &str| site.generator_url(path, None, false);
        let vite = adapter(false, true);
        assert_eq!(url(&vite, "docs/guide/setup.md").as_deref(), Some("/guide/setup.html"));
        assert_eq!(url(&vite, "docs/guide/index.md").as_deref(), Some("/guide/"));
        assert_eq!(url(&vite, "docs/index.md").as_deref(), Some("/"));
        assert_eq!(url(&vite, "docs/guide/README.md").as_deref(), Some("/guide/README.html"), "not special");
        assert_eq!(url(&vite, "docs/items/[id].md"), None, "a dynamic route");
        assert_eq!(url(&vite, "notes/x.md"), None, "outside the source folder");
        let clean = adapter(true, true);
        assert_eq!(url(&clean, "docs/guide/setup.md").as_deref(), Some("/guide/setup"));
        assert_eq!(url(&clean, "docs/guide/index.md").as_deref(), Some("/guide/"));
        let vuepress = adapter(false, false);
        assert_eq!(url(&vuepress, "docs/guide/README.md").as_deref(), Some("/guide/"));
        let front = crate::document::front_matter::split("---\npermalink: /tea/green/\n---\n").0;
        assert_eq!(vuepress.generator_url("docs/guide/a.md", front.as_ref(), false).as_deref(), Some("/tea/green/"));
        assert_eq!(
            vite.generator_url("docs/guide/a.md", front.as_ref(), false).as_deref(),
            Some("/guide/a.html"),
            "VitePress has no permalink key"
        );
        let rewritten = Site::with_adapter(Box::new(VuePress {
            source: String::new(),
            vitepress: true,
            clean_urls: false,
            urls_unknown: Some("rewrites"),
        }));
        assert_eq!(url(&rewritten, "guide/setup.md"), None);
    }

    #[test]
    fn config_literals_are_read_and_expressions_are_not() {
        assert_eq!(literal("export default { cleanUrls: true }", "cleanUrls"), Literal::Value("true".into()));
        assert_eq!(literal("export default { cleanUrls: !dev }", "cleanUrls"), Literal::Computed);
        assert_eq!(literal("{ base: '/tea/' }", "base"), Literal::Text("/tea/".into()));
        assert_eq!(literal("{ base: `/${repo}/` }", "base"), Literal::Computed);
        assert_eq!(literal("{ base: process.env.BASE }", "base"), Literal::Computed);
        assert_eq!(literal("{ database: 'x' }", "base"), Literal::Absent);
        assert_eq!(literal("{ title: 'x' }", "base"), Literal::Absent);
    }
}
