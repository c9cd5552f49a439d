//! Where a story's body comes from: memory (the sample store, tests) or its file on disk, parsed and its
//! related teasers resolved through the index. Synchronous: the story worker calls it off the UI thread,
//! and tests call it directly.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{Article, ArticleId, Block, Headline};
use crate::store::db::Db;

/// A source of whole stories.
#[derive(Debug)]
pub enum StorySource {
    /// Whole stories held in memory.
    Memory(Arc<HashMap<ArticleId, Arc<Article>>>),
    /// Files on disk, with the index (when it can be read) to resolve related teasers.
    Disk {
        /// The database file, opened read-only on first use.
        db_path: Option<PathBuf>,
        /// The open connection.
        db: Option<Db>,
    },
}

impl StorySource {
    /// Stories held in memory.
    #[must_use]
    pub fn memory(articles: Vec<Article>) -> Self {
        Self::Memory(Arc::new(
            articles
                .into_iter()
                .map(|a| (a.head.id, Arc::new(a)))
                .collect(),
        ))
    }

    /// Stories parsed from their files, teasers resolved through the index at `db_path`.
    #[must_use]
    pub fn disk(db_path: Option<PathBuf>) -> Self {
        Self::Disk { db_path, db: None }
    }

    /// The whole story for `h`. A file that can no longer be read gives a story that says why.
    pub fn load(&mut self, h: &Headline) -> Arc<Article> {
        match self {
            Self::Memory(all) => all
                .get(&h.id)
                .cloned()
                .unwrap_or_else(|| Arc::new(unreadable(h, "it is not in memory"))),
            Self::Disk { db_path, db } => Arc::new(from_disk(h, db_path.as_deref(), db)),
        }
    }
}

/// Parses `h`'s file and resolves its teasers.
fn from_disk(h: &Headline, db_path: Option<&std::path::Path>, db: &mut Option<Db>) -> Article {
    let loaded = match crate::loader::load_path(&h.path) {
        Ok(loaded) => loaded,
        Err(e) => return unreadable(h, &e.to_string()),
    };
    let Some(mut story) = loaded
        .articles
        .into_iter()
        .find(|a| a.head.entry == h.entry)
    else {
        return unreadable(h, "the story is no longer in its file");
    };
    if db.is_none()
        && let Some(path) = db_path
    {
        *db = open_read_only(path);
    }
    if let Some(db) = db {
        // Teasers stay unresolved when the index cannot be read; the story itself is whole.
        let _ = db.resolve(&mut story.related);
    }
    // The list knows the story by this id (the index may have been written by an older extractor).
    story.head.id = h.id;
    story
}

/// A read-only connection for resolving teasers: the worker never writes, and never moves a file aside.
fn open_read_only(path: &std::path::Path) -> Option<Db> {
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = rusqlite::Connection::open_with_flags(path, flags).ok()?;
    let _ = conn.busy_timeout(std::time::Duration::from_secs(1));
    Some(Db {
        conn,
        path: Some(path.to_path_buf()),
        search: None,
    })
}

/// A stand-in story for a headline whose file cannot be read now.
#[must_use]
pub fn unreadable(h: &Headline, reason: &str) -> Article {
    Article {
        head: h.clone(),
        body: vec![Block::Paragraph(format!(
            "This story could not be read from {}: {reason}.",
            h.path.display()
        ))],
        related: Vec::new(),
        links: Vec::new(),
        enclosures: Vec::new(),
    }
}
