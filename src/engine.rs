//! Linting one post: parse once, run every enabled rule, apply suppressions, and turn
//! byte spans into positions so the text can be dropped.

use std::path::Path;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Label, Location, Report, ResolvedEdit, ResolvedFix, ResolvedLabel};
use crate::document::Document;
use crate::document::json::{JsonNode, JsonValue};
use crate::rulebook;
use crate::rules::{Context, Reporter};
use crate::site::Site;
use crate::site::pages::PageKind;
use crate::suppression;
use crate::text::dates::Date;
use crate::text::lines::lone_cr_as_lf;

/// Everything a run needs besides the file itself.
pub struct LintContext<'a> {
    pub settings: &'a Settings,
    pub site: &'a Site,
    pub today: Date,
}

/// Lints `source` as the file at `path` (shown as `display`).
pub fn lint_source(display: &str, path: &Path, source: &str, context: &LintContext<'_>) -> Vec<Report> {
    let source = lone_cr_as_lf(source);
    let doc = Document::parse_with(display, &source, &context.site.markup());
    let diagnostics = check_document(&doc, path, context);
    resolve(&doc, diagnostics, context.settings)
}

/// Lints `source` like `lint_source`, or returns `None` when the file's generator does not
/// build it (a Jekyll file without front matter, a file Jekyll's `exclude` names, a Hugo
/// file outside `content/`, a layout or archetype): a walk over a site lints what the
/// site publishes. A file named on the command line is linted whatever it is.
pub fn lint_source_if_built(
    display: &str,
    path: &Path,
    source: &str,
    context: &LintContext<'_>,
) -> Option<Vec<Report>> {
    let source = lone_cr_as_lf(source);
    let doc = Document::parse_with(display, &source, &context.site.markup());
    let rule_context = Context::new(&doc, path, context.site, context.today);
    if matches!(rule_context.kind, PageKind::Unbuilt | PageKind::Template) {
        return None;
    }
    let diagnostics = run_rules(&rule_context, path, context);
    Some(resolve(&doc, diagnostics, context.settings))
}

/// Whether the site's generator builds the file (for `--fix` runs, which parse later).
pub fn is_built(path: &Path, source: &str, site: &Site) -> bool {
    let (front, _) = crate::document::front_matter::split_with(source, &site.markup());
    let kind = crate::site::pages::kind_of(site, &site.relative_path(path), front.as_ref());
    !matches!(kind, PageKind::Unbuilt | PageKind::Template)
}

/// Runs the rules on a parsed document and applies suppressions (byte spans).
pub fn check_document(doc: &Document<'_>, path: &Path, context: &LintContext<'_>) -> Vec<Diagnostic> {
    let rule_context = Context::new(doc, path, context.site, context.today);
    run_rules(&rule_context, path, context)
}

fn run_rules(rule_context: &Context<'_>, path: &Path, context: &LintContext<'_>) -> Vec<Diagnostic> {
    let doc = rule_context.doc;
    let ignored = context.settings.ignored_for(path);
    let mut diagnostics = Vec::new();
    let mut crashes = Vec::new();
    // A post holds at most `work::DIAGNOSTICS` diagnostics (a hostile post could make
    // millions, each a few hundred bytes); the rest are counted and said in one PL001.
    let mut dropped = 0;
    for active in &context.settings.rules {
        if ignored.contains(&active.code) || (active.posts_only && !rule_context.is_post()) {
            continue;
        }
        // A bug in one rule must not end the run or hide the other rules' findings: its
        // panic becomes a PL001 on this file naming the rule, and the run goes on.
        let room = crate::work::DIAGNOSTICS.saturating_sub(diagnostics.len());
        let mut found = Reporter::with_room(active.code, room);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            active.rule.check(rule_context, &mut found);
        }));
        dropped += found.dropped();
        match outcome {
            Ok(()) => diagnostics.append(&mut found.into_diagnostics()),
            Err(payload) => crashes.push(
                Diagnostic::engine(
                    "PL001",
                    0..0,
                    format!(
                        "rule {} crashed on this file ({}); its findings are missing",
                        active.code,
                        panic_text(&payload)
                    ),
                )
                .help("please report this file to postlint's issue tracker; the other rules ran"),
            ),
        }
    }
    let (suppressions, stopped) = suppression::collect(doc);
    let settings = context.settings;
    let enabled = |code: &str| settings.enabled.contains(code) && !ignored.contains(&code);
    let room = crate::work::DIAGNOSTICS.saturating_sub(diagnostics.len());
    let (mut kept, about, past_room) = suppression::apply(
        doc,
        &suppressions,
        diagnostics,
        |code| rulebook::find(code).map(|d| d.code),
        enabled,
        enabled,
        room,
    );
    dropped += past_room;
    kept.extend(about);
    let mut kept = fold_into_duplicate_jsonld(doc, kept);
    kept.extend(crashes);
    kept.extend(doc.limits.iter().chain(&stopped).map(|limit| {
        Diagnostic::engine("PL001", limit.span.clone(), limit.message.clone())
            .help("postlint bounds the work one post can cause; split the post, or lint this part on its own")
    }));
    if dropped > 0 {
        kept.push(Diagnostic::engine(
            "PL001",
            0..0,
            format!(
                "this post has more than {} problems; postlint stopped keeping them, and {dropped} more were found but not reported",
                crate::work::DIAGNOSTICS
            ),
        ).help("fix the problems shown, then lint again to see the rest"));
    }
    kept
}

/// One problem, one diagnostic: when LD007 says a hand-written JSON-LD Article repeats
/// what jekyll-seo-tag already emits, the fix is to remove that Article, so the other LD
/// findings on it — the entity and its own properties (author, publisher, image …) —
/// become notes of the LD007, not diagnostics of their own. Other entities of the same
/// block (a BreadcrumbList, an FAQPage) are nothing the plugin emits: they stay when the
/// Article goes, and so do their findings.
fn fold_into_duplicate_jsonld(doc: &Document<'_>, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // Blocks are in file order and never overlap: a binary search finds an offset's block.
    let block_of = |offset: usize| {
        let after = doc.jsonld.partition_point(|b| b.tag_span.start <= offset);
        crate::work::visited(usize::BITS as usize - after.leading_zeros() as usize);
        (after > 0 && offset < doc.jsonld[after - 1].content.end).then(|| after - 1)
    };
    // Each LD007, by block, with the span of the entity it is about: only findings inside
    // that entity fold into it (a BreadcrumbList beside the Article keeps its own).
    let mut duplicates: std::collections::HashMap<usize, Vec<(usize, std::ops::Range<usize>)>> =
        std::collections::HashMap::new();
    for (index, diagnostic) in diagnostics.iter().enumerate() {
        if diagnostic.code != "LD007" {
            continue;
        }
        let Some(block) = block_of(diagnostic.span.start) else { continue };
        let Some(root) = doc.jsonld[block].parsed.as_ref().ok() else { continue };
        if let Some(entity) = anchored_object(root, &diagnostic.span, 0) {
            duplicates.entry(block).or_default().push((index, entity.span.clone()));
        }
    }
    if duplicates.is_empty() {
        return diagnostics;
    }
    // First decide where each diagnostic goes, then move: LD007s keep their indices.
    let destination: Vec<Option<usize>> = diagnostics
        .iter()
        .map(|d| {
            if !d.code.starts_with("LD") || d.code == "LD007" {
                return None;
            }
            let inside = |entity: &std::ops::Range<usize>| entity.start <= d.span.start && d.span.end <= entity.end;
            let in_block = duplicates.get(&block_of(d.span.start)?)?;
            in_block.iter().find(|(_, entity)| inside(entity)).map(|(at, _)| *at)
        })
        .collect();
    let mut notes: std::collections::HashMap<usize, Vec<crate::diagnostic::Label>> = std::collections::HashMap::new();
    let mut kept: Vec<(usize, Diagnostic)> = Vec::new();
    for (index, (diagnostic, target)) in diagnostics.into_iter().zip(destination).enumerate() {
        match target {
            Some(at) => notes.entry(at).or_default().push(crate::diagnostic::Label {
                span: diagnostic.span,
                message: format!("{}: {}", diagnostic.code, diagnostic.message),
            }),
            None => kept.push((index, diagnostic)),
        }
    }
    kept.into_iter()
        .map(|(index, mut diagnostic)| {
            diagnostic.labels.extend(notes.remove(&index).unwrap_or_default());
            diagnostic
        })
        .collect()
}

/// The JSON object a JSON-LD diagnostic is anchored at: the one whose `@type` value (or,
/// without one, whose opening brace) is the diagnostic's span. The parser caps nesting,
/// and so does `depth`.
fn anchored_object<'a>(node: &'a JsonNode, span: &std::ops::Range<usize>, depth: usize) -> Option<&'a JsonNode> {
    if depth > crate::document::json::MAX_DEPTH {
        return None;
    }
    match &node.value {
        JsonValue::Object(members) => {
            let anchor = node.member("@type").map_or(node.span.start..node.span.start + 1, |m| m.value.span.clone());
            if anchor == *span {
                return Some(node);
            }
            members.iter().find_map(|member| anchored_object(&member.value, span, depth + 1))
        }
        JsonValue::Array(items) => items.iter().find_map(|item| anchored_object(item, span, depth + 1)),
        _ => None,
    }
}

/// The message a panic carried, for the PL001 that reports it.
fn panic_text(payload: &Box<dyn std::any::Any + Send>) -> String {
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string());
    crate::text::escape::escape_inline(&text).chars().take(200).collect()
}

pub fn resolve(doc: &Document<'_>, diagnostics: Vec<Diagnostic>, settings: &Settings) -> Vec<Report> {
    let (source, lines) = (doc.source, &doc.lines);
    diagnostics
        .into_iter()
        .map(|diagnostic| {
            let doc_meta = rulebook::find(diagnostic.code);
            let span = clamp(source, diagnostic.span.clone());
            Report {
                path: doc.path.to_string(),
                code: diagnostic.code,
                name: doc_meta.map_or("", |d| d.name),
                severity: settings.severity(diagnostic.code, diagnostic.severity),
                message: diagnostic.message,
                location: Location::resolve(lines, source, &span),
                span,
                help: diagnostic.help,
                related: diagnostic.related,
                labels: diagnostic
                    .labels
                    .into_iter()
                    .map(|Label { span, message }| {
                        let span = clamp(source, span);
                        ResolvedLabel { location: Location::resolve(lines, source, &span), span, message }
                    })
                    .collect(),
                fix: diagnostic.fix.map(|fix| ResolvedFix {
                    applicability: fix.applicability,
                    edits: fix
                        .edits
                        .into_iter()
                        .map(|edit| {
                            let span = clamp(source, edit.span);
                            ResolvedEdit {
                                location: Location::resolve(lines, source, &span),
                                span,
                                content: edit.content,
                            }
                        })
                        .collect(),
                }),
            }
        })
        .collect()
}

/// Keeps a rule's span inside the file and on character boundaries.
fn clamp(source: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    use crate::text::lines::floor_char_boundary;
    let start = floor_char_boundary(source, span.start);
    let end = floor_char_boundary(source, span.end.max(start));
    start..end
}
