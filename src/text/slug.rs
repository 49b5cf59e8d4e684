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
}

impl Slugger {
    pub fn parse(text: &str) -> Option<Slugger> {
        match text {
            "github" | "hugo" => Some(Slugger::Github),
            "kramdown" => Some(Slugger::Kramdown),
            "zola" => Some(Slugger::Zola),
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
        }
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
}
