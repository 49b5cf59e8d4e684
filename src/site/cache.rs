//! The persistent site-index cache: `.postlint_cache/index-v2.bin` at the site root holds
//! what the index learned from each file's front matter, keyed by the file's size and
//! modification time, and the folders the walk went through, so that a one-file run
//! (pre-commit, the editor) in a big site neither walks the site nor reads its posts
//! again: it checks the folders and files it knows and reads only those that changed.
//!
//! Correct before fast:
//! - the whole cache is keyed by postlint's build and the site's configuration that the
//!   index depends on (generator, permalink style, collections, defaults, `posts`/`pages`
//!   globs …); any change there discards it;
//! - a file added, removed or renamed changes its folder's modification time: every folder
//!   the walk entered (and every other site's root it skipped) is checked, and a changed
//!   one means the site is walked again, reusing the entries of unchanged files. An edited
//!   ignore file (`.gitignore`, `.ignore`, `.git/info/exclude`, in a walked folder or above
//!   the site) does the same, and so does a change in which of the site's pages git
//!   tracks (a digest of their paths from the index, `site::tracked`: ignore files hide
//!   only untracked files);
//! - an entry is trusted only when its file (or folder) was last modified at least two
//!   seconds before the cache was written (as git does for racy index entries): an edit in
//!   the same second as a run, which a coarse modification time cannot show, is read again;
//! - writes go to an exclusively created temporary file in the cache folder, renamed over
//!   the cache, so concurrent runs never leave a half-written file; a damaged or
//!   unreadable cache is ignored and rebuilt, never an error;
//! - the cache folder is used only when it is a real folder inside the site (a committed
//!   symbolic link named `.postlint_cache` disables the cache rather than redirect writes).
//!
//! Never trusted from a repository: the file is sealed with this machine's key
//! (`site::seal`), so a cache committed to the repository, or written by another machine,
//! is ignored and rebuilt. Even a sealed cache is not trusted with paths: every path in it
//! is site-relative with plain components only (no `..`, no absolute part, nothing under
//! `.git/`); the folders it names are checked, from the root down, to be real folders (not
//! links) before any is listed; a file it names is looked at only when its folder's
//! listing shows a regular file; and the ignore files it compares are the ones the walk
//! would read, never names taken from the cache.
//!
//! A small binary format of its own: a 10,000-post site's index is 3 MB and is read in a
//! few milliseconds, where the JSON of the first version took 25–40.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::bounded::{self, Limit};
use crate::site::IndexedPost;
use crate::site::seal::{self, Role};

pub const CACHE_DIR: &str = ".postlint_cache";
const INDEX_FILE: &str = "index-v2.bin";
const MAGIC: &[u8] = b"postlint-index-2\n";
/// Entries of files modified this close to the cache's writing are read again.
const RACY_NANOS: i128 = 2_000_000_000;
/// A cache file larger than this is not read (a site of 100,000 posts writes an index of
/// about 30 MB).
pub(crate) const CACHE_FILE: Limit = Limit { what: "cache file", max_bytes: 256 << 20 };
/// Ignore files the walk obeys in each folder.
const IGNORE_FILES: &[&str] = &[".gitignore", ".ignore"];

/// A file's size and modification time (nanoseconds since the epoch).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime: i128,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        Stamp { size: meta.len(), mtime: meta.modified().map_or(0, nanos) }
    }

    /// The stamp of the file at `path`, without following a symbolic link.
    pub fn read(path: &Path) -> Option<Stamp> {
        std::fs::symlink_metadata(path).ok().map(|meta| Stamp::of(&meta))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub stamp: Stamp,
    /// What the index made of the file; `None` for a file that is not a page.
    pub post: Option<IndexedPost>,
}

/// What the walk saw of the site, beside the files' entries, to tell later whether the
/// same walk would find the same files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shape {
    /// Site-relative folders (`""` for the root) with their modification times.
    pub folders: Vec<(String, i128)>,
    /// Ignore files, relative to the site root (`../.gitignore` above it), with their
    /// stamps, `None` where there is none.
    pub ignore_files: Vec<(String, Option<Stamp>)>,
    /// A digest of the site's pages that git tracks (`tracked::pages_digest`); `None`
    /// when that is unknown.
    pub tracked: Option<u64>,
}

impl Shape {
    /// The shape of a walk that entered `folders`: the folders and the ignore files that
    /// can be in them or above the site root (up to the repository's root).
    pub fn of(root: &Path, mut folders: Vec<(String, i128)>, tracked: Option<u64>) -> Shape {
        folders.sort_unstable();
        folders.dedup();
        let mut ignore_names: Vec<String> = Vec::new();
        for (folder, _) in &folders {
            for name in IGNORE_FILES {
                ignore_names.push(if folder.is_empty() { name.to_string() } else { format!("{folder}/{name}") });
            }
        }
        let mut above = String::new();
        for ancestor in root.ancestors() {
            if ancestor.join(".git").exists() {
                ignore_names.push(format!("{above}.git/info/exclude"));
                break;
            }
            above.push_str("../");
            if ancestor.parent().is_some() {
                ignore_names.extend(IGNORE_FILES.iter().map(|name| format!("{above}{name}")));
            }
        }
        let ignore_files = ignore_names
            .into_iter()
            .map(|name| {
                let stamp = Stamp::read(&root.join(&name));
                (name, stamp)
            })
            .collect();
        Shape { folders, ignore_files, tracked }
    }

    /// Whether the folders and ignore files are as they were, and the folders were not
    /// modified too close to `written_at` for their times to show a later change.
    ///
    /// The folders are checked in order, parents first (a parent sorts before what is in
    /// it, and `covers_its_files` made sure every parent is listed), each a real folder
    /// and not a link: a folder under a link is never looked at. The ignore files are the
    /// ones `Shape::of` finds for these folders now, not names read from the cache.
    fn unchanged(&self, root: &Path, written_at: i128) -> bool {
        let sorted = self.folders.windows(2).all(|pair| pair[0].0 < pair[1].0);
        let folders_same = sorted
            && self.folders.iter().all(|(folder, mtime)| {
                *mtime < written_at - RACY_NANOS
                    && std::fs::symlink_metadata(root.join(folder))
                        .is_ok_and(|meta| meta.file_type().is_dir() && meta.modified().map_or(0, nanos) == *mtime)
            });
        folders_same
            && Shape::of(root, self.folders.clone(), self.tracked).ignore_files == self.ignore_files
            && self.tracked == crate::site::tracked::pages_digest(root)
    }

    /// Whether the folders hold every folder and file of the cache: the site root, each
    /// folder's parent, each file's folder. A walk notes every folder it enters, so a
    /// cache it wrote always does; one that does not cannot show the site unchanged.
    fn covers_its_files(&self, entries: &[(String, Entry)]) -> bool {
        let known = |folder: &str| self.folders.binary_search_by(|(known, _)| known.as_str().cmp(folder)).is_ok();
        fn parent(path: &str) -> &str {
            path.rsplit_once('/').map_or("", |(folder, _)| folder)
        }
        let folders_covered = self.folders.iter().all(|(folder, _)| folder.is_empty() || known(parent(folder)));
        known("") && folders_covered && entries.iter().all(|(path, _)| known(parent(path)))
    }
}

#[derive(Debug, Default)]
pub struct IndexCache {
    pub(crate) key: String,
    pub(crate) written_at: i128,
    pub(crate) shape: Shape,
    /// Sorted by path.
    pub(crate) entries: Vec<(String, Entry)>,
}

/// A cached file checked against the disk: its entry when it is unchanged, else its
/// current stamp, to be read again. (Nearly every file is unchanged: boxing the entry
/// would cost an allocation each.)
#[allow(clippy::large_enum_variant)]
pub enum Checked {
    Unchanged(Entry),
    Changed(Stamp),
}

impl IndexCache {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The cached result for a file, when its stamp matches and it was not modified just
    /// before the cache was written.
    pub fn lookup(&self, relative: &str, stamp: Stamp) -> Option<&Entry> {
        let found = self.entries.binary_search_by(|(path, _)| path.as_str().cmp(relative)).ok()?;
        let entry = &self.entries[found].1;
        (entry.stamp == stamp && self.settled(stamp)).then_some(entry)
    }

    fn settled(&self, stamp: Stamp) -> bool {
        stamp.mtime < self.written_at - RACY_NANOS
    }

    pub fn shape(&self) -> &Shape {
        &self.shape
    }

    /// The cached files checked against the disk, when a walk of the site would find the
    /// same files (no folder or ignore file changed); else the cache back, for a walk of
    /// the site to reuse its unchanged entries.
    #[allow(clippy::result_large_err)]
    pub fn check(self, root: &Path) -> Result<(Shape, Vec<(String, Checked)>), IndexCache> {
        if !self.shape.covers_its_files(&self.entries) || !self.shape.unchanged(root, self.written_at) {
            return Err(self);
        }
        let Some(stamps) = stat_all(root, &self.entries) else { return Err(self) };
        let written_at = self.written_at;
        let checked = self
            .entries
            .into_iter()
            .zip(stamps)
            .map(|((path, entry), stamp)| {
                let same = entry.stamp == stamp && stamp.mtime < written_at - RACY_NANOS;
                (path, if same { Checked::Unchanged(entry) } else { Checked::Changed(stamp) })
            })
            .collect();
        Ok((self.shape, checked))
    }
}

/// The current stamps of the cached files; `None` when one is gone, which its folder's
/// time should have shown, or is no longer a regular file (the walk takes only regular
/// files, and a link is never followed). Each folder is listed once and its files stated through the
/// listing (`statx` relative to the open folder, on a few threads): stating 10,000 full
/// paths one by one spent most of a one-file run resolving the same folders again.
fn stat_all(root: &Path, entries: &[(String, Entry)]) -> Option<Vec<Stamp>> {
    let mut by_folder: std::collections::HashMap<&str, std::collections::HashMap<&str, usize>> = Default::default();
    for (id, (path, _)) in entries.iter().enumerate() {
        let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
        by_folder.entry(folder).or_default().insert(name, id);
    }
    let mut ids: Vec<usize> = Vec::with_capacity(entries.len());
    let mut listed: Vec<std::fs::DirEntry> = Vec::with_capacity(entries.len());
    for (folder, names) in by_folder {
        for found in std::fs::read_dir(root.join(folder)).ok()? {
            let found = found.ok()?;
            if let Some(&id) = found.file_name().to_str().and_then(|name| names.get(name)) {
                if !found.file_type().ok()?.is_file() {
                    return None;
                }
                ids.push(id);
                listed.push(found);
            }
        }
    }
    if listed.len() != entries.len() {
        return None;
    }
    let mut stamps = vec![Stamp { size: 0, mtime: 0 }; entries.len()];
    for (id, stamp) in ids.into_iter().zip(stamps_of(&listed)) {
        stamps[id] = stamp?;
    }
    Some(stamps)
}

/// The stamp of each listed file (`None` where it is gone), each stated relative to its
/// open folder (`fstatat`, not a lookup of its whole path) on a few threads: a 10,000-post
/// site is 10,000 `statx` calls. The index cache and the run cache both prove a tree
/// unchanged this way.
pub(crate) fn stamps_of(listed: &[std::fs::DirEntry]) -> Vec<Option<Stamp>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 4);
    let chunk = listed.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = listed
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter().map(|found| found.metadata().ok().map(|meta| Stamp::of(&meta))).collect::<Vec<_>>()
                })
            })
            .collect();
        // A worker that panicked stated nothing: its files count as gone.
        workers
            .into_iter()
            .zip(listed.chunks(chunk))
            .flat_map(|(worker, part)| worker.join().unwrap_or_else(|_| vec![None; part.len()]))
            .collect()
    })
}

/// This build of postlint: its version and its executable's size and time, so a rebuilt
/// binary (a checkout of main between releases) never reads a cache another build wrote.
pub fn build_stamp() -> String {
    static STAMP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    STAMP
        .get_or_init(|| {
            let exe = std::env::current_exe().and_then(std::fs::metadata);
            let (size, time) = exe.map_or((0, 0), |m| (m.len(), m.modified().map(nanos).unwrap_or(0)));
            format!("{}+{size}+{time}", env!("CARGO_PKG_VERSION"))
        })
        .clone()
}

/// Nanoseconds since the epoch of a modification time (negative before 1970).
pub fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// The cache folder of a site, when it may be used: absent (it will be created) or a real
/// folder, never a symbolic link.
pub(crate) fn cache_dir(root: &Path) -> Option<PathBuf> {
    let dir = root.join(CACHE_DIR);
    match std::fs::symlink_metadata(&dir) {
        Ok(meta) if meta.file_type().is_dir() => Some(dir),
        Ok(_) => None,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Some(dir),
        Err(_) => None,
    }
}

/// Files earlier versions of postlint kept in the cache folder: removed when a newer
/// file takes their place, so an upgrade does not leave tens of megabytes behind.
pub(crate) const SUPERSEDED: &[&str] = &["index-v1.json", "run-v1.json"];

/// Removes what earlier versions kept in the cache folder `dir`.
pub(crate) fn remove_superseded(dir: &Path) {
    for name in SUPERSEDED {
        let _ = std::fs::remove_file(dir.join(name));
    }
}

/// Creates the cache folder with a `.gitignore` of its own: the cache is never
/// committed, wherever the site's own .gitignore stands.
pub(crate) fn create(dir: &Path) -> bool {
    if std::fs::create_dir(dir).is_err() {
        return false;
    }
    if let Ok(mut ignore) = std::fs::OpenOptions::new().write(true).create_new(true).open(dir.join(".gitignore")) {
        let _ = ignore.write_all(b"# Created by postlint: a cache, safe to delete.\n*\n");
    }
    true
}

/// The bytes of the cache file `name` in the cache folder of `root`, when it is a regular
/// file (not a link) of at most `CACHE_FILE` bytes inside the site, read through
/// `bounded::read`.
pub(crate) fn read_cache_file(root: &Path, name: &str) -> Option<Vec<u8>> {
    let dir = cache_dir(root)?;
    let path = dir.join(name);
    if !std::fs::symlink_metadata(&path).ok()?.file_type().is_file() {
        return None;
    }
    bounded::read(&path, CACHE_FILE, &bounded::roots([dir.as_path()])).ok()
}

/// Writes `content`, sealed as a file of `role`, to the cache file `name` in the cache
/// folder `dir` (which exists): through an exclusively created temporary file renamed over
/// it, so a half-written file is never seen and a link at its name is replaced, never
/// followed. Whether it was written.
pub(crate) fn write_cache_file(dir: &Path, name: &str, role: Role, mut content: Vec<u8>) -> bool {
    let Some(sealer) = seal::sealer() else { return false };
    sealer.seal(role, &mut content);
    let Ok(mut file) = tempfile::NamedTempFile::new_in(dir) else { return false };
    file.write_all(&content).is_ok() && file.persist(dir.join(name)).is_ok()
}

/// The cache for `key`, or `None` when there is none, it is damaged, not sealed by this
/// machine, or another build's or configuration's.
pub fn load(root: &Path, key: &str) -> Option<IndexCache> {
    let sealer = seal::sealer()?;
    let bytes = read_cache_file(root, INDEX_FILE)?;
    let cache = decode(sealer.open(Role::Index, &bytes)?)?;
    (cache.key == key).then_some(cache)
}

/// Writes the cache atomically; any failure leaves the old cache (or none) in place.
pub fn save(root: &Path, key: &str, written_at: i128, shape: Shape, mut entries: Vec<(String, Entry)>) {
    let Some(dir) = cache_dir(root) else { return };
    if seal::sealer().is_none() || (std::fs::symlink_metadata(&dir).is_err() && !create(&dir)) {
        return;
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let bytes = encode(&IndexCache { key: key.to_string(), written_at, shape, entries });
    if write_cache_file(&dir, INDEX_FILE, Role::Index, bytes) {
        remove_superseded(&dir);
    }
}

/// The content of an index file (before its seal).
pub(crate) fn encode(cache: &IndexCache) -> Vec<u8> {
    let mut out = Writer(Vec::with_capacity(64 + cache.entries.len() * 256));
    out.0.extend_from_slice(MAGIC);
    out.text(&cache.key);
    out.i128(cache.written_at);
    out.count(cache.shape.folders.len());
    for (folder, mtime) in &cache.shape.folders {
        out.text(folder);
        out.i128(*mtime);
    }
    out.count(cache.shape.ignore_files.len());
    for (name, stamp) in &cache.shape.ignore_files {
        out.text(name);
        out.stamp(*stamp);
    }
    match cache.shape.tracked {
        None => out.0.push(0),
        Some(digest) => {
            out.0.push(1);
            out.0.extend_from_slice(&digest.to_le_bytes());
        }
    }
    out.count(cache.entries.len());
    for (path, entry) in &cache.entries {
        out.text(path);
        out.stamp(Some(entry.stamp));
        match &entry.post {
            None => out.0.push(0),
            Some(post) => {
                out.0.push(1);
                out.post(post);
            }
        }
    }
    out.0
}

/// An index file's content (after its seal was checked), when it is whole and well formed
/// and every path in it is plain (`plain_path`).
pub(crate) fn decode(bytes: &[u8]) -> Option<IndexCache> {
    let mut input = Reader(bytes.strip_prefix(MAGIC)?);
    let key = input.text()?;
    let written_at = input.i128()?;
    let mut shape = Shape::default();
    for _ in 0..input.count()? {
        shape.folders.push((input.text()?, input.i128()?));
    }
    for _ in 0..input.count()? {
        shape.ignore_files.push((input.text()?, input.stamp()?));
    }
    shape.tracked = match input.byte()? {
        0 => None,
        1 => Some(u64::from_le_bytes(input.take(8)?.try_into().ok()?)),
        _ => return None,
    };
    let count = input.count()?;
    let mut entries = Vec::with_capacity(count.min(bytes.len() / 16));
    for _ in 0..count {
        let path = input.text()?;
        let stamp = input.stamp()??;
        let post = match input.byte()? {
            0 => None,
            1 => Some(input.post(&path)?),
            _ => return None,
        };
        entries.push((path, Entry { stamp, post }));
    }
    let sorted = entries.windows(2).all(|pair| pair[0].0 < pair[1].0);
    let inside = shape.folders.iter().all(|(path, _)| path.is_empty() || plain_path(path))
        && entries.iter().all(|(path, _)| plain_path(path));
    let ignore_files = shape.ignore_files.iter().all(|(name, _)| is_ignore_file_name(name));
    (input.0.is_empty() && sorted && inside && ignore_files).then_some(IndexCache { key, written_at, shape, entries })
}

/// Whether a cached site-relative path stays inside the site: a cache file that names
/// `../` or an absolute path was not written by postlint, and nothing it names outside
/// the site is looked at.
fn stays_inside(path: &str) -> bool {
    !path.starts_with('/') && !path.contains('\\') && path.split('/').all(|part| part != "..")
}

/// Whether a path read from a cache is a plain relative path, as postlint writes them:
/// `/`-separated normal components only — no absolute part, `..`, `.`, empty component,
/// backslash or NUL — and nothing under `.git/` (never content) or the cache folder.
pub(crate) fn plain_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', '\0'])
        && path.split('/').all(|part| !matches!(part, "" | "." | ".." | ".git" | CACHE_DIR))
}

/// The metadata of the file at the plain relative path `relative` (`plain_path`) under
/// `root`, when every folder on the way is a real folder (not a link) and the file is a
/// regular file: checked one component at a time from `root` down, so nothing behind a
/// link (outside the site, a device) is ever looked at.
pub(crate) fn regular_file_under(root: &Path, relative: &str) -> Option<std::fs::Metadata> {
    if !plain_path(relative) {
        return None;
    }
    let mut path = root.to_path_buf();
    let mut parts = relative.split('/').peekable();
    while let Some(part) = parts.next() {
        path.push(part);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        match parts.peek() {
            Some(_) if meta.file_type().is_dir() => {}
            None if meta.file_type().is_file() => return Some(meta),
            _ => return None,
        }
    }
    None
}

/// An ignore file's name as `Shape::of` writes it: in a folder of the site, or in a
/// folder above it (`../`, as many times as needed) up to the repository's root.
fn is_ignore_file_name(name: &str) -> bool {
    let mut rest = name;
    while let Some(after) = rest.strip_prefix("../") {
        rest = after;
    }
    let file = rest.rsplit('/').next().unwrap_or(rest);
    let above_or_here = rest == ".git/info/exclude" || IGNORE_FILES.contains(&rest);
    above_or_here || (rest.len() == name.len() && IGNORE_FILES.contains(&file) && stays_inside(rest))
}

struct Writer(Vec<u8>);

impl Writer {
    fn count(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u32).to_le_bytes());
    }

    fn i128(&mut self, value: i128) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    fn text(&mut self, text: &str) {
        self.count(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn optional(&mut self, text: Option<&str>) {
        match text {
            None => self.0.extend_from_slice(&u32::MAX.to_le_bytes()),
            Some(text) => self.text(text),
        }
    }

    fn stamp(&mut self, stamp: Option<Stamp>) {
        match stamp {
            None => self.0.push(0),
            Some(stamp) => {
                self.0.push(1);
                self.0.extend_from_slice(&stamp.size.to_le_bytes());
                self.i128(stamp.mtime);
            }
        }
    }

    fn post(&mut self, post: &IndexedPost) {
        // Every field named, so a new one cannot be left out of the cache unnoticed.
        let IndexedPost {
            path: _,
            is_post,
            language,
            published,
            title,
            description,
            focus_keyword,
            translation_key,
            url,
            redirects,
        } = post;
        self.0.push(u8::from(*is_post) | u8::from(*published) << 1);
        for text in [language, title, description, focus_keyword, translation_key, url] {
            self.optional(text.as_deref());
        }
        self.count(redirects.len());
        for redirect in redirects {
            self.text(redirect);
        }
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn count(&mut self) -> Option<usize> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?) as usize)
    }

    fn i128(&mut self) -> Option<i128> {
        Some(i128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }

    fn text(&mut self) -> Option<String> {
        let length = self.count()?;
        String::from_utf8(self.take(length)?.to_vec()).ok()
    }

    fn optional(&mut self) -> Option<Option<String>> {
        let length = u32::from_le_bytes(self.take(4)?.try_into().ok()?);
        if length == u32::MAX {
            return Some(None);
        }
        Some(Some(String::from_utf8(self.take(length as usize)?.to_vec()).ok()?))
    }

    fn stamp(&mut self) -> Option<Option<Stamp>> {
        match self.byte()? {
            0 => Some(None),
            1 => {
                let size = u64::from_le_bytes(self.take(8)?.try_into().ok()?);
                Some(Some(Stamp { size, mtime: self.i128()? }))
            }
            _ => None,
        }
    }

    fn post(&mut self, path: &str) -> Option<IndexedPost> {
        let flags = self.byte()?;
        let mut texts = [None, None, None, None, None, None];
        for text in &mut texts {
            *text = self.optional()?;
        }
        let [language, title, description, focus_keyword, translation_key, url] = texts;
        let mut redirects = Vec::new();
        for _ in 0..self.count()? {
            redirects.push(self.text()?);
        }
        Some(IndexedPost {
            path: path.to_string(),
            is_post: flags & 1 != 0,
            published: flags & 2 != 0,
            language,
            title,
            description,
            focus_keyword,
            translation_key,
            url,
            redirects,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(path: &str) -> IndexedPost {
        IndexedPost {
            path: path.into(),
            is_post: true,
            language: Some("ja".into()),
            published: false,
            title: Some("計画 2026".into()),
            description: None,
            focus_keyword: Some("".into()),
            translation_key: Some("plan".into()),
            url: Some("/2026/plan/".into()),
            redirects: vec!["/old/".into(), "/older/".into()],
        }
    }

    fn cache(written_at: i128, entries: Vec<(String, Entry)>) -> IndexCache {
        IndexCache { key: "k".into(), written_at, shape: Shape::default(), entries }
    }

    #[test]
    fn the_binary_form_reads_back_what_was_written_and_nothing_damaged() {
        let shape = Shape {
            folders: vec![("".into(), 7), ("_posts".into(), -3)],
            ignore_files: vec![(".gitignore".into(), None), ("../.ignore".into(), Some(Stamp { size: 2, mtime: 9 }))],
            tracked: Some(0x0123_4567_89ab_cdef),
        };
        let entries = vec![
            ("_layouts/post.html".to_string(), Entry { stamp: Stamp { size: 1, mtime: 2 }, post: None }),
            ("_posts/a.md".to_string(), Entry { stamp: Stamp { size: 3, mtime: 4 }, post: Some(post("_posts/a.md")) }),
        ];
        let written =
            IndexCache { key: "v1+config".into(), written_at: 99, shape: shape.clone(), entries: entries.clone() };
        let bytes = encode(&written);
        let read = decode(&bytes).unwrap();
        assert_eq!(
            (read.key.as_str(), read.written_at, &read.shape, &read.entries),
            ("v1+config", 99, &shape, &entries)
        );
        for cut in [0, 1, MAGIC.len(), bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none(), "trailing bytes");
        let outside = |entries: Vec<(String, Entry)>, shape: Shape| {
            decode(&encode(&IndexCache { key: "k".into(), written_at: 1, shape, entries }))
        };
        let entry = |path: &str| vec![(path.to_string(), Entry { stamp: Stamp { size: 1, mtime: 1 }, post: None })];
        assert!(outside(entry("../../etc/passwd.md"), Shape::default()).is_none());
        assert!(outside(entry("/etc/passwd.md"), Shape::default()).is_none());
        let ignore =
            |name: &str| Shape { folders: Vec::new(), ignore_files: vec![(name.to_string(), None)], tracked: None };
        assert!(outside(Vec::new(), ignore("../../etc/shadow")).is_none());
        assert!(outside(Vec::new(), ignore("../../.gitignore")).is_some());
        assert!(outside(Vec::new(), ignore("../.git/info/exclude")).is_some());
        assert!(outside(Vec::new(), ignore("blog/.ignore")).is_some());
        assert!(outside(Vec::new(), ignore("blog/../../.ignore")).is_none());
    }

    #[test]
    fn entries_modified_just_before_the_cache_was_written_are_not_trusted() {
        let stamp = Stamp { size: 10, mtime: 5_000_000_000 };
        let entry = Entry { stamp, post: None };
        let racy = cache(6_000_000_000, vec![("a.md".to_string(), entry.clone())]);
        assert!(racy.lookup("a.md", stamp).is_none(), "one second before the write: racy");
        let settled = cache(9_000_000_000, vec![("a.md".to_string(), entry.clone())]);
        assert_eq!(settled.lookup("a.md", stamp), Some(&entry));
        assert!(settled.lookup("a.md", Stamp { size: 11, ..stamp }).is_none(), "size changed");
        assert!(settled.lookup("a.md", Stamp { mtime: 5_000_000_001, ..stamp }).is_none(), "modified");
        assert!(settled.lookup("b.md", stamp).is_none());
    }

    #[test]
    fn only_plain_paths_are_taken_from_a_cache() {
        for plain in ["a.md", "_posts/a.md", ".github/x.md", "a b/ü.md"] {
            assert!(plain_path(plain), "{plain}");
        }
        let odd = ["", "/etc/passwd", "../a.md", "a/../../b.md", "./a.md", "a//b.md", "a/", ".git/config"];
        for odd in odd.into_iter().chain(["blog/.git/x", ".postlint_cache/k", "a\\b.md", "a\0b.md"]) {
            assert!(!plain_path(odd), "{odd:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_cached_file_is_looked_at_only_through_real_folders() {
        let site = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "x").unwrap();
        std::fs::create_dir_all(site.path().join("_posts")).unwrap();
        std::fs::write(site.path().join("_posts/a.md"), "a").unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("_posts/linked")).unwrap();
        std::os::unix::fs::symlink("/dev/stdin", site.path().join("_posts/stdin.md")).unwrap();
        std::os::unix::fs::symlink(site.path().join("_posts/a.md"), site.path().join("_posts/link.md")).unwrap();
        assert!(regular_file_under(site.path(), "_posts/a.md").is_some_and(|meta| meta.len() == 1));
        for refused in ["_posts/linked/secret.md", "_posts/stdin.md", "_posts/link.md", "_posts", "../x.md", "none.md"]
        {
            assert!(regular_file_under(site.path(), refused).is_none(), "{refused}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_sealed_cache_that_names_files_the_walk_would_not_take_is_walked_instead() {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("_posts")).unwrap();
        std::os::unix::fs::symlink("/dev/stdin", site.path().join("_posts/stdin.md")).unwrap();
        let old = |path: &Path| {
            let time = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
            std::fs::File::open(path).unwrap().set_modified(time).unwrap();
            nanos(time)
        };
        let folders =
            vec![("".to_string(), old(site.path())), ("_posts".to_string(), old(&site.path().join("_posts")))];
        let shape = Shape::of(site.path(), folders, None);
        let entry = |path: &str| (path.to_string(), Entry { stamp: Stamp { size: 0, mtime: 0 }, post: None });
        let cache = |shape: Shape, entries| IndexCache {
            key: "k".into(),
            written_at: nanos(SystemTime::now()),
            shape,
            entries,
        };
        // A link where a file was: not stated through, the site is walked.
        assert!(cache(shape.clone(), vec![entry("_posts/stdin.md")]).check(site.path()).is_err());
        // A file in a folder the cache does not hold, or no root: walked.
        assert!(cache(shape.clone(), vec![entry("drafts/a.md")]).check(site.path()).is_err());
        let rootless = Shape { folders: shape.folders[1..].to_vec(), ..shape.clone() };
        assert!(cache(rootless, Vec::new()).check(site.path()).is_err());
        // Ignore files the walk would not read make it another walk.
        let mut renamed = shape.clone();
        renamed.ignore_files[0].0 = "_posts/.ignore".into();
        renamed.ignore_files.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(cache(renamed, Vec::new()).check(site.path()).is_err());
        assert!(cache(shape, Vec::new()).check(site.path()).is_ok(), "the same shape, nothing cached: unchanged");
    }

    #[test]
    fn a_cache_not_sealed_by_this_machine_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), "v1", 1, Shape::default(), Vec::new());
        let path = dir.path().join(CACHE_DIR).join(INDEX_FILE);
        let sealed = std::fs::read(&path).unwrap();
        assert!(load(dir.path(), "v1").is_some());
        let mut content = sealed[..sealed.len() - seal::TAG_BYTES].to_vec();
        seal::Sealer::from_key(&[1; 32]).seal(Role::Index, &mut content);
        std::fs::write(&path, &content).unwrap();
        assert!(load(dir.path(), "v1").is_none(), "another machine's key");
        std::fs::write(&path, &sealed[..sealed.len() - seal::TAG_BYTES]).unwrap();
        assert!(load(dir.path(), "v1").is_none(), "no seal: the format of earlier versions");
        std::fs::write(&path, &sealed).unwrap();
        assert!(load(dir.path(), "v1").is_some());
    }

    #[test]
    fn a_damaged_cache_or_another_key_is_ignored_and_a_symlinked_folder_disables_it() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), "v1", 1, Shape::default(), Vec::new());
        assert!(load(dir.path(), "v1").is_some());
        assert!(load(dir.path(), "v2").is_none(), "another version or configuration");
        assert!(dir.path().join(CACHE_DIR).join(".gitignore").is_file());
        std::fs::write(dir.path().join(CACHE_DIR).join(INDEX_FILE), b"postlint-index-2\n{ not this").unwrap();
        assert!(load(dir.path(), "v1").is_none());
        #[cfg(unix)]
        {
            let elsewhere = tempfile::tempdir().unwrap();
            let site = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(elsewhere.path(), site.path().join(CACHE_DIR)).unwrap();
            save(site.path(), "v1", 1, Shape::default(), Vec::new());
            assert!(std::fs::read_dir(elsewhere.path()).unwrap().next().is_none(), "nothing written through the link");
        }
    }
}
