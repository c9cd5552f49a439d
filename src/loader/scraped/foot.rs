//! The foot of a scraped page: the author block ("AFP" / "Written By" / a bio) and the related-stories
//! block ("You may also like:" then section and teaser pairs).

use super::lines::{Line, is_chrome, is_label, prose_words, word_count};
use crate::model::RelatedLink;

/// Lines that open the related-stories block.
const RELATED_MARKERS: &[&str] = &[
    "you may also like",
    "you might also like",
    "related stories",
    "related articles",
    "more stories",
    "read more",
    "recommended",
];

/// What the foot holds.
pub struct Foot {
    /// Index of the first line after the body.
    pub body_end: usize,
    /// The author named in the author block.
    pub author: Option<String>,
    /// The related links.
    pub related: Vec<RelatedLink>,
}

fn is_related_marker(s: &str) -> bool {
    let t = s.trim_end_matches(':').trim_end();
    t.len() <= 24 && RELATED_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(t))
}

fn is_written_by(s: &str) -> bool {
    let t = s.trim_end_matches(':');
    t.eq_ignore_ascii_case("written by") || t.eq_ignore_ascii_case("about the author")
}

fn is_name_like(s: &str) -> bool {
    s.len() <= 60 && word_count(s) <= 6 && !s.ends_with(['.', '!', '?'])
}

/// Finds the foot of a page whose body starts at `body_start` (`seed_layout` when the page is in the seed's
/// layout). The author block is the last "Written By";
/// the related block is the first marker after it, or, without an author block, the last marker on the
/// page, so a "Read more" inside the body does not cut the story short.
pub fn find(lines: &[Line<'_>], body_start: usize, seed_layout: bool) -> Foot {
    let written = (body_start..lines.len())
        .rev()
        .find(|&i| is_written_by(lines[i].text));
    let marker = match written {
        Some(w) => (w + 1..lines.len()).find(|&i| is_related_marker(lines[i].text)),
        None => (body_start..lines.len())
            .rev()
            .find(|&i| is_related_marker(lines[i].text))
            // A "Read more" with more prose under it than above is a link inside the story, not its foot.
            .filter(|&m| prose_words(&lines[m + 1..]) <= prose_words(&lines[body_start..m])),
    };
    // Under a whole-page dump's last "Read more" stand footers, ads and sign-up boxes as often as teasers
    // ("Not Now", "© 2020 …", "Sign me up →"), and a teaser without an address resolves to no story: a
    // dump's sidebar keeps only the links of the page itself, none from its foot.
    let related = match marker {
        Some(m) if seed_layout => parse_related(&lines[m + 1..]),
        _ => Vec::new(),
    };
    let mut body_end = marker.unwrap_or(lines.len());
    let mut author = None;
    if let Some(w) = written {
        let above = w
            .checked_sub(1)
            .filter(|&a| a >= body_start)
            .map(|a| lines[a].text);
        let below = lines[w + 1..body_end].first().map(|l| l.text);
        // "AFP" then "Written By" (the seed), or "Written By" then the name; with a blank line between name
        // and marker, the name is above when the line below is a bio rather than a name.
        let name_above = above.filter(|a| {
            is_name_like(a) && (!lines[w].blank_before || !below.is_some_and(is_name_like))
        });
        if let Some(name) = name_above {
            author = Some(name.to_owned());
            body_end = w - 1;
        } else {
            author = below.filter(|b| is_name_like(b)).map(str::to_owned);
            body_end = w;
        }
    }
    Foot {
        body_end: body_end.max(body_start),
        author,
        related,
    }
}

/// (section, teaser) pairs: a short label followed by a longer line pairs up; a line left alone is a
/// teaser of its own unless it is a single word (a stray label or footer link).
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
        if section.is_some() || (word_count(text) >= 2 && !is_chrome(text)) {
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
