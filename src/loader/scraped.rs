//! The scraped-page loader: a news page saved as plain text, one block per line, in the seed's layout
//! (chrome, section, headline, dateline, body scraped twice, author block, "You may also like").

use std::collections::HashMap;
use std::path::Path;

use super::dateline;
use crate::model::{Article, ArticleId, Block, Format, RelatedLink};
use crate::text::fold::{fold_hash, typographic_count};

/// One non-blank line of the page.
#[derive(Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    /// Whether a blank line separates it from the line before.
    blank_before: bool,
}

/// How far down the page the headline may be looked for.
const HEAD_SCAN: usize = 40;
/// Longest line taken as a headline, in bytes.
const MAX_HEADLINE: usize = 300;

/// Lines that site themes print above the story; dropped wherever the headline search meets them.
const CHROME: &[&str] = &[
    "connect with us",
    "hi, what are you looking for?",
    "skip to content",
    "skip to main content",
    "menu",
    "search",
    "sign in",
    "log in",
    "subscribe",
    "advertisement",
    "share",
];

/// Lines that open the related-stories block at the foot of a page.
const RELATED_MARKERS: &[&str] = &[
    "you may also like",
    "you might also like",
    "related stories",
    "related articles",
    "more stories",
    "read more",
    "recommended",
];

/// Parses one scraped page. Never fails: a page without the layout's markers takes its first substantial
/// line as the headline and the rest as body.
#[must_use]
pub fn parse(text: &str, path: &Path) -> Article {
    let lines = split_lines(text);
    let head = find_head(&lines);
    let foot_start = find_related_marker(&lines, head.body_start);
    let related = foot_start.map_or_else(Vec::new, |r| parse_related(&lines[r + 1..]));
    let body_end_limit = foot_start.unwrap_or(lines.len());
    let author = find_author(&lines[head.body_start..body_end_limit]);
    let body_end = head.body_start
        + author
            .as_ref()
            .map_or(body_end_limit - head.body_start, |a| a.start);
    let body_lines = single_copy(&lines[head.body_start..body_end]);
    let body = blocks(&body_lines);

    let mut byline = head.dateline.as_ref().and_then(|d| d.byline.clone());
    if byline.is_none() {
        byline = author.and_then(|a| a.name);
    }
    let title = head.title.unwrap_or_default();
    let first_paragraph = body
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or("");
    Article {
        id: ArticleId::from_text(&title, first_paragraph),
        path: path.to_path_buf(),
        entry: 0,
        format: Format::Scraped,
        section: head.section,
        title,
        byline,
        published: head.dateline.and_then(|d| d.published),
        url: None,
        body,
        related,
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(text.len() / 120 + 8);
    let mut blank_before = false;
    for raw in text.lines() {
        let t = raw.trim();
        if t.is_empty() {
            blank_before = true;
        } else {
            out.push(Line {
                text: t,
                blank_before,
            });
            blank_before = false;
        }
    }
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn is_chrome(s: &str) -> bool {
    s.len() <= 40 && CHROME.iter().any(|c| c.eq_ignore_ascii_case(s))
}

/// A line of only dashes: the seed layout's empty dateline.
fn is_dash_line(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}'))
}

/// A short label such as a section name ("Tech & Science"): few words, no sentence punctuation.
fn is_label(s: &str) -> bool {
    s.len() <= 40
        && word_count(s) <= 4
        && !s.ends_with(['.', '!', '?', ':', ',', ';'])
        && !is_chrome(s)
        && !is_dash_line(s)
}

fn is_headline_like(s: &str) -> bool {
    s.len() <= MAX_HEADLINE && !is_chrome(s) && !is_dash_line(s) && !s.ends_with(':')
}

/// A line that could be a fallback headline: a few words of text.
fn is_substantial(s: &str) -> bool {
    is_headline_like(s) && (word_count(s) >= 3 || s.chars().count() >= 16)
}

/// Where the story starts.
struct Head {
    section: Option<String>,
    title: Option<String>,
    dateline: Option<dateline::Dateline>,
    body_start: usize,
}

fn find_head(lines: &[Line<'_>]) -> Head {
    let scan = &lines[..lines.len().min(HEAD_SCAN)];
    // The layout's own marker: a line under the headline holding "-", a date or a byline.
    let marked = scan.iter().enumerate().skip(1).find_map(|(i, l)| {
        if !is_headline_like(scan[i - 1].text) {
            return None;
        }
        if is_dash_line(l.text) {
            return Some((i, None));
        }
        // A date or byline line counts only when prose follows, so stray dates in menus do not.
        let prose_follows = lines.get(i + 1).is_some_and(|n| word_count(n.text) >= 8);
        if !prose_follows {
            return None;
        }
        dateline::parse(l.text).map(|d| (i, Some(d)))
    });
    let (headline, dateline, body_start) = match marked {
        Some((i, d)) => (Some(i - 1), d, i + 1),
        None => match scan.iter().position(|l| is_substantial(l.text)) {
            Some(h) => (Some(h), None, h + 1),
            None => (None, None, 0),
        },
    };
    let Some(h) = headline else {
        // Nothing looks like a headline (one huge line, say): the start of the text stands in for it.
        let title = lines.first().map(|l| truncate_title(l.text));
        return Head {
            section: None,
            title,
            dateline: None,
            body_start: 0,
        };
    };
    let section = h
        .checked_sub(1)
        .map(|s| lines[s].text)
        .filter(|s| is_label(s))
        .map(str::to_owned);
    Head {
        section,
        title: Some(lines[h].text.to_owned()),
        dateline,
        body_start,
    }
}

fn truncate_title(s: &str) -> String {
    const MAX_CHARS: usize = 80;
    match s.char_indices().nth(MAX_CHARS) {
        Some((i, _)) => format!("{}\u{2026}", s[..i].trim_end()),
        None => s.to_owned(),
    }
}

fn find_related_marker(lines: &[Line<'_>], from: usize) -> Option<usize> {
    lines.iter().enumerate().skip(from).find_map(|(i, l)| {
        let t = l.text.trim_end_matches(':').trim_end();
        (t.len() <= 24 && RELATED_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(t))).then_some(i)
    })
}

/// (section, teaser) pairs; a teaser without a section label above it stands alone.
fn parse_related(lines: &[Line<'_>]) -> Vec<RelatedLink> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].text;
        let next = lines.get(i + 1).map(|l| l.text);
        let (section, text, step) = match next {
            Some(n) if is_label(line) && !is_label(n) => (Some(line.to_owned()), n, 2),
            _ => (None, line, 1),
        };
        // Lone labels (footer links, copyright marks) are not teasers.
        if section.is_some() || !is_label(text) {
            out.push(RelatedLink {
                section,
                text: text.to_owned(),
                url: None,
                target: None,
            });
        }
        i += step;
    }
    out
}

/// The author block: a name line and "Written By" (either order), then a bio.
struct Author {
    /// Index of the block's first line, where the body ends.
    start: usize,
    name: Option<String>,
}

fn find_author(lines: &[Line<'_>]) -> Option<Author> {
    let w = lines.iter().rposition(|l| {
        let t = l.text.trim_end_matches(':');
        t.eq_ignore_ascii_case("written by") || t.eq_ignore_ascii_case("about the author")
    })?;
    let name_like = |s: &str| s.len() <= 60 && word_count(s) <= 6 && !s.ends_with(['.', '!', '?']);
    if w > 0 && !lines[w].blank_before && name_like(lines[w - 1].text) {
        return Some(Author {
            start: w - 1,
            name: Some(lines[w - 1].text.to_owned()),
        });
    }
    let name = lines
        .get(w + 1)
        .map(|l| l.text)
        .filter(|s| name_like(s))
        .map(str::to_owned);
    Some(Author { start: w, name })
}

/// The body lines with a second scraped copy removed, keeping the copy with typographic punctuation.
fn single_copy<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    let mut buf = String::new();
    let hashes: Vec<u64> = lines.iter().map(|l| fold_hash(l.text, &mut buf)).collect();
    if let Some(k) = whole_copy_split(&hashes) {
        let (first, second) = lines.split_at(k);
        let count = |ls: &[Line<'_>]| ls.iter().map(|l| typographic_count(l.text)).sum::<usize>();
        return if count(second) > count(first) {
            second.to_vec()
        } else {
            first.to_vec()
        };
    }
    drop_repeated_paragraphs(lines, &hashes)
}

/// Where the second copy starts, when the lines are one text scraped twice.
fn whole_copy_split(hashes: &[u64]) -> Option<usize> {
    let n = hashes.len();
    if n < 2 {
        return None;
    }
    (1.max(n / 3)..=(n - n / 3).min(n - 1))
        .filter(|&k| hashes[k] == hashes[0])
        .find(|&k| {
            let shorter = k.min(n - k);
            let matching = (0..shorter).filter(|&i| hashes[i] == hashes[k + i]).count();
            // Tolerate a few lines that differ beyond punctuation (a caption re-flowed, an ad slot).
            matching * 10 >= shorter * 9 && n.abs_diff(2 * k) <= 1 + n / 10
        })
}

/// Drops later repeats of long lines (partial double scrapes), keeping the more typographic text in the
/// first one's place.
fn drop_repeated_paragraphs<'a>(lines: &[Line<'a>], hashes: &[u64]) -> Vec<Line<'a>> {
    let mut seen: HashMap<u64, usize> = HashMap::new();
    let mut out: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    for (line, &h) in lines.iter().zip(hashes) {
        if word_count(line.text) >= 8 {
            if let Some(&at) = seen.get(&h) {
                if typographic_count(line.text) > typographic_count(out[at].text) {
                    out[at].text = line.text;
                }
                continue;
            }
            seen.insert(h, out.len());
        }
        out.push(*line);
    }
    out
}

/// A subhead written "- Calls for ICC referral -" (hyphens, en or em dashes).
fn subhead(s: &str) -> Option<&str> {
    let dash = |c: char| matches!(c, '-' | '\u{2013}' | '\u{2014}');
    let inner = s.strip_prefix(dash)?.strip_suffix(dash)?;
    if !inner.starts_with(' ') || !inner.ends_with(' ') {
        return None;
    }
    let inner = inner.trim();
    (!inner.is_empty() && inner.len() <= 120 && !inner.starts_with(dash)).then_some(inner)
}

/// A photo credit line: ", AFP/File".
fn credit(s: &str) -> Option<&str> {
    let c = s.strip_prefix(',')?.trim();
    (!c.is_empty() && c.len() <= 80 && word_count(c) <= 8).then_some(c)
}

fn blocks(lines: &[Line<'_>]) -> Vec<Block> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text;
        if let Some(s) = subhead(text) {
            out.push(Block::Subhead(s.to_owned()));
            i += 1;
            continue;
        }
        // A caption: a fragment, the same line continued, then a credit.
        if let Some(full) = lines.get(i + 1).map(|l| l.text)
            && text.len() <= 120
            && full.len() > text.len()
            && full.starts_with(text)
        {
            let credit = lines.get(i + 2).and_then(|l| credit(l.text));
            out.push(Block::Caption {
                text: full.to_owned(),
                credit: credit.map(str::to_owned),
            });
            i += if credit.is_some() { 3 } else { 2 };
            continue;
        }
        // A caption without the fragment: a short line and its credit.
        if let Some(c) = lines.get(i + 1).and_then(|l| credit(l.text))
            && word_count(text) <= 40
        {
            out.push(Block::Caption {
                text: text.to_owned(),
                credit: Some(c.to_owned()),
            });
            i += 2;
            continue;
        }
        out.push(Block::Paragraph(text.to_owned()));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> Article {
        parse(text, Path::new("t.txt"))
    }

    #[test]
    fn subheads_take_hyphens_or_dashes() {
        assert_eq!(
            subhead("- Calls for ICC referral -"),
            Some("Calls for ICC referral")
        );
        assert_eq!(
            subhead("\u{2013} Calls for ICC referral \u{2013}"),
            Some("Calls for ICC referral")
        );
        assert_eq!(subhead("-"), None);
        assert_eq!(subhead("- -"), None);
        assert_eq!(subhead("-dash-joined-words-"), None);
    }

    #[test]
    fn credits_are_short_comma_lines() {
        assert_eq!(credit(", AFP/File"), Some("AFP/File"));
        assert_eq!(credit(","), None);
        assert_eq!(credit("AFP/File"), None);
    }

    #[test]
    fn author_name_may_follow_written_by() {
        let a = page(
            "Life\n\nA quiet village fair\n\n-\n\nThe fair opened on Saturday with forty stalls and a brass band.\n\nWritten By\nMara Ellison\n\nMara writes about village life.\n",
        );
        assert_eq!(a.byline.as_deref(), Some("Mara Ellison"));
        assert_eq!(a.body.len(), 1);
    }

    #[test]
    fn a_dateline_byline_wins_over_the_author_block() {
        let a = page(
            "Life\n\nA quiet village fair\n\nBy Ana Ruiz | 2026-11-02\n\nThe fair opened on Saturday with forty stalls and a brass band.\n\nAFP\nWritten By\n\nBio.\n",
        );
        assert_eq!(a.byline.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            a.published.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-11-02T00:00:00+00:00")
        );
    }

    #[test]
    fn a_partly_repeated_body_keeps_one_typographic_copy() {
        let a = page(
            "World\n\nTalks resume\n\n-\n\nThe talks \"resumed\" on Monday after a pause of three weeks, officials said.\n\nA second line that is not repeated anywhere in the page at all.\n\nThe talks \"resumed\" on Monday after a pause of three weeks, officials said.\n\nThe talks \u{201c}resumed\u{201d} on Monday after a pause of three weeks, officials said.\n",
        );
        assert_eq!(a.body.len(), 2);
        assert!(a.first_paragraph().contains('\u{201c}'));
    }

    #[test]
    fn a_credit_alone_makes_the_line_above_a_caption() {
        let a = page(
            "World\n\nTalks resume\n\n-\n\nThe talks resumed on Monday after a pause of three weeks, officials said.\n\nDelegates arrive at the palace\n, Reuters\n",
        );
        assert_eq!(
            a.body[1],
            Block::Caption {
                text: "Delegates arrive at the palace".into(),
                credit: Some("Reuters".into())
            }
        );
    }
}
