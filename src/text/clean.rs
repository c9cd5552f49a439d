//! Making stored text safe to print: no terminal control sequence survives. Text that needs nothing is
//! passed through without a copy.
//!
//! Removed whole, so no payload is left behind as text: escape sequences (ESC and what follows: CSI such as
//! `ESC [ 2 J`, OSC such as `ESC ] 0 ; title BEL`, OSC 8 links and OSC 52 clipboard writes, DCS, SOS, PM and
//! APC strings, two- and three-character escapes) and their one-character C1 forms (U+009B CSI, U+009D OSC,
//! …). A string sequence ends at BEL, at ST (`ESC \` or U+009C), or at any other control character, so an
//! unterminated one swallows at most the rest of its line. Removed alone: every other C0 control but tab
//! and line feed, DEL, the C1 controls, and the bidirectional overrides, embeddings and isolates (U+202A to
//! U+202E, U+2066 to U+2069), which could reorder what a terminal shows. Line breaks depend on [`Breaks`].

use std::borrow::Cow;

/// What happens to line breaks and tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Breaks {
    /// Decoding: `\r\n` stays (line splitting reads it), a lone `\r` becomes `\n`, tabs stay.
    Keep,
    /// Text of several lines (a story's body): `\r\n` and a lone `\r` become `\n`, tabs stay.
    Lines,
    /// One line (a headline, a section, a warning): every run of white space holding a line break or tab
    /// becomes one space, none at the ends.
    OneLine,
    /// An address: line breaks and tabs are dropped, as browsers drop them from URLs.
    Url,
}

/// Whether `bytes[i]` starts something [`clean`] changes, in the given mode.
fn needs_cleaning(bytes: &[u8], i: usize, breaks: Breaks) -> bool {
    match bytes[i] {
        b'\r' => breaks != Breaks::Keep || bytes.get(i + 1) != Some(&b'\n'),
        b'\t' | b'\n' => matches!(breaks, Breaks::OneLine | Breaks::Url),
        0..=0x1f | 0x7f => true,
        // U+0080–U+009F (C1 controls, 8-bit CSI among them) are 0xC2 0x80–0x9F in UTF-8.
        0xc2 => bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)),
        // U+202A–U+202E are E2 80 AA–AE; U+2066–U+2069 are E2 81 A6–A9.
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

/// Bytes that may start something to clean; the exact check follows only on these.
const SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xe2] = true;
    t
};

/// Whether `c` is a bidirectional override, embedding or isolate.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` holds anything [`clean`] would change in mode `breaks`.
#[must_use]
pub fn is_clean(s: &str, breaks: Breaks) -> bool {
    let bytes = s.as_bytes();
    let keep_lines = matches!(breaks, Breaks::Keep | Breaks::Lines);
    // Each byte is looked at with the two after it, as three shifted slices, so the last two bytes are
    // checked on their own below.
    let n = bytes.len().saturating_sub(2);
    let (first, second, third) = (
        &bytes[..n],
        &bytes[1.min(bytes.len())..],
        &bytes[2.min(bytes.len())..],
    );
    let mut start = 0;
    while start < n {
        let end = (start + CHUNK).min(n);
        // Without a branch per byte, so the compiler checks many bytes at once: most chunks of a story
        // hold nothing to clean and are passed over whole.
        let flagged = first[start..end]
            .iter()
            .zip(&second[start..end])
            .zip(&third[start..end])
            .fold(false, |any, ((&x, &y), &z)| {
                any | suspect(x, y, z, keep_lines)
            });
        if flagged && (start..end).any(|i| needs_cleaning(bytes, i, breaks)) {
            return false;
        }
        start = end;
    }
    !(n..bytes.len()).any(|i| SUSPECT[usize::from(bytes[i])] && needs_cleaning(bytes, i, breaks))
}

/// Whether the byte `x`, followed by `y` and `z`, may start something to clean: every case
/// [`needs_cleaning`] finds, and little else (a lone `\r`, CRLF), computed without branches.
#[inline]
// Bitwise, not lazy, on purpose: no branch, so the loop over a chunk vectorises.
#[allow(clippy::needless_bitwise_bool)]
fn suspect(x: u8, y: u8, z: u8, keep_lines: bool) -> bool {
    let kept_break = keep_lines & ((x == b'\n') | (x == b'\t'));
    let control = ((x < 0x20) & !kept_break) | (x == 0x7f);
    let c1 = (x == 0xc2) & (y & 0xe0 == 0x80);
    let bidi = (x == 0xe2)
        & (((y == 0x80) & (z.wrapping_sub(0xaa) < 5)) | ((y == 0x81) & (z.wrapping_sub(0xa6) < 4)));
    control | c1 | bidi
}

/// Bytes looked at together by [`is_clean`]: a few vector registers' worth, small enough that a chunk
/// holding something to clean costs little to check byte by byte.
const CHUNK: usize = 64;

/// `text` without terminal control sequences, line breaks treated as `breaks` says.
///
/// ```
/// use std::borrow::Cow;
/// use broadsheet::text::clean::{clean, Breaks};
/// let dirty = "Council \u{1b}]0;pwned\u{7}passes \u{1b}[2Jbudget";
/// assert_eq!(clean(Cow::Borrowed(dirty), Breaks::Lines), "Council passes budget");
/// ```
#[must_use]
pub fn clean(text: Cow<'_, str>, breaks: Breaks) -> Cow<'_, str> {
    if is_clean(&text, breaks) {
        return text;
    }
    Cow::Owned(cleaned(&text, breaks))
}

/// `s` on one line, without control sequences: for a list row, a title or the status bar.
#[must_use]
pub fn one_line(s: &str) -> String {
    clean(Cow::Borrowed(s), Breaks::OneLine).into_owned()
}

/// Cleans `s` in place, copying only when something has to go.
pub fn clean_in_place(s: &mut String, breaks: Breaks) {
    if !is_clean(s, breaks) {
        *s = cleaned(s, breaks);
    }
}

/// How a character met in the text is treated.
enum Met {
    /// An escape sequence's introducer: what follows it is part of it.
    Escape,
    /// A control sequence (CSI): parameters, intermediates and a final byte follow.
    Csi,
    /// A string (OSC, DCS, SOS, PM, APC): text up to its terminator follows.
    Str,
    /// A line break (`\r` or `\n`) or tab.
    Break(char),
    /// A control character removed alone.
    Drop,
    /// Text.
    Keep(char),
}

fn meet(c: char) -> Met {
    match c {
        '\u{1b}' => Met::Escape,
        '\u{9b}' => Met::Csi,
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Met::Str,
        '\r' | '\n' | '\t' => Met::Break(c),
        // NEL is a line break to a terminal and white space to Rust: it stays a word boundary.
        '\u{85}' => Met::Break('\n'),
        c if c.is_control() || is_bidi_control(c) => Met::Drop,
        c => Met::Keep(c),
    }
}

fn cleaned(text: &str, breaks: Breaks) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    // In OneLine mode, whether a space is owed for a run of breaks: written before the next text, so
    // breaks at either end leave none.
    let mut space_owed = false;
    while let Some(c) = chars.next() {
        match meet(c) {
            Met::Escape => match chars.peek() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(&n) if ('\u{20}'..='\u{7e}').contains(&n) => {
                    // Intermediates, then a final character: `ESC ( B`, `ESC 7`, `ESC c`.
                    while chars
                        .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                        .is_some()
                    {}
                    chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
                }
                _ => {}
            },
            Met::Csi => skip_csi(&mut chars),
            Met::Str => skip_string(&mut chars),
            Met::Break(b) => match breaks {
                Breaks::Keep | Breaks::Lines if b == '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                        out.push_str(if breaks == Breaks::Keep { "\r\n" } else { "\n" });
                    } else {
                        out.push('\n');
                    }
                }
                Breaks::Keep | Breaks::Lines => out.push(b),
                Breaks::OneLine => {
                    // A run of white space holding a break or tab becomes one space.
                    out.truncate(out.trim_end_matches(' ').len());
                    space_owed = true;
                }
                Breaks::Url => {}
            },
            Met::Drop => {}
            Met::Keep(' ') if space_owed => {}
            Met::Keep(k) => {
                if std::mem::take(&mut space_owed) && !out.is_empty() {
                    out.push(' ');
                }
                out.push(k);
            }
        }
    }
    out
}

/// Skips a control sequence's parameters (0x30–0x3F), intermediates (0x20–0x2F) and final character
/// (0x40–0x7E); anything else ends it early and is left to be read as usual.
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while chars
        .next_if(|c| ('\u{30}'..='\u{3f}').contains(c))
        .is_some()
    {}
    while chars
        .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

/// Skips a string sequence's text and its terminator: BEL, `ESC \` or ST. Another control character ends
/// it too and is left to be read as usual (a line break stays, an ESC starts the next sequence).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek() == Some(&'\\') {
                    chars.next();
                    chars.next();
                }
                return;
            }
            c if c.is_control() => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str) -> String {
        clean(Cow::Borrowed(s), Breaks::Lines).into_owned()
    }

    #[test]
    fn sequences_go_whole_and_controls_alone() {
        let dirty = "Council \u{1b}]0;pwned\u{7}passes \u{1b}[2Jbudget\u{9b}31m!";
        assert_eq!(lines(dirty), "Council passes budget!");
        // OSC 8 links keep their text, lose their address; OSC 52 writes nothing to the clipboard.
        assert_eq!(
            lines("see \u{1b}]8;;https://x.test\u{1b}\\here\u{1b}]8;;\u{1b}\\ now"),
            "see here now"
        );
        assert_eq!(lines("a\u{1b}]52;c;cHduZWQ=\u{7}b"), "ab");
        assert_eq!(lines("a\u{9d}0;t\u{9c}b\u{1b}(Bc\u{1b}7d\u{1b}"), "abcd");
        assert_eq!(
            lines("bell\u{7} del\u{7f} nul\u{0} c1\u{80}\u{9f}"),
            "bell del nul c1"
        );
        assert_eq!(
            lines("\u{202e}evil\u{202c} \u{2067}iso\u{2069}"),
            "evil iso"
        );
        // An unterminated string stops at the end of its line.
        assert_eq!(lines("one\u{1b}]0;never ends\ntwo"), "one\ntwo");
    }

    #[test]
    fn line_breaks_follow_the_mode() {
        let text = "a\r\nb\rc\td\u{85}e";
        let mode = |b| clean(Cow::Borrowed(text), b).into_owned();
        assert_eq!(mode(Breaks::Keep), "a\r\nb\nc\td\ne");
        assert_eq!(mode(Breaks::Lines), "a\nb\nc\td\ne");
        assert_eq!(mode(Breaks::OneLine), "a b c d e");
        assert_eq!(mode(Breaks::Url), "abcde");
        assert_eq!(
            clean(Cow::Borrowed(" A \n\n\t B \n"), Breaks::OneLine),
            " A B"
        );
    }

    #[test]
    fn clean_text_is_not_copied() {
        for text in [
            "a\r\nb\tc",
            "\u{201c}curly\u{201d} \u{2014} dash",
            "\u{5c71}\u{7530}",
        ] {
            assert!(matches!(
                clean(Cow::Borrowed(text), Breaks::Keep),
                Cow::Borrowed(_)
            ));
        }
    }
}

#[cfg(test)]
mod fast_check {
    use super::*;
    use proptest::prelude::*;

    /// The check as it reads: every byte that may start something, then the exact test.
    fn naive(s: &str, breaks: Breaks) -> bool {
        let bytes = s.as_bytes();
        !(0..bytes.len())
            .any(|i| SUSPECT[usize::from(bytes[i])] && needs_cleaning(bytes, i, breaks))
    }

    proptest! {
        #[test]
        fn the_chunked_check_agrees_with_the_byte_by_byte_one(
            pieces in proptest::collection::vec(prop_oneof![
                "[a-z ]{0,80}",
                Just("\u{2019}".to_owned()), Just("\u{201c}".to_owned()), Just("\u{2013}".to_owned()),
                Just("\u{202e}".to_owned()), Just("\u{2066}".to_owned()), Just("\u{9b}".to_owned()),
                Just("\u{a0}".to_owned()), Just("\n".to_owned()), Just("\r\n".to_owned()),
                Just("\r".to_owned()), Just("\t".to_owned()), Just("\u{1b}[2J".to_owned()),
                Just("\u{7f}".to_owned()), Just("\u{5c71}".to_owned()),
            ], 0..40)
        ) {
            let s: String = pieces.concat();
            for breaks in [Breaks::Keep, Breaks::Lines, Breaks::OneLine, Breaks::Url] {
                prop_assert_eq!(is_clean(&s, breaks), naive(&s, breaks), "{:?} {:?}", breaks, s);
            }
        }
    }
}
