//! KW: keyword and year consistency between title, date, tags, keywords, slug, headings
//! and body — the "2026年版" post whose tags still say 2025.

use super::post::{LIST_KEYS, publish_date, value_offset};
use super::{Context, OptionError, Options, Reporter, Rule, SharedOptions};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::tree::Node;
use crate::text::escape::quote;
use crate::text::lines::Span;
use crate::text::normalize::{fold, fold_without_spaces};
use crate::text::width::is_cjk;
use crate::text::years::{
    HistoricalPatterns, YearMatch, find_years, in_date_expression, in_past_sentence, is_historical, is_named,
    is_title_claim, sentence_names_other_years,
};

mod kw001_title_year_vs_date;
mod kw002_stale_year_in_metadata;
mod kw003_stale_year_in_heading;
mod kw004_stale_keyword_in_body;
mod kw005_stale_year_in_body;
mod kw006_keyword_missing;
mod kw007_keyword_stuffing;

pub use kw001_title_year_vs_date::*;
pub use kw002_stale_year_in_metadata::*;
pub use kw003_stale_year_in_heading::*;
pub use kw004_stale_keyword_in_body::*;
pub use kw005_stale_year_in_body::*;
pub use kw006_keyword_missing::*;
pub use kw007_keyword_stuffing::*;

/// Year knowledge every KW rule shares, from KW005's options (and KW001's edition window).
#[derive(Clone)]
pub struct YearRules {
    historical: HistoricalPatterns,
    /// Years this far before the canonical one still count as stale; older ones are history.
    stale_window: i32,
    /// From this month on, a title may claim next year (`2027年版` written in December).
    next_year_from_month: u32,
}

impl YearRules {
    fn from_shared(shared: &SharedOptions) -> YearRules {
        let options = shared.get("KW005").cloned().unwrap_or_default();
        let month = shared.get("KW001").map_or(10, |o| o.int("next-year-from-month"));
        YearRules {
            historical: HistoricalPatterns::new(options.list("historical-patterns")),
            stale_window: options.int("stale-window-years").max(1) as i32,
            next_year_from_month: u32::try_from(month).unwrap_or(13),
        }
    }

    /// Whether `year` (found at `span` of `text`) is an earlier year written as if it
    /// were the post's own: within the window before `canonical`, and not history, a
    /// name (`RubyKaigi 2025`), a calendar date or a range. A later year is never stale.
    fn is_stale(&self, canonical: i32, text: &str, found: &YearMatch) -> bool {
        found.year < canonical
            && found.year >= canonical - self.stale_window
            && !is_historical(text, &found.span, &self.historical)
            && !is_named(text, &found.span)
            && !in_date_expression(text, &found.span)
    }

    /// Whether a title claiming `claimed` fits a post dated `dated` (same year, or next
    /// year's edition published late in the year).
    fn claim_fits_date(&self, claimed: i32, dated: crate::text::dates::Date) -> bool {
        claimed == dated.year || claimed == dated.year + 1 && dated.month >= self.next_year_from_month
    }
}

/// The one year a post is about, and why.
pub struct Canonical {
    pub year: i32,
    pub why: String,
    /// Where the title claims its year.
    pub title_claim: Option<(i32, Span, String)>,
}

/// The canonical year of an edition post: the year its title claims (`2026年版`, `… of
/// 2026`). A post whose title claims no year is not an edition, and its other years are
/// history, names and dates, not staleness. When the title and the date disagree, KW001
/// says so once and the other rules stay silent, since which one is right is unknown.
/// Computed once per post for the KW rules, whose year rules come from the same shared
/// options.
pub fn canonical_year<'c>(ctx: &'c Context<'_>, rules: &YearRules) -> Option<&'c Canonical> {
    ctx.canonical_year.get_or_init(|| find_canonical_year(ctx, rules)).as_ref()
}

fn find_canonical_year(ctx: &Context<'_>, rules: &YearRules) -> Option<Canonical> {
    let (year, span, phrase) = title_claim(ctx, rules)?;
    let date = publish_date(ctx);
    if let Some((date, _)) = &date
        && !rules.claim_fits_date(year, date.date)
    {
        return None;
    }
    let why = match &date {
        Some((date, _)) => format!("title says {phrase} and the post is dated {}", date.date),
        None => format!("title says {phrase}"),
    };
    Some(Canonical { year, why, title_claim: Some((year, span, phrase)) })
}

/// The year the title claims (`2026年版`, `Best … of 2026`, `FY2026`), its span in the file
/// and the phrase for messages.
fn title_claim(ctx: &Context<'_>, rules: &YearRules) -> Option<(i32, Span, String)> {
    let node = ctx.doc.front("title")?;
    let title = node.as_str()?;
    let found = find_years(title)
        .into_iter()
        .find(|m| !is_historical(title, &m.span, &rules.historical) && is_title_claim(title, &m.span))?;
    let rest = &title[found.span.end..];
    let suffix = ["年版", "年度", "年"].iter().find(|s| rest.starts_with(**s)).copied().unwrap_or("");
    let phrase = format!("{}{suffix}", &title[found.span.clone()]);
    let span = value_offset(ctx.doc.source, node)
        .map_or(node.span.clone(), |base| base + found.span.start..base + found.span.end);
    Some((found.year, span, phrase))
}

/// Every place in the body's prose where `needle` occurs (byte spans of the file).
fn body_occurrences(ctx: &Context<'_>, needle: &str) -> Vec<Span> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    for run in &ctx.doc.outline.text {
        let text = &ctx.doc.source.as_bytes()[run.clone()];
        found.extend(finder.find_iter(text).map(|i| run.start + i..run.start + i + needle.len()));
    }
    found
}

/// Keyword-like items (tags, keywords …) that carry a stale year.
fn stale_items<'a>(
    ctx: &'a Context<'_>,
    canonical: &Canonical,
    rules: &YearRules,
) -> Vec<(&'a str, &'a str, &'a Node, i32)> {
    let mut items = Vec::new();
    let Some(front_matter) = &ctx.doc.front_matter else { return items };
    for entry in front_matter.entries() {
        if !LIST_KEYS.contains(&entry.key.as_str()) {
            continue;
        }
        for item in entry.value.items() {
            let Some(text) = item.as_str() else { continue };
            if let Some(found) = find_years(text).into_iter().find(|m| rules.is_stale(canonical.year, text, m)) {
                items.push((entry.key.as_str(), text, item, found.year));
            }
        }
    }
    items
}

/// The focus keyword: the first item of `seo_keywords` / `keywords`, or the option.
fn focus_keyword<'a>(ctx: &'a Context<'_>, keys: &[String]) -> Option<(&'a str, Span)> {
    let front_matter = ctx.doc.front_matter.as_ref()?;
    keys.iter().find_map(|key| {
        let node = front_matter.get(key)?;
        let first = node.items().first().or(if node.as_str().is_some() { Some(node) } else { None })?;
        first.as_str().filter(|t| !t.trim().is_empty()).map(|t| (t, first.span.clone()))
    })
}
