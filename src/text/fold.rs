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

/// Appends the folded form of `s` to `out`: lower case, ASCII quotes and dashes, single spaces, trimmed.
pub fn fold_into(s: &str, out: &mut String) {
    let mut pending_space = false;
    let start = out.len();
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = out.len() > start;
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\u{2026}' {
            out.push_str("...");
        } else if let Some(p) = fold_punct(c) {
            out.push(p);
        } else {
            out.extend(c.to_lowercase());
        }
    }
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

/// A 64-bit hash of the folded form of `s`, reusing `buf` as scratch space.
pub fn fold_hash(s: &str, buf: &mut String) -> u64 {
    buf.clear();
    fold_into(s, buf);
    xxhash_rust::xxh3::xxh3_64(buf.as_bytes())
}

/// How many typographic characters (curly quotes, en and em dashes, ellipses) `s` holds: a measure of which
/// of two copies of a text reads better.
#[must_use]
pub fn typographic_count(s: &str) -> usize {
    s.chars()
        .filter(|&c| c != '`' && c != '\u{b4}' && (fold_punct(c).is_some() || c == '\u{2026}'))
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
    fn typographic_count_counts_curly_marks_only() {
        assert_eq!(typographic_count("\"plain\" - it's"), 0);
        assert_eq!(
            typographic_count("\u{201c}curly\u{201d} \u{2013} it\u{2019}s"),
            4
        );
    }
}
