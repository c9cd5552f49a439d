//! Folding text for comparison: case, quote styles, dash styles and whitespace runs do not count.

/// Maps one character to its folded form: typographic quotes to ASCII, dashes to `-`, spaces to ' '.
/// Returns `None` for characters that fold to themselves (apart from case).
fn fold_punct(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        _ => return None,
    })
}

/// Calls `emit` with each character of the folded form of `s`: lower case, ASCII quotes and dashes,
/// single spaces, trimmed.
#[inline]
fn fold_chars(s: &str, mut emit: impl FnMut(char)) {
    let mut pending_space = false;
    let mut started = false;
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_whitespace() {
                pending_space = started;
                continue;
            }
        } else if c.is_whitespace() {
            pending_space = started;
            continue;
        }
        if pending_space {
            emit(' ');
            pending_space = false;
        }
        started = true;
        if c.is_ascii() {
            emit(c.to_ascii_lowercase());
        } else if c == '\u{2026}' {
            emit('.');
            emit('.');
            emit('.');
        } else if let Some(p) = fold_punct(c) {
            emit(p);
        } else {
            c.to_lowercase().for_each(&mut emit);
        }
    }
}

/// Appends the folded form of `s` to `out`: lower case, ASCII quotes and dashes, single spaces, trimmed.
pub fn fold_into(s: &str, out: &mut String) {
    fold_chars(s, |c| out.push(c));
}

/// The folded form of `s` (see [`fold_into`]).
///
/// ```
/// use broadsheet::text::fold::fold;
/// assert_eq!(fold("  Pyongyang\u{2019}s  \u{201c}game-changer\u{201d} \u{2013} ICC "), "pyongyang's \"game-changer\" - icc");
/// ```
#[must_use]
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// A 64-bit hash (FNV-1a) of the folded form of `s`, computed without building it: two lines that fold
/// alike hash alike.
#[must_use]
pub fn fold_hash(s: &str) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut bytes = [0u8; 4];
    fold_chars(s, |c| {
        for &b in c.encode_utf8(&mut bytes).as_bytes() {
            hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
        }
    });
    hash
}

/// How many typographic characters (curly quotes, guillemets, en and em dashes, ellipses and their
/// neighbours in the General Punctuation block) `s` holds: a measure of which of two copies of a text
/// reads better.
#[must_use]
pub fn typographic_count(s: &str) -> usize {
    // Every mark counted is U+00AB, U+00BB (C2 AB, C2 BB in UTF-8), U+2010–U+2033 (E2 80 90–B3), U+2026
    // (E2 80 A6, inside that range) or U+2212 (E2 88 92): counting byte patterns avoids decoding the text.
    let b = s.as_bytes();
    memchr::memchr2_iter(0xc2, 0xe2, b)
        .filter(|&i| {
            matches!(
                (b[i], b.get(i + 1), b.get(i + 2)),
                (0xc2, Some(0xab | 0xbb), _)
                    | (0xe2, Some(0x80), Some(0x90..=0xb3))
                    | (0xe2, Some(0x88), Some(0x92))
            )
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_quotes_dashes_and_spaces() {
        assert_eq!(
            fold("  \u{201c}It\u{2019}s  A \u{2013} Test\u{201d}\u{a0}\u{2026} "),
            "\"it's a - test\" ..."
        );
        assert_eq!(fold("\u{c9}COLE"), "\u{e9}cole");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn hashes_agree_with_folding() {
        let a = "It\u{2019}s  A \u{2013} Test\u{2026}";
        let b = " it's a - test... ";
        assert_eq!(fold(a), fold(b));
        assert_eq!(fold_hash(a), fold_hash(b));
        assert_ne!(fold_hash(a), fold_hash("it's a - test.."));
        // The hash depends on the folded form alone.
        for s in [
            "",
            " ",
            "\u{a0}Caf\u{e9}\u{2009}CR\u{c8}ME\u{3000}",
            "\u{201c}Quoted\u{201d} \u{2014} \u{130}stanbul \u{5c71}\u{7530}",
            "eight by",
            "eight byt",
        ] {
            assert_eq!(fold_hash(s), fold_hash(&fold(s)), "{s:?}");
        }
        assert_ne!(fold_hash("eight by"), fold_hash("eight byt"));
        assert_ne!(fold_hash(""), fold_hash(" a"));
    }

    #[test]
    fn typographic_count_counts_curly_marks_only() {
        assert_eq!(typographic_count("\"plain\" - it's"), 0);
        assert_eq!(
            typographic_count("\u{201c}curly\u{201d} \u{2013} it\u{2019}s"),
            4
        );
    }
}
