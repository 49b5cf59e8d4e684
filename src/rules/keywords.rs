//! KW: keyword and year consistency between title, date, tags, keywords, slug, headings
//! and body — the "2026年版" post whose tags still say 2025.

use super::front_matter::{LIST_KEYS, publish_date};
use super::{Context, OptionError, Options, Rule, SharedOptions};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::tree::{Node, Style};
use crate::text::escape::quote;
use crate::text::lines::Span;
use crate::text::normalize::{fold, fold_without_spaces};
use crate::text::width::is_cjk;
use crate::text::years::{
    HistoricalPatterns, YearMatch, find_years, in_date_expression, in_past_sentence, is_historical, is_named,
    is_title_claim, sentence_names_other_years,
};

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
pub fn canonical_year(ctx: &Context<'_>, rules: &YearRules) -> Option<Canonical> {
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

/// Where a scalar's text starts in the file, when the file holds it verbatim (no escapes).
pub fn value_offset(source: &str, node: &Node) -> Option<usize> {
    let text = node.as_str()?;
    let raw = source.get(node.span.clone())?;
    let inner_start = match node.style {
        Style::Quoted => node.span.start + 1,
        _ => node.span.start,
    };
    let inner = source.get(inner_start..inner_start + text.len())?;
    (inner == text && raw.len() >= text.len()).then_some(inner_start)
}

/// KW001 title-year-vs-date.
pub struct TitleYearVsDate {
    late_from_month: u32,
    rules: YearRules,
}

impl TitleYearVsDate {
    pub fn new(options: &Options, shared: &SharedOptions) -> Result<Self, OptionError> {
        let month = options.int("next-year-from-month");
        if !(1..=13).contains(&month) {
            return Err(OptionError {
                key: "next-year-from-month".into(),
                message: "must be a month number from 1 to 12 (13 turns the window off)".into(),
            });
        }
        Ok(TitleYearVsDate { late_from_month: month as u32, rules: YearRules::from_shared(shared) })
    }
}

impl Rule for TitleYearVsDate {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some((claimed, span, phrase)) = title_claim(ctx, &self.rules) else { return };
        let Some((date, date_span)) = publish_date(ctx) else { return };
        let dated = date.date;
        let early_edition = claimed == dated.year + 1 && dated.month >= self.late_from_month;
        if claimed == dated.year || early_edition {
            return;
        }
        // `Ruby in 2002` posted in January 2003 looks back; only an edition claim
        // (`2025年版`, `2025 edition`) posted then is a title left behind.
        let title = ctx.doc.title().unwrap_or("").to_lowercase();
        let edition = ["年版", "年度版", "edition", "guide", "update"].iter().any(|w| title.contains(w));
        if claimed == dated.year - 1 && dated.month <= 2 && !edition {
            return;
        }
        let mut diagnostic =
            Diagnostic::new("KW001", span, format!("title says {phrase}, but the post is dated {dated}")).help(
                if claimed < dated.year {
                    format!("update the title to {}, or keep the old date if the post was not refreshed", dated.year)
                } else {
                    "fix the year in the title or the date".to_string()
                },
            );
        if let Some(date_span) = date_span {
            diagnostic = diagnostic.label(date_span, "dated here");
        }
        out.push(diagnostic);
    }
}

/// KW002 stale-year-in-metadata.
pub struct StaleYearInMetadata {
    rules: YearRules,
}

impl StaleYearInMetadata {
    pub fn new(_options: &Options, shared: &SharedOptions) -> Self {
        StaleYearInMetadata { rules: YearRules::from_shared(shared) }
    }
}

const METADATA_SCALARS: &[&str] = &["description", "slug", "permalink"];

impl Rule for StaleYearInMetadata {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(canonical) = canonical_year(ctx, &self.rules) else { return };
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        let mut found = Vec::new();
        for entry in front_matter.entries() {
            let key = entry.key.as_str();
            if LIST_KEYS.contains(&key) {
                for item in entry.value.items() {
                    self.check_value(ctx, &canonical, key, item, &mut found);
                }
            } else if METADATA_SCALARS.contains(&key) {
                self.check_value(ctx, &canonical, key, &entry.value, &mut found);
            } else if key == "image"
                && let Some(alt) = entry.value.get("alt")
            {
                self.check_value(ctx, &canonical, "image.alt", alt, &mut found);
            }
        }
        // One diagnostic per stale phrase: the same item in `tags` and `seo_keywords` is
        // one mistake pasted twice; the other places are labels.
        let mut reported: Vec<(String, usize)> = Vec::new();
        for (text, diagnostic) in found {
            let folded = fold(&text);
            match reported.iter().find(|(seen, _)| *seen == folded) {
                Some((_, at)) => {
                    let span = diagnostic.span.clone();
                    let first: &mut Diagnostic = &mut out[*at];
                    first.labels.push(crate::diagnostic::Label { span, message: "the same stale item again".into() });
                }
                None => {
                    reported.push((folded, out.len()));
                    out.push(diagnostic);
                }
            }
        }
        let name = ctx.doc.file_name();
        let slug = crate::text::dates::strip_filename_date(name);
        for found in find_years(slug) {
            if self.rules.is_stale(canonical.year, slug, &found) {
                let span = ctx.doc.lines.line_span(ctx.doc.source, 0);
                out.push(
                    Diagnostic::new(
                        "KW002",
                        span,
                        format!("file name slug says {}, expected {} ({})", found.year, canonical.year, canonical.why),
                    )
                    .help("rename the file (and redirect the old URL), or drop the year from the slug"),
                );
            }
        }
    }
}

impl StaleYearInMetadata {
    fn check_value(
        &self,
        ctx: &Context<'_>,
        canonical: &Canonical,
        key: &str,
        node: &Node,
        out: &mut Vec<(String, Diagnostic)>,
    ) {
        let Some(text) = node.as_str() else { return };
        let base = value_offset(ctx.doc.source, node);
        for found in find_years(text) {
            if !self.rules.is_stale(canonical.year, text, &found) {
                continue;
            }
            let (span, fix) = match base {
                Some(base) => {
                    let span = base + found.span.start..base + found.span.end;
                    (span.clone(), Some(Fix::unsafe_edits(vec![Edit::replace(span, canonical.year.to_string())])))
                }
                None => (node.span.clone(), None),
            };
            let mut diagnostic = Diagnostic::new(
                "KW002",
                span,
                format!(
                    "`{key}` item {} says {}, expected {} ({})",
                    quote(text),
                    found.year,
                    canonical.year,
                    canonical.why
                ),
            )
            .help("update the year, or remove it if the item is not about a year");
            if let Some(fix) = fix {
                diagnostic = diagnostic.fix(fix);
            }
            out.push((text.to_string(), diagnostic));
        }
    }
}

/// KW003 stale-year-in-heading.
pub struct StaleYearInHeading {
    rules: YearRules,
}

impl StaleYearInHeading {
    pub fn new(_options: &Options, shared: &SharedOptions) -> Self {
        StaleYearInHeading { rules: YearRules::from_shared(shared) }
    }
}

impl Rule for StaleYearInHeading {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(canonical) = canonical_year(ctx, &self.rules) else { return };
        for heading in &ctx.doc.outline.headings {
            for found in find_years(&heading.text) {
                if !self.rules.is_stale(canonical.year, &heading.text, &found)
                    || in_past_sentence(&heading.text, &found.span)
                {
                    continue;
                }
                let raw = &ctx.doc.source[heading.text_span.clone()];
                let digits = &heading.text[found.span.clone()];
                let span = raw.find(digits).map_or(heading.text_span.clone(), |i| {
                    heading.text_span.start + i..heading.text_span.start + i + digits.len()
                });
                out.push(
                    Diagnostic::new(
                        "KW003",
                        span,
                        format!(
                            "heading {} says {}, expected {} ({})",
                            quote(&heading.text),
                            found.year,
                            canonical.year,
                            canonical.why
                        ),
                    )
                    .help("update the year, or word the heading as history (`2025年の実績`, `since 2025`)"),
                );
            }
        }
    }
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

/// KW004 stale-keyword-in-body.
pub struct StaleKeywordInBody {
    rules: YearRules,
}

impl StaleKeywordInBody {
    pub fn new(_options: &Options, shared: &SharedOptions) -> Self {
        StaleKeywordInBody { rules: YearRules::from_shared(shared) }
    }
}

impl Rule for StaleKeywordInBody {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(canonical) = canonical_year(ctx, &self.rules) else { return };
        let mut done: Vec<String> = Vec::new();
        for (key, text, item, year) in stale_items(ctx, &canonical, &self.rules) {
            if done.contains(&fold(text)) {
                continue;
            }
            done.push(fold(text));
            // Occurrences told as history (`過去の「計画 2025」`, `2025年に策定した`) are right.
            let current: Vec<Span> =
                body_occurrences(ctx, text).into_iter().filter(|span| !self.told_as_history(ctx, span, year)).collect();
            let Some((first, rest)) = current.split_first() else { continue };
            let mut diagnostic = Diagnostic::new(
                "KW004",
                first.clone(),
                format!(
                    "body repeats the stale keyword {} ({year}), expected {} ({})",
                    quote(text),
                    canonical.year,
                    canonical.why
                ),
            )
            .label(item.span.clone(), format!("`{key}` item"))
            .help("update the year here and in the front matter, or say plainly that it is last year's");
            for span in rest {
                diagnostic = diagnostic.label(span.clone(), "again here");
            }
            out.push(diagnostic);
        }
    }
}

impl StaleKeywordInBody {
    /// Whether the sentence holding the keyword at `span` speaks of its year as history.
    fn told_as_history(&self, ctx: &Context<'_>, span: &Span, year: i32) -> bool {
        let Some(run) = ctx.doc.outline.text.iter().find(|r| r.start <= span.start && span.end <= r.end) else {
            return false;
        };
        let text = &ctx.doc.source[run.clone()];
        let local = span.start - run.start..span.end - run.start;
        find_years(&text[local.clone()]).iter().filter(|m| m.year == year).any(|m| {
            let at = local.start + m.span.start..local.start + m.span.end;
            is_historical(text, &at, &self.rules.historical) || in_past_sentence(text, &at)
        })
    }
}

/// KW005 stale-year-in-body.
pub struct StaleYearInBody {
    rules: YearRules,
    same_topic_only: bool,
}

impl StaleYearInBody {
    pub fn new(options: &Options, shared: &SharedOptions) -> Self {
        StaleYearInBody { rules: YearRules::from_shared(shared), same_topic_only: options.bool("same-topic-only") }
    }
}

/// Whether the words right after the year (`2025年のマーケティング計画`) are the title's
/// topic: a year that qualifies what the post is about, not another subject's year.
fn speaks_of_title_topic(ctx: &Context<'_>, text: &str, span: &Span) -> bool {
    let Some(title) = ctx.doc.title() else { return false };
    let title = fold(title);
    let after: String = text[span.end..].chars().take(24).collect();
    let after = fold(&after);
    // Two kanji or katakana in a row (`計画`, `マー`) that the title has too.
    let cjk: Vec<char> = after.chars().collect();
    let content = |c: &char| (is_cjk(*c) && *c != '年') || ('\u{30A1}'..='\u{30FA}').contains(c);
    let shares_cjk = cjk.windows(2).any(|w| w.iter().all(content) && title.contains(&w.iter().collect::<String>()));
    let shares_word = after
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.is_ascii())
        .any(|w| title.split(|c: char| !c.is_alphanumeric()).any(|t| t == w));
    shares_cjk || shares_word
}

impl Rule for StaleYearInBody {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(canonical) = canonical_year(ctx, &self.rules) else { return };
        let previous = canonical.year - 1;
        // Occurrences of stale keywords are KW004's; do not report them twice.
        let keyword_spans: Vec<Span> = stale_items(ctx, &canonical, &self.rules)
            .iter()
            .flat_map(|(_, text, _, _)| body_occurrences(ctx, text))
            .collect();
        for run in &ctx.doc.outline.text {
            let text = &ctx.doc.source[run.clone()];
            for found in find_years(text) {
                if found.year != previous
                    || !self.rules.is_stale(canonical.year, text, &found)
                    || in_past_sentence(text, &found.span)
                    || sentence_names_other_years(text, &found.span)
                    || (self.same_topic_only && !speaks_of_title_topic(ctx, text, &found.span))
                {
                    continue;
                }
                let span = run.start + found.span.start..run.start + found.span.end;
                if keyword_spans.iter().any(|k| k.start <= span.start && span.end <= k.end) {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        "KW005",
                        span,
                        format!(
                            "body names {previous} as if it were current; expected {} ({})",
                            canonical.year, canonical.why
                        ),
                    )
                    .help(format!(
                        "update the year, or make it plainly past (`{previous}年に…した`, `in {previous} we …`)"
                    )),
                );
            }
        }
    }
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

/// Occurrences of a keyword as written, without its spaces, and in lower case: the
/// forms a body repeats. Each form is found with SIMD `memmem`, so a long body costs
/// little more than reading it.
fn count_variants(text: &str, keyword: &str) -> usize {
    let keyword = keyword.trim();
    let joined: String = keyword.split_whitespace().collect();
    let mut variants = vec![keyword.to_string(), joined.clone(), keyword.to_lowercase(), joined.to_lowercase()];
    variants.sort();
    variants.dedup();
    variants.retain(|v| !v.is_empty());
    variants.iter().map(|variant| memchr::memmem::find_iter(text.as_bytes(), variant.as_bytes()).count()).sum()
}

/// KW006 keyword-missing.
pub struct KeywordMissing {
    keys: Vec<String>,
}

impl KeywordMissing {
    pub fn new(options: &Options) -> Self {
        KeywordMissing { keys: options.list("keys").to_vec() }
    }
}

impl Rule for KeywordMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some((keyword, span)) = focus_keyword(ctx, &self.keys) else { return };
        // Never ask for a keyword with a year other than the post's own to be used more
        // prominently: that is KW002's stale keyword, to be updated first.
        let own_year = publish_date(ctx).map(|(d, _)| d.date.year);
        if find_years(keyword).iter().any(|m| Some(m.year) != own_year) {
            return;
        }
        // Every word of the keyword must appear: Japanese text rarely keeps a keyword's
        // words adjacent (`AI ツール 比較` is written `AIツールを比較`).
        let words: Vec<String> = fold(keyword).split_whitespace().map(str::to_string).collect();
        if words.is_empty() {
            return;
        }
        let contains = |text: &str| {
            let folded = fold_without_spaces(text);
            words.iter().all(|word| folded.contains(word.as_str()))
        };
        // Cheapest places first: the first that has the keyword ends the search.
        let found = ctx.doc.title().is_some_and(contains)
            || ctx.doc.front_str("description").is_some_and(contains)
            || ctx.doc.outline.headings.iter().any(|h| h.level == 2 && contains(&h.text))
            || ctx.doc.outline.first_paragraph.as_ref().is_some_and(|p| contains(&ctx.doc.source[p.clone()]));
        if !found {
            out.push(
                Diagnostic::new("KW006", span, format!("focus keyword {} appears in none of the title, description, first paragraph or H2 headings", quote(keyword)))
                    .help("use it where readers and search engines look first, or choose the keyword the post is really about"),
            );
        }
    }
}

/// KW007 keyword-stuffing.
pub struct KeywordStuffing {
    keys: Vec<String>,
    max_share: f64,
    min_occurrences: usize,
}

impl KeywordStuffing {
    pub fn new(options: &Options) -> Self {
        KeywordStuffing {
            keys: options.list("keys").to_vec(),
            max_share: options.float("max-percent") / 100.0,
            min_occurrences: options.int("min-occurrences").max(1) as usize,
        }
    }
}

impl Rule for KeywordStuffing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some((keyword, span)) = focus_keyword(ctx, &self.keys) else { return };
        let needle = fold_without_spaces(keyword);
        if needle.is_empty() {
            return;
        }
        let runs = || ctx.doc.outline.text.iter().map(|r| &ctx.doc.source[r.clone()]);
        let occurrences: usize = runs().map(|text| count_variants(text, keyword)).sum();
        if occurrences < self.min_occurrences {
            return;
        }
        let cjk = needle.chars().any(is_cjk);
        let (share, unit) = if cjk {
            let total: usize = runs()
                .map(|text| text.chars().filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation()).count())
                .sum();
            ((occurrences * needle.chars().count()) as f64 / total.max(1) as f64, "characters")
        } else {
            let words: usize = runs().map(|text| text.split_whitespace().count()).sum();
            let keyword_words = fold(keyword).split_whitespace().count().max(1);
            ((occurrences * keyword_words) as f64 / words.max(1) as f64, "words")
        };
        if share > self.max_share {
            out.push(
                Diagnostic::new(
                    "KW007",
                    span,
                    format!(
                        "focus keyword {} makes up {:.1}% of the body's {unit} ({occurrences} times)",
                        quote(keyword),
                        share * 100.0
                    ),
                )
                .help(format!("keep it under {:.0}%: write for readers, use synonyms", self.max_share * 100.0)),
            );
        }
    }
}
