//! IMG011 image-format-unsupported (rules/IMG011.md).
//!
//! An image in a format browsers do not all display and Google Images does not index:
//! TIFF, HEIC/HEIF, PSD, RAW camera files, JPEG XL.

use super::*;

/// IMG011 image-format-unsupported.
pub struct ImageFormatUnsupported;

/// Extensions and what they are; Google Images indexes BMP, GIF, JPEG, PNG, WebP, SVG and
/// AVIF only.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("tif", "TIFF"),
    ("tiff", "TIFF"),
    ("heic", "HEIC"),
    ("heif", "HEIF"),
    ("psd", "Photoshop"),
    ("jxl", "JPEG XL"),
    ("cr2", "camera RAW"),
    ("nef", "camera RAW"),
    ("arw", "camera RAW"),
    ("dng", "camera RAW"),
];

impl Rule for ImageFormatUnsupported {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for image in collect(ctx) {
            let path = image.url.split(['?', '#']).next().unwrap_or(&image.url);
            let Some((_, extension)) = path.rsplit('/').next().and_then(|name| name.rsplit_once('.')) else { continue };
            let extension = extension.to_ascii_lowercase();
            let Some((_, format)) = UNSUPPORTED.iter().find(|(e, _)| *e == extension) else { continue };
            out.push(
                Diagnostic::new(image.url_span.clone(), format!("{format} images are not shown by most browsers"))
                    .help("convert it to JPEG, PNG, WebP or AVIF; Google Images does not index this format either"),
            );
        }
    }
}
