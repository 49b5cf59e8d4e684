//! The fix engine: applying fixes converges, a second pass changes nothing, and lines
//! without a fix are kept byte for byte.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use postlint::config::Settings;
use postlint::engine::LintContext;
use postlint::fix::{FixMode, fix_text};
use postlint::site::{Generator, Site};
use postlint::testing::{TODAY, all_rules};

static SETTINGS: LazyLock<Settings> = LazyLock::new(all_rules);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let site = Site::detached(Generator::Jekyll);
    let context = LintContext { settings: &SETTINGS, site: &site, today: TODAY };
    let path = Path::new("p.md");
    let first = fix_text("p.md", path, text, &context, FixMode::Unsafe);
    if !first.unconverged.is_empty() {
        return;
    }
    let second = fix_text("p.md", path, &first.text, &context, FixMode::Unsafe);
    assert_eq!(second.text, first.text, "fixing twice changes nothing");
});
