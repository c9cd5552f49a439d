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
            | Block::ListItem(t)
            | Block::Preformatted(t) => clean_in_place(t, Breaks::Lines),
            Block::Caption { text, credit } => {
                clean_in_place(text, Breaks::Lines);
                clean_option(credit, Breaks::OneLine);
            }
        }
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
                Block::Preformatted("\tcode\u{8}\n".into()),
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
        assert_eq!(a.related[0].section.as_deref(), Some("Life"));
        assert_eq!(a.related[0].text, "Teaser");
        assert_eq!(a.related[0].url.as_deref(), Some("https://x.test/r"));
        assert_eq!(a.links[0].text, "here");
        assert_eq!(a.links[0].url, "https://x.test/l");
    }
}
