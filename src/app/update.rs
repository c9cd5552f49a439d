//! `update`: the only place the reader's state changes, one action at a time.

use super::action::Action;
use super::help;
use super::history::Entry;
use super::layout;
use super::state::{Focus, Overlay, State};

/// Lines the mouse wheel moves per notch.
pub const WHEEL_LINES: i16 = 3;

/// Applies `action` to `state`.
pub fn update(state: &mut State, action: Action) {
    if let Action::Resize(w, h) = action {
        resize(state, w, h);
        return;
    }
    if state.overlay.is_some() {
        overlay(state, action);
        return;
    }
    state.message = None;
    match action {
        Action::MoveDown => step(state, 1),
        Action::MoveUp => step(state, -1),
        Action::PageDown => step(state, page(state, false)),
        Action::PageUp => step(state, -page(state, false)),
        Action::HalfPageDown => step(state, page(state, true)),
        Action::HalfPageUp => step(state, -page(state, true)),
        Action::Top => step(state, isize::MIN / 2),
        Action::Bottom => step(state, isize::MAX / 2),
        Action::Open => open_selected(state),
        Action::FocusNext => cycle_focus(state, 1, true),
        Action::FocusPrev => cycle_focus(state, -1, true),
        Action::FocusRight => cycle_focus(state, 1, false),
        Action::FocusLeft => cycle_focus(state, -1, false),
        Action::NextStory => jump_relative(state, 1),
        Action::PrevStory => jump_relative(state, -1),
        Action::NextUnread => next_unread(state, true),
        Action::PrevUnread => next_unread(state, false),
        Action::Back => travel(state, true),
        Action::Forward => travel(state, false),
        Action::ToggleSidebar => {
            let shown = layout::sidebar_visible(state.size.width, state.sidebar_choice);
            state.sidebar_choice = Some(!shown);
            if state.size.width < layout::NARROW {
                state.focus = if state.focus == Focus::Sidebar {
                    Focus::Article
                } else {
                    Focus::Sidebar
                };
            }
        }
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Suspend => state.suspend = true,
        Action::Quit => state.quit = true,
        Action::Click(x, y) => click(state, x, y),
        Action::Scroll(x, y, delta) => wheel(state, x, y, delta),
        Action::Close | Action::Resize(..) => {}
    }
    state.refresh();
}

/// Actions while an overlay is open: scroll it or close it.
fn overlay(state: &mut State, action: Action) {
    let Some(Overlay::Help { scroll }) = state.overlay else {
        return;
    };
    let rows = help::rows(state).len();
    let visible = usize::from(state.size.height.saturating_sub(4)).max(1);
    let max = rows.saturating_sub(visible);
    let moved = |d: isize| {
        Some(Overlay::Help {
            scroll: scroll.saturating_add_signed(d).min(max),
        })
    };
    state.overlay = match action {
        Action::MoveDown | Action::Scroll(_, _, 1..) => moved(1),
        Action::MoveUp | Action::Scroll(_, _, ..=-1) => moved(-1),
        Action::PageDown | Action::HalfPageDown => moved(isize::try_from(visible).unwrap_or(1)),
        Action::PageUp | Action::HalfPageUp => moved(-isize::try_from(visible).unwrap_or(1)),
        Action::Top => moved(isize::MIN / 2),
        Action::Bottom => moved(isize::MAX / 2),
        Action::Close | Action::Help | Action::Quit | Action::Click(..) => None,
        Action::Suspend => {
            state.suspend = true;
            state.overlay
        }
        _ => state.overlay,
    };
}

/// A page (or half) of the focused pane, in rows, keeping a line of context.
fn page(state: &State, half: bool) -> isize {
    let rows = match state.focus {
        Focus::List => state.list_rows(),
        Focus::Article => state.article_rows(),
        Focus::Sidebar => 4,
    };
    let rows = if half {
        rows / 2
    } else {
        rows.saturating_sub(1)
    };
    isize::try_from(rows.max(1)).unwrap_or(1)
}

/// Moves the focused pane's selection or scroll by `delta`.
fn step(state: &mut State, delta: isize) {
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
            let links = state.current().map_or(0, |a| a.related.len());
            state.link = state
                .link
                .saturating_add_signed(delta)
                .min(links.saturating_sub(1));
        }
    }
}

/// Shows the story at list position `index` without opening it.
fn preview(state: &mut State, index: usize) {
    if index != state.selected {
        state.selected = index;
        state.scroll = 0;
        state.link = 0;
        state.sidebar_offset = 0;
        state.refresh();
    }
}

/// The story shown now, as a history entry.
fn here(state: &State) -> Option<Entry> {
    state.current().map(|a| Entry {
        id: a.id,
        scroll: state.scroll,
    })
}

/// Opens the selected story: it is marked read and the article takes focus.
fn open_selected(state: &mut State) {
    if state.focus == Focus::Sidebar {
        follow_link(state);
        return;
    }
    open(state);
}

fn open(state: &mut State) {
    let Some(id) = state.current().map(|a| a.id) else {
        return;
    };
    if state.read.insert(id) {
        state.unread -= 1;
    }
    state.focus = Focus::Article;
}

/// Jumps to the story at list position `index`, scrolled to `scroll`, remembering where the reader was.
fn jump(state: &mut State, index: usize, scroll: usize) {
    if let Some(from) = here(state)
        && index != state.selected
    {
        state.history.jump(from);
    }
    preview(state, index);
    state.refresh();
    state.scroll = scroll.min(state.max_scroll());
    open(state);
}

fn jump_relative(state: &mut State, delta: isize) {
    let target = state.selected.saturating_add_signed(delta);
    if target >= state.listed.len() || (delta < 0 && state.selected == 0) {
        state.message = Some(
            if delta > 0 {
                "This is the last story"
            } else {
                "This is the first story"
            }
            .to_owned(),
        );
        return;
    }
    jump(state, target, 0);
}

fn next_unread(state: &mut State, forward: bool) {
    let unread = |&i: &usize| !state.is_read(state.articles[state.listed[i]].id);
    let found = if forward {
        (state.selected + 1..state.listed.len()).find(unread)
    } else {
        (0..state.selected).rev().find(unread)
    };
    match found {
        Some(i) => jump(state, i, 0),
        None => {
            state.message = Some(
                if forward {
                    "No unread stories below"
                } else {
                    "No unread stories above"
                }
                .to_owned(),
            );
        }
    }
}

/// Goes back (or forward) in history.
fn travel(state: &mut State, back: bool) {
    let Some(current) = here(state) else { return };
    let entry = if back {
        state.history.back(current)
    } else {
        state.history.forward(current)
    };
    let Some(entry) = entry else {
        state.message = Some(
            if back {
                "Nothing to go back to"
            } else {
                "Nothing to go forward to"
            }
            .to_owned(),
        );
        return;
    };
    let Some(index) = position_of(state, entry) else {
        state.message = Some("That story is no longer listed".to_owned());
        return;
    };
    preview(state, index);
    state.refresh();
    state.scroll = entry.scroll.min(state.max_scroll());
    open(state);
}

fn position_of(state: &State, entry: Entry) -> Option<usize> {
    state
        .listed
        .iter()
        .position(|&i| state.articles[i].id == entry.id)
}

/// Follows the selected related link to the story it points at.
fn follow_link(state: &mut State) {
    let Some(link) = state.current().and_then(|a| a.related.get(state.link)) else {
        return;
    };
    let Some(target) = link.target else {
        state.message = Some("That teaser points to no stored story".to_owned());
        return;
    };
    match position_of(
        state,
        Entry {
            id: target,
            scroll: 0,
        },
    ) {
        Some(index) if index == state.selected => open(state),
        Some(index) => jump(state, index, 0),
        None => state.message = Some("That story is not listed".to_owned()),
    }
}

fn cycle_focus(state: &mut State, delta: isize, wrap: bool) {
    let order = layout::focus_order(state.size.width, state.sidebar_choice);
    let at = order.iter().position(|f| *f == state.focus).unwrap_or(0);
    let len = isize::try_from(order.len()).unwrap_or(1);
    let to = isize::try_from(at).unwrap_or(0) + delta;
    let to = if wrap {
        to.rem_euclid(len)
    } else {
        to.clamp(0, len - 1)
    };
    state.focus = order[usize::try_from(to).unwrap_or(0)];
}

/// Keeps the paragraph at the top of the article at the top when the width changes.
fn resize(state: &mut State, width: u16, height: u16) {
    let anchor = state
        .view()
        .and_then(|v| v.article.lines.get(state.scroll))
        .and_then(|l| l.block);
    state.size.width = width;
    state.size.height = height;
    state.refresh();
    if let Some(block) = anchor
        && let Some(line) = state.view().and_then(|v| v.article.first_line_of(block))
    {
        state.scroll = line.min(state.max_scroll());
    }
    state.refresh();
}

fn contains(rect: ratatui::layout::Rect, x: u16, y: u16) -> bool {
    rect.contains(ratatui::layout::Position { x, y })
}

fn click(state: &mut State, x: u16, y: u16) {
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

/// The related link drawn on sidebar row `row` (counted from the top of its content).
fn link_at_row(state: &State, row: usize) -> Option<usize> {
    let view = state.view()?;
    let mut top = 1;
    for (i, item) in view.sidebar.iter().enumerate() {
        if row >= top && row < top + item.height() - 1 {
            return Some(i);
        }
        top += item.height();
    }
    None
}

fn wheel(state: &mut State, x: u16, y: u16, delta: i16) {
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
