//! Taking in the background scan's steps: new and changed headlines merged into the list, removed ones
//! dropped, the files it skipped listed, and its progress shown.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::state::State;
use crate::store::scan::ScanUpdate;
use crate::text::thousands;

/// Two scan steps as one (the later step's progress wins): the runner merges the steps that arrive
/// together, so the list is re-sorted once per frame.
#[must_use]
pub fn combine(earlier: Option<ScanUpdate>, later: ScanUpdate) -> ScanUpdate {
    let Some(mut merged) = earlier else {
        return later;
    };
    let replaced: HashSet<&Path> = later.removed.iter().map(PathBuf::as_path).collect();
    merged
        .added
        .retain(|h| !replaced.contains(h.path.as_path()));
    merged.removed.extend(later.removed);
    merged.added.extend(later.added);
    match (&mut merged.signals, later.signals) {
        (_, None) => {}
        // A whole scan's groups replace what came before.
        (_, Some(kin)) if kin.groups.is_some() => merged.signals = Some(kin),
        (Some(mine), Some(kin)) => mine.stories.extend(kin.stories),
        (mine @ None, Some(kin)) => *mine = Some(kin),
    }
    merged.warnings.extend(later.warnings);
    merged.done = later.done;
    merged.total = later.total;
    merged.finished = later.finished;
    merged.searchable |= later.searchable;
    merged.notice = merged.notice.or(later.notice);
    merged
}

/// Most new stories one frame takes in from a watcher's scan. A frame that lands stories in a list of
/// 100,000 costs the UI thread about a millisecond and then some 10–20 µs a story, each grouped against
/// every story's copies by its signals (`cargo bench --bench reader --
/// stories_landing_with_signals_to_frame`, medians, two runs on 2026-12-01: 0.81 / 1.34 ms for 1 story,
/// 2.97 ms for 100, 1.48 ms for 50, 5.35 / 3.93 ms for 250): 50 keeps a frame under the 2 ms it may take
/// while files arrive. The rest land in the frames that follow, one after another with no wait
/// between, so 1,000 files take 20 frames, some 40 ms in all.
pub const LANDING_PER_FRAME: usize = 50;

/// The part of a watcher's scan step that one frame takes in, and the rest for the frames after: only a
/// step that brings new files and nothing else (no files gone, no whole scan's groups) is cut, at
/// [`LANDING_PER_FRAME`] stories, each story's signals going with it. Messages go with the first part;
/// the end of the scan and a commit of the index (each runs a search in force again) with the last, so
/// that the search sees every story landed.
#[must_use]
pub fn portion(mut update: ScanUpdate) -> (ScanUpdate, Option<ScanUpdate>) {
    let whole = !update.live
        || !update.removed.is_empty()
        || update.added.len() <= LANDING_PER_FRAME
        || update.signals.as_ref().is_some_and(|k| k.groups.is_some());
    if whole {
        return (update, None);
    }
    let later = update.added.split_off(LANDING_PER_FRAME);
    let now: HashSet<_> = update.added.iter().map(|h| h.id).collect();
    let later_signals = update.signals.as_mut().map_or_else(Vec::new, |kin| {
        let (mine, theirs) = std::mem::take(&mut kin.stories)
            .into_iter()
            .partition(|(id, _)| now.contains(id));
        kin.stories = mine;
        theirs
    });
    let rest = ScanUpdate {
        added: later,
        signals: crate::store::scan::Kin::of(later_signals),
        done: update.done,
        total: update.total,
        finished: update.finished,
        searchable: update.searchable,
        live: true,
        ..ScanUpdate::default()
    };
    update.finished = false;
    update.searchable = false;
    (update, Some(rest))
}

/// Applies a scan step to the reader.
pub fn absorb(state: &mut State, update: ScanUpdate) {
    if !update.removed.is_empty() {
        let redone: HashSet<&Path> = update.removed.iter().map(PathBuf::as_path).collect();
        state
            .warnings
            .retain(|w| !redone.contains(w.path.as_path()));
    }
    if let Some(notice) = &update.notice {
        // Said once: the scan sends it with the step where the database stopped taking writes.
        state.notify(notice.warning(), notice.short().to_owned());
    }
    let new_warnings = update.warnings.len();
    state.warnings.extend(update.warnings);
    let mut signals = Vec::new();
    let mut regrouped = false;
    if let Some(kin) = update.signals {
        if let Some(groups) = kin.groups {
            state.list.take_groups(groups);
            regrouped = true;
        }
        signals = kin.stories;
    }
    if regrouped || !update.removed.is_empty() || !update.added.is_empty() || !signals.is_empty() {
        // Bodies may have changed, and teasers may now resolve to the new stories: parse again as shown.
        state.article.invalidate();
        let before = state.current().map(|h| h.id);
        // Stories that a watcher or a rescan brings are new until looked at (the start's scan brings
        // what landed while the reader was closed, or every story of a first run, which says nothing).
        if (update.live || state.rescanning) && !state.list.all().is_empty() {
            let fresh: Vec<_> = update
                .added
                .iter()
                .map(|h| h.id)
                .filter(|id| !state.list.knows(*id))
                .collect();
            state.fresh.extend(fresh);
        }
        let kin = |state: &State| {
            state
                .current()
                .map(|h| (h.id, state.list.copies().of(h.id).len()))
        };
        let kin_before = kin(state);
        let (stored, adding, removing) = (
            state.list.all().len(),
            update.added.len(),
            !update.removed.is_empty(),
        );
        state
            .list
            .merge(&update.removed, update.added, signals, &state.read);
        if kin(state) != kin_before {
            // The story on screen has other copies now: the stories like it are asked for again,
            // its copies left out.
            state.similar = None;
            state.similar_asked = None;
        }
        // Only a step that took stories away (a file gone, copies sorted out) can leave one new to nobody.
        if removing || state.list.all().len() != stored + adding {
            let listed = &state.list;
            state.fresh.retain(|id| listed.knows(*id));
        }
        state.share_marks();
        // Until the user acts, the list shows its top as it fills; what a watcher brings moves nothing.
        if !state.acted && !update.live && state.list.select(0) {
            state.list.set_offset(0);
        }
        if state.current().map(|h| h.id) != before {
            state.enter_story();
        }
        state.refresh();
    }
    // A watcher's steps show as "N new", not as indexing progress nor "Indexed …"; a message about bad
    // files still shows.
    if !update.live {
        state.indexing = (!update.finished).then_some((update.done, update.total));
    }
    // A search in force runs again on what the scan wrote (committed to the index by its last step), and
    // saved searches are counted (and their views listed) again: at the scan's end, and while a long
    // scan runs, each time the index commits what it wrote so far.
    let changed = update.total > 0 || !update.removed.is_empty();
    if (update.finished && changed) || update.searchable {
        super::finding::rerun(state);
        super::views::ask_counts(state, true);
    }
    let whole_scan_ended = update.finished && !update.live;
    if whole_scan_ended && std::mem::take(&mut state.rescanning) {
        state.message = Some(match update.total {
            0 => "Scanned again: nothing changed".to_owned(),
            1 => "Scanned again: 1 file read".to_owned(),
            n => format!("Scanned again: {} files read", thousands(n)),
        });
    } else if whole_scan_ended && update.total > 0 && state.message.is_none() {
        let skipped = state.warnings.len();
        state.message = Some(if skipped > 0 {
            format!(
                "Indexed {} files; {} skipped or damaged (? shows why)",
                thousands(update.total),
                thousands(skipped)
            )
        } else {
            format!("Indexed {} files", thousands(update.total))
        });
    } else if new_warnings > 0 && state.message.is_none() {
        state.message = Some(format!(
            "{} files skipped or damaged (? shows why)",
            thousands(state.warnings.len())
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::Signals;
    use crate::model::Headline;
    use crate::store::scan::Kin;

    fn step(n: usize, live: bool) -> ScanUpdate {
        let added: Vec<Headline> = crate::synth::articles(n, 3, 1)
            .iter()
            .map(Headline::from)
            .collect();
        let signals = added.iter().map(|h| (h.id, Signals::default())).collect();
        ScanUpdate {
            added,
            signals: Kin::of(signals),
            done: n,
            total: n,
            finished: true,
            live,
            ..ScanUpdate::default()
        }
    }

    #[test]
    fn a_watchers_big_step_is_cut_with_each_storys_signals() {
        let mut committed = step(LANDING_PER_FRAME + 40, true);
        committed.searchable = true;
        let (now, later) = portion(committed);
        let later = later.expect("a rest");
        assert_eq!(now.added.len(), LANDING_PER_FRAME);
        assert_eq!(later.added.len(), 40);
        for part in [&now, &later] {
            let signals = &part.signals.as_ref().expect("signals").stories;
            assert!(
                signals
                    .iter()
                    .map(|(id, _)| id)
                    .eq(part.added.iter().map(|h| &h.id))
            );
        }
        assert!(
            !now.finished && later.finished,
            "the scan ends with its last part"
        );
        assert!(
            !now.searchable && later.searchable,
            "a search runs again once every story landed"
        );
        let (again, none) = portion(later);
        assert!(none.is_none() && again.added.len() == 40);
    }

    #[test]
    fn a_whole_scans_step_or_one_that_removes_is_taken_whole() {
        assert!(portion(step(LANDING_PER_FRAME * 3, false)).1.is_none());
        let mut removing = step(LANDING_PER_FRAME * 3, true);
        removing.removed.push(std::path::PathBuf::from("gone.txt"));
        assert!(portion(removing).1.is_none());
    }
}
