//! The schema.org vocabulary: which types exist and which properties each may have.
//! The data (`data/schema-org.tsv`) is generated from the npm package schema-dts by
//! `tools/schema_vocab.py`, and parsed only when a post has JSON-LD.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const DATA: &str = include_str!("../data/schema-org.tsv");

pub struct Vocabulary {
    /// Base name → (parent bases, own properties).
    bases: HashMap<&'static str, (Vec<&'static str>, Vec<&'static str>)>,
    /// Type name → its base.
    types: HashMap<&'static str, &'static str>,
    /// Base name → every base it inherits from, itself first: worked out once, as every
    /// JSON-LD rule asks for each entity of every post.
    chains: HashMap<&'static str, Vec<&'static str>>,
}

pub static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(Vocabulary::parse);

impl Vocabulary {
    fn parse() -> Vocabulary {
        let mut bases = HashMap::new();
        let mut types = HashMap::new();
        for line in DATA.lines() {
            let mut fields = line.split('\t');
            match fields.next() {
                Some("B") => {
                    let (Some(name), Some(parents), Some(props)) = (fields.next(), fields.next(), fields.next()) else {
                        continue;
                    };
                    let split = |s: &'static str| s.split(',').filter(|p| !p.is_empty()).collect::<Vec<_>>();
                    bases.insert(name, (split(parents), split(props)));
                }
                Some("T") => {
                    if let (Some(name), Some(base)) = (fields.next(), fields.next()) {
                        types.insert(name, base);
                    }
                }
                _ => {}
            }
        }
        let chains = bases.keys().map(|&base| (base, Self::chain_of(&bases, base))).collect();
        Vocabulary { bases, types, chains }
    }

    fn chain_of(
        bases: &HashMap<&'static str, (Vec<&'static str>, Vec<&'static str>)>,
        base: &'static str,
    ) -> Vec<&'static str> {
        let mut chain = Vec::new();
        let mut stack = vec![base];
        let mut seen = HashSet::new();
        while let Some(current) = stack.pop() {
            if !seen.insert(current) {
                continue;
            }
            chain.push(current);
            if let Some((parents, _)) = bases.get(current) {
                stack.extend(parents.iter().copied());
            }
        }
        chain
    }

    pub fn has_type(&self, name: &str) -> bool {
        self.types.contains_key(strip_prefix(name))
    }

    /// Every base a type inherits from, itself included.
    fn base_chain(&self, name: &str) -> &[&'static str] {
        let Some(base) = self.types.get(strip_prefix(name)) else { return &[] };
        // A base without a line of its own is its whole chain.
        self.chains.get(base).map_or(std::slice::from_ref(base), Vec::as_slice)
    }

    /// Whether `name` is `Article` or one of its subtypes (`BlogPosting`, `NewsArticle` …).
    pub fn is_article(&self, name: &str) -> bool {
        self.base_chain(name).contains(&"ArticleBase")
    }

    /// Whether `name` inherits the properties `ancestor` defines for itself: `MusicEvent` and
    /// `Event` (both `EventBase`), `Car` and `Vehicle`. Types that share a base without
    /// adding properties (`FAQPage` and `ProfilePage` under `WebPageBase`) are not told apart,
    /// so an ancestor without a base of its own matches nothing here.
    pub fn inherits_base_of(&self, name: &str, ancestor: &str) -> bool {
        let own_base = format!("{}Base", strip_prefix(ancestor));
        self.bases.contains_key(own_base.as_str()) && self.base_chain(name).contains(&own_base.as_str())
    }

    /// Whether `property` is defined for `type_name` (or any type it inherits from).
    /// `None` when the type is unknown.
    pub fn has_property(&self, type_name: &str, property: &str) -> Option<bool> {
        let chain = self.base_chain(type_name);
        if chain.is_empty() {
            return None;
        }
        Some(chain.iter().any(|base| self.bases.get(base).is_some_and(|(_, props)| props.contains(&property))))
    }
}

/// `schema:BlogPosting` and `https://schema.org/BlogPosting` name `BlogPosting`.
pub fn strip_prefix(name: &str) -> &str {
    name.strip_prefix("schema:")
        .or_else(|| name.strip_prefix("https://schema.org/"))
        .or_else(|| name.strip_prefix("http://schema.org/"))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_article_family_and_its_properties() {
        let v = &*VOCABULARY;
        assert!(v.is_article("BlogPosting"));
        assert!(v.is_article("NewsArticle"));
        assert!(!v.is_article("WebPage"));
        assert_eq!(v.has_property("BlogPosting", "headline"), Some(true));
        assert_eq!(v.has_property("BlogPosting", "dateModified"), Some(true));
        assert_eq!(v.has_property("Person", "url"), Some(true));
        assert_eq!(v.has_property("BlogPosting", "headlines"), Some(false));
        assert_eq!(v.has_property("Blogpost", "headline"), None);
        assert!(v.has_type("ImageObject"));
    }
}
