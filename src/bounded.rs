//! Reading files a pull request controls: posts, site configs, Gemfiles, layouts,
//! includes, templates and schemas.
//!
//! A stranger's pull request can commit a symbolic link to `/etc/passwd`, `/dev/zero` or
//! a FIFO, or write `$schema: /dev/stdin`. Every read outside the linted posts therefore
//! goes through `read`, which refuses, before opening anything:
//!
//! - a path that resolves (after every symbolic link) outside the allowed roots (the site
//!   root and the repository boundary, `boundary`),
//! - anything that is not a regular file (a FIFO would block the open, a device would
//!   never end),
//! - a file over the size cap of its kind (`Limit`).
//!
//! The file is then read through its open handle, checked again (`fstat`) and never past
//! the cap, so a file that grows or is swapped meanwhile cannot make the read unbounded.
//! A refusal names the path and says why; it never carries the content.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// What is read, and how much of it at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub what: &'static str,
    pub max_bytes: u64,
}

const MIB: u64 = 1024 * 1024;

/// A post (Markdown): the largest real posts are a few hundred KiB.
pub const POST: Limit = Limit { what: "post", max_bytes: 16 * MIB };
/// A site config (`_config.yml`, `hugo.toml`, `config.toml`) or a `Gemfile`.
pub const CONFIG: Limit = Limit { what: "config file", max_bytes: MIB };
/// A JSON Schema for FM017.
/// A link checker's results file (LNK014): one entry per failing URL of a whole site.
pub const RESULTS: Limit = Limit { what: "link checker results", max_bytes: 64 * MIB };
pub const SCHEMA: Limit = Limit { what: "schema", max_bytes: MIB };
/// A layout, include or template read to see what a page renders.
pub const TEMPLATE: Limit = Limit { what: "template", max_bytes: MIB };

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// It does not exist (or a link to it dangles): usually not a problem at all.
    Missing,
    Outside,
    NotRegular(&'static str),
    TooLarge {
        size: u64,
        limit: Limit,
    },
    Unreadable(String),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Missing => write!(f, "does not exist"),
            Refused::Outside => {
                write!(
                    f,
                    "resolves outside the site and the repository (through a symbolic link, `..` or an absolute path); not read"
                )
            }
            Refused::NotRegular(kind) => write!(f, "is not a regular file (it is {kind}); not read"),
            Refused::TooLarge { size, limit } => write!(
                f,
                "is {} bytes, over the {} MiB limit for a {}; not read",
                size,
                limit.max_bytes / MIB,
                limit.what
            ),
            Refused::Unreadable(error) => write!(f, "cannot read: {error}"),
        }
    }
}

/// The roots reads may resolve into, canonicalized once (a root that does not exist is
/// dropped). An empty list allows any path: for posts, which discovery already bounded.
pub fn roots<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = paths.into_iter().filter_map(|p| p.canonicalize().ok()).collect();
    roots.dedup();
    roots
}

/// Reads `path` if it resolves inside one of `roots` (any path when `roots` is empty), is
/// a regular file, and is at most `limit.max_bytes` long.
pub fn read(path: &Path, limit: Limit, roots: &[PathBuf]) -> Result<Vec<u8>, Refused> {
    let real = match path.canonicalize() {
        Ok(real) => real,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Err(Refused::Missing),
        Err(error) => return Err(Refused::Unreadable(error.to_string())),
    };
    if !roots.is_empty() && !roots.iter().any(|root| real.starts_with(root)) {
        return Err(Refused::Outside);
    }
    // `metadata` of the resolved path does not open it: a FIFO is refused before an
    // `open` could block on it.
    let metadata = std::fs::metadata(&real).map_err(|e| Refused::Unreadable(e.to_string()))?;
    check_kind(&metadata, limit)?;
    let file = std::fs::File::open(&real).map_err(|e| Refused::Unreadable(e.to_string()))?;
    // The same checks on what was opened, in case the path changed in between.
    check_kind(&file.metadata().map_err(|e| Refused::Unreadable(e.to_string()))?, limit)?;
    let mut bytes = Vec::with_capacity(metadata.len().min(limit.max_bytes) as usize);
    file.take(limit.max_bytes + 1).read_to_end(&mut bytes).map_err(|e| Refused::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > limit.max_bytes {
        return Err(Refused::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// `read` as UTF-8 text (invalid sequences replaced: configs and templates are only
/// searched, never written back).
pub fn read_to_string(path: &Path, limit: Limit, roots: &[PathBuf]) -> Result<String, Refused> {
    read(path, limit, roots).map(|bytes| match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    })
}

fn check_kind(metadata: &std::fs::Metadata, limit: Limit) -> Result<(), Refused> {
    if !metadata.is_file() {
        return Err(Refused::NotRegular(kind_name(&metadata.file_type())));
    }
    if metadata.len() > limit.max_bytes {
        return Err(Refused::TooLarge { size: metadata.len(), limit });
    }
    Ok(())
}

fn kind_name(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() { "a directory" } else { "not a file" }
}

/// The directory nothing read may resolve outside of: the canonical working directory's
/// git repository root, or the working directory when it is in no repository.
pub fn boundary() -> std::io::Result<PathBuf> {
    let cwd = std::env::current_dir()?.canonicalize()?;
    let root = cwd.ancestors().find(|dir| dir.join(".git").symlink_metadata().is_ok()).unwrap_or(&cwd);
    Ok(root.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_inside_the_roots_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "hello").unwrap();
        let roots = roots([dir.path()]);
        assert_eq!(read(&dir.path().join("a.txt"), CONFIG, &roots).unwrap(), b"hello");
        assert_eq!(read(&dir.path().join("none.txt"), CONFIG, &roots), Err(Refused::Missing));
    }

    #[test]
    fn outside_the_roots_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let roots = roots([dir.path()]);
        assert_eq!(read(&dir.path().join("../../../../etc/hostname"), CONFIG, &roots), Err(Refused::Outside));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_links_to_them_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero")).unwrap();
        assert_eq!(read(&dir.path().join("zero"), CONFIG, &[]), Err(Refused::NotRegular("a device")));
        assert_eq!(read(&dir.path().join("zero"), CONFIG, &roots([dir.path()])), Err(Refused::Outside));
    }

    #[test]
    fn a_file_over_the_cap_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        std::fs::write(&path, vec![b'x'; (MIB + 1) as usize]).unwrap();
        let refused = read(&path, SCHEMA, &[]).unwrap_err();
        assert!(matches!(refused, Refused::TooLarge { .. }), "{refused:?}");
        assert!(refused.to_string().contains("1 MiB limit for a schema"), "{refused}");
    }
}
