//! What the reader and `list` stand on: the database, the roots given on the command line, and the
//! headlines the index holds for them.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::model::{self, Headline};
use crate::store::Warning;
use crate::store::db::{Db, Opened, default_dir};
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
/// When the database cannot be read.
pub fn indexed(db: &Db, roots: &[PathBuf]) -> anyhow::Result<(Vec<Headline>, Vec<Warning>)> {
    let mut headlines = db.headlines(roots)?;
    headlines.sort_by(model::store_order);
    model::dedupe(&mut headlines);
    Ok((headlines, db.file_errors(roots)?))
}

/// Brings the index of `roots` up to date now, returning the walk's warnings (missing folders, loops).
///
/// # Errors
/// When the database cannot be written.
pub fn scan_now(db: &mut Db, roots: &[PathBuf]) -> anyhow::Result<Vec<Warning>> {
    let mut walk_warnings = Vec::new();
    scan::scan(db, roots, |update: ScanUpdate| {
        // Parse failures are kept in the index and read back with the headlines; only the walk's own
        // warnings (folders, loops) need keeping here.
        if update.done == 0 {
            walk_warnings.extend(update.warnings);
        }
    })?;
    Ok(walk_warnings)
}
