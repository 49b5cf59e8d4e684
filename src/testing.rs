//! Helpers for tests and fuzzing: lint text as if it were a file, without a disk.

use std::path::Path;

use crate::config::{self, Overrides, Settings};
use crate::diagnostic::Report;
use crate::engine::{self, LintContext};
use crate::site::{Generator, Site};
use crate::text::dates::Date;

/// The fixed "today" of tests, so date rules are deterministic.
pub const TODAY: Date = Date { year: 2026, month: 6, day: 1 };

/// Settings with every rule enabled (the opt-in ones too) and no config file.
pub fn all_rules() -> Settings {
    let overrides = Overrides { select: Some(vec!["ALL".to_string()]), ..Overrides::default() };
    match config::defaults(&overrides) {
        Ok(settings) => settings,
        Err(error) => panic!("default settings must resolve: {error}"),
    }
}

/// The default settings with `config` (a `postlint.toml` text) applied.
pub fn settings_from(config: &str) -> Settings {
    match config::from_text(Path::new("postlint.toml"), config, &Overrides::default()) {
        Ok(settings) => settings,
        Err(error) => panic!("test config must load: {error}"),
    }
}

/// Lints `text` as the post at `path` on a site of `generator` with no files on disk.
pub fn lint_text(path: &str, text: &str, settings: &Settings, generator: Generator) -> Vec<Report> {
    lint_on_site(path, text, settings, &Site::detached(generator))
}

/// The site a rulebook example asks for with an HTML comment such as
/// `<!-- site: jekyll plugins=jekyll-seo-tag -->` (default: no generator).
pub fn example_site(text: &str) -> Site {
    let Some(start) = text.find("<!-- site:") else { return Site::detached(Generator::None) };
    let line = &text[start + "<!-- site:".len()..];
    let line = &line[..line.find("-->").unwrap_or(line.len())];
    let mut words = line.split_whitespace();
    let generator = words.next().and_then(Generator::parse).flatten().unwrap_or(Generator::None);
    let mut site = Site::detached(generator);
    for word in words {
        if let Some(plugins) = word.strip_prefix("plugins=") {
            site.plugins = plugins.split(',').map(str::to_string).collect();
        } else if let Some(lang) = word.strip_prefix("lang=") {
            site.lang = Some(lang.to_string());
        } else if let Some(baseurl) = word.strip_prefix("baseurl=") {
            site.baseurl = baseurl.to_string();
        } else if let Some(url) = word.strip_prefix("url=") {
            site.url = Some(url.to_string());
        }
    }
    site
}

/// Lints `text` as the post at `path` on `site`.
pub fn lint_on_site(path: &str, text: &str, settings: &Settings, site: &Site) -> Vec<Report> {
    let context = LintContext { settings, site, today: TODAY };
    let mut reports = engine::lint_source(path, Path::new(path), text, &context);
    reports.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    reports
}

pub use crate::work::Work;

/// Runs `f` and returns what it returned with the work it did on this thread: bytes
/// scanned, elements built and visited (see `work.rs`).
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Work) {
    crate::work::reset();
    let value = f();
    (value, crate::work::done())
}
