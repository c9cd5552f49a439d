//! newsboat's archive (`cache.db`) as a source of stories: each item is a story at a path of its own
//! inside the cache (`…/cache.db/1234`, the item's id), so the index adds, changes and forgets items one by
//! one as newsboat fetches them. The cache is only ever opened read-only, and may be in use by newsboat.

use std::cell::RefCell;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, TimeZone as _};
use rusqlite::{Connection, OpenFlags, OptionalExtension as _, params};

use super::{LoadError, Loaded, Origin, html_blocks};
use crate::model::{Article, ArticleId, Enclosure, Format, Headline, canonical_url};
use crate::store::walk::FileStamp;

/// The first bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a read waits while newsboat writes: a reload commits in well under this, and a scan that
/// waits longer would hold back the files after it.
const BUSY_WAIT: Duration = Duration::from_secs(2);

/// Why a newsboat cache could not be read.
#[derive(Debug, thiserror::Error)]
pub enum NewsboatError {
    /// SQLite refused (locked too long, damaged, not a cache after all).
    #[error("a newsboat cache that cannot be read: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// Whether `path` is a newsboat cache: an SQLite file (named `*.db`, so that other files are not opened
/// twice) with newsboat's `rss_item` table.
#[must_use]
pub fn is_cache(path: &Path) -> bool {
    matches!(cache_kind(path), Ok(true))
}

/// Whether `path` is a newsboat cache, or an error when it is an SQLite `*.db` file that cannot be read
/// now (newsboat holding it past [`BUSY_WAIT`], a journal left by a crash that a read-only connection
/// cannot roll back): the index then keeps what it holds from it.
///
/// # Errors
/// When SQLite cannot read a `*.db` file that starts as an SQLite database does.
pub fn cache_kind(path: &Path) -> Result<bool, NewsboatError> {
    if path.extension().and_then(|e| e.to_str()) != Some("db") {
        return Ok(false);
    }
    let mut head = [0u8; 16];
    let sqlite = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == SQLITE_MAGIC);
    if !sqlite {
        return Ok(false);
    }
    let found = with_cache(path, |c| {
        c.query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rss_item'",
            [],
            |_| Ok(()),
        )
        .optional()
    })?;
    Ok(found.is_some())
}

/// The path the index knows item `id` of the cache at `cache` by.
#[must_use]
pub fn item_path(cache: &Path, id: i64) -> PathBuf {
    cache.join(id.to_string())
}

/// The cache and item id a path made by [`item_path`] names, when its folder is a file (a cache).
#[must_use]
pub fn split(path: &Path) -> Option<(&Path, i64)> {
    let id: i64 = path.file_name()?.to_str()?.parse().ok()?;
    let cache = path.parent()?;
    // A scan reads every item of one cache in turn: it is checked once per thread.
    if KNOWN.with(|known| known.borrow().as_deref() == Some(cache)) {
        return Some((cache, id));
    }
    let found = cache.is_file() && is_cache(cache);
    if found {
        KNOWN.with(|known| *known.borrow_mut() = Some(cache.to_path_buf()));
    }
    found.then_some((cache, id))
}

/// Each item of the cache as the walk gives a file: its path ([`item_path`]), its content's size, and, in
/// place of a modification time, a fingerprint of what newsboat keeps of it (title, author, link, date,
/// read state, enclosure, the content's length), so that a changed item is read again.
///
/// # Errors
/// When the cache cannot be read.
pub fn items(cache: &Path) -> Result<Vec<FileStamp>, NewsboatError> {
    let stamps = with_cache(cache, |c| {
        // octet_length reads a value's size from the record without loading the content itself.
        let mut stmt = c.prepare(
            "SELECT i.id, octet_length(i.content), i.guid, i.title, i.author, i.url, i.pubDate, i.unread,
                    i.flags, i.enclosure_url, i.enclosure_type, f.title
             FROM rss_item i LEFT JOIN rss_feed f ON f.rssurl = i.feedurl
             WHERE i.deleted = 0 ORDER BY i.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let id: i64 = r.get(0)?;
            let size: i64 = r.get::<_, Option<i64>>(1)?.unwrap_or(0);
            let mut hasher = xxhash_rust::xxh3::Xxh3::new();
            for i in 1..12 {
                match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => hasher.update(&[0]),
                    rusqlite::types::ValueRef::Integer(n) => hasher.update(&n.to_le_bytes()),
                    rusqlite::types::ValueRef::Real(x) => hasher.update(&x.to_le_bytes()),
                    rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
                        hasher.update(t);
                    }
                }
                hasher.update(&[0xff]);
            }
            // The index keeps it as a signed 64-bit number.
            let fingerprint = i64::try_from(hasher.digest() >> 1).unwrap_or(i64::MAX);
            Ok(FileStamp {
                path: item_path(cache, id),
                size: u64::try_from(size).unwrap_or(0),
                mtime: fingerprint,
            })
        })?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
    })?;
    Ok(stamps)
}

/// Reads item `id` of the cache at `cache` as a story (the item's path is [`item_path`]).
///
/// # Errors
/// When the cache cannot be read, the item is gone, or its content is over the size limit.
pub fn load_item(cache: &Path, id: i64) -> Result<Loaded, LoadError> {
    let row = with_cache(cache, |c| {
        c.prepare_cached(
            "SELECT i.guid, i.title, i.author, i.url, i.pubDate, i.content, i.unread,
                    i.enclosure_url, i.enclosure_type, f.title, i.feedurl
             FROM rss_item i LEFT JOIN rss_feed f ON f.rssurl = i.feedurl
             WHERE i.id = ?1 AND i.deleted = 0",
        )?
        .query_row(params![id], |r| {
            Ok(Item {
                guid: r.get(0)?,
                title: r.get(1)?,
                author: r.get(2)?,
                url: r.get(3)?,
                published: r.get(4)?,
                content: r.get(5)?,
                unread: r.get::<_, i64>(6)? != 0,
                enclosure_url: r.get(7)?,
                enclosure_type: r.get(8)?,
                feed_title: r.get(9)?,
                feed_url: r.get(10)?,
            })
        })
        .optional()
    })
    .map_err(|e| LoadError::Io(std::io::Error::other(NewsboatError::Sqlite(e))))?;
    let Some(item) = row else {
        return Err(LoadError::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "the item is no longer in the newsboat cache",
        )));
    };
    let limit = super::max_file_bytes();
    let size = item.content.len() as u64;
    if size > limit {
        return Err(LoadError::TooLarge { size, limit });
    }
    super::bounds::check(&item.content, super::bounds::Markup::Html)?;
    Ok(item.into_loaded(&item_path(cache, id)))
}

/// One row of `rss_item`, with its feed's title.
struct Item {
    guid: String,
    title: String,
    author: String,
    url: String,
    published: i64,
    content: String,
    unread: bool,
    enclosure_url: Option<String>,
    enclosure_type: Option<String>,
    feed_title: Option<String>,
    feed_url: String,
}

impl Item {
    /// The story, mapped as a feed entry's is: the feed's title is its source, the content is the entry's
    /// HTML, and the id is the one the same entry read from the feed file gets.
    fn into_loaded(self, path: &Path) -> Loaded {
        let base = (!self.url.is_empty()).then_some(self.url.as_str());
        let (body, links) = html_blocks::from_html(&self.content, base);
        let source = self
            .feed_title
            .filter(|t| !t.trim().is_empty())
            .or_else(|| (!self.feed_url.is_empty()).then(|| self.feed_url.clone()));
        let url = (!self.url.is_empty()).then_some(self.url);
        let title = if self.title.trim().is_empty() {
            body.first().map_or_else(
                || "(untitled)".to_owned(),
                |b| b.text().chars().take(80).collect(),
            )
        } else {
            self.title.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let id = match &url {
            Some(u) => ArticleId::from_url(&canonical_url(u)),
            None if !self.guid.is_empty() => ArticleId::from_url(&format!(
                "{}#{}",
                source.as_deref().unwrap_or(""),
                self.guid
            )),
            None => {
                ArticleId::from_text(&title, body.first().map_or("", crate::model::Block::text))
            }
        };
        // newsboat keeps an enclosure's address and type, not its length.
        let enclosures: Vec<Enclosure> = self
            .enclosure_url
            .filter(|u| !u.trim().is_empty())
            .map(|url| Enclosure {
                url,
                mime: self.enclosure_type.filter(|t| !t.trim().is_empty()),
                length: None,
            })
            .into_iter()
            .collect();
        let published = (self.published > 0)
            .then(|| chrono::Utc.timestamp_opt(self.published, 0).single())
            .flatten()
            .map(|d: DateTime<chrono::Utc>| d.fixed_offset());
        let mut article = Article {
            head: Headline {
                id,
                path: path.to_path_buf(),
                entry: 0,
                format: Format::Feed,
                section: None,
                title,
                byline: Some(self.author.trim().to_owned()).filter(|a| !a.is_empty()),
                published,
                source,
                url,
                modified: None,
            },
            body,
            related: Vec::new(),
            links,
            enclosures,
        };
        super::safe::make_safe(&mut article);
        Loaded {
            articles: vec![article],
            warnings: Vec::new(),
            origins: vec![Origin {
                entry: 0,
                guid: Some(self.guid).filter(|g| !g.is_empty()),
                read: !self.unread,
            }],
        }
    }
}

thread_local! {
    /// The cache [`split`] last found on this thread.
    static KNOWN: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
    /// The cache last opened on this thread: a scan reads thousands of items from one cache, one by one.
    static OPEN: RefCell<Option<(PathBuf, Connection)>> = const { RefCell::new(None) };
}

/// Runs `f` on a read-only connection to the cache at `path`, kept open on this thread for the next call.
fn with_cache<T>(
    path: &Path,
    f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    OPEN.with(|open| {
        let mut open = open.borrow_mut();
        if open.as_ref().is_none_or(|(p, _)| p != path) {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(path, flags)?;
            conn.busy_timeout(BUSY_WAIT)?;
            *open = Some((path.to_path_buf(), conn));
        }
        let (_, conn) = open.as_ref().expect("opened above");
        f(conn)
    })
}
