//! Display width measured one way everywhere: what text takes on screen, cutting it to a width, padding it
//! to one and wrapping it, so that a column's measure can never disagree with itself.
//!
//! The measure is the one ratatui's buffer draws with: each grapheme cluster (unicode-segmentation) takes
//! unicode-width's width of that cluster, one cell per cluster at least once drawn. It is not the sum of
//! the characters' widths: `1️⃣` and `❤️` take two columns though their characters add up to one. Nor is it
//! unicode-width's measure of the whole string, which counts the lam-alef pair `لا` as one column while
//! the buffer draws its two clusters in two cells (an Arabic headline then pushed the list's date column
//! out). Code that adds up characters and then subtracts a string's width can underflow; here every cut
//! is measured with [`width`] itself.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The mark that ends cut text; one column wide, and no character before it joins it into a sequence.
const ELLIPSIS: &str = "\u{2026}";

/// The search for a cut looks at most this many characters per column. A column holds one character and
/// its marks; more than sixteen per column is no text a person wrote (only piled-up combining marks, as in
/// "Zalgo" text), and the bound keeps a cut's cost linear in the width however long the text.
const CHARS_PER_COLUMN_SEARCHED: usize = 16;

/// The columns `s` takes on screen.
///
/// ```
/// use broadsheet::text::width::width;
/// assert_eq!(width("静かな海"), 8);
/// assert_eq!(width("1\u{fe0f}\u{20e3}"), 2);
/// // Lam-alef: two clusters, two cells, as the buffer draws them.
/// assert_eq!(width("\u{644}\u{627}"), 2);
/// ```
#[must_use]
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The width of one character on its own, as [`width`] measures it.
fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    width(c.encode_utf8(&mut buf))
}

/// The longest start of `s` at most `columns` wide, cut between characters (possibly empty). Where a
/// sequence makes the measure shrink as the text grows, the cut may come earlier than it could; never later.
#[must_use]
pub fn prefix(s: &str, columns: usize) -> &str {
    // The usual answer: characters while their own widths add up to no more than the columns.
    let most = columns
        .saturating_mul(CHARS_PER_COLUMN_SEARCHED)
        .saturating_add(CHARS_PER_COLUMN_SEARCHED);
    let (mut summed, mut end) = (0, 0);
    for (count, (i, c)) in s.char_indices().enumerate() {
        let w = char_width(c);
        if summed + w > columns || count == most {
            break;
        }
        summed += w;
        end = i + c.len_utf8();
    }
    let guess = &s[..end];
    if width(guess) <= columns {
        return guess;
    }
    // Emoji sequences took more than their characters add up to: search the guess for the longest start
    // that is measured to fit. Every start accepted was measured, so the answer fits. Cuts fall before a
    // character that takes room of its own, so a sequence's selectors and marks stay with it.
    let ends: Vec<usize> = guess
        .char_indices()
        .skip(1)
        .filter(|&(_, c)| char_width(c) > 0)
        .map(|(i, _)| i)
        .chain([guess.len()])
        .collect();
    let (mut fits, mut over) = (0, ends.len());
    while fits < over {
        let mid = (fits + over).div_ceil(2);
        if width(&guess[..ends[mid - 1]]) <= columns {
            fits = mid;
        } else {
            over = mid - 1;
        }
    }
    &guess[..fits.checked_sub(1).map_or(0, |k| ends[k])]
}

/// `s` cut to at most `columns` columns, ending in "…" when anything was cut.
///
/// ```
/// use broadsheet::text::width::fit;
/// assert_eq!(fit("静かな海", 5), "静か…");
/// ```
#[must_use]
pub fn fit(s: &str, columns: usize) -> String {
    if width(s) <= columns {
        return s.to_owned();
    }
    if columns == 0 {
        return String::new();
    }
    let cut = format!("{}{ELLIPSIS}", prefix(s, columns - 1));
    // The ellipsis joins no sequence, so this holds; should a future measure disagree, the ellipsis alone
    // still fits.
    if width(&cut) <= columns {
        cut
    } else {
        ELLIPSIS.to_owned()
    }
}

/// `s` fitted to `columns` and padded with spaces to exactly that width.
///
/// ```
/// use broadsheet::text::width::{pad_to, width};
/// assert_eq!(pad_to("World", 8), "World   ");
/// assert_eq!(width(&pad_to("\u{2764}\u{fe0f} Life", 6)), 6);
/// ```
#[must_use]
pub fn pad_to(s: &str, columns: usize) -> String {
    let mut out = fit(s, columns);
    // fit never returns more than `columns`, so nothing is lost to saturation.
    let pad = columns.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// `s` cut into pieces at most `columns` wide (a character wider than that alone makes a piece), for text
/// whose lines are kept as they are. An empty `s` is one empty piece.
#[must_use]
pub fn split(s: &str, columns: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = s;
    while !rest.is_empty() || pieces.is_empty() {
        let mut piece = prefix(rest, columns);
        if piece.is_empty() {
            piece = &rest[..rest.chars().next().map_or(0, char::len_utf8)];
        }
        pieces.push(piece);
        rest = &rest[piece.len()..];
    }
    pieces
}

/// The part of `s` from column `from` on, at most `columns` wide: a line of a table or of code scrolled
/// sideways. A wide character cut in two by `from` shows as a space.
///
/// ```
/// use broadsheet::text::width::window;
/// assert_eq!(window("fn main() {}", 3, 4), "main");
/// assert_eq!(window("静かな海", 1, 4), " か ");
/// ```
#[must_use]
pub fn window(s: &str, from: usize, columns: usize) -> String {
    let head = prefix(s, from);
    let mut rest = &s[head.len()..];
    let mut out = String::new();
    let gap = from.saturating_sub(width(head));
    if gap > 0 {
        // The character that straddles `from`, with the marks that join it.
        let mut chars = rest.char_indices();
        chars.next();
        let end = chars
            .find(|&(_, c)| char_width(c) > 0)
            .map_or(rest.len(), |(i, _)| i);
        let straddler = width(&rest[..end]);
        rest = &rest[end..];
        out.extend(std::iter::repeat_n(' ', straddler.saturating_sub(gap)));
    }
    let room = columns.saturating_sub(width(&out));
    let shown = prefix(rest, room);
    out.push_str(shown);
    if shown.len() < rest.len() {
        // A wide character did not fit at the end: its room stays blank.
        let pad = columns.saturating_sub(width(&out));
        out.extend(std::iter::repeat_n(' ', pad));
    }
    out
}

/// A word to wrap, measured with [`width`] (textwrap adds up characters' widths, which makes an emoji
/// with a variation selector, `❤️`, one column where it takes two).
#[derive(Debug)]
struct Piece<'a> {
    word: &'a str,
    whitespace: &'a str,
    penalty: &'a str,
}

impl textwrap::core::Fragment for Piece<'_> {
    #[allow(clippy::cast_precision_loss)] // widths of a line of text, far below 2^52
    fn width(&self) -> f64 {
        width(self.word) as f64
    }

    #[allow(clippy::cast_precision_loss)]
    fn whitespace_width(&self) -> f64 {
        width(self.whitespace) as f64
    }

    #[allow(clippy::cast_precision_loss)]
    fn penalty_width(&self) -> f64 {
        width(self.penalty) as f64
    }
}

/// `text` wrapped to `columns`, the first line after `first`, the others after `rest`: words are found
/// and lines evened out as textwrap does (spaces, the Unicode line-break rules that allow breaks inside
/// CJK text, and after hyphens; the optimal fit), words are measured with [`width`], and a word wider than a line is
/// cut. A line that a character wider than the
/// room left would still overflow is cut again, so every line fits.
#[must_use]
pub fn wrap(text: &str, columns: usize, first: &str, rest: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        let splitter = textwrap::WordSplitter::HyphenSplitter;
        let words: Vec<textwrap::core::Word<'_>> = textwrap::word_splitters::split_words(
            textwrap::WordSeparator::new().find_words(line),
            &splitter,
        )
        .collect();
        let narrowest = columns.saturating_sub(width(first).max(width(rest))).max(1);
        let mut pieces = Vec::with_capacity(words.len());
        for w in &words {
            if width(w.word) <= narrowest {
                pieces.push(Piece {
                    word: w.word,
                    whitespace: w.whitespace,
                    penalty: w.penalty,
                });
                continue;
            }
            let parts = split(w.word, narrowest);
            let last = parts.len() - 1;
            for (i, part) in parts.into_iter().enumerate() {
                pieces.push(Piece {
                    word: part,
                    whitespace: if i == last { w.whitespace } else { "" },
                    penalty: if i == last { w.penalty } else { "" },
                });
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let widths = [
            columns.saturating_sub(width(if out.is_empty() { first } else { rest })) as f64,
            columns.saturating_sub(width(rest)) as f64,
        ];
        // The optimal fit evens out the lines' lengths, as textwrap does by default.
        let lines = textwrap::wrap_algorithms::wrap_optimal_fit(
            &pieces,
            &widths,
            &textwrap::wrap_algorithms::Penalties::new(),
        )
        .unwrap_or_else(|_| textwrap::wrap_algorithms::wrap_first_fit(&pieces, &widths));
        if lines.is_empty() {
            let lead = if out.is_empty() { first } else { rest };
            out.push(lead.trim_end().to_owned());
        }
        for fragments in lines {
            let lead = if out.is_empty() { first } else { rest };
            let mut text = String::from(lead);
            for (i, p) in fragments.iter().enumerate() {
                text.push_str(p.word);
                if i + 1 < fragments.len() {
                    text.push_str(p.whitespace);
                } else {
                    text.push_str(p.penalty);
                }
            }
            push_fitted(&mut out, text, columns, rest);
        }
    }
    out
}

/// Adds `line` to `out`, cut into lines that fit when it does not (a lead wider than the room left).
fn push_fitted(out: &mut Vec<String>, line: String, columns: usize, rest: &str) {
    // No character is wider than its UTF-8 bytes, so a line no longer in bytes fits without measuring.
    if line.len() <= columns || width(&line) <= columns {
        out.push(line);
        return;
    }
    let mut left: &str = &line;
    let mut lead = "";
    while !left.is_empty() {
        let room = columns.saturating_sub(width(lead));
        let piece = split(left, room)[0];
        out.push(format!("{lead}{piece}"));
        left = left[piece.len()..].trim_start();
        if width(rest) < columns {
            lead = rest;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_display_width() {
        assert_eq!(fit("Tech & Science", 20), "Tech & Science");
        assert_eq!(fit("Tech & Science", 6), "Tech \u{2026}");
        // Each CJK character takes two columns: three fit in 7 with the ellipsis.
        assert_eq!(fit("山田花子展", 7), "山田花\u{2026}");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn emoji_sequences_are_measured_whole() {
        // Keycaps and emoji with a variation selector take two columns; their characters add up to one.
        let keycaps = "1\u{fe0f}\u{20e3}2\u{fe0f}\u{20e3}3\u{fe0f}\u{20e3}";
        let hearts = "\u{2764}\u{fe0f}\u{2600}\u{fe0f}\u{2764}\u{fe0f}";
        for s in [keycaps, hearts] {
            assert_eq!(width(s), 6);
            for n in 0..8 {
                assert!(width(&fit(s, n)) <= n, "{s:?} {n}");
                assert_eq!(width(&pad_to(s, n)), n, "{s:?} {n}");
            }
        }
        assert_eq!(prefix(keycaps, 4), "1\u{fe0f}\u{20e3}2\u{fe0f}\u{20e3}");
    }

    #[test]
    fn split_keeps_every_character_in_pieces_that_fit() {
        assert_eq!(split("abcdef", 4), ["abcd", "ef"]);
        assert_eq!(split("静かな海", 3), ["静", "か", "な", "海"]);
        assert_eq!(split("", 4), [""]);
        assert_eq!(
            split("\u{2764}\u{fe0f}\u{2764}\u{fe0f}x", 3),
            ["\u{2764}\u{fe0f}", "\u{2764}\u{fe0f}x"]
        );
    }

    #[test]
    fn wrapped_emoji_lines_fit() {
        let text = "\u{2764}\u{fe0f}".repeat(30);
        for line in wrap(&text, 10, "  \u{2022} ", "    ") {
            assert!(width(&line) <= 10, "{line:?}");
        }
    }

    #[test]
    fn words_after_an_emoji_with_a_selector_are_not_cut() {
        // Summed by character, each ❤️ is one column: the line was filled one column too far per emoji,
        // and cut again in the middle of "afternoon".
        let text = "rain \u{2764}\u{fe0f} \u{2764}\u{fe0f} \u{2600}\u{fe0f} \u{1f327}\u{fe0f} and the ferries run late in the afternoon";
        let lines = wrap(text, 30, "", "");
        for line in &lines {
            assert!(width(line) <= 30, "{line:?}");
        }
        assert!(
            lines
                .iter()
                .any(|l| l.ends_with("afternoon") || l.contains("afternoon")),
            "{lines:?}"
        );
        assert_eq!(wrap("a\nb", 10, "> ", "  "), ["> a", "  b"]);
        assert_eq!(wrap("", 10, "", ""), [""]);
    }
}
