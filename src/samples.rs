//! The bundled sample store: original stories in the seed's layout, embedded at build time from assets/.

use std::path::{Path, PathBuf};

use crate::store::{self, Store};

include!(concat!(env!("OUT_DIR"), "/samples.rs"));

/// The folder name that sample stories' paths start with.
pub const SAMPLE_DIR: &str = "sample";

/// Loads the bundled sample store.
#[must_use]
pub fn load() -> Store {
    let paths: Vec<PathBuf> = STORIES
        .iter()
        .map(|(name, _)| Path::new(SAMPLE_DIR).join(name))
        .collect();
    store::from_memory(
        paths
            .iter()
            .zip(STORIES)
            .map(|(p, (_, text))| (p.as_path(), text.as_bytes())),
    )
}

/// The bundled sample store, one story per id (as the reader lists it).
#[must_use]
pub fn load_listed() -> Store {
    let mut store = load();
    store.dedupe();
    store
}
