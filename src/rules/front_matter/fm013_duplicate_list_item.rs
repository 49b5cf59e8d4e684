//! FM013 duplicate-list-item (rules/FM013.md).
//!
//! A repeated item in `tags`, `categories`, `keywords` or `seo_keywords`, compared after
//! trimming, Unicode NFKC normalisation and case folding (so `ＡＩ` and `ai` are the same).

use super::*;

/// FM013 duplicate-list-item.
pub struct DuplicateListItem;

impl Rule for DuplicateListItem {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for entry in front_matter.entries() {
            if !LIST_KEYS.contains(&entry.key.as_str()) {
                continue;
            }
            let items = entry.value.items();
            // Each folded item's first index: one lookup per item, however long the list.
            let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
            for (index, item) in items.iter().enumerate() {
                let Some(text) = item.as_str() else { continue };
                let folded = fold(text);
                match seen.get(&folded) {
                    Some(first) => {
                        let removal = item_removal(ctx.doc.source, items, index);
                        out.push(
                            Diagnostic::new(item.span.clone(), format!("`{}` repeats {}", entry.key, quote(text)))
                                .label(items[*first].span.clone(), "first given here")
                                .help("remove the repeat")
                                .fix(Fix::safe(vec![Edit::delete(removal)])),
                        );
                    }
                    None => {
                        seen.insert(folded, index);
                    }
                }
            }
        }
    }
}

/// The bytes to delete to remove list item `index`: its whole line in a block list, or
/// the separator before it in a flow list.
pub(super) fn item_removal(source: &str, items: &[Node], index: usize) -> Span {
    let item = &items[index];
    // A block list item is `-` and white space from its line's start: look back over that
    // much only (a flow list of a hundred thousand items is one line).
    let bytes = source.as_bytes();
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    let dash = bytes[..item.span.start].iter().rposition(|b| !blank(b));
    let line_start = dash.and_then(|dash| {
        let before_dash = bytes[..dash].iter().rposition(|b| !blank(b));
        (bytes[dash] == b'-' && before_dash.is_none_or(|i| bytes[i] == b'\n')).then(|| before_dash.map_or(0, |i| i + 1))
    });
    crate::work::scanned(item.span.start - line_start.or(dash).unwrap_or(0));
    if let Some(line_start) = line_start {
        let line_end = source[item.span.end..].find('\n').map_or(source.len(), |i| item.span.end + i + 1);
        return line_start..line_end;
    }
    let previous_end = if index > 0 { items[index - 1].span.end } else { item.span.start };
    previous_end..item.span.end
}
