//! `postlint.toml` / `.postlint.toml`: which rules run, with which options, on which files.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::rulebook::{self, RULE_DOCS};
use crate::rules::options::OptionValue;
use crate::rules::{self, Options, Rule, RuleKind};
use crate::site::GeneratorName;
use crate::text::lines::LineIndex;
use crate::text::suggest::unknown_name_hint;

pub const CONFIG_NAMES: &[&str] = &["postlint.toml", ".postlint.toml"];
pub use crate::site::DEFAULT_EXCLUDE;

/// A problem with the configuration or the command line: exit 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// `file:line:column: ` or the command-line flag.
    pub origin: String,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl std::error::Error for ConfigError {}

/// `[rules.CODE]`: option name → value, with spans for error messages.
type RuleTable = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    select: Option<Vec<Spanned<String>>>,
    ignore: Option<Vec<Spanned<String>>>,
    extend_select: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    extend_exclude: Option<Vec<Spanned<String>>>,
    per_file_ignores: Option<BTreeMap<Spanned<String>, Vec<Spanned<String>>>>,
    rules: Option<BTreeMap<Spanned<String>, RuleTable>>,
    generator: Option<Spanned<String>>,
    posts: Option<Vec<Spanned<String>>>,
    pages: Option<Vec<Spanned<String>>>,
    /// `[custom.X001]`: rules written in the configuration.
    custom: Option<BTreeMap<Spanned<String>, RuleTable>>,
    /// Files of more `[custom.…]` tables, globs relative to the config's directory.
    custom_rules: Option<Vec<Spanned<String>>>,
}

/// A file named by `custom-rules`: only `[custom.…]` tables.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomRulesFile {
    custom: Option<BTreeMap<Spanned<String>, RuleTable>>,
}

/// Selection given on the command line; it overrides or extends the file's.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub extend_select: Vec<String>,
    pub config_path: Option<PathBuf>,
    /// `--isolated`: read no config file; only these flags and the built-in defaults.
    pub isolated: bool,
    /// `--generator NAME`: the site's generator, over the config's (`Some(None)`: detect).
    /// A CI gate that runs `--isolated` pins it, so a pull request that adds another
    /// generator's config cannot switch checks off.
    pub generator: Option<Option<GeneratorName>>,
}

pub struct ActiveRule {
    pub code: &'static str,
    pub rule: Box<dyn Rule>,
    /// From the rule's doc: it checks posts only.
    pub posts_only: bool,
}

/// Everything resolved from config and command line for one run.
pub struct Settings {
    pub config_path: Option<PathBuf>,
    /// Globs in the config are relative to this directory.
    pub base_dir: PathBuf,
    pub rules: Vec<ActiveRule>,
    pub enabled: HashSet<&'static str>,
    pub severity_overrides: HashMap<&'static str, Severity>,
    pub per_file_ignores: Vec<(GlobSet, Vec<&'static str>)>,
    /// `exclude` and `extend-exclude` as the configuration writes them: always obeyed.
    pub exclude: GlobSet,
    /// Folder names postlint itself skips (`DEFAULT_EXCLUDE`) when the configuration
    /// gives no `exclude` of its own: skipped only where the generator builds nothing
    /// (see `discover`), since a pull request can name its folders.
    pub default_exclude: &'static [&'static str],
    pub generator: Option<GeneratorName>,
    /// `posts = [globs]` / `pages = [globs]`: which site-relative paths are posts or pages
    /// where the generator's convention does not say.
    pub posts: Option<GlobSet>,
    pub pages: Option<GlobSet>,
    /// The files `custom-rules` named: part of the configuration, so the run cache
    /// watches them too.
    pub custom_rule_files: Vec<PathBuf>,
}

impl Settings {
    pub fn severity(&self, code: &'static str, reported: Option<Severity>) -> Severity {
        if let Some(severity) = self.severity_overrides.get(code) {
            return *severity;
        }
        reported.or_else(|| rulebook::find(code).map(|doc| doc.severity)).unwrap_or(Severity::Warning)
    }

    /// Codes ignored for this file by `per-file-ignores`.
    pub fn ignored_for(&self, path: &Path) -> Vec<&'static str> {
        let relative = relative_to(path, &self.base_dir);
        self.per_file_ignores
            .iter()
            .filter(|(globs, _)| globs.is_match(&relative))
            .flat_map(|(_, codes)| codes.iter().copied())
            .collect()
    }

    pub fn is_excluded(&self, path: &Path) -> bool {
        let relative = relative_to(path, &self.base_dir);
        self.exclude.is_match(&relative) || path.components().any(|c| self.exclude.is_match(Path::new(c.as_os_str())))
    }

    /// `is_excluded` for a file a walk of `root` found, when no folder of `root` as given
    /// is excluded and the walk matched the folders below it by name: its path from
    /// `root` and from the config's folder, and its own name.
    pub fn is_excluded_within(&self, path: &Path, root: &Path) -> bool {
        let below_root = path.strip_prefix(root).unwrap_or(path);
        self.exclude.is_match(below_root)
            || path.file_name().is_some_and(|name| self.exclude.is_match(Path::new(name)))
            || self.exclude.is_match(relative_to(path, &self.base_dir))
    }

    /// Whether a folder of `path` as given is excluded by name (so is all below it).
    pub fn excludes_a_folder_of(&self, path: &Path) -> bool {
        path.components().any(|c| self.exclude.is_match(Path::new(c.as_os_str())))
    }
}

fn relative_to(path: &Path, base: &Path) -> PathBuf {
    // The working directory is read once per process (`std::path::absolute` asks the
    // kernel for it on every call: a twentieth of a cached run over 10,000 posts).
    let absolute = crate::site::absolute_path(path);
    absolute.strip_prefix(base).map(Path::to_path_buf).unwrap_or(absolute)
}

/// Walks up from `start` to the first config file, stopping at a repository root. A
/// config that is a symbolic link is found too, so that where it leads is checked (and
/// refused) rather than silently passed over.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(start).ok()?;
    let first = if absolute.is_file() { absolute.parent()?.to_path_buf() } else { absolute };
    for dir in first.ancestors() {
        for name in CONFIG_NAMES {
            let candidate = dir.join(name);
            if candidate.symlink_metadata().is_ok_and(|m| !m.is_dir()) {
                return Some(candidate);
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// The text of a config file, read as every file postlint reads: a regular file of at
/// most `bounded::CONFIG` (1 MiB). A discovered config must also resolve inside the
/// content boundary of the folder it was found in (its repository, else that folder)
/// and outside `.git`; a `--config` file is trusted where it is named. A refusal names
/// the path and the reason, never the content.
fn read_config(path: &Path, named: bool) -> Result<String, ConfigError> {
    let roots = match (named, path.parent()) {
        (false, Some(folder)) => vec![crate::bounded::content_boundary(folder)],
        _ => Vec::new(),
    };
    crate::bounded::read_to_string(path, crate::bounded::CONFIG, &roots).map_err(|refused| {
        let message = match refused {
            crate::bounded::Refused::Missing => "is a symbolic link that leads nowhere; not read".to_string(),
            refused => refused.to_string(),
        };
        ConfigError { origin: path.display().to_string(), message }
    })
}

/// Loads settings for linting paths under `start`.
///
/// On a stranger's pull request the config found in the checkout is the author's: it can
/// say `select = []`. A CI gate therefore either passes `--isolated` (no config file at
/// all) or `--config` with a copy of the base branch's config, wherever it was written:
/// globs in a `--config` file are relative to the working directory (as in ruff), so
/// the copy means what it means at the repository root.
pub fn load(start: &Path, overrides: &Overrides) -> Result<Settings, ConfigError> {
    if overrides.isolated {
        return defaults(overrides);
    }
    let config_path = match &overrides.config_path {
        Some(path) => {
            if !path.is_file() {
                return Err(ConfigError {
                    origin: "--config".into(),
                    message: format!("no config file at {}", path.display()),
                });
            }
            Some(path.clone())
        }
        None => find_config(start),
    };
    let (raw, text) = match &config_path {
        Some(path) => {
            let text = read_config(path, overrides.config_path.is_some())?;
            let raw: RawConfig = toml::from_str(&text).map_err(|e| {
                let origin = match e.span() {
                    Some(span) => locate(path, &text, span.start),
                    None => path.display().to_string(),
                };
                ConfigError { origin, message: unknown_name_hint(e.message().trim()) }
            })?;
            (raw, text)
        }
        None => (RawConfig::default(), String::new()),
    };
    let base_dir = config_path
        .as_ref()
        .filter(|_| overrides.config_path.is_none())
        .and_then(|p| p.parent())
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
    Resolver { path: config_path.as_deref(), text: &text }.resolve(raw, overrides, base_dir, config_path.clone())
}

/// Settings from the command line alone, as if no config file existed.
pub fn defaults(overrides: &Overrides) -> Result<Settings, ConfigError> {
    let base_dir = std::env::current_dir().unwrap_or_default();
    Resolver { path: None, text: "" }.resolve(RawConfig::default(), overrides, base_dir, None)
}

/// Settings from config text (for tests and the language server's unsaved buffers).
pub fn from_text(path: &Path, text: &str, overrides: &Overrides) -> Result<Settings, ConfigError> {
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let origin = e.span().map_or_else(|| path.display().to_string(), |span| locate(path, text, span.start));
        ConfigError { origin, message: unknown_name_hint(e.message().trim()) }
    })?;
    let base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    Resolver { path: Some(path), text }.resolve(raw, overrides, base_dir, Some(path.to_path_buf()))
}

fn locate(path: &Path, text: &str, offset: usize) -> String {
    let position = LineIndex::new(text).position(text, offset);
    format!("{}:{}:{}", path.display(), position.line, position.column)
}

struct Resolver<'a> {
    path: Option<&'a Path>,
    text: &'a str,
}

impl Resolver<'_> {
    fn error(&self, span: Option<std::ops::Range<usize>>, message: String) -> ConfigError {
        let origin = match (self.path, span) {
            (Some(path), Some(span)) => locate(path, self.text, span.start),
            (Some(path), None) => path.display().to_string(),
            (None, _) => "command line".to_string(),
        };
        ConfigError { origin, message }
    }

    fn codes(&self, selectors: &[Spanned<String>], key: &str) -> Result<Vec<&'static str>, ConfigError> {
        let mut codes = Vec::new();
        for selector in selectors {
            let matched = select(selector.get_ref());
            if matched.is_empty() {
                return Err(
                    self.error(Some(selector.span()), format!("`{key}` names unknown rule `{}`", selector.get_ref()))
                );
            }
            codes.extend(matched);
        }
        Ok(codes)
    }

    fn resolve(
        &self,
        raw: RawConfig,
        overrides: &Overrides,
        base_dir: PathBuf,
        config_path: Option<PathBuf>,
    ) -> Result<Settings, ConfigError> {
        let cli_codes = |values: &[String], flag: &str| -> Result<Vec<&'static str>, ConfigError> {
            let mut codes = Vec::new();
            for value in values {
                let matched = select(value);
                if matched.is_empty() {
                    return Err(ConfigError { origin: flag.to_string(), message: format!("unknown rule `{value}`") });
                }
                codes.extend(matched);
            }
            Ok(codes)
        };
        let (custom_rules, custom_rule_files) = self.custom_rules(&raw, &base_dir)?;
        rulebook::register_custom(custom_rules.iter().map(|rule| rule.doc.clone()).collect());
        let mut enabled: HashSet<&'static str> = match (&overrides.select, &raw.select) {
            (Some(select), _) => cli_codes(select, "--select")?.into_iter().collect(),
            (None, Some(select)) => self.codes(select, "select")?.into_iter().collect(),
            // The project's own rules run unless deselected: someone wrote them to run.
            (None, None) => RULE_DOCS
                .iter()
                .filter(|doc| doc.default_enabled)
                .map(|doc| doc.code)
                .chain(custom_rules.iter().map(|rule| rule.code))
                .collect(),
        };
        if let Some(extend) = &raw.extend_select {
            enabled.extend(self.codes(extend, "extend-select")?);
        }
        enabled.extend(cli_codes(&overrides.extend_select, "--extend-select")?);
        if let Some(ignore) = &raw.ignore {
            for code in self.codes(ignore, "ignore")? {
                enabled.remove(code);
            }
        }
        for code in cli_codes(&overrides.ignore, "--ignore")? {
            enabled.remove(code);
        }

        let mut rule_tables = HashMap::new();
        for (selector, table) in raw.rules.unwrap_or_default() {
            let Some(doc) = rulebook::find(selector.get_ref()) else {
                return Err(
                    self.error(Some(selector.span()), format!("`[rules]` names unknown rule `{}`", selector.get_ref()))
                );
            };
            rule_tables.insert(doc.code, table);
        }

        let mut severity_overrides = HashMap::new();
        for rule in &custom_rules {
            for (key, value) in rule_tables.get(rule.code).into_iter().flatten() {
                if key.get_ref() != "severity" {
                    return Err(self.error(
                        Some(key.span()),
                        format!(
                            "unknown option `{}` for {}; a custom rule takes only `severity` here (its definition is in `[custom.{}]`)",
                            key.get_ref(),
                            rule.code,
                            rule.code
                        ),
                    ));
                }
                let severity = value.get_ref().as_str().and_then(Severity::parse).ok_or_else(|| {
                    self.error(Some(value.span()), "`severity` must be \"error\", \"warning\" or \"info\"".to_string())
                })?;
                severity_overrides.insert(rule.code, severity);
            }
        }
        let mut all_options: rules::SharedOptions = HashMap::new();
        for spec in rules::REGISTRY {
            let table = rule_tables.get(spec.code);
            let doc = rulebook::find(spec.code);
            let mut options = Options::from_defaults(doc.and_then(|d| d.option_defaults()).as_ref());
            if let Some(table) = table {
                for (key, value) in table {
                    if key.get_ref() == "severity" {
                        let severity = value.get_ref().as_str().and_then(Severity::parse).ok_or_else(|| {
                            self.error(
                                Some(value.span()),
                                "`severity` must be \"error\", \"warning\" or \"info\"".to_string(),
                            )
                        })?;
                        severity_overrides.insert(spec.code, severity);
                        continue;
                    }
                    let Some(default) = options.get(key.get_ref()).cloned() else {
                        let known: Vec<_> = options.keys().map(|k| format!("`{k}`")).collect();
                        let expected = if known.is_empty() {
                            "it has no options".to_string()
                        } else {
                            format!("expected `severity`, {}", known.join(", "))
                        };
                        let hint = crate::text::suggest::closest(key.get_ref(), options.keys())
                            .map(|best| format!(" (did you mean `{best}`?)"))
                            .unwrap_or_default();
                        return Err(self.error(
                            Some(key.span()),
                            format!("unknown option `{}` for {}{hint}; {expected}", key.get_ref(), spec.code),
                        ));
                    };
                    let parsed =
                        OptionValue::from_toml(value.get_ref()).filter(|v| v.same_kind(&default)).ok_or_else(|| {
                            self.error(
                                Some(value.span()),
                                format!(
                                    "option `{}` of {} must be {}",
                                    key.get_ref(),
                                    spec.code,
                                    default.describe_kind()
                                ),
                            )
                        })?;
                    // Every number option is a count, a width, a share or a month: a
                    // negative value is a mistake, not a setting.
                    let negative = match &parsed {
                        OptionValue::Integer(n) => *n < 0,
                        OptionValue::Float(f) => *f < 0.0,
                        _ => false,
                    };
                    if negative {
                        return Err(self.error(
                            Some(value.span()),
                            format!("option `{}` of {} must not be negative", key.get_ref(), spec.code),
                        ));
                    }
                    options.set(key.get_ref(), parsed);
                }
            }
            all_options.insert(spec.code, options);
        }
        let mut rules = Vec::new();
        for spec in rules::REGISTRY {
            if !enabled.contains(spec.code) {
                continue;
            }
            if let RuleKind::Post(build) = spec.kind {
                let options = &all_options[spec.code];
                let rule = build(options, &all_options).map_err(|e| {
                    let span = rule_tables
                        .get(spec.code)
                        .and_then(|t| t.iter().find(|(k, _)| k.get_ref() == &e.key))
                        .map(|(_, v)| v.span());
                    self.error(span, format!("option `{}` of {}: {}", e.key, spec.code, e.message))
                })?;
                let posts_only = rulebook::find(spec.code).is_some_and(|doc| doc.posts_only);
                rules.push(ActiveRule { code: spec.code, rule, posts_only });
            }
        }
        for rule in custom_rules {
            if enabled.contains(rule.code) {
                let (code, posts_only) = (rule.code, rule.posts_only);
                rules.push(ActiveRule { code, rule: Box::new(rule), posts_only });
            }
        }

        let mut exclude = GlobSetBuilder::new();
        let default_exclude: &'static [&'static str] = if raw.exclude.is_some() { &[] } else { DEFAULT_EXCLUDE };
        for pattern in raw.exclude.iter().flatten().chain(raw.extend_exclude.iter().flatten()) {
            for glob in self.globs(pattern)? {
                exclude.add(glob);
            }
        }
        let exclude = exclude.build().map_err(|e| self.error(None, e.to_string()))?;

        let mut per_file_ignores = Vec::new();
        for (pattern, selectors) in raw.per_file_ignores.unwrap_or_default() {
            let mut set = GlobSetBuilder::new();
            for glob in self.globs(&pattern)? {
                set.add(glob);
            }
            let set = set.build().map_err(|e| self.error(Some(pattern.span()), e.to_string()))?;
            per_file_ignores.push((set, self.codes(&selectors, "per-file-ignores")?));
        }

        let generator = match &raw.generator {
            None => None,
            Some(value) => GeneratorName::parse(value.get_ref()).ok_or_else(|| {
                self.error(
                    Some(value.span()),
                    format!(
                        "unknown generator `{}`; expected {}",
                        value.get_ref(),
                        GeneratorName::choices().join(", ")
                    ),
                )
            })?,
        };
        let generator = overrides.generator.unwrap_or(generator);

        let posts = self.kind_globs(raw.posts.as_deref())?;
        let pages = self.kind_globs(raw.pages.as_deref())?;
        Ok(Settings {
            config_path,
            base_dir,
            rules,
            enabled,
            severity_overrides,
            per_file_ignores,
            exclude,
            default_exclude,
            generator,
            posts,
            pages,
            custom_rule_files,
        })
    }

    /// `[custom.…]` of the config, then of each file `custom-rules` names.
    fn custom_rules(
        &self,
        raw: &RawConfig,
        base_dir: &Path,
    ) -> Result<(Vec<crate::custom::CustomRule>, Vec<PathBuf>), ConfigError> {
        let mut found = Vec::new();
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut add = |resolver: &Resolver<'_>, tables: &BTreeMap<Spanned<String>, RuleTable>| {
            for (code, table) in tables {
                let rule = crate::custom::parse_rule(code, table).map_err(|e| resolver.error(e.span, e.message))?;
                let origin = resolver.path.map_or_else(|| "the config".to_string(), |p| p.display().to_string());
                if let Some(first) = seen.insert(rule.code.to_string(), origin) {
                    return Err(resolver.error(
                        Some(code.span()),
                        format!("custom rule {} is defined twice (first in {first})", rule.code),
                    ));
                }
                found.push(rule);
            }
            Ok(())
        };
        if let Some(tables) = &raw.custom {
            add(self, tables)?;
        }
        let mut files = Vec::new();
        for pattern in raw.custom_rules.iter().flatten() {
            // Files a config names are read inside its folder's boundary, outside `.git`.
            let roots = [crate::bounded::content_boundary(base_dir)];
            for path in self.custom_rule_paths(pattern, base_dir, &roots)? {
                let text = crate::bounded::read_to_string(&path, crate::bounded::CONFIG, &roots).map_err(|e| {
                    self.error(Some(pattern.span()), format!("custom rules file {}: {e}", path.display()))
                })?;
                let resolver = Resolver { path: Some(&path), text: &text };
                let file: CustomRulesFile = toml::from_str(&text).map_err(|e| {
                    let origin =
                        e.span().map_or_else(|| path.display().to_string(), |span| locate(&path, &text, span.start));
                    ConfigError { origin, message: e.message().trim().to_string() }
                })?;
                if let Some(tables) = &file.custom {
                    add(&resolver, tables)?;
                }
                files.push(path);
            }
        }
        Ok((found, files))
    }

    /// The files a `custom-rules` entry names: a path, or `dir/*.toml` (a wildcard in the
    /// file name only), inside the config's directory.
    fn custom_rule_paths(
        &self,
        pattern: &Spanned<String>,
        base_dir: &Path,
        roots: &[PathBuf],
    ) -> Result<Vec<PathBuf>, ConfigError> {
        let text = pattern.get_ref().trim_start_matches("./");
        let relative = Path::new(text);
        let escapes =
            relative.is_absolute() || relative.components().any(|c| !matches!(c, std::path::Component::Normal(_)));
        if escapes || text.is_empty() {
            return Err(self.error(
                Some(pattern.span()),
                format!("`custom-rules` entry `{}` must be a path inside the config's directory", pattern.get_ref()),
            ));
        }
        let (dir, name) = match text.rsplit_once('/') {
            Some((dir, name)) => (base_dir.join(dir), name),
            None => (base_dir.to_path_buf(), text),
        };
        if dir.to_string_lossy().contains(['*', '?', '[']) {
            return Err(self.error(
                Some(pattern.span()),
                "`custom-rules` takes a wildcard in the file name only (`rules/*.toml`)".to_string(),
            ));
        }
        let matcher = Glob::new(name)
            .map_err(|e| self.error(Some(pattern.span()), format!("invalid glob `{}`: {e}", pattern.get_ref())))?
            .compile_matcher();
        // A folder linked to somewhere outside is not listed: no outside name is shown.
        let mut paths: Vec<PathBuf> = crate::bounded::list_dir(&dir, roots)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .filter(|path| path.file_name().is_some_and(|n| matcher.is_match(Path::new(n))))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        if paths.is_empty() {
            return Err(
                self.error(Some(pattern.span()), format!("`custom-rules` entry `{}` names no file", pattern.get_ref()))
            );
        }
        Ok(paths)
    }

    /// `posts`/`pages` globs, matched against paths relative to the site root.
    fn kind_globs(&self, patterns: Option<&[Spanned<String>]>) -> Result<Option<GlobSet>, ConfigError> {
        let Some(patterns) = patterns else { return Ok(None) };
        let mut set = GlobSetBuilder::new();
        for pattern in patterns {
            let text = pattern.get_ref().trim_start_matches("./").trim_start_matches('/');
            let glob = Glob::new(text)
                .map_err(|e| self.error(Some(pattern.span()), format!("invalid glob `{}`: {e}", pattern.get_ref())))?;
            set.add(glob);
        }
        set.build().map(Some).map_err(|e| self.error(None, e.to_string()))
    }

    /// A pattern without `/` matches a file or directory name anywhere (like .gitignore).
    fn globs(&self, pattern: &Spanned<String>) -> Result<Vec<Glob>, ConfigError> {
        let text = pattern.get_ref().trim_end_matches('/');
        let patterns = if text.contains('/') {
            let text = text.trim_start_matches("./").trim_start_matches('/');
            vec![text.to_string(), format!("{text}/**")]
        } else {
            vec![text.to_string(), format!("**/{text}"), format!("**/{text}/**")]
        };
        patterns
            .iter()
            .map(|p| {
                Glob::new(p).map_err(|e| {
                    let span = (pattern.span() != (0..0)).then(|| pattern.span());
                    self.error(span, format!("invalid glob `{}`: {e}", pattern.get_ref()))
                })
            })
            .collect()
    }
}

/// Codes matched by a selector: a code, a prefix (`IMG`, `IMG00`), a rule name, or `ALL`.
pub fn select(selector: &str) -> Vec<&'static str> {
    let selector = selector.trim();
    let docs = rulebook::all();
    if selector.eq_ignore_ascii_case("ALL") {
        return docs.iter().map(|doc| doc.code).collect();
    }
    if let Some(doc) = docs.iter().find(|doc| doc.name == selector) {
        return vec![doc.code];
    }
    let upper = selector.to_ascii_uppercase();
    if upper.is_empty() {
        return Vec::new();
    }
    docs.iter().filter(|doc| doc.code.starts_with(&upper)).map(|doc| doc.code).collect()
}

/// The commented starter file that `postlint init` writes.
pub const STARTER: &str = r#"# postlint configuration. Every key is optional; the commented lines are examples.
# Rules are selected by code (IMG002), prefix (IMG), name (duplicate-query-param) or ALL.
# Without `select`, the default set runs: the rules precise enough on real sites.
# `postlint rules` lists every rule and whether it is in the default set.

# select = ["ALL"]          # every rule, the opt-in ones too
# extend-select = ["HD001"] # add opt-in rules to the default set
# ignore = ["KW007"]        # rules to turn off

# Files and directories never linted when walking (and, with --force-exclude,
# even when named on the command line).
# exclude = ["node_modules", "_site", "public", "vendor", ".git", ".jekyll-cache"]
# extend-exclude = ["drafts/**"]

# generator = "auto"        # auto | jekyll | hugo | zola | astro | eleventy | vuepress | mkdocs | hexo | docusaurus | none

# Which files are posts (dated articles: every SEO rule applies) and which are pages,
# where the generator's convention does not say; globs relative to the site root.
# posts = ["content/articles/**"]
# pages = ["content/landing/**"]

# [per-file-ignores]
# "_posts/archive/**" = ["KW"]

# [rules.FM008]
# severity = "info"
# max = 60

# Rules of your own (see the README's "Your own rules"); `postlint rules --test` runs
# their examples.
# [custom.X001]
# kind = "substitution"
# scope = "body"
# message = "write `{replacement}` instead of `{match}`"
# swap = { "させていただきます" = "します" }
# bad = ["ご案内させていただきます。"]
# good = ["ご案内します。"]
"#;
