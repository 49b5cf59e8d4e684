//! Helpers for tests and fuzzing: lint text as if it were a file, without a disk.

use std::path::Path;

use crate::config::{self, Overrides, Settings};
use crate::diagnostic::Report;
use crate::engine::{self, LintContext};
use crate::project::{Generator, Site};
use crate::text::dates::Date;

/// The fixed "today" of tests, so date rules are deterministic.
pub const TODAY: Date = Date {
    year: 2026,
    month: 6,
    day: 1,
};

/// Settings with every rule enabled and no config file.
pub fn all_rules() -> Settings {
    match config::defaults(&Overrides::default()) {
        Ok(settings) => settings,
        Err(error) => panic!("default settings must resolve: {error}"),
    }
}

/// Lints `text` as the post at `path` on a site of `generator` with no files on disk.
pub fn lint_text(path: &str, text: &str, settings: &Settings, generator: Generator) -> Vec<Report> {
    let site = Site::detached(generator);
    let context = LintContext {
        settings,
        site: &site,
        today: TODAY,
    };
    let mut reports = engine::lint_source(path, Path::new(path), text, &context);
    reports.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    reports
}
