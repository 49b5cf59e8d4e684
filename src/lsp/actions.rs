//! The edits the language server offers: each diagnostic's fix, "fix all" and "disable
//! CODE here". Every edit leaves the post valid and applies only to the text it was
//! computed from:
//!
//! - Edits are computed from the document as the server holds it when the request
//!   arrives, never from what was stored at the last publish. A requested diagnostic
//!   that the current text no longer has (the client asked about an older state) gets
//!   nothing. Each edit is a `TextDocumentEdit` naming the document's version, so a
//!   client that has moved on since rejects it instead of applying it to other text.
//! - A suppression goes only where a comment is syntax and still applies. In the body, a
//!   `postlint-disable CODE` / `postlint-enable CODE` pair around the top-level block
//!   that holds the diagnostic (table, list, blockquote, paragraph, HTML block such as a
//!   JSON-LD `<script>`) and the lines touching it, each comment a block of its own
//!   between blank lines that were already there: a comment line between two table rows
//!   ends the table for kramdown and cmark-gfm, one inside a paragraph or list splits it,
//!   and a blank line added under a paragraph line turns kramdown's paragraph text into
//!   a table. In front matter, a comment line before the key whose value holds the
//!   diagnostic (never inside a block scalar or a flow collection); none in MDX (no HTML
//!   comments) or JSON front matter (no comments). Before it is offered, the edit is
//!   applied to a copy and the copy re-read: the block structure, the JSON-LD values and
//!   the front matter values must be unchanged, and the comment must cover the
//!   diagnostic. Otherwise there is no action.

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, DocumentChanges, NumberOrString, OneOf,
    OptionalVersionedTextDocumentIdentifier, Position, Range, TextDocumentEdit, TextEdit, Uri, WorkspaceEdit,
};

use super::Utf16;
use crate::document::Document as Post;
use crate::document::front_matter::{Format, FrontMatter};
use crate::document::markdown::{Block, BlockKind};
use crate::document::tree::{Entry, Node, Value};
use crate::document::{html, json};
use crate::text::lines::{LineIndex, Span, lone_cr_as_lf};

/// `source.fixAll.postlint`: every safe fix of the document at once (editors run it on save).
pub const FIX_ALL_KIND: &str = "source.fixAll.postlint";

/// An open document as the server holds it now.
pub struct Snapshot<'a> {
    pub uri: &'a Uri,
    pub text: &'a str,
    pub version: i32,
    /// What linting `text` gives now (the diagnostics a publish would send).
    pub diagnostics: &'a [Diagnostic],
}

/// The code actions for a request about `requested` diagnostics, limited to the kinds in
/// `only` when the client names some.
pub fn for_request(
    snapshot: &Snapshot<'_>,
    requested: &[Diagnostic],
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let wanted = |kind: &str| {
        only.is_none_or(|only| {
            only.iter().any(|o| kind == o.as_str() || kind.strip_prefix(o.as_str()).is_some_and(|r| r.starts_with('.')))
        })
    };
    let mut actions = Vec::new();
    if wanted(CodeActionKind::QUICKFIX.as_str()) {
        let converter = Utf16::new(snapshot.text);
        let source = lone_cr_as_lf(snapshot.text);
        // Parsed only when a requested diagnostic is still current.
        let post = std::cell::OnceCell::new();
        for diagnostic in requested.iter().filter(|d| d.source.as_deref() == Some("postlint")) {
            // Only a diagnostic the current text still has: the same code, place and message.
            let Some(current) = snapshot
                .diagnostics
                .iter()
                .find(|c| c.code == diagnostic.code && c.range == diagnostic.range && c.message == diagnostic.message)
            else {
                continue;
            };
            actions.extend(quick_fix(snapshot, current));
            let post = post.get_or_init(|| Post::parse(snapshot.uri.as_str(), &source));
            actions.extend(disable(snapshot, post, &converter, current));
        }
    }
    if wanted(FIX_ALL_KIND) {
        actions.extend(fix_all(snapshot));
    }
    actions
}

/// The published diagnostics of `text` (for the tests, which call this module directly).
pub fn published(uri: &Uri, text: &str, reports: &[crate::diagnostic::Report]) -> Vec<Diagnostic> {
    let converter = Utf16::new(text);
    reports.iter().map(|report| super::to_lsp(uri, report, &converter)).collect()
}

fn code_of(diagnostic: &Diagnostic) -> Option<&str> {
    match &diagnostic.code {
        Some(NumberOrString::String(code)) => Some(code),
        _ => None,
    }
}

/// The fix a current diagnostic carries (its `data`, computed from the current text).
fn quick_fix(snapshot: &Snapshot<'_>, diagnostic: &Diagnostic) -> Option<CodeActionOrCommand> {
    let data = diagnostic.data.as_ref()?;
    let edits: Vec<TextEdit> = serde_json::from_value(data.get("edits")?.clone()).ok()?;
    let code = code_of(diagnostic).unwrap_or_default();
    let is_unsafe = data.get("unsafe").and_then(serde_json::Value::as_bool).unwrap_or(true);
    let help = data.get("help").and_then(serde_json::Value::as_str).unwrap_or("apply the fix");
    // The title says what the edit does ("Replace `2025` with `2026`"); the rule's help,
    // which says why, is the diagnostic's own text already.
    let what = describe_edits(snapshot.text, &edits).unwrap_or_else(|| help.to_string());
    let title = format!("{code}: {what}{}", if is_unsafe { " (unsafe fix)" } else { "" });
    let mut action = versioned(snapshot, title, CodeActionKind::QUICKFIX, edits);
    action.diagnostics = Some(vec![diagnostic.clone()]);
    action.is_preferred = Some(!is_unsafe);
    Some(CodeActionOrCommand::CodeAction(action))
}

/// What `edits` do to `text`, in a few words: one replacement, insertion or removal of
/// short text is named; anything else counts the edits (`None` when there is no edit).
fn describe_edits<'a>(text: &'a str, edits: &'a [TextEdit]) -> Option<String> {
    const SHORT: usize = 40;
    let shown = |part: &str| {
        let part = part.trim();
        (part.chars().count() <= SHORT && !part.contains('\n') && !part.contains('`')).then(|| format!("`{part}`"))
    };
    let lines = LineIndex::new(text);
    let replaced = |edit: &'a TextEdit| -> Option<(&'a str, &'a str)> {
        let start = offset_of(text, &lines, edit.range.start)?;
        let end = offset_of(text, &lines, edit.range.end)?;
        Some((text.get(start..end)?, edit.new_text.as_str()))
    };
    match edits {
        [] => None,
        [first, rest @ ..] if !rest.is_empty() => {
            // The same replacement in several places (a stale year in `tags` and `keywords`).
            let one = replaced(first)?;
            let same = rest.iter().all(|edit| replaced(edit) == Some(one));
            Some(match (same, shown(one.0), shown(one.1)) {
                (true, Some(o), Some(n)) => format!("replace {o} with {n} in {} places", edits.len()),
                _ => format!("apply {} edits", edits.len()),
            })
        }
        [edit] => {
            let (old, new) = replaced(edit)?;
            Some(match (old.trim().is_empty(), new.trim().is_empty()) {
                (true, true) => "adjust whitespace".to_string(),
                (true, false) => shown(new).map_or_else(|| "insert text".to_string(), |n| format!("insert {n}")),
                (false, true) => shown(old).map_or_else(|| "remove text".to_string(), |o| format!("remove {o}")),
                (false, false) => match (shown(old), shown(new)) {
                    (Some(o), Some(n)) => format!("replace {o} with {n}"),
                    _ => "replace text".to_string(),
                },
            })
        }
        many => Some(format!("apply {} edits", many.len())),
    }
}

/// One action applying every safe fix of the document, as `--fix` would in one pass.
fn fix_all(snapshot: &Snapshot<'_>) -> Option<CodeActionOrCommand> {
    let mut edits: Vec<TextEdit> = Vec::new();
    for diagnostic in snapshot.diagnostics {
        let Some(data) = &diagnostic.data else { continue };
        if data.get("unsafe").and_then(serde_json::Value::as_bool).unwrap_or(true) {
            continue;
        }
        let Some(fix) = data.get("edits").and_then(|e| serde_json::from_value::<Vec<TextEdit>>(e.clone()).ok()) else {
            continue;
        };
        // Overlapping fixes wait for the next run, as with `--fix`.
        let key = |p: Position| (p.line, p.character);
        let overlaps = |a: &TextEdit| {
            edits.iter().any(|b| {
                key(a.range.start) < key(b.range.end) && key(b.range.start) < key(a.range.end) || a.range == b.range
            })
        };
        if fix.iter().any(overlaps) {
            continue;
        }
        edits.extend(fix);
    }
    if edits.is_empty() {
        return None;
    }
    let title = "postlint: fix all safe problems".to_string();
    Some(CodeActionOrCommand::CodeAction(versioned(snapshot, title, CodeActionKind::new(FIX_ALL_KIND), edits)))
}

/// A code action whose edit names the document's version.
fn versioned(snapshot: &Snapshot<'_>, title: String, kind: CodeActionKind, edits: Vec<TextEdit>) -> CodeAction {
    let edit = TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: snapshot.uri.clone(),
            version: Some(snapshot.version),
        },
        edits: edits.into_iter().map(OneOf::Left).collect(),
    };
    CodeAction {
        title,
        kind: Some(kind),
        edit: Some(WorkspaceEdit {
            document_changes: Some(DocumentChanges::Edits(vec![edit])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }
}

/// Text inserted at a byte offset.
type Insertion = (usize, String);

/// "Disable CODE here", when there is a place for the comment (see the module doc).
fn disable(
    snapshot: &Snapshot<'_>,
    post: &Post<'_>,
    converter: &Utf16<'_>,
    diagnostic: &Diagnostic,
) -> Option<CodeActionOrCommand> {
    let code = code_of(diagnostic)?;
    // PL diagnostics are about the file or the comments themselves: a comment cannot hide them.
    let known = crate::rulebook::find(code)?.code;
    if known.starts_with("PL") {
        return None;
    }
    let offset = offset_of(snapshot.text, &converter.lines, diagnostic.range.start)?;
    let (place, insertions) = match &post.front_matter {
        Some(front_matter) if offset < post.body_start || offset < front_matter.span.end => {
            in_front_matter(post, front_matter, offset, known)?
        }
        _ => in_body(post, offset, known)?,
    };
    if !keeps_structure(post, &insertions, offset, known) {
        return None;
    }
    let edits = insertions
        .into_iter()
        .map(|(at, new_text)| {
            let position = converter.position(at);
            TextEdit { range: Range { start: position, end: position }, new_text }
        })
        .collect();
    let mut action = versioned(snapshot, format!("{known}: disable for {place}"), CodeActionKind::QUICKFIX, edits);
    action.diagnostics = Some(vec![diagnostic.clone()]);
    action.is_preferred = Some(false);
    Some(CodeActionOrCommand::CodeAction(action))
}

/// A comment line before the innermost key, starting its own line, whose entry holds
/// `offset`: `# postlint-disable-next-line CODE` covers that whole entry.
fn in_front_matter(
    post: &Post<'_>,
    front_matter: &FrontMatter,
    offset: usize,
    code: &str,
) -> Option<(String, Vec<Insertion>)> {
    if front_matter.format == Format::Json || front_matter.unclosed || !front_matter.errors.is_empty() {
        return None;
    }
    let content = &front_matter.content;
    if offset < content.start || offset >= content.end {
        return None;
    }
    let mut found = None;
    innermost_entry(post, front_matter.root.as_ref()?, offset, &mut found);
    let entry = found?;
    let line = post.lines.line_of(entry.key_span.start);
    let line_start = post.lines.line_start(line);
    let indent = &post.source[line_start..entry.key_span.start];
    let comment = format!("{indent}# postlint-disable-next-line {code}{}", line_ending(post, line));
    Some((format!("`{}`", entry.key), vec![(line_start, comment)]))
}

/// The innermost entry holding `offset` whose key starts its line, in block collections
/// only (a comment inside `[…]` or `{…}` would be inside the flow collection).
fn innermost_entry<'a>(post: &Post<'_>, node: &'a Node, offset: usize, found: &mut Option<&'a Entry>) {
    if is_flow(post, node) {
        return;
    }
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                let end = entry.value.span.end.max(entry.key_span.end);
                if entry.key_span.start <= offset && offset <= end {
                    let line_start = post.lines.line_start(post.lines.line_of(entry.key_span.start));
                    if post.source.get(line_start..entry.key_span.start).is_some_and(|s| s.trim().is_empty()) {
                        *found = Some(entry);
                    }
                    innermost_entry(post, &entry.value, offset, found);
                    return;
                }
            }
        }
        Value::Seq(items) => {
            if let Some(item) = items.iter().find(|item| item.span.start <= offset && offset <= item.span.end) {
                innermost_entry(post, item, offset, found);
            }
        }
        _ => {}
    }
}

fn is_flow(post: &Post<'_>, node: &Node) -> bool {
    matches!(node.value, Value::Map(_) | Value::Seq(_))
        && matches!(post.source.as_bytes().get(node.span.start), Some(b'[' | b'{'))
}

/// A `postlint-disable`/`postlint-enable` pair around the top-level block holding
/// `offset` (or the run of lines outside any block, such as link definitions), grown to
/// the blank lines around it, each comment a block of its own between blank lines.
fn in_body(post: &Post<'_>, offset: usize, code: &str) -> Option<(String, Vec<Insertion>)> {
    // MDX has no HTML comments: `<!--` is a syntax error there.
    if post.path.rsplit('.').next().is_some_and(|ext| ext.eq_ignore_ascii_case("mdx")) {
        return None;
    }
    let lines = &post.lines;
    let line = lines.line_of(offset);
    let body_line = lines.line_of(post.body_start);
    if offset < post.body_start || post.source.len() <= post.body_start {
        return None;
    }
    let extent = |block: &Block| {
        let first = lines.line_of(block.span.start);
        (first, lines.line_of(last_content_byte(post.source, &block.span)).max(first))
    };
    // Sorted by first line and disjoint, so the block holding a line is a binary search.
    let top: Vec<(usize, usize, BlockKind)> =
        post.blocks().iter().filter(|b| b.depth == 0).map(|b| (extent(b).0, extent(b).1, b.kind)).collect();
    let holding = |l: usize| {
        let index = top.partition_point(|(first, _, _)| *first <= l);
        top[..index].last().filter(|(_, last, _)| l <= *last).copied()
    };
    let block = holding(line);
    if block.is_none() && blank(post, line) {
        return None;
    }
    let (mut first, mut last) = block.map_or((line, line), |(first, last, _)| (first, last));
    // Out to blank lines (or the ends of the body). A comment line touching a block is
    // read differently by kramdown (part of a paragraph) and CommonMark (its own block),
    // and a blank line added between two blocks can change kramdown's reading: a table
    // right under a paragraph line is paragraph text to kramdown and a table to GFM.
    loop {
        let mut grown = (first, last);
        if first > body_line && !blank(post, first - 1) {
            grown.0 = holding(first - 1).map_or(first - 1, |(start, _, _)| start.min(first - 1));
        }
        if last + 1 < lines.line_count() && !blank(post, last + 1) {
            grown.1 = holding(last + 1).map_or(last + 1, |(_, end, _)| end.max(last + 1));
        }
        if grown == (first, last) {
            break;
        }
        (first, last) = grown;
    }
    let place = match block {
        Some((start, end, kind)) if (start, end) == (first, last) => format!("this {}", kind.name()),
        Some((_, _, kind)) => format!("the lines around this {}", kind.name()),
        None => "these lines".to_string(),
    };
    let nl = line_ending(post, first);
    let before = lines.line_start(first);
    let opening = format!("<!-- postlint-disable {code} -->{nl}{nl}");
    let (after, closing) = if last + 1 < lines.line_count() {
        (lines.line_start(last + 1), format!("{nl}<!-- postlint-enable {code} -->{nl}"))
    } else {
        // The lines end the file without a line break.
        (post.source.len(), format!("{nl}{nl}<!-- postlint-enable {code} -->{nl}"))
    };
    if [before, after].iter().any(|&at| !between_blocks(post, at)) {
        return None;
    }
    Some((place, vec![(before, opening), (after, closing)]))
}

/// Whether a comment may go at `offset`: not inside code or a region the generator
/// hides, a Liquid tag or shortcode, or an element whose content is raw text (`<script>`
/// such as JSON-LD, `<style>`, `<textarea>`, `<title>`) that an HTML block left open.
fn between_blocks(post: &Post<'_>, offset: usize) -> bool {
    let inside = |span: &Span| span.start < offset && offset < span.end;
    if post.outline.code.iter().any(inside) || post.liquid.iter().any(|tag| inside(&tag.span)) {
        return false;
    }
    if post.jsonld.iter().any(|block| inside(&(block.tag_span.start..block.content.end + 1))) {
        return false;
    }
    let mut tags = Vec::new();
    for range in post.outline.html.iter().filter(|range| range.start < offset) {
        html::find_tags(post.source, range.clone(), &["script", "style", "textarea", "title"], &mut tags);
    }
    ["script", "style", "textarea", "title"].iter().all(|name| {
        let Some(open) = tags.iter().rev().find(|tag| tag.name == *name && tag.span.end <= offset) else {
            return true;
        };
        let between = post.source.get(open.span.end..offset).unwrap_or("").to_ascii_lowercase();
        between.contains(&format!("</{name}"))
    })
}

/// Whether 0-based `line` is empty or white space.
fn blank(post: &Post<'_>, line: usize) -> bool {
    post.source[post.lines.line_span(post.source, line)].trim().is_empty()
}

/// The line break that ends 0-based `line` (or the file's first one), `\n` when none.
fn line_ending(post: &Post<'_>, line: usize) -> &'static str {
    let span = post.lines.line_span(post.source, line);
    let rest = &post.source[span.end..];
    let ending =
        if rest.is_empty() { post.source.find(['\r', '\n']).map_or("\n", |i| &post.source[i..]) } else { rest };
    if ending.starts_with("\r\n") { "\r\n" } else { "\n" }
}

/// The offset of the last byte of `span` that is not white space (its start if none).
fn last_content_byte(source: &str, span: &Span) -> usize {
    let text = source.get(span.clone()).unwrap_or("");
    span.start + text.trim_end().len().saturating_sub(1)
}

/// The byte offset of an LSP position (UTF-16 units) in `text`, if it is in the text.
fn offset_of(text: &str, lines: &LineIndex, position: Position) -> Option<usize> {
    let line = position.line as usize;
    if line >= lines.line_count() {
        return None;
    }
    let span = lines.line_span(text, line);
    let mut units = 0usize;
    for (index, ch) in text[span.clone()].char_indices() {
        if units >= position.character as usize {
            return Some(span.start + index);
        }
        units += ch.len_utf16();
    }
    Some(span.end)
}

/// Whether inserting `insertions` into the post keeps what generators build from it the
/// same — the body's blocks (suppression comments aside), the JSON-LD values, the front
/// matter values — and hides the diagnostic of `code` at `offset`.
fn keeps_structure(post: &Post<'_>, insertions: &[Insertion], offset: usize, code: &str) -> bool {
    let mut edited = post.source.to_string();
    let mut sorted: Vec<&Insertion> = insertions.iter().collect();
    sorted.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, text) in sorted {
        if !edited.is_char_boundary(*at) {
            return false;
        }
        edited.insert_str(*at, text);
    }
    let source = lone_cr_as_lf(&edited);
    let after = Post::parse(post.path, &source);
    let moved = offset + insertions.iter().filter(|(at, _)| *at <= offset).map(|(_, text)| text.len()).sum::<usize>();
    let is_known = |name: &str| crate::rulebook::find(name).map(|doc| doc.code);
    same_front_matter(post.front_matter.as_ref(), after.front_matter.as_ref())
        && structure(post) == structure(&after)
        && post.jsonld.len() == after.jsonld.len()
        && post.jsonld.iter().zip(&after.jsonld).all(|(a, b)| match (&a.parsed, &b.parsed) {
            (Ok(a), Ok(b)) => same_json(a, b),
            (Err(_), Err(_)) => true,
            _ => false,
        })
        && crate::suppression::suppresses(&after, after.lines.line_of(moved), code, is_known)
}

/// The body's blocks as (kind, depth), without the blocks that are only suppression comments.
fn structure(post: &Post<'_>) -> Vec<(BlockKind, usize)> {
    post.blocks()
        .iter()
        .filter(|block| {
            !(block.depth == 0 && block.kind == BlockKind::Html && only_suppressions(post.text(&block.span)))
        })
        .map(|block| (block.kind, block.depth))
        .collect()
}

/// Whether `text` is nothing but `<!-- postlint-… -->` comments and white space.
pub fn only_suppressions(text: &str) -> bool {
    let mut rest = text.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        let Some(end) = after.find("-->") else { return false };
        if !after[..end].trim_start().starts_with("postlint-") {
            return false;
        }
        rest = after[end + 3..].trim_start();
    }
    rest.is_empty()
}

fn same_front_matter(a: Option<&FrontMatter>, b: Option<&FrontMatter>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            a.format == b.format
                && a.unclosed == b.unclosed
                && a.errors.len() == b.errors.len()
                && match (&a.root, &b.root) {
                    (Some(a), Some(b)) => same_tree(a, b),
                    (None, None) => true,
                    _ => false,
                }
        }
        _ => false,
    }
}

/// Equal values, whatever the spans.
fn same_tree(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_tree(x, y)),
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| x.key == y.key && same_tree(&x.value, &y.value))
        }
        (Value::Float(x), Value::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (x, y) => x == y,
    }
}

/// Equal JSON values, whatever the spans.
fn same_json(a: &json::JsonNode, b: &json::JsonNode) -> bool {
    use json::JsonValue;
    match (&a.value, &b.value) {
        (JsonValue::Array(x), JsonValue::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (JsonValue::Object(x), JsonValue::Object(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| x.key == y.key && same_json(&x.value, &y.value))
        }
        (x, y) => x == y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_say_what_the_edit_does() {
        use lsp_types::{Position, Range, TextEdit};
        let edit = |line, from, to, new: &str| TextEdit {
            range: Range::new(Position::new(line, from), Position::new(line, to)),
            new_text: new.to_string(),
        };
        let text = "tags: [seo 2025]\nkeywords: [seo 2025]\nsrc: a.png?w=1&w=2\n";
        assert_eq!(describe_edits(text, &[edit(0, 11, 15, "2026")]).as_deref(), Some("replace `2025` with `2026`"));
        let both = [edit(0, 11, 15, "2026"), edit(1, 15, 19, "2026")];
        assert_eq!(describe_edits(text, &both).as_deref(), Some("replace `2025` with `2026` in 2 places"));
        assert_eq!(describe_edits(text, &[edit(2, 14, 18, "")]).as_deref(), Some("remove `&w=2`"));
        assert_eq!(describe_edits(text, &[edit(0, 0, 0, "# a\nb")]).as_deref(), Some("insert text"));
        assert_eq!(describe_edits(text, &[]), None);
    }

    #[test]
    fn only_suppression_comments() {
        assert!(only_suppressions("<!-- postlint-disable KW002 -->\n"));
        assert!(only_suppressions("<!-- postlint-enable KW002 --> <!-- postlint-disable X -->"));
        assert!(!only_suppressions("<!-- note -->"));
        assert!(!only_suppressions("<!-- postlint-disable X --> <b>"));
    }
}
