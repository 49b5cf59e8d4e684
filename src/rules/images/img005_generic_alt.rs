//! IMG005 generic-alt (rules/IMG005.md).
//!
//! Alt text that says nothing about the image: a generic word (`image`, `photo`, `画像`,
//! `イメージ`, `アイキャッチ` …), a file name, or the nearest heading (or the title) with a generic
//! word added (`…に関連するイメージ`, `image of …`, `… image`); a compound that names a kind
//! of picture (`利用イメージ`, `完成イメージ`, `構成イメージ`) is not generic.

use super::*;

/// IMG005 generic-alt.
pub struct GenericAlt {
    words: Vec<String>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    endings: Vec<String>,
    compounds: Vec<String>,
}

impl GenericAlt {
    pub fn new(options: &Options) -> Self {
        let list = |key: &str| options.list(key).iter().map(|w| fold(w)).collect();
        GenericAlt {
            words: list("generic-words"),
            prefixes: list("generic-prefixes"),
            suffixes: list("generic-suffixes"),
            endings: list("generic-endings"),
            compounds: list("compound-words"),
        }
    }

    fn why_generic(&self, alt: &str, heading: Option<&str>, title: Option<&str>) -> Option<String> {
        let folded = fold(alt);
        let bare = folded.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.is_empty() {
            return None;
        }
        if self.words.iter().any(|w| w == bare) {
            return Some(format!("alt text {} says only that it is an image", quote(alt)));
        }
        if is_file_name(bare) {
            return Some(format!("alt text {} is a file name", quote(alt)));
        }
        // The heading and title are folded only when a generic word is there to compare.
        let context = std::cell::OnceCell::new();
        let is_context = |rest: &str| {
            context
                .get_or_init(|| heading.into_iter().chain(title).map(fold).collect::<Vec<_>>())
                .iter()
                .any(|c| c == rest)
        };
        for suffix in &self.suffixes {
            if let Some(rest) = folded.strip_suffix(suffix.as_str()) {
                let rest = rest.trim();
                if rest.is_empty() || is_context(rest) {
                    return Some(format!(
                        "alt text {} is the heading plus a generic word; it does not say what the image shows",
                        quote(alt)
                    ));
                }
            }
        }
        // `利用イメージ` (how it is used), `完成イメージ` (how it looks finished), `構成イメージ`
        // (how it is built) are compounds that say what the picture shows; `成長のイメージ`
        // is a topic plus "picture".
        let compound = |ending: &str| {
            let head = &folded[..folded.len() - ending.len()];
            self.compounds.iter().any(|word| head.ends_with(word.as_str()))
        };
        if let Some(ending) =
            self.endings.iter().find(|e| folded.ends_with(e.as_str()) && folded.len() > e.len() && !compound(e))
        {
            return Some(format!(
                "alt text {} is a topic plus {}; it does not say what the image shows",
                quote(alt),
                quote(ending)
            ));
        }
        for prefix in &self.prefixes {
            if let Some(rest) = folded.strip_prefix(prefix.as_str()) {
                let rest = rest.trim();
                if rest.is_empty() || is_context(rest) {
                    return Some(format!("alt text {} is a generic phrase around the heading", quote(alt)));
                }
            }
        }
        None
    }
}

pub(super) fn is_file_name(text: &str) -> bool {
    let Some((stem, extension)) = text.rsplit_once('.') else { return false };
    !stem.is_empty()
        && !stem.contains(' ')
        && matches!(extension, "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" | "heic")
}

impl Rule for GenericAlt {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let headings = &ctx.doc.outline.headings;
        for image in collect(ctx) {
            let Some((alt, span)) = &image.alt else { continue };
            let heading =
                // Headings are in document order: a binary search, not a scan per image.
                headings.partition_point(|h| h.span.start < image.url_span.start).checked_sub(1).map(|i| headings[i].text.as_str());
            if let Some(why) = self.why_generic(alt, heading, ctx.doc.title()) {
                out.push(
                    Diagnostic::new(span.clone(), why)
                        .help("describe what the image shows, as you would to someone who cannot see it"),
                );
            }
        }
    }
}
