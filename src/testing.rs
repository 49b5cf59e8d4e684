//! Helpers for tests and fuzzing: lint text as if it were a file, without a disk.

use std::path::Path;

use crate::config::{self, Overrides, Settings};
use crate::diagnostic::Report;
use crate::engine::{self, LintContext};
pub use crate::rules::front_matter::{
    ASSERTED_FORMATS as JSON_SCHEMA_ASSERTED_FORMATS, Draft as JsonSchemaDraft, Verdict as SchemaVerdict,
};
use crate::site::{GeneratorName, Site};
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
pub fn lint_text(path: &str, text: &str, settings: &Settings, generator: &str) -> Vec<Report> {
    lint_on_site(path, text, settings, &Site::detached(GeneratorName::parse(generator).flatten()))
}

/// The site a rulebook example asks for with an HTML comment such as
/// `<!-- site: jekyll plugins=jekyll-seo-tag -->` (default: no generator).
pub fn example_site(text: &str) -> Site {
    let Some(start) = text.find("<!-- site:") else { return Site::detached(None) };
    let line = &text[start + "<!-- site:".len()..];
    let line = &line[..line.find("-->").unwrap_or(line.len())];
    let mut words = line.split_whitespace();
    let generator = words.next().and_then(GeneratorName::parse).flatten();
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

/// What FM017's JSON Schema validator says of `instance` against `schema`, read with the
/// rules of `draft` when the schema's `$schema` names none (the JSON-Schema-Test-Suite).
pub fn json_schema_check(
    schema: &serde_json::Value,
    instance: &serde_json::Value,
    draft: JsonSchemaDraft,
) -> SchemaVerdict {
    crate::rules::front_matter::check_json_instance(schema, instance, draft)
}

/// The `file:` URI the language server helpers give the post at `path` (percent-encoded).
pub fn uri_of(path: &str) -> lsp_types::Uri {
    let absolute = Path::new("/").join(path);
    let uri = url::Url::from_file_path(&absolute).map(|url| url.to_string()).unwrap_or_default();
    match uri.parse() {
        Ok(uri) => uri,
        Err(error) => panic!("{uri:?} from {absolute:?} is a URI: {error:?}"),
    }
}

/// What the language server publishes for `text` (the post at `path` on `site`).
pub fn server_diagnostics(path: &str, text: &str, settings: &Settings, site: &Site) -> Vec<lsp_types::Diagnostic> {
    crate::lsp::actions::published(&uri_of(path), text, &lint_on_site(path, text, settings, site))
}

/// The code actions the language server offers when the editor, holding `text` at
/// `version`, asks about `requested` diagnostics (every published one when `None`): as
/// `textDocument/codeAction` computes them, without the stdio transport.
pub fn server_actions(
    path: &str,
    text: &str,
    version: i32,
    settings: &Settings,
    site: &Site,
    requested: Option<&[lsp_types::Diagnostic]>,
) -> Vec<lsp_types::CodeActionOrCommand> {
    let uri = uri_of(path);
    let current = server_diagnostics(path, text, settings, site);
    let snapshot = crate::lsp::actions::Snapshot { uri: &uri, text, version, diagnostics: &current };
    crate::lsp::actions::for_request(&snapshot, requested.unwrap_or(&current), None)
}

/// `text` with LSP text edits applied (positions in UTF-16 units; a line ends at `\n`,
/// `\r\n` or a lone `\r`), or `None` when an edit is outside the text or edits overlap.
pub fn apply_lsp_edits(text: &str, edits: &[lsp_types::TextEdit]) -> Option<String> {
    let lines = crate::text::lines::LineIndex::new(text);
    let offset = |position: lsp_types::Position| {
        let line = position.line as usize;
        if line >= lines.line_count() {
            return None;
        }
        let span = lines.line_span(text, line);
        let mut units = 0;
        for (index, ch) in text[span.clone()].char_indices() {
            if units >= position.character as usize {
                return Some(span.start + index);
            }
            units += ch.len_utf16();
        }
        Some(span.end)
    };
    let mut resolved = Vec::new();
    for (index, edit) in edits.iter().enumerate() {
        let (start, end) = (offset(edit.range.start)?, offset(edit.range.end)?);
        resolved.push((start, end.max(start), index, edit.new_text.as_str()));
    }
    resolved.sort_by_key(|(start, _, index, _)| std::cmp::Reverse((*start, *index)));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for (start, end, _, new_text) in resolved {
        if end > limit {
            return None;
        }
        out.replace_range(start..end, new_text);
        limit = start;
    }
    Some(out)
}

/// The edits of a code action sent as one versioned `TextDocumentEdit`, with the version
/// it names; `None` for any other shape (unversioned `changes` included).
pub fn versioned_edits(action: &lsp_types::CodeAction) -> Option<(i32, Vec<lsp_types::TextEdit>)> {
    let edit = action.edit.as_ref()?;
    if edit.changes.is_some() {
        return None;
    }
    let Some(lsp_types::DocumentChanges::Edits(documents)) = &edit.document_changes else { return None };
    let [document] = documents.as_slice() else { return None };
    let edits = document
        .edits
        .iter()
        .map(|edit| match edit {
            lsp_types::OneOf::Left(edit) => edit.clone(),
            lsp_types::OneOf::Right(annotated) => annotated.text_edit.clone(),
        })
        .collect();
    Some((document.text_document.version?, edits))
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

pub use crate::work::Work;

/// Runs `f` and returns what it returned with the work it did on this thread: bytes
/// scanned, elements built and visited (see `work.rs`).
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Work) {
    crate::work::reset();
    let value = f();
    (value, crate::work::done())
}
