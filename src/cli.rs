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
    /// Show the site as postlint sees it: the generator and the evidence, the settings
    /// read, each file with its kind, language and URL, and what could not be checked.
    Site {
        /// Files, directories or globs (default: the current directory).
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        output_format: ListFormat,
        /// The configuration to read (default: the one found from the first path).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Ignore every config file.
        #[arg(long, conflicts_with = "config")]
        isolated: bool,
        /// The site's generator (`jekyll`, `hugo` … or `auto`), over the config's.
        #[arg(long, value_name = "NAME")]
        generator: Option<String>,
        /// Also each built file's headings with the ids the generator gives them, and
        /// every anchor it has (what `#fragment` links are checked against).
        #[arg(long)]
        detail: bool,
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
    /// Say on stderr why each file named on the command line was skipped (with
    /// `--force-exclude`: the config excludes it, or the site does not build it).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// Print counts per rule after the diagnostics (to stderr when stdout carries
    /// json, json-lines, sarif, junit or gitlab; `--output-format statistics` prints
    /// only the counts).
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
    /// The site's generator (`jekyll`, `hugo` … or `auto`), over the config's `generator`:
    /// a CI gate running `--isolated` pins it here.
    #[arg(long, value_name = "NAME")]
    pub generator: Option<String>,
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
    /// Do not report (nor fail on) the findings this baseline file lists; report the
    /// others, and count its entries that no longer match (never a failure). In a gate,
    /// pass the base branch's copy, so a pull request cannot list its own findings.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Write (or rewrite) this baseline file from the run's findings: entries of the
    /// files and rules the run checked are replaced, which prunes what was fixed.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "diff"])]
    pub write_baseline: Option<PathBuf>,
    /// Show only diagnostics at or above this severity (`error`: errors only, as
    /// eslint's --quiet); the summary and the exit code count only what is shown.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub severity: Option<ShowSeverity>,
}

/// `--severity`: the least severe diagnostic shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowSeverity {
    Error,
    Warning,
    Info,
}

impl ShowSeverity {
    fn level(self) -> Severity {
        match self {
            ShowSeverity::Error => Severity::Error,
            ShowSeverity::Warning => Severity::Warning,
            ShowSeverity::Info => Severity::Info,
        }
    }
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
        // The reader of stdout went away (`postlint rules | head`): as ripgrep does, stop
        // quietly instead of blaming the user for it.
        Err(RunError::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => 0,
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
    // As the config itself was read: inside its folder's boundary, outside `.git`.
    let roots = [crate::bounded::content_boundary(path.parent()?)];
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
        Command::Site { paths, output_format, config, isolated, generator, detail } => {
            let paths = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths };
            let overrides = Overrides {
                config_path: config,
                isolated,
                generator: generator_override(generator.as_deref())?,
                ..Overrides::default()
            };
            let sites = run::describe_sites(&paths, &overrides, detail)?;
            match output_format {
                ListFormat::Json => {
                    let json = serde_json::json!({"version": 1, "sites": sites});
                    let text = serde_json::to_string_pretty(&json).map_err(|e| RunError::Server(e.to_string()))?;
                    write_out(&mut out, &format!("{}\n", crate::text::escape::escape_json(&text)))?;
                }
                ListFormat::Text => write_out(&mut out, &describe_text(&sites))?,
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

/// `--generator NAME`: `Some(None)` for `auto`, a usage error for a name no adapter has.
fn generator_override(name: Option<&str>) -> Result<Option<Option<crate::site::GeneratorName>>, ConfigError> {
    let Some(name) = name else { return Ok(None) };
    crate::site::GeneratorName::parse(name).map(Some).ok_or_else(|| ConfigError {
        origin: "--generator".into(),
        message: format!(
            "unknown generator `{}`; expected {}",
            escape_output(name),
            crate::site::GeneratorName::choices().join(", ")
        ),
    })
}

/// `postlint site` as text: per site its generator and evidence, settings, totals, what
/// could not be checked, then a line per file (kind, path, URL, language).
fn describe_text(sites: &[crate::site::describe::SiteDescription]) -> String {
    let mut text = String::new();
    for site in sites {
        let e = |text: &str| escape_output(text).into_owned();
        text.push_str(&format!("{}  {} (from {})\n", e(&site.root), site.generator, e(&site.evidence)));
        for (key, value) in &site.settings {
            let shown = match value {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) if s.is_empty() => continue,
                serde_json::Value::Array(items) if items.is_empty() => continue,
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            text.push_str(&format!("  {key}: {}\n", e(&shown)));
        }
        let totals: Vec<String> = site.totals.iter().map(|(kind, n)| format!("{n} {kind}")).collect();
        text.push_str(&format!("  {} files: {}\n", site.files.len(), totals.join(", ")));
        for note in &site.unchecked {
            text.push_str(&format!("  not checked: {}\n", e(note)));
        }
        let width = site.files.iter().map(|f| f.path.chars().count()).max().unwrap_or(0).min(80);
        for file in &site.files {
            text.push_str(&format!(
                "  {:8} {:width$}  {}{}\n",
                file.kind,
                e(&file.path),
                e(file.url.as_deref().unwrap_or("-")),
                file.language.as_deref().map(|l| format!("  [{}]", e(l))).unwrap_or_default(),
            ));
        }
        text.push('\n');
    }
    format!("{}\n", text.trim_end())
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
    let site = crate::site::Site::detached(None);
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
            let docs = rulebook::all();
            let name_width = docs.iter().map(|doc| doc.name.len()).max().unwrap_or(0);
            let columns = crate::text::wrap::terminal_width();
            // The summary wraps beside the columns when that leaves it 40 columns, else
            // under them, indented under the name.
            let prefix = 7 + 1 + name_width + 1 + 8 + 1 + 8 + 1;
            let (beside, indent) = if columns >= prefix + 40 { (true, prefix) } else { (false, 8) };
            let room = columns.saturating_sub(indent).max(20);
            for doc in docs {
                let set = if doc.default_enabled { "default" } else { "opt-in" };
                // Custom rules' names and descriptions come from the configuration.
                let mut lines = crate::text::wrap::wrap(doc.summary, room).into_iter();
                let head =
                    format!("{:<7} {:<name_width$} {:<8} {:<8} ", doc.code, doc.name, doc.severity.as_str(), set);
                let first = if beside { lines.next().unwrap_or_default() } else { String::new() };
                writeln!(out, "{}", escape_output(format!("{head}{first}").trim_end())).map_err(io_error)?;
                for line in lines {
                    writeln!(out, "{:indent$}{}", "", escape_output(&line)).map_err(io_error)?;
                }
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

/// Writes the starter `postlint.toml`, created exclusively (`O_CREAT | O_EXCL`): an
/// existing file is not overwritten, and a committed symbolic link at that name (even a
/// dangling one, `postlint.toml -> ../elsewhere`) is refused, never written through.
fn init() -> Result<(), RunError> {
    use std::io::ErrorKind;
    let path = PathBuf::from("postlint.toml");
    let refuse = |message: &str| ConfigError { origin: "postlint.toml".into(), message: message.into() };
    let created = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    let mut file = match created {
        Ok(file) => file,
        Err(error) if error.kind() == ErrorKind::AlreadyExists => {
            let is_link = path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
            return Err(if is_link {
                refuse("is a symbolic link; postlint does not write through links (remove the link first)")
            } else {
                refuse("already exists; not overwritten")
            }
            .into());
        }
        Err(error) => return Err(RunError::io("postlint.toml", error)),
    };
    file.write_all(config::STARTER.as_bytes()).map_err(|e| RunError::io("postlint.toml", e))?;
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
        generator: generator_override(args.generator.as_deref())?,
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
    let shown_level = args.severity.map(ShowSeverity::level);
    if let (Some(fail), Some(shown)) = (args.fail_on.threshold(), shown_level)
        && fail < shown
        && !args.exit_zero
    {
        return Err(ConfigError {
            origin: "--fail-on".into(),
            message: format!(
                "`--fail-on {fail}` would fail the run on diagnostics that `--severity {shown}` hides; give --severity {fail} or lower"
            ),
        }
        .into());
    }
    let mut baseline = match (&args.baseline, &args.write_baseline) {
        (Some(path), _) => Some(crate::baseline::Baseline::read(path)?),
        (None, Some(path)) => Some(crate::baseline::Baseline::for_writing(path)?),
        (None, None) => None,
    };
    let fix_mode = match (args.fix || args.diff, args.unsafe_fixes) {
        (false, _) => None,
        (true, false) => Some(FixMode::Safe),
        (true, true) => Some(FixMode::Unsafe),
    };
    let options = CheckOptions {
        paths,
        stdin_filename: args.stdin_filename.clone(),
        force_exclude: args.force_exclude,
        verbose: args.verbose,
        // The baseline's fingerprints read the text each finding points at.
        keep_sources: format.needs_source() || baseline.is_some(),
        today,
        overrides,
        fix: fix_mode,
        diff: args.diff,
        boundary: None,
        allow_empty: args.allow_empty,
        // The baseline counts stale entries of every checked file, clean ones too.
        report_clean_files: format.lists_clean_files() || baseline.is_some(),
        no_cache: args.no_cache || std::env::var_os("POSTLINT_NO_CACHE").is_some(),
    };
    let style = Style { color, quiet: args.quiet, fail_on: args.fail_on.threshold() };
    let fixing_stdin = fix_mode.is_some() && options.paths.iter().any(|p| p.as_os_str() == "-");
    let statistics_to_stderr = args.statistics && (format.is_machine_readable() || fixing_stdin);
    // The baseline's line goes to stderr when the format has no summary of its own.
    let baseline_to_stderr = baseline.is_some() && !format.has_summary() && !args.quiet;
    // Which rules ran: a baseline speaks only for those (a `--select LNK` hook leaves the
    // other rules' entries alone).
    let enabled = match &baseline {
        Some(_) => run::settings(&options)?.enabled,
        None => Default::default(),
    };
    // A run that only prints may replay its last output when nothing changed; runs that
    // fix, diff, read stdin or write a baseline never do (the run cache refuses the first
    // three anyway), nor runs that also write to stderr (only stdout is kept).
    let output_key = (fix_mode.is_none()
        && !args.diff
        && !statistics_to_stderr
        && !baseline_to_stderr
        && args.write_baseline.is_none())
    .then(|| {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (format!("{args:?}"), format!("{format:?}"), color, std::env::var_os("POSTLINT_RULEBOOK_URL"))
            .hash(&mut hasher);
        // The baseline file's content decides what is shown, not only its name.
        baseline.as_ref().map(crate::baseline::Baseline::content_hash).hash(&mut hasher);
        run::OutputKey { hash: hasher.finish(), annotations: format == Format::Github, colour: color }
    });
    // Without a run cache to save it in, the output is not kept (it can be tens of MiB).
    let mut recording = Recording { out, kept: Vec::new(), overflowed: options.no_cache || output_key.is_none() };
    let out = &mut recording;
    let mut emitter = output::emitter(format);
    let mut statistics = output::Statistics::default();
    let (mut changed, mut applied) = (false, 0);
    // What is shown: the run's reports less the baseline's and those below --severity.
    let mut shown = Summary::default();
    let (outcome, slot) = run::check_or_replay(&options, output_key, &mut |mut file| {
        if let Some(baseline) = baseline.as_mut() {
            let reports = std::mem::take(&mut file.reports);
            file.reports = baseline.filter(&file.path, file.source.as_deref(), reports);
        }
        if let Some(level) = shown_level {
            file.reports.retain(|report| report.severity >= level);
        }
        shown.add_file(&file.reports);
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
        if file.reports.is_empty() && !format.lists_clean_files() {
            return Ok(());
        }
        statistics.add(&file.reports);
        emitter.file(out, &file, &style).map_err(io_error)
    })?;
    let (checked, unchecked) = match outcome {
        run::Outcome::Replayed { output, exit, unchecked } => {
            recording.out.write_all(output.as_bytes()).map_err(io_error)?;
            say_unchecked(&unchecked, args.quiet);
            return Ok(exit);
        }
        run::Outcome::Ran(summary) => (summary.files, summary.unchecked),
    };
    say_unchecked(&unchecked, args.quiet);
    let rule_ran = |code: &str| enabled.contains(code);
    let summary = Summary {
        files: checked,
        baseline: baseline.as_ref().map(|baseline| baseline.summary(&rule_ran)),
        unchecked,
        ..shown
    };
    if let (Some(baseline), Some(path)) = (&baseline, &args.write_baseline) {
        let (written, pruned) = baseline.write(&rule_ran)?;
        if !args.quiet {
            eprintln!(
                "postlint: wrote {}: {} ({pruned} pruned)",
                escape_output(&path.display().to_string()),
                if written == 1 { "1 finding".to_string() } else { format!("{written} findings") }
            );
        }
    }
    let out = &mut recording;
    if args.diff {
        return Ok(i32::from(changed && !args.exit_zero));
    }
    if args.fix && applied > 0 && !args.quiet {
        eprintln!("Fixed {applied} problem{}.", if applied == 1 { "" } else { "s" });
    }
    if fixing_stdin {
        // stdout carries the fixed buffer alone; the closing line goes with the problems.
        emitter.finish(&mut std::io::stderr().lock(), &summary, &style).map_err(io_error)?;
    } else {
        emitter.finish(out, &summary, &style).map_err(io_error)?;
    }
    if statistics_to_stderr {
        // stdout is one document a program parses (or the fixed buffer): the table goes
        // beside it, to stderr.
        let style = Style { color: !args.no_color && std::io::stderr().is_terminal(), ..style };
        statistics.write(&mut std::io::stderr().lock(), &style).map_err(io_error)?;
    } else if args.statistics && format != Format::Statistics {
        statistics.write(out, &style).map_err(io_error)?;
    }
    if baseline_to_stderr && let Some(baseline) = &summary.baseline {
        output::write_baseline_line(&mut std::io::stderr().lock(), baseline).map_err(io_error)?;
    }
    let exit = exit_code(&args, &summary);
    if let Some(slot) = slot
        && !recording.overflowed
    {
        slot.save(&recording.kept, exit);
    }
    Ok(exit)
}

/// What the run could not check, once per site, on stderr: a note, never a diagnostic,
/// and never a change of exit code.
fn say_unchecked(unchecked: &[String], quiet: bool) {
    if quiet {
        return;
    }
    for note in unchecked {
        eprintln!("postlint: note: {}", escape_output(note));
    }
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
