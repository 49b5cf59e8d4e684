//! Near-duplicate titles: each title as a set of tokens — words for Latin scripts,
//! character pairs for Japanese, Chinese and Korean (which have no spaces) — compared
//! by Jaccard similarity through an inverted index, so a site of 10,000 titles is
//! searched without comparing every pair.

use std::collections::{HashMap, HashSet};

use super::normalize::fold;

/// The tokens of a text, digits left out: titles that differ only in numbers are a
/// series ("Ruby 3.3.1 Released", "Ruby 3.3.2 Released"), not two takes on one topic.
pub fn tokens(text: &str) -> HashSet<String> {
    let folded = fold(text);
    let mut found = HashSet::new();
    let mut word = String::new();
    let mut wide: Vec<char> = Vec::new();
    let flush_word = |word: &mut String, found: &mut HashSet<String>| {
        if word.chars().count() >= 2 {
            found.insert(std::mem::take(word));
        }
        word.clear();
    };
    let flush_wide = |wide: &mut Vec<char>, found: &mut HashSet<String>| {
        if wide.len() == 1 {
            found.insert(wide[0].to_string());
        }
        for pair in wide.windows(2) {
            found.insert(pair.iter().collect());
        }
        wide.clear();
    };
    for c in folded.chars() {
        if is_wide(c) {
            flush_word(&mut word, &mut found);
            wide.push(c);
        } else if c.is_alphabetic() {
            flush_wide(&mut wide, &mut found);
            word.push(c);
        } else {
            flush_word(&mut word, &mut found);
            flush_wide(&mut wide, &mut found);
        }
    }
    flush_word(&mut word, &mut found);
    flush_wide(&mut wide, &mut found);
    found
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

/// Titles by their tokens, for finding a title's near duplicates.
#[derive(Debug, Default)]
pub struct SimilarTitles {
    tokens: Vec<HashSet<String>>,
    postings: HashMap<String, Vec<usize>>,
}

/// A token in more titles than this says nothing about any pair of them.
const MAX_POSTINGS: usize = 500;

impl SimilarTitles {
    /// Indexes `titles`; `None` entries are never found.
    pub fn new<'a>(titles: impl Iterator<Item = Option<&'a str>>) -> SimilarTitles {
        let mut index = SimilarTitles::default();
        for (id, title) in titles.enumerate() {
            let tokens = title.map(tokens).unwrap_or_default();
            for token in &tokens {
                index.postings.entry(token.clone()).or_default().push(id);
            }
            index.tokens.push(tokens);
        }
        index
    }

    /// The titles whose similarity with `title` is at least `threshold` (0–1), with it.
    pub fn similar_to(&self, title: &str, threshold: f64) -> Vec<(usize, f64)> {
        let mine = tokens(title);
        if mine.len() < 3 {
            return Vec::new();
        }
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for token in &mine {
            let Some(ids) = self.postings.get(token).filter(|ids| ids.len() <= MAX_POSTINGS) else { continue };
            for &id in ids {
                *shared.entry(id).or_default() += 1;
            }
        }
        let mut found: Vec<(usize, f64)> = shared
            .into_iter()
            .map(|(id, common)| (id, common as f64 / (mine.len() + self.tokens[id].len() - common) as f64))
            .filter(|(_, similarity)| *similarity >= threshold)
            .collect();
        found.sort_by_key(|(id, _)| *id);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_character_pairs_without_digits() {
        let english = tokens("Ruby 3.3.1 Released");
        assert_eq!(english, HashSet::from(["ruby".to_string(), "released".to_string()]));
        let japanese = tokens("SNS運用計画");
        assert!(japanese.contains("sns") && japanese.contains("運用") && japanese.contains("計画"), "{japanese:?}");
    }

    #[test]
    fn near_duplicates_are_found_and_series_are_not() {
        let titles = [
            Some("How to plan your SNS posts for a whole year"),
            Some("How to plan SNS posts for a whole year"),
            Some("Ruby 3.3.1 Released"),
            Some("A guide to brewing green tea at home"),
            None,
        ];
        let index = SimilarTitles::new(titles.iter().copied());
        let found = index.similar_to("How to plan your SNS posts for the whole year", 0.7);
        assert_eq!(found.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [0, 1]);
        assert!(index.similar_to("Ruby 3.3.2 Released", 0.7).is_empty(), "two tokens: too short to judge");
    }
}
