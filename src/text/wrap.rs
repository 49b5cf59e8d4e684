//! Fitting text to the terminal: its width, and words wrapped to a number of columns.

use std::io::IsTerminal;

use super::width::display_width;

/// Columns to fit: `COLUMNS` when set (as shells and test harnesses give it), else the
/// terminal's width when stdout is one, else 100 (a pipe, a file, a CI log).
pub fn terminal_width() -> usize {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok())
        && columns > 0
    {
        return columns;
    }
    let stdout = std::io::stdout();
    if stdout.is_terminal()
        && let Some(columns) = tty_columns(&stdout)
    {
        return columns;
    }
    100
}

#[cfg(unix)]
fn tty_columns(stdout: &std::io::Stdout) -> Option<usize> {
    let size = rustix::termios::tcgetwinsize(stdout).ok()?;
    (size.ws_col > 0).then_some(usize::from(size.ws_col))
}

#[cfg(not(unix))]
fn tty_columns(_stdout: &std::io::Stdout) -> Option<usize> {
    None
}

/// `text` in lines of at most `width` display columns, broken between words; a word
/// wider than a line is cut where it must be. Full-width characters count 2.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let mut word_width = display_width(word);
        if used > 0 && used + 1 + word_width > width {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if used > 0 {
            line.push(' ');
            used += 1;
        }
        let mut rest = word;
        while word_width > width - used {
            // Cut the word at the last character that still fits.
            let mut cut = 0;
            let mut taken = 0;
            for (index, ch) in rest.char_indices() {
                let w = display_width(ch.encode_utf8(&mut [0; 4]));
                if taken + w > width - used {
                    break;
                }
                taken += w;
                cut = index + ch.len_utf8();
            }
            if cut == 0 && used == 0 {
                // Not even one character fits an empty line: take one anyway.
                cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
            }
            line.push_str(&rest[..cut]);
            lines.push(std::mem::take(&mut line));
            used = 0;
            rest = &rest[cut..];
            word_width = display_width(rest);
        }
        line.push_str(rest);
        used += word_width;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_within_the_width() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        // Full-width characters count 2 columns.
        assert_eq!(wrap("日本語の説明 x", 6), ["日本語", "の説明", "x"]);
        for line in wrap("A post whose front matter lacks a key its generator needs", 12) {
            assert!(display_width(&line) <= 12, "{line}");
        }
    }
}
