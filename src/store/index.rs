//! The store index in the database: each file's size and modification time, and its stories' headline
//! data, so startup lists stories without parsing them, and related teasers resolve by lookup. Writing is
//! here; reading back is in `read`.

mod copies;
mod read;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};

use super::db::{Db, DbError};
use super::marks::carry;
use super::walk::FileStamp;
use crate::model::{Article, ArticleId};
use crate::search::document::Document;
use crate::text::fold::fold;

/// How many folded bytes of a first paragraph make its lookup key; teasers shorter than this match
/// headlines only.
pub const LEAD_PREFIX: usize = 40;

/// How many bytes of a story's first paragraph the index keeps (cut back to a character boundary).
///
/// Teasers are matched against the start of a first paragraph ([`Db::resolve`]); a teaser is an opening
/// sentence or two, a few hundred bytes at most, so a kilobyte holds the part of any real teaser that is
/// compared, while a single-line file's 32 MB paragraph no longer goes into the index whole. A teaser longer
/// than a lead that was cut matches when it starts with all that was kept. It must stay well above
/// [`LEAD_PREFIX`], the part every comparison starts from.
pub const LEAD_KEPT: usize = 1024;

/// What the index holds for a file: its size and modification time when it was read, and the version of
/// the extraction that read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexedFile {
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since the Unix epoch.
    pub mtime: i64,
    /// [`crate::loader::EXTRACTOR_VERSION`] when it was read; 0 for files indexed before versions were kept.
    pub extractor: u32,
}

/// A file after parsing: its stories, or why it has none.
#[derive(Debug)]
pub struct Parsed {
    /// The file.
    pub stamp: FileStamp,
    /// Its stories, or the reason it was skipped.
    pub outcome: Result<Vec<Article>, String>,
    /// Losses while loading (not valid UTF-8, say).
    pub warnings: Vec<String>,
    /// The version of the extraction that read it.
    pub extractor: u32,
    /// Its stories as the full-text index takes them, one per story (made where the file was parsed, so
    /// the work is shared out with the parsing).
    pub documents: Vec<Document>,
    /// What its source says of its entries (GUIDs, read in newsboat).
    pub origins: Vec<crate::loader::Origin>,
    /// What tells its stories' copies from other stories, one per story (made with the documents).
    pub signals: Vec<crate::cluster::Signals>,
}

/// `s`'s first `LEAD_PREFIX` bytes, cut back to a character boundary; `None` when shorter.
#[must_use]
pub fn lead_prefix(s: &str) -> Option<&str> {
    (s.len() >= LEAD_PREFIX).then(|| crate::text::at_most(s, LEAD_PREFIX))
}

/// The part of a first paragraph the index keeps: its first [`LEAD_KEPT`] bytes, cut back to a character
/// boundary.
#[must_use]
pub fn kept_lead(s: &str) -> &str {
    crate::text::at_most(s, LEAD_KEPT)
}

/// The lookup key of a folded text.
pub(super) fn key(folded: &str) -> i64 {
    i64::from_ne_bytes(xxhash_rust::xxh3::xxh3_64(folded.as_bytes()).to_ne_bytes())
}

/// The short integer key an id is indexed by (an index of integers is much cheaper to build than one of
/// 32-character strings).
pub(crate) fn id_key(id: ArticleId) -> i64 {
    i64::from_ne_bytes(
        u64::try_from(id.0 & u128::from(u64::MAX))
            .unwrap_or(0)
            .to_ne_bytes(),
    )
}

/// The path as stored: UTF-8 (the scan leaves out files whose names are not).
fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The bounds of the paths under `root` in path order: the root itself, and `root/` up to `root0`
/// ('0' follows '/').
fn root_range(root: &Path) -> (String, String, String) {
    let exact = path_text(root);
    let trimmed = exact.trim_end_matches('/');
    (exact.clone(), format!("{trimmed}/"), format!("{trimmed}0"))
}
impl Db {
    pub(crate) fn error(&self) -> impl Fn(rusqlite::Error) -> DbError + '_ {
        move |cause| DbError::Sqlite {
            path: self.display_path(),
            cause,
        }
    }

    /// Has the files at `paths` read again on the next scan (their rows could not be read back), keeping
    /// what the index holds for them until then.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn index_again(&mut self, paths: &[PathBuf]) -> Result<(), DbError> {
        let path = self.display_path();
        let fail = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut stale = tx
                .prepare_cached("UPDATE files SET extractor = -1 WHERE path = ?1")
                .map_err(fail)?;
            for p in paths {
                stale.execute([path_text(p)]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }

    /// Records parsed files and their stories, replacing what the index held for them, in one transaction.
    /// When an unchanged file's story gets a new id (the extraction changed), its read state goes with it
    /// in the same transaction (see [`rekeyed`]).
    ///
    /// # Errors
    /// When SQLite fails; nothing is changed then.
    pub fn write_files(&mut self, parsed: &[Parsed]) -> Result<(), DbError> {
        let path = self.display_path();
        let fail = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        // Immediate: the first statements only read, and a read transaction that another broadsheet
        // writes past cannot become a write one (SQLite fails it at once instead of waiting).
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        let mut known = Vec::with_capacity(parsed.len());
        {
            let mut old_file = tx
                .prepare_cached("SELECT size, mtime FROM files WHERE path = ?1")
                .map_err(fail)?;
            let mut old_stories = tx
                .prepare_cached("SELECT entry, id FROM stories WHERE path = ?1")
                .map_err(fail)?;
            let mut drop_stories = tx
                .prepare_cached("DELETE FROM stories WHERE path = ?1")
                .map_err(fail)?;
            let mut pending = tx
                .prepare_cached("INSERT OR IGNORE INTO search_pending (path) VALUES (?1)")
                .map_err(fail)?;
            let mut file = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO files (path, size, mtime, error, extractor) VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(fail)?;
            let mut story = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO stories
                     (path, entry, id, format, section, title, byline, published, url, lead, related, title_key, lead_key, id_key, source, guid, url_key, sketch, shingles)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
                )
                .map_err(fail)?;

            let mut folded = String::new();
            let mut moves = Vec::new();
            for p in parsed {
                let file_path = path_text(&p.stamp.path);
                let size = i64::try_from(p.stamp.size).unwrap_or(i64::MAX);
                let before: Option<(i64, i64)> = old_file
                    .query_row([&file_path], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
                    .map_err(fail)?;
                known.push(before.is_some());
                // Only an unchanged file's stories can be matched to the old ones: an edited feed's entry 0
                // is another story.
                let old_ids: Vec<(i64, String)> = if before == Some((size, p.stamp.mtime)) {
                    old_stories
                        .query_map([&file_path], |r| Ok((r.get(0)?, r.get(1)?)))
                        .and_then(Iterator::collect)
                        .map_err(fail)?
                } else {
                    Vec::new()
                };
                // Another broadsheet may have indexed the file since this scan read the index: whatever
                // is there for it goes (a cheap index lookup when nothing is).
                pending.execute([&file_path]).map_err(fail)?;
                drop_stories.execute([&file_path]).map_err(fail)?;
                let error = match &p.outcome {
                    Ok(_) if p.warnings.is_empty() => None,
                    Ok(_) => Some(p.warnings.join("; ")),
                    Err(e) => Some(e.clone()),
                };
                file.execute(params![file_path, size, p.stamp.mtime, error, p.extractor])
                    .map_err(fail)?;
                let articles = p.outcome.as_ref().map_or(&[][..], Vec::as_slice);
                for (n, a) in articles.iter().enumerate() {
                    write_story(&mut story, &file_path, a, p, n, &mut folded).map_err(fail)?;
                }
                if p.outcome.is_ok() {
                    moves.extend(rekeyed(&old_ids, articles));
                }
            }
            carry(&tx, &moves).map_err(fail)?;
            read_there(&tx, parsed).map_err(fail)?;
        }
        tx.commit().map_err(fail)?;
        self.index_written(parsed, &known);
        Ok(())
    }

    /// Indexes stories already loaded (the bundled sample store, which is not on disk), file by file, so
    /// they can be searched like a scanned store.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn index_articles(&mut self, articles: &[Article]) -> Result<(), DbError> {
        let mut by_path: Vec<Parsed> = Vec::new();
        // Each file's place in `by_path`: looked up, not searched for (100,000 stories would take minutes).
        let mut place: std::collections::HashMap<&std::path::Path, usize> =
            std::collections::HashMap::new();
        for a in articles {
            let at = *place.entry(a.head.path.as_path()).or_insert_with(|| {
                by_path.push(Parsed {
                    stamp: FileStamp {
                        path: a.head.path.clone(),
                        size: 0,
                        mtime: 0,
                    },
                    outcome: Ok(Vec::new()),
                    warnings: Vec::new(),
                    extractor: crate::loader::EXTRACTOR_VERSION,
                    documents: Vec::new(),
                    origins: Vec::new(),
                    signals: Vec::new(),
                });
                by_path.len() - 1
            });
            let parsed = &mut by_path[at];
            if let Ok(list) = &mut parsed.outcome {
                list.push(a.clone());
            }
            let document = Document::of(a);
            parsed
                .signals
                .push(crate::cluster::Signals::of_story(a, &document.text));
            parsed.documents.push(document);
        }
        self.write_files(&by_path)
    }

    /// Forgets files (and their stories) that are gone.
    ///
    /// # Errors
    /// When SQLite fails; nothing is changed then.
    pub fn remove_files(&mut self, paths: &[PathBuf]) -> Result<(), DbError> {
        let path = self.display_path();
        let fail = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut files = tx
                .prepare_cached("DELETE FROM files WHERE path = ?1")
                .map_err(fail)?;
            let mut stories = tx
                .prepare_cached("DELETE FROM stories WHERE path = ?1")
                .map_err(fail)?;
            let mut pending = tx
                .prepare_cached("INSERT OR IGNORE INTO search_pending (path) VALUES (?1)")
                .map_err(fail)?;
            for p in paths {
                let text = path_text(p);
                files.execute([&text]).map_err(fail)?;
                pending.execute([&text]).map_err(fail)?;
                stories.execute([&text]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)?;
        self.index_removed(paths);
        Ok(())
    }
}

/// Writes story `a`, the `n`th of parsed file `p`, with the statement `story` (see [`Db::write_files`]);
/// `folded` is room for folding its lead.
fn write_story(
    story: &mut rusqlite::CachedStatement<'_>,
    file_path: &str,
    a: &Article,
    p: &Parsed,
    n: usize,
    folded: &mut String,
) -> rusqlite::Result<()> {
    let signals = p.signals.get(n);
    let lead = kept_lead(a.first_paragraph());
    folded.clear();
    crate::text::fold::fold_into(lead, folded);
    let lead_key = lead_prefix(folded).map(key);
    let related = serde_json::to_string(&a.related).unwrap_or_else(|_| "[]".into());
    story
        .execute(params![
            file_path,
            i64::try_from(a.head.entry).unwrap_or(i64::MAX),
            a.head.id.to_string(),
            a.head.format.name(),
            a.head.section,
            a.head.title,
            a.head.byline,
            a.head.published.map(|d| d.to_rfc3339()),
            a.head.url,
            lead,
            related,
            key(&fold(&a.head.title)),
            lead_key,
            id_key(a.head.id),
            a.head.source,
            guid_of(&p.origins, a.head.entry),
            signals
                .and_then(|s| s.url)
                .map(|k| i64::from_ne_bytes(k.to_ne_bytes())),
            signals
                .map(|s| s.sketch.to_bytes())
                .filter(|b| !b.is_empty()),
            signals.map_or(0, |s| s.shingles),
        ])
        .map(drop)
}

/// The (old, new) ids of the stories of an unchanged file that a new extraction re-keyed, matched by entry.
/// Only when the file yields as many stories as before, and neither id is one of the file's other stories:
/// a story that only moved to another entry keeps its own id, and its marks stay with it.
fn rekeyed(old: &[(i64, String)], articles: &[Article]) -> Vec<(ArticleId, ArticleId)> {
    if old.len() != articles.len() {
        return Vec::new();
    }
    let by_entry: HashMap<usize, ArticleId> = old
        .iter()
        .filter_map(|(entry, id)| Some((usize::try_from(*entry).ok()?, ArticleId::parse(id)?)))
        .collect();
    let before: HashSet<ArticleId> = by_entry.values().copied().collect();
    let after: HashSet<ArticleId> = articles.iter().map(|a| a.head.id).collect();
    articles
        .iter()
        .filter_map(|a| {
            let old = *by_entry.get(&a.head.entry)?;
            (old != a.head.id && !after.contains(&old) && !before.contains(&a.head.id))
                .then_some((old, a.head.id))
        })
        .collect()
}

/// A file's modification time as the index keeps it (nanoseconds) in Unix seconds.
#[must_use]
pub fn seconds(nanos: i64) -> i64 {
    nanos.div_euclid(1_000_000_000)
}

/// The GUID its source gives entry `entry`.
fn guid_of(origins: &[crate::loader::Origin], entry: usize) -> Option<&str> {
    origins
        .iter()
        .find(|o| o.entry == entry)
        .and_then(|o| o.guid.as_deref())
}

/// Stories read where they came from (newsboat) are read here too, unless the story has a mark here
/// already (read, or marked unread, or starred: what was set here stays); in the scan's transaction.
fn read_there(tx: &rusqlite::Transaction<'_>, parsed: &[Parsed]) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO marks (id, url, read_at) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO NOTHING",
    )?;
    let now = chrono::Utc::now().timestamp();
    for p in parsed {
        let Ok(articles) = &p.outcome else { continue };
        for a in articles {
            if p.origins.iter().any(|o| o.entry == a.head.entry && o.read) {
                stmt.execute(params![a.head.id.to_string(), a.head.url, now])?;
            }
        }
    }
    Ok(())
}
