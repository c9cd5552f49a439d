//! The JSON shapes of `list --json` and `show --json`: a public interface for scripts, kept stable.

use serde::Serialize;

use super::{Article, ArticleId, Block, Format, Headline, Link, RelatedLink};

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
    links: &'a [Link],
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
            links: &a.links,
        }
    }
}

/// A story's headline data as the JSON of `list --json`. Field names are a public interface.
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
    pub fn new(a: &'a Headline, read: bool) -> Self {
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
