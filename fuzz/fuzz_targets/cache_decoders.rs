//! The `.postlint_cache/` decoders on arbitrary bytes (the site index, the run entry, kept
//! output, the seal and the check of a shown path): no panic, what decodes encodes back,
//! no accepted path leaves the site, and output that would be written back carries no
//! workflow command or control character (see `postlint::testing::fuzz_cache_decoders`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    postlint::testing::fuzz_cache_decoders(data);
});
