//! Each body block reflowed for the reader: prose wrapped, list items numbered and indented by depth on
//! consecutive lines, code and tables kept whole and cut at the pane with a marker, pictures named and
//! numbered, footnotes under a rule at the end.

use super::links::{LinkMarks, Place, apply};
use super::reflow::{Line, LineKind, Pictures, wrap_into, wrap_marked_into};
use super::table::{Row, lay_out};
use crate::model::{Block, Image, Table};
use crate::text::width::{prefix, width};

/// What ends a line cut at the pane's edge: more of it is to the right (the sideways key shows it).
pub const CUT: &str = "\u{203a}";

/// Code is set in by this much, so it stands apart from prose.
const CODE_INDENT: &str = "  ";

/// A tab in code moves to the next multiple of this column, as most editors show code.
const TAB_STOP: usize = 4;

/// Lists nested deeper than this are indented no further, so deep nesting cannot push text off a
/// narrow pane; real lists nest two or three deep.
pub(super) const MAX_LIST_DEPTH_SHOWN: usize = 5;

/// An item's text keeps at least this many columns beside its indent and marker: the widest character
/// takes two, and a word cut to less is not read.
const MIN_TEXT_COLUMNS: usize = 4;

/// Each level of nesting sets a list in by this many columns: three puts a nested item under the text of
/// a numbered one ("1. " is three wide).
pub(super) const LIST_INDENT: usize = 3;

/// The bullets of unnumbered lists, by depth (then again from the first).
const BULLETS: &[&str] = &["\u{2022}", "\u{25e6}", "\u{25aa}"];

/// The rule above the footnotes: short, as a printed page's.
const FOOTNOTE_RULE_COLUMNS: usize = 12;

/// Reflows body blocks one after another, keeping what the next block needs to know.
pub(super) struct Body<'a> {
    width: usize,
    pictures: &'a Pictures,
    /// Where the body's links are numbered.
    links: &'a LinkMarks,
    /// The kind of the last block, so list items and footnotes run on without blank lines.
    last: Option<&'static str>,
    /// Pictures numbered so far.
    images: usize,
    /// See [`super::reflow::Reflowed::widest`].
    pub widest: usize,
}

/// `line` with tabs expanded to [`TAB_STOP`].
fn expand_tabs(line: &str) -> String {
    if !line.contains('\t') {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + 8);
    for c in line.chars() {
        if c == '\t' {
            let pad = TAB_STOP - width(&out) % TAB_STOP;
            out.extend(std::iter::repeat_n(' ', pad));
        } else {
            out.push(c);
        }
    }
    out
}

impl<'a> Body<'a> {
    pub(super) fn new(width: usize, pictures: &'a Pictures, links: &'a LinkMarks) -> Self {
        Self {
            width,
            pictures,
            links,
            last: None,
            images: 0,
            widest: 0,
        }
    }

    /// Adds block `i`'s lines to `out`, after a blank line unless it runs on from the one before.
    pub(super) fn block(&mut self, out: &mut Vec<Line>, i: usize, block: &Block) {
        let kind = block.kind();
        let runs_on = matches!(kind, "list_item" | "footnote") && self.last == Some(kind);
        if !runs_on {
            out.push(Line::new(LineKind::Blank, String::new(), Some(i)));
        }
        self.last = Some(kind);
        let w = self.width;
        let at = Some(i);
        let found = self.links.in_block(i);
        match block {
            Block::Paragraph(t) => {
                wrap_marked_into(out, t, found, w, LineKind::Paragraph, at, ("", ""));
            }
            Block::Subhead(t) => {
                wrap_marked_into(out, t, found, w, LineKind::Subhead, at, ("", ""));
            }
            Block::Caption { text, credit } => caption(out, text, credit.as_deref(), found, w, at),
            Block::Quote(t) => wrap_marked_into(
                out,
                t,
                found,
                w,
                LineKind::Quote,
                at,
                ("  \u{2502} ", "  \u{2502} "),
            ),
            Block::ListItem {
                text,
                number,
                depth,
            } => {
                let depth = usize::from(*depth).min(MAX_LIST_DEPTH_SHOWN);
                let marker = number.map_or_else(
                    || BULLETS[depth % BULLETS.len()].to_owned(),
                    |n| format!("{n}."),
                );
                let first = hanging(2 + LIST_INDENT * depth, &format!("{marker} "), w);
                let rest = " ".repeat(width(&first));
                let indent = (first.as_str(), rest.as_str());
                wrap_marked_into(out, text, found, w, LineKind::ListItem, at, indent);
            }
            Block::Preformatted { text, .. } => {
                let lines: Vec<String> = text
                    .lines()
                    .map(|l| format!("{CODE_INDENT}{}", expand_tabs(l)))
                    .collect();
                self.whole(
                    out,
                    lines.into_iter().map(|l| (LineKind::Preformatted, l)),
                    at,
                );
            }
            Block::Image(image) => self.image(out, image, at),
            Block::Table(table) => self.table(out, table, at),
            Block::Footnote { label, text, .. } => {
                if !runs_on {
                    let rule = "\u{2500}".repeat(FOOTNOTE_RULE_COLUMNS.min(w));
                    out.push(Line::new(LineKind::Rule, rule, at));
                }
                let first = hanging(0, &format!("[{label}] "), w);
                let rest = " ".repeat(width(&first));
                let indent = (first.as_str(), rest.as_str());
                wrap_marked_into(out, text, found, w, LineKind::Footnote, at, indent);
            }
        }
    }

    /// Lines kept whole (code, a table's rows): when any is wider than the pane, every one of them keeps
    /// its whole text for the sideways scroll, so they move together, and the wide ones are cut with
    /// [`CUT`].
    fn whole(
        &mut self,
        out: &mut Vec<Line>,
        lines: impl Iterator<Item = (LineKind, String)>,
        at: Option<usize>,
    ) {
        let lines: Vec<(LineKind, String)> = lines.collect();
        let widest = lines.iter().map(|(_, l)| width(l)).max().unwrap_or(0);
        let wide = widest > self.width;
        if wide {
            self.widest = self.widest.max(widest);
        }
        for (kind, line) in lines {
            let text = if width(&line) > self.width {
                format!("{}{CUT}", prefix(&line, self.width - 1))
            } else {
                line.clone()
            };
            out.push(Line {
                kind,
                text,
                block: at,
                full: wide.then_some(line),
                marks: Vec::new(),
            });
        }
    }

    /// A picture: `[image N: alt]`, dim; the rows it is drawn in when it can be; its caption.
    fn image(&mut self, out: &mut Vec<Line>, image: &Image, at: Option<usize>) {
        self.images += 1;
        let label = if image.alt.is_empty() {
            format!("[image {}]", self.images)
        } else {
            format!("[image {}: {}]", self.images, image.alt)
        };
        wrap_into(out, &label, self.width, LineKind::Image, at, ("", " "));
        let rows = at.and_then(|i| self.pictures.get(&i)).copied().unwrap_or(0);
        for _ in 0..rows {
            out.push(Line::new(LineKind::Picture, String::new(), at));
        }
        if !image.caption.is_empty() || image.credit.is_some() {
            let links = at.map_or(&[][..], |i| self.links.in_block(i));
            let credit = image.credit.as_deref();
            caption(out, &image.caption, credit, links, self.width, at);
        }
    }

    /// A table: its caption, then its lines laid out in columns, links numbered in their cells.
    fn table(&mut self, out: &mut Vec<Line>, table: &Table, at: Option<usize>) {
        if let Some(c) = &table.caption {
            wrap_into(out, c, self.width, LineKind::Caption, at, ("", ""));
        }
        let marked = at.and_then(|block| marked_cells(table, block, self.links));
        let lines = lay_out(marked.as_ref().unwrap_or(table), self.width)
            .into_iter()
            .map(|(row, line)| {
                let kind = match row {
                    Row::Header => LineKind::TableHeader,
                    Row::Rule => LineKind::TableRule,
                    Row::Body => LineKind::Table,
                };
                (kind, line)
            });
        self.whole(out, lines, at);
    }
}

/// An item's first-line lead: `indent` spaces and its marker, the indent given up (then the marker) when
/// they would leave less than [`MIN_TEXT_COLUMNS`] of a `w`-column pane for the text.
fn hanging(indent: usize, marker: &str, w: usize) -> String {
    let room = w.saturating_sub(MIN_TEXT_COLUMNS);
    let indent = indent.min(room.saturating_sub(width(marker)));
    if indent + width(marker) <= room {
        format!("{:indent$}{marker}", "")
    } else {
        String::new()
    }
}

/// `table` with its links numbered in their cells, when any is; `None` when none is.
pub(super) fn marked_cells(table: &Table, block: usize, links: &LinkMarks) -> Option<Table> {
    let place = |cell| Place {
        block,
        cell: Some(cell),
    };
    let cells = table.header.len() + table.rows.iter().map(Vec::len).sum::<usize>();
    if (0..cells).all(|c| links.at(place(c)).is_empty()) {
        return None;
    }
    let mut marked = table.clone();
    for (c, cell) in marked.cells_mut().enumerate() {
        let marks = links.at(place(c));
        if !marks.is_empty() {
            *cell = apply(cell, marks).0;
        }
    }
    Some(marked)
}

/// A caption and its credit, set in; `links` are numbered in the caption's text.
fn caption(
    out: &mut Vec<Line>,
    text: &str,
    credit: Option<&str>,
    links: &[(usize, usize)],
    w: usize,
    at: Option<usize>,
) {
    let captioned = match credit {
        Some(c) if text.is_empty() => c.to_owned(),
        Some(c) => format!("{text} \u{2014} {c}"),
        None => text.to_owned(),
    };
    // The text comes first, so the links' places in it hold in the captioned line; with no text there
    // is none to mark.
    let links = if text.is_empty() { &[][..] } else { links };
    wrap_marked_into(
        out,
        &captioned,
        links,
        w,
        LineKind::Caption,
        at,
        ("  ", "  "),
    );
}
