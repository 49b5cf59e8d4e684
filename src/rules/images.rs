//! IMG: every image of a post — front matter, Markdown, HTML, JSON-LD — through the same
//! checks, each diagnostic on the URL or the alt text itself.

use std::path::{Path, PathBuf};

use super::{Context, Options, Rule};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::document::json::{JsonNode, JsonValue};
use crate::document::markdown::ImageKind;
use crate::document::tree::{Node, Value};
use crate::project::{DirCache, Generator, Lookup};
use crate::rules::keywords::value_offset;
use crate::text::escape::quote;
use crate::text::lines::Span;
use crate::text::normalize::fold;
use crate::text::urls::{self, QueryParam};

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

/// Every image of the post, in file order.
pub fn collect(ctx: &Context<'_>) -> Vec<ImageRef> {
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

fn image_values<'a>(node: &'a JsonNode, out: &mut Vec<&'a JsonNode>) {
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

/// IMG001 invalid-image-url.
pub struct InvalidImageUrl {
    max_data_url: usize,
}

impl InvalidImageUrl {
    pub fn new(options: &Options) -> Self {
        InvalidImageUrl { max_data_url: options.int("max-data-url-bytes").max(0) as usize }
    }
}

impl Rule for InvalidImageUrl {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for image in collect(ctx) {
            let Some(url) = strip_template_prefix(&image.url) else { continue };
            if url.contains("{{") || url.contains("{%") {
                continue;
            }
            if url.starts_with("data:") && url.len() > self.max_data_url {
                out.push(
                    Diagnostic::new("IMG001", image.url_span.clone(), format!("data: URL is {} bytes, over the {}-byte limit", url.len(), self.max_data_url))
                        .help("save the image as a file: data URLs are not cached, not indexed by image search, and bloat every page view"),
                );
                continue;
            }
            if let Some(problem) = urls::url_problem(url) {
                out.push(
                    Diagnostic::new("IMG001", image.url_span.clone(), problem)
                        .help("write the URL as the browser should request it"),
                );
            }
        }
    }
}

/// IMG002 duplicate-query-param.
pub struct DuplicateQueryParam;

impl Rule for DuplicateQueryParam {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
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
                out.push(duplicate_params(&image, &repeats));
            }
        }
    }
}

fn duplicate_params(image: &ImageRef, repeats: &[(&QueryParam<'_>, &QueryParam<'_>)]) -> Diagnostic {
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
    let mut diagnostic = Diagnostic::new("IMG002", image.inner_span(&first_later.span), message)
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

/// IMG003 insecure-image-url.
pub struct InsecureImageUrl;

impl Rule for InsecureImageUrl {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for image in collect(ctx) {
            let lower = image.url.trim_start().to_ascii_lowercase();
            if lower.starts_with("http://") {
                let scheme = image.inner_span(&(0..4));
                let mut diagnostic =
                    Diagnostic::new("IMG003", image.url_span.clone(), "image is loaded over plain `http://`")
                        .help("use `https://`: browsers block or upgrade mixed content on https pages");
                if image.verbatim && image.url.starts_with("http://") {
                    diagnostic = diagnostic.fix(Fix::unsafe_edits(vec![Edit::replace(scheme, "https")]));
                }
                out.push(diagnostic);
            } else if lower.starts_with("//") {
                out.push(
                    Diagnostic::new("IMG003", image.url_span.clone(), "image URL is protocol-relative (`//…`)")
                        .help("write `https://`; protocol-relative URLs break in feeds, e-mail and local previews")
                        .severity(Severity::Info),
                );
            }
        }
    }
}

/// IMG004 missing-alt.
pub struct MissingAlt {
    front_matter: bool,
}

impl MissingAlt {
    pub fn new(options: &Options) -> Self {
        MissingAlt { front_matter: options.bool("front-matter") }
    }
}

impl Rule for MissingAlt {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for image in collect(ctx) {
            match (&image.origin, &image.alt) {
                (Origin::JsonLd, _) => {}
                (Origin::FrontMatter, None) if image.social && self.front_matter => out.push(
                    Diagnostic::new("IMG004", image.url_span.clone(), "front matter image has no alt text")
                        .help("write it as `image: {path: …, alt: \"…\"}`; jekyll-seo-tag uses `image.alt` for `og:image:alt`")
                        .severity(Severity::Info),
                ),
                (Origin::Html, None) if !image.decorative => out.push(
                    Diagnostic::new("IMG004", image.url_span.clone(), "HTML image has no `alt` attribute")
                        .help("add `alt=\"…\"` describing the image, or `alt=\"\" role=\"presentation\"` if it is decoration"),
                ),
                (Origin::Html | Origin::Markdown, Some((alt, span))) if alt.trim().is_empty() && !image.decorative => {
                    let span = if span.is_empty() { image.url_span.clone() } else { span.clone() };
                    let help = if image.origin == Origin::Html {
                        "describe the image; if it is decoration, add `role=\"presentation\"`"
                    } else {
                        "describe the image between the brackets: `![what it shows](…)`"
                    };
                    out.push(Diagnostic::new("IMG004", span, "image has empty alt text").help(help));
                }
                _ => {}
            }
        }
    }
}

/// IMG005 generic-alt.
pub struct GenericAlt {
    words: Vec<String>,
    prefixes: Vec<String>,
    suffixes: Vec<String>,
    endings: Vec<String>,
}

impl GenericAlt {
    pub fn new(options: &Options) -> Self {
        let list = |key: &str| options.list(key).iter().map(|w| fold(w)).collect();
        GenericAlt {
            words: list("generic-words"),
            prefixes: list("generic-prefixes"),
            suffixes: list("generic-suffixes"),
            endings: list("generic-endings"),
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
        if let Some(ending) = self.endings.iter().find(|e| folded.ends_with(e.as_str()) && folded.len() > e.len()) {
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

fn is_file_name(text: &str) -> bool {
    let Some((stem, extension)) = text.rsplit_once('.') else { return false };
    !stem.is_empty()
        && !stem.contains(' ')
        && matches!(extension, "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" | "avif" | "heic")
}

impl Rule for GenericAlt {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let headings = &ctx.doc.outline.headings;
        for image in collect(ctx) {
            let Some((alt, span)) = &image.alt else { continue };
            let heading =
                // Headings are in document order: a binary search, not a scan per image.
                headings.partition_point(|h| h.span.start < image.url_span.start).checked_sub(1).map(|i| headings[i].text.as_str());
            if let Some(why) = self.why_generic(alt, heading, ctx.doc.title()) {
                out.push(
                    Diagnostic::new("IMG005", span.clone(), why)
                        .help("describe what the image shows, as you would to someone who cannot see it"),
                );
            }
        }
    }
}

/// IMG006 local-image-missing.
pub struct LocalImageMissing {
    files: DirCache,
}

impl Default for LocalImageMissing {
    fn default() -> Self {
        Self::new()
    }
}

impl LocalImageMissing {
    pub fn new() -> Self {
        LocalImageMissing { files: DirCache::default() }
    }

    /// The files an image path may refer to (a root-absolute path is served from one of
    /// the generator's static folders), or `None` when it cannot be known offline.
    fn resolve(&self, ctx: &Context<'_>, url: &str) -> Option<Vec<PathBuf>> {
        let url = strip_template_prefix(url)?;
        let url = liquid_filter_path(url).unwrap_or(url);
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
        if let Some(rooted) = path.strip_prefix('/') {
            let root = ctx.site.root.as_ref()?;
            let rooted = rooted
                .strip_prefix(ctx.site.baseurl.trim_start_matches('/'))
                .map_or(rooted, |r| r.trim_start_matches('/'));
            let bases: &[&str] = match ctx.site.generator {
                Generator::Hugo => &["static", "assets"],
                Generator::Zola => &["static", "content"],
                Generator::Astro => &["public"],
                // Eleventy copies folders through by its config (`src/img` → `/img`).
                Generator::Eleventy => &["", "src", "public", "static", "src/static", "src/public"],
                // VuePress serves `.vuepress/public`, VitePress `public`, in the source folder.
                Generator::VuePress => &[".vuepress/public", "public"],
                Generator::Jekyll | Generator::None => &[""],
            };
            let root =
                if ctx.site.generator == Generator::VuePress { root.join(&ctx.site.vue_source) } else { root.clone() };
            Some(bases.iter().map(|base| root.join(base).join(rooted)).collect())
        } else {
            let file = Path::new(ctx.doc.path);
            let dir = file.parent()?;
            ctx.site.root.as_ref()?;
            // Jekyll copies files as they lie; VuePress's bundler imports them from the source.
            if matches!(ctx.site.generator, Generator::Jekyll | Generator::VuePress | Generator::None) {
                return Some(vec![dir.join(path)]);
            }
            // Hugo, Zola, Astro and Eleventy resolve a relative URL against the page's URL,
            // not its source file: `post/bio.md` is served at `/post/bio/`, so `img/x.png`
            // is `post/bio/img/x.png`. Going up (`../`) depends on the URL (`path =`,
            // `slug`), which the file tree does not tell.
            if path.starts_with("../") {
                return None;
            }
            let stem = file.file_stem()?.to_string_lossy();
            let mut candidates = vec![dir.join(&path)];
            if stem != "index" && stem != "_index" {
                candidates.push(dir.join(stem.as_ref()).join(&path));
            }
            Some(candidates)
        }
    }
}

/// `{{ '/assets/x.png' | relative_url }}` → `/assets/x.png`.
fn liquid_filter_path(url: &str) -> Option<&str> {
    let inner = url.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let quoted = inner.split('|').next()?.trim();
    quoted.strip_prefix(['\'', '"']).and_then(|q| q.strip_suffix(['\'', '"']))
}

impl Rule for LocalImageMissing {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if ctx.site.root.is_none() {
            return;
        }
        for image in collect(ctx) {
            let Some(candidates) = self.resolve(ctx, &image.url) else { continue };
            let shown = |p: &Path| -> String {
                let relative = ctx.site.root.as_ref().and_then(|root| p.strip_prefix(root).ok()).unwrap_or(p);
                relative.to_string_lossy().into_owned()
            };
            let lookups: Vec<Lookup> = candidates.iter().map(|path| self.files.lookup(path)).collect();
            if lookups.contains(&Lookup::Found) {
                continue;
            }
            let path = &candidates[0];
            let lookup = lookups.into_iter().find(|l| matches!(l, Lookup::CaseMismatch(_))).unwrap_or(Lookup::Missing);
            match lookup {
                Lookup::Found => {}
                Lookup::Missing => out.push(
                    Diagnostic::new("IMG006", image.url_span.clone(), format!("image file {} does not exist", quote(&shown(path))))
                        .help("fix the path, or add the file to the site"),
                ),
                Lookup::CaseMismatch(actual) => out.push(
                    Diagnostic::new("IMG006", image.url_span.clone(), format!("image file differs only in letter case: the site has {}", quote(&shown(Path::new(&actual)))))
                        .help("match the capitals exactly: the build server's file system is case-sensitive even if your laptop's is not"),
                ),
            }
        }
    }
}

/// IMG007 social-image-size.
pub struct SocialImageSize {
    min_width: f64,
    min_height: f64,
    ratio: f64,
    tolerance: f64,
}

impl SocialImageSize {
    pub fn new(options: &Options) -> Self {
        SocialImageSize {
            min_width: options.float("min-width"),
            min_height: options.float("min-height"),
            ratio: options.float("ratio"),
            tolerance: options.float("ratio-tolerance"),
        }
    }
}

/// Width and height from CDN parameters: imgix/Unsplash `w`/`h`, Cloudinary `w_1200,h_630`.
fn size_from_url(url: &str) -> (Option<f64>, Option<f64>) {
    let params = urls::query_params(url);
    let last = |key: &str| params.iter().rev().find(|p| p.key == key).and_then(|p| p.value.parse::<f64>().ok());
    let (mut width, mut height) = (last("w").or_else(|| last("width")), last("h").or_else(|| last("height")));
    if url.contains("res.cloudinary.com") {
        for segment in url.split('/') {
            for part in segment.split(',') {
                if let Some(w) = part.strip_prefix("w_") {
                    width = w.parse().ok().or(width);
                }
                if let Some(h) = part.strip_prefix("h_") {
                    height = h.parse().ok().or(height);
                }
            }
        }
    }
    (width, height)
}

impl Rule for SocialImageSize {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(image) = collect(ctx).into_iter().find(|i| i.social) else { return };
        let (url_width, url_height) = size_from_url(&image.url);
        let (Some(width), Some(height)) = (image.width.or(url_width), image.height.or(url_height)) else { return };
        if width <= 0.0 || height <= 0.0 {
            return;
        }
        let ratio = width / height;
        if width < self.min_width || height < self.min_height {
            out.push(
                Diagnostic::new(
                    "IMG007",
                    image.url_span.clone(),
                    format!(
                        "social image is {width}×{height}, under the {}×{} that link previews use",
                        self.min_width, self.min_height
                    ),
                )
                .help("use an image at least 1200×630; smaller ones show as a small thumbnail or not at all"),
            );
        } else if (ratio - self.ratio).abs() / self.ratio > self.tolerance {
            out.push(
                Diagnostic::new(
                    "IMG007",
                    image.url_span.clone(),
                    format!("social image is {width}×{height} (ratio {ratio:.2}:1), far from {:.2}:1", self.ratio),
                )
                .help("crop to 1.91:1 (1200×630) so previews do not cut the subject"),
            );
        }
    }
}

/// IMG008 duplicate-alt.
pub struct DuplicateAlt {
    /// IMG005's generic words, folded.
    generic: Vec<String>,
}

impl DuplicateAlt {
    pub fn new(shared: &super::SharedOptions) -> Self {
        let generic =
            shared.get("IMG005").map_or_else(Vec::new, |o| o.list("generic-words").iter().map(|w| fold(w)).collect());
        DuplicateAlt { generic }
    }
}

impl Rule for DuplicateAlt {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
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
                    Diagnostic::new(
                        "IMG008",
                        span.clone(),
                        format!("alt text {} is used for another image too", quote(alt)),
                    )
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

/// IMG009 image-param-value.
pub struct ImageParamValue;

const FIT: &[&str] = &["clamp", "clip", "crop", "facearea", "fill", "fillmax", "max", "min", "scale"];
const CROP: &[&str] = &["top", "bottom", "left", "right", "faces", "focalpoint", "edges", "entropy", "center", "smart"];
const FORMAT: &[&str] = &[
    "avif", "gif", "jp2", "jpg", "jpeg", "json", "jxr", "pjpg", "mp4", "png", "png8", "png32", "webm", "webp",
    "blurhash", "auto",
];

fn is_imgix_like(url: &str) -> bool {
    let host = urls::host(url).unwrap_or_default();
    host.ends_with("imgix.net")
        || host.ends_with("unsplash.com")
        || urls::query_params(url).iter().any(|p| p.key == "ixlib")
}

fn param_problem(param: &QueryParam<'_>) -> Option<String> {
    let value = param.value;
    let number = value.parse::<f64>().ok();
    match param.key {
        "fit" if !FIT.contains(&value) => Some(format!("`fit={value}` is not an imgix fit mode ({})", FIT.join(", "))),
        "crop" if !value.split(',').all(|v| CROP.contains(&v)) => {
            Some(format!("`crop={value}` is not an imgix crop mode"))
        }
        "fm" if !FORMAT.contains(&value) => Some(format!("`fm={value}` is not an image format imgix knows")),
        "q" if !number.is_some_and(|q| (0.0..=100.0).contains(&q) && q.fract() == 0.0) => {
            Some(format!("`q={value}` must be a whole number from 0 to 100"))
        }
        "w" | "h" if !number.is_some_and(|n| n > 0.0) => {
            Some(format!("`{}={value}` must be a positive number", param.key))
        }
        "dpr" if !number.is_some_and(|n| (0.75..=5.0).contains(&n)) => {
            Some(format!("`dpr={value}` must be between 0.75 and 5"))
        }
        _ => None,
    }
}

impl Rule for ImageParamValue {
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for image in collect(ctx) {
            if !is_imgix_like(&image.url) {
                continue;
            }
            for param in urls::query_params(&image.url) {
                if let Some(problem) = param_problem(&param) {
                    out.push(
                        Diagnostic::new("IMG009", image.inner_span(&param.span), problem)
                            .help("the CDN ignores an invalid value and serves its default"),
                    );
                }
            }
        }
    }
}
