//! The command line: `check`, `rule`, `rules`, `init`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::{self, ConfigError, Overrides};
use crate::diagnostic::Severity;
use crate::error::RunError;
use crate::fix::FixMode;
use crate::output::{self, Format, Style, Summary};
use crate::rulebook;
use crate::run::{self, CheckOptions};
use crate::text::escape::escape_output;

#[derive(Debug, Parser)]
#[command(name = "postlint", version, about = "A fast linter for blog posts written as Markdown with front matter")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint posts (files, directories, globs; `-` reads stdin).
    Check(CheckArgs),
    /// Explain one rule: print its doc.
    Rule {
        /// A rule code (`IMG002`) or name (`duplicate-query-param`); custom rules of the
        /// configuration too.
        rule: String,
        /// The configuration whose custom rules to include (default: the one found from here).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// List every rule, the configuration's custom rules included.
    Rules {
        #[arg(long, value_enum, default_value = "text")]
        output_format: ListFormat,
        /// Run the Bad and Good examples of the configuration's custom rules; exit 1 if
        /// a Bad example is not reported or a Good one is.
        #[arg(long)]
        test: bool,
        /// The configuration to read (default: the one found from here).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// List every remote URL of the posts (links and images, front matter and JSON-LD
    /// included), once each, for a link checker: `postlint links . > urls.txt && lychee
    /// --format json --output lychee.json urls.txt`; LNK014 then reports the failures at
    /// every place they are written.
    Links {
        /// Files, directories or globs (default: the current directory).
        paths: Vec<PathBuf>,
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Write a commented starter `postlint.toml` in the current directory.
    Init,
    /// Run the language server over stdio (for editors).
    Server,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories or globs to lint (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Output format (default: full on a terminal, concise otherwise).
    #[arg(long, value_enum, env = "POSTLINT_OUTPUT_FORMAT")]
    pub output_format: Option<Format>,
    /// Rules to run (codes, prefixes, names or ALL); replaces the config's `select`.
    #[arg(long, value_delimiter = ',')]
    pub select: Option<Vec<String>>,
    /// Rules to turn off, added to the config's `ignore`.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Rules to add to the selection.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Use this config file instead of searching for one (its globs are relative to the
    /// working directory): e.g. the base branch's config in a pull-request gate.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Ignore every config file: only command-line flags and built-in defaults apply
    /// (a pull request cannot switch its own gate off).
    #[arg(long, conflicts_with = "config")]
    pub isolated: bool,
    /// Exit 1 when a diagnostic at or above this severity remains.
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// Always exit 0 unless the tool itself failed.
    #[arg(long)]
    pub exit_zero: bool,
    /// The name and path of the post read from stdin (`-`).
    #[arg(long)]
    pub stdin_filename: Option<PathBuf>,
    /// Apply exclusions from config to paths named on the command line too.
    #[arg(long)]
    pub force_exclude: bool,
    /// Print counts per rule after the diagnostics.
    #[arg(long)]
    pub statistics: bool,
    /// Never colour the output (also NO_COLOR).
    #[arg(long)]
    pub no_color: bool,
    /// Print only diagnostics, no summary.
    #[arg(long, short)]
    pub quiet: bool,
    /// Accept a directory or glob that finds no Markdown file (otherwise exit 2).
    #[arg(long)]
    pub allow_empty: bool,
    /// Read and write no `.postlint_cache/` (also `POSTLINT_NO_CACHE`).
    #[arg(long)]
    pub no_cache: bool,
    /// Apply safe fixes (with `--unsafe-fixes`, unsafe ones too) and write the files.
    #[arg(long)]
    pub fix: bool,
    /// Also apply fixes that may change meaning (with `--fix` or `--diff`).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the fixes as a unified diff and change nothing (exit 1 if there are any).
    #[arg(long)]
    pub diff: bool,
    /// "Today" for date rules, as YYYY-MM-DD (also POSTLINT_NOW).
    #[arg(long, env = "POSTLINT_NOW")]
    pub now: Option<String>,
}

/// Runs the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return code;
        }
    };
    match execute(cli) {
        Ok(code) => code,
        Err(error) => {
            // Stderr is read by CI runners too: the error may name a file from the pull request.
            eprintln!("postlint: {}", escape_output(&error.to_string()));
            if let RunError::Config(config) = &error
                && let Some(snippet) = config_snippet(&config.origin)
            {
                for line in snippet {
                    eprintln!("{}", escape_output(&line));
                }
            }
            2
        }
    }
}

/// The line of a configuration file an error points at (`postlint.toml:4:7`), with a
/// caret under the column, as the lint output shows a post's line.
fn config_snippet(origin: &str) -> Option<[String; 3]> {
    let mut parts = origin.rsplitn(3, ':');
    let column: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let path = PathBuf::from(parts.next()?);
    let roots = [path.parent()?.to_path_buf()];
    let text = crate::bounded::read_to_string(&path, crate::bounded::CONFIG, &roots).ok()?;
    let shown = text.lines().nth(line.checked_sub(1)?)?;
    let before: String = shown.chars().take(column.saturating_sub(1)).collect();
    let gutter = line.to_string().len();
    let pad = crate::text::width::display_width(&before);
    Some([format!("{:gutter$} |", ""), format!("{line} | {shown}"), format!("{:gutter$} | {:pad$}^", "", "")])
}

fn execute(cli: Cli) -> Result<i32, RunError> {
    let stdout = std::io::stdout();
    let code = match cli.command {
        Command::Server => {
            // The server writes to stdout from its own thread: stdout must not be locked here.
            crate::lsp::run().map_err(|e| RunError::Server(e.to_string()))?;
            return Ok(0);
        }
        command => {
            let mut out = std::io::BufWriter::new(stdout.lock());
            let code = run_command(command, &mut out)?;
            out.flush().map_err(io_error)?;
            code
        }
    };
    Ok(code)
}

fn run_command(command: Command, mut out: &mut dyn Write) -> Result<i32, RunError> {
    let code = match command {
        Command::Check(args) => check(args, &mut out)?,
        Command::Rule { rule, config } => {
            load_custom_rules(config, None)?;
            let doc = rulebook::find(&rule).ok_or_else(|| ConfigError {
                origin: "rule".into(),
                message: format!("unknown rule `{rule}`; `postlint rules` lists them"),
            })?;
            let text = format!(
                "# {} {}\n\nfamily: {} · default severity: {} · fix: {}\n{}",
                doc.code,
                doc.name,
                doc.family,
                doc.severity,
                fix_name(doc),
                doc.body()
            );
            // A custom rule's doc is made of its configuration (description, message,
            // examples): each line is printed safe, as a diff's lines are.
            output::write_diff(&mut out, &text).map_err(io_error)?;
            0
        }
        Command::Rules { output_format: _, test: true, config } => test_custom_rules(&mut out, config)?,
        Command::Rules { output_format, test: false, config } => {
            load_custom_rules(config, None)?;
            list_rules(&mut out, output_format)?;
            0
        }
        Command::Links { paths, config } => {
            let paths = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths };
            let overrides = Overrides { config_path: config, ..Overrides::default() };
            for url in run::remote_urls(&paths, &overrides)? {
                write_out(&mut out, &format!("{}\n", escape_output(&url)))?;
            }
            0
        }
        Command::Init => {
            init()?;
            0
        }
        Command::Server => 0,
    };
    Ok(code)
}

fn fix_name(doc: &rulebook::RuleDoc) -> &'static str {
    match doc.fix {
        Some(crate::diagnostic::Applicability::Safe) => "safe",
        Some(crate::diagnostic::Applicability::Unsafe) => "unsafe",
        None => "none",
    }
}

fn io_error(error: std::io::Error) -> RunError {
    RunError::io("output", error)
}

fn write_out(out: &mut dyn Write, text: &str) -> Result<(), RunError> {
    out.write_all(text.as_bytes()).map_err(io_error)
}

/// Reads the configuration (from the current directory up, or `--config`) so its custom
/// rules are known to `rule` and `rules`.
fn load_custom_rules(config_path: Option<PathBuf>, select: Option<Vec<String>>) -> Result<config::Settings, RunError> {
    let overrides = Overrides { config_path, select, ..Overrides::default() };
    Ok(config::load(std::path::Path::new("."), &overrides)?)
}

/// `postlint rules --test`: every custom rule's examples, as its doc lists them.
fn test_custom_rules(out: &mut dyn Write, config_path: Option<PathBuf>) -> Result<i32, RunError> {
    load_custom_rules(config_path.clone(), None)?;
    let custom: Vec<&rulebook::RuleDoc> =
        rulebook::all().into_iter().filter(|doc| doc.family == crate::custom::FAMILY).collect();
    if custom.is_empty() {
        eprintln!("postlint: no custom rules in the configuration (`[custom.X001]` tables)");
        return Ok(0);
    }
    // Only the custom rules run, whatever the configuration selects.
    let settings = load_custom_rules(config_path, Some(custom.iter().map(|doc| doc.code.to_string()).collect()))?;
    let site = crate::site::Site::detached(crate::site::Generator::None);
    let context =
        crate::engine::LintContext { settings: &settings, site: &site, today: crate::text::dates::Date::today_utc() };
    let (mut passed, mut failed) = (0, 0);
    for doc in custom {
        let examples = doc.examples();
        if examples.is_empty() {
            write_out(out, &format!("note {}: no `bad` or `good` examples to run\n", doc.code))?;
        }
        let mut numbers = (0, 0);
        for example in examples {
            let number = if example.bad { &mut numbers.0 } else { &mut numbers.1 };
            *number += 1;
            let label = format!("{} {} {}", doc.code, if example.bad { "bad" } else { "good" }, number);
            let path = std::path::Path::new("example.md");
            let reports: Vec<_> = crate::engine::lint_source("example.md", path, &example.text, &context)
                .into_iter()
                .filter(|report| report.code == doc.code)
                .collect();
            let verdict = match (example.bad, reports.first()) {
                (true, None) => Some("expected a diagnostic, got none".to_string()),
                (false, Some(report)) => Some(format!(
                    "expected no diagnostic, got {}:{}: {}",
                    report.location.start.line, report.location.start.column, report.message
                )),
                _ => None,
            };
            match verdict {
                None => {
                    passed += 1;
                    write_out(out, &format!("ok   {label}\n"))?;
                }
                Some(problem) => {
                    failed += 1;
                    write_out(out, &format!("FAIL {label}: {}\n", escape_output(&problem)))?;
                }
            }
        }
    }
    write_out(out, &format!("{passed} passed, {failed} failed\n"))?;
    Ok(if failed > 0 { 1 } else { 0 })
}

fn list_rules(out: &mut dyn Write, format: ListFormat) -> Result<(), RunError> {
    match format {
        ListFormat::Text => {
            for doc in rulebook::all() {
                let set = if doc.default_enabled { "default" } else { "opt-in" };
                // Custom rules' names and descriptions come from the configuration.
                let line =
                    format!("{:<7} {:<32} {:<8} {:<8} {}", doc.code, doc.name, doc.severity.as_str(), set, doc.summary);
                writeln!(out, "{}", escape_output(&line)).map_err(io_error)?;
            }
        }
        ListFormat::Json => {
            let rules: Vec<_> = rulebook::all()
                .into_iter()
                .map(|doc| {
                    serde_json::json!({
                        "code": doc.code, "name": doc.name, "family": doc.family,
                        "severity": doc.severity, "fix": fix_name(doc), "summary": doc.summary,
                        "default": doc.default_enabled, "posts_only": doc.posts_only,
                    })
                })
                .collect();
            let json = serde_json::to_string_pretty(&rules).map_err(|e| io_error(e.into()))?;
            writeln!(out, "{}", crate::text::escape::escape_json(&json)).map_err(io_error)?;
        }
    }
    Ok(())
}

fn init() -> Result<(), RunError> {
    let path = PathBuf::from("postlint.toml");
    if path.exists() {
        return Err(
            ConfigError { origin: "postlint.toml".into(), message: "already exists; not overwritten".into() }.into()
        );
    }
    std::fs::write(&path, config::STARTER).map_err(|e| RunError::io("postlint.toml", e))?;
    eprintln!("wrote postlint.toml");
    Ok(())
}

fn check(args: CheckArgs, out: &mut dyn Write) -> Result<i32, RunError> {
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        extend_select: args.extend_select.clone(),
        config_path: args.config.clone(),
        isolated: args.isolated,
    };
    let color =
        !args.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal();
    let format =
        args.output_format.unwrap_or(if std::io::stdout().is_terminal() { Format::Full } else { Format::Concise });
    let today = match &args.now {
        None => None,
        Some(text) => Some(crate::text::dates::parse_datetime(text).map(|d| d.date).map_err(|_| ConfigError {
            origin: "--now".into(),
            message: format!("`{text}` is not a date (YYYY-MM-DD)"),
        })?),
    };
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let fix_mode = match (args.fix || args.diff, args.unsafe_fixes) {
        (false, _) => None,
        (true, false) => Some(FixMode::Safe),
        (true, true) => Some(FixMode::Unsafe),
    };
    let options = CheckOptions {
        paths,
        stdin_filename: args.stdin_filename.clone(),
        force_exclude: args.force_exclude,
        keep_sources: format.needs_source(),
        today,
        overrides,
        fix: fix_mode,
        diff: args.diff,
        boundary: None,
        allow_empty: args.allow_empty,
        report_clean_files: format.lists_clean_files(),
        no_cache: args.no_cache || std::env::var_os("POSTLINT_NO_CACHE").is_some(),
    };
    let style = Style { color, quiet: args.quiet, fail_on: args.fail_on.threshold() };
    // A run that only prints may replay its last output when nothing changed; runs that
    // fix, diff or read stdin never do (the run cache refuses them anyway).
    let output_key = (fix_mode.is_none() && !args.diff).then(|| {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (format!("{args:?}"), format!("{format:?}"), color, std::env::var_os("POSTLINT_RULEBOOK_URL"))
            .hash(&mut hasher);
        hasher.finish()
    });
    // Without a run cache to save it in, the output is not kept (it can be tens of MiB).
    let mut recording = Recording { out, kept: Vec::new(), overflowed: options.no_cache || output_key.is_none() };
    let out = &mut recording;
    let mut emitter = output::emitter(format);
    let mut statistics = output::Statistics::default();
    let (mut changed, mut applied) = (false, 0);
    let (outcome, slot) = run::check_or_replay(&options, output_key, &mut |file| {
        if let Some(fixed) = &file.fixed {
            if !fixed.unconverged.is_empty() {
                eprintln!(
                    "postlint: {}: fixes for {} did not settle after {} passes; left as they are",
                    escape_output(&file.path),
                    fixed.unconverged.join(", "),
                    crate::fix::MAX_PASSES
                );
            }
            applied += fixed.applied;
            if args.diff {
                if let Some(diff) = &fixed.diff {
                    changed = true;
                    output::write_diff(out, diff).map_err(io_error)?;
                }
                return Ok(());
            }
            if let Some(text) = &fixed.text {
                // Editor mode: the fixed buffer goes to stdout as it is (it is the file's own
                // text, for the editor), the remaining problems to stderr.
                out.write_all(text.as_bytes()).map_err(io_error)?;
                let quiet = Style { color: false, quiet: true, fail_on: None };
                return output::emitter(Format::Concise)
                    .emit(&mut std::io::stderr().lock(), &[file], &Summary::default(), &quiet)
                    .map_err(io_error);
            }
        }
        statistics.add(&file.reports);
        emitter.file(out, &file, &style).map_err(io_error)
    })?;
    let summary = match outcome {
        run::Outcome::Replayed { output, exit } => {
            recording.out.write_all(&output).map_err(io_error)?;
            return Ok(exit);
        }
        run::Outcome::Ran(summary) => summary,
    };
    let out = &mut recording;
    if args.diff {
        return Ok(i32::from(changed && !args.exit_zero));
    }
    if args.fix && applied > 0 && !args.quiet {
        eprintln!("Fixed {applied} problem{}.", if applied == 1 { "" } else { "s" });
    }
    let fixing_stdin = fix_mode.is_some() && options.paths.iter().any(|p| p.as_os_str() == "-");
    if fixing_stdin {
        // stdout carries the fixed buffer alone; the closing line goes with the problems.
        emitter.finish(&mut std::io::stderr().lock(), &summary, &style).map_err(io_error)?;
    } else {
        emitter.finish(out, &summary, &style).map_err(io_error)?;
    }
    if args.statistics {
        statistics.write(out, &style).map_err(io_error)?;
    }
    let exit = exit_code(&args, &summary);
    if let Some(slot) = slot
        && !recording.overflowed
    {
        slot.save(&recording.kept, exit);
    }
    Ok(exit)
}

/// The output writer, keeping a copy of what went through it for the run cache (up to a
/// bound: a larger output is simply not kept).
struct Recording<'a> {
    out: &'a mut dyn Write,
    kept: Vec<u8>,
    overflowed: bool,
}

impl Write for Recording<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.out.write(bytes)?;
        if !self.overflowed {
            if self.kept.len() + written > RECORDED_OUTPUT_LIMIT {
                self.overflowed = true;
                self.kept = Vec::new();
            } else {
                self.kept.extend_from_slice(&bytes[..written]);
            }
        }
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Outputs larger than this are not kept for replay.
const RECORDED_OUTPUT_LIMIT: usize = 64 << 20;

fn exit_code(args: &CheckArgs, summary: &Summary) -> i32 {
    if args.exit_zero {
        return 0;
    }
    i32::from(args.fail_on.threshold().is_some_and(|threshold| summary.any_at_least(threshold)))
}
