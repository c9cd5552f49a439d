//! Lines of a scraped page and what each looks like: labels, headlines, prose, chrome, dashes.

/// One non-blank line of the page.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    /// The text, trimmed.
    pub text: &'a str,
    /// Whether a blank line separates it from the line before.
    pub blank_before: bool,
}

/// Longest line taken as a headline, in bytes.
pub const MAX_HEADLINE: usize = 300;

/// Lines that site themes print around a story; never headline or body.
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

/// The page's non-blank lines, trimmed, each knowing whether a blank line came before it.
pub fn split(text: &str) -> Vec<Line<'_>> {
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

/// How many words `s` has.
pub fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Whether `c` is written without spaces between words (Chinese, Japanese, Korean, Thai).
fn unspaced(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0x0e00..=0x0e7f)
}

/// Words in `s`, counting every two characters of an unspaced script as a word.
pub fn text_words(s: &str) -> usize {
    let spaced = word_count(s);
    if s.is_ascii() {
        return spaced;
    }
    spaced.max(s.chars().filter(|&c| unspaced(c)).count() / 2)
}

/// A site-chrome line ("Connect with us", "Advertisement").
pub fn is_chrome(s: &str) -> bool {
    s.len() <= 40 && CHROME.iter().any(|c| c.eq_ignore_ascii_case(s))
}

/// A line of only dashes: the seed layout's empty dateline.
pub fn is_dash_line(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}'))
}

/// A short label such as a section name ("Tech & Science"): few words, no sentence punctuation.
pub fn is_label(s: &str) -> bool {
    s.len() <= 40
        && word_count(s) <= 4
        && !s.ends_with(['.', '!', '?', ':', ',', ';'])
        && !is_chrome(s)
        && !is_dash_line(s)
}

/// A line that may be a headline.
pub fn is_headline_like(s: &str) -> bool {
    s.len() <= MAX_HEADLINE && !is_chrome(s) && !is_dash_line(s) && !s.ends_with(':')
}

/// A line that could be a fallback headline: a few words of text.
pub fn is_substantial(s: &str) -> bool {
    is_headline_like(s) && (word_count(s) >= 3 || s.chars().count() >= 16)
}

/// The words in the prose lines of `lines` (unspaced scripts counted by characters).
pub fn prose_words(lines: &[Line<'_>]) -> usize {
    lines
        .iter()
        .filter(|l| is_prose(l.text))
        .map(|l| text_words(l.text))
        .sum()
}

/// A line of prose: a sentence or more, ending as sentences end.
pub fn is_prose(s: &str) -> bool {
    text_words(s) >= 8
        && s.trim_end_matches([
            '"', '\'', '\u{201d}', '\u{2019}', ')', '\u{300d}', '\u{300f}',
        ])
        .ends_with([
            '.', '!', '?', ':', '\u{2026}', '\u{3002}', '\u{ff01}', '\u{ff1f}',
        ])
}
