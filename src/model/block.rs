//! The blocks of an article's body (paragraphs, subheads, captions, quotes, list items, code, images,
//! tables, footnotes) and their JSON shape in `show --json`.

use std::borrow::Cow;

use serde::Serialize;

/// One block of an article body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of prose.
    Paragraph(String),
    /// A heading inside the body.
    Subhead(String),
    /// A photo caption and its credit ("AFP/File"), with no picture known.
    Caption {
        /// The caption text.
        text: String,
        /// Who took or supplied the picture, when given.
        credit: Option<String>,
    },
    /// A quoted passage set apart from the prose.
    Quote(String),
    /// One item of a list.
    ListItem {
        /// The item's text (the text of lists nested in it comes as items of its own).
        text: String,
        /// Its number in an ordered list; `None` for a bulleted item.
        number: Option<u32>,
        /// How deep the list nests: 0 for a top-level list.
        depth: u8,
    },
    /// Text whose line breaks and spacing matter: code, or any preformatted text.
    Preformatted {
        /// The text, line breaks kept.
        text: String,
        /// The programming language, when the markup names it (`rust`, `python`).
        language: Option<String>,
    },
    /// A picture, with its alternative text and caption.
    Image(Image),
    /// A table of data.
    Table(Table),
    /// A note the text refers to as `[label]`, listed at the end of the body.
    Footnote {
        /// Its number, counting the story's notes from 1 in the order they are listed.
        number: u32,
        /// What the references in the text show: the page's own mark (`12`, `n 3`, `a`, `*`), else the
        /// number.
        label: String,
        /// The note.
        text: String,
    },
}

/// A picture in the body. It is never fetched: a file on disk can be drawn, anything else is named.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Image {
    /// The alternative text, "" when the markup gives none.
    pub alt: String,
    /// Where the picture is, as the file gives it: a web address, a path relative to the file, a
    /// `file:` or `data:` URL.
    pub source: String,
    /// Its web address (http or https), made absolute against the page's, when it has one.
    pub url: Option<String>,
    /// The caption, "" when there is none.
    pub caption: String,
    /// Who took or supplied the picture, when given.
    pub credit: Option<String>,
}

/// A table: a header row (possibly empty), rows of cells, and a caption.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// The header cells; empty when the table has no header row.
    pub header: Vec<String>,
    /// The rows, each a list of cells (rows may have fewer cells than others).
    pub rows: Vec<Vec<String>>,
    /// The caption, when given.
    pub caption: Option<String>,
}

impl Table {
    /// The cells as text, a row a line, cells separated by " | " (as tables were given before they were
    /// kept as tables, so a script reading `text` sees the same).
    #[must_use]
    pub fn text(&self) -> String {
        let header = (!self.header.is_empty()).then_some(&self.header);
        header
            .into_iter()
            .chain(&self.rows)
            .map(|row| Self::row_text(row))
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// One row as text: its non-empty cells separated by " | ".
    #[must_use]
    pub fn row_text(row: &[String]) -> String {
        row.iter()
            .filter(|c| !c.is_empty())
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// Every cell, header first.
    pub fn cells_mut(&mut self) -> impl Iterator<Item = &mut String> {
        self.header.iter_mut().chain(self.rows.iter_mut().flatten())
    }
}

impl Block {
    /// A bulleted, top-level list item.
    #[must_use]
    pub fn item(text: impl Into<String>) -> Self {
        Self::ListItem {
            text: text.into(),
            number: None,
            depth: 0,
        }
    }

    /// Preformatted text in no known language.
    #[must_use]
    pub fn preformatted(text: impl Into<String>) -> Self {
        Self::Preformatted {
            text: text.into(),
            language: None,
        }
    }

    /// The kind's name in the JSON interface.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Paragraph(_) => "paragraph",
            Self::Subhead(_) => "subhead",
            Self::Caption { .. } => "caption",
            Self::Quote(_) => "quote",
            Self::ListItem { .. } => "list_item",
            Self::Preformatted { .. } => "preformatted",
            Self::Image(_) => "image",
            Self::Table(_) => "table",
            Self::Footnote { .. } => "footnote",
        }
    }

    /// The block's main text: an image's caption, a table's caption ("" when none; its cells are in
    /// [`Block::plain_text`]).
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            Self::Paragraph(t)
            | Self::Subhead(t)
            | Self::Caption { text: t, .. }
            | Self::Quote(t)
            | Self::ListItem { text: t, .. }
            | Self::Preformatted { text: t, .. }
            | Self::Footnote { text: t, .. } => t,
            Self::Image(i) => &i.caption,
            Self::Table(t) => t.caption.as_deref().unwrap_or(""),
        }
    }

    /// All the block's text as one string: a table's cells, a row a line (see [`Table::text`]).
    #[must_use]
    pub fn plain_text(&self) -> Cow<'_, str> {
        match self {
            Self::Table(t) => Cow::Owned(t.text()),
            other => Cow::Borrowed(other.text()),
        }
    }

    /// The caption's credit, for captions and images that have one.
    #[must_use]
    pub fn credit(&self) -> Option<&str> {
        match self {
            Self::Caption { credit, .. } => credit.as_deref(),
            Self::Image(i) => i.credit.as_deref(),
            _ => None,
        }
    }
}

/// A block as `show --json` gives it: `kind`, `text` and `credit` for every kind (as before these kinds
/// were added), and the fields of its own kind.
#[derive(Serialize)]
struct BlockJson<'a> {
    kind: &'static str,
    text: Cow<'a, str>,
    credit: Option<&'a str>,
    #[serde(flatten)]
    own: Option<Own<'a>>,
}

/// The fields a kind adds.
#[derive(Serialize)]
#[serde(untagged)]
enum Own<'a> {
    Item {
        number: Option<u32>,
        depth: u8,
    },
    Code {
        language: Option<&'a str>,
    },
    Image {
        alt: &'a str,
        source: &'a str,
        url: Option<&'a str>,
    },
    Table {
        header: &'a [String],
        rows: &'a [Vec<String>],
        caption: Option<&'a str>,
    },
    Footnote {
        number: u32,
        label: &'a str,
    },
}

impl Serialize for Block {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let own = match self {
            Self::ListItem { number, depth, .. } => Some(Own::Item {
                number: *number,
                depth: *depth,
            }),
            Self::Preformatted { language, .. } => Some(Own::Code {
                language: language.as_deref(),
            }),
            Self::Image(i) => Some(Own::Image {
                alt: &i.alt,
                source: &i.source,
                url: i.url.as_deref(),
            }),
            Self::Table(t) => Some(Own::Table {
                header: &t.header,
                rows: &t.rows,
                caption: t.caption.as_deref(),
            }),
            Self::Footnote { number, label, .. } => Some(Own::Footnote {
                number: *number,
                label,
            }),
            Self::Paragraph(_) | Self::Subhead(_) | Self::Caption { .. } | Self::Quote(_) => None,
        };
        BlockJson {
            kind: self.kind(),
            text: self.plain_text(),
            credit: self.credit(),
            own,
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_kinds_keep_their_json_and_new_ones_add_fields() {
        let json = |b: &Block| serde_json::to_string(b).unwrap();
        assert_eq!(
            json(&Block::Paragraph("Tide.".into())),
            r#"{"kind":"paragraph","text":"Tide.","credit":null}"#
        );
        assert_eq!(
            json(&Block::ListItem {
                text: "Two".into(),
                number: Some(2),
                depth: 1
            }),
            r#"{"kind":"list_item","text":"Two","credit":null,"number":2,"depth":1}"#
        );
        let table = Block::Table(Table {
            header: vec!["Q".into(), "Sales".into()],
            rows: vec![vec!["Q1".into(), "1,200".into()]],
            caption: None,
        });
        assert_eq!(
            json(&table),
            r#"{"kind":"table","text":"Q | Sales\nQ1 | 1,200","credit":null,"header":["Q","Sales"],"rows":[["Q1","1,200"]],"caption":null}"#
        );
        let image = Block::Image(Image {
            alt: "A ferry".into(),
            source: "ferry.jpg".into(),
            url: None,
            caption: "The ferry".into(),
            credit: Some("AFP".into()),
        });
        assert_eq!(
            json(&image),
            r#"{"kind":"image","text":"The ferry","credit":"AFP","alt":"A ferry","source":"ferry.jpg","url":null}"#
        );
    }
}
