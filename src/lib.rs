//! postlint: a fast linter for blog posts written as Markdown with front matter.

pub(crate) mod baseline;
pub(crate) mod bounded;
pub mod cli;
pub mod config;
pub(crate) mod custom;
pub mod diagnostic;
pub(crate) mod discover;
pub mod document;
pub mod engine;
pub mod error;
pub mod fix;
pub mod lsp;
pub mod output;
pub(crate) mod reads;
pub(crate) mod replay;
pub(crate) mod rich_results;
pub mod rulebook;
pub mod rules;
pub mod run;
pub(crate) mod schema_org;
pub mod site;
pub(crate) mod suppression;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub(crate) mod text;
pub(crate) mod work;
