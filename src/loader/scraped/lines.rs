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
    "iniciar sesión",
    "anmelden",
    "se connecter",
    "connexion",
    "accedi",
    "entrar",
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

/// What may close a sentence after its stop: quotes and brackets of the scripts pages come in
/// ("said.”", "（编译）").
const CLOSERS: &[char] = &[
    '"', '\'', '\u{201d}', '\u{2019}', '\u{bb}', '\u{203a}', ')', ']', '\u{300d}', '\u{300f}',
    '\u{ff09}', '\u{3011}',
];

/// Whether `s` ends as a sentence or a clause ends, so that the line after it starts a new block.
pub fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(CLOSERS).ends_with([
        '.', '!', '?', ':', ';', '\u{2026}', '\u{3002}', '\u{ff01}', '\u{ff1f}',
    ])
}

/// Whether `next` continues the paragraph `prev` when a page was saved with its lines hard-wrapped (mail
/// archives, `<br>` layouts): no blank line between, `prev` stops mid-sentence and `next` goes on in lower
/// case. Menus in lower case ("news", "world") are short on both sides, and a byline under a headline
/// ("by Ana Ruiz") is no continuation.
fn continues(prev: &str, next: &Line<'_>) -> bool {
    !next.blank_before
        && !ends_sentence(prev)
        && starts_with_lowercase_word(next.text)
        && (word_count(prev) >= 5 || word_count(next.text) >= 5)
        && crate::loader::dateline::parse(next.text).is_none()
}

/// Whether `s` opens with a word in lower case: lower-case letters only, perhaps followed by punctuation
/// ("amet,"). An address ("http://…"), a handle or a name such as "iPhone" opens no continuation.
fn starts_with_lowercase_word(s: &str) -> bool {
    let word = s
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| c.is_ascii_punctuation());
    // "iPhone" and "eBay" are names, not a sentence going on.
    !word.is_empty() && word.chars().all(char::is_lowercase)
}

/// `lines` with hard-wrapped paragraphs joined into one line each. Joined lines are slices of `source`
/// (the text the lines were split from) that keep their line breaks; [`one_line`] removes them.
pub fn join_wrapped<'a>(source: &'a str, lines: &[Line<'a>]) -> Vec<Line<'a>> {
    let base = source.as_ptr().addr();
    let span = |s: &str| {
        let start = s.as_ptr().addr().wrapping_sub(base);
        start..start + s.len()
    };
    let mut out: Vec<Line<'a>> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut()
            && continues(prev.text, line)
        {
            let (a, b) = (span(prev.text), span(line.text));
            // Only lines that stand next to each other in the source, one line break apart, are joined.
            if let Some(gap) = source.get(a.end..b.start)
                && a.end <= b.start
                && gap.trim().is_empty()
                && gap.matches('\n').count() == 1
            {
                prev.text = &source[a.start..b.end];
                continue;
            }
        }
        out.push(*line);
    }
    out
}

/// `s` with every run of white space (a joined line's breaks) as one space.
pub fn one_line(s: &str) -> String {
    if s.contains('\n') {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        s.to_owned()
    }
}

/// Whether `s` has at least `n` words (counting no further than that).
pub fn has_words(s: &str, n: usize) -> bool {
    n == 0 || s.split_whitespace().nth(n - 1).is_some()
}

/// Whether ASCII byte `b` is white space as [`char::is_whitespace`] has it: unlike
/// [`u8::is_ascii_whitespace`], that includes the vertical tab (U+000B).
const fn is_space_byte(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// How many words `s` has: always `s.split_whitespace().count()`, counted faster.
pub fn word_count(s: &str) -> usize {
    // A word starts at each byte that is not white space after one that is (or at the start). Bytes of
    // multi-byte characters count as word bytes unless they are within a white space character, which
    // only a few lead bytes can open.
    let b = s.as_bytes();
    if s.is_ascii() {
        // Branch-free, so the compiler can count many bytes at once.
        let starts = b
            .windows(2)
            .filter(|w| is_space_byte(w[0]) && !is_space_byte(w[1]))
            .count();
        return starts + usize::from(b.first().is_some_and(|&c| !is_space_byte(c)));
    }
    let (mut words, mut in_word, mut i) = (0, false, 0);
    while i < b.len() {
        let space = match b[i] {
            c if c < 0x80 => usize::from(is_space_byte(c)),
            // The white space beyond ASCII, matched on its bytes: U+0085 and U+00A0 (C2 85, C2 A0),
            // U+1680 (E1 9A 80), U+2000–U+200A, U+2028, U+2029, U+202F (E2 80 …), U+205F (E2 81 9F) and
            // U+3000 (E3 80 80).
            0xc2 if matches!(b.get(i + 1), Some(0x85 | 0xa0)) => 2,
            0xe1 if b.get(i + 1..i + 3) == Some(&[0x9a, 0x80]) => 3,
            0xe2 if matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0x80), Some(0x80..=0x8a | 0xa8 | 0xa9 | 0xaf)) | (Some(0x81), Some(0x9f))
            ) =>
            {
                3
            }
            0xe3 if b.get(i + 1..i + 3) == Some(&[0x80, 0x80]) => 3,
            _ => 0,
        };
        if space > 0 {
            in_word = false;
            i += space;
        } else {
            words += usize::from(!in_word);
            in_word = true;
            i += 1;
        }
    }
    words
}

/// Whether `c` is written without spaces between words (Chinese, Japanese, Korean, Thai).
fn unspaced(c: char) -> bool {
    matches!(u32::from(c), 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0x0e00..=0x0e7f)
}

/// Words in `s`, counting every two characters of an unspaced script as a word.
pub fn text_words(s: &str) -> usize {
    text_words_of(s, word_count(s))
}

/// [`text_words`] for a line whose [`word_count`] is `spaced`.
pub fn text_words_of(s: &str, spaced: usize) -> usize {
    // The unspaced scripts are all encoded in three bytes from U+0E00 on, led by 0xE0 or more.
    if !s.bytes().any(|b| b >= 0xe0) {
        return spaced;
    }
    spaced.max(s.chars().filter(|&c| unspaced(c)).count() / 2)
}

/// Fewest characters of an unspaced script that make a line running text without a stop: the eight words
/// (two characters each, as [`text_words`] counts them) that [`is_prose`] asks of a sentence. Menu items
/// (two to twelve characters) fall short.
const UNSTOPPED_MIN_CHARS: usize = 16;

/// Marks that set off a teaser's or a menu's title in unspaced scripts and that running text does without:
/// tags in brackets ("【台中】…", "[遊記] …", "『花蓮』…", "＜河邊步道＞…"), a blog's `Post_Place`
/// titles and the bars between menu items. Quotes (「」, “”) and round brackets are the text's own and stay allowed.
const TEASER_MARKS: &[char] = &[
    '[', ']', '<', '>', '_', '|', '\u{3010}', '\u{3011}', '\u{300e}', '\u{300f}', '\u{ff1c}',
    '\u{ff1e}', '\u{ff3b}', '\u{ff3d}', '\u{3014}', '\u{3015}', '\u{ff5c}',
];

/// Whether `s` is running text in an unspaced script written without sentence stops, as blogs in Chinese
/// or Japanese often break their text at phrases: mostly such characters and enough of them, not cut
/// short ("…", "...", a closing comma) and without the marks of teaser titles and menus. A teaser title of
/// that length without marks passes too, so the run finder counts these lines only on a page written
/// without stops; [`is_prose`] stays the stricter test (a headline is no prose).
pub fn is_unstopped_text(s: &str) -> bool {
    // The unspaced scripts are all encoded in three bytes from U+0E00 on, led by 0xE0 or more.
    if !s.bytes().any(|b| b >= 0xe0) || s.contains(TEASER_MARKS) {
        return false;
    }
    // Cut short: an ellipsis, or a comma that leaves the clause open (a teaser's or a blog's description
    // clipped to its box, a comment hard-wrapped).
    let t = s.trim_end_matches(CLOSERS);
    if t.ends_with([
        '\u{2026}', '\u{22ef}', ',', '\u{ff0c}', '\u{3001}', '\u{ff64}',
    ]) || t.ends_with("..")
    {
        return false;
    }
    let (mut script, mut alphanumeric) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphanumeric()) {
        alphanumeric += 1;
        script += usize::from(unspaced(c));
    }
    script >= UNSTOPPED_MIN_CHARS && 2 * script >= alphanumeric
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

/// `s` without a short note in brackets after its last sentence: the writer's initials or the agency
/// ("… OS X 10.10 voraus. (bsc)", "… on Monday. (AFP)", "…上。（编译/林靖东）").
fn without_note(s: &str) -> &str {
    for (open, close) in [('(', ')'), ('\u{ff08}', '\u{ff09}')] {
        if let Some(body) = s.strip_suffix(close)
            && let Some(at) = body.rfind(open)
            && body[at..].chars().count() <= 12
        {
            let before = body[..at].trim_end();
            if before.ends_with(['.', '!', '?', '\u{3002}', '\u{ff01}', '\u{ff1f}']) {
                return before;
            }
        }
    }
    s
}

/// A line of prose: a sentence or more, ending as sentences end.
pub fn is_prose(s: &str) -> bool {
    is_prose_of(s, text_words(s))
}

/// [`is_prose`] for a line whose [`text_words`] are known.
pub fn is_prose_of(s: &str, words: usize) -> bool {
    if words < 8 {
        return false;
    }
    // Most prose ends in a plain stop; a letter or digit ends no sentence.
    match s.as_bytes().last() {
        Some(b'.' | b'!' | b'?' | b':') => return true,
        Some(b) if b.is_ascii_alphanumeric() => return false,
        _ => {}
    }
    without_note(s).trim_end_matches(CLOSERS).ends_with([
        '.', '!', '?', ':', '\u{2026}', '\u{3002}', '\u{ff01}', '\u{ff1f}',
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn word_count_agrees_with_split_whitespace(s in "(\\PC|\\s|[\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{1c}-\u{1f}]){0,40}") {
            proptest::prop_assert_eq!(word_count(&s), s.split_whitespace().count(), "{:?}", s);
        }
    }

    #[test]
    fn a_vertical_tab_separates_words() {
        assert_eq!(word_count("one\u{b}two"), 2);
        assert_eq!(word_count("\u{b}caf\u{e9}\u{b}cr\u{e8}me\u{b}"), 2);
    }

    fn joined(text: &str) -> Vec<String> {
        join_wrapped(text, &split(text))
            .iter()
            .map(|l| one_line(l.text))
            .collect()
    }

    #[test]
    fn hard_wrapped_lines_join_into_their_paragraph() {
        let text = "The council voted on Tuesday to rebuild the\nharbour wall before winter, and the work\nstarts in May.\n\nNext paragraph here.";
        assert_eq!(
            joined(text),
            [
                "The council voted on Tuesday to rebuild the harbour wall before winter, and the work starts in May.",
                "Next paragraph here."
            ]
        );
    }

    #[test]
    fn menus_bylines_and_addresses_stay_apart() {
        // Menu items in lower case are short on both sides.
        assert_eq!(joined("news\nworld\nbusiness").len(), 3);
        // A byline under a headline is no continuation.
        assert_eq!(
            joined("Harbour wall to be rebuilt before the winter storms\nby Ana Ruiz").len(),
            2
        );
        // Nor is an address.
        assert_eq!(
            joined("Read the whole story on the council's own site\nhttp://example.org/story")
                .len(),
            2
        );
        // A finished sentence ends its line's paragraph.
        assert_eq!(
            joined("The council voted on Tuesday to rebuild the wall.\nthen the mayor spoke at length about it").len(),
            2
        );
    }

    #[test]
    fn words_are_counted_across_every_kind_of_space() {
        for s in [
            "",
            "  ",
            "one",
            " one  two\tthree\n",
            "caf\u{e9} cr\u{e8}me",
            "a\u{a0}b\u{2009}c\u{3000}d\u{1680}e",
            "\u{201c}quoted\u{201d} \u{2014} dash",
            "\u{5c71}\u{7530} \u{82b1}\u{5b50}",
        ] {
            assert_eq!(word_count(s), s.split_whitespace().count(), "{s:?}");
        }
    }

    #[test]
    fn prose_may_end_in_a_note_or_a_closing_bracket() {
        assert!(is_prose(
            "The tables are generated every night by the old script. (bsc)"
        ));
        assert!(is_prose(
            "\u{201c}We are glad to be back on the water,\u{201d} she said of the deal.\u{201d}"
        ));
        assert!(!is_prose(
            "The tables are generated every night by the old script (see the long note below)"
        ));
        assert!(!is_prose("Too short to be prose."));
    }

    #[test]
    fn unstopped_lines_of_an_unspaced_script_are_running_text() {
        // A phrase a line, spaces between phrases, no stop: in Chinese and in Japanese.
        assert!(is_unstopped_text(
            "清晨的河面上還留著一層薄薄的霧氣 我們沿著堤岸慢慢往上游走去"
        ));
        assert!(is_unstopped_text(
            "今日は朝から雨が降っていたので 駅前の喫茶店でゆっくり本を読んだ"
        ));
        // Teaser titles in brackets, cut short, or in a blog's "Post_Place" form are not.
        assert!(!is_unstopped_text("【台中】河邊步道一日遊與老街小吃整理"));
        assert!(!is_unstopped_text(
            "河邊步道一日遊與老街小吃心得分享整理..."
        ));
        assert!(!is_unstopped_text(
            "這裡記錄我們一家人走過的步道與老街 喜歡山也喜歡海、"
        ));
        assert!(!is_unstopped_text("河邊步道_老街小吃一日遊心得分享整理好"));
        // Nor are menu items, too short, nor lines mostly in a spaced script.
        assert!(!is_unstopped_text("首頁 旅遊 美食 關於我們"));
        assert!(!is_unstopped_text(
            "The council met on Tuesday to talk about the river path 河邊步道"
        ));
    }
}
