//! Finding posts: paths and globs from the command line, directories walked with the
//! `ignore` crate (ripgrep's gitignore-aware walker).
//!
//! What the gate lints is what the generator builds. The walk obeys ignore files
//! (`.gitignore`, `.ignore`, `.git/info/exclude`) and skips folders by name (`node_modules`,
//! `vendor`, `public` …), but a pull request writes both: an ignore file may only hide a
//! file git does not track (what it hid that git tracks is added back from the index, see
//! `site::tracked`; with no readable index no ignore file is obeyed), and a folder is
//! skipped by one of postlint's default names only where the generator builds nothing
//! (`Builds`). Whether the generator builds each file found is then the run's question.
//!
//! Everything found must resolve, after symbolic links, inside the content boundary of
//! the place it was named at (`bounded::content_boundary`: the git work tree that holds
//! the named path's site, else that site's root), and never into a `.git` folder. A path
//! the user names is trusted as named — it is linted in its own site and repository,
//! wherever the working directory is — but a symbolic link it is, or a symlinked post
//! met while walking it, may not lead out of that boundary: such a path is not read, it
//! becomes a problem (PL001) that names the path, never what it points to.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// Whether the site's generator may build a page somewhere under a folder (the path as
/// the walk has it): asked of folders with one of postlint's default names
/// (`Settings::default_exclude`), which are skipped only where it answers no.
pub type Builds = Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// Whether the file at a path is one its site's generator renders as Markdown, by its
/// extension only (`.mkd` for Jekyll, any extension its `markdown_ext` names): the walk
/// lints these besides `.md`, `.markdown` and `.mdx`.
pub type Renders = Arc<dyn Fn(&Path) -> bool + Send + Sync>;

/// Whether `--force-exclude` drops the file at `path`: a pattern of the configuration, or
/// a folder of it with one of postlint's default names where the generator does not
/// build the file's folder (`vendor/bundle/`, not `_posts/vendor/`).
pub fn is_excluded(settings: &Settings, path: &Path, builds: &Builds) -> bool {
    let folder = path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."));
    settings.is_excluded(path) || skips_default_named(settings, path, folder, builds)
}

/// Whether a folder of `path` as given has one of postlint's default names and the
/// generator builds nothing under `folder` (the deepest folder of `path`).
fn skips_default_named(settings: &Settings, path: &Path, folder: &Path, builds: &Builds) -> bool {
    path.components().any(|component| is_default_name(settings, component.as_os_str())) && !builds(folder)
}

/// Whether a folder of `root` inside the boundary (as given, when it is not found under
/// it) has one of postlint's default names.
fn default_named_inside(settings: &Settings, root: &Path, boundary: &Path) -> bool {
    let absolute = crate::site::absolute_path(root);
    let inside = absolute.strip_prefix(boundary).unwrap_or(root);
    inside.components().any(|part| is_default_name(settings, part.as_os_str()))
}

fn is_default_name(settings: &Settings, name: &OsStr) -> bool {
    settings.default_exclude.iter().any(|default| name == *default)
}

/// Why `path` may not be read from inside `boundary`: it resolves (after every symbolic
/// link) outside it, or into a `.git` folder. A path that does not resolve at all (a
/// dangling link) is left for the read to report.
fn refused(path: &Path, boundary: &Path) -> Option<WalkProblem> {
    // Where it leads whether or not that exists (a link to `/dev/stdin` leads to a pipe's
    // name, which does not): outside is outside.
    let real = crate::bounded::resolve(path).ok()?.path;
    let refused = crate::bounded::admit(&real, std::slice::from_ref(&boundary.to_path_buf())).err()?;
    let message = match refused {
        crate::bounded::Refused::InsideGit => {
            "is in or resolves into the repository's `.git` folder, which is never content; not read"
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
/// listed; `builds` says where default-named folders hold built pages.
pub fn discover(
    paths: &[PathBuf],
    settings: &Settings,
    force_exclude: bool,
    boundary: Option<&Path>,
    builds: &Builds,
    renders: &Renders,
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
            if !(force_exclude && is_excluded(settings, path, builds)) {
                found.files.push(path.clone());
            }
        } else if path.is_dir() {
            let before = found.files.len();
            walk(path, settings, None, &boundary, (builds, renders), &mut found);
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
            walk(&base, settings, Some(&matcher), &boundary, (builds, renders), &mut found);
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
    (builds, renders): (&Builds, &Renders),
    found: &mut Discovered,
) {
    if settings.excludes_a_folder_of(root) || skips_default_named(settings, root, root, builds) {
        return;
    }
    // Ignore files may hide only what git does not track: obeyed when the tracked set is
    // known (what they hid that git tracks is added back below), not at all otherwise.
    let tracked = crate::site::tracked::of(&crate::site::absolute_path(root));
    let obey_ignore_files = tracked.is_some();
    // An excluded folder (`drafts/**`, a default-named folder the generator does not
    // build) is not entered: its files need not be matched one by one.
    let exclude = settings.exclude.clone();
    let defaults = settings.default_exclude;
    let builds_here = Arc::clone(builds);
    let in_default_folder = default_named_inside(settings, root, boundary);
    let walk_root = root.to_path_buf();
    let walker = WalkBuilder::new(root)
        // Hidden entries are judged below: a hidden folder is entered only where the
        // generator builds it (Jekyll's `include:`), never `.git`; hidden files stay out.
        .hidden(false)
        .parents(true)
        .ignore(obey_ignore_files)
        .git_ignore(obey_ignore_files)
        .git_exclude(obey_ignore_files)
        .git_global(obey_ignore_files)
        .follow_links(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if entry.depth() == 0 {
                return true;
            }
            if entry.file_name().as_encoded_bytes().starts_with(b".") {
                return is_dir && entry.file_name() != ".git" && builds_here(entry.path());
            }
            if !is_dir {
                return true;
            }
            // In and below a default-named folder, each folder must be one the generator
            // builds in (Jekyll builds `vendor/` but not `vendor/bundle/`).
            let below = entry.path().strip_prefix(&walk_root).unwrap_or(entry.path());
            let default_named = in_default_folder
                || below.components().any(|part| defaults.iter().any(|default| part.as_os_str() == *default));
            !(exclude.is_match(Path::new(entry.file_name())) || (default_named && !builds_here(entry.path())))
        })
        .build();
    let (files_before, problems_before) = (found.files.len(), found.problems.len());
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                let is_file = entry.file_type().is_some_and(|t| t.is_file() || t.is_symlink());
                if !is_file || !(is_post(path) || renders(path)) {
                    continue;
                }
                keep(path, entry.path_is_symlink(), root, settings, matcher, boundary, found);
            }
            Err(error) => {
                let path = error_path(&error).unwrap_or_else(|| root.to_path_buf());
                found
                    .problems
                    .push(WalkProblem { path, message: format!("cannot read: {}", describe_walk_error(&error)) });
            }
        }
    }
    if let Some(tracked) = tracked {
        let site = (builds, renders);
        add_tracked(root, &tracked, settings, matcher, boundary, site, (files_before, problems_before), found);
    }
}

/// Lists a post the walk (or the index) found under `root`, unless the configuration
/// excludes it, the glob does not match it, or it is a link that leads outside.
fn keep(
    path: &Path,
    is_symlink: bool,
    root: &Path,
    settings: &Settings,
    matcher: Option<&globset::GlobMatcher>,
    boundary: &Path,
    found: &mut Discovered,
) {
    if settings.is_excluded_within(path, root) || matcher.is_some_and(|m| !m.is_match(path)) {
        return;
    }
    // The walk does not follow links, so only a symlinked file can lead outside.
    if is_symlink && let Some(problem) = refused(path, boundary) {
        found.problems.push(problem);
        return;
    }
    found.files.push(path.to_path_buf());
}

/// Adds the posts git tracks under `root` that the walk did not list because an ignore
/// file hid them: exactly those the walk would have listed without ignore files (hidden
/// files and folders, excluded ones and default-named folders the generator does not
/// build stay out). Whether the generator builds each is the run's question, as for every
/// walked file. `since` is where this walk's files and problems start in `found`.
#[allow(clippy::too_many_arguments)]
fn add_tracked(
    root: &Path,
    tracked: &crate::site::tracked::Tracked,
    settings: &Settings,
    matcher: Option<&globset::GlobMatcher>,
    boundary: &Path,
    (builds, renders): (&Builds, &Renders),
    since: (usize, usize),
    found: &mut Discovered,
) {
    let Some(prefix) = tracked.prefix_of(&crate::site::absolute_path(root)) else { return };
    let listed: HashSet<PathBuf> = found.files[since.0..]
        .iter()
        .chain(found.problems[since.1..].iter().map(|problem| &problem.path))
        .cloned()
        .collect();
    let mut hidden = Vec::new();
    for relative in tracked.under(&prefix) {
        let below = if prefix.is_empty() { relative } else { &relative[prefix.len() + 1..] };
        let below = crate::site::tracked::relative_path(below);
        let path = root.join(&below);
        if !(is_post(&path) || renders(&path)) || listed.contains(&path) {
            continue;
        }
        let mut folder = root.to_path_buf();
        let mut default_named = default_named_inside(settings, root, boundary);
        let parts: Vec<&OsStr> = below.iter().collect();
        let skipped = parts.iter().enumerate().any(|(at, name)| {
            let hidden = name.as_encoded_bytes().starts_with(b".");
            if at + 1 == parts.len() {
                return hidden;
            }
            folder.push(name);
            if hidden && (*name == ".git" || !builds(&folder)) {
                return true;
            }
            default_named |= is_default_name(settings, name);
            settings.exclude.is_match(Path::new(name)) || (default_named && !builds(&folder))
        });
        if !skipped {
            hidden.push(path);
        }
    }
    for path in hidden {
        // Gone from the work tree (deleted, not yet committed), or a folder now: nothing to lint.
        let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
        if meta.is_file() || meta.file_type().is_symlink() {
            keep(&path, meta.file_type().is_symlink(), root, settings, matcher, boundary, found);
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
