//! The mouse: a click selects a row or link and focuses its pane; the wheel scrolls the pane under it.

use super::layout;
use super::navigation::{preview, step};
use super::state::{Focus, State};

fn contains(rect: ratatui::layout::Rect, x: u16, y: u16) -> bool {
    rect.contains(ratatui::layout::Position { x, y })
}

pub fn click(state: &mut State, x: u16, y: u16) {
    let panes = state.panes();
    if let Some(list) = panes.list.filter(|r| contains(*r, x, y)) {
        state.focus = Focus::List;
        let inner = layout::inner(list);
        if contains(inner, x, y) {
            let index = state.list_offset + usize::from(y - inner.y);
            if index < state.listed.len() {
                preview(state, index);
            }
        }
    } else if panes.article.is_some_and(|r| contains(r, x, y)) {
        state.focus = Focus::Article;
    } else if let Some(side) = panes.sidebar.filter(|r| contains(*r, x, y)) {
        state.focus = Focus::Sidebar;
        let inner = layout::inner(side);
        if contains(inner, x, y)
            && let Some(link) = link_at_row(state, state.sidebar_offset + usize::from(y - inner.y))
        {
            state.link = link;
        }
    }
}

/// The sidebar item drawn on row `row` (counted from the top of its content).
fn link_at_row(state: &State, row: usize) -> Option<usize> {
    let view = state.view()?;
    let mut top = 0;
    for (i, item) in view.sidebar.iter().enumerate() {
        let rows = item.selectable_rows();
        if row >= top + rows.start && row < top + rows.end {
            return Some(i);
        }
        top += item.height();
    }
    None
}

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
