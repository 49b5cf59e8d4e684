//! FM014 reading-time-mismatch (rules/FM014.md).
//!
//! A declared `reading_time`, `readingTime` or `read_time` (minutes) that no reader could
//! take: CJK text is read at 400–600 characters a minute, other text at 200–265 words a
//! minute, and a value between the fastest reader's time and the slowest reader's time
//! rounded up to a whole minute is accepted. The message gives the whole minutes inside
//! that range, so it never prints a range that holds the declared value ("takes 9–12
//! minutes to read", "takes about 1 minute").

use super::*;

/// FM014 reading-time-mismatch.
pub struct ReadingTimeMismatch {
    cjk_per_minute: (f64, f64),
    words_per_minute: (f64, f64),
    slack: f64,
}

impl ReadingTimeMismatch {
    pub fn new(options: &Options) -> Self {
        ReadingTimeMismatch {
            cjk_per_minute: (options.float("cjk-min"), options.float("cjk-max")),
            words_per_minute: (options.float("words-min"), options.float("words-max")),
            slack: options.float("slack-minutes"),
        }
    }
}

impl Rule for ReadingTimeMismatch {
    fn check(&self, ctx: &Context<'_>, out: &mut Reporter) {
        let Some((key, entry)) =
            ctx.doc.front_matter.as_ref().and_then(|fm| fm.first_of(&["reading_time", "readingTime", "read_time"]))
        else {
            return;
        };
        let declared = match &entry.value.value {
            Value::Integer(i) => *i as f64,
            Value::Float(f) => *f,
            Value::String(text) => match text
                .split(|c: char| !c.is_ascii_digit())
                .find(|s| !s.is_empty())
                .and_then(|s| s.parse::<f64>().ok())
            {
                Some(value) => value,
                None => return,
            },
            _ => return,
        };
        let (cjk, words) = body_length(ctx);
        let fastest = cjk as f64 / self.cjk_per_minute.1 + words as f64 / self.words_per_minute.1;
        let slowest = cjk as f64 / self.cjk_per_minute.0 + words as f64 / self.words_per_minute.0;
        // A value some reader in the speed range could take is not a defect: only a value
        // outside [fastest, slowest] (a template's hard-coded "8" on a 1-minute post) is.
        // The message prints the whole minutes inside that range, so it never shows a
        // range that holds the declared value.
        let typical = (fastest + slowest) / 2.0;
        // Reading times are whole minutes rounded up ("1.1 minutes" is a 2-minute read).
        if declared >= fastest - self.slack && declared <= slowest.ceil() + self.slack {
            return;
        }
        let measure = match (cjk, words) {
            (c, w) if c > w => format!("{c} characters of CJK text and {w} other words"),
            (_, w) => format!("{w} words"),
        };
        let minutes = |n: i64| format!("{n} minute{}", if n == 1 { "" } else { "s" });
        let (low, high) = (fastest.ceil().max(1.0) as i64, slowest.ceil().max(1.0) as i64);
        let about = typical.round().max(1.0) as i64;
        let estimate =
            if low >= high { format!("about {}", minutes(about)) } else { format!("{low}–{high} minutes") };
        let declared_text =
            if declared.fract() == 0.0 { minutes(declared as i64) } else { format!("{declared} minutes") };
        out.push(
            Diagnostic::new(
                entry.value.span.clone(),
                format!("`{key}` says {declared_text}, but the body ({measure}) takes {estimate} to read"),
            )
            .help(format!("set it to about {about}, or compute it in the template from the content")),
        );
    }
}
