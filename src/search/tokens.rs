//! Search tokens: how text is cut into words and folded, the same for the index, for queries and for
//! highlighting, so a match found by the index is also found on screen.
//!
//! A token is a run of letters and digits, folded to lower case without diacritics ("Naïve" and "naive"
//! are one token), so quote and dash styles never matter: they are not part of any token. In scripts
//! written without spaces between words (Chinese, Japanese, Thai and the like) every character is a token of
//! its own: a word there is found as a phrase of its characters, wherever it sits in a longer run.

use std::ops::Range;

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Whether `c` belongs to a script written without spaces between words, where each character is
/// indexed on its own (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar).
#[must_use]
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF          // Thai, Lao
        | 0x1000..=0x109F        // Myanmar
        | 0x1100..=0x11FF        // Hangul Jamo
        | 0x1780..=0x17FF        // Khmer
        | 0x2E80..=0x2FDF        // CJK radicals
        | 0x3040..=0x30FF        // Hiragana, Katakana
        | 0x3100..=0x31FF        // Bopomofo, Hangul compatibility Jamo, Katakana extensions
        | 0x3400..=0x4DBF        // CJK extension A
        | 0x4E00..=0x9FFF        // CJK unified ideographs
        | 0xAC00..=0xD7AF        // Hangul syllables
        | 0xF900..=0xFAFF        // CJK compatibility ideographs
        | 0xFF66..=0xFF9F        // half-width Katakana
        | 0x20000..=0x3134F // CJK extensions B to G
    )
}

/// Whether `c` is part of a token: a letter, a digit, or a mark that sits on one.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Appends the folded form of `c` to `out`: lower case, diacritics dropped.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// Reads tokens from a text one at a time, folding each into a buffer the caller owns (the index's
/// tokenizer and [`each`] share it).
#[derive(Clone, Debug)]
pub struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `text`.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        Self { text, at: 0 }
    }

    /// The next token: its byte range in the text, with its folded form written to `folded` (cleared
    /// first). `None` at the end.
    pub fn next_into(&mut self, folded: &mut String) -> Option<Range<usize>> {
        folded.clear();
        // ASCII first, byte by byte: most text is.
        let bytes = self.text.as_bytes();
        while self.at < bytes.len()
            && bytes[self.at].is_ascii()
            && !bytes[self.at].is_ascii_alphanumeric()
        {
            self.at += 1;
        }
        let begin = self.at;
        let mut end = begin;
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end > begin && (end == bytes.len() || bytes[end].is_ascii()) {
            folded.push_str(&self.text[begin..end]);
            folded.make_ascii_lowercase();
            self.at = end;
            return Some(begin..end);
        }
        let rest = &self.text[self.at..];
        let mut start = None;
        for (i, c) in rest.char_indices() {
            let at = self.at + i;
            if c.is_ascii_alphanumeric() {
                start.get_or_insert(at);
                folded.push(c.to_ascii_lowercase());
                continue;
            }
            let word = !c.is_ascii() && is_word(c);
            if word && !is_unspaced(c) {
                start.get_or_insert(at);
                fold_char(c, folded);
                continue;
            }
            match start {
                // The token ends here; an unspaced character is the next one.
                Some(s) if !folded.is_empty() => {
                    self.at = at;
                    return Some(s..at);
                }
                Some(_) => {
                    // Only marks that fold to nothing: not a token.
                    start = None;
                }
                None => {}
            }
            if word {
                // An unspaced character: a token of its own.
                fold_char(c, folded);
                let end = at + c.len_utf8();
                self.at = end;
                if folded.is_empty() {
                    continue;
                }
                return Some(at..end);
            }
        }
        self.at = self.text.len();
        match start {
            Some(s) if !folded.is_empty() => Some(s..self.text.len()),
            _ => None,
        }
    }
}

/// Calls `emit` with each token of `text`: its byte range in `text` and its folded form.
pub fn each(text: &str, mut emit: impl FnMut(Range<usize>, &str)) {
    let mut cursor = Cursor::new(text);
    let mut folded = String::new();
    while let Some(range) = cursor.next_into(&mut folded) {
        emit(range, &folded);
    }
}

/// The folded tokens of `text`.
#[must_use]
pub fn of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each(text, |_, t| out.push(t.to_owned()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_diacritics_fold_away() {
        assert_eq!(of("Naïve CAFÉ Øre"), ["naive", "cafe", "øre"]);
        // A decomposed é (e + combining acute) is the same token as a composed one.
        assert_eq!(of("cafe\u{301}"), ["cafe"]);
    }

    #[test]
    fn quotes_and_dashes_are_not_part_of_tokens() {
        assert_eq!(
            of("don\u{2019}t \u{201c}e\u{2013}mail\u{201d}"),
            of("don't \"e-mail\"")
        );
        assert_eq!(of("don't"), ["don", "t"]);
    }

    #[test]
    fn unspaced_scripts_give_a_token_per_character() {
        assert_eq!(of("京都の海"), ["京", "都", "の", "海"]);
        assert_eq!(of("Tokyo東京2026"), ["tokyo", "東", "京", "2026"]);
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let text = "Éclair — «naïve» 東京";
        let mut seen = Vec::new();
        each(text, |r, t| seen.push((&text[r], t.to_owned())));
        assert_eq!(
            seen,
            [
                ("Éclair", "eclair".to_owned()),
                ("naïve", "naive".to_owned()),
                ("東", "東".to_owned()),
                ("京", "京".to_owned())
            ]
        );
    }
}
