//! Reading files a pull request controls: posts, site configs, Gemfiles, layouts,
//! includes, templates, schemas and postlint's own config.
//!
//! A stranger's pull request can commit a symbolic link to `/etc/passwd`, `/dev/zero`,
//! `.git/config` or a FIFO, or write `$schema: /dev/stdin`. Every read postlint makes on
//! its own therefore goes through `read` (or `open`, `list_dir`), which refuses, before
//! opening anything:
//!
//! - a path that resolves (after every symbolic link) outside the **content boundary**
//!   (`content_boundary`: the git work tree that holds the site, else the site root), or
//!   into a `.git` folder below it (`.git/` is never content),
//! - anything that is not a regular file (a FIFO would block the open, a device would
//!   never end),
//! - a file over the size cap of its kind (`Limit`).
//!
//! The file is then read through its open handle, checked again (`fstat`) and never past
//! the cap, so a file that grows or is swapped meanwhile cannot make the read unbounded.
//! A refusal names the path and says why; it never carries the content.
//!
//! What the user names explicitly (a path on the command line, `--config PATH`) is
//! trusted as named: its boundary is the one of the place it names, not the working
//! directory's.

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
    /// It resolves into a `.git` folder below the boundary: never content.
    InsideGit,
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
            Refused::InsideGit => {
                write!(f, "resolves into a `.git` folder, which is never read as content; not read")
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

/// Reads `path` if it resolves inside one of `roots` (and not into a `.git` folder below
/// it; any path when `roots` is empty), is a regular file, and is at most
/// `limit.max_bytes` long.
pub fn read(path: &Path, limit: Limit, roots: &[PathBuf]) -> Result<Vec<u8>, Refused> {
    let (file, metadata) = open_checked(path, roots, Some(limit))?;
    let mut bytes = Vec::with_capacity(metadata.len().min(limit.max_bytes) as usize);
    file.take(limit.max_bytes + 1).read_to_end(&mut bytes).map_err(|e| Refused::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > limit.max_bytes {
        return Err(Refused::TooLarge { size: bytes.len() as u64, limit });
    }
    Ok(bytes)
}

/// Opens `path` for reading under the rules of `read`, without a size cap: for a reader
/// that reads only a bounded part of the file (the site index reads front matter only).
pub fn open(path: &Path, roots: &[PathBuf]) -> Result<std::fs::File, Refused> {
    open_checked(path, roots, None).map(|(file, _)| file)
}

fn open_checked(
    path: &Path,
    roots: &[PathBuf],
    limit: Option<Limit>,
) -> Result<(std::fs::File, std::fs::Metadata), Refused> {
    let real = resolve_admitted(path, roots)?;
    // `metadata` of the resolved path does not open it: a FIFO is refused before an
    // `open` could block on it.
    let metadata = std::fs::metadata(&real).map_err(|e| Refused::Unreadable(e.to_string()))?;
    check_kind(&metadata, limit)?;
    let file = std::fs::File::open(&real).map_err(|e| Refused::Unreadable(e.to_string()))?;
    // The same checks on what was opened, in case the path changed in between.
    let opened = file.metadata().map_err(|e| Refused::Unreadable(e.to_string()))?;
    check_kind(&opened, limit)?;
    Ok((file, opened))
}

/// Lists the folder `dir` if it resolves inside one of `roots` (and not into a `.git`
/// folder; any folder when `roots` is empty). A folder linked to somewhere outside is
/// not listed, so no name from outside reaches a message.
pub fn list_dir(dir: &Path, roots: &[PathBuf]) -> Result<std::fs::ReadDir, Refused> {
    let real = resolve_admitted(dir, roots)?;
    std::fs::read_dir(real).map_err(|e| Refused::Unreadable(e.to_string()))
}

/// `path` resolved (`resolve`) and admitted under `roots`; only then, whether it exists.
/// The boundary is decided first, so whether a file outside it exists never changes the
/// answer: `/etc/passwd` and `/etc/nonexistent` are both `Outside`.
fn resolve_admitted(path: &Path, roots: &[PathBuf]) -> Result<PathBuf, Refused> {
    let resolved = resolve(path)?;
    admit(&resolved.path, roots)?;
    if resolved.exists { Ok(resolved.path) } else { Err(Refused::Missing) }
}

/// Where a path leads, whether or not it exists (`realpath -m`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Absolute, every existing symbolic link followed, no `.` or `..`: the part that
    /// does not exist is appended as written.
    pub path: PathBuf,
    /// Whether every part of it exists.
    pub exists: bool,
}

/// Symbolic links followed at most this many times in one path (Linux's `ELOOP` limit).
const MAX_LINKS: usize = 40;

/// Where `path` leads. Its `..` are taken lexically first (a browser's way with a URL), so
/// `/etc/x/../../repo/y` never asks whether `/etc/x` exists; then every existing
/// symbolic link is followed, a dangling one too, and what does not exist is appended as
/// written. The answer for a path that leads outside a boundary is outside whether or not
/// the target exists (a committed dangling link to `/etc/nonexistent` included).
pub fn resolve(path: &Path) -> Result<Resolved, Refused> {
    use std::path::Component;
    let absolute = std::path::absolute(path).map_err(|e| Refused::Unreadable(e.to_string()))?;
    let mut lexical = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    if let Ok(real) = lexical.canonicalize() {
        return Ok(Resolved { path: real, exists: true });
    }
    let mut current = PathBuf::new();
    let mut rest: std::collections::VecDeque<std::ffi::OsString> = std::collections::VecDeque::new();
    for part in lexical.components() {
        match part {
            Component::Normal(name) => rest.push_back(name.to_os_string()),
            other => current.push(other),
        }
    }
    let mut links = 0;
    while let Some(name) = rest.pop_front() {
        if name == ".." {
            current.pop();
            continue;
        }
        if name == "." || name.is_empty() {
            continue;
        }
        let next = current.join(&name);
        let is_link = std::fs::symlink_metadata(&next).map(|meta| meta.file_type().is_symlink());
        match is_link {
            Ok(true) => {
                links += 1;
                if links > MAX_LINKS {
                    return Err(Refused::Unreadable("too many levels of symbolic links".into()));
                }
                let target = std::fs::read_link(&next).map_err(|e| Refused::Unreadable(e.to_string()))?;
                let mut parts = Vec::new();
                for part in target.components() {
                    match part {
                        Component::Normal(name) => parts.push(name.to_os_string()),
                        Component::ParentDir => parts.push("..".into()),
                        Component::CurDir => {}
                        // An absolute target starts again from its root (after its
                        // prefix, on Windows).
                        Component::RootDir if matches!(target.components().next(), Some(Component::Prefix(_))) => {
                            current.push(Component::RootDir.as_os_str());
                        }
                        other => {
                            current = PathBuf::from(other.as_os_str());
                            parts.clear();
                        }
                    }
                }
                for part in parts.into_iter().rev() {
                    rest.push_front(part);
                }
            }
            Ok(false) => current = next,
            // Missing, or not a folder, or not searchable: the rest is appended as written.
            Err(_) => {
                current = next;
                for name in rest {
                    if name == ".." {
                        current.pop();
                    } else if name != "." {
                        current.push(name);
                    }
                }
                return Ok(Resolved { path: current, exists: false });
            }
        }
    }
    // Every part exists, yet the path did not resolve as a whole (a loop, a permission).
    let exists = current.symlink_metadata().is_ok();
    Ok(Resolved { path: current, exists })
}

/// Whether the canonical path `real` may be read under `roots` (canonical boundaries):
/// inside one of them and in no `.git` folder below it. Empty `roots` admit any path.
pub fn admit(real: &Path, roots: &[PathBuf]) -> Result<(), Refused> {
    if roots.is_empty() {
        return Ok(());
    }
    let mut inside = false;
    for root in roots {
        let Ok(below) = real.strip_prefix(root) else { continue };
        inside = true;
        if !below.components().any(|part| part.as_os_str() == ".git") {
            return Ok(());
        }
    }
    Err(if inside { Refused::InsideGit } else { Refused::Outside })
}

/// `read` as UTF-8 text (invalid sequences replaced: configs and templates are only
/// searched, never written back).
pub fn read_to_string(path: &Path, limit: Limit, roots: &[PathBuf]) -> Result<String, Refused> {
    read(path, limit, roots).map(|bytes| match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
    })
}

fn check_kind(metadata: &std::fs::Metadata, limit: Option<Limit>) -> Result<(), Refused> {
    if !metadata.is_file() {
        return Err(Refused::NotRegular(kind_name(&metadata.file_type())));
    }
    if let Some(limit) = limit
        && metadata.len() > limit.max_bytes
    {
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

/// The content boundary of the site whose root is `site_root` (for a file with no site,
/// its folder): the git work tree that holds it — the nearest folder at or above it with
/// a `.git` folder, or a `.git` file as in a linked work tree or a submodule — else the
/// site root itself; canonical.
///
/// This is the one place the boundary is said. Everything postlint reads on its own
/// (posts found by walking, site configs, layouts, data, schemas, custom-rule files, the
/// config it discovers, cache entries) must resolve inside the boundary of its site, and
/// never into a `.git` folder (`admit`). For the language server that is the workspace's
/// site, never the process's working directory.
///
/// A path that does not exist is returned as given, made absolute: nothing resolves
/// inside it, so nothing is admitted.
pub fn content_boundary(site_root: &Path) -> PathBuf {
    let absolute = std::path::absolute(site_root).unwrap_or_else(|_| site_root.to_path_buf());
    let Ok(real) = absolute.canonicalize() else { return absolute };
    match real.ancestors().find(|dir| dir.join(".git").symlink_metadata().is_ok()) {
        Some(work_tree) => work_tree.to_path_buf(),
        None => real,
    }
}

/// The working directory's `content_boundary`. Only for postlint's own state (where the
/// run cache lives, which sites may keep a cache) and for paths a config gives relative
/// to the working directory; never to decide which of a site's files may be read.
pub fn working_boundary() -> std::io::Result<PathBuf> {
    Ok(content_boundary(&std::env::current_dir()?))
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

    #[test]
    fn the_boundary_is_the_work_tree_holding_the_site_else_the_site_root() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(real.join("repo/blog/_posts")).unwrap();
        std::fs::create_dir_all(real.join("loose/_posts")).unwrap();
        // A `.git` folder, or a `.git` file as in a linked work tree or a submodule.
        std::fs::create_dir(real.join("repo/.git")).unwrap();
        assert_eq!(content_boundary(&real.join("repo/blog")), real.join("repo"));
        std::fs::write(real.join("repo/blog/.git"), "gitdir: ../.git/worktrees/blog\n").unwrap();
        assert_eq!(content_boundary(&real.join("repo/blog")), real.join("repo/blog"));
        assert_eq!(content_boundary(&real.join("loose")), real.join("loose"), "no repository: the site root");
        // A root that does not exist admits nothing that exists.
        let missing = content_boundary(&real.join("gone"));
        assert_eq!(read(&real.join("loose/_posts"), CONFIG, &[missing]), Err(Refused::Outside));
    }

    #[cfg(unix)]
    #[test]
    fn nothing_under_dot_git_is_content_even_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        std::fs::create_dir_all(root.join("_posts")).unwrap();
        std::fs::write(root.join(".git/config"), "[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n").unwrap();
        std::os::unix::fs::symlink("../.git/config", root.join("_posts/x.md")).unwrap();
        let roots = vec![content_boundary(&root)];
        assert_eq!(read(&root.join("_posts/x.md"), POST, &roots), Err(Refused::InsideGit));
        assert!(Refused::InsideGit.to_string().contains("`.git`"));
        assert!(matches!(list_dir(&root.join(".git"), &roots), Err(Refused::InsideGit)));
        assert!(open(&root.join("_posts/x.md"), &roots).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_linked_outside_is_not_listed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret-name.html"), "x").unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("themes")).unwrap();
        let roots = roots([dir.path()]);
        assert!(matches!(list_dir(&dir.path().join("themes"), &roots), Err(Refused::Outside)));
        assert!(list_dir(dir.path(), &roots).is_ok());
    }
}
