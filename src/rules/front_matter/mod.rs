//! FM: front matter — presence, syntax, schema, types, lengths, dates.

use super::post::{DATE_KEYS, LASTMOD_KEYS, LIST_KEYS, parse_date_node, publish_date};
use super::{Context, OptionError, Options, Reporter, Rule};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::{Edit, Fix, Severity};
use crate::document::front_matter::{Format, FrontMatter};
use crate::document::tree::{Node, Style, Value};
use crate::text::dates::{self, DateError};
use crate::text::escape::quote;
use crate::text::lines::Span;
use crate::text::normalize::fold;
use crate::text::width::{display_width, is_mostly_cjk};

mod fm001_front_matter_missing;
mod fm002_front_matter_syntax;
mod fm003_required_field;
mod fm004_field_type;
mod fm005_invalid_date;
mod fm006_filename_date_mismatch;
mod fm007_future_date;
mod fm008_title_length;
mod fm009_description_length;
mod fm010_description_echoes_title;
mod fm011_empty_field;
mod fm012_ambiguous_yaml_scalar;
mod fm013_duplicate_list_item;
mod fm014_reading_time_mismatch;
mod fm015_lastmod_before_date;
mod fm016_missing_locale;
mod fm017_schema_violation;
mod fm018_noindex_post;

pub use fm001_front_matter_missing::*;
pub use fm002_front_matter_syntax::*;
pub use fm003_required_field::*;
pub use fm004_field_type::*;
pub use fm005_invalid_date::*;
pub use fm006_filename_date_mismatch::*;
pub use fm007_future_date::*;
pub use fm008_title_length::*;
pub use fm009_description_length::*;
pub use fm010_description_echoes_title::*;
pub use fm011_empty_field::*;
pub use fm012_ambiguous_yaml_scalar::*;
pub use fm013_duplicate_list_item::*;
pub use fm014_reading_time_mismatch::*;
pub use fm015_lastmod_before_date::*;
pub use fm016_missing_locale::*;
pub use fm017_schema_violation::*;
pub use fm018_noindex_post::*;

/// The span of the opening fence line: where "missing key" diagnostics point.
fn fence_span(ctx: &Context<'_>, front_matter: &FrontMatter) -> Span {
    let line = ctx.doc.lines.line_of(front_matter.span.start);
    ctx.doc.lines.line_span(ctx.doc.source, line)
}

/// Front matter keys that say a post is written for search results.
/// Keys only an author writing for result pages sets. A plain `description` is not one:
/// themes and archives carry it on every post (18F's 2014–16 posts copy their excerpt).
const SEO_KEYS: &[&str] = &["seo_keywords", "keywords", "seo_title", "meta_description", "seo_description"];

/// Whether the post was written for result pages: its front matter sets an SEO key.
fn written_for_search(ctx: &Context<'_>) -> bool {
    SEO_KEYS.iter().any(|key| ctx.doc.front(key).is_some())
}

/// CJK characters and other words in the body's prose and headings.
pub fn body_length(ctx: &Context<'_>) -> (usize, usize) {
    let stats = ctx.doc.text_stats();
    (stats.cjk_chars, stats.words)
}
