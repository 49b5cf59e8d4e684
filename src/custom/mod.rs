//! Rules written in the configuration, in the spirit of Vale's styles but aware of front
//! matter: `[custom.X001]` tables in `postlint.toml` (or in the files its `custom-rules`
//! globs name). Each has a kind (existence, substitution, occurrence, required-key,
//! pattern), a scope (title, headings, body, alt text, link text, a front matter key, a
//! JSON-LD property), a message and examples that `postlint rules --test` runs.
//!
//! A custom rule is a `Rule` like the built-in ones: the engine runs it, suppression
//! comments and `per-file-ignores` name its code, every output format shows it.

mod definition;
mod matcher;
mod rule;
mod scope;

pub use definition::{CustomRule, parse_rule};

/// The family name custom rules are listed under.
pub const FAMILY: &str = "custom";
