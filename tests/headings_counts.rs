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
