//! Every story leaves the loaders safe to print: each text field of the model is cleaned of terminal
//! control sequences (see [`crate::text::clean`]), so no consumer (`show`, `list`, the reader, the JSON)
//! can pass one to a terminal. Decoding cleaned the file's text already, but entities (`&#27;`), JSON and
//! YAML escapes (`\u001b`) and feed bytes bring control characters back after it.
//!
//! The id is not recomputed: it was taken from the fields as the loader found them, and stays stable.

use crate::model::{Article, Block};
use crate::text::clean::{Breaks, clean_in_place};

/// Cleans an optional one-line field; one left empty is no field.
fn clean_option(field: &mut Option<String>, breaks: Breaks) {
    if let Some(text) = field {
        clean_in_place(text, breaks);
        if text.trim().is_empty() {
            *field = None;
        }
    }
}

/// Cleans every text field of `article`: headline, section, byline, source and link texts to one line;
/// addresses without line breaks; the body's blocks keep their line breaks and tabs.
pub fn make_safe(article: &mut Article) {
    clean_in_place(&mut article.head.title, Breaks::OneLine);
    clean_option(&mut article.head.section, Breaks::OneLine);
    clean_option(&mut article.head.byline, Breaks::OneLine);
    clean_option(&mut article.head.source, Breaks::OneLine);
    clean_option(&mut article.head.url, Breaks::Url);
    for block in &mut article.body {
        match block {
            Block::Paragraph(t)
            | Block::Subhead(t)
            | Block::Quote(t)
            | Block::ListItem { text: t, .. } => clean_in_place(t, Breaks::Lines),
            Block::Footnote { label, text, .. } => {
                clean_in_place(label, Breaks::OneLine);
                clean_in_place(text, Breaks::Lines);
            }
            Block::Preformatted { text, language } => {
                clean_in_place(text, Breaks::Lines);
                clean_option(language, Breaks::OneLine);
            }
            Block::Caption { text, credit } => {
                clean_in_place(text, Breaks::Lines);
                clean_option(credit, Breaks::OneLine);
            }
            Block::Image(image) => {
                clean_in_place(&mut image.alt, Breaks::OneLine);
                clean_in_place(&mut image.source, Breaks::Url);
                clean_option(&mut image.url, Breaks::Url);
                clean_in_place(&mut image.caption, Breaks::Lines);
                clean_option(&mut image.credit, Breaks::OneLine);
            }
            Block::Table(table) => {
                for cell in table.cells_mut() {
                    clean_in_place(cell, Breaks::OneLine);
                }
                clean_option(&mut table.caption, Breaks::OneLine);
            }
        }
    }
    for enclosure in &mut article.enclosures {
        clean_in_place(&mut enclosure.url, Breaks::Url);
        clean_option(&mut enclosure.mime, Breaks::OneLine);
    }
    for link in &mut article.related {
        clean_option(&mut link.section, Breaks::OneLine);
        clean_in_place(&mut link.text, Breaks::OneLine);
        clean_option(&mut link.url, Breaks::Url);
    }
    for link in &mut article.links {
        clean_in_place(&mut link.text, Breaks::OneLine);
        clean_in_place(&mut link.url, Breaks::Url);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Format, Headline, Link, RelatedLink};

    #[test]
    fn every_field_is_cleaned() {
        let esc = "\u{1b}]0;owned\u{7}";
        let mut a = Article {
            head: Headline {
                id: ArticleId(7),
                path: "x".into(),
                entry: 0,
                format: Format::Feed,
                section: Some(format!("World{esc}")),
                title: format!("Head\nline{esc}\u{202e}"),
                byline: Some(esc.to_owned()),
                published: None,
                source: Some("Wire\u{9b}2J".into()),
                url: Some("https://x.test/\ta\u{1b}[0m".into()),
                modified: None,
            },
            body: vec![
                Block::Paragraph(format!("One{esc}\r\ntwo")),
                Block::Caption {
                    text: "Cap\u{7}".into(),
                    credit: Some("AFP\u{85}".into()),
                },
                Block::preformatted("\tcode\u{8}\n"),
                Block::Image(crate::model::Image {
                    alt: format!("alt{esc}"),
                    source: "a\u{1b}[2J.png".into(),
                    url: None,
                    caption: "cap\u{9b}1m".into(),
                    credit: None,
                }),
                Block::Table(crate::model::Table {
                    header: vec![format!("h{esc}")],
                    rows: vec![vec!["c\u{1b}[31m".into()]],
                    caption: Some("\u{7}t".into()),
                }),
            ],
            related: vec![RelatedLink {
                section: Some("\u{1b}[1mLife".into()),
                text: "Teaser\u{7}".into(),
                url: Some("https://x.test/\nr".into()),
                target: None,
            }],
            links: vec![Link {
                text: "here\u{1b}]8;;https://evil.test\u{1b}\\".into(),
                url: "https://x.test/l\u{7f}".into(),
            }],
            enclosures: vec![crate::model::Enclosure {
                url: "https://x.test/e.mp3\u{1b}[0m".into(),
                mime: Some("audio/mpeg\u{7}".into()),
                length: None,
            }],
        };
        make_safe(&mut a);
        assert_eq!(a.head.id, ArticleId(7));
        assert_eq!(a.head.title, "Head line");
        assert_eq!(a.head.section.as_deref(), Some("World"));
        assert_eq!(a.head.byline, None);
        assert_eq!(a.head.source.as_deref(), Some("Wire"));
        assert_eq!(a.head.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(a.body[0].text(), "One\ntwo");
        assert_eq!(a.body[1].text(), "Cap");
        assert_eq!(a.body[1].credit(), Some("AFP"));
        assert_eq!(a.body[2].text(), "\tcode\n");
        let Block::Image(image) = &a.body[3] else {
            unreachable!()
        };
        assert_eq!(
            (
                image.alt.as_str(),
                image.source.as_str(),
                image.caption.as_str()
            ),
            ("alt", "a.png", "cap")
        );
        assert_eq!(a.body[4].plain_text(), "h\nc");
        assert_eq!(a.body[4].text(), "t");
        assert_eq!(a.enclosures[0].url, "https://x.test/e.mp3");
        assert_eq!(a.enclosures[0].mime.as_deref(), Some("audio/mpeg"));
        assert_eq!(a.related[0].section.as_deref(), Some("Life"));
        assert_eq!(a.related[0].text, "Teaser");
        assert_eq!(a.related[0].url.as_deref(), Some("https://x.test/r"));
        assert_eq!(a.links[0].text, "here");
        assert_eq!(a.links[0].url, "https://x.test/l");
    }
}
