//! Reading the line under a headline: bylines ("By Ana Ruiz"), dates in common formats, or both.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// What a dateline holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Dateline {
    /// The author, without "By".
    pub byline: Option<String>,
    /// The publication time (midnight UTC for a bare date).
    pub published: Option<DateTime<FixedOffset>>,
}

/// Reads `line` as a dateline: parts separated by `|`, `·` or `•`, each a byline ("By X") or a date
/// (optionally after "Published", "Updated" or "Posted"). `None` when any part is something else.
#[must_use]
pub fn parse(line: &str) -> Option<Dateline> {
    let line = line.trim();
    if line.is_empty() || line.len() > 200 {
        return None;
    }
    let mut out = Dateline::default();
    for part in line.split(['|', '\u{b7}', '\u{2022}']) {
        let part = part.trim().trim_end_matches([',', ';']).trim();
        if part.is_empty() {
            continue;
        }
        if let Some(name) = strip_prefix_ci(part, "by ") {
            let name = name.trim();
            if name.is_empty() || name.split_whitespace().count() > 8 {
                return None;
            }
            out.byline = Some(name.to_owned());
        } else if let Some(date) = parse_date(strip_date_label(part)) {
            out.published = Some(date);
        } else {
            return None;
        }
    }
    (out.byline.is_some() || out.published.is_some()).then_some(out)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

fn strip_date_label(part: &str) -> &str {
    for label in [
        "published on",
        "published",
        "updated on",
        "updated",
        "posted on",
        "posted",
        "on",
    ] {
        if let Some(rest) = strip_prefix_ci(part, label)
            && rest.starts_with([' ', ':'])
        {
            return rest.trim_start_matches([':', ' ']);
        }
    }
    part
}

const DATE_TIME_FORMATS: &[&str] = &[
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%B %d, %Y %I:%M %p",
    "%B %d, %Y at %I:%M %p",
    "%B %d, %Y, %I:%M %p",
    "%B %d, %Y %H:%M",
    "%B %d, %Y, %H:%M",
    "%d %B %Y %H:%M",
    "%d %B %Y, %H:%M",
    "%A, %B %d, %Y %I:%M %p",
    "%A, %B %d, %Y, %I:%M %p",
];

const DATE_FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%B %d, %Y",
    "%B %d %Y",
    "%b. %d, %Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%d. %B %Y",
    "%A, %B %d, %Y",
    "%A %B %d, %Y",
    "%A, %d %B %Y",
    "%A %d %B %Y",
    "%a, %d %b %Y",
];

/// Parses a date or date-time in the formats news pages commonly print. A bare date is taken as midnight
/// UTC, a time without a zone as UTC; a trailing "GMT" or "UTC" is understood.
#[must_use]
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    // Every format above starts with a digit or a letter and holds a digit; cheap checks first keep
    // the many lines that are not dates fast.
    if s.len() < 6 || s.len() > 60 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    let s = s
        .strip_suffix(" GMT")
        .or_else(|| s.strip_suffix(" UTC"))
        .unwrap_or(s)
        .trim();
    let utc = |n: NaiveDateTime| Utc.from_utc_datetime(&n).fixed_offset();
    if let Some(n) = DATE_TIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(utc(n));
    }
    DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .map(|d| utc(d.and_time(NaiveTime::MIN)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> String {
        parse_date(s).map(|d| d.to_rfc3339()).unwrap_or_default()
    }

    #[test]
    fn dates_in_common_formats() {
        assert_eq!(day("December 22, 2014"), "2014-12-22T00:00:00+00:00");
        assert_eq!(day("Dec 22, 2014"), "2014-12-22T00:00:00+00:00");
        assert_eq!(day("Dec. 22, 2014"), "2014-12-22T00:00:00+00:00");
        assert_eq!(day("22 December 2014"), "2014-12-22T00:00:00+00:00");
        assert_eq!(day("2014-12-22"), "2014-12-22T00:00:00+00:00");
        assert_eq!(
            day("Monday, December 22, 2014"),
            "2014-12-22T00:00:00+00:00"
        );
        assert_eq!(
            day("2014-12-22T20:00:00+01:00"),
            "2014-12-22T20:00:00+01:00"
        );
        assert_eq!(
            day("December 22, 2014 8:05 PM"),
            "2014-12-22T20:05:00+00:00"
        );
        assert_eq!(day("2014-12-22 20:00 GMT"), "2014-12-22T20:00:00+00:00");
        assert_eq!(
            day("Mon, 22 Dec 2014 20:00:00 +0000"),
            "2014-12-22T20:00:00+00:00"
        );
        assert_eq!(day("Calls for ICC referral"), "");
        assert_eq!(day("February 30, 2014"), "");
    }

    #[test]
    fn bylines_and_dates_together() {
        let d = parse("By Ana Ruiz | November 20, 2026").unwrap();
        assert_eq!(d.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2026-11-20T00:00:00+00:00"
        );
        assert_eq!(
            parse("BY LI WEI").unwrap().byline.as_deref(),
            Some("LI WEI")
        );
        assert!(parse("Published: 2026-11-03").unwrap().published.is_some());
    }

    #[test]
    fn other_lines_are_not_datelines() {
        assert_eq!(parse("-"), None);
        assert_eq!(
            parse("North Korea faces UN rebuke over rights violations"),
            None
        );
        assert_eq!(
            parse("By the time the council met, the vote was lost and everyone knew it."),
            None
        );
        assert_eq!(parse("By Ana | not a date"), None);
    }
}
