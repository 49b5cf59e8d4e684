//! Front matter rules on realistic posts, YAML quirks, and the seed-shaped fixture.

mod common;

use common::*;
use postlint::testing::{all_rules, lint_text};

fn lint(path: &str, text: &str) -> Vec<(String, usize, usize)> {
    lint_text(path, text, &all_rules(), "jekyll")
        .into_iter()
        .map(|r| (r.code.to_string(), r.location.start.line, r.location.start.column))
        .collect()
}

fn has(found: &[(String, usize, usize)], code: &str, line: usize, column: usize) -> bool {
    found.iter().any(|(c, l, col)| c == code && *l == line && *col == column)
}

fn count(found: &[(String, usize, usize)], code: &str) -> usize {
    found.iter().filter(|(c, _, _)| c == code).count()
}

#[test]
fn seed_shaped_post_gets_fm008_fm010_fm014_and_no_date_rules() {
    let dir = fixtures().join("site");
    let (_, json) = check_json(&dir, &["--select", "FM", "_posts"]);
    let seed: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("2026-01-12-"))
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    for code in ["FM008", "FM010", "FM014"] {
        assert!(seed.contains(&code.to_string()), "{code} missing: {seed:?}");
    }
    for code in ["FM005", "FM006", "FM007", "FM015"] {
        assert!(!seed.contains(&code.to_string()), "{code} fired on a valid date: {seed:?}");
    }
}

#[test]
fn clean_fixture_posts_are_silent() {
    let dir = fixtures().join("site");
    for post in
        ["_posts/2026-02-03-seasonal-menu-refresh.md", "_posts/2026-02-10-京都のカフェ巡りで見つけた小さな工夫.md"]
    {
        let (code, json) = check_json(&dir, &["--select", "FM", post]);
        assert_eq!((code, codes(&json)), (0, Vec::<String>::new()), "{post}");
    }
}

#[test]
fn yaml_quirks() {
    // Tabs for indentation are a syntax error at the tab.
    let found = lint("_posts/2026-01-01-a.md", "---\ntitle: x\ntags:\n\t- a\n---\n");
    assert!(has(&found, "FM002", 4, 1), "{found:?}");
    // Anchors and aliases resolve: the alias is a list of strings, not a type error.
    let found = lint(
        "_posts/2026-01-01-a.md",
        "---\ntitle: \"Anchors and aliases in front matter\"\nbase: &t [a, b]\ntags: *t\n---\n",
    );
    assert_eq!(count(&found, "FM002") + count(&found, "FM004"), 0, "{found:?}");
    // Multi-line strings are strings.
    let found =
        lint("_posts/2026-01-01-a.md", "---\ntitle: >\n  A folded title that spans\n  two lines of YAML\n---\n");
    assert_eq!(count(&found, "FM004"), 0, "{found:?}");
    // Dates quoted and unquoted both parse; an impossible one is reported at the value.
    for date in ["2026-01-01", "\"2026-01-01\"", "'2026-01-01 09:00:00 +0900'"] {
        let found =
            lint("_posts/2026-01-01-a.md", &format!("---\ntitle: \"Dates quoted and unquoted\"\ndate: {date}\n---\n"));
        assert_eq!(count(&found, "FM005") + count(&found, "FM006"), 0, "{date}: {found:?}");
    }
    let found =
        lint("_posts/2026-01-01-a.md", "---\ntitle: \"Dates quoted and unquoted\"\ndate: \"2026-13-01\"\n---\n");
    assert!(has(&found, "FM005", 3, 7), "{found:?}");
    // CRLF keeps positions right.
    let found = lint_text(
        "_posts/2026-01-01-a.md",
        "---\r\ntitle: \"CRLF line endings in a post\"\r\ndate: 2026-01-02\r\n---\r\n",
        &postlint::testing::settings_from("[rules.FM006]\ndate-mismatch = true\n"),
        "jekyll",
    )
    .into_iter()
    .map(|r| (r.code.to_string(), r.location.start.line, r.location.start.column))
    .collect::<Vec<_>>();
    assert!(has(&found, "FM006", 3, 7), "{found:?}");
    // Duplicate keys point at the second key with a label on the first.
    let found = lint("_posts/2026-01-01-a.md", "---\ntitle: \"One\"\ndate: 2026-01-01\ntitle: \"Two\"\n---\n");
    assert!(has(&found, "FM002", 4, 1), "{found:?}");
}

#[test]
fn alias_bomb_is_a_bounded_diagnostic() {
    let mut yaml = String::from("---\ntitle: \"bomb\"\na0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let p = level - 1;
        yaml.push_str(&format!(
            "a{level}: &a{level} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    yaml.push_str("---\nbody\n");
    let started = std::time::Instant::now();
    let found = lint("post.md", &yaml);
    assert!(count(&found, "FM002") == 1, "{found:?}");
    assert!(started.elapsed().as_secs() < 5, "alias expansion must be bounded");
}

#[test]
fn type_errors_point_at_values_and_list_items() {
    let text = "---\ntitle: [2026]\ntags: [marketing, {year: 2025}]\npublished: \"no\"\ndate: 2026\n---\n";
    let found = lint("post.md", text);
    assert!(has(&found, "FM004", 2, 8), "{found:?}");
    assert!(has(&found, "FM004", 3, 19), "{found:?}");
    assert!(has(&found, "FM004", 4, 12), "{found:?}");
    assert!(has(&found, "FM004", 5, 7), "{found:?}");
}

#[test]
fn ambiguous_scalars_and_duplicate_items_have_fixes() {
    let text = "---\ntitle: \"Norway\"\ncountry: NO\ntags:\n  - travel\n  - Travel\n---\n";
    let reports = lint_text("post.md", text, &all_rules(), "none");
    let fm012 = reports.iter().find(|r| r.code == "FM012").expect("FM012");
    let edit = &fm012.fix.as_ref().unwrap().edits[0];
    assert_eq!(edit.content, "\"NO\"");
    let fm013 = reports.iter().find(|r| r.code == "FM013").expect("FM013");
    assert_eq!(fm013.location.start.line, 6);
    let removal = &fm013.fix.as_ref().unwrap().edits[0];
    assert_eq!(&text[removal.span.clone()], "  - Travel\n");
}

#[test]
fn japanese_lengths_count_display_width() {
    // 31 full-width characters: 62 columns, over the default 60.
    let post = |title: &str, description: &str| format!("---\ntitle: \"{title}\"\n{description}---\n");
    let seo = "seo_keywords: [キャンプ道具]\n";
    let found = lint("_posts/2026-01-12-post.md", &post(&"春".repeat(31), seo));
    assert_eq!(count(&found, "FM008"), 1);
    let found = lint("_posts/2026-01-12-post.md", &post(&"春".repeat(29), seo));
    assert_eq!(count(&found, "FM008"), 0);
    // A post not written for result pages (no keywords, seo_title …) is left alone.
    let found = lint("_posts/2026-01-12-post.md", &post(&"春".repeat(31), ""));
    assert_eq!(count(&found, "FM008"), 0);
    // Entities count as the character a result page shows: 73 characters, not 85.
    let quoted = format!("Why we opened the {}front door{} to every visitor {}", "&ldquo;", "&rdquo;", "a".repeat(25));
    assert_eq!(count(&lint("_posts/2026-01-12-post.md", &post(&quoted, seo)), "FM008"), 0);
    assert_eq!(
        count(&lint("_posts/2026-01-12-post.md", &post(&format!("{quoted}{}", "b".repeat(6)), seo)), "FM008"),
        1
    );
}

#[test]
fn future_dates_use_the_fixed_today() {
    let found = lint("_posts/2026-07-01-a.md", "---\ntitle: \"A post scheduled for July\"\ndate: 2026-07-01\n---\n");
    assert!(has(&found, "FM007", 3, 7), "today is 2026-06-01 in tests: {found:?}");
}

#[test]
fn schema_examples_from_the_rulebook() {
    run_site_examples("FM017");
}

#[test]
fn schema_errors_point_at_the_node() {
    let dir = site(&[
        (
            "schemas/post.json",
            r#"{"type": "object", "required": ["title", "author"], "additionalProperties": false, "properties": {"title": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}"#,
        ),
        ("postlint.toml", "[rules.FM017]\nschemas = [\"_posts/**=schemas/post.json\"]\n"),
        ("_config.yml", "title: x\n"),
        ("_posts/2026-01-01-a.md", "---\ntitle: \"Schema test post\"\ntags: [ok, 3]\nextra: 1\n---\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "FM017", "."]);
    let found = positions(&json);
    assert!(found.contains(&("FM017".to_string(), 3, 12)), "the list item 3: {found:?}");
    assert!(found.contains(&("FM017".to_string(), 4, 1)), "the extra key: {found:?}");
    assert_eq!(found.len(), 3, "and the missing author: {found:?}");
}

#[test]
fn yaml_schemas_are_read_like_json_ones() {
    let schema = "type: object\nrequired: [title, author]\nproperties:\n  title: {type: string}\n  tags:\n    type: array\n    items: {type: string}\n";
    let dir = site(&[
        ("schemas/post.yaml", schema),
        ("postlint.toml", "[rules.FM017]\nschemas = [\"_posts/**=schemas/post.yaml\"]\n"),
        ("_config.yml", "title: x\n"),
        ("_posts/2026-01-01-a.md", "---\ntitle: \"Schema test post\"\ntags: [ok, 3]\n---\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "FM017", "."]);
    let found = positions(&json);
    assert!(found.contains(&("FM017".to_string(), 3, 12)), "the list item 3: {found:?}");
    assert_eq!(found.len(), 2, "and the missing author: {found:?}");
}

#[test]
fn an_astro_style_draft_07_schema_is_checked_through_its_ref() {
    // The shape Astro generates for a content collection: the post's own `$schema` key
    // is allowed, `$ref` names the definition, `format`s sit in an `anyOf`.
    let schema = r##"{
        "$ref": "#/definitions/blog",
        "definitions": {"blog": {
            "type": "object",
            "properties": {
                "title": {"type": "string"},
                "pubDate": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}, {"type": "integer", "format": "unix-time"}]},
                "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true},
                "draft": {"type": "boolean", "default": false}
            },
            "required": ["title", "pubDate"],
            "additionalProperties": false
        }},
        "$schema": "http://json-schema.org/draft-07/schema#"
    }"##;
    let dir = site(&[
        ("schemas/blog.json", schema),
        ("_config.yml", "title: x\n"),
        (
            "_posts/2026-01-01-a.md",
            "---\n$schema: ../schemas/blog.json\ntitle: \"A\"\npubDate: 2026-01-01\ntags: [a, b]\n---\n",
        ),
        (
            "_posts/2026-01-02-b.md",
            "---\n$schema: ../schemas/blog.json\ntitle: \"B\"\npubDate: someday\ntags: [a, a]\nauthor: me\n---\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "FM017", "."]);
    assert!(found_in(&json, "2026-01-01-a").is_empty(), "{json}");
    let found: Vec<(u64, u64)> = found_in(&json, "2026-01-02-b").iter().map(|f| (f.1, f.2)).collect();
    assert_eq!(found, [(4, 10), (5, 11), (6, 1)], "pubDate, the repeated tag, the unknown key: {json}");
}

#[test]
fn a_schema_ref_that_names_nothing_is_reported_not_passed_silently() {
    let schema = r#"{"properties": {"author": {"$ref": "https://example.com/person.json"}}}"#;
    let dir = site(&[
        ("schemas/post.json", schema),
        ("_config.yml", "title: x\n"),
        ("_posts/2026-01-01-a.md", "---\n$schema: ../schemas/post.json\ntitle: \"A\"\nauthor: 3\n---\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "FM017", "."]);
    let found = found_in(&json, "2026-01-01-a");
    assert_eq!(found.len(), 1, "{json}");
    assert_eq!((found[0].1, found[0].2), (2, 10), "at the post's `$schema`: {json}");
    assert!(found[0].3.contains("`https://example.com/person.json` names no schema"), "{json}");
}

#[test]
fn reading_time_reports_only_values_no_reader_could_take_and_says_so_consistently() {
    let words = |n: usize| "word ".repeat(n);
    let post = |minutes: &str, body: &str| {
        format!("---\ntitle: \"Reading time check\"\nreading_time: {minutes}\n---\n\n{body}\n")
    };
    let fm014 = |text: &str| -> Vec<String> {
        lint_text("_posts/2026-01-12-r.md", text, &all_rules(), "jekyll")
            .into_iter()
            .filter(|r| r.code == "FM014")
            .map(|r| r.message)
            .collect()
    };
    // 226 words: 0.85–1.13 minutes; "2" is the rounded-up read, "1" fine too.
    assert!(fm014(&post("1", &words(226))).is_empty());
    assert!(fm014(&post("2", &words(226))).is_empty());
    // A template's hard-coded 8 on a one-minute post.
    let found = fm014(&post("8", &words(226)));
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("says 8 minutes") && found[0].contains("takes 1–2 minutes to read"), "{}", found[0]);
    // 2,400 words: 9.1–12 minutes. 9 is below the fastest reader: reported, and the range
    // printed does not hold 9.
    let found = fm014(&post("9", &words(2400)));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("10–12 minutes"), "{}", found[0]);
    assert!(fm014(&post("11", &words(2400))).is_empty());
}

#[test]
fn reading_time_says_about_one_minute_in_the_singular() {
    let post = format!("---\ntitle: \"Reading time check\"\nreading_time: 8\n---\n\n{}\n", "word ".repeat(100));
    let found: Vec<String> = lint_text("_posts/2026-01-12-r.md", &post, &all_rules(), "jekyll")
        .into_iter()
        .filter(|r| r.code == "FM014")
        .map(|r| r.message)
        .collect();
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("takes about 1 minute to read"), "{}", found[0]);
}

#[test]
fn a_missing_time_zone_is_reported_only_when_asked() {
    let post = "---\ntitle: \"Winter opening hours\"\ndate: 2026-12-20 10:00\n---\n\nText.\n";
    let fm005 = |settings: &postlint::config::Settings| {
        lint_text("_posts/2026-12-20-hours.md", post, settings, "jekyll")
            .into_iter()
            .filter(|r| r.code == "FM005")
            .count()
    };
    assert_eq!(fm005(&all_rules()), 0);
    assert_eq!(fm005(&postlint::testing::settings_from("[rules.FM005]\nrequire-time-zone = true\n")), 1);
}

#[test]
fn description_length_is_judged_on_posts_written_for_search() {
    let long = "word ".repeat(40);
    let post =
        |extra: &str| format!("---\ntitle: \"Spring planting notes\"\ndescription: \"{long}\"\n{extra}---\n\nText.\n");
    let fm009 = |text: &str| count(&lint("_posts/2026-04-01-planting.md", text), "FM009");
    assert_eq!(fm009(&post("")), 0, "a plain description, as archives carry it");
    assert_eq!(fm009(&post("keywords: [spring planting]\n")), 1);
}

#[test]
fn a_list_of_authors_is_a_valid_author() {
    let lint = |front: &str| -> Vec<String> {
        let text = format!("---\ntitle: \"Tea\"\n{front}\n---\n\nText.\n");
        postlint::testing::lint_text("_posts/2026-01-12-tea.md", &text, &postlint::testing::all_rules(), "hugo")
            .into_iter()
            .filter(|r| r.code == "FM004")
            .map(|r| r.message)
            .collect()
    };
    assert!(lint("author: [\"Spring\", \"You\"]").is_empty(), "PaperMod's list of authors");
    assert!(lint("author:\n  - name: Aki\n    url: https://example.com/aki").is_empty());
    // Which shape `author` takes is the theme's or the SEO plugin's business (a string, a
    // mapping, a list, a key into `_data/authors.yml`): postlint does not type it.
    assert!(lint("author: [1, 2]").is_empty());
    assert!(lint("author: {display_name: Aki}").is_empty());
}

#[test]
fn a_string_of_tags_or_keywords_is_not_a_type_error() {
    let text =
        "---\ntitle: \"Mail addresses\"\ntags: mail rfc\ncategories: notes tech\nkeywords: mail rfc\n---\n\nText.\n";
    let fm004 = |generator| -> Vec<String> {
        postlint::testing::lint_text("_posts/2026-01-12-mail.md", text, &postlint::testing::all_rules(), generator)
            .into_iter()
            .filter(|r| r.code == "FM004")
            .map(|r| r.message)
            .collect()
    };
    // Jekyll splits `tags: mail rfc` on spaces; Hugo reads a string as one term; themes
    // print `keywords` as they find it. Whether two terms were meant is a guess.
    assert_eq!(fm004("jekyll"), Vec::<String>::new());
    assert_eq!(fm004("hugo"), Vec::<String>::new());
}

#[test]
fn lastmod_hours_before_the_date_on_the_same_day_is_not_reported() {
    let fm015 = |front: &str| -> usize {
        let text = format!("---\ntitle: \"Certificates\"\n{front}\n---\n\nText.\n");
        postlint::testing::lint_text("content/post/certs.md", &text, &postlint::testing::all_rules(), "hugo")
            .into_iter()
            .filter(|r| r.code == "FM015")
            .count()
    };
    assert_eq!(fm015("date: 2018-07-31T21:00:00+09:00\nlastmod: 2018-07-31T09:00:00+09:00"), 0);
    assert_eq!(fm015("date: 2018-07-31T21:00:00+09:00\nlastmod: 2018-07-29T21:00:00+09:00"), 1, "two days before");
    assert_eq!(fm015("date: 2018-07-31\nlastmod: 2018-07-30"), 1, "a day before, without times");
}

/// `(code, line, message)` of FM004 and FM012 on a post with `front` added, on `generator`.
fn typed(generator: &str, front: &str) -> Vec<(String, usize, String)> {
    let text = format!("---\ntitle: \"Tea\"\ndate: 2026-01-12\n{front}\n---\n\nText.\n");
    postlint::testing::lint_text("_posts/2026-01-12-tea.md", &text, &postlint::testing::all_rules(), generator)
        .into_iter()
        .filter(|r| r.code == "FM004" || r.code == "FM012")
        .map(|r| (r.code.to_string(), r.location.start.line, r.message))
        .collect()
}

#[test]
fn fm004_leaves_a_yaml_11_boolean_to_fm012_and_keys_without_a_known_consumer_alone() {
    for generator in ["jekyll", "hugo", "none"] {
        // `comments: no` is `false` to Jekyll's YAML 1.1 and the string "no" to YAML 1.2
        // readers: one defect, which FM012 reports (with the fix to `false`); the key is
        // a theme's, whose expected type postlint does not know.
        let found = typed(generator, "comments: no");
        let codes: Vec<&str> = found.iter().map(|(c, _, _)| c.as_str()).collect();
        assert_eq!(codes, ["FM012"], "{generator}: {found:?}");
        // Theme keys read as the theme reads them: an image mapping for each network, a
        // sitemap mapping read by the site's own sitemap template.
        assert_eq!(typed(generator, "image:\n  twitter: /img/tea-tw.png\n  facebook: /img/tea-fb.png"), []);
        assert_eq!(typed(generator, "sitemap:\n  changefreq: weekly\n  priority: 0.8"), []);
        assert_eq!(typed(generator, "featured: \"yes\"\ntoc: 1"), []);
        // A string of keywords is what themes print into <meta name="keywords">.
        assert_eq!(typed(generator, "keywords: \"green tea, matcha, brewing\""), []);
        assert_eq!(typed(generator, "tags: green tea"), []);
    }
}

#[test]
fn fm004_still_types_what_every_consumer_agrees_on_and_names_the_consumer() {
    let found = typed("hugo", "description: [one, two]\ntags:\n  green: tea\nlastmod: 2026\npublished: \"no\"");
    let lines: Vec<usize> = found.iter().map(|(_, line, _)| *line).collect();
    assert_eq!(lines, [4, 6, 7, 8], "{found:?}");
    assert!(found.iter().all(|(code, _, _)| code == "FM004"), "{found:?}");
    assert!(found[0].2.contains("meta description"), "says who reads it: {found:?}");
    assert!(found[2].2.contains("an integer"), "{found:?}");
    assert!(found[3].2.contains("boolean"), "{found:?}");
    // A title that is a list prints as one on every generator.
    let found = typed("jekyll", "subtitle: x\nlayout: [post, wide]");
    assert_eq!(found.len(), 1, "{found:?}");
}

/// A front matter date on another day than the file name's is the date every reader and
/// URL sees: reported only when a team asks (`date-mismatch`); a name Jekyll skips always is.
#[test]
fn a_date_unlike_the_file_names_is_reported_only_when_asked() {
    let post = "---\ntitle: \"How we plan the year\"\ndate: 2026-01-21\n---\n\nText.\n";
    let fm006 = |path: &str, settings: &postlint::config::Settings| {
        lint_text(path, post, settings, "jekyll").into_iter().filter(|r| r.code == "FM006").count()
    };
    assert_eq!(fm006("_posts/2026-01-12-year-plan.md", &all_rules()), 0);
    let asked = postlint::testing::settings_from("[rules.FM006]\ndate-mismatch = true\n");
    assert_eq!(fm006("_posts/2026-01-12-year-plan.md", &asked), 1);
    assert_eq!(fm006("_posts/year-plan.md", &all_rules()), 1, "Jekyll skips a file without a date");
}

/// Blind round 2026-12-07 (second): `0000` and `007` are the same number to YAML 1.1
/// (octal) and YAML 1.2 readers; only a leading zero that changes the value is ambiguous.
#[test]
fn fm012_leading_zeros_only_when_the_readings_differ() {
    let text = "---\ntitle: \"Pin codes\"\ncode: 0000\nagent: 007\nroom: 012\nzip: 089\n---\n\nText.\n";
    let found = lint("_posts/2026-01-02-pins.md", text);
    let lines: Vec<usize> = found.iter().filter(|(code, ..)| code == "FM012").map(|(_, line, _)| *line).collect();
    assert_eq!(lines, [5, 6], "{found:?}");
}

/// Second blind round: a Japanese description that builds a sentence around the title
/// summarises the post; the title plus a verb ending, or plus a brand after a separator,
/// does not.
#[test]
fn fm010_a_sentence_built_around_the_title_is_a_summary() {
    let post = |description: &str| {
        format!("---\ntitle: \"表の列幅を変える\"\ndescription: \"{description}\"\nkeywords: [表]\n---\n\n本文。\n")
    };
    let fm010 = |description: &str| count(&lint("_posts/2026-01-02-a.md", &post(description)), "FM010");
    assert_eq!(fm010("表の列幅を変えるためにドラッグ操作とダブルクリックでの自動調整を追加する方法を説明します。"), 0);
    assert_eq!(fm010("表の列幅を変えるを行います。"), 1);
    assert_eq!(fm010("表の列幅を変える - ほしのラボの開発メモ"), 1);
}
