//! Showing user text safely: a title or URL from a file must never inject terminal
//! escapes or break a line of output.
//!
//! ## Output and CI workflow commands
//!
//! A CI runner reads every line a step prints as a possible command: GitHub's runner
//! obeys `::name props::value` at the start of a line (after leading whitespace) and the
//! legacy `##[name]value` anywhere in a line. A post's path, title or content printed
//! raw could forge an annotation, mask secrets (`##[add-mask]`) or stop command
//! processing. Every output format passes user text through [`escape_output`] where it
//! can start a line, [`escape_inline`] where the format put something before it, or
//! [`escape_output_line`] for raw lines such as a diff's. They
//!
//! - show control characters as visible escapes (`\u{1b}`, `\n`; see
//!   [`escape_control`]), so text can never start a new line or drive the terminal;
//! - break `##[` anywhere into `#\u{200B}#[`, and (`escape_output`, `escape_output_line`)
//!   a leading `::` into `:\u{200B}:`
//!   (a ZERO WIDTH SPACE between the two characters). The change is deterministic,
//!   invisible on screen, and no runner matches it.
//!
//! JSON output escapes the same sequences losslessly instead ([`escape_json`]).

use std::borrow::Cow;

/// ZERO WIDTH SPACE: the character put inside `##[` and a leading `::`.
const BREAK: char = '\u{200B}';

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

/// User text for a line of output: control characters escaped (see [`escape_control`])
/// and workflow commands broken (see the module doc).
pub fn escape_output(text: &str) -> Cow<'_, str> {
    break_commands(escape_control(text))
}

/// [`escape_output`] for text placed after the start of a line by the format itself
/// (GitHub's `file=` property and message): a leading `::` is left as it is there.
pub fn escape_inline(text: &str) -> Cow<'_, str> {
    match escape_control(text) {
        Cow::Borrowed(text) if !text.contains("##[") => Cow::Borrowed(text),
        text => Cow::Owned(break_legacy(&text)),
    }
}

/// `##[` → `#\u{200B}#[` everywhere.
fn break_legacy(text: &str) -> String {
    text.replace("##[", &format!("#{BREAK}#["))
}

/// One raw line of output (a diff line, without its line ending): like [`escape_output`]
/// but tabs are kept, since they are the file's own.
pub fn escape_output_line(line: &str) -> Cow<'_, str> {
    let escaped = if line.chars().any(|c| c != '\t' && is_unsafe(c)) {
        let mut out = String::with_capacity(line.len() + 8);
        for (i, part) in line.split('\t').enumerate() {
            if i > 0 {
                out.push('\t');
            }
            out.push_str(&escape_control(part));
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(line)
    };
    break_commands(escaped)
}

/// Breaks `##[` anywhere and `::` at the start (after whitespace) with [`BREAK`].
fn break_commands(text: Cow<'_, str>) -> Cow<'_, str> {
    let leading = text.trim_start().starts_with("::");
    if !leading && !text.contains("##[") {
        return text;
    }
    let mut out = break_legacy(&text);
    if leading {
        let at = out.len() - out.trim_start().len() + 1;
        out.insert(at, BREAK);
    }
    Cow::Owned(out)
}

/// Serialised JSON made safe to print on a CI runner without changing what it parses
/// to: `##[` becomes `#\u0023[`, and C1 control characters (which JSON may carry raw)
/// become `\u0080`-style escapes. Structural JSON never contains either, so only
/// string contents change, and only in spelling.
pub fn escape_json(json: &str) -> Cow<'_, str> {
    let c1 = |c: char| ('\u{80}'..='\u{9f}').contains(&c);
    if !json.contains("##[") && !json.chars().any(c1) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for ch in json.replace("##[", "#\\u0023[").chars() {
        if c1(ch) {
            out.push_str(&format!("\\u{:04x}", ch as u32));
        } else {
            out.push(ch);
        }
    }
    Cow::Owned(out)
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
    fn output_breaks_workflow_commands() {
        assert_eq!(escape_output("::error file=a::b"), ":\u{200B}:error file=a::b");
        assert_eq!(escape_output("  ::warning::x"), "  :\u{200B}:warning::x");
        assert_eq!(escape_output("a ##[error]b"), "a #\u{200B}#[error]b");
        assert_eq!(escape_output("a\n::error::b"), "a\\n::error::b");
        assert_eq!(escape_output("x\x1b]0;t\x07"), "x\\u{1b}]0;t\\u{7}");
        assert_eq!(escape_output("a::b ## [c"), "a::b ## [c");
        assert!(!escape_output("###[x").contains("##["));
        assert_eq!(escape_inline("::a ##[b"), "::a #\u{200B}#[b");
    }

    #[test]
    fn output_lines_keep_tabs() {
        assert_eq!(escape_output_line("+\tcode\x1b"), "+\tcode\\u{1b}");
        assert_eq!(escape_output_line("\t::x"), "\t:\u{200B}:x");
        assert_eq!(escape_output_line("plain\tline"), "plain\tline");
    }

    #[test]
    fn json_escapes_parse_back_to_the_same_text() {
        let text = "##[error]x \u{85} y";
        let json = serde_json::to_string(text).unwrap();
        let safe = escape_json(&json);
        assert!(!safe.contains("##[") && !safe.contains('\u{85}'), "{safe}");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), text);
    }

    #[test]
    fn quote_truncates_long_text() {
        let long = "x".repeat(100);
        assert!(quote(&long).ends_with("…`"));
    }
}
