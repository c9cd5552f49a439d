//! A story as a clean standalone HTML page: its metadata in the head, the body's blocks as their HTML
//! elements, the related teasers and links after it, a little CSS for reading, and every text escaped.

use std::fmt::Write as _;

use super::markdown::html_escape as esc;
use crate::model::{Article, Block};

/// The page's style: a readable column, nothing fetched from elsewhere.
const STYLE: &str = "body{max-width:40em;margin:2em auto;padding:0 1em;font:1.1em/1.55 Georgia,serif;color:#222}\
header p{color:#666;font-size:.9em}figcaption{color:#555;font-size:.9em;font-style:italic}\
figcaption small{font-style:normal;margin-left:.5em}blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1em}\
aside{border-top:1px solid #ddd;margin-top:2em;font-size:.95em}";

/// Whether `url` may be a link in the page: the web's own schemes only, so a stored `javascript:` link
/// never becomes one to click.
fn web(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// `a` as a standalone HTML page.
#[must_use]
pub fn html(a: &Article) -> String {
    let h = &a.head;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n",
        esc(&h.title)
    );
    if let Some(author) = &h.byline {
        let _ = writeln!(out, "<meta name=\"author\" content=\"{}\">", esc(author));
    }
    if let Some(url) = h.url.as_deref().filter(|u| web(u)) {
        let _ = writeln!(out, "<link rel=\"canonical\" href=\"{}\">", esc(url));
    }
    let _ = write!(
        out,
        "<style>{STYLE}</style>\n</head>\n<body>\n<article>\n<header>\n"
    );
    if let Some(section) = &h.section {
        let _ = writeln!(out, "<p class=\"section\">{}</p>", esc(section));
    }
    let _ = writeln!(out, "<h1>{}</h1>", esc(&h.title));
    let mut meta = Vec::new();
    if let Some(author) = &h.byline {
        meta.push(format!("<span class=\"byline\">{}</span>", esc(author)));
    }
    if let Some(d) = h.published {
        meta.push(format!(
            "<time datetime=\"{}\">{}</time>",
            d.to_rfc3339(),
            d.format("%-d %B %Y")
        ));
    }
    if let Some(source) = &h.source {
        meta.push(format!("<span class=\"source\">{}</span>", esc(source)));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", meta.join(" \u{b7} "));
    }
    out.push_str("</header>\n");
    // The lists open, innermost last: whether each is numbered.
    let mut lists: Vec<bool> = Vec::new();
    for block in &a.body {
        let (depth, numbered) = match block {
            Block::ListItem { number, depth, .. } => (usize::from(*depth) + 1, number.is_some()),
            _ => (0, false),
        };
        // Deeper lists close; so does one of the other kind at this item's depth.
        while lists.len() > depth
            || (depth > 0 && lists.len() == depth && lists.last() != Some(&numbered))
        {
            let ordered = lists.pop().unwrap_or(false);
            out.push_str(if ordered { "</ol>\n" } else { "</ul>\n" });
        }
        while lists.len() < depth {
            lists.push(numbered);
            out.push_str(if numbered { "<ol>\n" } else { "<ul>\n" });
        }
        let _ = match block {
            Block::Paragraph(t) => writeln!(out, "<p>{}</p>", esc(t)),
            Block::Subhead(t) => writeln!(out, "<h2>{}</h2>", esc(t)),
            Block::Quote(t) => writeln!(out, "<blockquote><p>{}</p></blockquote>", esc(t)),
            Block::ListItem { text, number, .. } => match number {
                Some(n) => writeln!(out, "<li value=\"{n}\">{}</li>", esc(text)),
                None => writeln!(out, "<li>{}</li>", esc(text)),
            },
            Block::Preformatted { text, language } => match language {
                Some(l) => writeln!(
                    out,
                    "<pre><code class=\"language-{}\">{}</code></pre>",
                    esc(l),
                    esc(text)
                ),
                None => writeln!(out, "<pre>{}</pre>", esc(text)),
            },
            Block::Caption { text, credit } => writeln!(
                out,
                "<figure><figcaption>{}{}</figcaption></figure>",
                esc(text),
                small(credit.as_deref())
            ),
            Block::Image(image) => super::html_blocks::picture(&mut out, image),
            Block::Table(table) => super::html_blocks::table(&mut out, table),
            Block::Footnote {
                number,
                label,
                text,
            } => writeln!(
                out,
                "<p class=\"footnote\" id=\"fn{number}\">[{}] {}</p>",
                esc(label),
                esc(text)
            ),
        };
    }
    for ordered in lists.into_iter().rev() {
        out.push_str(if ordered { "</ol>\n" } else { "</ul>\n" });
    }
    out.push_str("</article>\n");
    aside(a, &mut out);
    out.push_str("</body>\n</html>\n");
    out
}

/// A credit in `<small>`, or nothing.
pub(super) fn small(credit: Option<&str>) -> String {
    credit
        .map(|c| format!("<small>{}</small>", esc(c)))
        .unwrap_or_default()
}

/// The related teasers and the body's links, after the article.
fn aside(a: &Article, out: &mut String) {
    if !a.related.is_empty() || !a.links.is_empty() {
        out.push_str("<aside>\n");
        if !a.related.is_empty() {
            out.push_str("<h2>Related</h2>\n<ul>\n");
            for r in &a.related {
                let section = r
                    .section
                    .as_deref()
                    .map(|s| format!("<b>{}</b> ", esc(s)))
                    .unwrap_or_default();
                let _ = match r.url.as_deref().filter(|u| web(u)) {
                    Some(u) => writeln!(
                        out,
                        "<li>{section}<a href=\"{}\">{}</a></li>",
                        esc(u),
                        esc(&r.text)
                    ),
                    None => writeln!(out, "<li>{section}{}</li>", esc(&r.text)),
                };
            }
            out.push_str("</ul>\n");
        }
        if !a.links.is_empty() {
            out.push_str("<h2>Links</h2>\n<ul>\n");
            for l in a.links.iter().filter(|l| web(&l.url)) {
                let _ = writeln!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    esc(&l.url),
                    esc(&l.text)
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</aside>\n");
    }
}
