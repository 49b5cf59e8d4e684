//! Applying fixes: edits from all diagnostics of a file, non-overlapping, applied, the
//! file re-linted, until nothing changes. Writes go through an exclusive random temporary
//! file, never through a link, keep permissions, and never overwrite a newer edit.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::document::Document;
use crate::engine::{self, LintContext};
use crate::text::lines::lone_cr_as_lf;

/// Re-lint passes before giving up on fixes that keep producing changes.
pub const MAX_PASSES: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixResult {
    pub text: String,
    /// How many fixes were applied over all passes.
    pub applied: usize,
    /// Codes whose fixes still changed the text after `MAX_PASSES`.
    pub unconverged: Vec<&'static str>,
}

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    Safe,
    Unsafe,
}

impl FixMode {
    fn allows(self, applicability: Applicability) -> bool {
        applicability == Applicability::Safe || self == FixMode::Unsafe
    }
}

/// Fixes `source` (the file at `path`, shown as `display`) and returns the fixed text.
pub fn fix_text(display: &str, path: &Path, source: &str, context: &LintContext<'_>, mode: FixMode) -> FixResult {
    let mut text = source.to_string();
    let mut applied = 0;
    for _ in 0..MAX_PASSES {
        // Parsed as if each lone `\r` were `\n` (same offsets); the edits go to `text`.
        let parsed = lone_cr_as_lf(&text);
        let doc = Document::parse_with(display, &parsed, &context.site.markup());
        let diagnostics = engine::check_document(&doc, path, context);
        let (next, count) = apply_once(&text, &diagnostics, mode);
        if count == 0 {
            return FixResult { text, applied, unconverged: Vec::new() };
        }
        applied += count;
        text = next;
    }
    let parsed = lone_cr_as_lf(&text);
    let doc = Document::parse_with(display, &parsed, &context.site.markup());
    let mut unconverged: Vec<&'static str> = engine::check_document(&doc, path, context)
        .iter()
        .filter(|d| d.fix.as_ref().is_some_and(|f| mode.allows(f.applicability)))
        .map(|d| d.code)
        .collect();
    unconverged.dedup();
    FixResult { text, applied, unconverged }
}

/// One pass: the fixes whose edits overlap no earlier accepted fix, applied together.
pub fn apply_once(text: &str, diagnostics: &[Diagnostic], mode: FixMode) -> (String, usize) {
    let mut fixes: Vec<&[Edit]> = diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|fix| mode.allows(fix.applicability) && !fix.edits.is_empty())
        .map(|fix| fix.edits.as_slice())
        .collect();
    fixes.sort_by_key(|edits| edits.iter().map(|e| e.span.start).min().unwrap_or(0));
    let mut accepted: Vec<&Edit> = Vec::new();
    let mut count = 0;
    for edits in fixes {
        let valid = edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let overlaps = edits.iter().any(|e| accepted.iter().any(|a| overlap(&a.span, &e.span)));
        let noop = edits.iter().all(|e| text[e.span.clone()] == e.content);
        if valid && !overlaps && !noop {
            accepted.extend(edits.iter());
            count += 1;
        }
    }
    accepted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in accepted {
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.content);
        cursor = edit.span.end;
    }
    out.push_str(&text[cursor..]);
    (out, count)
}

/// Two edits conflict when their ranges overlap, or both insert at the same point.
fn overlap(a: &std::ops::Range<usize>, b: &std::ops::Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end)
        || (a.start == b.start)
        || (a.is_empty() && b.contains(&a.start))
        || (b.is_empty() && a.contains(&b.start))
}

/// A unified diff of `old` → `new` for `path` (a newline in the name is shown as `\n`).
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let path = crate::text::escape::escape_control(path);
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Writes `content` over `path`, which held `original` when it was read.
///
/// The file is replaced through a temporary file created exclusively, with a random
/// name, in the same directory (`O_EXCL`: a link planted at any name is never
/// followed), synced, given the original's permissions (and, where allowed, its owner),
/// then renamed over the original. A file with several hard links is rewritten in
/// place instead, so every link keeps seeing the same content.
///
/// Refused, with the file untouched: a target that is not a regular file (a symbolic
/// link is never written through), a read-only file, and a file whose content changed
/// on disk since it was read (an edit saved during the run is kept).
pub fn write_fixed(path: &Path, original: &[u8], content: &[u8]) -> io::Result<()> {
    write_fixed_with(path, original, content, |file, bytes| file.write_all(bytes))
}

/// `write_fixed` with the write step given, so tests can simulate a full disk.
pub fn write_fixed_with(
    path: &Path,
    original: &[u8],
    content: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let metadata = std::fs::symlink_metadata(path)?;
    if !metadata.file_type().is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a symbolic link or special file); fixes are never written through it",
        ));
    }
    if metadata.permissions().readonly() {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only"));
    }
    if link_count(&metadata) > 1 {
        return write_in_place(path, &metadata, original, content, write);
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    // Dropping `temp` on any error below removes the temporary file.
    let mut temp = tempfile::Builder::new().prefix(".postlint-").suffix(".tmp").tempfile_in(dir)?;
    write(temp.as_file_mut(), content)?;
    temp.as_file().set_permissions(metadata.permissions())?;
    keep_owner(temp.as_file(), &metadata);
    temp.as_file().sync_all()?;
    let mut current = open_same(path, &metadata, false)?;
    ensure_unchanged(&mut current, original)?;
    temp.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// Several hard links share this file: truncate and rewrite it, so they stay shared.
fn write_in_place(
    path: &Path,
    metadata: &std::fs::Metadata,
    original: &[u8],
    content: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let mut file = open_same(path, metadata, true)?;
    ensure_unchanged(&mut file, original)?;
    file.seek(SeekFrom::Start(0))?;
    file.set_len(0)?;
    let result = write(&mut file, content).and_then(|()| file.sync_all());
    if result.is_err() {
        // Put the original back rather than leave a half-written file.
        let _ = file.seek(SeekFrom::Start(0)).and_then(|_| file.set_len(0)).and_then(|()| file.write_all(original));
    }
    result
}

/// Opens `path` and checks it is still the regular file `metadata` described (not a link
/// swapped in since), so the content compared is the content about to be replaced.
fn open_same(path: &Path, metadata: &std::fs::Metadata, writable: bool) -> io::Result<File> {
    let file = std::fs::OpenOptions::new().read(true).write(writable).open(path)?;
    let now = std::fs::symlink_metadata(path)?;
    if !now.file_type().is_file() || !same_file(&now, metadata) || !same_file(&file.metadata()?, metadata) {
        return Err(changed_on_disk());
    }
    Ok(file)
}

/// Compares the file's current bytes with what was read and fixed.
fn ensure_unchanged(file: &mut File, original: &[u8]) -> io::Result<()> {
    if file.metadata()?.len() != original.len() as u64 {
        return Err(changed_on_disk());
    }
    let mut current = Vec::with_capacity(original.len());
    file.read_to_end(&mut current)?;
    if current != original {
        return Err(changed_on_disk());
    }
    Ok(())
}

fn changed_on_disk() -> io::Error {
    io::Error::other("the file changed on disk after postlint read it (an edit was saved during the run)")
}

#[cfg(unix)]
fn link_count(metadata: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    metadata.nlink()
}

#[cfg(not(unix))]
fn link_count(_metadata: &std::fs::Metadata) -> u64 {
    1
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Gives the replacement the original's owner and group where the user may (root, or a
/// group the user is in); otherwise it stays the user's, as with any editor's save.
#[cfg(unix)]
fn keep_owner(file: &File, metadata: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let _ = std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _metadata: &std::fs::Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;

    fn diagnostic(span: std::ops::Range<usize>, content: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::engine("FM012", span.clone(), "x")
            .fix(Fix { applicability, edits: vec![Edit::replace(span, content)] })
    }

    #[test]
    fn overlapping_fixes_wait_for_the_next_pass() {
        let text = "abcdef";
        let diagnostics = [
            diagnostic(1..3, "X", Applicability::Safe),
            diagnostic(2..4, "Y", Applicability::Safe),
            diagnostic(4..5, "Z", Applicability::Safe),
        ];
        assert_eq!(apply_once(text, &diagnostics, FixMode::Safe), ("aXdZf".to_string(), 2));
    }

    #[test]
    fn unsafe_fixes_need_unsafe_mode() {
        let diagnostics = [diagnostic(0..1, "X", Applicability::Unsafe)];
        assert_eq!(apply_once("ab", &diagnostics, FixMode::Safe).1, 0);
        assert_eq!(apply_once("ab", &diagnostics, FixMode::Unsafe).0, "Xb");
    }

    #[test]
    fn failed_write_leaves_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "original").unwrap();
        let error = write_fixed_with(&path, b"original", b"new", |_, _| {
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left on device"))
        })
        .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file is removed");
    }

    #[test]
    fn read_only_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "original").unwrap();
        let mut permissions = std::fs::metadata(&path).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&path, permissions).unwrap();
        assert!(write_fixed(&path, b"original", b"new").is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "original").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_fixed(&path, b"original", b"new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }

    /// The old writer created `.<name>.postlint-<pid>.tmp` with `File::create`, which
    /// follows a link planted at that name and writes the post's content wherever it points.
    #[cfg(unix)]
    #[test]
    fn a_link_at_the_old_temporary_name_receives_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "original").unwrap();
        let target = outside.path().join("planted");
        let predictable = dir.path().join(format!(".post.md.postlint-{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&target, &predictable).unwrap();
        write_fixed(&path, b"original", b"new").unwrap();
        assert!(!target.exists(), "nothing is written through the planted link");
        assert!(std::fs::symlink_metadata(&path).unwrap().file_type().is_file(), "the post stays a regular file");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert!(std::fs::symlink_metadata(&predictable).unwrap().file_type().is_symlink(), "the link is left alone");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file is left behind");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_post_is_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("post.md");
        std::fs::write(&real, "original").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let error = write_fixed(&link, b"original", b"new").unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "original");
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    }

    #[test]
    fn an_edit_saved_during_the_run_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        std::fs::write(&path, "saved by the editor").unwrap();
        let error = write_fixed(&path, b"original", b"new").unwrap_err();
        assert!(error.to_string().contains("changed on disk"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "saved by the editor");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the temporary file is removed");
    }

    #[cfg(unix)]
    #[test]
    fn hard_links_stay_shared() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("post.md");
        let other = dir.path().join("other.md");
        std::fs::write(&path, "original").unwrap();
        std::fs::hard_link(&path, &other).unwrap();
        write_fixed(&path, b"original", b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "new");
        assert_eq!(std::fs::metadata(&path).unwrap().ino(), std::fs::metadata(&other).unwrap().ino());
        assert_eq!(std::fs::metadata(&path).unwrap().nlink(), 2);
    }
}
