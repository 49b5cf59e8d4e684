//! The site a post belongs to: its root, its generator and the parts of the generator's
//! config that rules need. Found by walking up from the post, once per directory.

pub mod cache;
pub mod describe;
mod generators;
pub(crate) mod index;
pub mod pages;
pub mod references;
pub(crate) mod seal;
pub mod tracked;

pub use generators::{ArticleEmitter, DroppedHtml, FragmentMatch as FragmentLookup, GeneratorName, is_site_root};
pub use index::*;
pub use references::{TagReference, TagTarget, Written};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::bounded::{self, Limit, Refused};
use crate::document::Document;
use crate::document::is_markdown_file;
use crate::document::tree::{Node, Value};
use crate::text::lines::Span;
use crate::text::slug::Slugger;
use generators::{Adapter, FragmentMatch, Generator, RelativeRefs};

/// What a rule may need to know about the site.
#[derive(Debug)]
pub struct Site {
    pub root: Option<PathBuf>,
    /// The generator's adapter: everything that depends on which generator builds the site.
    adapter: Box<dyn Adapter>,
    /// What told postlint which generator it is (a config file, a folder, the user).
    evidence: String,
    /// The site's base path or URL (`baseurl`, Hugo's `baseURL`).
    pub baseurl: String,
    pub url: Option<String>,
    /// The site-wide permalink pattern (`permalink:` in `_config.yml`).
    pub permalink: Option<String>,
    pub plugins: Vec<String>,
    pub lang: Option<String>,
    /// `posts`/`pages` globs from `postlint.toml`, site-relative.
    kinds: Arc<KindGlobs>,
    /// Whether the site index may use `.postlint_cache/` (`--no-cache` turns it off).
    pub cache_enabled: bool,
    social_image: std::sync::OnceLock<bool>,
    /// Front matter canonical keys → whether the site's templates read them.
    canonical_keys: Mutex<HashMap<String, bool>>,
    /// Every post and page of the site, from front matter only; built on first use.
    index: std::sync::OnceLock<crate::site::SiteIndex>,
    /// Every file of the site's repository by name, listed on first use (`could_serve`).
    repository_files: std::sync::OnceLock<RepositoryFiles>,
    /// Exact, case-sensitive file lookups under the site root.
    pub files: DirCache,
    /// Where the site's own files (config, layouts, includes, templates, schemas) may
    /// resolve: the site's content boundary, canonical (see `bounded::content_boundary`).
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
    /// A site with no files on disk, built by `generator` (none: no generator).
    pub fn detached(generator: Option<GeneratorName>) -> Site {
        Site::with_adapter(generator.map_or(Generator::Plain, |name| name.0).adapter())
    }

    fn with_adapter(adapter: Box<dyn Adapter>) -> Site {
        Site {
            root: None,
            adapter,
            evidence: String::new(),
            baseurl: String::new(),
            url: None,
            permalink: None,
            plugins: Vec::new(),
            lang: None,
            kinds: Arc::new(KindGlobs::default()),
            cache_enabled: false,
            social_image: std::sync::OnceLock::new(),
            canonical_keys: Mutex::new(HashMap::new()),
            index: std::sync::OnceLock::new(),
            repository_files: std::sync::OnceLock::new(),
            files: DirCache::default(),
            read_roots: Vec::new(),
            problems: Mutex::new(SiteProblems::default()),
        }
    }

    /// The boundary the site's own files may resolve into (`bounded::content_boundary`
    /// of its root), as `bounded::read` takes it. A site `Sites` did not build (a test's,
    /// `rules --test`'s) has the working directory's.
    pub fn read_roots(&self) -> &[PathBuf] {
        static DEFAULT: std::sync::OnceLock<Vec<PathBuf>> = std::sync::OnceLock::new();
        if self.read_roots.is_empty() {
            DEFAULT.get_or_init(|| crate::bounded::working_boundary().map(|b| vec![b]).unwrap_or_default())
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

    /// What the site index depends on besides the files: postlint's version and the parts
    /// of the site's configuration the index reads. A different key discards the cache.
    pub fn index_cache_key(&self) -> String {
        let facts = format!(
            "{} {} {:?} {:?} {:?} {} {:?} {:?}",
            crate::site::cache::build_stamp(),
            self.adapter.generator().name(),
            self.baseurl,
            self.url,
            self.permalink,
            self.adapter.cache_facts(),
            self.kinds,
            self.root,
        );
        crate::text::hash::fingerprint(&[&facts])
    }

    /// Whether the site's templates put a page's own `description` in a `<meta>` tag (a
    /// theme may print only the section's or the site's; unknown counts as yes).
    pub fn renders_page_description(&self) -> bool {
        self.adapter.renders_page_description(self)
    }

    /// Whether a post's front matter image becomes its link-preview image (`og:image`):
    /// jekyll-seo-tag does that; otherwise one of the site's own templates must write an
    /// `og:image` tag (18F's Eleventy templates write none: its `image` is a hero image
    /// on the page, and its size says nothing about previews). No template found is
    /// unknown, and unknown is not reported.
    pub fn emits_social_image(&self) -> bool {
        *self.social_image.get_or_init(|| {
            if self.adapter.plugin_emits_social_image(self) {
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
        for folder in self.adapter.template_folders(self) {
            collect_files(&root.join(folder), 0, TEMPLATE_EXTENSIONS, self.read_roots(), &mut templates);
        }
        templates
    }

    /// Whether a front matter canonical URL under `key` reaches the page's canonical link:
    /// jekyll-seo-tag reads `canonical_url`; otherwise one of the site's templates must
    /// name the key (ndabene's `head.html` builds the canonical link from `page.url`, so
    /// its `canonical_url` keys are never read). No template to read (a theme fetched at
    /// build time) is unknown, and the value is checked.
    pub fn renders_front_matter_canonical(&self, key: &str) -> bool {
        if self.adapter.plugin_reads_canonical(self, key) {
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

    /// Whether a link render hook decides what a link means (`[term](g)` may be a
    /// glossary link): links are then not judged as paths.
    pub fn has_link_render_hook(&self) -> bool {
        self.adapter.has_link_render_hook(self)
    }

    /// Whether the site makes heading ids its own way (a plugin, a render hook, a rehype
    /// plugin), so a fragment the generator's rules do not produce may still exist.
    pub fn makes_own_heading_ids(&self) -> bool {
        self.adapter.makes_own_heading_ids(self)
    }

    /// Whether the build replaces the image file `url` names by resized or optimised
    /// copies, so its size on disk is not what readers download.
    pub fn resizes_image(&self, url: &str) -> bool {
        self.adapter.resizes_images(self) || self.adapter.optimises_image(url)
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

    /// A page's language: its front matter's, its Hugo language folder's, else what its
    /// path says (`x.ja.md`, `content/ja/…`).
    pub fn language_of(
        &self,
        relative: &str,
        front: Option<&crate::document::front_matter::FrontMatter>,
    ) -> Option<String> {
        crate::site::pages::front_matter_language(front)
            .or_else(|| self.adapter.language_of_path(relative))
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

    /// Whether the generator may build a page somewhere under the site-relative folder
    /// (see `pages::builds_under`).
    pub fn builds_under(&self, folder: &str) -> bool {
        crate::site::pages::builds_under(self, folder)
    }

    /// Whether the generator builds what is in this hidden folder (site-relative).
    pub(crate) fn builds_hidden_folder(&self, folder: &str) -> bool {
        !folder.split('/').any(|part| part == ".git") && self.adapter.builds_hidden_folder(folder)
    }

    /// Whether the generator renders a file with this extension as Markdown (`.mkd` for
    /// Jekyll, any extension its `markdown_ext` names).
    pub fn renders_as_markdown(&self, extension: &str) -> bool {
        self.adapter.markdown_extensions().iter().any(|ext| ext.eq_ignore_ascii_case(extension))
    }

    /// Whether a generator builds the site (known to postlint or not): plain Markdown
    /// has none.
    pub(crate) fn models_a_generator(&self) -> bool {
        !matches!(self.adapter.generator(), Generator::Plain | Generator::Unknown)
    }

    /// What the file at `relative` is to its generator.
    pub(crate) fn generator_kind(
        &self,
        relative: &str,
        front: Option<&crate::document::front_matter::FrontMatter>,
    ) -> crate::site::pages::PageKind {
        self.adapter.kind_of(self, relative, front)
    }

    /// The URL path the generator gives the page, when the model knows it.
    pub(crate) fn generator_url(
        &self,
        relative: &str,
        front: Option<&crate::document::front_matter::FrontMatter>,
        is_post: bool,
    ) -> Option<String> {
        self.adapter.url_of(self, relative, front, is_post)
    }
}

/// The questions rules ask about how the site is built. Each is answered by the
/// generator's adapter; a rule never learns which generator that was.
impl Site {
    /// Whether the model knows where this site's local references lead and which ids its
    /// pages have; without that, link and image paths and fragments are not judged.
    pub fn resolves_references(&self) -> bool {
        self.adapter.conventions().resolves_references
    }

    /// What postlint could not check on this site, each said once per run.
    pub fn unchecked(&self) -> Vec<String> {
        self.adapter.unchecked(self)
    }

    /// Whether a post at the site-relative path is a draft the build leaves out.
    pub(crate) fn is_draft_path(&self, relative: &str) -> bool {
        self.adapter.is_draft(relative)
    }

    /// Whether the generator builds a Markdown file that has no front matter.
    pub(crate) fn builds_without_front_matter(&self) -> bool {
        self.adapter.builds_without_front_matter()
    }

    /// Whether the generator reads this value of a date key as an instruction of its own
    /// (Eleventy's `date: git Last Modified`), not as a date.
    pub(crate) fn computes_date(&self, key: &str, value: &str) -> bool {
        self.adapter.computes_date(key, value)
    }

    /// Whether the generator reads a front matter `permalink` its own way.
    pub(crate) fn reads_own_permalinks(&self) -> bool {
        self.adapter.reads_own_permalinks()
    }

    /// The generator's name and the site's root, for notes and `postlint site`.
    pub(crate) fn generator_name(&self) -> &'static str {
        self.adapter.generator().name()
    }

    /// How the generator's Markdown is read (its code tags, its indented containers): the
    /// one parse of each post uses it.
    pub fn markup(&self) -> crate::document::mask::Markup {
        self.adapter.markup()
    }

    /// How the generator makes heading ids.
    pub fn slugger(&self) -> Slugger {
        self.adapter.conventions().slugger
    }

    /// How the heading ids are made, in words, for help texts.
    pub fn slug_description(&self) -> &'static str {
        match (self.adapter.conventions().slugger, self.adapter.conventions().fragments) {
            (Slugger::Zola, _) => "Zola slugs them (lower case, accents transliterated, spaces as `-`)",
            (Slugger::PythonMarkdown { unicode: false, .. }, _) => {
                "Python-Markdown slugs them (ASCII letters and digits only, lower case, spaces as `-`, repeats `_1`)"
            }
            (Slugger::PythonMarkdown { .. } | Slugger::Pymdownx { .. }, _) => {
                "Python-Markdown slugs them (punctuation removed, spaces as `-`, repeats `_1`)"
            }
            (_, FragmentMatch::IgnoringCase) => "GitHub does (lower case, spaces as `-`, punctuation removed)",
            _ => "lower case, spaces as `-`, punctuation removed",
        }
    }

    /// How a `#fragment` is looked up among a page's anchors (exactly; ignoring case on
    /// GitHub; by letters and digits where the site's own slugify may turn punctuation
    /// into `-`).
    pub fn fragment_lookup(&self) -> FragmentLookup {
        self.adapter.conventions().fragments
    }

    /// Whether the ids of a page's own headings cannot be known here.
    pub fn heading_ids_unknown(&self) -> bool {
        self.adapter.heading_ids_unknown(self)
    }

    /// The page's place among copies of one page (frozen versions of a doc): the key they
    /// share, and whether this file is a frozen copy. A defect a frozen copy repeats from
    /// an earlier copy in the run is one report, the first.
    pub fn copies_of(&self, relative: &str) -> Option<(String, bool)> {
        self.adapter.copies_of(relative)
    }

    /// Whether a link by file path from the page at `page` to the Markdown file `target`
    /// becomes a link to that page: some generators resolve such links only among the
    /// files of the page's own content folder, and leave the others as written (broken).
    /// With the folders it could reach, when it does not.
    pub fn markdown_link_out_of_scope(&self, page: &Path, target: &Path) -> Option<Vec<String>> {
        let scope = self.adapter.markdown_link_scope(&self.relative_path(page))?;
        let target = self.relative_path(&normalize_dots(target));
        let inside = scope.iter().any(|folder| folder.is_empty() || target.starts_with(&format!("{folder}/")));
        (!inside).then_some(scope)
    }

    /// Whether a page's H1s carry their ids into the built page.
    pub fn renders_h1_ids(&self) -> bool {
        self.adapter.renders_h1_ids()
    }

    /// Whether a heading's own `{#id}` replaces the slug it would get.
    pub fn explicit_id_replaces_slug(&self) -> bool {
        self.adapter.explicit_id_replaces_slug()
    }

    /// Whether this page may have anchors its Markdown does not show (a shortcode or
    /// include whose template writes ids).
    pub fn anchors_unknown_in(&self, doc: &Document<'_>) -> bool {
        self.adapter.anchors_unknown_in(self, doc)
    }

    /// Whether the theme prints a page's front matter `title` as an H1 above its body, even
    /// when the body has an H1 of its own.
    pub fn theme_adds_title_h1(&self) -> bool {
        self.adapter.theme_adds_title_h1()
    }

    /// Whether the page pulls in other files by the generator's own Markdown syntax, so
    /// its anchors are not all in its text.
    pub fn includes_other_files(&self, doc: &Document<'_>) -> bool {
        self.adapter.includes_other_files(self, doc)
    }

    /// The key of the publish date when the date key `key` may be a mapping of named
    /// dates (`date: {created: 2024-01-15, updated: …}`), which the generator reads.
    pub fn date_mapping(&self, key: &str) -> Option<&'static str> {
        self.adapter.date_mapping(key)
    }

    /// Whether definition terms (`term` then `: definition`) get ids among the headings'.
    pub fn definition_terms_have_ids(&self) -> bool {
        self.adapter.conventions().definition_term_ids
    }

    /// Whether the Markdown is kramdown's: `[text][ref](X)` is a reference link, and
    /// `## #` a heading reading `#`.
    pub fn reads_kramdown(&self) -> bool {
        self.adapter.conventions().kramdown
    }

    /// Whether raw HTML written in Markdown is dropped from the page, why, and the fix.
    pub fn drops_raw_html(&self) -> Option<DroppedHtml> {
        self.adapter.drops_raw_html()
    }

    /// Whether the front matter list `key` may be written as one string of words split on
    /// spaces (`tags: a b`).
    pub fn splits_list_on_spaces(&self, key: &str) -> bool {
        self.adapter.conventions().space_separated_lists && (key == "tags" || key == "categories")
    }

    /// Whether the post at `path` is dated by a `YYYY-MM-DD-` file name, by the
    /// generator's convention (Jekyll's `_posts/`; a `_posts/` folder anywhere without a
    /// generator).
    pub fn dates_posts_by_file_name(&self, path: &str) -> bool {
        self.adapter.conventions().dated_post_file_names && format!("/{}", path.replace('\\', "/")).contains("/_posts/")
    }

    /// The days the build may put a page dated `time` on, the likeliest first: its day in
    /// the site's time zone, or without one both the day as written and its day in UTC.
    pub fn publish_days(&self, time: &crate::text::dates::DateTime) -> Vec<crate::text::dates::Date> {
        generators::publish_days(self.adapter.time_zone(), time)
    }

    /// Whether a front matter `path = "2014/12/12/title"` dates the page.
    pub fn dates_pages_by_path_key(&self) -> bool {
        self.adapter.conventions().dated_path_key
    }

    /// Whether every URL the site serves is known to the model, so a site-root link that
    /// matches no page, redirect or file is broken.
    pub fn knows_every_url(&self) -> bool {
        self.adapter.conventions().knows_every_url
    }

    /// Which of FM003's per-generator key lists applies to this site.
    pub fn required_keys_option(&self) -> &'static str {
        self.adapter.conventions().required_keys_option
    }

    /// Whether a front matter key the page lacks is supplied another way.
    pub fn supplies_key(&self, doc: &Document<'_>, relative: &str, is_post: bool, key: &str) -> bool {
        self.adapter.supplies_key(self, doc, relative, is_post, key)
    }

    /// What prints an Article JSON-LD for this post by itself (an SEO plugin's tag in its
    /// layout), when something does.
    pub fn article_jsonld_emitter(&self, relative: &str, front_layout: Option<&str>) -> Option<ArticleEmitter> {
        self.adapter.article_jsonld_emitter(self, relative, front_layout)
    }

    /// Whether the site's SEO plugin announces every page's locale, `en_US` unless the
    /// page or the site says otherwise.
    pub fn announces_locale(&self) -> bool {
        self.adapter.announces_locale(self)
    }

    /// Whether `{% post_url %}` and `{% link %}` already include the site's base path.
    pub fn post_url_adds_base(&self) -> bool {
        self.adapter.post_url_adds_base(self)
    }

    /// Whether a relative link without a file extension is a page URL, not a file path.
    pub fn extensionless_links_are_urls(&self) -> bool {
        self.adapter.conventions().extensionless_links_are_urls
    }

    /// The files a site-root asset path (`/img/x.png`, without its leading `/`) may be:
    /// it is served from one of the generator's static folders. With a base path,
    /// `/blog/x.png` is `x.png` under the base, unless a folder of that name holds it:
    /// both are looked for.
    pub fn site_root_candidates(&self, rooted: &str) -> Option<Vec<PathBuf>> {
        let mut candidates = self.static_candidates(rooted)?;
        candidates.extend(self.page_folder_candidate(&format!("/{rooted}")));
        Some(candidates)
    }

    /// The files under the static folders a site-root path (without its `/`) may be.
    fn static_candidates(&self, rooted: &str) -> Option<Vec<PathBuf>> {
        let root = self.root.as_ref()?;
        // Jekyll's `baseurl` is a path; Hugo's `baseURL` and Zola's `base_url` are whole
        // URLs whose path (`https://x.github.io/blog/` → `blog`) prefixes every page.
        let base = self.baseurl.as_str();
        let base_path = match base.find("://") {
            Some(scheme_end) => base[scheme_end + 3..].find('/').map_or("", |slash| &base[scheme_end + 3 + slash..]),
            None => base,
        };
        let base_path = base_path.trim_matches('/');
        let unprefixed = (!base_path.is_empty())
            .then(|| rooted.strip_prefix(base_path).filter(|rest| rest.starts_with('/')))
            .flatten()
            .map(|rest| rest.trim_start_matches('/'));
        let paths: Vec<&str> = unprefixed.into_iter().chain([rooted]).collect();
        let mut candidates = Vec::new();
        for folder in self.adapter.static_folders(self) {
            candidates.extend(paths.iter().map(|path| root.join(&folder).join(path)));
        }
        for path in paths {
            candidates.extend(self.adapter.url_path_candidates(self, path));
        }
        Some(candidates)
    }

    /// The files a relative asset path written (as `written`) in the page at `page` may
    /// be, or `None` when it cannot be known (a `../` against a page whose URL the model
    /// does not know). The generator's adapter may answer itself (Hexo's post asset
    /// folders).
    ///
    /// A browser resolves the path against the page's URL: where the model knows that URL
    /// (`_posts/2024-01-15-x.md` at `/2024/01/15/x/`), the path is resolved against it,
    /// at most up to the site root as browsers do, and looked for where that URL is served
    /// from. The source folder counts too, for generators that resolve it there (Jekyll
    /// copies files as they lie, VuePress's bundler imports them).
    pub fn relative_asset_candidates(&self, page: &Path, path: &str, written: Written) -> Option<Vec<PathBuf>> {
        let dir = page.parent()?;
        self.root.as_ref()?;
        if let Some(answer) = self.adapter.relative_asset_candidates(self, page, path, written) {
            return answer;
        }
        let by_url = self.page_url(page).map(|url| self.url_candidates(&resolve_url_path(&url, path)));
        match self.adapter.conventions().relative_refs {
            RelativeRefs::SourceFolder => {
                let mut candidates = vec![dir.join(path)];
                candidates.extend(by_url.into_iter().flatten());
                Some(candidates)
            }
            // Against the page's URL: `post/bio.md` is served at `/post/bio/`, so
            // `img/x.png` is `post/bio/img/x.png`. Going up (`../`) depends on the URL
            // (`path =`, `slug`): only with the URL known.
            RelativeRefs::PageUrl => {
                if path.starts_with("../") {
                    return by_url;
                }
                let stem = page.file_stem()?.to_string_lossy();
                let mut candidates = vec![dir.join(path)];
                if stem != "index" && stem != "_index" {
                    candidates.push(dir.join(stem.as_ref()).join(path));
                }
                candidates.extend(by_url.into_iter().flatten());
                Some(candidates)
            }
        }
    }

    /// The URL the model gives the page at `page` (a path as the run has it).
    fn page_url(&self, page: &Path) -> Option<String> {
        let relative = self.relative_path(page);
        self.index()?.entry(&relative)?.url.clone()
    }

    /// The files a site-root URL path (with its leading `/`, without the base path) may
    /// be served from: the generator's static folders, and the folder of the page whose
    /// URL holds it when the generator serves that page's folder beside it (Hugo's page
    /// bundles, Hexo's post asset folders).
    fn url_candidates(&self, url_path: &str) -> Vec<PathBuf> {
        self.site_root_candidates(url_path.trim_start_matches('/')).unwrap_or_default()
    }

    /// `/posts/a-bundle/img/x.png` → `content/posts/a-bundle/img/x.png`, when a page is
    /// published at `/posts/a-bundle/` and its folder is served beside it.
    fn page_folder_candidate(&self, url_path: &str) -> Option<PathBuf> {
        let (root, index) = (self.root.as_ref()?, self.index()?);
        let trimmed = url_path.trim_start_matches('/');
        let mut cut = trimmed.len();
        while let Some(slash) = trimmed[..cut].rfind('/') {
            cut = slash;
            let prefix = format!("/{}/", &trimmed[..cut]);
            let Some(&id) = index.by_url(&prefix).first() else { continue };
            let folder = self.adapter.page_folder_served(&index.posts[id].path)?;
            return Some(root.join(folder).join(&trimmed[cut + 1..]));
        }
        None
    }

    /// Whether a file of the site's repository could be what a local reference names
    /// through a mapping postlint does not model (a layout that prefixes `/img/`, a theme
    /// or plugin that copies a folder): a file whose path ends with the reference's path
    /// (two parts at least: one that merely shares a base name does not count), or the
    /// same relative path under a folder named after the page (asset folders, bundles).
    /// Such a reference is not called missing.
    pub fn could_serve(&self, page: &Path, reference: &str) -> bool {
        let files = self.repository_files();
        let reference = reference.trim_start_matches("./");
        let rooted = reference.trim_start_matches('/');
        let tail: Vec<&str> =
            rooted.split('/').filter(|part| !part.is_empty() && *part != ".." && *part != ".").collect();
        if tail.len() >= 2 && files.ends_with(&tail) {
            return true;
        }
        if reference.starts_with('/') || self.adapter.models_page_folders() {
            return false;
        }
        let Some(stem) = page.file_stem().map(|s| s.to_string_lossy().into_owned()) else { return false };
        let undated = crate::text::dates::strip_filename_date(&stem).to_string();
        [stem, undated].iter().any(|folder| {
            let mut under: Vec<&str> = vec![folder.as_str()];
            under.extend(tail.iter().copied());
            tail.len() == rooted.split('/').filter(|p| !p.is_empty()).count() && files.ends_with(&under)
        })
    }

    /// Every file of the site's repository, by name, listed once on first use.
    fn repository_files(&self) -> &RepositoryFiles {
        self.repository_files.get_or_init(|| {
            let outermost = self.read_roots().iter().min_by_key(|root| root.components().count()).cloned();
            match outermost.or_else(|| self.root.clone()) {
                Some(root) => RepositoryFiles::list(&root),
                None => RepositoryFiles::default(),
            }
        })
    }

    /// The files a relative link to a file (`../other.md`, `./img.png`) written in the
    /// page at `page` may name: beside the page, and in the folders the generator also
    /// resolves links from.
    pub fn relative_link_candidates(&self, page: &Path, path: &str) -> Option<Vec<PathBuf>> {
        let dir = page.parent()?;
        if !dir.as_os_str().is_empty() && !dir.is_dir() {
            return None;
        }
        let mut candidates = vec![dir.join(path)];
        if let Some(root) = &self.root {
            candidates.extend(self.adapter.link_bases(self).iter().map(|base| root.join(base).join(path)));
        }
        Some(candidates)
    }

    /// The file a generator's internal link (`@/blog/post.md`) names, when the generator
    /// has such links.
    pub fn internal_link_target(&self, path: &str) -> Option<PathBuf> {
        Some(self.root.as_ref()?.join(self.adapter.aliased_path(path)?))
    }

    /// The source file of a site-root URL where the generator maps URLs to files by their
    /// path (`/guide/setup/` is `guide/setup.md`, `guide/setup/index.md` … under its
    /// content folders). Only an existing file counts.
    pub fn source_of_url(&self, page: &str) -> Option<PathBuf> {
        let root = self.root.as_ref()?;
        let path = crate::text::urls::percent_decode(page.split('?').next().unwrap_or(page));
        let path = path.trim_matches('/');
        let path = path.strip_suffix(".html").unwrap_or(path);
        if path.is_empty() || path.contains("..") {
            return None;
        }
        let bases: Vec<PathBuf> = self.adapter.content_folders(self)?.iter().map(|f| root.join(f)).collect();
        let names = [".md", ".mdx", "/index.md", "/index.mdx", "/_index.md", "/README.md"];
        bases
            .iter()
            .flat_map(|base| names.iter().map(move |name| base.join(format!("{path}{name}"))))
            .find(|candidate| candidate.is_file())
    }

    /// The source file a relative page link (`./setup`, `../guide/setup.html`) names by
    /// the generator's own routing, beyond plain file paths.
    pub fn page_link_target(&self, page: &Path, before_fragment: &str) -> Option<PathBuf> {
        self.adapter.page_link_target(self, page, before_fragment)
    }

    /// Links to other pages the generator resolves itself (Hugo's `ref`/`relref`): the
    /// target file, the fragment and the fragment's span.
    pub fn fragment_references(&self, doc: &Document<'_>, page: &Path) -> Vec<(PathBuf, String, Span)> {
        self.adapter.fragment_references(self, doc, page)
    }
}
/// Files generators render pages with: HTML-based templates, Nunjucks, Liquid, Astro and
/// Vue components, JavaScript and TypeScript layouts and configs.
const TEMPLATE_EXTENSIONS: &[&str] = &["html", "njk", "liquid", "astro", "vue", "js", "mjs", "ts", "mts", "jsx", "tsx"];

/// Files with one of `extensions` under `dir`, a few levels deep: only in folders inside
/// the site's boundary (`roots`; a symlinked `themes` or `_layouts` leading outside is not
/// listed), never in a `.git` folder, and not through links below `dir`.
pub(crate) fn collect_files(
    dir: &Path,
    depth: usize,
    extensions: &[&str],
    roots: &[PathBuf],
    found: &mut Vec<PathBuf>,
) {
    const MAX_DEPTH: usize = 4;
    const MAX_TEMPLATES: usize = 500;
    let Ok(entries) = bounded::list_dir(dir, roots) else { return };
    for entry in entries.flatten() {
        if found.len() >= MAX_TEMPLATES {
            return;
        }
        let Ok(kind) = entry.file_type() else { continue };
        let path = entry.path();
        let name = entry.file_name();
        if kind.is_dir() && depth < MAX_DEPTH && name != "node_modules" && name != ".git" {
            collect_files(&path, depth + 1, extensions, roots, found);
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
pub(crate) fn normalize_dots(path: &Path) -> PathBuf {
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
    forced: Option<GeneratorName>,
    kinds: Arc<KindGlobs>,
    /// Directories named on the command line: a post outside any generator's site
    /// belongs to the one that holds it, not to the whole repository.
    given: Vec<PathBuf>,
    /// One boundary for every site's files (with the site root); `None`: each site's own
    /// (`bounded::content_boundary` of its root).
    boundary: Option<PathBuf>,
    /// Sites of posts with no root (no generator's config, no repository, no folder named
    /// on the command line), by the post's folder, which is their boundary.
    detached: Mutex<HashMap<PathBuf, Arc<Site>>>,
    /// Whether site indexes may use `.postlint_cache/` (not with `--no-cache`).
    cache: bool,
}

impl Sites {
    pub fn new(forced: Option<GeneratorName>) -> Sites {
        Sites { forced, ..Sites::default() }
    }

    /// Sites for a run over `given` paths, with `postlint.toml`'s `posts`/`pages` globs.
    pub fn for_run(
        forced: Option<GeneratorName>,
        kinds: KindGlobs,
        given: &[PathBuf],
        boundary: Option<&Path>,
        cache: bool,
    ) -> Sites {
        let given = given.iter().filter(|p| p.is_dir()).map(|p| absolute_path(p)).collect();
        let boundary = boundary.map(Path::to_path_buf);
        Sites { forced, kinds: Arc::new(kinds), given, boundary, cache, ..Sites::default() }
    }

    /// What could not be checked on each site built so far, `root: why`, in root order.
    pub fn unchecked(&self) -> Vec<String> {
        let sites: Vec<Arc<Site>> =
            self.by_root.lock().map(|cache| cache.values().cloned().collect()).unwrap_or_default();
        let mut notes: Vec<String> = sites
            .iter()
            .flat_map(|site| {
                let root = site.root.as_ref().map_or_else(|| ".".to_string(), |_| site.shown_path(""));
                let root = if root.is_empty() { "./".to_string() } else { root };
                site.unchecked().into_iter().map(move |note| format!("{root}: {note}"))
            })
            .collect();
        notes.sort();
        notes.dedup();
        notes
    }

    /// Problems with site files noted since the last call, over every site built so far,
    /// in path order.
    pub fn take_problems(&self) -> Vec<SiteProblem> {
        let sites: Vec<Arc<Site>> =
            self.by_root.lock().map(|cache| cache.values().cloned().collect()).unwrap_or_default();
        let detached: Vec<Arc<Site>> =
            self.detached.lock().map(|cache| cache.values().cloned().collect()).unwrap_or_default();
        let mut problems: Vec<SiteProblem> =
            sites.iter().chain(&detached).flat_map(|site| site.take_problems()).collect();
        problems.sort_by(|a, b| a.path.cmp(&b.path));
        problems
    }

    /// Whether the generator of the site that holds `folder` may build a page somewhere
    /// under it (`pages::builds_under`): the walk's question before it skips a folder by
    /// one of postlint's default names.
    pub fn builds_under(&self, folder: &Path) -> bool {
        let site = self.for_file(&folder.join("page.md"));
        site.builds_under(&site.relative_path(folder))
    }

    /// Whether the file at `file` is one to lint: Markdown by its extension (`.md`,
    /// `.markdown`, `.mdx`), or one its site's generator renders as Markdown. Only the
    /// extension is looked at, never the content.
    pub fn is_markdown(&self, file: &Path) -> bool {
        if crate::document::is_markdown_file(file) {
            return true;
        }
        let Some(extension) = file.extension().and_then(|e| e.to_str()) else { return false };
        self.for_file(file).renders_as_markdown(extension)
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
        let Some(root) = root else { return self.detached(&absolute_path(parent)) };
        let root = Some(root);
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

    /// The site of posts in `dir` that belong to no site: their folder is their boundary.
    fn detached(&self, dir: &Path) -> Arc<Site> {
        if let Ok(cache) = self.detached.lock()
            && let Some(site) = cache.get(dir)
        {
            return Arc::clone(site);
        }
        let site = Arc::new(self.build(None, dir));
        match self.detached.lock() {
            Ok(mut cache) => Arc::clone(cache.entry(dir.to_path_buf()).or_insert(site)),
            Err(_) => site,
        }
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
            generators::ROOT_MARKERS
                .iter()
                .chain(&["config.toml", "config.yaml", "config.yml"])
                .any(|marker| name == *marker)
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
        if let Ok(mut sites) = self.detached.lock() {
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
        let read_roots = match &self.boundary {
            Some(boundary) => bounded::roots(root.into_iter().chain([boundary.as_path()])),
            None => vec![bounded::content_boundary(root.unwrap_or(dir))],
        };
        let forced = self.forced.map(|name| name.0);
        let Some(root) = root else {
            // A file in no site and no repository: plain Markdown, unless a `_posts`
            // folder says Jekyll.
            let generator = forced.unwrap_or_else(|| generators::guess_from_path(dir, Generator::Plain));
            let mut site = Site::with_adapter(generator.adapter());
            site.kinds = Arc::clone(&self.kinds);
            site.files = DirCache::within(read_roots.clone());
            site.read_roots = read_roots;
            return site;
        };
        let (generator, evidence) = match forced {
            Some(generator) => (generator, "set in postlint.toml or with --generator".to_string()),
            None => generators::detect(root, dir, &read_roots),
        };
        let mut site = Site::with_adapter(Generator::Unknown.adapter());
        site.root = Some(root.to_path_buf());
        site.kinds = Arc::clone(&self.kinds);
        // The cache is postlint's own state, written at the site root: only for a root
        // inside the repository of the working directory (or the given boundary).
        let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let own_state = self.boundary.clone().or_else(|| crate::bounded::working_boundary().ok());
        site.cache_enabled = self.cache && own_state.is_some_and(|b| canonical_root.starts_with(b));
        site.files = DirCache::within(read_roots.clone());
        site.read_roots = read_roots;
        site.adapter = generator.configure(root, &mut site);
        site.evidence = evidence;
        site
    }
}

/// A site-root URL path for `path` written in a page at `page_url`, resolved as a browser
/// does: against the page's folder (`/a/b/` or the folder of `/a/b.html`), `..` stopping
/// at the root.
pub(crate) fn resolve_url_path(page_url: &str, path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let mut segments: Vec<&str> = page_url.split('/').filter(|s| !s.is_empty()).collect();
    if !page_url.ends_with('/') {
        segments.pop();
    }
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    format!("/{}", segments.join("/"))
}

/// The files of a repository by name (relative paths, `/`-separated), for suffix lookups.
/// `.git` and `node_modules` are not listed, links are not followed, and the listing
/// stops at a bound (a repository of more files answers from what was listed).
#[derive(Debug, Default)]
struct RepositoryFiles {
    by_name: HashMap<String, Vec<String>>,
}

impl RepositoryFiles {
    const MAX_FILES: usize = 300_000;
    const MAX_DEPTH: usize = 32;

    fn list(root: &Path) -> RepositoryFiles {
        let mut files = RepositoryFiles::default();
        let mut count = 0;
        let mut stack = vec![(root.to_path_buf(), String::new(), 0usize)];
        while let Some((dir, relative, depth)) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let Ok(kind) = entry.file_type() else { continue };
                let path = if relative.is_empty() { name.clone() } else { format!("{relative}/{name}") };
                if kind.is_dir() {
                    if depth < Self::MAX_DEPTH && name != ".git" && name != "node_modules" {
                        stack.push((entry.path(), path, depth + 1));
                    }
                } else if kind.is_file() {
                    count += 1;
                    if count > Self::MAX_FILES {
                        return files;
                    }
                    files.by_name.entry(name).or_default().push(path);
                }
            }
        }
        files
    }

    /// Whether some file's path ends with these parts.
    fn ends_with(&self, parts: &[&str]) -> bool {
        let Some(name) = parts.last() else { return false };
        let suffix = parts.join("/");
        self.by_name
            .get(*name)
            .is_some_and(|paths| paths.iter().any(|path| path == &suffix || path.ends_with(&format!("/{suffix}"))))
    }
}

/// Ignore-file style patterns as globs: a name or path ignores it and everything under it.
pub(crate) fn ignore_globs<'a>(patterns: impl Iterator<Item = &'a str>) -> Option<globset::GlobSet> {
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
pub(crate) fn parse_toml_config(site: &Site, path: &Path, text: &str) -> Option<toml::Table> {
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

/// Whether template code reads the front matter key `key` as a property (`page.canonical`,
/// `.Params.canonicalURL`, `data.canonical_url`): `rel="canonical"` names no key.
fn reads_key(text: &str, key: &str) -> bool {
    text.match_indices(key).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + key.len()..].chars().next();
        before == Some('.') && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Whether a YAML node is `true` (used for config flags).
pub fn is_true(node: Option<&Node>) -> bool {
    matches!(node.map(|n| &n.value), Some(Value::Bool(true)))
}

/// Directory listings read once per run, for exact, case-sensitive existence checks.
///
/// Only what is inside the site's boundary exists for a lookup: a folder outside it
/// (reached through `..` or a symlinked folder) or in `.git` lists as empty, and in the
/// folders above the boundary (a path walks through `/`, `/home` … to reach the site) a
/// name counts only when it leads to the boundary. So whether a file exists outside the
/// repository never changes a diagnostic.
#[derive(Default, Debug)]
pub struct DirCache {
    listings: Mutex<HashMap<PathBuf, Arc<Listing>>>,
    /// The boundary (`bounded::read`'s roots); empty: any folder (a detached test site).
    roots: Vec<PathBuf>,
    /// Paths in folders above the boundary: whether each leads to it (or into it).
    on_the_way: Mutex<HashMap<PathBuf, bool>>,
}

/// One folder's names, for exact lookups and case-insensitive ones in constant time (a
/// post with 4,000 images in a folder of 50,000 files must not compare every pair).
#[derive(Default, Debug)]
struct Listing {
    exact: std::collections::HashSet<String>,
    /// Lower-cased name → the name as it is on disk (the first, in name order).
    folded: HashMap<String, String>,
    /// A folder above the boundary: only names that lead to it count.
    above: bool,
}

/// Where a folder is from the boundary's point of view.
enum Place {
    Inside,
    Above,
    Outside,
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
    /// Lookups that see only what is inside `roots` (canonical boundaries).
    pub fn within(roots: Vec<PathBuf>) -> DirCache {
        DirCache { roots, ..DirCache::default() }
    }

    /// Where `path` resolves: inside the boundary, in a folder above it, or elsewhere.
    fn place(&self, path: &Path) -> Place {
        if self.roots.is_empty() {
            return Place::Inside;
        }
        let Ok(real) = path.canonicalize() else { return Place::Outside };
        if bounded::admit(&real, &self.roots).is_ok() {
            Place::Inside
        } else if self.roots.iter().any(|root| root.starts_with(&real)) {
            Place::Above
        } else {
            Place::Outside
        }
    }

    /// Whether `path`, a name in a folder above the boundary, leads to it.
    fn on_the_way(&self, path: &Path) -> bool {
        if let Some(&known) = self.on_the_way.lock().ok().and_then(|cache| cache.get(path).copied()).as_ref() {
            return known;
        }
        let leads = !matches!(self.place(path), Place::Outside);
        if let Ok(mut cache) = self.on_the_way.lock() {
            cache.insert(path.to_path_buf(), leads);
        }
        leads
    }

    fn listing(&self, dir: &Path) -> Arc<Listing> {
        if let Ok(cache) = self.listings.lock()
            && let Some(listing) = cache.get(dir)
        {
            return Arc::clone(listing);
        }
        let place = self.place(dir);
        let mut names: Vec<String> = match place {
            Place::Outside => Vec::new(),
            Place::Inside | Place::Above => std::fs::read_dir(dir)
                .map(|entries| {
                    entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect()
                })
                .unwrap_or_default(),
        };
        if !self.roots.is_empty() {
            names.retain(|name| name != ".git");
        }
        names.sort();
        let mut folded = HashMap::with_capacity(names.len());
        for name in &names {
            folded.entry(name.to_lowercase()).or_insert_with(|| name.clone());
        }
        let above = matches!(place, Place::Above);
        let listing = Arc::new(Listing { exact: names.into_iter().collect(), folded, above });
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
                    if listing.above && !self.on_the_way(&dir.join(&actual)) {
                        return Lookup::Missing;
                    }
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
