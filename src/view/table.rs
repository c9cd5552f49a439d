//! A table laid out in aligned columns: cells padded to their column's width (numbers to the right), a
//! light rule under the header, long cells wrapped inside their column. Lines come out whole, however
//! wide: the reader cuts them to the pane and scrolls them sideways, `show` prints them as they are.

use crate::model::Table;
use crate::text::width::{pad_to, width, wrap};

/// A column is at most this wide: a longer cell wraps inside it, so one cell of prose cannot push the
/// rest of the table off the screen. Forty columns hold a sentence's worth of words per line.
const MAX_COLUMN: usize = 40;

/// Columns are set apart by this: two spaces read as a gap at a glance, and cost little room.
const GAP: &str = "  ";

/// What a laid-out line of a table is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A line of the header row.
    Header,
    /// The rule under the header.
    Rule,
    /// A line of a body row.
    Body,
}

/// Whether `cell` reads as a number (`1,200`, `-3.5%`, `$4bn`): such columns align to the right.
fn numeric(cell: &str) -> bool {
    cell.chars().any(|c| c.is_ascii_digit())
        && cell.chars().all(|c| {
            c.is_ascii_digit() || ".,%+-\u{2212}$\u{20ac}\u{a3}\u{a5} ".contains(c) || c == 'x'
        })
        && cell.len() <= MAX_COLUMN
}

/// The cells of a row, each wrapped to its column's width.
fn wrapped(cells: &[String], widths: &[usize]) -> Vec<Vec<String>> {
    widths
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            let cell = cells.get(i).map_or("", String::as_str);
            if cell.is_empty() {
                vec![String::new()]
            } else {
                wrap(cell, w.max(1), "", "")
            }
        })
        .collect()
}

/// One row's lines: each cell's lines padded to their column (right-aligned in number columns).
fn row_lines(cells: &[String], widths: &[usize], right: &[bool]) -> Vec<String> {
    let parts = wrapped(cells, widths);
    let height = parts.iter().map(Vec::len).max().unwrap_or(1);
    (0..height)
        .map(|line| {
            let pieces: Vec<String> = parts
                .iter()
                .zip(widths)
                .zip(right)
                .map(|((lines, &w), &right)| {
                    let text = lines.get(line).map_or("", String::as_str);
                    if right {
                        let pad = w.saturating_sub(width(text));
                        format!("{:pad$}{text}", "")
                    } else {
                        pad_to(text, w)
                    }
                })
                .collect();
            pieces.join(GAP).trim_end().to_owned()
        })
        .collect()
}

/// The widest word of column `i` (its cells are wrapped no narrower, so no word is broken to fit).
fn longest_word(table: &Table, i: usize) -> usize {
    table
        .rows
        .iter()
        .chain([&table.header])
        .filter_map(|r| r.get(i))
        .flat_map(|c| c.split_whitespace())
        .map(width)
        .max()
        .unwrap_or(1)
}

/// Narrows the widest columns, down to their longest word, until the table is at most `room` wide
/// (or nothing narrows further): long cells wrap inside their column rather than push the table wider
/// than the pane.
fn narrow(widths: &mut [usize], floors: &[usize], room: usize) {
    let gaps = width(GAP) * widths.len().saturating_sub(1);
    while widths.iter().sum::<usize>() + gaps > room {
        let Some((i, _)) = widths
            .iter()
            .enumerate()
            .filter(|&(i, &w)| w > floors[i])
            .max_by_key(|&(_, &w)| w)
        else {
            break;
        };
        widths[i] -= 1;
    }
}

/// `table`'s lines, top to bottom, each with what it is, its columns narrowed to fit `room` columns
/// where their words allow. The rule spans the table's width.
#[must_use]
pub fn lay_out(table: &Table, room: usize) -> Vec<(Row, String)> {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return Vec::new();
    }
    let cell = |row: &Vec<String>, i: usize| row.get(i).map_or(0, |c| width(c));
    let widths: Vec<usize> = (0..columns)
        .map(|i| {
            let header = table.header.get(i).map_or(0, |c| width(c));
            let body = table.rows.iter().map(|r| cell(r, i)).max().unwrap_or(0);
            header.max(body).clamp(1, MAX_COLUMN)
        })
        .collect();
    let floors: Vec<usize> = (0..columns)
        .map(|i| longest_word(table, i).min(widths[i]))
        .collect();
    let mut widths = widths;
    narrow(&mut widths, &floors, room);
    let right: Vec<bool> = (0..columns)
        .map(|i| {
            let mut cells = table
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .filter(|c| !c.is_empty())
                .peekable();
            cells.peek().is_some() && cells.all(|c| numeric(c))
        })
        .collect();
    let mut out = Vec::new();
    if !table.header.is_empty() {
        for line in row_lines(&table.header, &widths, &right) {
            out.push((Row::Header, line));
        }
        let total = widths.iter().sum::<usize>() + width(GAP) * (columns - 1);
        out.push((Row::Rule, "\u{2500}".repeat(total)));
    }
    for row in &table.rows {
        for line in row_lines(row, &widths, &right) {
            out.push((Row::Body, line));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            header: header.iter().map(|s| (*s).to_owned()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| (*s).to_owned()).collect())
                .collect(),
            caption: None,
        }
    }

    #[test]
    fn columns_align_and_numbers_go_right() {
        let lines = lay_out(
            &t(
                &["Quarter", "Units", "Change"],
                &[
                    &["Q1", "1,200", "+3%"],
                    &["Q2 (est.)", "950", "\u{2212}21%"],
                ],
            ),
            80,
        );
        let text: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            text,
            [
                "Quarter    Units  Change",
                "\u{2500}".repeat(24).as_str(),
                "Q1         1,200     +3%",
                "Q2 (est.)    950    \u{2212}21%",
            ]
        );
        assert_eq!(lines[1].0, Row::Rule);
    }

    #[test]
    fn wide_cells_wrap_and_cjk_lines_up() {
        let long = "word ".repeat(20);
        let lines = lay_out(&t(&[], &[&["静かな海", long.trim()], &["ab", "x"]]), 200);
        assert!(lines.iter().all(|(r, _)| *r == Row::Body));
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|(_, l)| width(l) <= 8 + 2 + MAX_COLUMN));
        // The second column starts at the same column on every line.
        let last = &lines.last().unwrap().1;
        assert_eq!(last, &format!("ab{}x", " ".repeat(8)));
    }

    #[test]
    fn columns_narrow_to_the_room_down_to_their_longest_word() {
        let table = t(
            &["Quarter", "Crossings"],
            &[&["Q3 2026 (storm season, two weeks of closures)", "1,310"]],
        );
        let lines = lay_out(&table, 30);
        assert!(lines.iter().all(|(_, l)| width(l) <= 30), "{lines:?}");
        assert_eq!(lines[2].1, format!("Q3 2026 (storm{}1,310", " ".repeat(11)));
        assert_eq!(lines[3].1, "season, two weeks");
        // No room at all: every word stays whole, and the table is as narrow as its words.
        let lines = lay_out(&table, 5);
        assert!(
            lines.iter().any(|(_, l)| l.starts_with("closures)")),
            "{lines:?}"
        );
    }
}
