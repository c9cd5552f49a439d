//! Moving between stories: previewing, opening (which marks read), jumps with history, next and previous
//! (unread) stories, and following related links.

use super::history::Entry;
use super::marking;
use super::state::{Focus, State};
use crate::config::MarkRead;

/// Moves the focused pane's selection or scroll by `delta`.
pub fn step(state: &mut State, delta: isize) {
    match state.focus {
        Focus::List => {
            let last = state.listed.len().saturating_sub(1);
            preview(state, state.selected.saturating_add_signed(delta).min(last));
        }
        Focus::Article => {
            state.scroll = state
                .scroll
                .saturating_add_signed(delta)
                .min(state.max_scroll());
        }
        Focus::Sidebar => {
            let links = state.view().map_or(0, |v| v.sidebar.len());
            state.link = state
                .link
                .saturating_add_signed(delta)
                .min(links.saturating_sub(1));
        }
    }
}

/// Shows the story at list position `index` without opening it, from where reading of it stopped.
pub fn preview(state: &mut State, index: usize) {
    if index != state.selected {
        state.save_position();
        state.selected = index;
        state.enter_story();
    }
}

/// The story shown now, as a history entry.
fn here(state: &State) -> Option<Entry> {
    state.current().map(|h| Entry {
        id: h.id,
        scroll: state.scroll,
    })
}

/// Enter: opens the selected story, or in the sidebar follows the selected link.
pub fn open_selected(state: &mut State) {
    if state.focus == Focus::Sidebar {
        follow_link(state);
    } else {
        open(state);
    }
}

/// Opens the selected story: it is marked read and the article takes focus.
fn open(state: &mut State) {
    if state.current().is_none() {
        return;
    }
    if state.reading.mark_read == MarkRead::OnOpen {
        marking::mark_current_read(state);
    }
    state.opened = state.current().map(|h| h.id);
    state.focus = Focus::Article;
}

/// Jumps to the story at list position `index`, scrolled to `scroll` (else where reading stopped),
/// remembering where the reader was.
fn jump(state: &mut State, index: usize, scroll: Option<usize>) {
    if let Some(from) = here(state)
        && index != state.selected
    {
        state.history.jump(from);
    }
    let rows = state.list_rows();
    let visible = index >= state.list_offset && index < state.list_offset + rows;
    preview(state, index);
    if !visible {
        // A far jump lands mid-list, with context above and below.
        state.list_offset = index.saturating_sub(rows / 2);
        state.refresh();
    }
    if let Some(scroll) = scroll {
        state.scroll = scroll.min(state.max_scroll());
    }
    open(state);
}

/// `J` and `K`: the next or previous story in list order.
pub fn jump_relative(state: &mut State, delta: isize) {
    let target = state.selected.saturating_add_signed(delta);
    if target >= state.listed.len() || (delta < 0 && state.selected == 0) {
        let edge = if delta > 0 {
            "This is the last story"
        } else {
            "This is the first story"
        };
        state.message = Some(edge.to_owned());
        return;
    }
    jump(state, target, None);
}

/// `n` and `N`: the next or previous unread story.
pub fn next_unread(state: &mut State, forward: bool) {
    // The story on screen counts when it is unread and was only previewed (the first `n` of a session).
    if let Some(id) = state.current().map(|h| h.id)
        && forward
        && !state.is_read(id)
        && state.opened != Some(id)
    {
        open(state);
        return;
    }
    let unread = |&i: &usize| !state.is_read(state.headlines[state.listed[i]].id);
    let found = if forward {
        (state.selected + 1..state.listed.len()).find(unread)
    } else {
        (0..state.selected).rev().find(unread)
    };
    if let Some(i) = found {
        jump(state, i, None);
    } else {
        let none = if forward {
            "No unread stories below"
        } else {
            "No unread stories above"
        };
        state.message = Some(none.to_owned());
    }
}

/// Goes back (or forward) in history, to the story and scroll position shown then.
pub fn travel(state: &mut State, back: bool) {
    let Some(current) = here(state) else { return };
    let entry = if back {
        state.history.back(current)
    } else {
        state.history.forward(current)
    };
    let Some(entry) = entry else {
        let none = if back {
            "Nothing to go back to"
        } else {
            "Nothing to go forward to"
        };
        state.message = Some(none.to_owned());
        return;
    };
    let Some(index) = state.position_of(entry.id) else {
        state.message = Some("That story is no longer listed".to_owned());
        return;
    };
    state.save_position();
    state.selected = index;
    state.enter_story();
    state.scroll = entry.scroll.min(state.max_scroll());
    open(state);
}

/// Follows the selected sidebar item: a related teaser to the story it points at, a link to the browser.
fn follow_link(state: &mut State) {
    let Some(view) = state.view() else { return };
    let Some(link) = view.story.related.get(state.link) else {
        let url = view.sidebar.get(state.link).and_then(|i| i.url.clone());
        request_open(state, url);
        return;
    };
    let Some(target) = link.target else {
        let url = link.url.clone();
        if url.is_some() {
            request_open(state, url);
        } else {
            state.message = Some("That teaser points to no stored story".to_owned());
        }
        return;
    };
    match state.position_of(target) {
        Some(index) if index == state.selected => open(state),
        Some(index) => jump(state, index, None),
        None if state.knows(target) => {
            state.message = Some("That story is hidden by the filter (U, S)".to_owned());
        }
        None => state.message = Some("That story is not in the store".to_owned()),
    }
}

/// `o`: the selected sidebar item's address, or, outside the sidebar, the story's own.
pub fn open_link(state: &mut State) {
    let url = if state.focus == Focus::Sidebar {
        state
            .view()
            .and_then(|v| v.sidebar.get(state.link))
            .and_then(|i| i.url.clone())
    } else {
        state.current().and_then(|h| h.url.clone())
    };
    request_open(state, url);
}

/// Asks the event loop to open `url` in the browser: only http and https addresses.
fn request_open(state: &mut State, url: Option<String>) {
    match url {
        Some(u) if u.starts_with("http://") || u.starts_with("https://") => {
            state.message = Some(format!("Opening {u}"));
            state.open_url = Some(u);
        }
        Some(u) => state.message = Some(format!("Not a web address: {u}")),
        None => state.message = Some("No web address to open here".to_owned()),
    }
}
