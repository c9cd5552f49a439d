//! `update`: the only place the reader's state changes, one action at a time.

use super::action::Action;
use super::help;
use super::layout;
use super::marking;
use super::mouse;
use super::navigation::{jump_relative, next_unread, open_link, open_selected, step, travel};
use super::state::{Focus, Overlay, State};

/// Lines the mouse wheel moves per notch.
pub const WHEEL_LINES: i16 = 3;

/// Applies `action` to `state`.
pub fn update(state: &mut State, action: Action) {
    let place = (
        state.current().map(|h| h.id),
        state.text_widths(),
        state.top_block(),
    );
    apply(state, action);
    keep_place(state, place);
    marking::at_scroll_end(state);
    state.save_position();
}

/// When the same story is shown at a new width (a resize, the sidebar shown or hidden), the paragraph that
/// was at the top stays at the top.
fn keep_place(
    state: &mut State,
    (id, widths, block): (Option<crate::model::ArticleId>, (u16, u16), Option<usize>),
) {
    if state.current().map(|h| h.id) != id || state.text_widths() == widths {
        return;
    }
    if let Some(line) = block.and_then(|b| state.view().and_then(|v| v.article.first_line_of(b))) {
        state.scroll = line.min(state.max_scroll());
    }
}

fn apply(state: &mut State, action: Action) {
    if let Action::Resize(w, h) = action {
        state.size.width = w;
        state.size.height = h;
        state.refresh();
        return;
    }
    if state.overlay.is_some() {
        overlay(state, action);
        return;
    }
    if state.confirm.is_some() {
        // A question is waiting: only its answer counts.
        marking::answer(state, action == Action::Answer(true));
        state.refresh();
        return;
    }
    state.message = None;
    match action {
        Action::MoveDown => step(state, 1),
        Action::MoveUp => step(state, -1),
        Action::PageDown => {
            let at_end = state.focus == Focus::Article && state.scroll >= state.max_scroll();
            step(state, page(state, false));
            if at_end {
                state.message = Some(end_of_story(state));
            }
        }
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
            let shown = layout::sidebar_visible(
                state.size.width,
                state.sidebar_choice,
                state.layout.sidebar,
            );
            state.sidebar_choice = Some(!shown);
            if state.size.width < layout::NARROW {
                state.focus = if state.focus == Focus::Sidebar {
                    Focus::Article
                } else {
                    Focus::Sidebar
                };
            }
        }
        Action::OpenLink => open_link(state),
        Action::ToggleRead => marking::toggle_read(state),
        Action::MarkAllRead => marking::ask_mark_all_read(state),
        Action::Undo => marking::undo(state),
        Action::ToggleStar => marking::toggle_star(state),
        Action::ToggleUnreadOnly => marking::toggle_filter(state, true),
        Action::ToggleStarredOnly => marking::toggle_filter(state, false),
        Action::Help => state.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::Suspend => state.suspend = true,
        Action::Quit => {
            state.save_position();
            state.quit = true;
        }
        Action::Click(x, y) => mouse::click(state, x, y),
        Action::Scroll(x, y, delta) => mouse::wheel(state, x, y, delta),
        // With one pane at a time, Esc leaves the article for the list.
        Action::Close if state.size.width < layout::NARROW => state.focus = Focus::List,
        Action::Close | Action::Resize(..) | Action::Answer(_) => {}
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

fn cycle_focus(state: &mut State, delta: isize, wrap: bool) {
    let order = layout::focus_order(state.size.width, state.sidebar_choice, &state.layout);
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

/// What to say when paging past the end of a story: the keys that go on.
fn end_of_story(state: &State) -> String {
    let key = |a: Action| {
        state
            .keymap
            .keys_for(a)
            .first()
            .cloned()
            .unwrap_or_default()
    };
    format!(
        "End of story \u{2014} {} next unread, {} next story",
        key(Action::NextUnread),
        key(Action::NextStory)
    )
}
