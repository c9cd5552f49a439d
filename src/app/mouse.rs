//! The mouse: a click selects a row or link and focuses its pane; the wheel scrolls the pane under it.

use super::layout::{self, Focus};
use super::navigation::{preview, step};
use super::sidebar::SidebarPane;
use super::state::State;

fn contains(rect: ratatui::layout::Rect, x: u16, y: u16) -> bool {
    rect.contains(ratatui::layout::Position { x, y })
}

/// A left click at column `x`, row `y`.
pub fn click(state: &mut State, x: u16, y: u16) {
    let panes = state.panes();
    if let Some(list) = panes.list.filter(|r| contains(*r, x, y)) {
        state.focus = Focus::List;
        let inner = layout::inner(list);
        if contains(inner, x, y) {
            let index = state.list.offset() + usize::from(y - inner.y) / state.list_row_height();
            if index < state.list.len() {
                preview(state, index);
            }
        }
    } else if panes.article.is_some_and(|r| contains(r, x, y)) {
        state.focus = Focus::Article;
    } else if let Some(side) = panes.sidebar.filter(|r| contains(*r, x, y)) {
        state.focus = Focus::Sidebar;
        let inner = layout::inner(side);
        if contains(inner, x, y) {
            let row = state.sidebar.offset() + usize::from(y - inner.y);
            let item = SidebarPane::item_at(state.sidebar_items(), row);
            if let Some(link) = item {
                state.sidebar.select(link);
            }
        }
    }
}

/// The wheel turned `delta` lines over column `x`, row `y`: the pane there scrolls, focus stays.
pub fn wheel(state: &mut State, x: u16, y: u16, delta: i16) {
    let panes = state.panes();
    let focus = if panes.list.is_some_and(|r| contains(r, x, y)) {
        Focus::List
    } else if panes.article.is_some_and(|r| contains(r, x, y)) {
        Focus::Article
    } else if panes.sidebar.is_some_and(|r| contains(r, x, y)) {
        Focus::Sidebar
    } else {
        return;
    };
    let saved = std::mem::replace(&mut state.focus, focus);
    let lines = if focus == Focus::Sidebar {
        delta.signum()
    } else {
        delta
    };
    step(state, isize::from(lines));
    state.focus = saved;
}
