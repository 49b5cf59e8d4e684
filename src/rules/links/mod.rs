//! LNK: links between posts and the site as a whole — `{% post_url %}` and `{% link %}`
//! targets, internal URLs, fragments, and posts that compete for one title or URL.

use super::{Context, Options, Reporter, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::html;
use crate::document::liquid::LiquidKind;
use crate::document::markdown::{Link, LinkKind};
use crate::site::{self, SiteIndex};
use crate::site::{FragmentLookup, Lookup, Site};
use crate::text::escape::quote;
use crate::text::lines::Span;
use crate::text::normalize::fold;
use crate::text::slug::Slugger;
use crate::text::urls::{self, percent_decode};
use std::path::Path;

mod lnk001_post_url_target_missing;
mod lnk002_link_target_missing;
mod lnk003_internal_url_missing;
mod lnk004_double_baseurl;
mod lnk005_lnk006_duplicate_value;
mod lnk007_duplicate_permalink;
mod lnk008_generic_link_text;
mod lnk009_cross_post_fragment_missing;
mod lnk010_similar_title;
mod lnk011_canonical_url_mismatch;
mod lnk012_focus_keyword_shared;
mod lnk013_similar_description;
mod lnk014_remote_url_broken;
mod lnk015_translation_key_conflict;

pub use lnk001_post_url_target_missing::*;
pub use lnk002_link_target_missing::*;
pub use lnk003_internal_url_missing::*;
pub use lnk004_double_baseurl::*;
pub use lnk005_lnk006_duplicate_value::*;
pub use lnk007_duplicate_permalink::*;
pub use lnk008_generic_link_text::*;
pub use lnk009_cross_post_fragment_missing::*;
pub use lnk010_similar_title::*;
pub use lnk011_canonical_url_mismatch::*;
pub use lnk012_focus_keyword_shared::*;
pub use lnk013_similar_description::*;
pub use lnk014_remote_url_broken::*;
pub use lnk015_translation_key_conflict::*;

/// The site index, when the post belongs to a site on disk.
fn index<'a>(ctx: &'a Context<'_>) -> Option<&'a SiteIndex> {
    ctx.site.index()
}

/// The anchors of a post, and whether some heading's anchor is unknown (a Zola heading
/// with characters Zola transliterates), in which case a missing fragment is not reported.
struct Anchors {
    ids: std::collections::HashSet<String>,
    uncertain: bool,
    /// The ids in lower case, and by their letters and digits alone: built on the first
    /// lookup that needs them, so each lookup is one hash probe however many ids there are.
    lowercase: std::sync::OnceLock<std::collections::HashSet<String>>,
    letters: std::sync::OnceLock<std::collections::HashSet<String>>,
}

impl Anchors {
    /// Whether `fragment` names one of the anchors, as the site's generator looks it up:
    /// exactly; ignoring case (GitHub); by letters and digits (a site's own slugify that
    /// turns punctuation into `-`).
    fn contains(&self, fragment: &str, site: &Site) -> bool {
        if self.ids.contains(fragment) {
            return true;
        }
        match site.fragment_lookup() {
            FragmentLookup::Exact => false,
            FragmentLookup::IgnoringCase => {
                let lowercase = self.lowercase.get_or_init(|| self.ids.iter().map(|id| id.to_lowercase()).collect());
                lowercase.contains(&fragment.to_lowercase())
            }
            FragmentLookup::LettersAndDigits => {
                let letters = |id: &str| -> String {
                    id.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
                };
                let wanted = letters(fragment);
                !wanted.is_empty()
                    && self.letters.get_or_init(|| self.ids.iter().map(|id| letters(id)).collect()).contains(&wanted)
            }
        }
    }
}

/// Anchors a post has: heading slugs (with `-1` suffixes) as its generator makes them,
/// `{#id}` and kramdown `{: #id}` attributes, Hugo definition terms, HTML `id`/`name`.
/// The ids the generator gives this page's headings (and, on Hugo, definition terms), in
/// page order with the offset each is given at, numbered apart when repeated; and
/// whether some are unknown (a site's own id plugin, Zola's transliteration).
pub(crate) fn heading_ids(ctx: &Context<'_>) -> (Vec<(usize, String)>, bool) {
    let mut uncertain = false;
    let slugger = ctx.site.slugger();
    // A site whose own plugin sets heading ids: postlint cannot know them.
    uncertain |= ctx.site.heading_ids_unknown();
    // Headings and (Hugo's `autoDefinitionTermID`) definition terms share one id space in
    // page order: a term `targets` before a heading `Targets` makes it `targets-1`.
    let mut generated: Vec<(usize, String)> = Vec::new();
    // kramdown gives the headings inside an HTML block with `markdown="1"` its own ids
    // (ASCII only, `section` when nothing is left), not the GFM ones it gives the others.
    let kramdown_blocks = if ctx.site.reads_kramdown() { markdown_html_blocks(ctx) } else { Vec::new() };
    // Python-Markdown: a heading with its own `{ #id }` gets no slug, and every id given in
    // the page is taken before the slugs are made unique.
    let reserves = slugger.reserves_explicit_ids();
    let replaces = reserves || ctx.site.explicit_id_replaces_slug();
    for heading in &ctx.doc.outline.headings {
        if heading.kind == crate::document::markdown::HeadingKind::Html {
            continue;
        }
        let inside_block = kramdown_blocks.iter().any(|block| block.contains(&heading.span.start));
        let slugger = if inside_block { Slugger::Kramdown } else { slugger };
        uncertain |= !slugger.knows(&heading.text);
        if replaces && crate::text::slug::sets_own_id(ctx.doc.text(&heading.span)) {
            continue;
        }
        // Typographic quotes made outside code only, or at a run's start after emphasis:
        // where they fall depends on markup the heading's plain text has lost.
        uncertain |= crate::text::slug::smartens(slugger, &heading.text)
            && ctx.doc.source[heading.span.clone()].contains(['`', '*', '_', '[', '<', '\\', '!']);
        generated.push((heading.span.start, slugger.slug(&heading.text)));
    }
    if ctx.site.definition_terms_have_ids() {
        generated.extend(definition_terms(ctx));
    }
    generated.sort_by_key(|(offset, _)| *offset);
    let mut taken = std::collections::HashSet::new();
    if reserves {
        attribute_ids(ctx, &mut taken);
    }
    let mut slug_counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Where the theme renders H1s without their id, their slugs still count for the others.
    let h1s: Vec<usize> = if ctx.site.renders_h1_ids() {
        Vec::new()
    } else {
        ctx.doc.outline.headings.iter().filter(|h| h.level == 1).map(|h| h.span.start).collect()
    };
    let ids = generated
        .into_iter()
        .map(|(offset, slug)| (offset, slugger.unique(slug, &mut taken, &mut slug_counts)))
        .filter(|(offset, _)| !h1s.contains(offset))
        .collect();
    (ids, uncertain)
}

/// The spans of HTML blocks whose content kramdown reads as Markdown (`<div
/// markdown="1">` … `</div>`), by their opening and closing tags on lines of their own.
fn markdown_html_blocks(ctx: &Context<'_>) -> Vec<std::ops::Range<usize>> {
    let body = &ctx.doc.source[ctx.doc.body_start..];
    let mut blocks = Vec::new();
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut offset = ctx.doc.body_start;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix('<')
            && !rest.starts_with('/')
            && (trimmed.contains("markdown=\"1\"")
                || trimmed.contains("markdown='1'")
                || trimmed.contains("markdown=1"))
            && !ctx.doc.in_code(offset)
        {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            open.push((offset, name.to_ascii_lowercase()));
        } else if let Some(name) = trimmed.strip_prefix("</").and_then(|rest| rest.strip_suffix('>'))
            && open.last().is_some_and(|(_, open_name)| open_name.eq_ignore_ascii_case(name.trim()))
            && let Some((start, _)) = open.pop()
        {
            blocks.push(start..offset + line.len());
        }
        offset += line.len();
    }
    blocks.extend(open.into_iter().map(|(start, _)| start..ctx.doc.source.len()));
    blocks
}

/// Every anchor of this page (heading ids, explicit ids, HTML ids and names, footnotes),
/// and whether some are unknown: what `postlint site --detail` shows.
pub(crate) fn page_anchors(ctx: &Context<'_>) -> (Vec<String>, bool) {
    let found = anchors(ctx);
    let mut ids: Vec<String> = found.ids.into_iter().collect();
    ids.sort();
    (ids, found.uncertain)
}

fn anchors(ctx: &Context<'_>) -> Anchors {
    let (generated, mut uncertain) = heading_ids(ctx);
    uncertain |= ctx.site.anchors_unknown_in(ctx.doc);
    let mut found: std::collections::HashSet<String> = generated.into_iter().map(|(_, id)| id).collect();
    attribute_ids(ctx, &mut found);
    let mut tags = Vec::new();
    for range in &ctx.doc.outline.html {
        html::find_tags(
            ctx.doc.source,
            range.clone(),
            &[
                "a", "div", "span", "section", "h1", "h2", "h3", "h4", "h5", "h6", "p", "img", "dt", "li", "table",
                "sup",
            ],
            &mut tags,
        );
    }
    for tag in tags {
        for name in ["id", "name"] {
            if let Some(value) = tag.attribute(name).and_then(|a| a.value.clone()) {
                found.insert(value);
            }
        }
    }
    // Footnotes: pulldown-style `#fn1`-like targets are not generated by every engine,
    // but kramdown (`fn:1`), goldmark (`fn:1`) and GitHub (`user-content-fn-1`) make these.
    let body = &ctx.doc.source[ctx.doc.body_start..];
    for (index, (at, _)) in body.match_indices("[^").enumerate() {
        found.insert(format!("fn:{}", index + 1));
        found.insert(format!("fnref:{}", index + 1));
        // By name too: kramdown `fn:name`, GitHub `fn-name`, pulldown-cmark (Zola) the
        // name itself, `fn-name` with Zola's `bottom_footnotes`.
        let name: String = body[at + 2..].chars().take_while(|c| *c != ']' && *c != '\n').take(100).collect();
        if !name.is_empty() {
            for id in
                [format!("fn:{name}"), format!("fn-{name}"), format!("fnref:{name}"), format!("fnref-{name}"), name]
            {
                found.insert(id);
            }
        }
    }
    // Content pulled in from other files (Hugo `include`/`readfile` shortcodes, Liquid
    // `include`) brings headings this file does not show.
    let body = &ctx.doc.source[ctx.doc.body_start..];
    // (`{% include_code %}` includes code, never headings.)
    uncertain |=
        ["{{% include", "{{< include", "{{% readfile", "{{< readfile", "{% include", "{%- include"].iter().any(|tag| {
            body.match_indices(tag).any(|(at, _)| {
                let after = &body[at + tag.len()..];
                !after.starts_with("_code") && !after.starts_with("-code")
            })
        });
    // Files the generator's Markdown pulls in by its own syntax.
    uncertain |= ctx.site.includes_other_files(ctx.doc);
    Anchors { ids: found, uncertain, lowercase: Default::default(), letters: Default::default() }
}

/// `{#id}` (goldmark, Zola, kramdown), `{: #id}` / `{:#id .class}` (kramdown IAL) and
/// `{ #id }` (markdown-it-attrs, Eleventy's usual plugin) ids anywhere in the body outside
/// code.
fn attribute_ids(ctx: &Context<'_>, found: &mut std::collections::HashSet<String>) {
    let body = &ctx.doc.source[ctx.doc.body_start..];
    for (at, _) in body.match_indices('{') {
        let start = ctx.doc.body_start + at;
        let rest = &body[at + 1..];
        let Some(close) = rest.find('}').filter(|&c| c < 200 && !rest[..c].contains('\n')) else { continue };
        let inner = rest[..close].trim().trim_start_matches(':').trim();
        let opens = rest.trim_start_matches([' ', '\t']);
        if !(opens.starts_with(':') || opens.starts_with('#')) || ctx.doc.in_code(start) {
            continue;
        }
        for word in inner.split_whitespace() {
            if let Some(id) = word.strip_prefix('#').filter(|id| !id.is_empty()) {
                found.insert(id.to_string());
            }
        }
    }
}

/// Hugo's goldmark gives each definition term an id (`autoDefinitionTermID`): a line
/// followed by a `: definition` line. Returns (offset, slug) in page order.
fn definition_terms(ctx: &Context<'_>) -> Vec<(usize, String)> {
    let body = &ctx.doc.source[ctx.doc.body_start..];
    // Code blocks (spans over several lines), once, for binary search: a term written
    // as inline code (`` `sites` ``) is still a term.
    let blocks: Vec<Span> = ctx.doc.outline.code.iter().filter(|s| ctx.doc.text(s).contains('\n')).cloned().collect();
    let mut terms = Vec::new();
    let mut previous: Option<(usize, &str)> = None;
    let mut offset = ctx.doc.body_start;
    for line in body.split_inclusive('\n') {
        if line.starts_with(": ")
            && let Some((start, term)) = previous.filter(|(_, t)| !t.trim().is_empty())
            && !crate::document::in_sorted_spans(&blocks, start)
        {
            let plain: String = term.chars().filter(|c| !matches!(c, '`' | '*' | '[' | ']')).collect();
            terms.push((start, Slugger::Github.slug(&plain)));
        }
        previous = Some((offset, line.trim_end()));
        offset += line.len();
    }
    terms
}

/// The site-root path a link points at, when it points into the site.
fn site_path(ctx: &Context<'_>, url: &str) -> Option<String> {
    let mut url = url.trim();
    if let Some(rest) = url.strip_prefix("{{") {
        let end = rest.find("}}")?;
        if rest[..end].trim() != "site.baseurl" {
            return None;
        }
        url = &rest[end + 2..];
    } else if let Some(site_url) = ctx.site.url.as_deref().filter(|u| !u.is_empty())
        && let Some(rest) = url.strip_prefix(site_url)
    {
        url = if rest.is_empty() { "/" } else { rest };
    }
    if !url.starts_with('/') || url.starts_with("//") || url.contains("{{") || url.contains("{%") {
        return None;
    }
    let base = ctx.site.baseurl.as_str();
    let path = if !base.is_empty() {
        url.strip_prefix(base).filter(|r| r.is_empty() || r.starts_with('/')).unwrap_or(url)
    } else {
        url
    };
    Some(if path.is_empty() { "/".to_string() } else { path.to_string() })
}

/// Other published posts of the index that share this post's value.
fn others<'a>(ctx: &Context<'_>, index: &'a SiteIndex, ids: &[usize]) -> Vec<&'a str> {
    ids.iter().map(|&id| index.posts[id].path.as_str()).filter(|path| *path != ctx.relative).collect()
}

/// Site-relative paths as output shows them (relative to the working directory).
fn listing(ctx: &Context<'_>, paths: &[&str]) -> String {
    let shown: Vec<String> = paths.iter().take(5).map(|p| format!("`{}`", ctx.site.shown_path(p))).collect();
    let more = if paths.len() > 5 { format!(" and {} more", paths.len() - 5) } else { String::new() };
    format!("{}{more}", shown.join(", "))
}

/// Every remote (`http`/`https`) URL of a post with where it is written: links and images
/// in the body (Markdown and HTML), images in front matter and JSON-LD. What `postlint
/// links` lists for a link checker and LNK014 maps its results back onto.
pub fn remote_urls(ctx: &Context<'_>) -> Vec<(String, Span)> {
    let remote = |url: &str| {
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        lower.starts_with("https://") || lower.starts_with("http://")
    };
    let mut found: Vec<(String, Span)> = Vec::new();
    for link in &ctx.doc.outline.links {
        if remote(&link.url) && !ctx.doc.in_code(link.span.start) {
            found.push((link.url.trim().to_string(), link.url_span.clone()));
        }
    }
    for image in super::images::collect(ctx) {
        if remote(&image.url) && !ctx.doc.in_code(image.url_span.start) {
            found.push((image.url.trim().to_string(), image.url_span.clone()));
        }
    }
    found.retain(|(url, _)| !url.contains("{{") && !url.contains("{%"));
    found.sort_by_key(|(_, span)| span.start);
    found.dedup_by(|a, b| a.1 == b.1);
    found
}

/// The older published posts of this post's language among `similar` (index ids with
/// their similarity) that `keep` accepts: a pair of near-duplicates is reported once, on
/// the newer post.
fn older_rivals<'a>(
    ctx: &Context<'_>,
    index: &'a SiteIndex,
    similar: Vec<(usize, f64)>,
    keep: impl Fn(&site::IndexedPost) -> bool,
) -> Vec<(&'a str, f64)> {
    similar
        .into_iter()
        .map(|(id, similarity)| (&index.posts[id], similarity))
        .filter(|(post, _)| post.path.as_str() < ctx.relative.as_str() && post.language == ctx.language)
        .filter(|(post, _)| keep(post))
        .map(|(post, similarity)| (post.path.as_str(), similarity))
        .collect()
}

/// "`what` is nearly the same as the `what` of …", at `span`, naming each rival with how
/// alike it is.
fn near_duplicate(ctx: &Context<'_>, span: Span, what: &str, rivals: &[(&str, f64)], help: &str) -> Diagnostic {
    let paths: Vec<&str> = rivals.iter().map(|(path, _)| *path).collect();
    let mut diagnostic =
        Diagnostic::new(span, format!("{what} is nearly the same as the {what} of {}", listing(ctx, &paths)))
            .help(help);
    for (path, similarity) in rivals {
        diagnostic = diagnostic.related(
            ctx.site.shown_path(path),
            format!("a similar {what} ({:.0}% the same words)", similarity * 100.0),
        );
    }
    diagnostic
}
