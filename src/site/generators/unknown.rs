//! Sites without a generator postlint knows.
//!
//! `Plain`: Markdown read as GitHub shows it (<https://docs.github.com/en/get-started/writing-on-github>),
//! for `generator = "none"` and a file in no site: every Markdown file is a post, relative
//! paths are files beside it, heading anchors are GitHub's and a fragment is looked up
//! ignoring case.
//!
//! `Unknown`: a site whose generator is not recognised (none of the configs any adapter
//! knows). Its files are linted as posts, but where its references lead and which ids
//! its headings get are the unknown generator's: they are not judged, and the run says
//! so once.

use super::{Adapter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::document::front_matter::FrontMatter;
use crate::site::Site;
use crate::site::pages::{self, PageKind};
use crate::text::slug::Slugger;

fn conventions(resolves_references: bool) -> Conventions {
    Conventions {
        slugger: Slugger::Github,
        fragments: FragmentMatch::IgnoringCase,
        relative_refs: RelativeRefs::SourceFolder,
        extensionless_links_are_urls: false,
        kramdown: false,
        definition_term_ids: false,
        space_separated_lists: false,
        dated_post_file_names: true,
        dated_path_key: false,
        knows_every_url: false,
        required_keys_option: "other",
        resolves_references,
    }
}

#[derive(Debug, Default)]
pub(in crate::site) struct Plain;

impl Adapter for Plain {
    fn generator(&self) -> Generator {
        Generator::Plain
    }

    fn conventions(&self) -> Conventions {
        conventions(true)
    }

    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        pages::unbuilt_anywhere(relative, front).unwrap_or(PageKind::Post)
    }

    fn static_folders(&self, _site: &Site) -> Vec<String> {
        vec![String::new()]
    }
}

#[derive(Debug, Default)]
pub(in crate::site) struct Unknown;

impl Adapter for Unknown {
    fn generator(&self) -> Generator {
        Generator::Unknown
    }

    fn conventions(&self) -> Conventions {
        conventions(false)
    }

    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        pages::unbuilt_anywhere(relative, front).unwrap_or(PageKind::Post)
    }

    fn static_folders(&self, _site: &Site) -> Vec<String> {
        Vec::new()
    }

    fn unchecked(&self, site: &Site) -> Vec<String> {
        let _ = site;
        vec![
            "generator not recognised: link and image paths and `#fragment` links are not checked; set `generator` in postlint.toml or pass `--generator`".to_string(),
        ]
    }
}
