//! IMG008 duplicate-alt (rules/IMG008.md).
//!
//! Several images in one post with the same alt text (after NFKC normalisation and case
//! folding).

use super::*;

/// IMG008 duplicate-alt.
pub struct DuplicateAlt {
    /// IMG005's generic words, folded.
    generic: Vec<String>,
}

impl DuplicateAlt {
    pub fn new(shared: &SharedOptions) -> Self {
        let generic =
            shared.get("IMG005").map_or_else(Vec::new, |o| o.list("generic-words").iter().map(|w| fold(w)).collect());
        DuplicateAlt { generic }
    }
}

impl Rule for DuplicateAlt {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let mut seen: std::collections::HashMap<String, (Span, String)> = std::collections::HashMap::new();
        for image in collect(ctx) {
            if image.origin == Origin::FrontMatter {
                continue;
            }
            let Some((alt, span)) = &image.alt else { continue };
            let folded = fold(alt);
            // A generic alt is IMG005's to report, once per image, not twice.
            if folded.is_empty() || self.generic.contains(&folded) {
                continue;
            }
            match seen.get(&folded) {
                // The same image shown again (a badge in every row) may keep its alt.
                Some((_, url)) if *url == image.url => {}
                Some((first, _)) => out.push(
                    Diagnostic::new(span.clone(), format!("alt text {} is used for another image too", quote(alt)))
                        .label(first.clone(), "same alt text here")
                        .help("describe what is different about this image"),
                ),
                None => {
                    seen.insert(folded, (span.clone(), image.url.clone()));
                }
            }
        }
    }
}
