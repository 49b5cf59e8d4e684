//! The site index: every post and page of a site, read from front matter only, so that a
//! one-file run (pre-commit, editor) still sees the whole site and stays fast.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use ignore::WalkBuilder;

use crate::document::front_matter::{self, FrontMatter};
use crate::document::is_markdown_file as is_markdown;
use crate::document::tree::{Node, Value};
use crate::site::DEFAULT_EXCLUDE;
use crate::site::cache::{Checked, Entry, IndexCache, Shape, Stamp};
use crate::site::{Site, is_site_root};
use crate::text::dates;
use crate::text::normalize::fold;
use crate::text::urls::percent_decode;

/// Front matter is read up to this many bytes; longer front matter is not a post's.
const FRONT_MATTER_LIMIT: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Hash, serde::Serialize, serde::Deserialize)]
pub struct IndexedPost {
    /// Path relative to the site root, with `/`.
    pub path: String,
    /// Whether it is a post (`_posts/`, `content/`), not a page.
    pub is_post: bool,
    /// Its language, when its path or front matter says: translations share titles.
    pub language: Option<String>,
    pub published: bool,
    pub title: Option<String>,
    pub description: Option<String>,
    /// The post's focus keyword: the first of `seo_keywords`, else of `keywords`.
    #[serde(default)]
    pub focus_keyword: Option<String>,
    /// The key its translations share: Hugo's `translationKey`, `translation_key` or
    /// `lang_ref` (Jekyll multilingual setups).
    #[serde(default)]
    pub translation_key: Option<String>,
    /// The URL path the generator writes it to, without `baseurl`, decoded.
    pub url: Option<String>,
    /// Other URLs that lead to it: jekyll-redirect-from's `redirect_from`, Hugo's and
    /// Zola's `aliases`.
    pub redirects: Vec<String>,
}

/// `post_url` names and the suggestions they lead to.
#[derive(Debug, Default)]
struct PostNames {
    /// `2026-01-12-slug` and `sub/2026-01-12-slug`.
    ids: HashMap<String, usize>,
    /// Post names by their date (`2026-01-12`) and by their slug, for suggestions.
    by_day: HashMap<String, Vec<String>>,
    by_slug: HashMap<String, Vec<String>>,
}

/// Published pages by their URL and by the redirect URLs that lead to them.
#[derive(Debug, Default)]
struct Locations {
    urls: HashMap<String, Vec<usize>>,
    /// Redirect URLs (`redirect_from`, `aliases`): they resolve, but are not pages.
    redirects: HashMap<String, Vec<usize>>,
}

/// Every file of the site the index describes, sorted by path, and lookup tables built
/// from them on first use: a one-file run asks a few questions of a site of 10,000 posts
/// (where does this link lead, is this URL taken), and folding every title and
/// description for tables no enabled rule reads was most of its time.
#[derive(Debug, Default)]
pub struct SiteIndex {
    /// Shared, so that the language server's index after an edit shares every entry but
    /// the edited file's with the index before it.
    pub posts: Vec<std::sync::Arc<IndexedPost>>,
    names: std::sync::OnceLock<PostNames>,
    locations: std::sync::OnceLock<Locations>,
    /// Published posts by their folded title and description (LNK005, LNK006).
    titles: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
    descriptions: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
    /// Published posts by their focus keyword, folded without spaces (LNK012).
    focus_keywords: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
    /// Published posts' titles by their tokens (LNK010).
    similar_titles: std::sync::OnceLock<crate::text::similar::SimilarTitles>,
    /// The same for descriptions (LNK013).
    similar_descriptions: std::sync::OnceLock<crate::text::similar::SimilarTitles>,
    /// The first path segment of every page's URL and redirect (`blog` of `/blog/x/`).
    first_segments: std::sync::OnceLock<std::collections::HashSet<String>>,
    /// The last path segment of every page's URL (`x` of `/blog/x/`).
    last_segments: std::sync::OnceLock<std::collections::HashSet<String>>,
    /// Published pages by (translation key, language) (LNK015).
    #[allow(clippy::type_complexity)]
    translation_keys: std::sync::OnceLock<HashMap<(String, Option<String>), Vec<usize>>>,
}

impl SiteIndex {
    // The cache handed back for a walk to reuse is as large as it is (see `IndexCache::check`).
    #[allow(clippy::result_large_err)]
    pub fn build(root: &Path, site: &Site) -> SiteIndex {
        let key = site.index_cache_key();
        let cache = if site.cache_enabled { crate::site::cache::load(root, &key) } else { None };
        let started = crate::site::cache::nanos(std::time::SystemTime::now());
        let (shape, entries, changed) = match cache.map(|cache| cache.check(root)) {
            Some(Ok((shape, checked))) => {
                let (entries, changed) = read_changed(root, site, checked);
                (shape, entries, changed)
            }
            Some(Err(cache)) => walk(root, site, Some(&cache)),
            None => walk(root, site, None),
        };
        let saving = site.cache_enabled && changed;
        let posts: Vec<IndexedPost> = if saving {
            let posts = entries.iter().filter_map(|(_, entry)| entry.post.clone()).collect();
            crate::site::cache::save(root, &key, started, shape, entries);
            posts
        } else {
            entries.into_iter().filter_map(|(_, entry)| entry.post).collect()
        };
        SiteIndex::from_posts(posts)
    }

    /// The index of these files: ids follow the paths' order, since walk order varies from
    /// run to run and ids (and so "first given here") must not.
    pub fn from_posts(mut posts: Vec<IndexedPost>) -> SiteIndex {
        posts.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        SiteIndex { posts: posts.into_iter().map(std::sync::Arc::new).collect(), ..SiteIndex::default() }
    }

    /// This index with some files' entries replaced (`Some`) or removed (`None`), keyed
    /// by site-relative path: the language server's update after an edit, a save or a
    /// file change on disk, without reading the other posts again.
    pub fn with_changes(&self, changes: Vec<(String, Option<IndexedPost>)>) -> SiteIndex {
        let mut posts = self.posts.clone();
        for (relative, post) in changes {
            let found = posts.binary_search_by(|known| known.path.as_str().cmp(&relative));
            match (found, post) {
                (Ok(at), Some(post)) => posts[at] = std::sync::Arc::new(post),
                (Err(at), Some(post)) => posts.insert(at, std::sync::Arc::new(post)),
                (Ok(at), None) => {
                    posts.remove(at);
                }
                (Err(_), None) => {}
            }
        }
        SiteIndex { posts, ..SiteIndex::default() }
    }

    /// The entry of the file at `relative` (site-relative, `/`-separated).
    pub fn entry(&self, relative: &str) -> Option<&IndexedPost> {
        let found = self.posts.binary_search_by(|post| post.path.as_str().cmp(relative)).ok()?;
        self.posts.get(found).map(|post| &**post)
    }

    /// Post names as the generator looks posts up: `names_of` gives each post's names,
    /// its own name first; a post's own name wins over another's other names (Hexo finds
    /// a slug before a title). The first call's answer is kept: an index belongs to one
    /// site.
    fn names(&self, names_of: impl Fn(&IndexedPost) -> Vec<String>) -> &PostNames {
        self.names.get_or_init(|| {
            let mut names = PostNames::default();
            let posts: Vec<(usize, Vec<String>)> = self
                .posts
                .iter()
                .enumerate()
                .filter(|(_, p)| p.is_post)
                .map(|(id, post)| (id, names_of(post)))
                .collect();
            for (id, own) in posts.iter().filter_map(|(id, list)| Some((*id, list.first()?))) {
                names.ids.entry(own.clone()).or_insert(id);
            }
            for (id, list) in &posts {
                for name in list {
                    if let Some(base) = name.rsplit('/').next()
                        && let Some((_, length)) = dates::filename_date_prefix(base)
                    {
                        let (day, slug) = (&base[..length - 1], &base[length..]);
                        names.by_day.entry(day.to_string()).or_default().push(base.to_string());
                        names.by_slug.entry(slug.to_string()).or_default().push(base.to_string());
                    }
                    names.ids.entry(name.clone()).or_insert(*id);
                }
            }
            for list in names.by_day.values_mut().chain(names.by_slug.values_mut()) {
                list.dedup();
            }
            names
        })
    }

    fn locations(&self) -> &Locations {
        self.locations.get_or_init(|| {
            let mut locations = Locations::default();
            for (id, post) in self.published() {
                if let Some(url) = &post.url {
                    locations.urls.entry(normalize_url(url)).or_default().push(id);
                }
                for redirect in &post.redirects {
                    locations.redirects.entry(normalize_url(redirect)).or_default().push(id);
                }
            }
            locations
        })
    }

    fn published(&self) -> impl Iterator<Item = (usize, &IndexedPost)> {
        self.posts.iter().map(|post| &**post).enumerate().filter(|(_, post)| post.published)
    }

    /// Published posts (not pages) by a key made of one of their fields.
    fn posts_by(&self, key: impl Fn(&IndexedPost) -> Option<String>) -> HashMap<String, Vec<usize>> {
        let mut map: HashMap<String, Vec<usize>> = HashMap::new();
        for (id, post) in self.published().filter(|(_, post)| post.is_post) {
            if let Some(key) = key(post) {
                map.entry(key).or_default().push(id);
            }
        }
        map
    }

    /// Whether the site has posts that tags can name (see `Site::knows_post_names`).
    pub(crate) fn has_names(&self, names_of: impl Fn(&IndexedPost) -> Vec<String>) -> bool {
        !self.names(names_of).ids.is_empty()
    }

    /// The post a tag's post name resolves to (see `Site::post_named`).
    pub(crate) fn post_named(
        &self,
        name: &str,
        names_of: impl Fn(&IndexedPost) -> Vec<String>,
    ) -> Option<&IndexedPost> {
        self.names(names_of).ids.get(name.trim_start_matches('/')).map(|&id| &*self.posts[id])
    }

    /// The known post name closest to `name` (for "did you mean"): a post of the same
    /// day with a similar slug (a typo), or a post with the same slug on another day (a
    /// re-dated post); for names without a date, the nearest name by edit distance.
    /// Looking only there keeps a site of 10,000 posts cheap.
    pub(crate) fn closest_post_name(&self, name: &str, names_of: impl Fn(&IndexedPost) -> Vec<String>) -> Option<&str> {
        let names = self.names(names_of);
        let wanted = name.trim_start_matches('/');
        let base = wanted.rsplit('/').next()?;
        let Some((_, length)) = dates::filename_date_prefix(base) else {
            let limit = (wanted.chars().count() / 3).max(1);
            let mut best: Option<(usize, &str)> = None;
            for candidate in names.ids.keys() {
                let bound = best.map_or(limit, |(d, _)| d);
                if let Some(distance) = bounded_edit_distance(wanted, candidate, bound)
                    && best.is_none_or(|(d, c)| distance < d || distance == d && candidate.as_str() < c)
                {
                    best = Some((distance, candidate));
                }
            }
            return best.map(|(_, c)| c);
        };
        let (day, slug) = (&base[..length - 1], &base[length..]);
        if let Some(same_slug) = names.by_slug.get(slug).and_then(|names| names.first()) {
            return Some(same_slug);
        }
        let bound = slug.chars().count() / 2;
        let mut best: Option<(usize, &str)> = None;
        for candidate in names.by_day.get(day).into_iter().flatten() {
            let limit = best.map_or(bound, |(d, _)| d.saturating_sub(1));
            if let Some(distance) = bounded_edit_distance(slug, dates::strip_filename_date(candidate), limit)
                && best.is_none_or(|(d, c)| distance < d || distance == d && candidate.as_str() < c)
            {
                best = Some((distance, candidate));
            }
        }
        best.map(|(_, c)| c)
    }

    /// Posts and pages whose URL is `url` (any of its equivalent forms).
    pub fn by_url(&self, url: &str) -> &[usize] {
        self.locations().urls.get(&normalize_url(url)).map_or(&[], Vec::as_slice)
    }

    /// Whether `url` leads somewhere: a page's URL or a redirect to one.
    pub fn resolves(&self, url: &str) -> bool {
        let normalized = normalize_url(url);
        let locations = self.locations();
        locations.urls.contains_key(&normalized) || locations.redirects.contains_key(&normalized)
    }

    /// Published posts whose title is at least `threshold` similar to `title` (by words,
    /// or character pairs in CJK), with the similarity.
    pub fn similar_titles(&self, title: &str, threshold: f64) -> Vec<(usize, f64)> {
        self.similar_titles
            .get_or_init(|| {
                crate::text::similar::SimilarTitles::new(
                    self.posts.iter().map(|p| p.title.as_deref().filter(|_| p.published && p.is_post)),
                )
            })
            .similar_to(title, threshold)
    }

    /// Published posts whose description is at least `threshold` similar to `description`.
    pub fn similar_descriptions(&self, description: &str, threshold: f64) -> Vec<(usize, f64)> {
        self.similar_descriptions
            .get_or_init(|| {
                crate::text::similar::SimilarTitles::new(
                    self.posts.iter().map(|p| p.description.as_deref().filter(|_| p.published && p.is_post)),
                )
            })
            .similar_to(description, threshold)
    }

    /// The first path segments under which the site publishes a page (`/blog/…`), or a
    /// page itself at the top (`/about`).
    pub fn first_segments(&self) -> &std::collections::HashSet<String> {
        self.first_segments.get_or_init(|| {
            let locations = self.locations();
            locations.urls.keys().chain(locations.redirects.keys()).filter_map(|url| first_segment(url)).collect()
        })
    }

    /// The last path segments of the site's posts: a link whose last segment is one of
    /// them points at a post of this site, whatever folder it names (pages and collection
    /// documents share their names with other apps' pages too often: `/docs/annotations`).
    pub fn last_segments(&self) -> &std::collections::HashSet<String> {
        self.last_segments.get_or_init(|| {
            self.locations()
                .urls
                .iter()
                .filter(|(_, ids)| ids.iter().any(|&id| self.posts[id].is_post))
                .filter_map(|(url, _)| last_segment(url))
                .collect()
        })
    }

    /// Published pages that give `key` as their translation key, in `language`.
    pub fn by_translation_key(&self, key: &str, language: Option<&str>) -> &[usize] {
        let map = self.translation_keys.get_or_init(|| {
            let mut map: HashMap<(String, Option<String>), Vec<usize>> = HashMap::new();
            for (id, post) in self.published() {
                if let Some(key) = &post.translation_key {
                    map.entry((key.clone(), post.language.clone())).or_default().push(id);
                }
            }
            map
        });
        map.get(&(key.to_string(), language.map(str::to_string))).map_or(&[], Vec::as_slice)
    }

    /// Published posts whose focus keyword, folded without spaces, is `keyword`.
    pub fn by_focus_keyword(&self, keyword: &str) -> &[usize] {
        let map = self.focus_keywords.get_or_init(|| self.posts_by(|post| post.focus_keyword.clone()));
        map.get(keyword).map_or(&[], Vec::as_slice)
    }

    /// Published posts whose title, folded with `normalize::fold`, is `folded`.
    pub fn by_folded_title(&self, folded: &str) -> &[usize] {
        let map = self.titles.get_or_init(|| self.posts_by(|post| post.title.as_deref().map(fold)));
        map.get(folded).map_or(&[], Vec::as_slice)
    }

    /// Published posts whose description, folded with `normalize::fold`, is `folded`.
    pub fn by_folded_description(&self, folded: &str) -> &[usize] {
        let map = self.descriptions.get_or_init(|| self.posts_by(|post| post.description.as_deref().map(fold)));
        map.get(folded).map_or(&[], Vec::as_slice)
    }
}

/// The cached files with the changed ones read again; whether any changed.
fn read_changed(
    root: &Path,
    site: &Site,
    checked: Vec<(String, crate::site::cache::Checked)>,
) -> (Vec<(String, Entry)>, bool) {
    let mut changed = false;
    let entries = checked
        .into_iter()
        .map(|(relative, checked)| {
            let entry = match checked {
                Checked::Unchanged(entry) => entry,
                Checked::Changed(stamp) => {
                    changed = true;
                    Entry { stamp, post: describe_path(&relative, &root.join(&relative), site) }
                }
            };
            (relative, entry)
        })
        .collect();
    (entries, changed)
}

/// Walks the site and describes every page, reusing the cached entries of files that did
/// not change: the entries, the walk's shape, and whether anything differed from the cache.
fn walk(root: &Path, site: &Site, cache: Option<&IndexCache>) -> (Shape, Vec<(String, Entry)>, bool) {
    // The walk and the reading run together on the walker's own threads (not rayon:
    // this runs inside a OnceLock that rayon workers wait on, and a worker that stole
    // another file's job while building the index would wait on itself).
    let found: Mutex<Vec<(String, Entry)>> = Mutex::new(Vec::new());
    // Folders by their path, with their modification times (shared with the entry
    // filter, which must own what it uses).
    let folders: std::sync::Arc<Mutex<Vec<(PathBuf, i128)>>> = Default::default();
    let reused = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
    let nested_sites = std::sync::Arc::clone(&folders);
    // The same files as the run's walk (`discover`): ignore files hide only what git does
    // not track (what they hid that git tracks is added back below; with the tracked set
    // unknown none is obeyed), and a default-named folder is skipped only where the
    // generator builds nothing.
    let tracked = crate::site::tracked::of(root);
    let obey_ignore_files = tracked.is_some();
    WalkBuilder::new(root)
        .hidden(true)
        .ignore(obey_ignore_files)
        .git_ignore(obey_ignore_files)
        .git_exclude(obey_ignore_files)
        .git_global(obey_ignore_files)
        .threads(threads)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            // Another site inside this one (a docs site, a theme's example site) builds
            // its own pages: they are not this site's. Its folder is watched all the
            // same, since it stops being a site when its configuration goes.
            let nested_site = entry.depth() > 0 && is_dir && is_site_root(entry.path());
            if nested_site {
                note_folder(&nested_sites, entry);
            }
            entry.file_name() != crate::site::cache::CACHE_DIR && !nested_site
        })
        .build_parallel()
        .run(|| {
            let (found, reused, folders) = (&found, &reused, &folders);
            Box::new(move |entry| {
                let Ok(entry) = entry else { return ignore::WalkState::Continue };
                let Some(kind) = entry.file_type() else { return ignore::WalkState::Continue };
                if kind.is_dir() {
                    // In and below a default-named folder, only folders the generator
                    // builds in are entered (Jekyll's `vendor/`, not `vendor/bundle/`).
                    let relative = relative_path(root, entry.path()).unwrap_or_default();
                    if entry.depth() > 0
                        && relative.split('/').any(|part| is_default_excluded(std::ffi::OsStr::new(part)))
                        && !site.builds_under(&relative)
                    {
                        return ignore::WalkState::Skip;
                    }
                    note_folder(folders, &entry);
                    return ignore::WalkState::Continue;
                }
                let path = entry.path();
                let wanted = is_markdown(path) || path.extension().is_some_and(|x| x == "html");
                let Some(relative) = relative_path(root, path).filter(|_| kind.is_file() && wanted) else {
                    return ignore::WalkState::Continue;
                };
                let stamp = entry.metadata().ok().map_or(Stamp { size: 0, mtime: 0 }, |meta| Stamp::of(&meta));
                let entry = match cache.and_then(|cache| cache.lookup(&relative, stamp)) {
                    Some(hit) => {
                        reused.fetch_add(1, Ordering::Relaxed);
                        hit.clone()
                    }
                    // A regular file the walk met without following a link, outside `.git`.
                    None => Entry { stamp, post: describe_walked(&relative, path, site) },
                };
                if let Ok(mut found) = found.lock() {
                    found.push((relative, entry));
                }
                ignore::WalkState::Continue
            })
        });
    let mut entries = found.into_inner().unwrap_or_default();
    if let Some(tracked) = &tracked {
        add_tracked(root, site, tracked, cache, &reused, &mut entries);
    }
    let folders = folders.lock().map(|folders| folders.clone()).unwrap_or_default();
    let folders = folders.into_iter().filter_map(|(path, mtime)| Some((relative_path(root, &path)?, mtime))).collect();
    let shape = Shape::of(root, folders, tracked.as_ref().and_then(|_| crate::site::tracked::pages_digest(root)));
    let unchanged = cache.is_some_and(|cache| {
        reused.load(Ordering::Relaxed) == entries.len() && cache.len() == entries.len() && cache.shape() == &shape
    });
    (shape, entries, !unchanged)
}

/// One of the folder names postlint skips by default (`node_modules`, `vendor` …).
fn is_default_excluded(name: &std::ffi::OsStr) -> bool {
    DEFAULT_EXCLUDE.iter().any(|default| name == *default)
}

/// Adds the site's pages git tracks that the walk did not find because an ignore file
/// hid them: those it would have found without ignore files (not hidden, not in another
/// site inside this one, not in a default-named folder the generator does not build),
/// as the run's walk adds them back (`discover`).
fn add_tracked(
    root: &Path,
    site: &Site,
    tracked: &crate::site::tracked::Tracked,
    cache: Option<&IndexCache>,
    reused: &AtomicUsize,
    entries: &mut Vec<(String, Entry)>,
) {
    let Some(prefix) = tracked.prefix_of(&crate::site::absolute_path(root)) else { return };
    let found: std::collections::HashSet<String> = entries.iter().map(|(relative, _)| relative.clone()).collect();
    // Whether a folder (site-relative) keeps the walk out, once per folder.
    let mut folder_skipped: HashMap<String, bool> = HashMap::new();
    let mut added = Vec::new();
    for tracked_path in tracked.under(&prefix) {
        let below = if prefix.is_empty() { tracked_path } else { &tracked_path[prefix.len() + 1..] };
        let relative = String::from_utf8_lossy(below).into_owned();
        let path = root.join(crate::site::tracked::relative_path(below));
        let wanted = is_markdown(&path) || path.extension().is_some_and(|x| x == "html");
        if !wanted || found.contains(&relative) || relative.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let mut folder = String::new();
        let mut default_named = false;
        let mut skipped = false;
        for part in relative.split('/').collect::<Vec<_>>().split_last().map_or(&[][..], |(_, folders)| folders) {
            if !folder.is_empty() {
                folder.push('/');
            }
            folder.push_str(part);
            default_named |= is_default_excluded(std::ffi::OsStr::new(part));
            let skip = *folder_skipped
                .entry(folder.clone())
                .or_insert_with(|| is_site_root(&root.join(&folder)) || (default_named && !site.builds_under(&folder)));
            if skip {
                skipped = true;
                break;
            }
        }
        if skipped {
            continue;
        }
        // Only regular files, as the walk (which does not follow links) reads them.
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if !meta.is_file() {
            continue;
        }
        let stamp = Stamp::of(&meta);
        let entry = match cache.and_then(|cache| cache.lookup(&relative, stamp)) {
            Some(hit) => {
                reused.fetch_add(1, Ordering::Relaxed);
                hit.clone()
            }
            None => Entry { stamp, post: describe_path(&relative, &path, site) },
        };
        added.push((relative, entry));
    }
    entries.extend(added);
}

fn note_folder(folders: &Mutex<Vec<(PathBuf, i128)>>, entry: &ignore::DirEntry) {
    let mtime = entry.metadata().ok().and_then(|meta| meta.modified().ok()).map_or(0, crate::site::cache::nanos);
    if let Ok(mut folders) = folders.lock() {
        folders.push((entry.path().to_path_buf(), mtime));
    }
}

/// A path relative to the site root, with `/`.
fn relative_path(root: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(root).ok().map(|relative| relative.to_string_lossy().replace('\\', "/"))
}

/// One file of the site as the index sees it, or nothing for layouts and includes. The
/// file is read only when it resolves inside the site's boundary, outside `.git`, and is
/// a regular file (`bounded::open`): a path from a cache entry or an editor's
/// file-watching event may be a link to anywhere, or to a FIFO.
pub fn describe_path(relative: &str, path: &Path, site: &Site) -> Option<IndexedPost> {
    let file = crate::bounded::open(path, site.read_roots()).ok()?;
    describe_front_matter(relative, &read_front_matter(file, site.markup().unfenced_front_matter)?, site)
}

/// `describe_path` for a regular file the site's own walk found (it follows no link and
/// skips `.git`), without resolving its path again.
fn describe_walked(relative: &str, path: &Path, site: &Site) -> Option<IndexedPost> {
    let file = std::fs::File::open(path).ok()?;
    describe_front_matter(relative, &read_front_matter(file, site.markup().unfenced_front_matter)?, site)
}

/// A file's entry from its text (the language server's unsaved buffer), or nothing for
/// layouts and includes.
pub fn describe_text(relative: &str, text: &str, site: &Site) -> Option<IndexedPost> {
    describe_front_matter(relative, &front_matter_part(text.as_bytes(), site.markup().unfenced_front_matter)?, site)
}

/// A file's entry from its front matter part (`front_matter_part`).
fn describe_front_matter(relative: &str, part: &str, site: &Site) -> Option<IndexedPost> {
    let (front, _) = front_matter::split_with(&index_view(part), &site.markup());
    let kind = crate::site::pages::kind_of(site, relative, front.as_ref());
    if matches!(kind, crate::site::pages::PageKind::Unbuilt | crate::site::pages::PageKind::Template) {
        return None;
    }
    Some(describe(relative, front.as_ref(), site))
}

/// The top-level keys `describe` reads.
const INDEXED_KEYS: &[&str] = &[
    "title",
    "description",
    "permalink",
    "url",
    "publishDate",
    "slug",
    "date",
    "categories",
    "category",
    "draft",
    "published",
    "lang",
    "locale",
    "language",
    "headless",
    "build",
    "_build",
    "path",
    "redirect_from",
    "aliases",
    "keywords",
    "seo_keywords",
    "translationKey",
    "translation_key",
    "lang_ref",
    // Hexo's permalink placeholders `:id` and `:abbrlink` (hexo-abbrlink writes it).
    "id",
    "abbrlink",
];

/// YAML front matter cut down to the keys the index reads: parsing YAML is most of the
/// cost of indexing a site, and tags, keywords and images are most of the YAML. Only
/// the usual shape is cut — every line at column 0 a plain `key:`, no aliases in what is
/// kept; anything else is parsed whole, so a value can never change meaning.
fn index_view(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next().filter(|l| l.trim_end() == "---") else { return Cow::Borrowed(text) };
    let mut kept = String::with_capacity(text.len());
    kept.push_str(first);
    let mut keeping = false;
    for line in lines.by_ref() {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            kept.push_str(line);
            return Cow::Owned(kept);
        }
        match line.as_bytes().first() {
            Some(b' ' | b'\t' | b'-' | b'#' | b'\n' | b'\r') | None => {}
            Some(_) => match simple_key(line) {
                Some(key) => keeping = INDEXED_KEYS.contains(&key),
                None => return Cow::Borrowed(text),
            },
        }
        if keeping {
            if line.contains('*') {
                return Cow::Borrowed(text);
            }
            kept.push_str(line);
        }
    }
    // No closing fence: the whole text, so the error is the same as the linter's.
    Cow::Borrowed(text)
}

/// `key` of a line `key: …` or `key:` whose key is a plain word.
fn simple_key(line: &str) -> Option<&str> {
    let (key, rest) = line.split_once(':')?;
    let plain = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        && !key.starts_with('-');
    let separated = rest.is_empty() || rest.starts_with([' ', '\t', '\n', '\r']);
    (plain && separated).then_some(key)
}

/// Reads a file only as far as its front matter's closing fence.
fn read_front_matter(file: std::fs::File, unfenced: bool) -> Option<String> {
    // Only a regular file is read (the walk and the cache both met one here; this is what
    // was opened): a device or FIFO swapped in meanwhile would never end.
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    front_matter_part(BufReader::new(file.take(FRONT_MATTER_LIMIT as u64)), unfenced)
}

/// The first line and, when it opens front matter, every line up to its closing fence
/// (with `unfenced`, also a first `key:` line up to a line of `-`, as Hexo reads front
/// matter): all the index reads of a file (on disk) or of an editor's buffer (its bytes).
fn front_matter_part(mut reader: impl BufRead, unfenced: bool) -> Option<String> {
    let mut text = String::new();
    let mut line = String::new();
    reader.read_line(&mut text).ok()?;
    let fence = text.trim_start_matches('\u{feff}').trim_end().to_string();
    if unfenced && fence != "---" && front_matter::starts_with_key(&fence) {
        loop {
            line.clear();
            if reader.read_line(&mut line).ok()? == 0 {
                return Some(text);
            }
            text.push_str(&line);
            let trimmed = line.trim_end();
            if trimmed.len() >= 3 && trimmed.bytes().all(|b| b == b'-') {
                return Some(text);
            }
        }
    }
    if fence != "---" && fence != "+++" {
        return Some(text);
    }
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return Some(text);
        }
        text.push_str(&line);
        if line.trim_end() == fence {
            return Some(text);
        }
    }
}

/// What the index needs to know of one file, from its front matter.
pub fn describe(relative: &str, front: Option<&FrontMatter>, site: &Site) -> IndexedPost {
    let get = |key: &str| indexed(front, key);
    let string = |key: &str| get(key).and_then(Node::as_str).map(str::to_string);
    let kind = crate::site::pages::kind_of(site, relative, front);
    let is_post = kind == crate::site::pages::PageKind::Post;
    let draft = matches!(get("draft").map(|n| &n.value), Some(Value::Bool(true)))
        || matches!(get("published").map(|n| &n.value), Some(Value::Bool(false)))
        || site.is_draft_path(relative);
    IndexedPost {
        path: relative.to_string(),
        is_post,
        language: site.language_of(relative, front),
        redirects: ["redirect_from", "aliases"]
            .iter()
            .filter_map(|key| get(key))
            .flat_map(|node| match &node.value {
                Value::Seq(items) => items.iter().filter_map(Node::as_str).map(str::to_string).collect(),
                Value::String(one) => vec![one.clone()],
                _ => Vec::new(),
            })
            .map(|url| if url.starts_with('/') { url } else { format!("/{url}") })
            .collect(),
        published: !draft && (front.is_some_and(|f| f.root.is_some()) || site.builds_without_front_matter()),
        title: string("title"),
        description: string("description"),
        focus_keyword: ["seo_keywords", "keywords"].iter().find_map(|key| get(key).and_then(first_keyword)),
        translation_key: TRANSLATION_KEYS.iter().find_map(|key| get(key).and_then(Node::scalar_text)),
        url: url_of(relative, front, site, is_post),
    }
}

/// Front matter keys that pair a page with its translations.
pub const TRANSLATION_KEYS: &[&str] = &["translationKey", "translation_key", "lang_ref"];

/// The first keyword of a list, or of a comma-separated string, folded without spaces
/// (`AI ツール` and `AIツール` are one query).
pub fn first_keyword(node: &Node) -> Option<String> {
    let first = match &node.value {
        Value::Seq(items) => items.iter().find_map(Node::as_str)?.to_string(),
        Value::String(text) => text.split([',', '、']).next()?.to_string(),
        _ => return None,
    };
    let folded = crate::text::normalize::fold_without_spaces(&first);
    (!folded.is_empty()).then_some(folded)
}

/// A front matter key the index reads; `index_view` keeps exactly `INDEXED_KEYS`, so
/// reading any other key here would see nothing (tests run with debug assertions).
pub(in crate::site) fn indexed<'a>(front: Option<&'a FrontMatter>, key: &str) -> Option<&'a Node> {
    debug_assert!(INDEXED_KEYS.contains(&key), "`{key}` is not in INDEXED_KEYS");
    front.and_then(|f| f.get(key))
}

/// `_posts/sub/2026-01-12-slug.md` → `sub/2026-01-12-slug`.
fn post_name(path: &str) -> Option<String> {
    let after = path.split("_posts/").nth(1)?;
    let stem = after.rsplit_once('.').map_or(after, |(stem, _)| stem);
    Some(stem.to_string())
}

/// The names Jekyll's `{% post_url %}` finds a post by: its path under `_posts/` without
/// extension, its file name alone, and (`{% post_url blog/2026-01-12-slug %}` for
/// `blog/_posts/2026-01-12-slug.md`) the folders above `_posts` with its name.
pub(in crate::site) fn jekyll_post_names(post: &IndexedPost) -> Vec<String> {
    let Some(name) = post_name(&post.path) else { return Vec::new() };
    let mut names = vec![name.clone()];
    if let Some(base) = name.rsplit('/').next().filter(|base| *base != name) {
        names.push(base.to_string());
    }
    let above = post.path.split("_posts/").next().unwrap_or("");
    if !above.is_empty() {
        names.push(format!("{above}{name}"));
    }
    names
}

/// The URL path a generator gives the file (without `baseurl`), decoded.
pub fn url_of(relative: &str, front: Option<&FrontMatter>, site: &Site, is_post: bool) -> Option<String> {
    let get = |key: &str| indexed(front, key);
    if let Some(permalink) = get("permalink").and_then(Node::as_str)
        && !permalink.contains(':')
        && !site.reads_own_permalinks()
    {
        return Some(percent_decode(permalink));
    }
    site.generator_url(relative, front, is_post)
}

/// `x` of `/blog/x/` or `/blog/x.html`; `None` for `/`.
pub fn last_segment(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url).trim_end_matches('/');
    let segment = path.rsplit('/').next()?;
    let segment = segment.strip_suffix(".html").unwrap_or(segment);
    (!segment.is_empty()).then(|| percent_decode(segment))
}

/// `blog` of `/blog/x/`, `about` of `/about`; `None` for `/`.
pub fn first_segment(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let segment = path.trim_start_matches('/').split('/').next()?;
    (!segment.is_empty()).then(|| percent_decode(segment))
}

/// One form for every way of writing the same URL: decoded, no `index.html`, no `.html`,
/// no trailing slash.
pub fn normalize_url(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let decoded = percent_decode(path);
    let trimmed = decoded.strip_suffix("index.html").unwrap_or(&decoded);
    let trimmed = trimmed.strip_suffix(".html").unwrap_or(trimmed);
    let trimmed = trimmed.trim_end_matches('/');
    if trimmed.is_empty() { "/".to_string() } else { trimmed.to_string() }
}

/// Levenshtein distance over characters, or `None` as soon as it must exceed `limit`.
pub fn bounded_edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // Three rows: a swap of neighbours (`abuot` for `about`) is one edit, as a typo is.
    let mut before_previous: Vec<usize> = vec![0; b.len() + 1];
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut best = (previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && *ca == b[j - 1] && a[i - 1] == *cb {
                best = best.min(before_previous[j - 1] + 1);
            }
            current[j + 1] = best;
            row_min = row_min.min(best);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    (previous[b.len()] <= limit).then_some(previous[b.len()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::GeneratorName;

    #[test]
    fn index_view_keeps_the_indexed_keys_and_parses_the_same() {
        let text = "---\ntitle: \"計画 2026\"\ntags:\n- a\n- b\nimage:\n  path: /x.png\ndate: 2026-01-12\ncategories:\n  - news\n  - tips\ndescription: >\n  two\n\n  lines\n---\nbody\n";
        let view = index_view(text);
        assert_eq!(
            view,
            "---\ntitle: \"計画 2026\"\ndate: 2026-01-12\ncategories:\n  - news\n  - tips\ndescription: >\n  two\n\n  lines\n---\n"
        );
        let site = Site::detached(GeneratorName::parse("jekyll").flatten());
        let whole = describe("_posts/2026-01-12-x.md", front_matter::split(text).0.as_ref(), &site);
        let cut = describe("_posts/2026-01-12-x.md", front_matter::split(&view).0.as_ref(), &site);
        assert_eq!(format!("{whole:?}"), format!("{cut:?}"));
    }

    #[test]
    fn index_view_parses_unusual_front_matter_whole() {
        for text in [
            "---\nbase: &b x\ntitle: *b\n---\n",
            "---\n<<: {title: x}\n---\n",
            "---\ntags: [a,\nb]\ntitle: x\n---\n",
            "---\ntitle: x\n",
            "+++\ntitle = \"x\"\n+++\n",
        ] {
            assert_eq!(index_view(text), text, "{text}");
        }
    }

    #[test]
    fn url_forms_normalize_together() {
        assert_eq!(normalize_url("/blog/x/"), normalize_url("/blog/x/index.html"));
        assert_eq!(normalize_url("/blog/%E6%97%A5/"), normalize_url("/blog/日"));
    }

    #[test]
    fn distance() {
        assert_eq!(bounded_edit_distance("kitten", "sitting", 5), Some(3));
        assert_eq!(bounded_edit_distance("kitten", "sitting", 2), None);
        assert_eq!(bounded_edit_distance("abuot", "about", 1), Some(1), "a swap of neighbours is one edit");
        assert_eq!(bounded_edit_distance("docs", "jobs", 1), None);
    }
}
