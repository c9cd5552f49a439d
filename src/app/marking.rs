//! Read state actions: marking read and unread, mark-all with its question, stars, undo of any of them,
//! and the unread and starred filters.

use super::state::{Confirm, State, Undo};
use crate::config::MarkRead;
use crate::model::ArticleId;

/// Now, in Unix seconds.
fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// How many markings undo remembers; old steps are the least likely to be wanted.
const UNDO_DEPTH: usize = 1000;

fn remember(state: &mut State, step: Undo) {
    state.undo.push(step);
    if state.undo.len() > UNDO_DEPTH {
        state.undo.remove(0);
    }
}

/// Applies a read marking and remembers it for undo, when it was saved.
fn mark(state: &mut State, changes: &[(ArticleId, Option<i64>)]) {
    if changes.is_empty() {
        return;
    }
    let before: Vec<(ArticleId, Option<i64>)> = changes
        .iter()
        .map(|(id, _)| (*id, state.marks.get(id).and_then(|m| m.read_at)))
        .collect();
    if state.set_read(changes) {
        remember(state, Undo::Read(before));
    }
}

/// Marks the selected story read (opening does this).
pub fn mark_current_read(state: &mut State) {
    if let Some(id) = state.current().map(|h| h.id)
        && !state.is_read(id)
    {
        mark(state, &[(id, Some(now()))]);
    }
}

/// With `mark_read = "on_scroll_end"`: an opened story is marked read once its end is on screen.
pub fn at_scroll_end(state: &mut State) {
    if state.reading.mark_read == MarkRead::OnScrollEnd
        && state.current().map(|h| h.id) == state.opened
        && state.view().is_some()
        && state.scroll >= state.max_scroll()
    {
        mark_current_read(state);
    }
}

/// `m`: read becomes unread and unread becomes read.
pub fn toggle_read(state: &mut State) {
    let Some(id) = state.current().map(|h| h.id) else {
        return;
    };
    let to = if state.is_read(id) { None } else { Some(now()) };
    mark(state, &[(id, to)]);
}

/// `M`: asks before marking every listed story read.
pub fn ask_mark_all_read(state: &mut State) {
    if state.unread == 0 {
        state.message = Some("Every listed story is read already".to_owned());
        return;
    }
    state.confirm = Some(Confirm::MarkAllRead);
}

/// The answer to the pending question.
pub fn answer(state: &mut State, yes: bool) {
    let Some(question) = state.confirm.take() else {
        return;
    };
    if !yes {
        state.message = Some("Nothing marked".to_owned());
        return;
    }
    match question {
        Confirm::MarkAllRead => {
            let at = now();
            let changes: Vec<(ArticleId, Option<i64>)> = state
                .listed
                .iter()
                .map(|&i| state.headlines[i].id)
                .filter(|&id| !state.is_read(id))
                .map(|id| (id, Some(at)))
                .collect();
            let n = changes.len();
            let undo_depth = state.undo.len();
            mark(state, &changes);
            if state.undo.len() > undo_depth {
                state.message = Some(format!("Marked {n} {} read (z undoes)", stories(n)));
            }
        }
    }
}

fn stories(n: usize) -> &'static str {
    if n == 1 { "story" } else { "stories" }
}

/// `z`: takes back the last marking (read, unread or star).
pub fn undo(state: &mut State) {
    let Some(step) = state.undo.pop() else {
        state.message = Some("Nothing to undo".to_owned());
        return;
    };
    match step {
        Undo::Read(before) => {
            let n = before.len();
            if !state.set_read(&before) {
                state.undo.push(Undo::Read(before));
                return;
            }
            state.message = Some(format!("Undid the marking of {n} {}", stories(n)));
        }
        Undo::Star(id, was) => {
            if !set_star(state, id, was) {
                state.undo.push(Undo::Star(id, was));
                return;
            }
            state.message = Some(
                if was {
                    "Starred again"
                } else {
                    "Star taken back"
                }
                .to_owned(),
            );
        }
    }
    // Stories a filter hid may belong in the list again (and the one on screen stays).
    if state.filter.unread_only || state.filter.starred_only {
        state.relist(None, true);
    }
}

/// Sets a story's star in the database and, once saved, in memory.
fn set_star(state: &mut State, id: ArticleId, starred: bool) -> bool {
    let url = state
        .current()
        .filter(|h| h.id == id)
        .and_then(|h| h.url.clone());
    if let Err(e) = state.db.set_starred(id, url.as_deref(), starred) {
        state.message = Some(format!("not starred, could not save: {e}"));
        return false;
    }
    state.marks.entry(id).or_default().starred = starred;
    true
}

/// `s`: stars or unstars the selected story.
pub fn toggle_star(state: &mut State) {
    let Some(id) = state.current().map(|h| h.id) else {
        return;
    };
    let was = state.is_starred(id);
    if set_star(state, id, !was) {
        remember(state, Undo::Star(id, was));
    }
}

/// `U` and `S`: the unread-only and starred-only filters. When the story on screen is hidden, the nearest
/// story after it is selected.
pub fn toggle_filter(state: &mut State, unread: bool) {
    state.save_position();
    if unread {
        state.filter.unread_only = !state.filter.unread_only;
    } else {
        state.filter.starred_only = !state.filter.starred_only;
    }
    let before = state.current().map(|h| h.id);
    state.relist(None, false);
    state.message = Some(
        match (state.filter.unread_only, state.filter.starred_only) {
            (false, false) => "Listing every story",
            (true, false) => "Listing unread stories",
            (false, true) => "Listing starred stories",
            (true, true) => "Listing unread starred stories",
        }
        .to_owned(),
    );
    if state.current().map(|h| h.id) != before {
        state.enter_story();
    }
}
