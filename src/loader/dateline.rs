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

impl Dateline {
    /// This dateline with what `other` adds: a byline or date this one lacks ("By X" on one line and the
    /// date on the next).
    #[must_use]
    pub fn merged(self, other: Dateline) -> Dateline {
        Dateline {
            byline: self.byline.or(other.byline),
            published: self.published.or(other.published),
        }
    }
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
        if let Some(rest) = strip_byline_label(part) {
            // "Posted by Hester Quill on 12 March 2026": a name, then the date after its last " on ".
            let (name, date) = rest
                .rfind(" on ")
                .and_then(|at| Some((&rest[..at], Some(parse_date(&rest[at + 4..])?))))
                .unwrap_or((rest, None));
            let name = name.trim();
            if !is_name(name) {
                return None;
            }
            out.byline = Some(name.to_owned());
            out.published = out.published.or(date);
        } else if let Some(date) = parse_date(strip_date_label(part)) {
            // The first date stands ("Published …" before "Updated …").
            out.published = out.published.or(Some(date));
        } else {
            return None;
        }
    }
    (out.byline.is_some() || out.published.is_some()).then_some(out)
}

/// Words that may stand in lower case inside a name ("Ana de la Cruz", "Li Wei and Omar Haddad").
const NAME_PARTICLES: &[&str] = &[
    "and", "de", "del", "della", "der", "di", "da", "du", "la", "le", "van", "von", "bin", "al",
    "y", "&",
];

/// Whether `s` reads as one or more people's names: up to eight words, each capitalised (or uncased, as CJK
/// is) unless a particle, with no digits or colons. "the numbers: a year of storms" is not a name.
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && !s.contains([':', ';', '?', '!'])
        && !s.bytes().any(|b| b.is_ascii_digit())
        && words.iter().all(|w| {
            let w = w.trim_end_matches(',');
            NAME_PARTICLES.contains(&w) || w.chars().next().is_some_and(|c| !c.is_lowercase())
        })
        || staff_byline(&words)
}

/// What follows "By", "Posted by" or "Written by" at the start of `part`.
fn strip_byline_label(part: &str) -> Option<&str> {
    ["by ", "posted by ", "written by "]
        .iter()
        .find_map(|label| strip_prefix_ci(part, label))
}

/// "Courier staff", "Staff reporters", "our correspondent": a newsroom signing as a desk. The one to four
/// words before the desk word are capitalised (a paper's name) or "our".
fn staff_byline(words: &[&str]) -> bool {
    const DESK: &[&str] = &[
        "staff",
        "reporter",
        "reporters",
        "correspondent",
        "desk",
        "writers",
    ];
    let Some((last, before)) = words.split_last() else {
        return false;
    };
    (2..=5).contains(&words.len())
        && DESK.contains(&last.to_lowercase().as_str())
        && before
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase) || *w == "our")
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
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y, %H:%M",
    "%d.%m.%Y %H:%M Uhr",
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
    "%d.%m.%Y",
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
    let (s, offset) = split_zone(s);
    // chrono reads "Sep" but not the common "Sept".
    let s = s.replacen("Sept.", "Sep.", 1).replacen("Sept ", "Sep ", 1);
    let s = s.as_str();
    let zoned = |n: NaiveDateTime| {
        FixedOffset::east_opt(offset * 3600)
            .and_then(|z| z.from_local_datetime(&n).single())
            .unwrap_or_else(|| Utc.from_utc_datetime(&n).fixed_offset())
    };
    if let Some(n) = DATE_TIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(zoned(n));
    }
    DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
        .map(|d| {
            Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
                .fixed_offset()
        })
}

/// Time-zone abbreviations news pages print after a time, with their offsets from UTC in hours.
const ZONES: &[(&str, i32)] = &[
    ("GMT", 0),
    ("UTC", 0),
    ("Z", 0),
    ("BST", 1),
    ("CET", 1),
    ("CEST", 2),
    ("EET", 2),
    ("EEST", 3),
    ("EST", -5),
    ("EDT", -4),
    ("CST", -6),
    ("CDT", -5),
    ("MST", -7),
    ("MDT", -6),
    ("PST", -8),
    ("PDT", -7),
    ("IST", 5),
    ("JST", 9),
    ("KST", 9),
    ("AEST", 10),
    ("AEDT", 11),
];

/// `s` without a trailing zone abbreviation, and that zone's offset in hours (0 when there is none).
fn split_zone(s: &str) -> (&str, i32) {
    if let Some((rest, last)) = s.rsplit_once(' ')
        && let Some((_, hours)) = ZONES.iter().find(|(z, _)| *z == last)
    {
        return (rest.trim_end(), *hours);
    }
    (s, 0)
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
        assert_eq!(day("Sept. 5, 2026"), "2026-09-05T00:00:00+00:00");
        assert_eq!(
            day("November 20, 2026 3:15 PM EST"),
            "2026-11-20T15:15:00-05:00"
        );
        assert_eq!(day("08.04.2015 12:46"), "2015-04-08T12:46:00+00:00");
        assert_eq!(day("08.04.2015"), "2015-04-08T00:00:00+00:00");
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
        let first = parse("Published Nov 20, 2026 | Updated Nov 21, 2026").unwrap();
        assert_eq!(
            first.published.unwrap().to_rfc3339(),
            "2026-11-20T00:00:00+00:00"
        );
        assert_eq!(
            parse("By Ana de la Cruz and Li Wei")
                .unwrap()
                .byline
                .as_deref(),
            Some("Ana de la Cruz and Li Wei")
        );
        assert_eq!(
            parse("By 山田 花子").unwrap().byline.as_deref(),
            Some("山田 花子")
        );
        let posted = parse("Posted by Hester Quill on 12 March 2026").unwrap();
        assert_eq!(posted.byline.as_deref(), Some("Hester Quill"));
        assert_eq!(
            posted.published.unwrap().to_rfc3339(),
            "2026-03-12T00:00:00+00:00"
        );
        assert_eq!(
            parse("Written by Mara Ellison").unwrap().byline.as_deref(),
            Some("Mara Ellison")
        );
        assert_eq!(
            parse("By Courier staff").unwrap().byline.as_deref(),
            Some("Courier staff")
        );
        assert_eq!(
            parse("By our correspondent").unwrap().byline.as_deref(),
            Some("our correspondent")
        );
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
        assert_eq!(parse("By the numbers: a year of storms"), None);
        assert_eq!(parse("By the staff"), None);
        assert_eq!(parse("Posted by the river on a cold night"), None);
    }
}
