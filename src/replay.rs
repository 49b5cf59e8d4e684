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
//!   `.git` and `node_modules` aside), so an edited, added, renamed or deleted post,
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
//! error.
//!
//! Never trusted from a repository: both files are sealed with this machine's key
//! (`site::seal`, each with its own role), so an entry committed to the repository or
//! written by another machine is a miss. `--no-cache`, `--fix`, `--diff`, stdin and runs over named files only (pre-commit,
//! the editor: their file lists change with every call) neither read nor write it.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Location, Related, Report, ResolvedFix, ResolvedLabel, Severity};
use crate::site::cache::{cache_dir, nanos, read_cache_file, write_cache_file};
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
}

impl Reusable {
    /// The last run's reports for the file at `path`, shown as `display`, when nothing
    /// they depend on changed (`Some(None)`: it was not built); `None` when it must be
    /// linted.
    pub fn reports(&self, display: &str, path: &Path, context: u64) -> Option<(FileRecord, Option<Vec<Report>>)> {
        let (record, reports) = self.records.get(display)?;
        let meta = std::fs::symlink_metadata(path).ok()?;
        let same_file = meta.len() == record.size && meta.modified().map(nanos).ok() == Some(record.mtime);
        if !same_file
            || record.context != context
            || !record.read.iter().all(|(path, size, mtime)| stamp(path) == Some((*size, *mtime)))
        {
            return None;
        }
        Some((record.clone(), record.built.then(|| reports.clone())))
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
    /// folder at `root`).
    pub fn new(root: &Path, inputs: &[PathBuf], invocation: &impl Hash) -> Option<RunKey> {
        cache_dir(root)?;
        let sealer = seal::sealer()?;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        crate::site::cache::build_stamp().hash(&mut hasher);
        invocation.hash(&mut hasher);
        let invocation = hasher.finish();
        let (tree, newest, files) = tree_state(inputs);
        let racy = newest >= nanos(SystemTime::now()) - RACY_NANOS;
        Some(RunKey { root: root.to_path_buf(), sealer, invocation, tree, files, racy })
    }

    /// The last run of this invocation: its files and the number of files it checked
    /// when the tree is unchanged (`Ok`), else what of it can be reused file by file.
    pub fn replay(&self) -> Result<(usize, Vec<ReplayedFile>), Option<Reusable>> {
        if self.racy {
            return Err(None);
        }
        let bytes = read_cache_file(&self.root, RUN_FILE).ok_or(None)?;
        let entry = decode_entry(self.sealer.open(Role::Run, &bytes).ok_or(None)?).ok_or(None)?;
        if entry.invocation != self.invocation {
            return Err(None);
        }
        if entry.tree == self.tree {
            return Ok((entry.files_checked, entry.files));
        }
        let mut reports: std::collections::HashMap<String, Vec<Report>> =
            entry.files.into_iter().map(|file| (file.path, file.reports)).collect();
        let records = entry
            .records
            .into_iter()
            .map(|record| {
                let found = reports.remove(&record.path).unwrap_or_default();
                (record.path.clone(), (record, found))
            })
            .collect();
        Err(Some(Reusable { records }))
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
    /// under `output_key` (the format, colour and flags that shape the output): an
    /// unchanged tree checked the same way prints the same bytes, so they are written back
    /// without reading or rendering a single report.
    pub fn replay_output(&self, output_key: u64) -> Option<(Vec<u8>, i32)> {
        if self.racy {
            return None;
        }
        let bytes = read_cache_file(&self.root, OUTPUT_FILE)?;
        let header = OutputHeader { invocation: self.invocation, tree: self.tree, output_key };
        let (output, exit) = decode_output(self.sealer.open(Role::Output, &bytes)?, &header)?;
        Some((output.to_vec(), exit))
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

/// A run entry's content (after its seal was checked), when it parses.
pub(crate) fn decode_entry(content: &[u8]) -> Option<Entry> {
    serde_json::from_slice(content).ok()
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
