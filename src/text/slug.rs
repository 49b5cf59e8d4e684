//! Heading anchors as generators make them.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slugger {
    /// GitHub, Jekyll's default GFM input, Hugo's goldmark `github` IDs: Unicode letters kept.
    Github,
    /// kramdown's own parser: ASCII letters, digits, spaces and dashes only.
    Kramdown,
}

impl Slugger {
    pub fn parse(text: &str) -> Option<Slugger> {
        match text {
            "github" | "hugo" => Some(Slugger::Github),
            "kramdown" => Some(Slugger::Kramdown),
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
                    c if c.is_alphanumeric() => Some(c),
                    _ => None,
                })
                .collect(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_and_kramdown_slugs() {
        assert_eq!(Slugger::Github.slug("Step 1: Plan!"), "step-1-plan");
        assert_eq!(Slugger::Github.slug("ステップ1：準備と計画"), "ステップ1準備と計画");
        assert_eq!(Slugger::Kramdown.slug("1. Step One"), "step-one");
        assert_eq!(Slugger::Kramdown.slug("準備"), "section");
    }
}
