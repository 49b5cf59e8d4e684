//! Issue 19: safe on a stranger's pull request. `--fix` never writes through a link or
//! over a newer edit, paths that resolve outside the repository are not read, and no
//! line of output can start or carry a GitHub workflow command.

#![cfg(unix)]

mod common;

use std::os::unix::fs::{MetadataExt, symlink};

use common::*;

/// FM012's safe fix quotes `no`, so `--fix` has something to write.
const FIXABLE: &str = "---\ntitle: \"Norway road trip notes\"\ncountry: no\n---\n\nBody.\n";

#[test]
fn fix_does_not_write_through_a_symlinked_post() {
    let dir = site(&[("real/target.md", FIXABLE)]);
    symlink("real/target.md", dir.path().join("post.md")).unwrap();
    let output = postlint().current_dir(dir.path()).args(["check", "--fix", "post.md"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("PL001") && stdout.contains("cannot write fixes"), "{stdout}");
    assert!(stdout.contains("not a regular file"), "{stdout}");
    assert_eq!(std::fs::read_to_string(dir.path().join("real/target.md")).unwrap(), FIXABLE);
    assert!(std::fs::symlink_metadata(dir.path().join("post.md")).unwrap().file_type().is_symlink());
}

#[test]
fn fix_keeps_hard_links_shared() {
    let dir = site(&[("post.md", FIXABLE)]);
    std::fs::hard_link(dir.path().join("post.md"), dir.path().join("linked.md")).unwrap();
    postlint().current_dir(dir.path()).args(["check", "--fix", "--quiet", "post.md"]).output().unwrap();
    let fixed = std::fs::read_to_string(dir.path().join("post.md")).unwrap();
    assert!(fixed.contains("country: \"no\""), "{fixed}");
    assert_eq!(std::fs::read_to_string(dir.path().join("linked.md")).unwrap(), fixed);
    let (a, b) = (dir.path().join("post.md").metadata().unwrap(), dir.path().join("linked.md").metadata().unwrap());
    assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
}

/// A post outside the site whose title would show up in messages if it were linted.
const SECRET: &str = "---\ntitle: \"SECRET_TOKEN_abc123\"\ncountry: no\n---\n\nSECRET_TOKEN_abc123\n";

fn outside_site() -> tempfile::TempDir {
    site(&[("secret.md", SECRET)])
}

#[test]
fn a_symlinked_directory_on_the_command_line_that_leads_outside_is_not_followed() {
    let outside = outside_site();
    let dir = site(&[("inside.md", FIXABLE)]);
    symlink(outside.path(), dir.path().join("_posts")).unwrap();
    let (_, json) = check_json(dir.path(), &["_posts", "inside.md"]);
    let found = found_in(&json, "");
    assert!(
        found.iter().any(|(code, _, _, message)| code == "PL001" && message.contains("outside the repository")),
        "{json}"
    );
    assert!(!json.to_string().contains("SECRET_TOKEN"), "nothing from outside is read: {json}");
    assert!(!found_in(&json, "secret.md").iter().any(|(code, ..)| code != "PL001"), "{json}");
    assert!(found_in(&json, "inside.md").iter().any(|(code, ..)| code == "FM012"), "the run goes on: {json}");
    // `--fix` does not touch the outside file either.
    postlint().current_dir(dir.path()).args(["check", "--fix", "--quiet", "_posts"]).output().unwrap();
    assert_eq!(std::fs::read_to_string(outside.path().join("secret.md")).unwrap(), SECRET);
}

#[test]
fn a_symlinked_post_found_while_walking_that_leads_outside_is_not_read() {
    let outside = outside_site();
    let dir = site(&[("_posts/inside.md", FIXABLE)]);
    symlink(outside.path().join("secret.md"), dir.path().join("_posts/leak.md")).unwrap();
    for format in ["full", "concise", "json"] {
        let output =
            postlint().current_dir(dir.path()).args(["check", "--output-format", format, "."]).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!stdout.contains("SECRET_TOKEN"), "{format}: {stdout}");
        assert!(stdout.contains("leak.md") && stdout.contains("outside the repository"), "{format}: {stdout}");
        assert!(stdout.contains("inside.md"), "{format}: the run goes on: {stdout}");
    }
    let output = postlint().current_dir(dir.path()).args(["check", "--diff", "."]).output().unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains("SECRET_TOKEN"), "--diff shows nothing from outside");
}

#[test]
fn a_symlinked_post_inside_the_repository_is_still_linted() {
    let dir = site(&[("drafts/real.md", FIXABLE)]);
    std::fs::create_dir(dir.path().join("_posts")).unwrap();
    symlink("../drafts/real.md", dir.path().join("_posts/linked.md")).unwrap();
    let (_, json) = check_json(dir.path(), &["_posts"]);
    assert!(found_in(&json, "_posts/linked.md").iter().any(|(code, ..)| code == "FM012"), "{json}");
}

/// A post whose path, title, headings and content try to forge workflow commands.
const FORGED: &str = "---\ntitle: \"##[error]forged \\e[31m title\"\ncountry: no\n---\n\n# ##[error]forged \u{1b}]0;x\u{7}\n\n## ::warning::forged\n\n## ::warning::forged\n\n#### ##[add-mask]skipped \u{1b}[2J\u{9b}\r\n";

/// Every line of `output` is safe: no raw control character but tab, no `##[`, no line
/// starting (after whitespace) with `::` unless `genuine` accepts it.
fn assert_safe(what: &str, output: &[u8], genuine: &dyn Fn(&str) -> bool) {
    let text = String::from_utf8_lossy(output);
    assert!(text.contains("forged"), "{what}: the forged text is shown, escaped: {text}");
    assert_lines_safe(what, &text, genuine);
}

fn assert_lines_safe(what: &str, text: &str, genuine: &dyn Fn(&str) -> bool) {
    for line in text.split('\n') {
        assert!(!line.contains("##["), "{what}: legacy command in {line:?}");
        assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "{what}: control character in {line:?}");
        if line.trim_start().starts_with("::") {
            assert!(genuine(line), "{what}: forged workflow command {line:?}");
        }
    }
}

#[test]
fn no_output_line_can_start_or_carry_a_workflow_command() {
    let dir = site(&[("::error file=a.md::forged.md", FORGED), ("x\n::warning::newline.md", FORGED)]);
    for format in ["concise", "full", "json", "json-lines", "sarif", "junit"] {
        for extra in [&[][..], &["--statistics"][..]] {
            let output = postlint()
                .current_dir(dir.path())
                .args(["check", "--select", "ALL", "--output-format", format])
                .args(extra)
                .arg(".")
                .output()
                .unwrap();
            assert_safe(&format!("{format} {extra:?}"), &output.stdout, &|_| false);
            assert_lines_safe(
                &format!("{format} {extra:?} (stderr)"),
                &String::from_utf8_lossy(&output.stderr),
                &|_| false,
            );
        }
    }
    let output = postlint()
        .current_dir(dir.path())
        .args(["check", "--select", "ALL", "--output-format", "github", "."])
        .output()
        .unwrap();
    // postlint's own annotations: a known command, then only the properties it writes.
    let genuine = |line: &str| {
        let ours = ["::error ", "::warning ", "::notice "].iter().any(|c| line.starts_with(c));
        let (properties, _) =
            line.split_once("::").map(|(_, rest)| rest.split_once("::").unwrap_or((rest, ""))).unwrap();
        let keys: Vec<&str> = properties
            .split_once(' ')
            .map_or("", |(_, p)| p)
            .split(',')
            .map(|p| p.split_once('=').map_or(p, |(k, _)| k))
            .collect();
        ours && keys == ["file", "line", "col", "endLine", "endColumn", "title"]
    };
    assert_safe("github", &output.stdout, &genuine);
    let annotations = String::from_utf8_lossy(&output.stdout);
    assert!(annotations.contains("file=%3A%3Aerror file=a.md%3A%3Aforged.md,"), "{annotations}");
    assert!(annotations.contains("file=x\\n%3A%3Awarning%3A%3Anewline.md,"), "{annotations}");
    let output = postlint().current_dir(dir.path()).args(["check", "--diff", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "FM012 has a fix to show");
    assert_safe("--diff", &output.stdout, &|_| false);
}
