//! VuePress and VitePress, as their documentation describes them:
//! <https://vitepress.dev/guide/routing> (the source folder, `srcDir`, `index.md` and
//! `README.md` as a folder's page, links to `.md` files or their `.html` URLs),
//! <https://vitepress.dev/guide/asset-handling> (`public/` served at the root, relative
//! assets imported by the bundler), <https://vitepress.dev/reference/frontmatter-config>
//! (`layout: home`, the title from the first H1) and
//! <https://v2.vuepress.vuejs.org/guide/page.html> (`.vuepress/public`, `home: true`).

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
        VuePress { source: source_folder(root, site) }
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
            slugger: Slugger::Github,
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
        vec![("source", serde_json::json!(self.source))]
    }

    /// Everything in the source folder is built, `README.md` as its folder's index: its
    /// `.vuepress`/`.vitepress` folder is config and theme, `public/` is copied; a
    /// `home: true` / `layout: home` page is the generated landing page; `_posts/` (the
    /// blog plugin) and post sections hold posts, the rest are documentation.
    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        let under = if self.source.is_empty() {
            Some(relative)
        } else {
            relative.strip_prefix(self.source.as_str()).and_then(|rest| rest.strip_prefix('/'))
        };
        let Some(under) = under else { return PageKind::Unbuilt };
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
        let vue = Site::with_adapter(Box::new(VuePress { source: "src".to_string() }));
        let kind = |path: &str, front: Option<&FrontMatter>| pages::kind_of(&vue, path, front);
        assert_eq!(kind("articles/x.md", None), PageKind::Unbuilt, "outside the source folder");
        assert_eq!(kind("src/_posts/0a1b.md", None), PageKind::Post);
        assert_eq!(kind("src/guide/setup.md", None), PageKind::Doc);
        assert_eq!(kind("src/README.md", None), PageKind::Page, "the index page, built");
        assert_eq!(kind("src/.vuepress/theme/Layout.md", None), PageKind::Template);
        let home = crate::document::front_matter::split("---\nlayout: home\n---\n").0;
        assert_eq!(kind("src/index.md", home.as_ref()), PageKind::List);
    }
}
