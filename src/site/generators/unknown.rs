//! No generator recognised: the Markdown is read as GitHub shows it
//! (<https://docs.github.com/en/get-started/writing-on-github>): every Markdown file is a
//! post, relative paths are files beside it, heading anchors are GitHub's and a fragment
//! is looked up ignoring case.

use super::{Adapter, Conventions, FragmentMatch, Generator, RelativeRefs};
use crate::document::front_matter::FrontMatter;
use crate::site::Site;
use crate::site::pages::{self, PageKind};
use crate::text::slug::Slugger;

#[derive(Debug, Default)]
pub(in crate::site) struct Unknown;

impl Adapter for Unknown {
    fn generator(&self) -> Generator {
        Generator::Unknown
    }

    fn conventions(&self) -> Conventions {
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
        }
    }

    fn kind_of(&self, _site: &Site, relative: &str, front: Option<&FrontMatter>) -> PageKind {
        pages::unbuilt_anywhere(relative, front).unwrap_or(PageKind::Post)
    }

    fn static_folders(&self, _site: &Site) -> Vec<String> {
        vec![String::new()]
    }
}
