//! Keeping the search index in step with the database: opened beside it, filled after each write of
//! story rows, committed now and then and at the end of a scan, and caught up at the start of the next
//! scan when the process died in between (see `search::engine`).

use std::path::PathBuf;
use std::time::Duration;

use super::Warning;
use super::db::{Db, DbError};
use super::index::Parsed;
use crate::search::document::Document;
use crate::search::engine::{EngineError, FOLDER, SearchIndex};
use crate::search::query::{Expr, Sort};
use crate::search::rank::Matches;

/// How long newly written stories may wait to become searchable while a scan runs. Each commit writes
/// small segments that are merged later: every 5 s keeps a first scan of 100,000 pages to two or three
/// commits, while stories listed during a long scan are found soon after.
pub const COMMIT_EVERY: Duration = Duration::from_secs(5);

/// The search index folder of a database file.
fn folder(db: &Db) -> Option<PathBuf> {
    Some(db.path.as_ref()?.parent()?.join(FOLDER))
}

impl Db {
    /// The search index, opened (or made) on first use: beside the file, or in memory for a database in
    /// memory.
    fn search_index(&mut self) -> Result<&mut SearchIndex, EngineError> {
        if self.search.is_none() {
            let opened = match folder(self) {
                Some(dir) => SearchIndex::open(&dir)?,
                None => SearchIndex::in_memory()?,
            };
            self.search = Some(Box::new(opened));
        }
        self.search
            .as_deref_mut()
            .ok_or_else(|| unreachable!("opened just above"))
    }

    /// Before a scan: opens the search index, and has files read again whose documents it may lack. All
    /// of them when the index was just made (the first run of this version, or a folder deleted or
    /// damaged); else those still listed as pending (the last run died between the database's commit and
    /// the index's), and a pending file that is gone has its documents dropped.
    ///
    /// # Errors
    /// When the database cannot be written. An index that cannot be opened is a warning, returned.
    pub fn prepare_search(&mut self) -> Result<Option<Warning>, DbError> {
        let index = match self.search_index() {
            Ok(index) => index,
            Err(e) => return Ok(Some(warning(&e))),
        };
        let fresh = index.fresh;
        let err = self.error();
        if fresh {
            self.conn
                .execute_batch("UPDATE files SET extractor = -1; DELETE FROM search_pending;")
                .map_err(&err)?;
            return Ok(None);
        }
        let pending: Vec<(String, bool)> = self
            .conn
            .prepare(
                "SELECT p.path, f.path IS NOT NULL FROM search_pending p LEFT JOIN files f ON f.path = p.path",
            )
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()
            })
            .map_err(&err)?;
        if pending.is_empty() {
            return Ok(None);
        }
        self.conn
            .execute(
                "UPDATE files SET extractor = -1 WHERE path IN (SELECT path FROM search_pending)",
                [],
            )
            .map_err(&err)?;
        drop(err);
        let gone: Vec<String> = pending
            .into_iter()
            .filter_map(|(path, present)| (!present).then_some(path))
            .collect();
        let Ok(index) = self.search_index() else {
            return Ok(None);
        };
        for path in &gone {
            if let Err(e) = index.replace(path, &[], true) {
                return Ok(Some(warning(&e)));
            }
            index.uncommitted.push(path.clone());
        }
        Ok(None)
    }

    /// After story rows were committed: their documents, replacing the files' old ones (`known`: whether
    /// the database held each file before; a new file has no documents to drop). A failure leaves the
    /// files pending, for the next scan.
    pub(super) fn index_written(&mut self, parsed: &[Parsed], known: &[bool]) {
        let Ok(index) = self.search_index() else {
            return;
        };
        for (i, p) in parsed.iter().enumerate() {
            let path = p.stamp.path.to_string_lossy();
            let articles = p.outcome.as_ref().map_or(&[][..], Vec::as_slice);
            let documents: Vec<(&crate::model::Headline, &Document)> =
                articles.iter().map(|a| &a.head).zip(&p.documents).collect();
            let replaced = known.get(i).copied().unwrap_or(true);
            if index.replace(&path, &documents, replaced).is_err() {
                return;
            }
            index.uncommitted.push(path.into_owned());
        }
        self.commit_search_when_due();
    }

    /// After files were forgotten: their documents dropped.
    pub(super) fn index_removed(&mut self, paths: &[PathBuf]) {
        let Ok(index) = self.search_index() else {
            return;
        };
        for p in paths {
            let path = p.to_string_lossy();
            if index.replace(&path, &[], true).is_err() {
                return;
            }
            index.uncommitted.push(path.into_owned());
        }
        self.commit_search_when_due();
    }

    fn commit_search_when_due(&mut self) {
        if self
            .search
            .as_ref()
            .is_some_and(|i| i.committed_at.elapsed() >= COMMIT_EVERY)
        {
            let _ = self.commit_search();
        }
    }

    /// Commits the search index and clears the files it now holds from `search_pending`.
    fn commit_search(&mut self) -> Result<(), EngineError> {
        let Some(index) = self.search.as_mut() else {
            return Ok(());
        };
        // With no writer nothing was committed, and the files written since stay pending.
        if !index.commit()? {
            return Ok(());
        }
        let done = std::mem::take(&mut index.uncommitted);
        if done.is_empty() {
            return Ok(());
        }
        // Failing here only leaves the files pending: the next scan reads them again.
        if let Ok(tx) = self.conn.transaction() {
            if let Ok(mut clear) = tx.prepare_cached("DELETE FROM search_pending WHERE path = ?1") {
                for path in &done {
                    let _ = clear.execute([path]);
                }
            }
            let _ = tx.commit();
        }
        Ok(())
    }

    /// At the end of a scan: commits what is left, and lets go of the writer (its threads, its memory and
    /// its lock). A failure is a warning: the files stay pending, and the next scan tries again.
    pub fn finish_search(&mut self) -> Option<Warning> {
        let committed = self.commit_search();
        if let Some(index) = self.search.as_mut() {
            index.release();
        }
        committed.err().map(|e| warning(&e))
    }

    /// How many commits the search index has made since it was opened (0 when it is not open).
    #[must_use]
    pub fn search_commits(&self) -> u64 {
        self.search.as_ref().map_or(0, |i| i.commits)
    }

    /// A story's text as the search index keeps it, for snippets.
    ///
    /// # Errors
    /// When the index cannot be opened or read.
    pub fn text_of(&mut self, id: crate::model::ArticleId) -> Result<Option<String>, EngineError> {
        self.search_index()?.text_of(id)
    }

    /// What the search index matches for a query's words.
    ///
    /// # Errors
    /// When the index cannot be opened or read.
    pub fn find(&mut self, text: Option<&Expr>, sort: Sort) -> Result<Matches, EngineError> {
        self.search_index()?.find(text, sort)
    }
}

/// A search index problem as a warning naming the index.
fn warning(e: &EngineError) -> Warning {
    Warning {
        path: e.path.clone(),
        reason: format!(
            "search index: {}; searches may miss stories until a later scan",
            e.cause
        ),
    }
}
