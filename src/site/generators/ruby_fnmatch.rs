//! Ruby's `File.fnmatch?(pattern, path)` with no flags, as Jekyll's `EntryFilter` calls it
//! to match `exclude:` and `include:` entries (ruby/dir.c, `fnmatch_helper` and `bracket`).
//!
//! Without `FNM_PATHNAME`, `*` and `?` match `/` too and `**` is two stars; without
//! `FNM_EXTGLOB`, `{a,b}` is literal text; a backslash escapes the next character; the
//! match is case-sensitive and covers the whole path. A glob library matches differently
//! (braces, `**` across folders, a trailing `/`), and the difference decides which posts
//! Jekyll builds: a file excluded here that Jekyll builds would be hidden from the gate.

/// Whether `path` matches `pattern` as `File.fnmatch?(pattern, path)` (flags 0) answers.
pub(in crate::site) fn fnmatch(pattern: &str, path: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let path: Vec<char> = path.chars().collect();
    matches(&pattern, &path)
}

fn matches(pattern: &[char], path: &[char]) -> bool {
    // No `FNM_DOTMATCH`: a wildcard does not match a leading period of the whole string.
    if path.first() == Some(&'.') && unescape(pattern, 0).is_none_or(|at| pattern[at] != '.') {
        return false;
    }
    let (mut p, mut s) = (0, 0);
    // Where to resume after the last `*`: the pattern after it and the next path position.
    let mut backtrack: Option<(usize, usize)> = None;
    loop {
        match pattern.get(p) {
            Some('*') => {
                while pattern.get(p) == Some(&'*') {
                    p += 1;
                }
                if unescape(pattern, p).is_none() {
                    return true;
                }
                if s >= path.len() {
                    return false;
                }
                backtrack = Some((p, s));
                continue;
            }
            Some('?') => {
                if s >= path.len() {
                    return false;
                }
                p += 1;
                s += 1;
                continue;
            }
            Some('[') => {
                if s >= path.len() {
                    return false;
                }
                if let Some(after) = bracket(pattern, p + 1, path[s]) {
                    p = after;
                    s += 1;
                    continue;
                }
            }
            _ => {
                let literal = unescape(pattern, p);
                if s >= path.len() {
                    return literal.is_none();
                }
                if let Some(at) = literal
                    && pattern[at] == path[s]
                {
                    p = at + 1;
                    s += 1;
                    continue;
                }
            }
        }
        // Failed here: let the last `*` absorb one more character.
        match backtrack {
            Some((after_star, from)) => {
                let next = from + 1;
                // The star may absorb up to the end; past it there is nothing to match.
                if next > path.len() {
                    return false;
                }
                backtrack = Some((after_star, next));
                p = after_star;
                s = next;
            }
            None => return false,
        }
    }
}

/// The position of the character a pattern position stands for: past a backslash escape;
/// `None` at the end of the pattern.
fn unescape(pattern: &[char], at: usize) -> Option<usize> {
    let at = if pattern.get(at) == Some(&'\\') { at + 1 } else { at };
    (at < pattern.len()).then_some(at)
}

/// Ruby's `bracket`: `start` is just after `[`. Returns the position after the closing `]`
/// when `c` is in the set (or not in a negated one); `None` when it is not, or when the
/// bracket is never closed (then the pattern does not match here).
fn bracket(pattern: &[char], start: usize, c: char) -> Option<usize> {
    let mut p = start;
    let negated = matches!(pattern.get(p), Some('!' | '^'));
    if negated {
        p += 1;
    }
    let mut found = false;
    while *pattern.get(p)? != ']' {
        let first = if pattern[p] == '\\' { p + 1 } else { p };
        let low = *pattern.get(first)?;
        p = first + 1;
        pattern.get(p)?;
        if pattern[p] == '-' && pattern.get(p + 1).is_some_and(|&next| next != ']') {
            let second = if pattern[p + 1] == '\\' { p + 2 } else { p + 1 };
            let high = *pattern.get(second)?;
            p = second + 1;
            if low <= c && c <= high || c == low || c == high {
                found = true;
            }
        } else if low == c {
            found = true;
        }
    }
    (found != negated).then_some(p + 1)
}

#[cfg(test)]
mod tests {
    use super::fnmatch;

    #[test]
    fn stars_cross_folders_and_match_nothing_or_everything() {
        assert!(fnmatch("/src/*.md", "/src/_posts/2026-01-01-a.md"));
        assert!(fnmatch("/src/**/*.md", "/src/a.md/x.md"));
        assert!(fnmatch("/src/draft*", "/src/draft"));
        assert!(fnmatch("*", "/anything/at/all"));
        assert!(!fnmatch("/src/*/old", "/src/_posts/old/x.md"));
        assert!(fnmatch("/src/*/old", "/src/_posts/old"));
    }

    #[test]
    fn braces_are_literal_text_without_extglob() {
        assert!(!fnmatch("/src/{_posts,_drafts}", "/src/_posts"));
        assert!(fnmatch("/src/{_posts,_drafts}", "/src/{_posts,_drafts}"));
    }

    #[test]
    fn question_marks_brackets_and_escapes() {
        assert!(fnmatch("/src/_posts/202?-*", "/src/_posts/2024-01-01-a.md"));
        assert!(fnmatch("/src/[a-c]x", "/src/bx"));
        assert!(!fnmatch("/src/[!a-c]x", "/src/bx"));
        assert!(fnmatch("/src/[^a-c]x", "/src/dx"));
        assert!(!fnmatch("/src/[a-c", "/src/a"));
        assert!(fnmatch("/src/\\*", "/src/*"));
        assert!(!fnmatch("/src/\\*", "/src/x"));
        assert!(!fnmatch("/src/[]x", "/src/]x"));
    }

    #[test]
    fn the_whole_path_must_match_case_sensitively() {
        assert!(!fnmatch("/src/_posts", "/src/_posts/x.md"));
        assert!(!fnmatch("/src/_Posts/*", "/src/_posts/x.md"));
        assert!(!fnmatch("/src/./_posts/*", "/src/_posts/x.md"));
        assert!(fnmatch("ü*", "über"));
    }

    #[test]
    fn a_leading_period_needs_a_period_in_the_pattern() {
        assert!(!fnmatch("*", ".hidden"));
        assert!(fnmatch(".*", ".hidden"));
    }
}
