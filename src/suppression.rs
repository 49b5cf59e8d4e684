//! Suppression comments (markdownlint's grammar with our prefix) and the diagnostics
//! about them: PL002 for one that suppressed nothing, PL003 for an unknown code.
//!
//! In front matter, `# postlint-disable-next-line CODE` is a YAML (or TOML) comment on
//! its own line. It applies to the next line that is not blank or another comment; when
//! a key starts that line, to the key's whole value (a folded `description: >` spans
//! several lines, and a comment inside the scalar would be part of the text). A `#`
//! inside a scalar (`description: |` text, a quoted string) is text, not a comment.

use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;

use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::front_matter::FrontMatter;
use crate::document::tree::{Node, Value};
use crate::document::{Document, Limit};
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
    /// The 0-based lines a `DisableNextLine` covers: the line after the comment in the
    /// body; in front matter, the next content line and the rest of the entry it starts.
    pub next_lines: RangeInclusive<usize>,
}

/// Finds suppression comments in the body's HTML and the front matter's YAML comments.
/// The codes they name are read up to `work::SUPPRESSION_CODES` per post; past that, a
/// [`Limit`] says the rest were not read.
pub fn collect(doc: &Document<'_>) -> (Vec<Suppression>, Option<Limit>) {
    let mut found = Vec::new();
    let mut budget = crate::work::SUPPRESSION_CODES;
    let mut stopped = None;
    let mut parse_directive = |inner: Span, span: Span| {
        let suppression = parse_directive(doc, inner, span.clone(), &mut budget);
        if budget == 0 && stopped.is_none() {
            stopped = Some(span.start);
        }
        suppression
    };
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
            if let Some(suppression) = parse_directive(inner, open..close + 3) {
                found.push(suppression);
            }
        }
    }
    if let Some(front_matter) = &doc.front_matter {
        collect_front_matter(doc, front_matter, &mut found, &mut parse_directive);
    }
    found.sort_by_key(|s| s.span.start);
    let limit = stopped.map(|at| Limit {
        span: at..at,
        message: format!(
            "this post's suppression comments name more than {} rules; from here on, the rules they name were not read",
            crate::work::SUPPRESSION_CODES
        ),
    });
    (found, limit)
}

/// Front matter comments, in one pass over its lines. A `disable-next-line` waits for
/// the next content line, then covers it (and the rest of the entry a key starts there).
fn collect_front_matter(
    doc: &Document<'_>,
    front_matter: &FrontMatter,
    found: &mut Vec<Suppression>,
    parse_directive: &mut dyn FnMut(Span, Span) -> Option<Suppression>,
) {
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
            if let Some(mut suppression) = parse_directive(inner, span)
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

/// The suppression in a comment's text `inner`, naming at most `budget` codes (taken off it).
fn parse_directive(doc: &Document<'_>, inner: Span, span: Span, budget: &mut usize) -> Option<Suppression> {
    let text = &doc.source[inner.clone()];
    let trimmed_start = text.len() - text.trim_start().len();
    let mut words = text.split_whitespace();
    let directive = Directive::parse(words.next()?)?;
    let mut codes = Vec::new();
    let mut cursor = inner.start + trimmed_start;
    for word in text[trimmed_start..].split_whitespace().skip(1) {
        if *budget == 0 {
            // A comment that names rules never becomes one for every rule: past the
            // budget it suppresses the rules read, or nothing.
            if codes.is_empty() {
                return None;
            }
            break;
        }
        *budget -= 1;
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
///
/// A diagnostic is suppressed by every comment that covers it, and each of those counts
/// as used. The work is linear (with hash lookups and a sort) in the diagnostics and the
/// comments' codes: a post may hold a hundred thousand of each.
///
/// The diagnostics about comments are those `reports` accepts (PL002, PL003 when
/// enabled), at most `room` of them; the third value counts those past `room`.
pub fn apply(
    doc: &Document<'_>,
    suppressions: &[Suppression],
    diagnostics: Vec<Diagnostic>,
    is_known: impl Fn(&str) -> Option<&'static str>,
    is_enabled: impl Fn(&str) -> bool,
    reports: impl Fn(&'static str) -> bool,
    room: usize,
) -> (Vec<Diagnostic>, Vec<Diagnostic>, usize) {
    if suppressions.is_empty() {
        return (diagnostics, Vec::new(), 0);
    }
    // Resolve each named code (a code or a rule name) once, however often it is named.
    let mut known: HashMap<&str, Option<&'static str>> = HashMap::new();
    let resolved: Vec<Vec<Option<&'static str>>> = suppressions
        .iter()
        .map(|s| {
            s.codes.iter().map(|(code, _)| *known.entry(code.as_str()).or_insert_with(|| is_known(code))).collect()
        })
        .collect();
    // The first slot of each comment that names a code: the one a use is counted on.
    let mut first_slot: HashMap<(usize, &'static str), usize> = HashMap::new();
    for (index, codes) in resolved.iter().enumerate() {
        for (slot, code) in codes.iter().enumerate() {
            if let Some(code) = code {
                first_slot.entry((index, *code)).or_insert(slot);
            }
        }
    }
    let names_all = |index: usize| suppressions[index].codes.is_empty();
    let lines: Vec<usize> = diagnostics.iter().map(|d| doc.lines.line_of(d.span.start)).collect();
    let mut suppressed = vec![false; diagnostics.len()];
    let mut used: Vec<Vec<bool>> = suppressions.iter().map(|s| vec![false; s.codes.len().max(1)]).collect();

    // Comments that cover fixed lines (or the whole file), keyed by line and code (`None`:
    // every code); `usize::MAX` stands for the whole file.
    const FILE: usize = usize::MAX;
    // A `disable-next-line` in front matter covers a whole entry: each of its lines.
    let point_lines = |suppression: &Suppression| -> Vec<usize> {
        match suppression.directive {
            Directive::DisableFile => vec![FILE],
            Directive::DisableLine => vec![suppression.line],
            Directive::DisableNextLine => suppression.next_lines.clone().collect(),
            Directive::Disable | Directive::Enable => Vec::new(),
        }
    };
    let mut points: HashSet<(usize, Option<&'static str>)> = HashSet::new();
    for (index, suppression) in suppressions.iter().enumerate() {
        for line in point_lines(suppression) {
            if names_all(index) {
                points.insert((line, None));
            }
            points.extend(resolved[index].iter().flatten().map(|code| (line, Some(*code))));
        }
    }
    // What the diagnostics hit, to tell afterwards which of those comments were used.
    let mut hit: HashSet<(usize, Option<&'static str>)> = HashSet::new();
    for (at, diagnostic) in diagnostics.iter().enumerate() {
        let code = Some(diagnostic.code);
        for line in [lines[at], FILE] {
            for key in [(line, None), (line, code)] {
                if points.contains(&key) {
                    suppressed[at] = true;
                }
                hit.insert(key);
            }
        }
    }
    for (index, suppression) in suppressions.iter().enumerate() {
        let lines = point_lines(suppression);
        if lines.is_empty() {
            continue;
        }
        if names_all(index) {
            used[index][0] = lines.iter().any(|line| hit.contains(&(*line, None)));
        }
        for (slot, code) in resolved[index].iter().enumerate() {
            if let Some(code) = code
                && first_slot.get(&(index, *code)) == Some(&slot)
            {
                used[index][slot] = lines.iter().any(|line| hit.contains(&(*line, Some(*code))));
            }
        }
    }

    // `disable` … `enable` ranges, in one sweep over the diagnostics by line. A diagnostic
    // of code C on line L is covered by each `disable` naming C (or every code) on a line
    // up to L and after the last `enable` naming C (or every code) on a line up to L.
    let mut order: Vec<usize> = (0..diagnostics.len()).collect();
    order.sort_by_key(|&at| lines[at]);
    let ranged: Vec<usize> = (0..suppressions.len())
        .filter(|&i| matches!(suppressions[i].directive, Directive::Disable | Directive::Enable))
        .collect();
    // Indices of the `disable`s seen so far that name each code; of those for every code.
    let mut disables_naming: HashMap<&'static str, Vec<usize>> = HashMap::new();
    let mut disables_all: Vec<usize> = Vec::new();
    // The last `enable` seen for each code, and for every code (`None`: none yet).
    let mut enabled_at: HashMap<&'static str, usize> = HashMap::new();
    let mut enabled_all: Option<usize> = None;
    // `disable`s of one code already marked used, and the runs of `disables_all` that
    // diagnostics cover (a difference array, one longer than the list, summed at the end).
    let mut marked: HashSet<(usize, &'static str)> = HashSet::new();
    let mut all_covered: Vec<isize> = vec![0];
    let mut next = 0;
    for &at in &order {
        let line = lines[at];
        while let Some(&index) = ranged.get(next).filter(|&&i| suppressions[i].line <= line) {
            next += 1;
            let codes = resolved[index].iter().flatten();
            match (suppressions[index].directive, names_all(index)) {
                (Directive::Disable, true) => {
                    disables_all.push(index);
                    all_covered.push(0);
                }
                (Directive::Disable, false) => {
                    for code in codes {
                        let naming = disables_naming.entry(code).or_default();
                        // Once per comment, however often it names the code.
                        if naming.last() != Some(&index) {
                            naming.push(index);
                        }
                    }
                }
                (_, true) => enabled_all = Some(index),
                (_, false) => {
                    for code in codes {
                        enabled_at.insert(code, index);
                    }
                }
            }
        }
        let code = diagnostics[at].code;
        let after = enabled_at.get(code).copied().max(enabled_all);
        let covers = |index: &usize| after.is_none_or(|enable| *index > enable);
        // The `disable`s for every code after `after`: the end of the list.
        let first = disables_all.partition_point(|index| !covers(index));
        crate::work::visited(1 + (usize::BITS - disables_all.len().leading_zeros()) as usize);
        if first < disables_all.len() {
            suppressed[at] = true;
            all_covered[first] += 1;
            all_covered[disables_all.len()] -= 1;
        }
        // This code's `disable`s after `after`, marked from the last back to the first
        // already marked: `after` only grows for a code, so each is marked once.
        if let Some(naming) = disables_naming.get(code) {
            for &index in naming.iter().rev().take_while(|index| covers(index)) {
                crate::work::visited(1);
                suppressed[at] = true;
                if !marked.insert((index, code)) {
                    break;
                }
                if let Some(&slot) = first_slot.get(&(index, code)) {
                    used[index][slot] = true;
                }
            }
        }
    }
    let mut covered = 0;
    for (position, index) in disables_all.iter().enumerate() {
        covered += all_covered[position];
        if covered > 0 {
            used[*index][0] = true;
        }
    }

    let kept = diagnostics.into_iter().zip(suppressed).filter(|(_, suppressed)| !suppressed).map(|(d, _)| d).collect();
    let mut about = Vec::new();
    let mut dropped = 0;
    let mut report = |code: &'static str, make: &dyn Fn() -> Diagnostic| {
        if !reports(code) {
            return;
        }
        if about.len() < room {
            about.push(make());
        } else {
            dropped += 1;
        }
    };
    for (index, suppression) in suppressions.iter().enumerate() {
        if suppression.directive == Directive::Enable {
            continue;
        }
        for (slot, (code, span)) in suppression.codes.iter().enumerate() {
            match resolved[index][slot] {
                None => report("PL003", &|| {
                    Diagnostic::engine("PL003", span.clone(), format!("unknown rule `{code}` in a suppression comment"))
                        .help("use a rule code such as `IMG002` or a rule name; `postlint rules` lists them")
                }),
                Some(known) if !used[index][slot] && is_enabled(known) => report("PL002", &|| {
                    unused(doc, suppression, format!("suppression of {known} suppressed nothing"), Some(span.clone()))
                }),
                _ => {}
            }
        }
        if suppression.codes.is_empty() && !used[index][0] {
            report("PL002", &|| unused(doc, suppression, "suppression comment suppressed nothing".to_string(), None));
        }
    }
    (kept, about, dropped)
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

/// Whether the suppression comments of `doc` hide a diagnostic of `code` (a known code,
/// resolved as `is_known` resolves names) on 0-based `line`: the editor's "disable"
/// action checks its own comment with this.
pub fn suppresses(
    doc: &Document<'_>,
    line: usize,
    code: &str,
    is_known: impl Fn(&str) -> Option<&'static str>,
) -> bool {
    let (suppressions, _) = collect(doc);
    let resolved: Vec<Vec<Option<&'static str>>> =
        suppressions.iter().map(|s| s.codes.iter().map(|(code, _)| is_known(code)).collect()).collect();
    (0..suppressions.len()).any(|index| covers(&suppressions, index, line, code, &resolved))
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
    use proptest::prelude::*;

    use super::*;

    // The quadratic implementation this file had before, kept as the reference that the
    // linear one must agree with on every input.
    /// Applies suppressions to a file's diagnostics. Returns the diagnostics that remain and
    /// the diagnostics about the suppressions themselves.
    fn reference_apply(
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
                if !reference_covers(suppressions, index, line, diagnostic.code, &resolved) {
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

    /// Whether suppression `index` covers `code` on 0-based `line`.
    fn reference_covers(
        suppressions: &[Suppression],
        index: usize,
        line: usize,
        code: &str,
        resolved: &[Vec<Option<&'static str>>],
    ) -> bool {
        covers(suppressions, index, line, code, resolved)
    }

    const CODES: [&str; 4] = ["HD003", "HD008", "IMG002", "nope"];

    fn known(code: &str) -> Option<&'static str> {
        CODES[..3].iter().find(|c| **c == code).copied()
    }

    fn summary(diagnostics: &[Diagnostic]) -> Vec<(&'static str, Span, String)> {
        diagnostics.iter().map(|d| (d.code, d.span.clone(), d.message.clone())).collect()
    }

    proptest! {
        #[test]
        fn linear_apply_agrees_with_the_reference(
            comments in prop::collection::vec((0usize..5, 0usize..12, prop::collection::vec(0usize..4, 0..3)), 0..12),
            found in prop::collection::vec((0usize..12, 0usize..3), 0..20),
        ) {
            let text = "line\n".repeat(12);
            let doc = Document::parse("p.md", &text);
            let mut comments = comments;
            comments.sort_by_key(|(_, line, _)| *line);
            let suppressions: Vec<Suppression> = comments
                .iter()
                .enumerate()
                .map(|(i, (directive, line, codes))| Suppression {
                    directive: [Directive::Disable, Directive::Enable, Directive::DisableNextLine, Directive::DisableLine, Directive::DisableFile][*directive],
                    span: line * 5 + i % 4..line * 5 + i % 4 + 1,
                    codes: codes.iter().map(|c| (CODES[*c].to_string(), line * 5..line * 5 + 1)).collect(),
                    line: *line,
                    own_line: false,
                    next_lines: line + 1..=line + 1,
                })
                .collect();
            let diagnostics: Vec<Diagnostic> = found
                .iter()
                .map(|(line, code)| Diagnostic::engine(CODES[*code], line * 5..line * 5 + 4, format!("{line}")))
                .collect();
            let expected = reference_apply(&doc, &suppressions, diagnostics.clone(), known, |_| true);
            let actual = apply(&doc, &suppressions, diagnostics, known, |_| true, |_| true, usize::MAX);
            prop_assert_eq!(summary(&actual.0), summary(&expected.0));
            prop_assert_eq!(summary(&actual.1), summary(&expected.1));
        }
    }

    // Front matter comments covering whole entries.
    /// Which of `codes`' diagnostics, each at the first occurrence of its marker text,
    /// survive the suppressions of `source`; and the codes of the diagnostics about them.
    fn kept(source: &str, at: &[(&'static str, &str)]) -> (Vec<&'static str>, Vec<&'static str>) {
        let doc = Document::parse("p.md", source);
        let (suppressions, _) = collect(&doc);
        let diagnostics = at
            .iter()
            .map(|(code, marker)| {
                let start = source.find(marker).unwrap_or_else(|| panic!("{marker:?} is in the source"));
                Diagnostic::engine(code, start..start + marker.len(), "m")
            })
            .collect();
        let known = |code: &str| ["KW002", "FM008", "FM012"].iter().copied().find(|c| *c == code);
        let (kept, about, _) = apply(&doc, &suppressions, diagnostics, known, |_| true, |_| true, usize::MAX);
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
