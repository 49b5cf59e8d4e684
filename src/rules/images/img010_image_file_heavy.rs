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
}

impl Rule for ImageFileHeavy {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let mut seen = std::collections::HashSet::new();
        for image in collect(ctx) {
            let Some((path, bytes)) = existing_local_file(ctx, &image.url) else { continue };
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
