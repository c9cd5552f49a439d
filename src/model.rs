//! The article model: plain data that every loader produces and every view reads (no I/O, no terminal).

use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::text::fold::fold;

/// A story's identity, stable across runs, file moves and typographic re-saves.
///
/// It is the xxh3-128 of the canonical URL when the story has one, else of its folded headline and first
/// paragraph. Shown as 32 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(pub u128);

impl ArticleId {
    /// The id of a story with a canonical URL.
    #[must_use]
    pub fn from_url(url: &str) -> Self {
        Self(xxhash_rust::xxh3::xxh3_128(canonical_url(url).as_bytes()))
    }

    /// The id of a story known only by its text: headline and first paragraph, folded so that typography,
    /// case and whitespace do not change it.
    #[must_use]
    pub fn from_text(headline: &str, first_paragraph: &str) -> Self {
        let mut key = fold(headline);
        key.push('\n');
        key.push_str(&fold(first_paragraph));
        Self(xxhash_rust::xxh3::xxh3_128(key.as_bytes()))
    }

    /// Parses the 32-hex-digit form.
    #[must_use]
    pub fn parse(hex: &str) -> Option<Self> {
        if hex.len() != 32 {
            return None;
        }
        u128::from_str_radix(hex, 16).ok().map(Self)
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:032x}", self.0)
    }
}

impl fmt::Debug for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ArticleId({self})")
    }
}

impl Serialize for ArticleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The form of a URL that two saves of the same page share: no fragment, no trailing slash, lower-case scheme
/// and host.
#[must_use]
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let (scheme_host, rest) = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            let host_end = after.find('/').map_or(url.len(), |j| i + 3 + j);
            (&url[..host_end], &url[host_end..])
        }
        None => ("", url),
    };
    let mut out = scheme_host.to_ascii_lowercase();
    out.push_str(rest.trim_end_matches('/'));
    out
}

/// The stored layout a story was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// A news page saved as plain text by a scraper.
    Scraped,
    /// A saved HTML page.
    Html,
    /// An RSS, Atom or JSON Feed entry.
    Feed,
    /// A Markdown note with front matter.
    Markdown,
}

impl Format {
    /// The name used in JSON and in messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Scraped => "scraped",
            Self::Html => "html",
            Self::Feed => "feed",
            Self::Markdown => "markdown",
        }
    }
}

/// One block of an article body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph of prose.
    Paragraph(String),
    /// A heading inside the body.
    Subhead(String),
    /// A photo caption and its credit ("AFP/File").
    Caption {
        /// The caption text.
        text: String,
        /// Who took or supplied the picture, when given.
        credit: Option<String>,
    },
    /// A quoted passage set apart from the prose.
    Quote(String),
    /// One item of a list.
    ListItem(String),
    /// Text whose line breaks and spacing matter.
    Preformatted(String),
}

impl Block {
    /// The kind's name in the JSON interface.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Paragraph(_) => "paragraph",
            Self::Subhead(_) => "subhead",
            Self::Caption { .. } => "caption",
            Self::Quote(_) => "quote",
            Self::ListItem(_) => "list_item",
            Self::Preformatted(_) => "preformatted",
        }
    }

    /// The block's main text.
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            Self::Paragraph(t)
            | Self::Subhead(t)
            | Self::Caption { text: t, .. }
            | Self::Quote(t)
            | Self::ListItem(t)
            | Self::Preformatted(t) => t,
        }
    }

    /// The caption's credit, for captions that have one.
    #[must_use]
    pub fn credit(&self) -> Option<&str> {
        match self {
            Self::Caption { credit, .. } => credit.as_deref(),
            _ => None,
        }
    }
}

impl Serialize for Block {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Block", 3)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("text", self.text())?;
        s.serialize_field("credit", &self.credit())?;
        s.end()
    }
}

/// A "You may also like" item: a teaser for another story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RelatedLink {
    /// The section label shown above the teaser, when given.
    pub section: Option<String>,
    /// The teaser text.
    pub text: String,
    /// Where the link points on the web, when known.
    pub url: Option<String>,
    /// The stored story the teaser resolves to, filled in by the store.
    pub target: Option<ArticleId>,
}

/// One story, whatever layout it was stored in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    /// Stable identity (see [`ArticleId`]).
    pub id: ArticleId,
    /// The file the story was read from.
    pub path: PathBuf,
    /// The story's index inside its file, for files that hold several (feeds); 0 otherwise.
    pub entry: usize,
    /// The layout it was read from.
    pub format: Format,
    /// The section or category ("World").
    pub section: Option<String>,
    /// The headline.
    pub title: String,
    /// Who wrote it.
    pub byline: Option<String>,
    /// When it was published, when known.
    pub published: Option<DateTime<FixedOffset>>,
    /// The canonical URL, when known.
    pub url: Option<String>,
    /// The body, block by block.
    pub body: Vec<Block>,
    /// Teasers for other stories.
    pub related: Vec<RelatedLink>,
}

impl Article {
    /// The text of the first paragraph, or "" when the body has none.
    #[must_use]
    pub fn first_paragraph(&self) -> &str {
        self.body
            .iter()
            .find_map(|b| match b {
                Block::Paragraph(t) => Some(t.as_str()),
                _ => None,
            })
            .unwrap_or("")
    }

    /// Computes the id from the URL when there is one, else from the headline and first paragraph.
    #[must_use]
    pub fn compute_id(&self) -> ArticleId {
        match &self.url {
            Some(url) if !url.trim().is_empty() => ArticleId::from_url(url),
            _ => ArticleId::from_text(&self.title, self.first_paragraph()),
        }
    }
}

/// An [`Article`] as the JSON of `show --json`: the full model. Field names are a public interface.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    id: ArticleId,
    path: String,
    format: Format,
    section: Option<&'a str>,
    title: &'a str,
    byline: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
    body: &'a [Block],
    related: &'a [RelatedLink],
}

impl<'a> From<&'a Article> for ArticleJson<'a> {
    fn from(a: &'a Article) -> Self {
        Self {
            id: a.id,
            path: a.path.display().to_string(),
            format: a.format,
            section: a.section.as_deref(),
            title: &a.title,
            byline: a.byline.as_deref(),
            published: a.published.map(|d| d.to_rfc3339()),
            url: a.url.as_deref(),
            body: &a.body,
            related: &a.related,
        }
    }
}

/// An [`Article`]'s headline data as the JSON of `list --json`. Field names are a public interface.
#[derive(Serialize)]
pub struct HeadlineJson<'a> {
    id: ArticleId,
    path: String,
    format: Format,
    section: Option<&'a str>,
    title: &'a str,
    byline: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
    read: bool,
}

impl<'a> HeadlineJson<'a> {
    /// The headline data of `a`, with its read state.
    #[must_use]
    pub fn new(a: &'a Article, read: bool) -> Self {
        Self {
            id: a.id,
            path: a.path.display().to_string(),
            format: a.format,
            section: a.section.as_deref(),
            title: &a.title,
            byline: a.byline.as_deref(),
            published: a.published.map(|d| d.to_rfc3339()),
            url: a.url.as_deref(),
            read,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_survives_typography_and_whitespace() {
        let a = ArticleId::from_text("North Korea's \"bid\"", "It said - today  more.");
        let b = ArticleId::from_text(
            "North Korea\u{2019}s \u{201c}bid\u{201d}",
            "It said \u{2013} today more.",
        );
        assert_eq!(a, b);
        assert_eq!(a.to_string().len(), 32);
        assert_eq!(ArticleId::parse(&a.to_string()), Some(a));
    }

    #[test]
    fn canonical_url_drops_fragment_and_trailing_slash() {
        assert_eq!(
            canonical_url("HTTPS://Example.COM/a/B/#top"),
            "https://example.com/a/B"
        );
        assert_eq!(
            ArticleId::from_url("https://example.com/x/"),
            ArticleId::from_url("https://EXAMPLE.com/x#y")
        );
    }
}
