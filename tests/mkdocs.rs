//! MkDocs with Material for MkDocs and its blog plugin, read the way they build a site:
//! `fixtures/generators/mkdocs/` is a small Material site (an inherited config, a blog,
//! admonitions and tabs, a page titled by its H1, a Japanese page), and the tests below
//! change copies of it, or write small sites, to show each behaviour.

mod common;

use std::path::PathBuf;

use common::*;

fn fixture() -> PathBuf {
    fixtures().join("generators").join("mkdocs")
}

/// `mkdocs.yml` says MkDocs; what it inherits (`INHERIT: mkdocs.base.yml`) is merged
/// under it; every Markdown file under `docs_dir` is a page at the URL its path gives,
/// the blog plugin's posts at their dated URLs, and what MkDocs leaves out is not built.
#[test]
fn the_fixture_is_read_as_mkdocs_builds_it() {
    let site = describe(&fixture());
    assert_eq!(site["generator"], "mkdocs");
    assert_eq!(site["evidence"], "mkdocs.yml");
    assert_eq!(site["settings"]["config_files"], serde_json::json!(["mkdocs.yml", "mkdocs.base.yml"]));
    assert_eq!(site["settings"]["custom_dir"], "overrides", "from the inherited file: {site}");
    assert_eq!(site["settings"]["theme"], "material");
    assert_eq!(site["settings"]["baseurl"], "/handbook", "the path of `site_url`");
    let url = |path: &str| file(&site, path)["url"].clone();
    let kind = |path: &str| file(&site, path)["kind"].clone();
    assert_eq!(url("docs/index.md"), "/");
    assert_eq!(url("docs/guide/setup.md"), "/guide/setup/");
    assert_eq!(url("docs/ja/index.md"), "/ja/");
    assert_eq!(file(&site, "docs/ja/index.md")["language"], "ja");
    assert_eq!(kind("docs/blog/posts/first-flush.md"), "post");
    assert_eq!(url("docs/blog/posts/first-flush.md"), "/blog/2024/01/15/first-flush-of-the-year/", "slug from the H1");
    assert_eq!(kind("docs/blog/index.md"), "list");
    assert_eq!(kind("docs/guide/notes.wip.md"), "unbuilt", "`exclude_docs: *.wip.md`");
    assert_eq!(kind("includes/season-table.md"), "unbuilt", "outside `docs_dir`");
    let notes = site["unchecked"].as_array().unwrap();
    assert!(
        notes.iter().any(|n| n.as_str().unwrap().contains("`site_url` is read from an environment variable")),
        "{site}"
    );
}

/// Links, images and headings inside `!!!` admonitions, `???` details and `===` tabs are
/// Markdown to MkDocs, so they are checked: a broken one is reported where it is written.
#[test]
fn links_inside_admonitions_and_tabs_are_checked() {
    let dir = copy_site(&fixture());
    append(
        dir.path(),
        "docs/guide/setup.md",
        "\n!!! warning \"Fans\"\n\n    See [the fan guide](fans.md) and [humidity](#humiditty).\n\n\
         === \"Outside\"\n\n    ![A fan](../images/fan.png)\n",
    );
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002,IMG006", "."]);
    let reports = found(&json);
    let at = |code: &str| {
        reports.iter().filter(|(c, p, _)| c == code && p == "docs/guide/setup.md").map(|r| r.2).collect::<Vec<_>>()
    };
    assert_eq!(at("LNK002"), [31, 31], "{json}");
    assert_eq!(at("IMG006"), [35], "{json}");
    // The heading inside the tab has its id: a link to it is fine.
    assert!(!json.to_string().contains("two-fans"), "{json}");
}

/// Python-Markdown's `toc` ids: non-ASCII letters dropped (`## 日本語の見出し` is `_1`),
/// repeats get `_1`, `_2`; with `pymdownx.slugs.slugify` Unicode is kept.
#[test]
fn heading_ids_are_python_markdowns() {
    let page = "# Guide\n\n## 日本語の見出し\n\n## Mixed 見出し Heading 2024\n\n## Airflow\n\n## Airflow\n\n## Setup { #setup }\n\n\
        [a](#_1) [b](#mixed-heading-2024) [c](#airflow_1) [d](#setup)\n\n[e](#airflow-1) [f](#日本語の見出し)\n";
    let dir = site(&[("mkdocs.yml", "site_name: x\nmarkdown_extensions:\n  - attr_list\n"), ("docs/index.md", page)]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    let messages: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert_eq!(messages.len(), 2, "{json}");
    assert!(messages[0].contains("#airflow-1") && messages[1].contains("#日本語の見出し"), "{json}");

    let unicode = "site_name: x\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify\n        kwds:\n          case: lower\n";
    let dir = site(&[
        ("mkdocs.yml", unicode),
        ("docs/index.md", "# Guide\n\n## 日本語の見出し\n\n[a](#日本語の見出し) [b](#_1)\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json).len(), 1, "only `#_1` is missing: {json}");
    assert!(json.to_string().contains("#_1"), "{json}");

    // A `slugify` postlint does not know: fragments are not judged, and the run says so.
    let own = "site_name: x\nmarkdown_extensions:\n  - toc:\n      slugify: !!python/name:my_slugs.slugify\n";
    let dir = site(&[("mkdocs.yml", own), ("docs/index.md", "# Guide\n\n## Setup\n\n[a](#anything)\n")]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json), [], "{json}");
    assert!(json["summary"]["unchecked"].to_string().contains("slugify"), "{json}");
}

/// A page with a `--8<--` snippet line has headings the included file brings: its
/// fragments are not judged. Without the line they are.
#[test]
fn snippets_leave_a_pages_anchors_unjudged() {
    let config = "site_name: x\nmarkdown_extensions:\n  - pymdownx.snippets\n";
    let page = |with: bool| {
        format!("# Guide\n\n{}[shared](#from-the-snippet)\n", if with { "--8<-- \"shared.md\"\n\n" } else { "" })
    };
    let dir = site(&[("mkdocs.yml", config), ("docs/a.md", &page(true)), ("docs/b.md", &page(false))]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json), [("LNK002".to_string(), "docs/b.md".to_string(), 3)], "{json}");
}

/// `use_directory_urls: false` gives `.html` URLs; a `README.md` is its folder's page
/// unless an `index.md` is beside it; dot-files and `templates/` are not built.
#[test]
fn urls_readme_and_index_and_what_is_not_built() {
    let dir = site(&[
        ("mkdocs.yml", "site_name: x\nuse_directory_urls: false\n"),
        ("docs/README.md", "# Home\n"),
        ("docs/guide/README.md", "# Guide\n"),
        ("docs/guide/setup.md", "# Setup\n"),
        ("docs/api/README.md", "# Old\n"),
        ("docs/api/index.md", "# API\n"),
        ("docs/.hidden/x.md", "# Hidden\n"),
        ("docs/templates/page.md", "# A template\n"),
        ("README.md", "# The repository\n"),
    ]);
    let site = describe(dir.path());
    let url = |path: &str| file(&site, path)["url"].clone();
    let kind = |path: &str| file(&site, path)["kind"].clone();
    assert_eq!(url("docs/README.md"), "/index.html");
    assert_eq!(url("docs/guide/README.md"), "/guide/index.html");
    assert_eq!(url("docs/guide/setup.md"), "/guide/setup.html");
    assert_eq!(url("docs/api/index.md"), "/api/index.html");
    assert_eq!(kind("docs/api/README.md"), "unbuilt", "index.md wins: {site}");
    assert_eq!(kind("docs/templates/page.md"), "unbuilt");
    assert_eq!(kind("README.md"), "unbuilt");
    assert_eq!(file(&site, "docs/.hidden/x.md"), &serde_json::Value::Null, "never walked");
}

/// A `docs_dir` elsewhere, and a parent config it inherits from: relative links resolve
/// by file path inside it.
#[test]
fn docs_dir_and_inherit() {
    let dir = site(&[
        ("base.yml", "docs_dir: src\nuse_directory_urls: false\n"),
        ("mkdocs.yml", "INHERIT: base.yml\nsite_name: x\n"),
        ("src/index.md", "# Home\n\n[Setup](guide/setup.md) and [gone](guide/gone.md)\n"),
        ("src/guide/setup.md", "# Setup\n"),
        ("docs/stray.md", "# Not built\n\n[gone](nowhere.md)\n"),
    ]);
    let site = describe(dir.path());
    assert_eq!(file(&site, "src/guide/setup.md")["url"], "/guide/setup.html", "{site}");
    assert_eq!(file(&site, "docs/stray.md")["kind"], "unbuilt");
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json), [("LNK002".to_string(), "src/index.md".to_string(), 3)], "{json}");
}

/// Blog post URLs: `post_url_format` with the date of `date:` (or `date: {created: …}`),
/// the slug of `slug:` or of the title (front matter, else the first H1, else the file
/// name), categories slugged; the post's title may come from its H1 alone.
#[test]
fn blog_post_urls_and_titles() {
    let config = "site_name: x\nplugins:\n  - blog:\n      post_url_format: \"{categories}/{slug}\"\n      post_url_max_categories: 2\n";
    let dir = site(&[
        ("mkdocs.yml", config),
        ("docs/blog/index.md", "# Blog\n"),
        (
            "docs/blog/posts/a.md",
            "---\ndate: 2024-01-15\ncategories: [Release Notes, Tips, Other]\n---\n\n# Hello World!\n\nText.\n",
        ),
        (
            "docs/blog/posts/b.md",
            "---\ndate:\n  created: 2024-02-01\n  updated: 2024-03-01\nslug: own-slug\ntitle: Ignored for the URL\n---\n\nText.\n",
        ),
        ("docs/blog/posts/2024/c_post-file.md", "---\ndate: 2024-02-01 10:00:00\n---\n\nNo title at all.\n"),
    ]);
    let site = describe(dir.path());
    let url = |path: &str| file(&site, path)["url"].clone();
    assert_eq!(url("docs/blog/posts/a.md"), "/blog/release-notes/tips/hello-world/", "{site}");
    assert_eq!(url("docs/blog/posts/b.md"), "/blog/own-slug/");
    assert_eq!(url("docs/blog/posts/2024/c_post-file.md"), "/blog/c-post-file/", "the file name's title");
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "FM003,FM004,FM005", "."]);
    assert_eq!(
        found(&json),
        [("FM003".to_string(), "docs/blog/posts/2024/c_post-file.md".to_string(), 1)],
        "a title from the H1 is a title; `date: {{created: …}}` is a date: {json}"
    );
}

/// One file given alone (pre-commit, the editor) finds the same MkDocs site.
#[test]
fn a_one_file_run_finds_the_mkdocs_site() {
    let dir = copy_site(&fixture());
    append(dir.path(), "docs/guide/setup.md", "\n[gone](#no-such-heading)\n");
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "docs/guide/setup.md"]);
    assert_eq!(codes(&json), ["LNK002"], "{json}");
}

/// Plugins that decide URLs or render pages as templates are said once, not guessed.
#[test]
fn unmodelled_plugins_are_said_once() {
    let config = "site_name: x\nplugins:\n  - search\n  - i18n:\n      docs_structure: suffix\n  - macros\n";
    let dir = site(&[("mkdocs.yml", config), ("docs/index.md", "# Home\n"), ("docs/index.fr.md", "# Accueil\n")]);
    let site = describe(dir.path());
    assert_eq!(file(&site, "docs/index.md")["url"], serde_json::Value::Null, "{site}");
    let notes = site["unchecked"].to_string();
    assert!(notes.contains("plugin `i18n`") && notes.contains("plugin `macros`"), "{notes}");
}

/// Material's tags plugin writes a heading per tag into its listing page (`[TAGS]`, the
/// `<!-- material/tags -->` directive or `tags_file`): that page's fragments are not
/// judged; another page's are.
#[test]
fn a_tags_listing_page_has_anchors_its_text_does_not_show() {
    let config = "site_name: x\nplugins:\n  - tags:\n      tags_file: tags.md\n";
    let dir = site(&[
        ("mkdocs.yml", config),
        ("docs/tags.md", "# Tags\n\n[Azure](#tag:azure)\n"),
        ("docs/other.md", "# Other\n\n<!-- material/tags -->\n\n[Azure](#tag:azure)\n"),
        ("docs/page.md", "# Page\n\n[Azure](#tag:azure)\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json), [("LNK002".to_string(), "docs/page.md".to_string(), 3)], "{json}");
}

/// With `md_in_html`, an element with a `markdown` attribute holds Markdown: its links
/// and images are checked and its headings have ids; without the extension it is HTML.
#[test]
fn markdown_inside_html_elements_is_markdown_with_md_in_html() {
    let page = "# Home\n\n<div class=\"grid cards\" markdown>\n- [Setup](setup.md)\n- [Gone](gone.md)\n\n## Inside\n</div>\n\n[in](#inside)\n";
    let with = "site_name: x\nmarkdown_extensions:\n  - md_in_html\n";
    let dir = site(&[("mkdocs.yml", with), ("docs/index.md", page), ("docs/setup.md", "# Setup\n")]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json), [("LNK002".to_string(), "docs/index.md".to_string(), 5)], "{json}");
}

/// Second blind round: Material's `offline` plugin turns `use_directory_urls` off (checked
/// with a real `mkdocs build`: `guide/setup.html`), so a link to `tags.html` resolves.
#[test]
fn the_offline_plugin_turns_directory_urls_off() {
    let dir = site(&[
        ("mkdocs.yml", "site_name: t\ntheme:\n  name: material\nplugins:\n  - search\n  - offline\n"),
        ("docs/index.md", "# Home\n\nSee [setup](guide/setup.html).\n"),
        ("docs/guide/setup.md", "# Setup\n"),
    ]);
    let site = describe(dir.path());
    assert_eq!(file(&site, "docs/guide/setup.md")["url"], "/guide/setup.html");
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK", "."]);
    assert_eq!(found(&json), [], "{json}");
}

/// Second blind round: Python-Markdown renders no Markdown inside a raw HTML block, which
/// runs from a block-level tag to its matching end tag (to the end of the page when it is
/// never closed), blank lines and all. Checked with a real `mkdocs build` (Material
/// 9.x): `inside.png` and `unclosed.png` come out as literal text, the heading inside the
/// table is no heading, and only `outside.png` is an `<img>`.
#[test]
fn markdown_inside_a_raw_html_block_is_text() {
    let page = "# Home\n\n<table>\n<tr><td>\n\n![](inside.png)\n\n## Inside heading\n\n</td></tr>\n</table>\n\n![](outside.png)\n\n<div class=\"x\">\n\n![](unclosed.png)\n";
    let dir = site(&[("mkdocs.yml", "site_name: t\ntheme:\n  name: material\n"), ("docs/index.md", page)]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "IMG006,HD", "."]);
    assert_eq!(found(&json), [("IMG006".to_string(), "docs/index.md".to_string(), 13)], "{json}");
}
