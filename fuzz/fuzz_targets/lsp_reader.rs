//! The language server's message reader on arbitrary bytes: it never panics, always
//! ends (every frame it returns consumed input), and never returns a body over
//! `MAX_MESSAGE`; a bad header block is skipped, not the end of the stream.
#![no_main]

use std::io::BufReader;

use libfuzzer_sys::fuzz_target;
use postlint::lsp::{Frame, MAX_MESSAGE, read_frame, read_messages};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the reader's buffer size, so headers and the
    // resynchronisation straddle buffer ends at every offset.
    let Some((&size, input)) = data.split_first() else { return };
    let capacity = usize::from(size % 64) + 1;
    let mut reader = BufReader::with_capacity(capacity, input);
    let mut frames = 0;
    loop {
        match read_frame(&mut reader, &mut |_| {}) {
            Frame::Body(body) => assert!(body.len() as u64 <= MAX_MESSAGE),
            Frame::TooLarge(size) => assert!(size > MAX_MESSAGE),
            Frame::End(_) => break,
        }
        frames += 1;
        assert!(frames <= input.len(), "a frame that consumed nothing");
    }
    // The whole reader, JSON included, with a server that takes every message.
    read_messages(&mut BufReader::with_capacity(capacity, input), |_| true, |_| {});
});
