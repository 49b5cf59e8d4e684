//! Showing user text safely: a title or URL from a file must never inject terminal
//! escapes or break a line of output.

use std::borrow::Cow;

/// Replaces control characters (including ESC, CR, LF, and C1 controls) with visible escapes.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(ch: char) -> bool {
    ch.is_control() || matches!(ch, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Shortens text to at most `max` characters for a message, marking the cut.
pub fn truncate_chars(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
    }
}

/// Quotes user text for a message: escaped, shortened, in backticks.
pub fn quote(text: &str) -> String {
    format!("`{}`", escape_control(&truncate_chars(text, 80)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_ansi_and_newlines() {
        assert_eq!(escape_control("a\x1b[31mb\nc"), "a\\u{1b}[31mb\\nc");
        assert_eq!(escape_control("plain 日本"), "plain 日本");
    }

    #[test]
    fn quote_truncates_long_text() {
        let long = "x".repeat(100);
        assert!(quote(&long).ends_with("…`"));
    }
}
