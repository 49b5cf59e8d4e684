//! References a page makes that its generator resolves by its own rules rather than as a
//! path: template tags that name a post (`{% post_url NAME %}`, Hexo's `{% post_link
//! slug %}`), a file of the site (`{% link path %}`), a file of the page's asset folder
//! (Hexo's `{% asset_img x.png %}`); and how a relative reference is read depends on how
//! it is written (Hexo's Markdown renderer makes a relative Markdown image site-root
//! relative, an HTML `<img>` stays relative to the page's URL). The adapter answers; rules
//! ask these questions of the site and never learn which generator it was.

use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::document::liquid::LiquidKind;
use crate::site::{IndexedPost, Site};
use crate::text::lines::Span;

/// What a template tag names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagTarget {
    /// A post, by the name the generator looks posts up by.
    Post,
    /// A file, by its path from the site root.
    SiteFile,
    /// A file of the page's own asset folder.
    PageAsset,
    /// An image file (of the page's asset folder, or by its site path).
    Image,
}

/// A reference written as a template tag.
#[derive(Debug, Clone)]
pub struct TagReference {
    pub target: TagTarget,
    /// The tag's name as written (`post_url`, `asset_img`), for messages.
    pub tag: String,
    /// The name or path the tag is given.
    pub name: String,
    /// Where the name is written.
    pub span: Span,
    /// The whole tag, `{%` to `%}`.
    pub tag_span: Span,
    /// A `#fragment` the tag carries in its argument (`{% post_link slug#id %}`).
    pub fragment: Option<(String, Span)>,
    /// The files the name may be (file targets), any one existing is enough.
    pub candidates: Vec<PathBuf>,
    /// How to give the name right, for help texts (`the post's file name without extension`).
    pub hint: &'static str,
    /// What the build does with a name that leads nowhere, for help texts.
    pub consequence: &'static str,
}

/// How a reference is written, where the generator reads the forms differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Markdown syntax (`![alt](x.png)`), which the Markdown renderer rewrites.
    Markdown,
    /// Raw HTML (`<img src="x.png">`): the browser resolves it against the page's URL.
    Html,
    /// A front matter value, which the theme's templates turn into a URL.
    FrontMatter,
    /// A JSON-LD value, printed as it is.
    JsonLd,
}

impl Site {
    /// The references this page makes through template tags, with the files each may be.
    pub fn tag_references(&self, doc: &Document<'_>, page: &Path) -> Vec<TagReference> {
        self.adapter.tag_references(self, doc, page)
    }

    /// Whether the site has posts that tags can name, so a name that matches none of them
    /// is missing rather than unknown.
    pub fn knows_post_names(&self) -> bool {
        self.index().is_some_and(|index| index.has_names(|post| self.adapter.post_names(post)))
    }

    /// The post a tag's post name leads to, by the generator's rules.
    pub fn post_named(&self, name: &str) -> Option<&IndexedPost> {
        self.index()?.post_named(name, |post| self.adapter.post_names(post))
    }

    /// The known post name closest to `name`, for "did you mean".
    pub fn closest_post_name(&self, name: &str) -> Option<&str> {
        self.index()?.closest_post_name(name, |post| self.adapter.post_names(post))
    }
}

/// Jekyll's Liquid tags, read wherever Liquid runs (the adapters' default):
/// `{% post_url NAME %}` names a post, `{% link path %}` a file from the site root.
pub(in crate::site) fn liquid_references(site: &Site, doc: &Document<'_>) -> Vec<TagReference> {
    let mut found = Vec::new();
    for tag in doc.liquid.iter().filter(|tag| tag.kind == LiquidKind::Tag) {
        let target = match tag.name(doc.source) {
            "post_url" => TagTarget::Post,
            "link" => TagTarget::SiteFile,
            _ => continue,
        };
        let (argument, span) = tag.argument(doc.source);
        let name = argument.split_whitespace().next().unwrap_or("");
        if name.is_empty() || name.contains("{{") {
            continue;
        }
        let candidates = match (target, &site.root) {
            (TagTarget::SiteFile, Some(root)) => site
                .adapter
                .link_tag_bases()
                .iter()
                .map(|base| root.join(base).join(name.trim_start_matches('/')))
                .collect(),
            (TagTarget::SiteFile, None) => continue,
            _ => Vec::new(),
        };
        let (hint, consequence) = match target {
            TagTarget::Post => {
                ("the post's file name without extension", "Jekyll stops the build with \"Could not find post\"")
            }
            _ => ("give the file's path from the site root", "Jekyll stops the build with \"Could not find document\""),
        };
        found.push(TagReference {
            target,
            tag: tag.name(doc.source).to_string(),
            name: name.to_string(),
            span: span.start..span.start + name.len(),
            tag_span: tag.span.clone(),
            fragment: None,
            candidates,
            hint,
            consequence,
        });
    }
    found
}
