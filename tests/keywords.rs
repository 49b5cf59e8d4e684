//! Year and keyword consistency on the seed-shaped post and on the edge cases of the issue.

mod common;

use common::*;
use postlint::project::Generator;
use postlint::testing::{all_rules, lint_text};

fn kw(path: &str, text: &str) -> Vec<(String, usize, usize)> {
    lint_text(path, text, &all_rules(), Generator::Jekyll)
        .into_iter()
        .filter(|r| r.code.starts_with("KW"))
        .map(|r| (r.code.to_string(), r.location.start.line, r.location.start.column))
        .collect()
}

#[test]
fn seed_shaped_post_gets_four_kw002_and_kw004_per_occurrence() {
    let (_, json) = check_json(&fixtures().join("site"), &["--select", "KW", "_posts"]);
    let seed: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["path"].as_str().unwrap().contains("2026-01-12-"))
        .map(|d| (d["code"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    let kw002: Vec<_> = seed.iter().filter(|(c, _, _)| c == "KW002").collect();
    assert_eq!(kw002.len(), 4, "two stale tags and two stale seo_keywords: {seed:?}");
    let mut places: Vec<_> = kw002.iter().map(|(_, l, c)| (*l, *c)).collect();
    places.dedup();
    assert_eq!(places.len(), 4, "each on its own item");
    assert_eq!(
        seed.iter().filter(|(c, _, _)| c == "KW004").count(),
        2,
        "every 「SNS運用計画 2025」 in the body: {seed:?}"
    );
    assert!(!seed.iter().any(|(c, _, _)| c == "KW001"), "title and date agree");
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
    let early = "---\ntitle: \"2027年版！家計簿アプリ比較\"\ndate: 2026-03-01\n---\n\n本文\n";
    assert_eq!(kw("_posts/2026-03-01-apps.md", early).iter().filter(|(c, _, _)| c == "KW001").count(), 1);
    let stale_title = "---\ntitle: \"The best budgeting apps of 2025\"\n---\n\nText.\n";
    let found = kw("_posts/2026-02-10-apps.md", stale_title);
    assert!(found.contains(&("KW001".to_string(), 2, 36)), "the date comes from the file name: {found:?}");
}

#[test]
fn kw002_fix_replaces_only_the_year() {
    let post = "---\ntitle: \"2026年版！SNS運用計画\"\ndate: 2026-01-12\ntags: [\"SNS運用計画 2025\"]\n---\n";
    let reports = lint_text("p.md", post, &all_rules(), Generator::None);
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
