//! Docusaurus 3, read the way it builds a site: `fixtures/generators/docusaurus/` is a
//! small site (numbered doc folders, a category index, an absolute `slug`, an `id`, an MDX
//! page with an import, a partial, a frozen `versioned_docs` copy, a dated blog post and a
//! post folder, a Markdown page, a static image, a French translation), and the tests
//! below change copies of it, or write small sites, to show each behaviour.

mod common;

use std::path::PathBuf;

use common::*;

fn fixture() -> PathBuf {
    fixtures().join("generators").join("docusaurus")
}

/// `docusaurus.config.ts` says Docusaurus; each file is what its plugin builds, at the
/// URL Docusaurus gives it (compared with a real `docusaurus build` of the fixture,
/// Docusaurus 3.10.2: the same 14 URLs, and the same ids for every heading both have).
#[test]
fn the_fixture_is_read_as_docusaurus_builds_it() {
    let site = describe(&fixture());
    assert_eq!(site["generator"], "docusaurus");
    assert_eq!(site["evidence"], "docusaurus.config.ts");
    assert_eq!(site["settings"]["baseurl"], "/handbook", "`baseUrl` without its last slash");
    assert_eq!(site["settings"]["locales"], serde_json::json!(["en", "fr"]));
    let url = |path: &str| file(&site, path)["url"].clone();
    let kind = |path: &str| file(&site, path)["kind"].clone();
    assert_eq!(url("docs/intro.md"), "/docs/intro");
    assert_eq!(url("docs/01-basics/01-planting.md"), "/docs/basics/planting", "number prefixes left out");
    assert_eq!(url("docs/01-basics/02-watering.mdx"), "/docs/basics/watering");
    assert_eq!(url("docs/01-basics/index.md"), "/docs/basics/", "a category index");
    assert_eq!(url("docs/tools/tools.md"), "/docs/tools/", "a doc named like its folder");
    assert_eq!(url("docs/tools/pruning-shears.md"), "/docs/shears", "an absolute `slug`");
    assert_eq!(url("docs/tools/compost-bins.md"), "/docs/tools/composting", "the `id`");
    assert_eq!(kind("docs/tools/_safety-note.mdx"), "unbuilt", "a partial");
    assert_eq!(url("versioned_docs/version-1.0/intro.md"), "/docs/1.0/intro", "`lastVersion: 'current'`");
    assert_eq!(kind("blog/2024-05-01-first-sprouts.md"), "post");
    assert_eq!(url("blog/2024-05-01-first-sprouts.md"), "/blog/2024/05/01/first-sprouts", "dated by its name");
    assert_eq!(url("blog/2024-06-10-summer-beds/index.md"), "/blog/summer-beds", "its `slug`");
    assert_eq!(kind("src/pages/about.md"), "page");
    assert_eq!(url("src/pages/about.md"), "/about");
    assert_eq!(url("src/pages/index.md"), "/");
    assert_eq!(url("i18n/fr/docusaurus-plugin-content-docs/current/intro.md"), "/fr/docs/intro");
    assert_eq!(file(&site, "i18n/fr/docusaurus-plugin-content-docs/current/intro.md")["language"], "fr");
    assert_eq!(kind("README.md"), "unbuilt");
    assert_eq!(site["unchecked"], serde_json::json!([]), "every value the model needs is a literal");
}

/// Versions: without `lastVersion`, the newest of `versions.json` is at the docs' base and
/// the current docs are at `next/`; a folder `versions.json` does not list is not built;
/// `routeBasePath: '/'`, `trailingSlash: true` and the blog turned off are read.
#[test]
fn versions_route_base_path_and_trailing_slash() {
    let config = "export default {\n  title: 'x',\n  url: 'https://x.example',\n  baseUrl: '/',\n  trailingSlash: true,\n  \
        presets: [['classic', {docs: {routeBasePath: '/'}, blog: false}]],\n};\n";
    let dir = site(&[
        ("docusaurus.config.js", config),
        ("versions.json", "[\"2.0\", \"1.0\"]"),
        ("docs/guide.md", "# Guide\n"),
        ("versioned_docs/version-2.0/guide.md", "# Guide\n"),
        ("versioned_docs/version-1.0/guide.md", "# Guide\n"),
        ("versioned_docs/version-0.9/guide.md", "# Guide\n"),
        ("blog/2024-01-01-x.md", "# X\n"),
    ]);
    let site = describe(dir.path());
    let url = |path: &str| file(&site, path)["url"].clone();
    assert_eq!(url("docs/guide.md"), "/next/guide/");
    assert_eq!(url("versioned_docs/version-2.0/guide.md"), "/guide/");
    assert_eq!(url("versioned_docs/version-1.0/guide.md"), "/1.0/guide/");
    assert_eq!(file(&site, "versioned_docs/version-0.9/guide.md")["kind"], "unbuilt");
    assert_eq!(file(&site, "blog/2024-01-01-x.md")["kind"], "unbuilt", "`blog: false`");
}

/// The config is never run: a computed value leaves what depends on it unknown (no URL),
/// the run says so once, and references are still resolved by file path.
#[test]
fn a_computed_config_value_is_unknown_not_guessed() {
    let config = "const base = process.env.DOCS_BASE;\nmodule.exports = {\n  title: 'x',\n  baseUrl: '/',\n  \
        presets: [['classic', {docs: {routeBasePath: base}}]],\n};\n";
    let dir = site(&[
        ("docusaurus.config.js", config),
        ("docs/guide.md", "# Guide\n\nSee [setup](./setup.md).\n"),
        ("blog/welcome.md", "# Welcome\n"),
    ]);
    let described = describe(dir.path());
    assert_eq!(file(&described, "docs/guide.md")["url"], serde_json::Value::Null, "{described}");
    assert_eq!(file(&described, "blog/welcome.md")["url"], "/blog/welcome", "the blog's own options are literal");
    assert!(described["unchecked"].to_string().contains("depend on code"), "{described}");
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json), [("LNK002".to_string(), "docs/guide.md".to_string(), 3)], "{json}");

    // A config built by a function is not read at all: nothing is judged.
    let dir = site(&[
        ("docusaurus.config.js", "module.exports = async function createConfig() { return makeConfig(); };\n"),
        ("docs/guide.md", "# Guide\n\nSee [setup](./setup.md) and [here](#nowhere).\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json), [], "{json}");
    assert!(json["summary"]["unchecked"].to_string().contains("never runs it"), "{json}");
}

/// Broken references planted in a copy of the fixture are found where they are written:
/// a Markdown file link, a fragment on this page, fragments on other pages named by file
/// path, by URL and by a relative URL, images in `static/`, beside the file and under
/// `@site/`. Routes the model does not know (tags, generated category pages, another
/// plugin's) and a link inside an MDX comment are not judged.
#[test]
fn planted_breaks_are_found_and_unknown_routes_are_not_judged() {
    let dir = copy_site(&fixture());
    append(
        dir.path(),
        "docs/intro.md",
        "\n## Planted\n\n\
         See [a missing page](./basics/missing.md) and [spacing](./01-basics/01-planting.md#spacin).\n\n\
         The [tools](/docs/tools/#what-to-bye) and [shears](./shears#sharpenin), [up here](#before-diging).\n\n\
         Not judged: [tags](/blog/tags/spring), [category](/docs/category/basics), [elsewhere](/docs/nowhere#x).\n\n\
         Fine: [tools](/docs/tools/#what-to-buy), [shears](./shears#sharpening), [here](#before-digging).\n\n\
         ![Shovel](/img/shovel.png) ![Rake](./img/rake.png) ![Trowel](@site/static/img/trowel.png) ![Hoe](@site/static/img/hoe.png)\n\n\
         {/* [a comment](./nope.md) */}\n",
    );
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002,LNK009,IMG006", "."]);
    let reports = found(&json);
    let at = |code: &str| {
        reports.iter().filter(|(c, p, _)| c == code && p == "docs/intro.md").map(|r| r.2).collect::<Vec<_>>()
    };
    assert_eq!(at("LNK002"), [17, 19], "{json}");
    assert_eq!(at("LNK009"), [17, 19, 19], "{json}");
    assert_eq!(at("IMG006"), [25, 25, 25], "{json}");
    assert_eq!(reports.len(), 8, "nothing else, and nothing in other files: {json}");
    let text = json.to_string();
    for quiet in ["tags", "category", "nowhere", "nope.md", "trowel"] {
        assert!(!text.contains(quiet), "`{quiet}` is not judged: {json}");
    }
}

/// Heading ids are github-slugger's (lower case, repeats `-1`), `{#custom-id}` sets one;
/// `.md` files are MDX, so `import`/`export` blocks and `{/* */}` are not Markdown, and a
/// heading or link inside an admonition is.
#[test]
fn heading_ids_and_mdx_markup() {
    let page = "---\ntitle: Beds\n---\n\nimport Tabs from '@theme/Tabs';\nexport const meta = {\n# not a heading\n};\n\n\
        ## Raised Beds\n\n## Raised Beds\n\n## Soil mix {#soil}\n\n\
        :::note\n\n## Inside a note\n\nSee [the note](#inside-a-note) and [the other](./missing.md).\n\n:::\n\n\
        [a](#raised-beds) [b](#raised-beds-1) [c](#soil) [d](#soil-mix) [e](#not-a-heading)\n\n{/* [f](#commented) */}\n";
    let dir = site(&[
        ("docusaurus.config.js", "module.exports = {title: 'x', baseUrl: '/', presets: ['classic']};\n"),
        ("docs/beds.md", page),
    ]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    let messages: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(messages.iter().any(|m| m.contains("missing.md")), "a link inside `:::note` is Markdown: {json}");
    assert!(messages.iter().any(|m| m.contains("#soil-mix")), "`{{#soil}}` replaced the id: {json}");
    assert!(messages.iter().any(|m| m.contains("#not-a-heading")), "an export block is not Markdown: {json}");
    assert!(!messages.iter().any(|m| m.contains("#commented")), "{json}");
    assert!(!messages.iter().any(|m| m.contains("#raised-beds")), "{json}");
    assert!(!messages.iter().any(|m| m.contains("#inside-a-note")), "{json}");

    // `markdown.format: 'detect'`: a `.md` file is CommonMark, where `{/* */}` is text.
    let dir = site(&[
        (
            "docusaurus.config.js",
            "module.exports = {title: 'x', baseUrl: '/', presets: ['classic'], markdown: {format: 'detect'}};\n",
        ),
        ("docs/beds.md", "# Beds\n\n{/* [f](./gone.md) */}\n"),
    ]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json).len(), 1, "{json}");
}

/// A frozen copy under `versioned_docs/` links within its own version; the same links in
/// every copy resolve in each, a link by a path from the content folder (no `./`) too,
/// and copies of one page are not duplicates of each other: no false reports.
#[test]
fn versioned_copies_resolve_in_their_own_version() {
    let dir = copy_site(&fixture());
    std::fs::create_dir_all(dir.path().join("versioned_docs/version-0.9/01-basics")).unwrap();
    for file in ["intro.md", "01-basics/01-planting.md"] {
        std::fs::copy(
            dir.path().join("versioned_docs/version-1.0").join(file),
            dir.path().join("versioned_docs/version-0.9").join(file),
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("versions.json"), "[\"1.0\", \"0.9\"]").unwrap();
    append(
        dir.path(),
        "versioned_docs/version-0.9/01-basics/01-planting.md",
        "\nBack to [the start](intro.md#before-digging).\n",
    );
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "ALL", "--ignore", "FM016", "."]);
    assert_eq!(found(&json), [], "{json}");
    let site = describe(dir.path());
    assert_eq!(file(&site, "versioned_docs/version-0.9/intro.md")["url"], "/docs/0.9/intro");
}

/// The theme renders `<h1>` without its id, though its slug still counts: a link to an
/// H1's slug is broken, and an H2 of the same text is `-1`.
#[test]
fn an_h1_has_no_id_but_takes_its_slug() {
    let page = "# Compost\n\n## Compost\n\n[a](#compost) [b](#compost-1)\n";
    let dir = site(&[
        ("docusaurus.config.js", "module.exports = {title: 'x', baseUrl: '/', presets: ['classic']};\n"),
        ("src/pages/compost.md", page),
    ]);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    let messages: Vec<&str> =
        json["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert_eq!(messages.len(), 1, "{json}");
    assert!(messages[0].contains("`#compost`"), "{json}");
}

/// Docusaurus resolves a link by file path only within one plugin's files (every version
/// and translation of a docs instance): a blog post's link to a doc's file is left as
/// written and broken (its build fails), and the doc's URL is the fix. A frozen copy's
/// link to the current docs' file stays within the docs plugin and resolves.
#[test]
fn links_by_file_path_resolve_within_one_plugin() {
    let dir = copy_site(&fixture());
    append(
        dir.path(),
        "blog/2024-05-01-first-sprouts.md",
        "\nThe [planting guide](../docs/01-basics/01-planting.md).\n",
    );
    append(dir.path(), "versioned_docs/version-1.0/intro.md", "\nThe [current tools](../../docs/tools/tools.md).\n");
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    assert_eq!(found(&json), [("LNK002".to_string(), "blog/2024-05-01-first-sprouts.md".to_string(), 17)], "{json}");
    let diagnostic = &json["diagnostics"][0];
    assert!(diagnostic["message"].as_str().unwrap().contains("own content (`blog/`)"), "{json}");
    assert_eq!(diagnostic["help"], "link to its URL, `/docs/basics/planting`");
}

/// One defect repeated in every frozen copy of a doc is one report: the current doc's, or
/// the first copy's when the current doc no longer has it. A defect only one copy has is
/// still reported there.
#[test]
fn a_defect_repeated_in_frozen_copies_is_one_report() {
    let dir = copy_site(&fixture());
    let versions = ["0.8", "0.9", "1.0"];
    for version in ["0.8", "0.9"] {
        let folder = dir.path().join(format!("versioned_docs/version-{version}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(dir.path().join("versioned_docs/version-1.0/intro.md"), folder.join("intro.md")).unwrap();
    }
    std::fs::write(dir.path().join("versions.json"), "[\"1.0\", \"0.9\", \"0.8\"]").unwrap();
    let planted = "\nSee [the old notes](./old-notes.md).\n";
    for version in versions {
        append(dir.path(), &format!("versioned_docs/version-{version}/intro.md"), planted);
    }
    append(dir.path(), "versioned_docs/version-0.9/intro.md", "\nAnd [another](./other-notes.md).\n");
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    let paths: Vec<String> = found(&json).into_iter().map(|(_, path, _)| path).collect();
    assert_eq!(
        paths,
        ["versioned_docs/version-0.8/intro.md", "versioned_docs/version-0.9/intro.md"],
        "the repeated link once, in the first copy; the 0.9 copy's own link: {json}"
    );
    assert!(json["diagnostics"][1]["message"].as_str().unwrap().contains("other-notes"), "{json}");

    append(dir.path(), "docs/intro.md", planted);
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "LNK002", "."]);
    let paths: Vec<String> = found(&json).into_iter().map(|(_, path, _)| path).collect();
    assert_eq!(paths, ["docs/intro.md", "versioned_docs/version-0.9/intro.md"], "{json}");
}

/// Shapes whose URLs a real build settled (Docusaurus 3.10.2, `trailingSlash: false`): a
/// category index is matched on names as written (`02-tools/tools.md` is not one,
/// `03-care/03-care.md` is), a version-like start is no number prefix, a relative `slug`
/// climbs, a second docs instance from `plugins` has its own folder and route, and blog
/// posts dated by folders or below a folder keep that folder after the date.
#[test]
fn url_shapes_a_real_build_settled() {
    let config = "module.exports = {\n  title: 'Edge cases',\n  url: 'https://edge.example',\n  baseUrl: '/',\n  trailingSlash: false,\n  \
        presets: [['classic', {docs: {routeBasePath: 'manual'}, blog: {routeBasePath: 'news'}}]],\n  \
        plugins: [['@docusaurus/plugin-content-docs', {id: 'community', path: 'community', routeBasePath: 'community'}]],\n};\n";
    let page = "---\ntitle: A page\n---\n\nText.\n";
    let dir = site(&[
        ("docusaurus.config.js", config),
        ("docs/02-tools/tools.md", page),
        ("docs/03-care/03-care.md", page),
        ("docs/guides/README.md", page),
        ("docs/guides/deep/page.md", "---\ntitle: Deep\nslug: ../flat\n---\n\nText.\n"),
        ("docs/guides/named.md", "---\ntitle: Named\nid: custom-name\n---\n\nText.\n"),
        ("docs/guides/10.5 - dotted.md", page),
        ("docs/00-start.md", page),
        ("blog/2024/03/09/folder-date.md", page),
        ("blog/news/2024-02-01-nested.md", page),
        ("blog/undated.md", page),
        ("community/index.md", page),
        ("community/help.md", page),
        ("src/pages/team/index.md", "# Team\n"),
        ("src/pages/team/alice.mdx", "# Alice\n"),
    ]);
    let site = describe(dir.path());
    let urls: Vec<(String, String)> = site["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["path"].as_str().unwrap().to_string(), f["url"].as_str().unwrap_or("").to_string()))
        .collect();
    let expected = [
        ("blog/2024/03/09/folder-date.md", "/news/2024/03/09/folder-date"),
        ("blog/news/2024-02-01-nested.md", "/news/2024/02/01/news/nested"),
        ("blog/undated.md", "/news/undated"),
        ("community/help.md", "/community/help"),
        ("community/index.md", "/community"),
        ("docs/00-start.md", "/manual/start"),
        ("docs/02-tools/tools.md", "/manual/tools/tools"),
        ("docs/03-care/03-care.md", "/manual/care"),
        ("docs/guides/10.5 - dotted.md", "/manual/guides/10.5 - dotted"),
        ("docs/guides/README.md", "/manual/guides"),
        ("docs/guides/deep/page.md", "/manual/guides/flat"),
        ("docs/guides/named.md", "/manual/guides/custom-name"),
        ("src/pages/team/alice.mdx", "/team/alice"),
        ("src/pages/team/index.md", "/team"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(p, u)| (p.to_string(), u.to_string())).collect();
    assert_eq!(urls, expected, "{site}");
}

/// Second blind round: a translation under `i18n/` that repeats its source's finding word
/// for word (the same gap in numbered sections, the file copied untranslated) is one cause,
/// reported once on the source; a finding of the translation's own is reported there. A
/// copy for the default locale (`i18n/en/…` beside `blog/`) stands in for its source at the
/// same URL: not a second page at that address (LNK007).
#[test]
fn translations_repeating_the_source_are_one_report_and_the_default_locale_is_one_page() {
    let dir = copy_site(&fixture());
    let gap = "---\ntitle: Four seasons in the beds\n---\n\n## 1. Spring\n\n## 2. Summer\n\n## 4. Winter\n";
    let blog_fr = dir.path().join("i18n/fr/docusaurus-plugin-content-blog");
    let blog_en = dir.path().join("i18n/en/docusaurus-plugin-content-blog");
    std::fs::create_dir_all(&blog_fr).unwrap();
    std::fs::create_dir_all(&blog_en).unwrap();
    std::fs::write(dir.path().join("blog/2024-07-01-seasons.md"), gap).unwrap();
    std::fs::write(blog_en.join("2024-07-01-seasons.md"), gap).unwrap();
    // The French copy repeats the gap and adds one of its own (an empty heading).
    std::fs::write(blog_fr.join("2024-07-01-seasons.md"), format!("{gap}\n## \n")).unwrap();
    let (_, json) = check_json(dir.path(), &["--no-cache", "--select", "HD005,HD004,LNK007", "."]);
    let mut reports = found(&json);
    reports.sort();
    assert_eq!(
        reports,
        [
            ("HD004".to_string(), "i18n/fr/docusaurus-plugin-content-blog/2024-07-01-seasons.md".to_string(), 11),
            ("HD005".to_string(), "blog/2024-07-01-seasons.md".to_string(), 9),
        ],
        "{json}"
    );
}
