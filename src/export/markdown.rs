//! A story as Markdown with `+++` TOML front matter (`broadsheet_id`, title, author, date, section, source, url, tags,
//! the related teasers and the body's links), written so that broadsheet's Markdown loader reads back the
//! same story: the same id, metadata and blocks.

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::{Article, Block};

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
    };
    let mut out = String::from("+++\n");
    // A struct of strings and lists always serialises.
    out.push_str(&toml::to_string(&front).unwrap_or_default());
    out.push_str("+++\n");
    let mut in_list = false;
    for block in &a.body {
        let item = matches!(block, Block::ListItem(_));
        // A list's items go on consecutive lines; everything else is a paragraph of its own.
        if !(item && in_list) {
            out.push('\n');
        }
        in_list = item;
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
            Block::ListItem(t) => {
                let _ = writeln!(out, "- {}", escape(t, true));
            }
            Block::Preformatted(t) => {
                let fence = "`".repeat(longest_run(t, '`').max(2) + 1);
                let _ = writeln!(out, "{fence}\n{t}\n{fence}");
            }
            Block::Caption { text, credit } => {
                let credit = credit
                    .as_deref()
                    .map(|c| format!("<small>{}</small>", html_escape(c)))
                    .unwrap_or_default();
                // On one line: a blank line would end the HTML block early.
                let _ = writeln!(
                    out,
                    "<figcaption>{}{credit}</figcaption>",
                    html_escape(&text.replace(['\n', '\r'], " "))
                );
            }
        }
    }
    out
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
