//! FM005 invalid-date (rules/FM005.md).
//!
//! A date key (`date`, `last_modified_at`, `lastmod`, `updated`, `publishDate` …) whose
//! value is not a valid date or date-time: YAML timestamps, ISO 8601, and Jekyll's `YYYY-
//! MM-DD HH:MM:SS +0900` are accepted.

use super::*;

/// FM005 invalid-date.
pub struct InvalidDate {
    require_time_zone: bool,
}

impl InvalidDate {
    pub fn new(options: &Options) -> Self {
        InvalidDate { require_time_zone: options.bool("require-time-zone") }
    }
}

impl Rule for InvalidDate {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some(front_matter) = &ctx.doc.front_matter else { return };
        for entry in front_matter.entries() {
            if !DATE_KEYS.contains(&entry.key.as_str()) {
                continue;
            }
            let Some(parsed) = parse_date_node(&entry.value) else { continue };
            let text = entry.value.scalar_text().unwrap_or_default();
            if ctx.site.computes_date(&entry.key, &text) {
                continue;
            }
            match parsed {
                Err(DateError::NotADate) => out.push(
                    Diagnostic::new(entry.value.span.clone(), format!("`{}` is not a date: {}", entry.key, quote(&text)))
                        .help("write `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS+09:00` or `YYYY-MM-DD HH:MM:SS +0900`"),
                ),
                Err(DateError::OutOfRange(why)) => out.push(
                    Diagnostic::new(entry.value.span.clone(), format!("`{}` is not a valid date: {why}", entry.key))
                        .help("check the day and month"),
                ),
                Ok(date) if self.require_time_zone && date.seconds.is_some() && date.offset_minutes.is_none() => out.push(
                    Diagnostic::new(entry.value.span.clone(), format!("`{}` has a time but no time zone", entry.key))
                        .help("add the offset (`+0900`, `Z`); without it the generator uses the build machine's zone and the day can shift")
                        .severity(Severity::Info),
                ),
                Ok(_) => {}
            }
        }
    }
}
