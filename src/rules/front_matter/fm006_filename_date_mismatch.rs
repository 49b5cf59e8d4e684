//! FM006 filename-date-mismatch (rules/FM006.md).
//!
//! A `_posts/` file whose name does not start with `YYYY-MM-DD-` (an error: Jekyll skips
//! it), and, with `date-mismatch = true`, a post whose front matter `date` is a different
//! day from the date in its file name.

use super::*;

/// FM006 filename-date-mismatch.
pub struct FilenameDateMismatch {
    /// Whether a front matter date that differs from the file name's is reported: off by
    /// default, since the date written in front matter is the one every reader and URL
    /// sees (judged noise on 8 of 9 blind rows).
    date_mismatch: bool,
}

impl FilenameDateMismatch {
    pub fn new(options: &Options) -> Self {
        FilenameDateMismatch { date_mismatch: options.bool("date-mismatch") }
    }
}

impl Rule for FilenameDateMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        // `YYYY-MM-DD-` names are Jekyll's convention; VuePress's blog plugin reads `_posts/`
        // but dates posts from their front matter.
        if !ctx.site.dates_posts_by_file_name(ctx.doc.path) {
            return;
        }
        let name = ctx.doc.file_name();
        let Some(file_date) = dates::filename_date(name) else {
            let span = 0..ctx.doc.lines.line_span(ctx.doc.source, 0).end;
            out.push(
                Diagnostic::new(span, format!("file name {} does not start with a `YYYY-MM-DD-` date", quote(name)))
                    .help("Jekyll skips files in _posts whose names are not `YYYY-MM-DD-title.md`; rename it")
                    .severity(Severity::Error),
            );
            return;
        };
        if !self.date_mismatch {
            return;
        }
        let Some(entry) = ctx.doc.front_matter.as_ref().and_then(|fm| fm.entry("date")) else { return };
        let Some(Ok(date)) = parse_date_node(&entry.value) else { return };
        // Where the URL carries no date (`/blog/:title`, or the post's own permalink), the
        // file name's date is only the draft's: readers, feeds and sitemaps see `date`
        // (plausible.io's editor names files by draft day on 42 posts).
        if !url_has_date(ctx) {
            return;
        }
        // The day the build puts the post on is its date in the site's time zone (with
        // no zone set, the build machine's: the day as written and its day in UTC both
        // count).
        let days = ctx.site.publish_days(&date);
        if !days.contains(&file_date) {
            let said = if days.contains(&date.date) {
                format!("`date` is {}", date.date)
            } else {
                format!("`date` falls on {} in the site's time zone", days[0])
            };
            out.push(
                Diagnostic::new(entry.value.span.clone(), format!("{said}, but the file name says {file_date}")).help(
                    "make them the same day; Jekyll takes the URL's date from one and the sort order from the other",
                ),
            );
        }
    }
}

/// Whether the post's URL carries its date: its own `permalink`, else the site's, has a
/// date placeholder or is one of Jekyll's dated styles (`date`, the default, `pretty`,
/// `ordinal`, `weekdate`).
fn url_has_date(ctx: &Context<'_>) -> bool {
    let own = ctx.doc.front_str("permalink");
    let pattern = own.or(ctx.site.permalink.as_deref()).unwrap_or("date");
    matches!(pattern, "date" | "pretty" | "ordinal" | "weekdate")
        || [":year", ":month", ":day", ":i_month", ":i_day", ":y_day", ":short_year", ":week"]
            .iter()
            .any(|placeholder| pattern.contains(placeholder))
}
