//! Google's rich results per JSON-LD type: required and recommended properties, and the
//! rich results Google has retired. The data (`data/rich-results.tsv`) carries its sources
//! and review date; it is parsed only when a post has JSON-LD.

use std::sync::LazyLock;

use crate::schema_org::VOCABULARY;

const DATA: &str = include_str!("../data/rich-results.tsv");

/// One property path, `author.name` → `["author", "name"]`.
pub type PropertyPath = Vec<&'static str>;

/// A requirement met by any one of its paths (`review|aggregateRating|offers`). The paths of
/// one requirement share everything but their last step.
#[derive(Debug)]
pub struct Requirement {
    pub alternatives: Vec<PropertyPath>,
}

impl Requirement {
    /// The object path the alternatives are checked on (`["itemListElement"]` for
    /// `itemListElement.name|item`), empty for the entity itself.
    pub fn parent(&self) -> &[&'static str] {
        let first = &self.alternatives[0];
        &first[..first.len() - 1]
    }

    /// The last step of each alternative.
    pub fn leaves(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.alternatives.iter().filter_map(|path| path.last().copied())
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum Status {
    Supported,
    /// The rich result no longer appears; the date it stopped (`YYYY-MM-DD`).
    Retired(&'static str),
}

#[derive(Debug)]
pub struct RichResultType {
    pub type_name: &'static str,
    pub status: Status,
    /// The row applies only to entities with one of these properties (empty: always).
    pub when: Vec<&'static str>,
    pub required: Vec<Requirement>,
    pub recommended: Vec<Requirement>,
    /// The rich result's name in Google's documentation.
    pub feature: &'static str,
    pub source: &'static str,
}

impl RichResultType {
    /// Whether an entity of type `name` with these property keys is described by this row:
    /// the type itself or a subtype that schema.org gives no properties of its own (MusicEvent
    /// under Event, Car under Vehicle), and the `when` condition.
    pub fn applies(&self, name: &str, has_property: impl Fn(&str) -> bool) -> bool {
        let same_type = strip(name) == self.type_name || VOCABULARY.inherits_base_of(name, self.type_name);
        same_type && (self.when.is_empty() || self.when.iter().any(|key| has_property(key)))
    }
}

pub static RICH_RESULTS: LazyLock<Vec<RichResultType>> = LazyLock::new(|| parse(DATA));

/// The row for `type_name` exactly (`Article` for LD004).
#[cfg(test)]
pub fn row(type_name: &str) -> Option<&'static RichResultType> {
    RICH_RESULTS.iter().find(|row| row.type_name == type_name)
}

/// The date of the table's last review, from its header.
#[cfg(test)]
pub fn reviewed() -> &'static str {
    DATA.lines()
        .filter_map(|line| line.split_once("Reviewed "))
        .find_map(|(_, rest)| rest.get(..10))
        .unwrap_or("unknown")
}

fn strip(name: &str) -> &str {
    name.rsplit_once([':', '/']).map_or(name, |(_, last)| last)
}

fn parse(data: &'static str) -> Vec<RichResultType> {
    data.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let fields: Vec<&'static str> = line.split('\t').collect();
            let [type_name, status, when, required, recommended, feature, source] = fields[..] else {
                return None;
            };
            let status = match status.strip_prefix("retired:") {
                Some(date) => Status::Retired(date),
                None => Status::Supported,
            };
            Some(RichResultType {
                type_name,
                status,
                when: list(when).collect(),
                required: list(required).map(requirement).collect(),
                recommended: list(recommended).map(requirement).collect(),
                feature,
                source,
            })
        })
        .collect()
}

fn list(field: &'static str) -> impl Iterator<Item = &'static str> {
    field.split(',').filter(|item| !item.is_empty() && *item != "-")
}

/// `itemListElement.name|item` → `itemListElement.name` or `itemListElement.item`.
fn requirement(text: &'static str) -> Requirement {
    let mut alternatives = text.split('|');
    let first: PropertyPath = alternatives.next().unwrap_or_default().split('.').collect();
    let parent = &first[..first.len() - 1];
    let mut paths = vec![first.clone()];
    for leaf in alternatives {
        let mut path = parent.to_vec();
        path.push(leaf);
        paths.push(path);
    }
    Requirement { alternatives: paths }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_parses_with_a_google_source() {
        let rows = &*RICH_RESULTS;
        assert!(rows.len() >= 15, "{} rows", rows.len());
        for row in rows {
            assert!(VOCABULARY.has_type(row.type_name), "{} is not a schema.org type", row.type_name);
            assert!(row.source.starts_with("https://developers.google.com/search/"), "{}", row.source);
            if let Status::Retired(date) = row.status {
                assert!(crate::text::dates::parse_datetime(date).is_ok(), "{date}");
            }
        }
        assert_eq!(reviewed(), "2026-11-26");
        for doc in
            [include_str!("../rules/LD004.md"), include_str!("../rules/LD010.md"), include_str!("../rules/LD011.md")]
        {
            assert!(doc.contains(&format!("reviewed on {}", reviewed())), "a rule doc gives another review date");
        }
    }

    #[test]
    fn alternatives_share_their_parent() {
        let breadcrumb = row("BreadcrumbList").unwrap();
        let name = &breadcrumb.required[2];
        assert_eq!(name.parent(), ["itemListElement"]);
        assert_eq!(name.leaves().collect::<Vec<_>>(), ["name", "item"]);
        let product = row("Product").unwrap();
        assert_eq!(product.required[1].leaves().collect::<Vec<_>>(), ["review", "aggregateRating", "offers"]);
    }

    #[test]
    fn subtypes_without_properties_of_their_own_are_included() {
        let event = row("Event").unwrap();
        assert!(event.applies("MusicEvent", |_| false));
        assert!(event.applies("schema:Event", |_| false));
        assert!(!event.applies("Recipe", |_| false));
        let faq = row("FAQPage").unwrap();
        assert!(!faq.applies("ProfilePage", |_| false), "WebPage types share a base but are not FAQ pages");
        let search_box = row("WebSite").unwrap();
        assert!(!search_box.applies("WebSite", |_| false));
        assert!(search_box.applies("WebSite", |key| key == "potentialAction"));
    }
}
