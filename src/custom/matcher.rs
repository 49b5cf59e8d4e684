//! Finding a custom rule's words in text: Unicode-normalised (NFKC, case folded, white
//! space folded) unless the rule says `normalize = false`, and aware that Japanese,
//! Chinese and Korean have no spaces between words.

use std::ops::Range;

use regex::Regex;

use crate::text::normalize::{FoldedText, fold};
use crate::text::width::is_cjk;

pub struct Matcher {
    /// The tokens as written, and as compared (folded when normalising).
    tokens: Vec<(String, String)>,
    pattern: Option<Regex>,
    normalize: bool,
}

/// One match, in the raw text's byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    /// Which token matched (for substitutions); `None` for the pattern.
    pub token: Option<usize>,
}

impl Matcher {
    pub fn new(tokens: Vec<String>, pattern: Option<Regex>, normalize: bool) -> Matcher {
        let tokens = tokens
            .into_iter()
            .filter(|token| !token.trim().is_empty())
            .map(|token| {
                let compared = if normalize { fold(&token) } else { token.clone() };
                (token, compared)
            })
            .collect();
        Matcher { tokens, pattern, normalize }
    }

    /// For the rule's summary: "`させていただく`, `させていただきます`".
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.tokens.iter().map(|(token, _)| format!("`{token}`")).collect();
        if let Some(pattern) = &self.pattern {
            parts.push(format!("`/{}/`", pattern.as_str()));
        }
        parts.join(", ")
    }

    /// Every match in `raw`, in order, overlaps resolved in favour of the earlier and then
    /// the longer match.
    pub fn find(&self, raw: &str) -> Vec<Found> {
        if self.normalize {
            let folded = FoldedText::new(raw);
            self.find_in(&folded.text)
                .into_iter()
                .filter_map(|found| Some(Found { range: folded.original(found.range)?, token: found.token }))
                .collect()
        } else {
            self.find_in(raw)
        }
    }

    fn find_in(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        for (index, (_, token)) in self.tokens.iter().enumerate() {
            for (start, _) in text.match_indices(token.as_str()) {
                let range = start..start + token.len();
                if at_word_boundaries(text, &range) {
                    found.push(Found { range, token: Some(index) });
                }
            }
        }
        if let Some(pattern) = &self.pattern {
            found.extend(
                pattern.find_iter(text).filter(|m| !m.is_empty()).map(|m| Found { range: m.range(), token: None }),
            );
        }
        found.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
        let mut kept: Vec<Found> = Vec::with_capacity(found.len());
        for candidate in found {
            if kept.last().is_none_or(|last| candidate.range.start >= last.range.end) {
                kept.push(candidate);
            }
        }
        kept
    }
}

/// A token that starts or ends with a letter or digit of a spaced script must not be part
/// of a longer word (`ai` is not found in `maintain`); next to CJK text, or at a token edge
/// that is CJK or punctuation, no boundary is needed.
fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let is_word = |ch: char| ch.is_alphanumeric() && !is_cjk(ch);
    let matched = &text[range.clone()];
    let first = matched.chars().next();
    let last = matched.chars().next_back();
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let start_ok = !first.is_some_and(is_word) || !before.is_some_and(is_word);
    let end_ok = !last.is_some_and(is_word) || !after.is_some_and(is_word);
    start_ok && end_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(matcher: &Matcher, text: &str) -> Vec<String> {
        matcher.find(text).into_iter().map(|f| text[f.range].to_string()).collect()
    }

    #[test]
    fn tokens_match_normalised_and_on_word_boundaries() {
        let matcher = Matcher::new(vec!["AI tool".into(), "させていただく".into()], None, true);
        assert_eq!(
            ranges(&matcher, "Our ＡＩ  Tool, not maintool; 紹介させていただく"),
            ["ＡＩ  Tool", "させていただく"]
        );
        assert_eq!(ranges(&matcher, "the AI tools"), Vec::<String>::new(), "`tools` is another word");
    }

    #[test]
    fn cjk_tokens_need_no_spaces_around_them() {
        let matcher = Matcher::new(vec!["ツール".into()], None, true);
        assert_eq!(ranges(&matcher, "AIツールの比較"), ["ツール"]);
    }

    #[test]
    fn overlapping_matches_keep_the_longer() {
        let matcher = Matcher::new(vec!["させていただく".into(), "させていただくこと".into()], None, true);
        assert_eq!(ranges(&matcher, "説明させていただくことにします"), ["させていただくこと"]);
    }

    #[test]
    fn without_normalising_the_text_is_taken_as_written() {
        let matcher = Matcher::new(vec!["AI".into()], None, false);
        assert_eq!(ranges(&matcher, "AI and ai and ＡＩ"), ["AI"]);
    }
}
