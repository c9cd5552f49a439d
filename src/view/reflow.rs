//! Reflowing an article for a pane: wrapped lines tagged with what they are and which block they belong
//! to, computed once per (story, width) and cached by the app, never inside render.

use super::blocks;
pub use super::blocks::CUT;
use super::links::{LinkMarks, marker};
use crate::model::{Article, Block, Enclosure};
use crate::text::spans::carry;
use crate::text::width::{fit, wrap};
use crate::view::plain::meta_line;

/// What a reflowed line is, so the view can style it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Section, date and byline.
    Meta,
    /// The headline.
    Headline,
    /// The story's address, shortened to its site and path.
    Url,
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
    /// Code or other preformatted text: never wrapped, cut at the pane with a marker.
    Preformatted,
    /// A picture's `[image N: alt]` line.
    Image,
    /// A row kept for a picture drawn inline.
    Picture,
    /// A line of a table's header row.
    TableHeader,
    /// The rule under a table's header.
    TableRule,
    /// A line of a table's body.
    Table,
    /// The rule above the footnotes.
    Rule,
    /// A footnote.
    Footnote,
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
    /// The whole line, when it belongs to a table or code block wider than the pane: `text` is then its
    /// start, cut with a marker, and scrolling sideways shows the rest.
    pub full: Option<String>,
    /// Byte ranges of `text` holding a body link's number (`[3]`), which the reader draws dim.
    pub marks: Vec<std::ops::Range<usize>>,
}

impl Line {
    /// A line that fits.
    #[must_use]
    pub fn new(kind: LineKind, text: String, block: Option<usize>) -> Self {
        Self {
            kind,
            text,
            block,
            full: None,
            marks: Vec::new(),
        }
    }
}

/// An article reflowed to one width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reflowed {
    /// The width it was reflowed to.
    pub width: u16,
    /// The lines, top to bottom.
    pub lines: Vec<Line>,
    /// The widest whole line of a table or code block wider than the pane, in columns (0: none), so the
    /// sideways scroll knows where to stop.
    pub widest: usize,
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

/// Rows kept for pictures drawn inline, by body block.
pub type Pictures = std::collections::HashMap<usize, u16>;

pub(super) fn wrap_into(
    out: &mut Vec<Line>,
    text: &str,
    width: usize,
    kind: LineKind,
    block: Option<usize>,
    indent: (&str, &str),
) {
    for piece in wrap(text, width, indent.0, indent.1) {
        out.push(Line::new(kind, piece, block));
    }
}

/// [`wrap_into`] for text holding links: each link's number (see [`LinkMarks`]) put in after its text,
/// and kept in the lines' `marks`.
pub(super) fn wrap_marked_into(
    out: &mut Vec<Line>,
    text: &str,
    links: &[(usize, usize)],
    width: usize,
    kind: LineKind,
    block: Option<usize>,
    indent: (&str, &str),
) {
    if links.is_empty() {
        wrap_into(out, text, width, kind, block, indent);
        return;
    }
    let (marked, ranges) = super::links::apply(text, links);
    let pieces = wrap(&marked, width, indent.0, indent.1);
    let spans = carry(&marked, &ranges, &pieces, indent.0, indent.1);
    for (piece, marks) in pieces.into_iter().zip(spans) {
        out.push(Line {
            marks,
            ..Line::new(kind, piece, block)
        });
    }
}

/// The story's address as the header shows it: its site (without `www.`) and path, no query.
#[must_use]
pub fn short_url(url: &str) -> String {
    let Ok(parsed) = url::Url::parse(url) else {
        return url.to_owned();
    };
    let Some(host) = parsed.host_str() else {
        return url.to_owned();
    };
    let host = host.strip_prefix("www.").unwrap_or(host);
    let path = parsed.path().trim_end_matches('/');
    format!("{host}{path}")
}

/// Reflows `a` to `width` columns (at least 10): meta line (its date in `date_format`, if given), headline,
/// the story's address, a blank line, then the body with blank lines between blocks.
#[must_use]
pub fn reflow(a: &Article, width: u16, date_format: Option<&str>) -> Reflowed {
    reflow_with(a, width, date_format, &Pictures::new())
}

/// [`reflow`], keeping rows under each picture in `pictures` for it to be drawn in.
#[must_use]
pub fn reflow_with(
    a: &Article,
    width: u16,
    date_format: Option<&str>,
    pictures: &Pictures,
) -> Reflowed {
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
    if let Some(url) = a.head.url.as_deref().filter(|u| !u.trim().is_empty()) {
        lines.push(Line::new(LineKind::Url, fit(&short_url(url), w), None));
    }
    let numbered = LinkMarks::find(a);
    let mut body = blocks::Body::new(w, pictures, &numbered);
    for (i, block) in a.body.iter().enumerate() {
        body.block(&mut lines, i, block);
    }
    Reflowed {
        width,
        lines,
        widest: body.widest,
    }
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
    /// Whether it is a feed entry's media (played with `[reading] player` when one is set).
    pub media: bool,
    /// A stored story it opens ("Same story elsewhere", "More like this"), when it is one.
    pub opens: Option<Opens>,
}

/// What a sidebar item of stored stories opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opens {
    /// A copy of the story on screen, as it was stored.
    Copy(Box<crate::model::Headline>),
    /// Another stored story.
    Story(crate::model::ArticleId),
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

/// The sidebar's name for an enclosure: its file's name, type and size ("episode-12.mp3 · audio/mpeg ·
/// 24.0 MB").
fn enclosure_label(e: &Enclosure) -> String {
    let name = url::Url::parse(&e.url)
        .ok()
        .and_then(|u| {
            u.path_segments()
                .and_then(|mut s| s.next_back().map(str::to_owned))
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| e.url.clone());
    let mut parts = vec![name];
    parts.extend(e.mime.clone());
    parts.extend(e.length.map(crate::loader::megabytes));
    parts.join(" \u{b7} ")
}

/// Wraps the related teasers, the body's links, the pictures that have a web address and the media,
/// for a sidebar `width` columns wide (at least 4).
#[must_use]
pub fn wrap_sidebar(a: &Article, width: u16) -> Vec<SidebarItem> {
    let (related, links) = (&a.related, &a.links);
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
            media: false,
            opens: None,
        })
        .collect();
    // Numbered as in the text (`3o` opens the third).
    out.extend(links.iter().enumerate().map(|(i, l)| {
        let number = format!("{} ", marker(i + 1));
        let hang = " ".repeat(number.len());
        SidebarItem {
            heading: (i == 0).then_some("Links"),
            section: None,
            lines: crate::text::width::wrap(&l.text, w, &number, &hang),
            resolved: true,
            url: Some(l.url.clone()),
            body_link: true,
            media: false,
            opens: None,
        }
    }));
    let pictures = a
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Image(i) => Some(i),
            _ => None,
        })
        .enumerate()
        .filter_map(|(n, i)| Some((n + 1, i, i.url.clone()?)));
    for (k, (n, image, url)) in pictures.enumerate() {
        let label = if image.alt.is_empty() {
            format!("[image {n}]")
        } else {
            format!("[image {n}] {}", image.alt)
        };
        out.push(SidebarItem {
            heading: (k == 0).then_some("Images"),
            section: None,
            lines: wrap(&label),
            resolved: true,
            url: Some(url),
            body_link: true,
            media: false,
            opens: None,
        });
    }
    out.extend(a.enclosures.iter().enumerate().map(|(i, e)| SidebarItem {
        heading: (i == 0).then_some("Media"),
        section: None,
        lines: wrap(&enclosure_label(e)),
        resolved: true,
        url: Some(e.url.clone()),
        body_link: true,
        media: true,
        opens: None,
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
            body: vec![Block::Paragraph(text.into()), Block::preformatted(text)],
            related: vec![],
            links: vec![],
            enclosures: Vec::new(),
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
