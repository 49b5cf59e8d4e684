//! HD006 title-count-mismatch (rules/HD006.md).
//!
//! A title that promises a count (`5つのステップ`, `7選`, `10個`, `3つの方法`, `TOP10`, `5 ways`, `7
//! tips`, `Top 10`, `10 best`) that the body does not deliver.

use super::*;
use crate::document::markdown::BlockKind;

/// What the title promises: a count, its counter word (`5`, `ステップ`), and the
/// title's own words for messages (`5つのステップ`, `4 ways`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Promise {
    count: u32,
    counter: String,
    phrase: String,
}

pub(super) static PROMISE_JA: LazyLock<Regex> = LazyLock::new(|| {
    // Japanese (`5つのステップ`, `7選`) and Chinese (`5个步骤`, `3種方法`, `10大技巧`).
    Regex::new(r"([0-9]+)\s*(?:つの|個の|个|個|种|種|条|條|大)?\s*(ステップ|ポイント|コツ|方法|手順|理由|選|個|ヶ条|か条|カ条|步骤|步驟|技巧|要点|要點|建议|建議|原因|秘诀|秘訣|つ)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

pub(super) static PROMISE_NOUN_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^つの\s*([\p{Katakana}ー]+|[\p{Han}]+)").unwrap_or_else(|e| unreachable!("{e}")));

pub(super) static PROMISE_EN: LazyLock<Regex> = LazyLock::new(|| {
    // `top` may be glued to Japanese text (`トレンドTOP10`), so no word boundary before it.
    Regex::new(r"(?i)(?:(?:^|[^a-z])(top\s*([0-9]+))|\b(([0-9]+)\s+(?:[a-z-]+\s+)?(ways|tips|steps|reasons|things|ideas|mistakes|tools|rules|questions|lessons|examples|habits|tricks|best|apps|books|places|pasos|consejos|formas|maneras|razones|trucos|herramientas|passos|dicas|conseils|astuces|raisons|schritte|tipps|gründe))\b)")
        .unwrap_or_else(|e| unreachable!("{e}"))
});

/// A count a list can have: more than one, and not a year (`2025 best picks` is an
/// edition, not two thousand picks).
fn is_list_count(count: u32) -> bool {
    count > 1 && count < 1000
}

pub(super) fn promise(title: &str) -> Option<Promise> {
    let text = fold(title);
    // A number written with a leading zero (`0309-best-time-to-buy`) is an identifier, a
    // problem or issue number, never a count a list delivers.
    let count_of = |digits: &str| -> Option<u32> { if digits.starts_with('0') { None } else { digits.parse().ok() } };
    if let Some(c) = PROMISE_EN.captures(&text) {
        if let (Some(whole), Some(top)) = (c.get(1), c.get(2)) {
            let count = count_of(top.as_str())?;
            // A top list has three entries at least: `top 2` is a query (`SELECT TOP 2`),
            // a final, a pair.
            return (is_list_count(count) && count >= 3).then(|| Promise {
                count,
                counter: "top".into(),
                phrase: whole.as_str().to_string(),
            });
        }
        let word = c[5].to_lowercase().trim_end_matches('s').to_string();
        let count = count_of(&c[4])?;
        return is_list_count(count).then(|| Promise { count, counter: word, phrase: c[3].to_string() });
    }
    let c = PROMISE_JA.captures(&text)?;
    let count: u32 = count_of(&c[1])?;
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
    is_list_count(count).then_some(Promise { count, counter, phrase })
}

/// Markdown headings with no sub-heading under them, framing sections left out.
fn leaf_sections(headings: &[Heading], is_framing: impl Fn(&Heading) -> bool) -> usize {
    let markdown: Vec<&Heading> = headings.iter().filter(|h| h.kind != HeadingKind::Html).collect();
    markdown
        .iter()
        .enumerate()
        .filter(|(index, heading)| {
            let has_child = markdown.get(index + 1).is_some_and(|next| next.level > heading.level);
            !has_child && !is_framing(heading)
        })
        .count()
}

/// Sibling sections: the parent heading's index and the level.
type SiblingKey = (Option<usize>, u8);

/// Whether a heading's counter word answers the title's (`ステップ` ↔ `ステップ`, `steps` ↔ `Step 1`).
pub(super) fn counter_matches(promise: &str, heading: &str) -> bool {
    promise == heading || promise.trim_end_matches('s') == heading.trim_end_matches('s')
}

/// HD006 title-count-mismatch.
pub struct TitleCountMismatch {
    framing: Framing,
}

impl TitleCountMismatch {
    pub fn new(options: &Options) -> Self {
        let entries = options.list("framing-sections").iter().chain(options.list("extend-framing-sections"));
        TitleCountMismatch { framing: Framing::new(entries) }
    }

    fn is_framing(&self, heading: &Heading) -> bool {
        self.framing.matches(&heading.text)
    }

    /// Whether a heading or one of its ancestors is a framing section: steps under
    /// `## Prerequisites` set up the post, they are not what the title counts.
    fn in_framing(&self, headings: &[Heading], parents: &[Option<usize>], index: usize) -> bool {
        let mut at = Some(index);
        while let Some(i) = at {
            if self.is_framing(&headings[i]) {
                return true;
            }
            at = parents[i];
        }
        false
    }

    /// A numbered run as evidence of a count: its members that are not framing sections
    /// (`1. はじめに` … `7. まとめ` numbers its introduction and conclusion too), and the
    /// last number they cover.
    fn delivered(&self, headings: &[Heading], items: &[(usize, u32, u32)]) -> (usize, u32) {
        let counted: Vec<_> =
            items.iter().filter(|(index, ..)| !self.framing.matches_start(&headings[*index].text)).collect();
        (counted.len(), counted.last().map_or(0, |(_, _, through)| *through))
    }
}

/// Section names that frame a post rather than deliver its items: `はじめに`, `なぜこの方法が
/// 重要なのか`, `よくある失敗と対策`, Overview, Prerequisites, Conclusion, References …
/// An entry matches the start of a heading (numbering and trailing punctuation left
/// out); an entry that starts with `*` matches its end (`*とは`, `*の注意点`).
struct Framing {
    prefixes: Vec<String>,
    suffixes: Vec<String>,
}

impl Framing {
    fn new<'a>(entries: impl Iterator<Item = &'a String>) -> Framing {
        let (mut prefixes, mut suffixes) = (Vec::new(), Vec::new());
        for entry in entries {
            match entry.strip_prefix('*') {
                Some(suffix) => suffixes.push(fold(suffix.trim())),
                None => prefixes.push(fold(entry.trim())),
            }
        }
        prefixes.retain(|p| !p.is_empty());
        suffixes.retain(|s| !s.is_empty());
        Framing { prefixes, suffixes }
    }

    /// Whether a heading is a framing section, by the start or the end of its text.
    fn matches(&self, heading: &str) -> bool {
        let folded = fold(heading);
        let text =
            without_numbering(&folded).trim_end_matches(|c: char| "?？!！:：。.、…".contains(c) || c.is_whitespace());
        self.starts(text) || self.suffixes.iter().any(|s| text.ends_with(s.as_str()))
    }

    /// Whether a heading starts with a framing name: the test for the members of a
    /// numbered run (`1. はじめに`), whose own topic may end like a framing name
    /// (`ステップ2: KPIとは`).
    fn matches_start(&self, heading: &str) -> bool {
        self.starts(without_numbering(&fold(heading)))
    }

    /// A prefix of Latin letters ends at a word's end: `intro` is not `introducing`.
    fn starts(&self, text: &str) -> bool {
        self.prefixes.iter().any(|p| {
            text.strip_prefix(p.as_str()).is_some_and(|rest| {
                !(p.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
            })
        })
    }
}

/// A folded heading without the number that starts it: `1. はじめに` → `はじめに`, `step 0:
/// prerequisites` → `prerequisites`, `第1章 背景` → `背景`.
fn without_numbering(folded: &str) -> &str {
    if numbered(folded).is_none() {
        return folded;
    }
    let Some(first_digit) = folded.find(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
    else {
        return folded.trim_start_matches(|c: char| ('①'..='⑳').contains(&c) || c.is_whitespace());
    };
    // Only a number near the start is the heading's own (`step 1`, `第1章`, `1.`).
    if folded[..first_digit].chars().count() > 12 {
        return folded;
    }
    folded[first_digit..]
        .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
        .trim_start_matches(|c: char| " .．:：、,，)）]】-–—|｜/章節回部つ目番".contains(c))
}

impl Rule for TitleCountMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(node) = ctx.doc.front("title") else { return };
        let Some(promise) = node.as_str().and_then(promise) else { return };
        let headings = &ctx.doc.outline.headings;
        let parents = parents(headings);
        let line = |index: usize| ctx.doc.lines.line_of(headings[index].span.start) + 1;
        let groups = numbered_groups(ctx);
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
        let run_keeps = |items: &[(usize, u32, u32)]| {
            let (counted, last) = self.delivered(headings, items);
            kept(counted) || last == promise.count
        };
        // The promised items as one numbered list, wherever it is ("2 ways": an
        // introduction that numbers the two, then sections about other things).
        // Or as the rows of a table ("5 offers" as a five-row table under its heading);
        // the block structure is parsed only for a post whose promise is not kept yet.
        let list_keeps = || {
            ctx.doc.outline.lists.iter().any(|list| list.ordered && kept(list.items.len()))
                || table_row_counts(ctx).into_iter().any(kept)
                || continued_list_counts(ctx).into_iter().any(kept)
        };
        let found = if !matching.is_empty() {
            if matching.iter().any(|(_, items)| run_keeps(items)) {
                return;
            }
            describe_runs(&matching)
        } else {
            // A numbered run is the evidence of what the post counts: when it has one
            // (outside its framing sections), only a run, or a numbered list, keeps the
            // promise. Five sub-headings made of an introduction, three steps and a
            // pitfalls section are three steps, not five techniques.
            let evidence: Vec<_> = groups
                .iter()
                .filter(|(_, items)| {
                    items.len() >= 2
                        && items[0].1 < 100
                        && !items.iter().all(|(index, ..)| self.in_framing(headings, &parents, *index))
                })
                .collect();
            if !evidence.is_empty() {
                if list_keeps()
                    || evidence.iter().any(|(_, items)| run_keeps(items))
                    || self.runs_are_procedures_of_items(headings, &promise, &parents, &evidence)
                {
                    return;
                }
            } else if self.sections_keep(ctx, &promise, &parents) || list_keeps() {
                return;
            }
            let mut parts = Vec::new();
            if !evidence.is_empty() {
                parts.push(describe_runs(&evidence));
            }
            let most_sections = self.section_counts(headings, &promise, &parents).into_iter().max().unwrap_or(0);
            parts.push(format!("at most {most_sections} sibling section{}", if most_sections == 1 { "" } else { "s" }));
            let longest_list =
                ctx.doc.outline.lists.iter().filter(|l| l.ordered).map(|l| l.items.len()).max().unwrap_or(0);
            if longest_list > 0 {
                parts.push(format!("a numbered list of {longest_list}"));
            }
            parts.join(", ")
        };
        out.push(
            Diagnostic::new(node.span.clone(), format!("title promises {promised}; the body has {found}"))
                .help(format!("give the body {} numbered sections, or change the number in the title", promise.count)),
        );
    }
}

/// The items of numbered lists that continue each other's numbering (`1.` then a rule,
/// `2.` then a rule …: one item per list, five lists numbered 1 to 5), counted together.
fn continued_list_counts(ctx: &Context<'_>) -> Vec<usize> {
    // Every list in order: its first number (`None`: bullets), depth and item count.
    let mut lists: Vec<(Option<u64>, usize, usize)> = Vec::new();
    for block in ctx.doc.blocks() {
        match block.kind {
            BlockKind::List { start } => lists.push((start, block.depth, 0)),
            BlockKind::Item => {
                if let Some(list) = lists.iter_mut().rev().find(|(_, depth, _)| depth + 1 == block.depth) {
                    list.2 += 1;
                }
            }
            _ => {}
        }
    }
    let mut counts = Vec::new();
    // The run being counted: its depth, items so far and the number that would continue it.
    let mut run: Option<(usize, usize, u64)> = None;
    for (start, depth, items) in lists {
        let Some(start) = start else { continue };
        run = match run {
            Some((at, total, next)) if at == depth && next == start => Some((at, total + items, start + items as u64)),
            other => {
                counts.extend(other.map(|(_, total, _)| total));
                Some((depth, items, start + items as u64))
            }
        };
    }
    counts.extend(run.map(|(_, total, _)| total));
    counts
}

/// The number of body rows (header row left out) of each table of the post.
fn table_row_counts(ctx: &Context<'_>) -> Vec<usize> {
    let mut counts = Vec::new();
    for block in ctx.doc.blocks() {
        match block.kind {
            BlockKind::Table => counts.push(0),
            BlockKind::TableRow => {
                if let Some(rows) = counts.last_mut() {
                    *rows += 1;
                }
            }
            _ => {}
        }
    }
    counts
}

impl TitleCountMismatch {
    /// Without a numbered run, the sibling sections are the count: Markdown headings under
    /// one parent, framing sections left out.
    fn sections_keep(&self, ctx: &Context<'_>, promise: &Promise, parents: &[Option<usize>]) -> bool {
        let headings = &ctx.doc.outline.headings;
        let kept = |n: usize| n == promise.count as usize;
        // A long list ("60 best tools") is often grouped under category headings: its
        // items are the leaf sections, whatever their level.
        let leaves = if promise.count >= 10 { leaf_sections(headings, |h| self.is_framing(h)) } else { 0 };
        kept(leaves)
            || kept(leaves.saturating_sub(1))
            // One more section than promised is an introduction or a closing call to
            // action the framing list does not name ("Ready to learn more?").
            || self.section_counts(headings, promise, parents).into_iter().any(|n| kept(n) || kept(n.saturating_sub(1)))
    }

    /// Whether the promised items are sibling sections and every numbered run is one item's
    /// own procedure: "5 tips" as five unnumbered H2s, one of which walks through `### Step
    /// 1–3`. A run under a section that names it or the title's noun (`## 実践ステップ`,
    /// `## 実践テクニックの…`) is what the post counts, and the rule stays with the run.
    fn runs_are_procedures_of_items(
        &self,
        headings: &[Heading],
        promise: &Promise,
        parents: &[Option<usize>],
        runs: &[&NumberedRun],
    ) -> bool {
        let promised_items = self.section_groups(headings, promise, parents).into_iter().find(|members| {
            members.len() == promise.count as usize && members.iter().all(|&m| numbered(&headings[m].text).is_none())
        });
        let Some(items) = promised_items else { return false };
        runs.iter().all(|(counter, run)| {
            let mut at = parents[run[0].0];
            while let Some(ancestor) = at {
                if items.contains(&ancestor) {
                    let name = fold(&headings[ancestor].text);
                    let names_run = !matches!(counter.as_str(), "number" | "kanji" | "circled")
                        && name.contains(counter.trim_start_matches('第'));
                    return !names_run && !name.contains(&promise.counter);
                }
                at = parents[ancestor];
            }
            false
        })
    }

    /// The number of non-framing Markdown sections in each sibling group that may deliver
    /// the promise.
    fn section_counts(&self, headings: &[Heading], promise: &Promise, parents: &[Option<usize>]) -> Vec<usize> {
        self.section_groups(headings, promise, parents).into_iter().map(|members| members.len()).collect()
    }

    /// The non-framing Markdown sections of each sibling group that may deliver the
    /// promise: the post's top level, or under a heading that names the promise
    /// (`## 5つのステップ` over five H3s). One case study split into five sub-headings
    /// (背景/施策/成果/…) is not five of anything.
    fn section_groups(&self, headings: &[Heading], promise: &Promise, parents: &[Option<usize>]) -> Vec<Vec<usize>> {
        let top_level = headings.iter().filter(|h| h.kind != HeadingKind::Html).map(|h| h.level).min();
        let names_promise = |parent: Option<usize>| {
            parent.is_some_and(|p| {
                let text = fold(&headings[p].text);
                text.contains(&promise.counter) || text.contains(&promise.count.to_string())
            })
        };
        let mut groups: Vec<(SiblingKey, Vec<usize>)> = Vec::new();
        for (index, heading) in headings.iter().enumerate() {
            if heading.kind == HeadingKind::Html || self.is_framing(heading) {
                continue;
            }
            if Some(heading.level) != top_level && !names_promise(parents[index]) {
                continue;
            }
            let key = (parents[index], heading.level);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1.push(index),
                None => groups.push((key, vec![index])),
            }
        }
        groups.into_iter().map(|(_, members)| members).collect()
    }
}

pub(super) fn count_word(n: usize) -> String {
    match n {
        2 => "two".into(),
        3 => "three".into(),
        4 => "four".into(),
        n => n.to_string(),
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
        assert_eq!(promise("2025 best picks, revisited"), None, "a year is not a count");
        assert_eq!(promise("Our 2026 tools"), None);
    }
}
