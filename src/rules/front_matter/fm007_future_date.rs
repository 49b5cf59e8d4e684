//! FM007 future-date (rules/FM007.md).
//!
//! A post whose publish date (front matter, else file name) is after today.

use super::*;

/// FM007 future-date.
pub struct FutureDate;

impl Rule for FutureDate {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some((date, span)) = publish_date(ctx) else { return };
        if date.date > ctx.today {
            let span = span.unwrap_or_else(|| 0..ctx.doc.lines.line_span(ctx.doc.source, 0).end);
            out.push(
                Diagnostic::new(span, format!("publish date {} is after today ({})", date.date, ctx.today)).help(
                    "Jekyll and Hugo skip future posts unless built with --future / --buildFuture; check the year",
                ),
            );
        }
    }
}
