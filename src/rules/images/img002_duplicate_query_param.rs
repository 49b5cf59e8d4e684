//! IMG002 duplicate-query-param (rules/IMG002.md).
//!
//! An image URL whose query string gives the same key twice (`…&w=1080&w=1200`): an error
//! when the values differ, a warning when they are equal. The diagnostic points at the
//! second occurrence and names both values.

use super::*;

/// IMG002 duplicate-query-param.
pub struct DuplicateQueryParam;

impl Rule for DuplicateQueryParam {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for image in collect(ctx) {
            let params = urls::query_params(&image.url);
            // Each repeat, with the occurrence before it: one URL with `w`, `fit` and `crop`
            // pasted twice is one mistake, reported once with every key named.
            let repeats: Vec<(&QueryParam<'_>, &QueryParam<'_>)> = params
                .iter()
                .enumerate()
                .filter_map(|(index, param)| {
                    let previous = params[..index].iter().rev().find(|p| p.key == param.key)?;
                    Some((previous, param))
                })
                .collect();
            if !repeats.is_empty() {
                out.push(duplicate_params(image, &repeats));
            }
        }
    }
}

pub(super) fn duplicate_params(image: &ImageRef, repeats: &[(&QueryParam<'_>, &QueryParam<'_>)]) -> Diagnostic {
    let conflicting = repeats.iter().any(|(earlier, later)| earlier.value != later.value);
    let describe = |(earlier, later): &(&QueryParam<'_>, &QueryParam<'_>)| {
        if earlier.value == later.value {
            format!("`{}` ({} twice)", later.key, later.value)
        } else {
            format!("`{}` ({}, then {})", later.key, earlier.value, later.value)
        }
    };
    let listed: Vec<String> = repeats.iter().map(describe).collect();
    let message = match listed.as_slice() {
        [one] if conflicting => format!("query parameter {one} is given twice"),
        [one] => format!("query parameter {one} is given twice with the same value"),
        _ => format!("query parameters given twice: {}", listed.join(", ")),
    };
    let severity = if conflicting { Severity::Error } else { Severity::Warning };
    let (first_earlier, first_later) = repeats[0];
    let mut diagnostic = Diagnostic::new(image.inner_span(&first_later.span), message)
        .severity(severity)
        .label(image.inner_span(&first_earlier.span), "first given here")
        .help("keep one value for each key; which one an image server uses for a repeated key is undefined");
    for (earlier, later) in &repeats[1..] {
        diagnostic = diagnostic
            .label(image.inner_span(&later.span), format!("`{}` again", later.key))
            .label(image.inner_span(&earlier.span), format!("`{}` first", earlier.key));
    }
    if image.verbatim {
        // Keep the last value of each key, as most image servers do: remove the earlier ones.
        let mut removals: Vec<Span> = repeats.iter().map(|(earlier, _)| image.inner_span(&earlier.removal)).collect();
        removals.sort_by_key(|span| span.start);
        removals.dedup();
        diagnostic = diagnostic.fix(Fix::unsafe_edits(removals.into_iter().map(Edit::delete).collect()));
    }
    diagnostic
}
