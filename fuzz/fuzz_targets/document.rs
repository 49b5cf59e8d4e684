//! The document model on arbitrary bytes: parsing never panics and every span is in bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use postlint::document::Document;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = Document::parse("post.md", text);
    for heading in &doc.outline.headings {
        assert!(heading.span.end <= text.len() && text.is_char_boundary(heading.span.start));
    }
    for image in &doc.outline.images {
        assert!(image.url_span.end <= text.len() && text.is_char_boundary(image.url_span.start));
    }
    let _ = doc.text_stats();
});
