//! Year and keyword consistency on the seed-shaped post and on the edge cases of the issue.

mod common;

use common::*;
use postlint::testing::{all_rules, lint_text};

fn kw(path: &str, text: &str) -> Vec<(String, usize, usize)> {
    lint_text(path, text, &all_rules(), "jekyll")
        .into_iter()
        .filter(|r| r.code.starts_with("KW"))
        .map(|r| (r.code.to_string(), r.location.start.line, r.location.start.column))
        .collect()
}

#[test]
fn seed_shaped_post_gets_one_kw002_per_stale_phrase_and_no_history() {
    let (_, json) = check_json(&fixtures().join("site"), &["--select", "KW", "_posts"]);
    let seed: Vec<&serde_json::Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("2026-01-12-"))
        .collect();
    let place = |d: &serde_json::Value| (d["code"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap());
    let kw002: Vec<_> = seed.iter().filter(|d| d["code"] == "KW002").collect();
    assert_eq!(
        kw002.len(),
        2,
        "two stale phrases, each in tags and seo_keywords: {:?}",
        seed.iter().map(|d| place(d)).collect::<Vec<_>>()
    );
    for diagnostic in &kw002 {
        assert_eq!(diagnostic["line"], 6, "reported on the tag");
        let labels = diagnostic["labels"].as_array().expect("labels");
        assert_eq!(labels.len(), 1, "the same item in seo_keywords is a label: {diagnostic}");
        assert_eq!(labels[0]["line"], 12);
    }
    assert!(
        !seed.iter().any(|d| d["code"] == "KW004"),
        "「SNS運用計画 2025」 in the body is compared with and written as history: {:?}",
        seed.iter().map(|d| place(d)).collect::<Vec<_>>()
    );
    assert!(!seed.iter().any(|d| d["code"] == "KW001"), "title and date agree");
}

#[test]
fn stale_keyword_said_as_current_is_one_kw004_with_labels() {
    let post = "---\ntitle: \"2026年版！SNS運用計画の立て方\"\ndate: 2026-01-12\ntags: [\"SNS運用計画 2025\"]\n---\n\n「SNS運用計画 2025」を今すぐ始めましょう。\n\n「SNS運用計画 2025」は今年も大切です。\n";
    let reports = lint_text("_posts/2026-01-12-plan.md", post, &all_rules(), "jekyll");
    let kw004: Vec<_> = reports.iter().filter(|r| r.code == "KW004").collect();
    assert_eq!(kw004.len(), 1, "{reports:?}");
    assert_eq!(kw004[0].location.start.line, 7);
    assert_eq!(kw004[0].labels.len(), 2, "the tag and the second sentence");
}

#[test]
fn years_that_are_names_dates_or_reviews_are_not_stale() {
    let cases = [
        // An event, not an edition: no claim, so nothing is stale.
        (
            "_posts/2014-09-10-confoo.md",
            "---\ntitle: \"ConFoo 2015 is looking for speakers\"\n---\n\nThe call is open until September 20, 2014.\n",
        ),
        // A review of last year.
        ("_posts/2026-01-02-review.md", "---\ntitle: \"2025年の振り返り\"\n---\n\n2025年のSNS運用を振り返ります。\n"),
        // Dates and names in an edition post.
        (
            "_posts/2026-01-12-plan.md",
            "---\ntitle: \"The 2026 guide to Rust tooling\"\n---\n\nRustConf 2025 talks and the Rust 2024 edition matter. Submissions closed on December 9th, 2025.\n",
        ),
        // A later year is a forward look, never stale.
        (
            "_posts/2026-01-12-outlook.md",
            "---\ntitle: \"2026年版 SNS運用の始め方\"\n---\n\n2027年を見据えたSNS運用を考えます。\n",
        ),
    ];
    for (path, post) in cases {
        assert_eq!(kw(path, post), [], "{post}");
    }
}

#[test]
fn title_and_date_disagreeing_is_said_once() {
    let post = "---\ntitle: \"2025年版 SNS運用計画\"\ndate: 2026-03-01\ntags: [\"SNS運用 2026\"]\n---\n\n## 2026年のSNS運用計画\n";
    let found = kw("_posts/2026-03-01-plan.md", post);
    assert_eq!(found.iter().map(|(c, _, _)| c.as_str()).collect::<Vec<_>>(), ["KW001"], "{found:?}");
}

#[test]
fn historical_years_stay_silent() {
    let post = "---\ntitle: \"2026年版！SNS運用計画の立て方\"\ndate: 2026-01-12\n---\n\n2025年に策定したマーケティング計画の成果を確かめます。2024年から続けている調査で、2024〜2026の推移と2025年比の伸びを見ます。Since 2019 we have tracked it; compared to 2025 it grew.\n";
    assert_eq!(kw("_posts/2026-01-12-plan.md", post), []);
}

#[test]
fn previous_year_as_current_is_kw005() {
    let post = "---\ntitle: \"2026年版！SNS運用計画の立て方\"\ndate: 2026-01-12\n---\n\n2025年のマーケティング計画においても大切です。\n";
    assert_eq!(kw("_posts/2026-01-12-plan.md", post), [("KW005".to_string(), 6, 1)]);
}

#[test]
fn next_year_edition_window() {
    let late = "---\ntitle: \"2027年版！家計簿アプリ比較\"\ndate: 2026-12-15\n---\n\n本文\n";
    assert!(!kw("_posts/2026-12-15-apps.md", late).iter().any(|(c, _, _)| c == "KW001"));
    // Next year's edition or a roadmap for next year is a plan, not a stale title.
    let early = "---\ntitle: \"2027年版！家計簿アプリ比較\"\ndate: 2026-03-01\n---\n\n本文\n";
    assert!(!kw("_posts/2026-03-01-apps.md", early).iter().any(|(c, _, _)| c == "KW001"));
    let stale_title = "---\ntitle: \"The best budgeting apps of 2025\"\n---\n\nText.\n";
    let found = kw("_posts/2026-04-10-apps.md", stale_title);
    assert!(found.contains(&("KW001".to_string(), 2, 36)), "the date comes from the file name: {found:?}");
    // In January and February, `… of 2025` is a look back at the year just ended.
    assert!(kw("_posts/2026-01-10-apps.md", stale_title).is_empty());
    let favourites = "---\ntitle: \"Our four favorite gardens of 2024\"\n---\n\nText.\n";
    assert!(kw("_posts/2026-04-10-gardens.md", favourites).is_empty(), "a look back, not an edition");
    let edition = "---\ntitle: \"2025年版 家計簿アプリ比較\"\n---\n\n本文\n";
    assert_eq!(
        kw("_posts/2026-01-10-apps.md", edition).iter().filter(|(c, _, _)| c == "KW001").count(),
        1,
        "an edition left behind"
    );
}

#[test]
fn kw002_fix_replaces_only_the_year() {
    let post = "---\ntitle: \"2026年版！SNS運用計画\"\ndate: 2026-01-12\ntags: [\"SNS運用計画 2025\"]\n---\n";
    let reports = lint_text("p.md", post, &all_rules(), "none");
    let report = reports.iter().find(|r| r.code == "KW002").expect("KW002");
    let edit = &report.fix.as_ref().expect("a fix").edits[0];
    assert_eq!(&post[edit.span.clone()], "2025");
    assert_eq!(edit.content, "2026");
}

#[test]
fn full_width_years_count() {
    let post = "---\ntitle: \"２０２６年版 カメラ選び\"\ndate: 2026-01-12\ntags: [カメラ ２０２５]\n---\n";
    let found = kw("_posts/2026-01-12-p.md", post);
    assert!(found.iter().any(|(c, l, _)| c == "KW002" && *l == 4), "{found:?}");
}

#[test]
fn focus_keyword_words_may_be_apart_in_japanese() {
    let post = "---\ntitle: \"京都のカフェで見つけた小さな工夫\"\nkeywords: [カフェ 工夫]\n---\n\n本文\n";
    assert!(!kw("_posts/2026-01-12-p.md", post).iter().any(|(c, _, _)| c == "KW006"));
    let post = "---\ntitle: \"京都のカフェ巡り\"\nkeywords: [AI ツール 比較]\n---\n\n本文\n";
    assert!(kw("_posts/2026-01-12-p.md", post).iter().any(|(c, _, _)| c == "KW006"));
}

#[test]
fn a_sentence_after_a_full_width_stop_is_read_on_character_boundaries() {
    // Found on a Chinese newsletter: the sentence start after `。` was a byte inside it.
    let post =
        "---\ntitle: \"2026年版 运营计划\"\ndate: 2026-01-12\n---\n\n回顾去年。2025年的运营计划和2024年的不同。\n";
    let reports = lint_text("_posts/2026-01-12-plan.md", post, &all_rules(), "jekyll");
    assert!(!reports.iter().any(|r| r.code == "PL001"), "{reports:?}");
}

/// `(line, column, message)` of each KW002 in `post`.
fn kw002(path: &str, post: &str, settings: &postlint::config::Settings) -> Vec<(usize, usize, String)> {
    lint_text(path, post, settings, "jekyll")
        .into_iter()
        .filter(|r| r.code == "KW002")
        .map(|r| (r.location.start.line, r.location.start.column, r.message))
        .collect()
}

#[test]
fn kw002_last_years_tag_is_stale_whatever_its_case_or_spacing() {
    // Tags are metadata, not prose: `SEO 2025` (an acronym before the year) and
    // `広告運用2025` (the year written against the word) are last year's tags as much as
    // `seo 2025` and `広告運用 2025` are.
    let post = "---\ntitle: \"2026年版！小さな店のSEO対策ガイド\"\ndate: 2026-02-03\ntags: [SEO 2025, seo 2025, 広告運用2025, 広告運用 2025, ローカル検索]\n---\n\n本文です。\n";
    let found = kw002("_posts/2026-02-03-seo.md", post, &all_rules());
    let columns: Vec<usize> = found.iter().map(|(_, column, _)| *column).collect();
    // `seo 2025` is `SEO 2025` again, and `広告運用 2025` is `広告運用2025` again: one
    // phrase pasted twice is one diagnostic, with the other place as a label.
    assert_eq!(columns, [12, 32], "{found:?}");
    assert!(found.iter().all(|(line, _, _)| *line == 4), "{found:?}");
}

#[test]
fn kw002_a_year_that_is_part_of_a_name_needs_evidence() {
    // The name list (`Office`, `Rust`), a capitalised word after the year, the same name
    // and year in the title: names. Last year beside any other word: stale.
    let post = "---\ntitle: \"Kanade 2024 の新機能まとめ 2025年版\"\ndate: 2025-03-01\ntags: [Kanade 2024, Office 2024, Rust 2024, 2024 Tokyo Rust Meetup, 移行手順 2024, Cargo 2024]\n---\n\n本文です。\n";
    let found = kw002("_posts/2025-03-01-kanade.md", post, &all_rules());
    let items: Vec<String> = found.iter().map(|(_, _, message)| message.clone()).collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].contains("`移行手順 2024`"), "{items:?}");
    assert!(items[1].contains("`Cargo 2024`"), "no evidence that `Cargo 2024` is a name: {items:?}");
    // The same word with the canonical year elsewhere says the year is an edition.
    let post = "---\ntitle: \"2026年版 AWS入門\"\ndate: 2026-01-20\ntags: [AWS 2025, AWS 2026]\n---\n\n本文です。\n";
    assert_eq!(kw002("_posts/2026-01-20-aws.md", post, &all_rules()).len(), 1);
    // A site's own names come from the rule's options.
    let post = "---\ntitle: \"2026年版 会計ソフトの選び方\"\ndate: 2026-01-20\ntags: [Kaikei Pro 2025, 会計ソフト 2025]\n---\n\n本文です。\n";
    assert_eq!(kw002("_posts/2026-01-20-soft.md", post, &all_rules()).len(), 2);
    let named = postlint::testing::settings_from("[rules.KW002]\nname-words = [\"Kaikei Pro\"]\n");
    let found = kw002("_posts/2026-01-20-soft.md", post, &named);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("`会計ソフト 2025`"), "{found:?}");
}

#[test]
fn kw002_points_at_the_year_inside_a_folded_description() {
    let post = "---\ntitle: \"2026年版 家庭菜園カレンダー\"\ndate: 2026-02-10\ndescription: >\n  春に植える野菜と\n  2025 の収穫記録をもとにした\n  植え付けの目安です。\n---\n\n本文です。\n";
    let found = kw002("_posts/2026-02-10-garden.md", post, &all_rules());
    assert_eq!(found.len(), 1, "{found:?}");
    let (line, column, message) = &found[0];
    assert_eq!((*line, *column), (6, 3), "at the year, not at the `>`: {message}");
    assert!(!message.contains("\\n") && !message.contains('\n'), "line breaks read as spaces: {message}");
    assert!(message.contains("2025 の収穫記録"), "{message}");
}

#[test]
fn kw006_reads_a_comma_separated_keywords_string_as_a_list() {
    let kw006 = |keywords: &str| -> Vec<(usize, usize, String)> {
        let post = format!(
            "---\ntitle: \"Pickling cucumbers in a week\"\ndescription: \"A quick brine for crisp pickles.\"\nkeywords: {keywords}\n---\n\nQuick pickles need only salt, vinegar and a week.\n"
        );
        lint_text("_posts/2026-01-12-pickles.md", &post, &all_rules(), "jekyll")
            .into_iter()
            .filter(|r| r.code == "KW006")
            .map(|r| (r.location.start.line, r.location.start.column, r.message))
            .collect()
    };
    // The focus keyword is the first of the list, whichever way the list is written.
    assert_eq!(kw006("\"pickles, brine ratio, fermentation\""), []);
    assert_eq!(kw006("pickles、ぬか漬け、発酵"), []);
    assert_eq!(kw006("[pickles, brine ratio]"), []);
    // A first keyword the post never uses is still reported, at that keyword.
    let found = kw006("\"sauerkraut, pickles\"");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (4, 12));
    assert!(found[0].2.contains("`sauerkraut`"), "{found:?}");
}

#[test]
fn kw002_reads_a_keywords_string_as_a_list() {
    let post = "---\ntitle: \"2026年版 家庭菜園カレンダー\"\ndate: 2026-02-10\nkeywords: \"家庭菜園, 植え付け時期 2025, 野菜\"\n---\n\n本文です。\n";
    let found = kw002("_posts/2026-02-10-garden.md", post, &all_rules());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0, found[0].1), (4, 25), "{found:?}");
    assert!(found[0].2.contains("`植え付け時期 2025`"), "the item, not the whole string: {found:?}");
}

#[test]
fn kw001_a_year_that_names_the_data_is_not_an_edition() {
    let kw001 = |path: &str, title: &str| -> usize {
        let post = format!("---\ntitle: \"{title}\"\n---\n\nText.\n");
        kw(path, &post).iter().filter(|(code, _, _)| code == "KW001").count()
    };
    // The year is the subject's: the data, the survey, the season, the fiscal year.
    assert_eq!(kw001("_posts/2021-06-14-rain.md", "Rainfall Analysis for the Lake District in 2020"), 0);
    assert_eq!(
        kw001("_posts/2021-06-14-rain.md", "Winter bird census of the Somerset Levels in 2020: what we counted"),
        0
    );
    assert_eq!(kw001("_posts/2021-06-14-cafe.md", "2020年の来店客数統計"), 0);
    assert_eq!(kw001("_posts/2021-06-14-cafe.md", "2020年度 決算のポイント"), 0);
    // An edition says so, whatever else the title says.
    assert_eq!(kw001("_posts/2021-06-14-rain.md", "Rainfall data tools: 2020 edition"), 1);
    assert_eq!(kw001("_posts/2021-06-14-cafe.md", "2020年版 データ分析ツール比較"), 1);
    assert_eq!(kw001("_posts/2021-06-14-rain.md", "The best data tools in 2020"), 1);
    // No evidence: a title left behind.
    assert_eq!(kw001("_posts/2021-06-14-rain.md", "The best rain jackets in 2020"), 1);
}

/// Blind round 2026-12-07: a Latin focus keyword in a Chinese or Japanese body was a share
/// of the few space-separated "words" such text has. Each CJK character now counts as a
/// word; an English body that repeats its keyword is still reported.
#[test]
fn kw007_counts_the_words_of_cjk_text_by_character_not_by_space() {
    let sentence = "今天我们来看看如何在本地环境中使用容器来部署一个简单的网站服务，";
    let chinese = format!(
        "---\ntitle: \"Docker 入门\"\nkeywords: [Docker]\n---\n\n{}\n",
        (0..6).map(|_| format!("{sentence}Docker 很方便。")).collect::<String>()
    );
    assert!(kw("_posts/2026-01-02-docker.md", &chinese).iter().all(|(code, ..)| code != "KW007"));
    let english = "---\ntitle: \"Docker basics\"\nkeywords: [Docker]\n---\n\nDocker Docker is Docker and Docker runs Docker images with Docker.\n";
    assert!(kw("_posts/2026-01-02-docker.md", english).iter().any(|(code, ..)| code == "KW007"));
}

/// Recall on the second blind round's sites: a year alone in parentheses after the title's
/// words (`(2018)`, `(2020年版)` glued to Japanese) and a Spanish `Guía 2025` are the
/// post's year, so last year's tag under them is stale.
#[test]
fn kw002_titles_that_give_their_year_in_parentheses_or_after_guia() {
    let post = |title: &str, year: i32| {
        format!("---\ntitle: \"{title}\"\ndate: {year}-03-02\ntags: [\"notes {}\"]\n---\n\nText.\n", year - 1)
    };
    for (title, year) in [
        ("Setting Up Log Shipping (2018)", 2018),
        ("API Keys in ASP.Net Core 2 w/ Cosmos DB (2018)", 2018),
        ("表の列幅を変える方法(2020年版)", 2020),
        ("Cómo configurar Wrangler (Guía 2025)", 2025),
    ] {
        let found = kw(&format!("_posts/{year}-03-02-post.md"), &post(title, year));
        assert!(found.iter().any(|(code, ..)| code == "KW002"), "{title}: {found:?}");
    }
}

/// Second blind round: a title that lists versions or compares years (`2008, 2008 R2 or
/// 2012`) claims no edition year; a single year still does.
#[test]
fn kw001_a_title_listing_years_claims_none() {
    let post = |title: &str| format!("---\ntitle: \"{title}\"\ndate: 2013-06-27\n---\n\nText.\n");
    let kw001 = |title: &str| kw("_posts/2013-06-27-x.md", &post(title)).iter().filter(|(c, ..)| c == "KW001").count();
    assert_eq!(kw001("Which loads faster: 2008, 2008 R2 or 2012?"), 0);
    assert_eq!(kw001("Sales report: 2011 vs 2012"), 0);
    assert_eq!(kw001("Planning guide for 2011"), 1);
}
