//! How much work linting one post may do: the caps that bound it, and counters of the
//! work done, which the tests read to prove it stays linear in the post's size.
//!
//! A post comes from a stranger's pull request; SECURITY.md promises that any post of up
//! to 16 MiB is linted in seconds and in memory proportional to its size. Two things keep
//! that promise:
//!
//! - every scan and lookup over a post is linear (or n log n) in its size: no search from
//!   each element to the end of the file, no comparison of every element with every
//!   other; the counters below measure exactly those steps;
//! - what a post can make postlint build is capped, and a cap reached is said in a PL001
//!   (see [`Limit`]): Markdown marks read (pulldown-cmark holds every element of a post at
//!   once), front matter bytes, JSON-LD values, and diagnostics reported per post.
//!
//! The counters exist only with the `testing` feature (and in unit tests): a release build
//! has no counting code at all (the functions are empty and inlined away).

use crate::text::lines::Span;

/// A post is parsed as Markdown up to the line where it reaches this many *marks*, or one
/// mark per [`BYTES_PER_MARK`] bytes of the post if that is more. Marks are the bytes
/// from which pulldown-cmark builds elements (brackets, parentheses, `!`, `<`, `>`, `*`,
/// `_`, backticks, `~`, `|`, `&`, backslashes and list markers: one each), line ends and
/// `<` (two each). Real posts have one mark per 17 to 35 bytes; a post of nothing but `[a](b)`
/// has one per two, and pulldown-cmark and the outline need 100 to 250 bytes of memory
/// per mark, so the cap keeps a post's memory near ten times its size.
pub const MIN_MARKS: usize = 256 * 1024;
/// See [`MIN_MARKS`].
pub const BYTES_PER_MARK: usize = 16;

/// Front matter longer than this is not parsed (the site index reads front matter up to
/// the same size).
pub const FRONT_MATTER_BYTES: usize = 256 * 1024;

/// JSON-LD values read per post, over all its blocks.
pub const JSON_LD_VALUES: usize = 200_000;

/// Rule codes read from a post's suppression comments, over all of them.
pub const SUPPRESSION_CODES: usize = 10_000;

/// Diagnostics kept per post; the rest are counted and said in one PL001.
pub const DIAGNOSTICS: usize = 50_000;

/// The most marks a post of `len` bytes is parsed up to.
pub fn marks_cap(len: usize) -> usize {
    MIN_MARKS.max(len / BYTES_PER_MARK)
}

/// A cap a post reached while it was read: postlint linted less than the whole post, and
/// a PL001 at `span` says what and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limit {
    pub span: Span,
    pub message: String,
}

/// Work done on this thread since [`reset`] (testing only).
#[cfg(any(test, feature = "testing"))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Bytes read by searches and scanners over the post's text.
    pub scanned: u64,
    /// Elements built: outline items, JSON and YAML values, diagnostics.
    pub built: u64,
    /// Elements visited by per-post lookups (suppressions, anchors, blocks, list items).
    pub visited: u64,
}

#[cfg(any(test, feature = "testing"))]
mod counters {
    use std::cell::Cell;

    thread_local! {
        pub static SCANNED: Cell<u64> = const { Cell::new(0) };
        pub static BUILT: Cell<u64> = const { Cell::new(0) };
        pub static VISITED: Cell<u64> = const { Cell::new(0) };
    }

    pub fn add(counter: &'static std::thread::LocalKey<Cell<u64>>, n: usize) {
        counter.with(|c| c.set(c.get().saturating_add(n as u64)));
    }
}

/// Counts `bytes` read by a search or scan.
#[inline(always)]
pub fn scanned(bytes: usize) {
    #[cfg(any(test, feature = "testing"))]
    counters::add(&counters::SCANNED, bytes);
    #[cfg(not(any(test, feature = "testing")))]
    let _ = bytes;
}

/// Counts `n` elements built.
#[inline(always)]
pub fn built(n: usize) {
    #[cfg(any(test, feature = "testing"))]
    counters::add(&counters::BUILT, n);
    #[cfg(not(any(test, feature = "testing")))]
    let _ = n;
}

/// Counts `n` elements visited by a lookup.
#[inline(always)]
pub fn visited(n: usize) {
    #[cfg(any(test, feature = "testing"))]
    counters::add(&counters::VISITED, n);
    #[cfg(not(any(test, feature = "testing")))]
    let _ = n;
}

/// `memchr::memmem::find`, counting the bytes it reads.
#[inline]
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let found = memchr::memmem::find(haystack, needle);
    scanned(found.map_or(haystack.len(), |at| at + needle.len()));
    found
}

/// Sets this thread's counters to zero.
#[cfg(any(test, feature = "testing"))]
pub fn reset() {
    counters::SCANNED.with(|c| c.set(0));
    counters::BUILT.with(|c| c.set(0));
    counters::VISITED.with(|c| c.set(0));
}

/// This thread's counters.
#[cfg(any(test, feature = "testing"))]
pub fn done() -> Work {
    Work {
        scanned: counters::SCANNED.with(|c| c.get()),
        built: counters::BUILT.with(|c| c.get()),
        visited: counters::VISITED.with(|c| c.get()),
    }
}
