//! `--baseline FILE` and `--write-baseline FILE`: adopting postlint on a site that already
//! has findings, as ESLint's bulk suppressions and PHPStan's baseline do.
//!
//! The baseline is a committed JSON file of today's findings. A run with `--baseline`
//! does not report (nor fail on) a finding the file lists, reports every other one, and
//! counts the entries of the files it checked that matched nothing (stale: fixed, or
//! changed past recognition), which never fail a run; `--write-baseline` rewrites the
//! file from the run, pruning those.
//!
//! A finding is recognised by its file (relative to the repository root, so the file can
//! be kept anywhere, e.g. the base branch's copy in `$RUNNER_TEMP`), its rule, and a
//! fingerprint of its message and of the first line of the text it points at, both
//! normalised: whitespace collapsed, and the line numbers a message may quote ("front
//! matter `date` (line 4)") and today's date masked. Line and column are never part of
//! it, so a finding survives lines added above it. Each fingerprint has a count, so two
//! identical findings in one file are two entries: fixing one leaves one stale, and a
//! third identical one is reported.
//!
//! PL001 (a file postlint could not read or lint) is never baselined: it says the run
//! did not check something, which no file should hide.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::bounded;
use crate::config::ConfigError;
use crate::diagnostic::Report;
use crate::output::BaselineSummary;
use crate::text::hash::fingerprint;

/// The format this postlint reads and writes.
const VERSION: u64 = 1;

/// A baseline of a big site (a few hundred bytes per finding).
const LIMIT: bounded::Limit = bounded::Limit { what: "baseline", max_bytes: 64 << 20 };

const ABOUT: &str = "postlint baseline: findings that existed when it was written. `postlint check --baseline FILE` does not report them; `postlint check --write-baseline FILE` rewrites it from the current findings. Paths are relative to the repository root.";

/// One line of the file: the findings of one rule in one file with one fingerprint.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    path: String,
    code: String,
    #[serde(deserialize_with = "fingerprint_text")]
    fingerprint: String,
    #[serde(deserialize_with = "positive")]
    count: usize,
    /// The (normalised) message, for people reviewing the file; not used to match.
    #[serde(default)]
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    #[serde(deserialize_with = "supported_version")]
    #[allow(dead_code)]
    version: u64,
    #[serde(default)]
    #[allow(dead_code)]
    about: Option<String>,
    findings: Vec<Entry>,
}

fn supported_version<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let version = u64::deserialize(deserializer)?;
    if version != VERSION {
        return Err(serde::de::Error::custom(format!(
            "baseline version {version} is not one this postlint reads (version {VERSION})"
        )));
    }
    Ok(version)
}

fn positive<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    let count = usize::deserialize(deserializer)?;
    if count == 0 {
        return Err(serde::de::Error::custom("`count` must be at least 1"));
    }
    Ok(count)
}

fn fingerprint_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let text = String::deserialize(deserializer)?;
    if text.len() != 32 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(serde::de::Error::custom("`fingerprint` must be 32 hexadecimal digits"));
    }
    Ok(text)
}

/// Where an entry is kept: its file and its fingerprint.
type Key = (String, String);

/// A baseline for one run: the entries read, and what the run found.
pub struct Baseline {
    /// The file, as named on the command line.
    path: PathBuf,
    /// Paths in the file are relative to this (the repository root).
    root: PathBuf,
    entries: BTreeMap<Key, Entry>,
    /// `--write-baseline`: every finding will be in the new file, so none is shown.
    writing: bool,
    /// Per entry, how many of its findings this run met.
    used: HashMap<Key, usize>,
    /// The files this run checked (relative paths), whether it found anything in them.
    checked: HashSet<String>,
    /// Every finding of this run, as entries (what `--write-baseline` writes).
    found: BTreeMap<Key, Entry>,
    matched: usize,
}

impl Baseline {
    /// `--baseline FILE`: the file must exist and be a baseline.
    pub fn read(path: &Path) -> Result<Baseline, ConfigError> {
        let bytes = bounded::read(path, LIMIT, &[]).map_err(|refused| match refused {
            bounded::Refused::Missing => ConfigError {
                origin: "--baseline".into(),
                message: format!(
                    "no baseline at {}; write one with `postlint check --write-baseline {}`",
                    path.display(),
                    path.display()
                ),
            },
            other => ConfigError { origin: path.display().to_string(), message: other.to_string() },
        })?;
        Baseline::parse(path, &bytes, false)
    }

    /// `--write-baseline FILE`: the file's entries for what this run does not check are
    /// kept; a file that does not exist yet is an empty baseline.
    pub fn for_writing(path: &Path) -> Result<Baseline, ConfigError> {
        match bounded::read(path, LIMIT, &[]) {
            Ok(bytes) => Baseline::parse(path, &bytes, true),
            Err(bounded::Refused::Missing) => Ok(Baseline::new(path, BTreeMap::new(), true)),
            Err(refused) => Err(ConfigError { origin: path.display().to_string(), message: refused.to_string() }),
        }
    }

    fn new(path: &Path, entries: BTreeMap<Key, Entry>, writing: bool) -> Baseline {
        Baseline {
            path: path.to_path_buf(),
            root: crate::bounded::working_boundary().unwrap_or_else(|_| std::env::current_dir().unwrap_or_default()),
            entries,
            writing,
            used: HashMap::new(),
            checked: HashSet::new(),
            found: BTreeMap::new(),
            matched: 0,
        }
    }

    fn parse(path: &Path, bytes: &[u8], writing: bool) -> Result<Baseline, ConfigError> {
        let damaged = |origin: String, problem: String| ConfigError {
            origin,
            message: format!(
                "not a postlint baseline: {problem}; repair it, or delete it and write it again with `postlint check --write-baseline {}`",
                path.display()
            ),
        };
        let text = std::str::from_utf8(bytes)
            .map_err(|_| damaged(path.display().to_string(), "not valid UTF-8".to_string()))?;
        let file: BaselineFile = serde_json::from_str(text).map_err(|error| {
            let (line, column) = (error.line().max(1), error.column().max(1));
            let problem = error.to_string();
            let problem = problem.strip_suffix(&format!(" at line {} column {}", error.line(), error.column()));
            damaged(format!("{}:{line}:{column}", path.display()), problem.unwrap_or_default().to_string())
        })?;
        let mut entries: BTreeMap<Key, Entry> = BTreeMap::new();
        for entry in file.findings {
            // The same entry twice (a merge of two branches' baselines) counts twice.
            let key = (entry.path.clone(), entry.fingerprint.clone());
            match entries.get_mut(&key) {
                Some(seen) => seen.count += entry.count,
                None => {
                    entries.insert(key, entry);
                }
            }
        }
        Ok(Baseline::new(path, entries, writing))
    }

    /// A hash of what was read (for the output cache's key: the same flags with another
    /// baseline show other findings).
    pub fn content_hash(&self) -> String {
        let entries: Vec<String> =
            self.entries.values().map(|e| format!("{}\t{}\t{}\t{}", e.path, e.code, e.fingerprint, e.count)).collect();
        let parts: Vec<&str> = entries.iter().map(String::as_str).collect();
        fingerprint(&parts)
    }

    /// The path as the baseline keeps it: relative to the repository root, with `/`.
    fn relative(&self, display: &str) -> String {
        let absolute = crate::site::absolute_path(Path::new(display));
        let relative = match absolute.strip_prefix(&self.root) {
            Ok(relative) => relative.to_path_buf(),
            // A working directory reached through a link: compare real paths.
            Err(_) => absolute
                .canonicalize()
                .ok()
                .and_then(|real| real.strip_prefix(&self.root).ok().map(Path::to_path_buf))
                .unwrap_or(absolute),
        };
        relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
    }

    /// One checked file's reports (sorted), `source` its text: the ones the baseline does
    /// not list, in order.
    pub fn filter(&mut self, display: &str, source: Option<&str>, reports: Vec<Report>) -> Vec<Report> {
        let path = self.relative(display);
        self.checked.insert(path.clone());
        let mut kept = Vec::new();
        for report in reports {
            if report.code == "PL001" {
                kept.push(report);
                continue;
            }
            let message = normalise_message(&report.message);
            let text = source.and_then(|source| source.get(report.span.clone())).unwrap_or_default();
            let key = (path.clone(), fingerprint(&[report.code, &message, &normalise_span(text)]));
            let found = self.found.entry(key.clone()).or_insert_with(|| Entry {
                path: path.clone(),
                code: report.code.to_string(),
                fingerprint: key.1.clone(),
                count: 0,
                message,
            });
            found.count += 1;
            let listed = if self.writing { found.count } else { self.entries.get(&key).map_or(0, |entry| entry.count) };
            let used = self.used.entry(key).or_default();
            if *used < listed {
                *used += 1;
                self.matched += 1;
            } else {
                kept.push(report);
            }
        }
        kept
    }

    /// Whether this run speaks for an entry: its rule ran, and its file was checked or
    /// no longer exists. The others (other files of a one-file run, rules not selected)
    /// are left as they are.
    fn in_scope(&self, entry: &Entry, rule_ran: &dyn Fn(&str) -> bool) -> bool {
        rule_ran(&entry.code) && (self.checked.contains(&entry.path) || !self.root.join(&entry.path).exists())
    }

    /// Matched and stale counts; `rule_ran` says whether a code was selected.
    pub fn summary(&self, rule_ran: &dyn Fn(&str) -> bool) -> BaselineSummary {
        let stale = if self.writing {
            0
        } else {
            self.entries
                .iter()
                .filter(|(_, entry)| self.in_scope(entry, rule_ran))
                .map(|(key, entry)| entry.count.saturating_sub(self.used.get(key).copied().unwrap_or(0)))
                .sum()
        };
        BaselineSummary { matched: self.matched, stale }
    }

    /// `--write-baseline`: the file rewritten with this run's findings in place of the
    /// entries it speaks for. Returns (findings written, findings pruned).
    pub fn write(&self, rule_ran: &dyn Fn(&str) -> bool) -> Result<(usize, usize), ConfigError> {
        let mut entries: BTreeMap<Key, Entry> = BTreeMap::new();
        let mut pruned = 0;
        for (key, entry) in &self.entries {
            if self.in_scope(entry, rule_ran) {
                let now = self.found.get(key).map_or(0, |found| found.count);
                pruned += entry.count.saturating_sub(now);
            } else {
                entries.insert(key.clone(), entry.clone());
            }
        }
        entries.extend(self.found.iter().map(|(key, entry)| (key.clone(), entry.clone())));
        let mut sorted: Vec<&Entry> = entries.values().collect();
        sorted.sort_by(|a, b| {
            (&a.path, &a.code, &a.message, &a.fingerprint).cmp(&(&b.path, &b.code, &b.message, &b.fingerprint))
        });
        let mut text = format!("{{\n  \"version\": {VERSION},\n  \"about\": {},\n  \"findings\": [", json(&ABOUT)?);
        for (index, entry) in sorted.iter().enumerate() {
            text.push_str(if index == 0 { "\n    " } else { ",\n    " });
            text.push_str(&json(entry)?);
        }
        text.push_str(if sorted.is_empty() { "]\n}\n" } else { "\n  ]\n}\n" });
        write_atomically(&self.path, text.as_bytes()).map_err(|error| ConfigError {
            origin: self.path.display().to_string(),
            message: format!("cannot write the baseline: {error}"),
        })?;
        Ok((sorted.iter().map(|entry| entry.count).sum(), pruned))
    }
}

fn json(value: &impl Serialize) -> Result<String, ConfigError> {
    serde_json::to_string(value).map_err(|error| ConfigError { origin: "baseline".into(), message: error.to_string() })
}

/// Through a temporary file in the same directory, created exclusively, then renamed
/// over the target (never written through a link at its name).
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new().prefix(".postlint-baseline-").suffix(".tmp").tempfile_in(dir)?;
    temp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A committed file, readable like the others (tempfile creates it 0600).
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|error| error.error)?;
    Ok(())
}

/// The message without what changes when nothing about the finding did: line numbers it
/// quotes, and today's date.
fn normalise_message(message: &str) -> String {
    static LINES: LazyLock<Option<regex::Regex>> =
        LazyLock::new(|| regex::Regex::new(r"\blines? [0-9]+(?:[–-][0-9]+)?").ok());
    static TODAY: LazyLock<Option<regex::Regex>> =
        LazyLock::new(|| regex::Regex::new(r"\btoday \([0-9]{4}-[0-9]{2}-[0-9]{2}\)").ok());
    let mut text = collapse(message);
    if let Some(lines) = LINES.as_ref() {
        text = lines.replace_all(&text, "line _").into_owned();
    }
    if let Some(today) = TODAY.as_ref() {
        text = today.replace_all(&text, "today").into_owned();
    }
    text
}

/// The first line of the text a finding points at, whitespace collapsed: what is wrong
/// stays the same when the lines around it change.
fn normalise_span(text: &str) -> String {
    collapse(text.split('\n').next().unwrap_or_default())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_lose_line_numbers_and_today_but_keep_the_rest() {
        assert_eq!(
            normalise_message("JSON-LD `datePublished` is 2024 but front matter `date` (line 4) is 2025"),
            "JSON-LD `datePublished` is 2024 but front matter `date` (line _) is 2025"
        );
        assert_eq!(
            normalise_message("the body has two sequences of 3: lines 33–41 and lines 48–56"),
            "the body has two sequences of 3: line _ and line _"
        );
        assert_eq!(
            normalise_message("publish date 2027-01-01 is after today (2026-06-01)"),
            "publish date 2027-01-01 is after today"
        );
        assert_eq!(normalise_message("title  is\t72 columns"), "title is 72 columns");
        assert_eq!(normalise_span("  a  b\r\nc"), "a b");
    }

    #[test]
    fn a_damaged_file_names_its_line_and_column() {
        let path = Path::new("b.json");
        let error =
            Baseline::parse(path, b"{\n  \"version\": 1,\n  \"findings\": [\n    {\"path\": 1}\n  ]\n}\n", false)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
        assert!(error.starts_with("b.json:4:"), "{error}");
        assert!(error.contains("not a postlint baseline") && error.contains("--write-baseline b.json"), "{error}");
        let error = Baseline::parse(path, b"{\"version\": 2, \"findings\": []}", false).err().map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("version 2")));
        let zero = br#"{"version": 1, "findings": [{"path": "a.md", "code": "FM001", "fingerprint": "0123456789abcdef0123456789abcdef", "count": 0}]}"#;
        assert!(Baseline::parse(path, zero, false).err().is_some_and(|e| e.to_string().contains("at least 1")));
    }
}
