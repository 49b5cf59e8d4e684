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
    /// Words that make the year right after them part of a name (`Office 2024`,
    /// `RubyKaigi 2025`): KW002's `name-words`, folded.
    name_words: Vec<String>,
    /// Words that make a title's year the subject's (`Rainfall analysis … in 2020`,
    /// `2020年度 決算`): KW001's `subject-words`, folded.
    subject_words: Vec<String>,
}

impl YearRules {
    fn from_shared(shared: &SharedOptions) -> YearRules {
        let options = shared.get("KW005").cloned().unwrap_or_default();
        let month = shared.get("KW001").map_or(10, |o| o.int("next-year-from-month"));
        let names = shared.get("KW002").map(|o| o.list("name-words").iter().map(|w| fold(w)).collect());
        let subjects = shared.get("KW001").map(|o| o.list("subject-words").iter().map(|w| fold(w)).collect());
        YearRules {
            historical: HistoricalPatterns::new(options.list("historical-patterns")),
            stale_window: options.int("stale-window-years").max(1) as i32,
            next_year_from_month: u32::try_from(month).unwrap_or(13),
            name_words: names.unwrap_or_default(),
            subject_words: subjects.unwrap_or_default(),
        }
    }

    /// Whether the year at `span` of `title` is the year of what the post is about (the
    /// data of an analysis, a survey, a census, a season, a fiscal year) rather than the
    /// post's edition: a subject word in the same clause as the year, and no edition
    /// marker (`2020年版`, `2020 edition`, `guide`) anywhere in the title.
    fn names_the_subject(&self, title: &str, span: &Span) -> bool {
        let folded_title = fold(title);
        if EDITION_MARKERS.iter().any(|marker| contains_word(&folded_title, marker)) {
            return false;
        }
        let clause = fold(clause_around(title, span));
        self.subject_words.iter().any(|word| contains_word(&clause, word))
    }

    /// Whether the year in a tag or keyword (`found` in `item`) is stale. A list of tags is
    /// metadata, not prose: last year there is stale whatever the case of the word before
    /// it or the space between (`SEO 2025`, `広告運用2025`), unless the post gives evidence
    /// that the year belongs to a name (`Office 2024`, `Rust 2018`). Older years keep the
    /// prose reading, where a capitalised word before the year makes a name.
    fn is_stale_item(&self, ctx: &Context<'_>, canonical: &Canonical, item: &str, found: &YearMatch) -> bool {
        if found.year != canonical.year - 1 {
            return self.is_stale(canonical.year, item, found);
        }
        !is_historical(item, &found.span, &self.historical)
            && !in_date_expression(item, &found.span)
            && !self.names_by_evidence(ctx, canonical, item, found)
    }

    /// Whether the post shows that the year at `found` of `item` belongs to a name: a word
    /// of `name-words` right before it, a capitalised word right after it (`2024 Tokyo Rust
    /// Meetup`), or the title naming the same word with that year. The same word with the
    /// canonical year elsewhere (the title, headings, another item) says it is an edition.
    fn names_by_evidence(&self, ctx: &Context<'_>, canonical: &Canonical, item: &str, found: &YearMatch) -> bool {
        let before = item[..found.span.start].trim_end();
        let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let year = &item[found.span.clone()];
        let with_year = |year: &str| fold_without_spaces(&format!("{word}{year}"));
        let edition = !word.is_empty() && {
            let needle = with_year(&canonical.year.to_string());
            post_metadata_texts(ctx).any(|text| fold_without_spaces(text).contains(&needle))
        };
        if edition {
            return false;
        }
        let listed = self.name_words.iter().any(|name| ends_with_name(before, name));
        let capitalised_after = item[found.span.end..].strip_prefix(' ').is_some_and(|rest| {
            let next: String = rest.chars().take_while(char::is_ascii_alphanumeric).collect();
            next.len() > 1
                && next.starts_with(|c: char| c.is_ascii_uppercase())
                && !EDITION_WORDS.contains(&next.as_str())
        });
        let in_title = !word.is_empty()
            && ctx.doc.title().is_some_and(|title| fold_without_spaces(title).contains(&with_year(year)));
        listed || capitalised_after || in_title
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

/// Words that make a title an edition whatever its subject (`2020年版 データ分析ツール`,
/// `The best data tools in 2026`).
const EDITION_MARKERS: &[&str] =
    &["年版", "年度版", "edition", "guide", "update", "updated", "best", "top", "おすすめ", "ランキング", "最新"];

/// The clause of `text` that holds `span`: titles join clauses with `:`, `|`, dashes,
/// brackets and `！`.
fn clause_around<'a>(text: &'a str, span: &Span) -> &'a str {
    const STOPS: &[char] =
        &[':', '：', '|', '｜', '—', '–', '!', '！', '?', '？', '(', ')', '（', '）', '【', '】', '「', '」', '[', ']'];
    let start = text[..span.start].rfind(STOPS).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[span.end..].find(STOPS).map_or(text.len(), |i| span.end + i);
    let clause = &text[start..end];
    // ` - ` joins clauses too; a hyphen inside a word does not.
    let local = span.start - start;
    let from = clause[..local].rfind(" - ").map_or(0, |i| i + 3);
    let to = clause[local..].find(" - ").map_or(clause.len(), |i| local + i);
    &clause[from..to]
}

/// Whether folded `text` holds the folded `word`: as a whole word for Latin script,
/// anywhere for Japanese, Chinese and Korean, which put no space between words.
fn contains_word(text: &str, word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    if word.chars().next().is_some_and(is_cjk) {
        return text.contains(word);
    }
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric() || is_cjk(c))
            && after.is_none_or(|c| !c.is_alphanumeric() || is_cjk(c))
    })
}

/// Capitalised words after a year that make an edition of it (`2026 Guide`), not a name.
const EDITION_WORDS: &[&str] =
    &["Edition", "Guide", "Update", "Updated", "Version", "Trends", "Roundup", "Predictions", "Outlook"];

/// Whether `before` (the text before a year) ends with the name `name` (folded): at a
/// word boundary, or glued to a CamelCase name (`RubyKaigi`), or anywhere for a name
/// written in Japanese, Chinese or Korean, which put no space between words.
fn ends_with_name(before: &str, name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    let folded = fold(before);
    let Some(head) = folded.strip_suffix(name) else { return false };
    if name.chars().next().is_some_and(is_cjk) {
        return true;
    }
    let Some(previous) = head.chars().next_back() else { return true };
    if !previous.is_alphanumeric() || is_cjk(previous) {
        return true;
    }
    // CamelCase: the name starts with a capital right after a lower-case letter.
    let name_chars = name.chars().count();
    let mut tail = before.chars().rev().skip(name_chars - 1);
    matches!((tail.next(), tail.next()), (Some(first), Some(prior)) if first.is_uppercase() && prior.is_lowercase())
}

/// The texts where a post names its topics: the title, its H1–H3 headings and every
/// item of its keyword lists.
fn post_metadata_texts<'a>(ctx: &'a Context<'_>) -> impl Iterator<Item = &'a str> {
    let items = ctx.doc.front_matter.iter().flat_map(|front_matter| {
        front_matter
            .entries()
            .iter()
            .filter(|entry| LIST_KEYS.contains(&entry.key.as_str()))
            .flat_map(|entry| entry.value.items().iter().filter_map(Node::as_str))
    });
    let headings = ctx.doc.outline.headings.iter().filter(|h| h.level <= 3).map(|h| h.text.as_str());
    ctx.doc.title().into_iter().chain(headings).chain(items)
}

/// The file span of `range` of a scalar's parsed text: exact when the file holds the text
/// verbatim; otherwise (a folded `>` or literal `|` block, a quoted string with escapes, a
/// plain scalar over several lines) the same occurrence of the same characters in the
/// file, since folding only changes white space. `range` must hold no white space.
fn scalar_span(source: &str, node: &Node, range: &Span) -> Option<Span> {
    if let Some(base) = value_offset(source, node) {
        return Some(base + range.start..base + range.end);
    }
    let text = node.as_str()?;
    let needle = text.get(range.clone())?;
    if needle.is_empty() || needle.chars().any(char::is_whitespace) {
        return None;
    }
    let nth = text[..range.start].matches(needle).count();
    let raw = source.get(node.span.clone())?;
    // A block scalar's first line is its header (`>-`, `|2`), not text.
    let skip = match node.style {
        crate::document::tree::Style::Block => raw.find('\n').map_or(raw.len(), |i| i + 1),
        _ => 0,
    };
    let (at, _) = raw[skip..].match_indices(needle).nth(nth)?;
    let start = node.span.start + skip + at;
    Some(start..start + needle.len())
}

/// `text` as a reader sees it in one line: runs of white space (line breaks of a folded
/// scalar included) read as one space; a text longer than a message quotes (80
/// characters) is cut to the words around `range`.
fn excerpt(text: &str, range: &Span) -> String {
    const AROUND: usize = 24;
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let whole = one_line(text);
    if whole.chars().count() <= 80 {
        return whole;
    }
    let before: Vec<char> = text[..range.start].chars().collect();
    let after: Vec<char> = text[range.end..].chars().collect();
    let mut out = String::new();
    if before.len() > AROUND {
        out.push('…');
    }
    out.extend(&before[before.len().saturating_sub(AROUND)..]);
    out.push_str(&text[range.clone()]);
    out.extend(after.iter().take(AROUND));
    if after.len() > AROUND {
        out.push('…');
    }
    one_line(&out)
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
    let years = find_years(title);
    if compares_years(title, &years) {
        return None;
    }
    let found = years
        .into_iter()
        .find(|m| !is_historical(title, &m.span, &rules.historical) && is_title_claim(title, &m.span))?;
    if rules.names_the_subject(title, &found.span) {
        return None;
    }
    let rest = &title[found.span.end..];
    let suffix = ["年版", "年度", "年"].iter().find(|s| rest.starts_with(**s)).copied().unwrap_or("");
    let phrase = format!("{}{suffix}", &title[found.span.clone()]);
    let span = value_offset(ctx.doc.source, node)
        .map_or(node.span.clone(), |base| base + found.span.start..base + found.span.end);
    Some((found.year, span, phrase))
}

/// A title that lists or compares years (`2008, 2008 R2 or 2012`, `2024 vs 2025`,
/// `2023年と2024年`) is about versions or a comparison, not one edition's year.
fn compares_years(title: &str, years: &[YearMatch]) -> bool {
    years.windows(2).any(|pair| {
        let between = title[pair[0].span.end..pair[1].span.start].to_lowercase();
        let core = between.trim().trim_start_matches('年').trim();
        [",", "、", "と", "/", "・", "&", "or", "vs", "vs.", "and", "versus", ", or", ", and"].contains(&core)
    })
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
        for (item, text, _) in keyword_items(&entry.value) {
            if let Some(found) = find_years(text).into_iter().find(|m| rules.is_stale_item(ctx, canonical, text, m)) {
                items.push((entry.key.as_str(), text, item, found.year));
            }
        }
    }
    items
}

/// The items of a keyword list (`tags`, `keywords` …), each with its node and its range in
/// the node's text. A string is a list too: `keywords: "a, b, c"` (or `a、b、c`) is what
/// themes print into `<meta name="keywords">`, three keywords, not one.
fn keyword_items(node: &Node) -> Vec<(&Node, &str, Span)> {
    if let Some(text) = node.as_str() {
        let mut items = Vec::new();
        let mut start = 0;
        for part in text.split([',', '、', '，']) {
            let trimmed = part.trim();
            if !trimmed.is_empty() {
                let at = start + (part.len() - part.trim_start().len());
                items.push((node, trimmed, at..at + trimmed.len()));
            }
            start += part.len();
            // Step over the separator that ended this part (`,` is one byte, `、` three).
            start += text[start..].chars().next().map_or(0, char::len_utf8);
        }
        return items;
    }
    node.items().iter().filter_map(|item| item.as_str().map(|text| (item, text, 0..text.len()))).collect()
}

/// The file span of `range` of a scalar's text, else the whole scalar.
fn text_span(source: &str, node: &Node, range: &Span) -> Span {
    scalar_span(source, node, range).unwrap_or_else(|| node.span.clone())
}

/// The focus keyword: the first item of `seo_keywords` / `keywords`, or the option.
fn focus_keyword<'a>(ctx: &'a Context<'_>, keys: &[String]) -> Option<(&'a str, Span)> {
    let front_matter = ctx.doc.front_matter.as_ref()?;
    keys.iter().find_map(|key| {
        let node = front_matter.get(key)?;
        let (item, text, range) = keyword_items(node).into_iter().next().filter(|(_, t, _)| !t.trim().is_empty())?;
        Some((text, text_span(ctx.doc.source, item, &range)))
    })
}
