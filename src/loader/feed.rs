//! RSS, Atom and JSON Feed files (feed-rs): each entry a story, its HTML content mapped to blocks by the
//! same path as saved pages.

use std::path::Path;

use super::bounds::{self, BoundsError, Markup};
use super::html_blocks;
use crate::model::{Article, ArticleId, Block, Enclosure, Format, Headline, canonical_url};

/// Why a feed gives no stories.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// feed-rs cannot read it as RSS, Atom or JSON Feed.
    #[error("not a readable feed: {0}")]
    Unreadable(#[source] feed_rs::parser::ParseFeedError),
    /// It is a feed, but an empty one.
    #[error("the feed has no entries")]
    NoEntries,
    /// An entry's HTML (escaped in the XML, or in a JSON feed) nests or is attributed past a bound.
    #[error(transparent)]
    Markup(#[from] BoundsError),
}

/// `html` checked against the bounds on markup before it is parsed (the feed's own bytes were checked
/// already, but HTML escaped as text inside them was not).
fn bounded(html: &str) -> Result<&str, BoundsError> {
    bounds::check(html, Markup::Html).map(|()| html)
}

/// Plain text of an HTML snippet (entry titles may carry markup).
fn plain(s: &str) -> String {
    let (blocks, _) = html_blocks::from_html(s, None);
    let text = blocks.iter().map(Block::text).collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        text
    }
}

/// An entry's media: RSS `<enclosure>`s and Media RSS content (which feed-rs gives as media objects),
/// and Atom links with `rel="enclosure"`; each address once.
fn enclosures(e: &feed_rs::model::Entry) -> Vec<Enclosure> {
    let media = e.media.iter().flat_map(|m| &m.content).filter_map(|c| {
        Some(Enclosure {
            url: c.url.as_ref()?.to_string(),
            mime: c.content_type.as_ref().map(ToString::to_string),
            length: c.size,
        })
    });
    let linked = e
        .links
        .iter()
        .filter(|l| l.rel.as_deref() == Some("enclosure"))
        .map(|l| Enclosure {
            url: l.href.clone(),
            mime: l.media_type.clone(),
            length: l.length,
        });
    let mut out: Vec<Enclosure> = Vec::new();
    for enclosure in media.chain(linked) {
        if !enclosure.url.trim().is_empty() && !out.iter().any(|o| o.url == enclosure.url) {
            out.push(enclosure);
        }
    }
    out
}

/// Parses a feed file into its stories, in the feed's order.
///
/// # Errors
/// When the file is not a feed feed-rs can read, has no entries, or holds HTML past the bounds on markup.
pub fn parse(bytes: &[u8], path: &Path) -> Result<Vec<Article>, FeedError> {
    parse_with_guids(bytes, path).map(|(articles, _)| articles)
}

/// [`parse`], with each entry's GUID (an Atom or JSON entry's id) beside it.
///
/// # Errors
/// As [`parse`].
pub fn parse_with_guids(
    bytes: &[u8],
    path: &Path,
) -> Result<(Vec<Article>, Vec<Option<String>>), FeedError> {
    let feed = feed_rs::parser::parse(bytes).map_err(FeedError::Unreadable)?;
    if feed.entries.is_empty() {
        return Err(FeedError::NoEntries);
    }
    let source = match &feed.title {
        Some(t) => Some(plain(bounded(&t.content)?)).filter(|t| !t.is_empty()),
        None => None,
    };
    let mut out = Vec::with_capacity(feed.entries.len());
    let mut guids = Vec::with_capacity(feed.entries.len());
    for (entry_index, e) in feed.entries.into_iter().enumerate() {
        guids.push(Some(e.id.trim().to_owned()).filter(|g| !g.is_empty()));
        let html = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let base = e.links.first().map(|l| l.href.clone());
        let (body, links) = html_blocks::from_html(bounded(&html)?, base.as_deref());
        let url = e
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| e.links.first())
            .map(|l| l.href.clone())
            .or_else(|| {
                (e.id.starts_with("http://") || e.id.starts_with("https://")).then(|| e.id.clone())
            });
        let mut title = match &e.title {
            Some(t) => plain(bounded(&t.content)?),
            None => String::new(),
        };
        if title.is_empty() {
            title = body.first().map_or_else(
                || "(untitled)".to_owned(),
                |b| b.text().chars().take(80).collect(),
            );
        }
        let names: Vec<String> = e
            .authors
            .iter()
            .filter_map(|p| p.name.as_deref().or(p.email.as_deref()))
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .collect();
        let byline = (!names.is_empty()).then(|| names.join(", "));
        let section = e
            .categories
            .first()
            .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()));
        let id = match &url {
            Some(u) => ArticleId::from_url(&canonical_url(u)),
            // Without a link, the entry's own id (a GUID) within this feed, else its text.
            None if !e.id.is_empty() => {
                ArticleId::from_url(&format!("{}#{}", source.as_deref().unwrap_or(""), e.id))
            }
            None => ArticleId::from_text(&title, body.first().map_or("", Block::text)),
        };
        out.push(Article {
            head: Headline {
                id,
                path: path.to_path_buf(),
                entry: entry_index,
                format: Format::Feed,
                section,
                title,
                byline: byline.filter(|b| !b.is_empty()),
                published: e.published.or(e.updated).map(|d| d.fixed_offset()),
                source: source.clone(),
                url,
                modified: None,
            },
            body,
            related: Vec::new(),
            links,
            enclosures: enclosures(&e),
        });
    }
    Ok((out, guids))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_entries_become_stories() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title>
            <item><title>Ferries return</title><link>https://wire.test/ferries</link><category>Transport</category>
            <author>desk@wire.test (Harbour Desk)</author><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate>
            <description>&lt;p&gt;The ferries ran again on Tuesday.&lt;/p&gt;&lt;p&gt;More &lt;a href="https://wire.test/x"&gt;here&lt;/a&gt;.&lt;/p&gt;</description></item>
            <item><title>No link here</title><guid isPermaLink="false">abc-1</guid><description>Just text.</description></item>
            </channel></rss>"#;
        let stories = parse(rss.as_bytes(), Path::new("wire.xml")).unwrap();
        assert_eq!(stories.len(), 2);
        let a = &stories[0];
        assert_eq!(
            (
                a.head.title.as_str(),
                a.head.section.as_deref(),
                a.head.entry
            ),
            ("Ferries return", Some("Transport"), 0)
        );
        assert_eq!(a.head.url.as_deref(), Some("https://wire.test/ferries"));
        assert_eq!(a.head.id, ArticleId::from_url("https://wire.test/ferries"));
        assert_eq!(
            a.head.published.unwrap().to_rfc3339(),
            "2026-11-24T08:00:00+00:00"
        );
        assert_eq!(
            a.body,
            vec![
                Block::Paragraph("The ferries ran again on Tuesday.".into()),
                Block::Paragraph("More here.".into())
            ]
        );
        assert_eq!(a.links[0].url, "https://wire.test/x");
        let b = &stories[1];
        // No category: no section (the feed's title is its source, not a section).
        assert_eq!(
            (
                b.head.section.as_deref(),
                b.head.source.as_deref(),
                b.head.entry
            ),
            (None, Some("Harbour Wire"), 1)
        );
        assert_eq!(b.body, vec![Block::Paragraph("Just text.".into())]);
    }

    #[test]
    fn broken_feeds_say_so() {
        assert!(
            parse(b"<rss><channel><item>", Path::new("x.xml"))
                .unwrap_err()
                .to_string()
                .starts_with("not a readable feed")
        );
        assert!(matches!(
            parse(
                b"<rss version=\"2.0\"><channel><title>T</title></channel></rss>",
                Path::new("x.xml")
            ),
            Err(FeedError::NoEntries)
        ));
    }

    #[test]
    fn escaped_html_past_the_bounds_is_refused() {
        let deep = "&lt;span&gt;".repeat(600);
        let rss = format!(
            "<rss version=\"2.0\"><channel><item><title>Deep</title><description>{deep}x</description></item></channel></rss>"
        );
        let err = parse(rss.as_bytes(), Path::new("x.xml")).unwrap_err();
        assert_eq!(err.to_string(), "nested 600 deep; over the 512 limit");
    }
}
