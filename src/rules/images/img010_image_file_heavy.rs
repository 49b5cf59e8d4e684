//! IMG010 image-file-heavy (rules/IMG010.md).
//!
//! A local image file (Markdown, HTML or front matter) larger than `max-kb` (default
//! 1,024 KiB): the page's biggest download, and usually its Largest Contentful Paint.

use super::*;

/// IMG010 image-file-heavy.
pub struct ImageFileHeavy {
    max_bytes: u64,
}

impl ImageFileHeavy {
    pub fn new(options: &Options) -> Self {
        ImageFileHeavy { max_bytes: options.int("max-kb").max(1) as u64 * 1024 }
    }

    /// Whether readers get another file than this one: the site's build resizes its
    /// images, or Astro optimises this one (a relative path, under `src/`; those in
    /// `public/` are served as they are).
    fn resized_at_build(&self, ctx: &Context<'_>, url: &str) -> bool {
        ctx.site.resizes_image(url)
    }
}

/// Whether the post is in another language than the site's main one (English unless
/// the config says): a shared image is reported on the original, not on each of its
/// translations.
fn is_translation(ctx: &Context<'_>) -> bool {
    let main = ctx.site.lang.as_deref().unwrap_or("en");
    let primary = |tag: &str| tag.split(['-', '_']).next().unwrap_or(tag).to_ascii_lowercase();
    ctx.language.as_deref().is_some_and(|language| primary(language) != primary(main))
}

/// Whether an image file lies outside the post's own folder (a shared asset).
fn is_shared(ctx: &Context<'_>, image: &Path) -> bool {
    let folder = Path::new(ctx.doc.path).parent().and_then(|dir| dir.canonicalize().ok());
    folder.is_none_or(|folder| !image.starts_with(folder))
}

impl Rule for ImageFileHeavy {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let mut seen = std::collections::HashSet::new();
        for image in collect(ctx) {
            if self.resized_at_build(ctx, &image.url) {
                continue;
            }
            let Some((path, bytes)) = existing_local_file(ctx, image) else { continue };
            if is_translation(ctx) && is_shared(ctx, &path) {
                continue;
            }
            // One image shown three times is downloaded once: said once.
            if bytes <= self.max_bytes || !seen.insert(path) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    image.url_span.clone(),
                    format!("image file is {}, over the {} budget", size(bytes), size(self.max_bytes)),
                )
                .help("compress it, resize it to the width it is shown at, or save it as WebP or AVIF; readers on phones download all of it"),
            );
        }
    }
}

/// `1,060 KB`, `12.4 MB`: sizes as people read them, precise enough near the budget.
fn size(bytes: u64) -> String {
    if bytes >= 10 * 1024 * 1024 {
        return format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0));
    }
    let kb = bytes.div_ceil(1024).to_string();
    let mut grouped = String::new();
    for (index, digit) in kb.chars().enumerate() {
        if index > 0 && (kb.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{grouped} KB")
}
