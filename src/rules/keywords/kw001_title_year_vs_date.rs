//! KW001 title-year-vs-date (rules/KW001.md).
//!
//! A title that claims a year (`2026年版`, `2026年`, `(2026)`, `in 2026`, `2026 edition`,
//! `Best … 2026`, `FY2026`) that the publish date (front matter, else the file name)
//! contradicts.

use super::*;

/// KW001 title-year-vs-date.
pub struct TitleYearVsDate {
    late_from_month: u32,
    rules: YearRules,
}

impl TitleYearVsDate {
    pub fn new(options: &Options, shared: &SharedOptions) -> Result<Self, OptionError> {
        let month = options.int("next-year-from-month");
        if !(1..=13).contains(&month) {
            return Err(OptionError {
                key: "next-year-from-month".into(),
                message: "must be a month number from 1 to 12 (13 turns the window off)".into(),
            });
        }
        Ok(TitleYearVsDate { late_from_month: month as u32, rules: YearRules::from_shared(shared) })
    }
}

impl Rule for TitleYearVsDate {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some((claimed, span, phrase)) = title_claim(ctx, &self.rules) else { return };
        let Some((date, date_span)) = publish_date(ctx) else { return };
        let dated = date.date;
        let early_edition = claimed == dated.year + 1 && dated.month >= self.late_from_month;
        if claimed == dated.year || early_edition {
            return;
        }
        // `Ruby in 2002` posted in January 2003 looks back; only an edition claim
        // (`2025年版`, `2025 edition`) posted then is a title left behind.
        let title = ctx.doc.title().unwrap_or("").to_lowercase();
        let edition = ["年版", "年度版", "edition", "guide", "update"].iter().any(|w| title.contains(w));
        if claimed == dated.year - 1 && dated.month <= 2 && !edition {
            return;
        }
        let mut diagnostic = Diagnostic::new(span, format!("title says {phrase}, but the post is dated {dated}")).help(
            if claimed < dated.year {
                format!("update the title to {}, or keep the old date if the post was not refreshed", dated.year)
            } else {
                "fix the year in the title or the date".to_string()
            },
        );
        if let Some(date_span) = date_span {
            diagnostic = diagnostic.label(date_span, "dated here");
        }
        out.push(diagnostic);
    }
}
