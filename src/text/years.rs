//! Years in running text, as a reader means them: four digits 19xx/20xx (ASCII or
//! full-width), not part of a longer number, URL, hash or ISO date.

use crate::text::lines::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearMatch {
    pub year: i32,
    /// Byte range of the digits in the searched text.
    pub span: Span,
}

pub fn find_years(text: &str) -> Vec<YearMatch> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    // Digits are ASCII or full-width (`EF BC 90`–`EF BC 99`); other bytes end a run, so
    // the scan never needs to decode characters.
    let digit_at = |i: usize| -> Option<(u32, usize)> {
        match bytes[i] {
            b @ b'0'..=b'9' => Some(((b - b'0') as u32, 1)),
            0xEF if bytes.get(i + 1) == Some(&0xBC) && matches!(bytes.get(i + 2), Some(0x90..=0x99)) => {
                Some(((bytes[i + 2] - 0x90) as u32, 3))
            }
            _ => None,
        }
    };
    while i < bytes.len() {
        // A year starts with `1` or `2`, or a full-width digit (lead byte 0xEF): jump there.
        let Some(next) = memchr::memchr3(b'1', b'2', 0xEF, &bytes[i..]) else { break };
        i += next;
        if digit_at(i).is_none() {
            i += 1;
            continue;
        }
        // Digits just before the jump belong to this run: back up to its start.
        while i > 0 && bytes[i - 1].is_ascii_digit() {
            i -= 1;
        }
        let start = i;
        let (mut count, mut value) = (0usize, 0u32);
        while i < bytes.len() {
            let Some((digit, width)) = digit_at(i) else { break };
            value = value.saturating_mul(10).saturating_add(digit);
            count += 1;
            i += width;
        }
        let year = value as i32;
        if count == 4 && (1900..=2099).contains(&year) && !is_embedded(text, start, i) {
            found.push(YearMatch { year, span: start..i });
        }
    }
    found
}

/// Whether the digits at `start..end` are part of something that is not a year.
fn is_embedded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let after_two: String = text[end..].chars().take(3).collect();
    // ISO dates and version-like runs: 2026-01-12, 2026/01/12, 2026.01, 1.2026
    let date_like = |s: &str| {
        let mut it = s.chars();
        matches!(it.next(), Some('-' | '/' | '.')) && it.next().is_some_and(|c| c.is_ascii_digit())
    };
    if date_like(&after_two)
        || matches!(before, Some('.' | '/' | '-'))
            && text[..start].chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    // Glued to letters, digits or identifier characters (hashes, slugs, file names),
    // except the fiscal-year prefix FY.
    let glued_before = before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '#' || c == '=');
    if glued_before && !text[..start].ends_with("FY") {
        return true;
    }
    if after.is_some_and(|c| c.is_ascii_alphanumeric() && c != 's' || c == '_') {
        return true;
    }
    // Inside a URL or path token.
    // The white space found may be several bytes long (U+205F, U+3000): skip all of it.
    let token_start =
        text[..start].char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    let token = &text[token_start..start];
    token.contains("://") || token.starts_with("www.") || token.contains('/') && !token.contains('年')
}

/// The historical patterns of KW005, split once: `{year}年に` becomes the text that must
/// come before and after the year; a pattern without `{year}` is a marker word anywhere
/// in the year's sentence.
#[derive(Debug, Clone, Default)]
pub struct HistoricalPatterns {
    around: Vec<(String, String)>,
    markers: Vec<String>,
}

impl HistoricalPatterns {
    pub fn new(patterns: &[String]) -> HistoricalPatterns {
        let mut compiled = HistoricalPatterns::default();
        for pattern in patterns {
            match pattern.split_once("{year}") {
                Some((prefix, suffix)) => compiled.around.push((prefix.to_string(), suffix.to_string())),
                None => compiled.markers.push(pattern.clone()),
            }
        }
        compiled
    }
}

/// Whether the year at `span` of `text` sits in one of the historical patterns
/// (`{year}年に`, `since {year}`, a range `2024〜2026` …), compared case-insensitively.
pub fn is_historical(text: &str, span: &Span, patterns: &HistoricalPatterns) -> bool {
    let before = &text[..span.start];
    let after = &text[span.end..];
    if is_range(before, after) {
        return true;
    }
    if patterns
        .around
        .iter()
        .any(|(prefix, suffix)| ends_with_ignore_case(before, prefix) && starts_with_ignore_case(after, suffix))
    {
        return true;
    }
    if patterns.markers.is_empty() {
        return false;
    }
    let sentence = sentence_around(text, span);
    patterns.markers.iter().any(|marker| sentence.contains(marker.as_str()))
}

fn sentence_around<'a>(text: &'a str, span: &Span) -> &'a str {
    let stops: &[char] = &['。', '.', '!', '?', '！', '？', '\n'];
    let start = text[..span.start].rfind(stops).map_or(0, |i| i + text[i..].chars().next().map_or(1, char::len_utf8));
    let end = text[span.end..].find(stops).map_or(text.len(), |i| span.end + i);
    &text[start..end]
}

const RANGE_MARKS: &[&str] = &["〜", "～", "~", "–", "—", "-", "から", " to ", "−"];

fn is_range(before: &str, after: &str) -> bool {
    let after_trim = after.trim_start();
    let before_trim = before.trim_end();
    let next_is_year = RANGE_MARKS
        .iter()
        .any(|m| after_trim.strip_prefix(m.trim()).is_some_and(|rest| starts_with_year(rest.trim_start())));
    let previous_is_year = RANGE_MARKS
        .iter()
        .any(|m| before_trim.strip_suffix(m.trim()).is_some_and(|rest| ends_with_year(rest.trim_end())));
    next_is_year || previous_is_year
}

fn starts_with_year(text: &str) -> bool {
    find_years(text).first().is_some_and(|m| m.span.start == 0)
}

fn ends_with_year(text: &str) -> bool {
    let tail_start = text.char_indices().rev().nth(5).map_or(0, |(i, _)| i);
    find_years(&text[tail_start..]).last().is_some_and(|m| m.span.end + tail_start == text.len())
}

fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.is_char_boundary(text.len() - suffix.len())
        && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.len() >= prefix.len()
        && text.is_char_boundary(prefix.len())
        && text[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Capitalised words after a year that make an edition of it (`2026 Guide`), not a name
/// (`2022 Fukuoka Ruby Award`).
const EDITION_WORDS: &[&str] =
    &["Edition", "Guide", "Update", "Updated", "Version", "Trends", "Roundup", "Predictions", "Outlook"];

/// Words that make a title a look back at a period rather than a claim to be current.
const REVIEW_WORDS: &[&str] = &[
    "review",
    "recap",
    "retrospective",
    "highlights",
    "look back",
    "looking back",
    "lookback",
    "results",
    "survey",
    "report",
    "wrap-up",
    "wrapup",
    "favorite",
    "favourite",
    "year in",
    "annual",
    "振り返",
    "総括",
    "結果",
    "実績",
    "レポート",
    "報告",
    "回顧",
    "総まとめ",
    "アンケート",
    "調査",
];

/// Function words that, just before a year, do not make it part of a name
/// (`Best apps of 2026`, `In 2026`), unlike `RubyKaigi 2025` or `Rust 2018`.
const NOT_NAMES: &[&str] = &["In", "Of", "For", "Since", "By", "Until", "From", "To", "Best", "Top", "And", "Or"];

/// Whether the year at `span` of a title claims the post is about that year (an edition:
/// `2026年版`, `2026年のSEO対策`, `Best apps of 2026`, `(2026)`, `2026 guide`) rather than
/// naming an event, product or version (`RubyKaigi 2025`, `Rust 2018`), or the title
/// looking back (`2025年の振り返り`, `2024 survey results`).
pub fn is_title_claim(title: &str, span: &Span) -> bool {
    let lower = title.to_lowercase();
    if REVIEW_WORDS.iter().any(|w| lower.contains(w)) {
        return false;
    }
    if is_named(title, span) || in_date_expression(title, span) {
        return false;
    }
    let before = title[..span.start].trim_end();
    let after = &title[span.end..];
    if after.starts_with('年') || after.trim_start().starts_with('年') {
        return true;
    }
    let previous_word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_lowercase();
    let next_word: String = after
        .trim_start_matches([' ', ':', '-'])
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    before.is_empty()
        || before.ends_with(['(', '（', '[', '【', '「', '|', '｜', ':', '：', '-', '–', '—'])
        || matches!(
            previous_word.trim_start_matches(['(', '（', '[', '【']),
            "in" | "of"
                | "for"
                | "to"
                | "guide"
                | "en"
                | "para"
                | "guía"
                | "guia"
                | "edición"
                | "edição"
                | "pour"
                | "für"
        )
        || matches!(
            next_word.as_str(),
            "edition" | "guide" | "update" | "updated" | "version" | "trends" | "roundup" | "predictions" | "outlook"
        )
}

/// Whether the year is part of a name: right after a capitalised word (`RubyKaigi 2025`,
/// `Rust 2018`, `MSVC 2012`), after `the` (`the 2018 edition`, `the 2017 survey`), or
/// glued to a word before it (`知財推進計画2024`).
pub fn is_named(text: &str, span: &Span) -> bool {
    // `2023 Rust survey`, `2022 Fukuoka Ruby Award`: a capitalised word after the year.
    let after = &text[span.end..];
    let next: String =
        after.strip_prefix(' ').unwrap_or("").chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if next.len() > 1 && next.starts_with(|c: char| c.is_ascii_uppercase()) && !EDITION_WORDS.contains(&next.as_str()) {
        return true;
    }
    // Korean names after the year (`2022 후쿠오카 Ruby 경진대회`): Hangul has no
    // capitals, and Korean writes a year-stamped event this way.
    if after
        .strip_prefix(' ')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
    {
        return true;
    }
    // A year that opens its own parenthesis (`… (2018)`, `…(2020年版)`) stands apart from
    // the word before it: not part of its name (`[` is link text: `the [2023 survey](x)`).
    if text[..span.start].ends_with(['(', '（', '【']) {
        return false;
    }
    // Link text and quotes: `[the 2023 survey]`, `(Rust 2018)`: look past the bracket.
    let before = text[..span.start].trim_end_matches(['[', '(', '「', '"', '“', '\'']);
    let Some(last) = before.chars().next_back() else { return false };
    if last.is_alphanumeric() {
        // Glued: `計画2024`; `FY2026` is a fiscal year, not a name.
        return !before.ends_with("FY");
    }
    if last != ' ' {
        return false;
    }
    let word = before.trim_end().rsplit(|c: char| c.is_whitespace() || c == '(' || c == '「').next().unwrap_or("");
    let word = word.trim_end_matches([',', '\'', '’', 's']).trim_end_matches(['\'', '’']);
    // A Latin name (`RubyKaigi`, `MSVC`); a Japanese phrase that starts with an acronym
    // (`SNS運用計画 2025`) is a topic, not a name.
    let capitalised =
        word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && word.chars().count() > 1 && word.is_ascii();
    (capitalised && !NOT_NAMES.contains(&word)) || word.eq_ignore_ascii_case("the")
}

/// Whether the year is part of a calendar date: a day or month number shortly before it
/// (`11 Aralık 2019`, `December 9th, 2025`, `27 tháng 11 năm 2015`), an English month
/// name, or a Japanese `2018 年の 3 月 28 日` after it.
pub fn in_date_expression(text: &str, span: &Span) -> bool {
    // A year that opens its own parenthesis (`Core 2 … (2018)`) ends no day-month-year.
    let alone = text[..span.start].ends_with(['(', '（', '【']);
    let window_start = text[..span.start].char_indices().rev().nth(24).map_or(0, |(i, _)| i);
    let before = &text[window_start..span.start];
    let clause = before.rsplit(['.', '。', ';', '\n']).next().unwrap_or(before);
    let has_day = clause
        .split(|c: char| !c.is_ascii_digit())
        .any(|digits| (1..=2).contains(&digits.len()) && digits.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n)));
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan ",
        "feb ",
        "mar ",
        "apr ",
        "jun ",
        "jul ",
        "aug ",
        "sep ",
        "sept ",
        "oct ",
        "nov ",
        "dec ",
    ];
    let lower = clause.to_lowercase();
    let month_before = MONTHS.iter().any(|m| lower.contains(m));
    let after: String = text[span.end..].chars().take(12).collect();
    let japanese_date = after.trim_start().starts_with('年')
        && after.contains('月')
        && after
            .split('月')
            .next()
            .is_some_and(|head| head.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)));
    (!alone && (has_day || month_before)) || japanese_date
}

/// Whether the sentence around the year is told in the past (`…リリースされました`,
/// `was released in 2024`): a past event, not a stale "current" year.
pub fn in_past_sentence(text: &str, span: &Span) -> bool {
    let sentence = sentence_around(text, span);
    const JAPANESE: &[&str] = &["ました", "でした", "だった", "かった", "された", "した", "った", "れた"];
    const ENGLISH: &[&str] = &[
        " was ",
        " were ",
        " had ",
        " did ",
        " released",
        " shipped",
        " launched",
        " announced",
        " happened",
        " took place",
        " ago",
        " last year",
        " previous",
        " earlier",
    ];
    let lower = sentence.to_lowercase();
    JAPANESE.iter().any(|m| sentence.contains(m)) || ENGLISH.iter().any(|m| lower.contains(m))
}

/// Whether the year's sentence names other years too: a list (`2018, 2019 … 2023`) or a
/// comparison, where each year is a point in time, not the post's own year left behind.
pub fn sentence_names_other_years(text: &str, span: &Span) -> bool {
    let sentence = sentence_around(text, span);
    let year = &text[span.clone()];
    find_years(sentence).iter().any(|m| &sentence[m.span.clone()] != year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(text: &str) -> Vec<i32> {
        find_years(text).into_iter().map(|m| m.year).collect()
    }

    #[test]
    fn finds_years_in_japanese_and_english() {
        assert_eq!(years("2026年版！計画 2025"), [2026, 2025]);
        assert_eq!(years("２０２６年の展望"), [2026]);
        assert_eq!(years("Best laptops of 2026 (FY2027)"), [2026, 2027]);
        assert_eq!(years("in the 1990s"), [1990]);
    }

    #[test]
    fn skips_numbers_that_are_not_years() {
        assert!(years("2026-01-12 and 2026/01/12").is_empty());
        assert!(years("photo-1500000000001 id 120250 abc2025 #2025").is_empty());
        assert!(years("https://example.com/2025/x and /blog/2025/").is_empty());
        assert!(years("3000 people, 1850 yen").is_empty());
    }

    #[test]
    fn multi_byte_white_space_before_a_year() {
        // Found by fuzzing: U+205F is three bytes long.
        assert_eq!(years("数字\u{205f}2025年"), [2025]);
        assert_eq!(years("計画\u{3000}2026"), [2026]);
    }

    #[test]
    fn historical_patterns_and_ranges() {
        let patterns =
            HistoricalPatterns::new(&["{year}年に".to_string(), "since {year}".to_string(), "前年".to_string()]);
        let check = |text: &str| {
            let m = &find_years(text)[0];
            is_historical(text, &m.span, &patterns)
        };
        assert!(check("2025年に策定した計画の成果"));
        assert!(check("We have run it Since 2019."));
        assert!(check("2024〜2026の推移"));
        assert!(check("前年の2025年の数字"));
        assert!(!check("2025年のマーケティング計画においても"));
    }

    fn first(text: &str) -> Span {
        find_years(text)[0].span.clone()
    }

    #[test]
    fn title_claims_and_names() {
        for claim in [
            "2026年版！計画の立て方",
            "The best budgeting apps of 2026",
            "SEO trends (2026)",
            "【2026年】比較",
            "2026 guide to tea",
        ] {
            assert!(is_title_claim(claim, &first(claim)), "{claim}");
        }
        for not_claim in [
            "ConFoo 2015 is looking for speakers",
            "Fukuoka Ruby Award 2020",
            "Rust 2018 is here",
            "2025年の振り返り",
            "Highlight 2024 review",
            "2024 State of Rust Survey results",
            "知財推進計画2024の要点",
            "2022 Fukuoka Ruby Award Competition",
        ] {
            assert!(!is_title_claim(not_claim, &first(not_claim)), "{not_claim}");
        }
    }

    #[test]
    fn dates_names_and_past_sentences() {
        for date in
            ["Deadline: 11 Aralık 2019", "on December 9th, 2025 by", "2018 年の 3 月 28 日に", "31 грудня 2008 року"]
        {
            assert!(in_date_expression(date, &first(date)), "{date}");
        }
        assert!(!in_date_expression("2025年のマーケティング計画", &first("2025年のマーケティング計画")));
        for named in [
            "the 2017 survey",
            "in the Rust 2024 edition",
            "RubyConf 2016 参加レポート",
            "in the [2023 Rust survey]",
            "the [2023 survey](x)",
        ] {
            assert!(is_named(named, &first(named)), "{named}");
        }
        assert!(!is_named("マーケティング計画 2025", &first("マーケティング計画 2025")));
        assert!(in_past_sentence("2025年に実施した施策です。", &first("2025年に実施した施策です。")));
        assert!(in_past_sentence("It was released in 2024.", &first("It was released in 2024.")));
        let current = "2025年のマーケティング計画においても、重要になってくるでしょう。";
        assert!(!in_past_sentence(current, &first(current)));
        // A stop followed by a multi-byte character (this used to slice inside it).
        let glued = "2025年の計画です.日本語の文";
        assert!(!in_past_sentence(glued, &first(glued)));
        assert!(sentence_names_other_years("2018年と2019年の比較。", &first("2018年と2019年の比較。")));
        assert!(!sentence_names_other_years("2025年の計画。2024年は別。", &first("2025年の計画。2024年は別。")));
    }
}
