//! The top of a scraped page: chrome, section, headline and the dateline under it.

use super::lines::{
    Line, has_words, is_dash_line, is_headline_like, is_label, is_prose, is_substantial, word_count,
};
use crate::loader::dateline::{self, Dateline};

/// How far down the page the headline may be looked for.
const HEAD_SCAN: usize = 40;
/// How many dateline lines may stand under a headline ("By X", then a date).
const MAX_DATELINES: usize = 3;

/// Where the story starts.
pub struct Head {
    /// The section line above the headline.
    pub section: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Byline and date from the lines under the headline.
    pub dateline: Option<Dateline>,
    /// Index of the first body line.
    pub body_start: usize,
    /// Whether the seed layout's own marker (a dash line or a dateline) placed the headline; without it,
    /// the page is a whole-page dump whose body must be told from its chrome.
    pub marked: bool,
}

/// A dateline ("By X", a date, or both) within a few lines after `from`: what it says, and where the body
/// starts (after it, or at `from` when there is none).
fn dateline_after(lines: &[Line<'_>], from: usize) -> (Option<Dateline>, usize) {
    let mut found: Option<Dateline> = None;
    let mut end = from;
    let mut i = from;
    while i < lines.len().min(from + 6) {
        let next = lines.get(i + 1).map(|l| l.text);
        match dateline::parse_lines(lines[i].text, next) {
            // "By X" on one line and the date on the next: one dateline.
            Some((d, taken)) => {
                found = Some(found.unwrap_or_default().merged(d));
                i += taken;
                end = i;
                continue;
            }
            None if found.is_some() || is_prose(lines[i].text) => break,
            None => {}
        }
        i += 1;
    }
    (found, end)
}

/// Whether the story's body starts at or right after line `i`: prose within three lines (a caption may come first).
fn body_follows(lines: &[Line<'_>], i: usize) -> bool {
    lines.iter().skip(i).take(3).any(|l| is_prose(l.text))
}

/// The layout's own marker under the headline: a dash line, or a run of dateline lines, with the body
/// right after. Returns (headline index, dateline, first body line).
fn marked(lines: &[Line<'_>]) -> Option<(usize, Option<Dateline>, usize)> {
    let scan = lines.len().min(HEAD_SCAN);
    (1..scan).find_map(|i| {
        if !is_headline_like(lines[i - 1].text) {
            return None;
        }
        if is_dash_line(lines[i].text) {
            return body_follows(lines, i + 1).then_some((i - 1, None, i + 1));
        }
        let mut merged: Option<Dateline> = None;
        let mut end = i;
        while end < lines.len() && end - i < MAX_DATELINES {
            let Some(d) = dateline::parse(lines[end].text) else {
                break;
            };
            merged = Some(merged.unwrap_or_default().merged(d));
            end += 1;
        }
        // A headline over a date alone has a few words; a name over a date ("Linda Poon", "Aug 23, 2017")
        // is a teaser's credit.
        merged
            .filter(|d| d.byline.is_some() || is_substantial(lines[i - 1].text))
            .filter(|_| body_follows(lines, end))
            .map(|d| (i - 1, Some(d), end))
    })
}

/// Finds the headline and what surrounds it.
pub fn find(lines: &[Line<'_>]) -> Head {
    let scan = &lines[..lines.len().min(HEAD_SCAN)];
    // A whole-page dump: its first line is the page's title, which repeats the visible headline.
    let in_title = super::page::headline_in_title(lines);
    let layout = if in_title.is_some() {
        None
    } else {
        marked(lines)
    };
    let has_marker = layout.is_some();
    let (headline, dateline, body_start) = if let Some(h) = in_title {
        let (dateline, start) = dateline_after(lines, h + 1);
        (Some(h), dateline, start)
    } else if let Some((h, d, start)) = layout {
        (Some(h), d, start)
    } else if first_line_is_title(lines) {
        // A whole-page dump whose visible headline was not found: its first line is the page's title.
        let title = super::page::title_without_site(lines[0].text);
        let (dateline, start) = dateline_after(lines, 1);
        return Head {
            section: None,
            title: Some(title),
            dateline,
            body_start: start,
            marked: false,
        };
    } else {
        // No marker: the headline is the line above the first prose, else the first substantial line.
        let before_prose = scan
            .iter()
            .position(|l| is_prose(l.text))
            .filter(|&p| p > 0 && is_substantial_or_short_headline(scan[p - 1].text))
            .map(|p| p - 1);
        match before_prose.or_else(|| scan.iter().position(|l| is_substantial(l.text))) {
            Some(h) => (Some(h), None, h + 1),
            None => (None, None, 0),
        }
    };
    let Some(h) = headline else {
        // Nothing looks like a headline (one huge line, say): the start of the text stands in for it.
        let title = lines.first().map(|l| truncate_title(l.text));
        return Head {
            section: None,
            title,
            dateline: None,
            body_start: 0,
            marked: false,
        };
    };
    let above = h.checked_sub(1).map(|s| lines[s].text);
    // A date above the headline ("08.04.2015 12:46") is when it was published, not its section.
    let (section, dateline) = match above.and_then(dateline::parse) {
        Some(d) => (None, Some(dateline.unwrap_or_default().merged(d))),
        None => (
            above
                .filter(|s| is_label(s) && (has_marker || is_dump_section(s, lines[0].text)))
                .map(str::to_owned),
            dateline,
        ),
    };
    // A page that opens with prose has no headline line: the start of the text names it, and stays in the
    // body.
    if is_prose(lines[h].text) && !has_marker && in_title.is_none() {
        return Head {
            section,
            title: Some(truncate_title(lines[h].text)),
            dateline,
            body_start: h,
            marked: false,
        };
    }
    Head {
        section,
        title: Some(lines[h].text.to_owned()),
        dateline,
        body_start,
        marked: has_marker,
    }
}

/// Whether `label`, the line above a whole-page dump's headline, names its section: a capitalised label
/// ("Tech Industry", "Monde"), not the last item of a menu in lower case ("about") nor the site's name
/// that the title line ends with ("The Washington Post").
fn is_dump_section(label: &str, title: &str) -> bool {
    !label.starts_with(char::is_lowercase)
        && !super::page::site_of_title(title).is_some_and(|site| site.eq_ignore_ascii_case(label))
}

/// Whether the first line is the page's title (as whole-page dumps begin): a line of a few words, not prose,
/// and not a section label followed by the real headline and prose ("Tech & Science", headline, text). A
/// label written as a phrase is a title, whatever follows it (a dump's `<h1>`, a standfirst).
fn first_line_is_title(lines: &[Line<'_>]) -> bool {
    let Some(first) = lines.first() else {
        return false;
    };
    if is_prose(first.text) || !is_headline_like(first.text) {
        return false;
    }
    let section_then_headline = is_label(first.text)
        && !is_phrase(first.text)
        && lines
            .get(1)
            .is_some_and(|l| is_substantial_or_short_headline(l.text))
        && lines.get(2).is_some_and(|l| is_prose(l.text));
    !section_then_headline
}

/// Fewest words of a title told from a section's name by its case: two-word sections come in sentence
/// case too ("World news", "Zahraniční ligy").
const PHRASE_WORDS: usize = 3;
/// Fewest letters of a word that makes a line in lower case a phrase: names keep their short function
/// words in lower case ("League of Legends", "Life with Kids", "Neues aus der Stadt").
const PHRASE_WORD_LETTERS: usize = 5;

/// Words that join two topics in a section's name, after which the second topic is in lower case in
/// sentence case ("Life and style", "Arts & culture", "Ciencia y tecnología"): the coordinating "and" of
/// the languages whose sections the sets show, and the ampersand. Not Dutch "en", which is "in" in French
/// and Spanish titles ("Inflación en aumento").
const JOINERS: [&str; 7] = ["and", "&", "or", "und", "et", "y", "e"];

/// Whether `s` is written as a phrase in sentence case, as titles are ("Harbour wall repair notes"), not as
/// a name, as sections are ("Tech & Science", "League of Legends", "Life and style"): three words or more,
/// one after the first a word of five letters or more in lower case that does not follow a joining word.
fn is_phrase(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    has_words(s, PHRASE_WORDS)
        && words.windows(2).any(|pair| {
            let [before, word] = pair else { return false };
            word.starts_with(char::is_lowercase)
                && word.chars().count() >= PHRASE_WORD_LETTERS
                && !JOINERS.iter().any(|j| before.eq_ignore_ascii_case(j))
        })
}

/// A headline may be as short as two words when prose follows it ("Markets slump").
fn is_substantial_or_short_headline(s: &str) -> bool {
    is_headline_like(s) && !is_prose(s) && (is_substantial(s) || word_count(s) >= 2)
}

fn truncate_title(s: &str) -> String {
    const MAX_CHARS: usize = 80;
    match s.char_indices().nth(MAX_CHARS) {
        Some((i, _)) => format!("{}\u{2026}", s[..i].trim_end()),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::scraped::lines::split;

    /// A prose line of the kind the body holds.
    const P: &str = "The council voted on Tuesday to approve the budget after a long debate that ran late into the night, officials said.";

    #[test]
    fn a_title_written_as_a_phrase_is_no_section() {
        // A dump's title line, then its <h1>, then the text: the title is the headline.
        let text = format!("Harbour wall repair notes\n\nA short heading\n\n{P}");
        let head = find(&split(&text));
        assert_eq!(head.title.as_deref(), Some("Harbour wall repair notes"));
        assert_eq!(head.section, None);
        // A section's name over a headline stays a section, in title case, short, or two topics joined.
        for section in [
            "Tech & Science",
            "League of Legends",
            "World news",
            "Life and style",
            "Arts & culture",
        ] {
            let text = format!("{section}\n\nQuillon unveils chip\n\n{P}");
            let head = find(&split(&text));
            assert_eq!(
                head.title.as_deref(),
                Some("Quillon unveils chip"),
                "{section}"
            );
            assert_eq!(head.section.as_deref(), Some(section));
        }
        assert!(is_phrase("Share the harbour report"));
        assert!(is_phrase("Storms and floods close schools"));
        assert!(!is_phrase("Life with Kids"));
        assert!(!is_phrase("Science and technology"));
        assert!(!is_phrase("Ciencia y tecnología"));
        assert!(!is_phrase("Kunst und kultur"));
        assert!(is_phrase("Inflación en aumento"));
    }
}
