//! Finding a query's words in a text, for highlighting and snippets: the same tokens as the index, so what
//! the index matched is what is marked.

use std::ops::Range;

use super::query::{Query, Term};
use super::tokens;

/// The words, prefixes and phrases of a query that are shown as matches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matcher {
    /// Each term's tokens, and whether its last one is a prefix.
    terms: Vec<(Vec<String>, bool)>,
}

impl Matcher {
    /// The matcher for a query's words (not the excluded ones).
    #[must_use]
    pub fn new(query: &Query) -> Self {
        Self::from_terms(query.shown_terms())
    }

    fn from_terms<'a>(terms: impl IntoIterator<Item = &'a Term>) -> Self {
        let mut terms: Vec<(Vec<String>, bool)> = terms
            .into_iter()
            .map(|t| (t.tokens.clone(), t.prefix))
            .collect();
        terms.sort();
        terms.dedup();
        Self { terms }
    }

    /// Whether there is nothing to mark.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The byte ranges of `text` that match, in order, overlapping ones merged.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let mut words: Vec<(Range<usize>, String)> = Vec::new();
        tokens::each(text, |r, t| words.push((r, t.to_owned())));
        let mut found: Vec<Range<usize>> = Vec::new();
        for i in 0..words.len() {
            for (term, prefix) in &self.terms {
                if let Some(end) = matches_at(&words, i, term, *prefix) {
                    found.push(words[i].0.start..end);
                }
            }
        }
        found.sort_by_key(|r| (r.start, r.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(found.len());
        for r in found {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        merged
    }
}

/// Where the match of `term` starting at word `i` ends, if it matches there.
fn matches_at(
    words: &[(Range<usize>, String)],
    i: usize,
    term: &[String],
    prefix: bool,
) -> Option<usize> {
    let span = words.get(i..i + term.len())?;
    let last = term.len() - 1;
    span.iter()
        .zip(term)
        .enumerate()
        .all(|(k, ((_, word), want))| {
            if prefix && k == last {
                word.starts_with(want.as_str())
            } else {
                word == want
            }
        })
        .then(|| span[last].0.end)
}

/// A short passage around the first match, and where the matches sit in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    /// The passage, on one line; `…` marks text cut at either end.
    pub text: String,
    /// The byte ranges of the matches in `text`.
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// The passage with each match in `[` `]`.
    #[must_use]
    pub fn bracketed(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 2 * self.marks.len());
        let mut at = 0;
        for r in &self.marks {
            out.push_str(&self.text[at..r.start]);
            out.push('[');
            out.push_str(&self.text[r.clone()]);
            out.push(']');
            at = r.end;
        }
        out.push_str(&self.text[at..]);
        out
    }
}

/// How many characters of context a snippet keeps before its first match: enough to read the words that
/// lead into it, while the match stays in the left part of a narrow list pane.
pub const SNIPPET_LEAD: usize = 30;

/// The passage of about `length` characters around the first match in `text`, on one line. `None` when
/// nothing matches.
#[must_use]
pub fn snippet(matcher: &Matcher, text: &str, length: usize) -> Option<Snippet> {
    let found = matcher.find(text);
    let first = found.first()?.start;
    let before: Vec<(usize, char)> = text[..first].char_indices().collect();
    let mut start = before
        .len()
        .checked_sub(SNIPPET_LEAD)
        .map_or(0, |k| before[k].0);
    // Start at a word boundary where one is near.
    if start > 0
        && let Some(space) = text[start..first].find(char::is_whitespace)
    {
        start += space + 1;
    }
    let mut end = start;
    for (count, (i, c)) in text[start..].char_indices().enumerate() {
        if count >= length {
            break;
        }
        end = start + i + c.len_utf8();
    }
    let mut out = String::new();
    let mut marks = Vec::new();
    if start > 0 {
        out.push('\u{2026}');
    }
    let mut at = start;
    for r in found.iter().filter(|r| r.start < end) {
        let (s, e) = (r.start.max(start), r.end.min(end));
        push_one_line(&mut out, &text[at..s]);
        let mark_start = out.len();
        push_one_line(&mut out, &text[s..e]);
        marks.push(mark_start..out.len());
        at = e;
    }
    push_one_line(&mut out, &text[at..end]);
    if end < text.len() {
        out.push('\u{2026}');
    }
    Some(Snippet { text: out, marks })
}

/// The opening of `text`, about `length` characters on one line, for a result whose match is not in
/// its text (its headline or byline matched).
#[must_use]
pub fn opening(text: &str, length: usize) -> Snippet {
    let mut out = String::new();
    let mut taken = 0;
    for c in text.chars().take(length) {
        out.push(if c.is_control() { ' ' } else { c });
        taken += c.len_utf8();
    }
    if taken < text.len() {
        out.push('\u{2026}');
    }
    Snippet {
        text: out,
        marks: Vec::new(),
    }
}

/// Appends `s` with its line breaks, tabs and control characters as spaces.
fn push_one_line(out: &mut String, s: &str) {
    out.extend(s.chars().map(|c| if c.is_control() { ' ' } else { c }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse;

    fn marked(query: &str, text: &str) -> Vec<String> {
        let m = Matcher::new(&parse(query).expect("query"));
        m.find(text)
            .into_iter()
            .map(|r| text[r].to_owned())
            .collect()
    }

    #[test]
    fn words_prefixes_and_phrases_are_found_folded() {
        assert_eq!(marked("naive", "A Naïve plan. naive!"), ["Naïve", "naive"]);
        assert_eq!(
            marked("harb*", "Harbour and harbours, not a harp."),
            ["Harbour", "harbours"]
        );
        assert_eq!(
            marked(
                "\"storm surge\"",
                "a storm, a surge; the storm \u{2014} surge"
            ),
            ["storm \u{2014} surge"]
        );
    }

    #[test]
    fn excluded_words_are_not_marked() {
        assert_eq!(marked("ferry -storm", "ferry in a storm"), ["ferry"]);
    }

    #[test]
    fn a_cjk_word_is_found_inside_a_run() {
        assert_eq!(marked("静かな海", "京都の静かな海と港"), ["静かな海"]);
    }

    #[test]
    fn a_snippet_marks_its_matches() {
        let m = Matcher::new(&parse("ferries").expect("query"));
        let text = "The council met for hours on Tuesday evening and, after a long debate about money, voted that the harbour ferries would run all night in summer.";
        let s = snippet(&m, text, 60).expect("a match");
        assert!(s.bracketed().contains("[ferries]"), "{}", s.bracketed());
        assert!(s.text.starts_with('\u{2026}'));
        assert!(s.text.chars().count() <= 62);
    }
}
