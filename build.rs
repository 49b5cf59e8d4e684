//! Embeds the rulebook (`rules/<CODE>.md`) in the binary with its metadata read at build
//! time, so a one-file run does not parse the whole rulebook.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("rules");
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .map(|read| {
            read.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "md")).collect()
        })
        .unwrap_or_default();
    entries.sort();
    let mut out = String::from("pub static RULE_DOCS: &[RuleDoc] = &[\n");
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let meta = |key: &str| -> String {
            front_matter_lines(&text)
                .find_map(|line| {
                    line.strip_prefix(key)
                        .and_then(|rest| rest.strip_prefix(':'))
                        .map(|v| v.trim().trim_matches('"').to_string())
                })
                .unwrap_or_else(|| panic!("{}: front matter lacks `{key}`", path.display()))
        };
        let severity = match meta("severity").as_str() {
            "error" => "Error",
            "warning" => "Warning",
            "info" => "Info",
            other => panic!("{}: unknown severity {other}", path.display()),
        };
        let fix = match meta("fix").as_str() {
            "safe" => "Some(Applicability::Safe)",
            "unsafe" => "Some(Applicability::Unsafe)",
            "none" => "None",
            other => panic!("{}: unknown fix {other}", path.display()),
        };
        let optional = |key: &str| -> Option<String> {
            front_matter_lines(&text).find_map(|line| {
                line.strip_prefix(key)
                    .and_then(|rest| rest.strip_prefix(':'))
                    .map(|v| v.trim().trim_matches('"').to_string())
            })
        };
        let posts_only = match optional("applies").as_deref() {
            None | Some("all") => false,
            Some("posts") => true,
            Some(other) => panic!("{}: unknown applies {other} (all or posts)", path.display()),
        };
        let default_enabled = match optional("default").as_deref() {
            None | Some("true") => true,
            Some("false") => false,
            Some(other) => panic!("{}: unknown default {other} (true or false)", path.display()),
        };
        writeln!(
            out,
            "    RuleDoc {{ code: {:?}, name: {:?}, family: {:?}, severity: Severity::{severity}, fix: {fix}, posts_only: {posts_only}, default_enabled: {default_enabled}, summary: {:?}, text: include_str!({:?}) }},",
            meta("code"),
            meta("name"),
            meta("family"),
            summary(&text),
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("rulebook.rs"), out).unwrap();
}

fn front_matter_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().skip(1).take_while(|line| line.trim_end() != "---")
}

/// The first sentence under "## What it checks".
fn summary(text: &str) -> String {
    let section = text.split("## What it checks").nth(1).unwrap_or("");
    let paragraph: Vec<&str> =
        section.lines().map(str::trim).skip_while(|l| l.is_empty()).take_while(|l| !l.is_empty()).collect();
    let joined = paragraph.join(" ");
    let end = joined.find(". ").map_or(joined.len(), |i| i + 1);
    joined[..end].trim_end_matches('.').to_string()
}
