//! Display width as search result pages measure it: full-width characters count 2.

use unicode_width::UnicodeWidthStr;

pub fn display_width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Whether most letters of `text` are CJK (Han, Hiragana, Katakana, Hangul).
pub fn is_mostly_cjk(text: &str) -> bool {
    let (mut cjk, mut letters) = (0usize, 0usize);
    for ch in text.chars() {
        if is_cjk(ch) {
            cjk += 1;
            letters += 1;
        } else if ch.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 0 && cjk * 2 >= letters
}

pub fn is_cjk(ch: char) -> bool {
    matches!(ch,
        '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ac00}'..='\u{d7af}' | '\u{ff66}'..='\u{ff9f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_counts_two() {
        assert_eq!(display_width("AI計画"), 6);
        assert!(is_mostly_cjk("2026年版！AIマーケティング計画"));
        assert!(!is_mostly_cjk("How to plan marketing in 2026"));
    }
}
