//! Read state in the database: when each story was read, whether it is starred, and where reading stopped.
//! Every change is its own committed transaction, so a kill loses nothing the screen showed.

mod carry;

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::Warning;
use super::db::{Db, DbError};
use crate::model::ArticleId;

pub(super) use carry::carry;

/// One story's read state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// When it was read (Unix seconds), or `None` while unread.
    pub read_at: Option<i64>,
    /// Whether it is starred.
    pub starred: bool,
    /// The body block at the top of the article when reading stopped.
    pub position: u32,
}

/// One read story, as `state export` writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadRecord {
    /// The story.
    pub id: ArticleId,
    /// Its URL, when known.
    pub url: Option<String>,
    /// When it was read (Unix seconds).
    pub read_at: i64,
}

/// One stored mark with its story's URL: what salvage and re-keying carry from one place to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMark {
    /// The story.
    pub id: ArticleId,
    /// Its URL, when known.
    pub url: Option<String>,
    /// Its read state.
    pub mark: Mark,
}

/// Adds a mark to whatever the database holds for the same id without losing either: read stays read (the
/// earlier time kept), starred stays starred, a reading position is kept, and a known URL stays.
const MERGE: &str =
    "INSERT INTO marks (id, url, read_at, starred, position) VALUES (?1, ?2, ?3, ?4, ?5)
     ON CONFLICT (id) DO UPDATE SET
         url = COALESCE(marks.url, excluded.url),
         read_at = CASE WHEN marks.read_at IS NULL THEN excluded.read_at
                        WHEN excluded.read_at IS NULL THEN marks.read_at
                        ELSE MIN(marks.read_at, excluded.read_at) END,
         starred = MAX(marks.starred, excluded.starred),
         position = CASE WHEN marks.position = 0 THEN excluded.position ELSE marks.position END";

/// Merges `stored` into the marks of `conn` (see [`MERGE`]).
fn merge(conn: &Connection, stored: &StoredMark) -> rusqlite::Result<()> {
    conn.prepare_cached(MERGE)?
        .execute(params![
            stored.id.to_string(),
            stored.url,
            stored.mark.read_at,
            i64::from(stored.mark.starred),
            stored.mark.position
        ])
        .map(drop)
}

/// The warning for a mark row whose id is not a story id: it is reported, never coerced.
fn bad_mark(db: &Path, raw: &str) -> Warning {
    Warning {
        path: db.to_path_buf(),
        reason: format!(
            "a read mark for {raw:?}, which is not a story id (32 hex digits), is left out"
        ),
    }
}

/// Every mark that can still be read from a damaged database: the rows before the first damaged page in
/// id order, and those after the last one, read backwards. Nothing when the file is not a database.
#[must_use]
pub fn salvage(conn: &Connection) -> Vec<StoredMark> {
    let mut found: HashMap<ArticleId, StoredMark> = HashMap::new();
    for order in ["ASC", "DESC"] {
        let sql =
            format!("SELECT id, url, read_at, starred, position FROM marks ORDER BY id {order}");
        let Ok(mut stmt) = conn.prepare(&sql) else {
            return Vec::new();
        };
        let Ok(mut rows) = stmt.query([]) else {
            continue;
        };
        // The first error is where the damage starts in this direction.
        while let Ok(Some(row)) = rows.next() {
            let read = || -> rusqlite::Result<Option<StoredMark>> {
                let Some(id) = ArticleId::parse(&row.get::<_, String>(0)?) else {
                    return Ok(None);
                };
                Ok(Some(StoredMark {
                    id,
                    url: row.get(1)?,
                    mark: Mark {
                        read_at: row.get(2)?,
                        starred: row.get::<_, i64>(3)? != 0,
                        position: row.get(4)?,
                    },
                }))
            };
            match read() {
                Ok(Some(m)) => {
                    found.insert(m.id, m);
                }
                Ok(None) => {}
                Err(_) => break,
            }
        }
    }
    let mut out: Vec<StoredMark> = found.into_values().collect();
    out.sort_by_key(|m| m.id);
    out
}

impl Db {
    fn fail(&self) -> impl Fn(rusqlite::Error) -> DbError + '_ {
        move |cause| DbError::Sqlite {
            path: self.path.clone().unwrap_or_else(|| ":memory:".into()),
            cause,
        }
    }

    /// Every story's read state. Rows whose id is not a story id are left out: [`Db::marks_checked`]
    /// reports them.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn marks(&self) -> Result<HashMap<ArticleId, Mark>, DbError> {
        self.marks_checked().map(|(marks, _)| marks)
    }

    /// Every story's read state, and a warning for each row whose id is not a story id.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn marks_checked(&self) -> Result<(HashMap<ArticleId, Mark>, Vec<Warning>), DbError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, read_at, starred, position FROM marks")
            .map_err(self.fail())?;
        let rows = stmt
            .query_map([], |r| {
                let id: String = r.get(0)?;
                Ok((
                    id,
                    Mark {
                        read_at: r.get(1)?,
                        starred: r.get::<_, i64>(2)? != 0,
                        position: r.get(3)?,
                    },
                ))
            })
            .map_err(self.fail())?;
        let mut out = HashMap::new();
        let mut warnings = Vec::new();
        for row in rows {
            let (raw, mark) = row.map_err(self.fail())?;
            match ArticleId::parse(&raw) {
                Some(id) => {
                    out.insert(id, mark);
                }
                None => warnings.push(bad_mark(&self.display_path(), &raw)),
            }
        }
        Ok((out, warnings))
    }

    /// One story's read state.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn mark(&self, id: ArticleId) -> Result<Mark, DbError> {
        self.conn
            .prepare_cached("SELECT read_at, starred, position FROM marks WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([id.to_string()], |r| {
                    Ok(Mark {
                        read_at: r.get(0)?,
                        starred: r.get::<_, i64>(1)? != 0,
                        position: r.get(2)?,
                    })
                })
                .optional()
            })
            .map(Option::unwrap_or_default)
            .map_err(self.fail())
    }

    /// Marks stories read (a time) or unread (`None`), all in one transaction.
    ///
    /// # Errors
    /// When SQLite fails; nothing is changed then.
    pub fn set_read(
        &mut self,
        changes: &[(ArticleId, Option<&str>, Option<i64>)],
    ) -> Result<(), DbError> {
        let path = self.path.clone().unwrap_or_else(|| ":memory:".into());
        let fail = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO marks (id, url, read_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (id) DO UPDATE SET read_at = excluded.read_at, url = COALESCE(excluded.url, marks.url)",
                )
                .map_err(fail)?;
            for (id, url, read_at) in changes {
                stmt.execute(params![id.to_string(), url, read_at])
                    .map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }

    /// Stars or unstars a story.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn set_starred(
        &self,
        id: ArticleId,
        url: Option<&str>,
        starred: bool,
    ) -> Result<(), DbError> {
        self.conn
            .prepare_cached(
                "INSERT INTO marks (id, url, starred) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET starred = excluded.starred, url = COALESCE(excluded.url, marks.url)",
            )
            .and_then(|mut s| s.execute(params![id.to_string(), url, i64::from(starred)]))
            .map(drop)
            .map_err(self.fail())
    }

    /// Remembers where reading of a story stopped.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn set_position(
        &self,
        id: ArticleId,
        url: Option<&str>,
        position: u32,
    ) -> Result<(), DbError> {
        self.conn
            .prepare_cached(
                "INSERT INTO marks (id, url, position) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET position = excluded.position, url = COALESCE(excluded.url, marks.url)",
            )
            .and_then(|mut s| s.execute(params![id.to_string(), url, position]))
            .map(drop)
            .map_err(self.fail())
    }

    /// Merges `marks` into this database's in one transaction (salvaged marks into a fresh database):
    /// nothing already there is lost.
    ///
    /// # Errors
    /// When SQLite fails; nothing is changed then.
    pub fn restore_marks(&mut self, marks: &[StoredMark]) -> Result<(), DbError> {
        let path = self.display_path();
        let fail = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self.conn.transaction().map_err(fail)?;
        for m in marks {
            merge(&tx, m).map_err(fail)?;
        }
        tx.commit().map_err(fail)
    }

    /// Every mark, in id order, as stored (rows whose id is not a story id left out: opening the database
    /// reports them).
    #[must_use]
    pub fn stored_marks(&self) -> Vec<StoredMark> {
        salvage(&self.conn)
    }

    /// Every read story, oldest reading first, and a warning for each row whose id is not a story id.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn read_records(&self) -> Result<(Vec<ReadRecord>, Vec<Warning>), DbError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, url, read_at FROM marks WHERE read_at IS NOT NULL ORDER BY read_at, id",
            )
            .map_err(self.fail())?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(self.fail())?;
        let mut out = Vec::new();
        let mut warnings = Vec::new();
        for row in rows {
            let (raw, url, read_at) = row.map_err(self.fail())?;
            match ArticleId::parse(&raw) {
                Some(id) => out.push(ReadRecord { id, url, read_at }),
                None => warnings.push(bad_mark(&self.display_path(), &raw)),
            }
        }
        Ok((out, warnings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip() {
        let mut db = Db::in_memory().unwrap();
        let a = ArticleId(1);
        let b = ArticleId(2);
        db.set_read(&[
            (a, Some("https://x.test/a"), Some(100)),
            (b, None, Some(200)),
        ])
        .unwrap();
        db.set_starred(a, None, true).unwrap();
        db.set_position(b, None, 7).unwrap();
        db.set_read(&[(b, None, None)]).unwrap();
        let marks = db.marks().unwrap();
        assert_eq!(
            marks[&a],
            Mark {
                read_at: Some(100),
                starred: true,
                position: 0
            }
        );
        assert_eq!(
            marks[&b],
            Mark {
                read_at: None,
                starred: false,
                position: 7
            }
        );
        assert_eq!(db.mark(ArticleId(3)).unwrap(), Mark::default());
        let (records, warnings) = db.read_records().unwrap();
        assert!(warnings.is_empty());
        assert_eq!(
            records,
            vec![ReadRecord {
                id: a,
                url: Some("https://x.test/a".into()),
                read_at: 100
            }]
        );
    }
}
