//! The article model: plain data that every loader produces and every view reads (no I/O, no terminal).

mod headline;
mod id;
mod json;

use serde::Serialize;

pub use headline::{Headline, Placed, dedupe, store_order};
pub use id::{ArticleId, IdHasher, IdMap, canonical_url};
pub use json::{ArticleJson, HeadlineJson};

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
    /// What the list shows of it: identity, file, layout, section, headline, byline, date, source, URL.
    pub head: Headline,
    /// The body, block by block.
    pub body: Vec<Block>,
    /// Teasers for other stories.
    pub related: Vec<RelatedLink>,
    /// Links found in the body (web pages and feeds have them).
    pub links: Vec<Link>,
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
