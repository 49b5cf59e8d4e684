//! What git tracks, from the repository's index (`.git/index`, versions 2, 3 and 4), read
//! by a small parser of our own: running `git` in a stranger's checkout could run
//! commands its configuration names, and postlint runs no program.
//!
//! Ignore files (`.gitignore`, `.ignore`, `.git/info/exclude`) come with the pull request,
//! so they must not decide what the gate sees: a file the walk left out because of one is
//! linted all the same when git tracks it and the generator builds it. This module only
//! says which files git tracks; the walks (`discover`, the site index) add them back.
//!
//! Bounded and strict: the index is read only when it is a regular file of at most
//! `MAX_INDEX_BYTES`; every length is checked before use; an index this parser does not
//! fully understand (damaged, cut short, a split index whose entries live in another
//! file, a required extension it does not know) means "the tracked set is unknown", and
//! then the walks obey no ignore file at all. No repository is unknown too: nothing is
//! known to be untracked. A missing index in a repository (nothing added yet) is the
//! empty set, as git reads it. (The trailing checksum is not verified: the index is
//! written by git on this machine, never by the pull request, which cannot commit a
//! `.git` entry.)
//!
//! Submodules checked out below the work tree are read too (their index, their paths
//! under the submodule's folder), a few levels deep.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::site::cache::Stamp;

/// An index larger than this is not read (a repository of a million files writes about
/// 100 MB).
const MAX_INDEX_BYTES: u64 = 512 << 20;
/// A `.git` file (`gitdir: …`) larger than this is not a `.git` file.
const MAX_GITFILE_BYTES: u64 = 4096;
/// How deep submodules inside submodules are followed.
const MAX_SUBMODULE_DEPTH: usize = 4;
/// How many submodules are read at most.
const MAX_SUBMODULES: usize = 256;

const MODE_GITLINK: u32 = 0o160000;

/// The files git tracks in one work tree (and the submodules checked out in it).
#[derive(Debug)]
pub struct Tracked {
    /// The work tree's root: the folder that holds `.git`, as found from the folder asked
    /// about (made absolute, not resolved through links).
    pub workdir: PathBuf,
    /// Tracked paths relative to `workdir`, `/`-separated, sorted by bytes, unique.
    paths: Vec<Box<[u8]>>,
}

impl Tracked {
    /// The tracked paths under the work-tree-relative folder `prefix` (`""` for all, else
    /// without a trailing `/`), relative to the work tree.
    pub fn under<'a>(&'a self, prefix: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
        let start = if prefix.is_empty() { 0 } else { self.paths.partition_point(|path| path.as_ref() < prefix) };
        self.paths[start..].iter().map(|path| path.as_ref()).take_while(move |path| {
            prefix.is_empty() || (path.starts_with(prefix) && path.get(prefix.len()) == Some(&b'/'))
        })
    }

    /// Every tracked path (relative to the work tree).
    pub fn len(&self) -> usize {
        self.paths.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The work-tree-relative folder of `dir` (absolute), as bytes with `/`: `None` when
    /// `dir` is not inside the work tree.
    pub fn prefix_of(&self, dir: &Path) -> Option<Vec<u8>> {
        let inside = dir.strip_prefix(&self.workdir).ok()?;
        let mut prefix = Vec::new();
        for component in inside.components() {
            match component {
                std::path::Component::Normal(name) => {
                    if !prefix.is_empty() {
                        prefix.push(b'/');
                    }
                    prefix.extend_from_slice(&os_bytes(name));
                }
                std::path::Component::CurDir => {}
                _ => return None,
            }
        }
        Some(prefix)
    }
}

/// A digest of the pages (Markdown and HTML files) git tracks under the site root `root`,
/// or `None` when the tracked set is unknown: the site index's cache is reused only while
/// it is the same, since ignore files hide only untracked files.
pub fn pages_digest(root: &Path) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let tracked = of(root)?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    if let Some(prefix) = tracked.prefix_of(&crate::site::absolute_path(root)) {
        for path in tracked.under(&prefix) {
            let name = path.rsplit(|b| *b == b'/').next().unwrap_or(path);
            let extension = name.rsplit(|b| *b == b'.').next().unwrap_or(b"");
            let page = [&b"md"[..], b"markdown", b"mdx", b"html"].iter().any(|x| extension.eq_ignore_ascii_case(x));
            if name.contains(&b'.') && page {
                path.hash(&mut hasher);
            }
        }
    }
    Some(hasher.finish())
}

/// A work-tree-relative path (bytes with `/`) as a relative path.
pub fn relative_path(path: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(path))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(path).replace('/', "\\"))
    }
}

fn os_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::borrow::Cow::Borrowed(name.as_bytes())
    }
    #[cfg(not(unix))]
    {
        std::borrow::Cow::Owned(name.to_string_lossy().into_owned().into_bytes())
    }
}

/// A work tree's tracked set, with the stamp of the index it was read from.
type ReadIndex = (Option<Stamp>, Arc<Tracked>);

/// The files git tracks in the work tree that holds `dir` (an absolute folder), or `None`
/// when that is unknown: no repository, or an index this parser does not read.
///
/// Read once per index and process, and again when the index's size or modification time
/// changes (the language server lives across commits).
pub fn of(dir: &Path) -> Option<Arc<Tracked>> {
    let (workdir, gitdir) = find_repository(dir)?;
    let index = gitdir.join("index");
    let stamp = std::fs::symlink_metadata(&index).ok().map(|meta| Stamp::of(&meta));
    static READ: std::sync::OnceLock<Mutex<HashMap<PathBuf, ReadIndex>>> = std::sync::OnceLock::new();
    let read = READ.get_or_init(Default::default);
    if let Ok(known) = read.lock()
        && let Some((known_stamp, tracked)) = known.get(&workdir)
        && *known_stamp == stamp
    {
        return Some(Arc::clone(tracked));
    }
    let mut paths = Vec::new();
    let mut submodules = 0;
    read_work_tree(&workdir, &gitdir, &[], 0, &mut submodules, &mut paths)?;
    paths.sort_unstable();
    paths.dedup();
    let tracked = Arc::new(Tracked { workdir: workdir.clone(), paths });
    if let Ok(mut known) = read.lock() {
        known.insert(workdir, (stamp, Arc::clone(&tracked)));
    }
    Some(tracked)
}

/// The work tree at or above `dir` (the nearest folder with `.git`, as the walker and the
/// boundary find it) and its git directory; `None` when there is none or its `.git` is
/// not a repository (no `HEAD`).
fn find_repository(dir: &Path) -> Option<(PathBuf, PathBuf)> {
    let dir = crate::site::absolute_path(dir);
    for folder in dir.ancestors() {
        let dot_git = folder.join(".git");
        if std::fs::symlink_metadata(&dot_git).is_err() {
            continue;
        }
        let gitdir = git_dir(folder)?;
        return Some((folder.to_path_buf(), gitdir));
    }
    None
}

/// The git directory of the work tree at `folder`: `.git` itself, or the folder a `.git`
/// file names (`gitdir: …`, a linked work tree or a submodule); it must hold `HEAD`.
fn git_dir(folder: &Path) -> Option<PathBuf> {
    let dot_git = folder.join(".git");
    let meta = std::fs::metadata(&dot_git).ok()?;
    let gitdir = if meta.is_dir() {
        dot_git
    } else if meta.is_file() && meta.len() <= MAX_GITFILE_BYTES {
        let text = std::fs::read(&dot_git).ok()?;
        let text = std::str::from_utf8(&text).ok()?;
        let named = text.lines().next()?.strip_prefix("gitdir:")?.trim();
        if named.is_empty() {
            return None;
        }
        folder.join(named)
    } else {
        return None;
    };
    std::fs::metadata(gitdir.join("HEAD")).ok().filter(std::fs::Metadata::is_file)?;
    Some(gitdir)
}

/// Adds the tracked paths of the work tree at `workdir` (git directory `gitdir`), each
/// under `prefix`, and those of the submodules checked out in it. `None`: unknown.
fn read_work_tree(
    workdir: &Path,
    gitdir: &Path,
    prefix: &[u8],
    depth: usize,
    submodules: &mut usize,
    paths: &mut Vec<Box<[u8]>>,
) -> Option<()> {
    let entries = read_index(&gitdir.join("index"))?;
    for (path, mode) in entries {
        if mode == MODE_GITLINK {
            let full: Box<[u8]> = if prefix.is_empty() { path.clone() } else { [prefix, b"/", &path].concat().into() };
            let folder = workdir.join(relative_path(&path));
            // A submodule not checked out has no files on disk to lint.
            if std::fs::symlink_metadata(folder.join(".git")).is_err() {
                continue;
            }
            *submodules += 1;
            if depth >= MAX_SUBMODULE_DEPTH || *submodules > MAX_SUBMODULES {
                return None;
            }
            let inner = git_dir(&folder)?;
            read_work_tree(&folder, &inner, &full, depth + 1, submodules, paths)?;
        } else if prefix.is_empty() {
            paths.push(path);
        } else {
            paths.push([prefix, b"/", &path].concat().into());
        }
    }
    Some(())
}

/// The entries of the index file at `path` (path, mode); an absent index is empty.
fn read_index(path: &Path) -> Option<Vec<(Box<[u8]>, u32)>> {
    use std::io::Read;
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Some(Vec::new()),
        Err(_) => return None,
    };
    if !meta.is_file() || meta.len() > MAX_INDEX_BYTES {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_INDEX_BYTES + 1).read_to_end(&mut bytes).ok()?;
    if bytes.len() as u64 > MAX_INDEX_BYTES {
        return None;
    }
    // SHA-1 repositories write 20-byte object ids, SHA-256 ones 32: the index says
    // neither, and only one reading ends exactly at the trailing checksum.
    parse(&bytes, 20).or_else(|| parse(&bytes, 32))
}

/// The entries of an index whose object ids are `id_len` bytes, or `None` when the bytes
/// are not exactly such an index.
fn parse(bytes: &[u8], id_len: usize) -> Option<Vec<(Box<[u8]>, u32)>> {
    let body_end = bytes.len().checked_sub(id_len)?;
    let header = bytes.get(..12)?;
    if &header[..4] != b"DIRC" || body_end < 12 {
        return None;
    }
    let version = be32(&header[4..8])?;
    if !(2..=4).contains(&version) {
        return None;
    }
    let count = be32(&header[8..12])? as usize;
    let body = &bytes[..body_end];
    // An entry is at least 62 bytes (v2/v3) or 42 (v4): a count the file cannot hold is
    // damage, not a reason to reserve memory.
    if count > body.len() / 40 {
        return None;
    }
    let mut entries = Vec::with_capacity(count);
    let mut at: usize = 12;
    let mut previous: Vec<u8> = Vec::new();
    for _ in 0..count {
        let start = at;
        // ctime, mtime, dev, ino (24 bytes), mode, uid, gid, size (16), object id, flags.
        let fixed = 40 + id_len + 2;
        let head = body.get(start..start.checked_add(fixed)?)?;
        let mode = be32(&head[24..28])?;
        let flags = u16::from_be_bytes([head[fixed - 2], head[fixed - 1]]);
        at = start + fixed;
        if flags & 0x4000 != 0 {
            if version < 3 {
                return None;
            }
            body.get(at..at + 2)?;
            at += 2;
        }
        let name_length = usize::from(flags & 0x0fff);
        let path: Vec<u8> = if version == 4 {
            let (strip, used) = varint(body.get(at..)?)?;
            at += used;
            let kept = previous.len().checked_sub(strip)?;
            let rest = body.get(at..)?;
            let end = memchr::memchr(0, rest)?;
            let mut path = previous[..kept].to_vec();
            path.extend_from_slice(&rest[..end]);
            at += end + 1;
            path
        } else {
            let rest = body.get(at..)?;
            let end = memchr::memchr(0, rest)?;
            let path = rest[..end].to_vec();
            // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes.
            let length = at + end - start;
            let padded = (length + 8) & !7;
            let padding = body.get(at + end..start + padded)?;
            if padding.iter().any(|b| *b != 0) {
                return None;
            }
            at = start + padded;
            path
        };
        if (name_length != 0x0fff && name_length != path.len()) || !sane_path(&path) {
            return None;
        }
        if previous.as_slice() > path.as_slice() {
            return None;
        }
        previous.clone_from(&path);
        // A sparse index's folder entries (`dir/`) stand for files not checked out.
        if path.last() != Some(&b'/') {
            entries.push((path.into_boxed_slice(), mode));
        }
    }
    // Extensions: a signature, a length, the data. One whose signature starts with a
    // capital is optional (a cache); any other changes what the entries mean, and only
    // `sdir` (a sparse index, handled above) is understood.
    while at < body.len() {
        let signature = body.get(at..at + 4)?;
        let length = be32(body.get(at + 4..at + 8)?)? as usize;
        at = (at + 8).checked_add(length)?;
        body.get(..at)?;
        if !signature[0].is_ascii_uppercase() && signature != b"sdir" {
            return None;
        }
    }
    (at == body.len()).then_some(entries)
}

/// A path git would write: relative, `/`-separated, no empty, `.` or `..` part.
fn sane_path(path: &[u8]) -> bool {
    let trimmed = path.strip_suffix(b"/").unwrap_or(path);
    !trimmed.is_empty() && trimmed.split(|b| *b == b'/').all(|part| !part.is_empty() && part != b"." && part != b"..")
}

fn be32(bytes: &[u8]) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(..4)?.try_into().ok()?))
}

/// Git's offset varint (index v4 path prefixes): the value and the bytes it took.
fn varint(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut iter = bytes.iter().enumerate();
    let (_, first) = iter.next()?;
    let mut value = usize::from(first & 0x7f);
    let mut byte = *first;
    while byte & 0x80 != 0 {
        let (at, next) = iter.next()?;
        if at > 8 {
            return None;
        }
        value = value.checked_add(1)?.checked_mul(128)?.checked_add(usize::from(next & 0x7f))?;
        byte = *next;
    }
    let used = iter.next().map_or(bytes.len(), |(at, _)| at);
    Some((value, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A v2/v3 entry for `path` with `id_len`-byte object ids, padded.
    fn entry(path: &[u8], mode: u32, id_len: usize, extended: bool) -> Vec<u8> {
        let mut out = vec![0u8; 24];
        out.extend_from_slice(&mode.to_be_bytes());
        out.extend_from_slice(&[0u8; 12]);
        out.extend(std::iter::repeat_n(7u8, id_len));
        let flags = (path.len().min(0x0fff) as u16) | if extended { 0x4000 } else { 0 };
        out.extend_from_slice(&flags.to_be_bytes());
        if extended {
            out.extend_from_slice(&[0, 0]);
        }
        out.extend_from_slice(path);
        let padded = (out.len() + 8) & !7;
        out.resize(padded, 0);
        out
    }

    fn index(version: u32, entries: &[Vec<u8>], extensions: &[u8], id_len: usize) -> Vec<u8> {
        let mut out = b"DIRC".to_vec();
        out.extend_from_slice(&version.to_be_bytes());
        out.extend_from_slice(&(entries.len() as u32).to_be_bytes());
        for entry in entries {
            out.extend_from_slice(entry);
        }
        out.extend_from_slice(extensions);
        out.extend(std::iter::repeat_n(0u8, id_len));
        out
    }

    fn paths(entries: Option<Vec<(Box<[u8]>, u32)>>) -> Option<Vec<String>> {
        entries.map(|e| e.iter().map(|(p, _)| String::from_utf8_lossy(p).into_owned()).collect())
    }

    #[test]
    fn versions_two_and_three_and_both_id_sizes() {
        for id_len in [20, 32] {
            let bytes = index(
                3,
                &[entry(b"_posts/a.md", 0o100644, id_len, false), entry(b"_posts/b.md", 0o100644, id_len, true)],
                b"TREE\0\0\0\x02ab",
                id_len,
            );
            let read = super::parse(&bytes, 20).or_else(|| super::parse(&bytes, 32));
            assert_eq!(paths(read), Some(vec!["_posts/a.md".to_string(), "_posts/b.md".to_string()]), "{id_len}");
        }
        let v2_extended = index(2, &[entry(b"a.md", 0o100644, 20, true)], b"", 20);
        assert!(super::parse(&v2_extended, 20).is_none(), "extended flags need version 3");
    }

    #[test]
    fn version_four_prefix_compression() {
        let mut out = b"DIRC".to_vec();
        out.extend_from_slice(&4u32.to_be_bytes());
        out.extend_from_slice(&2u32.to_be_bytes());
        for (strip, suffix) in [(0u8, &b"_posts/a.md"[..]), (4, b"b.md")] {
            out.extend_from_slice(&[0u8; 24]);
            out.extend_from_slice(&0o100644u32.to_be_bytes());
            out.extend_from_slice(&[0u8; 12]);
            out.extend_from_slice(&[1u8; 20]);
            out.extend_from_slice(&(11u16).to_be_bytes());
            out.push(strip);
            out.extend_from_slice(suffix);
            out.push(0);
        }
        out.extend_from_slice(&[0u8; 20]);
        assert_eq!(paths(super::parse(&out, 20)), Some(vec!["_posts/a.md".to_string(), "_posts/b.md".to_string()]));
    }

    #[test]
    fn damage_and_unknown_meanings_are_unknown() {
        let good = index(2, &[entry(b"a.md", 0o100644, 20, false)], b"", 20);
        assert!(super::parse(&good, 20).is_some());
        for cut in 0..good.len() {
            assert!(super::parse(&good[..cut], 20).is_none(), "cut at {cut}");
        }
        let split = index(2, &[entry(b"a.md", 0o100644, 20, false)], b"link\0\0\0\0", 20);
        assert!(super::parse(&split, 20).is_none(), "a split index keeps its entries elsewhere");
        let sparse = index(2, &[entry(b"a.md", 0o100644, 20, false)], b"sdir\0\0\0\0", 20);
        assert!(super::parse(&sparse, 20).is_some());
        for bad in [&b"../x.md"[..], b"/x.md", b"a//b.md", b"./a.md", b""] {
            let bytes = index(2, &[entry(bad, 0o100644, 20, false)], b"", 20);
            assert!(super::parse(&bytes, 20).is_none(), "{}", String::from_utf8_lossy(bad));
        }
        let mut huge_count = good.clone();
        huge_count[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(super::parse(&huge_count, 20).is_none());
        let unsorted = index(2, &[entry(b"b.md", 0o100644, 20, false), entry(b"a.md", 0o100644, 20, false)], b"", 20);
        assert!(super::parse(&unsorted, 20).is_none());
    }

    #[test]
    fn varints_are_bounded() {
        assert_eq!(varint(&[0x05]), Some((5, 1)));
        assert_eq!(varint(&[0x80, 0x00]), Some((128, 2)));
        assert_eq!(varint(&[0xff; 20]), None);
        assert_eq!(varint(&[0x80]), None);
    }

    #[test]
    fn under_a_folder() {
        let tracked = Tracked {
            workdir: PathBuf::from("/r"),
            paths: ["_posts/a.md", "_posts/vendor/b.md", "_postsx/c.md", "z.md"]
                .iter()
                .map(|p| p.as_bytes().to_vec().into_boxed_slice())
                .collect(),
        };
        let under: Vec<&[u8]> = tracked.under(b"_posts").collect();
        assert_eq!(under, [&b"_posts/a.md"[..], b"_posts/vendor/b.md"]);
        assert_eq!(tracked.under(b"").count(), 4);
        assert_eq!(tracked.prefix_of(Path::new("/r/_posts/vendor")), Some(b"_posts/vendor".to_vec()));
        assert_eq!(tracked.prefix_of(Path::new("/r")), Some(Vec::new()));
        assert_eq!(tracked.prefix_of(Path::new("/elsewhere")), None);
    }
}
