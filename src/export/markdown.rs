//! A story as Markdown with `+++` TOML front matter (`broadsheet_id`, title, author, date, section, source, url, tags,
//! the related teasers, the body's links and the enclosures), written so that broadsheet's Markdown loader
//! reads back the same story: the same id, metadata and blocks (numbered and nested lists, code with its
//! language, pictures, tables and footnotes included).

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{Article, Block, Enclosure, Image, Table};

/// The front matter, as TOML.
#[derive(Serialize)]
struct Front<'a> {
    /// The story's id, so the note is the same story whatever its fields would make of one. Named for
    /// broadsheet, so an `id` another tool put in a note never takes a story's place.
    broadsheet_id: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    links: Vec<Linked<'a>>,
    #[serde(skip_serializing_if = "<[Enclosure]>::is_empty")]
    enclosures: &'a [Enclosure],
}

#[derive(Serialize)]
struct Related<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
}

#[derive(Serialize)]
struct Linked<'a> {
    text: &'a str,
    url: &'a str,
}

/// `a` as Markdown with TOML front matter.
#[must_use]
pub fn markdown(a: &Article) -> String {
    let h = &a.head;
    let front = Front {
        broadsheet_id: h.id.to_string(),
        title: &h.title,
        author: h.byline.as_deref(),
        date: h.published.map(|d| d.to_rfc3339()),
        section: h.section.as_deref(),
        source: h.source.as_deref(),
        url: h.url.as_deref(),
        tags: h.section.as_deref().into_iter().collect(),
        related: a
            .related
            .iter()
            .map(|r| Related {
                title: &r.text,
                url: r.url.as_deref(),
                section: r.section.as_deref(),
            })
            .collect(),
        links: a
            .links
            .iter()
            .map(|l| Linked {
                text: &l.text,
                url: &l.url,
            })
            .collect(),
        enclosures: &a.enclosures,
    };
    let mut out = String::from("+++\n");
    // A struct of strings and lists always serialises.
    out.push_str(&toml::to_string(&front).unwrap_or_default());
    out.push_str("+++\n");
    let mut list = ListIndent::default();
    for block in &a.body {
        let item = matches!(block, Block::ListItem { .. });
        // A list's items go on consecutive lines; everything else is a paragraph of its own.
        if !(item && list.open) {
            out.push('\n');
        }
        list.open = item;
        match block {
            Block::Paragraph(t) => {
                let _ = writeln!(out, "{}", escape(t, true));
            }
            Block::Subhead(t) => {
                let _ = writeln!(out, "## {}", escape(t, false));
            }
            Block::Quote(t) => {
                let _ = writeln!(out, "> {}", escape(t, true));
            }
            Block::ListItem {
                text,
                number,
                depth,
            } => {
                let marker = number.map_or_else(|| "-".to_owned(), |n| format!("{n}."));
                let indent = list.indent(usize::from(*depth), marker.len() + 1);
                let _ = writeln!(out, "{:indent$}{marker} {}", "", escape(text, true));
            }
            Block::Preformatted { text, language } => {
                let fence = "`".repeat(longest_run(text, '`').max(2) + 1);
                let language = language.as_deref().unwrap_or("");
                let _ = writeln!(out, "{fence}{language}\n{text}\n{fence}");
            }
            Block::Caption { text, credit } => figcaption(&mut out, text, credit.as_deref()),
            Block::Image(image) => picture(&mut out, image),
            Block::Table(table) => write_table(&mut out, table),
            Block::Footnote { number, text, .. } => {
                let _ = writeln!(out, "[^{number}]: {}", escape(text, false));
            }
        }
    }
    out
}

/// The indentation of nested list items: each level under its parent's text, so Markdown nests it.
#[derive(Default)]
struct ListIndent {
    /// Whether the last block was a list item.
    open: bool,
    /// The width of each open level's marker and space ("1. " is 3).
    widths: Vec<usize>,
}

impl ListIndent {
    /// Spaces before an item at `depth` whose marker and space take `width` columns.
    fn indent(&mut self, depth: usize, width: usize) -> usize {
        /// Under a level not written (a list nested with no item above it), Markdown needs this many.
        const DEFAULT_WIDTH: usize = 4;
        self.widths.resize(depth, DEFAULT_WIDTH);
        let indent = self.widths.iter().sum();
        self.widths.push(width);
        indent
    }
}

/// A caption as an HTML `<figcaption>` block, its credit in `<small>` (the loader reads both back).
fn figcaption(out: &mut String, text: &str, credit: Option<&str>) {
    let credit = credit
        .map(|c| format!("<small>{}</small>", html_escape(c)))
        .unwrap_or_default();
    // On one line: a blank line would end the HTML block early.
    let _ = writeln!(
        out,
        "<figcaption>{}{credit}</figcaption>",
        html_escape(&text.replace(['\n', '\r'], " "))
    );
}

/// A picture: `![alt](<source>)`, its caption after it.
fn picture(out: &mut String, image: &Image) {
    let source: String = image
        .source
        .chars()
        .flat_map(|c| {
            let escaped = matches!(c, '<' | '>' | '\\').then_some('\\');
            escaped.into_iter().chain([c])
        })
        .collect();
    let _ = writeln!(out, "![{}](<{source}>)", escape(&image.alt, false));
    if !image.caption.is_empty() || image.credit.is_some() {
        out.push('\n');
        figcaption(out, &image.caption, image.credit.as_deref());
    }
}

/// A table as a pipe table (a table without a header gets an empty one, which the loader drops), its
/// caption after it.
fn write_table(out: &mut String, table: &Table) {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len(), 1])
        .max()
        .unwrap_or(1);
    let row = |out: &mut String, cells: &[String]| {
        out.push('|');
        for i in 0..columns {
            let cell = cells.get(i).map_or("", String::as_str);
            let _ = write!(out, " {} |", escape(cell, false));
        }
        out.push('\n');
    };
    row(out, &table.header);
    let _ = writeln!(out, "|{}", " --- |".repeat(columns));
    for cells in &table.rows {
        row(out, cells);
    }
    if let Some(caption) = &table.caption {
        out.push('\n');
        figcaption(out, caption, None);
    }
}

/// The longest run of `c` in `s`.
fn longest_run(s: &str, c: char) -> usize {
    let (mut run, mut longest) = (0, 0);
    for ch in s.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// `s` as `<`, `>` and `&` escaped for HTML.
pub(super) fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` on one line with every character Markdown would read as markup escaped, so it reads back as
/// the same text. `paragraph` says it starts a block's text (a paragraph, or after `> ` or `- `), where a
/// leading `-`, `+`, `=` or `1.` would begin a list or a heading.
fn escape(text: &str, paragraph: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let one_line = text.replace(['\n', '\r'], " ");
    // Only what Markdown itself strips: an ideographic space opening a paragraph is the text's own.
    let trimmed = one_line.trim_matches([' ', '\t']);
    for (i, c) in trimmed.char_indices() {
        let markup = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '&' | '!' | '~' | '|'
        );
        let at_start = i == 0 && paragraph && matches!(c, '-' | '+' | '=');
        // "1. " or "1) " at the start would be a numbered list.
        let numbered = paragraph
            && matches!(c, '.' | ')')
            && trimmed[..i].chars().all(|d| d.is_ascii_digit())
            && i > 0;
        if markup || at_start || numbered {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
