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

// The cache files (`.postlint_cache/`), for the tests that forge them as an attacker
// would.

/// A site-index cache file's content, taken apart (see `site::cache`).
#[derive(Debug, Clone)]
pub struct IndexFile {
    pub key: String,
    pub written_at: i128,
    pub shape: crate::site::cache::Shape,
    pub entries: Vec<(String, crate::site::cache::Entry)>,
}

/// The content of an index file (without its seal) taken apart, when postlint would read it.
pub fn decode_index(content: &[u8]) -> Option<IndexFile> {
    let cache = crate::site::cache::decode(content)?;
    Some(IndexFile { key: cache.key, written_at: cache.written_at, shape: cache.shape, entries: cache.entries })
}

/// The content of an index file (without its seal).
pub fn encode_index(file: IndexFile) -> Vec<u8> {
    let IndexFile { key, written_at, shape, entries } = file;
    crate::site::cache::encode(&crate::site::cache::IndexCache { key, written_at, shape, entries })
}

/// The content of a cache file, its seal cut off (unchecked).
pub fn unsealed(file: &[u8]) -> &[u8] {
    &file[..file.len().saturating_sub(crate::site::seal::TAG_BYTES)]
}

/// Writes `content` to the cache file at `path` sealed with `key`, for the role its name
/// says (`index-v2.bin`, `run-v2.json`, `output-v1.bin`): what postlint writes on a machine
/// whose key is `key`.
pub fn write_sealed(path: &Path, content: &[u8], key: &[u8; 32]) -> std::io::Result<()> {
    let name = path.file_name().and_then(|name| name.to_str()).unwrap_or("");
    let Some(role) = crate::site::seal::Role::of_file(name) else {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("not a cache file: {name}")));
    };
    let mut sealed = content.to_vec();
    crate::site::seal::Sealer::from_key(key).seal(role, &mut sealed);
    std::fs::write(path, sealed)
}

/// The key postlint keeps under the cache home `cache_home` (what `XDG_CACHE_HOME` names),
/// when there is a usable one.
pub fn machine_key(cache_home: &Path) -> Option<[u8; 32]> {
    crate::site::seal::read_key(&cache_home.join("postlint"))
}
