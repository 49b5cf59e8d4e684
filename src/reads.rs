//! The other files a rule reads while linting one post (a linked page's headings, for its
//! `#fragment`), so the run cache can tell when that post must be linted again.
//!
//! Per thread: a post is linted from start to end on one thread (rules do not spawn
//! parallel work), so what is noted between `recording`'s start and end is that post's.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

thread_local! {
    static READ: RefCell<Option<Vec<PathBuf>>> = const { RefCell::new(None) };
}

/// Notes that the post being linted on this thread depends on the file at `path`.
pub fn note(path: &Path) {
    READ.with(|read| {
        if let Some(read) = read.borrow_mut().as_mut() {
            read.push(path.to_path_buf());
        }
    });
}

/// Runs `lint` and returns what it returned with the files noted meanwhile.
pub fn recording<R>(lint: impl FnOnce() -> R) -> (R, Vec<PathBuf>) {
    let outer = READ.with(|read| read.replace(Some(Vec::new())));
    let result = lint();
    let noted = READ.with(|read| read.replace(outer)).unwrap_or_default();
    (result, noted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_only_what_is_read_while_recording() {
        note(Path::new("before.md"));
        let ((), read) = recording(|| {
            note(Path::new("a.md"));
            note(Path::new("b.md"));
        });
        assert_eq!(read, [PathBuf::from("a.md"), PathBuf::from("b.md")]);
        let ((), read) = recording(|| ());
        assert!(read.is_empty());
    }
}
