//! LNK008 generic-link-text (rules/LNK008.md).
//!
//! Link text that says nothing about where the link goes — `click here`, `here`, `read
//! more`, `link`, `こちら`, `ここをクリック`, `続きを読む`, `詳しくはこちら` — and, with `bare-urls = true`, a
//! bare URL as the text.

use super::*;

/// LNK008 generic-link-text.
pub struct GenericLinkText {
    phrases: Vec<String>,
    bare_urls: bool,
}

impl GenericLinkText {
    pub fn new(options: &Options) -> Self {
        GenericLinkText {
            phrases: options.list("phrases").iter().map(|p| fold(p)).collect(),
            bare_urls: options.bool("bare-urls"),
        }
    }
}

impl Rule for GenericLinkText {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for link in &ctx.doc.outline.links {
            if link.kind == LinkKind::Autolink || ctx.doc.in_code(link.span.start) {
                continue;
            }
            let text = fold(&link.text);
            let bare = text.trim_matches(|c: char| !c.is_alphanumeric());
            let generic = self.phrases.iter().any(|p| p == bare);
            let is_url = self.bare_urls
                && !bare.is_empty()
                && (text.starts_with("http://") || text.starts_with("https://"))
                && link.text.trim() == link.url.trim();
            if generic || is_url {
                let what = if is_url { "a bare URL".to_string() } else { quote(link.text.trim()) };
                out.push(
                    Diagnostic::new(
                        link.span.clone(),
                        format!("link text is {what}, which does not say where the link goes"),
                    )
                    .help("use the target's title or what the reader gets there as the link text"),
                );
            }
        }
    }
}
