//! What a file is to its generator: a dated post, a page, a documentation page, a list
//! page, a template, or something the generator does not build at all; and which
//! language it is written in. One definition, used by the rules and the site index alike.
//!
//! SEO rules about lengths, dates and required keys are written for posts: a docs page
//! titled `Getenv` or a Hugo `_index.md` list page is not a defect. Generators say what
//! a post is by convention (Jekyll's `_posts/`, a Hugo `posts`/`blog` section, a dated
//! Zola page, an Astro `blog` collection); `posts = [globs]` and `pages = [globs]` in
//! `postlint.toml` say it where the convention does not.

use crate::document::front_matter::FrontMatter;
use crate::document::tree::{Node, Value};
use crate::site::Site;
use crate::text::dates;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// A dated article: every SEO rule applies.
    Post,
    /// A standalone page (about, contact, a landing page).
    Page,
    /// A documentation page: structure and link rules apply, post SEO rules do not.
    Doc,
    /// A list page (Hugo/Zola `_index.md`): mostly generated content.
    List,
    /// A template for new content (Hugo `archetypes/`), a layout or an include.
    Template,
    /// A file the generator does not render (excluded, no front matter in Jekyll,
    /// outside Hugo's `content/`, a headless bundle).
    Unbuilt,
}

impl PageKind {
    pub fn name(self) -> &'static str {
        match self {
            PageKind::Post => "post",
            PageKind::Page => "page",
            PageKind::Doc => "doc",
            PageKind::List => "list page",
            PageKind::Template => "template",
            PageKind::Unbuilt => "file the generator does not build",
        }
    }
}

/// Section and collection names that hold dated articles.
pub(in crate::site) const POST_SECTIONS: &[&str] =
    &["posts", "post", "blog", "blogs", "news", "articles", "article", "entries", "entry", "diary", "notes", "journal"];

/// The kind of the file at `relative` (site-relative, `/`-separated) on `site`.
pub fn kind_of(site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
    if let Some(kind) = site.configured_kind(relative) {
        return kind;
    }
    site.generator_kind(relative, front)
}

/// What no generator builds, whichever it is: the repository's own documents, and a page
/// whose `permalink: false` writes no file (Eleventy).
pub(in crate::site) fn unbuilt_anywhere(relative: &str, front: Option<&FrontMatter>) -> Option<PageKind> {
    let no_file = front.and_then(|f| f.get("permalink")).is_some_and(|p| matches!(p.value, Value::Bool(false)));
    (is_repository_document(relative) || no_file).then_some(PageKind::Unbuilt)
}

/// Whether the generator may build a page somewhere under the site-relative `folder`:
/// asked of the folders postlint skips by name when walking (`node_modules`, `vendor`,
/// `public`, `_site`), which it may skip only where the generator builds nothing — Jekyll
/// builds `_posts/vendor/` and `blog/node_modules/`, Hugo builds `content/public/`. The
/// answer is the model's own (`kind_of`) for a page with front matter in that folder.
/// A hidden folder is content only where the generator says it builds it (Jekyll's
/// `include:`), never `.git`; with no generator known, nothing is assumed built
/// there unless `postlint.toml`'s `posts`/`pages` say so.
pub fn builds_under(site: &Site, folder: &str) -> bool {
    let folder = folder.trim_matches('/');
    if segments(folder).any(|part| part.starts_with('.')) && !site.builds_hidden_folder(folder) {
        return false;
    }
    let probe = if folder.is_empty() { "page.md".to_string() } else { format!("{folder}/page.md") };
    if !site.models_a_generator() && site.configured_kind(&probe).is_none() {
        return false;
    }
    let (front, _) = crate::document::front_matter::split("---\ntitle: page\n---\n");
    !matches!(kind_of(site, &probe, front.as_ref()), PageKind::Unbuilt | PageKind::Template)
}

/// The repository's own documents (`README.md`, `CHANGELOG.md`, `CONTRIBUTING.md` …):
/// written for the repository's readers, not published as posts.
fn is_repository_document(relative: &str) -> bool {
    const NAMES: &[&str] = &[
        "README",
        "CHANGELOG",
        "CHANGES",
        "CONTRIBUTING",
        "LICENSE",
        "CODE_OF_CONDUCT",
        "SECURITY",
        "AUTHORS",
        "HISTORY",
        "NEWS",
        "SUPPORT",
        "GOVERNANCE",
        "AGENTS",
        "CLAUDE",
        "COPYING",
    ];
    let stem = file_stem(relative);
    let is_upper = stem.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c == '-');
    is_upper && NAMES.contains(&stem.to_ascii_uppercase().as_str())
}

fn segments(relative: &str) -> impl Iterator<Item = &str> {
    relative.split('/').filter(|s| !s.is_empty())
}

pub(in crate::site) fn file_stem(relative: &str) -> &str {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    name.split('.').next().unwrap_or(name)
}

/// The kind of a content file from its first section (after an optional language folder).
pub(in crate::site) fn section_kind(under_content: &str) -> PageKind {
    let mut parts: Vec<&str> = segments(under_content).collect();
    if parts.len() > 1 && language_code(parts[0]).is_some() {
        parts.remove(0);
    }
    match parts.as_slice() {
        [_file] => PageKind::Page,
        [section, ..] if POST_SECTIONS.contains(&section.to_ascii_lowercase().as_str()) => PageKind::Post,
        _ => PageKind::Doc,
    }
}

/// `2014/12/12/title` or `2014-12-12-title`: a URL path that carries a date.
pub(in crate::site) fn path_has_date(path: &str) -> bool {
    let digits = |part: Option<&str>, length: usize| {
        part.is_some_and(|p| p.len() == length && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut parts = path.split('/');
    let slashed = digits(parts.next(), 4) && digits(parts.next(), 2);
    slashed || dates::filename_date_prefix(path).is_some()
}

/// An Astro collection's entries by the collection's name: `blog`/`posts` hold posts,
/// `docs` documentation, anything else pages.
pub(in crate::site) fn collection_kind(name: &str) -> PageKind {
    // One collection per language (`blog_ja`, `blog-en`, `ja_blog`): the kind of the
    // name without its language code.
    let lower = name.to_ascii_lowercase();
    let without_language = lower
        .split_once(['_', '-'])
        .and_then(|(a, b)| match (language_code(a), language_code(b)) {
            (None, Some(_)) => Some(a),
            (Some(_), None) => Some(b),
            _ => None,
        })
        .unwrap_or(&lower);
    if POST_SECTIONS.contains(&without_language) {
        PageKind::Post
    } else if name == "docs" {
        PageKind::Doc
    } else {
        PageKind::Page
    }
}

/// The language a file is written in, from (in order) its front matter `lang`/`locale`/
/// `language`, a `.ja.md` suffix (Hugo, Zola), or a language folder (`ja/`,
/// `content/ja/`, `src/content/docs/ja/`, `zh_cn/`); `None` when nothing says.
pub fn language_of(relative: &str, front: Option<&FrontMatter>) -> Option<String> {
    front_matter_language(front).or_else(|| path_language(relative))
}

/// The language front matter names (`lang`, `locale`, `language`).
pub fn front_matter_language(front: Option<&FrontMatter>) -> Option<String> {
    front
        .and_then(|f| f.get("lang").or_else(|| f.get("locale")).or_else(|| f.get("language")))
        .and_then(Node::as_str)
        .filter(|l| !l.is_empty() && !l.contains("{{"))
        .map(normalize_language)
}

/// The language a path names: a `.ja.md` suffix or a language folder.
pub fn path_language(relative: &str) -> Option<String> {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    let pieces: Vec<&str> = name.split('.').collect();
    if pieces.len() >= 3
        && let Some(code) = language_code(pieces[pieces.len() - 2])
    {
        return Some(code);
    }
    let folders: Vec<&str> = segments(relative).collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    let start = match folders {
        ["src", "content", _, ..] => 3,
        ["src", "pages", ..] => 2,
        ["content", ..] => 1,
        _ => 0,
    };
    folders.get(start).and_then(|f| language_code(f))
}

fn normalize_language(lang: &str) -> String {
    lang.trim().replace('_', "-").to_ascii_lowercase()
}

/// ISO 639-1 codes (with an optional region: `pt-br`, `zh_cn`, `zh-Hant`) that sites use
/// as language folders or suffixes.
fn language_code(text: &str) -> Option<String> {
    let (language, region) = match text.split_once(['-', '_']) {
        Some((l, r)) => (l, Some(r)),
        None => (text, None),
    };
    let region_ok = region.is_none_or(|r| (2..=4).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric()));
    (region_ok && ISO_639_1.binary_search(&language).is_ok()).then(|| normalize_language(text))
}

/// Sorted, for binary search.
const ISO_639_1: &[&str] = &[
    "af", "am", "ar", "as", "az", "be", "bg", "bn", "bo", "br", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo",
    "es", "et", "eu", "fa", "fi", "fil", "fr", "ga", "gl", "gu", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja",
    "ka", "kk", "km", "kn", "ko", "ku", "ky", "lo", "lt", "lv", "mk", "ml", "mn", "mr", "ms", "my", "nb", "ne", "nl",
    "nn", "no", "or", "pa", "pl", "ps", "pt", "ro", "ru", "si", "sk", "sl", "sq", "sr", "sv", "sw", "ta", "te", "th",
    "tl", "tr", "uk", "ur", "uz", "vi", "yi", "zh",
];

/// The file's path with its language removed, so translations of one page share it:
/// `en/news/_posts/x.md` and `ja/news/_posts/x.md` → `news/_posts/x.md`.
pub fn translation_key(relative: &str, language: Option<&str>) -> String {
    let Some(language) = language else { return relative.to_string() };
    let mut parts: Vec<String> = Vec::new();
    for part in segments(relative) {
        if language_code(part).as_deref() == Some(language) {
            continue;
        }
        parts.push(part.to_string());
    }
    if let Some(name) = parts.last_mut() {
        let suffix = format!(".{language}.");
        if let Some(at) = name.to_ascii_lowercase().find(&suffix) {
            name.replace_range(at..at + suffix.len() - 1, "");
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::front_matter;
    use crate::site::GeneratorName;

    fn front(text: &str) -> Option<FrontMatter> {
        front_matter::split(text).0
    }

    #[test]
    fn language_codes_are_sorted_for_binary_search() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn jekyll_kinds() {
        let site = Site::detached(GeneratorName::parse("jekyll").flatten());
        let fm = front("---\ntitle: x\n---\n");
        assert_eq!(kind_of(&site, "en/news/_posts/2026-01-12-x.md", fm.as_ref()), PageKind::Post);
        assert_eq!(kind_of(&site, "_notes/setup.md", fm.as_ref()), PageKind::Unbuilt, "not a collection");
        assert_eq!(kind_of(&site, "_layouts/post.html", fm.as_ref()), PageKind::Template);
        assert_eq!(kind_of(&site, "about.md", fm.as_ref()), PageKind::Page);
        let retired = front("---\ntitle: x\npublished: false\n---\n");
        assert_eq!(kind_of(&site, "pages/about.md", retired.as_ref()), PageKind::Unbuilt, "a retired page");
        // Jekyll renders neither without `--unpublished` (checked with Jekyll 4.3).
        assert_eq!(
            kind_of(&site, "_posts/2026-01-12-x.md", retired.as_ref()),
            PageKind::Unbuilt,
            "an unpublished post"
        );
        assert_eq!(kind_of(&site, "README.md", None), PageKind::Unbuilt, "no front matter: copied, not rendered");
        assert_eq!(
            kind_of(&site, "docs/CHANGELOG.md", fm.as_ref()),
            PageKind::Unbuilt,
            "the repository's own document"
        );
        let eleventy = Site::detached(GeneratorName::parse("eleventy").flatten());
        let no_output = front("---\npermalink: false\n---\n");
        assert_eq!(kind_of(&eleventy, "src/docs/sidebar.md", no_output.as_ref()), PageKind::Unbuilt);
    }

    #[test]
    fn hugo_and_zola_kinds() {
        let hugo = Site::detached(GeneratorName::parse("hugo").flatten());
        assert_eq!(kind_of(&hugo, "content/en/functions/os/Getenv.md", None), PageKind::Doc);
        assert_eq!(kind_of(&hugo, "content/posts/x.md", None), PageKind::Post);
        assert_eq!(kind_of(&hugo, "content/ja/blog/x/index.md", None), PageKind::Post);
        assert_eq!(kind_of(&hugo, "content/posts/_index.md", None), PageKind::List);
        assert_eq!(kind_of(&hugo, "archetypes/default.md", None), PageKind::Template);
        assert_eq!(kind_of(&hugo, "README.md", None), PageKind::Unbuilt);
        let bundle = front("---\nheadless: true\n---\n");
        assert_eq!(kind_of(&hugo, "content/posts/x/index.md", bundle.as_ref()), PageKind::Unbuilt);
        let draft = front("---\ntitle: x\ndraft: true\n---\n");
        assert_eq!(
            kind_of(&hugo, "content/posts/x.md", draft.as_ref()),
            PageKind::Unbuilt,
            "not built without --buildDrafts"
        );
        let finished = front("---\ntitle: x\ndraft: false\n---\n");
        assert_eq!(kind_of(&hugo, "content/posts/x.md", finished.as_ref()), PageKind::Post);
        let zola = Site::detached(GeneratorName::parse("zola").flatten());
        let dated = front("+++\ntitle = \"x\"\ndate = 2026-01-12\n+++\n");
        assert_eq!(kind_of(&zola, "content/Rust-1.0.md", dated.as_ref()), PageKind::Post);
        assert_eq!(kind_of(&zola, "content/inside-rust/_index.md", dated.as_ref()), PageKind::List);
        assert_eq!(kind_of(&zola, "content/2026-01-12-x/index.md", None), PageKind::Post);
        assert_eq!(kind_of(&zola, "content/guide/intro.md", None), PageKind::Doc);
        let draft = front("+++\ntitle = \"x\"\ndraft = true\n+++\n");
        assert_eq!(kind_of(&zola, "content/blog/x.md", draft.as_ref()), PageKind::Unbuilt);
        let by_path = front("+++\npath = \"2014/12/12/1.0-Timeline\"\n+++\n");
        assert_eq!(kind_of(&zola, "content/1.0-Timeline.md", by_path.as_ref()), PageKind::Post);
    }

    #[test]
    fn astro_kinds() {
        let astro = Site::detached(GeneratorName::parse("astro").flatten());
        assert_eq!(kind_of(&astro, "src/content/docs/ja/guides/x.mdx", None), PageKind::Doc);
        assert_eq!(kind_of(&astro, "src/content/blog/x.md", None), PageKind::Post);
        assert_eq!(kind_of(&astro, "src/content/blog_ja/x.md", None), PageKind::Post, "one collection per language");
        assert_eq!(kind_of(&astro, "src/content/en-posts/x.md", None), PageKind::Post);
        assert_eq!(kind_of(&astro, "src/content/authors/x.md", None), PageKind::Page);
        assert_eq!(kind_of(&astro, "README.md", None), PageKind::Unbuilt);
    }

    #[test]
    fn languages_and_translation_keys() {
        assert_eq!(language_of("ja/news/_posts/x.md", None).as_deref(), Some("ja"));
        assert_eq!(language_of("zh_cn/news/_posts/x.md", None).as_deref(), Some("zh-cn"));
        assert_eq!(language_of("content/posts/x.ja.md", None).as_deref(), Some("ja"));
        assert_eq!(language_of("src/content/docs/ko/guides/x.mdx", None).as_deref(), Some("ko"));
        assert_eq!(language_of("content/en/functions/x.md", None).as_deref(), Some("en"));
        assert_eq!(language_of("_posts/x.md", None), None);
        assert_eq!(language_of("js/x.md", None), None, "not a language code");
        let fm = front("---\nlang: ja_JP\n---\n");
        assert_eq!(language_of("_posts/x.md", fm.as_ref()).as_deref(), Some("ja-jp"));
        assert_eq!(translation_key("en/news/_posts/x.md", Some("en")), "news/_posts/x.md");
        assert_eq!(translation_key("content/posts/x.ja.md", Some("ja")), "content/posts/x.md");
    }
}
