//! Every default rule and every output format on arbitrary bytes.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use postlint::config::Settings;
use postlint::output::{self, FileReports, Format, Style, Summary};
use postlint::site::Generator;
use postlint::testing::{all_rules, lint_text};

static SETTINGS: LazyLock<Settings> = LazyLock::new(all_rules);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let reports = lint_text("_posts/2026-01-12-x.md", &text, &SETTINGS, Generator::Jekyll);
    for report in &reports {
        assert!(report.span.end <= text.len() && text.is_char_boundary(report.span.start) && text.is_char_boundary(report.span.end));
    }
    let summary = Summary::count(1, reports.iter());
    let files = vec![FileReports { path: "p.md".into(), reports, source: Some(text.into_owned()), fixed: None }];
    for format in [Format::Full, Format::Concise, Format::Json, Format::JsonLines, Format::Github, Format::Sarif, Format::Junit, Format::Gitlab] {
        let mut out = Vec::new();
        // Without colour, an ESC byte in the output can only come from the file.
        output::emitter(format).emit(&mut out, &files, &summary, &Style { color: false, quiet: false, fail_on: None }).expect("writing to memory");
        if matches!(format, Format::Full | Format::Concise | Format::Github) {
            assert!(!out.contains(&0x1b), "raw ESC from user text in {format:?} output");
        }
    }
});
