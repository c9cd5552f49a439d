//! The article model: plain data that every loader produces and every view reads (no I/O, no terminal).

mod block;
mod headline;
mod id;
mod json;

use serde::Serialize;

pub use block::{Block, Image, Table};
pub use headline::{Headline, Placed, dedupe, store_order};
pub use id::{ArticleId, IdHasher, IdMap, canonical_url};
pub use json::{ArticleJson, CopyJson, HeadlineJson, SimilarJson};

/// The stored layout a story was read from. Its names (in JSON, the index and messages) come from the
/// variants, so a new format cannot be half-registered.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::VariantArray,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Format {
    /// A news page saved as plain text by a scraper.
    #[default]
    Scraped,
    /// A saved HTML page.
    Html,
    /// An RSS, Atom or JSON Feed entry.
    Feed,
    /// A Markdown note with front matter.
    Markdown,
}

impl Format {
    /// The format named `name` (as [`Format::name`] gives it).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        name.parse().ok()
    }

    /// The name used in JSON and in messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.into()
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
    /// What the list shows of it: identity, file, layout, section, headline, byline, date, source, URL.
    pub head: Headline,
    /// The body, block by block.
    pub body: Vec<Block>,
    /// Teasers for other stories.
    pub related: Vec<RelatedLink>,
    /// Links found in the body (web pages and feeds have them).
    pub links: Vec<Link>,
    /// Media attached to a feed entry (a podcast's audio file).
    pub enclosures: Vec<Enclosure>,
}

/// A file attached to a feed entry: a podcast episode's audio, a video. Never fetched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Enclosure {
    /// Where it is.
    pub url: String,
    /// Its MIME type (`audio/mpeg`), when the feed gives it.
    #[serde(rename = "type")]
    pub mime: Option<String>,
    /// Its size in bytes, when the feed gives it.
    pub length: Option<u64>,
}

/// A link found in a story's body.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The link's text.
    pub text: String,
    /// Where it points (http or https).
    pub url: String,
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
        match &self.head.url {
            Some(url) if !url.trim().is_empty() => ArticleId::from_url(url),
            _ => ArticleId::from_text(&self.head.title, self.first_paragraph()),
        }
    }
}

#[cfg(test)]
mod format_tests {
    use super::Format;
    use strum::VariantArray;

    #[test]
    fn format_names_round_trip_and_match_the_json() {
        for &f in Format::VARIANTS {
            assert_eq!(Format::from_name(f.name()), Some(f));
            assert_eq!(
                serde_json::to_value(f).unwrap(),
                serde_json::Value::String(f.name().to_owned())
            );
        }
        assert_eq!(Format::Html.name(), "html");
        assert_eq!(Format::from_name("pdf"), None);
    }
}
