//! Site-wide rules: the index built from front matter, one-file runs that still see the
//! site, and the rulebook examples that need a site on disk.

mod common;

use common::*;

#[test]
fn site_examples_from_the_rulebook() {
    for code in ["LNK001", "LNK003", "LNK005", "LNK006", "LNK007", "LNK009", "LNK011"] {
        run_site_examples(code);
    }
}

#[test]
fn one_post_by_path_and_by_stdin_sees_the_site() {
    let site = fixtures().join("site");
    let path = seed_path();
    let (_, json) = check_json(&site, &["--select", "LNK001", &path]);
    assert_eq!(codes(&json), ["LNK001"], "{json}");
    let text = std::fs::read_to_string(site.join(&path)).unwrap();
    let output = postlint()
        .current_dir(&site)
        .args(["check", "--output-format", "json", "--select", "LNK001", "-", "--stdin-filename", &path])
        .write_stdin(text)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(codes(&json), ["LNK001"], "{json}");
    let help = json["diagnostics"][0]["help"].as_str().unwrap();
    assert!(help.contains("did you mean") || help.contains("fix the name"), "{help}");
}

#[test]
fn permalink_pattern_makes_blog_slug_links_resolve() {
    let (_, json) = check_json(&fixtures().join("site"), &["--select", "LNK003", "_posts"]);
    let urls: Vec<_> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap().to_string()).collect();
    assert_eq!(urls.len(), 1, "only the stale /blog/winter-hours/ link: {urls:?}");
    assert!(urls[0].contains("/blog/winter-hours/"));
}

#[test]
fn partial_runs_report_what_whole_runs_report_for_those_files() {
    let site = fixtures().join("site");
    let (_, whole) = check_json(&site, &["."]);
    let file = "_posts/2026-03-03-spring-hours-update.md";
    let (_, one) = check_json(&site, &[file]);
    let pick = |json: &serde_json::Value| -> Vec<String> {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["path"].as_str().unwrap().ends_with("spring-hours-update.md"))
            .map(|d| d.to_string())
            .collect()
    };
    assert!(!pick(&one).is_empty());
    assert_eq!(pick(&whole), pick(&one));
}

#[test]
fn duplicates_list_the_other_posts() {
    let (_, json) = check_json(&fixtures().join("site"), &["--select", "LNK005,LNK006,LNK007", "_posts"]);
    let found = positions(&json);
    // A shared title or description is one problem: reported once, on the newer post.
    for code in ["LNK005", "LNK006"] {
        let reports: Vec<&serde_json::Value> =
            json["diagnostics"].as_array().unwrap().iter().filter(|d| d["code"] == code).collect();
        assert_eq!(reports.len(), 1, "{found:?}");
        assert!(reports[0]["path"].as_str().unwrap().contains("2026-03-03"), "{:?}", reports[0]);
    }
    assert_eq!(found.iter().filter(|(c, ..)| c == "LNK007").count(), 2, "{found:?}");
}

#[test]
fn double_baseurl_respects_jekyll_3() {
    let post = "---\ntitle: x\n---\n\n[a]({{ site.baseurl }}{% post_url 2026-01-01-a %})\n";
    let dir = site(&[("_config.yml", "title: x\n"), ("_posts/2026-01-01-a.md", post)]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK004", "."]);
    assert!(codes(&json).is_empty(), "no baseurl, nothing doubled: {json}");
    std::fs::write(dir.path().join("_config.yml"), "title: x\nbaseurl: /blog\n").unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "LNK004", "."]);
    assert_eq!(codes(&json), ["LNK004"]);
    std::fs::write(dir.path().join("Gemfile"), "source \"https://rubygems.org\"\ngem \"jekyll\", \"~> 3.9\"\n")
        .unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "LNK004", "."]);
    assert!(codes(&json).is_empty());
    // The github-pages gem builds with Jekyll 3 too.
    std::fs::write(
        dir.path().join("Gemfile"),
        "source \"https://rubygems.org\"\ngem \"github-pages\", group: :jekyll_plugins\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "LNK004", "."]);
    assert!(codes(&json).is_empty(), "{json}");
}

#[test]
fn cross_file_findings_name_the_other_file_in_json_and_sarif() {
    let (_, json) = check_json(&fixtures().join("site"), &["--select", "LNK005,LNK007", "_posts"]);
    let lnk005 = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "LNK005").expect("LNK005");
    assert_eq!(lnk005["related"][0]["path"], "_posts/2026-03-02-spring-hours.md", "{lnk005}");
    let output = postlint()
        .current_dir(fixtures().join("site"))
        .args(["check", "--select", "LNK005", "--output-format", "sarif", "_posts"])
        .output()
        .unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    let related = result["relatedLocations"].as_array().expect("relatedLocations");
    assert!(
        related.iter().any(|r| r["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|uri| uri.ends_with("_posts/2026-03-02-spring-hours.md"))),
        "{result}"
    );
}

#[test]
fn post_url_suggests_the_post_with_a_similar_or_the_same_slug() {
    let dir = site(&[
        ("_config.yml", "title: x\n"),
        ("_posts/2026-01-12-spring-plan.md", "---\ntitle: \"Spring planting plan for the allotment\"\n---\n\nText.\n"),
        ("_posts/2026-02-01-autumn.md", "---\ntitle: \"Autumn notes from the allotment garden\"\n---\n\nText.\n"),
        (
            "_posts/2026-03-01-links.md",
            "---\ntitle: \"Links to the other posts of the allotment\"\n---\n\n{% post_url 2026-01-12-sprng-plan %} and {% post_url 2025-02-01-autumn %}\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK001", "."]);
    let helps: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["help"].as_str().unwrap()).collect();
    assert_eq!(helps.len(), 2, "{json}");
    assert!(helps[0].contains("did you mean `2026-01-12-spring-plan`"), "a typo on the same day: {}", helps[0]);
    assert!(helps[1].contains("did you mean `2026-02-01-autumn`"), "the same slug re-dated: {}", helps[1]);
}

#[test]
fn post_url_is_not_judged_without_the_sites_posts() {
    // A post linted on its own, in a folder that is not its site: the names it links to
    // are unknown, not missing.
    let post = "---\ntitle: \"A post copied out of its site\"\n---\n\nRead {% post_url 2026-01-11-other %}.\n";
    let dir = site(&[("2026-01-12-alone.md", post)]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK001", "."]);
    assert!(codes(&json).is_empty(), "{json}");
    // With the site's _posts folder in view, the same link is checked.
    let dir = site(&[
        ("_posts/2026-01-12-alone.md", post),
        ("_posts/2026-01-10-first.md", "---\ntitle: \"The first post of the site\"\n---\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK001", "."]);
    assert_eq!(codes(&json), ["LNK001"], "{json}");
}

#[test]
fn fragments_on_github_ignore_case_a_built_site_does_not() {
    let post =
        "---\ntitle: \"Notes on the teapot API\"\n---\n\nSee [the response](#ErrorResponse).\n\n## ErrorResponse\n";
    let lnk002 = |generator| {
        postlint::testing::lint_text("notes/api.md", post, &postlint::testing::all_rules(), generator)
            .into_iter()
            .filter(|r| r.code == "LNK002")
            .count()
    };
    assert_eq!(lnk002("none"), 0, "GitHub finds `#errorresponse` for `#ErrorResponse`");
    assert_eq!(lnk002("jekyll"), 1, "a browser matches ids exactly");
}

#[test]
fn markdown_it_attrs_ids_with_spaces_inside_the_braces_are_anchors() {
    let post = "---\ntitle: \"Deferred loading\"\n---\n\nSee [deferring](#defer) and [lazy](#lazy).\n\n### Deferring work { #defer }\n\n### Lazy { #lazy .wide }\n\nText {with braces} and [missing](#gone).\n";
    let missing: Vec<String> =
        postlint::testing::lint_text("src/blog/defer.md", post, &postlint::testing::all_rules(), "eleventy")
            .into_iter()
            .filter(|r| r.code == "LNK002")
            .map(|r| r.message)
            .collect();
    assert_eq!(missing.len(), 1, "only #gone: {missing:?}");
    assert!(missing[0].contains("#gone"), "{missing:?}");
}

#[test]
fn footnotes_are_anchors_by_name_as_generators_write_them() {
    let post = "---\ntitle: \"Build files\"\n---\n\nSee [the note](#fn-depfiles) and [again](#fn:depfiles), not [this](#fn-other).\n\nText.[^depfiles]\n\n[^depfiles]: Make's dependency files.\n";
    let missing: Vec<String> =
        postlint::testing::lint_text("content/build.md", post, &postlint::testing::all_rules(), "zola")
            .into_iter()
            .filter(|r| r.code == "LNK002")
            .map(|r| r.message)
            .collect();
    assert_eq!(missing.len(), 1, "only #fn-other: {missing:?}");
    assert!(missing[0].contains("#fn-other"), "{missing:?}");
}

/// `(message, help)` of every LNK009 in a run over `dir`.
fn cross_fragments(dir: &std::path::Path) -> Vec<(String, String)> {
    let (_, json) = check_json(dir, &["--select", "LNK009", "."]);
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["message"].as_str().unwrap().to_string(), d["help"].as_str().unwrap_or("").to_string()))
        .collect()
}

#[test]
fn fragments_into_other_posts_are_checked_with_the_targets_anchors() {
    let plan = "---\ntitle: \"Planning the allotment for spring\"\n---\n\n## Soil tests first\n\nText.\n\n## Step 3: sowing\n\nText.\n";
    let dir = site(&[
        ("_config.yml", "title: x\npermalink: /:year/:month/:day/:title/\n"),
        ("_posts/2026-01-12-plan.md", plan),
        (
            "_posts/2026-02-01-notes.md",
            "---\ntitle: \"Notes from the first weeks of spring\"\n---\n\n\
             As [planned]({% post_url 2026-01-12-plan %}#soil-tests-first) and \
             [then]({% post_url 2026-01-12-plan %}#soil-test-first).\n\n\
             See [sowing](/2026/01/12/plan/#step-3-sowing) and [again](/2026/01/12/plan/#step-4).\n",
        ),
    ]);
    let found = cross_fragments(dir.path());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].0.contains("`#soil-test-first`") && found[0].0.contains("_posts/2026-01-12-plan.md"), "{found:?}");
    assert!(found[0].1.contains("did you mean `#soil-tests-first`"), "{found:?}");
    assert!(found[1].0.contains("`#step-4`"), "a site-root URL is resolved through the permalinks: {found:?}");
    let (_, json) = check_json(dir.path(), &["--select", "LNK009", "."]);
    assert_eq!(json["diagnostics"][0]["related"][0]["path"], "_posts/2026-01-12-plan.md", "as paths are shown: {json}");
}

#[test]
fn relative_markdown_links_on_github_ignore_case_and_same_post_links_are_left_to_lnk002() {
    let dir = site(&[
        ("docs/setup.md", "# Setup\n\n## Install the CLI\n\nText.\n"),
        (
            "docs/usage.md",
            "# Usage\n\nFirst [install it](setup.md#Install-the-CLI), then [configure](setup.md#configure).\n\n\
             [Here](#nowhere) is LNK002's.\n",
        ),
    ]);
    let found = cross_fragments(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("docs/setup.md") && found[0].0.contains("`#configure`"), "{found:?}");
}

#[test]
fn hugo_relref_fragments_are_checked_from_content() {
    let dir = site(&[
        ("hugo.toml", "baseURL = \"https://example.org/\"\ntitle = \"x\"\n"),
        ("content/guide/brewing.md", "---\ntitle: \"Brewing guide for small cafés\"\n---\n\n## Grind size\n\nText.\n"),
        (
            "content/guide/cold.md",
            "---\ntitle: \"Cold brew in a small café\"\n---\n\n\
             See [grind]({{< relref \"guide/brewing.md#grind-size\" >}}) and \
             [water]({{< relref \"/guide/brewing.md#water\" >}}).\n",
        ),
    ]);
    let found = cross_fragments(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.contains("`#water`"), "{found:?}");
}

#[test]
fn similar_titles_are_reported_once_on_the_newer_post() {
    let post = |title: &str| format!("---\ntitle: \"{title}\"\n---\n\nText.\n");
    let dir = site(&[
        ("_config.yml", "title: x\n"),
        ("_posts/2026-01-10-menu.md", &post("How to plan a seasonal menu for a small café")),
        ("_posts/2026-02-10-menu-again.md", &post("How to plan the seasonal menu for a small café")),
        ("_posts/2026-03-10-price.md", &post("Pricing drinks in a café by the season")),
        ("_posts/2026-04-01-release-1.md", &post("Café app version 1.2 released for small shops")),
        ("_posts/2026-05-01-release-2.md", &post("Café app version 1.3 released for small shops")),
        ("_posts/2026-06-01-ja-1.md", &post("小さなカフェの季節メニューの作り方")),
        ("_posts/2026-06-02-ja-2.md", &post("小さなカフェの季節メニューの作り方と注意点")),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK010", "."]);
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_string(), d["message"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].0.ends_with("2026-02-10-menu-again.md") && found[0].1.contains("2026-01-10-menu.md"), "{found:?}");
    assert!(found[1].0.ends_with("2026-06-02-ja-2.md"), "Japanese titles compared by character pairs: {found:?}");
}

#[test]
fn posts_sharing_a_focus_keyword_name_each_other() {
    let post = |keywords: &str, lang: &str| {
        format!("---\ntitle: \"x\"\nlang: {lang}\nseo_keywords: {keywords}\n---\n\nText.\n")
    };
    let dir = site(&[
        ("_config.yml", "title: x\n"),
        ("_posts/2026-01-10-tools.md", &post("[\"AI ツール 比較\", \"無料\"]", "ja")),
        ("_posts/2026-02-10-tools-again.md", &post("\"ＡＩツール比較, 2026\"", "ja")),
        ("_posts/2026-03-10-other.md", &post("[\"無料\", \"AI ツール 比較\"]", "ja")),
        ("_posts/2026-04-10-english.md", &post("[\"AI ツール 比較\"]", "en")),
        ("_drafts/tools-draft.md", &post("[\"AI ツール 比較\"]", "ja")),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK012", "."]);
    let found: Vec<(String, u64, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Width, case and spaces folded: `ＡＩツール比較` is `AI ツール 比較`. A keyword that is
    // not the first, another language and a draft do not compete.
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].0.ends_with("2026-01-10-tools.md") && found[0].2.contains("2026-02-10-tools-again.md"),
        "{found:?}"
    );
    assert_eq!(found[0].1, 4);
    assert!(found[0].2.starts_with("focus keyword `AI ツール 比較`"), "{found:?}");
    assert!(
        found[1].0.ends_with("2026-02-10-tools-again.md") && found[1].2.contains("2026-01-10-tools.md"),
        "{found:?}"
    );
}

#[test]
fn similar_descriptions_are_reported_once_on_the_newer_post() {
    let post = |description: &str| format!("---\ntitle: \"x\"\ndescription: \"{description}\"\n---\n\nText.\n");
    let dir = site(&[
        ("_config.yml", "title: x\n"),
        (
            "_posts/2026-01-10-a.md",
            &post("The four-week routine our small café uses to plan a seasonal menu and its prices"),
        ),
        (
            "_posts/2026-02-10-b.md",
            &post("The four-week routine our small café uses to plan the seasonal menu and prices"),
        ),
        (
            "_posts/2026-03-10-c.md",
            &post("The four-week routine our small café uses to plan a seasonal menu and its prices"),
        ),
        ("_posts/2026-04-10-d.md", &post("How we photograph drinks on the counter by the window in the morning light")),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK013", "."]);
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_string(), d["message"].as_str().unwrap().to_string()))
        .collect();
    // c repeats a word for word: that is LNK006's, not a near-duplicate; b is near both.
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].0.ends_with("2026-02-10-b.md") && found[0].1.contains("2026-01-10-a.md"), "{found:?}");
    assert!(found[1].0.ends_with("2026-03-10-c.md") && found[1].1.contains("2026-02-10-b.md"), "{found:?}");
    assert!(!found[1].1.contains("2026-01-10-a.md"), "{found:?}");
}

#[test]
fn lychee_results_are_reported_where_each_url_is_written() {
    let post = "---\ntitle: \"Beans\"\nimage: https://old.example.org/menu/beans.jpg\n---\n\nThe [old menu](https://old.example.org/menu) and the [new one](https://farm.example.org/menu), again [here](https://old.example.org/menu).\n\n```sh\ncurl https://old.example.org/menu\n```\n\n<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\", \"@type\": \"BlogPosting\", \"image\": \"https://cdn.example.net/slow.png\"}\n</script>\n";
    // lychee 0.16+ (`error_map`, `timeout_map`), keyed by input; the URL without its
    // trailing slash matches the one the post writes.
    let results = r#"{"total": 5, "errors": 2, "error_map": {"urls.txt": [
        {"url": "https://old.example.org/menu", "status": {"text": "404 Not Found", "code": 404}},
        {"url": "https://old.example.org/menu/beans.jpg", "status": {"text": "410 Gone", "code": 410}}]},
      "timeout_map": {"urls.txt": [{"url": "https://cdn.example.net/slow.png", "status": {"text": "Timeout"}}]}}"#;
    let dir = site(&[
        ("_config.yml", "title: x\n"),
        ("_posts/2026-03-01-beans.md", post),
        ("lychee.json", results),
        ("postlint.toml", "[rules.LNK014]\nresults = \"lychee.json\"\n"),
        (".git/HEAD", "ref: refs/heads/main\n"),
    ]);
    let listed = postlint().current_dir(dir.path()).args(["links", "."]).output().unwrap();
    let listed = String::from_utf8_lossy(&listed.stdout).into_owned();
    assert_eq!(
        listed.lines().collect::<Vec<_>>(),
        [
            "https://cdn.example.net/slow.png",
            "https://farm.example.org/menu",
            "https://old.example.org/menu",
            "https://old.example.org/menu/beans.jpg"
        ],
        "once each, sorted, nothing from the code block"
    );
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK014", "."]);
    let found: Vec<(u64, String)> =
        found_in(&json, "beans").into_iter().map(|(_, line, _, message)| (line, message)).collect();
    assert_eq!(
        found,
        [
            (3, "lychee could not fetch `https://old.example.org/menu/beans.jpg`: 410 Gone".to_string()),
            (6, "lychee could not fetch `https://old.example.org/menu`: 404 Not Found".to_string()),
            (6, "lychee could not fetch `https://old.example.org/menu`: 404 Not Found".to_string()),
            (13, "lychee could not fetch `https://cdn.example.net/slow.png`: Timeout".to_string()),
        ]
    );
    // Older lychee wrote `fail_map`; a file that is not lychee's output is a config error.
    std::fs::write(
        dir.path().join("lychee.json"),
        r#"{"fail_map": {"stdin": [{"url": "https://farm.example.org/menu", "status": "Failed: Network error"}]}}"#,
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK014", "."]);
    assert_eq!(found_in(&json, "beans").len(), 1, "{json}");
    std::fs::write(dir.path().join("lychee.json"), "{\"total\": 0}").unwrap();
    let output = postlint().current_dir(dir.path()).args(["check", "--select", "LNK014", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not lychee's JSON output"), "{output:?}");
    // Before lychee has run (a local run, pre-commit, `postlint links` making its input),
    // the same config reports nothing and is no error.
    std::fs::remove_file(dir.path().join("lychee.json")).unwrap();
    let (code, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK014", "."]);
    assert_eq!((code, found_in(&json, "beans").len()), (0, 0), "{json}");
    let links = postlint().current_dir(dir.path()).args(["links", "."]).output().unwrap();
    assert!(links.status.success() && String::from_utf8_lossy(&links.stdout).contains("old.example.org"), "{links:?}");
}

#[test]
fn paths_the_site_publishes_nothing_under_belong_to_another_app() {
    let dir = copy_site(&fixtures().join("site"));
    std::fs::write(dir.path().join("about.md"), "---\ntitle: About\npermalink: /about/\n---\n\nWho we are.\n").unwrap();
    let post = "---\ntitle: \"Links\"\ndate: 2026-03-05\n---\n\n[Sign up](/register), [the docs](/docs/getting-started/), [a lost post](/blog/no-such-post/), [about us](/abuot/).\n";
    std::fs::write(dir.path().join("_posts/2026-03-05-links.md"), post).unwrap();
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK003", "_posts/2026-03-05-links.md"]);
    let urls: Vec<String> = found_in(&json, "links").into_iter().map(|f| f.3).collect();
    // `/register` and `/docs/…` are served by the shop and the documentation app on the same
    // domain: the site has nothing there. A lost post under `/blog/` and a misspelt
    // `/about/` are the site's own.
    assert_eq!(urls.len(), 2, "{urls:?}");
    assert!(urls[0].contains("/blog/no-such-post/") && urls[1].contains("/abuot/"), "{urls:?}");
}

#[test]
fn pages_of_one_language_sharing_a_translation_key() {
    let page = |title: &str, key: &str| {
        format!("---\ntitle: \"{title}\"\ndate: 2026-03-01\ntranslationKey: {key}\n---\n\nText.\n")
    };
    let dir = site(&[
        ("hugo.toml", "baseURL = \"https://example.org/\"\ndefaultContentLanguage = \"en\"\n"),
        ("content/posts/spring.en.md", &page("Spring menu", "spring-menu")),
        ("content/posts/spring.ja.md", &page("春のメニュー", "spring-menu")),
        ("content/posts/summer.ja.md", &page("夏のメニュー", "spring-menu")),
        ("content/posts/autumn.ja.md", &page("秋のメニュー", "autumn-menu")),
    ]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK015", "."]);
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap().to_string(), d["message"].as_str().unwrap().to_string()))
        .collect();
    // The English page shares the key with its translation, as it should; the two
    // Japanese pages with one key name each other.
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].0.ends_with("spring.ja.md") && found[0].1.contains("summer.ja.md"), "{found:?}");
    assert!(found[1].0.ends_with("summer.ja.md") && found[1].1.contains("language `ja`"), "{found:?}");
}

/// Jekyll matches `{% post_url blog/2026-01-12-slug %}` to `blog/_posts/2026-01-12-slug.md`
/// (the folders above `_posts`), as well as the bare name; another folder is still missing.
#[test]
fn post_url_names_the_folder_above_posts() {
    let linking = "---\ntitle: \"Seed swap\"\n---\n\n[Plan]({% post_url garden/2026-01-12-plan %}), [again]({% post_url 2026-01-12-plan %}), [not]({% post_url kitchen/2026-01-12-plan %}).\n";
    let dir = common::site(&[
        ("_config.yml", "title: Garden\n"),
        ("garden/_posts/2026-01-12-plan.md", "---\ntitle: \"Plan\"\n---\n\nBeans.\n"),
        ("garden/_posts/2026-02-01-swap.md", linking),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK001", "."]);
    let found: Vec<String> = found_in(&json, "swap").into_iter().map(|(_, _, _, message)| message).collect();
    assert_eq!(found.len(), 1, "{json}");
    assert!(found[0].contains("kitchen/2026-01-12-plan"), "{json}");
}

/// `collections: posts: permalink:` sets the posts' URLs, and a dated document of another
/// collection (`_posts_en`) fills the date placeholders of its collection's permalink.
#[test]
fn posts_collection_permalink_and_dated_collection_documents() {
    let post = |link: &str| format!("---\ntitle: \"Compost\"\ndate: 2026-01-12\n---\n\nSee [it]({link}).\n");
    let config = "collections:\n  posts:\n    output: true\n    permalink: /articles/:year/:month/:day/:title/\n  posts_en:\n    output: true\n    permalink: /en/articles/:year/:month/:day/:title/\n";
    let dir = common::site(&[
        ("_config.yml", config),
        ("_posts/2026-01-12-compost.md", &post("/en/articles/2026/01/12/compost/")),
        ("_posts_en/2026-01-12-compost.md", &post("/articles/2026/01/12/compost/")),
        ("_posts/2026-01-20-leaves.md", &post("/articles/2026/01/11/compost/")),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK003", "."]);
    let found: Vec<String> = found_in(&json, "").into_iter().map(|(_, _, _, message)| message).collect();
    assert_eq!(found.len(), 1, "only the link with the wrong day: {json}");
    assert!(found[0].contains("/2026/01/11/"), "{json}");
}

/// A relative `.html` link is read against the page's own URL: `nomap.html` from
/// `/notes/ssid.html` is the permalink of `notes/nomap.md`, not a file beside it.
#[test]
fn relative_links_to_a_sibling_pages_permalink_resolve() {
    let page = |permalink: &str, link: &str| {
        format!("---\ntitle: \"Notes\"\npermalink: {permalink}\n---\n\nSee [the other note]({link}).\n")
    };
    let dir = common::site(&[
        ("_config.yml", "title: Notes\n"),
        ("notes/ssid.md", &page("/notes/ssid.html", "nomap.html")),
        ("notes/nomap.md", &page("/notes/nomap.html", "missing.html")),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK002", "."]);
    let found: Vec<String> = found_in(&json, "notes/").into_iter().map(|(_, _, _, message)| message).collect();
    assert_eq!(found, ["linked file `missing.html` does not exist"], "{json}");
}

/// A canonical key no template reads never reaches the page: with a `head.html` that
/// builds the canonical link from `page.url` (and no jekyll-seo-tag), a stale
/// `canonical_url` is not reported; once the template reads the key, it is.
#[test]
fn canonical_keys_count_only_when_a_template_reads_them() {
    let post =
        "---\ntitle: \"Pruning\"\ndate: 2026-03-01\ncanonical_url: http://localhost:4000/pruning/\n---\n\nCut.\n";
    let head_from_url = "<link rel=\"canonical\" href=\"{{ page.url | absolute_url }}\">\n";
    let head_from_key = "<link rel=\"canonical\" href=\"{{ page.canonical_url | default: page.url }}\">\n";
    for (head, expected) in [(head_from_url, 0), (head_from_key, 1)] {
        let dir = common::site(&[
            ("_config.yml", "title: Garden\nurl: https://garden.example\n"),
            ("_includes/head.html", head),
            ("_posts/2026-03-01-pruning.md", post),
        ]);
        let (_, json) = check_json(dir.path(), &["--select", "LNK011", "."]);
        assert_eq!(found_in(&json, "pruning").len(), expected, "{head}: {json}");
    }
}
