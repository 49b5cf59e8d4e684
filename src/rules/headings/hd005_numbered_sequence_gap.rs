//! HD005 numbered-sequence-gap (rules/HD005.md).
//!
//! Numbered sibling headings that skip or repeat a number: `ステップ1, ステップ2, ステップ4`; `Step 1,
//! Step 3`; `1. … 3. …`; `第1章, 第3章`; full-width digits and kanji numerals (`一、二、四`).

use super::*;

/// The most numbers a gap may skip: a longer jump is a scale or an identifier.
pub(super) const MAX_MISSING: u32 = 9;

/// HD005 numbered-sequence-gap.
pub struct NumberedSequenceGap {
    /// Words with which a post says it leaves a step out (`skip`, `省略`), folded.
    skip_words: Vec<String>,
}

impl NumberedSequenceGap {
    pub fn new(options: &Options) -> Self {
        let skip_words = options.list("skip-words").iter().map(|w| fold(w.trim())).filter(|w| !w.is_empty()).collect();
        NumberedSequenceGap { skip_words }
    }

    /// Whether the post's prose says it leaves out one of the numbers `missing`:
    /// `ステップ3は今回は省略します`, `we skip step 3 here`. One sentence must hold a skip
    /// word and the missing number named as a step of the run (`step 3`, `第3章`, `3.`),
    /// so `skip test on those 8 draws` says nothing about phase 8.
    fn says_it_skips(&self, ctx: &Context<'_>, counter: &str, missing: std::ops::RangeInclusive<u32>) -> bool {
        ctx.doc.outline.text.iter().any(|span| {
            let prose = fold(ctx.doc.text(span));
            prose.split(['。', '!', '?', '！', '？', '\n']).flat_map(|s| s.split(". ")).any(|sentence| {
                self.skip_words.iter().any(|word| sentence.contains(word.as_str()))
                    && missing.clone().any(|n| names_step(sentence, counter, n))
            })
        })
    }
}

/// Whether a folded sentence names number `n` as a member of a run counted by `counter`:
/// `ステップ3`, `steps 3`, `第3章`; for bare numbers `3.`, `3)`, `3番目`, `手順3`.
fn names_step(sentence: &str, counter: &str, n: u32) -> bool {
    let digits = n.to_string();
    sentence.match_indices(&digits).any(|(at, _)| {
        let (before, after) = (&sentence[..at], &sentence[at + digits.len()..]);
        if before.ends_with(|c: char| c.is_ascii_digit()) || after.starts_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        let before = before.trim_end();
        match counter {
            "number" | "kanji" | "circled" => {
                [".", ")", "）", "番", "つ目"].iter().any(|s| after.starts_with(s))
                    || ["step", "ステップ", "手順", "項目", "no.", "#"].iter().any(|w| before.ends_with(w))
            }
            dai if dai.starts_with('第') => {
                before.ends_with('第') && after.trim_start().starts_with(&dai['第'.len_utf8()..])
            }
            word => before.ends_with(word) || before.strip_suffix('s').is_some_and(|b| b.ends_with(word)),
        }
    })
}

/// Whether a run is a selection from a numbering kept outside the post (questions 9, 12
/// and 22 of a test bank, chapters of a book under review, issue numbers): it starts
/// above 1, climbs all the way, skips at least as often as it counts by one, and does not
/// continue another run of the same counter that ends just before it.
fn is_selection(run: &[(usize, u32, u32)], counter: &str, runs: &[NumberedRun]) -> bool {
    let first = run[0].1;
    let climbs = run.windows(2).all(|w| w[1].1 > w[0].2);
    let skips = run.windows(2).filter(|w| w[1].1 > w[0].2 + 1).count();
    let continues = runs
        .iter()
        .any(|(other, items)| other == counter && items.last().is_some_and(|&(_, _, last)| last + 1 == first));
    first > 1 && climbs && skips * 2 >= run.len() - 1 && !continues
}

/// The most numbers a gap in a run from 1 may leave out and still be reported as a slip.
const GAP_REPORTED: u32 = 2;

impl Rule for NumberedSequenceGap {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let headings = &ctx.doc.outline.headings;
        let runs = numbered_groups(ctx);
        for (counter, items) in runs {
            if items.len() < 2 {
                continue;
            }
            if is_selection(items, counter, runs) {
                continue;
            }
            // A run that counts down on purpose (newest first: 5, 4, 3 …) is not a gap.
            if items.windows(2).all(|w| w[1].1 < w[0].1) {
                continue;
            }
            // Numbers a list never starts from, none following the one before (`404 errors
            // make…`, `404 errors can…`; `2019 was…`, `2021 brought…`), are what the
            // headings are about, not their order.
            let counts_up = items.windows(2).any(|w| w[1].1 == w[0].2 + 1);
            if items[0].1 >= 100 && !counts_up {
                continue;
            }
            // A scale with an even step (`レベル0`, `50`, `100`) names points, not items.
            let step = items[1].1.wrapping_sub(items[0].2);
            if items.len() >= 3 && step > 1 && items.windows(2).all(|w| w[1].1.wrapping_sub(w[0].2) == step) {
                continue;
            }
            // The post starts this count itself: from 0 or 1, or continuing a run of the
            // same counter that ends just before it (part B's questions after part A's).
            let first = items[0].1;
            let starts_at_one = first <= 1
                || runs.iter().any(|(other, earlier)| {
                    other == counter && earlier.last().is_some_and(|&(_, _, last)| last + 1 == first)
                });
            for pair in items.windows(2) {
                let ((_, _, before), (index, number, _)) = (pair[0], pair[1]);
                let heading = &headings[index];
                // `5 red flags`, then `5 mistakes`: a number and a plural noun, with no
                // `.`, `)` or `:` after the number, are counts, not places in a sequence.
                if number == before && is_count(&headings[pair[0].0].text) && is_count(&heading.text) {
                    continue;
                }
                let message = if number == before {
                    format!("{} repeats number {number}", quote(&heading.text))
                } else if number == before + 1 {
                    continue;
                } else if number > before + MAX_MISSING + 1 {
                    // `レベル0` then `レベル50`: points on a scale, not 49 lost sections.
                    continue;
                } else if number > before + 1 && (!starts_at_one || number > before + GAP_REPORTED + 1) {
                    // A run the post does not start itself (chapters 43, 46, 53 of a
                    // novel; problems 162 and 167; rounds 13, 14, 16) numbers things kept
                    // outside the post, and a gap of several in a run from 1 is a choice of
                    // chapters: judged false on every blind sample of that shape. A gap of
                    // one or two in a count the post starts is what a slip looks like.
                    continue;
                } else if number > before + 1 {
                    if self.says_it_skips(ctx, counter, before + 1..=number - 1) {
                        continue;
                    }
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
                    Diagnostic::new(heading.text_span.clone(), message)
                        .label(headings[pair[0].0].text_span.clone(), "previous in the sequence")
                        .help("renumber the sequence, or add the missing section"),
                );
            }
        }
    }
}

/// A heading that starts with a bare number followed by a space and a word (`5 mistakes
/// to avoid`, `5 sai lầm`): how the heading counts its subject.
fn is_count(text: &str) -> bool {
    let text = fold(text);
    let rest = text.trim_start().trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < text.trim_start().len()
        && rest.starts_with(' ')
        && rest.trim_start().starts_with(|c: char| c.is_alphabetic())
}
