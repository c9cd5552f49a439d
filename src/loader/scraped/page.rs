//! Whole-page text dumps without the seed layout's markers: the headline matched against the page's title
//! line, and the body as the densest run of prose (menus, footers and link lists score against it).

use std::ops::Range;

use super::lines::{Line, is_prose, prose_words, text_words, word_count};
use crate::text::fold::fold;

/// How far down the page the visible headline is looked for.
const HEADLINE_SCAN: usize = 80;

/// The line that the page's first line (its `<title>`, as scrapers save it) begins or ends with: the visible
/// headline, which the title repeats with the site's name around it. The longest such line of two words or
/// more wins.
#[must_use]
pub fn headline_in_title(lines: &[Line<'_>]) -> Option<usize> {
    let title = fold(lines.first()?.text);
    if word_count(&title) < 2 {
        return None;
    }
    let max_len = title.len().min(300);
    lines
        .iter()
        .enumerate()
        .take(HEADLINE_SCAN)
        .skip(1)
        // Folding never lengthens text, and typography at most triples a byte: a line much longer than the
        // title cannot be part of it, and is not folded at all (most body lines).
        .filter(|(_, l)| l.text.len() <= 3 * max_len && word_count(l.text) >= 2)
        .filter(|(_, l)| {
            // The title is "Headline | Site" or "Site: Headline": the line is its start or its end, cut at a
            // separator; an end must be the bigger part (else it is the site's name).
            let f = fold(l.text);
            let seps = [' ', ':', '|', '-', '\u{2013}', '\u{2014}', '\u{b7}'];
            let bigger = 2 * f.len() >= title.len();
            title == f
                || (title.starts_with(&f) && title[f.len()..].starts_with(seps))
                || (bigger
                    && title.ends_with(&f)
                    && title[..title.len() - f.len()].ends_with(seps)
                    && word_count(&f) >= 3)
        })
        .max_by_key(|(i, l)| (l.text.len(), usize::MAX - i))
        .map(|(i, _)| i)
}

/// The title line without a trailing site name (" - BBC News", " | Site"), for pages whose visible headline
/// could not be found.
#[must_use]
pub fn title_without_site(title: &str) -> String {
    for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{b7} "] {
        if let Some((head, _)) = title.split_once(sep)
            && word_count(head) >= 2
        {
            return head.trim().to_owned();
        }
    }
    title.trim().to_owned()
}

/// How much a line counts towards the body: prose adds its words; anything else (a menu item, a link
/// list entry, a footer line) takes some away, so a run of them ends the body.
fn score(line: &Line<'_>) -> i64 {
    let words = i64::try_from(text_words(line.text)).unwrap_or(i64::MAX / 4);
    if is_prose(line.text) || words >= 25 {
        words
    } else if words >= 3 && is_bulleted(line.text) {
        // A list the writer marked item by item ("+ Added Slime Block") belongs to the text; menus and
        // link lists in a dump carry no markers.
        words / 2
    } else {
        -(2 + words / 2)
    }
}

/// Whether `s` opens with a list marker: "+ ", "- ", "* ", "• " or "1. ".
fn is_bulleted(s: &str) -> bool {
    let s = s.trim_start();
    if let Some(rest) = s.strip_prefix(['+', '-', '*', '\u{2022}', '\u{25aa}', '\u{2013}']) {
        return rest.starts_with(' ');
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (1..=2).contains(&digits)
        && s[digits..].starts_with(['.', ')'])
        && s[digits + 1..].starts_with(' ')
}

/// The run of lines with the most prose in it (the maximum-sum window of the line scores).
#[must_use]
pub fn densest_run(lines: &[Line<'_>]) -> Range<usize> {
    let (mut best, mut best_sum) = (0..0, 0i64);
    let (mut start, mut sum) = (0, 0i64);
    for (i, line) in lines.iter().enumerate() {
        if sum <= 0 {
            start = i;
            sum = 0;
        }
        sum += score(line);
        if sum > best_sum {
            best_sum = sum;
            best = start..i + 1;
        }
    }
    cut_at_comments(lines, best)
}

/// Words that head a reader comment section on their own, in the languages the pages come in.
const COMMENTS: &[&str] = &[
    "comments",
    "kommentare",
    "commentaires",
    "comentarios",
    "commenti",
    "reacties",
    "komentarze",
];
/// The same word in the singular: a heading only with other words ("Post a comment", "1 Kommentar"); alone
/// it is a form field or a table cell.
const COMMENT: &[&str] = &[
    "comment",
    "kommentar",
    "commentaire",
    "comentario",
    "commento",
];

/// Whether `s` heads a comment section: a short line naming comments, not a sentence ("14 Comments",
/// "Post a comment", "Leave a Reply", "Kommentare lesen (1 Beitrag)").
fn is_comment_marker(s: &str) -> bool {
    let s = s.trim();
    if word_count(s) > 5 || s.ends_with(['.', '!', '?', ':', ';']) {
        return false;
    }
    let is = |list: &[&str], w: &str| list.iter().any(|c| c.eq_ignore_ascii_case(w));
    let mut words = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let alone = words.clone().nth(1).is_none();
    s.eq_ignore_ascii_case("leave a reply")
        || words.any(|w| is(COMMENTS, w) || (!alone && is(COMMENT, w)))
}

/// Ends the run at its comment-section heading, once some prose stands before it: readers' comments are
/// prose too, but not the story. A run with several such headings (a digest of stories, each with its
/// comment count) is left whole.
fn cut_at_comments(lines: &[Line<'_>], run: Range<usize>) -> Range<usize> {
    let mut markers = run.clone().filter(|&i| is_comment_marker(lines[i].text));
    let (Some(at), None) = (markers.next(), markers.next()) else {
        return run;
    };
    // Comment counts under every teaser of a page are furniture, not the page's own comment section.
    if lines.iter().filter(|l| is_comment_marker(l.text)).count() > 3 {
        return run;
    }
    let (before, after) = (
        prose_words(&lines[run.start..at]),
        prose_words(&lines[at..run.end]),
    );
    if before >= 30 && before * 2 >= after {
        run.start..at
    } else {
        run
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::scraped::lines::split;

    #[test]
    fn the_title_line_finds_the_headline() {
        let text = "Harbour wall opens | The Courier\n\nHome\n\nWorld\n\nHarbour wall opens\n\nThe town opened its wall on Saturday.";
        let lines = split(text);
        assert_eq!(headline_in_title(&lines), Some(3));
        assert_eq!(
            title_without_site("Harbour wall opens today | The Courier"),
            "Harbour wall opens today"
        );
    }

    #[test]
    fn the_densest_run_is_the_body() {
        let text = "Home\nNews\nSport\nWeather\nThe council voted on Tuesday to rebuild the harbour wall before winter.\nThe work will take two years and cost more than planned, officials said.\nA short subhead\nResidents welcomed the news, though some said it came far too late for them.\nAbout us\nContact\nPrivacy\nTerms\nCookies";
        let lines = split(text);
        let run = densest_run(&lines);
        assert_eq!(
            lines[run.start].text,
            "The council voted on Tuesday to rebuild the harbour wall before winter."
        );
        assert_eq!(
            lines[run.end - 1].text,
            "Residents welcomed the news, though some said it came far too late for them."
        );
    }

    #[test]
    fn a_marked_list_stays_in_the_body() {
        let text = "Home\nNews\nThe update brings a long list of changes, the studio said on Monday.\n+ Added granite and basalt blocks\n+ Added the lighthouse keeper\n+ Doors now come in every wood\n1. Boats float in shallow water\nAbout us\nContact\nPrivacy";
        let lines = split(text);
        let run = densest_run(&lines);
        assert_eq!(lines[run.end - 1].text, "1. Boats float in shallow water");
        assert!(is_bulleted("- Added a new mob"));
        assert!(!is_bulleted("-5 degrees tonight"));
        assert!(!is_bulleted("2026. A year"));
    }

    #[test]
    fn readers_comments_end_the_body() {
        let story = "The council voted on Tuesday to rebuild the harbour wall before winter, officials said.\nThe work will take two years and cost more than planned, the engineers told the meeting.";
        let comment = "I have lived by that wall for forty years and it has never once been repaired properly, so good luck.";
        let text = format!("{story}\n3 Comments\nAnna Berg\n{comment}\nReply");
        let lines = split(&text);
        let run = densest_run(&lines);
        assert_eq!(run, 0..2);
        assert!(is_comment_marker("Kommentare lesen (1 Beitrag)"));
        assert!(is_comment_marker("Leave a Reply"));
        assert!(!is_comment_marker("No reply."));
        assert!(!is_comment_marker("Comment"));
        assert!(!is_comment_marker("He made no comment on the vote"));
    }
}
