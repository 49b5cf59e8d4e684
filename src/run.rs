//! A whole `check` run: discover, read and lint each file in parallel, sort.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::bounded;
use crate::config::{self, ConfigError, Overrides, Settings};
use crate::diagnostic::{Location, Report};
use crate::discover;
use crate::engine::{self, LintContext};
use crate::error::RunError;
use crate::fix::{self, FixMode};
use crate::output::{FileReports, Fixed, Summary};
use crate::replay;
use crate::rulebook;
use crate::site::{KindGlobs, SiteProblem, Sites};
use crate::text::dates::Date;
use crate::text::lines::Position;

pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub stdin_filename: Option<PathBuf>,
    pub force_exclude: bool,
    /// `--verbose`: say on stderr why a file named on the command line was skipped.
    pub verbose: bool,
    /// Keep each file's text (only for files with reports) for output with snippets.
    pub keep_sources: bool,
    pub today: Option<Date>,
    pub overrides: Overrides,
    /// `--fix` (and `--unsafe-fixes`): which fixes to apply.
    pub fix: Option<FixMode>,
    /// `--diff`: compute the fixes' diff but write nothing.
    pub diff: bool,
    /// One boundary no linted or site file may resolve outside of; `None`: each path's own
    /// (`bounded::content_boundary` of its site).
    pub boundary: Option<PathBuf>,
    /// `--allow-empty`: a directory or glob that finds no post is not an error.
    pub allow_empty: bool,
    /// Hand clean files to the output too (JUnit lists every checked file).
    pub report_clean_files: bool,
    /// `--no-cache`: build site indexes from the files alone, and write no cache.
    pub no_cache: bool,
}

/// What to do with each file besides linting it.
#[derive(Clone, Copy)]
struct Mode {
    keep_sources: bool,
    fix: Option<FixMode>,
    diff: bool,
}

/// What one input is: a file on disk, or stdin standing in for a path.
enum Input {
    File(PathBuf),
    Stdin(PathBuf),
}

/// One unit of the run, in output order: a file to lint (and whether a walk found it,
/// rather than the command line naming it), or a path discovery could not read.
enum Job {
    Lint(Input, bool),
    Unreadable(String),
    /// A site file (config, layout, include) refused or not understood.
    Site(SiteProblem),
}

/// Files linted in parallel between two outputs: enough to keep every thread busy, few
/// enough that a run holds only this many files' reports (and, for `full`, texts) at once.
const FILES_PER_THREAD_PER_BATCH: usize = 32;

/// Lints every file the options name and hands each file's sorted reports to `on_file`
/// in path order, as soon as its batch is done. Returns the totals.
pub fn check(
    options: &CheckOptions,
    on_file: &mut dyn FnMut(FileReports) -> Result<(), RunError>,
) -> Result<Summary, RunError> {
    match check_or_replay(options, None, on_file)? {
        (Outcome::Ran(summary), _) => Ok(summary),
        (Outcome::Replayed { .. }, _) => unreachable!("no output key, no output replay"),
    }
}

/// The settings a run with `options` uses: the config found from its first path (the
/// stdin buffer's name when it reads stdin), or `--config`, with the flags applied.
pub fn settings(options: &CheckOptions) -> Result<Settings, ConfigError> {
    let reads_stdin = options.paths.iter().any(|p| p.as_os_str() == "-");
    let config_start = match (&options.stdin_filename, options.paths.iter().find(|p| p.as_os_str() != "-")) {
        (Some(name), _) if reads_stdin => name.clone(),
        (_, Some(path)) => path.clone(),
        _ => PathBuf::from("."),
    };
    config::load(&config_start, &options.overrides)
}

/// How a run ended: it linted (or replayed reports) and handed files to `on_file`, or an
/// unchanged tree checked the same way had its last output replayed whole.
pub enum Outcome {
    Ran(Summary),
    /// `unchecked`: what the run could not check (said on stderr, beside the output).
    Replayed {
        output: Replayed,
        exit: i32,
        unchecked: Vec<String>,
    },
}

/// What the last run printed, written back as it is (see `check_or_replay`).
pub struct Replayed {
    bytes: Vec<u8>,
    /// Where the output starts in `bytes` (after the cache file's header).
    start: usize,
}

impl Replayed {
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(self.start..).unwrap_or_default()
    }
}

/// Where the caller keeps what it printed, for `Outcome::Replayed` next time.
pub struct OutputSlot {
    key: replay::RunKey,
    output_key: OutputKey,
}

impl OutputSlot {
    pub fn save(&self, output: &[u8], exit: i32) {
        self.key.save_output(self.output_key.hash, output, exit);
    }
}

/// What shapes a run's printed output, for writing it back next time.
#[derive(Debug, Clone, Copy)]
pub struct OutputKey {
    /// A hash of the format, colour and flags.
    pub hash: u64,
    /// Whether the format writes GitHub workflow commands (`::error file=…`) itself.
    pub annotations: bool,
    /// Whether the output is coloured.
    pub colour: bool,
}

/// `check`, and with `output_key` (what shapes the printed output: format, colour,
/// flags) the run's last output when the tree, the invocation and the output key are
/// unchanged and that output is what the format prints (`replay::printable`). The slot,
/// when there is one, is where to keep this run's output.
pub fn check_or_replay(
    options: &CheckOptions,
    output_key: Option<OutputKey>,
    on_file: &mut dyn FnMut(FileReports) -> Result<(), RunError>,
) -> Result<(Outcome, Option<OutputSlot>), RunError> {
    let reads_stdin = options.paths.iter().any(|p| p.as_os_str() == "-");
    let settings = settings(options)?;
    let disk_paths: Vec<PathBuf> = options.paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
    let kinds = KindGlobs { posts: settings.posts.clone(), pages: settings.pages.clone() };
    let sites = std::sync::Arc::new(Sites::for_run(
        settings.generator,
        kinds,
        &disk_paths,
        options.boundary.as_deref(),
        !options.no_cache,
    ));
    let builds = builds_under(&sites);
    let found = discover::discover(
        &disk_paths,
        &settings,
        options.force_exclude,
        options.boundary.as_deref(),
        &builds,
        &renders(&sites),
    )?;
    // A typo'd glob (`_posts/*.mdx`) that finds nothing must not read as "all checks passed".
    if let Some(path) = found.unmatched.first().filter(|_| !options.allow_empty) {
        return Err(ConfigError {
            origin: path.display().to_string(),
            message: "matches no Markdown file (.md, .markdown, .mdx); check the path, or pass --allow-empty".into(),
        }
        .into());
    }
    // Files named on the command line are linted whatever they are (unless
    // `--force-exclude`, as the hooks and the Action pass it: then, as in a walk, only what
    // the site's generator builds, its own excludes included); files found by a walk only
    // when their site's generator builds them.
    let named: std::collections::HashSet<&PathBuf> = disk_paths.iter().filter(|p| p.is_file()).collect();
    if options.verbose {
        for path in named.iter().filter(|path| !found.files.contains(path)) {
            let why = if settings.is_excluded(path) {
                "the configuration's `exclude` names it"
            } else {
                "it is under a folder postlint skips by default (node_modules, vendor, public, _site) where the site builds nothing"
            };
            skipped_named(path, why);
        }
    }
    let mut jobs: Vec<(String, Job)> = found
        .files
        .into_iter()
        .map(|path| {
            let walked = options.force_exclude || !named.contains(&path);
            (display_path(&path), Job::Lint(Input::File(path), walked))
        })
        .collect();
    if reads_stdin {
        let name = options.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-"));
        if !(options.force_exclude && discover::is_excluded(&settings, &name, &builds)) {
            jobs.push((display_path(&name), Job::Lint(Input::Stdin(name), options.force_exclude)));
        }
    }
    let mut summary = Summary { files: jobs.len(), ..Summary::default() };
    for problem in found.problems {
        jobs.push((display_path(&problem.path), Job::Unreadable(problem.message)));
    }
    // Build each post's site now (it reads only the generator's config), so a config
    // that was refused or does not parse is reported once, in path order with the posts.
    for (_, job) in &jobs {
        if let Job::Lint(Input::File(path) | Input::Stdin(path), _) = job {
            sites.for_file(path);
        }
    }
    jobs.extend(
        sites.take_problems().into_iter().map(|problem| (site_display_path(&problem.path), Job::Site(problem))),
    );
    let unchecked = sites.unchecked();
    // The files that decide this run's reports: every file of the sites its posts belong
    // to (a post outside any site stands for itself).
    let mut inputs: Vec<PathBuf> = jobs
        .iter()
        .filter_map(|(_, job)| match job {
            Job::Lint(Input::File(path), _) => Some(sites.for_file(path).root.clone().unwrap_or_else(|| path.clone())),
            _ => None,
        })
        .collect();
    // A post linted inside a folder the tree's state skips (`_posts/node_modules/`, which
    // Jekyll builds) is an input of its own.
    inputs.extend(jobs.iter().filter_map(|(_, job)| match job {
        Job::Lint(Input::File(path), _) if replay::outside_tree_state(path) => Some(crate::site::absolute_path(path)),
        _ => None,
    }));
    inputs.sort();
    inputs.dedup();
    // Which files the run sees is decided by more than the files' contents (what git
    // tracks, from `.git/index`, which the tree's state leaves out): the same list, or
    // no replay.
    let mut seen: Vec<&str> = jobs.iter().map(|(display, _)| display.as_str()).collect();
    seen.sort_unstable();
    let run_key = run_key(options, &settings, reads_stdin, &inputs, hash_of(&seen));
    if let (Some(key), Some(output_key)) = (&run_key, output_key)
        && let Some((bytes, start, exit)) = key.replay_output(
            output_key.hash,
            replay::Printed { annotations: output_key.annotations, colour: output_key.colour },
        )
    {
        return Ok((Outcome::Replayed { output: Replayed { bytes, start }, exit, unchecked }, None));
    }
    // The files discovery found, by shown path, with the path a lint reads (none for a
    // path it could not read): a replayed entry may name only these, or site files.
    let found: HashMap<&str, Option<&Path>> = jobs
        .iter()
        .map(|(display, job)| match job {
            Job::Lint(Input::File(path), _) => (display.as_str(), Some(path.as_path())),
            _ => (display.as_str(), None),
        })
        .collect();
    let replayed = run_key.as_ref().map(|key| key.replay(&|display| found.contains_key(display)));
    let reusable = match replayed {
        Some(Ok((files_checked, files))) => {
            let mut summary = replay_run(files_checked, files, &found, options.keep_sources, on_file)?;
            summary.unchecked = unchecked;
            let slot = run_key.zip(output_key).map(|(key, output_key)| OutputSlot { key, output_key });
            return Ok((Outcome::Ran(summary), slot));
        }
        Some(Err(reusable)) => reusable,
        None => None,
    };
    drop(found);
    let contexts = run_key.as_ref().map(|key| site_contexts(key, &jobs, &sites)).unwrap_or_default();
    let mut recorded: Vec<replay::ReplayedFile> = Vec::new();
    let mut records: Vec<replay::FileRecord> = Vec::new();
    let mut on_file = |file: FileReports| -> Result<(), RunError> {
        if run_key.is_some() {
            recorded.push(replay::ReplayedFile { path: file.path.clone(), reports: file.reports.clone() });
        }
        on_file(file)
    };
    jobs.sort_by(|a, b| a.0.cmp(&b.0));
    let today = options.today.unwrap_or_else(Date::today_utc);
    let mode = Mode {
        keep_sources: options.keep_sources,
        fix: options.fix.or(options.diff.then_some(FixMode::Safe)),
        diff: options.diff,
    };
    let batch = rayon::current_num_threads().max(1) * FILES_PER_THREAD_PER_BATCH;
    // What each page's copies reported so far (files come in path order: `docs/` before
    // `versioned_docs/`).
    let mut copy_reports: HashMap<String, std::collections::HashSet<(&'static str, String)>> = HashMap::new();
    for group in jobs.chunks(batch) {
        let done: Vec<(FileReports, Option<(String, bool)>)> = group
            .par_iter()
            .map(|(display, job)| {
                let (file, record) = match job {
                    Job::Lint(input, walked) => {
                        let site_context = match input {
                            Input::File(path) => contexts.get(&sites.for_file(path).root).copied().flatten(),
                            Input::Stdin(_) => None,
                        };
                        let lint = || lint_input(input, display, &settings, &sites, today, mode, *walked);
                        match (input, site_context) {
                            (Input::File(path), Some(context)) => {
                                lint_or_reuse(path, display, context, reusable.as_ref(), options.keep_sources, lint)
                            }
                            _ => (lint(), None),
                        }
                    }
                    Job::Unreadable(message) => (Some(failed(display, message.clone())), None),
                    Job::Site(problem) => (Some(site_failed(display, problem)), None),
                };
                if let (None, Job::Lint(Input::File(path), true)) = (&file, job)
                    && options.verbose
                    && named.contains(path)
                {
                    skipped_named(
                        path,
                        "the site's generator does not build it (`postlint site` shows how each file is read)",
                    );
                }
                let file = file.map(|mut file| {
                    file.reports.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                    file
                });
                let copies = match job {
                    Job::Lint(Input::File(path), _) => {
                        let site = sites.for_file(path);
                        site.copies_of(&site.relative_path(path))
                    }
                    _ => None,
                };
                (file, record, copies)
            })
            .collect::<Vec<(Option<FileReports>, Option<replay::FileRecord>, Option<(String, bool)>)>>()
            .into_iter()
            .filter_map(|(file, record, copies)| {
                records.extend(record);
                // A file its generator does not build was not checked.
                if file.is_none() {
                    summary.files -= 1;
                }
                file.map(|file| (file, copies))
            })
            .collect();
        for (mut file, copies) in done {
            if let Some((key, frozen)) = copies {
                fold_copies(&mut copy_reports, key, frozen, &mut file);
            }
            summary.add_file(&file.reports);
            let fixed_something = file.fixed.as_ref().is_some_and(|x| x.applied > 0 || x.text.is_some());
            if !file.reports.is_empty() || fixed_something || options.report_clean_files {
                on_file(file)?;
            }
        }
    }
    // Layouts and includes are read while linting: what they turned up comes last.
    let mut site_problems = jobs.iter().any(|(_, job)| matches!(job, Job::Site(_)));
    for problem in sites.take_problems() {
        site_problems = true;
        let file = site_failed(&site_display_path(&problem.path), &problem);
        summary.add_file(&file.reports);
        on_file(file)?;
    }
    if let Some(key) = &run_key {
        // A problem with a site file is found by the post whose lint reads that file
        // first: a run that lints only some posts may not find it again.
        if site_problems {
            records.clear();
        }
        key.save(summary.files, recorded, records);
    }
    summary.unchecked = unchecked;
    let slot = run_key.zip(output_key).map(|(key, output_key)| OutputSlot { key, output_key });
    Ok((Outcome::Ran(summary), slot))
}

/// Drops from a frozen copy of a page (an old version's `versioned_docs/` file) the reports
/// an earlier copy in the run already made (same rule, same message): one defect repeated
/// in ten frozen copies is one report. The page being edited keeps all of its own.
fn fold_copies(
    seen: &mut HashMap<String, std::collections::HashSet<(&'static str, String)>>,
    key: String,
    frozen: bool,
    file: &mut FileReports,
) {
    let earlier = seen.entry(key).or_default();
    if frozen {
        file.reports.retain(|report| !earlier.contains(&(report.code, report.message.clone())));
    }
    for report in &file.reports {
        earlier.insert((report.code, report.message.clone()));
    }
}

/// The walk's question before it skips a folder by one of postlint's default names:
/// whether the generator of the site that holds it builds anything there.
fn builds_under(sites: &std::sync::Arc<Sites>) -> discover::Builds {
    let sites = std::sync::Arc::clone(sites);
    std::sync::Arc::new(move |folder: &Path| sites.builds_under(folder))
}

/// The walk's question of each file that is not `.md`, `.markdown` or `.mdx`: whether
/// the generator of its site renders it as Markdown (by its extension).
fn renders(sites: &std::sync::Arc<Sites>) -> discover::Renders {
    let sites = std::sync::Arc::clone(sites);
    std::sync::Arc::new(move |file: &Path| sites.is_markdown(file))
}

/// The run cache's key for this run, when the run may use it: not with `--no-cache`,
/// fixes, a diff or stdin. The invocation is everything besides the files that decides
/// what the run reports.
fn run_key(
    options: &CheckOptions,
    settings: &Settings,
    reads_stdin: bool,
    inputs: &[PathBuf],
    seen: u64,
) -> Option<replay::RunKey> {
    // Runs over named files (pre-commit, the editor) change with every call: checking
    // the tree would only cost them time.
    let named_files_only = options.paths.iter().all(|path| path.is_file());
    if options.no_cache || options.fix.is_some() || options.diff || reads_stdin || named_files_only {
        return None;
    }
    let root = match &options.boundary {
        Some(root) => root.canonicalize().ok()?,
        None => bounded::working_boundary().ok()?,
    };
    // The config and custom-rule files were admitted when the settings were loaded (a
    // named `--config` may be anywhere): read them again as they are, regular and capped.
    let config_bytes = settings.config_path.as_ref().map(|path| bounded::read(path, bounded::CONFIG, &[]));
    let invocation = (
        std::env::current_dir().ok(),
        &options.paths,
        format!("{:?}", options.overrides),
        settings.config_path.clone(),
        config_bytes.map(|bytes| bytes.ok()),
        // Custom rules may live in files of their own (`custom-rules`).
        settings
            .custom_rule_files
            .iter()
            .map(|path| (path.clone(), bounded::read(path, bounded::CONFIG, &[]).ok()))
            .collect::<Vec<_>>(),
        {
            let today = options.today.unwrap_or_else(Date::today_utc);
            (today.year, today.month, today.day)
        },
        (options.force_exclude, options.allow_empty, options.report_clean_files),
    );
    replay::RunKey::new(&root, inputs, &invocation, seen)
}

/// Each site's context for the run cache (see `RunKey::site_context`), by site root;
/// `None` for posts outside any site, which are always linted again when the tree changed.
fn site_contexts(key: &replay::RunKey, jobs: &[(String, Job)], sites: &Sites) -> HashMap<Option<PathBuf>, Option<u64>> {
    let mut contexts = HashMap::new();
    for (_, job) in jobs {
        let Job::Lint(Input::File(path), _) = job else { continue };
        let site = sites.for_file(path);
        contexts.entry(site.root.clone()).or_insert_with(|| {
            let root = site.root.as_ref()?;
            let pages: Vec<(String, u64)> = site
                .index()
                .map(|index| index.posts.iter().map(|post| (post.path.clone(), hash_of(post))).collect())
                .unwrap_or_default();
            Some(key.site_context(root, &pages))
        });
    }
    contexts
}

fn hash_of(value: &impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The file's reports from the last run when nothing they depend on changed, else a lint
/// of it that notes what it read; with the file's record for the next run.
fn lint_or_reuse(
    path: &Path,
    display: &str,
    context: u64,
    reusable: Option<&replay::Reusable>,
    keep_sources: bool,
    lint: impl FnOnce() -> Option<FileReports>,
) -> (Option<FileReports>, Option<replay::FileRecord>) {
    if let Some((record, reports)) = reusable.and_then(|reusable| reusable.reports(display, path, context)) {
        let file = reports.map(|reports| {
            let source = (keep_sources && !reports.is_empty())
                .then(|| bounded::read_to_string(path, bounded::POST, &[]).ok())
                .flatten();
            FileReports { path: display.to_string(), reports, source, fixed: None }
        });
        return (file, Some(record));
    }
    let (file, read) = crate::reads::recording(lint);
    let record = replay::record(display, path, context, read, file.is_some());
    (file, record)
}

/// Hands the last run's files to the output again, with their text when the format shows
/// snippets: read, as the lint reads it, from the path discovery found for the file (a
/// site file, or a path discovery could not read, has none, as in a fresh run).
fn replay_run(
    files_checked: usize,
    files: Vec<replay::ReplayedFile>,
    found: &HashMap<&str, Option<&Path>>,
    keep_sources: bool,
    on_file: &mut dyn FnMut(FileReports) -> Result<(), RunError>,
) -> Result<Summary, RunError> {
    let mut summary = Summary { files: files_checked, ..Summary::default() };
    for file in files {
        summary.add_file(&file.reports);
        let source = (keep_sources && !file.reports.is_empty())
            .then(|| found.get(file.path.as_str()).copied().flatten())
            .flatten()
            .and_then(|path| bounded::read_to_string(path, bounded::POST, &[]).ok());
        on_file(FileReports { path: file.path, reports: file.reports, source, fixed: None })?;
    }
    Ok(summary)
}

/// A site file's path as the user would type it: relative to the working directory
/// when it is under it.
fn site_display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    display_path(path.strip_prefix(&cwd).unwrap_or(path))
}

/// A site file the run refused or could not parse: one PL001 at its position.
fn site_failed(display: &str, problem: &SiteProblem) -> FileReports {
    let mut file = failed(display, problem.message.clone());
    if let Some((line, column)) = problem.position {
        let at = Position { line, column };
        file.reports[0].location = Location { start: at, end: at };
    }
    file
}

/// `--verbose`: why a file named on the command line was not linted.
fn skipped_named(path: &Path, why: &str) {
    eprintln!("postlint: skipped {}: {why}", crate::text::escape::escape_output(&display_path(path)));
}

pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// A file the run could not lint: one PL001.
fn failed(display: &str, message: String) -> FileReports {
    FileReports { reports: vec![tool_report(display, message)], path: display.to_string(), source: None, fixed: None }
}

fn lint_input(
    input: &Input,
    display: &str,
    settings: &Settings,
    sites: &Sites,
    today: Date,
    mode: Mode,
    walked: bool,
) -> Option<FileReports> {
    // A post is read only when it is a regular file (not a FIFO or a device behind a
    // link) of at most `bounded::POST` bytes; stdin is cut at the same size.
    let (path, bytes, is_stdin) = match input {
        Input::File(path) => (path, bounded::read(path, bounded::POST, &[]).map_err(|r| r.to_string()), false),
        Input::Stdin(path) => (path, read_stdin(), true),
    };
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => return Some(failed(display, message)),
    };
    let source = match decode(bytes) {
        Ok(source) => source,
        Err(message) => return Some(failed(display, message)),
    };
    let site = sites.for_file(path);
    let context = LintContext { settings, site: &site, today };
    let Some(fix_mode) = mode.fix else {
        let reports = if walked {
            engine::lint_source_if_built(display, path, &source, &context)?
        } else {
            engine::lint_source(display, path, &source, &context)
        };
        let source = (mode.keep_sources && !reports.is_empty()).then_some(source);
        return Some(FileReports { path: display.to_string(), reports, source, fixed: None });
    };
    if walked && !engine::is_built(path, &source, &site) {
        return None;
    }
    let result = fix::fix_text(display, path, &source, &context, fix_mode);
    let changed = result.text != source;
    let mut fixed = Fixed { applied: result.applied, diff: None, text: None, unconverged: result.unconverged };
    let mut reports = engine::lint_source(display, path, &result.text, &context);
    if mode.diff {
        fixed.diff = changed.then(|| fix::unified_diff(display, &source, &result.text));
    } else if is_stdin {
        fixed.text = Some(result.text.clone());
    } else if changed && let Err(error) = fix::write_fixed(path, source.as_bytes(), result.text.as_bytes()) {
        // Nothing was written: report what remains in the original.
        reports = engine::lint_source(display, path, &source, &context);
        reports.push(tool_report(display, format!("cannot write fixes: {error}; the file is unchanged")));
        fixed.applied = 0;
    }
    let shown = if mode.keep_sources && !reports.is_empty() { Some(result.text) } else { None };
    Some(FileReports { path: display.to_string(), reports, source: shown, fixed: Some(fixed) })
}

fn read_stdin() -> Result<Vec<u8>, String> {
    let mut buffer = Vec::new();
    let limit = bounded::POST.max_bytes;
    std::io::stdin().lock().take(limit + 1).read_to_end(&mut buffer).map_err(|e| format!("cannot read: {e}"))?;
    if buffer.len() as u64 > limit {
        return Err(format!("stdin is over the {} MiB limit for a post; not read", limit >> 20));
    }
    Ok(buffer)
}

/// The file as UTF-8 text, or why it is not a post we can read.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err("binary file (it contains NUL bytes); not linted".to_string());
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = memchr::memchr_iter(b'\n', valid).count() + 1;
            Err(format!("not valid UTF-8 (first invalid byte on line {line}); not linted"))
        }
    }
}

/// PL001: the tool could not lint this file.
pub fn tool_report(path: &str, message: String) -> Report {
    let doc = rulebook::find("PL001");
    let start = Position { line: 1, column: 1 };
    Report {
        path: path.to_string(),
        code: "PL001",
        name: doc.map_or("", |d| d.name),
        severity: doc.map_or(crate::diagnostic::Severity::Error, |d| d.severity),
        message,
        location: Location { start, end: start },
        span: 0..0,
        help: None,
        labels: Vec::new(),
        related: Vec::new(),
        fix: None,
    }
}

/// `postlint links`: every remote URL the posts under `paths` write (links and images in
/// the body, front matter and JSON-LD), once each, sorted — the input a link checker
/// (lychee) fetches, whose results LNK014 maps back onto every place a URL is written.
pub fn remote_urls(paths: &[PathBuf], overrides: &Overrides) -> Result<Vec<String>, RunError> {
    let start = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let settings = config::load(&start, overrides)?;
    let kinds = KindGlobs { posts: settings.posts.clone(), pages: settings.pages.clone() };
    let sites = std::sync::Arc::new(Sites::for_run(settings.generator, kinds, paths, None, true));
    let found = discover::discover(paths, &settings, false, None, &builds_under(&sites), &renders(&sites))?;
    let today = Date::today_utc();
    let mut urls: Vec<String> = found
        .files
        .par_iter()
        .flat_map_iter(|path| {
            let source = bounded::read(path, bounded::POST, &[]).ok().and_then(|bytes| decode(bytes).ok());
            let Some(source) = source else { return Vec::new() };
            let site = sites.for_file(path);
            let display = display_path(path);
            let doc = crate::document::Document::parse_with(&display, &source, &site.markup());
            let ctx = crate::rules::Context::new(&doc, path, &site, today);
            if matches!(ctx.kind, crate::site::pages::PageKind::Unbuilt | crate::site::pages::PageKind::Template) {
                return Vec::new();
            }
            crate::rules::links::remote_urls(&ctx).into_iter().map(|(url, _)| url).collect()
        })
        .collect();
    urls.sort();
    urls.dedup();
    Ok(urls)
}

/// `postlint site`: each site the Markdown files under `paths` belong to, as postlint
/// sees it, in root order; with `detail`, each built file's headings and anchors too.
pub fn describe_sites(
    paths: &[PathBuf],
    overrides: &Overrides,
    detail: bool,
) -> Result<Vec<crate::site::describe::SiteDescription>, RunError> {
    let start = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let settings = config::load(&start, overrides)?;
    let kinds = KindGlobs { posts: settings.posts.clone(), pages: settings.pages.clone() };
    let sites = std::sync::Arc::new(Sites::for_run(settings.generator, kinds, paths, None, true));
    let found = discover::discover(paths, &settings, false, None, &builds_under(&sites), &renders(&sites))?;
    // Files by their site, with their text (a description reads the front matter; the
    // detail, the body).
    type SiteFiles = (std::sync::Arc<crate::site::Site>, Vec<(PathBuf, String, Option<String>)>);
    let mut by_site: Vec<SiteFiles> = Vec::new();
    for path in &found.files {
        let site = sites.for_file(path);
        let relative = site.relative_path(path);
        let text = bounded::read(path, bounded::POST, &[]).ok().and_then(|bytes| decode(bytes).ok());
        match by_site.iter_mut().find(|(known, _)| std::sync::Arc::ptr_eq(known, &site)) {
            Some((_, files)) => files.push((path.clone(), relative, text)),
            None => by_site.push((site, vec![(path.clone(), relative, text)])),
        }
    }
    let today = Date::today_utc();
    let mut described = Vec::new();
    for (site, files) in by_site {
        let front_matters: Vec<(String, Option<String>)> = files
            .iter()
            .map(|(_, relative, text)| {
                let markup = site.markup();
                let front = text
                    .as_deref()
                    .map(|text| text[..crate::document::front_matter::split_with(text, &markup).1].to_string());
                (relative.clone(), front)
            })
            .collect();
        let mut description = site.describe(&front_matters);
        if detail {
            for (path, relative, text) in &files {
                let Some(text) = text else { continue };
                let Some(file) = description.files.iter_mut().find(|f| &f.path == relative) else { continue };
                if matches!(file.kind, "unbuilt" | "template") {
                    continue;
                }
                let display = display_path(path);
                let source = crate::text::lines::lone_cr_as_lf(text);
                let doc = crate::document::Document::parse_with(&display, &source, &site.markup());
                let ctx = crate::rules::Context::new(&doc, path, &site, today);
                let (ids, _) = crate::rules::links::heading_ids(&ctx);
                file.headings = Some(
                    doc.outline
                        .headings
                        .iter()
                        .map(|heading| crate::site::describe::HeadingDescription {
                            level: heading.level,
                            text: heading.text.clone(),
                            id: ids.iter().find(|(at, _)| *at == heading.span.start).map(|(_, id)| id.clone()),
                            line: doc.lines.position(&source, heading.span.start).line,
                        })
                        .collect(),
                );
                let (anchors, uncertain) = crate::rules::links::page_anchors(&ctx);
                file.anchors = Some(anchors);
                file.anchors_uncertain = Some(uncertain);
            }
        }
        described.push(description);
    }
    described.sort_by(|a, b| a.root.cmp(&b.root));
    Ok(described)
}
