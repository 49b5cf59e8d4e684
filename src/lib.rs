//! postlint: a fast linter for blog posts written as Markdown with front matter.

pub mod bounded;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod document;
pub mod engine;
pub mod error;
pub mod fix;
pub mod lsp;
pub mod output;
pub mod rulebook;
pub mod rules;
pub mod run;
pub mod schema_org;
pub mod site;
pub mod suppression;
pub mod testing;
pub mod text;
