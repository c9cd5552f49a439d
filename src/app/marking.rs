//! Read state actions: marking read and unread, mark-all with its question, undo, stars and the unread
//! and starred filters.

use super::state::{Confirm, State};
use crate::config::MarkRead;
use crate::model::ArticleId;

/// Now, in Unix seconds.
fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Applies a marking and remembers it for undo.
fn mark(state: &mut State, changes: &[(ArticleId, Option<i64>)]) {
    if changes.is_empty() {
        return;
    }
    let before: Vec<(ArticleId, Option<i64>)> = changes
        .iter()
        .map(|(id, _)| (*id, state.marks.get(id).and_then(|m| m.read_at)))
        .collect();
    state.set_read(changes);
    state.undo.push(before);
    // Keep undo bounded; old steps are the least likely to be wanted.
    if state.undo.len() > 1000 {
        state.undo.remove(0);
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
            mark(state, &changes);
            state.message = Some(format!("Marked {n} {} read (z undoes)", stories(n)));
        }
    }
}

fn stories(n: usize) -> &'static str {
    if n == 1 { "story" } else { "stories" }
}

/// `z`: restores the read state before the last marking.
pub fn undo(state: &mut State) {
    let Some(step) = state.undo.pop() else {
        state.message = Some("Nothing to undo".to_owned());
        return;
    };
    let n = step.len();
    state.set_read(&step);
    state.message = Some(format!("Undid the marking of {n} {}", stories(n)));
}

/// `s`: stars or unstars the selected story.
pub fn toggle_star(state: &mut State) {
    let Some((id, url)) = state.current().map(|h| (h.id, h.url.clone())) else {
        return;
    };
    let starred = !state.is_starred(id);
    state.marks.entry(id).or_default().starred = starred;
    if let Err(e) = state.db.set_starred(id, url.as_deref(), starred) {
        state.message = Some(format!("could not save: {e}"));
    }
}

/// `U` and `S`: the unread-only and starred-only filters.
pub fn toggle_filter(state: &mut State, unread: bool) {
    state.save_position();
    if unread {
        state.filter.unread_only = !state.filter.unread_only;
    } else {
        state.filter.starred_only = !state.filter.starred_only;
    }
    let before = state.current().map(|h| h.id);
    state.relist(None);
    state.message = Some(
        match (state.filter.unread_only, state.filter.starred_only) {
            (false, false) => "Listing every story".to_owned(),
            (true, false) => "Listing unread stories".to_owned(),
            (false, true) => "Listing starred stories".to_owned(),
            (true, true) => "Listing unread starred stories".to_owned(),
        },
    );
    if state.current().map(|h| h.id) != before {
        state.enter_story();
    }
}
