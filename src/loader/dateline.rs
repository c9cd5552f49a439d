//! Reading the line under a headline: bylines ("By Ana Ruiz"), dates in common formats, or both.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::zone;

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

/// Reads `line` as a dateline: parts separated by `|`, `·`, `•` or a spaced dash, each a byline ("By X")
/// or a date (optionally after "Published", "Updated" or "Posted"). `None` when any part is something else:
/// a name without "By" beside a date ("Linda Poon - Aug 23, 2017") is as often a teaser's credit, or a
/// headline in title case, as the story's byline.
#[must_use]
pub fn parse(line: &str) -> Option<Dateline> {
    let line = line.trim();
    if line.is_empty() || line.len() > 200 {
        return None;
    }
    // Without a digit there is no date, and every part must then be a labelled byline: the first one too.
    if !line.bytes().any(|b| b.is_ascii_digit()) && strip_byline_label(line).is_none() {
        return None;
    }
    let mut out = Dateline::default();
    let mut foreign_label = false;
    for part in parts(line) {
        let part = part.trim().trim_end_matches([',', ';']).trim();
        if part.is_empty() {
            continue;
        }
        if let Some((english, rest)) = label_and_rest(part) {
            let (name, date) = labelled_byline(rest, line)?;
            // The short labels of other languages also open headlines ("Von der Leyen Faces Vote", "Door
            // Dash Drivers Strike"): written with a capital, they count only beside a date.
            if !english && part.starts_with(char::is_uppercase) {
                foreign_label = true;
            }
            out.byline = Some(name.to_owned());
            out.published = out.published.or(date);
        } else if let Some(date) = parse_date_in(strip_date_label(part), line) {
            // The first date stands ("Published …" before "Updated …").
            out.published = out.published.or(Some(date));
        } else {
            return None;
        }
    }
    if foreign_label && out.published.is_none() {
        return None;
    }
    (out.byline.is_some() || out.published.is_some()).then_some(out)
}

/// The parts of a dateline: `line` split at `|`, `·`, `•` and at dashes with a space on each side.
fn parts(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let s = rest?;
        let mut prev = None;
        for (at, c) in s.char_indices() {
            let cut = match c {
                '|' | '\u{b7}' | '\u{2022}' => Some(at + c.len_utf8()),
                '-' | '\u{2013}' | '\u{2014}'
                    if prev == Some(' ') && s[at + c.len_utf8()..].starts_with(' ') =>
                {
                    Some(at + c.len_utf8())
                }
                _ => None,
            };
            if let Some(next) = cut {
                rest = Some(&s[next..]);
                return Some(&s[..at]);
            }
            prev = Some(c);
        }
        rest = None;
        Some(s)
    })
}

/// What follows "By": a name, perhaps with the date after " on " ("Hester Quill on 12 March 2026"), or a
/// name run on into a date or a handle ("Steven Musil January 18, 2017 11:00 PM PST", "Erin Cunningham
/// March 18 at 3:57 PM Follow @erin"). The name is then its first two to five capitalised words. `line` is
/// the whole dateline, for the zone of its date.
fn labelled_byline<'a>(
    rest: &'a str,
    line: &str,
) -> Option<(&'a str, Option<DateTime<FixedOffset>>)> {
    let (name, date) = rest
        .rfind(" on ")
        .and_then(|at| Some((&rest[..at], Some(parse_date_in(&rest[at + 4..], line)?))))
        .unwrap_or((rest, None));
    let name = name.trim();
    if is_name(name) {
        return Some((name, date));
    }
    let (name, after) = leading_name(rest)?;
    let after = after.trim_start_matches([',', ' ', '-', '\u{2013}', '\u{2014}', ':']);
    // The words after the name are a date or hold a handle; running text ("By Tuesday evening the
    // council…", "By Boxing Day, 40 homes had…") does not.
    let date = parse_date_in(after, line).or_else(|| {
        // "January 18, 2017 11:00 PM PST" with something after it: the longest leading date.
        let words: Vec<&str> = after.split_whitespace().collect();
        (2..words.len().min(8))
            .rev()
            .find_map(|n| parse_date_in(&words[..n].join(" "), line))
    });
    // A handle among the next words of a line that is no sentence ("March 18 at 3:57 PM Follow @erin").
    let handle = !after.ends_with(['.', '!', '?'])
        && after
            .split_whitespace()
            .take(8)
            .any(|w| w.starts_with('@') && w.len() > 1);
    (handle || date.is_some()).then_some((name, date))
}

/// The leading words of `s` that read as a name: two to five capitalised words (particles allowed), ended
/// by a comma, a handle, a digit, a month or a word in lower case. Returns the name and what follows it.
fn leading_name(s: &str) -> Option<(&str, &str)> {
    let mut end = 0;
    let mut words = 0;
    for (at, w) in s
        .split_whitespace()
        .map(|w| (w.as_ptr().addr() - s.as_ptr().addr(), w))
    {
        let bare = w.trim_end_matches(',');
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        // A month ends the name once it has two words ("May Bulman March 3, 2019").
        if !(capital || NAME_PARTICLES.contains(&bare))
            || (words >= 2 && is_month(bare))
            || bare.starts_with('@')
            || bare.bytes().any(|b| b.is_ascii_digit())
            || words == 5
        {
            break;
        }
        words += 1;
        end = at + bare.len();
        if w.ends_with(',') {
            break;
        }
    }
    (words >= 2).then(|| (&s[..end], &s[end..]))
}

/// Whether `w` names a month in English, in full or cut short ("March", "Sept.", "Dec").
fn is_month(w: &str) -> bool {
    let w = w.trim_end_matches(['.', ',']).to_ascii_lowercase();
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
    .contains(&w.as_str())
}

/// Reads `line` as a dateline, or a byline label alone on its line ("By", "Por") with the name on the
/// `next` one. Returns the dateline and how many lines it takes (1 or 2).
#[must_use]
pub fn parse_lines(line: &str, next: Option<&str>) -> Option<(Dateline, usize)> {
    if let Some(d) = parse(line) {
        return Some((d, 1));
    }
    let label = line.trim();
    if label.len() <= 12 && strip_byline_label(&format!("{label} ")).is_some_and(str::is_empty) {
        let name = next?.trim();
        if is_name(name) {
            let byline = Dateline {
                byline: Some(name.to_owned()),
                published: None,
            };
            return Some((byline, 2));
        }
    }
    None
}

/// Words that may stand in lower case inside a name ("Ana de la Cruz", "Li Wei and Omar Haddad").
const NAME_PARTICLES: &[&str] = &[
    "and", "de", "del", "della", "der", "di", "da", "du", "la", "le", "van", "von", "bin", "al",
    "y", "&",
];

/// Words a headline in title case capitalises and a name does not hold: "Par For The Course", "Door To
/// Door Sales Rise Again".
const TITLE_WORDS: &[&str] = &[
    "The", "A", "An", "For", "To", "Of", "In", "On", "At", "With", "From", "Is", "Are", "Was",
    "Were", "Be", "Has", "Have", "And", "Or", "But", "New", "How", "Why", "What", "When", "Who",
    "Wins", "Says",
];

/// Whether `s` reads as one or more people's names: up to eight words, each capitalised (or uncased, as CJK
/// is) unless a particle, with no digits or colons. "the numbers: a year of storms" is not a name.
fn is_name(s: &str) -> bool {
    let count = s.split_whitespace().take(9).count();
    let names = (1..=8).contains(&count)
        && !s.contains([':', ';', '?', '!'])
        && !s.bytes().any(|b| b.is_ascii_digit())
        && s.split_whitespace().all(|w| {
            let w = w.trim_end_matches(',');
            (NAME_PARTICLES.contains(&w) || w.chars().next().is_some_and(|c| !c.is_lowercase()))
                && !TITLE_WORDS.contains(&w)
        });
    names || (2..=5).contains(&count) && staff_byline(&s.split_whitespace().collect::<Vec<_>>())
}

/// Byline labels in English.
const ENGLISH_LABELS: &[&str] = &["by ", "posted by ", "written by "];
/// Byline labels of other languages; the short ones also open headlines ("Von der Leyen…").
const OTHER_LABELS: &[&str] = &[
    "por ",
    "par ",
    "von ",
    "di ",
    "door ",
    "av ",
    "autor: ",
    "auteur : ",
    "auteur: ",
];

/// What follows "By", "Posted by" or "Written by" (or a label of another language) at the start of `part`.
fn strip_byline_label(part: &str) -> Option<&str> {
    label_and_rest(part).map(|(_, rest)| rest)
}

/// Whether `part` starts with an English byline label, and what follows the label.
fn label_and_rest(part: &str) -> Option<(bool, &str)> {
    ENGLISH_LABELS
        .iter()
        .find_map(|label| strip_prefix_ci(part, label).map(|rest| (true, rest)))
        .or_else(|| {
            OTHER_LABELS
                .iter()
                .find_map(|label| strip_prefix_ci(part, label).map(|rest| (false, rest)))
        })
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
    "%d %B %Y %I:%M %p",
    "%d %B %Y, %I:%M %p",
    "%d. %B %Y %H:%M",
    "%d. %B %Y %I:%M %p",
    "%d. %B %Y, %H:%M",
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
/// UTC, a time without a zone as UTC; a trailing zone abbreviation ("GMT", "EST", "IST") is understood
/// (see [`zone`]).
#[must_use]
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    parse_date_in(s, s)
}

/// [`parse_date`] for a date that stands in the line `context`, whose place names settle a zone
/// abbreviation that several zones share ("By Aoife Byrne, Dublin | 3 March 2019 10:00 IST").
#[must_use]
pub fn parse_date_in(s: &str, context: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    let original = s;
    // Every format above starts with a digit or a letter and holds a digit; cheap checks first keep
    // the many lines that are not dates fast.
    if s.len() < 6 || s.len() > 60 || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    let (bare, offset_minutes) = zone::split_zone(s, context);
    // chrono's RFC 2822 reads only the US zones and GMT, and takes any other name for UTC: a zone we
    // know is handed to it as the offset it stands for ("Mon, 4 Mar 2019 10:00:00 IST" is +0530).
    let rfc2822 = if bare.len() < s.len() {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let (hours, minutes) = (offset_minutes.abs() / 60, offset_minutes.abs() % 60);
        Cow::Owned(format!("{bare} {sign}{hours:02}{minutes:02}"))
    } else {
        Cow::Borrowed(s)
    };
    if let Ok(d) = DateTime::parse_from_rfc2822(&rfc2822) {
        return Some(d);
    }
    let s = bare;
    // chrono reads "Sep" but not the common "Sept".
    let s = s.replacen("Sept.", "Sep.", 1).replacen("Sept ", "Sep ", 1);
    let s = s.as_str();
    let zoned = |n: NaiveDateTime| {
        FixedOffset::east_opt(offset_minutes * 60)
            .and_then(|z| z.from_local_datetime(&n).single())
            .unwrap_or_else(|| Utc.from_utc_datetime(&n).fixed_offset())
    };
    if let Some(n) = DATE_TIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(zoned(n));
    }
    if let Some(d) = DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
    {
        return Some(
            Utc.from_utc_datetime(&d.and_time(NaiveTime::MIN))
                .fixed_offset(),
        );
    }
    // "1 de diciembre de 2017", "27. April 2015 14:02", "30 avril 2015 à 14h02": the same formats once the
    // month is named in English and the little words around it are gone.
    let english = in_english(original)?;
    parse_date_in(&english, context)
}

/// Month names (and their common abbreviations) in the languages pages come in, with their numbers.
const MONTHS: &[(&str, usize)] = &[
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    // Spanish
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Portuguese
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

/// English month names, for chrono's `%B`.
const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Words that stand around a date in other languages and mean nothing to its value: "de", "à", "um".
const DATE_FILLERS: &[&str] = &[
    "de", "del", "à", "a", "às", "as", "le", "el", "il", "um", "am", "den", "op", "om", "kl",
    "uhr", "h",
];

/// `s` with a foreign month named in English and filler words dropped ("1 de diciembre de 2017, 3:00 AM"
/// becomes "1 December 2017, 3:00 AM"), or `None` when it names no foreign month.
fn in_english(s: &str) -> Option<String> {
    let mut found = false;
    let mut out: Vec<String> = Vec::new();
    for raw in s.split_whitespace() {
        let word = raw.trim_end_matches([',', '.']).to_lowercase();
        if let Some((_, m)) = MONTHS.iter().find(|(name, _)| *name == word) {
            out.push(ENGLISH_MONTHS[m - 1].to_owned());
            found = true;
        } else if (word == "am" || word == "pm") && out.last().is_some_and(|w| w.contains(':')) {
            // "12:30 AM": the half of the day, not German "am".
            out.push(raw.to_owned());
        } else if DATE_FILLERS.contains(&word.as_str()) {
            // A filler is dropped; "14h02" below keeps its hour.
        } else if let Some((h, m)) = word.split_once('h')
            && !h.is_empty()
            && h.bytes().all(|b| b.is_ascii_digit())
            && m.len() == 2
            && m.bytes().all(|b| b.is_ascii_digit())
        {
            out.push(format!("{h}:{m}"));
        } else {
            out.push(raw.to_owned());
        }
    }
    found.then(|| out.join(" "))
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
        assert_eq!(
            day("1 de diciembre de 2017 3:00 AM PST"),
            "2017-12-01T03:00:00-08:00"
        );
        assert_eq!(day("27. April 2015"), "2015-04-27T00:00:00+00:00");
        assert_eq!(day("3. März 2015 14:02"), "2015-03-03T14:02:00+00:00");
        assert_eq!(day("30 avril 2015 à 14h02"), "2015-04-30T14:02:00+00:00");
        assert_eq!(
            day("1 de diciembre de 2017 12:30 AM"),
            "2017-12-01T00:30:00+00:00"
        );
        assert_eq!(day("3. Mai 2015 12:15 am"), "2015-05-03T00:15:00+00:00");
        assert_eq!(day("am 3. Mai 2015"), "2015-05-03T00:00:00+00:00");
        assert_eq!(day("12 maggio 2021"), "2021-05-12T00:00:00+00:00");
        assert_eq!(day("5 de março de 2019"), "2019-03-05T00:00:00+00:00");
        assert_eq!(day("Calls for ICC referral"), "");
        assert_eq!(day("mars 2015 est une année"), "");
        assert_eq!(day("February 30, 2014"), "");
    }

    #[test]
    fn zones_off_the_hour_keep_their_minutes() {
        assert_eq!(day("March 3, 2019 10:00 IST"), "2019-03-03T10:00:00+05:30");
        assert_eq!(
            day("March 3, 2019 10:00 AM IST"),
            "2019-03-03T10:00:00+05:30"
        );
        assert_eq!(day("2019-03-03 10:00 NPT"), "2019-03-03T10:00:00+05:45");
        assert_eq!(day("3 March 2019 10:00 ACST"), "2019-03-03T10:00:00+09:30");
        assert_eq!(
            day("March 3, 2019 10:00 AM NST"),
            "2019-03-03T10:00:00-03:30"
        );
        assert_eq!(
            day("Sun, 3 Mar 2019 10:00:00 IST"),
            "2019-03-03T10:00:00+05:30"
        );
        assert_eq!(
            day("Sun, 3 Mar 2019 10:00:00 NST"),
            "2019-03-03T10:00:00-03:30"
        );
        // chrono's own reading of the zones it knows is unchanged.
        assert_eq!(
            day("Sun, 3 Mar 2019 10:00:00 EST"),
            "2019-03-03T10:00:00-05:00"
        );
    }

    #[test]
    fn shared_zones_default_unless_the_dateline_names_a_place() {
        // IST is India's and CST the US Central zone unless a place in the line says otherwise.
        assert_eq!(day("March 3, 2019 10:00 CST"), "2019-03-03T10:00:00-06:00");
        let zoned = |line: &str| {
            parse(line)
                .and_then(|d| d.published)
                .map(|d| d.to_rfc3339())
        };
        assert_eq!(
            zoned("By Aoife Byrne, Dublin | 3 March 2019 10:00 IST").as_deref(),
            Some("2019-03-03T10:00:00+01:00")
        );
        assert_eq!(
            zoned("By Noa Levi, Jerusalem on 3 March 2019 10:00 IST").as_deref(),
            Some("2019-03-03T10:00:00+02:00")
        );
        assert_eq!(
            zoned("By Li Wei, Beijing | March 3, 2019 10:00 CST").as_deref(),
            Some("2019-03-03T10:00:00+08:00")
        );
        assert_eq!(
            zoned("By Priya Nair | March 3, 2019 10:00 IST").as_deref(),
            Some("2019-03-03T10:00:00+05:30")
        );
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
    fn bylines_run_on_into_dates_and_handles() {
        let d = parse("by Steven Musil January 18, 2017 11:00 PM PST").unwrap();
        assert_eq!(d.byline.as_deref(), Some("Steven Musil"));
        assert_eq!(
            d.published.unwrap().to_rfc3339(),
            "2017-01-18T23:00:00-08:00"
        );
        let d = parse("By Erin Cunningham March 18 at 3:57 PM Follow @erinmcunningham").unwrap();
        assert_eq!(d.byline.as_deref(), Some("Erin Cunningham"));
        let d = parse("by Ahiza Garcia @ahiza_garcia February 1, 2016: 12:41 PM ET").unwrap();
        assert_eq!(d.byline.as_deref(), Some("Ahiza Garcia"));
        let d = parse("By May Bulman March 3, 2019").unwrap();
        assert_eq!(d.byline.as_deref(), Some("May Bulman"));
        let d = parse("By Marc Santora March 3, 2019").unwrap();
        assert_eq!(d.byline.as_deref(), Some("Marc Santora"));
        assert_eq!(parse("By Tuesday Evening the council had voted"), None);
        assert_eq!(parse("Harbour Wall Opens - Town Celebrates"), None);
    }

    #[test]
    fn prose_and_headlines_are_no_bylines() {
        for line in [
            "By Christmas Day, the council had approved the whole plan to rebuild the wall.",
            "By New Year's Day, most of the boats had left.",
            "Von Seiten der Regierung, hieß es am Abend, sei noch nichts entschieden worden.",
            "Von der Leyen Wins Second Term",
            "Door To Door Sales Rise Again",
            "Par For The Course",
            "Linda Poon - Aug 23, 2017",
            "Harbour Wall Reopens - March 3, 2015",
            "Von der Leyen Faces Vote",
            "Door Dash Drivers Strike",
            "Por Fin Llega La Lluvia",
            "By Boxing Day, 40 homes had been flooded.",
            "By Christmas Day 2015 the wall was finished.",
            "By Easter Sunday, March had already brought the storms.",
        ] {
            assert_eq!(parse(line), None, "{line}");
        }
    }

    #[test]
    fn bylines_in_other_languages_and_on_two_lines() {
        assert_eq!(
            parse("por César Salza").unwrap().byline.as_deref(),
            Some("César Salza")
        );
        assert_eq!(
            parse("par Sébastien Farcis").unwrap().byline.as_deref(),
            Some("Sébastien Farcis")
        );
        assert_eq!(
            parse("Par Sébastien Farcis | 30 avril 2015")
                .unwrap()
                .byline
                .as_deref(),
            Some("Sébastien Farcis")
        );
        assert_eq!(parse("Par Sébastien Farcis"), None);
        assert_eq!(parse("Par ailleurs, le vote est reporté"), None);
        let (d, taken) = parse_lines("por", Some("César Salza")).unwrap();
        assert_eq!((d.byline.as_deref(), taken), (Some("César Salza"), 2));
        assert_eq!(parse_lines("By", Some("the river we sat down")), None);
        assert_eq!(parse_lines("By", None), None);
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
