//! A Markdown note's body (pulldown-cmark events) to the model's blocks: paragraphs, subheads, quotes,
//! numbered and nested list items, code with its language, pictures, tables, footnotes, and the
//! `<figcaption>` blocks `show --format md` writes for captions; links are collected.

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::html_media::web_address;
use crate::model::{Block, Image, Link, Table};

/// What the note's body gives.
#[derive(Default)]
pub(super) struct Body {
    /// An opening `# heading` before any block (the title, when the front matter gives none).
    pub heading: Option<String>,
    /// The blocks, footnotes last.
    pub blocks: Vec<Block>,
    /// The web links.
    pub links: Vec<Link>,
}

/// Where the text being read belongs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Quote,
    /// A list, with the next item's number (`None`: bulleted).
    List(Option<u64>),
    /// A list item with its number.
    Item(Option<u32>),
    /// A footnote's text, by number.
    Footnote(u32),
}

/// The event walk's state.
#[derive(Default)]
struct Reader {
    body: Body,
    base: Option<url::Url>,
    current: String,
    contexts: Vec<Context>,
    link: Option<(String, String)>,
    heading: Option<HeadingLevel>,
    /// Inside a code block.
    in_code: bool,
    /// The code block's language.
    language: Option<String>,
    /// A raw HTML block being read: a `<figcaption>` in it is a caption.
    html: Option<String>,
    /// A picture whose alternative text is being read.
    picture: Option<Image>,
    /// Pictures read in the text, placed after it.
    pictures: Vec<Image>,
    table: Option<Table>,
    in_head: bool,
    cells: Vec<String>,
    footnotes: HashMap<String, u32>,
    notes: Vec<(u32, String)>,
}

/// A code fence's language: the info string's first word, if it looks like a language's name.
fn language(info: &str) -> Option<String> {
    /// Longer than this is no language's name ("objective-c++" is 13).
    const MAX_LANGUAGE_CHARS: usize = 24;
    let word = info
        .split_whitespace()
        .next()?
        .trim_matches(['{', '}', '.'])
        .to_ascii_lowercase();
    (!word.is_empty()
        && word.len() <= MAX_LANGUAGE_CHARS
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(c)))
    .then_some(word)
}

/// A caption from an HTML block `<figcaption>text<small>credit</small></figcaption>`; `None` for any
/// other HTML.
fn figcaption(block: &str) -> Option<(String, Option<String>)> {
    let inner = block
        .trim()
        .strip_prefix("<figcaption>")?
        .strip_suffix("</figcaption>")?;
    let (text, credit) = match inner.split_once("<small>") {
        Some((t, rest)) => (t, rest.strip_suffix("</small>").map(unescape)),
        None => (inner, None),
    };
    let text = unescape(text).trim().to_owned();
    let credit = credit.filter(|c| !c.trim().is_empty());
    (!text.is_empty() || credit.is_some()).then_some((text, credit))
}

/// The five entities HTML escaping writes, back as text.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Runs of white space as one space, trimmed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The blocks and links of a note's Markdown body; relative picture addresses are made web addresses
/// against `url` (the story's) when it has one.
pub(super) fn parse(text: &str, url: Option<&str>) -> Body {
    let options = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES;
    let mut reader = Reader {
        base: url.and_then(|u| url::Url::parse(u).ok()),
        ..Reader::default()
    };
    for event in Parser::new_ext(text, options) {
        reader.event(event);
    }
    reader.flush();
    let mut body = reader.body;
    reader.notes.sort_by_key(|(n, _)| *n);
    body.blocks
        .extend(
            reader
                .notes
                .into_iter()
                .filter(|(_, t)| !t.is_empty())
                .map(|(number, text)| Block::Footnote {
                    number,
                    label: number.to_string(),
                    text,
                }),
        );
    body
}

impl Reader {
    /// The innermost context that decides what text becomes.
    fn holder(&self) -> Option<Context> {
        self.contexts
            .iter()
            .rev()
            .find(|c| !matches!(c, Context::List(_)))
            .copied()
    }

    /// How deep the innermost list nests (0 for a top-level list).
    fn depth(&self) -> u8 {
        let lists = self
            .contexts
            .iter()
            .filter(|c| matches!(c, Context::List(_)))
            .count();
        u8::try_from(lists.saturating_sub(1)).unwrap_or(u8::MAX)
    }

    /// The number footnote `label` shows as, given in the order labels are first met.
    fn note_number(&mut self, label: &str) -> u32 {
        let next = u32::try_from(self.footnotes.len() + 1).unwrap_or(u32::MAX);
        *self.footnotes.entry(label.to_owned()).or_insert(next)
    }

    /// The text read so far becomes a block of its context, then the pictures read in it follow.
    fn flush(&mut self) {
        let t = squeeze(&self.current);
        self.current.clear();
        if !t.is_empty() {
            let block = match self.holder() {
                Some(Context::Quote) => Some(Block::Quote(t)),
                Some(Context::Item(number)) => Some(Block::ListItem {
                    text: t,
                    number,
                    depth: self.depth(),
                }),
                Some(Context::Footnote(n)) => {
                    match self.notes.iter_mut().find(|(k, _)| *k == n) {
                        Some((_, text)) if !text.is_empty() => {
                            text.push(' ');
                            text.push_str(&t);
                        }
                        Some((_, text)) => *text = t,
                        None => self.notes.push((n, t)),
                    }
                    None
                }
                Some(Context::List(_)) | None => Some(Block::Paragraph(t)),
            };
            self.body.blocks.extend(block);
        }
        self.body
            .blocks
            .extend(self.pictures.drain(..).map(Block::Image));
    }

    /// Text, to the picture's alternative text, the link's text and the run being read.
    fn text(&mut self, t: &str) {
        if let Some(p) = self.picture.as_mut()
            && self.table.is_none()
        {
            p.alt.push_str(t);
            return;
        }
        self.current.push_str(t);
        if let Some((_, lt)) = self.link.as_mut() {
            lt.push_str(t);
        }
    }

    /// A caption from an HTML block: a picture's or table's just before it without one, else its own.
    fn caption(&mut self, text: String, credit: Option<String>) {
        match self.body.blocks.last_mut() {
            Some(Block::Image(image)) if image.caption.is_empty() && image.credit.is_none() => {
                image.caption = text;
                image.credit = credit;
            }
            Some(Block::Table(table)) if table.caption.is_none() && credit.is_none() => {
                table.caption = Some(text);
            }
            _ => self.body.blocks.push(Block::Caption { text, credit }),
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Html(t) => {
                if let Some(h) = self.html.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::FootnoteReference(label) => {
                let n = self.note_number(&label);
                self.text(&format!("[{n}]"));
            }
            Event::SoftBreak | Event::HardBreak => {
                let c = if self.in_code { "\n" } else { " " };
                self.text(c);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::HtmlBlock => self.html = Some(String::new()),
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(level);
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.contexts.push(Context::Quote);
            }
            Tag::List(start) => {
                // The item holding this list has its text so far as its own.
                self.flush();
                self.contexts.push(Context::List(start));
            }
            Tag::Item => {
                self.flush();
                let number = match self.contexts.last_mut() {
                    Some(Context::List(Some(next))) => {
                        let n = u32::try_from(*next).ok();
                        *next += 1;
                        n
                    }
                    _ => None,
                };
                self.contexts.push(Context::Item(number));
            }
            Tag::FootnoteDefinition(label) => {
                self.flush();
                let n = self.note_number(&label);
                self.contexts.push(Context::Footnote(n));
            }
            // Paragraphs of one item or footnote run together as its text.
            Tag::Paragraph
                if !matches!(self.holder(), Some(Context::Item(_) | Context::Footnote(_))) =>
            {
                self.flush();
            }
            Tag::CodeBlock(kind) => {
                self.flush();
                self.in_code = true;
                self.language = match kind {
                    CodeBlockKind::Fenced(info) => language(&info),
                    CodeBlockKind::Indented => None,
                };
            }
            Tag::Table(_) => {
                self.flush();
                self.table = Some(Table::default());
            }
            Tag::TableHead => self.in_head = true,
            Tag::TableCell => self.current.clear(),
            Tag::Link { dest_url, .. } => self.link = Some((dest_url.to_string(), String::new())),
            Tag::Image {
                dest_url, title, ..
            } => {
                self.picture = Some(Image {
                    url: web_address(&dest_url, self.base.as_ref()),
                    source: dest_url.to_string(),
                    caption: squeeze(&title),
                    ..Image::default()
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::HtmlBlock => {
                if let Some((text, credit)) = self.html.take().as_deref().and_then(figcaption) {
                    self.caption(text, credit);
                }
            }
            TagEnd::Heading(_) => {
                let t = squeeze(&self.current);
                self.current.clear();
                let first = self.body.heading.is_none() && self.body.blocks.is_empty();
                if self.heading == Some(HeadingLevel::H1) && first {
                    self.body.heading = Some(t);
                } else if !t.is_empty() {
                    self.body.blocks.push(Block::Subhead(t));
                }
                self.heading = None;
                self.flush();
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush();
                self.contexts.pop();
            }
            TagEnd::Paragraph => {
                if matches!(self.holder(), Some(Context::Item(_) | Context::Footnote(_))) {
                    self.current.push(' ');
                } else {
                    self.flush();
                }
            }
            TagEnd::CodeBlock => {
                let text = self.current.trim_end().to_owned();
                self.current.clear();
                self.in_code = false;
                let language = self.language.take();
                if !text.is_empty() {
                    self.body
                        .blocks
                        .push(Block::Preformatted { text, language });
                }
            }
            TagEnd::TableCell => {
                let cell = squeeze(&self.current);
                self.current.clear();
                self.cells.push(cell);
            }
            TagEnd::TableHead => {
                self.in_head = false;
                if let Some(t) = self.table.as_mut() {
                    t.header = std::mem::take(&mut self.cells);
                }
            }
            TagEnd::TableRow => {
                let mut row = std::mem::take(&mut self.cells);
                // Empty cells at the end of a row hold nothing to line up.
                while row.last().is_some_and(String::is_empty) {
                    row.pop();
                }
                if let Some(t) = self.table.as_mut() {
                    t.rows.push(row);
                }
            }
            TagEnd::Table => {
                if let Some(mut t) = self.table.take() {
                    // An empty header is how a table without one is written.
                    if t.header.iter().all(String::is_empty) {
                        t.header.clear();
                    }
                    self.body.blocks.push(Block::Table(t));
                }
            }
            TagEnd::Link => {
                if let Some((url, t)) = self.link.take()
                    && (url.starts_with("http://") || url.starts_with("https://"))
                {
                    self.body.links.push(Link {
                        text: t.trim().to_owned(),
                        url,
                    });
                }
            }
            TagEnd::Image => {
                if let Some(mut p) = self.picture.take() {
                    p.alt = squeeze(&p.alt);
                    self.pictures.push(p);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_code_tables_pictures_and_footnotes() {
        let note = "Intro.[^n]\n\n1. one\n2. two\n   - inner\n     1. deep\n3. three\n\n```Rust title\nfn main() {}\n```\n\n| Q | Units |\n|---|------:|\n| Q1 | 1,200 |\n\n![A ferry](img/ferry.jpg \"At the quay\")\n\n[^n]: The note.\n";
        let body = parse(note, Some("https://n.test/notes/a"));
        let kinds: Vec<&str> = body.blocks.iter().map(Block::kind).collect();
        assert_eq!(
            kinds,
            [
                "paragraph",
                "list_item",
                "list_item",
                "list_item",
                "list_item",
                "list_item",
                "preformatted",
                "table",
                "image",
                "footnote"
            ]
        );
        assert_eq!(body.blocks[0].text(), "Intro.[1]");
        assert_eq!(
            body.blocks[4],
            Block::ListItem {
                text: "deep".into(),
                number: Some(1),
                depth: 2
            }
        );
        assert_eq!(
            body.blocks[5],
            Block::ListItem {
                text: "three".into(),
                number: Some(3),
                depth: 0
            }
        );
        assert_eq!(
            body.blocks[6],
            Block::Preformatted {
                text: "fn main() {}".into(),
                language: Some("rust".into())
            }
        );
        assert_eq!(body.blocks[7].plain_text(), "Q | Units\nQ1 | 1,200");
        let Block::Image(ferry) = &body.blocks[8] else {
            unreachable!()
        };
        assert_eq!(
            (
                ferry.alt.as_str(),
                ferry.caption.as_str(),
                ferry.url.as_deref()
            ),
            (
                "A ferry",
                "At the quay",
                Some("https://n.test/notes/img/ferry.jpg")
            )
        );
        assert_eq!(
            body.blocks[9],
            Block::Footnote {
                number: 1,
                label: "1".into(),
                text: "The note.".into()
            }
        );
    }
}
