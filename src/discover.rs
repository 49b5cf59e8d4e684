//! Finding posts: paths and globs from the command line, directories walked with the
//! `ignore` crate (ripgrep's gitignore-aware walker).
//!
//! Everything found must resolve, after symbolic links, inside the content boundary of
//! the place it was named at (`bounded::content_boundary`: the git work tree that holds
//! the named path's site, else that site's root), and never into a `.git` folder. A path
//! the user names is trusted as named — it is linted in its own site and repository,
//! wherever the working directory is — but a symbolic link it is, or a symlinked post
//! met while walking it, may not lead out of that boundary: such a path is not read, it
//! becomes a problem (PL001) that names the path, never what it points to.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::Glob;
use ignore::WalkBuilder;

use crate::config::{ConfigError, Settings};
use crate::error::RunError;

pub use crate::document::is_markdown_file as is_post;

/// A path the run will not lint (unreadable, a loop, outside the repository): one PL001
/// with `message` as it is.
#[derive(Debug, Clone)]
pub struct WalkProblem {
    pub path: PathBuf,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub problems: Vec<WalkProblem>,
    /// Directories and globs named on the command line that found no post.
    pub unmatched: Vec<PathBuf>,
}

/// Why `path` may not be read from inside `boundary`: it resolves (after every symbolic
/// link) outside it, or into a `.git` folder. A path that does not resolve at all (a
/// dangling link) is left for the read to report.
fn refused(path: &Path, boundary: &Path) -> Option<WalkProblem> {
    let real = path.canonicalize().ok()?;
    let refused = crate::bounded::admit(&real, std::slice::from_ref(&boundary.to_path_buf())).err()?;
    let message = match refused {
        crate::bounded::Refused::InsideGit => {
            "resolves into the repository's `.git` folder (through a symbolic link), which is never content; not read"
        }
        _ => "resolves outside the repository (through a symbolic link or `..`); not read",
    };
    Some(WalkProblem { path: path.to_path_buf(), message: message.to_string() })
}

/// The content boundary of a path named on the command line: that of its site — the
/// nearest folder at or above it with a generator's config or a repository, else the
/// folder it names (for a file, its folder) — found from where the path is written, not
/// from where a link at its end leads. `known` keeps each folder's answer (a hook names
/// many files of few folders).
fn named_boundary(path: &Path, known: &mut HashMap<PathBuf, PathBuf>) -> PathBuf {
    let absolute = crate::site::absolute_path(path);
    let is_real_dir = std::fs::symlink_metadata(&absolute).is_ok_and(|m| m.is_dir());
    let start = if is_real_dir { absolute.as_path() } else { absolute.parent().unwrap_or(&absolute) };
    if let Some(boundary) = known.get(start) {
        return boundary.clone();
    }
    let site_root = start
        .ancestors()
        .find(|dir| crate::site::is_site_root(dir) || dir.join(".git").symlink_metadata().is_ok())
        .unwrap_or(start);
    let boundary = crate::bounded::content_boundary(site_root);
    known.insert(start.to_path_buf(), boundary.clone());
    boundary
}

/// Expands `paths` into the posts to lint, in a stable order. Nothing outside the
/// boundary of the place each path names (or `boundary`, when given, for every path) is
/// listed.
pub fn discover(
    paths: &[PathBuf],
    settings: &Settings,
    force_exclude: bool,
    boundary: Option<&Path>,
) -> Result<Discovered, RunError> {
    let fixed = match boundary {
        Some(root) => Some(root.canonicalize().map_err(|e| RunError::io(root.display().to_string(), e))?),
        None => None,
    };
    let mut found = Discovered::default();
    let mut known = HashMap::new();
    for path in paths {
        let boundary =
            fixed.clone().unwrap_or_else(|| named_boundary(glob_base(path).as_deref().unwrap_or(path), &mut known));
        if let Some(problem) = refused(path, &boundary) {
            found.problems.push(problem);
        } else if path.is_file() {
            if !(force_exclude && settings.is_excluded(path)) {
                found.files.push(path.clone());
            }
        } else if path.is_dir() {
            let before = found.files.len();
            walk(path, settings, None, &boundary, &mut found);
            if found.files.len() == before {
                found.unmatched.push(path.clone());
            }
        } else if let Some(base) = glob_base(path) {
            let matcher = Glob::new(&path.to_string_lossy())
                .map_err(|e| ConfigError { origin: path.display().to_string(), message: format!("invalid glob: {e}") })
                .map_err(RunError::from)?
                .compile_matcher();
            if let Some(problem) = refused(&base, &boundary) {
                found.problems.push(problem);
                continue;
            }
            let before = found.files.len();
            walk(&base, settings, Some(&matcher), &boundary, &mut found);
            if found.files.len() == before {
                found.unmatched.push(path.clone());
            }
        } else {
            return Err(ConfigError {
                origin: path.display().to_string(),
                message: "no such file or directory".into(),
            }
            .into());
        }
    }
    // By bytes, not by path components (a tenth of a cached run over 10,000 posts):
    // the run sorts its output by shown path anyway; this only brings duplicates together.
    found.files.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    found.files.dedup();
    Ok(found)
}

fn walk(
    root: &Path,
    settings: &Settings,
    matcher: Option<&globset::GlobMatcher>,
    boundary: &Path,
    found: &mut Discovered,
) {
    if settings.excludes_a_folder_of(root) {
        return;
    }
    // An excluded folder (`node_modules`, `drafts/**`) is not entered: its files need
    // not be matched one by one.
    let exclude = settings.exclude.clone();
    let walker = WalkBuilder::new(root)
        .hidden(true)
        .parents(true)
        .git_ignore(true)
        .follow_links(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && entry.depth() > 0 && exclude.is_match(Path::new(entry.file_name())))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file() || t.is_symlink());
                if !is_file || !is_post(path) {
                    continue;
                }
                if settings.is_excluded_within(path, root) {
                    continue;
                }
                if matcher.is_some_and(|m| !m.is_match(path)) {
                    continue;
                }
                // The walk does not follow links, so only a symlinked file can lead outside.
                if entry.path_is_symlink()
                    && let Some(problem) = refused(path, boundary)
                {
                    found.problems.push(problem);
                    continue;
                }
                found.files.push(path.to_path_buf());
            }
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                found
                    .problems
                    .push(WalkProblem { path, message: format!("cannot read: {}", describe_walk_error(&error)) });
            }
        }
    }
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

fn describe_walk_error(error: &ignore::Error) -> String {
    match error {
        ignore::Error::Loop { ancestor, .. } => {
            format!("symbolic link loop back to {}", ancestor.display())
        }
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => describe_walk_error(err),
        ignore::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

/// `posts/**/*.md` → `posts`, the directory to walk; `None` when there is no glob character.
fn glob_base(path: &Path) -> Option<PathBuf> {
    let text = path.to_string_lossy();
    if !text.contains(['*', '?', '[', '{']) {
        return None;
    }
    let mut base = PathBuf::new();
    for component in path.components() {
        let part = component.as_os_str().to_string_lossy();
        if part.contains(['*', '?', '[', '{']) {
            break;
        }
        base.push(component);
    }
    if base.as_os_str().is_empty() {
        base.push(".");
    }
    Some(base)
}
