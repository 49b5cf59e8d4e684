//! The heading rules' precision classes of issue 31, each with a post of its shape written
//! for the test: title counts (HD006), numbered sequences (HD005) and callout titles (HD002).

use postlint::testing::{all_rules, lint_text};

/// `(code, line, message)` of each heading diagnostic of a Jekyll post.
fn hd(text: &str) -> Vec<(String, usize, String)> {
    lint_text("_posts/2026-03-02-post.md", text, &all_rules(), "jekyll")
        .into_iter()
        .filter(|r| r.code.starts_with("HD"))
        .map(|r| (r.code.to_string(), r.location.start.line, r.message))
        .collect()
}

fn with_code(text: &str, code: &str) -> Vec<(usize, String)> {
    hd(text).into_iter().filter(|(c, ..)| c == code).map(|(_, line, message)| (line, message)).collect()
}

fn post(title: &str, headings: &[&str]) -> String {
    let mut text = format!("---\ntitle: \"{title}\"\n---\n\nリード文。\n\n");
    for heading in headings {
        text.push_str(heading);
        text.push_str("\n\n本文。\n\n");
    }
    text
}

// HD005: ranges, glued decimals, outside numberings, steps the post says it skips.

#[test]
fn a_chapter_range_covers_its_chapters() {
    let full_width = post(
        "入門書を読む",
        &["## 第1章 準備", "## 第2章 基礎", "## 第3章 応用", "## 第４章〜第７章 実践編", "## 第8章 まとめ"],
    );
    assert_eq!(with_code(&full_width, "HD005"), [], "{:?}", hd(&full_width));
    let short = full_width.replace("第４章〜第７章", "第4〜7章");
    assert_eq!(with_code(&short, "HD005"), [], "{:?}", hd(&short));
    let steps = post("Setup", &["## 1. Install", "## 2. Configure", "## 3–5. Tidy up", "## 6. Deploy"]);
    assert_eq!(with_code(&steps, "HD005"), [], "{:?}", hd(&steps));
    let repeated = post("手順", &["## ステップ1 準備", "## ステップ2〜ステップ4 実行", "## ステップ5 確認"]);
    assert_eq!(with_code(&repeated, "HD005"), [], "{:?}", hd(&repeated));
    let gap = post("入門書を読む", &["## 第1章 準備", "## 第2章 基礎", "## 第4章 応用"]);
    assert_eq!(with_code(&gap, "HD005").len(), 1, "a real gap: {:?}", hd(&gap));
    let after_range = post("入門書を読む", &["## 第1章 準備", "## 第2〜3章 基礎", "## 第5章 応用"]);
    assert_eq!(with_code(&after_range, "HD005").len(), 1, "a gap after a range: {:?}", hd(&after_range));
}

#[test]
fn a_decimal_glued_to_japanese_text_is_a_number_and_a_quantity() {
    let text = post("ネットワーク用語集", &["## 36.負荷分散", "## 37.3層ウェブ", "## 38.キャッシュ"]);
    assert_eq!(with_code(&text, "HD005"), [], "37 and `3層ウェブ`: {:?}", hd(&text));
    let quantity = post("表示を速くする", &["## 1. 計測する", "## 2. 画像を縮める", "## 1.5倍速くなった理由"]);
    assert_eq!(with_code(&quantity, "HD005"), [], "a quantity, not a step going back: {:?}", hd(&quantity));
    let versions = post("Release notes", &["## 1.8 series", "## 1.9 series", "## 2.1 Overview"]);
    assert_eq!(with_code(&versions, "HD005"), [], "{:?}", hd(&versions));
}

#[test]
fn questions_picked_from_an_outside_bank_are_not_a_broken_sequence() {
    let bank = post(
        "Practice exam: the questions I got wrong",
        &["## Question 9", "## Question 12", "## Question 22", "## Question 31"],
    );
    assert_eq!(with_code(&bank, "HD005"), [], "{:?}", hd(&bank));
    let own = post("Quiz", &["## Question 1", "## Question 2", "## Question 4"]);
    assert_eq!(with_code(&own, "HD005").len(), 1, "the post's own numbering: {:?}", hd(&own));
    let mostly_counting = post("Diary", &["## Day 5", "## Day 6", "## Day 7", "## Day 9", "## Day 10"]);
    assert_eq!(with_code(&mostly_counting, "HD005").len(), 1, "{:?}", hd(&mostly_counting));
    let continued =
        "---\ntitle: \"Quiz\"\n---\n\n## Part A\n\n### Question 1\n\n### Question 2\n\n### Question 3\n\n## Part B\n\n### Question 4\n\n### Question 6\n";
    assert_eq!(with_code(continued, "HD005").len(), 1, "a run that continues part A: {:?}", hd(continued));
}

#[test]
fn a_step_the_post_says_it_skips_is_not_missing() {
    let japanese = "---\ntitle: \"環境構築\"\n---\n\n## ステップ1: 準備\n\n本文。\n\n## ステップ2: 導入\n\nステップ3は今回の環境では不要なので省略します。\n\n## ステップ4: 確認\n\n本文。\n";
    assert_eq!(with_code(japanese, "HD005"), [], "{:?}", hd(japanese));
    let english = "---\ntitle: \"Setup\"\n---\n\n## Step 1: Install\n\nWe skip step 3 of the official guide; it is for Windows.\n\n## Step 2: Configure\n\nText.\n\n## Step 4: Deploy\n\nText.\n";
    assert_eq!(with_code(english, "HD005"), [], "{:?}", hd(english));
    let silent = japanese.replace("ステップ3は今回の環境では不要なので省略します。", "次に進みます。");
    assert_eq!(with_code(&silent, "HD005").len(), 1, "{:?}", hd(&silent));
    let other_number = japanese.replace("ステップ3は", "手順の2023年版は");
    assert_eq!(with_code(&other_number, "HD005").len(), 1, "{:?}", hd(&other_number));
    let not_a_step = english.replace("We skip step 3 of the official guide", "Skip the test on those 3 draws");
    assert_eq!(with_code(&not_a_step, "HD005").len(), 1, "3 draws are not step 3: {:?}", hd(&not_a_step));
}

#[test]
fn a_plural_counter_word_names_a_range_in_the_same_run() {
    let phases = post(
        "Debugging log",
        &["## Phase 01: cache", "## Phase 02: gamma", "## Phases 03-05: probes", "## Phase 06: fix"],
    );
    assert_eq!(with_code(&phases, "HD005"), [], "{:?}", hd(&phases));
    let missing = post("Debugging log", &["## Phase 01: cache", "## Phases 03-05: probes", "## Phase 06: fix"]);
    assert_eq!(with_code(&missing, "HD005").len(), 1, "phase 2 is missing: {:?}", hd(&missing));
}

// HD002: a heading inside a callout is the callout's title.

#[test]
fn callout_titles_are_not_outline_levels() {
    let callout = |open: &str, close: &str| {
        format!(
            "---\ntitle: \"Install\"\n---\n\n## Install\n\nText.\n\n{open}\n<h5>Note</h5>\n<p>Use a virtual environment.</p>\n{close}\n\n### Next\n\nText.\n"
        )
    };
    for (open, close) in [
        ("<div class=\"note\">", "</div>"),
        ("<div class=\"admonition warning\">", "</div>"),
        ("<div class=\"alert alert-info\" markdown=\"1\">", "</div>"),
        ("<aside>", "</aside>"),
        ("<details><summary>More</summary>", "</details>"),
    ] {
        let text = callout(open, close);
        assert_eq!(with_code(&text, "HD002"), [], "{open}: {:?}", hd(&text));
    }
    let card = callout("<div class=\"card\">", "</div>");
    assert_eq!(with_code(&card, "HD002").len(), 1, "a card is not a callout: {:?}", hd(&card));
    let markdown_title =
        "---\ntitle: \"Install\"\n---\n\n## Install\n\n<div class=\"tip\" markdown=\"1\">\n\n##### Tip\n\nText.\n\n</div>\n\n#### Deep\n";
    let found = with_code(markdown_title, "HD002");
    assert_eq!(found.len(), 1, "the tip's title is skipped, the H4 after it is not: {found:?}");
    assert_eq!(found[0].0, 15, "{found:?}");
    let nested = "---\ntitle: \"Install\"\n---\n\n## Install\n\n<div class=\"note\">\n<div class=\"body\">\n<h5>Note</h5>\n</div>\n<h6>More</h6>\n</div>\n\n### Next\n";
    assert_eq!(with_code(nested, "HD002"), [], "{:?}", hd(nested));
}
