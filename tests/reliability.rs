//! Hostile input: no panic, no hang, spans always in bounds, the same output whatever the
//! thread count, escaped user text, faults of the file system reported and survived.

mod common;

use std::time::{Duration, Instant};

use common::*;
use postlint::testing::{all_rules, lint_text, measure};
use proptest::prelude::*;

/// The heap each thread has in use and its peak, so a test can read what linting one post
/// needed (the lint runs on the test's thread).
mod heap {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    pub struct Counting;

    thread_local! {
        static IN_USE: Cell<isize> = const { Cell::new(0) };
        static PEAK: Cell<isize> = const { Cell::new(0) };
    }

    fn add(bytes: isize) {
        let now = IN_USE.with(|c| {
            c.set(c.get() + bytes);
            c.get()
        });
        PEAK.with(|p| p.set(p.get().max(now)));
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            add(layout.size() as isize);
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            add(-(layout.size() as isize));
            unsafe { System.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            add(new_size as isize - layout.size() as isize);
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    /// The most heap `f` had in use at once on this thread beyond what was in use before.
    pub fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
        let before = IN_USE.with(Cell::get);
        PEAK.with(|p| p.set(before));
        let value = f();
        (value, (PEAK.with(Cell::get) - before).max(0) as usize)
    }
}

#[global_allocator]
static HEAP: heap::Counting = heap::Counting;

/// Every report's spans lie in the text and on character boundaries.
fn check_spans(text: &str) {
    let settings = all_rules();
    for generator in ["none", "jekyll", "hugo"] {
        for report in lint_text("_posts/2026-01-12-x.md", text, &settings, generator) {
            let spans =
                std::iter::once(&report.span).chain(report.fix.iter().flat_map(|f| f.edits.iter().map(|e| &e.span)));
            for span in spans {
                assert!(
                    span.start <= span.end && span.end <= text.len(),
                    "{} span {span:?} outside {} bytes",
                    report.code,
                    text.len()
                );
                assert!(
                    text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                    "{} span {span:?} splits a character",
                    report.code
                );
            }
            assert!(report.location.start.line >= 1 && report.location.start.column >= 1);
        }
    }
}

/// Pieces that exercise every parser: fences, YAML, JSON-LD, Liquid, HTML, images.
const PIECES: &[&str] = &[
    "---\n",
    "+++\n",
    "title: \"x\"\n",
    "title: 2026年版\n",
    "tags: [a, 2025, \"b\"]\n",
    "- item\n",
    "key: &a [1]\nother: *a\n",
    "{\n",
    "}\n",
    "# H\n",
    "## ステップ1\n",
    "### Step 3:\n",
    "Title\n===\n",
    "\n",
    "![alt](http://x/a.png?w=1&w=2)\n",
    "<img src=\"/a.png\">\n",
    "<h2>x</h2>\n",
    "<script type=\"application/ld+json\">\n",
    "</script>\n",
    "{\"@context\": \"https://schema.org\", \"@type\": \"BlogPosting\", \"headline\": \"x\",}\n",
    "{% post_url 2026-01-01-a %}\n",
    "{{ site.baseurl }}",
    "{%",
    "%}",
    "```\ncode\n```\n",
    "<!-- postlint-disable FM002 -->\n",
    "# postlint-disable-next-line FM008\n",
    "[x](#missing)\n",
    "\u{feff}",
    "\r\n",
    "２０２５年",
    "𠮷",
    "\t",
    "\u{1b}[31m",
    "\0",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,400}") {
        check_spans(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_spans(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn structured_fragments_never_panic(indices in prop::collection::vec(0usize..PIECES.len(), 0..40)) {
        let text: String = indices.iter().map(|&i| PIECES[i]).collect();
        check_spans(&text);
    }
}

#[test]
fn output_is_the_same_with_one_thread_and_many() {
    let run = |threads: &str| {
        postlint()
            .current_dir(fixtures())
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--output-format", "json", "."])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("4"));
    assert_eq!(one, run("16"));
}

#[test]
fn output_streams_in_path_order_across_batches() {
    // One thread lints 32 files between outputs: 150 files make five batches.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..150 {
        let post = format!("---\ntitle: \"Post {i}\"\n---\n\n## Section\n\n#### Skipped levels in post {i}\n");
        std::fs::write(dir.path().join(format!("p{:03}.md", 149 - i)), post).unwrap();
    }
    let run = |threads: &str| {
        let output = postlint()
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .args(["check", "--select", "HD002", "--output-format", "json", "."])
            .output()
            .unwrap();
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let json = run("1");
    let paths: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    let expected: Vec<String> = (0..150).map(|i| format!("p{i:03}.md")).collect();
    assert_eq!(paths, expected);
    assert_eq!(json["summary"]["files"], 150);
    assert_eq!(json, run("3"));
}

#[test]
fn reports_reach_the_output_before_later_files_are_read() {
    // No run holds every file's reports: the first file is printed while later batches
    // are still unread. Deleting the last file at the first output proves it.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..150 {
        std::fs::write(
            dir.path().join(format!("p{i:03}.md")),
            "---\ntitle: \"Post\"\n---\n\n## Section\n\n#### Skipped\n",
        )
        .unwrap();
    }
    let options = postlint::run::CheckOptions {
        paths: vec![dir.path().to_path_buf()],
        stdin_filename: None,
        force_exclude: false,
        verbose: false,
        keep_sources: false,
        today: None,
        overrides: postlint::config::Overrides { select: Some(vec!["HD002".into()]), ..Default::default() },
        fix: None,
        diff: false,
        // The temporary directory is outside this repository, the test's working directory.
        boundary: Some(dir.path().to_path_buf()),
        allow_empty: false,
        report_clean_files: false,
        no_cache: true,
    };
    let last = dir.path().join("p149.md");
    let mut seen = Vec::new();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
    pool.install(|| {
        postlint::run::check(&options, &mut |file| {
            if seen.is_empty() {
                std::fs::remove_file(&last).unwrap();
            }
            seen.push((file.path.clone(), file.reports[0].code));
            Ok(())
        })
    })
    .unwrap();
    assert_eq!(seen.len(), 150);
    assert_eq!(seen[0].1, "HD002");
    assert_eq!(seen[149].1, "PL001", "the last file was read after the first was printed");
}

/// Lints `text` in a temporary directory with a generous time bound.
fn lint_file_within(text: &[u8], limit: Duration) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("post.md"), text).unwrap();
    let started = Instant::now();
    let (_, json) = check_json(dir.path(), &["post.md"]);
    assert!(started.elapsed() < limit, "took {:?}", started.elapsed());
    json
}

#[test]
fn pathological_inputs_finish() {
    let deep = format!(
        "---\ntitle: x\n---\n\n<script type=\"application/ld+json\">\n{}{}\n</script>\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let json = lint_file_within(deep.as_bytes(), Duration::from_secs(20));
    assert!(codes(&json).contains(&"LD001".to_string()), "nesting is reported, not a crash");

    let headings: String = (0..100_000).map(|i| format!("## Heading {i}\n")).collect();
    lint_file_within(format!("---\ntitle: \"Many headings\"\n---\n{headings}").as_bytes(), Duration::from_secs(60));

    let long_line = format!("---\ntitle: x\n---\n{}\n", "word ".repeat(1_000_000));
    lint_file_within(long_line.as_bytes(), Duration::from_secs(30));

    let images: String = (0..10_000).map(|i| format!("![Photo {i}](/img/{i}.png?w=1&w=2)\n")).collect();
    let json = lint_file_within(format!("---\ntitle: x\n---\n{images}").as_bytes(), Duration::from_secs(60));
    assert!(codes(&json).iter().filter(|c| *c == "IMG002").count() >= 10_000);

    let liquid = "{% ".repeat(200_000);
    lint_file_within(liquid.as_bytes(), Duration::from_secs(20));

    let json = lint_file_within(b"\xef\xbb\xbf", Duration::from_secs(5));
    assert!(json["diagnostics"].as_array().unwrap().is_empty(), "a BOM alone is an empty post");
    let json = lint_file_within(b"---\ntitle: x\n---\nNUL \0 in the body", Duration::from_secs(5));
    assert_eq!(codes(&json), ["PL001"]);
    let json = lint_file_within(b"---\ntitle: \xff\xfe\n---\n", Duration::from_secs(5));
    assert_eq!(codes(&json), ["PL001"]);
}

/// Every hostile post (tests/common/hostile.rs) costs work in proportion to its size: the
/// bytes its scanners read, the elements built (outline items, JSON and YAML values,
/// diagnostics) and the elements its lookups visit are each at most a few times its
/// length. Before these were bounded, the same posts cost up to hundreds of times it
/// (an unclosed `<script>` searched to the end of the file once per tag).
#[test]
fn hostile_posts_cost_work_in_proportion_to_their_size() {
    let settings = all_rules();
    for (name, text) in hostile::posts(192 * 1024) {
        let (reports, work) = measure(|| lint_text("_posts/2026-01-12-x.md", &text, &settings, "jekyll"));
        let len = text.len() as u64;
        let say = |what: &str, count: u64| format!("{name}: {count} {what} for a post of {len} bytes");
        assert!(work.scanned <= 12 * len, "{}", say("bytes scanned", work.scanned));
        assert!(work.visited <= 12 * len, "{}", say("elements visited", work.visited));
        assert!(work.built <= 2 * len + 60_000, "{}", say("elements built", work.built));
        assert!(reports.iter().filter(|r| r.code != "PL001").count() <= 50_000, "{name}: {} reports", reports.len());
    }
}

/// Every hostile post is linted in bounded memory: at most ten times its size, plus a fixed
/// 64 MiB that the caps allow any post (256 Ki Markdown marks, 50,000 diagnostics); a post
/// that reaches a cap says so in a PL001. Before the caps, 1 MiB of setext headings
/// needed 600 MB, and 4 MiB of them 2.3 GB.
#[test]
fn hostile_posts_are_linted_in_bounded_memory() {
    let settings = all_rules();
    for (name, text) in hostile::posts(1024 * 1024) {
        let (_, peak) = heap::peak_of(|| lint_text("_posts/2026-01-12-x.md", &text, &settings, "jekyll"));
        let bound = 10 * text.len() + (64 << 20);
        assert!(peak <= bound, "{name}: {} MiB of heap for {} KiB", peak >> 20, text.len() >> 10);
    }
}

/// A cap reached is said: the post is linted up to where the cap was reached, and one
/// PL001 at that place says so, whatever the cap.
#[test]
fn a_cap_reached_is_a_pl001_that_says_what_was_not_read() {
    let settings = all_rules();
    let lint = |text: &str| lint_text("_posts/2026-01-12-x.md", text, &settings, "jekyll");
    let said = |reports: &[postlint::diagnostic::Report], words: &str| {
        reports.iter().any(|r| r.code == "PL001" && r.message.contains(words))
    };
    // Markdown marks: 4 MiB of `[a](b)` stops at a line, said there; the headings
    // before it are linted.
    let text = format!("---\ntitle: x\n---\n\n# One\n\n{}\n", "[a](/b) ".repeat(512 * 1024));
    let reports = lint(&text);
    assert!(said(&reports, "checked up to line"), "{reports:?}");
    assert!(reports.iter().any(|r| r.code == "HD001"), "the part read is linted");
    // Front matter over 256 KiB.
    let text = format!("---\ntitle: x\n{}---\nText.\n", "k: v\n".repeat(60_000));
    let reports = lint(&text);
    assert!(said(&reports, "front matter is longer than postlint reads"), "{reports:?}");
    assert!(!reports.iter().any(|r| r.code.starts_with("FM")), "not read, so not reported: {reports:?}");
    // JSON-LD values.
    let text =
        format!("---\ntitle: x\n---\n\n<script type=\"application/ld+json\">[{}1]</script>\n", "1,".repeat(250_000));
    assert!(said(&lint(&text), "JSON-LD holds more than"));
    // Diagnostics: 60,000 findings keep 50,000 and count the rest.
    let text = format!("---\ntitle: x\n---\n\n{}", "![](http://x.test/a.png)\n".repeat(60_000));
    let reports = lint(&text);
    assert!(said(&reports, "more were found but not reported"), "{}", reports.len());
    assert_eq!(reports.iter().filter(|r| r.code != "PL001").count(), 50_000);
    // Rules named in suppression comments.
    let text = format!("---\ntitle: x\n---\n\n<!-- postlint-disable{} -->\n", " HD003".repeat(20_000));
    assert!(said(&lint(&text), "suppression comments name more than"));
}

#[test]
fn a_large_file_is_linted_in_linear_time() {
    // Nearly 16 MiB (the largest post postlint reads) of realistic posts in one file;
    // the bound is generous (debug build, shared CI).
    let paragraph = "2026年のSNS運用では、計画を一枚の表にまとめることが大切です。A routine beats a plan. ![A chart of weekly saves](/img/chart.png?w=800)\n\n";
    let mut text = String::from("---\ntitle: \"A very large post\"\n---\n\n");
    while text.len() < 15 * 1024 * 1024 {
        text.push_str("## Section\n\n");
        for _ in 0..20 {
            text.push_str(paragraph);
        }
    }
    let json = lint_file_within(text.as_bytes(), Duration::from_secs(120));
    assert!(!codes(&json).contains(&"PL001".to_string()), "linted, not refused by the size cap");
}

#[test]
fn control_characters_and_ansi_from_files_are_escaped() {
    let post = "---\ntitle: \"Bad \\e[31mred\\e[0m title\"\ntitle: \"again \\r\\n\"\ntags: [\"\\e]0;pwned\\a\", \"\\e]0;pwned\\a\"]\n---\n";
    let dir = site(&[("p.md", post)]);
    for format in ["full", "concise"] {
        let output =
            postlint().current_dir(dir.path()).args(["check", "--output-format", format, "p.md"]).output().unwrap();
        assert!(!output.stdout.contains(&0x1b), "{format}: raw ESC in output");
        assert!(!output.stdout.contains(&0x07), "{format}: raw BEL in output");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("\\u{1b}"), "{format}: the escape is shown escaped: {text}");
    }
}

#[test]
fn file_system_faults_are_diagnostics() {
    let dir = site(&[("_posts/2026-01-01-ok.md", "---\ntitle: \"A readable post about gardens\"\n---\n")]);
    let posts = dir.path().join("_posts");
    #[cfg(unix)]
    {
        // A file that disappears between discovery and reading (a dangling link), and a link loop.
        std::os::unix::fs::symlink(posts.join("gone.md"), posts.join("2026-01-02-deleted.md")).unwrap();
        std::os::unix::fs::symlink(posts.join("2026-01-03-loop.md"), posts.join("2026-01-03-loop.md")).unwrap();
        // A file name that is not UTF-8.
        use std::os::unix::ffi::OsStrExt;
        std::fs::write(posts.join(std::ffi::OsStr::from_bytes(b"2026-01-04-caf\xe9.md")), "no front matter\n").unwrap();
    }
    // A path of about 4,000 bytes.
    let mut deep = posts.clone();
    while deep.as_os_str().len() < 4_000 {
        deep.push("d".repeat(200));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("2026-01-05-deep.md"), "no front matter\n").unwrap();
    let (code, json) = check_json(dir.path(), &["--select", "FM001,PL001", "."]);
    assert_eq!(code, 1);
    let found = json["diagnostics"].as_array().unwrap();
    let pl001: Vec<_> =
        found.iter().filter(|d| d["code"] == "PL001").map(|d| d["path"].as_str().unwrap().to_string()).collect();
    #[cfg(unix)]
    {
        assert!(pl001.iter().any(|p| p.contains("deleted")), "{pl001:?}");
        assert!(pl001.iter().any(|p| p.contains("loop")), "{pl001:?}");
        assert!(
            found.iter().any(|d| d["code"] == "FM001" && d["path"].as_str().unwrap().contains("caf")),
            "non-UTF-8 name is linted"
        );
    }
    assert!(
        found.iter().any(|d| d["code"] == "FM001" && d["path"].as_str().unwrap().contains("deep")),
        "a 4,000-byte path is linted"
    );
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_directories() {
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(true);
    if is_root {
        eprintln!(
            "skipped: permissions do not stop root; the dangling-link case in file_system_faults_are_diagnostics covers unreadable files"
        );
        return;
    }
    use std::os::unix::fs::PermissionsExt;
    let dir = site(&[("_posts/2026-01-01-secret.md", "---\ntitle: x\n---\n"), ("locked/2026-01-02-x.md", "x")]);
    std::fs::set_permissions(dir.path().join("_posts/2026-01-01-secret.md"), std::fs::Permissions::from_mode(0o000))
        .unwrap();
    std::fs::set_permissions(dir.path().join("locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let (code, json) = check_json(dir.path(), &["."]);
    std::fs::set_permissions(dir.path().join("locked"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 1);
    assert_eq!(codes(&json).iter().filter(|c| *c == "PL001").count(), 2, "{json}");
}

#[test]
fn no_network_access() {
    // In a network namespace without interfaces, when the machine allows creating one.
    let probe = std::process::Command::new("unshare").args(["-n", "true"]).status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("skipped: `unshare -n` is not available here");
        return;
    }
    let binary = env!("CARGO_BIN_EXE_postlint");
    let inside = std::process::Command::new("unshare")
        .args(["-n", binary, "check", "--output-format", "json", "."])
        .env("POSTLINT_NOW", "2026-06-01")
        .env("XDG_CACHE_HOME", cache_home())
        .current_dir(fixtures())
        .output()
        .unwrap();
    let outside = postlint().current_dir(fixtures()).args(["check", "--output-format", "json", "."]).output().unwrap();
    assert_eq!(inside.status.code(), Some(1), "{}", String::from_utf8_lossy(&inside.stderr));
    assert_eq!(inside.stdout, outside.stdout, "the same result with no network at all");
}

#[test]
fn fuzz_crashes_stay_fixed() {
    // Every input a fuzzer crashed on, kept as a file: it must lint without a panic.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        check_spans(&String::from_utf8_lossy(&bytes));
        // The cache decoders' target keeps its crashes here too.
        postlint::testing::fuzz_cache_decoders(&bytes);
        count += 1;
    }
    assert!(count >= 1);
}

/// A rule with a bug: it panics on every post.
struct PanickingRule;

impl postlint::rules::Rule for PanickingRule {
    fn check(&self, _ctx: &postlint::rules::Context<'_>, _out: &mut postlint::rules::Reporter) {
        panic!("index out of bounds in a test rule");
    }
}

#[test]
fn a_panicking_rule_becomes_pl001_and_the_other_rules_still_report() {
    let mut settings = postlint::testing::all_rules();
    settings
        .rules
        .insert(0, postlint::config::ActiveRule { code: "HD004", rule: Box::new(PanickingRule), posts_only: false });
    let text = "---\ntitle: \"A post about tea\"\n---\n\n## Tea\n\n#### Skipped\n";
    let reports = postlint::testing::lint_text("post.md", text, &settings, "none");
    let crash = reports.iter().find(|r| r.code == "PL001").expect("the panic is reported");
    assert!(crash.message.contains("HD004") && crash.message.contains("index out of bounds"), "{}", crash.message);
    assert!(reports.iter().any(|r| r.code == "HD002"), "the other rules ran: {reports:?}");
}

/// Seconds to lint `dir` with the given rules.
fn seconds(dir: &std::path::Path, select: &str) -> f64 {
    let start = std::time::Instant::now();
    let output = postlint()
        .current_dir(dir)
        .args(["check", "--no-cache", "--exit-zero", "--output-format", "json", "--select", select, "."])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    start.elapsed().as_secs_f64()
}

/// Linear, or close: ten times the input may take at most about ten times as long
/// (generous for a busy machine); the quadratic versions took about a hundred times.
fn assert_scales_linearly(small: f64, large: f64, what: &str) {
    assert!(large < small * 30.0 + 2.0, "{what}: {small:.3} s, then {large:.3} s for 10× the input");
}

#[test]
fn many_posts_sharing_one_title_and_many_images_under_many_headings_stay_linear() {
    let shared_title = |n: usize| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("_posts")).unwrap();
        std::fs::write(dir.path().join("_config.yml"), "title: x\n").unwrap();
        for i in 0..n {
            let post = "---\ntitle: \"Weekly notes from the allotment\"\n---\n\nText.\n";
            std::fs::write(dir.path().join(format!("_posts/2026-01-01-note-{i:05}.md")), post).unwrap();
        }
        dir
    };
    let (small, large) = (shared_title(400), shared_title(4_000));
    assert_scales_linearly(seconds(small.path(), "LNK005"), seconds(large.path(), "LNK005"), "LNK005");

    let headings_and_images = |n: usize| {
        let dir = tempfile::tempdir().unwrap();
        let body: String =
            (0..n).map(|i| format!("## Section {i}\n\n![Section {i} image](https://e.example/{i}.png)\n\n")).collect();
        std::fs::write(dir.path().join("post.md"), format!("---\ntitle: \"Many images\"\n---\n\n{body}")).unwrap();
        dir
    };
    let (small, large) = (headings_and_images(3_000), headings_and_images(30_000));
    assert_scales_linearly(seconds(small.path(), "IMG005"), seconds(large.path(), "IMG005"), "IMG005");

    let images_in_a_big_folder = |n: usize| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("_config.yml"), "title: x\n").unwrap();
        std::fs::create_dir(dir.path().join("img")).unwrap();
        for i in 0..n {
            std::fs::write(dir.path().join(format!("img/{i}.png")), b"").unwrap();
        }
        let body: String = (0..n / 10).map(|i| format!("![Photo {i}](/img/{i}.png)\n")).collect();
        std::fs::write(dir.path().join("post.md"), format!("---\ntitle: \"Many photos\"\n---\n\n{body}")).unwrap();
        dir
    };
    let (small, large) = (images_in_a_big_folder(2_000), images_in_a_big_folder(20_000));
    assert_scales_linearly(seconds(small.path(), "IMG006"), seconds(large.path(), "IMG006"), "IMG006");
}
