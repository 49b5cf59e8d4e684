//! HD: heading structure — the outline readers and search engines follow, and titles
//! that keep the count they promise.

use std::sync::LazyLock;

use regex::Regex;

use super::{Context, OptionError, Options, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::markdown::{Heading, HeadingKind};
use crate::project::Generator;
use crate::text::escape::quote;
use crate::text::normalize::fold;
use crate::text::slug::Slugger;
use crate::text::width::display_width;

/// For each heading, the index of its parent (the nearest earlier heading of a lower level).
fn parents(headings: &[Heading]) -> Vec<Option<usize>> {
    let mut stack: Vec<usize> = Vec::new();
    headings
        .iter()
        .enumerate()
        .map(|(index, heading)| {
            while stack.last().is_some_and(|&top| headings[top].level >= heading.level) {
                stack.pop();
            }
            let parent = stack.last().copied();
            stack.push(index);
            parent
        })
        .collect()
}

fn has_title(ctx: &Context<'_>) -> bool {
    ctx.doc.title().is_some_and(|t| !t.trim().is_empty())
}

/// HD001 h1-in-body.
pub struct H1InBody {
    title_is_h1: bool,
}

impl H1InBody {
    pub fn new(options: &Options) -> Self {
        H1InBody { title_is_h1: options.bool("title-is-h1") }
    }
}

impl Rule for H1InBody {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let headings = &ctx.doc.outline.headings;
        let themed = self.title_is_h1 && has_title(ctx);
        for (index, heading) in headings.iter().enumerate() {
            if heading.level != 1 {
                continue;
            }
            let message = if themed {
                "H1 in the body: the theme already renders the front matter `title` as the page's H1".to_string()
            } else if index == 0 && !headings[..index].iter().any(|h| h.level == 1) {
                continue;
            } else if headings[..index].iter().any(|h| h.level == 1) {
                "a second H1: a page should have one".to_string()
            } else {
                "H1 is not the first heading".to_string()
            };
            let mut diagnostic = Diagnostic::new("HD001", heading.span.clone(), message)
                .help("make it an H2 (and its subsections one level deeper)");
            if let Some(edits) = demote_subtree(ctx, headings, index) {
                diagnostic = diagnostic.fix(Fix::unsafe_edits(edits));
            }
            out.push(diagnostic);
        }
    }
}

/// Edits that demote heading `index` and every heading below it up to the next H1.
fn demote_subtree(ctx: &Context<'_>, headings: &[Heading], index: usize) -> Option<Vec<Edit>> {
    let end = headings[index + 1..].iter().position(|h| h.level == 1).map_or(headings.len(), |p| index + 1 + p);
    let subtree = &headings[index..end];
    if subtree.iter().any(|h| h.level >= 6) {
        return None;
    }
    subtree.iter().map(|heading| demote(ctx.doc.source, heading)).collect()
}

fn demote(source: &str, heading: &Heading) -> Option<Edit> {
    let raw = &source[heading.span.clone()];
    match heading.kind {
        HeadingKind::Atx => Some(Edit::replace(heading.span.start..heading.span.start, "#")),
        HeadingKind::Setext => {
            let text = raw.lines().next()?.trim();
            Some(Edit::replace(heading.span.clone(), format!("{} {text}", "#".repeat(heading.level as usize + 1))))
        }
        HeadingKind::Html => {
            let level = heading.level;
            let open = format!("<h{level}");
            let close = format!("</h{level}");
            let lower = raw.to_ascii_lowercase();
            let (open_at, close_at) = (lower.find(&open)?, lower.rfind(&close)?);
            let replaced = format!(
                "{}<h{n}{}</h{n}{}",
                &raw[..open_at],
                &raw[open_at + open.len()..close_at],
                &raw[close_at + close.len()..],
                n = level + 1
            );
            Some(Edit::replace(heading.span.clone(), replaced))
        }
    }
}

/// HD002 heading-level-skip.
pub struct HeadingLevelSkip;

impl Rule for HeadingLevelSkip {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // Between body headings only, as markdownlint's MD001: a post whose sections start
        // at H3 under the theme's H1 title is a style choice readers do not notice.
        let mut previous: Option<u8> = None;
        for heading in &ctx.doc.outline.headings {
            if let Some(before) = previous
                && heading.level > before + 1
            {
                out.push(
                    Diagnostic::new(
                        "HD002",
                        heading.span.clone(),
                        format!("heading jumps from H{before} to H{}", heading.level),
                    )
                    .help(format!("make it an H{}, or add the missing level above it", before + 1)),
                );
            }
            previous = Some(heading.level);
        }
    }
}

/// HD003 duplicate-heading.
pub struct DuplicateHeading {
    siblings_only: bool,
    slugger: Option<Slugger>,
}

impl DuplicateHeading {
    pub fn new(options: &Options) -> Result<Self, OptionError> {
        let style = options.string("slug-style");
        let slugger = match style {
            "auto" => None,
            other => Some(Slugger::parse(other).ok_or_else(|| OptionError {
                key: "slug-style".into(),
                message: "must be \"auto\", \"github\", \"hugo\" or \"kramdown\"".into(),
            })?),
        };
        Ok(DuplicateHeading { siblings_only: options.bool("siblings-only"), slugger })
    }
}

impl Rule for DuplicateHeading {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let generator_slugs = if ctx.site.generator == Generator::Zola { Slugger::Zola } else { Slugger::Github };
        let slugger = self.slugger.unwrap_or(generator_slugs);
        let headings = &ctx.doc.outline.headings;
        let parents = parents(headings);
        // Slug → the headings that had it, so 100,000 headings stay linear.
        let mut seen: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (index, heading) in headings.iter().enumerate() {
            // HTML and JSX headings get no generated id, and a heading with its own
            // `{#id}` does not take the slug.
            if heading.kind == HeadingKind::Html || has_explicit_id(ctx.doc.text(&heading.span)) {
                continue;
            }
            let slug = slugger.slug(&heading.text);
            if slug.is_empty() {
                continue;
            }
            let earlier = seen.entry(slug.clone()).or_default();
            let count = earlier.len();
            // Under different parents a repeated subheading ("Details" per advisory, a
            // function listed under two imports) is how documents are written; two
            // siblings with the same text are what readers cannot tell apart.
            let same_text = |i: usize| fold(&headings[i].text) == fold(&heading.text);
            let first = if self.siblings_only {
                earlier.iter().copied().find(|&i| parents[i] == parents[index] && same_text(i))
            } else {
                earlier.first().copied()
            };
            earlier.push(index);
            if let Some(first) = first {
                out.push(
                    Diagnostic::new("HD003", heading.text_span.clone(), format!("heading {} has the same anchor `#{slug}` as an earlier heading; its anchor becomes `#{slug}-{count}`", quote(&heading.text)))
                        .label(headings[first].text_span.clone(), "first heading with this anchor")
                        .help("make the heading say what is different about this section"),
                );
            }
        }
    }
}

/// Whether a heading's source line sets its own id: `## Title {#id}` (Goldmark, Zola,
/// kramdown) or a kramdown `{: #id}` on the line after.
fn has_explicit_id(raw: &str) -> bool {
    raw.trim_end().ends_with('}') && raw.contains("{#")
}

/// HD004 empty-heading.
pub struct EmptyHeading;

impl Rule for EmptyHeading {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for heading in &ctx.doc.outline.headings {
            if heading.text.chars().any(char::is_alphanumeric) {
                continue;
            }
            let what = if heading.has_image {
                "holds only an image"
            } else if heading.text.trim().is_empty() {
                "has no text"
            } else {
                "is only punctuation"
            };
            out.push(
                Diagnostic::new("HD004", heading.span.clone(), format!("heading {what}"))
                    .help("give the section a heading that says what it is about, or remove the heading"),
            );
        }
    }
}

/// A numbered heading: `ステップ3`, `Step 3`, `3.`, `第3章`, `三、`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Numbered {
    counter: String,
    number: u32,
    /// The last number a heading covers: 2 in `ステップ1 & 2`, `Step 1-2`.
    through: u32,
}

/// `<counter word or noun> N <separator>`: an English counter word from a list (so
/// `Windows 10` / `Python 3` are not sequences), or any kanji/katakana noun (`戦略1`,
/// `事例2`, `テクニック3`, `秘訣5`), then a number of at most three digits and a
/// separator or the end, so `ステップ1における指標` and version numbers (`1.9 系`) are
/// not numbered headings.
static COUNTER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(step|steps|part|tip|tips|point|no\.?|#|chapter|lesson|day|week|stage|phase|option|method|way|rule|reason|idea|case|example|level|round|episode|vol\.?|volume|section|question|その|[\p{Katakana}ー\p{Han}]{1,8})\s*#?\s*([0-9]{1,2})(?:$|つ目|番目|[\s.．:：、,，)）\]】\-–—|｜/])").unwrap_or_else(|e| unreachable!("{e}"))
});
static DAI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^第\s*([0-9]+|[一二三四五六七八九十]+)\s*(章|節|回|位|条|部|弾)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,3})\s*(つ目|番目|位|[.．)）、:：]|\s)").unwrap_or_else(|e| unreachable!("{e}"))
});
static KANJI_FIRST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([一二三四五六七八九十]+)\s*[、.．]").unwrap_or_else(|e| unreachable!("{e}")));

fn kanji_number(text: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| (i / 3) as u32 + 1);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d),
        ['十', d] => Some(10 + digit(*d)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', d] => Some(10 * digit(*t)? + digit(*d)?),
        _ => None,
    }
}

fn number_of(text: &str) -> Option<u32> {
    text.parse().ok().or_else(|| kanji_number(text))
}

fn numbered(text: &str) -> Option<Numbered> {
    // Circled numbers (①) fold to plain digits, so they are read first.
    if let Some(first) = text.trim_start().chars().next()
        && ('①'..='⑳').contains(&first)
    {
        let number = first as u32 - '①' as u32 + 1;
        return Some(Numbered { counter: "circled".into(), number, through: number });
    }
    // Every pattern is anchored at the start and short: the head of a long heading is enough.
    let text = fold(&text[..crate::text::lines::floor_char_boundary(text, 96)]);
    // A version or section number (`1.9 series`, `0.12.1`, `2.2 Taptweak`) is not a count.
    let digits = text.trim_start_matches(|c: char| !c.is_ascii_digit());
    let after_number = digits.trim_start_matches(|c: char| c.is_ascii_digit());
    if !digits.is_empty()
        && after_number.starts_with('.')
        && after_number[1..].starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    if let Some(c) = COUNTER_FIRST.captures(&text) {
        let word = c[1].trim_end_matches('.').to_string();
        let word = match word.as_str() {
            "steps" => "step".to_string(),
            "no" | "#" => "number".to_string(),
            _ => word,
        };
        let number = c[2].parse().ok()?;
        let through = range_end(&text[c.get(2).map_or(0, |m| m.end())..]).filter(|&end| end > number).unwrap_or(number);
        return Some(Numbered { counter: word, number, through });
    }
    if let Some(c) = DAI.captures(&text) {
        let number = number_of(&c[1])?;
        return Some(Numbered { counter: format!("第{}", &c[2]), number, through: number });
    }
    if let Some(c) = NUMBER_FIRST.captures(&text) {
        let number = c[1].parse().ok()?;
        return Some(Numbered { counter: "number".into(), number, through: number });
    }
    if let Some(c) = KANJI_FIRST.captures(&text) {
        let number = kanji_number(&c[1])?;
        return Some(Numbered { counter: "kanji".into(), number, through: number });
    }
    None
}

static RANGE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:&|＆|・|~|〜|～|-|–|—|と|and|,|、)\s*([0-9]{1,2})(?:$|[^0-9])")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// The second number of a range right after a heading's number (` & 2`, `-3`, `〜4`).
fn range_end(after_number: &str) -> Option<u32> {
    RANGE_END.captures(after_number)?[1].parse().ok()
}

/// Numbered headings under one parent, at one level, with one counter word.
struct Run {
    parent: Option<usize>,
    level: u8,
    counter: String,
    /// (heading index, number, the last number it covers)
    items: Vec<(usize, u32, u32)>,
}

/// A counter word and its headings: (heading index, number, the last number it covers).
type NumberedRun = (String, Vec<(usize, u32, u32)>);

/// Runs of numbered sibling headings.
fn numbered_groups(headings: &[Heading]) -> Vec<NumberedRun> {
    let parents = parents(headings);
    let mut runs: Vec<Run> = Vec::new();
    for (index, heading) in headings.iter().enumerate() {
        let Some(n) = numbered(&heading.text) else { continue };
        let parent = parents[index];
        match runs.iter_mut().find(|r| r.parent == parent && r.level == heading.level && r.counter == n.counter) {
            Some(run) => run.items.push((index, n.number, n.through)),
            None => runs.push(Run {
                parent,
                level: heading.level,
                counter: n.counter,
                items: vec![(index, n.number, n.through)],
            }),
        }
    }
    runs.into_iter().map(|run| (run.counter, run.items)).collect()
}

/// The most numbers a gap may skip: a longer jump is a scale or an identifier.
const MAX_MISSING: u32 = 9;

/// HD005 numbered-sequence-gap.
pub struct NumberedSequenceGap;

impl Rule for NumberedSequenceGap {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let headings = &ctx.doc.outline.headings;
        for (_, items) in numbered_groups(headings) {
            if items.len() < 2 {
                continue;
            }
            // A run that counts down on purpose (newest first: 5, 4, 3 …) is not a gap.
            if items.windows(2).all(|w| w[1].1 < w[0].1) {
                continue;
            }
            // A scale with an even step (`レベル0`, `50`, `100`) names points, not items.
            let step = items[1].1.wrapping_sub(items[0].2);
            if items.len() >= 3 && step > 1 && items.windows(2).all(|w| w[1].1.wrapping_sub(w[0].2) == step) {
                continue;
            }
            for pair in items.windows(2) {
                let ((_, _, before), (index, number, _)) = (pair[0], pair[1]);
                let heading = &headings[index];
                let message = if number == before {
                    format!("{} repeats number {number}", quote(&heading.text))
                } else if number == before + 1 {
                    continue;
                } else if number > before + MAX_MISSING + 1 {
                    // `レベル0` then `レベル50`: points on a scale, not 49 lost sections.
                    continue;
                } else if number > before + 1 {
                    let missing = if number == before + 2 {
                        format!("{} is missing", before + 1)
                    } else {
                        format!("{}–{} are missing", before + 1, number - 1)
                    };
                    format!("{} follows number {before}; {missing}", quote(&heading.text))
                } else {
                    format!("{} goes back from {before} to {number}", quote(&heading.text))
                };
                out.push(
                    Diagnostic::new("HD005", heading.text_span.clone(), message)
                        .label(headings[pair[0].0].text_span.clone(), "previous in the sequence")
                        .help("renumber the sequence, or add the missing section"),
                );
            }
        }
    }
}

/// What the title promises: a count, its counter word (`5`, `ステップ`), and the
/// title's own words for messages (`5つのステップ`, `4 ways`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Promise {
    count: u32,
    counter: String,
    phrase: String,
}

static PROMISE_JA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9]+)\s*(?:つの|個の)?\s*(ステップ|ポイント|コツ|方法|手順|理由|選|個|ヶ条|か条|カ条|つ)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});
static PROMISE_NOUN_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^つの\s*([\p{Katakana}ー]+|[\p{Han}]+)").unwrap_or_else(|e| unreachable!("{e}")));
static PROMISE_EN: LazyLock<Regex> = LazyLock::new(|| {
    // `top` may be glued to Japanese text (`トレンドTOP10`), so no word boundary before it.
    Regex::new(r"(?i)(?:(?:^|[^a-z])(top\s*([0-9]+))|\b(([0-9]+)\s+(?:[a-z-]+\s+)?(ways|tips|steps|reasons|things|ideas|mistakes|tools|rules|questions|lessons|examples|habits|tricks|best|apps|books|places))\b)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

fn promise(title: &str) -> Option<Promise> {
    let text = fold(title);
    if let Some(c) = PROMISE_EN.captures(&text) {
        if let (Some(whole), Some(top)) = (c.get(1), c.get(2)) {
            let count = top.as_str().parse().ok()?;
            return Some(Promise { count, counter: "top".into(), phrase: whole.as_str().to_string() });
        }
        let word = c[5].to_lowercase().trim_end_matches('s').to_string();
        return Some(Promise { count: c[4].parse().ok()?, counter: word, phrase: c[3].to_string() });
    }
    let c = PROMISE_JA.captures(&text)?;
    let count: u32 = c[1].parse().ok()?;
    let mut counter = c[2].to_string();
    let mut end = c.get(0)?.end();
    if counter == "つ" {
        // `5つのステップ`: the counter is the noun after `つの`.
        let start = c.get(2)?.start();
        if let Some(noun) = PROMISE_NOUN_AFTER.captures(&text[start..]) {
            counter = noun[1].to_string();
            end = start + noun.get(0)?.end();
        }
    }
    let phrase = text[c.get(0)?.start()..end].to_string();
    (count > 1 && count < 1000).then_some(Promise { count, counter, phrase })
}

/// Whether a heading's counter word answers the title's (`ステップ` ↔ `ステップ`, `steps` ↔ `Step 1`).
fn counter_matches(promise: &str, heading: &str) -> bool {
    promise == heading || promise.trim_end_matches('s') == heading.trim_end_matches('s')
}

/// HD006 title-count-mismatch.
pub struct TitleCountMismatch {
    framing: Vec<String>,
}

impl TitleCountMismatch {
    pub fn new(options: &Options) -> Self {
        TitleCountMismatch { framing: options.list("framing-sections").iter().map(|s| fold(s)).collect() }
    }

    fn is_framing(&self, heading: &Heading) -> bool {
        let text = fold(&heading.text);
        self.framing.iter().any(|f| text.starts_with(f.as_str()))
    }
}

impl Rule for TitleCountMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(node) = ctx.doc.front("title") else { return };
        let Some(promise) = node.as_str().and_then(promise) else { return };
        let headings = &ctx.doc.outline.headings;
        let line = |index: usize| ctx.doc.lines.line_of(headings[index].span.start) + 1;
        let groups = numbered_groups(headings);
        let matching: Vec<_> =
            groups.iter().filter(|(counter, _)| counter_matches(&promise.counter, counter)).collect();
        let describe_runs = |runs: &[&NumberedRun]| -> String {
            let lengths: Vec<usize> = runs.iter().map(|(_, items)| items.len()).collect();
            let places: Vec<String> = runs
                .iter()
                .map(|(_, items)| format!("lines {}–{}", line(items[0].0), line(items[items.len() - 1].0)))
                .collect();
            let same = lengths.windows(2).all(|w| w[0] == w[1]);
            match (runs.len(), same) {
                (1, _) => format!("one sequence of {} ({})", lengths[0], places[0]),
                (n, true) => format!("{} sequences of {}: {}", count_word(n), lengths[0], places.join(" and ")),
                (_, false) => format!(
                    "sequences of {}: {}",
                    lengths.iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
                    places.join(", ")
                ),
            }
        };
        let promised = promise.phrase.clone();
        let kept = |n: usize| n == promise.count as usize;
        let found = if !matching.is_empty() {
            if matching
                .iter()
                .any(|(_, items)| kept(items.len()) || items.last().is_some_and(|(_, _, last)| *last == promise.count))
            {
                return;
            }
            describe_runs(&matching)
        } else {
            let all_runs: Vec<_> = groups.iter().filter(|(_, items)| items.len() >= 2).collect();
            let parents = parents(headings);
            // Sibling sections: Markdown headings under the same parent, framing left out.
            let mut section_counts: Vec<((Option<usize>, u8), usize)> = Vec::new();
            // Only sections at the post's top level, or under a heading that names the
            // promise (`## 5つのステップ` over five H3s), deliver it: one case study split
            // into five sub-headings (背景/施策/成果/…) is not five of anything.
            let top_level = headings.iter().filter(|h| h.kind != HeadingKind::Html).map(|h| h.level).min();
            let names_promise = |parent: Option<usize>| {
                parent.is_some_and(|p| {
                    let text = fold(&headings[p].text);
                    text.contains(&promise.counter) || text.contains(&promise.count.to_string())
                })
            };
            for (index, heading) in headings.iter().enumerate() {
                if heading.kind == HeadingKind::Html || self.is_framing(heading) {
                    continue;
                }
                if Some(heading.level) != top_level && !names_promise(parents[index]) {
                    continue;
                }
                let key = (parents[index], heading.level);
                match section_counts.iter_mut().find(|(k, _)| *k == key) {
                    Some(entry) => entry.1 += 1,
                    None => section_counts.push((key, 1)),
                }
            }
            let longest_list =
                ctx.doc.outline.lists.iter().filter(|l| l.ordered).map(|l| l.items.len()).max().unwrap_or(0);
            if all_runs.iter().any(|(_, items)| kept(items.len()))
                // One more section than promised is an introduction or a closing call
                // to action the framing list does not name ("Ready to learn more?").
                || section_counts.iter().any(|(_, n)| kept(*n) || kept(n.saturating_sub(1)))
                || kept(longest_list)
            {
                return;
            }
            let mut parts = Vec::new();
            if !all_runs.is_empty() {
                parts.push(describe_runs(&all_runs));
            }
            let most_sections = section_counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
            parts.push(format!("at most {most_sections} sibling section{}", if most_sections == 1 { "" } else { "s" }));
            if longest_list > 0 {
                parts.push(format!("a numbered list of {longest_list}"));
            }
            parts.join(", ")
        };
        out.push(
            Diagnostic::new("HD006", node.span.clone(), format!("title promises {promised}; the body has {found}"))
                .help(format!("give the body {} numbered sections, or change the number in the title", promise.count)),
        );
    }
}

fn count_word(n: usize) -> String {
    match n {
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        n => n.to_string(),
    }
}

/// HD007 heading-too-long.
pub struct HeadingTooLong {
    max: usize,
}

impl HeadingTooLong {
    pub fn new(options: &Options) -> Self {
        HeadingTooLong { max: options.int("max").max(1) as usize }
    }
}

impl Rule for HeadingTooLong {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for heading in &ctx.doc.outline.headings {
            let width = display_width(&heading.text);
            if width > self.max {
                out.push(
                    Diagnostic::new(
                        "HD007",
                        heading.text_span.clone(),
                        format!("heading is {width} columns wide, over {}", self.max),
                    )
                    .help("shorten it; put the detail in the section's first sentence"),
                );
            }
        }
    }
}

/// HD008 trailing-punctuation.
pub struct TrailingPunctuation {
    punctuation: String,
}

impl TrailingPunctuation {
    pub fn new(options: &Options) -> Self {
        TrailingPunctuation { punctuation: options.string("punctuation").to_string() }
    }
}

impl Rule for TrailingPunctuation {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for heading in &ctx.doc.outline.headings {
            let Some(last) = heading.text.trim_end().chars().last() else { continue };
            if !self.punctuation.contains(last) || heading.text.trim_end().ends_with("...") {
                continue;
            }
            let raw = &ctx.doc.source[heading.text_span.clone()];
            let trimmed = raw.trim_end();
            let mut diagnostic = Diagnostic::new(
                "HD008",
                heading.text_span.clone(),
                format!("heading ends with {}", quote(&last.to_string())),
            )
            .help("remove it: headings are titles, not sentences");
            if trimmed.ends_with(last) {
                let end = heading.text_span.start + trimmed.len();
                let span = end - last.len_utf8()..end;
                diagnostic.span = span.clone();
                diagnostic = diagnostic.fix(Fix::safe(vec![Edit::delete(span)]));
            }
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn promises_in_titles() {
        let count_and_counter = |title: &str| promise(title).map(|p| (p.count, p.counter, p.phrase));
        assert_eq!(
            count_and_counter("2026年版！計画の立て方：失敗しない5つのステップ"),
            Some((5, "ステップ".into(), "5つのステップ".into()))
        );
        assert_eq!(count_and_counter("おすすめカメラ7選"), Some((7, "選".into(), "7選".into())));
        assert_eq!(count_and_counter("3つの方法で解決"), Some((3, "方法".into(), "3つの方法".into())));
        assert_eq!(count_and_counter("5つの戦略で伸ばす"), Some((5, "戦略".into(), "5つの戦略".into())));
        assert_eq!(count_and_counter("7 easy tips for better sleep"), Some((7, "tip".into(), "7 easy tips".into())));
        assert_eq!(count_and_counter("4 Ways to brew"), Some((4, "way".into(), "4 ways".into())));
        assert_eq!(count_and_counter("Top 10 cafés in Kyoto"), Some((10, "top".into(), "top 10".into())));
        assert_eq!(count_and_counter("2026年のトレンドTOP10"), Some((10, "top".into(), "top10".into())));
        assert_eq!(promise("How we plan a launch"), None);
    }

    fn numbered_as(counter: &str, number: u32, through: u32) -> Option<Numbered> {
        Some(Numbered { counter: counter.into(), number, through })
    }

    #[test]
    fn numbered_headings() {
        assert_eq!(numbered("ステップ1: 準備と計画"), numbered_as("ステップ", 1, 1));
        assert_eq!(numbered("ステップ１：準備"), numbered_as("ステップ", 1, 1));
        assert_eq!(numbered("Step 3 - Measure"), numbered_as("step", 3, 3));
        assert_eq!(numbered("2. Cloudstep"), numbered_as("number", 2, 2));
        assert_eq!(numbered("第3章 実践"), numbered_as("第章", 3, 3));
        assert_eq!(numbered("四、まとめ"), numbered_as("kanji", 4, 4));
        assert_eq!(numbered("2026年の展望"), None);
        assert_eq!(numbered("ステップ1 & 2: 準備"), numbered_as("ステップ", 1, 2), "a heading for two steps");
        assert_eq!(numbered("Step 3-4 Measure"), numbered_as("step", 3, 4));
    }
}
