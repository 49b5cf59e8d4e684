//! Sealing cache files: every file postlint keeps in `.postlint_cache/` ends with a tag,
//! a keyed BLAKE3 hash of everything before it, under a key that lives outside the
//! repository (the user's cache directory). A cache file is read only when its tag
//! verifies, so a committed or forged cache is never trusted: the key and the version of
//! postlint a cache was keyed by before (its version, the executable's size and time) are
//! public for a packaged build, and a CI machine has a fresh key of its own.
//!
//! - The key: 32 random bytes in `$XDG_CACHE_HOME/postlint/key`, else
//!   `$HOME/.cache/postlint/key`, created on first use (mode 0600, written to a random
//!   temporary name and linked into place without replacing anything, so two runs at once
//!   agree on one key). A key file that is not a regular file (a link), is not 32 bytes,
//!   or can be read or written by others is not used; nor is a `postlint` folder that is a
//!   link or that others can write to. No key (no home, a read-only disk): no cache for
//!   the run, silently, as with `--no-cache`.
//! - Roles: each kind of cache file has a key of its own, derived from the one on disk
//!   with its role's name (`blake3::derive_key`), so a sealed run record cannot stand in
//!   for a sealed index or output.
//! - A file whose tag does not verify is not read at all: it is damaged or not this
//!   machine's, and is rebuilt like a missing one.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The bytes of a tag at the end of every cache file.
pub const TAG_BYTES: usize = 32;
/// The bytes of the key on disk.
const KEY_BYTES: usize = 32;

/// What a cache file is; each role seals with a key of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// `index-v2.bin`: the site index (`site::cache`).
    Index,
    /// `run-v2.json`: the last run's reports and records (`replay`).
    Run,
    /// `output-v1.bin`: the bytes the last run printed (`replay`).
    Output,
}

impl Role {
    /// The context string `blake3::derive_key` derives the role's key with: fixed,
    /// unique to postlint and to the role.
    fn context(self) -> &'static str {
        match self {
            Role::Index => "postlint 2026-06 cache file index-v2.bin",
            Role::Run => "postlint 2026-06 cache file run-v2.json",
            Role::Output => "postlint 2026-06 cache file output-v1.bin",
        }
    }

    /// The role of a cache file, by its name.
    #[cfg(any(test, feature = "testing"))]
    pub fn of_file(name: &str) -> Option<Role> {
        match name {
            "index-v2.bin" => Some(Role::Index),
            "run-v2.json" => Some(Role::Run),
            "output-v1.bin" => Some(Role::Output),
            _ => None,
        }
    }
}

/// The keys of one machine's cache, one per role.
pub struct Sealer {
    index: [u8; 32],
    run: [u8; 32],
    output: [u8; 32],
}

impl Sealer {
    pub fn from_key(key: &[u8; KEY_BYTES]) -> Sealer {
        Sealer {
            index: blake3::derive_key(Role::Index.context(), key),
            run: blake3::derive_key(Role::Run.context(), key),
            output: blake3::derive_key(Role::Output.context(), key),
        }
    }

    fn key(&self, role: Role) -> &[u8; 32] {
        match role {
            Role::Index => &self.index,
            Role::Run => &self.run,
            Role::Output => &self.output,
        }
    }

    /// Appends the tag of `content` as a file of `role`.
    pub fn seal(&self, role: Role, content: &mut Vec<u8>) {
        let tag = blake3::keyed_hash(self.key(role), content);
        content.extend_from_slice(tag.as_bytes());
    }

    /// The content of a sealed file of `role`, when its tag verifies (compared in
    /// constant time); `None` for anything else.
    pub fn open<'a>(&self, role: Role, file: &'a [u8]) -> Option<&'a [u8]> {
        let (content, tag) = file.split_at_checked(file.len().checked_sub(TAG_BYTES)?)?;
        let tag: [u8; TAG_BYTES] = tag.try_into().ok()?;
        (blake3::keyed_hash(self.key(role), content) == blake3::Hash::from_bytes(tag)).then_some(content)
    }
}

/// The content of a sealed file, its tag cut off, *unverified*: only for work done
/// alongside `Sealer::open`, whose answer decides whether any of it is used.
pub fn unverified_content(file: &[u8]) -> &[u8] {
    &file[..file.len().saturating_sub(TAG_BYTES)]
}

/// This machine's sealer, from the key in the user's cache directory (created on first
/// use); `None` when there is no usable key, which turns the cache off. Read once per
/// process. Unit tests use a key of their own, in memory, and never the user's.
pub fn sealer() -> Option<&'static Sealer> {
    static SEALER: std::sync::OnceLock<Option<Sealer>> = std::sync::OnceLock::new();
    SEALER
        .get_or_init(|| {
            if cfg!(test) {
                let mut key = [0u8; KEY_BYTES];
                getrandom::fill(&mut key).ok()?;
                return Some(Sealer::from_key(&key));
            }
            key_or_create(&key_dir()?).map(|key| Sealer::from_key(&key))
        })
        .as_ref()
}

/// The folder of the key: `$XDG_CACHE_HOME/postlint`, else `$HOME/.cache/postlint` (each
/// only when set to an absolute path, as the XDG spec asks).
pub fn key_dir() -> Option<PathBuf> {
    key_dir_from(std::env::var_os("XDG_CACHE_HOME"), std::env::var_os("HOME"))
}

fn key_dir_from(xdg_cache_home: Option<std::ffi::OsString>, home: Option<std::ffi::OsString>) -> Option<PathBuf> {
    let absolute = |value: Option<std::ffi::OsString>| value.map(PathBuf::from).filter(|path| path.is_absolute());
    let cache_home = absolute(xdg_cache_home).or_else(|| absolute(home).map(|home| home.join(".cache")))?;
    Some(cache_home.join("postlint"))
}

/// The key in `dir`, created when there is none; `None` when none can be had.
pub fn key_or_create(dir: &Path) -> Option<[u8; KEY_BYTES]> {
    let path = dir.join("key");
    match std::fs::symlink_metadata(&path) {
        Ok(_) => return read_key(dir),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(_) => return None,
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).ok()?;
    usable_dir(dir)?;
    let mut key = [0u8; KEY_BYTES];
    getrandom::fill(&mut key).ok()?;
    let mut temp = tempfile::Builder::new();
    temp.prefix(".key-");
    #[cfg(unix)]
    temp.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut temp = temp.tempfile_in(dir).ok()?;
    temp.write_all(&key).ok()?;
    temp.as_file().sync_all().ok()?;
    // Linked into place only where nothing is, not even a dangling link: a run that lost
    // the race reads the winner's key.
    match temp.persist_noclobber(&path) {
        Ok(_) => Some(key),
        Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => read_key(dir),
        Err(_) => None,
    }
}

/// The key in `dir`, when the folder and the file are fit to hold it (see the module doc).
pub fn read_key(dir: &Path) -> Option<[u8; KEY_BYTES]> {
    usable_dir(dir)?;
    let path = dir.join("key");
    let before = std::fs::symlink_metadata(&path).ok()?;
    usable_key_file(&before)?;
    let file = std::fs::File::open(&path).ok()?;
    let opened = file.metadata().ok()?;
    usable_key_file(&opened)?;
    #[cfg(unix)]
    {
        // The file opened is the one checked, not something swapped in between.
        use std::os::unix::fs::MetadataExt;
        if (before.dev(), before.ino()) != (opened.dev(), opened.ino()) {
            return None;
        }
    }
    let mut key = Vec::with_capacity(KEY_BYTES + 1);
    file.take(KEY_BYTES as u64 + 1).read_to_end(&mut key).ok()?;
    key.try_into().ok()
}

/// A real folder (not a link) that nobody else can write to.
fn usable_dir(dir: &Path) -> Option<()> {
    let meta = std::fs::symlink_metadata(dir).ok()?;
    if !meta.file_type().is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o022 != 0 {
            return None;
        }
    }
    Some(())
}

/// A regular file of the key's size that nobody else can read or write.
fn usable_key_file(meta: &std::fs::Metadata) -> Option<()> {
    if !meta.file_type().is_file() || meta.len() != KEY_BYTES as u64 {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return None;
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_verifies_only_its_content_under_its_key_and_role() {
        let sealer = Sealer::from_key(&[7; 32]);
        let mut file = b"postlint-index-2\ncontent".to_vec();
        sealer.seal(Role::Index, &mut file);
        assert_eq!(sealer.open(Role::Index, &file), Some(&b"postlint-index-2\ncontent"[..]));
        assert_eq!(sealer.open(Role::Run, &file), None, "another role");
        assert_eq!(Sealer::from_key(&[8; 32]).open(Role::Index, &file), None, "another key");
        for at in [0, 5, file.len() - 1] {
            let mut flipped = file.clone();
            flipped[at] ^= 1;
            assert_eq!(sealer.open(Role::Index, &flipped), None, "a flipped bit at {at}");
        }
        assert_eq!(sealer.open(Role::Index, &file[1..]), None);
        assert_eq!(sealer.open(Role::Index, &file[..TAG_BYTES]), None, "a tag alone is not of empty content");
        assert_eq!(sealer.open(Role::Index, b"short"), None);
    }

    #[cfg(unix)]
    #[test]
    fn the_key_is_created_once_private_and_read_back() {
        use std::os::unix::fs::PermissionsExt;
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("cache/postlint");
        let key = key_or_create(&dir).unwrap();
        let meta = std::fs::symlink_metadata(dir.join("key")).unwrap();
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::symlink_metadata(&dir).unwrap().permissions().mode() & 0o777, 0o700);
        assert_eq!(key_or_create(&dir), Some(key), "the same key next time");
        assert_eq!(read_key(&dir), Some(key));
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["key"], "no temporary file left behind");
    }

    #[cfg(unix)]
    #[test]
    fn runs_racing_for_the_first_key_agree_on_one() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("postlint");
        let keys: Vec<_> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..8).map(|_| scope.spawn(|| key_or_create(&dir))).collect();
            workers.into_iter().map(|worker| worker.join().unwrap()).collect()
        });
        assert!(keys[0].is_some());
        assert!(keys.iter().all(|key| *key == keys[0]), "{keys:?}");
    }

    #[cfg(unix)]
    #[test]
    fn an_unfit_key_file_or_folder_is_not_used() {
        use std::os::unix::fs::PermissionsExt;
        let set_mode = |path: &Path, mode: u32| {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
        };
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("postlint");
        let key = key_or_create(&dir).unwrap();
        let path = dir.join("key");
        set_mode(&path, 0o640);
        assert_eq!(key_or_create(&dir), None, "readable by the group");
        set_mode(&path, 0o604);
        assert_eq!(read_key(&dir), None, "readable by anyone");
        set_mode(&path, 0o600);
        set_mode(&dir, 0o777);
        assert_eq!(read_key(&dir), None, "a folder anyone can write to");
        set_mode(&dir, 0o700);
        assert_eq!(read_key(&dir), Some(key));
        std::fs::write(&path, [1u8; 31]).unwrap();
        assert_eq!(read_key(&dir), None, "the wrong size");
        // A link to a private file elsewhere is not followed, and not replaced either.
        let elsewhere = home.path().join("elsewhere");
        std::fs::write(&elsewhere, [9u8; 32]).unwrap();
        set_mode(&elsewhere, 0o600);
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &path).unwrap();
        assert_eq!(key_or_create(&dir), None);
        assert_eq!(std::fs::read(&elsewhere).unwrap(), [9u8; 32]);
        // A dangling link is not written through.
        std::fs::remove_file(&path).unwrap();
        std::os::unix::fs::symlink(home.path().join("planted"), &path).unwrap();
        assert_eq!(key_or_create(&dir), None);
        assert!(!home.path().join("planted").exists());
        // A `postlint` folder that is a link is not used.
        let other = tempfile::tempdir().unwrap();
        let linked = home.path().join("linked");
        std::os::unix::fs::symlink(other.path(), &linked).unwrap();
        assert_eq!(key_or_create(&linked), None);
        assert!(std::fs::read_dir(other.path()).unwrap().next().is_none(), "nothing created through the link");
    }

    #[test]
    fn the_key_folder_is_xdg_cache_home_else_home_and_only_absolute() {
        let dir = |xdg: Option<&str>, home: Option<&str>| key_dir_from(xdg.map(Into::into), home.map(Into::into));
        assert_eq!(dir(Some("/x/cache"), Some("/home/a")), Some(PathBuf::from("/x/cache/postlint")));
        assert_eq!(dir(None, Some("/home/a")), Some(PathBuf::from("/home/a/.cache/postlint")));
        assert_eq!(dir(Some("relative"), Some("/home/a")), Some(PathBuf::from("/home/a/.cache/postlint")));
        assert_eq!(dir(Some(""), None), None);
        assert_eq!(dir(None, Some("")), None, "no home, no key: no cache");
    }
}
