//! JSON-LD rules on the seed-shaped post (alone and inside a jekyll-seo-tag site) and on
//! the JSON-LD fixtures.

mod common;

use common::*;

fn seed_post() -> (String, String) {
    let path = seed_path();
    let text = std::fs::read_to_string(fixtures().join("site").join(&path)).unwrap();
    (path.trim_start_matches("_posts/").to_string(), text)
}

#[test]
fn seed_shaped_post_in_a_jekyll_seo_tag_site() {
    let (_, json) = check_json(&fixtures().join("site"), &["--select", "LD,IMG002", "_posts"]);
    let found = found_in(&json, "2026-01-12-");
    let ld: Vec<_> = found.iter().filter(|f| f.0.starts_with("LD")).map(|f| (f.0.as_str(), f.3.as_str())).collect();
    // The block duplicates jekyll-seo-tag's (LD007): the fix is to remove it, so its other
    // findings are notes of the LD007, not diagnostics of their own.
    assert_eq!(
        ld.iter().map(|(c, _)| *c).collect::<Vec<_>>(),
        ["LD007"],
        "the blog-post layout inherits default, which renders {{% seo %}}: {ld:?}"
    );
    let ld007 = json["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "LD007").unwrap();
    let notes: Vec<&str> = ld007["labels"].as_array().unwrap().iter().map(|l| l["message"].as_str().unwrap()).collect();
    assert!(notes.iter().any(|m| m.starts_with("LD004") && m.contains("`dateModified`")), "{notes:?}");
    assert!(notes.iter().any(|m| m.starts_with("LD004") && m.contains("`author.url`")), "{notes:?}");
    assert!(notes.iter().any(|m| m.starts_with("LD006") && m.contains("author.name")), "{notes:?}");
    for code in ["LD001", "LD002", "LD003", "LD005"] {
        assert!(!ld.iter().any(|(c, _)| *c == code), "{code}: {ld:?}");
    }
    let (_, text) = seed_post();
    let jsonld_image_line = text.lines().position(|l| l.trim_start().starts_with("\"image\":")).unwrap() as u64 + 1;
    assert!(
        found.iter().any(|f| f.0 == "IMG002" && f.1 == jsonld_image_line),
        "the JSON-LD image URL goes through the image rules"
    );
}

#[test]
fn seed_shaped_post_alone_gets_no_ld007() {
    let (name, text) = seed_post();
    let dir = site(&[(&name.to_string(), &text)]);
    let (_, json) = check_json(dir.path(), &["--select", "LD", "."]);
    let found = found_in(&json, "2026-01-12-");
    assert!(!found.iter().any(|f| f.0 == "LD007"), "{found:?}");
    assert!(found.iter().any(|f| f.0 == "LD006"), "{found:?}");
}

#[test]
fn invalid_json_is_reported_in_file_coordinates_inside_a_div() {
    let (_, json) = check_json(&fixtures().join("jsonld"), &["--select", "LD001", "invalid-json-in-div.md"]);
    assert_eq!(positions(&json), [("LD001".to_string(), 13, 68)]);
}

#[test]
fn templated_and_graph_fixtures() {
    let (_, json) = check_json(&fixtures().join("jsonld"), &["--select", "LD", "."]);
    let templated = found_in(&json, "templated");
    assert!(!templated.iter().any(|f| ["LD001", "LD005", "LD006"].contains(&f.0.as_str())), "{templated:?}");
    let graph = found_in(&json, "graph");
    assert!(!graph.iter().any(|f| ["LD001", "LD002", "LD003"].contains(&f.0.as_str())), "{graph:?}");
    assert!(graph.iter().any(|f| f.0 == "LD009" && f.3.contains("headlines")), "{graph:?}");
    assert_eq!(found_in(&json, "valid-blogposting"), []);
}

#[test]
fn ld006_fix_rewrites_the_value_from_front_matter() {
    let text = "---\ntitle: \"Say \\\"hi\\\" 日本\"\n---\n\n<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\", \"@type\": \"BlogPosting\", \"headline\": \"Old\"}\n</script>\n";
    let dir = site(&[("p.md", text)]);
    let (_, json) = check_json(dir.path(), &["--select", "LD006", "p.md"]);
    let edit = &json["diagnostics"][0]["fix"]["edits"][0];
    assert_eq!(edit["content"], "\"Say \\\"hi\\\" 日本\"");
    assert_eq!(json["diagnostics"][0]["fix"]["applicability"], "safe");
}
