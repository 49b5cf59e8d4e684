//! KW007 keyword-stuffing (rules/KW007.md).
//!
//! The focus keyword's share of the body above `max-percent` (default 3%) of its words —
//! or, for a CJK keyword, of its characters. Each CJK character of the body is a word.

use super::*;

/// The forms of a keyword a body repeats (as written, without its spaces, lower-cased),
/// each found with its own prepared SIMD `memmem` finder, built once per post rather than
/// once per run of its text: a long body costs little more than reading it.
struct Variants(Vec<memchr::memmem::Finder<'static>>);

impl Variants {
    fn of(keyword: &str) -> Variants {
        let keyword = keyword.trim();
        let joined: String = keyword.split_whitespace().collect();
        let mut variants = vec![keyword.to_string(), joined.clone(), keyword.to_lowercase(), joined.to_lowercase()];
        variants.sort();
        variants.dedup();
        variants.retain(|v| !v.is_empty());
        Variants(variants.iter().map(|variant| memchr::memmem::Finder::new(variant.as_bytes()).into_owned()).collect())
    }

    fn count(&self, text: &str) -> usize {
        self.0.iter().map(|finder| finder.find_iter(text.as_bytes()).count()).sum()
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
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some((keyword, span)) = focus_keyword(ctx, &self.keys) else { return };
        let needle = fold_without_spaces(keyword);
        if needle.is_empty() {
            return;
        }
        let runs = || ctx.doc.outline.text.iter().map(|r| &ctx.doc.source[r.clone()]);
        let variants = Variants::of(keyword);
        let occurrences: usize = runs().map(|text| variants.count(text)).sum();
        if occurrences < self.min_occurrences {
            return;
        }
        let (share, unit) = if needle.chars().any(is_cjk) {
            let total: usize = runs()
                .map(|text| text.chars().filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation()).count())
                .sum();
            ((occurrences * needle.chars().count()) as f64 / total.max(1) as f64, "characters")
        } else {
            // Text in Japanese, Chinese or Korean has few spaces: counted by spaces, a Latin
            // keyword (`Docker` in a Chinese post) would be a share of a handful of "words".
            // Each CJK character counts as a word: the share can only come out lower than
            // a reader's, never higher.
            let words: usize = runs().map(words_counting_cjk_characters).sum();
            let keyword_words = fold(keyword).split_whitespace().count().max(1);
            ((occurrences * keyword_words) as f64 / words.max(1) as f64, "words")
        };
        if share > self.max_share {
            out.push(
                Diagnostic::new(
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

/// The words of a text: runs between spaces, where each CJK character is a word of its own.
fn words_counting_cjk_characters(text: &str) -> usize {
    let mut count = 0;
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            count += 1;
            in_word = false;
        } else if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            count += 1;
            in_word = true;
        }
    }
    count
}
