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
// would and for the fuzz target of their decoders.

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
    crate::site::seal::unverified_content(file)
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

/// Runs every cache decoder on `data` and checks what must hold whatever the bytes: no
/// panic; what decodes encodes back to something that decodes the same; no path a decoder
/// accepts leaves the site; output it would print back carries no workflow command or
/// control character; nothing opens under a key without its tag.
pub fn fuzz_cache_decoders(data: &[u8]) {
    use crate::site::cache::{decode, encode, plain_path};
    if let Some(cache) = decode(data) {
        let again = decode(&encode(&cache)).expect("an index postlint wrote reads back");
        assert_eq!(
            (&again.key, again.written_at, &again.shape, &again.entries),
            (&cache.key, cache.written_at, &cache.shape, &cache.entries)
        );
        assert!(cache.entries.iter().all(|(path, _)| plain_path(path)));
        assert!(cache.shape.folders.iter().all(|(path, _)| path.is_empty() || plain_path(path)));
    }
    if let Some(entry) = crate::replay::decode_entry(data) {
        let json = serde_json::to_vec(&entry).expect("an entry serialises");
        assert!(crate::replay::decode_entry(&json).is_some(), "an entry postlint wrote reads back");
    }
    let header = crate::replay::OutputHeader { invocation: 0, tree: 0, output_key: 0 };
    if let Some((output, exit)) = crate::replay::decode_output(data, &header) {
        let again = crate::replay::encode_output(&header, output, exit);
        assert_eq!(crate::replay::decode_output(&again, &header), Some((output, exit)));
    }
    let flags = data.first().copied().unwrap_or(0);
    let printed = crate::replay::Printed { annotations: flags & 1 != 0, colour: flags & 2 != 0 };
    if crate::replay::printable(data, printed) {
        let text = std::str::from_utf8(data).expect("printable output is UTF-8");
        assert!(!text.contains("##["));
        for line in text.split('\n') {
            let command = line.trim_start().starts_with("::");
            assert!(!command || (printed.annotations && line.starts_with("::")), "{line:?}");
            let controls = line.chars().filter(|c| c.is_control() && *c != '\t' && *c != '\u{1b}');
            assert_eq!(controls.count(), 0, "{line:?}");
            assert!(printed.colour || !line.contains('\u{1b}'), "{line:?}");
        }
    }
    let sealer = crate::site::seal::Sealer::from_key(&[0; 32]);
    for role in [crate::site::seal::Role::Index, crate::site::seal::Role::Run, crate::site::seal::Role::Output] {
        assert!(sealer.open(role, data).is_none() || data.len() >= crate::site::seal::TAG_BYTES);
    }
    if let Ok(path) = std::str::from_utf8(data) {
        let place = crate::replay::Place::new(Path::new("/site"), Path::new("/site/blog"));
        if let Some(relative) = place.relative(Path::new(path)) {
            assert!(plain_path(&relative), "{path:?} -> {relative:?}");
        }
    }
}
