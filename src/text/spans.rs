//! Where byte ranges of a text land once it is wrapped ([`super::width::wrap`]): wrapping drops the white
//! space it breaks at and puts a lead before each line, so each range is found again, line by line, by
//! walking the text and the lines side by side.

use std::ops::Range;

/// For each of `lines` (`text` wrapped with the leads `first` and `rest`), the byte ranges of that line
/// which hold the bytes of `ranges` in `text`. A line that cannot be walked against the text (a blank
/// line's lead alone) holds none, and the walk goes on with the next.
#[must_use]
pub fn carry(
    text: &str,
    ranges: &[Range<usize>],
    lines: &[String],
    first: &str,
    rest: &str,
) -> Vec<Vec<Range<usize>>> {
    let mut pos = 0;
    let mut out = Vec::with_capacity(lines.len());
    for (k, line) in lines.iter().enumerate() {
        let lead = if k == 0 { first } else { rest };
        let body = if line.starts_with(lead) {
            lead.len()
        } else {
            0
        };
        match walk(text, pos, &line[body..], ranges) {
            Some((found, end)) => {
                pos = end;
                out.push(
                    found
                        .into_iter()
                        .map(|r| r.start + body..r.end + body)
                        .collect(),
                );
            }
            None => out.push(Vec::new()),
        }
    }
    out
}

/// Walks `piece` against `text` from byte `pos`, skipping the white space wrapping dropped: the ranges of
/// `piece` that hold bytes of `ranges`, and where in `text` the piece ends; `None` when it does not match.
fn walk(
    text: &str,
    mut pos: usize,
    piece: &str,
    ranges: &[Range<usize>],
) -> Option<(Vec<Range<usize>>, usize)> {
    let mut found: Vec<Range<usize>> = Vec::new();
    for (j, c) in piece.char_indices() {
        loop {
            let t = text.get(pos..)?.chars().next()?;
            if t == c {
                break;
            }
            if !t.is_whitespace() {
                return None;
            }
            pos += t.len_utf8();
        }
        if ranges.iter().any(|r| r.contains(&pos)) {
            let end = j + c.len_utf8();
            match found.last_mut() {
                Some(r) if r.end == j => r.end = end,
                _ => found.push(j..end),
            }
        }
        pos += c.len_utf8();
    }
    Some((found, pos))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::wrap;

    #[test]
    fn ranges_follow_the_words_onto_their_lines() {
        let text = "The harbour report[1] says the 静かな海[2] is calm today.";
        let ranges = [18..21, 43..46];
        assert_eq!(&text[ranges[0].clone()], "[1]");
        assert_eq!(&text[ranges[1].clone()], "[2]");
        let lines = wrap(text, 16, "  \u{2022} ", "    ");
        let carried = carry(text, &ranges, &lines, "  \u{2022} ", "    ");
        let marked: Vec<&str> = lines
            .iter()
            .zip(&carried)
            .flat_map(|(l, rs)| rs.iter().map(|r| &l[r.clone()]))
            .collect();
        assert_eq!(marked, ["[1]", "[2]"], "{lines:?}");
    }

    #[test]
    fn a_line_that_does_not_match_holds_nothing() {
        let lines = vec!["  \u{2502}".to_owned(), "  \u{2502} b[1]".to_owned()];
        let ranges = [Range { start: 3, end: 6 }];
        let carried = carry("\n\nb[1]", &ranges, &lines, "  \u{2502} ", "  \u{2502} ");
        assert_eq!(carried, vec![vec![], vec![7..10]]);
    }
}
