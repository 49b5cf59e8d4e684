//! The rule registry: every rule's code and how to build it with its options.
//! Metadata (name, family, severity, fix) lives in the rulebook, not here.

pub mod front_matter;
pub mod options;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::project::Site;
use crate::text::dates::Date;
pub use options::Options;

/// What a rule sees of one post.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub site: &'a Site,
    /// "Today", from `--now` / `POSTLINT_NOW` when given, so runs are reproducible.
    pub today: Date,
}

pub trait Rule: Send + Sync {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// An options problem, reported as a config error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    pub key: String,
    pub message: String,
}

pub type BuildRule = fn(&Options) -> Result<Box<dyn Rule>, OptionError>;

pub enum RuleKind {
    /// A rule run on every post.
    Post(BuildRule),
    /// A diagnostic the engine itself produces (unreadable files, suppressions).
    Engine,
}

pub struct RuleSpec {
    pub code: &'static str,
    pub kind: RuleKind,
}

fn boxed<R: Rule + 'static>(rule: R) -> Result<Box<dyn Rule>, OptionError> {
    Ok(Box::new(rule))
}

pub static REGISTRY: &[RuleSpec] = &[
    RuleSpec {
        code: "FM001",
        kind: RuleKind::Post(|o| boxed(front_matter::FrontMatterMissing::new(o))),
    },
    RuleSpec {
        code: "FM002",
        kind: RuleKind::Post(|_| boxed(front_matter::FrontMatterSyntax)),
    },
    RuleSpec {
        code: "PL001",
        kind: RuleKind::Engine,
    },
    RuleSpec {
        code: "PL002",
        kind: RuleKind::Engine,
    },
    RuleSpec {
        code: "PL003",
        kind: RuleKind::Engine,
    },
];

pub fn spec(code: &str) -> Option<&'static RuleSpec> {
    REGISTRY.iter().find(|spec| spec.code == code)
}
