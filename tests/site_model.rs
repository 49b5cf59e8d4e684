//! Each generator's site read the way the generator builds it. The sites under
//! `fixtures/generators/` hold, in small, the shapes that real sites showed postlint
//! misreading (folder categories, translations, highlight blocks, kramdown ids, defaults,
//! redirects, collections, Hugo list pages, archetypes, render hooks and shortcodes, Zola
//! `path` dates and `@/` links, MDX fences inside JSX, Eleventy's data cascade,
//! VitePress's source folder). Every rule runs on them and finds nothing; a copy with
//! one real defect added proves the rules were looking.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn generator_site(name: &str) -> PathBuf {
    fixtures().join("generators").join(name)
}

/// Every rule, the opt-in ones too (FM016 wants a `lang` on English posts).
const ALL: &[&str] = &["--select", "ALL", "--ignore", "FM016", "."];

fn diagnostics(json: &serde_json::Value) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}:{} {}", d["code"], d["path"], d["line"], d["message"]))
        .collect()
}

/// What every rule finds in `dir`, one string per diagnostic.
fn found_by_all_rules(dir: &Path) -> Vec<String> {
    diagnostics(&check_json(dir, ALL).1)
}

fn append(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    let mut content = std::fs::read_to_string(&path).unwrap();
    content.push_str(text);
    std::fs::write(path, content).unwrap();
}

#[test]
fn every_generator_fixture_is_clean_under_every_rule() {
    for (name, files) in [
        ("jekyll", 3),
        ("hugo", 4),
        ("zola", 3),
        ("astro", 2),
        ("eleventy", 1),
        ("vuepress", 2),
        ("mkdocs", 6),
        ("hexo", 7),
        ("docusaurus", 14),
    ] {
        let (code, json) = check_json(&generator_site(name), ALL);
        assert_eq!(diagnostics(&json), Vec::<String>::new(), "{name}");
        assert_eq!(code, 0, "{name}");
        assert_eq!(json["summary"]["files"], files, "{name}: only what the generator builds is linted");
    }
}

#[test]
fn jekyll_urls_anchors_and_translations_are_checked_for_real() {
    let site = copy_site(&generator_site("jekyll"));
    append(
        site.path(),
        "en/news/_posts/2026-1-7-harvest-report.md",
        "\nSee [the day after](/ja/news/2026/01/08/harvest-report/) and [steeping](#steep).\n",
    );
    let found = found_by_all_rules(site.path());
    assert!(found.iter().any(|d| d.starts_with("\"LNK003\"") && d.contains("2026/01/08")), "{found:?}");
    assert!(found.iter().any(|d| d.starts_with("\"LNK002\"") && d.contains("#steep`")), "{found:?}");
    assert_eq!(found.len(), 2, "the folder-category URL, {{: #id}}, redirect and collection still resolve: {found:?}");
}

#[test]
fn a_second_english_post_with_the_same_title_is_a_duplicate_a_translation_is_not() {
    let site = copy_site(&generator_site("jekyll"));
    let post = std::fs::read_to_string(site.path().join("en/news/_posts/2026-1-7-harvest-report.md")).unwrap();
    std::fs::write(site.path().join("en/news/_posts/2026-02-01-harvest-again.md"), post).unwrap();
    let (_, json) = check_json(site.path(), &["--select", "LNK005", "."]);
    let found = diagnostics(&json);
    assert_eq!(found.len(), 1, "once for the two English posts, not the Japanese translation: {found:?}");
    assert!(
        found[0].contains("en/news/_posts/2026-02-01") && found[0].contains("en/news/_posts/2026-1-7"),
        "{found:?}"
    );
    assert!(!found[0].contains("ja/news"), "{found:?}");
}

#[test]
fn hugo_render_hooks_shortcodes_and_definition_terms() {
    let site = copy_site(&generator_site("hugo"));
    append(site.path(), "content/posts/first-flush.md", "\nSee [nothing](#nowhere).\n\n#### Too deep\n");
    let found = found_by_all_rules(site.path());
    assert!(found.iter().any(|d| d.starts_with("\"LNK002\"") && d.contains("#nowhere")), "{found:?}");
    assert!(found.iter().any(|d| d.starts_with("\"HD002\"")), "the self-closing shortcode hides nothing: {found:?}");
    assert_eq!(found.len(), 2, "{found:?}");
}

/// Hugo gives definition terms ids only with `autoDefinitionTermID` (off by default, as
/// a real Hugo 0.168 build shows): without it `#water-1` names nothing and the heading is `#water`.
#[test]
fn hugo_definition_terms_take_ids_only_when_the_config_says_so() {
    let site = copy_site(&generator_site("hugo"));
    let config = site.path().join("hugo.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let without = text.split("\n# Definition terms").next().unwrap_or(&text).to_string();
    assert_ne!(without, text, "the fixture turns the option on");
    std::fs::write(&config, without).unwrap();
    let found = found_by_all_rules(site.path());
    assert!(found.iter().any(|d| d.starts_with("\"LNK002\"") && d.contains("#water-1")), "{found:?}");
    assert!(found.iter().any(|d| d.starts_with("\"LNK002\"") && d.contains("#sites")), "{found:?}");
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn zola_internal_links_are_checked_under_content() {
    let site = copy_site(&generator_site("zola"));
    append(site.path(), "content/first-flush.md", "\nAnd [a missing page](@/guide/milk.md).\n");
    let found = found_by_all_rules(site.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("@/guide/milk.md"), "{found:?}");
}

#[test]
fn zola_dated_pages_are_posts_and_an_unrendered_description_is_not_judged() {
    let site = copy_site(&generator_site("zola"));
    // A long title is a post defect: the `path` date makes the page a post.
    let page = site.path().join("content/first-flush.md");
    let text = std::fs::read_to_string(&page).unwrap().replace(
        "title = \"First flush: what changes in the cup\"",
        "title = \"First flush: what changes in the cup when the spring harvest arrives early in the hills\"",
    );
    std::fs::write(&page, text).unwrap();
    // Judged on every post, not only those with SEO keys, so only the template decides.
    let every_post = "[rules.FM008]\nseo-posts-only = false\n[rules.FM009]\nseo-posts-only = false\n";
    std::fs::write(site.path().join("postlint.toml"), every_post).unwrap();
    let found = found_by_all_rules(site.path());
    assert_eq!(
        found.len(),
        1,
        "FM008 only; FM009 stays quiet about the short description no template shows: {found:?}"
    );
    assert!(found[0].starts_with("\"FM008\""), "{found:?}");
}

#[test]
fn mdx_markdown_after_jsx_is_markdown() {
    let site = copy_site(&generator_site("astro"));
    append(site.path(), "src/content/docs/en/install.mdx", "\n## Next\n\n#### Much too deep\n");
    let found = found_by_all_rules(site.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("\"HD002\"") && found[0].contains("H2 to H4"),
        "the heading after <Box> counts: {found:?}"
    );
}

#[test]
fn eleventy_ignore_file_and_the_sites_own_slugs() {
    let site = copy_site(&generator_site("eleventy"));
    std::fs::write(site.path().join(".eleventyignore"), "# kept out of the build\n./src/drafts/\n").unwrap();
    std::fs::create_dir_all(site.path().join("src/drafts")).unwrap();
    std::fs::write(site.path().join("src/drafts/unfinished.md"), "---\ntitle: Unfinished\n---\n\n#### Deep\n").unwrap();
    append(
        site.path(),
        "src/blog/2026-01-07-first-flush.md",
        "\n## Notes from tea.example.org\n\nSee [the notes](#notes-from-tea-example-org) and [nothing](#nowhere).\n",
    );
    let (_, json) = check_json(site.path(), ALL);
    let found = diagnostics(&json);
    assert_eq!(json["summary"]["files"], 1, "the ignored draft is not linted: {found:?}");
    assert_eq!(found.len(), 1, "a custom slugify's `.` as `-` still names the heading: {found:?}");
    assert!(found[0].starts_with("\"LNK002\"") && found[0].contains("#nowhere"), "{found:?}");
}

/// Each file's URL as `postlint site` gives it (`None` where the model does not know it),
/// with its kind: `(path, kind, url)`, the nested sites' files with their root prefixed.
fn site_urls(dir: &Path) -> Vec<(String, String, Option<String>)> {
    let output = postlint().current_dir(dir).args(["site", "--output-format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut urls = Vec::new();
    for site in json["sites"].as_array().unwrap() {
        let root = site["root"].as_str().unwrap().trim_start_matches("./");
        for file in site["files"].as_array().unwrap() {
            let path = format!("{root}{}", file["path"].as_str().unwrap());
            urls.push((path, file["kind"].as_str().unwrap().to_string(), file["url"].as_str().map(str::to_string)));
        }
    }
    urls.sort();
    urls
}

fn url_of<'a>(urls: &'a [(String, String, Option<String>)], path: &str) -> Option<&'a str> {
    let found = urls.iter().find(|(p, _, _)| p == path).unwrap_or_else(|| panic!("{path} not listed: {urls:?}"));
    found.2.as_deref()
}

#[test]
fn eleventy_urls_follow_the_data_cascade() {
    let site = site(&[
        ("eleventy.config.js", "export default function (c) {\n  return { dir: { input: \"content\" } };\n}\n"),
        ("content/index.md", "# Home\n"),
        ("content/about.md", "---\ntitle: About\n---\nText.\n"),
        ("content/kettles/kettles.md", "---\ntitle: Kettles\n---\nText.\n"),
        // A directory data file, its permalink a template the model renders.
        ("content/notes/notes.json", "{ \"permalink\": \"/n/{{ page.fileSlug }}/\", \"layout\": \"note.njk\" }"),
        ("content/notes/2026-02-03-oolong.md", "---\ntitle: Oolong\n---\nText.\n"),
        // The template's own data file outranks its folder's; front matter outranks both.
        ("content/notes/sencha.11tydata.json", "{ \"permalink\": \"/green/{{ title | slugify }}.html\" }"),
        ("content/notes/sencha.md", "---\ntitle: Sencha, Shaded & Steamed\n---\nText.\n"),
        ("content/notes/matcha.md", "---\npermalink: /powder/\n---\nText.\n"),
        ("content/notes/dated.md", "---\npermalink: \"/{{ page.date | date: '%Y' }}/dated/\"\n---\nText.\n"),
        ("content/_includes/note.njk", "---\nlayout: base.njk\n---\n{{ content }}\n"),
        ("content/_includes/base.njk", "<main>{{ content }}</main>\n"),
        // A folder whose data file writes nothing.
        ("content/partials/partials.json", "{ \"permalink\": false }"),
        ("content/partials/footer.md", "---\ntitle: Footer\n---\nText.\n"),
        // JavaScript data may compute anything: unknown.
        (
            "content/recipes/recipes.11tydata.js",
            "export default { permalink: (data) => `/r/${data.page.fileSlug}/` };\n",
        ),
        ("content/recipes/chai.md", "---\ntitle: Chai\n---\nText.\n"),
        ("drafts/outside.md", "---\ntitle: Outside\n---\nText.\n"),
    ]);
    let urls = site_urls(site.path());
    assert_eq!(url_of(&urls, "content/index.md"), Some("/"), "no front matter, built all the same: {urls:?}");
    assert_eq!(url_of(&urls, "content/about.md"), Some("/about/"));
    assert_eq!(url_of(&urls, "content/kettles/kettles.md"), Some("/kettles/"));
    assert_eq!(url_of(&urls, "content/notes/2026-02-03-oolong.md"), Some("/n/oolong/"));
    assert_eq!(url_of(&urls, "content/notes/sencha.md"), Some("/green/sencha-shaded-and-steamed.html"));
    assert_eq!(url_of(&urls, "content/notes/matcha.md"), Some("/powder/"));
    assert_eq!(url_of(&urls, "content/notes/dated.md"), None, "a filter the model does not evaluate");
    assert_eq!(url_of(&urls, "content/recipes/chai.md"), None);
    let footer = urls.iter().find(|(p, _, _)| p == "content/partials/footer.md").unwrap();
    assert_eq!((footer.1.as_str(), footer.2.as_deref()), ("unbuilt", None), "permalink: false from its folder");
    let outside = urls.iter().find(|(p, _, _)| p == "drafts/outside.md").unwrap();
    assert_eq!(outside.1, "unbuilt", "outside the input folder");
}

#[test]
fn eleventy_urls_are_unknown_when_the_config_computes_them() {
    let computed_input = site(&[
        (
            "eleventy.config.js",
            "const dir = process.env.SRC || \"src\";\nexport default () => ({ dir: { input: dir } });\n",
        ),
        ("src/about.md", "---\ntitle: About\n---\nText.\n"),
    ]);
    assert_eq!(url_of(&site_urls(computed_input.path()), "src/about.md"), None);
    let global_permalink = site(&[
        (
            "eleventy.config.js",
            "export default (c) => { c.addGlobalData(\"permalink\", () => (d) => d.page.fileSlug); };\n",
        ),
        ("about.md", "---\ntitle: About\n---\nText.\n"),
    ]);
    assert_eq!(url_of(&site_urls(global_permalink.path()), "about.md"), None);
    let computed_data = site(&[
        ("eleventy.config.js", "export default () => ({});\n"),
        ("_data/eleventyComputed.js", "export default { permalink: (d) => `/x/${d.page.fileSlug}/` };\n"),
        ("about.md", "---\npermalink: /about-us/\n---\nText.\n"),
    ]);
    assert_eq!(url_of(&site_urls(computed_data.path()), "about.md"), None, "computed data outranks front matter");
}

#[test]
fn vitepress_pages_are_served_at_their_source_paths() {
    let urls = site_urls(&generator_site("vuepress"));
    assert_eq!(url_of(&urls, "docs/guide/brewing.md"), Some("/guide/brewing.html"), "{urls:?}");
    assert_eq!(url_of(&urls, "docs/index.md"), Some("/"));
    let notes = urls.iter().find(|(p, _, _)| p == "notes/exported.md").unwrap();
    assert_eq!(notes.1, "unbuilt", "outside the source folder");
    let clean = site(&[
        ("package.json", "{\"scripts\": {\"build\": \"vitepress build site\"}}"),
        (
            "site/.vitepress/config.mts",
            "export default {\n  base: '/tea/',\n  cleanUrls: true,\n  themeConfig: { sidebar: { '/guide/': { base: '/guide/', items: [] } } },\n}\n",
        ),
        ("site/guide/setup.md", "# Setup\n"),
        ("site/guide/index.md", "# Guide\n"),
    ]);
    let urls = site_urls(clean.path());
    assert_eq!(url_of(&urls, "site/guide/setup.md"), Some("/guide/setup"), "{urls:?}");
    assert_eq!(url_of(&urls, "site/guide/index.md"), Some("/guide/"));
    let rewritten = site(&[
        (".vitepress/config.mts", "export default { rewrites: { 'packages/:pkg/src/(.*)': ':pkg/index.md' } }\n"),
        ("guide.md", "# Guide\n"),
    ]);
    assert_eq!(url_of(&site_urls(rewritten.path()), "guide.md"), None);
}

#[test]
fn vuepress_builds_only_its_source_folder() {
    let site = copy_site(&generator_site("vuepress"));
    append(site.path(), "docs/guide/brewing.md", "\nSee [nothing](#nowhere) and ![A cup](/cup.png).\n");
    let found = found_by_all_rules(site.path());
    assert!(found.iter().any(|d| d.starts_with("\"LNK002\"") && d.contains("#nowhere")), "{found:?}");
    assert!(
        found.iter().any(|d| d.starts_with("\"IMG006\"") && d.contains("cup.png")),
        "public/ is looked in: {found:?}"
    );
    assert_eq!(found.len(), 2, "the export outside docs/ is not linted: {found:?}");
}

#[test]
fn vuepress_posts_need_no_date_in_their_file_names() {
    let site = copy_site(&generator_site("vuepress"));
    std::fs::create_dir_all(site.path().join("docs/_posts")).unwrap();
    let post = "---\ntitle: \"Cold brew in summer\"\ndate: 2026-07-01\n---\n\nText.\n";
    std::fs::write(site.path().join("docs/_posts/0a1b2c3d.md"), post).unwrap();
    let (_, json) = check_json(site.path(), &["--select", "FM006", "."]);
    assert_eq!(diagnostics(&json), Vec::<String>::new());
    assert_eq!(json["summary"]["files"], 3, "the post is linted");
}

#[test]
fn vitepress_src_dir_from_its_config() {
    let site = site(&[
        ("package.json", "{\"scripts\": {\"build\": \"vitepress build\", \"lint\": \"textlint \\\"**/*.md\\\"\"}}"),
        (".vitepress/config.ts", "export default defineConfig({\n  srcDir: 'src',\n})\n"),
        ("src/guide.md", "# Guide\n\n#### Too deep\n"),
        ("notes/draft.md", "# Draft\n\n#### Also too deep\n"),
    ]);
    let (_, json) = check_json(site.path(), &["--select", "HD002", "."]);
    let found = diagnostics(&json);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("src/guide.md"), "only the srcDir is built: {found:?}");
}

#[test]
fn a_one_file_run_finds_the_same_vitepress_site_as_a_whole_run() {
    let site = copy_site(&generator_site("vuepress"));
    let post = "# Cold brew\n\nSee [the water](/guide/brewing#water-at-80-c) and [the changes](./guide/brewing#changes-in-1-2).\n";
    std::fs::write(site.path().join("docs/cold.md"), post).unwrap();
    let whole = check_json(site.path(), &["--no-cache", "--select", "LNK002,LNK009", "."]).1;
    let one = check_json(site.path(), &["--no-cache", "--select", "LNK002,LNK009", "docs/cold.md"]).1;
    assert_eq!(diagnostics(&whole), diagnostics(&one), "the editor and pre-commit see the site CI sees");
    let found = diagnostics(&one);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("\"LNK009\"") && found[0].contains("#water-at-80-c"), "{found:?}");
}

#[test]
fn a_vuepress_blog_with_posts_is_not_taken_for_jekyll() {
    let site = site(&[
        ("package.json", "{\"scripts\": {\"build\": \"vuepress build src\"}}"),
        ("src/.vuepress/config.js", "module.exports = { title: 'Notes' }\n"),
        ("src/_posts/0a1b2c3d.md", "---\ntitle: \"Cold brew in summer\"\ndate: 2026-07-01\n---\n\nText.\n"),
    ]);
    let (_, json) = check_json(site.path(), &["--no-cache", "--select", "FM006", "src/_posts/0a1b2c3d.md"]);
    assert_eq!(diagnostics(&json), Vec::<String>::new(), "VuePress posts need no date in their names");
}

/// Hugo languages with their own content folders (`contentDir = "content/korean"`): each
/// folder is one language, published under `/` (the default) or `/<code>/`, so a post and
/// its translation share a `translationKey` without conflict and links between them resolve
/// (a missing heading on the other page is found through its URL).
#[test]
fn hugo_language_content_folders_give_language_and_url() {
    let post = |title: &str, links: &str| {
        format!(
            "---\ntitle: \"{title}\"\ndate: 2026-03-01\ntranslationKey: tea-harvest\n---\n\n{links}\n\n## Notes\n\nPicked in May.\n"
        )
    };
    let site = site(&[
        ("hugo.toml", "baseURL = \"https://example.com/\"\ndefaultContentLanguage = \"ko\"\n"),
        (
            "config/_default/languages.toml",
            "[ko]\ncontentDir = \"content/korean\"\nweight = 1\n\n[en]\ncontentDir = \"content/english\"\nweight = 2\n",
        ),
        ("content/korean/blog/tea-harvest.md", &post("차 수확 노트", "[English](/en/blog/tea-harvest/#notes)")),
        ("content/english/blog/tea-harvest.md", &post("Tea harvest notes", "[Korean](/blog/tea-harvest/#notes)")),
        ("content/english/blog/again.md", &post("Again", "[Korean](/blog/tea-harvest/#picking)")),
    ]);
    let (_, json) = check_json(site.path(), &["--select", "LNK009,LNK015", "."]);
    let found: Vec<(String, String)> =
        found_in(&json, "content/").into_iter().map(|(code, _, _, message)| (code, message)).collect();
    // `again.md` gives the English key a second time (a real conflict, told on both
    // pages) and links to a heading the Korean page does not have.
    let on_again: Vec<&str> = found.iter().filter(|(_, m)| !m.contains("again.md")).map(|(c, _)| c.as_str()).collect();
    assert_eq!(found.len(), 3, "{json}");
    assert!(found.iter().any(|(c, m)| c == "LNK009" && m.contains("#picking")), "{json}");
    assert_eq!(on_again.iter().filter(|c| **c == "LNK015").count(), 1, "{json}");
}

/// A site inside a site (a docs site in its own folder with its own config) builds its own
/// pages: the outer site's index does not count them as its own.
#[test]
fn a_nested_site_is_not_part_of_the_outer_sites_index() {
    let page = "---\ntitle: \"Opening hours\"\ndate: 2026-03-01\ntranslationKey: hours\nlang: en\n---\n\nOpen daily.\n";
    let site = site(&[
        ("hugo.toml", "baseURL = \"https://example.com/\"\n"),
        ("content/posts/hours.md", page),
        ("support/hugo.toml", "baseURL = \"https://help.example.com/\"\n"),
        ("support/content/docs/hours.md", page),
    ]);
    let (_, json) = check_json(site.path(), &["--select", "LNK015,LNK007", "."]);
    assert_eq!(codes(&json), Vec::<String>::new(), "{json}");
}

/// Eleventy builds only its input folder (`dir: { input: "content" }`): drafts kept beside
/// it (`archive/`) and other projects in the repository (`slides/`) are not its pages.
#[test]
fn eleventy_builds_only_its_input_folder() {
    let post = "---\ntitle: \"Tuning a violin\"\nkeywords: one string\n---\n\n# Tuning\n\n#### Too deep\n";
    let site = site(&[
        (
            "eleventy.config.js",
            "export default function (config) {\n  return { dir: {\n      input: 'content', // default: \".\"\n  } };\n}\n",
        ),
        ("content/posts/tuning.md", post),
        ("archive/template.md", post),
        ("slides/talk/slides.md", post),
    ]);
    let (_, json) = check_json(site.path(), &["--select", "FM004,HD002", "."]);
    assert_eq!(json["summary"]["files"], 1, "{json}");
    assert!(
        json["diagnostics"].as_array().unwrap().iter().all(|d| d["path"].as_str().unwrap().starts_with("content/")),
        "{json}"
    );
}

/// Once Hugo languages have their own content folders, those are all Hugo reads: a
/// `content/internal/` folder beside them is not built.
#[test]
fn hugo_language_folders_are_all_that_is_built() {
    let page = "---\ntitle: \"Notes\"\ndate: 2026-03-01\n---\n\n## Start\n\n#### Too deep\n";
    let site = site(&[
        (
            "hugo.toml",
            "baseURL = \"https://example.com/\"\n[languages.ja]\ncontentDir = \"content/ja\"\n[languages.en]\ncontentDir = \"content/en\"\n",
        ),
        ("content/ja/posts/notes.md", page),
        ("content/internal/notes.md", page),
    ]);
    let (_, json) = check_json(site.path(), &["--select", "HD002", "."]);
    let paths: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["content/ja/posts/notes.md"], "{json}");
}

/// A site built by a tool postlint does not model (here a Docusaurus config before that
/// generator had an adapter): where its links lead and which ids its headings get are
/// that tool's, so link and image paths and fragments are not judged, and the run says
/// so once, as a note beside the output, with the exit code unchanged.
#[test]
fn an_unrecognised_generator_leaves_paths_unjudged_and_says_so_once() {
    let post = "---\ntitle: \"Setting up the allotment planner\"\n---\n\n## Install\n\n\
        See [the guide](../guide/setup.md), [this](#nowhere) and ![plan](/img/plan.png).\n";
    let dir = site(&[
        ("gatsby-config.js", "module.exports = {};\n"),
        ("content/posts/planner.md", post),
        ("content/posts/other.md", post),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK002,IMG006,LNK009", "."]);
    assert_eq!(json["diagnostics"].as_array().map(Vec::len), Some(0), "{json}");
    let notes = json["summary"]["unchecked"].as_array().cloned().unwrap_or_default();
    assert_eq!(notes.len(), 1, "one note for the site, not one per post: {json}");
    assert!(notes[0].as_str().is_some_and(|n| n.contains("generator not recognised")), "{json}");
    let output = postlint()
        .current_dir(dir.path())
        .args(["check", "--no-cache", "--select", "LNK002", "--output-format", "concise", "."])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "a note never fails the run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("generator not recognised").count(), 1, "{stderr}");

    // Pinned on the command line (a CI gate that runs `--isolated`), the paths are judged.
    let (_, pinned) = check_json(dir.path(), &["--isolated", "--generator", "none", "--select", "LNK002,IMG006", "."]);
    assert_eq!(codes(&pinned).iter().filter(|c| *c == "LNK002").count(), 4, "{pinned}");
    assert_eq!(pinned["summary"]["unchecked"], serde_json::json!([]), "{pinned}");
}

/// Markdown in a repository with no generator's config and no build is read as GitHub
/// shows it: paths and fragments are checked.
#[test]
fn markdown_without_any_build_is_read_as_github_shows_it() {
    let dir = site(&[("docs/usage.md", "# Usage\n\nSee [setup](setup.md) and [here](#nowhere).\n")]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK002", "."]);
    assert_eq!(codes(&json), ["LNK002", "LNK002"], "{json}");
    assert_eq!(json["summary"]["unchecked"], serde_json::json!([]), "{json}");
}

#[test]
fn an_unknown_generator_name_is_a_usage_error() {
    let dir = site(&[("post.md", "# x\n")]);
    let output = postlint().current_dir(dir.path()).args(["check", "--generator", "gatsby", "."]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown generator `gatsby`"));
}

/// `postlint site` shows what the model believes, for a user whose finding surprised them
/// and for the oracle that compares it with a real build.
#[test]
fn postlint_site_shows_the_generator_its_evidence_and_each_files_kind_and_url() {
    let output =
        postlint().current_dir(generator_site("hugo")).args(["site", "--output-format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let site = &json["sites"][0];
    assert_eq!(site["generator"], "hugo");
    assert_eq!(site["evidence"], "hugo.toml");
    let files = site["files"].as_array().unwrap();
    let find = |path: &str| files.iter().find(|f| f["path"] == path).cloned().unwrap_or_default();
    assert_eq!(find("content/_index.md")["url"], "/", "the home page: {site}");
    assert_eq!(find("content/posts/_index.md")["kind"], "list");
    assert_eq!(find("content/posts/_index.md")["url"], "/posts/");
    assert_eq!(find("content/posts/first-flush.md")["kind"], "post");
    assert_eq!(find("archetypes/default.md")["kind"], "template");
    let text = postlint().current_dir(generator_site("jekyll")).args(["site"]).output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.starts_with("./  jekyll (from _config.yml)"), "{text}");
    assert!(text.contains("unbuilt  notes/draft.md"), "excluded by _config.yml: {text}");
}

/// The messages of the diagnostics with `code`.
fn messages_of(json: &serde_json::Value, code: &str) -> Vec<String> {
    json["diagnostics"]
        .as_array()
        .map(|all| {
            all.iter().filter(|d| d["code"] == code).filter_map(|d| d["message"].as_str().map(str::to_string)).collect()
        })
        .unwrap_or_default()
}

/// A relative image is resolved as the browser does: against the page's URL, up to the
/// site root at most. A Jekyll post at `/2026/01/12/plan/` reaches `/assets/` with four
/// `../`, which from its source folder would lead out of the site.
#[test]
fn relative_images_resolve_against_the_pages_url() {
    let post = "---\ntitle: \"Planning the allotment\"\n---\n\n\
        ![Beds](../../../../assets/beds.png) and ![Gone](../../../../assets/gone.png)\n";
    let dir = site(&[
        ("_config.yml", "permalink: pretty\n"),
        ("_posts/2026-01-12-plan.md", post),
        ("assets/beds.png", "png"),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "IMG006", "."]);
    let found = messages_of(&json, "IMG006");
    assert_eq!(found.len(), 1, "{json}");
    assert!(found[0].contains("gone.png"), "{json}");
}

/// Hugo publishes a page bundle's resources beside the page: `/posts/trip/images/a.png`
/// is `content/posts/trip/images/a.png`, whichever page names it.
#[test]
fn bundle_resources_written_as_site_paths_are_found() {
    let dir = site(&[
        ("hugo.toml", "baseURL = \"https://example.org/\"\n"),
        ("content/posts/trip/index.md", "---\ntitle: \"The trip to the coast\"\n---\n\nText.\n"),
        ("content/posts/trip/images/a.png", "png"),
        (
            "content/posts/later.md",
            "---\ntitle: \"Back from the coast\"\ndate: 2026-01-12\n---\n\n\
             ![Sea](/posts/trip/images/a.png) ![None](/posts/trip/images/b.png)\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "IMG006", "."]);
    let found = messages_of(&json, "IMG006");
    assert_eq!(found.len(), 1, "{json}");
    assert!(found[0].contains("b.png"), "{json}");
}

/// Where a file that could be the image exists only through a mapping postlint does not
/// model (a layout that prefixes `/img/`), the image is not called missing; a file that
/// merely shares its base name does not count, and a renamed image is still reported.
#[test]
fn an_image_only_an_unmodelled_mapping_reaches_is_not_called_missing() {
    let dir = site(&[
        ("hugo.toml", "baseURL = \"https://example.org/\"\n"),
        ("static/img/news/harvest.png", "png"),
        ("static/img/other/field.png", "png"),
        (
            "content/posts/harvest.md",
            "---\ntitle: \"The harvest is in\"\ndate: 2026-01-12\nthumbnail: news/harvest.png\n---\n\n\
             ![Field](/field.png) ![Renamed](/img/news/harvest-old.png)\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "IMG006", "."]);
    let found = messages_of(&json, "IMG006");
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().any(|m| m.contains("field.png")), "a shared base name is not a mapping: {found:?}");
    assert!(found.iter().any(|m| m.contains("harvest-old.png")), "{found:?}");
}

/// Whether a file exists outside the repository never changes a diagnostic: `../` stops
/// at the site root, as a browser's URL resolution does.
#[test]
fn a_path_above_the_site_root_is_judged_inside_the_site() {
    let post = "---\ntitle: \"Notes on the shed\"\n---\n\n\
        ![a](../../../../../../../../etc/passwd) ![b](../../../../../../../../etc/nonexistent-x)\n";
    let dir = site(&[("_config.yml", "title: x\n"), ("_posts/2026-01-12-shed.md", post)]);
    let (_, json) = check_json(dir.path(), &["--select", "IMG006", "."]);
    assert_eq!(messages_of(&json, "IMG006").len(), 2, "both are missing from the site: {json}");
}

/// Hugo reads its configuration from `hugo.*` or `config.*` in TOML, YAML or JSON, and
/// from `config/_default/`: a site whose config is `config.yaml` is a Hugo site, its
/// images under `static/` exist and its `archetypes/` are templates, never linted.
#[test]
fn hugo_is_read_whatever_the_name_and_format_of_its_configuration() {
    let post = "---\ntitle: \"Repotting the fig tree\"\ndate: 2026-01-12\n---\n\n![Fig](/img/fig.png)\n";
    let archetype = "---\ntitle: \"{{ replace .Name \"-\" \" \" | title }}\"\ndate: {{ .Date }}\n---\n";
    for (config, text) in [
        ("config.yaml", "baseURL: https://example.org/\nlanguageCode: en\n"),
        ("config.yml", "baseurl: https://example.org/\n"),
        ("config.json", "{\"baseURL\": \"https://example.org/\"}\n"),
        ("hugo.yaml", "baseURL: https://example.org/\n"),
        ("config/_default/hugo.yaml", "baseURL: https://example.org/\n"),
    ] {
        let dir = site(&[
            (config, text),
            ("content/posts/fig.md", post),
            ("static/img/fig.png", "png"),
            ("archetypes/default.md", archetype),
        ]);
        let (_, json) = check_json(dir.path(), &["--select", "ALL", "."]);
        let paths: Vec<&str> =
            json["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["path"].as_str()).collect();
        assert!(!paths.iter().any(|p| p.starts_with("archetypes")), "{config}: {json}");
        assert!(messages_of(&json, "IMG006").is_empty(), "{config}: {json}");
        let described = postlint().current_dir(dir.path()).args(["site", "--output-format", "json"]).output().unwrap();
        let described: serde_json::Value = serde_json::from_slice(&described.stdout).unwrap();
        assert_eq!(described["sites"][0]["generator"], "hugo", "{config}: {described}");
        assert_eq!(described["sites"][0]["settings"]["baseurl"], "https://example.org", "{config}: {described}");
    }
}

/// Languages in `config/_default/languages.yaml` give content folders as in the TOML.
#[test]
fn hugo_languages_in_their_own_yaml_file() {
    let dir = site(&[
        ("config/_default/hugo.yaml", "baseURL: https://example.org/\ndefaultContentLanguage: en\n"),
        ("config/_default/languages.yaml", "en:\n  contentDir: content/english\nja:\n  contentDir: content/japanese\n"),
        ("content/english/posts/a.md", "---\ntitle: \"Spring planting notes\"\ndate: 2026-01-12\n---\n\nText.\n"),
        ("content/japanese/posts/a.md", "---\ntitle: \"春の植え付けメモ\"\ndate: 2026-01-12\n---\n\n本文。\n"),
    ]);
    let described = postlint().current_dir(dir.path()).args(["site", "--output-format", "json"]).output().unwrap();
    let described: serde_json::Value = serde_json::from_slice(&described.stdout).unwrap();
    let files = described["sites"][0]["files"].as_array().unwrap();
    let url = |path: &str| files.iter().find(|f| f["path"] == path).map(|f| f["url"].clone()).unwrap_or_default();
    assert_eq!(url("content/english/posts/a.md"), "/posts/a/", "{described}");
    assert_eq!(url("content/japanese/posts/a.md"), "/ja/posts/a/", "{described}");
}

/// Jekyll reads the site from `source:`: posts under it get no `/src/` category in their
/// URLs, its assets and layouts are the site's, and nothing outside it is built.
#[test]
fn jekyll_reads_the_site_from_its_source_folder() {
    let post = "---\ntitle: \"Pruning the apple trees\"\nlayout: post\n---\n\n![Tree](/assets/tree.png)\n\n\
        [Earlier]({% post_url 2026-01-05-apples %})\n";
    let dir = site(&[
        ("_config.yml", "source: src\nplugins: [jekyll-seo-tag]\n"),
        ("src/_posts/2026-01-12-pruning.md", post),
        ("src/_posts/2026-01-05-apples.md", "---\ntitle: \"Apples in winter\"\n---\n\nText.\n"),
        ("src/assets/tree.png", "png"),
        ("src/_layouts/post.html", "<head>{% seo %}</head>{{ content }}"),
        ("notes/idea.md", "---\ntitle: x\n---\n\n# Not built\n"),
    ]);
    let described = postlint().current_dir(dir.path()).args(["site", "--output-format", "json"]).output().unwrap();
    let described: serde_json::Value = serde_json::from_slice(&described.stdout).unwrap();
    let files = described["sites"][0]["files"].as_array().unwrap();
    let find = |path: &str| files.iter().find(|f| f["path"] == path).cloned().unwrap_or_default();
    assert_eq!(find("src/_posts/2026-01-12-pruning.md")["url"], "/2026/01/12/pruning.html", "{described}");
    assert_eq!(find("notes/idea.md")["kind"], "unbuilt", "{described}");
    let (_, json) = check_json(dir.path(), &["--select", "IMG006,LNK001,FM003", "."]);
    assert_eq!(json["diagnostics"], serde_json::json!([]), "{json}");
}

/// Jekyll puts a post on its `date` in the site's `timezone:`; FM006 compares that day
/// with the file name's. Without a zone the build machine's decides, so the day as
/// written and its day in UTC both count.
#[test]
fn jekyll_dates_posts_in_the_sites_time_zone() {
    let dir = site(&[
        ("_config.yml", "timezone: America/New_York\n"),
        ("postlint.toml", "[rules.FM006]\ndate-mismatch = true\n"),
        // 01:50 +0300 on the 2nd is 18:50 on the 1st in New York: the file's day.
        (
            "_posts/2021-05-01-a.md",
            "---\ntitle: \"Early morning notes\"\ndate: 2021-05-02 01:50:00 +0300\n---\n\nText.\n",
        ),
        // 10:00 -0400 on the 1st is the 1st in New York: but the file says the 2nd.
        (
            "_posts/2021-05-02-b.md",
            "---\ntitle: \"Late evening notes\"\ndate: 2021-05-01 10:00:00 -0400\n---\n\nText.\n",
        ),
        ("_posts/_unfinished.md", "---\ntitle: x\n---\n\nNot a post.\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "FM006", "."]);
    let found: Vec<(String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["path"].as_str().unwrap_or("").to_string(), d["message"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].0.ends_with("2021-05-02-b.md"), "{found:?}");
    assert!(!found.iter().any(|(path, _)| path.contains("_unfinished")), "Jekyll skips `_` files: {found:?}");
}

/// A Hexo site has a `_config.yml` as Jekyll's does: Hexo's own evidence (a `package.json`
/// that depends on `hexo`, keys only Hexo's config has, `scaffolds/` beside
/// `source/_posts/`) says which it is, and a Jekyll site stays Jekyll.
#[test]
fn hexo_is_told_from_jekyll_by_its_evidence() {
    let generator_of = |files: &[(&str, &str)]| {
        let dir = site(files);
        let output = postlint().current_dir(dir.path()).args(["site", "--output-format", "json"]).output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        (json["sites"][0]["generator"].clone(), json["sites"][0]["evidence"].clone())
    };
    let post = ("source/_posts/hello.md", "---\ntitle: Hello\n---\n");
    let (generator, evidence) = generator_of(&[
        ("_config.yml", "title: Notes\ntheme: landscape\n"),
        ("package.json", "{\"dependencies\": {\"hexo\": \"^8.1.2\"}}"),
        post,
    ]);
    assert_eq!((generator, evidence), ("hexo".into(), "package.json (depends on hexo)".into()));
    let (generator, evidence) = generator_of(&[("_config.yml", "title: Notes\nnew_post_name: :title.md\n"), post]);
    assert_eq!((generator, evidence), ("hexo".into(), "_config.yml (Hexo's `new_post_name`)".into()));
    let (generator, _) = generator_of(&[("_config.yml", "title: Notes\n"), ("scaffolds/post.md", "---\n---\n"), post]);
    assert_eq!(generator, "hexo");
    let (generator, _) = generator_of(&[
        ("_config.yml", "title: Notes\ntheme: minima\npermalink: pretty\n"),
        ("package.json", "{\"devDependencies\": {\"prettier\": \"^3\"}}"),
        ("_posts/2026-01-12-hello.md", "---\ntitle: Hello\n---\n"),
    ]);
    assert_eq!(generator, "jekyll", "a Jekyll site with a package.json stays Jekyll");
}

/// Each file of the Hexo fixture as Hexo builds it (compared with a real `hexo generate`
/// of the fixture: the same URLs): posts by `permalink` with the slug from the file's path
/// under `_posts/`, a draft not built, pages by their path, scaffolds as templates.
#[test]
fn hexo_kinds_and_urls() {
    let output =
        postlint().current_dir(generator_site("hexo")).args(["site", "--output-format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let site = &json["sites"][0];
    let files = site["files"].as_array().unwrap();
    let find = |path: &str| {
        let file = files.iter().find(|f| f["path"] == path).cloned().unwrap_or_default();
        (file["kind"].as_str().unwrap_or("").to_string(), file["url"].clone())
    };
    let url = |text: &str| serde_json::Value::String(text.to_string());
    assert_eq!(find("source/_posts/hello-hexo.md"), ("post".into(), url("/2024/03/02/hello-hexo/")));
    assert_eq!(find("source/_posts/庭の記録.md"), ("post".into(), url("/2024/05/18/庭の記録/")));
    assert_eq!(find("source/_posts/2024/seed-swap.md"), ("post".into(), url("/2024/04/06/2024/seed-swap/")));
    assert_eq!(
        find("source/_posts/compost.md"),
        ("post".into(), url("/2024/01/20/compost/")),
        "front matter without an opening fence is read"
    );
    assert_eq!(find("source/about/index.md"), ("page".into(), url("/about/")));
    assert_eq!(find("source/links.md"), ("page".into(), url("/links.html")));
    assert_eq!(find("source/_drafts/next-season.md").0, "post", "a draft is linted as a post");
    assert_eq!(find("scaffolds/post.md").0, "template");
    assert_eq!(find("README.md").0, "unbuilt");
    assert_eq!(site["settings"]["slugs"], "hexo(keep case)");
    let (_, checked) = check_json(&generator_site("hexo"), &["--select", "FM006", "."]);
    assert_eq!(diagnostics(&checked), Vec::<String>::new(), "Hexo names posts `:title.md`, without a date");
}

/// A post's asset folder (`source/_posts/庭の記録/`) holds what `{% asset_img %}` names
/// and, with `marked.postAsset`, what a relative Markdown image names; without it, the
/// renderer makes `![](x.png)` the site-root `/x.png`, which the source folder must hold.
#[test]
fn hexo_asset_folders() {
    let site = copy_site(&generator_site("hexo"));
    append(
        site.path(),
        "source/_posts/庭の記録.md",
        "\n{% asset_img 植え付け.png 苗 %} ![葉](leaf.png) ![トマト](tomato.png) <img src=\"tomato.png\" alt=\"トマト\" width=\"40\" height=\"30\">\n",
    );
    let found = found_by_all_rules(site.path());
    assert!(found.iter().any(|d| d.starts_with("\"IMG006\"") && d.contains("植え付け.png")), "{found:?}");
    assert!(found.iter().any(|d| d.starts_with("\"IMG006\"") && d.contains("leaf.png")), "{found:?}");
    assert_eq!(found.len(), 2, "the folder's own tomato.png is found both ways: {found:?}");

    let config = std::fs::read_to_string(site.path().join("_config.yml")).unwrap();
    std::fs::write(site.path().join("_config.yml"), config.replace("postAsset: true", "postAsset: false")).unwrap();
    let found = found_by_all_rules(site.path());
    assert!(
        found.iter().any(|d| d.starts_with("\"IMG006\"") && d.contains("source/tomato.png")),
        "without postAsset, `![](tomato.png)` is `/tomato.png`: {found:?}"
    );
    assert!(!found.iter().any(|d| d.contains("<img")), "raw HTML stays relative to the post's URL: {found:?}");
}

/// `{% post_link %}` is checked as `post_url` is: by the post's slug or its title, with a
/// fragment into the post's headings; a name that finds no post stops Hexo's build.
#[test]
fn hexo_post_link_is_checked() {
    let site = copy_site(&generator_site("hexo"));
    append(
        site.path(),
        "source/_posts/hello-hexo.md",
        "\nAlso {% post_link seed-swap %}, {% post_link \"Seed swap day at the community garden\" %}, \
         {% post_link 庭の記録#植え付け %} and {% post_link 庭の記録#収穫 %}.\n",
    );
    let found = found_by_all_rules(site.path());
    assert!(
        found.iter().any(|d| d.starts_with("\"LNK001\"") && d.contains("`seed-swap`")),
        "the slug is the path under _posts/ (`2024/seed-swap`): {found:?}"
    );
    assert!(found.iter().any(|d| d.starts_with("\"LNK009\"") && d.contains("#収穫`")), "{found:?}");
    assert_eq!(found.len(), 2, "a title names the post too: {found:?}");
    let text = std::fs::read_to_string(site.path().join("source/_posts/hello-hexo.md")).unwrap();
    let raw = text.replacen("categories: Garden\n", "categories: Garden\ndisableNunjucks: true\n", 1);
    std::fs::write(site.path().join("source/_posts/hello-hexo.md"), raw).unwrap();
    let found = found_by_all_rules(site.path());
    assert!(!found.iter().any(|d| d.contains("LNK001") || d.contains("LNK009")), "tags left as text: {found:?}");
}

/// `{% codeblock %}`, `{% code %}` and `{% raw %}` never reach the Markdown renderer as
/// Markdown: a `#` line inside is code, not a heading.
#[test]
fn hexo_codeblock_content_is_not_read_as_headings() {
    let site = copy_site(&generator_site("hexo"));
    append(
        site.path(),
        "source/_posts/hello-hexo.md",
        "\n{% code %}\n# still code\n{% endcode %}\n\n{% raw %}\n# raw text\n{% endraw %}\n\n# A real heading\n",
    );
    let (_, json) = check_json(site.path(), &["--select", "HD001", "."]);
    let text = std::fs::read_to_string(site.path().join("source/_posts/hello-hexo.md")).unwrap();
    let line = text.lines().position(|l| l == "# A real heading").unwrap() + 1;
    assert_eq!(positions(&json).iter().map(|(_, l, _)| *l as usize).collect::<Vec<_>>(), [line], "{json}");
}

/// Heading ids as hexo-renderer-marked makes them: case kept, Japanese kept, `-` between
/// words, a second heading of the same text `-1`.
#[test]
fn hexo_heading_ids() {
    let site = copy_site(&generator_site("hexo"));
    append(
        site.path(),
        "source/_posts/2024/seed-swap.md",
        "\n## Mixed 見出し Heading 2024\n\n[second](#Mixed-見出し-Heading-2024-1) [lower](#mixed-見出し-heading-2024) \
         [apostrophe](#Don’t-forget-the-saucers)\n",
    );
    let (_, json) = check_json(site.path(), &["--select", "LNK002", "."]);
    let found = diagnostics(&json);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().any(|d| d.contains("#mixed-見出し-heading-2024`")), "ids keep their case: {found:?}");
    assert!(
        found.iter().any(|d| d.contains("#Don’t-forget-the-saucers`")),
        "that heading is in another post: {found:?}"
    );
}

/// Hexo reads front matter without an opening `---` (hexo-front-matter: YAML up to the
/// first line of dashes), as older Hexo posts are written; other generators do not.
#[test]
fn hexo_reads_front_matter_without_an_opening_fence() {
    let post = "title: \"Compost notes from the first winter\"\ndate: 2024-01-20 11:00:00\n---\n\nText.\n";
    let hexo = site(&[("_config.yml", "title: Notes\nnew_post_name: :title.md\n"), ("source/_posts/compost.md", post)]);
    let (_, json) = check_json(hexo.path(), &["--select", "FM001,FM003", "."]);
    assert_eq!(diagnostics(&json), Vec::<String>::new());
    let jekyll = site(&[("_config.yml", "title: Notes\n"), ("_posts/2024-01-20-compost.md", post)]);
    let (_, json) = check_json(jekyll.path(), &["--select", "FM001", "."]);
    assert_eq!(codes(&json), ["FM001"], "Jekyll needs the opening fence");
}

/// Jekyll's `{% link %}` matches a collection document by its path from `collections_dir`
/// (a real Jekyll 4.3 build accepts `_notes/a.md` for `collections/_notes/a.md`).
#[test]
fn jekyll_link_tags_name_collection_documents_from_collections_dir() {
    let dir = site(&[
        ("_config.yml", "collections_dir: collections\ncollections:\n  notes:\n    output: true\n"),
        ("collections/_notes/a.md", "---\ntitle: \"A note on soil\"\n---\n\nText.\n"),
        (
            "collections/_notes/b.md",
            "---\ntitle: \"A note on seeds\"\n---\n\n[soil]({% link _notes/a.md %}) and [gone]({% link _notes/gone.md %}).\n",
        ),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK002", "."]);
    let messages: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().filter_map(|d| d["message"].as_str()).collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("_notes/gone.md"), "{messages:?}");
}

/// A permalink placeholder postlint does not fill (`:path`) leaves the URL unknown: two
/// posts are not one URL `/posts/:path` (a real Jekyll build gives each its own page).
#[test]
fn an_unfilled_permalink_placeholder_is_an_unknown_url_not_text() {
    let dir = site(&[
        (
            "_config.yml",
            "defaults:\n  - scope:\n      path: \"\"\n      type: posts\n    values:\n      permalink: /posts/:path\n",
        ),
        ("_posts/2026-01-02-a.md", "---\ntitle: \"First of two\"\n---\n\nText.\n"),
        ("_posts/2026-01-03-b.md", "---\ntitle: \"Second of two\"\n---\n\nText.\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--select", "LNK007", "."]);
    assert_eq!(codes(&json), Vec::<String>::new(), "{json}");
}

/// A post the generator does not build — Jekyll's and Hexo's `published: false`, a Hugo,
/// Zola or Docusaurus `draft: true` — is left out of a walk over the site (the blind round
/// judged its findings false: the built site does not have them), but linted when named
/// on the command line, and built (so linted) when the site's config builds it.
#[test]
fn posts_the_generator_does_not_publish_are_left_out_of_the_walk_but_linted_when_named() {
    const HIDDEN: &str = "---\ntitle: [2026, plans]\nFLAG\n---\n\nText.\n";
    let cases: &[(&str, &str, &str, &str)] = &[
        ("_config.yml", "title: Blog\n", "_posts/2026-01-02-later.md", "published: false"),
        ("hugo.toml", "title = 'Blog'\n", "content/posts/later.md", "draft: true"),
        ("_config.yml", "title: Blog\nnew_post_name: :title.md\n", "source/_posts/later.md", "published: false"),
        ("docusaurus.config.js", "export default { title: 'Blog' };\n", "blog/2026-01-02-later.md", "draft: true"),
    ];
    for &(config, config_text, post, flag) in cases {
        let text = HIDDEN.replace("FLAG", flag);
        let mut files = vec![(config, config_text), (post, text.as_str())];
        // Hexo is told from Jekyll by its scaffolds and package.json.
        if post.starts_with("source/") {
            files.extend([
                ("scaffolds/post.md", "---\ntitle: {{ title }}\n---\n"),
                ("package.json", "{\"dependencies\": {\"hexo\": \"^7.0.0\"}}"),
            ]);
        }
        if config.starts_with("docusaurus") {
            files.push(("package.json", "{\"dependencies\": {\"@docusaurus/core\": \"^3.0.0\"}}"));
        }
        // Without the flag the same post is built, so the walk does reach it.
        let published = HIDDEN.replace("FLAG", "");
        let mut control = files.clone();
        control[1] = (post, published.as_str());
        let (code, json) = check_json(site(&control).path(), &["--isolated", "--select", "FM004", "."]);
        assert_eq!((code, codes(&json)), (1, vec!["FM004".to_string()]), "{post} without {flag}: {json}");
        let dir = site(&files);
        let (code, json) = check_json(dir.path(), &["--isolated", "--select", "FM004", "."]);
        assert_eq!((code, codes(&json).len()), (0, 0), "{post} is not built: {json}");
        let (code, json) = check_json(dir.path(), &["--isolated", "--select", "FM004", post]);
        assert_eq!((code, codes(&json)), (1, vec!["FM004".to_string()]), "{post} named: {json}");
    }
    // `unpublished: true` (Jekyll) and `buildDrafts = true` (Hugo) build them.
    for (config, config_text, post, flag) in [
        ("_config.yml", "title: Blog\nunpublished: true\n", "_posts/2026-01-02-later.md", "published: false"),
        ("hugo.toml", "title = 'Blog'\nbuildDrafts = true\n", "content/posts/later.md", "draft: true"),
    ] {
        let text = HIDDEN.replace("FLAG", flag);
        let dir = site(&[(config, config_text), (post, text.as_str())]);
        let (code, json) = check_json(dir.path(), &["--isolated", "--select", "FM004", "."]);
        assert_eq!((code, codes(&json)), (1, vec!["FM004".to_string()]), "{post} is built: {json}");
    }
}

/// Second blind round: each generator's own front matter reader decides where front matter
/// ends. hexo-front-matter takes any run of three or more dashes closed by the same run
/// (`----` … `----`); gray-matter (Eleventy, Docusaurus, VitePress) closes at the first line
/// starting with `---` (`-----------`). Jekyll needs `---` itself.
#[test]
fn front_matter_fences_are_read_as_each_generator_reads_them() {
    const HEXO: &str = "----\ntitle: Four dashes\ndate: 2026-01-02 10:00:00\n----\n\nText.\n";
    const GRAY: &str = "---\ntitle: A long closing rule\n-----------\n\nText.\n";
    let hexo = site(&[
        ("_config.yml", "title: Blog\n"),
        ("scaffolds/post.md", "---\ntitle: {{ title }}\n---\n"),
        ("package.json", "{\"dependencies\": {\"hexo\": \"^7.0.0\"}}"),
        ("source/_posts/four.md", HEXO),
    ]);
    let (_, json) = check_json(hexo.path(), &["--isolated", "--select", "FM001,FM002,FM003", "."]);
    assert_eq!(codes(&json), Vec::<String>::new(), "{json}");
    let eleventy = site(&[("eleventy.config.js", "export default function () {}\n"), ("posts/long.md", GRAY)]);
    let (_, json) = check_json(eleventy.path(), &["--isolated", "--select", "FM001,FM002,FM003", "."]);
    assert_eq!(codes(&json), Vec::<String>::new(), "{json}");
    // Jekyll reads neither: the first is not front matter, the second is never closed.
    let jekyll = site(&[
        ("_config.yml", "title: Blog\n"),
        ("_posts/2026-01-02-four.md", HEXO),
        ("_posts/2026-01-03-long.md", GRAY),
    ]);
    let (_, json) = check_json(jekyll.path(), &["--isolated", "--select", "FM001,FM002", "."]);
    assert_eq!(codes(&json), ["FM001", "FM002"], "{json}");
}

/// Second blind round: Eleventy reads `date: git Last Modified` (and `Last Modified`,
/// `Created`, `git Created`) as the file's dates; on Jekyll it is not a date.
#[test]
fn a_date_the_generator_computes_is_not_an_invalid_date() {
    const POST: &str = "---\ntitle: Notes\ndate: git Last Modified\n---\n\nText.\n";
    let eleventy = site(&[("eleventy.config.js", "export default function () {}\n"), ("posts/notes.md", POST)]);
    let (_, json) = check_json(eleventy.path(), &["--isolated", "--select", "FM005", "."]);
    assert_eq!(codes(&json), Vec::<String>::new(), "{json}");
    let jekyll = site(&[("_config.yml", "title: Blog\n"), ("_posts/2026-01-02-notes.md", POST)]);
    let (_, json) = check_json(jekyll.path(), &["--isolated", "--select", "FM005", "."]);
    assert_eq!(codes(&json), ["FM005"], "{json}");
}

/// Second blind round: hexo-renderer-marked before 5 runs marked 1–2, whose setext
/// heading is one line only: the front matter a post repeats in its body (`title: x`,
/// `date: y`, `---`) is a paragraph and a rule there, not an H2 (checked with marked
/// 2.1.3; marked 4.3.0, in hexo-renderer-marked 5, makes it an H2).
#[test]
fn several_lines_over_dashes_are_a_heading_only_where_the_renderer_makes_one() {
    const POST: &str = "---\ntitle: Notes\n---\ntitle: Notes\ndate: 2020-01-01\n---\n\n## Real\n";
    let headings = |renderer: &str| -> Vec<String> {
        let package =
            format!("{{\"dependencies\": {{\"hexo\": \"^6.0.0\", \"hexo-renderer-marked\": \"{renderer}\"}}}}");
        let dir = site(&[
            ("_config.yml", "title: Blog\n"),
            ("scaffolds/post.md", "---\ntitle: {{ title }}\n---\n"),
            ("package.json", package.as_str()),
            ("source/_posts/a.md", POST),
        ]);
        let output =
            postlint().current_dir(dir.path()).args(["site", "--detail", "--output-format", "json"]).output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let files = json["sites"][0]["files"].as_array().unwrap().clone();
        let post = files.iter().find(|f| f["path"] == "source/_posts/a.md").unwrap().clone();
        post["headings"].as_array().unwrap().iter().map(|h| h["text"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(headings("^4.0.0"), ["Real"]);
    assert_eq!(headings("^5.0.0"), ["title: Notes date: 2020-01-01", "Real"]);
}
