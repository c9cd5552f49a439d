//! A saved page's headline, byline and section as the page shows them: the headline the page prints
//! rather than its title with a site suffix or its generator's name, bylines without buttons, dates or
//! placeholders run into them, and sections that are names.

use chrono::{DateTime, FixedOffset};
use dom_query::Document;

use super::dateline::parse_date;
use crate::text::fold::fold;

/// A heading counts as the printed form of a longer title only when it holds at least this share of the
/// title's characters: "Brexit" under the title "Brexit: what it means" is a kicker, not the headline.
const HEADING_MIN_SHARE_OF_TITLE: f64 = 0.5;

/// A one-word title this short ("escenic", "Home") is a placeholder when the page prints a headline of
/// several words; a longer run without spaces is a headline in a script written without them.
const ONE_WORD_TITLE_MAX_CHARS: usize = 16;

/// The headline the page shows. `title` is the one found in the page's metadata (a site part already taken
/// off when it looked like one); `headings` are the page's `h1` texts, then the body's first subhead.
///
/// - Entities escaped twice ("And finally&#8230; trouble") are decoded.
/// - A title that is the generator's name ("escenic") or one word beside a headline of several gives way
///   to the first heading of three words or more.
/// - A title that is a heading followed by a separator and more ("Story : News : Site", "Story-Site",
///   "Story » Local » Site") is the heading: the rest is the site's, whatever the separator.
#[must_use]
pub fn displayed_headline(title: &str, headings: &[String], generator: Option<&str>) -> String {
    let title = decode_entities(title);
    let long_heading = || {
        headings
            .iter()
            .find(|h| h.split_whitespace().count() >= 3)
            .cloned()
    };
    let generated = generator.is_some_and(|g| g.trim().eq_ignore_ascii_case(&title));
    let one_word = !title.is_empty()
        && !title.contains(' ')
        && title.chars().count() <= ONE_WORD_TITLE_MAX_CHARS;
    if (generated || one_word)
        && let Some(h) = long_heading()
    {
        return h;
    }
    let folded_title = loose(&title);
    for heading in headings {
        let folded = loose(heading);
        if folded.is_empty() || folded.len() >= folded_title.len() {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let share = folded.chars().count() as f64 / folded_title.chars().count() as f64;
        if share < HEADING_MIN_SHARE_OF_TITLE {
            continue;
        }
        if let Some(rest) = folded_title.strip_prefix(folded.as_str()) {
            let rest = rest.trim_start();
            // A bracket opens a part of the headline ("（CNET Japan）", "[Updated]"), not a separator.
            if rest.starts_with(|c: char| !c.is_alphanumeric() && !OPENING.contains(c)) {
                return heading.clone();
            }
        }
    }
    title
}

/// `s` in lower case with single spaces and straight quotes: looser than `fold`, which would make the
/// separator "»" a quote.
fn loose(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
}

/// Characters that open a part of a headline rather than separate a site's name from it.
const OPENING: &str = "([{<\"'\u{ab}\u{2018}\u{201c}\u{ff08}\u{3010}\u{300c}\u{300e}\u{ff3b}";

/// Decodes character references left in text that was escaped twice.
fn decode_entities(s: &str) -> String {
    if !(s.contains('&') && s.contains(';')) || s.contains('<') {
        return s.to_owned();
    }
    let doc = Document::from(format!("<p>{s}</p>"));
    let text = doc.select("p").text().to_string();
    if text.trim().is_empty() {
        s.to_owned()
    } else {
        text
    }
}

/// Bylines that are buttons or placeholders, not names (folded).
const NOT_NAMES: &[&str] = &[
    "follow",
    "follow author",
    "no author",
    "unknown",
    "unknown author",
    "author",
    "admin",
    "administrator",
];

/// A button's label run on after a name ("Ana Ruiz Follow").
const TRAILING_BUTTONS: &[&str] = &[" follow", " follow author"];

/// Labels after which a byline runs on into a date ("Reuters Updated: January 16, 2020"), folded; longer
/// ones first.
const DATE_LABELS: &[&str] = &["last updated", "updated", "published", "posted", "modified"];

/// A byline as the page gives it, cleaned: the names, and a date that was run into it or stood in its
/// place ("By 17 April 2012 • 2:54pm"). A JSON list of names (`["A", "B"]`) is read as one.
#[must_use]
pub fn clean_byline(raw: &str) -> (Option<String>, Option<DateTime<FixedOffset>>) {
    let mut text = raw.trim().to_owned();
    if text.starts_with('[')
        && let Ok(names) = serde_json::from_str::<Vec<String>>(&text)
    {
        text = names.join(", ");
    }
    let mut s = text.as_str();
    for label in ["By ", "by ", "BY "] {
        s = s.strip_prefix(label).unwrap_or(s);
    }
    let s = s.trim_start_matches([',', ';', ':', '|', '-', ' ']).trim();
    // A date in place of a name: its first part before a bullet or bar is a date.
    let first = s
        .split(['\u{2022}', '|', '\u{b7}'])
        .next()
        .unwrap_or(s)
        .trim();
    if let Some(date) = parse_date(s).or_else(|| parse_date(first)) {
        return (None, Some(date));
    }
    let (names, date) = split_date_label(s);
    if let Some(date) = parse_date(names) {
        return (None, Some(date));
    }
    let mut names = names;
    for button in TRAILING_BUTTONS {
        let at = names.len().saturating_sub(button.len());
        if names.is_char_boundary(at) && names[at..].eq_ignore_ascii_case(button) {
            names = names[..at].trim_end();
            break;
        }
    }
    if NOT_NAMES.contains(&fold(names).as_str()) {
        names = "";
    }
    let names = names
        .trim_end_matches([',', ';', ':', '|', '-', ' '])
        .trim();
    ((!names.is_empty()).then(|| names.to_owned()), date)
}

/// Splits "Reuters Updated: January 16, 2020" into the names and the date after the label.
fn split_date_label(s: &str) -> (&str, Option<DateTime<FixedOffset>>) {
    // Labels are ASCII, so positions in the lower-cased copy are positions in `s`.
    let lower = s.to_ascii_lowercase();
    for label in DATE_LABELS {
        if let Some(at) = lower.find(label)
            && (at == 0 || s[..at].ends_with(' '))
        {
            let after = s[at + label.len()..].trim_start_matches([':', ' ']);
            let after = after.strip_prefix("on ").unwrap_or(after);
            if let Some(date) = parse_date(after.trim()) {
                return (s[..at].trim(), Some(date));
            }
        }
    }
    (s, None)
}

/// A section is a name: a value without a letter ("8") is an id.
#[must_use]
pub fn clean_section(section: Option<String>) -> Option<String> {
    section.filter(|s| s.chars().any(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_printed_headline_wins_over_a_suffixed_title() {
        let heads = h(&["Harbour wall holds through the storm"]);
        for title in [
            "Harbour wall holds through the storm : News : Velmar Tide",
            "Harbour wall holds through the storm-Velmar Tide",
            "Harbour wall holds through the storm -- Tide.example",
            "Harbour wall holds through the storm » Local » Velmar Tide",
        ] {
            assert_eq!(
                displayed_headline(title, &heads, None),
                "Harbour wall holds through the storm"
            );
        }
        assert_eq!(
            displayed_headline(
                "Harbour wall holds through the storm (Tide Wire)",
                &heads,
                None
            ),
            "Harbour wall holds through the storm (Tide Wire)"
        );
        // A kicker shorter than half the title is not the headline.
        assert_eq!(
            displayed_headline(
                "Storm: what the harbour wall held back",
                &h(&["Storm"]),
                None
            ),
            "Storm: what the harbour wall held back"
        );
        assert_eq!(
            displayed_headline("And finally&#8230; the wall holds", &[], None),
            "And finally\u{2026} the wall holds"
        );
        assert_eq!(
            displayed_headline("escenic", &heads, Some("escenic")),
            "Harbour wall holds through the storm"
        );
    }

    #[test]
    fn bylines_lose_buttons_placeholders_and_dates() {
        assert_eq!(clean_byline("By No Author"), (None, None));
        assert_eq!(
            clean_byline("By Ana Ruiz Follow"),
            (Some("Ana Ruiz".into()), None)
        );
        assert_eq!(clean_byline("Follow Author"), (None, None));
        assert_eq!(
            clean_byline("Dublin Core property author").0.as_deref(),
            Some("Dublin Core property author")
        );
        let (name, date) = clean_byline("Last Updated: January 7, 2025");
        assert_eq!((name, date.is_some()), (None, true));
        let (name, date) = clean_byline("Harbour Press Updated: January 16, 2020");
        assert_eq!(name.as_deref(), Some("Harbour Press"));
        assert_eq!(date.unwrap().to_rfc3339(), "2020-01-16T00:00:00+00:00");
        let (name, date) = clean_byline("By 17 April 2012 \u{2022} 2:54pm");
        assert_eq!(name, None);
        assert!(date.is_some());
        assert_eq!(
            clean_byline(r#"["Ana Ruiz | Velmar Tide"]"#).0.as_deref(),
            Some("Ana Ruiz | Velmar Tide")
        );
        assert_eq!(
            clean_byline(", Velmar Tide").0.as_deref(),
            Some("Velmar Tide")
        );
        assert_eq!(clean_section(Some("8".into())), None);
        assert_eq!(
            clean_section(Some("World".into())).as_deref(),
            Some("World")
        );
    }
}
