//! The persistent site-index cache: `.postlint_cache/index-v1.json` at the site root holds
//! what the index learned from each file's front matter, keyed by the file's size and
//! modification time, so a one-file run (pre-commit, the editor) in a big site reads and
//! parses only the files that changed since the last run.
//!
//! Correct before fast:
//! - the whole cache is keyed by postlint's version and the site's configuration that the
//!   index depends on (generator, permalink style, collections, defaults, `posts`/`pages`
//!   globs …); any change there discards it;
//! - an entry is trusted only when its file was last modified at least two seconds before
//!   the cache was written (as git does for racy index entries): an edit in the same
//!   second as a run, which a coarse modification time cannot show, is read again;
//! - renamed, added and deleted files need nothing special: the walk lists the files that
//!   exist now, and only their entries are used and written back;
//! - writes go to an exclusively created temporary file in the cache folder, renamed over
//!   the cache, so concurrent runs never leave a half-written file; a damaged or
//!   unreadable cache is ignored and rebuilt, never an error;
//! - the cache folder is used only when it is a real folder inside the site (a committed
//!   symbolic link named `.postlint_cache` disables the cache rather than redirect writes).
//!
//! Written by hand over serde_json: the format is one small JSON document.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::site::IndexedPost;

pub const CACHE_DIR: &str = ".postlint_cache";
const INDEX_FILE: &str = "index-v1.json";
/// Entries of files modified this close to the cache's writing are read again.
const RACY_NANOS: i128 = 2_000_000_000;
/// A cache larger than this is not read (a site of 100,000 posts writes about 30 MB).
const MAX_CACHE_BYTES: u64 = 256 << 20;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    pub size: u64,
    pub mtime: i128,
    /// What the index made of the file; `None` for a file that is not a page.
    pub post: Option<IndexedPost>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct IndexCache {
    key: String,
    written_at: i128,
    entries: HashMap<String, Entry>,
}

impl IndexCache {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The cached result for a file, when its size and modification time match and it
    /// was not modified just before the cache was written.
    pub fn lookup(&self, relative: &str, size: u64, mtime: i128) -> Option<&Entry> {
        let entry = self.entries.get(relative)?;
        let settled = mtime < self.written_at - RACY_NANOS;
        (entry.size == size && entry.mtime == mtime && settled).then_some(entry)
    }
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

/// The cache for `key`, or `None` when there is none, it is damaged, or it is another
/// version's or configuration's.
pub fn load(root: &Path, key: &str) -> Option<IndexCache> {
    let path = cache_dir(root)?.join(INDEX_FILE);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if !meta.file_type().is_file() || meta.len() > MAX_CACHE_BYTES {
        return None;
    }
    let text = std::fs::read(&path).ok()?;
    let cache: IndexCache = serde_json::from_slice(&text).ok()?;
    (cache.key == key).then_some(cache)
}

/// Writes the cache atomically; any failure leaves the old cache (or none) in place.
pub fn save(root: &Path, key: &str, written_at: i128, entries: HashMap<String, Entry>) {
    let Some(dir) = cache_dir(root) else { return };
    if std::fs::symlink_metadata(&dir).is_err() && !create(&dir) {
        return;
    }
    let cache = IndexCache { key: key.to_string(), written_at, entries };
    let Ok(json) = serde_json::to_vec(&cache) else { return };
    let Ok(mut file) = tempfile::NamedTempFile::new_in(&dir) else { return };
    if file.write_all(&json).is_ok() {
        let _ = file.persist(dir.join(INDEX_FILE));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_modified_just_before_the_cache_was_written_are_not_trusted() {
        let entry = Entry { size: 10, mtime: 5_000_000_000, post: None };
        let cache = IndexCache {
            key: "k".into(),
            written_at: 6_000_000_000,
            entries: HashMap::from([("a.md".to_string(), entry.clone())]),
        };
        assert!(cache.lookup("a.md", 10, 5_000_000_000).is_none(), "one second before the write: racy");
        let cache = IndexCache { written_at: 9_000_000_000, ..cache };
        assert_eq!(cache.lookup("a.md", 10, 5_000_000_000), Some(&entry));
        assert!(cache.lookup("a.md", 11, 5_000_000_000).is_none(), "size changed");
        assert!(cache.lookup("a.md", 10, 5_000_000_001).is_none(), "modified");
        assert!(cache.lookup("b.md", 10, 5_000_000_000).is_none());
    }

    #[test]
    fn a_damaged_cache_or_another_key_is_ignored_and_a_symlinked_folder_disables_it() {
        let dir = tempfile::tempdir().unwrap();
        save(dir.path(), "v1", 1, HashMap::new());
        assert!(load(dir.path(), "v1").is_some());
        assert!(load(dir.path(), "v2").is_none(), "another version or configuration");
        assert!(dir.path().join(CACHE_DIR).join(".gitignore").is_file());
        std::fs::write(dir.path().join(CACHE_DIR).join(INDEX_FILE), b"{ not json").unwrap();
        assert!(load(dir.path(), "v1").is_none());
        #[cfg(unix)]
        {
            let elsewhere = tempfile::tempdir().unwrap();
            let site = tempfile::tempdir().unwrap();
            std::os::unix::fs::symlink(elsewhere.path(), site.path().join(CACHE_DIR)).unwrap();
            save(site.path(), "v1", 1, HashMap::new());
            assert!(std::fs::read_dir(elsewhere.path()).unwrap().next().is_none(), "nothing written through the link");
        }
    }
}
