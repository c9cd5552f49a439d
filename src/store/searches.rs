//! The queries typed in the reader's search prompt, kept so Up brings them back in the next run.

use super::db::{Db, DbError};

impl Db {
    /// Keeps `query` as the latest search (once: run again, it moves to the end), and at most `kept`
    /// searches in all. `at` is when it was run; the order is the order they were kept in.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn save_search(&mut self, query: &str, at: i64, kept: usize) -> Result<(), DbError> {
        let path = self.display_path();
        let err = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self.conn.transaction().map_err(err)?;
        tx.execute(
            "INSERT OR REPLACE INTO searches (query, at) VALUES (?1, ?2)",
            rusqlite::params![query, at],
        )
        .map_err(err)?;
        tx.execute(
            "DELETE FROM searches WHERE rowid NOT IN (SELECT rowid FROM searches ORDER BY rowid DESC LIMIT ?1)",
            [i64::try_from(kept).unwrap_or(i64::MAX)],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// The searches kept, oldest first.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn searches(&self) -> Result<Vec<String>, DbError> {
        let err = self.error();
        let mut stmt = self
            .conn
            .prepare("SELECT query FROM searches ORDER BY rowid")
            .map_err(&err)?;
        let rows = stmt.query_map([], |r| r.get(0)).map_err(&err)?;
        rows.collect::<rusqlite::Result<Vec<String>>>()
            .map_err(&err)
    }
}
