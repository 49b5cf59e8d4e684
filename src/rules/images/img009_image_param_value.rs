//! IMG009 image-param-value (rules/IMG009.md).
//!
//! Known image-CDN parameters (imgix, and Unsplash which is served by imgix) with invalid
//! values: `fit` and `crop` outside their modes, `fm` not a format, `q` outside 0–100,
//! `w`/`h` not positive numbers, `dpr` outside 0.75–5.

use super::*;

/// IMG009 image-param-value.
pub struct ImageParamValue;

pub(super) const FIT: &[&str] = &["clamp", "clip", "crop", "facearea", "fill", "fillmax", "max", "min", "scale"];

pub(super) const CROP: &[&str] =
    &["top", "bottom", "left", "right", "faces", "focalpoint", "edges", "entropy", "center", "smart"];

pub(super) const FORMAT: &[&str] = &[
    "avif", "gif", "jp2", "jpg", "jpeg", "json", "jxr", "pjpg", "mp4", "png", "png8", "png32", "webm", "webp",
    "blurhash", "auto",
];

pub(super) fn is_imgix_like(url: &str) -> bool {
    let host = urls::host(url).unwrap_or_default();
    host.ends_with("imgix.net")
        || host.ends_with("unsplash.com")
        || urls::query_params(url).iter().any(|p| p.key == "ixlib")
}

pub(super) fn param_problem(param: &QueryParam<'_>) -> Option<String> {
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
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for image in collect(ctx) {
            if !is_imgix_like(&image.url) {
                continue;
            }
            for param in urls::query_params(&image.url) {
                if let Some(problem) = param_problem(&param) {
                    out.push(
                        Diagnostic::new(image.inner_span(&param.span), problem)
                            .help("the CDN ignores an invalid value and serves its default"),
                    );
                }
            }
        }
    }
}
