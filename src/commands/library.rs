//! What the reader and `list` stand on: the database, the roots given on the command line, and the
//! headlines the index holds for them.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::model::{self, Headline};
use crate::store::Warning;
use crate::store::db::{Db, DbError, Opened, default_dir, is_damage};
use crate::store::scan::{self, ScanUpdate};

/// The data directory: `--data-dir` (or `BROADSHEET_DATA_DIR`), else the platform's.
///
/// # Errors
/// When neither is given and the platform has no data directory.
pub fn data_dir(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    given
        .map(Path::to_path_buf)
        .or_else(default_dir)
        .context("no data directory is known for this system; give one with --data-dir")
}

/// Opens the database, telling the user on stderr when a damaged one was moved aside.
///
/// # Errors
/// A newer schema, or a data directory that cannot be written.
pub fn open_db(given: Option<&Path>) -> anyhow::Result<Opened> {
    let dir = data_dir(given)?;
    let opened = Db::open(&dir)?;
    if let Some(notice) = &opened.notice {
        eprintln!("broadsheet: warning: {notice}");
    }
    Ok(opened)
}

/// The roots as absolute paths (so the index is shared whatever the working directory), with warnings for
/// the ones that do not exist.
#[must_use]
pub fn roots(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Warning>) {
    let mut roots = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        match std::fs::canonicalize(p) {
            Ok(abs) => roots.push(abs),
            Err(e) => {
                let reason = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or folder".to_owned()
                } else {
                    format!("cannot read: {e}")
                };
                warnings.push(Warning {
                    path: p.clone(),
                    reason,
                });
            }
        }
    }
    (roots, warnings)
}

/// The indexed headlines under `roots` in store order, one per story, and the files the index skipped.
///
/// # Errors
/// When the database cannot be read (a damaged file is replaced first).
pub fn indexed(
    opened: &mut Opened,
    roots: &[PathBuf],
) -> anyhow::Result<(Vec<Headline>, Vec<Warning>)> {
    let (mut headlines, skipped) = healing(opened, |db| {
        Ok((db.headlines(roots)?, db.file_errors(roots)?))
    })?;
    headlines.sort_by(model::store_order);
    model::dedupe(&mut headlines);
    Ok((headlines, skipped))
}

/// Brings the index of `roots` up to date now, then reads it: the headlines in store order, one per story,
/// and the warnings (the walk's, and the files the index skipped).
///
/// # Errors
/// When the database cannot be written (a damaged file is replaced, and the scan run again, first).
pub fn scan_and_list(
    opened: &mut Opened,
    roots: &[PathBuf],
) -> anyhow::Result<(Vec<Headline>, Vec<Warning>)> {
    let (mut headlines, warnings) = healing(opened, |db| {
        let mut warnings = Vec::new();
        scan::scan(db, roots, |update: ScanUpdate| {
            // Parse failures are kept in the index and read back below; only the walk's own warnings
            // (folders, loops) come from the scan.
            if update.done == 0 {
                warnings.extend(update.warnings);
            }
        })?;
        let headlines = db.headlines(roots)?;
        warnings.extend(db.file_errors(roots)?);
        Ok((headlines, warnings))
    })?;
    headlines.sort_by(model::store_order);
    model::dedupe(&mut headlines);
    Ok((headlines, warnings))
}

/// Runs `f` on the database; when that shows the file is damaged, the file is replaced (read state kept as
/// far as it can be read, the index started again), the user told, and `f` run once more.
///
/// # Errors
/// What `f` fails with otherwise, or a damaged file that cannot be replaced.
pub fn healing<T>(
    opened: &mut Opened,
    mut f: impl FnMut(&mut Db) -> Result<T, DbError>,
) -> anyhow::Result<T> {
    match f(&mut opened.db) {
        Ok(v) => Ok(v),
        Err(e) if is_damage(&e) && opened.db.path.is_some() => {
            let damaged = std::mem::replace(&mut opened.db, Db::in_memory()?);
            let fresh = damaged.recover(&e).unwrap_or(Err(e))?;
            if let Some(notice) = &fresh.notice {
                eprintln!("broadsheet: warning: {notice}");
            }
            *opened = fresh;
            Ok(f(&mut opened.db)?)
        }
        Err(e) => Err(e.into()),
    }
}
