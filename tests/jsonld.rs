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

#[test]
fn json_ld_follows_googles_current_guidance() {
    let lint_titled = |title: &str, jsonld: &str| -> Vec<(String, String)> {
        let post =
            format!("---\ntitle: \"{title}\"\n---\n\n<script type=\"application/ld+json\">\n{jsonld}\n</script>\n");
        postlint::testing::lint_text("_posts/2026-01-12-tea.md", &post, &postlint::testing::all_rules(), "none")
            .into_iter()
            .filter(|r| r.code.starts_with("LD"))
            .map(|r| (r.code.to_string(), r.message))
            .collect()
    };
    let lint = |jsonld: &str| lint_titled("Tea", jsonld);
    let long = "x".repeat(150);
    let found = lint_titled(
        &long,
        &format!(
            r#"{{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "{long}", "image": "https://e.example/a.png", "datePublished": "2026-01-12T09:00:00+09:00", "dateModified": "2026-01-12T09:00:00+09:00", "author": {{"@type": "Person", "name": "Aiko", "url": "https://e.example/aiko"}}}}"#
        ),
    );
    assert!(found.is_empty(), "no headline limit since 2023: {found:?}");
    // An author given by reference to a Person elsewhere in the graph is complete.
    let found = lint(
        r##"{"@context": "https://schema.org", "@graph": [{"@type": "Person", "@id": "#me", "name": "Aiko", "url": "https://e.example/aiko"}, {"@type": "BlogPosting", "headline": "Tea", "image": "https://e.example/a.png", "datePublished": "2026-01-12T09:00:00+09:00", "dateModified": "2026-01-12T09:00:00+09:00", "author": {"@id": "#me"}}]}"##,
    );
    assert!(found.is_empty(), "{found:?}");
    // A date without a time is advice to add one, not "no time zone".
    let found = lint(
        r#"{"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Tea", "image": "https://e.example/a.png", "datePublished": "2026-01-12", "dateModified": "2026-01-12T09:00:00+09:00", "author": {"@type": "Person", "name": "Aiko", "url": "https://e.example/aiko"}}"#,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("date without a time"), "{found:?}");
    // A post described only as a Recipe is not missing an Article.
    let found = lint(
        r#"{"@context": "https://schema.org", "@type": "Recipe", "name": "Iced tea", "image": "https://e.example/a.png"}"#,
    );
    assert!(!found.iter().any(|(c, _)| c == "LD003"), "{found:?}");
}

#[test]
fn rich_result_requirements_follow_references_subtypes_and_retirements() {
    let (_, json) = check_json(&fixtures().join("jsonld"), &["--select", "LD004,LD010,LD011", "rich-results.md"]);
    let found: Vec<(String, u64, String)> =
        found_in(&json, "rich-results").into_iter().map(|(code, line, _, message)| (code, line, message)).collect();
    let expected = [
        // The Review's author is a reference to a Person without a name: reported there.
        ("LD010", 21, "Review structured data has no `author.name`"),
        // MusicEvent is an Event (schema.org gives it no properties of its own): it needs a
        // location.
        ("LD010", 23, "Event structured data has no `location`"),
        // ClaimReview is a Review subtype, but its rich result is retired: only LD011.
        ("LD011", 41, "Google stopped showing Claim review (fact check) rich results on 2025-06-12"),
    ];
    let expected: Vec<(String, u64, String)> =
        expected.iter().map(|(c, l, m)| (c.to_string(), *l, m.to_string())).collect();
    // A Recipe is a HowTo to schema.org, but its own rich result is still shown: no
    // LD011, and its own row's properties are all given.
    // The Article's author by reference is complete, a WebSite without a search action is
    // no sitelinks search box, and the breadcrumb's second item by reference has its
    // position and name.
    assert_eq!(found, expected);
}

/// A PNG whose header says `width`×`height` (the pixels themselves are never read).
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

#[test]
fn small_article_images_are_reported_from_their_header() {
    let dir = copy_site(&fixtures().join("site"));
    std::fs::write(dir.path().join("assets/images/small.png"), png_header(200, 150)).unwrap();
    std::fs::write(dir.path().join("assets/images/wide.png"), png_header(1200, 675)).unwrap();
    let post = |image: &str| {
        format!(
            "---\ntitle: \"Autumn\"\ndate: 2026-03-05\n---\n\n<script type=\"application/ld+json\">\n{{\"@context\": \"https://schema.org\", \"@type\": \"BlogPosting\", \"headline\": \"Autumn\", \"image\": {image}, \"publisher\": {{\"@type\": \"Organization\", \"name\": \"x\", \"logo\": \"/assets/images/small.png\"}}}}\n</script>\n"
        )
    };
    for (image, expected) in [
        ("\"https://blog.hoshino-lab.example/assets/images/small.png\"", 1),
        ("[\"/assets/images/wide.png\", {\"@type\": \"ImageObject\", \"url\": \"/assets/images/small.png\"}]", 1),
        ("{\"@type\": \"ImageObject\", \"url\": \"/assets/images/wide.png\"}", 0),
        ("\"https://cdn.example.net/remote.png\"", 0),
    ] {
        std::fs::write(dir.path().join("_posts/2026-03-05-autumn.md"), post(image)).unwrap();
        let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LD012", "_posts/2026-03-05-autumn.md"]);
        let found = found_in(&json, "autumn");
        assert_eq!(found.len(), expected, "{image}: {found:?} (the small logo is not an article image)");
        if expected == 1 {
            assert!(found[0].3.contains("200×150, 30000 pixels"), "{found:?}");
        }
    }
}

/// Three shapes real sites write that are not defects: a comma placed by Liquid control
/// flow (`{% unless forloop.last %},{% endunless %}`), schema.org's `query-input` action
/// annotation, and a Recipe with `prepTime` and `cookTime` instead of `totalTime`.
#[test]
fn liquid_control_flow_action_annotations_and_recipe_times() {
    let post = r#"---
title: "Baked apples"
date: 2026-10-02
---

<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [
  {% for item in page.items %}{"@type": "ListItem", "position": {{ forloop.index }}, "name": {{ item | jsonify }}}{% unless forloop.last %},{% endunless %}
  {% endfor %}]}
</script>

<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "WebSite", "url": "https://example.com/",
 "potentialAction": {"@type": "SearchAction", "target": "https://example.com/?q={query}", "query-input": "required name=query", "quxx-input": "x"}}
</script>

<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "Recipe", "name": "Baked apples", "image": "https://example.com/a.jpg",
 "author": {"@type": "Person", "name": "Aki Mori"}, "datePublished": "2026-10-02", "description": "Apples, baked.",
 "keywords": "apples", "recipeCategory": "Dessert", "recipeCuisine": "Japanese", "recipeYield": "4",
 "prepTime": "PT10M", "cookTime": "PT40M", "recipeIngredient": ["4 apples"], "recipeInstructions": "Bake."}
</script>
"#;
    let dir = common::site(&[("_posts/2026-10-02-apples.md", post)]);
    let (_, json) = check_json(dir.path(), &["--select", "LD001,LD004,LD009", "."]);
    let found: Vec<(String, String)> =
        found_in(&json, "apples").into_iter().map(|(code, _, _, message)| (code, message)).collect();
    // Only the made-up annotation of a made-up property is unknown.
    assert_eq!(found, [("LD009".to_string(), "schema.org does not define `quxx-input` for SearchAction".to_string())]);
}

#[test]
fn ld007_folds_only_the_article_not_the_other_entities_of_its_block() {
    // A hand-written block on a jekyll-seo-tag site: the BlogPosting repeats the plugin's
    // and its findings go with the LD007; the BreadcrumbList beside it is nothing the
    // plugin emits, and its missing `position` and `item` stay a diagnostic of their own.
    let dir = copy_site(&fixtures().join("site"));
    let post = r#"---
title: "Cold brew at home"
date: 2026-04-02
author: "Mina"
---

Cold brew needs time, not heat.

<script type="application/ld+json">
{
  "@context": "https://schema.org",
  "@graph": [
    {"@type": "BlogPosting", "headline": "Cold brew at home", "datePublished": "2026-04-02",
     "author": {"@type": "Person", "name": "Mina"}},
    {"@type": "BreadcrumbList", "itemListElement": [
      {"@type": "ListItem", "name": "Coffee"}
    ]}
  ]
}
</script>
"#;
    std::fs::write(dir.path().join("_posts/2026-04-02-cold-brew.md"), post).unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "LD", "_posts/2026-04-02-cold-brew.md"]);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"LD007"), "{codes:?}");
    let ld010: Vec<_> = diagnostics.iter().filter(|d| d["code"] == "LD010").collect();
    assert!(!ld010.is_empty(), "the breadcrumb item's problems are not folded: {codes:?}");
    assert!(ld010.iter().all(|d| d["line"] == 16), "{ld010:?}");
    // The article's own findings are notes of the LD007, not diagnostics.
    let ld007 = diagnostics.iter().find(|d| d["code"] == "LD007").unwrap();
    let notes: Vec<&str> = ld007["labels"].as_array().unwrap().iter().map(|l| l["message"].as_str().unwrap()).collect();
    assert!(notes.iter().any(|m| m.starts_with("LD004")), "{notes:?}");
    assert!(!notes.iter().any(|m| m.starts_with("LD010")), "{notes:?}");
    assert!(codes.iter().all(|c| *c == "LD007" || *c == "LD010"), "{codes:?}");
}
