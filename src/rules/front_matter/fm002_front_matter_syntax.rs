//! FM002 front-matter-syntax (rules/FM002.md).
//!
//! Front matter that does not parse as YAML (`---`), TOML (`+++`) or JSON, that gives the
//! same key twice, or whose opening fence is never closed.

use super::*;

/// FM002 front-matter-syntax: front matter that does not parse, has duplicate keys, or
/// is never closed.
pub struct FrontMatterSyntax;

impl Rule for FrontMatterSyntax {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else {
            return;
        };
        for error in &front_matter.errors {
            let span = widen_empty(ctx.doc.source, error.span.clone());
            let message = if front_matter.unclosed {
                error.message.clone()
            } else {
                format!("invalid {} front matter: {}", front_matter.format.name(), error.message)
            };
            let help = if front_matter.unclosed {
                "add a closing fence line after the last key"
            } else {
                yaml_hint(&error.message)
            };
            out.push(Diagnostic::new(span, message).help(help));
        }
        for duplicate in &front_matter.duplicate_keys {
            out.push(
                Diagnostic::new(duplicate.again.clone(), format!("key {} is given twice", quote(&duplicate.key)))
                    .label(duplicate.first.clone(), "first given here")
                    .help("remove one of them; generators disagree on which one wins"),
            );
        }
    }
}

/// What to do about the YAML errors people make most in front matter.
pub(super) fn yaml_hint(message: &str) -> &'static str {
    if message.contains("mapping values are not allowed") {
        "quote the value: an unquoted `: ` inside a value starts a new mapping"
    } else if message.contains("quoted scalar") {
        "a quoted value is not closed on its line: add the closing quote"
    } else if message.contains("tab") {
        "indent with spaces: YAML does not allow tabs for indentation"
    } else if message.contains("illegal placement of ':'") || message.contains("flow") {
        "close the `[` list or `{` mapping on the line where it starts"
    } else if message.contains("unexpected character") || message.contains("cannot start any token") {
        "quote values that start with `@`, a backtick, `%` or `|`"
    } else {
        "fix the syntax; generators fail on this file or silently drop its front matter"
    }
}

/// An error at a point is shown on the character there, so it has a visible width.
pub(super) fn widen_empty(source: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    if span.start < span.end || span.start >= source.len() {
        return span;
    }
    let width = source[span.start..].chars().next().map_or(0, char::len_utf8);
    if source.as_bytes()[span.start] == b'\n' { span } else { span.start..span.start + width }
}
