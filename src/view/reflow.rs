//! Reflowing an article for a pane: wrapped lines tagged with what they are and which block they belong
//! to, computed once per (story, width) and cached by the app, never inside render.

use crate::model::{Article, Block, Link, RelatedLink};
use crate::text::width::{fit, split, wrap};
use crate::view::plain::meta_line;

/// What a reflowed line is, so the view can style it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Section, date and byline.
    Meta,
    /// The headline.
    Headline,
    /// A line of a paragraph.
    Paragraph,
    /// A subhead.
    Subhead,
    /// A caption with its credit.
    Caption,
    /// A quoted passage.
    Quote,
    /// A list item.
    ListItem,
    /// Preformatted text.
    Preformatted,
    /// Space between blocks.
    Blank,
}

/// One reflowed line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// What it is.
    pub kind: LineKind,
    /// Its text, at most the reflow width in display columns.
    pub text: String,
    /// The body block it belongs to; `None` for the header (meta line and headline).
    pub block: Option<usize>,
}

/// An article reflowed to one width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reflowed {
    /// The width it was reflowed to.
    pub width: u16,
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
}

impl Reflowed {
    /// The index of the first line of body block `block`, for keeping a paragraph at the top on resize.
    #[must_use]
    pub fn first_line_of(&self, block: usize) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| l.block == Some(block) && l.kind != LineKind::Blank)
    }
}

fn wrap_into(
    out: &mut Vec<Line>,
    text: &str,
    width: usize,
    kind: LineKind,
    block: Option<usize>,
    indent: (&str, &str),
) {
    for piece in wrap(text, width, indent.0, indent.1) {
        out.push(Line {
            kind,
            text: piece,
            block,
        });
    }
}

/// Reflows `a` to `width` columns (at least 10): meta line (its date in `date_format`, if given), headline,
/// a blank line, then the body with blank lines between blocks.
#[must_use]
pub fn reflow(a: &Article, width: u16, date_format: Option<&str>) -> Reflowed {
    let width = width.max(10);
    let w = usize::from(width);
    let mut lines = Vec::with_capacity(a.body.len() * 6 + 8);
    let meta = meta_line(a, date_format);
    if !meta.is_empty() {
        wrap_into(&mut lines, &meta, w, LineKind::Meta, None, ("", ""));
    }
    wrap_into(
        &mut lines,
        &a.head.title,
        w,
        LineKind::Headline,
        None,
        ("", ""),
    );
    for (i, block) in a.body.iter().enumerate() {
        lines.push(Line {
            kind: LineKind::Blank,
            text: String::new(),
            block: Some(i),
        });
        let at = Some(i);
        match block {
            Block::Paragraph(t) => wrap_into(&mut lines, t, w, LineKind::Paragraph, at, ("", "")),
            Block::Subhead(t) => wrap_into(&mut lines, t, w, LineKind::Subhead, at, ("", "")),
            Block::Caption { text, credit } => {
                let captioned = match credit {
                    Some(c) => format!("{text} \u{2014} {c}"),
                    None => text.clone(),
                };
                wrap_into(
                    &mut lines,
                    &captioned,
                    w,
                    LineKind::Caption,
                    at,
                    ("  ", "  "),
                );
            }
            Block::Quote(t) => wrap_into(
                &mut lines,
                t,
                w,
                LineKind::Quote,
                at,
                ("  \u{2502} ", "  \u{2502} "),
            ),
            Block::ListItem(t) => wrap_into(
                &mut lines,
                t,
                w,
                LineKind::ListItem,
                at,
                ("  \u{2022} ", "    "),
            ),
            Block::Preformatted(t) => {
                for raw in t.lines() {
                    for piece in split(raw, w) {
                        lines.push(Line {
                            kind: LineKind::Preformatted,
                            text: piece.to_owned(),
                            block: at,
                        });
                    }
                }
            }
        }
    }
    Reflowed { width, lines }
}

/// One sidebar item (a related teaser or a link from the body), wrapped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SidebarItem {
    /// A heading drawn above the item ("You may also like", "Links") when it starts a group.
    pub heading: Option<&'static str>,
    /// The section label, cut to the width.
    pub section: Option<String>,
    /// The teaser's or link's lines.
    pub lines: Vec<String>,
    /// Whether a related teaser points at a stored story.
    pub resolved: bool,
    /// Where the item points on the web, when it does.
    pub url: Option<String>,
    /// Whether it is a link from the body (else a related teaser).
    pub body_link: bool,
}

impl SidebarItem {
    /// Rows the item takes: its heading, section and lines, and the blank row after it.
    #[must_use]
    pub fn height(&self) -> usize {
        usize::from(self.heading.is_some())
            + usize::from(self.section.is_some())
            + self.lines.len()
            + 1
    }

    /// The rows of the item that select it (not its heading or the blank row after it).
    #[must_use]
    pub fn selectable_rows(&self) -> std::ops::Range<usize> {
        let top = usize::from(self.heading.is_some());
        top..self.height() - 1
    }
}

/// Wraps the related teasers, then the body's links, for a sidebar `width` columns wide (at least 4).
#[must_use]
pub fn wrap_sidebar(related: &[RelatedLink], links: &[Link], width: u16) -> Vec<SidebarItem> {
    let w = usize::from(width.max(4));
    let wrap = |t: &str| wrap(t, w, "", "");
    let mut out: Vec<SidebarItem> = related
        .iter()
        .enumerate()
        .map(|(i, l)| SidebarItem {
            heading: (i == 0).then_some("You may also like"),
            section: l.section.as_deref().map(|s| fit(s, w)),
            lines: wrap(&l.text),
            resolved: l.target.is_some(),
            url: l.url.clone(),
            body_link: false,
        })
        .collect();
    out.extend(links.iter().enumerate().map(|(i, l)| SidebarItem {
        heading: (i == 0).then_some("Links"),
        section: None,
        lines: wrap(&l.text),
        resolved: true,
        url: Some(l.url.clone()),
        body_link: true,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::width;

    #[test]
    fn cjk_and_long_words_never_pass_the_width() {
        let text = "「静かな海」 brings 山田花子の静かな海の絵が新しい観客に届く展覧会が京都で開かれている Supercalifragilisticexpialidociousandthensome";
        let a = Article {
            head: crate::model::Headline {
                id: crate::model::ArticleId(1),
                path: "x".into(),
                entry: 0,
                format: crate::model::Format::Scraped,
                section: None,
                title: text.into(),
                byline: None,
                published: None,
                source: None,
                url: None,
                modified: None,
            },
            body: vec![
                Block::Paragraph(text.into()),
                Block::Preformatted(text.into()),
            ],
            related: vec![],
            links: vec![],
        };
        for columns in [10u16, 13, 20, 33] {
            let r = reflow(&a, columns, None);
            for l in &r.lines {
                assert!(
                    width(&l.text) <= usize::from(columns),
                    "{columns}: {:?}",
                    l.text
                );
            }
        }
    }
}
