//! An article as plain reflowed text, for `broadsheet show` and anything else that prints stories.

use std::fmt::Write as _;

use crate::text::width::{width, wrap};

use super::blocks::{LIST_INDENT, MAX_LIST_DEPTH_SHOWN, marked_cells};
use super::links::{LinkMarks, apply, marker};
use super::table::lay_out;
use crate::model::{Article, Block, Image};

/// The rule above the footnotes, in columns.
const FOOTNOTE_RULE: usize = 12;

/// A picture as `[image N: alt]`, its address and its caption.
fn picture(image: &Image, n: usize, fill: &dyn Fn(&str, &str, &str) -> String) -> String {
    let label = if image.alt.is_empty() {
        format!("[image {n}]")
    } else {
        format!("[image {n}: {}]", image.alt)
    };
    let mut text = fill(&label, "", " ");
    if let Some(url) = &image.url {
        text.push_str("\n    ");
        text.push_str(url);
    }
    let caption = match &image.credit {
        Some(c) if image.caption.is_empty() => c.clone(),
        Some(c) => format!("{} \u{2014} {c}", image.caption),
        None => image.caption.clone(),
    };
    if !caption.is_empty() {
        text.push('\n');
        text.push_str(&fill(&format!("[{caption}]"), "    ", "     "));
    }
    text
}

/// The line under the headline: section, source (feed or site), date and byline, separated by middle dots. The date uses
/// `date_format` (strftime), or by default "28 November 2026" with the time when there is one.
#[must_use]
pub fn meta_line(a: &Article, date_format: Option<&str>) -> String {
    let date = a.head.published.map(|d| {
        let default = if d.time() == chrono::NaiveTime::MIN {
            "%-d %B %Y"
        } else {
            "%-d %B %Y, %H:%M"
        };
        // The configuration checks formats by printing a sample date, but a format that still fails here
        // (given unchecked) falls back to the default rather than panic as `to_string` would.
        let mut shown = String::new();
        if write!(shown, "{}", d.format(date_format.unwrap_or(default))).is_err() {
            shown.clear();
            let _ = write!(shown, "{}", d.format(default));
        }
        shown
    });
    let byline = a.head.byline.as_ref().map(|b| format!("By {b}"));
    let source = a
        .head
        .source
        .clone()
        .filter(|s| a.head.section.as_deref() != Some(s.as_str()));
    [a.head.section.clone(), source, date, byline]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" \u{b7} ")
}

/// `a` reflowed to `columns` (at least 20): meta line, headline with a rule under it, the body
/// with blank lines between blocks (list items and footnotes on consecutive lines), and the related
/// links, then the body's links, numbered as in the text. Code and tables are printed whole, however
/// wide.
#[must_use]
pub fn render(a: &Article, columns: usize) -> String {
    let columns = columns.max(20);
    let mut out = String::new();
    let fill = |text: &str, first: &str, rest: &str| wrap(text, columns, first, rest).join("\n");
    let meta = meta_line(a, None);
    if !meta.is_empty() {
        let _ = writeln!(out, "{}", fill(&meta, "", ""));
    }
    let title = fill(&a.head.title, "", "");
    let rule = title.lines().map(width).max().unwrap_or(0);
    let _ = writeln!(out, "{title}\n{}", "\u{2500}".repeat(rule));
    let mut images = 0;
    let mut last = None;
    let numbered = LinkMarks::find(a);
    for (i, block) in a.body.iter().enumerate() {
        // The block with its links' numbers put in (see `LinkMarks`).
        let with_numbers = block_with_links(block, i, &numbered);
        let block = with_numbers.as_ref().unwrap_or(block);
        let runs_on =
            matches!(block.kind(), "list_item" | "footnote") && last == Some(block.kind());
        let first_note = matches!(block, Block::Footnote { .. }) && !runs_on;
        last = Some(block.kind());
        let text = match block {
            Block::Paragraph(t) => fill(t, "", ""),
            Block::Subhead(t) => fill(t, "## ", "   "),
            Block::Caption { text, credit } => {
                let captioned = match credit {
                    Some(c) => format!("[{text} \u{2014} {c}]"),
                    None => format!("[{text}]"),
                };
                fill(&captioned, "    ", "     ")
            }
            Block::Quote(t) => fill(t, "  \u{2502} ", "  \u{2502} "),
            Block::ListItem {
                text,
                number,
                depth,
            } => {
                let depth = usize::from(*depth).min(MAX_LIST_DEPTH_SHOWN);
                let lead = " ".repeat(2 + LIST_INDENT * depth);
                let marker = number.map_or_else(|| "\u{2022}".to_owned(), |n| format!("{n}."));
                let first = format!("{lead}{marker} ");
                fill(text, &first, &" ".repeat(width(&first)))
            }
            Block::Preformatted { text, .. } => text
                .lines()
                .map(|l| format!("    {l}"))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Image(image) => {
                images += 1;
                picture(image, images, &fill)
            }
            Block::Table(table) => {
                let mut lines: Vec<String> =
                    table.caption.iter().map(|c| fill(c, "", "")).collect();
                lines.extend(lay_out(table, columns).into_iter().map(|(_, l)| l));
                lines.join("\n")
            }
            Block::Footnote { label, text, .. } => {
                let first = format!("[{label}] ");
                let note = fill(text, &first, &" ".repeat(width(&first)));
                if first_note {
                    format!("{}\n{note}", "\u{2500}".repeat(FOOTNOTE_RULE))
                } else {
                    note
                }
            }
        };
        if runs_on {
            let _ = writeln!(out, "{text}");
        } else {
            let _ = writeln!(out, "\n{text}");
        }
    }
    if !a.related.is_empty() {
        let _ = writeln!(out, "\nYou may also like:");
        for link in &a.related {
            let mark = if link.target.is_some() {
                "\u{2192} "
            } else {
                "\u{b7} "
            };
            let text = match &link.section {
                Some(s) => format!("{s}: {}", link.text),
                None => link.text.clone(),
            };
            let _ = writeln!(out, "{}", fill(&text, &format!("  {mark}"), "    "));
        }
    }
    if !a.links.is_empty() {
        // As newsboat lists them: the number, the whole address (never wrapped, so it can be copied).
        let _ = writeln!(out, "\nLinks:");
        for (i, link) in a.links.iter().enumerate() {
            let _ = writeln!(out, "{}: {} (link)", marker(i + 1), link.url);
        }
    }
    out
}

/// `block` with the numbers of the links found in it put in after their text; `None` when it holds
/// none.
fn block_with_links(block: &Block, i: usize, links: &LinkMarks) -> Option<Block> {
    let marks = links.in_block(i);
    let mut marked = block.clone();
    match &mut marked {
        Block::Table(table) => return marked_cells(table, i, links).map(Block::Table),
        _ if marks.is_empty() => return None,
        Block::Paragraph(t)
        | Block::Subhead(t)
        | Block::Quote(t)
        | Block::ListItem { text: t, .. }
        | Block::Caption { text: t, .. }
        | Block::Footnote { text: t, .. } => *t = apply(t, marks).0,
        Block::Image(image) => image.caption = apply(&image.caption, marks).0,
        Block::Preformatted { .. } => return None,
    }
    Some(marked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Format, Headline};

    #[test]
    fn any_date_format_prints_without_panicking() {
        let a = Article {
            head: Headline {
                id: ArticleId(1),
                path: "x".into(),
                entry: 0,
                format: Format::Feed,
                section: Some("World".into()),
                title: "T".into(),
                byline: None,
                published: chrono::DateTime::parse_from_rfc3339("2026-11-28T00:00:00+00:00").ok(),
                source: None,
                url: None,
                modified: None,
            },
            body: vec![],
            related: vec![],
            links: vec![],
            enclosures: Vec::new(),
        };
        assert_eq!(meta_line(&a, Some("%Y-%m-%d")), "World \u{b7} 2026-11-28");
        // `%#z` can be parsed but not printed: chrono's `to_string` panics on it.
        assert_eq!(meta_line(&a, Some("%#z")), "World \u{b7} 28 November 2026");
        assert_eq!(meta_line(&a, Some("%Q %")), "World \u{b7} 28 November 2026");
    }
}
