//! Regions of the body that are code or hidden to the generator, though Markdown does not
//! see them as such: Liquid `{% highlight %}…{% endhighlight %}` and `{% comment %}`
//! (Jekyll), Nunjucks comments `{# … #}` (Eleventy), Hugo's code shortcodes
//! (`{{< highlight go >}}…{{< /highlight >}}`), and code fences inside JSX in MDX files (`<Fragment slot="npm">` then an indented
//! ```` ``` ```` block, which CommonMark reads as part of an HTML block that ends at the
//! first blank line, so a shell comment after it becomes an H1).
//!
//! The Markdown parser reads a copy of the body with these regions blanked (every byte but
//! line ends turned into a space), so offsets stay those of the file; the regions are then
//! code for every rule. Written by hand: no crate knows Liquid, shortcodes and MDX fences
//! together, and this is one linear scan.

use crate::document::liquid::{LiquidKind, LiquidTag};
use crate::text::lines::Span;

/// Liquid block tags whose content is code or never rendered.
/// `set … endset` is Nunjucks' capture block (Eleventy): its content becomes a variable,
/// usually a code sample rendered by a shortcode, and never reaches Markdown.
const LIQUID_CODE_BLOCKS: &[(&str, &str)] =
    &[("highlight", "endhighlight"), ("comment", "endcomment"), ("set", "endset"), ("capture", "endcapture")];

/// Hugo shortcodes whose inner content is code.
const HUGO_CODE_SHORTCODES: &[&str] = &["highlight", "code", "code-toggle", "codeblock", "chroma", "syntax"];

/// How a generator's Markdown differs from what every site's is read with, for the one
/// parse of a post. The site's adapter says; the default is none of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Markup {
    /// Template block tags whose content is code or never rendered, beyond the Liquid
    /// ones every site's are read with (Hexo's `{% codeblock %}…{% endcodeblock %}`).
    pub code_blocks: &'static [(&'static str, &'static str)],
    /// Python-Markdown's indented containers (`!!! note`, `??? tip`, `=== "Tab"`), whose
    /// indented content is Markdown, not an indented code block (MkDocs, Material).
    pub indented_containers: bool,
    /// Python-Markdown's `md_in_html`: an HTML tag with a `markdown` attribute holds
    /// Markdown (`<div class="grid cards" markdown>`, `<figure markdown>`).
    pub markdown_in_html: bool,
    /// Front matter without an opening fence (`title: x` … `---`), as Hexo reads it.
    pub unfenced_front_matter: bool,
    /// `{…}` at a heading's end is text, not the heading's attributes (marked, Hexo).
    pub no_heading_attributes: bool,
    /// Tabs that start a front matter line are read as indentation (hexo-front-matter
    /// turns them into spaces before YAML reads them).
    pub front_matter_tab_indents: bool,
    /// Every Markdown file is MDX, `.md` too (Docusaurus's default `markdown.format`).
    pub mdx_everywhere: bool,
    /// Which line closes a `---` front matter.
    pub front_matter_close: FenceClose,
    /// A setext heading's text is one line only: lines of text over `---` are a paragraph
    /// and a rule (marked before version 4, hexo-renderer-marked before 5).
    pub single_line_setext: bool,
    /// Python-Markdown's raw HTML blocks: a block-level element that starts a line runs to
    /// its matching end tag (to the end of the page when it has none), and no Markdown
    /// inside it is rendered (MkDocs), where CommonMark ends an HTML block at a blank line.
    pub raw_html_blocks: bool,
}

/// Which line closes a YAML front matter opened by dashes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FenceClose {
    /// `---` (or `...`) alone on its line, after an opening `---` (Jekyll, Hugo, Astro).
    #[default]
    Exact,
    /// The same run of three or more dashes that opened it (`----` … `----`):
    /// hexo-front-matter's `^(-{3,})\n…\n\1`.
    SameDashes,
    /// The first line that starts with `---`, whatever follows (`-----------`):
    /// gray-matter's `indexOf("\n---")` (Eleventy, Docusaurus, VitePress).
    LineStart,
}

/// The regions to blank, sorted and not overlapping.
pub fn regions(source: &str, body: Span, liquid: &[LiquidTag], mdx: bool, markup: &Markup) -> Vec<Span> {
    let mut found = liquid_blocks(source, liquid, markup.code_blocks);
    found.extend(hugo_shortcodes(source, body.clone()));
    found.extend(template_comments(source, body.clone()));
    if mdx {
        found.extend(jsx_fences(source, body.clone()));
        found.extend(jsx_tag_lines(source, body.clone()));
        found.extend(mdx_esm(source, body.clone()));
        found.extend(mdx_comments(source, body));
    }
    found.sort_by_key(|span| (span.start, std::cmp::Reverse(span.end)));
    let mut merged: Vec<Span> = Vec::with_capacity(found.len());
    for span in found {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// The body with `regions` blanked and each of `quote_marks` (offsets of a space) made a
/// `>`, or `None` when there is nothing to change.
pub fn blank(source: &str, body_start: usize, regions: &[Span], quote_marks: &[usize]) -> Option<String> {
    if regions.is_empty() && quote_marks.is_empty() {
        return None;
    }
    let mut bytes = source.as_bytes()[body_start..].to_vec();
    for region in regions {
        for byte in &mut bytes[region.start - body_start..region.end - body_start] {
            if *byte != b'\n' && *byte != b'\r' {
                *byte = b' ';
            }
        }
    }
    for &mark in quote_marks {
        if let Some(byte) = bytes.get_mut(mark - body_start)
            && *byte == b' '
        {
            *byte = b'>';
        }
    }
    // Every replaced byte is ASCII and whole characters were replaced (regions start and
    // end at ASCII delimiters or line ends), so the text stays UTF-8.
    String::from_utf8(bytes).ok()
}

/// The white space after a code fence's backticks or tildes on a line of its own, when it
/// holds a tab: CommonMark lets a closing fence be followed by spaces or tabs, but
/// pulldown-cmark 0.13 closes it only before spaces, so a `` ```\t `` line would leave the
/// rest of the page in the code block. Blanked (as spaces) for the parse only.
pub fn fence_trailing_tabs(source: &str, body: Span) -> Vec<Span> {
    let mut found = Vec::new();
    let mut line_start = body.start;
    for line in source[body.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let rest = &content[indent..];
        let run = rest.bytes().take_while(|b| *b == b'`').count().max(rest.bytes().take_while(|b| *b == b'~').count());
        let after = &rest[run..];
        if indent <= 3 && run >= 3 && after.contains('\t') && after.bytes().all(|b| b == b' ' || b == b'\t') {
            let start = line_start + indent + run;
            found.push(start..start + after.len());
        }
        line_start += line.len();
    }
    found
}

/// The lines that open an HTML element with Markdown inside (Python-Markdown's
/// `md_in_html`): a tag with a `markdown` attribute (`markdown`, `markdown="1"`,
/// `"block"`, `"span"`, not `"0"`) alone on its line. CommonMark reads everything after it
/// up to a blank line as HTML; blanked for the parse, the content is read as Markdown, as
/// the generator renders it. Nothing in a fenced code block counts.
pub fn markdown_in_html_openers(source: &str, body: Span) -> Vec<Span> {
    let mut found = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut line_start = body.start;
    for line in source[body.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches([' ', '\t', '>']).trim_start();
        let run_of = |c: u8| trimmed.bytes().take_while(|b| *b == c).count();
        match fence {
            Some((c, length)) => {
                if run_of(c) >= length && trimmed[run_of(c)..].trim().is_empty() {
                    fence = None;
                }
            }
            None => {
                if let Some(c) = [b'`', b'~'].into_iter().find(|&c| run_of(c) >= 3) {
                    fence = Some((c, run_of(c)));
                } else if opens_markdown_element(trimmed.trim_end()) {
                    let start = line_start + (content.len() - trimmed.len());
                    found.push(start..line_start + content.len());
                }
            }
        }
        line_start += line.len();
    }
    found
}

/// Python-Markdown's block-level elements (`markdown.util.BLOCK_LEVEL_ELEMENTS`).
const BLOCK_LEVEL: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "canvas",
    "colgroup",
    "dd",
    "body",
    "dt",
    "group",
    "html",
    "iframe",
    "li",
    "legend",
    "math",
    "map",
    "noscript",
    "output",
    "object",
    "option",
    "progress",
    "script",
    "style",
    "summary",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "tr",
    "video",
];

/// Python-Markdown's raw HTML blocks in the body: from a line that starts with a
/// block-level element's opening tag to the end of the line holding its matching end tag
/// (nested elements of the same name counted), or to the end of the body when it is never
/// closed. An opener with a `markdown` attribute holds Markdown when `md_in_html` is on,
/// and is not raw. Fenced code is skipped.
pub fn python_markdown_raw_blocks(source: &str, body: Span, markdown_in_html: bool) -> Vec<Span> {
    let mut found = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    // The open raw block: where it starts, the element's name and how deep it is nested.
    let mut open: Option<(usize, String, isize)> = None;
    let mut line_start = body.start;
    for line in source[body.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let line_end = line_start + content.len();
        if let Some((start, name, depth)) = open.take() {
            let depth = depth + tag_balance(content, &name);
            if depth <= 0 {
                found.push(start..line_end);
            } else {
                open = Some((start, name, depth));
            }
            line_start += line.len();
            continue;
        }
        let trimmed = content.trim_start_matches(' ');
        let indent = content.len() - trimmed.len();
        let run_of = |c: u8| trimmed.bytes().take_while(|b| *b == c).count();
        match fence {
            Some((c, length)) if run_of(c) >= length && trimmed[run_of(c)..].trim().is_empty() => fence = None,
            Some(_) => {}
            None if indent <= 3 => {
                if let Some(c) = [b'`', b'~'].into_iter().find(|&c| run_of(c) >= 3) {
                    fence = Some((c, run_of(c)));
                } else if let Some(name) = block_level_opener(trimmed)
                    && !(markdown_in_html && opens_markdown_element(trimmed.trim_end()))
                {
                    let depth = tag_balance(trimmed, &name);
                    if depth <= 0 {
                        found.push(line_start..line_end);
                    } else {
                        open = Some((line_start, name, depth));
                    }
                }
            }
            None => {}
        }
        line_start += line.len();
    }
    if let Some((start, ..)) = open {
        found.push(start..body.end);
    }
    found
}

/// The block-level element a line opens (`<table class="x">` → `table`).
fn block_level_opener(line: &str) -> Option<String> {
    let rest = line.strip_prefix('<')?;
    let length = rest.bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
    let name = rest[..length].to_ascii_lowercase();
    let after = rest[length..].chars().next();
    (BLOCK_LEVEL.contains(&name.as_str()) && matches!(after, None | Some(' ' | '\t' | '>' | '/'))).then_some(name)
}

/// Openings of `name` minus its closings in a line (`<table>` +1, `</table>` −1, a
/// self-closing `<hr/>` 0).
fn tag_balance(line: &str, name: &str) -> isize {
    let lower = line.to_ascii_lowercase();
    let mut balance = 0;
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let boundary = |at: usize| lower[at..].chars().next().is_none_or(|c| matches!(c, ' ' | '\t' | '>' | '/'));
    let mut from = 0;
    while let Some(at) = lower[from..].find(&open) {
        let end = from + at + open.len();
        if boundary(end) {
            let tag_end = lower[end..].find('>').map_or(lower.len(), |i| end + i);
            if !lower[..tag_end].ends_with('/') {
                balance += 1;
            }
        }
        from = end;
    }
    from = 0;
    while let Some(at) = lower[from..].find(&close) {
        let end = from + at + close.len();
        if boundary(end) {
            balance -= 1;
        }
        from = end;
    }
    balance
}

/// `<div class="x" markdown>`: an opening tag, alone, with a `markdown` attribute that is
/// not `"0"`.
fn opens_markdown_element(line: &str) -> bool {
    let Some(inner) = line.strip_prefix('<').and_then(|rest| rest.strip_suffix('>')) else { return false };
    let name_length = inner.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-').count();
    if name_length == 0 || !inner.as_bytes()[0].is_ascii_alphabetic() || inner.contains(['<', '>']) {
        return false;
    }
    // Attributes, with quoted values kept whole.
    let mut rest = inner[name_length..].trim_end_matches('/');
    while !rest.is_empty() {
        rest = rest.trim_start();
        let key_length = rest.bytes().take_while(|b| !b.is_ascii_whitespace() && *b != b'=').count();
        let (key, after) = rest.split_at(key_length);
        let after = after.trim_start();
        let (value, remaining) = match after.strip_prefix('=') {
            Some(value) => {
                let value = value.trim_start();
                match value.as_bytes().first() {
                    Some(&quote @ (b'"' | b'\'')) => match value[1..].find(quote as char) {
                        Some(end) => (Some(&value[1..1 + end]), &value[end + 2..]),
                        None => return false,
                    },
                    _ => {
                        let end = value.find(|c: char| c.is_ascii_whitespace()).unwrap_or(value.len());
                        (Some(&value[..end]), &value[end..])
                    }
                }
            }
            None => (None, after),
        };
        if key == "markdown" {
            return value != Some("0");
        }
        if key.is_empty() {
            return false;
        }
        rest = remaining;
    }
    false
}

/// Python-Markdown's indented containers — admonitions (`!!! note "Title"`), collapsible
/// ones (`??? tip`, `???+ tip`) and content tabs (`=== "Tab"`) — read the indented lines
/// after them as Markdown, where CommonMark reads an indented code block. Each such
/// header line becomes a region to blank, and each content line gets a `>` in place of
/// the first space of every container's indent (`    text` → `>   text`): a blockquote,
/// byte for byte the same length, so the headings, links and images in it are read as
/// the generator renders them and every offset stays the file's. Nothing inside a fenced
/// code block opens a container. Returns (header regions, quote-mark offsets).
pub fn indented_containers(source: &str, body: Span) -> (Vec<Span>, Vec<usize>) {
    let mut headers = Vec::new();
    let mut marks = Vec::new();
    // Each open container's header indent; content is at least 4 columns deeper.
    let mut open: Vec<usize> = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut line_start = body.start;
    for line in source[body.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        let blank = content.trim().is_empty();
        if !blank {
            while open.last().is_some_and(|&header| indent < header + 4) {
                open.pop();
            }
        }
        // The line as the innermost container's content reads it.
        let inner = open.last().map_or(0, |&header| header + 4).min(indent);
        let text = &content[inner..];
        let trimmed = text.trim_start_matches(' ');
        if let Some((fence_char, length)) = fence {
            let run = trimmed.bytes().take_while(|b| *b == fence_char).count();
            if run >= length && trimmed[run..].trim().is_empty() {
                fence = None;
            }
        } else if let Some(&first) = trimmed.as_bytes().first().filter(|b| **b == b'`' || **b == b'~') {
            let run = trimmed.bytes().take_while(|b| *b == first).count();
            if run >= 3 {
                fence = Some((first, run));
            }
        }
        if !blank {
            for &header in &open {
                marks.push(line_start + header);
            }
        }
        let is_header = fence.is_none() && !blank && is_container_header(trimmed);
        if is_header {
            headers.push(line_start + indent..line_start + content.len());
            open.push(indent);
        }
        line_start += line.len();
    }
    (headers, marks)
}

/// `!!! note`, `!!! warning "Title"`, `??? tip`, `???+ info`, `=== "Tab"`, `===! "Tab"`.
fn is_container_header(line: &str) -> bool {
    let rest = ["!!!", "???+", "???", "===!", "===+", "==="].iter().find_map(|marker| line.strip_prefix(marker));
    rest.is_some_and(|rest| rest.starts_with(' ') && !rest.trim().is_empty())
}

fn liquid_blocks(source: &str, liquid: &[LiquidTag], extra: &[(&str, &str)]) -> Vec<Span> {
    let mut found = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for tag in liquid.iter().filter(|t| t.kind == LiquidKind::Tag) {
        let name = tag.name(source);
        match open {
            None => {
                // `{% set x = 1 %}` assigns inline; only `{% set x %}` opens a block.
                let inline_set = name == "set" && source[tag.inner.clone()].contains('=');
                if let Some((_, end)) = LIQUID_CODE_BLOCKS.iter().chain(extra).find(|(start, _)| *start == name)
                    && !inline_set
                {
                    open = Some((tag.span.start, end));
                }
            }
            Some((start, end)) if name == end => {
                found.push(start..tag.span.end);
                open = None;
            }
            Some(_) => {}
        }
    }
    found
}

/// `{{< name … >}}…{{< /name >}}` (and the `{{% %}}` form) for the code shortcodes.
///
/// One pass lists every shortcode (each `{{` that opens one, overlapping or not), then a
/// second matches each code shortcode to the first `{{< /name >}}` after it: linear
/// however many openers are left unclosed.
fn hugo_shortcodes(source: &str, body: Span) -> Vec<Span> {
    let bytes = source.as_bytes();
    let mut closers = NextClosers::default();
    let mut shortcodes: Vec<(&str, bool, usize, usize)> = Vec::new();
    let mut cursor = body.start;
    while let Some(at) = crate::work::find(&bytes[cursor..body.end], b"{{").map(|i| cursor + i) {
        cursor = at + 2;
        if let Some((name, closing, end)) = shortcode_at(source, at, body.end, &mut closers) {
            shortcodes.push((name, closing, at, end));
        }
    }
    // Where each code shortcode's closing tags start, in order, by name.
    let mut closing_at: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (index, (name, closing, _, _)) in shortcodes.iter().enumerate() {
        if *closing && HUGO_CODE_SHORTCODES.contains(name) {
            closing_at.entry(name).or_default().push(index);
        }
    }
    let mut found = Vec::new();
    let mut cursor = body.start;
    for &(name, closing, at, end) in &shortcodes {
        if at < cursor {
            continue;
        }
        cursor = end;
        if closing || !HUGO_CODE_SHORTCODES.contains(&name) {
            continue;
        }
        let closes = closing_at.get(name).map_or(&[][..], Vec::as_slice);
        let first = closes.partition_point(|&index| shortcodes[index].2 < end);
        crate::work::visited(1 + (usize::BITS - closes.len().leading_zeros()) as usize);
        if let Some(&index) = closes.get(first) {
            let close_end = shortcodes[index].3;
            found.push(at..close_end);
            cursor = close_end;
        }
    }
    found
}

/// Where the next `>}}` and `%}}` are, found once and reused while they lie ahead:
/// the openers are read in order, so each byte is searched once.
#[derive(Default)]
struct NextClosers {
    angle: Option<Option<usize>>,
    percent: Option<Option<usize>>,
}

impl NextClosers {
    /// The first `closer` at or after `from` (and before `limit`).
    fn find(&mut self, source: &str, from: usize, limit: usize, closer: &str) -> Option<usize> {
        let cached = if closer == ">}}" { &mut self.angle } else { &mut self.percent };
        match *cached {
            // No closer after an earlier point: none after this one either.
            Some(None) => return None,
            Some(Some(at)) if at >= from => return Some(at),
            _ => {}
        }
        let found = crate::work::find(&source.as_bytes()[from..limit], closer.as_bytes()).map(|i| from + i);
        *cached = Some(found);
        found
    }
}

/// The longest shortcode name looked at: code shortcodes' names are short.
const MAX_NAME: usize = 64;

/// The shortcode starting at `at`: its name, whether it closes (`/name`), and its end.
fn shortcode_at<'a>(
    source: &'a str,
    at: usize,
    limit: usize,
    closers: &mut NextClosers,
) -> Option<(&'a str, bool, usize)> {
    let rest = source.get(at..limit)?;
    let delimiter = rest.as_bytes().get(2).copied()?;
    let closer = match delimiter {
        b'<' => ">}}",
        b'%' => "%}}",
        _ => return None,
    };
    let inner_end = closers.find(source, at + 3, limit, closer)? - at;
    // `{{< code-toggle config=x />}}` closes itself: it opens nothing.
    if rest[..inner_end].trim_end().ends_with('/') {
        return Some(("", true, at + inner_end + closer.len()));
    }
    let inner = rest[3..inner_end].trim();
    let inner = inner.trim_start_matches("/*").trim_end_matches("*/").trim();
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(name) => (true, name.trim_start()),
        None => (false, inner),
    };
    // A name is read up to white space, and not past `MAX_NAME` bytes: `{{<{{<{{<…>}}`
    // must not make every opener read the whole run.
    let window = &inner.as_bytes()[..inner.len().min(MAX_NAME + 1)];
    let name = match window.iter().position(|b| b.is_ascii_whitespace()) {
        Some(end) => &inner[..end],
        None if inner.len() <= MAX_NAME => inner,
        None => "",
    };
    Some((name, closing, at + inner_end + closer.len()))
}

/// Lines that hold only a JSX component tag (`<Steps>`, `</Box>`, `<Tabs syncKey="pm">`):
/// MDX has no HTML blocks, so the Markdown after such a line is Markdown, while
/// CommonMark would swallow it into an HTML block up to the next blank line.
fn jsx_tag_lines(source: &str, body: Span) -> Vec<Span> {
    let mut found = Vec::new();
    let mut line_start = body.start;
    for line in source[body.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim();
        let name = trimmed.strip_prefix("</").or_else(|| trimmed.strip_prefix('<'));
        let is_component = name.is_some_and(|n| n.starts_with(|c: char| c.is_ascii_uppercase()))
            && trimmed.ends_with('>')
            && !trimmed[1..trimmed.len() - 1].contains(['<', '>']);
        if is_component {
            let indent = content.len() - content.trim_start().len();
            found.push(line_start + indent..line_start + indent + trimmed.len());
        }
        line_start += line.len();
    }
    found
}

/// Nunjucks and Jinja comments, `{# … #}` (Eleventy renders Markdown through Nunjucks
/// when a site says so): nothing in them is rendered. Only with white space (or `-`, for
/// whitespace control) inside both delimiters, so kramdown's and Pandoc's `{#id}`
/// attributes are not taken for one.
fn template_comments(source: &str, body: Span) -> Vec<Span> {
    let text = &source[body.clone()];
    let bytes = text.as_bytes();
    let spaced = |byte: Option<&u8>| byte.is_some_and(|b| b.is_ascii_whitespace() || *b == b'-');
    let mut found = Vec::new();
    let mut from = 0;
    // The first `#}` after the last opener looked at: reused while it lies ahead, so a
    // run of openers before one closer is searched once, not once per opener.
    let mut next_close: Option<usize> = None;
    while let Some(open) = crate::work::find(&bytes[from..], b"{#").map(|at| from + at) {
        from = open + 2;
        if !spaced(bytes.get(open + 2)) {
            continue;
        }
        let close = match next_close {
            Some(close) if close >= open + 2 => close,
            _ => match crate::work::find(&bytes[open + 2..], b"#}").map(|at| open + 2 + at) {
                Some(close) => close,
                None => break,
            },
        };
        next_close = Some(close);
        if spaced(bytes.get(close.wrapping_sub(1))) {
            found.push(body.start + open..body.start + close + 2);
            from = close + 2;
        }
    }
    found
}

/// MDX's ES module blocks: a paragraph that starts with `import ` or `export ` at the
/// line's start (outside fenced code) is JavaScript up to the next blank line, not
/// Markdown (`export const toc = […]` may hold `#` lines and brackets).
fn mdx_esm(source: &str, body: Span) -> Vec<Span> {
    let mut found = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    let mut open: Option<usize> = None;
    let mut previous_blank = true;
    let mut line_start = body.start;
    for line in source[body.clone()].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        if let Some(start) = open {
            if blank {
                found.push(start..line_start);
                open = None;
            }
        } else {
            let trimmed = content.trim_start_matches([' ', '\t']);
            let marker = trimmed.as_bytes().first().copied().filter(|b| *b == b'`' || *b == b'~');
            let run = marker.map_or(0, |c| trimmed.bytes().take_while(|b| *b == c).count());
            match (fence, marker) {
                (None, Some(c)) if run >= 3 => fence = Some((c, run)),
                (Some((c, length)), Some(m)) if m == c && run >= length && trimmed[run..].trim().is_empty() => {
                    fence = None;
                }
                (None, _) if previous_blank && (content.starts_with("import ") || content.starts_with("export ")) => {
                    open = Some(line_start);
                }
                _ => {}
            }
        }
        previous_blank = blank;
        line_start += line.len();
    }
    if let Some(start) = open {
        found.push(start..body.end);
    }
    found
}

/// MDX comments, `{/* … */}`: nothing in them is rendered (Starlight translations keep
/// "TODO: add link …" notes there).
fn mdx_comments(source: &str, body: Span) -> Vec<Span> {
    let text = &source[body.clone()];
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{/*").map(|at| from + at) {
        let Some(close) = text[open + 3..].find("*/}").map(|at| open + 3 + at + 3) else { break };
        found.push(body.start + open..body.start + close);
        from = close;
    }
    found
}

/// Fenced code blocks in MDX, wherever they are indented (inside JSX too): from the
/// opening fence line's start to the closing fence line's end.
fn jsx_fences(source: &str, body: Span) -> Vec<Span> {
    let mut found = Vec::new();
    let mut open: Option<(usize, u8, usize)> = None;
    let mut line_start = body.start;
    for line in source[body.clone()].split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let fence_char = trimmed.as_bytes().first().copied().filter(|b| *b == b'`' || *b == b'~');
        let run = fence_char.map_or(0, |c| trimmed.bytes().take_while(|b| *b == c).count());
        match (open, fence_char) {
            (None, Some(c)) if run >= 3 => open = Some((line_start, c, run)),
            (Some((start, c, length)), Some(found_char))
                if found_char == c && run >= length && trimmed[run..].trim().is_empty() =>
            {
                let end = line_start + line.trim_end_matches(['\n', '\r']).len();
                // Only fences CommonMark would misread matter, but blanking every fence
                // keeps the rule simple and costs nothing: fence content is code anyway.
                found.push(start..end);
                open = None;
            }
            _ => {}
        }
        line_start += line.len();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::liquid;

    fn regions_of(text: &str, mdx: bool) -> Vec<&str> {
        let tags = liquid::scan(text, 0..text.len());
        regions(text, 0..text.len(), &tags, mdx, &Markup::default()).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn markdown_in_html_opening_lines() {
        let text = "<div class=\"grid cards\" markdown>\n\n- [x](a.md)\n</div>\n<figure markdown=\"span\">\n\
                    <div markdown=\"0\">\n<div>\n```\n<div markdown>\n```\n<p markdown>text</p>\n    <div markdown>\n";
        let spans = markdown_in_html_openers(text, 0..text.len());
        let shown: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(shown, ["<div class=\"grid cards\" markdown>", "<figure markdown=\"span\">", "<div markdown>"]);
    }

    #[test]
    fn tabs_after_a_closing_fence_are_blanked() {
        let text = "```bash\nx\n```\t\n\n## After\n~~~ \t \n```python\t\n";
        let spans = fence_trailing_tabs(text, 0..text.len());
        let shown: Vec<&str> = spans.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(shown, ["\t", " \t "], "not an opening fence with an info string");
    }

    #[test]
    fn nunjucks_capture_blocks_but_not_inline_sets() {
        let text = "{% set n = 1 %}\n{% set sample %}\n---\ntitle: x\n---\n{% endset %}\n## real\n";
        assert_eq!(regions_of(text, false), ["{% set sample %}\n---\ntitle: x\n---\n{% endset %}"]);
    }

    #[test]
    fn liquid_highlight_and_comment_blocks() {
        let text = "a\n{% highlight ruby %}\n# comment\n{% endhighlight %}\nb {% comment %}x{% endcomment %}\n";
        assert_eq!(
            regions_of(text, false),
            ["{% highlight ruby %}\n# comment\n{% endhighlight %}", "{% comment %}x{% endcomment %}"]
        );
    }

    #[test]
    fn hugo_code_shortcodes() {
        let text = "{{< highlight go >}}\n# x\n{{< /highlight >}}\n{{< note >}}\n# real\n{{< /note >}}\n{{% code-toggle %}}\nx\n{{% /code-toggle %}}";
        assert_eq!(
            regions_of(text, false),
            ["{{< highlight go >}}\n# x\n{{< /highlight >}}", "{{% code-toggle %}}\nx\n{{% /code-toggle %}}"]
        );
    }

    #[test]
    fn self_closing_shortcodes_open_nothing() {
        let text = "{{< code-toggle config=a />}}\n## Real\n{{< code-toggle >}}\nx = 1\n{{< /code-toggle >}}\n";
        assert_eq!(regions_of(text, false), ["{{< code-toggle >}}\nx = 1\n{{< /code-toggle >}}"]);
    }

    #[test]
    fn a_shortcode_closed_by_its_own_percent_is_not_a_crash() {
        // `{{%}}`: the `%}}` that closes starts inside the `{{%` that opens.
        assert!(regions_of("a {{%}} b {{<>}} c\n", false).is_empty());
    }

    #[test]
    fn unclosed_code_shortcodes_and_openers_open_nothing() {
        let text = format!("{}{}\n{{{{< /highlight >}}}}\n", "{{< highlight go >}}\n".repeat(50), "{{< ".repeat(50));
        assert_eq!(regions_of(&text, false).len(), 1, "the first opener takes the one closer");
        assert!(regions_of(&"{{< highlight go >}}\n".repeat(50), false).is_empty());
        assert!(regions_of(&format!("{}x#}}", "{# ".repeat(50)), false).is_empty());
    }

    #[test]
    fn mdx_fences_inside_jsx() {
        let text =
            "<Tabs>\n  <Fragment slot=\"npm\">\n  ```shell\n  # create\n\n  # more\n  ```\n  </Fragment>\n</Tabs>\n";
        assert_eq!(
            regions_of(text, true),
            [
                "<Tabs>",
                "<Fragment slot=\"npm\">",
                "  ```shell\n  # create\n\n  # more\n  ```",
                "</Fragment>",
                "</Tabs>"
            ]
        );
        assert!(regions_of(text, false).is_empty());
    }

    #[test]
    fn nunjucks_comments_are_not_rendered_but_heading_attributes_stay() {
        let text = "a {# See [x](#gone) #} b\n{#- two\nlines -#}\n## Setup {#setup}\n## Other {#other .wide}\n";
        assert_eq!(regions_of(text, false), ["{# See [x](#gone) #}", "{#- two\nlines -#}"]);
    }

    #[test]
    fn mdx_import_and_export_blocks_are_not_markdown() {
        let text = "import Tabs from '@theme/Tabs';\nexport const toc = [\n# not a heading\n];\n\n# Title\n\n```js\nimport x from 'y';\n```\ntext\n";
        let found = regions_of(text, true);
        assert!(found.iter().any(|r| r.starts_with("import Tabs") && r.contains("# not a heading")), "{found:?}");
        assert!(!found.iter().any(|r| r.contains("# Title")), "{found:?}");
        assert!(!found.iter().any(|r| r.contains("text")), "an import inside a fence opens nothing: {found:?}");
    }

    #[test]
    fn mdx_comments_are_not_rendered() {
        let text = "Text {/* TODO: [link](/x/#y) */} more.\n{/*\n## Not a heading\n*/}\n";
        assert_eq!(regions_of(text, true), ["{/* TODO: [link](/x/#y) */}", "{/*\n## Not a heading\n*/}"]);
        assert!(regions_of(text, false).is_empty(), "only MDX has these comments");
    }

    #[test]
    fn mdx_component_tag_lines_do_not_open_html_blocks() {
        let text = "<Box icon=\"check-list\">\n## Checklist\n</Box>\n<p>not a component</p>\n";
        assert_eq!(regions_of(text, true), ["<Box icon=\"check-list\">", "</Box>"]);
    }

    #[test]
    fn blanking_keeps_offsets_and_line_ends() {
        let text = "ab\n{% comment %}\n日本\n{% endcomment %}\ncd";
        let tags = liquid::scan(text, 0..text.len());
        let found = regions(text, 0..text.len(), &tags, false, &Markup::default());
        let blanked = blank(text, 0, &found, &[]).unwrap();
        assert_eq!(blanked.len(), text.len());
        assert_eq!(blanked.matches('\n').count(), text.matches('\n').count());
        assert!(blanked.starts_with("ab\n ") && blanked.ends_with("\ncd"));
    }

    #[test]
    fn python_markdown_containers_read_their_indented_content_as_markdown() {
        let text = "Intro\n\n!!! note \"Heads up\"\n    ## Inside\n\n    See [a](a.md).\n\n        code here\n\n    ??? tip\n        ### Nested\n\n```\n!!! not a container\n    text\n```\nAfter\n";
        let (headers, marks) = indented_containers(text, 0..text.len());
        let blanked = blank(text, 0, &headers, &marks).unwrap();
        assert!(blanked.contains(">   ## Inside"), "{blanked}");
        assert!(blanked.contains(">   See [a](a.md)."), "{blanked}");
        assert!(blanked.contains(">       code here"), "indented code inside stays code: {blanked}");
        assert!(blanked.contains(">   >   ### Nested"), "{blanked}");
        assert!(blanked.contains("!!! not a container\n    text"), "nothing in a fence opens one: {blanked}");
        assert!(!blanked.contains("!!! note"), "the header line is blanked: {blanked}");
        assert_eq!(blanked.len(), text.len(), "offsets stay the file's");
    }
}
