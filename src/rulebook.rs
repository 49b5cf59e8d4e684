//! The rulebook: one Markdown doc per rule, embedded at build time. Metadata (code,
//! name, family, severity, fix) lives in each doc's front matter, not in Rust.

use crate::diagnostic::{Applicability, Severity};
use crate::document::front_matter;
use crate::document::tree::Node;

#[derive(Debug, Clone)]
pub struct RuleDoc {
    pub code: &'static str,
    pub name: &'static str,
    pub family: &'static str,
    pub severity: Severity,
    pub fix: Option<Applicability>,
    /// Whether the rule checks only posts (dated articles), not pages, docs or list pages.
    pub posts_only: bool,
    /// Whether the rule is in the default set (its precision on real sites earned it).
    pub default_enabled: bool,
    /// The first sentence of "What it checks".
    pub summary: &'static str,
    /// The whole doc, front matter included.
    pub text: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/rulebook.rs"));

impl RuleDoc {
    /// The `options:` mapping of the doc's front matter: each option's default.
    pub fn option_defaults(&self) -> Option<Node> {
        let (front_matter, _) = front_matter::split(self.text);
        front_matter.and_then(|fm| fm.get("options").cloned())
    }

    /// The doc without its front matter.
    pub fn body(&self) -> &'static str {
        let (_, body) = front_matter::split(self.text);
        &self.text[body..]
    }

    /// Examples as (is_bad, title, text) from the `## Bad` and `## Good` sections: every
    /// fenced `markdown` block there.
    pub fn examples(&self) -> Vec<Example> {
        let mut examples = Vec::new();
        let mut section: Option<bool> = None;
        let mut lines = self.text.lines().enumerate();
        while let Some((number, line)) = lines.next() {
            if let Some(heading) = line.strip_prefix("## ") {
                let heading = heading.trim().to_ascii_lowercase();
                section = if heading.starts_with("bad") {
                    Some(true)
                } else if heading.starts_with("good") {
                    Some(false)
                } else {
                    None
                };
                continue;
            }
            let Some(bad) = section else { continue };
            let trimmed = line.trim_start();
            let fence_len = trimmed.len() - trimmed.trim_start_matches(['`', '~']).len();
            if fence_len < 3 {
                continue;
            }
            let fence = &trimmed[..fence_len];
            let info = trimmed[fence_len..].trim();
            let mut body = String::new();
            for (_, inner) in lines.by_ref() {
                if inner.trim_start().starts_with(fence)
                    && inner.trim().trim_start_matches(fence.chars().next().unwrap_or('`')).is_empty()
                {
                    break;
                }
                body.push_str(inner);
                body.push('\n');
            }
            let path = info.split_whitespace().find_map(|word| word.strip_prefix("path=")).map(str::to_string);
            let runnable = !info.split_whitespace().any(|word| word == "norun");
            examples.push(Example { bad, line: number + 1, path, text: body, runnable });
        }
        examples
    }
}

#[derive(Debug, Clone)]
pub struct Example {
    pub bad: bool,
    /// 1-based line of the opening fence in the doc.
    pub line: usize,
    /// `path=_posts/2026-01-12-x.md` on the fence line: lint the example as that file.
    pub path: Option<String>,
    pub text: String,
    /// `norun` on the fence line: the example needs files on disk; a test in `tests/`
    /// covers it instead.
    pub runnable: bool,
}

/// The docs of the rules written in the configuration (`[custom.X001]`), made when the
/// configuration is read. They are process-wide because every lookup of a rule by code
/// must see them — selection, suppression comments, severities, SARIF's rule table,
/// `postlint rule` — and those lookups sit far from the settings. A run reads one
/// configuration; the language server replaces the list when it reads another.
static CUSTOM_DOCS: std::sync::RwLock<Vec<&'static RuleDoc>> = std::sync::RwLock::new(Vec::new());

/// Makes `docs` the custom rules' docs (the previous configuration's are dropped from
/// lookups; their few bytes stay allocated, as built-in docs are static).
pub fn register_custom(docs: Vec<RuleDoc>) {
    let leaked: Vec<&'static RuleDoc> = docs.into_iter().map(|doc| &*Box::leak(Box::new(doc))).collect();
    match CUSTOM_DOCS.write() {
        Ok(mut custom) => *custom = leaked,
        Err(poisoned) => *poisoned.into_inner() = leaked,
    }
}

fn custom_docs() -> Vec<&'static RuleDoc> {
    match CUSTOM_DOCS.read() {
        Ok(custom) => custom.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

/// Every rule's doc: the built-in rulebook, then the configuration's own rules.
pub fn all() -> Vec<&'static RuleDoc> {
    RULE_DOCS.iter().chain(custom_docs()).collect()
}

/// A rule's place in `all()` (SARIF's `ruleIndex`), without building the list: built-in
/// rules first, then the configuration's.
pub fn index_of(code: &str) -> Option<usize> {
    RULE_DOCS
        .iter()
        .position(|doc| doc.code == code)
        .or_else(|| custom_docs().iter().position(|doc| doc.code == code).map(|at| RULE_DOCS.len() + at))
}

pub fn find(selector: &str) -> Option<&'static RuleDoc> {
    let matches = |doc: &&RuleDoc| doc.code.eq_ignore_ascii_case(selector) || doc.name == selector;
    RULE_DOCS.iter().find(matches).or_else(|| custom_docs().into_iter().find(matches))
}
