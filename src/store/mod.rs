//! The store: every story from the given files and folders, in a stable order, with related links resolved.

pub mod db;
pub mod fulltext;
pub mod guids;
pub mod index;
pub mod marks;
pub mod resolve;
pub mod scan;
pub mod searches;
pub mod views;
pub mod walk;

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::loader::{self, LoadError, Loaded};
use crate::model::Article;
use crate::text::clean::{Breaks, clean};

/// Something that went wrong with one file or folder; the rest of the store is unaffected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong, for a person.
    pub reason: String,
}

impl fmt::Display for Warning {
    /// The path and the reason, on one line with no control sequence: a file's name can hold ESC as well
    /// as its text, and reasons quote what a parser choked on.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let one_line = |s: String| clean(Cow::Owned(s), Breaks::OneLine).into_owned();
        write!(
            f,
            "{}: {}",
            one_line(self.path.display().to_string()),
            clean(Cow::Borrowed(&self.reason), Breaks::OneLine)
        )
    }
}

/// The loaded stories and the warnings met while loading them. Every file's stories are here, copies
/// included, until [`Store::dedupe`].
#[derive(Debug, Default)]
pub struct Store {
    /// Newest first where dated, undated after, then by path and entry.
    pub articles: Vec<Article>,
    /// One per file or folder that was skipped or loaded with losses.
    pub warnings: Vec<Warning>,
}

impl Store {
    /// Keeps one story per id: the same story saved twice (copies, symlinks, typographic re-saves, a page
    /// and its feed entry) is listed once, the fullest copy first, else the first in store order.
    pub fn dedupe(&mut self) {
        crate::model::dedupe(&mut self.articles);
    }
}

/// Loads every story under `paths` (files and folders, walked recursively), parsing files in parallel.
#[must_use]
pub fn load(paths: &[PathBuf]) -> Store {
    let (files, mut warnings) = walk::files(paths);
    let mut store = load_files(files);
    warnings.append(&mut store.warnings);
    store.warnings = warnings;
    store
}

/// Loads the given files (already walked), in parallel. A file that has vanished or cannot be read since
/// it was found gives a warning, like any other bad file.
#[must_use]
pub fn load_files(files: Vec<PathBuf>) -> Store {
    assemble(
        files
            .into_par_iter()
            .map(|path| {
                let result = loader::load_path(&path);
                (path, result)
            })
            .collect(),
    )
}

/// Builds a store from already-read files: `(path, bytes)` pairs (the embedded sample store, tests).
#[must_use]
pub fn from_memory<'a>(files: impl IntoIterator<Item = (&'a Path, &'a [u8])>) -> Store {
    assemble(
        files
            .into_iter()
            .map(|(path, bytes)| (path.to_path_buf(), loader::load_bytes(path, bytes)))
            .collect(),
    )
}

/// Orders, de-duplicates and links the stories of loaded files, and collects their warnings.
fn assemble(results: Vec<(PathBuf, Result<Loaded, LoadError>)>) -> Store {
    let mut store = Store::default();
    for (path, result) in results {
        match result {
            Ok(loaded) => {
                for reason in loaded.warnings {
                    store.warnings.push(Warning {
                        path: path.clone(),
                        reason,
                    });
                }
                store.articles.extend(loaded.articles);
            }
            Err(e) => store.warnings.push(Warning {
                path,
                reason: e.to_string(),
            }),
        }
    }
    sort(&mut store.articles);
    resolve::resolve(&mut store.articles);
    store
}

/// Newest first where dated, undated after, then by path and entry.
pub fn sort(articles: &mut [Article]) {
    articles.sort_by(crate::model::store_order);
}
