//! Astro, as its documentation describes it: <https://docs.astro.build/en/guides/content-collections/>
//! (`src/content/`, `glob({ base })` loaders in `src/content.config.ts`),
//! <https://docs.astro.build/en/basics/project-structure/> (`src/pages/`, `public/`),
//! <https://docs.astro.build/en/guides/images/> (images under `src/` are optimised,
//! `public/` is served as it is) and <https://docs.astro.build/en/guides/markdown-content/#heading-ids>
//! (github-slugger ids, unless a rehype plugin sets its own).

use std::path::Path;
use std::sync::OnceLock;

use super::{Adapter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::bounded;
use crate::document::front_matter::FrontMatter;
use crate::site::Site;
use crate::site::pages::{self, PageKind};
use crate::text::slug::Slugger;

pub(super) const CONFIGS: &[&str] = &["astro.config.mjs", "astro.config.ts", "astro.config.js"];

#[derive(Debug, Default)]
pub(in crate::site) struct Astro {
    /// Astro 5 content collections loaded with `glob({ base })` from folders outside
    /// `src/content/`: (site-relative folder, collection name).
    collections: Vec<(String, String)>,
    own_heading_ids: OnceLock<bool>,
}

impl Astro {
    pub(super) fn configure(root: &Path, site: &mut Site) -> Astro {
        Astro { collections: glob_collections(root, site), ..Astro::default() }
    }
}

impl Adapter for Astro {
    fn generator(&self) -> Generator {
        Generator::Astro
    }

    fn conventions(&self) -> Conventions {
        Conventions {
            slugger: Slugger::Github,
            fragments: FragmentMatch::Exact,
            relative_refs: RelativeRefs::PageUrl,
            extensionless_links_are_urls: true,
            kramdown: false,
            definition_term_ids: false,
            space_separated_lists: false,
            dated_post_file_names: false,
            dated_path_key: false,
            knows_every_url: false,
            required_keys_option: "astro",
            resolves_references: true,
        }
    }

    fn settings(&self) -> Vec<(&'static str, serde_json::Value)> {
        vec![("collections", serde_json::json!(self.collections))]
    }

    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        if let Some(kind) = pages::unbuilt_anywhere(relative, front) {
            return kind;
        }
        for (folder, name) in &self.collections {
            if relative.strip_prefix(folder.as_str()).is_some_and(|rest| rest.starts_with('/')) {
                return pages::collection_kind(name);
            }
        }
        if let Some(under) = relative.strip_prefix("src/content/") {
            return pages::collection_kind(under.split('/').next().unwrap_or(""));
        }
        if let Some(under) = relative.strip_prefix("src/pages/") {
            return match pages::section_kind(under) {
                PageKind::Post => PageKind::Post,
                _ => PageKind::Page,
            };
        }
        if relative.starts_with("src/") { PageKind::Template } else { PageKind::Unbuilt }
    }

    fn static_folders(&self, _site: &Site) -> Vec<String> {
        vec!["public".into()]
    }

    fn content_folders(&self, _site: &Site) -> Option<Vec<String>> {
        Some(vec!["src/content/docs".into(), "src/content".into(), "src/pages".into()])
    }

    /// A rehype plugin of the site's own that sets heading ids (`node.properties.id =
    /// mySlug(text)`): ids are not github-slugger's.
    fn makes_own_heading_ids(&self, site: &Site) -> bool {
        *self.own_heading_ids.get_or_init(|| {
            let Some(root) = site.root.as_ref() else { return false };
            CONFIGS.iter().any(|name| {
                site.read_site_file(&root.join(name), bounded::CONFIG)
                    .is_some_and(|code| code.contains("properties.id =") || code.contains("properties.id="))
            })
        })
    }

    fn heading_ids_unknown(&self, site: &Site) -> bool {
        self.makes_own_heading_ids(site)
    }

    fn optimises_image(&self, url: &str) -> bool {
        !url.starts_with('/')
    }
}

/// Astro 5's content layer: `defineCollection({ loader: glob({ pattern, base }) })` in
/// `src/content.config.ts` (or the older `src/content/config.ts`) reads a collection from
/// any folder (astro-paper keeps posts in `src/data/blog`). The base is a string, or a
/// template naming a `const` of the same file (`` `./${BLOG_PATH}` ``).
fn glob_collections(root: &Path, site: &Site) -> Vec<(String, String)> {
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
    parse_collections(&text)
}

fn parse_collections(text: &str) -> Vec<(String, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_loaded_from_other_folders() {
        let collections = vec![("src/data/blog".into(), "blog".into()), ("src/data/about".into(), "about".into())];
        let layer = Site::with_adapter(Box::new(Astro { collections, ..Astro::default() }));
        assert_eq!(pages::kind_of(&layer, "src/data/blog/2026/x.md", None), PageKind::Post);
        assert_eq!(pages::kind_of(&layer, "src/data/about/team.md", None), PageKind::Page);
        assert_eq!(pages::kind_of(&layer, "src/data/blogroll.md", None), PageKind::Template, "not inside the folder");
    }

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
            super::parse_collections(config),
            [("src/data/blog".to_string(), "blog".to_string()), ("src/notes".to_string(), "notes".to_string())]
        );
    }
}
