//! The JSON shapes of `list --json` and `show --json`: a public interface for scripts, kept stable.

use serde::Serialize;

use super::{Article, ArticleId, Block, Enclosure, Format, Headline, Link, RelatedLink};

/// A story's headline data, as both JSON shapes begin. Field names are a public interface.
#[derive(Serialize)]
struct HeadJson<'a> {
    id: ArticleId,
    /// The file as the user named it (under the folder given on the command line).
    path: String,
    /// The file's absolute path; `None` for stories not on disk (the bundled sample store).
    abs_path: Option<String>,
    format: Format,
    section: Option<&'a str>,
    title: &'a str,
    byline: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
}

impl<'a> From<&'a Headline> for HeadJson<'a> {
    fn from(h: &'a Headline) -> Self {
        Self {
            id: h.id,
            path: h.path.display().to_string(),
            abs_path: h.path.is_absolute().then(|| h.path.display().to_string()),
            format: h.format,
            section: h.section.as_deref(),
            title: &h.title,
            byline: h.byline.as_deref(),
            published: h.published.map(|d| d.to_rfc3339()),
            url: h.url.as_deref(),
        }
    }
}

/// An [`Article`] as the JSON of `show --json`: the full model. Field names are a public interface.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    #[serde(flatten)]
    head: HeadJson<'a>,
    body: &'a [Block],
    related: &'a [RelatedLink],
    links: &'a [Link],
    enclosures: &'a [Enclosure],
}

impl ArticleJson<'_> {
    /// Sets the path as given and the absolute path (`None`: not on disk).
    #[must_use]
    pub fn paths(mut self, given: String, absolute: Option<String>) -> Self {
        self.head.path = given;
        self.head.abs_path = absolute;
        self
    }
}

impl<'a> From<&'a Article> for ArticleJson<'a> {
    fn from(a: &'a Article) -> Self {
        Self {
            head: HeadJson::from(&a.head),
            body: &a.body,
            related: &a.related,
            links: &a.links,
            enclosures: &a.enclosures,
        }
    }
}

/// A story's headline data as the JSON of `list --json`. Field names are a public interface.
#[derive(Serialize)]
pub struct HeadlineJson<'a> {
    #[serde(flatten)]
    head: HeadJson<'a>,
    read: bool,
    starred: bool,
}

impl<'a> HeadlineJson<'a> {
    /// The headline data of `h`, with its read state and star from `mark`.
    #[must_use]
    pub fn new(h: &'a Headline, mark: crate::store::marks::Mark) -> Self {
        Self {
            head: HeadJson::from(h),
            read: mark.read_at.is_some(),
            starred: mark.starred,
        }
    }

    /// Sets the path as given and the absolute path (`None`: not on disk).
    #[must_use]
    pub fn paths(mut self, given: String, absolute: Option<String>) -> Self {
        self.head.path = given;
        self.head.abs_path = absolute;
        self
    }
}
