//! Cutting text to a display width (unicode-width), so wide CJK characters never overflow a column.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `s` cut to at most `columns` display columns, ending in "…" when anything was cut.
///
/// ```
/// use broadsheet::text::truncate::fit;
/// assert_eq!(fit("静かな海", 5), "静か…");
/// ```
#[must_use]
pub fn fit(s: &str, columns: usize) -> String {
    if s.width() <= columns {
        return s.to_owned();
    }
    if columns == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > columns - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('\u{2026}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_display_width() {
        assert_eq!(fit("Tech & Science", 20), "Tech & Science");
        assert_eq!(fit("Tech & Science", 6), "Tech \u{2026}");
        // Each CJK character takes two columns: three fit in 7 with the ellipsis.
        assert_eq!(
            fit("\u{5c71}\u{7530}\u{82b1}\u{5b50}\u{5c55}", 7),
            "\u{5c71}\u{7530}\u{82b1}\u{2026}"
        );
        assert!(fit("\u{5c71}\u{7530}\u{82b1}\u{5b50}\u{5c55}", 7).width() <= 7);
        assert_eq!(fit("abc", 0), "");
    }
}
