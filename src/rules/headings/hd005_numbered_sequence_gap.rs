//! HD005 numbered-sequence-gap (rules/HD005.md).
//!
//! Numbered sibling headings that skip or repeat a number: `ステップ1, ステップ2, ステップ4`; `Step 1,
//! Step 3`; `1. … 3. …`; `第1章, 第3章`; full-width digits and kanji numerals (`一、二、四`).

use super::*;

/// The most numbers a gap may skip: a longer jump is a scale or an identifier.
pub(super) const MAX_MISSING: u32 = 9;

/// HD005 numbered-sequence-gap.
pub struct NumberedSequenceGap;

impl Rule for NumberedSequenceGap {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let headings = &ctx.doc.outline.headings;
        for (_, items) in numbered_groups(ctx) {
            if items.len() < 2 {
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
