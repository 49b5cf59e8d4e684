//! HD002 heading-level-skip (rules/HD002.md).
//!
//! A heading more than one level deeper than the body heading before it (H2 → H4), Markdown
//! and HTML headings alike; a heading inside a callout (`<div class="note">`, `<aside>`,
//! `<details>`) is the callout's title, not a level of the outline.

use super::*;
use crate::document::html::{Tag, find_tags};
use crate::text::lines::Span;

/// HD002 heading-level-skip.
pub struct HeadingLevelSkip {
    /// Class names (or parts of hyphenated class names) that make a `<div>` a callout.
    callout_classes: Vec<String>,
}

impl HeadingLevelSkip {
    pub fn new(options: &Options) -> Self {
        let callout_classes = options.list("callout-classes").iter().map(|c| c.trim().to_ascii_lowercase()).collect();
        HeadingLevelSkip { callout_classes }
    }

    fn is_callout(&self, tag: &Tag) -> bool {
        if tag.name != "div" {
            return true;
        }
        if tag.attribute("role").and_then(|a| a.value.as_deref()).is_some_and(|r| r.eq_ignore_ascii_case("note")) {
            return true;
        }
        let Some(classes) = tag.attribute("class").and_then(|a| a.value.as_deref()) else { return false };
        classes.split_ascii_whitespace().any(|class| {
            let class = class.to_ascii_lowercase();
            class.split(['-', '_']).any(|part| self.callout_classes.iter().any(|c| *c == part))
                || self.callout_classes.contains(&class)
        })
    }

    /// For each heading, whether it stands inside a callout container.
    fn in_callouts(&self, source: &str, html: &[Span], headings: &[Heading]) -> Vec<bool> {
        const CONTAINERS: [&str; 3] = ["div", "aside", "details"];
        // (offset, Some(is_callout) for an opening tag, None for a closing one, name)
        let mut events: Vec<(usize, Option<bool>, &'static str)> = Vec::new();
        for span in html {
            let mut tags = Vec::new();
            find_tags(source, span.clone(), &CONTAINERS, &mut tags);
            for tag in &tags {
                let name = CONTAINERS.iter().find(|n| **n == tag.name).copied().unwrap_or("div");
                events.push((tag.span.start, Some(self.is_callout(tag)), name));
            }
            let text = source.get(span.clone()).unwrap_or("").to_ascii_lowercase();
            for name in CONTAINERS {
                let closing = format!("</{name}");
                events.extend(text.match_indices(&closing).map(|(at, _)| (span.start + at, None, name)));
            }
        }
        events.sort_unstable();
        events.dedup();
        let mut open: Vec<(&str, bool)> = Vec::new();
        let mut next = 0;
        headings
            .iter()
            .map(|heading| {
                while let Some(&(at, opening, name)) = events.get(next) {
                    if at > heading.span.start {
                        break;
                    }
                    match opening {
                        Some(callout) => open.push((name, callout)),
                        None => {
                            if let Some(i) = open.iter().rposition(|(n, _)| *n == name) {
                                open.truncate(i);
                            }
                        }
                    }
                    next += 1;
                }
                open.iter().any(|(_, callout)| *callout)
            })
            .collect()
    }
}

impl Rule for HeadingLevelSkip {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let headings = &ctx.doc.outline.headings;
        let in_callout = self.in_callouts(ctx.doc.source, &ctx.doc.outline.html, headings);
        // Between body headings only, as markdownlint's MD001: a post whose sections start
        // at H3 under the theme's H1 title is a style choice readers do not notice.
        let mut previous: Option<u8> = None;
        for (heading, in_callout) in headings.iter().zip(in_callout) {
            if in_callout {
                continue;
            }
            if let Some(before) = previous
                && heading.level > before + 1
            {
                out.push(
                    Diagnostic::new(
                        heading.span.clone(),
                        format!("heading jumps from H{before} to H{}", heading.level),
                    )
                    .help(format!("make it an H{}, or add the missing level above it", before + 1)),
                );
            }
            previous = Some(heading.level);
        }
    }
}
