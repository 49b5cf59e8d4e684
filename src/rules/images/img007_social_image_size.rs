//! IMG007 social-image-size (rules/IMG007.md).
//!
//! The front matter (social, `og:image`) image, when its size is knowable — from a local
//! file's header, `width`/`height` in an image mapping, or `w`/`h` parameters of Unsplash/imgix and
//! `w_…,h_…` of Cloudinary — under `min-width`×`min-height` (default 600×315) or far from the 1.91:1 ratio.

use super::*;

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
pub(super) fn size_from_url(url: &str) -> (Option<f64>, Option<f64>) {
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
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        if !ctx.site.emits_social_image() {
            return;
        }
        let Some(image) = collect(ctx).iter().find(|i| i.social) else { return };
        let (url_width, url_height) = size_from_url(&image.url);
        // A local file's own header is the truth (only its first bytes are read).
        let (file_width, file_height) = existing_local_file(ctx, image)
            .and_then(|(path, _)| imagesize::size(path).ok())
            .map_or((None, None), |size| (Some(size.width as f64), Some(size.height as f64)));
        let width = file_width.or(image.width).or(url_width);
        let height = file_height.or(image.height).or(url_height);
        let (Some(width), Some(height)) = (width, height) else { return };
        if width <= 0.0 || height <= 0.0 {
            return;
        }
        let ratio = width / height;
        if width < self.min_width || height < self.min_height {
            out.push(
                Diagnostic::new(
                    image.url_span.clone(),
                    format!(
                        "social image is {width}×{height}, under the {}×{} that link previews use",
                        self.min_width, self.min_height
                    ),
                )
                .help(
                    "use an image of 1200×630 (at least 600×315): smaller ones show as a small thumbnail or not at all",
                ),
            );
        } else if (ratio - self.ratio).abs() / self.ratio > self.tolerance {
            out.push(
                Diagnostic::new(
                    image.url_span.clone(),
                    format!("social image is {width}×{height} (ratio {ratio:.2}:1), far from {:.2}:1", self.ratio),
                )
                .help("crop to 1.91:1 (1200×630) so previews do not cut the subject"),
            );
        }
    }
}
