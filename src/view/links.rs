//! Where a story's body links stand in its text: each link's number (`[3]`, as the sidebar and `show`
//! list it) placed after its anchor text, found by reading the blocks in the order the links were
//! gathered. The text itself is not changed: the numbers are put in as it is laid out.

use std::collections::HashMap;
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

use crate::model::{Article, Block};

/// A link's text is looked for from where the one before it was found, first in that block and at most
/// this many blocks after it. Loaders gather links in the order of the blocks holding them, so the next
/// one is near, and a near occurrence of "here" is this link's, not a chance one.
const LOOK_AHEAD_BLOCKS: usize = 8;

/// A link not found near is looked for further on (after a long stretch with no link in it, or after
/// links whose text is not in the body, a menu's), and taken there only when the link after it is found
/// near it: two in a row where they stand are no chance. Those searches read at most this many times the
/// story's text in all, so a page whose links are mostly not in its text costs no more than a few reads.
const FAR_SEARCH_BUDGET: usize = 8;

/// A place in the text: a unit and a byte offset in it.
type At = (usize, usize);

/// Looks for links' texts in the units of a body.
struct Finder<'a> {
    units: Vec<(Place, &'a str)>,
    /// Bytes the searches further on may still read.
    budget: usize,
}

impl Finder<'_> {
    /// Where `needle` next ends from `at`, as whole words: near it (see [`LOOK_AHEAD_BLOCKS`]), or
    /// anywhere after it while the budget lasts.
    fn next(&mut self, at: At, needle: &str, near: bool) -> Option<At> {
        let last_block = near.then(|| self.units[at.0].0.block + LOOK_AHEAD_BLOCKS);
        for (k, (place, text)) in self.units[at.0..].iter().enumerate() {
            if last_block.is_some_and(|last| place.block > last) {
                break;
            }
            if !near {
                self.budget = self.budget.checked_sub(text.len())?;
            }
            let start = if k == 0 { at.1 } else { 0 };
            if let Some(found) = whole_word(text, start, needle) {
                return Some((at.0 + k, found + needle.len()));
            }
        }
        None
    }
}

/// A piece of text a link can stand in: a block's text (a picture's caption), or one cell of a table,
/// counted header first as [`crate::model::Table::cells_mut`] gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Place {
    /// The body block.
    pub block: usize,
    /// The table cell, for a table.
    pub cell: Option<usize>,
}

/// Where each link's number goes: by place, the byte offsets (in ascending order) its anchor text ends
/// at, each with the number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkMarks(HashMap<Place, Vec<(usize, usize)>>);

/// The number shown after a link's text, and before it where links are listed.
#[must_use]
pub fn marker(number: usize) -> String {
    format!("[{number}]")
}

impl LinkMarks {
    /// Finds the links of `a` in its text: link `n` (counted from 1, in `a.links` order) after a
    /// whole-word occurrence of its text past the link before it (see [`LOOK_AHEAD_BLOCKS`] and
    /// [`FAR_SEARCH_BUDGET`]).
    #[must_use]
    pub fn find(a: &Article) -> Self {
        let mut marks = Self::default();
        let units = units(&a.body);
        if a.links.is_empty() || units.is_empty() {
            return marks;
        }
        let bytes: usize = units.iter().map(|(_, t)| t.len()).sum();
        let mut finder = Finder {
            units,
            budget: bytes.saturating_mul(FAR_SEARCH_BUDGET),
        };
        let texts: Vec<&str> = a.links.iter().map(|l| l.text.trim()).collect();
        let mut at: At = (0, 0);
        for (i, needle) in texts.iter().enumerate() {
            if needle.is_empty() {
                continue;
            }
            let found = finder.next(at, needle, true).or_else(|| {
                let far = finder.next(at, needle, false)?;
                match texts[i + 1..].iter().find(|t| !t.is_empty()) {
                    Some(after) => finder.next(far, after, true).map(|_| far),
                    None => Some(far),
                }
            });
            if let Some(end) = found {
                let place = finder.units[end.0].0;
                marks.0.entry(place).or_default().push((end.1, i + 1));
                at = end;
            }
        }
        marks
    }

    /// Whether no link was found in the text.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The marks in `place`: where each anchor text ends, with its link's number.
    #[must_use]
    pub fn at(&self, place: Place) -> &[(usize, usize)] {
        self.0.get(&place).map_or(&[], Vec::as_slice)
    }

    /// The marks in block `block`'s own text.
    #[must_use]
    pub fn in_block(&self, block: usize) -> &[(usize, usize)] {
        self.at(Place { block, cell: None })
    }
}

/// `text` with each link's number put in after its anchor text, and the byte ranges of the numbers in
/// what is returned (for the reader to draw them dim).
#[must_use]
pub fn apply(text: &str, marks: &[(usize, usize)]) -> (String, Vec<Range<usize>>) {
    let mut out = String::with_capacity(text.len() + marks.len() * 4);
    let mut ranges = Vec::with_capacity(marks.len());
    let mut at = 0;
    for &(end, number) in marks {
        if end < at || end > text.len() || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[at..end]);
        let start = out.len();
        out.push_str(&marker(number));
        ranges.push(start..out.len());
        at = end;
    }
    out.push_str(&text[at..]);
    (out, ranges)
}

/// The texts links can stand in, in body order.
fn units(body: &[Block]) -> Vec<(Place, &str)> {
    let mut out = Vec::with_capacity(body.len());
    for (block, b) in body.iter().enumerate() {
        match b {
            Block::Paragraph(t)
            | Block::Subhead(t)
            | Block::Quote(t)
            | Block::ListItem { text: t, .. }
            | Block::Caption { text: t, .. }
            | Block::Footnote { text: t, .. } => {
                out.push((Place { block, cell: None }, t.as_str()));
            }
            Block::Image(image) => out.push((Place { block, cell: None }, image.caption.as_str())),
            Block::Table(table) => out.extend(
                table
                    .header
                    .iter()
                    .chain(table.rows.iter().flatten())
                    .enumerate()
                    .map(|(cell, t)| {
                        (
                            Place {
                                block,
                                cell: Some(cell),
                            },
                            t.as_str(),
                        )
                    }),
            ),
            Block::Preformatted { .. } => {}
        }
    }
    out
}

/// Whether two characters side by side are one word: letters and digits of scripts written with spaces
/// between words (CJK, written without them, breaks anywhere).
fn joins(a: char, b: char) -> bool {
    let spaced = |c: char| c.is_alphanumeric() && c.width() != Some(2);
    spaced(a) && spaced(b)
}

/// Where `needle` first stands in `text` from byte `from` on as whole words: not run on from a letter
/// before it or into one after it ("rain" is not found in "rainfall").
fn whole_word(text: &str, from: usize, needle: &str) -> Option<usize> {
    let (first, last) = (needle.chars().next()?, needle.chars().next_back()?);
    let mut at = from;
    while let Some(i) = text.get(at..)?.find(needle) {
        let start = at + i;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(|b| joins(b, first)) && !after.is_some_and(|a| joins(last, a)) {
            return Some(start);
        }
        at = start + first.len_utf8();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Format, Headline, Link, Table};

    fn story(body: Vec<Block>, links: &[(&str, &str)]) -> Article {
        Article {
            head: Headline {
                id: ArticleId(1),
                path: "x".into(),
                entry: 0,
                format: Format::Html,
                section: None,
                title: "T".into(),
                byline: None,
                published: None,
                source: None,
                url: None,
                modified: None,
            },
            body,
            related: vec![],
            links: links
                .iter()
                .map(|(t, u)| Link {
                    text: (*t).into(),
                    url: (*u).into(),
                })
                .collect(),
            enclosures: vec![],
        }
    }

    #[test]
    fn links_are_numbered_after_their_text_in_order() {
        let a = story(
            vec![
                Block::Paragraph("Read the report here and the rainfall data here.".into()),
                Block::Subhead("Where the rain fell".into()),
                Block::Table(Table {
                    header: vec!["Port".into()],
                    rows: vec![vec!["Velmar".into()]],
                    caption: None,
                }),
                Block::item("京都の展覧会について"),
            ],
            &[
                ("report", "https://a.test/1"),
                ("here", "https://a.test/2"),
                ("rain", "https://a.test/3"),
                ("Velmar", "https://a.test/4"),
                ("展覧会", "https://a.test/5"),
                ("nowhere", "https://a.test/6"),
            ],
        );
        let marks = LinkMarks::find(&a);
        let (text, ranges) = apply(a.body[0].text(), marks.in_block(0));
        assert_eq!(
            text,
            "Read the report[1] here[2] and the rainfall data here."
        );
        assert_eq!(&text[ranges[1].clone()], "[2]");
        // "rain" is not the start of "rainfall": it is the subhead.
        assert_eq!(marks.in_block(1), &[(14, 3)]);
        assert_eq!(
            marks.at(Place {
                block: 2,
                cell: Some(1)
            }),
            &[(6, 4)]
        );
        let (item, _) = apply(a.body[3].text(), marks.in_block(3));
        assert_eq!(item, "京都の展覧会[5]について");
        assert!(!marks.0.values().flatten().any(|(_, n)| *n == 6));
    }

    #[test]
    fn links_are_found_again_after_a_long_stretch_without_any() {
        let mut body = vec![Block::Paragraph("The harbour report is out.".into())];
        body.extend((0..20).map(|n| Block::Paragraph(format!("Paragraph {n} has no link."))));
        body.push(Block::Subhead("Ferries".into()));
        body.push(Block::Paragraph("See the timetable and the fares.".into()));
        let a = story(
            body,
            &[
                ("report", "https://a.test/1"),
                ("Home", "https://a.test/menu"),
                ("timetable", "https://a.test/2"),
                ("fares", "https://a.test/3"),
                ("link", "https://a.test/4"),
            ],
        );
        let marks = LinkMarks::find(&a);
        let (text, _) = apply(a.body[22].text(), marks.in_block(22));
        assert_eq!(text, "See the timetable[3] and the fares[4].");
        // A link whose text stands only before where the links before it were found stays unmarked.
        assert!(marks.in_block(1).is_empty());
    }

    #[test]
    fn repeated_anchor_texts_take_the_next_occurrence() {
        let a = story(
            vec![Block::Paragraph("See here, then here.".into())],
            &[("here", "https://a.test/1"), ("here", "https://a.test/2")],
        );
        let (text, _) = apply(a.body[0].text(), LinkMarks::find(&a).in_block(0));
        assert_eq!(text, "See here[1], then here[2].");
    }
}
