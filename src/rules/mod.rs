//! The rule registry: every rule's code and how to build it with its options.
//! Metadata (name, family, severity, fix) lives in the rulebook, not here.

pub mod front_matter;
pub mod headings;
pub mod images;
pub mod jsonld;
pub mod keywords;
pub mod links;
pub mod options;
pub mod post;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::site::Site;
use crate::site::pages::PageKind;
use crate::text::dates::Date;
pub use options::Options;

/// What a rule sees of one post.
pub struct Context<'a> {
    pub doc: &'a Document<'a>,
    pub site: &'a Site,
    /// "Today", from `--now` / `POSTLINT_NOW` when given, so runs are reproducible.
    pub today: Date,
    /// The file's path relative to its site root, `/`-separated.
    pub relative: String,
    /// What the file is to its generator (post, page, doc, list page …).
    pub kind: PageKind,
    /// The language the file is written in, when its path or front matter says.
    pub language: Option<String>,
    /// Views several rules read, computed on first use: every image of the post (nine
    /// IMG rules), the edition year its title claims (four KW rules) and its runs of
    /// numbered headings (HD005, HD006).
    pub(crate) images: std::sync::OnceLock<Vec<images::ImageRef>>,
    pub(crate) canonical_year: std::sync::OnceLock<Option<keywords::Canonical>>,
    pub(crate) numbered_runs: std::sync::OnceLock<Vec<headings::NumberedRun>>,
    /// Local files looked up for this post (resolved path and length, or not a file of
    /// the site), so a path named a hundred thousand times is looked up once.
    pub(crate) local_files:
        std::sync::Mutex<std::collections::HashMap<std::path::PathBuf, Option<(std::path::PathBuf, u64)>>>,
}

impl<'a> Context<'a> {
    /// Resolves the file's place in its site once, for every rule.
    pub fn new(doc: &'a Document<'a>, path: &std::path::Path, site: &'a Site, today: Date) -> Context<'a> {
        let relative = site.relative_path(path);
        let front = doc.front_matter.as_ref();
        let kind = crate::site::pages::kind_of(site, &relative, front);
        let language = site.language_of(&relative, front);
        Context {
            doc,
            site,
            today,
            relative,
            kind,
            language,
            images: std::sync::OnceLock::new(),
            canonical_year: std::sync::OnceLock::new(),
            numbered_runs: std::sync::OnceLock::new(),
            local_files: std::sync::Mutex::default(),
        }
    }

    /// Whether post-only rules (dates, SEO lengths, required keys) apply.
    pub fn is_post(&self) -> bool {
        self.kind == PageKind::Post
    }
}

pub trait Rule: Send + Sync {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter);
}

/// Where a rule reports. It is bound to the code the rule is registered under, so a
/// rule's file never spells its own code and cannot report under another's.
pub struct Reporter {
    code: &'static str,
    found: Vec<Diagnostic>,
    /// How many more diagnostics this post may hold (`work::DIAGNOSTICS` in all).
    room: usize,
    /// Diagnostics reported past `room`: counted, not kept.
    dropped: usize,
}

impl Reporter {
    pub fn new(code: &'static str) -> Reporter {
        Reporter::with_room(code, usize::MAX)
    }

    /// A reporter that keeps at most `room` diagnostics and counts the rest.
    pub fn with_room(code: &'static str, room: usize) -> Reporter {
        Reporter { code, found: Vec::new(), room, dropped: 0 }
    }

    /// Reports a diagnostic under this rule's code.
    pub fn push(&mut self, mut diagnostic: Diagnostic) {
        if self.found.len() >= self.room {
            self.dropped += 1;
            return;
        }
        crate::work::built(1);
        diagnostic.code = self.code;
        self.found.push(diagnostic);
    }

    /// Whether the post's room for diagnostics is used up: a rule with many findings
    /// may stop looking (what it would find is only counted).
    pub fn is_full(&self) -> bool {
        self.found.len() >= self.room
    }

    /// Diagnostics reported past the room.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    pub fn len(&self) -> usize {
        self.found.len()
    }

    pub fn is_empty(&self) -> bool {
        self.found.is_empty()
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.found
    }
}

/// An options problem, reported as a config error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    pub key: String,
    pub message: String,
}

/// Builds a rule from its own options; `shared` gives the options of other rules of the
/// family, for data one doc owns (KW005's historical patterns serve all KW rules).
pub type BuildRule = fn(&Options, &SharedOptions) -> Result<Box<dyn Rule>, OptionError>;

pub type SharedOptions = std::collections::HashMap<&'static str, Options>;

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
        RuleSpec { code: $code, kind: RuleKind::Post(|options, shared| ($build)(options, shared)) }
    };
}

/// A diagnostic the engine produces itself.
macro_rules! engine {
    ($code:literal) => {
        RuleSpec { code: $code, kind: RuleKind::Engine }
    };
}

pub static REGISTRY: &[RuleSpec] = &[
    post!("FM001", |o, _| boxed(front_matter::FrontMatterMissing::new(o))),
    post!("FM002", |_, _| boxed(front_matter::FrontMatterSyntax)),
    post!("FM003", |o, _| boxed(front_matter::RequiredField::new(o)?)),
    post!("FM004", |_, _| boxed(front_matter::FieldType)),
    post!("FM005", |o, _| boxed(front_matter::InvalidDate::new(o))),
    post!("FM006", |o, _| boxed(front_matter::FilenameDateMismatch::new(o))),
    post!("FM007", |_, _| boxed(front_matter::FutureDate)),
    post!("FM008", |o, _| boxed(front_matter::TitleLength::new(o))),
    post!("FM009", |o, _| boxed(front_matter::DescriptionLength::new(o))),
    post!("FM010", |_, _| boxed(front_matter::DescriptionEchoesTitle)),
    post!("FM011", |_, _| boxed(front_matter::EmptyField)),
    post!("FM012", |_, _| boxed(front_matter::AmbiguousYamlScalar)),
    post!("FM013", |_, _| boxed(front_matter::DuplicateListItem)),
    post!("FM014", |o, _| boxed(front_matter::ReadingTimeMismatch::new(o))),
    post!("FM015", |_, _| boxed(front_matter::LastmodBeforeDate)),
    post!("FM016", |_, _| boxed(front_matter::MissingLocale)),
    post!("FM017", |o, _| boxed(front_matter::SchemaViolation::new(o)?)),
    post!("FM018", |_, _| boxed(front_matter::NoindexPost)),
    post!("KW001", |o, s| boxed(keywords::TitleYearVsDate::new(o, s)?)),
    post!("KW002", |o, s| boxed(keywords::StaleYearInMetadata::new(o, s))),
    post!("KW003", |o, s| boxed(keywords::StaleYearInHeading::new(o, s))),
    post!("KW004", |o, s| boxed(keywords::StaleKeywordInBody::new(o, s))),
    post!("KW005", |o, s| boxed(keywords::StaleYearInBody::new(o, s))),
    post!("KW006", |o, _| boxed(keywords::KeywordMissing::new(o))),
    post!("KW007", |o, _| boxed(keywords::KeywordStuffing::new(o))),
    post!("IMG001", |o, _| boxed(images::InvalidImageUrl::new(o))),
    post!("IMG002", |_, _| boxed(images::DuplicateQueryParam)),
    post!("IMG003", |o, _| boxed(images::InsecureImageUrl::new(o))),
    post!("IMG004", |o, _| boxed(images::MissingAlt::new(o))),
    post!("IMG005", |o, _| boxed(images::GenericAlt::new(o))),
    post!("IMG006", |_, _| boxed(images::LocalImageMissing::new())),
    post!("IMG007", |o, _| boxed(images::SocialImageSize::new(o))),
    post!("IMG008", |_, s| boxed(images::DuplicateAlt::new(s))),
    post!("IMG009", |_, _| boxed(images::ImageParamValue)),
    post!("IMG010", |o, _| boxed(images::ImageFileHeavy::new(o))),
    post!("IMG011", |_, _| boxed(images::ImageFormatUnsupported)),
    post!("IMG012", |_, _| boxed(images::ImageMissingDimensions)),
    post!("HD001", |o, _| boxed(headings::H1InBody::new(o))),
    post!("HD002", |o, _| boxed(headings::HeadingLevelSkip::new(o))),
    post!("HD003", |o, _| boxed(headings::DuplicateHeading::new(o)?)),
    post!("HD004", |_, _| boxed(headings::EmptyHeading)),
    post!("HD005", |o, _| boxed(headings::NumberedSequenceGap::new(o))),
    post!("HD006", |o, _| boxed(headings::TitleCountMismatch::new(o))),
    post!("HD007", |o, _| boxed(headings::HeadingTooLong::new(o))),
    post!("HD008", |o, _| boxed(headings::TrailingPunctuation::new(o))),
    post!("LD001", |_, _| boxed(jsonld::JsonLdSyntax)),
    post!("LD002", |_, _| boxed(jsonld::JsonLdContext)),
    post!("LD003", |_, _| boxed(jsonld::JsonLdType)),
    post!("LD004", |o, _| boxed(jsonld::RecommendedProperty::new(o))),
    post!("LD005", |o, _| boxed(jsonld::InvalidValue::new(o))),
    post!("LD006", |_, _| boxed(jsonld::FrontMatterMismatch)),
    post!("LD007", |_, _| boxed(jsonld::DuplicateArticle)),
    post!("LD008", |_, _| boxed(jsonld::DroppedByRenderer)),
    post!("LD009", |_, _| boxed(jsonld::UnknownProperty)),
    post!("LD010", |_, _| boxed(jsonld::RequiredProperty)),
    post!("LD011", |_, _| boxed(jsonld::RetiredRichResult)),
    post!("LD012", |_, _| boxed(jsonld::ImageTooSmall)),
    post!("LNK001", |_, _| boxed(links::PostUrlTargetMissing)),
    post!("LNK002", |_, _| boxed(links::LinkTargetMissing)),
    post!("LNK003", |o, _| boxed(links::InternalUrlMissing::new(o))),
    post!("LNK004", |_, _| boxed(links::DoubleBaseurl)),
    post!("LNK005", |_, _| boxed(links::DuplicateValue::titles())),
    post!("LNK006", |_, _| boxed(links::DuplicateValue::descriptions())),
    post!("LNK007", |_, _| boxed(links::DuplicatePermalink)),
    post!("LNK008", |o, _| boxed(links::GenericLinkText::new(o))),
    post!("LNK009", |_, _| boxed(links::CrossPostFragmentMissing::new())),
    post!("LNK010", |o, _| boxed(links::SimilarTitle::new(o))),
    post!("LNK011", |_, _| boxed(links::CanonicalUrlMismatch)),
    post!("LNK012", |_, _| boxed(links::FocusKeywordShared)),
    post!("LNK013", |o, _| boxed(links::SimilarDescription::new(o))),
    post!("LNK014", |o, _| boxed(links::RemoteUrlBroken::new(o)?)),
    post!("LNK015", |_, _| boxed(links::TranslationKeyConflict)),
    engine!("PL001"),
    engine!("PL002"),
    engine!("PL003"),
];

pub fn spec(code: &str) -> Option<&'static RuleSpec> {
    REGISTRY.iter().find(|spec| spec.code == code)
}
