//! Running a custom rule on one post.

use std::ops::Range;

use super::definition::{CustomRule, Kind};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::tree::Value;
use crate::rules::post::publish_date;
use crate::rules::{Context, Reporter, Rule};
use crate::text::escape::quote;

impl Rule for CustomRule {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        if let Some(after) = self.published_after {
            let Some((published, _)) = publish_date(ctx) else { return };
            if published.date < after {
                return;
            }
        }
        let source = ctx.doc.source;
        match &self.kind {
            Kind::Existence(matcher) => {
                for range in self.scope.ranges(ctx) {
                    for found in matcher.find(&source[range.clone()]) {
                        let at = shift(&found.range, range.start);
                        let text = &source[at.clone()];
                        out.push(self.diagnostic(at, &[("match", text)]));
                    }
                }
            }
            Kind::Substitution(matcher, replacements) => {
                for range in self.scope.ranges(ctx) {
                    for found in matcher.find(&source[range.clone()]) {
                        let Some(replacement) = found.token.and_then(|i| replacements.get(i)) else { continue };
                        let at = shift(&found.range, range.start);
                        let text = &source[at.clone()];
                        let diagnostic = self
                            .diagnostic(at.clone(), &[("match", text), ("replacement", replacement)])
                            .fix(Fix::unsafe_edits(vec![Edit::replace(at, replacement.clone())]));
                        out.push(diagnostic);
                    }
                }
            }
            Kind::Occurrence { matcher, min, max } => self.occurrences(ctx, matcher, *min, *max, out),
            Kind::RequiredKey { key, values } => self.required_key(ctx, key, values.as_deref(), out),
            Kind::Pattern(regex) => {
                for range in self.scope.ranges(ctx) {
                    let raw = &source[range.clone()];
                    let compared = crate::text::normalize::fold(raw);
                    if !regex.is_match(raw) && !regex.is_match(&compared) {
                        out.push(self.diagnostic(range, &[("value", raw)]));
                    }
                }
            }
        }
    }
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

impl CustomRule {
    /// The rule's message with `{match}`, `{value}` … filled in.
    fn diagnostic(&self, span: Range<usize>, values: &[(&str, &str)]) -> Diagnostic {
        let fill = |template: &str| {
            values.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
        };
        let mut diagnostic = Diagnostic::new(span, fill(&self.message)).severity(self.severity);
        if let Some(help) = &self.help {
            diagnostic = diagnostic.help(fill(help));
        }
        diagnostic
    }

    fn occurrences(
        &self,
        ctx: &Context<'_>,
        matcher: &super::matcher::Matcher,
        min: Option<usize>,
        max: Option<usize>,
        out: &mut Reporter,
    ) {
        let source = ctx.doc.source;
        let ranges = self.scope.ranges(ctx);
        let found: Vec<Range<usize>> = ranges
            .iter()
            .flat_map(|range| {
                matcher.find(&source[range.clone()]).into_iter().map(move |f| shift(&f.range, range.start))
            })
            .collect();
        let count = found.len().to_string();
        let (min_text, max_text) = (min.map(|n| n.to_string()), max.map(|n| n.to_string()));
        let values = [
            ("count", count.as_str()),
            ("min", min_text.as_deref().unwrap_or("")),
            ("max", max_text.as_deref().unwrap_or("")),
        ];
        if let Some(max) = max
            && let Some(first_extra) = found.get(max)
        {
            // Reported once, at the first match over the limit; the rest are labels.
            let mut diagnostic = self.diagnostic(first_extra.clone(), &values);
            for extra in found.iter().skip(max + 1).take(8) {
                diagnostic = diagnostic.label(extra.clone(), "again");
            }
            out.push(diagnostic);
        }
        if let Some(min) = min
            && found.len() < min
        {
            let at = ranges.first().cloned().unwrap_or_else(|| start_of(ctx));
            out.push(self.diagnostic(at, &values));
        }
    }

    fn required_key(&self, ctx: &Context<'_>, key: &str, allowed: Option<&[String]>, out: &mut Reporter) {
        let Some(node) = ctx.doc.front(key) else {
            let diagnostic = match allowed {
                // The message speaks of a wrong value; a missing key gets its own words.
                Some(allowed) => {
                    let listed = allowed.iter().map(|v| quote(v)).collect::<Vec<_>>().join(", ");
                    let mut diagnostic = Diagnostic::new(start_of(ctx), format!("front matter has no `{key}`"))
                        .severity(self.severity)
                        .help(format!("add `{key}:` with one of {listed}"));
                    if let Some(help) = &self.help {
                        diagnostic = diagnostic.help(help.clone());
                    }
                    diagnostic
                }
                None => self.diagnostic(start_of(ctx), &[("key", key), ("value", "")]),
            };
            out.push(diagnostic);
            return;
        };
        let Some(allowed) = allowed else { return };
        let values: Vec<(&str, Range<usize>)> = match &node.value {
            Value::Seq(items) => items.iter().filter_map(|item| Some((item.as_str()?, item.span.clone()))).collect(),
            _ => match node.scalar_text() {
                Some(_) => vec![(node.as_str().unwrap_or_default(), node.span.clone())],
                None => Vec::new(),
            },
        };
        let folded_allowed: Vec<String> = allowed.iter().map(|v| crate::text::normalize::fold(v)).collect();
        for (value, span) in values {
            if !folded_allowed.contains(&crate::text::normalize::fold(value)) {
                let listed = allowed.iter().map(|v| quote(v)).collect::<Vec<_>>().join(", ");
                out.push(self.diagnostic(span, &[("key", key), ("value", value), ("values", &listed)]));
            }
        }
    }
}

/// Where to report what a post lacks: its front matter's opening fence, else its first line.
fn start_of(ctx: &Context<'_>) -> Range<usize> {
    match &ctx.doc.front_matter {
        Some(front_matter) => front_matter.span.start..front_matter.span.start + 3,
        None => 0..ctx.doc.source.find('\n').unwrap_or(ctx.doc.source.len()),
    }
}
