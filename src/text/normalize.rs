//! Comparing user text the way a reader would: NFKC, case folded, white space folded.
//!
//! Full NFKC is slow on long Japanese text, and most of its work there is nothing: kana
//! and kanji are already normal. So each character takes a fast path — ASCII, full-width
//! ASCII (`ＡＩ` → `ai`), and characters whose NFKC quick check is "yes" — and only text
//! with anything else goes through the full normalisation.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// NFKC-normalised, lower-cased, with runs of white space folded to one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    if needs_full_nfkc(text) {
        push_folded(&mut out, text.nfkc());
    } else {
        push_folded(&mut out, text.chars().map(fast_nfkc));
    }
    out
}

/// `fold` without any white space: Japanese keywords are often written with or without
/// spaces between words (`AI ツール` / `AIツール`).
pub fn fold_without_spaces(text: &str) -> String {
    let mut folded = fold(text);
    folded.retain(|c| !c.is_whitespace());
    folded
}

/// Counts the places where `needle` occurs in `text`, both compared by a cheap
/// per-character fold (case, full-width ASCII, white space ignored). For long bodies,
/// where building a folded copy would cost more than the whole parse.
pub fn count_folded(text: &str, needle: &str) -> usize {
    let needle: Vec<char> = needle.chars().map(cheap_fold).filter(|c| !c.is_whitespace()).collect();
    if needle.is_empty() {
        return 0;
    }
    // Knuth–Morris–Pratt over the folded characters, without building a folded copy.
    let mut failure = vec![0usize; needle.len()];
    let mut k = 0;
    for i in 1..needle.len() {
        while k > 0 && needle[i] != needle[k] {
            k = failure[k - 1];
        }
        if needle[i] == needle[k] {
            k += 1;
        }
        failure[i] = k;
    }
    let (mut count, mut matched) = (0, 0);
    for ch in text.chars().filter(|c| !c.is_whitespace()).map(cheap_fold) {
        while matched > 0 && ch != needle[matched] {
            matched = failure[matched - 1];
        }
        if ch == needle[matched] {
            matched += 1;
            if matched == needle.len() {
                count += 1;
                matched = 0;
            }
        }
    }
    count
}

fn cheap_fold(ch: char) -> char {
    let ch = fast_nfkc(ch);
    if ch.is_ascii() {
        ch.to_ascii_lowercase()
    } else if crate::text::width::is_cjk(ch) {
        ch
    } else {
        ch.to_lowercase().next().unwrap_or(ch)
    }
}

fn push_folded(out: &mut String, chars: impl Iterator<Item = char>) {
    let mut pending_space = false;
    for ch in chars {
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else if crate::text::width::is_cjk(ch) {
            out.push(ch);
        } else {
            out.extend(ch.to_lowercase());
        }
    }
}

/// Full-width ASCII to ASCII (and the ideographic space to a space); other characters as they are.
fn fast_nfkc(ch: char) -> char {
    match ch {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
        '\u{3000}' => ' ',
        _ => ch,
    }
}

fn needs_full_nfkc(text: &str) -> bool {
    text.chars().any(|ch| {
        !ch.is_ascii()
            && !matches!(ch, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
            && is_nfkc_quick(std::iter::once(ch)) != IsNormalized::Yes
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_and_space() {
        assert_eq!(fold("  ＡＩ  Tools "), "ai tools");
        assert_eq!(fold_without_spaces("AI ツール"), fold_without_spaces("ＡＩツール"));
        assert_eq!(fold("Ǆ Straße"), "dž straße");
    }

    #[test]
    fn counts_folded_occurrences() {
        assert_eq!(count_folded("AIツールとＡＩ ツール、ai  ツール", "AI ツール"), 3);
        assert_eq!(count_folded("aaaa", "aa"), 2);
        assert_eq!(count_folded("text", ""), 0);
    }

    #[test]
    fn fast_path_matches_full_nfkc() {
        for text in ["２０２６年版！ＳＮＳ運用", "ｶﾀｶﾅ", "ﬁle ① ㍿", "Café au lait", "計画　2025"]
        {
            let full: String = {
                let mut out = String::new();
                push_folded(&mut out, text.nfkc());
                out
            };
            assert_eq!(fold(text), full, "{text}");
        }
    }
}
