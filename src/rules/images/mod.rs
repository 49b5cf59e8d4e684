//! IMG: every image of a post — front matter, Markdown, HTML, JSON-LD — through the same
//! checks, each diagnostic on the URL or the alt text itself.

use super::{Context, Options, Reporter, Rule, SharedOptions};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::json::{JsonNode, JsonValue};
use crate::document::markdown::ImageKind;
use crate::document::tree::{Node, Value};
use crate::rules::post::value_offset;
use crate::site::{Lookup, Written};
use crate::text::escape::quote;
use crate::text::lines::Span;
use crate::text::normalize::fold;
use crate::text::urls::{self, QueryParam};
use std::path::{Path, PathBuf};

mod img001_invalid_image_url;
mod img002_duplicate_query_param;
mod img003_insecure_image_url;
mod img004_missing_alt;
mod img005_generic_alt;
mod img006_local_image_missing;
mod img007_social_image_size;
mod img008_duplicate_alt;
mod img009_image_param_value;
mod img010_image_file_heavy;
mod img011_image_format_unsupported;
mod img012_image_missing_dimensions;

pub use img001_invalid_image_url::*;
pub use img002_duplicate_query_param::*;
pub use img003_insecure_image_url::*;
pub use img004_missing_alt::*;
pub use img005_generic_alt::*;
pub use img006_local_image_missing::*;
pub use img007_social_image_size::*;
pub use img008_duplicate_alt::*;
pub use img009_image_param_value::*;
pub use img010_image_file_heavy::*;
pub use img011_image_format_unsupported::*;
pub use img012_image_missing_dimensions::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Markdown,
    Html,
    FrontMatter,
    JsonLd,
}

/// One image, wherever it was written.
#[derive(Debug, Clone)]
pub struct ImageRef {
    pub origin: Origin,
    /// The URL's value (after YAML/JSON unescaping).
    pub url: String,
    /// The URL's span in the file.
    pub url_span: Span,
    /// Whether the file holds `url` verbatim at `url_span` (so offsets inside it are exact).
    pub verbatim: bool,
    pub alt: Option<(String, Span)>,
    /// A name other than alt text that assistive technology reads for the image: a
    /// non-empty `aria-label` or `title` (HTML-AAM), with the attribute that gives it.
    pub name: Option<(String, &'static str)>,
    pub decorative: bool,
    pub width: Option<f64>,
    pub height: Option<f64>,
    /// The front matter's social image (og:image).
    pub social: bool,
}

impl ImageRef {
    /// The file span of a range inside the URL, when the URL is verbatim.
    fn inner_span(&self, range: &Span) -> Span {
        if self.verbatim {
            self.url_span.start + range.start..self.url_span.start + range.end
        } else {
            self.url_span.clone()
        }
    }
}

const FRONT_MATTER_IMAGE_KEYS: &[&str] = &["image", "heroImage", "cover", "og_image", "thumbnail"];

/// Every image of the post, in file order, gathered once for all image rules.
pub fn collect<'c>(ctx: &'c Context<'_>) -> &'c [ImageRef] {
    ctx.images.get_or_init(|| gather(ctx))
}

fn gather(ctx: &Context<'_>) -> Vec<ImageRef> {
    let mut images = Vec::new();
    let source = ctx.doc.source;
    if let Some(front_matter) = &ctx.doc.front_matter {
        for key in FRONT_MATTER_IMAGE_KEYS {
            if let Some(node) = front_matter.get(key)
                && let Some(mut image) = front_matter_image(source, node, *key == "image" || *key == "heroImage")
            {
                // Themes often take the alt from a sibling key (`image_alt`, `heroImageAlt`).
                if image.alt.is_none() {
                    image.alt = sibling_alt_keys(key)
                        .iter()
                        .find_map(|alt_key| front_matter.get(alt_key))
                        .and_then(|alt| alt.as_str().map(|text| (text.to_string(), alt.span.clone())));
                }
                images.push(image);
            }
        }
        if let Some(list) = front_matter.get("images") {
            for item in list.items() {
                if let Some(image) = front_matter_image(source, item, images.is_empty()) {
                    images.push(image);
                }
            }
        }
    }
    for image in &ctx.doc.outline.images {
        let verbatim = source.get(image.url_span.clone()) == Some(image.url.as_str());
        images.push(ImageRef {
            origin: if image.kind == ImageKind::Html { Origin::Html } else { Origin::Markdown },
            url: image.url.clone(),
            url_span: image.url_span.clone(),
            verbatim,
            alt: image.alt.clone().map(|alt| (alt, image.alt_span.clone())),
            name: accessible_name(source, image),
            decorative: image.decorative,
            width: None,
            height: None,
            social: false,
        });
    }
    for block in &ctx.doc.jsonld {
        if let Ok(root) = &block.parsed {
            let mut found = Vec::new();
            jsonld_images(root, &mut found);
            for node in found {
                if block.is_templated(&node.span) {
                    continue;
                }
                if let Some(url) = node.as_str() {
                    let inner = node.span.start + 1..node.span.end - 1;
                    let verbatim = source.get(inner.clone()) == Some(url);
                    images.push(ImageRef {
                        origin: Origin::JsonLd,
                        url: url.to_string(),
                        url_span: if verbatim { inner } else { node.span.clone() },
                        verbatim,
                        alt: None,
                        name: None,
                        decorative: true,
                        width: None,
                        height: None,
                        social: false,
                    });
                }
            }
        }
    }
    images
}

/// The name an image gets besides its alt text (HTML-AAM's computation for `img`:
/// `aria-label`, then `title`), when it is not empty: an HTML image's attributes, or a
/// Markdown image's title (`![](x.png "title")`), which renderers write as `title`.
fn accessible_name(source: &str, image: &crate::document::markdown::Image) -> Option<(String, &'static str)> {
    let named = |text: &str| Some(text.trim()).filter(|t| !t.is_empty()).map(str::to_string);
    match image.kind {
        ImageKind::Html => {
            let mut tags = Vec::new();
            crate::document::html::find_tags(source, image.span.clone(), &["img"], &mut tags);
            let tag = tags.first()?;
            ["aria-label", "title"].into_iter().find_map(|attribute| {
                let value = tag.attribute(attribute)?.value.as_deref()?;
                named(&crate::document::html::decode_entities(value)).map(|text| (text, attribute))
            })
        }
        ImageKind::Markdown => {
            // After the destination: white space, then `"title"`, `'title'` or `(title)`.
            let rest = source.get(image.url_span.end..image.span.end)?.trim_start();
            let close = match rest.chars().next()? {
                '"' => '"',
                '\'' => '\'',
                '(' => ')',
                _ => return None,
            };
            let inner = &rest[1..];
            let end = inner.rfind(close)?;
            named(&inner[..end]).map(|text| (text, "title"))
        }
        ImageKind::Reference => None,
    }
}

/// The keys a theme may read a front matter image's alt text from, beside the image.
fn sibling_alt_keys(key: &str) -> [String; 4] {
    [format!("{key}_alt"), format!("{key}_alt_text"), format!("{key}Alt"), format!("{key}_description")]
}

fn front_matter_image(source: &str, node: &Node, social: bool) -> Option<ImageRef> {
    let (url_node, alt, width, height) = match &node.value {
        Value::String(_) => (node, None, None, None),
        Value::Map(_) => {
            let url_node = ["path", "url", "src"].iter().find_map(|k| node.get(k))?;
            let alt = node.get("alt").and_then(|a| a.as_str().map(|t| (t.to_string(), a.span.clone())));
            let number = |key: &str| match node.get(key).map(|n| &n.value) {
                Some(Value::Integer(i)) => Some(*i as f64),
                Some(Value::Float(f)) => Some(*f),
                Some(Value::String(s)) => s.trim_end_matches("px").parse().ok(),
                _ => None,
            };
            (url_node, alt, number("width"), number("height"))
        }
        _ => return None,
    };
    let url = url_node.as_str()?.to_string();
    let offset = value_offset(source, url_node);
    Some(ImageRef {
        origin: Origin::FrontMatter,
        url_span: offset.map_or(url_node.span.clone(), |o| o..o + url.len()),
        verbatim: offset.is_some(),
        url,
        alt,
        name: None,
        decorative: false,
        width,
        height,
        social,
    })
}

/// `image` (string, array, ImageObject `url`/`contentUrl`), `logo`, `thumbnailUrl` anywhere.
fn jsonld_images<'a>(node: &'a JsonNode, out: &mut Vec<&'a JsonNode>) {
    match &node.value {
        JsonValue::Object(members) => {
            for member in members {
                match member.key.as_str() {
                    "image" | "logo" | "thumbnailUrl" => image_values(&member.value, out),
                    _ => jsonld_images(&member.value, out),
                }
            }
        }
        JsonValue::Array(items) => items.iter().for_each(|item| jsonld_images(item, out)),
        _ => {}
    }
}

/// The URL nodes of an image value: a string, an array of them, or ImageObjects' `url` or
/// `contentUrl`.
pub(crate) fn image_values<'a>(node: &'a JsonNode, out: &mut Vec<&'a JsonNode>) {
    match &node.value {
        JsonValue::String(_) => out.push(node),
        JsonValue::Array(items) => items.iter().for_each(|item| image_values(item, out)),
        JsonValue::Object(_) => {
            for key in ["url", "contentUrl"] {
                if let Some(url) = node.get(key)
                    && url.as_str().is_some()
                {
                    out.push(url);
                }
            }
        }
        _ => {}
    }
}

/// Whether the URL holds template syntax we cannot evaluate (checked by what remains).
fn strip_template_prefix(url: &str) -> Option<&str> {
    let trimmed = url.trim_start();
    if !trimmed.starts_with("{{") && !trimmed.starts_with("{%") {
        return Some(url);
    }
    // `{{ site.baseurl }}/assets/x.png`: the rest is a site-root path.
    let end = trimmed.find("}}").or_else(|| trimmed.find("%}"))? + 2;
    let rest = &trimmed[end..];
    // `{{img}}` alone: the value is only known after rendering.
    (!rest.trim().is_empty() && !rest.contains("{{") && !rest.contains("{%")).then_some(rest)
}

/// The files an image path may refer to (a root-absolute path is served from one of
/// the generator's static folders), or `None` when it cannot be known offline.
pub(super) fn local_candidates(ctx: &Context<'_>, url: &str, written: Written) -> Option<Vec<PathBuf>> {
    let url = strip_template_prefix(url)?;
    let url = liquid_filter_path(url).unwrap_or(url);
    // An absolute URL on the site's own `url` (JSON-LD and social images are written
    // that way) names a file of the site like a site-root path does.
    let own = own_site_path(ctx, url);
    let url = own.as_deref().unwrap_or(url);
    if url.is_empty()
        || urls::is_remote(url)
        || urls::has_scheme(url)
        || url.starts_with('#')
        || url.contains("{{")
        || url.contains("{%")
    {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = urls::percent_decode(path);
    let path = path.strip_prefix("./").map(str::to_string).unwrap_or(path);
    match path.strip_prefix('/') {
        Some(rooted) => ctx.site.site_root_candidates(rooted),
        None => ctx.site.relative_asset_candidates(Path::new(ctx.doc.path), &path, written),
    }
}

/// The files an image may be, by where it was written. A relative path in the front
/// matter (`image: assets/img/x.jpg`) is read by templates and SEO plugins, which make it
/// site-root relative (jekyll-seo-tag's `absolute_url`, Eleventy's `url` filter), so it
/// may also be a file under the site's root, as well as one beside the post.
/// `https://blog.example/assets/x.png` → `/assets/x.png` when `https://blog.example` is the
/// site's `url` (either scheme).
fn own_site_path(ctx: &Context<'_>, url: &str) -> Option<String> {
    let site_url = ctx.site.url.as_deref()?.trim_end_matches('/');
    let without_scheme = |u: &str| -> Option<String> {
        u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")).map(str::to_ascii_lowercase)
    };
    let (site_host, url_rest) =
        (without_scheme(site_url)?, url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?);
    if url_rest.len() < site_host.len() || !url_rest.is_char_boundary(site_host.len()) {
        return None;
    }
    let (host, path) = url_rest.split_at(site_host.len());
    (host.eq_ignore_ascii_case(&site_host) && path.starts_with('/')).then(|| path.to_string())
}

pub(super) fn image_candidates(ctx: &Context<'_>, image: &ImageRef) -> Option<Vec<PathBuf>> {
    let written = match image.origin {
        Origin::Markdown => Written::Markdown,
        Origin::Html => Written::Html,
        Origin::FrontMatter => Written::FrontMatter,
        Origin::JsonLd => Written::JsonLd,
    };
    let mut candidates = local_candidates(ctx, &image.url, written)?;
    let relative = !image.url.starts_with(['/', '.', '{']);
    if image.origin == Origin::FrontMatter && relative {
        candidates.extend(local_candidates(ctx, &format!("/{}", image.url), written).unwrap_or_default());
    }
    Some(candidates)
}

/// The pixel size of a local image file, read from its header only.
pub(crate) fn local_image_size(ctx: &Context<'_>, image: &ImageRef) -> Option<(u64, u64)> {
    let (path, _) = existing_local_file(ctx, image)?;
    imagesize::size(path).ok().map(|size| (size.width as u64, size.height as u64))
}

/// The local file an image names, when it exists inside the site or repository
/// (nothing outside them is even looked at), with its length in bytes.
pub(super) fn existing_local_file(ctx: &Context<'_>, image: &ImageRef) -> Option<(PathBuf, u64)> {
    let roots = ctx.site.read_roots();
    let look_up = |candidate: &Path| {
        let real = candidate.canonicalize().ok()?;
        crate::bounded::admit(&real, roots).ok()?;
        let metadata = std::fs::metadata(&real).ok().filter(std::fs::Metadata::is_file)?;
        Some((real, metadata.len()))
    };
    image_candidates(ctx, image)?.into_iter().find_map(|candidate| {
        let Ok(mut known) = ctx.local_files.lock() else { return look_up(&candidate) };
        known.entry(candidate).or_insert_with_key(|candidate| look_up(candidate)).clone()
    })
}
