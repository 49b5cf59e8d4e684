//! The crate's modules depend one way: `text` ← `document` ← `site` ← `rules` ←
//! `config` ← `engine` ← `run` ← `output`/`cli`/`lsp`. This test reads every
//! `crate::<module>` path in `src/` (test modules aside) and fails on a cycle between
//! top-level modules, naming it, and on a lower layer reaching up.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn top_level_modules() -> BTreeSet<String> {
    std::fs::read_dir("src")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_string();
            (path.is_dir() || path.extension().is_some_and(|e| e == "rs")).then_some(name)
        })
        .filter(|name| name != "lib" && name != "main")
        .collect()
}

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// module → the other top-level modules its code names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let modules = top_level_modules();
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix("src").unwrap();
        let first = relative.components().next().unwrap().as_os_str().to_string_lossy().to_string();
        let module = first.trim_end_matches(".rs").to_string();
        if !modules.contains(&module) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(&text);
        for (at, _) in code.match_indices("crate::") {
            let name: String =
                code[at + "crate::".len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if name != module && modules.contains(&name) {
                graph.entry(module.clone()).or_default().insert(name);
            }
        }
        graph.entry(module).or_default();
    }
    graph
}

/// A path from `from` back to `from`, if there is one.
fn cycle_through(graph: &BTreeMap<String, BTreeSet<String>>, from: &str) -> Option<Vec<String>> {
    let mut stack = vec![vec![from.to_string()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().unwrap();
        for next in graph.get(last).into_iter().flatten() {
            if next == from {
                let mut cycle = path.clone();
                cycle.push(from.to_string());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn no_module_cycle() {
    let graph = dependencies();
    assert!(graph.len() > 10, "the modules were not found: {graph:?}");
    let cycles: Vec<String> =
        graph.keys().filter_map(|module| cycle_through(&graph, module)).map(|cycle| cycle.join(" → ")).collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn lower_layers_do_not_reach_up() {
    let graph = dependencies();
    let allowed: &[(&str, &[&str])] = &[
        ("text", &[]),
        ("bounded", &[]),
        ("reads", &[]),
        // The caps on one post's work and its counters: beside `text`, below everything.
        ("work", &["text"]),
        ("document", &["text", "work"]),
        ("site", &["text", "document", "bounded", "reads", "work"]),
        (
            "rules",
            &["text", "document", "bounded", "reads", "site", "diagnostic", "schema_org", "rich_results", "work"],
        ),
    ];
    for (module, may_use) in allowed {
        let uses = graph.get(*module).cloned().unwrap_or_default();
        let beyond: Vec<&String> = uses.iter().filter(|used| !may_use.contains(&used.as_str())).collect();
        assert!(beyond.is_empty(), "`{module}` reaches up to {beyond:?}");
    }
}

/// Rules ask the site model; they never learn which generator built the site. The
/// generator type is private to `site` (the compiler holds that); this holds the rest:
/// no rule names a generator by its configuration name in a string, which a rule could
/// otherwise compare with something the site says.
#[test]
fn rules_never_name_a_generator() {
    let names = [
        "jekyll",
        "hugo",
        "zola",
        "astro",
        "eleventy",
        "11ty",
        "vuepress",
        "vitepress",
        "hexo",
        "docusaurus",
        "mkdocs",
    ];
    let mut files = Vec::new();
    rust_files(Path::new("src/rules"), &mut files);
    assert!(files.len() > 50, "the rules were not found");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for name in names {
            for quoted in [format!("\"{name}\""), format!("\"{name}-")] {
                if text.contains(&quoted) {
                    found.push(format!("{}: {quoted}", file.display()));
                }
            }
        }
        assert!(!text.contains("Generator"), "{} names the generator type", file.display());
    }
    assert!(found.is_empty(), "rules name generators:\n{}", found.join("\n"));
}
