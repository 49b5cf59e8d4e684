//! One adapter per static-site generator, behind one trait: the only place in postlint
//! that knows which generator built a site.
//!
//! Each adapter reads its generator's configuration and answers, from the generator's own
//! documentation, what rules need to know: which files are built and as what, each page's
//! URL, where a local reference resolves, how headings get their ids, which markup is
//! code, which front matter keys the generator and its plugins read, and what its
//! templates render. The site model (`Site`) asks the adapter; rules ask the site model
//! and never learn which generator it was. `Generator` is private to `site`, so a rule
//! cannot name one.
//!
//! Adding a generator: a module here, its fixture site under `fixtures/generators/`, and
//! one line in `REGISTRY`.

mod astro;
mod docusaurus;
mod eleventy;
mod hexo;
mod hugo;
mod jekyll;
mod mkdocs;
mod ruby_fnmatch;
mod unknown;
mod vuepress;
mod zola;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::document::front_matter::FrontMatter;
use crate::site::Site;
use crate::site::pages::PageKind;
use crate::text::lines::Span;
use crate::text::slug::Slugger;

/// A folder written in a generator's config, relative to the config's folder and
/// normalized (`./docs/` → `docs`, `a/../b` → `b`); `None` when it is absolute or leaves
/// that folder.
pub(in crate::site) fn site_relative_folder(written: &str) -> Option<String> {
    if written.starts_with('/') || written.contains('\\') || written.contains(':') {
        return None;
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in written.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// How generators whose front matter is read by gray-matter (Eleventy, Docusaurus,
/// VitePress) read Markdown: front matter ends at the first line starting with `---`
/// (`-----------` too), as gray-matter's `indexOf("\n---")` finds it.
pub(in crate::site) fn gray_matter_markup() -> crate::document::mask::Markup {
    crate::document::mask::Markup {
        front_matter_close: crate::document::mask::FenceClose::LineStart,
        ..crate::document::mask::Markup::default()
    }
}

/// The generators postlint models. Private to `site`: rules ask the site model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(in crate::site) enum Generator {
    Jekyll,
    Hugo,
    Zola,
    Astro,
    Eleventy,
    /// VuePress or VitePress: the site is one source folder (`vuepress build src`).
    VuePress,
    /// MkDocs, with Material for MkDocs and its blog plugin.
    MkDocs,
    Hexo,
    /// Docusaurus with its docs, blog and pages plugins.
    Docusaurus,
    /// Markdown read as GitHub shows it: `generator = "none"`, or a file in no site.
    Plain,
    /// A site whose generator postlint does not recognise: where its references lead and
    /// how it makes ids are unknown, so they are not judged.
    Unknown,
}

/// Names a user may write for each generator (`generator = "…"`, `--generator …`); the
/// first is the canonical one.
const REGISTRY: &[(Generator, &[&str])] = &[
    (Generator::Jekyll, &["jekyll"]),
    (Generator::Hugo, &["hugo"]),
    (Generator::Zola, &["zola"]),
    (Generator::Astro, &["astro"]),
    (Generator::Eleventy, &["eleventy", "11ty"]),
    (Generator::VuePress, &["vuepress", "vitepress"]),
    (Generator::MkDocs, &["mkdocs"]),
    (Generator::Hexo, &["hexo"]),
    (Generator::Docusaurus, &["docusaurus"]),
    (Generator::Plain, &["none"]),
];

impl Generator {
    pub(in crate::site) fn name(self) -> &'static str {
        REGISTRY.iter().find(|(g, _)| *g == self).map_or("unknown", |(_, names)| names[0])
    }

    /// The adapter with no configuration read (a detached site, the rulebook's examples).
    pub(in crate::site) fn adapter(self) -> Box<dyn Adapter> {
        match self {
            Generator::Jekyll => Box::new(jekyll::Jekyll::default()),
            Generator::Hugo => Box::new(hugo::Hugo::default()),
            Generator::Zola => Box::new(zola::Zola::default()),
            Generator::Astro => Box::new(astro::Astro::default()),
            Generator::Eleventy => Box::new(eleventy::Eleventy::default()),
            Generator::VuePress => Box::new(vuepress::VuePress::default()),
            Generator::MkDocs => Box::new(mkdocs::MkDocs::default()),
            Generator::Hexo => Box::new(hexo::Hexo::default()),
            Generator::Docusaurus => Box::new(docusaurus::Docusaurus::default()),
            Generator::Plain => Box::new(unknown::Plain),
            Generator::Unknown => Box::new(unknown::Unknown),
        }
    }

    /// The adapter with the site's configuration read from `root`.
    pub(in crate::site) fn configure(self, root: &Path, site: &mut Site) -> Box<dyn Adapter> {
        match self {
            Generator::Jekyll => Box::new(jekyll::Jekyll::configure(root, site)),
            Generator::Hugo => Box::new(hugo::Hugo::configure(root, site)),
            Generator::Zola => Box::new(zola::Zola::configure(root, site)),
            Generator::Astro => Box::new(astro::Astro::configure(root, site)),
            Generator::Eleventy => Box::new(eleventy::Eleventy::configure(root, site)),
            Generator::VuePress => Box::new(vuepress::VuePress::configure(root, site)),
            Generator::MkDocs => Box::new(mkdocs::MkDocs::configure(root, site)),
            Generator::Hexo => Box::new(hexo::Hexo::configure(root, site)),
            Generator::Docusaurus => Box::new(docusaurus::Docusaurus::configure(root, site)),
            Generator::Plain => Box::new(unknown::Plain),
            Generator::Unknown => Box::new(unknown::Unknown),
        }
    }
}

/// A generator as a user names it in `postlint.toml` or on the command line. Opaque
/// outside `site`: it can pin a site's generator, never be compared with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GeneratorName(pub(in crate::site) Generator);

impl GeneratorName {
    /// `Some(None)` for `auto` (detect), `Some(Some(name))` for a known generator, `None`
    /// for anything else.
    pub fn parse(text: &str) -> Option<Option<GeneratorName>> {
        if text == "auto" {
            return Some(None);
        }
        REGISTRY.iter().find(|(_, names)| names.contains(&text)).map(|(generator, _)| Some(GeneratorName(*generator)))
    }

    /// The names `parse` accepts, for error messages.
    pub fn choices() -> Vec<&'static str> {
        std::iter::once("auto").chain(REGISTRY.iter().flat_map(|(_, names)| names.iter().copied())).collect()
    }

    pub fn as_str(self) -> &'static str {
        self.0.name()
    }
}

/// How a relative reference in a page (`img/x.png`, `../other.md`) is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::site) enum RelativeRefs {
    /// Against the source file's folder: the generator copies files as they lie
    /// (Jekyll) or its bundler imports them from the source (VuePress).
    SourceFolder,
    /// Against the page's URL (Hugo, Zola, Astro, Eleventy): `post/bio.md` is served at
    /// `/post/bio/`, so `img/x.png` may be `post/bio/img/x.png`; `../` depends on the URL.
    PageUrl,
}

/// How a `#fragment` is matched against a page's anchors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FragmentMatch {
    /// Exactly, as browsers do.
    Exact,
    /// Ignoring case: GitHub's fragment lookup (no generator).
    IgnoringCase,
    /// By letters and digits: the site's own slugify may turn punctuation into `-`
    /// (Eleventy's `slugify` filter, VuePress's slugify).
    LettersAndDigits,
}

/// A plugin that prints an Article JSON-LD for a post: its name, the layout that calls it
/// and the tag that does.
#[derive(Debug, Clone)]
pub struct ArticleEmitter {
    pub plugin: &'static str,
    pub layout: String,
    pub tag: &'static str,
}

/// Raw HTML the Markdown renderer leaves out of the page: why, and how to keep it.
#[derive(Debug, Clone, Copy)]
pub struct DroppedHtml {
    pub why: &'static str,
    pub fix: &'static str,
}

/// Facts about a generator that do not depend on one page: what its Markdown is, how it
/// makes ids, how it resolves references.
#[derive(Debug, Clone, Copy)]
pub(in crate::site) struct Conventions {
    pub slugger: Slugger,
    pub fragments: FragmentMatch,
    pub relative_refs: RelativeRefs,
    /// A relative link without a file extension (`../setup/`) is a page URL, not a file:
    /// only links with an extension (`other.md`, `diagram.png`) can be checked on disk.
    pub extensionless_links_are_urls: bool,
    /// kramdown (Jekyll): `[text][ref](X)` is a reference link, `## #` a heading `#`.
    pub kramdown: bool,
    /// Hugo's goldmark gives definition terms ids in the headings' id space.
    pub definition_term_ids: bool,
    /// `tags: a b` and `categories: a b` are lists written as one string, split on spaces.
    pub space_separated_lists: bool,
    /// `_posts/` files are named `YYYY-MM-DD-title.md`, and the name dates the post.
    pub dated_post_file_names: bool,
    /// Front matter `path = "2014/12/12/title"` dates the page as its URL does (Zola).
    pub dated_path_key: bool,
    /// Every URL the site serves is known to the model (pages, permalinks, files): a
    /// site-root link that matches none is broken (Jekyll builds exactly its files).
    pub knows_every_url: bool,
    /// Which list of FM003's per-generator options applies (`jekyll`, `hugo`, `astro`,
    /// `other`): the option names are the user's, the choice the adapter's.
    pub required_keys_option: &'static str,
    /// Whether the model knows where the site's local references lead and which ids its
    /// pages have. Without it (an unrecognised generator) link and image paths and
    /// fragments are not judged: a guess would fail builds that work.
    pub resolves_references: bool,
}

/// What one generator knows. Every method has the site for the services it shares
/// (reading site files, listings, the index); the adapter keeps its own configuration.
pub(in crate::site) trait Adapter: Send + Sync + fmt::Debug {
    fn generator(&self) -> Generator;

    fn conventions(&self) -> Conventions;

    /// The file extensions (lower case, no dot) the generator renders as Markdown: the
    /// walk lints files with these besides `.md`, `.markdown` and `.mdx`, so a post the
    /// generator publishes under another name (`.mkd`, Jekyll's `markdown_ext: txt`)
    /// cannot pass the gate unlinted.
    fn markdown_extensions(&self) -> Vec<String> {
        crate::document::EXTENSIONS.iter().map(|ext| ext.to_string()).collect()
    }

    /// How the generator's Markdown differs from what every site's is read with.
    fn markup(&self) -> crate::document::mask::Markup {
        crate::document::mask::Markup::default()
    }

    /// The IANA time zone the generator dates pages in (Jekyll's `timezone:`), when set.
    fn time_zone(&self) -> Option<&str> {
        None
    }

    /// The generator's own settings as read, for `postlint site`.
    fn settings(&self) -> Vec<(&'static str, serde_json::Value)> {
        Vec::new()
    }

    /// The parts of the configuration the site index depends on (its cache key).
    fn cache_facts(&self) -> String {
        format!("{:?}", self.settings())
    }

    /// What the file at `relative` is to the generator (`postlint.toml`'s `posts`/`pages`
    /// globs were looked at already).
    fn kind_of(&self, site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind;

    /// The URL path the generator writes the page to (without the base path), when the
    /// adapter models it. A front matter `permalink` without placeholders was taken first.
    fn url_of(&self, _site: &Site, _relative: &str, _front: Option<&FrontMatter>, _is_post: bool) -> Option<String> {
        None
    }

    /// The language a page's path gives it beyond the usual conventions (a Hugo
    /// language's own content folder).
    fn language_of_path(&self, _relative: &str) -> Option<String> {
        None
    }

    /// Site-relative folders whose files are served at the site root, in the order the
    /// generator looks (`static`, then `assets`).
    fn static_folders(&self, site: &Site) -> Vec<String>;

    /// Whether the adapter knows how a page's own folder of files is served (Hugo's
    /// bundles, Hexo's post asset folders): then a file there that the model does not
    /// reach is not one an unmodelled mapping could serve.
    fn models_page_folders(&self) -> bool {
        false
    }

    /// The folder served beside the page at `relative` (its resources), site-relative, when
    /// the generator serves one: Hugo's page bundles, Hexo's post asset folders.
    fn page_folder_served(&self, _relative: &str) -> Option<String> {
        None
    }

    /// Site-relative folders a relative link may also name a file in (Eleventy's
    /// InputPathToUrl plugin resolves links from the input folder).
    fn link_bases(&self, _site: &Site) -> Vec<String> {
        Vec::new()
    }

    /// Site-relative folders where a URL path maps to a source file by its path
    /// (`/guide/setup/` is `guide/setup.md` …); `None` where URLs are not file paths.
    fn content_folders(&self, _site: &Site) -> Option<Vec<String>> {
        None
    }

    /// The source file a relative link names by the generator's own rules beyond plain
    /// file paths (VitePress resolves `./setup#a` and `setup.html#a` to `setup.md`).
    fn page_link_target(&self, _site: &Site, _page: &Path, _path: &str) -> Option<PathBuf> {
        None
    }

    /// References to other pages that the generator resolves itself, each with the
    /// target file, its fragment and the fragment's span (Hugo's `ref`/`relref`).
    fn fragment_references(&self, _site: &Site, _doc: &Document<'_>, _page: &Path) -> Vec<(PathBuf, String, Span)> {
        Vec::new()
    }

    /// Whether the site makes heading ids its own way (a plugin, a render hook), so a
    /// fragment the generator's rules do not produce may still exist.
    fn makes_own_heading_ids(&self, _site: &Site) -> bool {
        false
    }

    /// Whether the ids of this page's own headings cannot be known (an Astro config whose
    /// rehype plugin sets them), so a `#fragment` to one is not judged.
    fn heading_ids_unknown(&self, _site: &Site) -> bool {
        false
    }

    /// Whether the theme prints a page's front matter `title` as its H1 even when the body
    /// has one (Material for MkDocs adds it only to a body without an H1).
    fn theme_adds_title_h1(&self) -> bool {
        true
    }

    /// Whether the page pulls in other files through the generator's own Markdown syntax
    /// (pymdownx.snippets' `--8<--` lines), so it has anchors its text does not show.
    fn includes_other_files(&self, _site: &Site, _doc: &Document<'_>) -> bool {
        false
    }

    /// Whether the generator reads the date key `key` also as a mapping of named dates
    /// (Material's blog plugin: `date: {created: …, updated: …}`), and the name of the
    /// publish date in it.
    fn date_mapping(&self, _key: &str) -> Option<&'static str> {
        None
    }

    /// The folder a generator's internal link (`@/blog/post.md`, Zola) is relative to.
    fn internal_link_folder(&self) -> Option<&'static str> {
        None
    }

    /// The site-relative file a path alias names: Zola's internal links (`@/blog/post.md`
    /// under `internal_link_folder`), Docusaurus's `@site/` (the site's folder).
    fn aliased_path(&self, path: &str) -> Option<String> {
        let internal = path.strip_prefix("@/")?;
        Some(format!("{}/{internal}", self.internal_link_folder()?))
    }

    /// The page's place among copies of one page (Docusaurus's `versioned_docs/version-X/`
    /// frozen from `docs/`): a key the copies share, and whether this file is a frozen
    /// copy (not the page being edited). `None`: the page has no copies.
    fn copies_of(&self, _relative: &str) -> Option<(String, bool)> {
        None
    }

    /// The site-relative folders a link by file path to a Markdown file, written in the
    /// page at `relative`, resolves into (Docusaurus resolves them within the page's own
    /// plugin instance only, and leaves the others as written); `None`: anywhere.
    fn markdown_link_scope(&self, _relative: &str) -> Option<Vec<String>> {
        None
    }

    /// Whether the page's H1s get an id (Docusaurus's theme renders `<h1>` without one,
    /// though its slug is still counted among the page's).
    fn renders_h1_ids(&self) -> bool {
        true
    }

    /// The site-relative folders a `{% link path %}` is looked up from, in order (the
    /// site root unless the generator says otherwise).
    fn link_tag_bases(&self) -> Vec<String> {
        vec![String::new()]
    }

    /// Whether a heading with its own `{#id}` gets only that id, no slug (Docusaurus's
    /// heading-id plugin), while the ids it gives are not reserved against the slugs.
    fn explicit_id_replaces_slug(&self) -> bool {
        false
    }

    /// Whether this page may have anchors its Markdown does not show (a template it
    /// calls writes them), so a `#fragment` to it is not judged.
    fn anchors_unknown_in(&self, _site: &Site, _doc: &Document<'_>) -> bool {
        false
    }

    /// Whether the build replaces image files by resized copies.
    fn resizes_images(&self, _site: &Site) -> bool {
        false
    }

    /// Whether the build optimises an image written as `url` (Astro optimises relative
    /// images under `src/`; those in `public/` are served as they are).
    fn optimises_image(&self, _url: &str) -> bool {
        false
    }

    /// Whether raw HTML in Markdown is dropped from the page (Hugo without `unsafe`), and
    /// what to do about it.
    fn drops_raw_html(&self) -> Option<DroppedHtml> {
        None
    }

    /// Whether a link render hook decides what a link means (Hugo).
    fn has_link_render_hook(&self, _site: &Site) -> bool {
        false
    }

    /// Whether a front matter key the page lacks is supplied another way (defaults in the
    /// site's config, a data cascade, the first H1 for a title).
    fn supplies_key(&self, _site: &Site, _doc: &Document<'_>, _relative: &str, _is_post: bool, _key: &str) -> bool {
        false
    }

    /// The value the site's configuration gives a front matter key for a page (Jekyll's
    /// `defaults:`), when it gives one.
    fn default_value<'s>(
        &'s self,
        _relative: &str,
        _is_post: bool,
        _key: &str,
    ) -> Option<&'s crate::document::tree::Node> {
        None
    }

    /// What prints an Article JSON-LD for this post by itself (jekyll-seo-tag's `{% seo %}`
    /// in its layout), when something does.
    fn article_jsonld_emitter(
        &self,
        _site: &Site,
        _relative: &str,
        _front_layout: Option<&str>,
    ) -> Option<ArticleEmitter> {
        None
    }

    /// Whether the site's SEO plugin announces the page's locale from `lang`/`locale`
    /// and falls back to `en_US` without one (jekyll-seo-tag).
    fn announces_locale(&self, _site: &Site) -> bool {
        false
    }

    /// Whether `{% post_url %}`/`{% link %}` already include the site's base path.
    fn post_url_adds_base(&self, _site: &Site) -> bool {
        false
    }

    /// Whether the templates put a page's own `description` in a `<meta>` tag.
    fn renders_page_description(&self, _site: &Site) -> bool {
        true
    }

    /// Whether the SEO plugin makes the front matter image the page's `og:image`; when it
    /// does not, the site's templates are read.
    fn plugin_emits_social_image(&self, _site: &Site) -> bool {
        false
    }

    /// Whether the SEO plugin reads the front matter key as the page's canonical URL.
    fn plugin_reads_canonical(&self, _site: &Site, _key: &str) -> bool {
        false
    }

    /// What the model cannot check on this site, each said once per run (a note, never a
    /// diagnostic): an unrecognised generator, a theme that is not in the repository.
    fn unchecked(&self, _site: &Site) -> Vec<String> {
        Vec::new()
    }

    /// Whether a Markdown file without front matter is built as a page (Eleventy,
    /// VitePress, Docusaurus's docs), rather than copied as it is (Jekyll).
    fn builds_without_front_matter(&self) -> bool {
        false
    }

    /// Whether the generator builds what is in a hidden folder (site-relative, each of its
    /// `.`-named parts): Jekyll does for a folder its `include:` names. Never `.git`.
    fn builds_hidden_folder(&self, _folder: &str) -> bool {
        false
    }

    /// Whether the generator reads this value of a date key as an instruction of its own
    /// (Eleventy's `date: git Last Modified`), not as a date.
    fn computes_date(&self, _key: &str, _value: &str) -> bool {
        false
    }

    /// Whether a post at `relative` is a draft the build leaves out (Jekyll's `_drafts/`).
    fn is_draft(&self, relative: &str) -> bool {
        relative.starts_with("_drafts/")
    }

    /// Whether the adapter reads a front matter `permalink` itself (`url_of`), rather than
    /// a `permalink` without placeholders being the URL as written.
    fn reads_own_permalinks(&self) -> bool {
        false
    }

    /// Files a site-root path (without its leading `/`) may be beyond the static folders:
    /// a file of a post's asset folder, served under the post's URL (Hexo).
    fn url_path_candidates(&self, _site: &Site, _rooted: &str) -> Vec<PathBuf> {
        Vec::new()
    }

    /// The files a relative asset path written as `written` in the page at `page` may be,
    /// where the generator reads it its own way: `Some(None)` when that cannot be known,
    /// `None` to follow `Conventions::relative_refs`.
    #[allow(clippy::option_option)]
    fn relative_asset_candidates(
        &self,
        _site: &Site,
        _page: &Path,
        _path: &str,
        _written: crate::site::references::Written,
    ) -> Option<Option<Vec<PathBuf>>> {
        None
    }

    /// The references the page makes through template tags (Liquid's `{% post_url %}` and
    /// `{% link %}` by default).
    fn tag_references(
        &self,
        site: &Site,
        doc: &Document<'_>,
        _page: &Path,
    ) -> Vec<crate::site::references::TagReference> {
        crate::site::references::liquid_references(site, doc)
    }

    /// The names a post-naming tag finds the post by, its own name first (Jekyll's
    /// `post_url` names by default).
    fn post_names(&self, post: &crate::site::IndexedPost) -> Vec<String> {
        crate::site::index::jekyll_post_names(post)
    }

    /// Where site templates, layouts and theme files are kept (site-relative), for the
    /// questions about what templates render.
    fn template_folders(&self, _site: &Site) -> Vec<String> {
        DEFAULT_TEMPLATE_FOLDERS.iter().map(|f| f.to_string()).collect()
    }
}

/// Folders where the generators postlint knows keep templates, layouts and components.
const DEFAULT_TEMPLATE_FOLDERS: &[&str] = &[
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
];

/// The days a build may put a page dated `time` on, the likeliest first: its day in the
/// site's time zone; without one, the build machine's zone decides, so both the day as
/// written and its day in UTC (a CI runner's zone) are possible.
pub(in crate::site) fn publish_days(
    zone: Option<&str>,
    time: &crate::text::dates::DateTime,
) -> Vec<crate::text::dates::Date> {
    use crate::text::dates;
    if time.offset_minutes.is_none() || time.seconds.is_none() {
        return vec![time.date];
    }
    match zone.and_then(|zone| dates::day_in_zone(time, zone)) {
        Some(day) => vec![day],
        None => {
            let utc = dates::day_in_utc(time);
            if utc == time.date { vec![utc] } else { vec![utc, time.date] }
        }
    }
}

/// Which generator builds the site at `root`, and the evidence: the file that said so.
pub(in crate::site) fn detect(root: &Path, dir: &Path, read_roots: &[PathBuf]) -> (Generator, String) {
    let has = |name: &str| root.join(name).is_file();
    let first = |names: &[&str]| names.iter().find(|name| has(name)).map(|name| name.to_string());
    let vue_config_here = [".vuepress", ".vitepress"].iter().find(|folder| root.join(folder).is_dir());
    if let Some(config) = first(mkdocs::CONFIGS) {
        (Generator::MkDocs, config)
    } else if let Some(config) = first(docusaurus::CONFIGS) {
        (Generator::Docusaurus, config)
    } else if let Some(evidence) = hexo::evidence(root, read_roots) {
        // Before Jekyll: a Hexo site has a `_config.yml` too.
        (Generator::Hexo, evidence)
    } else if let Some(config) = first(&["_config.yml", "_config.yaml", "_config.toml"]) {
        (Generator::Jekyll, config)
    } else if let Some(folder) = vue_config_here {
        // Before `_posts`: VuePress's blog plugin keeps its posts there too.
        (Generator::VuePress, format!("{folder}/"))
    } else if root.join("_posts").is_dir() {
        (Generator::Jekyll, "_posts/".into())
    } else if let Some(config) = first(&["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"]) {
        (Generator::Hugo, config)
    } else if let Some(config) = hugo::is_hugo_other_config(root) {
        (Generator::Hugo, config.to_string())
    } else if hugo::is_config_dir(root) {
        (Generator::Hugo, "config/_default/".into())
    } else if hugo::is_hugo_or_zola_root(root) {
        let generator = if zola::is_zola(root, read_roots) { Generator::Zola } else { Generator::Hugo };
        (generator, "config.toml".into())
    } else if let Some(config) = first(astro::CONFIGS) {
        (Generator::Astro, config)
    } else if let Some(config) = first(eleventy::CONFIGS) {
        (Generator::Eleventy, config)
    } else if vuepress::is_vuepress(root, read_roots) {
        (Generator::VuePress, "a .vitepress/.vuepress folder or package.json".into())
    } else if guess_from_path(dir, Generator::Unknown) == Generator::Jekyll {
        (Generator::Jekyll, "a _posts folder above the post".into())
    } else if let Some(tool) = unmodelled_build(root) {
        (Generator::Unknown, tool)
    } else {
        (Generator::Plain, "no generator's configuration: Markdown as GitHub shows it".into())
    }
}

/// A sign that a tool postlint does not model builds the folder (a generator's config, a
/// package with a build script): its paths and ids are that tool's, not GitHub's.
fn unmodelled_build(root: &Path) -> Option<String> {
    const CONFIGS: &[&str] = &[
        "gatsby-config.js",
        "gatsby-config.ts",
        "gatsby-config.mjs",
        "next.config.js",
        "next.config.mjs",
        "next.config.ts",
        "nuxt.config.ts",
        "nuxt.config.js",
        "svelte.config.js",
        "gridsome.config.js",
        "pelicanconf.py",
        "conf.py",
        "_quarto.yml",
        "book.toml",
        "config.yaml",
        "config.yml",
        "config.json",
        "mint.json",
        "docs.json",
    ];
    if let Some(name) = CONFIGS.iter().find(|name| root.join(name).is_file()) {
        return Some(name.to_string());
    }
    // A `package.json` that builds something: its build decides the URLs.
    let package =
        std::fs::symlink_metadata(root.join("package.json")).ok().filter(|m| m.is_file() && m.len() < 1 << 20);
    let builds = package.is_some()
        && std::fs::read_to_string(root.join("package.json"))
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|value| value.get("scripts")?.get("build").map(|_| ()))
            .is_some();
    builds.then(|| "package.json (a build script)".to_string())
}

/// For a folder outside any generator's site: Jekyll when a `_posts` folder holds it,
/// else `otherwise`.
pub(in crate::site) fn guess_from_path(dir: &Path, otherwise: Generator) -> Generator {
    let has = |name: &str| dir.components().any(|c| c.as_os_str() == name);
    if has("_posts") { Generator::Jekyll } else { otherwise }
}

/// Files whose presence makes a folder a site's root.
pub(in crate::site) const ROOT_MARKERS: &[&str] = &[
    "_config.yml",
    "_config.yaml",
    "_config.toml",
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "astro.config.mjs",
    "astro.config.ts",
    "astro.config.js",
    ".eleventy.js",
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "mkdocs.yml",
    "mkdocs.yaml",
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
    "docusaurus.config.mts",
    "docusaurus.config.cts",
];

/// Whether `dir` holds a generator's config: the root of a site.
pub fn is_site_root(dir: &Path) -> bool {
    ROOT_MARKERS.iter().any(|m| dir.join(m).is_file())
        || hugo::is_hugo_or_zola_root(dir)
        || hugo::is_hugo_other_config(dir).is_some()
        || hugo::is_config_dir(dir)
        // VitePress and VuePress keep their config in a folder: a one-file run (pre-commit,
        // the editor) must find the same site as a run over the whole repository.
        || [".vitepress", ".vuepress"].iter().any(|folder| dir.join(folder).is_dir())
}
