//! Making stored text safe to print: terminal control characters removed, lone carriage returns read as
//! line breaks. Text that needs nothing is passed through without a copy.

use std::borrow::Cow;

/// Whether `bytes[i]` starts something [`clean`] changes.
fn needs_cleaning(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        b'\r' => bytes.get(i + 1) != Some(&b'\n'),
        b'\t' | b'\n' => false,
        0..=0x1f | 0x7f => true,
        // U+0080–U+009F (C1 controls, 8-bit CSI among them) are 0xC2 0x80–0x9F in UTF-8.
        0xc2 => bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)),
        _ => false,
    }
}

/// Bytes that may start something to clean; the exact check follows only on these.
const SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b != b'\t' as usize && b != b'\n' as usize;
        b += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t
};

/// `text` without control characters (tab and line breaks kept), lone `\r` turned into `\n`.
#[must_use]
pub fn clean(text: Cow<'_, str>) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let dirty = bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| SUSPECT[usize::from(b)] && needs_cleaning(bytes, i));
    if !dirty {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => out.push('\r'),
            '\r' => out.push('\n'),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_are_removed() {
        let dirty = "Council \u{1b}]0;pwned\u{7} passes \u{1b}[2J budget\u{9b}31m";
        assert_eq!(
            clean(Cow::Borrowed(dirty)),
            "Council ]0;pwned passes [2J budget31m"
        );
    }

    #[test]
    fn lone_carriage_returns_break_lines_and_crlf_stays() {
        assert_eq!(
            clean(Cow::Borrowed("World\rHeadline\r-")),
            "World\nHeadline\n-"
        );
        assert!(matches!(
            clean(Cow::Borrowed("a\r\nb\tc")),
            Cow::Borrowed(_)
        ));
    }
}
