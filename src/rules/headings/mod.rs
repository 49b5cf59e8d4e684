//! HD: heading structure — the outline readers and search engines follow, and titles
//! that keep the count they promise.

use super::{Context, OptionError, Options, Reporter, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::markdown::{Heading, HeadingKind};
use crate::text::escape::quote;
use crate::text::normalize::fold;
use crate::text::slug::Slugger;
use crate::text::width::display_width;
use regex::Regex;
use std::sync::LazyLock;

mod hd001_h1_in_body;
mod hd002_heading_level_skip;
mod hd003_duplicate_heading;
mod hd004_empty_heading;
mod hd005_numbered_sequence_gap;
mod hd006_title_count_mismatch;
mod hd007_heading_too_long;
mod hd008_trailing_punctuation;

pub use hd001_h1_in_body::*;
pub use hd002_heading_level_skip::*;
pub use hd003_duplicate_heading::*;
pub use hd004_empty_heading::*;
pub use hd005_numbered_sequence_gap::*;
pub use hd006_title_count_mismatch::*;
pub use hd007_heading_too_long::*;
pub use hd008_trailing_punctuation::*;

/// For each heading, the index of its parent (the nearest earlier heading of a lower level).
fn parents(headings: &[Heading]) -> Vec<Option<usize>> {
    let mut stack: Vec<usize> = Vec::new();
    headings
        .iter()
        .enumerate()
        .map(|(index, heading)| {
            while stack.last().is_some_and(|&top| headings[top].level >= heading.level) {
                stack.pop();
            }
            let parent = stack.last().copied();
            stack.push(index);
            parent
        })
        .collect()
}

/// A numbered heading: `ステップ3`, `Step 3`, `3.`, `第3章`, `三、`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Numbered {
    counter: String,
    number: u32,
    /// The last number a heading covers: 2 in `ステップ1 & 2`, `Step 1-2`, 7 in `第4章〜第7章`.
    through: u32,
    /// `37.3層ウェブ`: a decimal glued to CJK text, which is number 37 and `3層ウェブ` only
    /// where 37 continues a sequence; elsewhere it is a quantity (`1.5倍速く`).
    tentative: bool,
}

/// `<counter word or noun> N <separator>`: an English counter word from a list (so
/// `Windows 10` / `Python 3` are not sequences), or any kanji/katakana noun (`戦略1`,
/// `事例2`, `テクニック3`, `秘訣5`), then a number of at most three digits and a
/// separator or the end, so `ステップ1における指標` and version numbers (`1.9 系`) are
/// not numbered headings.
static COUNTER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^((?:step|part|tip|point|chapter|lesson|day|week|stage|phase|option|method|way|rule|reason|idea|case|example|level|round|episode|section|question)s?|no\.?|#|vol\.?|volume|その|[\p{Katakana}ー\p{Han}]{1,8})\s*#?\s*([0-9]{1,2})(?:$|つ目|番目|[\s.．:：、,，)）\]】\-–—|｜/~〜])").unwrap_or_else(|e| unreachable!("{e}"))
});

/// `第3章`, and the ranges `第4〜7章` / `第4章〜第7章` (one heading for chapters 4 to 7).
static DAI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第\s*([0-9]+|[一二三四五六七八九十]+)\s*(?:(?:~|〜|-|–|—)\s*(?:第\s*)?([0-9]+|[一二三四五六七八九十]+)\s*)?(章|節|回|位|条|部|弾)(?:\s*(?:~|〜|-|–|—)\s*第?\s*([0-9]+|[一二三四五六七八九十]+)\s*(?:章|節|回|位|条|部|弾))?")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

static NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,3})\s*(つ目|番目|位|[.．)）、:：]|\s|$)").unwrap_or_else(|e| unreachable!("{e}"))
});

/// `3–5. Tidy up`, `1〜2）準備`: one heading for a range of numbered items. The range must
/// end in a numbering separator, so `2-3 weeks later` is not one.
static NUMBER_RANGE_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,3})\s*(?:~|〜|-|–|—)\s*([0-9]{1,3})\s*(?:つ目|番目|[.．)）、:：])")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

static KANJI_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十]+)\s*[、.．]").unwrap_or_else(|e| unreachable!("{e}")));

fn kanji_number(text: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| (i / 3) as u32 + 1);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        _ => None,
    }
}

fn number_of(text: &str) -> Option<u32> {
    text.parse().ok().or_else(|| kanji_number(text))
}

fn numbered(text: &str) -> Option<Numbered> {
    // Circled numbers (①) fold to plain digits, so they are read first.
    if let Some(first) = text.trim_start().chars().next()
        && ('①'..='⑳').contains(&first)
    {
        let number = first as u32 - '①' as u32 + 1;
        return Some(Numbered { counter: "circled".into(), number, through: number, tentative: false });
    }
    // Every pattern is anchored at the start and short: the head of a long heading is enough.
    let text = fold(&text[..crate::text::lines::floor_char_boundary(text, 96)]);
    // A version or section number (`1.9 series`, `0.12.1`, `2.2 Taptweak`) is not a count;
    // but a decimal glued to CJK text (`37.3層ウェブ`) may be `37.` and `3層ウェブ`.
    let digits = text.trim_start_matches(|c: char| !c.is_ascii_digit());
    let after_number = digits.trim_start_matches(|c: char| c.is_ascii_digit());
    let mut tentative = false;
    if !digits.is_empty()
        && after_number.starts_with('.')
        && after_number[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        let after_decimal = after_number[1..].trim_start_matches(|c: char| c.is_ascii_digit());
        if !after_decimal.starts_with(is_cjk) {
            return None;
        }
        tentative = true;
    }
    // `第4〜7章` before the counter words, which would take `第` for one.
    if let Some(c) = DAI.captures(&text) {
        let number = number_of(&c[1])?;
        let end = c.get(2).or_else(|| c.get(4)).and_then(|m| number_of(m.as_str()));
        let through = end.filter(|&end| end > number).unwrap_or(number);
        return Some(Numbered { counter: format!("第{}", &c[3]), number, through, tentative: false });
    }
    if let Some(c) = COUNTER_FIRST.captures(&text) {
        let word = c[1].trim_end_matches('.').to_string();
        let word = match word.as_str() {
            "no" | "#" => "number".to_string(),
            // `Phases 07-09` between `Phase 05` and `Phase 10`: one counter, plural or not.
            english if english.len() > 2 && english.is_ascii() && english.ends_with('s') => {
                english[..english.len() - 1].to_string()
            }
            _ => word,
        };
        let number = c[2].parse().ok()?;
        let through =
            range_end(&text[c.get(2).map_or(0, |m| m.end())..], &c[1]).filter(|&end| end > number).unwrap_or(number);
        return Some(Numbered { counter: word, number, through, tentative });
    }
    if let Some(c) = NUMBER_RANGE_FIRST.captures(&text) {
        let (number, end): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        if end > number {
            return Some(Numbered { counter: "number".into(), number, through: end, tentative: false });
        }
    }
    if let Some(c) = NUMBER_FIRST.captures(&text) {
        let number = c[1].parse().ok()?;
        return Some(Numbered { counter: "number".into(), number, through: number, tentative });
    }
    if let Some(c) = KANJI_FIRST.captures(&text) {
        let number = kanji_number(&c[1])?;
        return Some(Numbered { counter: "kanji".into(), number, through: number, tentative: false });
    }
    None
}

/// Han, kana and the CJK punctuation that follows them.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{ff66}'..='\u{ff9f}')
}

static RANGE_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:&|＆|・|~|〜|～|-|–|—|と|and|,|、)\s*").unwrap_or_else(|e| unreachable!("{e}"))
});

static RANGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*#?\s*([0-9]{1,2})(?:$|[^0-9])").unwrap_or_else(|e| unreachable!("{e}")));

/// The second number of a range right after a heading's number (` & 2`, `-3`, `〜4`), the
/// counter word may be said again (`ステップ4〜ステップ6`, `Step 1 and Step 2`).
fn range_end(after_number: &str, counter: &str) -> Option<u32> {
    let separator = RANGE_SEPARATOR.find(after_number)?;
    let rest = &after_number[separator.end()..];
    let rest = rest.strip_prefix(counter).unwrap_or(rest);
    RANGE_NUMBER.captures(rest)?[1].parse().ok()
}

/// Numbered headings under one parent, at one level, with one counter word.
struct Run {
    parent: Option<usize>,
    level: u8,
    counter: String,
    /// (heading index, number, the last number it covers)
    items: Vec<(usize, u32, u32)>,
}

/// A counter word and its headings: (heading index, number, the last number it covers).
pub(crate) type NumberedRun = (String, Vec<(usize, u32, u32)>);

/// Runs of numbered sibling headings of the post, found once for the rules that read them.
fn numbered_groups<'c>(ctx: &'c Context<'_>) -> &'c [NumberedRun] {
    ctx.numbered_runs.get_or_init(|| find_numbered_groups(&ctx.doc.outline.headings))
}

/// Runs of numbered sibling headings.
fn find_numbered_groups(headings: &[Heading]) -> Vec<NumberedRun> {
    let parents = parents(headings);
    let mut runs: Vec<Run> = Vec::new();
    for (index, heading) in headings.iter().enumerate() {
        let Some(n) = numbered(&heading.text) else { continue };
        let parent = parents[index];
        match runs.iter_mut().find(|r| r.parent == parent && r.level == heading.level && r.counter == n.counter) {
            Some(run) if n.tentative && run.items.last().is_none_or(|&(_, _, last)| last + 1 != n.number) => {}
            Some(run) => run.items.push((index, n.number, n.through)),
            None if n.tentative => {}
            None => runs.push(Run {
                parent,
                level: heading.level,
                counter: n.counter,
                items: vec![(index, n.number, n.through)],
            }),
        }
    }
    runs.into_iter().map(|run| (run.counter, run.items)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered_as(counter: &str, number: u32, through: u32) -> Option<Numbered> {
        Some(Numbered { counter: counter.into(), number, through, tentative: false })
    }

    #[test]
    fn numbered_headings() {
        assert_eq!(numbered("ステップ1: 準備と計画"), numbered_as("ステップ", 1, 1));
        assert_eq!(numbered("ステップ１：準備"), numbered_as("ステップ", 1, 1));
        assert_eq!(numbered("Step 3 - Measure"), numbered_as("step", 3, 3));
        assert_eq!(numbered("2. Cloudstep"), numbered_as("number", 2, 2));
        assert_eq!(numbered("第3章 実践"), numbered_as("第章", 3, 3));
        assert_eq!(numbered("四、まとめ"), numbered_as("kanji", 4, 4));
        assert_eq!(numbered("2026年の展望"), None);
        assert_eq!(numbered("20"), numbered_as("number", 20, 20), "a diary's bare day heading");
        assert_eq!(numbered("ステップ1 & 2: 準備"), numbered_as("ステップ", 1, 2), "a heading for two steps");
        assert_eq!(numbered("Step 3-4 Measure"), numbered_as("step", 3, 4));
        assert_eq!(numbered("Phases 07-09: three probes"), numbered_as("phase", 7, 9));
    }

    #[test]
    fn ranges_cover_their_numbers() {
        assert_eq!(numbered("第４章〜第７章 実践編"), numbered_as("第章", 4, 7));
        assert_eq!(numbered("第4〜7章 実践編"), numbered_as("第章", 4, 7));
        assert_eq!(numbered("ステップ2〜ステップ4 実行"), numbered_as("ステップ", 2, 4));
        assert_eq!(numbered("Step 1 and Step 2: setup"), numbered_as("step", 1, 2));
        assert_eq!(numbered("3–5. Tidy up"), numbered_as("number", 3, 5));
        assert_eq!(numbered("2-3 weeks later"), None, "a duration, not a range of items");
        assert_eq!(numbered("Step 1 - Install 2 packages"), numbered_as("step", 1, 1));
    }

    #[test]
    fn a_decimal_glued_to_cjk_text_is_a_tentative_number() {
        let glued = numbered("37.3層ウェブ");
        assert_eq!(glued.as_ref().map(|n| (n.number, n.tentative)), Some((37, true)));
        assert_eq!(numbered("2.2 Taptweak"), None);
        assert_eq!(numbered("1.9 系"), None);
    }
}
