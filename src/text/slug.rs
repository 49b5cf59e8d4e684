//! Heading anchors as generators make them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slugger {
    /// GitHub, Jekyll's default GFM input, Hugo's goldmark `github` IDs: Unicode letters kept.
    Github,
    /// kramdown's own parser: ASCII letters, digits, spaces and dashes only.
    Kramdown,
    /// Zola's `slugify.anchors = "on"`: lower case, every other run of characters one `-`.
    Zola,
    /// Hexo's hexo-renderer-marked: hexo-util's `slugize` of the heading as marked renders
    /// it (smartypants quotes and dashes), by the renderer's version and settings.
    Hexo(HexoIds),
}

impl Slugger {
    pub fn parse(text: &str) -> Option<Slugger> {
        match text {
            "github" | "hugo" => Some(Slugger::Github),
            "kramdown" => Some(Slugger::Kramdown),
            "zola" => Some(Slugger::Zola),
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
            Slugger::Hexo(ids) if ids.entities => hexo_slug(escape_entities(&smartypants(text)).trim(), ids.transform),
            Slugger::Hexo(ids) => hexo_slug(strip_tags(&smartypants(text)).trim(), ids.transform),
            Slugger::Kramdown => {
                let kept: String =
                    text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '-').collect();
                let slug = kept.trim().replace(' ', "-").to_ascii_lowercase();
                let slug = slug.trim_start_matches(|c: char| !c.is_ascii_alphabetic()).to_string();
                if slug.is_empty() { "section".to_string() } else { slug }
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
