//! Output formats, one module each behind one trait. They receive each file's sorted
//! reports in path order as the run goes, so a run never holds every report at once,
//! and write through one buffered, locked writer.

mod concise;
mod full;
pub mod github;
pub mod gitlab;
mod json;
pub mod junit;
pub mod sarif;
mod statistics;

use std::io::{self, Write};

use crate::diagnostic::{Report, Severity};
use crate::text::escape::escape_inline;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Full,
    Concise,
    Json,
    JsonLines,
    Github,
    Sarif,
    Junit,
    Gitlab,
    /// Only the counts per rule and the summary line (ruff's `--statistics` view).
    Statistics,
}

impl Format {
    pub fn parse(text: &str) -> Option<Format> {
        <Format as clap::ValueEnum>::from_str(text, true).ok()
    }

    /// Whether the format shows source lines (so the run keeps text of files with reports).
    pub fn needs_source(self) -> bool {
        self == Format::Full
    }

    /// Whether the format lists every checked file, clean ones too (one JUnit test each).
    pub fn lists_clean_files(self) -> bool {
        self == Format::Junit
    }

    /// Whether the format ends with a summary (the text line, or JSON's object).
    pub fn has_summary(self) -> bool {
        matches!(self, Format::Full | Format::Concise | Format::Json | Format::Statistics)
    }

    /// Whether stdout is one document a program parses, so nothing else may go there
    /// (the `--statistics` table goes to stderr).
    pub fn is_machine_readable(self) -> bool {
        matches!(self, Format::Json | Format::JsonLines | Format::Sarif | Format::Junit | Format::Gitlab)
    }
}

/// One linted file's reports, and its text when the format shows snippets.
#[derive(Debug, Clone)]
pub struct FileReports {
    pub path: String,
    pub reports: Vec<Report>,
    pub source: Option<String>,
    /// With `--fix`/`--diff`: what fixing changed.
    pub fixed: Option<Fixed>,
}

/// The outcome of fixing one file.
#[derive(Debug, Clone, Default)]
pub struct Fixed {
    pub applied: usize,
    /// A unified diff (`--diff`), when the text changed.
    pub diff: Option<String>,
    /// The fixed text, for stdin input.
    pub text: Option<String>,
    pub unconverged: Vec<&'static str>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files checked.
    pub files: usize,
    /// Files with at least one diagnostic shown.
    pub files_with_problems: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Diagnostics with a fix of either kind.
    pub fixable: usize,
    /// Of `fixable`, those whose fix needs `--unsafe-fixes`.
    pub fixable_unsafe: usize,
    /// With `--baseline`: how the run met the baseline.
    pub baseline: Option<BaselineSummary>,
    /// What the run could not check, once per site (`site: why`): never a diagnostic.
    pub unchecked: Vec<String>,
}

/// `--baseline`: findings the baseline matched (not shown), and entries of the files
/// checked that matched nothing (fixed, or changed beyond recognition).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BaselineSummary {
    pub matched: usize,
    pub stale: usize,
}

impl Summary {
    pub fn count(files: usize, reports: impl Iterator<Item = impl std::borrow::Borrow<Report>>) -> Summary {
        let mut summary = Summary { files, ..Summary::default() };
        let mut paths = std::collections::HashSet::new();
        for report in reports {
            let report = report.borrow();
            summary.add(report);
            if !paths.contains(&report.path) {
                paths.insert(report.path.clone());
            }
        }
        summary.files_with_problems = paths.len();
        summary
    }

    pub fn add(&mut self, report: &Report) {
        match report.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
        if let Some(fix) = &report.fix {
            self.fixable += 1;
            if fix.applicability == crate::diagnostic::Applicability::Unsafe {
                self.fixable_unsafe += 1;
            }
        }
    }

    /// One file's reports (a file with none counts only as checked, elsewhere).
    pub fn add_file(&mut self, reports: &[Report]) {
        reports.iter().for_each(|report| self.add(report));
        if !reports.is_empty() {
            self.files_with_problems += 1;
        }
    }

    /// Diagnostics whose fix `--fix` applies without `--unsafe-fixes`.
    pub fn fixable_safe(&self) -> usize {
        self.fixable - self.fixable_unsafe
    }

    /// Whether any diagnostic is at least as severe as `threshold`.
    pub fn any_at_least(&self, threshold: Severity) -> bool {
        match threshold {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Info => self.total() > 0,
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

pub struct Style {
    pub color: bool,
    /// Diagnostics only: no summary line.
    pub quiet: bool,
    /// `--fail-on`: the level at which a diagnostic fails the run (`None`: never).
    pub fail_on: Option<Severity>,
}

impl Style {
    pub fn paint(&self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }

    /// The ANSI colour of a severity, shared by its label and the caret under the span.
    pub fn severity_color(severity: Severity) -> &'static str {
        match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        }
    }

    pub fn severity(&self, severity: Severity) -> String {
        self.paint(Self::severity_color(severity), severity.as_str())
    }
}

/// An output format. `file` is called once per file with reports, in path order, as
/// files are linted; `finish` once at the end. Formats that must print totals first
/// (JSON's summary, JUnit's counts) keep their rendered text, never the reports.
pub trait Emitter {
    fn file(&mut self, out: &mut dyn Write, file: &FileReports, style: &Style) -> io::Result<()>;

    /// What comes after the last file; line formats have nothing to add.
    fn finish(&mut self, _out: &mut dyn Write, _summary: &Summary, _style: &Style) -> io::Result<()> {
        Ok(())
    }

    /// Every file at once, then the summary (tests, fuzzing, one-file callers).
    fn emit(&mut self, out: &mut dyn Write, files: &[FileReports], summary: &Summary, style: &Style) -> io::Result<()> {
        for file in files {
            self.file(out, file, style)?;
        }
        self.finish(out, summary, style)
    }
}

pub fn emitter(format: Format) -> Box<dyn Emitter> {
    match format {
        Format::Full => Box::new(full::Full),
        Format::Concise => Box::new(concise::Concise),
        Format::Json => Box::<json::Json>::default(),
        Format::JsonLines => Box::new(json::JsonLines),
        Format::Github => Box::new(github::Github),
        Format::Sarif => Box::<sarif::Sarif>::default(),
        Format::Junit => Box::<junit::Junit>::default(),
        Format::Gitlab => Box::<gitlab::Gitlab>::default(),
        Format::Statistics => Box::<Statistics>::default(),
    }
}

/// `--diff`: the unified diff, each line safe to print (`escape_output_line`): control
/// characters in the post's lines are shown as escapes, a workflow command in its text
/// is broken. Tabs and a line's own CR before its newline are kept.
pub fn write_diff(out: &mut dyn Write, diff: &str) -> io::Result<()> {
    for line in diff.split_inclusive('\n') {
        let (text, end) = match line.strip_suffix("\r\n") {
            Some(text) => (text, "\r\n"),
            None => line.strip_suffix('\n').map_or((line, ""), |text| (text, "\n")),
        };
        out.write_all(crate::text::escape::escape_output_line(text).as_bytes())?;
        out.write_all(end.as_bytes())?;
    }
    Ok(())
}

/// `--statistics`: counts per code, gathered as files stream by, most frequent first.
#[derive(Default)]
pub struct Statistics {
    counts: std::collections::BTreeMap<(&'static str, &'static str), (usize, usize)>,
}

impl Statistics {
    pub fn add(&mut self, reports: &[Report]) {
        for report in reports {
            let entry = self.counts.entry((report.code, report.name)).or_default();
            entry.0 += 1;
            if report.fix.is_some() {
                entry.1 += 1;
            }
        }
    }

    /// Codes and names come from the rulebook or the configuration (custom rules, whose
    /// names are checked when it is read): escaped all the same, like text from a file.
    pub fn write(&self, out: &mut dyn Write, style: &Style) -> io::Result<()> {
        let mut rows: Vec<_> = self.counts.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        for ((code, name), (count, fixable)) in rows {
            let fix = if *fixable > 0 { format!(" ({fixable} fixable)") } else { String::new() };
            let (code, name) = (escape_inline(code), escape_inline(name));
            writeln!(out, "{count:>6}\t{}\t{name}{fix}", style.paint("1", &code))?;
        }
        Ok(())
    }
}

/// The closing line of the human formats (`full`, `concise`): how many problems of each
/// severity, how many fixable, or that all checks passed. Ruff prints one in both too:
/// in a pre-commit hook or CI log it is what a reader looks for first.
pub fn write_summary_line(out: &mut dyn Write, summary: &Summary, style: &Style) -> io::Result<()> {
    if style.quiet {
        return Ok(());
    }
    if summary.total() > 0 {
        // As ruff says it: what `--fix` alone fixes, and what only `--unsafe-fixes` adds.
        let fixable = match (summary.fixable_safe(), summary.fixable_unsafe) {
            (0, 0) => String::new(),
            (safe, 0) => format!(" ({safe} fixable with `--fix`)"),
            (0, unsafe_) => format!(" ({unsafe_} fixable with `--fix --unsafe-fixes`)"),
            (safe, unsafe_) => format!(" ({safe} fixable with `--fix`; {unsafe_} more with `--fix --unsafe-fixes`)"),
        };
        writeln!(
            out,
            "Found {} in {} ({} checked): {} error{}, {} warning{}, {} info{fixable}.",
            plural(summary.total(), "problem"),
            plural(summary.files_with_problems, "file"),
            summary.files,
            summary.errors,
            if summary.errors == 1 { "" } else { "s" },
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" },
            summary.infos,
        )?;
    } else {
        writeln!(out, "All checks passed ({}).", plural(summary.files, "file"))?;
    }
    match &summary.baseline {
        Some(baseline) => write_baseline_line(out, baseline),
        None => Ok(()),
    }
}

/// With `--baseline`: how many known findings it kept out of sight, and how many of its
/// entries no longer match anything (they never fail a run).
pub fn write_baseline_line(out: &mut dyn Write, baseline: &BaselineSummary) -> io::Result<()> {
    let stale = match baseline.stale {
        0 => String::new(),
        stale => format!(
            "; {} no longer found (fixed or changed: `--write-baseline` prunes {})",
            if stale == 1 { "1 entry".to_string() } else { format!("{stale} entries") },
            if stale == 1 { "it" } else { "them" }
        ),
    };
    writeln!(out, "Baseline: {} not shown{stale}.", plural(baseline.matched, "known problem"))
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 { format!("1 {word}") } else { format!("{count} {word}s") }
}
