//! Reading one `[custom.X001]` table into a rule, with every mistake pointed at its key.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::{Regex, RegexBuilder};
use toml::Spanned;

use super::matcher::Matcher;
use super::scope::Scope;
use crate::diagnostic::{Applicability, Severity};
use crate::rulebook::RuleDoc;
use crate::text::dates::{self, Date};

/// A custom rule's table: key → value, with spans for error messages.
pub type Table = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

/// A mistake in a custom rule's definition: where, and what is wrong.
#[derive(Debug)]
pub struct DefinitionError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

/// What a custom rule looks for.
pub enum Kind {
    /// Each match of `tokens`/`pattern` in the scope is reported.
    Existence(Matcher),
    /// Each match of a `swap` key is reported with its replacement as a fix.
    Substitution(Matcher, Vec<String>),
    /// Matches counted over the scope, reported outside `min..=max`.
    Occurrence { matcher: Matcher, min: Option<usize>, max: Option<usize> },
    /// A front matter key that must be present, optionally with a value from a list.
    RequiredKey { key: String, values: Option<Vec<String>> },
    /// Every value in the scope must match the pattern.
    Pattern(Regex),
}

pub struct CustomRule {
    pub code: &'static str,
    pub kind: Kind,
    pub scope: Scope,
    pub message: String,
    pub help: Option<String>,
    pub severity: Severity,
    pub posts_only: bool,
    /// The rule applies to posts published on or after this date only.
    pub published_after: Option<Date>,
    pub doc: RuleDoc,
}

const KEYS: &[&str] = &[
    "name",
    "description",
    "kind",
    "scope",
    "message",
    "help",
    "severity",
    "tokens",
    "pattern",
    "swap",
    "min",
    "max",
    "key",
    "values",
    "normalize",
    "posts-only",
    "published-after",
    "bad",
    "good",
];

/// Regexes come from a configuration that may be a stranger's pull request: the regex
/// crate matches in linear time, and this caps what one pattern may compile to.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

struct Reader<'a> {
    table: &'a Table,
}

impl Reader<'_> {
    fn value(&self, key: &str) -> Option<&Spanned<toml::Value>> {
        self.table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
    }

    fn error(&self, key: &str, message: String) -> DefinitionError {
        let span = self.table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v.span());
        DefinitionError { span, message }
    }

    fn string(&self, key: &str) -> Result<Option<String>, DefinitionError> {
        match self.value(key) {
            None => Ok(None),
            Some(value) => match value.get_ref() {
                toml::Value::String(text) => Ok(Some(text.clone())),
                other => Err(self.error(key, format!("`{key}` must be a string, not {}", other.type_str()))),
            },
        }
    }

    fn strings(&self, key: &str) -> Result<Option<Vec<String>>, DefinitionError> {
        let Some(value) = self.value(key) else { return Ok(None) };
        let wrong = || self.error(key, format!("`{key}` must be a list of strings"));
        let toml::Value::Array(items) = value.get_ref() else { return Err(wrong()) };
        items.iter().map(|item| item.as_str().map(str::to_string).ok_or_else(wrong)).collect::<Result<_, _>>().map(Some)
    }

    fn count(&self, key: &str) -> Result<Option<usize>, DefinitionError> {
        match self.value(key).map(Spanned::get_ref) {
            None => Ok(None),
            Some(toml::Value::Integer(n)) if *n >= 0 => Ok(Some(*n as usize)),
            Some(_) => Err(self.error(key, format!("`{key}` must be a whole number, 0 or more"))),
        }
    }

    fn flag(&self, key: &str, default: bool) -> Result<bool, DefinitionError> {
        match self.value(key).map(Spanned::get_ref) {
            None => Ok(default),
            Some(toml::Value::Boolean(b)) => Ok(*b),
            Some(_) => Err(self.error(key, format!("`{key}` must be true or false"))),
        }
    }

    fn regex(&self, key: &str, normalize: bool) -> Result<Option<Regex>, DefinitionError> {
        let Some(pattern) = self.string(key)? else { return Ok(None) };
        RegexBuilder::new(&pattern)
            .size_limit(REGEX_SIZE_LIMIT)
            // Normalised text is lower case: a pattern written with capitals still matches.
            .case_insensitive(normalize)
            .build()
            .map(Some)
            .map_err(|e| self.error(key, format!("`{key}` is not a valid regular expression: {e}")))
    }
}

/// Reads `[custom.<code>]`.
pub fn parse_rule(code: &Spanned<String>, table: &Table) -> Result<CustomRule, DefinitionError> {
    let code_text = code.get_ref().as_str();
    if !is_custom_code(code_text) {
        return Err(DefinitionError {
            span: Some(code.span()),
            message: format!(
                "custom rule code `{code_text}` must be `X` and up to 11 capital letters or digits (`X001`, `XJA01`)"
            ),
        });
    }
    let reader = Reader { table };
    if let Some((key, _)) = table.iter().find(|(key, _)| !KEYS.contains(&key.get_ref().as_str())) {
        return Err(DefinitionError {
            span: Some(key.span()),
            message: format!(
                "unknown key `{}` in custom rule {code_text}; expected one of {}",
                key.get_ref(),
                KEYS.join(", ")
            ),
        });
    }
    let missing = |key: &str| DefinitionError {
        span: Some(code.span()),
        message: format!("custom rule {code_text} needs `{key}`"),
    };
    let required = |key: &str, value: Option<String>| value.ok_or_else(|| missing(key));
    let kind_name = required("kind", reader.string("kind")?)?;
    let message = required("message", reader.string("message")?)?;
    let normalize = reader.flag("normalize", true)?;
    let scope_text = reader.string("scope")?.unwrap_or_else(|| "body".to_string());
    let scope = Scope::parse(&scope_text).ok_or_else(|| {
        reader.error(
            "scope",
            format!(
                "unknown scope `{scope_text}`; expected title, headings, body, alt, link-text, front-matter.KEY or jsonld.PROPERTY"
            ),
        )
    })?;
    let matcher = || -> Result<Matcher, DefinitionError> {
        let tokens = reader.strings("tokens")?.unwrap_or_default();
        let pattern = reader.regex("pattern", normalize)?;
        if tokens.is_empty() && pattern.is_none() {
            return Err(DefinitionError {
                span: Some(code.span()),
                message: format!("custom rule {code_text} (`{kind_name}`) needs `tokens` or `pattern`"),
            });
        }
        Ok(Matcher::new(tokens, pattern, normalize))
    };
    let kind = match kind_name.as_str() {
        "existence" => Kind::Existence(matcher()?),
        "substitution" => {
            let Some(swap) = reader.value("swap") else { return Err(missing("swap")) };
            let toml::Value::Table(pairs) = swap.get_ref() else {
                return Err(reader.error("swap", "`swap` must be a table of \"found\" = \"replacement\"".into()));
            };
            let mut found = Vec::new();
            let mut replacements = Vec::new();
            for (from, to) in pairs {
                let Some(to) = to.as_str() else {
                    return Err(reader.error("swap", format!("the replacement for `{from}` must be a string")));
                };
                found.push(from.clone());
                replacements.push(to.to_string());
            }
            if found.is_empty() {
                return Err(reader.error("swap", "`swap` is empty".into()));
            }
            Kind::Substitution(Matcher::new(found, None, normalize), replacements)
        }
        "occurrence" => {
            let (min, max) = (reader.count("min")?, reader.count("max")?);
            if min.is_none() && max.is_none() {
                return Err(missing("min` or `max"));
            }
            if let (Some(min), Some(max)) = (min, max)
                && min > max
            {
                return Err(reader.error("min", format!("`min` ({min}) is more than `max` ({max})")));
            }
            Kind::Occurrence { matcher: matcher()?, min, max }
        }
        "required-key" => {
            let key = required("key", reader.string("key")?)?;
            Kind::RequiredKey { key, values: reader.strings("values")? }
        }
        "pattern" => Kind::Pattern(reader.regex("pattern", normalize)?.ok_or_else(|| missing("pattern"))?),
        other => {
            return Err(reader.error(
                "kind",
                format!(
                    "unknown kind `{other}`; expected existence, substitution, occurrence, required-key or pattern"
                ),
            ));
        }
    };
    let severity = match reader.string("severity")? {
        None => Severity::Warning,
        Some(text) => Severity::parse(&text)
            .ok_or_else(|| reader.error("severity", "`severity` must be \"error\", \"warning\" or \"info\"".into()))?,
    };
    let published_after = match reader.string("published-after")? {
        None => None,
        Some(text) => Some(
            dates::parse_datetime(&text)
                .map(|datetime| datetime.date)
                .map_err(|_| reader.error("published-after", format!("`published-after` is not a date: `{text}`")))?,
        ),
    };
    let posts_only = reader.flag("posts-only", published_after.is_some())?;
    let code: &'static str = Box::leak(code_text.to_string().into_boxed_str());
    // A name is printed bare where a rule's name goes (GitHub annotations' `title=`,
    // `--statistics`, SARIF, `postlint rules`) and selects the rule like its code: like
    // every rule's, it is a kebab-case identifier, never free text from the configuration.
    let name = match reader.string("name")? {
        None => code.to_ascii_lowercase(),
        Some(name) if is_rule_name(&name) => name,
        Some(name) => {
            return Err(reader.error(
                "name",
                format!(
                    "`name` of custom rule {code_text} must be kebab-case (lower-case letters and digits, words joined by `-`, starting with a letter, at most {MAX_NAME} characters), not {}",
                    crate::text::escape::quote(&name)
                ),
            ));
        }
    };
    let summary = match reader.string("description")? {
        Some(description) => description,
        None => describe(&kind, &scope_text),
    };
    let bad = reader.strings("bad")?.unwrap_or_default();
    let good = reader.strings("good")?.unwrap_or_default();
    let fix = matches!(kind, Kind::Substitution(..)).then_some(Applicability::Unsafe);
    let doc = RuleDoc {
        code,
        name: leak(name.clone()),
        family: super::FAMILY,
        severity,
        fix,
        posts_only,
        default_enabled: true,
        summary: leak(summary.clone()),
        text: leak(doc_text(code, &name, severity, fix, &summary, &message, &bad, &good)),
    };
    Ok(CustomRule {
        code,
        kind,
        scope,
        message,
        help: reader.string("help")?,
        severity,
        posts_only,
        published_after,
        doc,
    })
}

/// The longest custom rule name.
const MAX_NAME: usize = 64;

/// Whether `name` is a rule name: kebab-case ASCII (`no-sasete-itadaku`, `x001`).
pub fn is_rule_name(name: &str) -> bool {
    name.len() <= MAX_NAME
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .split('-')
            .all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

pub fn is_custom_code(code: &str) -> bool {
    let Some(rest) = code.strip_prefix('X') else { return false };
    (1..=11).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn describe(kind: &Kind, scope: &str) -> String {
    match kind {
        Kind::Existence(matcher) => format!("{} in {scope}", matcher.describe()),
        Kind::Substitution(matcher, _) => format!("{} in {scope}, with a replacement", matcher.describe()),
        Kind::Occurrence { matcher, min, max } => {
            let range = match (min, max) {
                (Some(min), Some(max)) => format!("{min} to {max} times"),
                (Some(min), None) => format!("at least {min} times"),
                (None, Some(max)) => format!("at most {max} times"),
                (None, None) => String::new(),
            };
            format!("{} {range} in {scope}", matcher.describe())
        }
        Kind::RequiredKey { key, values: None } => format!("front matter must set `{key}`"),
        Kind::RequiredKey { key, values: Some(values) } => {
            format!("front matter must set `{key}` to one of {}", values.join(", "))
        }
        Kind::Pattern(regex) => format!("{scope} must match `{}`", regex.as_str()),
    }
}

/// The rule's doc in the rulebook's shape, so `postlint rule X001` shows it and
/// `postlint rules --test` reads its examples like a built-in rule's.
#[allow(clippy::too_many_arguments)]
fn doc_text(
    code: &str,
    name: &str,
    severity: Severity,
    fix: Option<Applicability>,
    summary: &str,
    message: &str,
    bad: &[String],
    good: &[String],
) -> String {
    let fix = if fix.is_some() { "unsafe" } else { "none" };
    let mut text = format!(
        "---\ncode: {code}\nname: {name}\nfamily: custom\nseverity: {severity}\nfix: {fix}\n---\n\n## What it checks\n\n{summary}.\n\nA rule of this project's configuration; its message: {message}\n"
    );
    for (title, examples) in [("Bad", bad), ("Good", good)] {
        if examples.is_empty() {
            continue;
        }
        text.push_str(&format!("\n## {title}\n"));
        for example in examples {
            let longest_run = example.split(|c| c != '`').map(str::len).max().unwrap_or(0);
            let fence = "`".repeat(longest_run.max(2) + 1);
            let example = if example.ends_with('\n') { example.clone() } else { format!("{example}\n") };
            text.push_str(&format!("\n{fence}markdown\n{example}{fence}\n"));
        }
    }
    text
}
