//! Markdown notes (pulldown-cmark) with `+++` TOML or `---` YAML front matter giving title, section, author,
//! date, url and related links.

use std::path::Path;

use serde_json::Value;

use super::dateline::parse_date;
use super::markdown_body;
use crate::model::{Article, ArticleId, Block, Enclosure, Format, Headline, Link, RelatedLink};
use crate::text::thousands;

/// Front matter larger than this is refused before it is parsed: real front matter is a few hundred bytes
/// (a long related list, a few kilobytes), and YAML's parser slows with the square of its nesting.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Front matter whose brackets nest deeper than this is refused before it is parsed: real front matter
/// nests two or three deep (a list of tables), and YAML nested 40,000 deep took seconds to refuse.
pub const MAX_FRONT_MATTER_DEPTH: usize = 64;

/// Why a Markdown note gives no story.
#[derive(Debug, thiserror::Error)]
pub enum MarkdownError {
    /// The front matter has no closing fence.
    #[error("the front matter opened with {fence} never closes")]
    Unclosed {
        /// The opening fence, `+++` or `---`.
        fence: &'static str,
    },
    /// The `+++` front matter is not TOML.
    #[error("bad TOML front matter: {}", .0.message())]
    Toml(#[source] toml::de::Error),
    /// The TOML front matter holds what JSON cannot (it cannot happen for a table; kept for honesty).
    #[error("bad TOML front matter: {0}")]
    TomlValue(#[source] serde_json::Error),
    /// The `---` front matter is not YAML.
    #[error("bad YAML front matter: {0}")]
    Yaml(#[source] serde_yaml_ng::Error),
    /// The front matter is larger than [`MAX_FRONT_MATTER_BYTES`].
    #[error("front matter of {} bytes; over the {} limit", thousands(*.size), thousands(*.limit))]
    FrontMatterTooLarge {
        /// Its size in bytes.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The front matter nests deeper than [`MAX_FRONT_MATTER_DEPTH`].
    #[error("front matter nested {} deep; over the {} limit", thousands(*.depth), thousands(*.limit))]
    FrontMatterTooDeep {
        /// How deep its brackets nest.
        depth: usize,
        /// The limit.
        limit: usize,
    },
}

/// How deep the brackets and braces of `head` nest, wherever they stand: in a string they only make the
/// count err deep, which matters only past a bound no real front matter comes near.
fn bracket_depth(head: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for b in head.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Refuses front matter past [`MAX_FRONT_MATTER_BYTES`] or [`MAX_FRONT_MATTER_DEPTH`].
fn check_bounds(head: &str) -> Result<(), MarkdownError> {
    if head.len() > MAX_FRONT_MATTER_BYTES {
        return Err(MarkdownError::FrontMatterTooLarge {
            size: head.len(),
            limit: MAX_FRONT_MATTER_BYTES,
        });
    }
    let depth = bracket_depth(head);
    if depth > MAX_FRONT_MATTER_DEPTH {
        return Err(MarkdownError::FrontMatterTooDeep {
            depth,
            limit: MAX_FRONT_MATTER_DEPTH,
        });
    }
    Ok(())
}

/// The front matter as a JSON value (both TOML and YAML convert to it), and the Markdown after it.
fn split_front_matter(text: &str) -> Result<(Value, &str), MarkdownError> {
    let start = text.trim_start_matches('\u{feff}');
    for (fence, toml) in [("+++", true), ("---", false)] {
        let Some(rest) = start
            .strip_prefix(fence)
            .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
        else {
            continue;
        };
        let close = format!("\n{fence}");
        let Some(end) = rest.find(&close) else {
            return Err(MarkdownError::Unclosed { fence });
        };
        let head = &rest[..end];
        check_bounds(head)?;
        let body = rest[end + close.len()..].trim_start_matches(['\r', '\n']);
        let value = if toml {
            let table: toml::Table = toml::from_str(head).map_err(MarkdownError::Toml)?;
            serde_json::to_value(table).map_err(MarkdownError::TomlValue)?
        } else {
            serde_yaml_ng::from_str::<Value>(head).map_err(MarkdownError::Yaml)?
        };
        return Ok((value, body));
    }
    Ok((Value::Null, text))
}

/// A front-matter value as text (TOML dates arrive wrapped).
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => o.values().next().and_then(text),
        Value::Array(a) => a.first().and_then(text),
        _ => None,
    }
}

fn field(fm: &Value, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| fm.get(n).and_then(text))
}

/// `related = ["teaser", { title = "…", url = "…" }]`.
fn related(fm: &Value) -> Vec<RelatedLink> {
    let Some(Value::Array(items)) = fm.get("related") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Value::String(s) => Some(RelatedLink {
                section: None,
                text: s.clone(),
                url: None,
                target: None,
            }),
            Value::Object(o) => {
                let title = o.get("title").or_else(|| o.get("text")).and_then(text)?;
                let url = o.get("url").and_then(text);
                let section = o.get("section").and_then(text);
                Some(RelatedLink {
                    section,
                    text: title,
                    url,
                    target: None,
                })
            }
            _ => None,
        })
        .collect()
}

/// `links = [{ text = "…", url = "…" }]`: the body's links, as `show --format md` keeps them.
fn front_links(fm: &Value) -> Vec<Link> {
    let Some(Value::Array(items)) = fm.get("links") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            let url = item.get("url").and_then(text)?;
            (url.starts_with("http://") || url.starts_with("https://")).then(|| Link {
                text: item.get("text").and_then(text).unwrap_or_default(),
                url,
            })
        })
        .collect()
}

/// `enclosures = [{ url = "…", type = "…", length = 123 }]`: a feed entry's media, as `show --format md`
/// keeps them.
fn front_enclosures(fm: &Value) -> Vec<Enclosure> {
    let Some(Value::Array(items)) = fm.get("enclosures") else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| {
            Some(Enclosure {
                url: item.get("url").and_then(text)?,
                mime: item.get("type").and_then(text),
                length: item.get("length").and_then(Value::as_u64),
            })
        })
        .collect()
}

/// Parses a Markdown note.
///
/// # Errors
/// Front matter that never closes, is not valid TOML or YAML, or is too large or too deep to parse.
pub fn parse(source: &str, path: &Path) -> Result<Article, MarkdownError> {
    let (fm, body_text) = split_front_matter(source)?;
    let url = field(&fm, &["url", "link"]);
    let body = markdown_body::parse(body_text, url.as_deref());
    Ok(assemble(&fm, body.heading, body.blocks, body.links, path))
}

/// The story from the front matter and the parsed body.
fn assemble(
    fm: &Value,
    heading: Option<String>,
    mut blocks: Vec<Block>,
    links: Vec<Link>,
    path: &Path,
) -> Article {
    let fm_title = field(fm, &["title"]);
    // A front-matter title wins; an opening `# heading` that says something else is kept as a subhead.
    if let (Some(t), Some(h)) = (&fm_title, &heading)
        && crate::text::fold::fold(t) != crate::text::fold::fold(h)
    {
        blocks.insert(0, Block::Subhead(h.clone()));
    }
    let title = fm_title
        .or(heading)
        .or_else(|| blocks.first().map(|b| b.text().chars().take(80).collect()))
        .unwrap_or_default();
    let mut article = Article {
        head: Headline {
            id: ArticleId(0),
            path: path.to_path_buf(),
            entry: 0,
            format: Format::Markdown,
            section: field(fm, &["section", "category", "categories"]),
            title,
            byline: field(fm, &["author", "byline", "authors"]),
            published: field(fm, &["date", "published"])
                .as_deref()
                .and_then(parse_date),
            source: field(fm, &["source", "site"]),
            url: field(fm, &["url", "link"]),
            modified: None,
        },
        body: blocks,
        related: related(fm),
        links: front_links(fm).into_iter().chain(links).collect(),
        enclosures: front_enclosures(fm),
    };
    // A note that names its story's id (as `show --format md` writes it) is that story. The key is
    // broadsheet's own, so an `id` another tool wrote never moves a note's id.
    article.head.id = field(fm, &["broadsheet_id"])
        .as_deref()
        .and_then(ArticleId::parse)
        .unwrap_or_else(|| article.compute_id());
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_front_matter_and_structure() {
        let note = "+++\ntitle = \"Tides and tables\"\nsection = \"Science\"\nauthor = \"Ana Ruiz\"\ndate = 2026-11-20\nrelated = [\"Storm Isolde floods coastal towns\", { title = \"Harbour report\", url = \"https://x.test/h\" }]\n+++\n\nThe tide came in *early*.\n\n## Why\n\n> It always does.\n\n- one\n- two [link](https://x.test/l)\n\n```\ncode line\n```\n";
        let a = parse(note, Path::new("n.md")).unwrap();
        assert_eq!(
            (
                a.head.title.as_str(),
                a.head.section.as_deref(),
                a.head.byline.as_deref()
            ),
            ("Tides and tables", Some("Science"), Some("Ana Ruiz"))
        );
        assert_eq!(
            a.head.published.unwrap().to_rfc3339(),
            "2026-11-20T00:00:00+00:00"
        );
        assert_eq!(
            a.body,
            vec![
                Block::Paragraph("The tide came in early.".into()),
                Block::Subhead("Why".into()),
                Block::Quote("It always does.".into()),
                Block::item("one"),
                Block::item("two link"),
                Block::preformatted("code line"),
            ]
        );
        assert_eq!(a.related.len(), 2);
        assert_eq!(a.related[1].url.as_deref(), Some("https://x.test/h"));
        assert_eq!(a.links[0].url, "https://x.test/l");
    }

    #[test]
    fn yaml_front_matter_and_a_heading_title() {
        let note = "---\nsection: Life\nauthor: Li Wei\ndate: \"November 3, 2026\"\n---\n# The fair\n\nIt opened.\n";
        let a = parse(note, Path::new("n.md")).unwrap();
        assert_eq!(
            (
                a.head.title.as_str(),
                a.head.section.as_deref(),
                a.head.byline.as_deref()
            ),
            ("The fair", Some("Life"), Some("Li Wei"))
        );
        assert!(a.head.published.is_some());
        assert_eq!(a.body, vec![Block::Paragraph("It opened.".into())]);
        assert!(parse("---\n: : bad\n  - [\n---\nx", Path::new("n.md")).is_err());
        assert!(
            parse("---\ntitle: Never closed\n\nBody", Path::new("n.md"))
                .unwrap_err()
                .to_string()
                .contains("never closes")
        );
        let both = parse(
            "+++\ntitle = \"Front title\"\n+++\n# Heading one\n\nText.\n",
            Path::new("n.md"),
        )
        .unwrap();
        assert_eq!(both.head.title, "Front title");
        assert_eq!(both.body[0], Block::Subhead("Heading one".into()));
    }

    #[test]
    fn front_matter_is_bounded_before_it_is_parsed() {
        let deep = format!("---\ntitle: {}\n---\nBody.\n", "[".repeat(40_000));
        let err = parse(&deep, Path::new("n.md")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "front matter nested 40,000 deep; over the 64 limit"
        );
        let toml = format!("+++\ntitle = {}\n+++\nBody.\n", "{a = ".repeat(100));
        assert!(matches!(
            parse(&toml, Path::new("n.md")),
            Err(MarkdownError::FrontMatterTooDeep { depth: 100, .. })
        ));
        let large = format!("---\ntitle: x\nnote: {}\n---\nBody.\n", "a".repeat(70_000));
        assert!(matches!(
            parse(&large, Path::new("n.md")),
            Err(MarkdownError::FrontMatterTooLarge { .. })
        ));
        let nested =
            "---\ntitle: x\nrelated: [{title: a, url: \"https://x.test/[1]\"}]\n---\nBody.\n";
        assert!(parse(nested, Path::new("n.md")).is_ok());
    }
}
