//! Read state in the database: when each story was read, whether it is starred, and where reading stopped.
//! Every change is its own committed transaction, so a kill loses nothing the screen showed.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::db::{Db, DbError};
use crate::model::ArticleId;

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

impl Db {
    fn fail(&self) -> impl Fn(rusqlite::Error) -> DbError + '_ {
        move |cause| DbError::Sqlite {
            path: self.path.clone().unwrap_or_else(|| ":memory:".into()),
            cause,
        }
    }

    /// Every story's read state.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn marks(&self) -> Result<HashMap<ArticleId, Mark>, DbError> {
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
        for row in rows {
            let (id, mark) = row.map_err(self.fail())?;
            if let Some(id) = ArticleId::parse(&id) {
                out.insert(id, mark);
            }
        }
        Ok(out)
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

    /// Writes `marks` back in one transaction (into a fresh database after damage).
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn restore_marks(&mut self, marks: &HashMap<ArticleId, Mark>) -> Result<(), DbError> {
        let path = self.path.clone().unwrap_or_else(|| ":memory:".into());
        let fail = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut stmt = tx
                .prepare_cached("INSERT OR REPLACE INTO marks (id, read_at, starred, position) VALUES (?1, ?2, ?3, ?4)")
                .map_err(fail)?;
            for (id, m) in marks {
                stmt.execute(params![
                    id.to_string(),
                    m.read_at,
                    i64::from(m.starred),
                    m.position
                ])
                .map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }

    /// Every read story, oldest reading first.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn read_records(&self) -> Result<Vec<ReadRecord>, DbError> {
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
        for row in rows {
            let (id, url, read_at) = row.map_err(self.fail())?;
            if let Some(id) = ArticleId::parse(&id) {
                out.push(ReadRecord { id, url, read_at });
            }
        }
        Ok(out)
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
        let records = db.read_records().unwrap();
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
