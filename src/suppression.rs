//! Suppression comments (markdownlint's grammar with our prefix) and the diagnostics
//! about them: PL002 for one that suppressed nothing, PL003 for an unknown code.

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Document;
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
        let content = front_matter.content.clone();
        let mut line_start = content.start;
        for line in doc.source[content.clone()].split_inclusive('\n') {
            if let Some(hash) = comment_start(line) {
                let inner = line_start + hash + 1..line_start + line.trim_end().len();
                let span = line_start + hash..inner.end;
                if let Some(mut suppression) = parse_directive(doc, inner, span)
                    && (suppression.directive == Directive::DisableNextLine
                        || suppression.directive == Directive::DisableLine)
                {
                    suppression.own_line = hash == line.len() - line.trim_start().len();
                    found.push(suppression);
                }
            }
            line_start += line.len();
        }
    }
    found.sort_by_key(|s| s.span.start);
    found
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
    Some(Suppression { directive, span, codes, line, own_line })
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
        Directive::DisableNextLine => line == suppression.line + 1,
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
