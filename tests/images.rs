//! Image rules on the seed-shaped post and on a site with real image files.

mod common;

use common::*;

#[test]
fn seed_shaped_post_gets_img002_at_the_second_w_of_all_seven_urls() {
    let site = fixtures().join("site");
    let (_, json) = check_json(&site, &["--select", "IMG", "_posts"]);
    let found = found_in(&json, "2026-01-12-");
    let path = std::fs::read_dir(site.join("_posts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("2026-01-12-"))
        .unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let w_lines: Vec<(u64, u64)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, line)| {
            line.find("&w=1200").map(|byte| (i as u64 + 1, line[..byte + 1].chars().count() as u64 + 1))
        })
        .collect();
    assert_eq!(w_lines.len(), 7, "front matter, five body images, the JSON-LD image");
    for (line, column) in &w_lines {
        assert!(
            found
                .iter()
                .any(|(code, l, c, m)| code == "IMG002" && l == line && c == column && m.contains("1080, then 1200")),
            "no IMG002 at {line}:{column}: {found:?}"
        );
    }
    let img002: Vec<_> = found.iter().filter(|(code, ..)| code == "IMG002").collect();
    assert_eq!(img002.len(), 7, "one diagnostic per URL, naming every repeated key: {img002:?}");
    assert!(
        img002.iter().all(|(.., m)| m.contains("`w`") && m.contains("`fit`") && m.contains("`crop`")),
        "{img002:?}"
    );
    let generic: Vec<_> = found.iter().filter(|(code, ..)| code == "IMG005").collect();
    assert_eq!(generic.len(), 5, "the five …に関連するイメージ alts: {generic:?}");
    for code in ["IMG001", "IMG003", "IMG006", "IMG007", "IMG008", "IMG009"] {
        assert!(!found.iter().any(|(c, ..)| c == code), "{code} fired: {found:?}");
    }
}

#[test]
fn local_images_are_checked_exactly_and_case_sensitively() {
    let (_, json) = check_json(&fixtures().join("site"), &["--select", "IMG006", "_posts"]);
    let found = found_in(&json, "best-running-shoes");
    assert!(
        found.iter().any(|(_, _, _, m)| m.contains("assets/images/shoe-cloudstep.jpg") && m.contains("does not exist")),
        "{found:?}"
    );
    assert!(found.iter().any(|(_, _, _, m)| m.contains("letter case") && m.contains("Team-Photo.png")), "{found:?}");
    // The clean posts' images exist.
    assert!(found_in(&json, "seasonal-menu").is_empty());
    assert!(found_in(&json, "京都").is_empty());
}

#[test]
fn baseurl_and_relative_url_filters_resolve() {
    let dir = site(&[
        ("_config.yml", "baseurl: /blog\n"),
        ("assets/a.png", "png"),
        (
            "_posts/2026-01-01-x.md",
            "---\ntitle: x\n---\n\n![A](/blog/assets/a.png)\n\n![B]({{ site.baseurl }}/assets/a.png)\n\n![C]({{ '/assets/a.png' | relative_url }})\n\n![D](/blog/assets/missing.png)\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "IMG006", "."]);
    assert_eq!(positions(&json), [("IMG006".to_string(), 11, 6)]);
}

#[test]
fn hugo_base_url_path_prefixes_site_root_images() {
    let dir = site(&[
        ("hugo.toml", "baseurl = \"https://example.github.io/blog/\"\ntitle = \"x\"\n"),
        ("static/images/a.svg", "<svg/>"),
        ("static/blog/images/b.svg", "<svg/>"),
        (
            "content/post/x.md",
            "---\ntitle: x\n---\n\n![A](/blog/images/a.svg)\n\n![B](/blog/images/b.svg)\n\n![C](/blog/images/missing.svg)\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "IMG006", "."]);
    assert_eq!(positions(&json), [("IMG006".to_string(), 9, 6)]);
}

#[test]
fn fixes_for_duplicate_params_and_http() {
    let dir = site(&[("p.md", "---\ntitle: x\n---\n\n![A cat on a wall](http://x.test/a.jpg?w=1&h=2&w=3)\n")]);
    let (_, json) = check_json(dir.path(), &["--select", "IMG002,IMG003", "p.md"]);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    let img002 = diagnostics.iter().find(|d| d["code"] == "IMG002").unwrap();
    assert_eq!(img002["fix"]["applicability"], "unsafe");
    let edit = &img002["fix"]["edits"][0];
    assert_eq!(
        (edit["column"].as_u64(), edit["end_column"].as_u64(), edit["content"].as_str()),
        (Some(40), Some(44), Some(""))
    );
    let img003 = diagnostics.iter().find(|d| d["code"] == "IMG003").unwrap();
    assert_eq!(img003["fix"]["edits"][0]["content"], "https");
}

#[test]
fn site_examples_from_the_rulebook() {
    run_site_examples("IMG006");
}

#[test]
fn a_front_matter_image_takes_its_alt_from_a_sibling_key() {
    let post =
        |extra: &str| format!("---\ntitle: \"Garden notes for May\"\nimage: /assets/may.jpg\n{extra}---\n\nText.\n");
    // The front-matter check is opt-in (`front-matter = true`).
    let settings = postlint::testing::settings_from("[rules.IMG004]\nfront-matter = true\n");
    let img004 = |text: &str| {
        postlint::testing::lint_text("_posts/2026-05-01-may.md", text, &settings, "jekyll")
            .into_iter()
            .filter(|r| r.code == "IMG004")
            .count()
    };
    assert_eq!(img004(&post("")), 1);
    for sibling in
        ["image_alt: \"Rows of lettuce\"\n", "image_alt_text: \"Rows of lettuce\"\n", "imageAlt: \"Rows of lettuce\"\n"]
    {
        assert_eq!(img004(&post(sibling)), 0, "{sibling}");
    }
}

/// A PNG's first bytes: the signature and an IHDR chunk giving its size (all the header
/// readers look at).
fn png_header(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 6, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

#[test]
fn heavy_local_images_are_reported_once_and_light_ones_not() {
    let post = "---\ntitle: \"The new counter, photographed\"\n---\n\n\
                ![The oak counter](/assets/images/counter.jpg)\n\n![Again, closer](/assets/images/counter.jpg)\n\n\
                ![The menu board](/assets/images/board.png)\n";
    let dir = site(&[("_config.yml", "title: x\n"), ("_posts/2026-01-12-counter.md", post)]);
    let images = dir.path().join("assets/images");
    std::fs::create_dir_all(&images).unwrap();
    std::fs::write(images.join("counter.jpg"), vec![0u8; 1_300_000]).unwrap();
    std::fs::write(images.join("board.png"), png_header(800, 600)).unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "IMG010", "."]);
    let found = found_in(&json, "counter.md");
    assert_eq!(found.len(), 1, "one file shown twice is one download: {found:?}");
    assert!(found[0].3.contains("1,270 KB") && found[0].3.contains("1,024 KB budget"), "{found:?}");
    std::fs::write(dir.path().join("postlint.toml"), "[rules.IMG010]\nmax-kb = 2048\n").unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "IMG010", "."]);
    assert!(found_in(&json, "counter.md").is_empty(), "under a raised budget: {json}");
}

#[test]
fn the_social_image_size_is_read_from_the_local_files_header() {
    let post = "---\ntitle: \"How we photograph dishes\"\nimage: /assets/images/dish.png\n---\n\nText.\n";
    let dir = site(&[("_config.yml", "title: x\nplugins:\n  - jekyll-seo-tag\n"), ("_posts/2026-01-12-dish.md", post)]);
    std::fs::create_dir_all(dir.path().join("assets/images")).unwrap();
    std::fs::write(dir.path().join("assets/images/dish.png"), png_header(600, 600)).unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "IMG007", "."]);
    let found = found_in(&json, "dish.md");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].3.contains("600×600"), "{found:?}");
    std::fs::write(dir.path().join("assets/images/dish.png"), png_header(1200, 630)).unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "IMG007", "."]);
    assert!(found_in(&json, "dish.md").is_empty(), "{json}");
}

#[test]
fn heavy_images_are_not_reported_on_translations_or_when_the_build_resizes_them() {
    let page = |lang: &str| {
        format!(
            "---\ntitle: \"About the website\"\nlang: {lang}\n---\n\n<img src=\"../../images/shot.png\" alt=\"The new design\" width=\"400\">\n"
        )
    };
    let dir = site(&[
        ("_config.yml", "title: x\n"),
        ("en/about/index.md", &page("en")),
        ("ja/about/index.md", &page("ja")),
        ("de/about/index.md", &page("de")),
    ]);
    std::fs::create_dir_all(dir.path().join("images")).unwrap();
    std::fs::write(dir.path().join("images/shot.png"), vec![0u8; 1_200_000]).unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "IMG010", "."]);
    let paths: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["en/about/index.md"], "one shared file, one report, on the original");

    let post = "---\ntitle: \"Six million downloads\"\n---\n\n<img src=\"/blog/crowd.jpg\" alt=\"A crowd\" eleventy:widths=\"350,700\">\n";
    let dir = site(&[
        ("eleventy.config.js", "export default function (config) {}\n"),
        ("package.json", "{\"dependencies\": {\"@11ty/eleventy\": \"3.0.0\", \"@11ty/eleventy-img\": \"6.0.0\"}}"),
        ("src/blog/six-million.md", post),
    ]);
    std::fs::write(dir.path().join("src/blog/crowd.jpg"), vec![0u8; 1_200_000]).unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "IMG010", "."]);
    assert_eq!(codes(&json), Vec::<String>::new(), "the image plugin publishes resized copies: {json}");
}

#[test]
fn the_social_image_is_judged_only_where_templates_make_it_the_preview_image() {
    let post = "---\ntitle: \"Notes from the design team\"\nimage: assets/img/team.png\n---\n\nText.\n";
    let dir = site(&[
        ("eleventy.config.js", "export default function (config) {}\n"),
        ("templates/meta.html", "<meta property=\"og:title\" content=\"{{ title }}\" />\n"),
        ("content/posts/2026-01-12-team.md", post),
    ]);
    std::fs::create_dir_all(dir.path().join("assets/img")).unwrap();
    std::fs::write(dir.path().join("assets/img/team.png"), png_header(800, 600)).unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "IMG006,IMG007", "."]);
    assert_eq!(codes(&json), Vec::<String>::new(), "a hero image, found from the site root: {json}");
    std::fs::write(
        dir.path().join("templates/meta.html"),
        "<meta property=\"og:image\" content=\"{{ image | url }}\" />\n",
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &["--select", "IMG006,IMG007", "."]);
    assert_eq!(codes(&json), ["IMG007"], "now the preview image: {json}");
}

#[test]
fn absolute_urls_on_the_sites_own_domain_are_its_files() {
    let dir = copy_site(&fixtures().join("site"));
    let post = "---\ntitle: \"JSON-LD image\"\ndate: 2026-03-05\n---\n\n<script type=\"application/ld+json\">\n{\"@context\": \"https://schema.org\", \"@type\": \"BlogPosting\", \"headline\": \"x\", \"image\": [\"https://blog.hoshino-lab.example/assets/images/missing.png\", \"http://blog.hoshino-lab.example/assets/images/menu-board.png\", \"https://cdn.example.net/assets/images/missing.png\"]}\n</script>\n\n![The board](https://blog.hoshino-lab.example/assets/images/menu-board.png)\n";
    std::fs::write(dir.path().join("_posts/2026-03-05-ld.md"), post).unwrap();
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "IMG006", "_posts/2026-03-05-ld.md"]);
    let found = found_in(&json, "2026-03-05-ld");
    assert_eq!(found.len(), 1, "only the missing file on the site's own host: {found:?}");
    assert_eq!(found[0].1, 7);
    assert!(found[0].3.contains("assets/images/missing.png"), "{found:?}");
}

#[test]
fn a_folder_that_differs_in_letter_case_is_named_as_such() {
    let dir = copy_site(&fixtures().join("site"));
    let post = "---\ntitle: \"Case\"\ndate: 2026-03-05\n---\n\n![The board](/Assets/Images/menu-board.png)\n";
    std::fs::write(dir.path().join("_posts/2026-03-05-case.md"), post).unwrap();
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "IMG006", "_posts/2026-03-05-case.md"]);
    let found = found_in(&json, "2026-03-05-case");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].3.contains("differs only in letter case") && found[0].3.contains("assets/images/menu-board.png"),
        "{found:?}"
    );
}

/// `image: ""` (an archetype's placeholder) renders no image, as if absent: not an invalid
/// URL. An empty image in the body is still one.
#[test]
fn an_empty_front_matter_image_is_no_image() {
    let post = "---\ntitle: \"Repotting a fern\"\ndate: 2026-03-01\nimage: \"\"\n---\n\nSoak the roots.\n\n<img src=\"\" alt=\"The fern\">\n";
    let dir = common::site(&[("content/posts/fern.md", post), ("hugo.toml", "baseURL = \"https://example.com/\"\n")]);
    let (_, json) = common::check_json(dir.path(), &["--select", "IMG001", "."]);
    let lines: Vec<u64> = common::positions(&json).into_iter().map(|(_, line, _)| line).collect();
    assert_eq!(lines, [9], "{json}");
}

/// `(code, line, severity, message)` of each report of `codes` on one post.
fn image_reports(text: &str, codes: &[&str]) -> Vec<(String, usize, String, String)> {
    postlint::testing::lint_text("_posts/2026-03-02-app.md", text, &postlint::testing::all_rules(), "jekyll")
        .into_iter()
        .filter(|r| codes.contains(&r.code))
        .map(|r| (r.code.to_string(), r.location.start.line, format!("{:?}", r.severity), r.message))
        .collect()
}

#[test]
fn img005_tells_a_meaningful_compound_from_a_generic_suffix() {
    let text = "---\ntitle: \"予約アプリの導入ガイド\"\n---\n\n## 予約アプリの使い方\n\n![予約アプリの利用イメージ](/img/use.png)\n\n*予約アプリの利用イメージ*\n\n![棚の完成イメージ](/img/shelf.png)\n\n![サーバー構成イメージ](/img/servers.png)\n\n![予約アプリの使い方に関連するイメージ](/img/a.png)\n\n![ビジネス成長のイメージ](/img/b.png)\n\n![予約アプリのイメージ画像](/img/c.png)\n";
    let found = image_reports(text, &["IMG005"]);
    let lines: Vec<usize> = found.iter().map(|(_, line, _, _)| *line).collect();
    // 利用イメージ, 完成イメージ, 構成イメージ say what the picture shows: how it is used,
    // how it looks finished, how it is built. The heading plus に関連するイメージ, a topic
    // plus のイメージ, and のイメージ画像 say only that it is a picture.
    assert_eq!(lines, [15, 17, 19], "{found:?}");
}

#[test]
fn img004_an_image_named_by_its_title_is_a_warning_not_an_error() {
    let text = "---\ntitle: \"編集画面の使い方\"\n---\n\n<a href=\"/edit\"><img src=\"/icons/pen.svg\" title=\"編集リンク\"></a>\n\n<img src=\"/icons/trash.svg\" alt=\"\" title=\"削除\">\n\n![](/img/menu.png \"メニューを開いたところ\")\n\n<img src=\"/img/screen.png\">\n\n<img src=\"/img/blank.png\" title=\"  \">\n";
    let found = image_reports(text, &["IMG004"]);
    let summary: Vec<(usize, &str)> = found.iter().map(|(_, line, severity, _)| (*line, severity.as_str())).collect();
    // A non-empty `title` gives the image an accessible name (HTML-AAM): screen readers
    // say it, so the image is not unnamed; search engines still read alt text.
    assert_eq!(summary, [(5, "Warning"), (7, "Warning"), (9, "Warning"), (11, "Error"), (13, "Error")], "{found:?}");
    assert!(found[0].3.contains("`編集リンク`") && found[0].3.contains("title"), "{found:?}");
    assert!(found[2].3.contains("`メニューを開いたところ`"), "{found:?}");
}

/// An http image on a site whose configuration serves it over http is not mixed content.
#[test]
fn http_images_on_an_http_site_are_not_mixed_content() {
    let post =
        ("_posts/2026-01-02-a.md", "---\ntitle: \"Old photos\"\n---\n\n![A harbour](http://img.example.com/h.png)\n");
    let on_http = site(&[("_config.yml", "url: http://blog.example.com\n"), post]);
    let (_, json) = check_json(on_http.path(), &["--select", "IMG003", "."]);
    assert_eq!(codes(&json), Vec::<String>::new(), "{json}");
    let on_https = site(&[("_config.yml", "url: https://blog.example.com\n"), post]);
    let (_, json) = check_json(on_https.path(), &["--select", "IMG003", "."]);
    assert_eq!(codes(&json), ["IMG003"], "{json}");
}

/// Recall on the second blind round's sites: the generic words of other languages.
#[test]
fn img005_generic_words_in_chinese_korean_and_spanish() {
    let text = "---\ntitle: \"博客\"\n---\n\n![图片](/a.png)\n\n![이미지](/b.png)\n\n![imagen](/c.png)\n\n![花园里的番茄](/d.png)\n";
    let lines: Vec<usize> = image_reports(text, &["IMG005"]).iter().map(|(_, line, _, _)| *line).collect();
    assert_eq!(lines, [5, 7, 9]);
}
