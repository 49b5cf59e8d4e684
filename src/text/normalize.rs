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

/// `fold`, keeping where each folded byte came from: `origins[i]` is the byte range of the
/// original character that produced byte `i` of the folded text, so a match in folded text
/// is reported at the user's own characters. Characters are normalised one at a time
/// (composed sequences that NFKC would join across characters are rare in prose).
pub struct FoldedText {
    pub text: String,
    pub origins: Vec<std::ops::Range<usize>>,
}

impl FoldedText {
    pub fn new(raw: &str) -> FoldedText {
        let mut text = String::with_capacity(raw.len());
        let mut origins = Vec::with_capacity(raw.len());
        let mut previous_space = true;
        for (offset, ch) in raw.char_indices() {
            let origin = offset..offset + ch.len_utf8();
            if ch.is_whitespace() || ch == '\u{3000}' {
                if !previous_space {
                    text.push(' ');
                    origins.push(origin);
                    previous_space = true;
                }
                continue;
            }
            previous_space = false;
            let mut push = |folded: char| {
                let before = text.len();
                text.push(folded);
                origins.extend(std::iter::repeat_n(origin.clone(), text.len() - before));
            };
            if ch.is_ascii() {
                push(ch.to_ascii_lowercase());
            } else if is_plain_cjk(ch) {
                push(ch);
            } else if matches!(ch, '\u{FF01}'..='\u{FF5E}') {
                push(fast_nfkc(ch).to_ascii_lowercase());
            } else {
                std::iter::once(ch).nfkc().flat_map(char::to_lowercase).for_each(push);
            }
        }
        FoldedText { text, origins }
    }

    /// The original byte range of folded bytes `range`.
    pub fn original(&self, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        let first = self.origins.get(range.start)?;
        let last = self.origins.get(range.end.checked_sub(1)?)?;
        Some(first.start..last.end)
    }
}

/// Kana, the CJK unified ideographs and most CJK punctuation: already NFKC, no case,
/// not white space. Most characters of a Japanese post are here, so they skip every table.
fn is_plain_cjk(ch: char) -> bool {
    matches!(ch, '\u{3001}'..='\u{3035}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FE}' | '\u{4E00}'..='\u{9FFF}')
}

fn push_folded(out: &mut String, chars: impl Iterator<Item = char>) {
    let mut pending_space = false;
    for ch in chars {
        if is_plain_cjk(ch) {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(ch);
            continue;
        }
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
            && !is_plain_cjk(ch)
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
    fn folded_text_maps_back_to_the_original_characters() {
        let raw = "Use ＡＩ  Tools させていただきます";
        let folded = FoldedText::new(raw);
        assert_eq!(folded.text, "use ai tools させていただきます");
        let at = folded.text.find("ai tools").unwrap();
        let original = folded.original(at..at + "ai tools".len()).unwrap();
        assert_eq!(&raw[original], "ＡＩ  Tools");
        let at = folded.text.find("させて").unwrap();
        assert_eq!(&raw[folded.original(at..at + "させて".len()).unwrap()], "させて");
    }

    #[test]
    fn plain_cjk_is_already_folded() {
        for ch in ('\u{3000}'..='\u{9FFF}').filter(|c| is_plain_cjk(*c)) {
            assert_eq!(is_nfkc_quick(std::iter::once(ch)), IsNormalized::Yes, "U+{:04X}", ch as u32);
            assert!(!ch.is_whitespace() && ch.to_lowercase().eq(std::iter::once(ch)), "U+{:04X}", ch as u32);
        }
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
