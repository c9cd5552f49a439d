//! How the commands list copies of one story, for the whole process: set once at start from
//! `[reading] clusters` and `list --all-copies`, as the size limit is.

use std::sync::atomic::{AtomicU8, Ordering};

/// How copies of one story are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Listing {
    /// One row per group of copies, shown from the fullest (`[reading] clusters = true`, the default).
    Clusters,
    /// One row per id: a story saved twice under one id once, other copies apart (`clusters = false`).
    Ids,
    /// Every file's story, copies included (`list --all-copies`).
    Every,
}

static LISTING: AtomicU8 = AtomicU8::new(0);

/// How copies are listed in this process.
#[must_use]
pub fn listing() -> Listing {
    match LISTING.load(Ordering::Relaxed) {
        1 => Listing::Ids,
        2 => Listing::Every,
        _ => Listing::Clusters,
    }
}

/// Sets how copies are listed, for the whole process.
pub fn set_listing(listing: Listing) {
    let value = match listing {
        Listing::Clusters => 0,
        Listing::Ids => 1,
        Listing::Every => 2,
    };
    LISTING.store(value, Ordering::Relaxed);
}
