//! The body of a scraped page: the second scraped copy removed, then lines read as paragraphs, subheads and
//! captions with credits.

use std::collections::{HashMap, HashSet};

use super::lines::{Line, has_words, is_chrome, one_line, word_count};
use crate::model::Block;
use crate::text::fold::{fold_hash, typographic_count};

/// How many unmatched lines may stand before the first copy (a dateline the head did not understand).
const MAX_PREFIX: usize = 4;
/// How many candidate starts of a second copy are tried per prefix length.
const MAX_CANDIDATES: usize = 8;

/// The body lines with a second scraped copy removed, keeping the copy with typographic punctuation.
pub fn single_copy<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    let hashes: Vec<u64> = lines.iter().map(|l| fold_hash(l.text)).collect();
    if let Some((prefix, k)) = whole_copy_split(&hashes) {
        let (first, second) = (&lines[prefix..k], &lines[k..]);
        let count = |ls: &[Line<'_>]| ls.iter().map(|l| typographic_count(l.text)).sum::<usize>();
        let kept = if count(second) > count(first) {
            second
        } else {
            first
        };
        return lines[..prefix].iter().chain(kept).copied().collect();
    }
    drop_repeated_paragraphs(lines, &hashes)
}

/// Where the first copy starts and the second begins, when the lines (after a short prefix) are one text
/// scraped twice.
fn whole_copy_split(hashes: &[u64]) -> Option<(usize, usize)> {
    let n = hashes.len();
    (0..MAX_PREFIX.min(n)).find_map(|prefix| {
        let len = n - prefix;
        // Each copy must be longer than the prefix standing before them.
        if len < 4 || prefix * 4 > len {
            return None;
        }
        // The copies are the same length give or take a tenth; only starts in that window are tried.
        let slack = 1 + len / 10;
        let lo = prefix + (len.saturating_sub(slack)).div_ceil(2).max(1);
        let hi = (prefix + usize::midpoint(len, slack)).min(n - 1);
        (lo..=hi)
            .filter(|&k| hashes[k] == hashes[prefix])
            .take(MAX_CANDIDATES)
            .find(|&k| copies_match(&hashes[prefix..k], &hashes[k..]))
            .filter(|&k| mostly_distinct(&hashes[prefix..k]))
            .map(|k| (prefix, k))
    })
}

/// Whether most lines of a copy differ from each other: a story's paragraphs do, while a page that repeats
/// one paragraph over and over (a placeholder, a test page) is not two copies of anything.
fn mostly_distinct(hashes: &[u64]) -> bool {
    let distinct: HashSet<u64> = hashes.iter().copied().collect();
    distinct.len() * 4 >= hashes.len() * 3
}

/// Whether two runs of line hashes are the same text, allowing a tenth of the lines to differ (a caption
/// re-flowed, an ad slot).
fn copies_match(first: &[u64], second: &[u64]) -> bool {
    let shorter = first.len().min(second.len());
    let allowed = shorter / 10;
    // Lines one copy has beyond the other's end are misses too.
    let mut misses = first.len().abs_diff(second.len());
    if misses > allowed {
        return false;
    }
    for (a, b) in first.iter().zip(second) {
        if a != b {
            misses += 1;
            if misses > allowed {
                return false;
            }
        }
    }
    true
}

/// Drops later repeats of long lines that are a partial double scrape, keeping the more typographic text in
/// the first one's place. A repeat is a scrape when the page holds the line in two typographies, or when a
/// neighbouring line repeats the first one's neighbour (a run scraped twice). A paragraph the page itself
/// prints twice, word for word and alone, stays.
fn drop_repeated_paragraphs<'a>(lines: &[Line<'a>], hashes: &[u64]) -> Vec<Line<'a>> {
    let mut first_seen: HashMap<u64, usize> = HashMap::new();
    let earlier: Vec<Option<usize>> = lines
        .iter()
        .zip(hashes)
        .enumerate()
        .map(|(i, (line, &h))| {
            if !has_words(line.text, 8) {
                return None;
            }
            let at = *first_seen.entry(h).or_insert(i);
            (at != i).then_some(at)
        })
        .collect();
    // Lines the page holds in more than one typography: every repeat of them is a scrape.
    let varied: HashSet<u64> = earlier
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            e.filter(|&j| lines[i].text != lines[j].text)
                .map(|_| hashes[i])
        })
        .collect();
    let in_run = |i: usize, j: usize| {
        let before = i > 0 && j > 0 && earlier[i - 1] == Some(j - 1);
        let after = j + 1 < i && earlier.get(i + 1).copied().flatten() == Some(j + 1);
        before || after
    };
    let mut out: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    let mut kept_at: Vec<usize> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        if let Some(j) = earlier[i]
            && (varied.contains(&hashes[i]) || in_run(i, j))
        {
            let at = kept_at[j];
            if typographic_count(line.text) > typographic_count(out[at].text) {
                out[at].text = line.text;
            }
            kept_at.push(at);
            continue;
        }
        kept_at.push(out.len());
        out.push(*line);
    }
    out
}

/// A subhead written "- Calls for ICC referral -" (hyphens, en or em dashes).
pub fn subhead(s: &str) -> Option<&str> {
    let dash = |c: char| matches!(c, '-' | '\u{2013}' | '\u{2014}');
    let inner = s.strip_prefix(dash)?.strip_suffix(dash)?;
    if !inner.starts_with(' ') || !inner.ends_with(' ') {
        return None;
    }
    let inner = inner.trim();
    (!inner.is_empty() && inner.len() <= 120 && !inner.starts_with(dash)).then_some(inner)
}

/// A photo credit line: ", AFP/File".
pub fn credit(s: &str) -> Option<&str> {
    let c = s.strip_prefix(',')?.trim();
    (!c.is_empty() && c.len() <= 80 && word_count(c) <= 8).then_some(c)
}

/// Labels that put a photo's credit at the end of its caption, in the languages pages come in.
const CREDIT_LABELS: &[&str] = &[
    "Credit:",
    "Photo:",
    "Photograph:",
    "Picture:",
    "Image:",
    "Foto:",
    "Bild:",
    "Crédit :",
    "Crédit:",
    "Crédito:",
];

/// A caption with its credit on the same line ("A man walks past a carrier on Thursday Credit: STR/AFP",
/// "Souček after the win. | Foto: Reuters"): the caption and the credit, which is a few words at the end.
pub fn inline_credit(s: &str) -> Option<(&str, &str)> {
    // The label and a credit of a few words stand in the line's last hundred bytes.
    let mut tail = s.len().saturating_sub(100);
    while !s.is_char_boundary(tail) {
        tail += 1;
    }
    if !s[tail..].contains(':') {
        return None;
    }
    let (at, label) = CREDIT_LABELS
        .iter()
        .filter_map(|l| s[tail..].rfind(l).map(|at| (tail + at, *l)))
        .max_by_key(|(at, _)| *at)?;
    let credit = s[at + label.len()..].trim().trim_end_matches(')');
    let caption = s[..at].trim_end().trim_end_matches(['|', '(']).trim_end();
    // A credit names a photographer or an agency; a quotation after "der Bild:" is the story's text.
    let quoted = credit.contains(['"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{ab}', '\u{bb}'])
        || credit.starts_with(['\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{2039}']);
    (at > 0
        && !credit.is_empty()
        && !quoted
        && !credit.ends_with(['.', '!', '?'])
        && word_count(credit) <= 6
        && word_count(caption) >= 3)
        .then_some((caption, credit))
}

/// Reads body lines as blocks. Chrome lines inside the body ("Advertisement") are dropped.
pub fn blocks(lines: &[Line<'_>]) -> Vec<Block> {
    let mut out = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text;
        if is_chrome(text) {
            i += 1;
            continue;
        }
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
        if let Some((caption, credit)) = inline_credit(text) {
            out.push(Block::Caption {
                text: one_line(caption),
                credit: Some(credit.to_owned()),
            });
            i += 1;
            continue;
        }
        out.push(Block::Paragraph(one_line(text)));
        i += 1;
    }
    out
}
