//! Searches saved as views, and where the reader was (its view, sorts, filters and story) for each set of
//! folders it was opened on, so the next start comes back there.

use super::db::{Db, DbError};
use crate::views::SavedSearch;

impl Db {
    /// Saves `query` as the view `name` (replacing a view of that name). `at` is when (Unix seconds).
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn save_view(&mut self, name: &str, query: &str, at: i64) -> Result<(), DbError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO views (name, query, at) VALUES (?1, ?2, ?3)",
                rusqlite::params![name, query, at],
            )
            .map(drop)
            .map_err(self.error())
    }

    /// Deletes the saved view `name`; returns whether there was one.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn delete_view(&mut self, name: &str) -> Result<bool, DbError> {
        self.conn
            .execute("DELETE FROM views WHERE name = ?1", [name])
            .map(|n| n > 0)
            .map_err(self.error())
    }

    /// The searches saved as views, in the order they were saved.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn saved_views(&self) -> Result<Vec<SavedSearch>, DbError> {
        let err = self.error();
        let mut stmt = self
            .conn
            .prepare("SELECT name, query FROM views ORDER BY rowid")
            .map_err(&err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(SavedSearch {
                    name: r.get(0)?,
                    query: r.get(1)?,
                    configured: false,
                })
            })
            .map_err(&err)?;
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(&err)
    }

    /// Keeps `place` (the reader's, as JSON) for the folders `paths` (one key for the set).
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn save_place(&mut self, paths: &str, place: &str, at: i64) -> Result<(), DbError> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO places (paths, place, at) VALUES (?1, ?2, ?3)",
                rusqlite::params![paths, place, at],
            )
            .map(drop)
            .map_err(self.error())
    }

    /// The place kept for the folders `paths`, if any.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn place(&self, paths: &str) -> Result<Option<String>, DbError> {
        use rusqlite::OptionalExtension as _;
        self.conn
            .query_row("SELECT place FROM places WHERE paths = ?1", [paths], |r| {
                r.get(0)
            })
            .optional()
            .map_err(self.error())
    }
}
