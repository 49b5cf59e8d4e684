//! Suppression comments (markdownlint's grammar with our prefix) and the diagnostics
//! about them: PL002 for one that suppressed nothing, PL003 for an unknown code.
//!
//! In front matter, `# postlint-disable-next-line CODE` is a YAML (or TOML) comment on
//! its own line. It applies to the next line that is not blank or another comment; when
//! a key starts that line, to the key's whole value (a folded `description: >` spans
//! several lines, and a comment inside the scalar would be part of the text). A `#`
//! inside a scalar (`description: |` text, a quoted string) is text, not a comment.

use std::collections::HashMap;
use std::ops::RangeInclusive;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
use crate::document::front_matter::FrontMatter;
use crate::document::tree::{Node, Value};
use crate::text::lines::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    Disable,
    Enable,
    DisableNextLine,
    DisableLine,
    DisableFile,
}

impl Directive {
    fn parse(word: &str) -> Option<Directive> {
        Some(match word {
            "postlint-disable" => Directive::Disable,
            "postlint-enable" => Directive::Enable,
            "postlint-disable-next-line" => Directive::DisableNextLine,
            "postlint-disable-line" => Directive::DisableLine,
            "postlint-disable-file" => Directive::DisableFile,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Suppression {
    pub directive: Directive,
    /// The whole comment (for PL002's fix, which removes it).
    pub span: Span,
    /// Named codes with their spans; empty means every rule.
    pub codes: Vec<(String, Span)>,
    /// 0-based line of the comment.
    pub line: usize,
    /// The 0-based lines a `DisableNextLine` covers: the line after the comment in the
    /// body; in front matter, the next content line and the rest of the entry it starts.
    pub next_lines: RangeInclusive<usize>,
    /// Whether the comment stands alone on its line (then removing it removes the line).
    pub own_line: bool,
}

/// Finds suppression comments in the body's HTML and the front matter's YAML comments.
pub fn collect(doc: &Document<'_>) -> Vec<Suppression> {
    let mut found = Vec::new();
    for range in &doc.outline.html {
        let bytes = doc.source.as_bytes();
        let mut cursor = range.start;
        while let Some(i) = memchr::memmem::find(&bytes[cursor..range.end], b"<!--") {
            let open = cursor + i;
            let Some(close) = memchr::memmem::find(&bytes[open + 4..range.end], b"-->").map(|j| open + 4 + j) else {
                break;
            };
            cursor = close + 3;
            let inner = open + 4..close;
            if let Some(suppression) = parse_directive(doc, inner, open..close + 3) {
                found.push(suppression);
            }
        }
    }
    if let Some(front_matter) = &doc.front_matter {
        collect_front_matter(doc, front_matter, &mut found);
    }
    found.sort_by_key(|s| s.span.start);
    found
}

/// Front matter comments, in one pass over its lines. A `disable-next-line` waits for
/// the next content line, then covers it (and the rest of the entry a key starts there).
fn collect_front_matter(doc: &Document<'_>, front_matter: &FrontMatter, found: &mut Vec<Suppression>) {
    let content = front_matter.content.clone();
    let scalars = scalar_spans(front_matter);
    let is_text = |offset: usize| {
        let index = scalars.partition_point(|s| s.start <= offset);
        index > 0 && offset < scalars[index - 1].end
    };
    let entry_ends = entry_ends_by_line(doc, front_matter);
    let mut waiting: Vec<usize> = Vec::new();
    let mut line_start = content.start;
    for line in doc.source[content.clone()].split_inclusive('\n') {
        let comment = comment_start(line).filter(|&hash| !is_text(line_start + hash));
        let indent = line.len() - line.trim_start().len();
        let is_content = !line.trim().is_empty() && comment != Some(indent);
        if is_content {
            let number = doc.lines.line_of(line_start);
            let last = entry_ends.get(&number).map_or(number, |&end| doc.lines.line_of(end).max(number));
            for index in waiting.drain(..) {
                found[index].next_lines = number..=last;
            }
        }
        if let Some(hash) = comment {
            let inner = line_start + hash + 1..line_start + line.trim_end().len();
            let span = line_start + hash..inner.end;
            if let Some(mut suppression) = parse_directive(doc, inner, span)
                && matches!(suppression.directive, Directive::DisableNextLine | Directive::DisableLine)
            {
                suppression.own_line = hash == indent;
                if suppression.directive == Directive::DisableNextLine {
                    waiting.push(found.len());
                }
                found.push(suppression);
            }
        }
        line_start += line.len();
    }
}

/// The spans of the front matter's scalars, sorted: a `#` inside one (a `description: |`
/// line, a quoted string) is text, not a comment.
fn scalar_spans(front_matter: &FrontMatter) -> Vec<Span> {
    fn walk(node: &Node, out: &mut Vec<Span>) {
        match &node.value {
            Value::Seq(items) => items.iter().for_each(|item| walk(item, out)),
            Value::Map(entries) => entries.iter().for_each(|entry| walk(&entry.value, out)),
            _ if node.span.end > node.span.start => out.push(node.span.clone()),
            _ => {}
        }
    }
    let mut spans = Vec::new();
    if let Some(root) = &front_matter.root {
        walk(root, &mut spans);
    }
    // Alias expansions repeat spans out of order.
    spans.sort_by_key(|span| (span.start, span.end));
    spans.dedup();
    spans
}

/// For each 0-based line that a key starts (nothing but indentation before it), the
/// offset of the last non-blank byte of that entry's value; the outermost entry wins
/// when several start on one line.
fn entry_ends_by_line(doc: &Document<'_>, front_matter: &FrontMatter) -> HashMap<usize, usize> {
    fn walk(doc: &Document<'_>, node: &Node, out: &mut HashMap<usize, usize>) {
        match &node.value {
            Value::Map(entries) => {
                for entry in entries {
                    let line = doc.lines.line_of(entry.key_span.start);
                    let line_start = doc.lines.line_start(line);
                    let starts_line =
                        doc.source.get(line_start..entry.key_span.start).is_some_and(|s| s.trim().is_empty());
                    if starts_line {
                        let end = entry.value.span.end.max(entry.key_span.end);
                        out.entry(line).or_insert_with(|| last_content_byte(doc.source, entry.key_span.start..end));
                    }
                    walk(doc, &entry.value, out);
                }
            }
            Value::Seq(items) => items.iter().for_each(|item| walk(doc, item, out)),
            _ => {}
        }
    }
    let mut ends = HashMap::new();
    if let Some(root) = &front_matter.root {
        walk(doc, root, &mut ends);
    }
    ends
}

/// The offset of the last byte of `span` that is not white space (its start if none).
fn last_content_byte(source: &str, span: Span) -> usize {
    let text = source.get(span.clone()).unwrap_or("");
    span.start + text.trim_end().len().saturating_sub(1)
}

/// A YAML comment starts at `#` at a line's start or after white space.
fn comment_start(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t'))
}

fn parse_directive(doc: &Document<'_>, inner: Span, span: Span) -> Option<Suppression> {
    let text = &doc.source[inner.clone()];
    let trimmed_start = text.len() - text.trim_start().len();
    let mut words = text.split_whitespace();
    let directive = Directive::parse(words.next()?)?;
    let mut codes = Vec::new();
    let mut cursor = inner.start + trimmed_start;
    for word in text[trimmed_start..].split_whitespace().skip(1) {
        let Some(offset) = doc.source[cursor..inner.end].find(word) else {
            break;
        };
        let start = cursor + offset;
        cursor = start + word.len();
        codes.push((word.trim_end_matches(',').to_string(), start..start + word.trim_end_matches(',').len()));
    }
    let line = doc.lines.line_of(span.start);
    let line_span = doc.lines.line_span(doc.source, line);
    let own_line = doc.source[line_span.start..span.start].trim().is_empty()
        && doc.source[span.end..line_span.end].trim().is_empty();
    Some(Suppression { directive, span, codes, line, own_line, next_lines: line + 1..=line + 1 })
}

/// Applies suppressions to a file's diagnostics. Returns the diagnostics that remain and
/// the diagnostics about the suppressions themselves.
pub fn apply(
    doc: &Document<'_>,
    suppressions: &[Suppression],
    diagnostics: Vec<Diagnostic>,
    is_known: impl Fn(&str) -> Option<&'static str>,
    is_enabled: impl Fn(&str) -> bool,
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    if suppressions.is_empty() {
        return (diagnostics, Vec::new());
    }
    // Resolve each named code (a code or a rule name) once.
    let resolved: Vec<Vec<Option<&'static str>>> =
        suppressions.iter().map(|s| s.codes.iter().map(|(code, _)| is_known(code)).collect()).collect();
    let mut used: Vec<Vec<bool>> = suppressions.iter().map(|s| vec![false; s.codes.len().max(1)]).collect();
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let line = doc.lines.line_of(diagnostic.span.start);
        let mut suppressed = false;
        for (index, suppression) in suppressions.iter().enumerate() {
            if !covers(suppressions, index, line, diagnostic.code, &resolved) {
                continue;
            }
            let slot = if suppression.codes.is_empty() {
                0
            } else {
                resolved[index].iter().position(|c| *c == Some(diagnostic.code)).unwrap_or(0)
            };
            used[index][slot] = true;
            suppressed = true;
        }
        if !suppressed {
            kept.push(diagnostic);
        }
    }
    let mut about = Vec::new();
    for (index, suppression) in suppressions.iter().enumerate() {
        if suppression.directive == Directive::Enable {
            continue;
        }
        for (slot, (code, span)) in suppression.codes.iter().enumerate() {
            match resolved[index][slot] {
                None => about.push(
                    Diagnostic::engine(
                        "PL003",
                        span.clone(),
                        format!("unknown rule `{code}` in a suppression comment"),
                    )
                    .help("use a rule code such as `IMG002` or a rule name; `postlint rules` lists them"),
                ),
                Some(known) if !used[index][slot] && is_enabled(known) => about.push(unused(
                    doc,
                    suppression,
                    format!("suppression of {known} suppressed nothing"),
                    Some(span.clone()),
                )),
                _ => {}
            }
        }
        if suppression.codes.is_empty() && !used[index][0] {
            about.push(unused(doc, suppression, "suppression comment suppressed nothing".to_string(), None));
        }
    }
    (kept, about)
}

/// Whether the suppression comments of `doc` hide a diagnostic of `code` (a known code,
/// resolved as `is_known` resolves names) on 0-based `line`: the editor's "disable"
/// action checks its own comment with this.
pub fn suppresses(
    doc: &Document<'_>,
    line: usize,
    code: &str,
    is_known: impl Fn(&str) -> Option<&'static str>,
) -> bool {
    let suppressions = collect(doc);
    let resolved: Vec<Vec<Option<&'static str>>> =
        suppressions.iter().map(|s| s.codes.iter().map(|(code, _)| is_known(code)).collect()).collect();
    (0..suppressions.len()).any(|index| covers(&suppressions, index, line, code, &resolved))
}

fn unused(doc: &Document<'_>, suppression: &Suppression, message: String, code_span: Option<Span>) -> Diagnostic {
    let span = code_span.unwrap_or_else(|| suppression.span.clone());
    let removal = if suppression.codes.len() > 1 {
        // Remove just this code (and the space before it).
        let mut start = span.start;
        while start > 0 && doc.source.as_bytes()[start - 1] == b' ' {
            start -= 1;
        }
        start..span.end
    } else if suppression.own_line {
        let line = doc.lines.line_span(doc.source, suppression.line);
        let next = doc.lines.line_start(suppression.line + 1);
        let end = if next > line.end { next } else { doc.source.len() };
        line.start..end
    } else {
        suppression.span.clone()
    };
    Diagnostic::engine("PL002", span, message).help("remove it").fix(Fix::safe(vec![Edit::delete(removal)]))
}

/// Whether suppression `index` covers `code` on 0-based `line`.
fn covers(
    suppressions: &[Suppression],
    index: usize,
    line: usize,
    code: &str,
    resolved: &[Vec<Option<&'static str>>],
) -> bool {
    let suppression = &suppressions[index];
    let names = |i: usize| suppressions[i].codes.is_empty() || resolved[i].contains(&Some(code));
    if !names(index) {
        return false;
    }
    match suppression.directive {
        Directive::DisableFile => true,
        Directive::DisableLine => line == suppression.line,
        Directive::DisableNextLine => suppression.next_lines.contains(&line),
        Directive::Enable => false,
        Directive::Disable => {
            if line < suppression.line {
                return false;
            }
            // Covered until an enable for the same code (or all codes) at or before `line`.
            !suppressions[index + 1..].iter().enumerate().any(|(offset, later)| {
                let later_index = index + 1 + offset;
                later.directive == Directive::Enable
                    && later.line <= line
                    && later.line >= suppression.line
                    && names(later_index)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODES: &[&str] = &["KW002", "FM008", "FM012"];

    /// Which of `codes`' diagnostics, each at the first occurrence of its marker text,
    /// survive the suppressions of `source`; and the codes of the diagnostics about them.
    fn kept(source: &str, at: &[(&'static str, &str)]) -> (Vec<&'static str>, Vec<&'static str>) {
        let doc = Document::parse("p.md", source);
        let suppressions = collect(&doc);
        let diagnostics = at
            .iter()
            .map(|(code, marker)| {
                let start = source.find(marker).unwrap_or_else(|| panic!("{marker:?} is in the source"));
                Diagnostic::engine(code, start..start + marker.len(), "m")
            })
            .collect();
        let known = |code: &str| CODES.iter().copied().find(|c| *c == code);
        let (kept, about) = apply(&doc, &suppressions, diagnostics, known, |_| true);
        (kept.iter().map(|d| d.code).collect(), about.iter().map(|d| d.code).collect())
    }

    #[test]
    fn a_comment_before_a_key_covers_every_line_of_its_folded_value() {
        let source = "---\ntitle: x\n# postlint-disable-next-line KW002\ndescription: >\n  Plans for the year\n  in 2025, step by step\ntags: [a]\n---\n\nbody\n";
        assert_eq!(kept(source, &[("KW002", "in 2025")]), (vec![], vec![]));
        // The key after the value is not covered.
        assert_eq!(kept(source, &[("KW002", "tags")]), (vec!["KW002"], vec!["PL002"]));
    }

    #[test]
    fn a_hash_line_inside_a_block_scalar_is_text_not_a_suppression() {
        let source = "---\ndescription: |\n  # postlint-disable-next-line KW002\n  in 2025\n---\n";
        assert_eq!(kept(source, &[("KW002", "in 2025")]), (vec!["KW002"], vec![]));
        let quoted = "---\ntitle: \"a\n  # postlint-disable-next-line KW002\n  in 2025\"\n---\n";
        assert_eq!(kept(quoted, &[("KW002", "in 2025")]), (vec!["KW002"], vec![]));
    }

    #[test]
    fn stacked_comments_before_one_key_all_apply() {
        let source =
            "---\n# postlint-disable-next-line KW002\n\n# postlint-disable-next-line FM012\ncountry: no 2025\n---\n";
        assert_eq!(kept(source, &[("KW002", "2025"), ("FM012", "no")]), (vec![], vec![]));
    }

    #[test]
    fn a_comment_before_a_nested_key_covers_that_entry_only() {
        let source =
            "---\nimage:\n  # postlint-disable-next-line FM008\n  alt: >\n    a b\n    c d\n  path: /x.png\n---\n";
        assert_eq!(kept(source, &[("FM008", "c d")]), (vec![], vec![]));
        assert_eq!(kept(source, &[("FM008", "/x.png")]), (vec!["FM008"], vec!["PL002"]));
    }

    #[test]
    fn toml_front_matter_comments_cover_the_key() {
        let source = "+++\n# postlint-disable-next-line KW002\ndescription = \"\"\"\nline one\nin 2025\"\"\"\ntitle = \"x\"\n+++\n";
        assert_eq!(kept(source, &[("KW002", "in 2025")]), (vec![], vec![]));
    }

    #[test]
    fn in_the_body_next_line_still_means_the_next_line() {
        let source = "<!-- postlint-disable-next-line KW002 -->\n\nin 2025\n";
        assert_eq!(kept(source, &[("KW002", "in 2025")]), (vec!["KW002"], vec!["PL002"]));
    }
}
