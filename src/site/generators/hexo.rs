//! Hexo, as its documentation describes it: <https://hexo.io/docs/configuration>
//! (`_config.yml`: `url`, `root`, `permalink`, `source_dir`, `new_post_name`,
//! `post_asset_folder`, `relative_link`, `timezone`, `skip_render`, `include`/`exclude`/
//! `ignore`, `theme`), <https://hexo.io/docs/writing> (`source/_posts/`, `source/_drafts/`
//! built only with `--draft` or `render_drafts`, `scaffolds/`), <https://hexo.io/docs/front-matter>
//! (`permalink`, `categories` as a hierarchy, `date` in the site's `timezone`),
//! <https://hexo.io/docs/permalinks> (the placeholders), <https://hexo.io/docs/asset-folders>
//! (a post's asset folder, `{% asset_img %}`, `{% asset_path %}`, `{% asset_link %}`,
//! hexo-renderer-marked's `postAsset`), <https://hexo.io/docs/tag-plugins> (`{% post_link %}`,
//! `{% post_path %}`, `{% codeblock %}`, `{% raw %}`), <https://hexo.io/docs/themes>
//! (`themes/<name>/` or the `hexo-theme-<name>` package, whose `source/` is served at the
//! root, `_config.<name>.yml`), and hexo-renderer-marked's README
//! <https://github.com/hexojs/hexo-renderer-marked> (`marked:` settings, heading ids).
//!
//! Where the docs leave it open, Hexo 8.1.2's own code decides (measured on builds):
//! `lib/plugins/processor/post.ts` (a post's `slug` is its path under `_posts/` matched
//! against `new_post_name`, a front matter `slug` is not read; files and folders starting
//! with `_` or `.` are not posts), `lib/plugins/filter/post_permalink.ts` (the
//! placeholders; `:category` is the last category's path), `lib/plugins/processor/common.ts`
//! (dates: the wall clock written, moved by `timezone` against the build machine's
//! clock), `lib/hexo/post.ts` (every `{% x %}…{% endx %}` block is taken out before the
//! Markdown renderer runs), `lib/plugins/tag/post_link.ts` (a post by its slug, else by
//! its title; a name that finds none stops the build), and hexo-renderer-marked
//! 7.0.1 `lib/renderer.js` (ids by hexo-util's `slugize` of the smartypants text; a
//! relative Markdown image made site-root relative by `prependRoot` unless `postAsset`
//! finds it in the post's asset folder; raw HTML left as written).

use std::path::{Path, PathBuf};

use super::{Adapter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::bounded;
use crate::document::Document;
use crate::document::front_matter::FrontMatter;
use crate::document::liquid::LiquidKind;
use crate::document::mask::{FenceClose, Markup};
use crate::document::tree::{Node, Value};
use crate::site::pages::{self, PageKind};
use crate::site::references::{TagReference, TagTarget, Written};
use crate::site::{IndexedPost, Site, SiteProblem};
use crate::text::dates;
use crate::text::slug::{HexoIds, Slugger, hexo_slug};

/// Block tags whose content never reaches the Markdown renderer as Markdown: code, and
/// `raw`'s verbatim text. (`blockquote`, `pullquote` and themes' `note` render their
/// content as Markdown of its own.)
const CODE_TAGS: &[(&str, &str)] = &[("codeblock", "endcodeblock"), ("code", "endcode"), ("raw", "endraw")];

/// Extensions Hexo renders as pages with its default renderers (hexo-renderer-marked's
/// Markdown names, and HTML).
const RENDERED: &[&str] = &["md", "markdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext", "html", "htm"];

/// Markdown renderers other than hexo-renderer-marked: their heading ids are their own.
const OTHER_RENDERERS: &[&str] = &[
    "hexo-renderer-markdown-it",
    "hexo-renderer-markdown-it-plus",
    "hexo-renderer-kramed",
    "hexo-renderer-pandoc",
    "hexo-renderer-showdown",
    "hexo-renderer-markdown",
    "@upupming/hexo-renderer-markdown-it-plus",
];

/// Keys only Hexo's `_config.yml` has (Jekyll's has none of them).
const HEXO_KEYS: &[&str] = &[
    "new_post_name",
    "post_asset_folder",
    "source_dir",
    "public_dir",
    "render_drafts",
    "permalink_defaults",
    "default_layout",
    "skip_render",
    "archive_dir",
    "category_dir",
    "tag_dir",
    "i18n_dir",
];

/// hexo-renderer-marked's settings that decide ids and image paths.
#[derive(Debug, Clone)]
struct Marked {
    header_ids: bool,
    modify_anchors: u8,
    prepend_root: bool,
    post_asset: bool,
    /// `marked.disableNunjucks`: tag plugins are not rendered in Markdown.
    disable_nunjucks: bool,
    /// The site's hexo-renderer-marked is older than 6.1.1 (its lockfile, else the
    /// newest version its `package.json` range allows), whose ids keep entities as words.
    entities_in_ids: bool,
    /// The site's hexo-renderer-marked is older than 5: one-line setext headings.
    single_line_setext: bool,
}

impl Default for Marked {
    fn default() -> Self {
        Marked {
            header_ids: true,
            modify_anchors: 0,
            prepend_root: true,
            post_asset: false,
            disable_nunjucks: false,
            entities_in_ids: false,
            single_line_setext: false,
        }
    }
}

/// Where the site is built, for the dates in its URLs (see `post_date`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum BuildClock {
    /// In the site's own `timezone` (an author's `hexo deploy`): dates as written.
    SiteZone,
    /// On a machine in UTC (a CI workflow that runs Hexo): named by the workflow file.
    Utc(String),
}

#[derive(Debug)]
struct HexoConfig {
    source_dir: String,
    public_dir: String,
    permalink: String,
    permalink_defaults: Vec<(String, String)>,
    new_post_name: String,
    post_asset_folder: bool,
    relative_link: bool,
    render_drafts: bool,
    use_slug_as_post_title: bool,
    filename_case: u8,
    default_category: String,
    category_map: Vec<(String, String)>,
    timezone: Option<String>,
    build_clock: BuildClock,
    skip_render: Patterns,
    exclude: Patterns,
    include: Patterns,
    ignore: Patterns,
    theme: Option<String>,
    /// The theme's folder, site-relative, when it is in the repository.
    theme_dir: Option<String>,
    /// `_config.<theme>.yml`, the theme's settings kept beside the site's, when present.
    theme_config: Option<String>,
    marked: Marked,
    /// A Markdown renderer other than marked (from `package.json`).
    renderer: Option<String>,
    /// Plugins that rewrite image paths (`hexo-asset-image` …).
    asset_plugins: Vec<String>,
}

impl Default for HexoConfig {
    fn default() -> Self {
        HexoConfig {
            source_dir: "source".into(),
            public_dir: "public".into(),
            permalink: ":year/:month/:day/:title/".into(),
            permalink_defaults: Vec::new(),
            new_post_name: ":title.md".into(),
            post_asset_folder: false,
            relative_link: false,
            render_drafts: false,
            use_slug_as_post_title: false,
            filename_case: 0,
            default_category: "uncategorized".into(),
            category_map: Vec::new(),
            timezone: None,
            build_clock: BuildClock::SiteZone,
            skip_render: Patterns::default(),
            exclude: Patterns::default(),
            include: Patterns::default(),
            ignore: Patterns::default(),
            theme: None,
            theme_dir: None,
            theme_config: None,
            marked: Marked::default(),
            renderer: None,
            asset_plugins: Vec::new(),
        }
    }
}

/// micromatch patterns as written and as globs (`*` does not cross `/`).
#[derive(Debug, Default)]
struct Patterns {
    written: Vec<String>,
    globs: Option<globset::GlobSet>,
}

impl Patterns {
    fn new(written: Vec<String>) -> Patterns {
        let mut builder = globset::GlobSetBuilder::new();
        for pattern in &written {
            let pattern = pattern.trim_start_matches("./");
            if let Ok(glob) = globset::GlobBuilder::new(pattern).literal_separator(true).build() {
                builder.add(glob);
            }
        }
        let globs = if written.is_empty() { None } else { builder.build().ok() };
        Patterns { written, globs }
    }

    fn matches(&self, path: &str) -> bool {
        self.globs.as_ref().is_some_and(|globs| globs.is_match(path))
    }
}

#[derive(Debug, Default)]
pub(in crate::site) struct Hexo {
    config: HexoConfig,
}

/// What says a folder is a Hexo site, when something does: a `package.json` that depends
/// on `hexo` (or carries the `hexo` key `hexo init` writes), a `_config.yml` with keys only
/// Hexo has, or `scaffolds/` beside `source/_posts/`.
pub(super) fn evidence(root: &Path, read_roots: &[PathBuf]) -> Option<String> {
    if let Ok(text) = bounded::read_to_string(&root.join("package.json"), bounded::CONFIG, read_roots)
        && let Ok(package) = serde_json::from_str::<serde_json::Value>(&text)
    {
        let depends = ["dependencies", "devDependencies"]
            .iter()
            .any(|key| package.get(key).and_then(|d| d.get("hexo")).is_some());
        if depends || package.get("hexo").is_some_and(serde_json::Value::is_object) {
            return Some("package.json (depends on hexo)".into());
        }
    }
    for name in ["_config.yml", "_config.yaml"] {
        let Ok(text) = bounded::read_to_string(&root.join(name), bounded::CONFIG, read_roots) else { continue };
        let parsed = crate::document::yaml::parse(&text, 0);
        if let Some(key) =
            parsed.root.as_ref().and_then(|config| HEXO_KEYS.iter().find(|key| config.entry(key).is_some()))
        {
            return Some(format!("{name} (Hexo's `{key}`)"));
        }
    }
    (root.join("scaffolds").is_dir() && root.join("source/_posts").is_dir())
        .then(|| "scaffolds/ and source/_posts/".into())
}

impl Hexo {
    pub(super) fn configure(root: &Path, site: &mut Site) -> Hexo {
        let mut config = HexoConfig::default();
        let found = ["_config.yml", "_config.yaml"]
            .iter()
            .map(|name| root.join(name))
            .find_map(|path| Some((site.read_site_file(&path, bounded::CONFIG)?, path)));
        if let Some((text, path)) = found
            && let Some(parsed) = parse_config(site, &path, &text)
        {
            apply_config(site, &mut config, &parsed);
        }
        read_package(root, site, &mut config);
        config.theme_dir = config.theme.as_ref().and_then(|theme| {
            [format!("themes/{theme}"), format!("node_modules/hexo-theme-{theme}")]
                .into_iter()
                .find(|folder| !theme.contains("..") && root.join(folder).is_dir())
        });
        config.theme_config =
            config.theme.as_ref().map(|theme| format!("_config.{theme}.yml")).filter(|name| root.join(name).is_file());
        config.build_clock = build_clock(root, site);
        site.baseurl = site.baseurl.trim_end_matches('/').to_string();
        Hexo { config }
    }

    /// The source folder as a prefix of site-relative paths (`source/`, or `` for `.`).
    fn source_prefix(&self) -> String {
        let source = self.config.source_dir.trim_start_matches("./").trim_matches('/');
        if source.is_empty() || source == "." { String::new() } else { format!("{source}/") }
    }

    /// A site-relative path's part under the source folder.
    fn under_source<'a>(&self, relative: &'a str) -> Option<&'a str> {
        relative.strip_prefix(self.source_prefix().as_str())
    }

    /// A post's path under `_posts/` or `_drafts/` (of the source folder), and whether it
    /// is a draft.
    fn post_path<'a>(&self, relative: &'a str) -> Option<(&'a str, bool)> {
        let inner = self.under_source(relative)?;
        if let Some(within) = inner.strip_prefix("_posts/") {
            Some((within, false))
        } else {
            inner.strip_prefix("_drafts/").map(|within| (within, true))
        }
    }

    /// The slug Hexo gives a post from its path under `_posts/` (`parseFilename`): the
    /// `:title` part when the path matches `new_post_name`, else the whole path slugized,
    /// with the date the file name gives.
    fn file_info(&self, within: &str) -> FileInfo {
        let stem = strip_extension(within);
        let rule = strip_extension(&self.config.new_post_name);
        match parse_rule(rule, stem) {
            Some(mut info) => {
                if info.title.is_none() {
                    info.title = Some(hexo_slug(stem, 0));
                }
                info
            }
            None => FileInfo { title: Some(hexo_slug(stem, 0)), ..FileInfo::default() },
        }
    }

    /// A post's URL path by the site's `permalink` (or its own front matter `permalink`).
    fn post_url(&self, within: &str, front: Option<&FrontMatter>) -> Option<String> {
        let get = |key: &str| crate::site::index::indexed(front, key);
        if let Some(own) = get("permalink").and_then(Node::scalar_text).filter(|p| !p.is_empty()) {
            let mut own = own;
            if self.config.post_asset_folder && !own.ends_with('/') && !own.ends_with(".html") {
                own.push('/');
            }
            return Some(format!("/{}", own.trim_start_matches('/')));
        }
        let info = self.file_info(within);
        let slug = info.title.clone().unwrap_or_default();
        let moment = self.post_date(get("date"), &info);
        let mut url = String::with_capacity(self.config.permalink.len() + slug.len() + 16);
        let rule = self.config.permalink.as_str();
        let mut rest = rule;
        while let Some(at) = rest.find(':') {
            url.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let length = placeholder_length(after);
            if length == 0 {
                url.push(':');
                rest = after;
                continue;
            }
            let name = &after[..length];
            let value = match name {
                "title" => Some(slug.clone()),
                "name" => Some(slug.rsplit('/').next().unwrap_or(&slug).to_string()),
                "post_title" => {
                    Some(hexo_slug(get("title").and_then(Node::scalar_text).unwrap_or_default().as_str(), 1))
                }
                "year" => moment.map(|m| format!("{:04}", m.date.year)),
                "month" => moment.map(|m| format!("{:02}", m.date.month)),
                "day" => moment.map(|m| format!("{:02}", m.date.day)),
                "i_month" => moment.map(|m| m.date.month.to_string()),
                "i_day" => moment.map(|m| m.date.day.to_string()),
                "hour" => moment.map(|m| format!("{:02}", m.seconds / 3600)),
                "minute" => moment.map(|m| format!("{:02}", m.seconds / 60 % 60)),
                "second" => moment.map(|m| format!("{:02}", m.seconds % 60)),
                "category" => self.last_category(get("categories").or_else(|| get("category"))),
                // The database id, and a hash or timestamp of the exact instant: not known
                // from the file.
                "hash" | "timestamp" => None,
                other => get(other).and_then(Node::scalar_text).or_else(|| {
                    self.config.permalink_defaults.iter().find(|(k, _)| k == other).map(|(_, v)| v.clone())
                }),
            };
            url.push_str(&value?);
            rest = &after[length..];
        }
        url.push_str(rest);
        if self.config.post_asset_folder && !url.ends_with('/') && !url.ends_with(".html") {
            url.push('/');
        }
        Some(format!("/{}", url.trim_start_matches('/')))
    }

    /// The date and time of day a post's URL shows. Hexo reads the wall clock written (an
    /// offset, when given, first turns the instant into UTC's clock), then with `timezone`
    /// moves it by that zone's offset against the build machine's: the written day where
    /// the site is built in its own zone, a day earlier for an early hour east of UTC on a
    /// CI machine in UTC. Without a date, a post is dated by its file's creation time,
    /// which no checkout keeps.
    fn post_date(&self, date: Option<&Node>, info: &FileInfo) -> Option<Moment> {
        let (day, seconds, offset) = match date.and_then(Node::as_str) {
            Some(text) => {
                let parsed = dates::parse_datetime(text).ok()?;
                (parsed.date, parsed.seconds.unwrap_or(0), parsed.offset_minutes)
            }
            None => (info.date?, 0, None),
        };
        // The wall clock as UTC, in seconds since the epoch.
        let mut wall = day.days() * 86_400 + i64::from(seconds) - i64::from(offset.unwrap_or(0)) * 60;
        if let (BuildClock::Utc(_), Some(zone)) = (&self.config.build_clock, &self.config.timezone) {
            wall -= i64::from(zone_offset_minutes(zone, wall)?) * 60;
        }
        let date = dates::Date::from_days(wall.div_euclid(86_400));
        Some(Moment { date, seconds: u32::try_from(wall.rem_euclid(86_400)).unwrap_or(0) })
    }

    /// `:category`: the path of the post's last category (`[Garden, Tomato]` is one
    /// hierarchy, `Garden/Tomato`), each name mapped by `category_map` and slugized;
    /// `default_category` without one. Several hierarchies (`[[a], [b]]`) are not known.
    fn last_category(&self, node: Option<&Node>) -> Option<String> {
        let names: Vec<String> = match node.map(|n| &n.value) {
            None | Some(Value::Null) => return Some(self.category_slug(&self.config.default_category)),
            Some(Value::Seq(items)) => {
                if items.iter().any(|item| matches!(item.value, Value::Seq(_))) {
                    return None;
                }
                items.iter().filter_map(Node::scalar_text).filter(|name| !name.is_empty()).collect()
            }
            Some(_) => node.and_then(Node::scalar_text).into_iter().collect(),
        };
        if names.is_empty() {
            return Some(self.category_slug(&self.config.default_category));
        }
        Some(names.iter().map(|name| self.category_slug(name)).collect::<Vec<_>>().join("/"))
    }

    fn category_slug(&self, name: &str) -> String {
        let mapped = self.config.category_map.iter().find(|(from, _)| from == name).map_or(name, |(_, to)| to.as_str());
        hexo_slug(mapped, self.config.filename_case)
    }

    /// A page's URL path: its path under the source folder with `.html`, or its front
    /// matter `permalink` (`/about/` is `about/index.html`).
    fn page_url(&self, inner: &str, front: Option<&FrontMatter>) -> String {
        let get = |key: &str| crate::site::index::indexed(front, key);
        let path = match get("permalink").and_then(Node::scalar_text).filter(|p| !p.is_empty()) {
            Some(own) => {
                let mut own = own.trim_start_matches('/').to_string();
                if own.ends_with('/') || own.is_empty() {
                    own.push_str("index");
                }
                if !own.rsplit('/').next().unwrap_or("").contains('.') {
                    own.push_str(".html");
                }
                own
            }
            None => format!("{}.html", strip_extension(inner)),
        };
        let url = format!("/{path}");
        match url.strip_suffix("index.html") {
            Some(folder) if folder.ends_with('/') => folder.to_string(),
            _ => url,
        }
    }

    /// A site-relative path's asset folder (`source/_posts/foo.md` → `source/_posts/foo`).
    fn asset_folder(relative: &str) -> &str {
        strip_extension(relative)
    }

    /// Whether relative Markdown image paths go through a plugin postlint does not model.
    fn images_rewritten(&self) -> bool {
        !self.config.asset_plugins.is_empty()
    }

    /// The page's URL (from the index, else as the adapter makes it).
    fn page_url_of(&self, site: &Site, relative: &str) -> Option<String> {
        if let Some(entry) = site.index().and_then(|index| index.entry(relative)) {
            return entry.url.clone();
        }
        let kind = self.kind_of(site, relative, None);
        self.url_of(site, relative, None, kind == PageKind::Post)
    }

    /// Files a path relative to the page's URL may be (the browser's reading).
    fn against_page_url(&self, site: &Site, relative: &str, path: &str) -> Option<Vec<PathBuf>> {
        let url = self.page_url_of(site, relative)?;
        let folder = if url.ends_with('/') { url.as_str() } else { url.rsplit_once('/').map_or("/", |(f, _)| f) };
        let resolved = resolve_dots(&format!("{}/{path}", folder.trim_end_matches('/')));
        site.site_root_candidates(resolved.trim_start_matches('/'))
    }
}

/// A post's date and time of day, as its URL shows them.
#[derive(Debug, Clone, Copy)]
struct Moment {
    date: dates::Date,
    seconds: u32,
}

/// What a post's file name says (`new_post_name`'s placeholders).
#[derive(Debug, Default, Clone)]
struct FileInfo {
    title: Option<String>,
    date: Option<dates::Date>,
}

impl Adapter for Hexo {
    fn models_page_folders(&self) -> bool {
        true
    }

    fn generator(&self) -> Generator {
        Generator::Hexo
    }

    /// hexo-renderer-marked's extensions (`RENDERED` without the HTML ones).
    fn markdown_extensions(&self) -> Vec<String> {
        RENDERED.iter().filter(|ext| !ext.starts_with("htm")).map(|ext| ext.to_string()).collect()
    }

    fn conventions(&self) -> Conventions {
        Conventions {
            slugger: Slugger::Hexo(HexoIds {
                transform: self.config.marked.modify_anchors,
                entities: self.config.marked.entities_in_ids,
            }),
            fragments: FragmentMatch::Exact,
            relative_refs: RelativeRefs::PageUrl,
            extensionless_links_are_urls: true,
            kramdown: false,
            definition_term_ids: false,
            space_separated_lists: false,
            dated_post_file_names: false,
            dated_path_key: false,
            // Hexo's generators and the theme write pages no file names (tags,
            // categories, archives, pagination, feeds).
            knows_every_url: false,
            required_keys_option: "other",
            resolves_references: true,
        }
    }

    fn markup(&self) -> Markup {
        Markup {
            code_blocks: CODE_TAGS,
            unfenced_front_matter: true,
            no_heading_attributes: true,
            front_matter_tab_indents: true,
            front_matter_close: FenceClose::SameDashes,
            single_line_setext: self.config.marked.single_line_setext && self.config.renderer.is_none(),
            ..Markup::default()
        }
    }

    fn settings(&self) -> Vec<(&'static str, serde_json::Value)> {
        use serde_json::json;
        let c = &self.config;
        vec![
            ("source_dir", json!(c.source_dir)),
            ("public_dir", json!(c.public_dir)),
            ("new_post_name", json!(c.new_post_name)),
            ("post_asset_folder", json!(c.post_asset_folder)),
            ("relative_link", json!(c.relative_link)),
            ("render_drafts", json!(c.render_drafts)),
            ("timezone", json!(c.timezone)),
            (
                "build_clock",
                json!(match &c.build_clock {
                    BuildClock::SiteZone => "the site's timezone".to_string(),
                    BuildClock::Utc(workflow) => format!("UTC ({workflow})"),
                }),
            ),
            ("skip_render", json!(c.skip_render.written)),
            ("exclude", json!(c.exclude.written)),
            ("include", json!(c.include.written)),
            ("ignore", json!(c.ignore.written)),
            ("theme", json!(c.theme)),
            ("theme_dir", json!(c.theme_dir)),
            ("theme_config", json!(c.theme_config)),
            (
                "marked",
                json!({
                    "headerIds": c.marked.header_ids,
                    "modifyAnchors": c.marked.modify_anchors,
                    "prependRoot": c.marked.prepend_root,
                    "postAsset": c.marked.post_asset,
                    "disableNunjucks": c.marked.disable_nunjucks,
                    "entitiesInIds": c.marked.entities_in_ids,
                }),
            ),
            ("renderer", json!(c.renderer)),
            ("asset_plugins", json!(c.asset_plugins)),
        ]
    }

    fn cache_facts(&self) -> String {
        format!("{:?} {:?} {:?}", self.settings(), self.config.permalink_defaults, self.config.category_map)
    }

    /// `source/_posts/` holds posts and `source/_drafts/` drafts; other rendered files of
    /// the source folder are pages; files and folders starting with `_` or `.` are not
    /// built (unless `include` names them), nor what `exclude`, `ignore` or `skip_render`
    /// name; `scaffolds/` are templates for new posts, `themes/` the themes.
    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        if let Some(kind) = pages::unbuilt_anywhere(relative, front) {
            return kind;
        }
        let first = relative.split('/').next().unwrap_or("");
        if first == "scaffolds" || first == "themes" {
            return PageKind::Template;
        }
        if first == "node_modules" || self.config.ignore.matches(relative) {
            return PageKind::Unbuilt;
        }
        let Some(inner) = self.under_source(relative) else { return PageKind::Unbuilt };
        if self.config.ignore.matches(inner) || is_tmp_file(inner) {
            return PageKind::Unbuilt;
        }
        let extension = relative.rsplit_once('.').map_or("", |(_, ext)| ext);
        let rendered = RENDERED.contains(&extension) && !self.config.skip_render.matches(inner);
        if let Some((within, _)) = self.post_path(relative) {
            if is_hidden(within) || !rendered {
                return PageKind::Unbuilt;
            }
            // With asset folders, only files with `new_post_name`'s extension are posts.
            let post_extension = self.config.new_post_name.rsplit_once('.').map_or("md", |(_, ext)| ext);
            if self.config.post_asset_folder && extension != post_extension {
                return PageKind::Unbuilt;
            }
            // `published: false` leaves a post out of `site.posts` unless drafts are
            // rendered: the walk leaves it out; named or open in an editor, it is linted.
            let unpublished =
                front.and_then(|f| f.get("published")).is_some_and(|p| matches!(p.value, Value::Bool(false)));
            if unpublished && !self.config.render_drafts {
                return PageKind::Unbuilt;
            }
            return PageKind::Post;
        }
        let hidden = is_hidden(inner) && !self.config.include.matches(inner);
        if hidden || self.config.exclude.matches(inner) || !rendered {
            return PageKind::Unbuilt;
        }
        PageKind::Page
    }

    fn is_draft(&self, relative: &str) -> bool {
        !self.config.render_drafts && self.post_path(relative).is_some_and(|(_, draft)| draft)
    }

    fn reads_own_permalinks(&self) -> bool {
        true
    }

    fn url_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>, is_post: bool) -> Option<String> {
        if is_post {
            let (within, _) = self.post_path(relative)?;
            return self.post_url(within, front).map(|url| crate::text::urls::percent_decode(&url));
        }
        let inner = self.under_source(relative)?;
        Some(crate::text::urls::percent_decode(&self.page_url(inner, front)))
    }

    /// The source folder, then the theme's `source/` (when it is in the repository).
    fn static_folders(&self, _site: &Site) -> Vec<String> {
        let mut folders = vec![self.source_prefix().trim_end_matches('/').to_string()];
        if let Some(theme) = &self.config.theme_dir {
            folders.push(format!("{theme}/source"));
        }
        folders
    }

    /// With asset folders, a post's files are served under its URL:
    /// `/2024/01/15/foo/x.png` is `source/_posts/foo/x.png`.
    fn url_path_candidates(&self, site: &Site, rooted: &str) -> Vec<PathBuf> {
        let (Some(index), Some(root)) = (site.index(), site.root.as_ref()) else { return Vec::new() };
        if !self.config.post_asset_folder {
            return Vec::new();
        }
        let mut candidates = Vec::new();
        for (at, _) in rooted.match_indices('/') {
            let (folder, rest) = (&rooted[..=at], &rooted[at + 1..]);
            if rest.is_empty() {
                continue;
            }
            for &id in index.by_url(&format!("/{folder}")) {
                let post = &index.posts[id];
                if post.is_post {
                    candidates.push(root.join(Self::asset_folder(&post.path)).join(rest));
                }
            }
        }
        candidates
    }

    /// A relative image written in Markdown is made site-root relative by
    /// hexo-renderer-marked (`prependRoot`), after `postAsset` looked for it in the post's
    /// asset folder; with `relative_link` it stays relative to the page's URL, as raw
    /// HTML and JSON-LD do; a front matter image is what the theme makes of it (any of
    /// these). A plugin that rewrites image paths leaves them unknown.
    fn relative_asset_candidates(
        &self,
        site: &Site,
        page: &Path,
        path: &str,
        written: Written,
    ) -> Option<Option<Vec<PathBuf>>> {
        let relative = site.relative_path(page);
        let root = site.root.as_ref()?;
        let post = self.post_path(&relative).is_some();
        let asset_folder = || {
            let folder = root.join(Self::asset_folder(&relative));
            let joined = resolve_dots(&format!("{}/{path}", folder.to_string_lossy()));
            PathBuf::from(joined)
        };
        let marked_root = self.config.marked.prepend_root && !self.config.relative_link;
        let mut candidates = Vec::new();
        match written {
            Written::Markdown if self.images_rewritten() => return Some(None),
            Written::Markdown if marked_root => {
                if post && self.config.post_asset_folder && self.config.marked.post_asset {
                    candidates.push(asset_folder());
                }
                let rooted = resolve_dots(&format!("/{path}"));
                candidates.extend(site.site_root_candidates(rooted.trim_start_matches('/')).unwrap_or_default());
            }
            Written::Markdown | Written::Html | Written::JsonLd => {
                candidates.extend(self.against_page_url(site, &relative, path).unwrap_or_default());
            }
            Written::FrontMatter => {
                if post && self.config.post_asset_folder {
                    candidates.push(asset_folder());
                }
                let rooted = resolve_dots(&format!("/{path}"));
                candidates.extend(site.site_root_candidates(rooted.trim_start_matches('/')).unwrap_or_default());
                candidates.extend(self.against_page_url(site, &relative, path).unwrap_or_default());
            }
        }
        Some((!candidates.is_empty()).then_some(candidates))
    }

    /// A relative link is read against the page's URL (`rendering.html` from
    /// `/api/filter.html` is `/api/rendering.html`): the page or post published there.
    fn page_link_target(&self, site: &Site, page: &Path, before: &str) -> Option<PathBuf> {
        let relative = site.relative_path(page);
        let url = self.page_url_of(site, &relative)?;
        let folder = if url.ends_with('/') { url.as_str() } else { url.rsplit_once('/').map_or("/", |(f, _)| f) };
        let path = crate::text::urls::percent_decode(before.split('?').next().unwrap_or(before));
        let resolved = resolve_dots(&format!("{}/{path}", folder.trim_end_matches('/')));
        let index = site.index()?;
        let target = index.by_url(&resolved).first().map(|&id| &index.posts[id].path)?;
        Some(site.root.as_ref()?.join(target))
    }

    /// `{% post_link slug[#id] [text] %}` and `{% post_path slug %}` name a post;
    /// `{% asset_img %}`, `{% asset_path %}` and `{% asset_link %}` a file of the post's
    /// asset folder; `{% img /path %}` an image by its site path. Hexo's own `{% link %}`
    /// takes a URL, not a file. Tags in code are not rendered.
    fn tag_references(&self, site: &Site, doc: &Document<'_>, page: &Path) -> Vec<TagReference> {
        // `disableNunjucks` (the page's front matter, else the renderer's setting) leaves
        // every tag as text.
        let own = doc.front_matter.as_ref().and_then(|f| f.get("disableNunjucks")).map(|n| &n.value);
        let disabled = match own {
            Some(Value::Bool(value)) => *value,
            _ => self.config.marked.disable_nunjucks,
        };
        if disabled {
            return Vec::new();
        }
        let relative = site.relative_path(page);
        let folder = site.root.as_ref().map(|root| root.join(Self::asset_folder(&relative)));
        let mut found = Vec::new();
        for tag in doc.liquid.iter().filter(|tag| tag.kind == LiquidKind::Tag) {
            if doc.in_code(tag.span.start) {
                continue;
            }
            let name = tag.name(doc.source);
            let (argument, span) = tag.argument(doc.source);
            let arguments = tag_arguments(argument, span.start);
            let reference = |target, name: &str, at: std::ops::Range<usize>| TagReference {
                target,
                tag: tag.name(doc.source).to_string(),
                name: name.to_string(),
                span: at,
                tag_span: tag.span.clone(),
                fragment: None,
                candidates: Vec::new(),
                hint: "",
                consequence: "",
            };
            match name {
                "post_link" | "post_path" => {
                    let Some((first, at)) = arguments.first() else { continue };
                    if first.contains("{{") {
                        continue;
                    }
                    let (slug, fragment) = match first.split_once('#') {
                        Some((slug, hash)) if !hash.contains('#') => {
                            let start = at.start + slug.len() + 1;
                            (slug, Some((hash.to_string(), start..start + hash.len())))
                        }
                        _ => (first.as_str(), None),
                    };
                    let mut found_ref = reference(TagTarget::Post, slug, at.start..at.start + slug.len());
                    found_ref.fragment = fragment;
                    found_ref.hint = "the post's path under `_posts/` without extension, or its title";
                    found_ref.consequence = if name == "post_link" {
                        "Hexo stops the build with \"Post not found\""
                    } else {
                        "Hexo writes nothing in its place"
                    };
                    found.push(found_ref);
                }
                "asset_img" | "asset_image" | "asset_path" | "asset_link" => {
                    let Some(folder) = &folder else { continue };
                    // `asset_img` takes the first argument that names a file of the folder
                    // (class names may come first); the others take the first.
                    let named = if name.starts_with("asset_im") {
                        arguments
                            .iter()
                            .find(|(arg, _)| site.files.lookup(&folder.join(arg)) != crate::site::Lookup::Missing)
                            .or_else(|| arguments.iter().find(|(arg, _)| looks_like_file(arg)))
                    } else {
                        arguments.first()
                    };
                    let Some((file, at)) = named else { continue };
                    if file.contains("{{") {
                        continue;
                    }
                    let target = if name.starts_with("asset_im") { TagTarget::Image } else { TagTarget::PageAsset };
                    let mut found_ref = reference(target, file, at.clone());
                    found_ref.candidates = vec![folder.join(file)];
                    found_ref.hint = "put the file in the post's asset folder, or fix its name";
                    found_ref.consequence = "Hexo writes nothing in its place";
                    found.push(found_ref);
                }
                "img" | "image" => {
                    let Some((src, at)) =
                        arguments.iter().find(|(arg, _)| arg.starts_with('/') && !arg.starts_with("//"))
                    else {
                        continue;
                    };
                    let path = src.split(['?', '#']).next().unwrap_or(src);
                    let Some(candidates) =
                        site.site_root_candidates(&crate::text::urls::percent_decode(path.trim_start_matches('/')))
                    else {
                        continue;
                    };
                    let mut found_ref = reference(TagTarget::Image, src, at.clone());
                    found_ref.candidates = candidates;
                    found_ref.hint = "give the image's path from the source folder";
                    found_ref.consequence = "the image is missing from the page";
                    found.push(found_ref);
                }
                _ => {}
            }
        }
        found
    }

    /// `{% post_link %}` finds a post by its slug (its path under `_posts/` or `_drafts/`
    /// matched against `new_post_name`), else by its title.
    fn post_names(&self, post: &IndexedPost) -> Vec<String> {
        let Some((within, _)) = self.post_path(&post.path) else { return Vec::new() };
        let mut names: Vec<String> = self.file_info(within).title.into_iter().collect();
        names.extend(post.title.clone().filter(|title| !title.is_empty()));
        names
    }

    /// `marked.headerIds: false` writes no ids; another Markdown renderer makes its own.
    fn heading_ids_unknown(&self, _site: &Site) -> bool {
        !self.config.marked.header_ids || self.config.renderer.is_some()
    }

    fn supplies_key(&self, _site: &Site, _doc: &Document<'_>, _relative: &str, is_post: bool, key: &str) -> bool {
        // `use_slug_as_post_title` titles a post without one by its slug.
        is_post && key == "title" && self.config.use_slug_as_post_title
    }

    fn unchecked(&self, _site: &Site) -> Vec<String> {
        let c = &self.config;
        let mut notes = Vec::new();
        if let Some(theme) = c.theme.as_ref().filter(|_| c.theme_dir.is_none()) {
            notes.push(format!(
                "Hexo theme `{theme}` is not in the repository (themes/{theme}/ or node_modules/hexo-theme-{theme}/): what its templates render is not checked"
            ));
        }
        if let Some(renderer) = &c.renderer {
            notes.push(format!("Markdown is rendered by `{renderer}`, not hexo-renderer-marked: heading ids and `#fragment` links are not checked"));
        }
        if !c.asset_plugins.is_empty() {
            notes.push(format!(
                "`{}` rewrites image paths: relative Markdown image paths are not checked",
                c.asset_plugins.join("`, `")
            ));
        }
        let custom = placeholders(&c.permalink).into_iter().any(|name| matches!(name, "hash" | "timestamp"));
        if custom {
            notes.push(format!(
                "permalink `{}` uses a placeholder of the build's database or clock: post URLs are not known",
                c.permalink
            ));
        }
        if let Some(zone) = c
            .timezone
            .as_ref()
            .filter(|zone| zone_offset_minutes(zone, 0).is_none() && matches!(c.build_clock, BuildClock::Utc(_)))
        {
            notes.push(format!(
                "timezone `{zone}` is not one postlint knows the offsets of: post dates in URLs are read as written"
            ));
        }
        notes
    }

    /// Hexo keeps layouts in the theme (`themes/<name>/layout/`).
    fn template_folders(&self, _site: &Site) -> Vec<String> {
        self.config.theme_dir.iter().map(|theme| format!("{theme}/layout")).chain(["scaffolds".to_string()]).collect()
    }
}

/// `_config.yml` as a tree, or `None` (noted at its position) when it does not parse.
fn parse_config(site: &Site, path: &Path, text: &str) -> Option<Node> {
    let parsed = crate::document::yaml::parse(text, 0);
    if let Some(error) = parsed.errors.first() {
        let lines = crate::text::lines::LineIndex::new(text);
        let at = lines.position(text, error.span.start);
        site.note(SiteProblem {
            path: path.to_path_buf(),
            message: format!(
                "invalid YAML: {}; Hexo will not build the site, and postlint ignores this config",
                error.message
            ),
            position: Some((at.line, at.column)),
        });
        return None;
    }
    parsed.root
}

fn apply_config(site: &mut Site, hexo: &mut HexoConfig, config: &Node) {
    let text = |key: &str| config.get(key).and_then(Node::scalar_text).filter(|v| !v.is_empty());
    let flag = |key: &str, default: bool| match config.get(key).map(|n| &n.value) {
        Some(Value::Bool(value)) => *value,
        _ => default,
    };
    let list = |key: &str| -> Vec<String> {
        match config.get(key).map(|n| &n.value) {
            Some(Value::Seq(items)) => items.iter().filter_map(Node::scalar_text).filter(|v| !v.is_empty()).collect(),
            Some(Value::String(one)) if !one.is_empty() => vec![one.clone()],
            _ => Vec::new(),
        }
    };
    let pairs = |key: &str| -> Vec<(String, String)> {
        config
            .get(key)
            .map(|node| node.entries().iter().filter_map(|e| Some((e.key.clone(), e.value.scalar_text()?))).collect())
            .unwrap_or_default()
    };
    if let Some(source) = text("source_dir") {
        hexo.source_dir = source;
    }
    if let Some(public) = text("public_dir") {
        hexo.public_dir = public;
    }
    if let Some(permalink) = text("permalink") {
        hexo.permalink = permalink;
    }
    if let Some(name) = text("new_post_name") {
        hexo.new_post_name = name;
    }
    if let Some(category) = text("default_category") {
        hexo.default_category = category;
    }
    hexo.permalink_defaults = pairs("permalink_defaults");
    hexo.category_map = pairs("category_map");
    hexo.post_asset_folder = flag("post_asset_folder", false);
    hexo.relative_link = flag("relative_link", false);
    hexo.render_drafts = flag("render_drafts", false);
    hexo.use_slug_as_post_title = flag("use_slug_as_post_title", false);
    hexo.filename_case = match config.get("filename_case").map(|n| &n.value) {
        Some(Value::Integer(1)) => 1,
        Some(Value::Integer(2)) => 2,
        _ => 0,
    };
    hexo.timezone = text("timezone");
    hexo.skip_render = Patterns::new(list("skip_render"));
    hexo.exclude = Patterns::new(list("exclude"));
    hexo.include = Patterns::new(list("include"));
    hexo.ignore = Patterns::new(list("ignore"));
    hexo.theme = text("theme").filter(|theme| theme != "false");
    if let Some(marked) = config.get("marked") {
        let flag = |key: &str, default: bool| match marked.get(key).map(|n| &n.value) {
            Some(Value::Bool(value)) => *value,
            _ => default,
        };
        hexo.marked.header_ids = flag("headerIds", true);
        hexo.marked.prepend_root = flag("prependRoot", true);
        hexo.marked.post_asset = flag("postAsset", false);
        hexo.marked.disable_nunjucks = flag("disableNunjucks", false);
        hexo.marked.modify_anchors = match marked.get("modifyAnchors").map(|n| &n.value) {
            Some(Value::Integer(1)) => 1,
            Some(Value::Integer(2)) => 2,
            _ => 0,
        };
    }
    site.url = text("url").map(|url| url.trim_end_matches('/').to_string());
    // `root` defaults to the path of `url` (`https://x.github.io/blog` → `/blog/`).
    site.baseurl = match text("root") {
        Some(root) => root,
        None => site
            .url
            .as_deref()
            .and_then(|url| url.split_once("://"))
            .and_then(|(_, rest)| rest.find('/').map(|at| rest[at..].to_string()))
            .unwrap_or_default(),
    };
    site.permalink = Some(hexo.permalink.clone());
    site.lang = match config.get("language").map(|n| &n.value) {
        Some(Value::Seq(items)) => items.first().and_then(Node::scalar_text),
        _ => text("language"),
    }
    .filter(|lang| lang != "default");
}

/// The site's `package.json`: its Hexo plugins (the site's plugins), a Markdown renderer
/// other than marked, and plugins that rewrite image paths.
fn read_package(root: &Path, site: &mut Site, hexo: &mut HexoConfig) {
    let Some(text) = site.read_site_file(&root.join("package.json"), bounded::CONFIG) else { return };
    let Ok(package) = serde_json::from_str::<serde_json::Value>(&text) else { return };
    let mut names: Vec<String> = ["dependencies", "devDependencies"]
        .iter()
        .filter_map(|key| package.get(key)?.as_object())
        .flat_map(|deps| deps.keys().cloned())
        .collect();
    names.sort();
    names.dedup();
    let has_marked = names.iter().any(|n| n == "hexo-renderer-marked");
    let locked = site
        .read_site_file(&root.join("package-lock.json"), bounded::POST)
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|lock| {
            let version = lock
                .pointer("/packages/node_modules~1hexo-renderer-marked/version")
                .or_else(|| lock.pointer("/dependencies/hexo-renderer-marked/version"));
            version?.as_str().map(str::to_string)
        });
    let declared = ["dependencies", "devDependencies"]
        .iter()
        .find_map(|key| package.get(key)?.get("hexo-renderer-marked")?.as_str().map(str::to_string));
    let version = locked.as_deref().and_then(exact_version).or_else(|| declared.as_deref().and_then(newest_allowed));
    hexo.marked.entities_in_ids = version.is_some_and(|version| version < (6, 1, 1));
    // hexo-renderer-marked before 5 runs marked 1–2, whose setext headings are one line
    // (checked with marked 2.1.3 and 3.0.8; marked 4.3.0 reads several lines).
    hexo.marked.single_line_setext = version.is_some_and(|version| version < (5, 0, 0));
    hexo.renderer = names.iter().find(|n| OTHER_RENDERERS.contains(&n.as_str())).filter(|_| !has_marked).cloned();
    hexo.asset_plugins = names
        .iter()
        .filter(|n| n.starts_with("hexo-") && !n.starts_with("hexo-theme-") && !n.starts_with("hexo-renderer-"))
        .filter(|n| n.contains("asset") || n.contains("image") || n.contains("img"))
        .cloned()
        .collect();
    site.plugins = names.into_iter().filter(|n| n.starts_with("hexo-") || n.starts_with("@")).collect();
}

/// A version written `6.0.0` (a lockfile's).
fn exact_version(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.trim().split(['.', '-', '+']).map(|part| part.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??, parts.next().flatten().unwrap_or(0)))
}

/// The newest version an npm range allows, as far as the major and minor parts go (`^3.0.0`
/// is 3.x, `~6.0.0` 6.0.x, `6.0.0` itself); `None` for what is not a plain range.
fn newest_allowed(range: &str) -> Option<(u32, u32, u32)> {
    let range = range.trim();
    let (caret, tilde) = (range.starts_with('^'), range.starts_with('~'));
    let bare = range.trim_start_matches(['^', '~', '=', 'v']);
    let mut parts = bare.split('.').map(|part| part.parse::<u32>().ok());
    let major = parts.next()??;
    let minor = parts.next().flatten();
    let patch = parts.next().flatten();
    Some(match (caret, tilde, minor, patch) {
        (true, _, _, _) if major > 0 => (major, u32::MAX, u32::MAX),
        (_, true, Some(minor), _) | (true, _, Some(minor), _) => (major, minor, u32::MAX),
        (_, _, Some(minor), Some(patch)) => (major, minor, patch),
        (_, _, Some(minor), None) => (major, minor, u32::MAX),
        _ => (major, u32::MAX, u32::MAX),
    })
}

/// Where the site's post dates are turned into URLs: on a CI machine in UTC when a
/// workflow builds it with Hexo and does not set `TZ`, else (an author's `hexo deploy`)
/// in the site's own zone.
fn build_clock(root: &Path, site: &Site) -> BuildClock {
    let folder = root.join(".github/workflows");
    let Ok(entries) = bounded::list_dir(&folder, site.read_roots()) else { return BuildClock::SiteZone };
    let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    for name in names.iter().filter(|n| n.ends_with(".yml") || n.ends_with(".yaml")) {
        let Some(text) = site.read_site_file(&folder.join(name), bounded::CONFIG) else { continue };
        let builds = text.contains("hexo generate") || text.contains("hexo g") || text.contains("npm run build");
        if builds && text.contains("hexo") {
            let sets_zone = text.lines().any(|line| {
                line.trim_start().starts_with("TZ:") || line.contains("TZ=") || line.contains("set-timezone")
            });
            return if sets_zone { BuildClock::SiteZone } else { BuildClock::Utc(format!(".github/workflows/{name}")) };
        }
    }
    BuildClock::SiteZone
}

/// The UTC offset in minutes of an IANA zone at an instant (seconds since the epoch), for
/// the zones Hexo sites name; `None` for one postlint does not know.
fn zone_offset_minutes(zone: &str, instant: i64) -> Option<i32> {
    const FIXED: &[(&str, i32)] = &[
        ("UTC", 0),
        ("Etc/UTC", 0),
        ("GMT", 0),
        ("Etc/GMT", 0),
        ("Asia/Tokyo", 540),
        ("Japan", 540),
        ("Asia/Seoul", 540),
        ("Asia/Shanghai", 480),
        ("Asia/Chongqing", 480),
        ("Asia/Harbin", 480),
        ("Asia/Hong_Kong", 480),
        ("Asia/Macau", 480),
        ("Asia/Taipei", 480),
        ("Asia/Singapore", 480),
        ("Asia/Kuala_Lumpur", 480),
        ("Asia/Manila", 480),
        ("Australia/Perth", 480),
        ("PRC", 480),
        ("Asia/Bangkok", 420),
        ("Asia/Ho_Chi_Minh", 420),
        ("Asia/Saigon", 420),
        ("Asia/Jakarta", 420),
        ("Asia/Kolkata", 330),
        ("Asia/Calcutta", 330),
        ("Asia/Dubai", 240),
        ("Europe/Moscow", 180),
    ];
    // Zones with daylight saving time: (name, standard offset, rule).
    const SEASONAL: &[(&str, i32, Rule)] = &[
        ("America/New_York", -300, Rule::Us),
        ("America/Chicago", -360, Rule::Us),
        ("America/Denver", -420, Rule::Us),
        ("America/Los_Angeles", -480, Rule::Us),
        ("America/Toronto", -300, Rule::Us),
        ("America/Vancouver", -480, Rule::Us),
        ("Europe/London", 0, Rule::Eu),
        ("Europe/Dublin", 0, Rule::Eu),
        ("Europe/Lisbon", 0, Rule::Eu),
        ("Europe/Paris", 60, Rule::Eu),
        ("Europe/Berlin", 60, Rule::Eu),
        ("Europe/Amsterdam", 60, Rule::Eu),
        ("Europe/Madrid", 60, Rule::Eu),
        ("Europe/Rome", 60, Rule::Eu),
        ("Europe/Stockholm", 60, Rule::Eu),
        ("Europe/Warsaw", 60, Rule::Eu),
        ("Europe/Kiev", 120, Rule::Eu),
        ("Europe/Kyiv", 120, Rule::Eu),
        ("Europe/Helsinki", 120, Rule::Eu),
    ];
    if let Some((_, offset)) = FIXED.iter().find(|(name, _)| *name == zone) {
        return Some(*offset);
    }
    let (_, standard, rule) = SEASONAL.iter().find(|(name, _, _)| *name == zone)?;
    let year = dates::Date::from_days(instant.div_euclid(86_400)).year;
    // The switches as instants in UTC.
    let (start, end) = match rule {
        Rule::Eu => (last_sunday(year, 3) * 86_400 + 3600, last_sunday(year, 10) * 86_400 + 3600),
        Rule::Us => (
            nth_sunday(year, 3, 2) * 86_400 + 7200 - i64::from(*standard) * 60,
            nth_sunday(year, 11, 1) * 86_400 + 7200 - i64::from(*standard + 60) * 60,
        ),
    };
    Some(if (start..end).contains(&instant) { standard + 60 } else { *standard })
}

#[derive(Debug, Clone, Copy)]
enum Rule {
    Us,
    Eu,
}

/// Days since the epoch of the last Sunday of a month.
fn last_sunday(year: i32, month: u32) -> i64 {
    let next = if month == 12 {
        dates::Date { year: year + 1, month: 1, day: 1 }
    } else {
        dates::Date { year, month: month + 1, day: 1 }
    };
    let last = next.days() - 1;
    // 1970-01-01 was a Thursday: (days + 4) % 7 is 0 on Sundays.
    last - (last + 4).rem_euclid(7)
}

/// Days since the epoch of the `n`th Sunday of a month.
fn nth_sunday(year: i32, month: u32, n: i64) -> i64 {
    let first = dates::Date { year, month, day: 1 }.days();
    let first_sunday = first + (7 - (first + 4).rem_euclid(7)) % 7;
    first_sunday + 7 * (n - 1)
}

/// Matches a post's path (without extension) against `new_post_name` (without
/// extension), as hexo-util's `Permalink#parse` does: date placeholders are digits, every
/// other placeholder any text.
fn parse_rule(rule: &str, path: &str) -> Option<FileInfo> {
    let mut pattern = String::from("^");
    let mut names = Vec::new();
    let mut rest = rule;
    while let Some(at) = rest.find(':') {
        pattern.push_str(&regex::escape(&rest[..at]));
        let after = &rest[at + 1..];
        let length = placeholder_length(after);
        if length == 0 {
            pattern.push_str(&regex::escape(":"));
            rest = after;
            continue;
        }
        let name = &after[..length];
        pattern.push_str(match name {
            "year" => "([0-9]{4})",
            "month" | "day" => "([0-9]{2})",
            "i_month" | "i_day" => "([0-9]{1,2})",
            "hash" => "([0-9a-f]{12})",
            _ => "(.+?)",
        });
        names.push(name);
        rest = &after[length..];
    }
    pattern.push_str(&regex::escape(rest));
    pattern.push('$');
    let regex = regex::Regex::new(&pattern).ok()?;
    let captures = regex.captures(path)?;
    let value = |wanted: &str| {
        names.iter().position(|name| *name == wanted).and_then(|i| captures.get(i + 1)).map(|m| m.as_str())
    };
    let number = |names: [&str; 2]| names.iter().find_map(|name| value(name)?.parse::<u32>().ok());
    let date = match (
        value("year").and_then(|y| y.parse::<i32>().ok()),
        number(["month", "i_month"]),
        number(["day", "i_day"]),
    ) {
        (Some(year), Some(month), Some(day)) => dates::Date::new(year, month, day),
        _ => None,
    };
    Some(FileInfo { title: value("title").map(str::to_string), date })
}

/// The length of a placeholder's name after its `:` (hexo-util's `:(\w*[^_\W])`): ASCII
/// word characters, not ending in `_`.
fn placeholder_length(after: &str) -> usize {
    let word = after.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
    after[..word].trim_end_matches('_').len()
}

/// The placeholders a rule uses.
fn placeholders(rule: &str) -> Vec<&str> {
    rule.split(':').skip(1).map(|after| &after[..placeholder_length(after)]).filter(|name| !name.is_empty()).collect()
}

/// Hexo's `isHiddenFile`: a file or folder whose name starts with `_` or `.`.
fn is_hidden(path: &str) -> bool {
    path.split('/').any(|part| part.starts_with('_') || part.starts_with('.'))
}

/// Hexo's `isTmpFile`: an editor's backup (`x.md~`, `x.md%`).
fn is_tmp_file(path: &str) -> bool {
    path.ends_with('~') || path.ends_with('%')
}

fn strip_extension(path: &str) -> &str {
    let name_start = path.rfind('/').map_or(0, |at| at + 1);
    match path[name_start..].rfind('.') {
        Some(dot) if dot > 0 => &path[..name_start + dot],
        _ => path,
    }
}

/// A path with `.` and `..` resolved as a URL's are (`/a/../b` → `/b`; never above `/`).
fn resolve_dots(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "." => {}
            ".." => {
                if parts.len() > 1 {
                    parts.pop();
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if path.starts_with('/') && !joined.starts_with('/') { format!("/{joined}") } else { joined }
}

/// Whether a tag argument names a file (`x.png`, `sub/x.png`), not a class name or a size.
fn looks_like_file(argument: &str) -> bool {
    argument.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric())
    })
}

/// A Hexo tag's arguments as Nunjucks splits them: on white space, a quoted argument
/// (`"a b"`, `'a b'`) as one without its quotes, each with its span.
fn tag_arguments(text: &str, start: usize) -> Vec<(String, std::ops::Range<usize>)> {
    let mut arguments = Vec::new();
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_whitespace() {
            at += 1;
            continue;
        }
        let (from, to, next) = if matches!(bytes[at], b'"' | b'\'') {
            let quote = bytes[at];
            match bytes[at + 1..].iter().position(|b| *b == quote) {
                Some(length) => (at + 1, at + 1 + length, at + length + 2),
                None => (at, bytes.len(), bytes.len()),
            }
        } else {
            let length = bytes[at..].iter().position(u8::is_ascii_whitespace).unwrap_or(bytes.len() - at);
            (at, at + length, at + length)
        };
        if text.is_char_boundary(from) && text.is_char_boundary(to) {
            arguments.push((text[from..to].to_string(), start + from..start + to));
        }
        at = next;
    }
    arguments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hexo(config: HexoConfig) -> Site {
        Site::with_adapter(Box::new(Hexo { config }))
    }

    fn front(text: &str) -> Option<FrontMatter> {
        crate::document::front_matter::split(text).0
    }

    #[test]
    fn kinds_follow_the_source_folder() {
        let site = hexo(HexoConfig::default());
        let fm = front("---\ntitle: x\n---\n");
        let kind = |path: &str| pages::kind_of(&site, path, fm.as_ref());
        assert_eq!(kind("source/_posts/hello.md"), PageKind::Post);
        assert_eq!(kind("source/_posts/2024/spring.md"), PageKind::Post);
        assert_eq!(kind("source/_drafts/next.md"), PageKind::Post);
        assert_eq!(kind("source/_posts/_old/x.md"), PageKind::Unbuilt, "a `_` folder in _posts");
        assert_eq!(kind("source/about/index.md"), PageKind::Page);
        assert_eq!(kind("source/_data/menu.md"), PageKind::Unbuilt);
        assert_eq!(kind("scaffolds/post.md"), PageKind::Template);
        assert_eq!(kind("themes/landscape/source/about.md"), PageKind::Template);
        assert_eq!(kind("README.md"), PageKind::Unbuilt);
        assert_eq!(kind("notes/todo.md"), PageKind::Unbuilt, "outside the source folder");
        let skipping = hexo(HexoConfig { skip_render: Patterns::new(vec!["demo/**".into()]), ..HexoConfig::default() });
        assert_eq!(pages::kind_of(&skipping, "source/demo/x.md", fm.as_ref()), PageKind::Unbuilt);
    }

    #[test]
    fn post_urls_by_permalink_placeholders() {
        let site = hexo(HexoConfig::default());
        let url = |path: &str, text: &str| crate::site::index::url_of(path, front(text).as_ref(), &site, true);
        let dated = "---\ntitle: Hello World\ndate: 2024-01-15 10:00:00\n---\n";
        assert_eq!(url("source/_posts/hello-world.md", dated).as_deref(), Some("/2024/01/15/hello-world/"));
        assert_eq!(url("source/_posts/2024/spring.md", dated).as_deref(), Some("/2024/01/15/2024/spring/"));
        assert_eq!(url("source/_posts/x.md", "---\ntitle: x\n---\n"), None, "no date: the file's creation time");
        let own = "---\ntitle: x\npermalink: garden/plan.html\n---\n";
        assert_eq!(url("source/_posts/x.md", own).as_deref(), Some("/garden/plan.html"));
        let categories =
            hexo(HexoConfig { permalink: ":category/:name/:post_title.html".into(), ..HexoConfig::default() });
        let text = "---\ntitle: Spring Plan\ndate: 2024-01-15\ncategories: [Garden Notes, Tomato]\n---\n";
        let fm = front(text);
        assert_eq!(
            crate::site::index::url_of("source/_posts/sub/plan.md", fm.as_ref(), &categories, true).as_deref(),
            Some("/Garden-Notes/Tomato/plan/spring-plan.html")
        );
    }

    #[test]
    fn file_names_give_slug_and_date_by_new_post_name() {
        let config = HexoConfig { new_post_name: ":year-:month-:day-:title.md".into(), ..HexoConfig::default() };
        let adapter = Hexo { config };
        let info = adapter.file_info("2024-01-15-hello.md");
        assert_eq!(info.title.as_deref(), Some("hello"));
        assert_eq!(info.date, dates::Date::new(2024, 1, 15));
        assert_eq!(
            adapter.file_info("notes/no date.md").title.as_deref(),
            Some("notes-no-date"),
            "slugized when it does not match"
        );
    }

    #[test]
    fn a_utc_build_moves_early_hours_east_of_utc_to_the_day_before() {
        let config = HexoConfig {
            timezone: Some("Asia/Tokyo".into()),
            build_clock: BuildClock::Utc("ci.yml".into()),
            ..HexoConfig::default()
        };
        let adapter = Hexo { config };
        let node = |text: &str| {
            crate::document::tree::Node::new(0..0, Value::String(text.into()), crate::document::tree::Style::Plain)
        };
        let day = |text: &str| adapter.post_date(Some(&node(text)), &FileInfo::default()).map(|m| m.date.to_string());
        assert_eq!(day("2024-01-15 05:00:00").as_deref(), Some("2024-01-14"));
        assert_eq!(day("2024-01-15 10:00:00").as_deref(), Some("2024-01-15"));
        assert_eq!(day("2024-01-16T05:00:00+09:00").as_deref(), Some("2024-01-15"));
        let local = Hexo { config: HexoConfig { timezone: Some("Asia/Tokyo".into()), ..HexoConfig::default() } };
        assert_eq!(
            local
                .post_date(Some(&node("2024-01-15 05:00:00")), &FileInfo::default())
                .map(|m| m.date.to_string())
                .as_deref(),
            Some("2024-01-15")
        );
        assert_eq!(
            zone_offset_minutes("Europe/Berlin", dates::Date { year: 2024, month: 7, day: 1 }.days() * 86_400),
            Some(120)
        );
        assert_eq!(
            zone_offset_minutes("America/New_York", dates::Date { year: 2024, month: 1, day: 1 }.days() * 86_400),
            Some(-300)
        );
    }

    #[test]
    fn renderer_versions_from_ranges_and_lockfiles() {
        assert_eq!(newest_allowed("^3.0.0"), Some((3, u32::MAX, u32::MAX)));
        assert_eq!(newest_allowed("~6.0.0"), Some((6, 0, u32::MAX)));
        assert_eq!(newest_allowed("6.0.0"), Some((6, 0, 0)));
        assert!(newest_allowed("^6.0.0").is_some_and(|v| v >= (6, 1, 1)), "npm installs the newest 6.x");
        assert_eq!(newest_allowed("github:hexojs/hexo-renderer-marked"), None);
        assert_eq!(exact_version("6.3.0"), Some((6, 3, 0)));
    }

    #[test]
    fn tag_arguments_as_nunjucks_splits_them() {
        let args = tag_arguments("\"a b.png\" 'c' d", 10);
        assert_eq!(args, vec![("a b.png".to_string(), 11..18), ("c".to_string(), 21..22), ("d".to_string(), 24..25)]);
        assert_eq!(resolve_dots("/a/./b/../c.png"), "/a/c.png");
        assert_eq!(resolve_dots("/../images/y.png"), "/images/y.png");
    }
}
