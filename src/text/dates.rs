//! Dates as blog generators read them: YAML timestamps, ISO 8601, and Jekyll's
//! `YYYY-MM-DD HH:MM:SS +/-TTTT`.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub date: Date,
    /// Seconds since midnight, when a time is given.
    pub seconds: Option<u32>,
    /// Offset from UTC in minutes, when given (`Z` is 0).
    pub offset_minutes: Option<i32>,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Days since 1970-01-01 (Howard Hinnant's civil algorithm).
    pub fn days(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (self.year as i64 - 1, self.month as i64 + 9)
        } else {
            (self.year as i64, self.month as i64 - 3)
        };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * m + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn today_utc() -> Date {
        let seconds =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        Date::from_days(seconds.div_euclid(86_400))
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl DateTime {
    /// The instant in seconds since the epoch; a date-time without an offset is read as UTC.
    pub fn instant(&self) -> i64 {
        self.date.days() * 86_400 + i64::from(self.seconds.unwrap_or(0))
            - i64::from(self.offset_minutes.unwrap_or(0)) * 60
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not shaped like a date at all.
    NotADate,
    /// Shaped like a date but impossible (`2026-02-30`, `25:00`).
    OutOfRange(String),
}

/// Parses `YYYY-MM-DD`, optionally followed by `T` or spaces and `HH:MM[:SS[.frac]]`,
/// optionally followed by `Z`, `±HH:MM`, `±HHMM` or ` ±HHMM`.
pub fn parse_datetime(text: &str) -> Result<DateTime, DateError> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.len() < 8 {
        return Err(DateError::NotADate);
    }
    let (year, rest) = take_digits(text, 4, 4).ok_or(DateError::NotADate)?;
    let rest = rest.strip_prefix('-').ok_or(DateError::NotADate)?;
    let (month, rest) = take_digits(rest, 1, 2).ok_or(DateError::NotADate)?;
    let rest = rest.strip_prefix('-').ok_or(DateError::NotADate)?;
    let (day, rest) = take_digits(rest, 1, 2).ok_or(DateError::NotADate)?;
    let date = Date::new(year as i32, month, day)
        .ok_or_else(|| DateError::OutOfRange(format!("{year:04}-{month:02}-{day:02} is not a day of the calendar")))?;
    if rest.is_empty() {
        return Ok(DateTime { date, seconds: None, offset_minutes: None });
    }
    let rest = rest.strip_prefix(['T', 't']).unwrap_or(rest).trim_start();
    let (hour, rest) = take_digits(rest, 1, 2).ok_or(DateError::NotADate)?;
    let rest = rest.strip_prefix(':').ok_or(DateError::NotADate)?;
    let (minute, mut rest) = take_digits(rest, 2, 2).ok_or(DateError::NotADate)?;
    let mut second = 0;
    if let Some(after) = rest.strip_prefix(':') {
        let (s, after) = take_digits(after, 2, 2).ok_or(DateError::NotADate)?;
        second = s;
        rest = after;
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return Err(DateError::NotADate);
            }
            rest = &fraction[digits..];
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(DateError::OutOfRange(format!("{hour:02}:{minute:02}:{second:02} is not a time of day")));
    }
    let seconds = Some(hour * 3600 + minute * 60 + second);
    let rest = rest.trim_start();
    let offset_minutes = match rest {
        "" => None,
        "Z" | "z" => Some(0),
        _ => Some(parse_offset(rest).ok_or(DateError::NotADate)?),
    };
    Ok(DateTime { date, seconds, offset_minutes })
}

fn parse_offset(text: &str) -> Option<i32> {
    let sign = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    // YAML 1.1 timestamps (what Jekyll's and Eleventy's parsers read) allow a one-digit
    // hour (`-4`, `+9:00`); ISO 8601 writes two, with or without a colon (`-0400`).
    let (hours, minutes) = match text[1..].split_once(':') {
        Some((hours, minutes)) if (1..=2).contains(&hours.len()) && minutes.len() == 2 => (hours, minutes),
        Some(_) => return None,
        None => match text.len() - 1 {
            1 | 2 => (&text[1..], "0"),
            4 => (&text[1..3], &text[3..]),
            _ => return None,
        },
    };
    if !hours.bytes().chain(minutes.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

fn take_digits(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let count = text.bytes().take(max).take_while(u8::is_ascii_digit).count();
    if count < min {
        return None;
    }
    Some((text[..count].parse().ok()?, &text[count..]))
}

/// A date at the start of a file name: `2026-01-12-slug.md`.
pub fn filename_date(name: &str) -> Option<Date> {
    filename_date_prefix(name).map(|(date, _)| date)
}

/// The date at the start of a post's file name and the length of that prefix with its
/// trailing `-`, as Jekyll reads it: `YYYY-M-D-`, month and day with one or two digits
/// (`2019-1-7-title.md` is a valid post name).
pub fn filename_date_prefix(name: &str) -> Option<(Date, usize)> {
    let mut fields = [0u32; 3];
    let mut at = 0;
    let bytes = name.as_bytes();
    for (index, (min, max)) in [(4, 4), (1, 2), (1, 2)].into_iter().enumerate() {
        let digits = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits < min || digits > max || bytes.get(at + digits) != Some(&b'-') {
            return None;
        }
        fields[index] = name[at..at + digits].parse().ok()?;
        at += digits + 1;
    }
    let date = Date::new(i32::try_from(fields[0]).ok()?, fields[1], fields[2])?;
    Some((date, at))
}

/// The file name's part after its date prefix (`plan` of `2026-01-12-plan`), or the name.
pub fn strip_filename_date(name: &str) -> &str {
    filename_date_prefix(name).map_or(name, |(_, length)| &name[length..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_generators_accept() {
        assert_eq!(parse_datetime("2026-01-12").unwrap().date, Date { year: 2026, month: 1, day: 12 });
        let dt = parse_datetime("2026-01-12T01:56:15.441Z").unwrap();
        assert_eq!(dt.offset_minutes, Some(0));
        let jekyll = parse_datetime("2026-01-12 10:00:00 +0900").unwrap();
        assert_eq!(jekyll.offset_minutes, Some(540));
        // YAML 1.1 timestamps: a one-digit hour offset.
        assert_eq!(parse_datetime("2015-06-11 11:30:00 -4").unwrap().offset_minutes, Some(-240));
        assert_eq!(parse_datetime("2015-06-11 11:30:00 +9:00").unwrap().offset_minutes, Some(540));
        assert!(parse_datetime("2015-06-11 11:30:00 -400").is_err());
        assert!(parse_datetime("2026-01-12 10:00").unwrap().offset_minutes.is_none());
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(matches!(parse_datetime("2026-02-30"), Err(DateError::OutOfRange(_))));
        assert!(matches!(parse_datetime("2026-01-12T25:00:00Z"), Err(DateError::OutOfRange(_))));
        assert_eq!(parse_datetime("next tuesday"), Err(DateError::NotADate));
    }

    #[test]
    fn day_numbers_round_trip() {
        let date = Date { year: 2026, month: 11, day: 25 };
        assert_eq!(Date::from_days(date.days()), date);
        assert_eq!(Date { year: 1970, month: 1, day: 1 }.days(), 0);
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(filename_date("2026-01-12-plan.md"), Date::new(2026, 1, 12));
        assert_eq!(filename_date("plan.md"), None);
        assert_eq!(filename_date("2019-1-7-plan.md"), Date::new(2019, 1, 7), "Jekyll takes one-digit months and days");
        assert_eq!(strip_filename_date("2019-1-7-plan"), "plan");
        assert_eq!(filename_date("2019-01-123-plan.md"), None);
        assert_eq!(filename_date("2019-13-01-plan.md"), None);
    }
}

/// The calendar day `time` falls on in the IANA time zone `zone` (`Asia/Tokyo`): a time
/// with its own offset is moved into the zone; a time without one is already local.
/// `None` for a zone name the bundled database does not know.
pub fn day_in_zone(time: &DateTime, zone: &str) -> Option<Date> {
    let (Some(seconds), Some(offset)) = (time.seconds, time.offset_minutes) else { return Some(time.date) };
    let tz = jiff::tz::TimeZone::get(zone).ok()?;
    let civil = jiff::civil::date(
        i16::try_from(time.date.year).ok()?,
        i8::try_from(time.date.month).ok()?,
        i8::try_from(time.date.day).ok()?,
    )
    .at(
        i8::try_from(seconds / 3600).ok()?,
        i8::try_from(seconds / 60 % 60).ok()?,
        i8::try_from(seconds % 60).ok()?,
        0,
    );
    let offset = jiff::tz::Offset::from_seconds(offset.checked_mul(60)?).ok()?;
    let instant = offset.to_timestamp(civil).ok()?;
    let local = instant.to_zoned_datetime(tz).date();
    Date::new(i32::from(local.year()), u32::try_from(local.month()).ok()?, u32::try_from(local.day()).ok()?)
}

/// The calendar day `time` falls on in UTC (a build machine with no time zone set).
pub fn day_in_utc(time: &DateTime) -> Date {
    day_in_zone(time, "UTC").unwrap_or(time.date)
}

#[cfg(test)]
mod zone_tests {
    use super::*;

    #[test]
    fn a_time_with_an_offset_falls_on_its_day_in_the_sites_zone() {
        let time = parse_datetime("2021-05-02 01:50:00 +0300").unwrap();
        assert_eq!(day_in_zone(&time, "America/New_York"), Date::new(2021, 5, 1));
        assert_eq!(day_in_zone(&time, "Europe/Moscow"), Date::new(2021, 5, 2));
        assert_eq!(day_in_utc(&time), Date::new(2021, 5, 1).unwrap());
        let local = parse_datetime("2021-05-02 01:50:00").unwrap();
        assert_eq!(day_in_zone(&local, "America/New_York"), Date::new(2021, 5, 2), "already local");
        assert_eq!(day_in_zone(&time, "Nowhere/Invented"), None);
    }
}
