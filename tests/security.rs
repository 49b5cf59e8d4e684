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
    // The boundary is the site's repository, not the working directory (issue 29).
    std::fs::create_dir(dir.path().join(".git")).unwrap();
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

// Everything besides the posts (schemas, site configs, Gemfiles, layouts, includes) is
// read only inside the site or the repository, only as a regular file, and under a cap.

/// A post whose front matter names `schema` as its FM017 schema.
fn schema_post(schema: &str) -> String {
    format!("---\n$schema: {schema}\ntitle: \"Notes from the spring market\"\n---\n\nBody.\n")
}

fn run_bounded(dir: &std::path::Path, args: &[&str]) -> (i32, serde_json::Value) {
    let output = postlint()
        .current_dir(dir)
        .args(["check", "--output-format", "json"])
        .args(args)
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    let json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", String::from_utf8_lossy(&output.stdout)));
    (output.status.code().unwrap_or(-1), json)
}

#[test]
fn a_schema_outside_the_site_or_not_a_regular_file_is_not_read() {
    let outside = site(&[("secret.json", "{\"required\": [\"SECRET_TOKEN_abc123\"]}")]);
    let leak = outside.path().join("secret.json");
    let dir = site(&[
        ("passwd.md", &schema_post("../../../../../../../../etc/passwd")),
        ("leak.md", &schema_post(&leak.display().to_string())),
        ("zero.md", &schema_post("zero.json")),
        ("big.md", &schema_post("big.json")),
    ]);
    symlink("/dev/zero", dir.path().join("zero.json")).unwrap();
    std::fs::File::create(dir.path().join("big.json")).unwrap().set_len(2 << 20).unwrap();
    let (_, json) = run_bounded(dir.path(), &["--select", "FM017", "."]);
    assert!(!json.to_string().contains("SECRET_TOKEN"), "{json}");
    let message = |file: &str| {
        let found = found_in(&json, file);
        assert_eq!(found.len(), 1, "{file}: {json}");
        assert_eq!(found[0].0, "FM017", "{file}: {json}");
        found[0].3.clone()
    };
    for file in ["passwd.md", "leak.md"] {
        assert!(message(file).contains("outside the site"), "{json}");
    }
    assert!(message("zero.md").contains("outside the site"), "{json}");
    assert!(message("big.md").contains("limit for a schema"), "{json}");
}

#[test]
fn a_post_that_is_a_fifo_or_too_large_is_a_pl001_not_a_hang() {
    let dir = site(&[("_posts/ok.md", FIXABLE)]);
    // A repository, so that `../pipe` is inside the boundary (issue 29).
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let status = std::process::Command::new("mkfifo").arg(dir.path().join("pipe")).status().unwrap();
    assert!(status.success());
    symlink("../pipe", dir.path().join("_posts/pipe.md")).unwrap();
    let big = std::fs::File::create(dir.path().join("_posts/big.md")).unwrap();
    big.set_len(17 << 20).unwrap();
    let (_, json) = run_bounded(dir.path(), &["_posts"]);
    let pipe = found_in(&json, "pipe.md");
    assert!(pipe.iter().any(|(code, _, _, m)| code == "PL001" && m.contains("not a regular file")), "{json}");
    let big = found_in(&json, "big.md");
    assert!(big.iter().any(|(code, _, _, m)| code == "PL001" && m.contains("16 MiB limit for a post")), "{json}");
    assert!(found_in(&json, "ok.md").iter().any(|(code, ..)| code == "FM012"), "the run goes on: {json}");
}

#[test]
fn site_configs_linked_to_devices_fifos_or_outside_are_not_read() {
    let outside = site(&[("Gemfile", "gem \"jekyll-seo-tag\"\n")]);
    let dir = site(&[("_posts/2026-01-12-ok.md", FIXABLE)]);
    symlink("/dev/zero", dir.path().join("_config.yml")).unwrap();
    symlink(outside.path().join("Gemfile"), dir.path().join("Gemfile")).unwrap();
    let (_, json) = run_bounded(dir.path(), &["."]);
    let config = found_in(&json, "_config.yml");
    assert!(config.iter().any(|(code, _, _, m)| code == "PL001" && m.contains("outside the site")), "{json}");
    let gemfile = found_in(&json, "Gemfile");
    assert!(gemfile.iter().any(|(code, _, _, m)| code == "PL001" && m.contains("outside the site")), "{json}");
    assert!(found_in(&json, "2026-01-12-ok.md").iter().any(|(code, ..)| code == "FM012"), "{json}");

    // A FIFO inside the site is refused without being opened.
    let dir = site(&[("_posts/2026-01-12-ok.md", FIXABLE)]);
    assert!(std::process::Command::new("mkfifo").arg(dir.path().join("_config.yml")).status().unwrap().success());
    let (_, json) = run_bounded(dir.path(), &["."]);
    let config = found_in(&json, "_config.yml");
    assert!(config.iter().any(|(code, _, _, m)| code == "PL001" && m.contains("not a regular file")), "{json}");
}

/// A jekyll-seo-tag site whose layout includes `include` and a post with its own JSON-LD:
/// LD007 fires when the include renders `{% seo %}`.
fn seo_site(include: &str) -> tempfile::TempDir {
    let post = "---\ntitle: \"Notes from the spring market\"\nlayout: post\n---\n\n<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\", \"@type\": \"BlogPosting\", \"headline\": \"Notes from the spring market\"}\n</script>\n";
    site(&[
        ("_config.yml", "plugins:\n  - jekyll-seo-tag\n"),
        ("_layouts/post.html", &format!("<head>{{% include {include} %}}</head>\n")),
        ("_includes/head.html", "{% seo %}\n"),
        ("_posts/2026-01-12-market.md", post),
    ])
}

#[test]
fn includes_outside_the_site_are_not_followed() {
    let inside = seo_site("head.html");
    let (_, json) = run_bounded(inside.path(), &["--select", "LD007", "."]);
    assert!(found_in(&json, "market.md").iter().any(|(code, ..)| code == "LD007"), "control: {json}");

    let outside = site(&[("seo.html", "{% seo %}\n")]);
    let target = outside.path().join("seo.html");
    let dir = seo_site(&target.display().to_string());
    let (_, json) = run_bounded(dir.path(), &["--select", "LD007", "."]);
    assert!(!found_in(&json, "market.md").iter().any(|(code, ..)| code == "LD007"), "no oracle: {json}");
    let named = found_in(&json, "seo.html");
    assert!(named.iter().any(|(code, _, _, m)| code == "PL001" && m.contains("outside the site")), "{json}");

    // The same through a symlink in `_includes`.
    let dir = seo_site("linked.html");
    symlink(&target, dir.path().join("_includes/linked.html")).unwrap();
    let (_, json) = run_bounded(dir.path(), &["--select", "LD007", "."]);
    assert!(!found_in(&json, "market.md").iter().any(|(code, ..)| code == "LD007"), "{json}");
    assert!(found_in(&json, "_includes/linked.html").iter().any(|(code, ..)| code == "PL001"), "{json}");
}

#[test]
fn an_invalid_config_is_reported_once_at_its_position_and_the_run_goes_on() {
    let posts = [("_posts/2026-01-12-a.md", FIXABLE), ("_posts/2026-01-13-b.md", FIXABLE)];
    let broken = "title: Blog\nbaseurl: \"/blog\nplugins: [a\n";
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
    for (config, expect) in [(broken, "invalid YAML"), (bomb, "alias")] {
        let mut files = posts.to_vec();
        files.push(("_config.yml", config));
        let dir = site(&files);
        let (_, json) = run_bounded(dir.path(), &["."]);
        let found = found_in(&json, "_config.yml");
        assert_eq!(found.len(), 1, "once: {json}");
        let (code, line, _, message) = &found[0];
        assert_eq!(code, "PL001");
        assert!(message.contains(expect), "{message}");
        assert!(*line > 1, "at its position: {json}");
        for post in ["2026-01-12-a.md", "2026-01-13-b.md"] {
            assert!(found_in(&json, post).iter().any(|(code, ..)| code == "FM012"), "the run goes on: {json}");
        }
    }
}

#[test]
fn a_schema_at_dev_stdin_does_not_hang_the_run() {
    let dir = site(&[("stdin.md", &schema_post("/dev/stdin"))]);
    // stdin stays open and empty, as in an editor or a CI step: opening it would wait forever.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("postlint"))
        .current_dir(dir.path())
        .args(["check", "--output-format", "json", "--select", "FM017", "stdin.md"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _stdin = child.stdin.take();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("postlint hung reading `$schema: /dev/stdin`");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let mut stdout = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut stdout).unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let found = found_in(&json, "stdin.md");
    assert!(found.iter().any(|(code, _, _, m)| code == "FM017" && m.contains("/dev/stdin")), "{json}");
}

#[test]
fn a_hostile_schema_cannot_hang_the_run_and_an_invalid_pattern_is_reported() {
    // A self-referencing anyOf never ends without a bound; a nest of anyOf + $ref doubles
    // the work per level.
    let looping =
        r##"{"$defs": {"x": {"anyOf": [{"$ref": "#/$defs/x"}, {"$ref": "#/$defs/x"}]}}, "$ref": "#/$defs/x"}"##;
    let bad_pattern = r#"{"type": "object", "properties": {"title": {"type": "string", "pattern": "(unclosed"}}}"#;
    let dir = common::site(&[
        ("_config.yml", "title: x\n"),
        ("schemas/loop.json", looping),
        ("schemas/bad.json", bad_pattern),
        ("_posts/2026-01-01-a.md", "---\n$schema: ../schemas/loop.json\ntitle: \"A\"\n---\n"),
        ("_posts/2026-01-02-b.md", "---\n$schema: ../schemas/bad.json\ntitle: \"B\"\n---\n"),
    ]);
    let start = std::time::Instant::now();
    let (_, json) = common::check_json(dir.path(), &["--select", "FM017", "."]);
    assert!(start.elapsed() < std::time::Duration::from_secs(20), "bounded work");
    let messages: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(messages.iter().any(|m| m.contains("too complex")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("not a valid regular expression")), "{messages:?}");
}

/// Red-team B4: whether a file outside the repository exists must not change FM017's
/// message — for an absolute path, a `../` path, and a committed symbolic link (dangling
/// or not) — and a post linked to `/dev/stdin` is outside, not "missing".
#[test]
fn whether_a_schema_outside_exists_changes_no_message() {
    let outside = site(&[("exists.json", "{\"required\": [\"SECRET_TOKEN_abc123\"]}")]);
    let exists = outside.path().join("exists.json").display().to_string();
    let missing = outside.path().join("postlint-nonexistent.json").display().to_string();
    let up = "../".repeat(20);
    let dir = site(&[
        ("abs-a.md", &schema_post(&exists)),
        ("abs-b.md", &schema_post(&missing)),
        ("up-a.md", &schema_post(&format!("{up}etc/passwd"))),
        ("up-b.md", &schema_post(&format!("{up}etc/postlint-nonexistent"))),
        ("via-a.md", &schema_post(&format!("{up}etc/passwd/../../{}", exists.trim_start_matches('/')))),
        ("via-b.md", &schema_post(&format!("{up}etc/postlint-nonexistent/../../{}", exists.trim_start_matches('/')))),
        ("link-a.md", &schema_post("linked-a.json")),
        ("link-b.md", &schema_post("linked-b.json")),
    ]);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    symlink(&exists, dir.path().join("linked-a.json")).unwrap();
    symlink(&missing, dir.path().join("linked-b.json")).unwrap();
    let (_, json) = run_bounded(dir.path(), &["--select", "FM017", "."]);
    assert!(!json.to_string().contains("SECRET_TOKEN"), "{json}");
    let message = |file: &str| {
        let found = found_in(&json, file);
        assert_eq!(found.len(), 1, "{file}: {json}");
        found[0].3.replace(&exists, "X").replace(&missing, "X").replace("linked-a", "L").replace("linked-b", "L")
    };
    for pair in ["abs", "up", "via", "link"] {
        let (a, b) = (message(&format!("{pair}-a.md")), message(&format!("{pair}-b.md")));
        assert!(a.contains("outside the site"), "{pair}: {a}");
        assert_eq!(
            a.replace("passwd", "N").replace("postlint-nonexistent", "N"),
            b.replace("passwd", "N").replace("postlint-nonexistent", "N"),
            "{pair}"
        );
    }
}

#[test]
fn a_post_linked_to_dev_stdin_is_outside_not_missing() {
    let dir = site(&[("_posts/ok.md", FIXABLE)]);
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    symlink("/dev/stdin", dir.path().join("_posts/stdin.md")).unwrap();
    let (_, json) = run_bounded(dir.path(), &["."]);
    let found = found_in(&json, "stdin.md");
    assert!(found.iter().any(|(code, _, _, m)| code == "PL001" && m.contains("outside")), "{json}");
    assert!(!json.to_string().contains("does not exist"), "{json}");
}
