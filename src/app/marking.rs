//! Read state actions: marking read and unread, mark-all with its question, stars, undo of any of them,
//! and the unread and starred filters. Each change shows at once and goes to the runner to be saved; a
//! save that fails is taken back (see `update`'s `NotSaved`).

use super::list::Filter;
use super::mode::{Mode, Question};
use super::read_state::Undo;
use super::state::State;
use crate::config::MarkRead;
use crate::model::ArticleId;
use crate::text::thousands;

/// Applies a read marking and remembers it for undo.
fn mark(state: &mut State, changes: &[(ArticleId, Option<i64>)]) {
    if changes.is_empty() {
        return;
    }
    let before = state.set_read(changes, false);
    state.read.remember(Undo::Read(before));
}

/// Marks the selected story read (opening does this).
pub fn mark_current_read(state: &mut State) {
    if let Some(id) = state.current().map(|h| h.id)
        && !state.is_read(id)
    {
        let now = state.now;
        mark(state, &[(id, Some(now))]);
    }
}

/// With `mark_read = "on_scroll_end"`: an opened story is marked read once its end is on screen.
pub fn at_scroll_end(state: &mut State) {
    if state.reading.mark_read == MarkRead::OnScrollEnd
        && state.current().map(|h| h.id) == state.read.opened()
        && state.story_view().is_some()
        && state.article.scroll() >= state.max_scroll()
    {
        mark_current_read(state);
    }
}

/// `m`: read becomes unread and unread becomes read.
pub fn toggle_read(state: &mut State) {
    let Some(id) = state.current().map(|h| h.id) else {
        return;
    };
    let to = if state.is_read(id) {
        None
    } else {
        Some(state.now)
    };
    mark(state, &[(id, to)]);
}

/// `M`: asks before marking every listed story read.
pub fn ask_mark_all_read(state: &mut State) {
    let count = state.list.unread();
    if count == 0 {
        state.message = Some("Every listed story is read already".to_owned());
        return;
    }
    // Search results are what is listed, within the view.
    let label = super::views::view_label(state);
    let view = match state.search.active() {
        Some(active) => format!("the results of /{} in \u{201c}{label}\u{201d}", active.text),
        None => format!("\u{201c}{label}\u{201d}"),
    };
    state.mode = Mode::Confirm(Question::MarkAllRead { count, view });
}

/// The answer to the pending question.
pub fn answer(state: &mut State, yes: bool) {
    let Mode::Confirm(question) = std::mem::take(&mut state.mode) else {
        return;
    };
    if !yes {
        state.message = Some("Nothing marked".to_owned());
        return;
    }
    match question {
        Question::MarkAllRead { .. } => {
            let at = state.now;
            let changes: Vec<(ArticleId, Option<i64>)> = state
                .list
                .iter()
                .map(|h| h.id)
                .filter(|&id| !state.read.is_read(id))
                .map(|id| (id, Some(at)))
                .collect();
            let n = changes.len();
            mark(state, &changes);
            state.message = Some(format!("Marked {} read (z undoes)", stories(n)));
        }
    }
}

/// "1 story", "2,000 stories".
fn stories(n: usize) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { "story" } else { "stories" }
    )
}

/// `z`: takes back the last marking (read, unread or star).
pub fn undo(state: &mut State) {
    let Some(step) = state.read.take_undo() else {
        state.message = Some("Nothing to undo".to_owned());
        return;
    };
    match step {
        Undo::Read(before) => {
            let n = before.len();
            state.set_read(&before, true);
            state.message = Some(format!("Undid the marking of {}", stories(n)));
        }
        Undo::Star(id, was) => {
            state.set_star(id, was, true);
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
    if state.list.filter().any() {
        state.list.relist(None, true, &state.read);
    }
}

/// `s`: stars or unstars the selected story.
pub fn toggle_star(state: &mut State) {
    let Some(id) = state.current().map(|h| h.id) else {
        return;
    };
    let was = state.is_starred(id);
    state.set_star(id, !was, false);
    state.read.remember(Undo::Star(id, was));
}

/// `U` and `S`: the unread-only and starred-only filters. When the story on screen is hidden, the nearest
/// story after it is selected.
pub fn toggle_filter(state: &mut State, unread: bool) {
    state.save_position();
    let mut filter: Filter = state.list.filter();
    if unread {
        filter.unread_only = !filter.unread_only;
    } else {
        filter.starred_only = !filter.starred_only;
    }
    let before = state.current().map(|h| h.id);
    state.list.set_filter(filter, &state.read);
    state.message = Some(
        match (filter.unread_only, filter.starred_only) {
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

/// Marks changed in the database by someone else (the CLI, another reader): shown at once, counts and
/// filters kept right, nothing saved back. The status bar says how many stories changed, when any did.
pub fn from_elsewhere(state: &mut State, changed: &[(ArticleId, crate::store::marks::Mark)]) {
    let mut shown = 0;
    for &(id, mark) in changed {
        let before = state.read.mark(id);
        if before == mark {
            continue;
        }
        if before.read_at != mark.read_at {
            let was = state.read.set_read(id, mark.read_at);
            state.list.read_changed(id, was, mark.read_at.is_some());
        }
        if before.starred != mark.starred {
            state.read.set_starred(id, mark.starred);
        }
        if before.position != mark.position {
            state.read.set_position(id, mark.position);
        }
        if state.list.knows(id) {
            shown += 1;
        }
    }
    if shown == 0 {
        return;
    }
    if state.list.filter().any() {
        state.list.relist(None, true, &state.read);
    }
    state.message = Some(format!("{} marked elsewhere", stories(shown)));
}
