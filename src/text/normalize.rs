//! Comparing user text the way a reader would: NFKC, case folded, trimmed.

use unicode_normalization::UnicodeNormalization;

/// NFKC-normalised, lower-cased, with runs of white space folded to one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.nfkc().flat_map(char::to_lowercase) {
        if ch.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(ch);
        }
    }
    out
}

/// `fold` without any white space: Japanese keywords are often written with or without
/// spaces between words (`AI ツール` / `AIツール`).
pub fn fold_without_spaces(text: &str) -> String {
    fold(text).chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_case_and_space() {
        assert_eq!(fold("  ＡＩ  Tools "), "ai tools");
        assert_eq!(fold_without_spaces("AI ツール"), fold_without_spaces("ＡＩツール"));
    }
}
