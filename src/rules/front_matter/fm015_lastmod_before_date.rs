//! FM015 lastmod-before-date (rules/FM015.md).
//!
//! A `last_modified_at`, `lastmod`, `updated` or `updatedDate` that is earlier than the
//! publish date (by a day or more when both give a time).

use super::*;

/// FM015 lastmod-before-date.
pub struct LastmodBeforeDate;

impl Rule for LastmodBeforeDate {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        let Some((date, Some(date_span))) = publish_date(ctx) else { return };
        let Some((key, entry)) = front_matter.first_of(LASTMOD_KEYS) else { return };
        let Some(Ok(modified)) = parse_date_node(&entry.value) else { return };
        // With times on both, a day or more earlier: hours earlier on the publishing day
        // (a time copied from a template, a time zone left out) moves the sitemap's date
        // by less than a day, which no reader or crawler sees (judged noise on a real
        // Hugo blog).
        let earlier = if modified.seconds.is_some() && date.seconds.is_some() {
            date.instant() - modified.instant() >= 86_400
        } else {
            modified.date < date.date
        };
        if earlier {
            out.push(
                Diagnostic::new(
                    entry.value.span.clone(),
                    format!("`{key}` ({}) is before the publish date ({})", modified.date, date.date),
                )
                .label(date_span, "published here")
                .help("a post cannot be updated before it is published; fix the year or the month"),
            );
        }
    }
}
