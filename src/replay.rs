//! The run cache: a second `check` of a tree where nothing changed replays the first
//! run's reports instead of reading and linting every post again, and one where a few
//! posts changed lints only those and what depends on them.
//!
//! Correct before fast. One entry, `.postlint_cache/run-v2.json` at the repository root
//! (the run's boundary), holds the last run's reports, and is used only when all of
//! these are what they were:
//! - the invocation: this build of postlint (version, executable size and time), the working directory, the paths, `--select`
//!   and the other selection flags, the config file's path and bytes, "today";
//! - every file of the sites the run's posts belong to (path, size, modification time;
//!   `.git` and `node_modules` aside, but a post linted in a `node_modules` folder is
//!   watched all the same), and the list of files the run lints (what git tracks decides
//!   it too, see `discover`), so an edited, added, renamed or deleted post,
//!   image, layout, config or schema makes it a miss. Files outside the site roots that
//!   a post reaches with `../` are not watched: after editing one, run with `--no-cache`;
//! - no file was modified within two seconds of the run (a coarse modification time
//!   cannot show an edit in the same second), else nothing is written.
//!
//! When the tree changed, the run reuses file by file: each linted file's record says
//! what its reports depended on — its own size and time, its site's context (the front
//! matter facts of every page, which is all the site index gives a rule, and the size and
//! time of every file that is not a page: images, layouts, data, configs), and the pages
//! a rule read for it (a `#fragment` link's target, noted through `crate::reads`). A post
//! whose body alone changed is the only one linted again, with the posts that link into
//! it; a front matter edit, a new image or layout relints the site. A run that noted a
//! problem with a site file keeps no records (a partial run may not meet it again).
//!
//! Beside the reports, `output-v1.bin` keeps the bytes the last run printed, under a hash
//! of the format, colour and flags: the same command over the same tree writes them back
//! without reading or rendering a report (10,000 posts with 95,000 reports: 0.55 s with
//! the reports replayed, 0.14–0.21 s with the output replayed). Another format renders
//! the stored reports instead.
//!
//! Writes go through an exclusively created temporary file renamed over the entry, so
//! concurrent runs never see half a file; a damaged or foreign entry is a miss, never an
//! error. `--no-cache`, `--fix`, `--diff`, stdin and runs over named files only (pre-commit,
//! the editor: their file lists change with every call) neither read nor write it.
//!
//! Never trusted from a repository: both files are sealed with this machine's key
//! (`site::seal`, each with its own role), so an entry committed to the repository or
//! written by another machine is a miss. Even a sealed entry is not trusted with paths or
//! with what it prints:
//! - a replayed file is one this run's discovery found (its reports are shown as that
//!   file's, and its text, for snippets, is read as the lint reads it), or a site file
//!   that is a regular file inside the run's root reached through real folders only
//!   (`site::cache::regular_file_under`); its text is then not read, as a fresh run does
//!   not read it. Every report and related path must be inside the root, with no `.git`
//!   component; anything else makes the whole entry a miss;
//! - a file a record says a post read is stated only under the same conditions, else the
//!   post is linted again;
//! - kept output is written back only when it is what postlint's formats print: UTF-8,
//!   no control character but newline and tab (colour codes only in coloured output), no
//!   `##[`, and no line that starts with `::` but GitHub annotations in the `github`
//!   format (`printable`). Else the stored reports are rendered afresh, escaped as any
//!   output is.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Location, Related, Report, ResolvedFix, ResolvedLabel, Severity};
use crate::site::cache::{cache_dir, nanos, read_cache_file, regular_file_under, write_cache_file};
use crate::site::seal::{self, Role, Sealer};
use crate::text::lines::Span;

const RUN_FILE: &str = "run-v2.json";
/// The bytes the last run printed, with the keys they were printed under (see
/// `RunKey::replay_output`).
const OUTPUT_FILE: &str = "output-v1.bin";
/// Files modified this close to the run are not trusted to show a later edit.
const RACY_NANOS: i128 = 2_000_000_000;
/// Output larger than this is not kept.
const MAX_ENTRY_BYTES: u64 = 256 << 20;
/// Folders that are no input to a run: version control, dependencies, build output.
const NOT_INPUT: &[&str] = &[".git", ".postlint_cache", "node_modules"];

/// Whether `path` lies in a folder the tree's state does not list (`NOT_INPUT`): a post
/// linted there must be watched on its own.
pub fn outside_tree_state(path: &Path) -> bool {
    path.components().any(|part| NOT_INPUT.iter().any(|name| part.as_os_str() == *name))
}

/// One file's reports as the run handed them to the output.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReplayedFile {
    pub path: String,
    pub reports: Vec<Report>,
}

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Entry {
    invocation: u64,
    tree: u64,
    files_checked: usize,
    files: Vec<ReplayedFile>,
    /// What each linted file's reports depended on, for a run where the tree changed to
    /// reuse the files that did not (empty when the run noted problems with site files,
    /// which only a full run finds again).
    records: Vec<FileRecord>,
}

/// What one file's reports depend on besides the invocation: its own size and time, its
/// site's context (every other file of the site as far as a rule can see it: the front
/// matter facts of its pages and the size and time of every file that is not a page),
/// and the pages whose bodies a rule read while linting it (a link's `#fragment`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileRecord {
    pub path: String,
    pub size: u64,
    pub mtime: i128,
    pub context: u64,
    pub read: Vec<(PathBuf, u64, i128)>,
    /// Whether the file was linted (a walk skips what its generator does not build).
    pub built: bool,
}

/// The last run's records and reports, by the file's shown path.
pub struct Reusable {
    records: std::collections::HashMap<String, (FileRecord, Vec<Report>)>,
    /// Where the records' paths may lead (see `Place`).
    place: Place,
}

impl Reusable {
    /// The last run's reports for the file at `path`, shown as `display`, when nothing
    /// they depend on changed (`Some(None)`: it was not built); `None` when it must be
    /// linted. The files the record says were read are stated only when they are regular
    /// files inside the run's root (`Place::regular_file`).
    pub fn reports(&self, display: &str, path: &Path, context: u64) -> Option<(FileRecord, Option<Vec<Report>>)> {
        let (record, reports) = self.records.get(display)?;
        let meta = std::fs::symlink_metadata(path).ok()?;
        let same_file = meta.len() == record.size && meta.modified().map(nanos).ok() == Some(record.mtime);
        let read_same = || {
            record.read.iter().all(|(path, size, mtime)| {
                self.place
                    .regular_file(path)
                    .is_some_and(|meta| meta.len() == *size && meta.modified().map(nanos).unwrap_or(0) == *mtime)
            })
        };
        if !same_file || record.context != context || !read_same() {
            return None;
        }
        Some((record.clone(), record.built.then(|| reports.clone())))
    }
}

/// The run's root and working directory, against which paths from an entry are checked
/// before anything is done with them.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    /// The run's root (canonical): the repository, or the boundary.
    root: PathBuf,
    /// The working directory (canonical), which shown paths are relative to.
    cwd: PathBuf,
}

impl Place {
    #[cfg(any(test, feature = "testing"))]
    pub(crate) fn new(root: &Path, cwd: &Path) -> Place {
        Place { root: root.to_path_buf(), cwd: cwd.to_path_buf() }
    }

    /// `path` (as output shows it, relative to the working directory, or absolute) as a
    /// plain path relative to the root (`site::cache::plain_path`), when it lies inside
    /// the root once `.` and `..` are taken away; `None` else.
    pub(crate) fn relative(&self, path: &Path) -> Option<String> {
        let mut full = PathBuf::new();
        for component in self.cwd.join(path).components() {
            match component {
                std::path::Component::ParentDir => {
                    if !full.pop() {
                        return None;
                    }
                }
                std::path::Component::CurDir => {}
                other => full.push(other),
            }
        }
        let relative = full.strip_prefix(&self.root).ok()?;
        let parts: Vec<&str> = relative.components().map(|part| part.as_os_str().to_str()).collect::<Option<_>>()?;
        let relative = parts.join("/");
        crate::site::cache::plain_path(&relative).then_some(relative)
    }

    /// The metadata of the file at `path` when it is a regular file inside the root,
    /// reached through real folders only (`site::cache::regular_file_under`).
    fn regular_file(&self, path: &Path) -> Option<std::fs::Metadata> {
        regular_file_under(&self.root, &self.relative(path)?)
    }
}

/// A file's size and modification time.
pub fn stamp(path: &Path) -> Option<(u64, i128)> {
    std::fs::symlink_metadata(path).ok().map(|meta| (meta.len(), meta.modified().map(nanos).unwrap_or(0)))
}

/// The record of a file just linted: `read` are the other files a rule read for it.
pub fn record(display: &str, path: &Path, context: u64, read: Vec<PathBuf>, built: bool) -> Option<FileRecord> {
    let (size, mtime) = stamp(path)?;
    let mut read: Vec<(PathBuf, u64, i128)> =
        read.into_iter().filter_map(|path| stamp(&path).map(|(size, mtime)| (path, size, mtime))).collect();
    read.sort();
    read.dedup();
    Some(FileRecord { path: display.to_string(), size, mtime, context, read, built })
}

/// What a run needs to find or write its entry.
pub struct RunKey {
    root: PathBuf,
    /// The root and working directory, for checking an entry's paths.
    place: Place,
    /// This machine's key: no key, no run cache.
    sealer: &'static Sealer,
    invocation: u64,
    tree: u64,
    /// Every input file with its size and time, sorted by path.
    files: Vec<(PathBuf, u64, i128)>,
    /// Whether a file changed too recently for its modification time to be trusted.
    racy: bool,
}

impl RunKey {
    /// The key of this run, or `None` when the cache cannot be used (no usable cache
    /// folder at `root`). `seen` stands for the list of files the run lints, which is part
    /// of the tree's state: what git tracks decides it too, from `.git/index`, which the
    /// tree's files leave out.
    pub fn new(root: &Path, inputs: &[PathBuf], invocation: &impl Hash, seen: u64) -> Option<RunKey> {
        cache_dir(root)?;
        let sealer = seal::sealer()?;
        let place = Place { root: root.canonicalize().ok()?, cwd: std::env::current_dir().ok()?.canonicalize().ok()? };
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        crate::site::cache::build_stamp().hash(&mut hasher);
        invocation.hash(&mut hasher);
        let invocation = hasher.finish();
        let (tree, newest, files) = tree_state(inputs);
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (tree, seen).hash(&mut hasher);
        let tree = hasher.finish();
        let racy = newest >= nanos(SystemTime::now()) - RACY_NANOS;
        Some(RunKey { root: root.to_path_buf(), place, sealer, invocation, tree, files, racy })
    }

    /// The last run of this invocation: its files and the number of files it checked
    /// when the tree is unchanged (`Ok`), else what of it can be reused file by file.
    /// `found` tells the files this run's discovery found (by shown path): a replayed
    /// file must be one of them or a regular site file inside the root, else the entry
    /// is a miss (see the module doc).
    pub fn replay(&self, found: &dyn Fn(&str) -> bool) -> Result<(usize, Vec<ReplayedFile>), Option<Reusable>> {
        if self.racy {
            return Err(None);
        }
        let bytes = read_cache_file(&self.root, RUN_FILE).ok_or(None)?;
        let entry = decode_entry(self.sealer.open(Role::Run, &bytes).ok_or(None)?).ok_or(None)?;
        if entry.invocation != self.invocation {
            return Err(None);
        }
        if entry.tree == self.tree {
            let fit = entry.files.iter().all(|file| self.file_fits(&file.path, found) && self.related_fit(file, found));
            return if fit { Ok((entry.files_checked, entry.files)) } else { Err(None) };
        }
        // Only the reports of files this run found are looked up, by their path: their
        // related paths must fit all the same, else the file is linted again.
        let mut unfit = std::collections::HashSet::new();
        let mut reports: std::collections::HashMap<String, Vec<Report>> = std::collections::HashMap::new();
        for file in entry.files {
            if self.related_fit(&file, found) {
                reports.insert(file.path, file.reports);
            } else {
                unfit.insert(file.path);
            }
        }
        let records = entry
            .records
            .into_iter()
            .filter(|record| !unfit.contains(&record.path))
            .map(|record| {
                let found = reports.remove(&record.path).unwrap_or_default();
                (record.path.clone(), (record, found))
            })
            .collect();
        Err(Some(Reusable { records, place: self.place.clone() }))
    }

    /// Whether a replayed file may be shown: one that discovery found, or a regular file
    /// inside the root reached through real folders only.
    fn file_fits(&self, path: &str, found: &dyn Fn(&str) -> bool) -> bool {
        found(path) || self.place.regular_file(Path::new(path)).is_some()
    }

    /// Whether every related path of a file's reports lies inside the root (or is a file
    /// discovery found).
    fn related_fit(&self, file: &ReplayedFile, found: &dyn Fn(&str) -> bool) -> bool {
        file.reports
            .iter()
            .flat_map(|report| &report.related)
            .all(|related| found(&related.path) || self.place.relative(Path::new(&related.path)).is_some())
    }

    /// A hash of what the posts of the site at `root` can see of it besides their own
    /// text: the front matter facts of its pages (`pages`, by site-relative path) and
    /// the size and time of every other file under `root`.
    pub fn site_context(&self, root: &Path, pages: &[(String, u64)]) -> u64 {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        pages.hash(&mut hasher);
        let is_page = |relative: &str| pages.binary_search_by(|(path, _)| path.as_str().cmp(relative)).is_ok();
        for (path, size, mtime) in &self.files {
            let Ok(relative) = path.strip_prefix(root) else { continue };
            let relative = relative.to_string_lossy().replace('\\', "/");
            if is_page(&relative) {
                relative.hash(&mut hasher);
            } else {
                (relative, size, mtime).hash(&mut hasher);
            }
        }
        hasher.finish()
    }

    /// What the last run printed, and its exit code, when it had this key and printed
    /// under `output_key` (the format, colour and flags that shape the output) and is
    /// `printable` as `printed`: an unchanged tree checked the same way prints the same
    /// bytes, so they are written back without reading or rendering a single report.
    ///
    /// The seal is checked on another thread while this one checks the output, which is
    /// used only when both agree: a 10,000-post site prints 12 MB, and each check is a
    /// pass over all of it.
    /// The output is `bytes[start..]` of what is returned as `(bytes, start, exit)`: 12 MB
    /// are not moved to drop a header.
    pub fn replay_output(&self, output_key: u64, printed: Printed) -> Option<(Vec<u8>, usize, i32)> {
        if self.racy {
            return None;
        }
        let mut bytes = read_cache_file(&self.root, OUTPUT_FILE)?;
        let header = OutputHeader { invocation: self.invocation, tree: self.tree, output_key };
        let (sealed, found) = std::thread::scope(|scope| {
            let seal = scope.spawn(|| self.sealer.open(Role::Output, &bytes).is_some());
            let content = seal::unverified_content(&bytes);
            let found = decode_output(content, &header)
                .filter(|(output, _)| printable(output, printed))
                .map(|(output, exit)| (content.len() - output.len(), content.len(), exit));
            // A check that panicked proved nothing.
            (seal.join().unwrap_or(false), found)
        });
        let (start, end, exit) = found.filter(|_| sealed)?;
        bytes.truncate(end);
        Some((bytes, start, exit))
    }

    /// Keeps what this run printed under `output_key` for the next run.
    pub fn save_output(&self, output_key: u64, output: &[u8], exit: i32) {
        let Some(dir) = cache_dir(&self.root) else { return };
        if self.racy || output.len() as u64 > MAX_ENTRY_BYTES || std::fs::symlink_metadata(&dir).is_err() {
            return;
        }
        let header = OutputHeader { invocation: self.invocation, tree: self.tree, output_key };
        write_cache_file(&dir, OUTPUT_FILE, Role::Output, encode_output(&header, output, exit));
    }

    /// Keeps this run's files for the next run; any failure leaves no entry or the old one.
    pub fn save(&self, files_checked: usize, files: Vec<ReplayedFile>, records: Vec<FileRecord>) {
        let Some(dir) = cache_dir(&self.root) else { return };
        if self.racy || (std::fs::symlink_metadata(&dir).is_err() && !crate::site::cache::create(&dir)) {
            return;
        }
        let entry = Entry { invocation: self.invocation, tree: self.tree, files_checked, files, records };
        let Ok(json) = serde_json::to_vec(&entry) else { return };
        if write_cache_file(&dir, RUN_FILE, Role::Run, json) {
            crate::site::cache::remove_superseded(&dir);
        }
    }
}

/// A run entry's content (after its seal was checked), when it parses and every report
/// is its own file's (a report's path is its file's path).
pub(crate) fn decode_entry(content: &[u8]) -> Option<Entry> {
    let entry: Entry = serde_json::from_slice(content).ok()?;
    let own = |path: &str, reports: &[Report]| reports.iter().all(|report| report.path == path);
    entry.files.iter().all(|file| own(&file.path, &file.reports)).then_some(entry)
}

/// What the header of kept output must say for this run.
pub(crate) struct OutputHeader {
    pub(crate) invocation: u64,
    pub(crate) tree: u64,
    pub(crate) output_key: u64,
}

/// The content of an output file (before its seal): a header line with the keys, the exit
/// code and the length, then the bytes printed.
pub(crate) fn encode_output(header: &OutputHeader, output: &[u8], exit: i32) -> Vec<u8> {
    let mut content = format!(
        "postlint-output {:016x} {:016x} {:016x} {exit} {}\n",
        header.invocation,
        header.tree,
        header.output_key,
        output.len()
    )
    .into_bytes();
    content.extend_from_slice(output);
    content
}

/// The output and exit code of an output file's content (after its seal was checked),
/// when its header is `expected`'s and its length is whole.
pub(crate) fn decode_output<'a>(content: &'a [u8], expected: &OutputHeader) -> Option<(&'a [u8], i32)> {
    let header_end = memchr::memchr(b'\n', content)?;
    let header = std::str::from_utf8(&content[..header_end]).ok()?;
    let mut fields = header.split(' ');
    let want = [
        "postlint-output".to_string(),
        format!("{:016x}", expected.invocation),
        format!("{:016x}", expected.tree),
        format!("{:016x}", expected.output_key),
    ];
    if !want.iter().all(|want| fields.next() == Some(want.as_str())) {
        return None;
    }
    let exit: i32 = fields.next()?.parse().ok()?;
    let length: usize = fields.next()?.parse().ok()?;
    // A file cut short by a full disk is a miss, not a truncated output.
    if fields.next().is_some() || content.len() - header_end - 1 != length {
        return None;
    }
    Some((&content[header_end + 1..], exit))
}

/// How a run's output was printed, for telling whether kept output may be written back.
#[derive(Debug, Clone, Copy, Default)]
pub struct Printed {
    /// The format writes GitHub workflow commands (`::error file=…`) itself.
    pub annotations: bool,
    /// The output is coloured (ANSI SGR codes: `ESC [ digits ; … m`).
    pub colour: bool,
}

/// Whether kept output is what postlint's formats print as `printed`: UTF-8 text with no
/// control character but newline and tab (and SGR colour codes when coloured), no legacy
/// `##[` workflow command anywhere, and no line starting (after blanks) with `::` but a
/// GitHub annotation (`::error file=`, `::warning file=`, `::notice file=`) when the
/// format writes them. Fresh output always is (`text::escape`): kept output that is not
/// is not written back, whoever wrote it.
pub fn printable(output: &[u8], printed: Printed) -> bool {
    let Ok(text) = std::str::from_utf8(output) else { return false };
    if memchr::memmem::find(output, b"##[").is_some() || !controls_printable(output, printed.colour) {
        return false;
    }
    // Each `::` is looked at, not each line: most output has none. The start of the line
    // it is in and that line's first non-blank are found once per line, so this stays
    // linear whatever the output.
    let (mut line_start, mut first_non_blank, mut seen) = (0, 0, 0);
    for at in memchr::memmem::find_iter(output, b"::") {
        if let Some(newline) = memchr::memrchr(b'\n', &output[seen..at]) {
            line_start = seen + newline + 1;
        }
        if seen == 0 || line_start > seen {
            first_non_blank = text.len() - text[line_start..].trim_start().len();
        }
        seen = at;
        if at != first_non_blank {
            continue;
        }
        let annotation =
            ["::error file=", "::warning file=", "::notice file="].iter().any(|a| text[at..].starts_with(a));
        if !(printed.annotations && at == line_start && annotation) {
            return false;
        }
    }
    true
}

/// Whether the only control characters of UTF-8 `output` are newlines, tabs and (when
/// `colour`) SGR sequences; C1 controls (U+0080–U+009F, `C2 80`–`C2 9F` in UTF-8) are
/// refused too.
fn controls_printable(output: &[u8], colour: bool) -> bool {
    let suspect = |byte: u8| (byte < 0x20 && byte != b'\n' && byte != b'\t') || byte == 0x7f || byte == 0xc2;
    let mut at = 0;
    while at < output.len() {
        // Most output has none of these: a branch-free pass over each chunk first.
        let end = (at + 4096).min(output.len());
        if !output[at..end].iter().fold(false, |any, &byte| any | suspect(byte)) {
            at = end;
            continue;
        }
        while at < end {
            let byte = output[at];
            at += 1;
            if !suspect(byte) {
                continue;
            }
            match byte {
                0xc2 if output.get(at).is_some_and(|next| (0x80..=0x9f).contains(next)) => return false,
                0xc2 => {}
                0x1b if colour && output.get(at) == Some(&b'[') => {
                    at += 1;
                    while output.get(at).is_some_and(|b| b.is_ascii_digit() || *b == b';') {
                        at += 1;
                    }
                    if output.get(at) != Some(&b'm') {
                        return false;
                    }
                    at += 1;
                }
                _ => return false,
            }
        }
    }
    true
}

/// A hash of every input file's path, size and modification time under `inputs` (site
/// roots, or single posts), in a stable order, the newest modification time seen, and
/// the files.
fn tree_state(inputs: &[PathBuf]) -> (u64, i128, Vec<(PathBuf, u64, i128)>) {
    let mut entries: Vec<(PathBuf, u64, i128)> = Vec::new();
    let mut listed: Vec<std::fs::DirEntry> = Vec::new();
    for input in inputs {
        match std::fs::symlink_metadata(input) {
            Ok(meta) if meta.is_dir() => list_tree(input, &mut listed),
            Ok(meta) => entries.push((input.clone(), meta.len(), meta.modified().map(nanos).unwrap_or(0))),
            Err(_) => {}
        }
    }
    entries.extend(stat_listed(listed));
    entries.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    entries.dedup_by(|a, b| a.0 == b.0);
    let newest = entries.iter().map(|(_, _, mtime)| *mtime).max().unwrap_or(0);
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    entries.hash(&mut hasher);
    (hasher.finish(), newest, entries)
}

/// Every file under `dir` (links not followed, `NOT_INPUT` folders skipped), as listed.
fn list_tree(dir: &Path, listed: &mut Vec<std::fs::DirEntry>) {
    let Ok(read) = std::fs::read_dir(dir) else { return };
    for entry in read.flatten() {
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            if !NOT_INPUT.iter().any(|name| entry.file_name() == *name) {
                list_tree(&entry.path(), listed);
            }
            continue;
        }
        // Files only: a folder's time changes when the cache folder appears in it, and
        // what is added or removed in it shows as files anyway.
        listed.push(entry);
    }
}

/// The listed files with their size and modification time (see `stamps_of`).
fn stat_listed(listed: Vec<std::fs::DirEntry>) -> Vec<(PathBuf, u64, i128)> {
    let stamps = crate::site::cache::stamps_of(&listed);
    listed.iter().zip(stamps).filter_map(|(entry, stamp)| Some((entry.path(), stamp?.size, stamp?.mtime))).collect()
}

/// A report as the run cache stores it: the code and name as text, read back as the
/// rulebook's own strings (an unknown code makes the whole entry unreadable: a miss).
#[derive(Deserialize)]
struct StoredReport {
    path: String,
    code: String,
    name: String,
    severity: Severity,
    message: String,
    location: Location,
    span: Span,
    help: Option<String>,
    labels: Vec<ResolvedLabel>,
    related: Vec<Related>,
    fix: Option<ResolvedFix>,
}

impl<'de> Deserialize<'de> for Report {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Report, D::Error> {
        let stored = StoredReport::deserialize(deserializer)?;
        let doc = crate::rulebook::find(&stored.code)
            .filter(|doc| doc.code == stored.code)
            .ok_or_else(|| serde::de::Error::custom("unknown rule code"))?;
        let name = if stored.name.is_empty() { "" } else { doc.name };
        Ok(Report {
            path: stored.path,
            code: doc.code,
            name,
            severity: stored.severity,
            message: stored.message,
            location: stored.location,
            span: stored.span,
            help: stored.help,
            labels: stored.labels,
            related: stored.related,
            fix: stored.fix,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_is_written_back_only_when_a_format_could_have_printed_it() {
        let plain = Printed::default();
        let github = Printed { annotations: true, colour: false };
        let colour = Printed { annotations: false, colour: true };
        assert!(printable(b"_posts/a.md:3:1: HD002 heading jumps\n\tindented\n", plain));
        assert!(printable("日本語 \u{200b}::x #\u{200b}#[y\n".as_bytes(), plain));
        assert!(printable(b"::error file=a.md,line=1,col=1::x\n::notice file=b.md::y\n", github));
        assert!(printable(b"\x1b[31merror\x1b[0m x\n\x1b[1;34m|\x1b[m\n", colour));
        let refused: [(&[u8], Printed); 12] = [
            (b"::error file=a.md::x\n", plain),
            (b"::stop-commands::x\n", github),
            (b"  ::error file=a.md::x\n", github),
            (b"ok\n\t::add-mask::x\n", github),
            (b"a ##[error]b\n", github),
            (b"\x1b[31mred\n", plain),
            (b"\x1b]0;title\x07\n", colour),
            (b"\x1b[2J\x1b[H", colour),
            (b"a\rb\n", plain),
            ("c1 \u{9b}31m\n".as_bytes(), plain),
            (b"\xff\xfe not UTF-8\n", plain),
            (b"bell\x07\n", plain),
        ];
        for (output, printed) in refused {
            assert!(!printable(output, printed), "{:?}", String::from_utf8_lossy(output));
        }
        // The fast pass and the careful one agree past a chunk's end.
        let mut long = vec![b'x'; 10_000];
        long.push(0x1b);
        assert!(!printable(&long, plain));
    }

    #[test]
    fn kept_output_reads_back_only_under_its_own_header_and_whole() {
        let header = OutputHeader { invocation: 1, tree: 2, output_key: 3 };
        let content = encode_output(&header, b"out\n", 1);
        assert_eq!(decode_output(&content, &header), Some((&b"out\n"[..], 1)));
        assert_eq!(decode_output(&content, &OutputHeader { tree: 9, ..header }), None);
        assert_eq!(decode_output(&content[..content.len() - 1], &header), None, "cut short");
        let mut longer = content.clone();
        longer.push(b'x');
        assert_eq!(decode_output(&longer, &header), None);
    }

    #[test]
    fn shown_paths_are_checked_against_the_root_without_following_anything() {
        let place = Place::new(Path::new("/repo"), Path::new("/repo/site"));
        let relative = |path: &str| place.relative(Path::new(path));
        assert_eq!(relative("_posts/a.md").as_deref(), Some("site/_posts/a.md"));
        assert_eq!(relative("./_posts/../_posts/a.md").as_deref(), Some("site/_posts/a.md"));
        assert_eq!(relative("../other/a.md").as_deref(), Some("other/a.md"));
        assert_eq!(relative("/repo/x.md").as_deref(), Some("x.md"));
        for outside in ["/etc/passwd", "../../etc/passwd", "../../../../../../etc/passwd", "../.git/config", "/repo"] {
            assert_eq!(relative(outside), None, "{outside}");
        }
    }

    #[test]
    fn an_entry_whose_reports_belong_to_another_file_is_not_read() {
        let entry = |path: &str| {
            format!(
                r#"{{"invocation":1,"tree":2,"files_checked":1,"files":[{{"path":"a.md","reports":[{{"path":"{path}","code":"HD002","name":"heading-increment","severity":"warning","message":"m","location":{{"start":{{"line":1,"column":1}},"end":{{"line":1,"column":2}}}},"span":{{"start":0,"end":1}},"help":null,"labels":[],"related":[],"fix":null}}]}}],"records":[]}}"#
            )
        };
        assert!(decode_entry(entry("a.md").as_bytes()).is_some());
        assert!(decode_entry(entry("/etc/passwd").as_bytes()).is_none());
    }
}
