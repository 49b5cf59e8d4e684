//! Heading anchors as generators make them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slugger {
    /// GitHub, Jekyll's default GFM input, Hugo's goldmark `github` IDs: Unicode letters kept.
    Github,
    /// kramdown's own parser: ASCII letters, digits, spaces and dashes only.
    Kramdown,
    /// Zola's `slugify.anchors = "on"`: lower case, every other run of characters one `-`.
    Zola,
    /// Blackfriday's `SanitizedAnchorName` (Hugo's `autoHeadingIDType = "blackfriday"`):
    /// letters and digits (any script) lower-cased, every other run one `-`, none at the ends.
    Blackfriday,
    /// Hugo's `autoHeadingIDType = "github-ascii"`: GitHub's, with accents taken off and
    /// other non-ASCII characters dropped.
    GithubAscii,
    /// Python-Markdown's `toc` extension (MkDocs): `markdown.extensions.toc.slugify`, which
    /// keeps ASCII only after NFKD (`unicode: false`, the default), or `slugify_unicode`;
    /// duplicates get `_1`, `_2` suffixes and an empty id is `_1`. `emoji`: with
    /// pymdownx.emoji, `:shortcode:`s are images, not text (see `without_emoji`).
    PythonMarkdown { unicode: bool, separator: char, emoji: bool },
    /// `pymdownx.slugs.slugify(case=…)` as the `toc` extension's `slugify`: Unicode kept
    /// (NFC), each space the separator; `_1` suffixes as Python-Markdown's.
    Pymdownx { case: SlugCase, separator: char, emoji: bool },
    /// Hexo's hexo-renderer-marked: hexo-util's `slugize` of the heading as marked renders
    /// it (smartypants quotes and dashes), by the renderer's version and settings.
    Hexo(HexoIds),
    /// VitePress and VuePress (`@mdit-vue/shared`'s `slugify`): NFKD with accents removed,
    /// each run of white space and ASCII punctuation (and curly quotes) one `-`, none at
    /// the ends, `_` before a leading digit, lower case; other letters and symbols kept.
    Vue,
}

/// `pymdownx.slugs.slugify`'s `case` option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugCase {
    /// `none`: as written.
    Keep,
    /// `lower`: `str.lower()`.
    Lower,
    /// `lower-ascii`: only `A`–`Z` lowered.
    LowerAscii,
    /// `fold`: `str.casefold()`, which differs from lower case for some non-ASCII letters.
    Fold,
}

impl Slugger {
    pub fn parse(text: &str) -> Option<Slugger> {
        match text {
            "github" | "hugo" => Some(Slugger::Github),
            "kramdown" => Some(Slugger::Kramdown),
            "zola" => Some(Slugger::Zola),
            "python-markdown" => Some(Slugger::PythonMarkdown { unicode: false, separator: '-', emoji: false }),
            "hexo" => Some(Slugger::Hexo(HexoIds::default())),
            _ => None,
        }
    }

    pub fn slug(self, text: &str) -> String {
        match self {
            Slugger::Github => text
                .trim()
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    '-' | '_' => Some(c),
                    // github-slugger keeps combining marks: a Devanagari vowel sign or
                    // nukta is part of the word.
                    c if c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) => Some(c),
                    _ => None,
                })
                .collect(),
            Slugger::Blackfriday => {
                let mut slug = String::with_capacity(text.len());
                let mut dash = false;
                for c in text.chars() {
                    // Go's `unicode.IsLetter` and `IsNumber`: a combining vowel sign is
                    // neither (Rust's `is_alphabetic` counts many as letters).
                    let letter = c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c);
                    if letter {
                        if dash && !slug.is_empty() {
                            slug.push('-');
                        }
                        dash = false;
                        slug.extend(c.to_lowercase());
                    } else {
                        dash = true;
                    }
                }
                slug
            }
            Slugger::GithubAscii => {
                use unicode_normalization::UnicodeNormalization;
                let ascii: String = text.nfkd().filter(char::is_ascii).collect();
                Slugger::Github.slug(&ascii)
            }
            Slugger::Zola => {
                let mut slug = String::with_capacity(text.len());
                for c in text.trim().chars() {
                    if c.is_ascii_alphanumeric() {
                        slug.push(c.to_ascii_lowercase());
                    } else if !c.is_ascii() && c.is_alphanumeric() {
                        // Zola transliterates these; kept as they are, so a link written
                        // with the transliteration is not found (callers treat such
                        // headings as unknown).
                        slug.extend(c.to_lowercase());
                    } else if !slug.is_empty() && !slug.ends_with('-') {
                        slug.push('-');
                    }
                }
                slug.trim_end_matches('-').to_string()
            }
            Slugger::Vue => vue_slugify(text),
            Slugger::Hexo(ids) if ids.entities => hexo_slug(escape_entities(&smartypants(text)).trim(), ids.transform),
            Slugger::Hexo(ids) => hexo_slug(strip_tags(&smartypants(text)).trim(), ids.transform),
            // kramdown's `basic_generate_id`: leading non-letters dropped, then every
            // character but ASCII letters, digits, space and `-`, then spaces as `-` (not
            // trimmed: `README 説明` is `readme-`).
            Slugger::Kramdown => {
                let from_letter = text.trim_start_matches(|c: char| !c.is_ascii_alphabetic());
                let kept: String =
                    from_letter.chars().filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-').collect();
                let slug = kept.replace(' ', "-").to_ascii_lowercase();
                if slug.is_empty() { "section".to_string() } else { slug }
            }
            // The `toc` extension slugs the heading's text with its tags stripped and its
            // whitespace collapsed (`strip_tags`).
            Slugger::PythonMarkdown { unicode, separator, emoji } => {
                python_markdown_slugify(&collapse_whitespace(&without_emoji(text, emoji)), separator, unicode)
            }
            Slugger::Pymdownx { case, separator, emoji } => {
                pymdownx_slugify(&collapse_whitespace(&without_emoji(text, emoji)), separator, case)
            }
        }
    }

    /// Whether `slug` gives the id the generator gives a heading with `text` (Zola
    /// transliterates non-ASCII letters; `str.casefold()` is not `to_lowercase`; with
    /// pymdownx.emoji, whether a `:name:` is an emoji depends on its index).
    pub fn knows(self, text: &str) -> bool {
        match self {
            Slugger::Zola | Slugger::Pymdownx { case: SlugCase::Fold, .. } => text.is_ascii(),
            Slugger::PythonMarkdown { emoji: true, .. } | Slugger::Pymdownx { emoji: true, .. } => {
                shortcodes(text).all(|(_, name)| is_icon(name) || !name.bytes().any(|b| b.is_ascii_alphabetic()))
            }
            _ => true,
        }
    }

    /// Whether ids given in the page (`{ #id }`) are reserved before headings are slugged,
    /// and headings that carry one are not slugged (Python-Markdown's `toc` after
    /// `attr_list`).
    pub fn reserves_explicit_ids(self) -> bool {
        matches!(self, Slugger::PythonMarkdown { .. } | Slugger::Pymdownx { .. })
    }

    /// The id the `n`th repeat of a heading's slug gets (`x-1`; Python-Markdown `x_1`).
    pub fn nth_duplicate(self, slug: &str, n: usize) -> String {
        if self.reserves_explicit_ids() { format!("{slug}_{n}") } else { format!("{slug}-{n}") }
    }

    /// The id a heading whose slug is `slug` gets: GitHub and most generators count each
    /// slug (`x`, `x-1`, `x-2`); Python-Markdown's `unique` appends `_1`, `_2` … until the
    /// id is not in `taken` (the page's explicit ids and the ids given so far), an empty
    /// slug included (`_1`).
    pub fn unique(
        self,
        slug: String,
        taken: &mut std::collections::HashSet<String>,
        counts: &mut std::collections::HashMap<String, usize>,
    ) -> String {
        if !self.reserves_explicit_ids() {
            let count = counts.entry(slug.clone()).or_default();
            let id = if *count == 0 { slug } else { format!("{slug}-{count}") };
            *count += 1;
            return id;
        }
        let mut id = slug;
        if id.is_empty() || taken.contains(&id) {
            // `IDCOUNT_RE = ^(.*)_([0-9]+)$`: a slug that already ends in `_N` counts on.
            let numbered = id.rsplit_once('_').and_then(|(base, n)| {
                let digits = !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
                digits.then(|| (base.to_string(), n.parse::<u64>().unwrap_or(u64::MAX - 1)))
            });
            let (base, mut count) = numbered.unwrap_or((id, 0));
            loop {
                count = count.saturating_add(1);
                id = format!("{base}_{count}");
                if !taken.contains(&id) || count == u64::MAX {
                    break;
                }
            }
        }
        taken.insert(id.clone());
        id
    }
}

/// Whether a heading's first line ends in an attribute list that gives it an id:
/// `## Title { #id }`, `## Title {: #id .wide }`, `## Title {id=x}` (Python-Markdown's
/// `attr_list`, which needs a space before the `{`).
pub fn sets_own_id(heading: &str) -> bool {
    let line = heading.lines().next().unwrap_or("").trim_end().trim_end_matches('#').trim_end();
    let Some(inner) = line.strip_suffix('}') else { return false };
    let Some(open) = inner.rfind('{') else { return false };
    inner[..open].ends_with([' ', '\t'])
        && inner[open + 1..]
            .trim_start_matches(':')
            .split_whitespace()
            .any(|word| (word.len() > 1 && word.starts_with('#')) || word.starts_with("id="))
}

/// pymdownx.emoji's shortcodes in `text` (`RE_EMOJI = :[+\-\w]+:`), each with its name.
fn shortcodes(text: &str) -> impl Iterator<Item = (std::ops::Range<usize>, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(open) = text[from..].find(':').map(|at| from + at) {
            let name_length = text[open + 1..]
                .chars()
                .take_while(|&c| is_python_word(c) || c == '+' || c == '-')
                .map(char::len_utf8)
                .sum::<usize>();
            let close = open + 1 + name_length;
            if name_length > 0 && text[close..].starts_with(':') {
                from = close + 1;
                return Some((open..close + 1, &text[open + 1..close]));
            }
            from = open + 1;
        }
        None
    })
}

/// Material's icon sets, which its emoji index always has: `:material-github:`.
fn is_icon(name: &str) -> bool {
    ["material-", "fontawesome-", "octicons-", "simple-"].iter().any(|set| name.starts_with(set))
}

/// The heading's text as the `toc` extension reads it after pymdownx.emoji has made each
/// emoji and icon shortcode an image or an SVG (text-less): icons removed, and names with
/// a letter (`:rocket:`; whether the index has one is not known here, see `knows`).
fn without_emoji(text: &str, emoji: bool) -> std::borrow::Cow<'_, str> {
    if !emoji || !text.contains(':') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (range, name) in shortcodes(text) {
        if is_icon(name) || name.bytes().any(|b| b.is_ascii_alphabetic()) {
            out.push_str(&text[last..range.start]);
            last = range.end;
        }
    }
    out.push_str(&text[last..]);
    std::borrow::Cow::Owned(out)
}

/// Python's `str.split()` joined by one space: `strip_tags`' last step.
fn collapse_whitespace(text: &str) -> String {
    text.split(is_python_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Python's `str.isspace()`: Unicode white space and the ASCII separators `\x1c`–`\x1f`.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `\w` on `str`: `str.isalnum()` or `_`. `isalpha()` is the letter categories
/// (`L*`), so the combining marks (Devanagari vowel signs) and the circled letters that
/// Rust's `is_alphabetic` counts (`Other_Alphabetic`) are not word characters.
fn is_python_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let other_alphabetic_symbol = matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F149}' | '\u{1F150}'..='\u{1F169}' | '\u{1F170}'..='\u{1F189}');
    c.is_numeric()
        || (c.is_alphabetic() && !unicode_normalization::char::is_combining_mark(c) && !other_alphabetic_symbol)
}

/// `markdown.extensions.toc.slugify(value, separator, unicode)` (Python-Markdown 3):
/// NFKD and ASCII only unless `unicode`; then everything but `\w`, white space and `-`
/// removed, stripped, lower-cased, and each run of white space and separators one separator.
pub fn python_markdown_slugify(value: &str, separator: char, unicode: bool) -> String {
    use unicode_normalization::UnicodeNormalization;
    let value: String = if unicode { value.to_string() } else { value.nfkd().filter(char::is_ascii).collect() };
    let kept: String = value.chars().filter(|&c| is_python_word(c) || is_python_space(c) || c == '-').collect();
    let lower = kept.trim_matches(is_python_space).to_lowercase();
    let mut slug = String::with_capacity(lower.len());
    let mut in_run = false;
    for c in lower.chars() {
        if c == separator || is_python_space(c) {
            if !in_run {
                slug.push(separator);
            }
            in_run = true;
        } else {
            slug.push(c);
            in_run = false;
        }
    }
    slug
}

/// `pymdownx.slugs.slugify(case=…)(text, separator)` (pymdown-extensions 10): NFC, tags
/// (`<…>`) removed, stripped, the case applied, everything but `\w`, `-` and spaces
/// removed, and each space the separator.
pub fn pymdownx_slugify(text: &str, separator: char, case: SlugCase) -> String {
    use unicode_normalization::UnicodeNormalization;
    let normalized: String = text.nfc().collect();
    // `RE_TAGS = </?[^>]*>`.
    let mut untagged = String::with_capacity(normalized.len());
    let mut rest = normalized.as_str();
    while let Some(open) = rest.find('<') {
        untagged.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                untagged.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    untagged.push_str(rest);
    let stripped = untagged.trim_matches(is_python_space);
    let cased = match case {
        SlugCase::Keep => stripped.to_string(),
        SlugCase::Lower | SlugCase::Fold => stripped.to_lowercase(),
        SlugCase::LowerAscii => stripped.to_ascii_lowercase(),
    };
    cased
        .chars()
        .filter(|&c| is_python_word(c) || c == '-' || c == ' ')
        .map(|c| if c == ' ' { separator } else { c })
        .collect()
}

/// How hexo-renderer-marked makes ids on a site.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct HexoIds {
    /// `marked.modifyAnchors`: 0 keeps the case, 1 lower-cases, 2 upper-cases.
    pub transform: u8,
    /// Before hexo-renderer-marked 6.1.1 the heading's text was slugized escaped, so
    /// `&`, `<`, `>` and a code span's quotes became the words `amp`, `lt`, `gt`,
    /// `quot`, `39`.
    pub entities: bool,
}

impl std::fmt::Debug for HexoIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let case = match self.transform {
            1 => "lower",
            2 => "upper",
            _ => "keep",
        };
        write!(f, "{case} case{}", if self.entities { ", entities as words" } else { "" })
    }
}

/// marked's `escape` (before hexo-renderer-marked 6.1.1 ids were made from it).
fn escape_entities(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Whether a heading's id depends on where its inline code and emphasis are, which its
/// plain text does not tell: marked's smartypants turns `'`, `"`, `--` and `...` into
/// typographic marks outside code spans only, and reads a quote at the start of a text run
/// (after `*`, `` ` ``, `[` …) as an opening one.
pub fn smartens(slugger: Slugger, text: &str) -> bool {
    matches!(slugger, Slugger::Hexo(_)) && (text.contains(['\'', '"']) || text.contains("--") || text.contains("..."))
}

/// marked's smartypants as hexo-renderer-marked applies it to a heading's text (its
/// `inlineText` tokenizer, with marked's default quotes).
fn smartypants(text: &str) -> String {
    let text = text.replace("---", "\u{2014}").replace("--", "\u{2013}");
    let opens = |previous: Option<char>, also: char| {
        previous.is_none_or(|p| matches!(p, '-' | '\u{2014}' | '/' | '(' | '[' | '{') || p == also || is_js_space(p))
    };
    let mut quoted = String::with_capacity(text.len() + 8);
    let mut previous = None;
    for c in text.chars() {
        let replaced = match c {
            '\'' if opens(previous, '"') => '\u{2018}',
            '\'' => '\u{2019}',
            c => c,
        };
        quoted.push(replaced);
        previous = Some(replaced);
    }
    // Double quotes are replaced after single ones: an opening single quote before one
    // makes it an opening double quote (`‘“`).
    let mut smart = String::with_capacity(quoted.len() + 8);
    previous = None;
    for c in quoted.chars() {
        let replaced = match c {
            '"' if opens(previous, '\u{2018}') => '\u{201C}',
            '"' => '\u{201D}',
            c => c,
        };
        smart.push(replaced);
        previous = Some(replaced);
    }
    smart.replace("...", "\u{2026}")
}

/// hexo-util's `stripHTML` (the `striptags` state machine): what looks like a tag is
/// removed, `<` before a space is kept, an unclosed tag drops the rest. It runs on the
/// heading's text with entities decoded, so a code span's `<string>` goes too.
fn strip_tags(text: &str) -> String {
    #[derive(PartialEq)]
    enum State {
        Plain,
        Tag,
        Comment,
    }
    let bytes = text.as_bytes();
    let mut state = State::Plain;
    let (mut depth, mut quote, mut tag_start, mut plain_start) = (0usize, 0u8, 0usize, 0usize);
    let mut output = String::with_capacity(text.len());
    for (at, &byte) in bytes.iter().enumerate() {
        match state {
            State::Plain if byte == b'<' => {
                output.push_str(&text[plain_start..at]);
                state = State::Tag;
                tag_start = at;
            }
            State::Plain => {}
            State::Tag => match byte {
                b'<' if quote == 0 => depth += 1,
                b'>' if quote == 0 => {
                    if depth > 0 {
                        depth -= 1;
                    } else {
                        state = State::Plain;
                        plain_start = at + 1;
                    }
                }
                b'"' | b'\'' => {
                    quote = if quote == byte {
                        0
                    } else if quote == 0 {
                        byte
                    } else {
                        quote
                    }
                }
                b'-' if at - tag_start == 3 && &bytes[tag_start + 1..tag_start + 3] == b"!-" => state = State::Comment,
                b' ' | b'\n' if at - tag_start == 1 => {
                    state = State::Plain;
                    output.push_str("< ");
                    plain_start = at + 1;
                }
                _ => {}
            },
            State::Comment => {
                if byte == b'>' && at >= 2 && &bytes[at - 2..at] == b"--" {
                    state = State::Plain;
                    plain_start = at + 1;
                }
            }
        }
    }
    if state == State::Plain && plain_start < text.len() {
        output.push_str(&text[plain_start..]);
    }
    output
}

/// JavaScript's `\s`.
fn is_js_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{2028}' | '\u{2029}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{FEFF}'
    )
}

/// hexo-util's `slugize` (hexo-util 4.0.0, `lib/slugize.ts`): diacritics to base letters,
/// control characters removed, every run of white space and ASCII punctuation one `-`,
/// `-` trimmed from both ends; transform 1 lower-cases, 2 upper-cases.
pub fn hexo_slug(text: &str, transform: u8) -> String {
    const SPECIAL: &str = "~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/";
    let mut slug = String::with_capacity(text.len());
    let mut separated = false;
    for c in text.chars() {
        if c <= '\u{1F}' {
            continue;
        }
        if is_js_space(c) || SPECIAL.contains(c) {
            separated = true;
            continue;
        }
        if separated && !slug.is_empty() {
            slug.push('-');
        }
        separated = false;
        match crate::text::diacritics::base_letters(c) {
            Some(base) => slug.push_str(base),
            None => slug.push(c),
        }
    }
    match transform {
        1 => slug.to_lowercase(),
        2 => slug.to_uppercase(),
        _ => slug,
    }
}

/// `@mdit-vue/shared`'s `slugify` (VitePress 1, VuePress 2): see `Slugger::Vue`.
pub fn vue_slugify(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    const SPECIAL: &str = "~`!@#$%^&*()-_+=[]{}|\\;:\"'\u{201C}\u{201D}\u{2018}\u{2019}<>,.?/";
    let mut slug = String::with_capacity(text.len());
    for c in text.nfkd() {
        if ('\u{300}'..='\u{36F}').contains(&c) || c <= '\u{1F}' {
            continue;
        }
        if is_js_space(c) || SPECIAL.contains(c) {
            if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
            continue;
        }
        slug.push(c);
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.starts_with(|c: char| c.is_ascii_digit()) { format!("_{slug}") } else { slug.to_string() };
    slug.to_lowercase()
}

/// Eleventy's `slugify` filter (Eleventy 3, `@sindresorhus/slugify` with `'` and `’`
/// removed and `decamelize: false`), for the text it is sure of: ASCII, and Latin letters
/// whose accent it only drops (`ç` → `c`). `&` reads ` and `; every other run of
/// characters that are not letters or digits is one `-`, trimmed from both ends; lower
/// case. `None` for a character whose transliteration is the library's own (`ä` → `ae`,
/// `ß`, `å`, `ø`, CJK …): the slug would be a guess.
pub fn eleventy_slugify(text: &str) -> Option<String> {
    let mut words = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\'' | '\u{2019}' => {}
            '&' => words.push_str(" and "),
            c if c.is_ascii() => words.push(c),
            'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü' | 'ß' | 'å' | 'Å' | 'æ' | 'Æ' | 'ø' | 'Ø' => return None,
            c => match crate::text::diacritics::base_letters(c) {
                Some(base) if base.len() == 1 && base.bytes().all(|b| b.is_ascii_alphabetic()) => words.push_str(base),
                _ => return None,
            },
        }
    }
    let mut slug = String::with_capacity(words.len());
    for c in words.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    Some(slug.trim_end_matches('-').to_string())
}

/// Eleventy's older `slug` filter (the `slugify` package), where it and `slugify` agree:
/// ASCII letters, digits, spaces and `-` only; `None` otherwise.
pub fn eleventy_slug(text: &str) -> Option<String> {
    if !text.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-') {
        return None;
    }
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    Some(words.join("-").to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vue_slugs() {
        assert_eq!(vue_slugify("Water at 80 °C, not 100"), "water-at-80-°c-not-100");
        assert_eq!(vue_slugify("Changes in 1.2"), "changes-in-1-2");
        assert_eq!(vue_slugify("2026: “Café” notes"), "_2026-cafe-notes");
        assert_eq!(vue_slugify("Grüner Tee 緑茶"), "gruner-tee-緑茶");
    }

    #[test]
    fn eleventy_slugs() {
        assert_eq!(eleventy_slugify("Hello, World! Ça va?").as_deref(), Some("hello-world-ca-va"));
        assert_eq!(eleventy_slugify("Tea & Biscuits: it's -- fine").as_deref(), Some("tea-and-biscuits-its-fine"));
        assert_eq!(eleventy_slugify("Grüner Tee"), None, "the library's own transliteration");
        assert_eq!(eleventy_slugify("緑茶"), None);
        assert_eq!(eleventy_slug("Its A  Test").as_deref(), Some("its-a-test"));
        assert_eq!(eleventy_slug("Tea, again"), None);
    }

    #[test]
    fn github_and_kramdown_slugs() {
        assert_eq!(Slugger::Github.slug("Step 1: Plan!"), "step-1-plan");
        assert_eq!(Slugger::Github.slug("ステップ1：準備と計画"), "ステップ1準備と計画");
        assert_eq!(Slugger::Kramdown.slug("1. Step One"), "step-one");
        assert_eq!(Slugger::Kramdown.slug("準備"), "section");
        assert_eq!(Slugger::Github.slug("डिफ़ॉल्ट रूप से तेज़"), "डिफ़ॉल्ट-रूप-से-तेज़", "marks kept");
        assert_eq!(Slugger::Zola.slug("Faster builds :woman_computer: :tools:"), "faster-builds-woman-computer-tools");
        assert_eq!(Slugger::Zola.slug("TOML 1.1 support!"), "toml-1-1-support");
    }

    /// Expected values printed by Python-Markdown 3.11 and pymdown-extensions 10 (the
    /// versions MkDocs 1.6 and Material 9.8 install).
    #[test]
    fn python_markdown_and_pymdownx_slugs() {
        let default = Slugger::PythonMarkdown { unicode: false, separator: '-', emoji: false };
        let unicode = Slugger::PythonMarkdown { unicode: true, separator: '-', emoji: false };
        let lower = Slugger::Pymdownx { case: SlugCase::Lower, separator: '-', emoji: false };
        let keep = Slugger::Pymdownx { case: SlugCase::Keep, separator: '-', emoji: false };
        let cases: &[(&str, &str, &str, &str, &str)] = &[
            ("日本語の見出し", "", "日本語の見出し", "日本語の見出し", "日本語の見出し"),
            (
                "Mixed 見出し Heading 2024",
                "mixed-heading-2024",
                "mixed-見出し-heading-2024",
                "mixed-見出し-heading-2024",
                "Mixed-見出し-Heading-2024",
            ),
            ("Step 1: Plan!", "step-1-plan", "step-1-plan", "step-1-plan", "Step-1-Plan"),
            ("Hello -- World", "hello-world", "hello-world", "hello----world", "Hello----World"),
            ("Ünïcödé café", "unicode-cafe", "ünïcödé-café", "ünïcödé-café", "Ünïcödé-café"),
            ("foo_bar", "foo_bar", "foo_bar", "foo_bar", "foo_bar"),
            ("ステップ1：準備と計画", "1", "ステップ1準備と計画", "ステップ1準備と計画", "ステップ1準備と計画"),
            ("डिफ़ॉल्ट रूप से तेज़", "", "डफलट-रप-स-तज", "डफलट-रप-स-तज", "डफलट-रप-स-तज"),
            ("Ⓐ circled", "a-circled", "circled", "-circled", "-circled"),
            ("C++ & C#", "c-c", "c-c", "c--c", "C--C"),
            ("ﬁle ligature", "file-ligature", "ﬁle-ligature", "ﬁle-ligature", "ﬁle-ligature"),
            ("²³ powers", "23-powers", "²³-powers", "²³-powers", "²³-powers"),
            ("Use <div> here", "use-div-here", "use-div-here", "use--here", "Use--here"),
            ("It's 100%", "its-100", "its-100", "its-100", "Its-100"),
        ];
        for (text, want_default, want_unicode, want_lower, want_keep) in cases {
            assert_eq!(default.slug(text), *want_default, "{text}");
            assert_eq!(unicode.slug(text), *want_unicode, "{text}");
            assert_eq!(lower.slug(text), *want_lower, "{text}");
            assert_eq!(keep.slug(text), *want_keep, "{text}");
        }
        // `strip_tags` collapses the heading's white space before the slug is made; a blog
        // post's title is slugged as it is.
        assert_eq!(lower.slug("  a  b  "), "a-b");
        assert_eq!(pymdownx_slugify("  a  b  ", '-', SlugCase::Lower), "a--b");
        assert_eq!(python_markdown_slugify("  a  b  ", '-', false), "a-b");
        assert_eq!(python_markdown_slugify("x\u{a0}y", '-', false), "x-y");
        assert_eq!(pymdownx_slugify("x\u{a0}y", '-', SlugCase::Lower), "xy");
        assert_eq!(pymdownx_slugify("a\tb", '-', SlugCase::Lower), "ab");
    }

    /// Printed by Python-Markdown with pymdownx.emoji (Material's twemoji index, SVGs).
    #[test]
    fn emoji_shortcodes_are_not_heading_text() {
        let slugger = Slugger::PythonMarkdown { unicode: false, separator: '-', emoji: true };
        assert_eq!(slugger.slug(":material-github: GitHub"), "github");
        assert!(slugger.knows(":material-github: GitHub"));
        assert_eq!(slugger.slug(":rocket: Launch"), "launch");
        assert!(!slugger.knows(":rocket: Launch"), "`:rocket:` is an emoji only if the index has it");
        assert_eq!(slugger.slug("Time 10:30:00 here"), "time-103000-here");
        assert!(slugger.knows("Time 10:30:00 here"));
        let plain = Slugger::PythonMarkdown { unicode: false, separator: '-', emoji: false };
        assert_eq!(plain.slug(":rocket: Launch"), "rocket-launch");
    }

    #[test]
    fn python_markdown_unique_ids() {
        let slugger = Slugger::PythonMarkdown { unicode: false, separator: '-', emoji: false };
        let mut taken = std::collections::HashSet::new();
        let mut counts = std::collections::HashMap::new();
        let ids: Vec<String> = ["a", "a", "a_1", "", "", "a"]
            .iter()
            .map(|slug| slugger.unique(slug.to_string(), &mut taken, &mut counts))
            .collect();
        assert_eq!(ids, ["a", "a_1", "a_2", "_1", "_2", "a_3"]);
        // An explicit id elsewhere in the page is taken first.
        let mut taken: std::collections::HashSet<String> = ["setup".to_string()].into();
        assert_eq!(slugger.unique("setup".into(), &mut taken, &mut counts), "setup_1");
        let github = Slugger::Github;
        let mut counts = std::collections::HashMap::new();
        let ids: Vec<String> =
            ["a", "a", ""].iter().map(|slug| github.unique(slug.to_string(), &mut taken, &mut counts)).collect();
        assert_eq!(ids, ["a", "a-1", ""]);
        assert_eq!(slugger.nth_duplicate("a", 2), "a_2");
        assert_eq!(github.nth_duplicate("a", 2), "a-2");
    }

    #[test]
    fn attribute_list_ids_on_headings() {
        assert!(sets_own_id("## Setup { #setup }"));
        assert!(sets_own_id("## Setup {: #setup .wide }"));
        assert!(sets_own_id("## Setup {id=setup}"));
        assert!(!sets_own_id("## Setup{#setup}"), "attr_list wants a space before the brace");
        assert!(!sets_own_id("## Setup { .wide }"));
        assert!(!sets_own_id("## Use `{}`"));
    }

    /// Ids read from pages Hexo 8.1.2 with hexo-renderer-marked 7.0.1 built.
    #[test]
    fn hexo_slugs_as_hexo_renderer_marked_makes_them() {
        let hexo = Slugger::Hexo(HexoIds::default());
        assert_eq!(hexo.slug("Mixed 見出し Heading 2024"), "Mixed-見出し-Heading-2024");
        assert_eq!(hexo.slug("Don't panic -- it's \"fine\"..."), "Don’t-panic-–-it’s-“fine”…");
        assert_eq!(hexo.slug("Ünïcödé Café Ｆｕｌｌ"), "Unicode-Cafe-Full");
        assert_eq!(hexo.slug("ステップ1：準備、完了？"), "ステップ1：準備、完了？", "full-width punctuation is kept");
        assert_eq!(hexo.slug("a_b c.d"), "a-b-c-d");
        assert_eq!(hexo.slug("  -- Trim me! --  "), "–-Trim-me-–");
        assert_eq!(hexo.slug("日本語　の見出し"), "日本語-の見出し", "an ideographic space separates");
        assert_eq!(Slugger::Hexo(HexoIds { transform: 1, entities: false }).slug("Mixed Heading"), "mixed-heading");
        let legacy = Slugger::Hexo(HexoIds { transform: 0, entities: true });
        assert_eq!(legacy.slug("Starlark & Go"), "Starlark-amp-Go", "hexo-renderer-marked before 6.1.1");
        assert_eq!(legacy.slug("cpu数量<2; swap未关"), "cpu数量-lt-2-swap未关");
        assert_eq!(hexo.slug("to <string>"), "to", "a code span's `<string>` is stripped as a tag");
        assert_eq!(hexo.slug("a < b"), "a-b");
        assert!(smartens(hexo, "flag's use"));
        assert!(!smartens(hexo, "plain words"));
        assert!(!smartens(Slugger::Github, "flag's use"));
    }
}
