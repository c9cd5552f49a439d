//! Bringing the index up to date: walk the roots, parse only new and changed files (in parallel, in
//! batches), forget removed ones, and report progress after each batch so the list fills in as it goes.

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;

use super::db::{Db, DbError};
use super::index::{FileStamp, Parsed};
use super::{Warning, walk};
use crate::loader;
use crate::model::Headline;

/// Files parsed and written per batch: big enough to keep both cores busy, small enough that the list
/// updates several times a second.
const BATCH: usize = 2000;

/// What one step of a scan changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScanUpdate {
    /// Files whose stories are gone or replaced: drop every headline from them.
    pub removed: Vec<PathBuf>,
    /// Headlines of files (re)indexed in this step.
    pub added: Vec<Headline>,
    /// Files skipped or loaded with losses in this step.
    pub warnings: Vec<Warning>,
    /// Files parsed so far.
    pub done: usize,
    /// Files to parse in this scan.
    pub total: usize,
    /// Whether the scan is over.
    pub finished: bool,
}

/// Parses one file for the index.
fn parse(stamp: FileStamp) -> Parsed {
    match loader::load_path(&stamp.path) {
        Ok(loaded) => Parsed {
            stamp,
            outcome: Ok(loaded.articles),
            warnings: loaded.warnings,
        },
        Err(e) => Parsed {
            stamp,
            outcome: Err(e.to_string()),
            warnings: Vec::new(),
        },
    }
}

/// Brings the index of `roots` up to date, calling `report` after the walk and after each batch.
/// Returns how many files were parsed.
///
/// # Errors
/// When the database cannot be written.
pub fn scan(
    db: &mut Db,
    roots: &[PathBuf],
    mut report: impl FnMut(ScanUpdate),
) -> Result<usize, DbError> {
    let (mut found, mut walk_warnings) = walk::stamped(roots);
    // The index keys files by UTF-8 path; a name that is not UTF-8 could never be found again.
    found.retain(|s| {
        let fits = s.path.to_str().is_some();
        if !fits {
            walk_warnings.push(Warning {
                path: s.path.clone(),
                reason: "the file name is not UTF-8, so it is not indexed (show reads it)"
                    .to_owned(),
            });
        }
        fits
    });
    let known = db.indexed_files(roots)?;
    let present: HashSet<&PathBuf> = found.iter().map(|s| &s.path).collect();
    let removed: Vec<PathBuf> = known
        .keys()
        .filter(|p| !present.contains(p))
        .cloned()
        .collect();
    let stale: Vec<FileStamp> = found
        .into_iter()
        .filter(|s| known.get(&s.path) != Some(&(s.size, s.mtime)))
        .collect();
    if !removed.is_empty() {
        db.remove_files(&removed)?;
    }
    let total = stale.len();
    report(ScanUpdate {
        removed,
        warnings: walk_warnings,
        total,
        finished: total == 0,
        ..ScanUpdate::default()
    });
    // Room for the index's pages while batches are written (SQLite's default is 2 MB), given back after.
    let bulk = total > 0;
    if bulk {
        let _ = db.conn.pragma_update(None, "cache_size", -65536);
    }
    let result = write_batches(db, stale, total, &mut report);
    if bulk {
        let _ = db.conn.pragma_update(None, "cache_size", -2000);
    }
    result.map(|()| total)
}

/// Parses `stale` batch by batch on a thread of its own (with rayon's pool) while this thread writes each
/// batch and reports it: the channel holds one batch ahead, so parsing and writing overlap.
fn write_batches(
    db: &mut Db,
    stale: Vec<FileStamp>,
    total: usize,
    report: &mut impl FnMut(ScanUpdate),
) -> Result<(), DbError> {
    let mut done = 0;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Parsed>>(1);
    std::thread::scope(|scope| -> Result<(), DbError> {
        scope.spawn(move || {
            let mut stale = stale.into_iter().peekable();
            while stale.peek().is_some() {
                let batch: Vec<FileStamp> = stale.by_ref().take(BATCH).collect();
                if tx.send(batch.into_par_iter().map(parse).collect()).is_err() {
                    break;
                }
            }
        });
        for parsed in rx {
            db.write_files(&parsed)?;
            done += parsed.len();
            report(batch_update(parsed, done, total));
        }
        Ok(())
    })
}

/// What a written batch changed, for the reader.
fn batch_update(parsed: Vec<Parsed>, done: usize, total: usize) -> ScanUpdate {
    let mut update = ScanUpdate {
        done,
        total,
        finished: done == total,
        ..ScanUpdate::default()
    };
    for p in parsed {
        update.removed.push(p.stamp.path.clone());
        for reason in p.warnings {
            update.warnings.push(Warning {
                path: p.stamp.path.clone(),
                reason,
            });
        }
        match p.outcome {
            Ok(articles) => update.added.extend(articles.iter().map(Headline::from)),
            Err(reason) => update.warnings.push(Warning {
                path: p.stamp.path,
                reason,
            }),
        }
    }
    update
}
