//! `Headline`: what the list needs of a story, kept for every story in memory and in the index, while
//! bodies are parsed only when a story is shown. An `Article` is a `Headline` and its body.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};

use super::{Article, ArticleId, Format};

/// A story without its body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Headline {
    /// Stable identity.
    pub id: ArticleId,
    /// The file the story was read from.
    pub path: PathBuf,
    /// The story's index inside its file.
    pub entry: usize,
    /// The layout it was read from.
    pub format: Format,
    /// The section or category.
    pub section: Option<String>,
    /// The headline.
    pub title: String,
    /// Who wrote it.
    pub byline: Option<String>,
    /// When it was published, when known.
    pub published: Option<DateTime<FixedOffset>>,
    /// Where the story comes from: a feed's title or a site's name.
    pub source: Option<String>,
    /// The canonical URL, when known.
    pub url: Option<String>,
    /// When its file was last modified (Unix seconds), when the store knows (the index gives it for
    /// undated stories only): an undated story is sorted and shown by it.
    pub modified: Option<i64>,
}

impl Headline {
    /// What the list's section column shows: a feed entry's source (the feed's title), else the section.
    #[must_use]
    pub fn label(&self) -> Option<&str> {
        match self.format {
            super::Format::Feed => self.source.as_deref().or(self.section.as_deref()),
            _ => self.section.as_deref(),
        }
    }
}

impl From<&Article> for Headline {
    fn from(a: &Article) -> Self {
        a.head.clone()
    }
}

/// What the store's order looks at: stories and headlines both have it.
pub trait Placed {
    /// When it was published.
    fn published(&self) -> Option<DateTime<FixedOffset>>;
    /// Its file.
    fn path(&self) -> &std::path::Path;
    /// Its index in the file.
    fn entry(&self) -> usize;
    /// Its identity.
    fn id(&self) -> super::ArticleId;
    /// How full a copy of the story it likely is: feed entries are often summaries.
    fn format(&self) -> super::Format;
    /// [`Placed::format`] as a rank, higher for fuller copies.
    fn fullness(&self) -> u8 {
        match self.format() {
            super::Format::Feed => 0,
            super::Format::Scraped => 1,
            super::Format::Markdown | super::Format::Html => 2,
        }
    }
}

impl Placed for Headline {
    fn published(&self) -> Option<DateTime<FixedOffset>> {
        self.published
    }
    fn path(&self) -> &std::path::Path {
        &self.path
    }
    fn entry(&self) -> usize {
        self.entry
    }
    fn id(&self) -> super::ArticleId {
        self.id
    }
    fn format(&self) -> super::Format {
        self.format
    }
}

impl Placed for Article {
    fn published(&self) -> Option<DateTime<FixedOffset>> {
        self.head.published
    }
    fn path(&self) -> &std::path::Path {
        &self.head.path
    }
    fn entry(&self) -> usize {
        self.head.entry
    }
    fn id(&self) -> super::ArticleId {
        self.head.id
    }
    fn format(&self) -> super::Format {
        self.head.format
    }
}

/// Newest first where dated, undated after, then by path and entry: the store's order. Paths compare
/// as strings (byte by byte), which is several times faster than comparing them component by component
/// and orders the files of one folder the same way.
pub fn store_order<T: Placed>(a: &T, b: &T) -> std::cmp::Ordering {
    b.published()
        .is_some()
        .cmp(&a.published().is_some())
        .then_with(|| b.published().cmp(&a.published()))
        .then_with(|| a.path().as_os_str().cmp(b.path().as_os_str()))
        .then_with(|| a.entry().cmp(&b.entry()))
}

/// Keeps one of each id (a story saved twice is listed once): the fullest copy, a saved page or note before
/// a feed entry (often only a summary), then the first in order.
pub fn dedupe<T: Placed>(items: &mut Vec<T>) {
    let mut best: std::collections::HashMap<super::ArticleId, (u8, usize)> =
        std::collections::HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let rank = item.fullness();
        best.entry(item.id())
            .and_modify(|b| {
                if rank > b.0 {
                    *b = (rank, i);
                }
            })
            .or_insert((rank, i));
    }
    let mut i = 0;
    items.retain(|item| {
        let keep = best.get(&item.id()).is_some_and(|b| b.1 == i);
        i += 1;
        keep
    });
}
