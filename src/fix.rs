//! Applying fixes: edits from all diagnostics of a file, non-overlapping, applied, the
//! file re-linted, until nothing changes. Writes are atomic and keep permissions.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::document::Document;
use crate::engine::{self, LintContext};

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
        let doc = Document::parse(display, &text);
        let diagnostics = engine::check_document(&doc, path, context);
        let (next, count) = apply_once(&text, &diagnostics, mode);
        if count == 0 {
            return FixResult { text, applied, unconverged: Vec::new() };
        }
        applied += count;
        text = next;
    }
    let doc = Document::parse(display, &text);
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

/// A unified diff of `old` → `new` for `path`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// Writes `content` over `path` atomically: a temporary file in the same directory,
/// fsync, then rename, keeping the original's permissions. On any error the original
/// is untouched. A read-only file is refused.
pub fn write_atomic(path: &Path, content: &[u8]) -> io::Result<()> {
    write_atomic_with(path, content, |file, bytes| file.write_all(bytes))
}

/// `write_atomic` with the write step given, so tests can simulate a full disk.
pub fn write_atomic_with(
    path: &Path,
    content: &[u8],
    write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
) -> io::Result<()> {
    let metadata = std::fs::metadata(path)?;
    if metadata.permissions().readonly() {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "the file is read-only"));
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.postlint-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temp)?;
        write(&mut file, content)?;
        file.sync_all()?;
        std::fs::set_permissions(&temp, metadata.permissions())?;
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Fix;

    fn diagnostic(span: std::ops::Range<usize>, content: &str, applicability: Applicability) -> Diagnostic {
        Diagnostic::new("FM012", span.clone(), "x")
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
        let error = write_atomic_with(&path, b"new", |_, _| {
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
        assert!(write_atomic(&path, b"new").is_err());
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
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }
}
