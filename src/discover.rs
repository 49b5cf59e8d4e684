//! Finding posts: paths and globs from the command line, directories walked with the
//! `ignore` crate (ripgrep's gitignore-aware walker).
//!
//! Everything found must resolve, after symbolic links, inside the boundary: the git
//! repository that holds the working directory (the nearest ancestor with `.git`), or
//! the working directory itself outside a repository. A path named on the command line
//! or a symlinked post met while walking that resolves outside it is not read: it
//! becomes a problem (PL001) that names the path, never what it points to.

use std::path::{Path, PathBuf};

use globset::Glob;
use ignore::WalkBuilder;

use crate::config::{ConfigError, Settings};
use crate::error::RunError;

pub use crate::bounded::boundary;
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

/// Whether `path` resolves (after every symbolic link) outside `boundary`. A path that
/// does not resolve at all (a dangling link) is left for the read to report.
fn resolves_outside(path: &Path, boundary: &Path) -> bool {
    path.canonicalize().is_ok_and(|real| !real.starts_with(boundary))
}

fn outside_problem(path: &Path) -> WalkProblem {
    WalkProblem {
        path: path.to_path_buf(),
        message: "resolves outside the repository (through a symbolic link or `..`); not read".to_string(),
    }
}

/// Expands `paths` into the posts to lint, in a stable order. Nothing outside `boundary`
/// (by default `boundary()`) is listed.
pub fn discover(
    paths: &[PathBuf],
    settings: &Settings,
    force_exclude: bool,
    boundary: Option<&Path>,
) -> Result<Discovered, RunError> {
    let boundary = match boundary {
        Some(root) => root.canonicalize(),
        None => self::boundary(),
    }
    .map_err(|e| RunError::io("working directory", e))?;
    let mut found = Discovered::default();
    for path in paths {
        if resolves_outside(path, &boundary) {
            found.problems.push(outside_problem(path));
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
            if resolves_outside(&base, &boundary) {
                found.problems.push(outside_problem(&base));
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
                if entry.path_is_symlink() && resolves_outside(path, boundary) {
                    found.problems.push(outside_problem(path));
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
