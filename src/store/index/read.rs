//! Reading the store index back: headlines (rows that cannot be read are reported, never guessed at),
//! the indexed files and ids, and the files skipped when indexed.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use chrono::DateTime;
use rusqlite::params;

use super::{IndexedFile, root_range};
use crate::model::{ArticleId, Format, Headline};
use crate::store::Warning;
use crate::store::db::{Db, DbError};

impl Db {
    /// The headlines of every indexed story under `roots`, in no particular order, and a warning for each
    /// row that cannot be read back (an unreadable id, an unknown format): such a story is left out,
    /// never guessed at, and [`Db::index_again`] on the warnings' paths has it read again.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn headlines(&self, roots: &[PathBuf]) -> Result<(Vec<Headline>, Vec<Warning>), DbError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT s.path, s.entry, s.id, s.format, s.section, s.title, s.byline, s.published, s.url, s.source,
                        CASE WHEN s.published IS NULL
                             THEN (SELECT f.mtime FROM files f WHERE f.path = s.path) END
                 FROM stories s
                 WHERE s.path = ?1 OR (s.path > ?2 AND s.path < ?3)",
            )
            .map_err(self.error())?;
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        for root in roots {
            let (exact, lo, hi) = root_range(root);
            let rows = stmt
                .query_map(params![exact, lo, hi], |r| {
                    Ok(StoryRow {
                        path: r.get(0)?,
                        entry: r.get(1)?,
                        id: r.get(2)?,
                        format: r.get(3)?,
                        headline: Headline {
                            id: ArticleId(0),
                            path: PathBuf::new(),
                            entry: 0,
                            format: Format::Scraped,
                            section: r.get(4)?,
                            title: r.get(5)?,
                            byline: r.get(6)?,
                            published: None,
                            url: r.get(8)?,
                            source: r.get(9)?,
                            modified: r.get::<_, Option<i64>>(10)?.map(super::seconds),
                        },
                        published: r.get(7)?,
                    })
                })
                .map_err(self.error())?;
            for row in rows {
                if let Some(h) = row.map_err(self.error())?.checked(&mut warnings) {
                    out.push(h);
                }
            }
        }
        Ok((out, warnings))
    }

    /// Marks for reading again the files the size limit `limit` (bytes) now lets in (skipped before as too
    /// large) or keeps out (read before under a higher limit).
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn recheck_sizes(&mut self, limit: u64) -> Result<(), DbError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.conn
            .execute(
                "UPDATE files SET extractor = -1
                 WHERE (error LIKE 'too large:%' AND size <= ?1)
                    OR ((error IS NULL OR error NOT LIKE 'too large:%') AND size > ?1)",
                [limit],
            )
            .map(drop)
            .map_err(self.error())
    }

    /// The files the index holds story `id` in (a story saved twice is in two).
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn files_of(&self, id: ArticleId) -> Result<Vec<PathBuf>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT path FROM stories WHERE id_key = ?1 AND id = ?2")
            .map_err(self.error())?;
        let rows = stmt
            .query_map(params![super::id_key(id), id.to_string()], |r| {
                r.get::<_, String>(0)
            })
            .map_err(self.error())?;
        rows.map(|r| r.map(PathBuf::from).map_err(self.error()))
            .collect()
    }

    /// The ids of every indexed story.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn indexed_ids(&self) -> Result<HashSet<ArticleId>, DbError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT id FROM stories")
            .map_err(self.error())?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(self.error())?;
        let mut out = HashSet::new();
        for row in rows {
            if let Some(id) = ArticleId::parse(&row.map_err(self.error())?) {
                out.insert(id);
            }
        }
        Ok(out)
    }

    /// The indexed files under `roots`, with their size, modification time and extractor version.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn indexed_files(
        &self,
        roots: &[PathBuf],
    ) -> Result<HashMap<PathBuf, IndexedFile>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT path, size, mtime, extractor FROM files WHERE path = ?1 OR (path > ?2 AND path < ?3)",
            )
            .map_err(self.error())?;
        let mut out = HashMap::new();
        for root in roots {
            let (exact, lo, hi) = root_range(root);
            let rows = stmt
                .query_map(params![exact, lo, hi], |r| {
                    Ok((
                        PathBuf::from(r.get::<_, String>(0)?),
                        r.get::<_, i64>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?,
                    ))
                })
                .map_err(self.error())?;
            for row in rows {
                let (path, size, mtime, extractor) = row.map_err(self.error())?;
                // Out-of-range values (a row written by hand) read as a file to parse again.
                let file = IndexedFile {
                    size: u64::try_from(size).unwrap_or(u64::MAX),
                    mtime,
                    extractor: u32::try_from(extractor).unwrap_or(u32::MAX),
                };
                out.insert(path, file);
            }
        }
        Ok(out)
    }

    /// The files under `roots` that were skipped when indexed, with the reasons.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn file_errors(&self, roots: &[PathBuf]) -> Result<Vec<Warning>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path, error FROM files WHERE error IS NOT NULL AND (path = ?1 OR (path > ?2 AND path < ?3))")
            .map_err(self.error())?;
        let mut out = Vec::new();
        for root in roots {
            let (exact, lo, hi) = root_range(root);
            let rows = stmt
                .query_map(params![exact, lo, hi], |r| {
                    Ok(Warning {
                        path: PathBuf::from(r.get::<_, String>(0)?),
                        reason: r.get(1)?,
                    })
                })
                .map_err(self.error())?;
            for row in rows {
                out.push(row.map_err(self.error())?);
            }
        }
        Ok(out)
    }
}

/// A story row as stored, before its id, format, entry and date are checked.
struct StoryRow {
    path: String,
    entry: i64,
    id: String,
    format: String,
    published: Option<String>,
    /// The fields that need no check; id, path, entry, format and date are filled in by [`Self::checked`].
    headline: Headline,
}

impl StoryRow {
    /// The headline, or `None` with a warning naming the file and the bad value when the row cannot be
    /// read back; an unreadable date is dropped with a warning.
    fn checked(self, warnings: &mut Vec<Warning>) -> Option<Headline> {
        let path = PathBuf::from(self.path);
        let mut warn = |reason: String| {
            warnings.push(Warning {
                path: path.clone(),
                reason,
            });
        };
        let left_out = "the story is left out until the file is read again";
        let Some(id) = ArticleId::parse(&self.id) else {
            warn(format!(
                "the index holds an unreadable story id {:?}; {left_out}",
                self.id
            ));
            return None;
        };
        let Some(format) = Format::from_name(&self.format) else {
            warn(format!(
                "the index holds an unknown format {:?}; {left_out}",
                self.format
            ));
            return None;
        };
        let Ok(entry) = usize::try_from(self.entry) else {
            warn(format!(
                "the index holds an impossible entry number {}; {left_out}",
                self.entry
            ));
            return None;
        };
        let published = self.published.and_then(|d| {
            let date = DateTime::parse_from_rfc3339(&d).ok();
            if date.is_none() {
                warn(format!(
                    "the index holds an unreadable date {d:?}; the story is listed undated"
                ));
            }
            date
        });
        Some(Headline {
            id,
            path,
            entry,
            format,
            published,
            ..self.headline
        })
    }
}
