//! LNK014 remote-url-broken (rules/LNK014.md).
//!
//! A remote link or image URL that the link checker lychee reported as failing, read
//! from its JSON results (`results` option), at every place the URL is written.

use std::collections::HashMap;

use super::*;

/// LNK014 remote-url-broken.
pub struct RemoteUrlBroken {
    /// Normalised URL → lychee's status text (`404 Not Found`, `Timeout`).
    failures: HashMap<String, String>,
}

impl RemoteUrlBroken {
    pub fn new(options: &Options) -> Result<Self, super::super::OptionError> {
        let path = options.string("results");
        let error = |message: String| super::super::OptionError { key: "results".into(), message };
        // Without results there is nothing to map (a `select = ["ALL"]` run offline).
        if path.is_empty() {
            return Ok(RemoteUrlBroken { failures: HashMap::new() });
        }
        // The path is relative to the working directory, so it is bounded by its repository.
        let roots: Vec<std::path::PathBuf> = crate::bounded::working_boundary().ok().into_iter().collect();
        let text = match crate::bounded::read_to_string(Path::new(path), crate::bounded::RESULTS, &roots) {
            Ok(text) => text,
            // Not written yet: lychee runs in CI, while the same config serves local runs,
            // pre-commit and `postlint links` (which makes lychee's input). Nothing to map.
            Err(crate::bounded::Refused::Missing) => return Ok(RemoteUrlBroken { failures: HashMap::new() }),
            Err(e) => return Err(error(format!("cannot read `{path}`: {e}"))),
        };
        let failures = parse_lychee(&text).map_err(|e| error(format!("`{path}` is not lychee's JSON output: {e}")))?;
        Ok(RemoteUrlBroken { failures })
    }
}

/// lychee's `--format json` summary: failures under `error_map` (lychee 0.16 and later;
/// `fail_map` before) and `timeout_map`, each a map from input to responses with `url`
/// and `status.text`.
pub(super) fn parse_lychee(text: &str) -> Result<HashMap<String, String>, String> {
    let json: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let object = json.as_object().ok_or("not a JSON object")?;
    let mut failures = HashMap::new();
    let maps = ["error_map", "fail_map", "timeout_map"];
    if !maps.iter().any(|key| object.contains_key(*key)) {
        return Err("no `error_map`, `fail_map` or `timeout_map`".into());
    }
    for key in maps {
        let Some(inputs) = object.get(key).and_then(|v| v.as_object()) else { continue };
        for responses in inputs.values().filter_map(|v| v.as_array()) {
            for response in responses {
                let Some(url) = response.get("url").and_then(|u| u.as_str()) else { continue };
                let status = response
                    .get("status")
                    .and_then(|s| s.get("text").and_then(|t| t.as_str()).or_else(|| s.as_str()))
                    .unwrap_or(if key == "timeout_map" { "Timeout" } else { "failed" });
                failures.entry(normalize(url)).or_insert_with(|| status.to_string());
            }
        }
    }
    Ok(failures)
}

/// One form for a URL as lychee and the post may write it (`https://a.example` and
/// `https://a.example/`); the text as written when it does not parse.
fn normalize(url: &str) -> String {
    url::Url::parse(url.trim()).map_or_else(|_| url.trim().to_string(), |parsed| parsed.to_string())
}

impl Rule for RemoteUrlBroken {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        for (url, span) in remote_urls(ctx) {
            if let Some(status) = self.failures.get(&normalize(&url)) {
                out.push(
                    Diagnostic::new(span, format!("lychee could not fetch {}: {}", quote(&url), status))
                        .help("fix or replace the URL (an archived copy, the page's new address), or remove the link"),
                );
            }
        }
    }
}
