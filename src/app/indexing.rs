//! Taking in the background scan's steps: new and changed headlines merged into the list, removed ones
//! dropped, the files it skipped listed, and its progress shown.

use std::collections::HashSet;

use super::state::State;
use crate::store::scan::ScanUpdate;
use crate::text::thousands;

/// Two scan steps as one (the later step's progress wins).
#[must_use]
pub fn combine(earlier: Option<ScanUpdate>, later: ScanUpdate) -> ScanUpdate {
    let Some(mut merged) = earlier else {
        return later;
    };
    let replaced: HashSet<&std::path::Path> = later
        .removed
        .iter()
        .map(std::path::PathBuf::as_path)
        .collect();
    merged
        .added
        .retain(|h| !replaced.contains(h.path.as_path()));
    merged.removed.extend(later.removed);
    merged.added.extend(later.added);
    merged.warnings.extend(later.warnings);
    merged.done = later.done;
    merged.total = later.total;
    merged.finished = later.finished;
    merged
}

/// Applies a scan step to the reader.
pub fn absorb(state: &mut State, update: ScanUpdate) {
    if !update.removed.is_empty() {
        let redone: HashSet<&std::path::Path> = update
            .removed
            .iter()
            .map(std::path::PathBuf::as_path)
            .collect();
        state
            .warnings
            .retain(|w| !redone.contains(w.path.as_path()));
    }
    let new_warnings = update.warnings.len();
    state.warnings.extend(update.warnings);
    if !update.removed.is_empty() || !update.added.is_empty() {
        state.merge_headlines(&update.removed, update.added);
    }
    state.indexing = (!update.finished).then_some((update.done, update.total));
    if update.finished && update.total > 0 && state.message.is_none() {
        let skipped = state.warnings.len();
        state.message = Some(if skipped > 0 {
            format!(
                "Indexed {} files; {skipped} skipped or damaged (? shows why)",
                thousands(update.total)
            )
        } else {
            format!("Indexed {} files", thousands(update.total))
        });
    } else if new_warnings > 0 && state.message.is_none() {
        state.message = Some(format!(
            "{} files skipped or damaged (? shows why)",
            state.warnings.len()
        ));
    }
}
