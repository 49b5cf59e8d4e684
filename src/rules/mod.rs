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

/// A rule run on every post, built with its options.
macro_rules! post {
    ($code:literal, $build:expr) => {
        RuleSpec { code: $code, kind: RuleKind::Post($build) }
    };
}

/// A diagnostic the engine produces itself.
macro_rules! engine {
    ($code:literal) => {
        RuleSpec { code: $code, kind: RuleKind::Engine }
    };
}

pub static REGISTRY: &[RuleSpec] = &[
    post!("FM001", |o| boxed(front_matter::FrontMatterMissing::new(o))),
    post!("FM002", |_| boxed(front_matter::FrontMatterSyntax)),
    post!("FM003", |o| boxed(front_matter::RequiredField::new(o)?)),
    post!("FM004", |_| boxed(front_matter::FieldType)),
    post!("FM005", |_| boxed(front_matter::InvalidDate)),
    post!("FM006", |_| boxed(front_matter::FilenameDateMismatch)),
    post!("FM007", |_| boxed(front_matter::FutureDate)),
    post!("FM008", |o| boxed(front_matter::TitleLength::new(o))),
    post!("FM009", |o| boxed(front_matter::DescriptionLength::new(o))),
    post!("FM010", |_| boxed(front_matter::DescriptionEchoesTitle)),
    post!("FM011", |_| boxed(front_matter::EmptyField)),
    post!("FM012", |_| boxed(front_matter::AmbiguousYamlScalar)),
    post!("FM013", |_| boxed(front_matter::DuplicateListItem)),
    post!("FM014", |o| boxed(front_matter::ReadingTimeMismatch::new(o))),
    post!("FM015", |_| boxed(front_matter::LastmodBeforeDate)),
    post!("FM016", |_| boxed(front_matter::MissingLocale)),
    engine!("PL001"),
    engine!("PL002"),
    engine!("PL003"),
];

pub fn spec(code: &str) -> Option<&'static RuleSpec> {
    REGISTRY.iter().find(|spec| spec.code == code)
}
