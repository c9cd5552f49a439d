//! `update`: the only place the reader's state changes, one action at a time. It does no I/O and reads
//! no clock: what needs the world comes back as effects for the runner, and the time is passed in.

use super::effect::Effect;
use super::help::HelpPane;
use super::layout::{self, Focus};
use super::mode::{Mode, Prompt, PromptKind};
use super::navigation::{
    copy_link, goto, jump_relative, next_unread, open_link, open_numbered_link, open_selected,
    shift_sideways, step, travel,
};
use super::overlay::{self, Overlay};
use super::read_state::Undo;
use super::state::State;
use super::{finding, indexing, marking, mouse, views, views_pane};
use crate::action::{Action, Revert};

/// Lines the mouse wheel moves per notch.
pub const WHEEL_LINES: i16 = 3;

/// Applies `action` to `state` at time `now` (Unix seconds) and returns what the runner must do.
pub fn update(state: &mut State, action: Action, now: i64) -> Vec<Effect> {
    state.now = now;
    let place = (
        state.current().map(|h| h.id),
        state.text_widths(),
        state.top_block(),
    );
    let opened = state.read.opened();
    apply(state, action);
    // A story opened is where the reader is: kept, so even a crash comes back to it.
    if state.read.opened() != opened && state.read.opened().is_some() {
        views::save_place(state);
    }
    keep_place(state, place);
    marking::at_scroll_end(state);
    state.save_position();
    std::mem::take(&mut state.outbox)
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
    if let Some(line) =
        block.and_then(|b| state.story_view().and_then(|v| v.article.first_line_of(b)))
    {
        state.article.set_scroll(line.min(state.max_scroll()));
    }
}

fn apply(state: &mut State, action: Action) {
    // Events count in every mode.
    match action {
        Action::Resize(w, h) => {
            state.size.width = w;
            state.size.height = h;
            state.refresh();
            return;
        }
        Action::Loaded(loaded) => {
            let current = state.current().map(|h| h.id);
            state
                .article
                .loaded(loaded, &state.reading.date_format, current);
            state.refresh();
            return;
        }
        Action::Indexed(step) => {
            indexing::absorb(state, step);
            return;
        }
        Action::NotSaved(failed) => {
            not_saved(state, failed.undo, &failed.error);
            return;
        }
        Action::Report(message) => {
            state.message = Some(message);
            return;
        }
        Action::Painted(painted) => {
            state.article.painted(painted);
            state.refresh();
            return;
        }
        Action::MarksChanged(changed) => {
            marking::from_elsewhere(state, &changed);
            state.refresh();
            return;
        }
        Action::Notify(warning, message) => {
            state.notify(warning, message);
            return;
        }
        Action::SearchReply(reply) => {
            finding::reply(state, reply);
            state.refresh();
            return;
        }
        _ => {}
    }
    match &state.mode {
        Mode::Normal => {}
        Mode::Overlay(_) => {
            overlay::handle(state, &action);
            return;
        }
        Mode::Confirm(_) => {
            // A question is waiting: only its answer counts.
            marking::answer(state, action == Action::Answer(true));
            state.refresh();
            return;
        }
        Mode::Prompt(_) => {
            prompt(state, &action);
            state.refresh();
            return;
        }
    }
    state.message = None;
    state.acted = true;
    // A count belongs to the key typed after it: any key but another digit uses it up or drops it.
    match (&action, state.count.take()) {
        (Action::Digit(d), count) => state.count = Some(add_digit(count, *d)),
        // Esc takes back a count being typed, and does nothing else.
        (Action::Close, Some(_)) => {}
        (Action::OpenLink, Some(n)) => open_numbered_link(state, n),
        _ => normal(state, &action),
    }
    state.refresh();
}

/// A count past this is not taken further (digits typed after it are ignored): no story has a million
/// links, and the count cannot overflow.
const COUNT_LIMIT: u32 = 1_000_000;

/// `count` with `digit` typed after it.
fn add_digit(count: Option<u32>, digit: u8) -> u32 {
    let count = count.unwrap_or(0);
    let more = count.saturating_mul(10).saturating_add(u32::from(digit));
    if more > COUNT_LIMIT { count } else { more }
}

/// Takes an action as if it came while reading (an overlay's choice, once it has closed).
pub(super) fn act(state: &mut State, action: &Action) {
    normal(state, action);
}

/// An action while reading.
fn normal(state: &mut State, action: &Action) {
    match *action {
        Action::MoveDown => step(state, 1),
        Action::MoveUp => step(state, -1),
        Action::PageDown => {
            let at_end =
                state.focus == Focus::Article && state.article.scroll() >= state.max_scroll();
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
        Action::Goto => state.mode = Mode::Prompt(Prompt::new(PromptKind::Goto)),
        Action::Search => finding::open(state),
        Action::Views => views_pane::open(state),
        Action::ChooseView(ref id) => views::choose(state, id),
        Action::SaveView => views::ask_name(state),
        Action::CycleSort => views::cycle_sort(state),
        Action::SaveStory => save_story(state),
        Action::Rescan => rescan(state),
        Action::RunCommand(ref name) => match state.commands.get(name).cloned() {
            Some(command) => pipe_story(state, &command),
            None => state.message = Some(format!("No command `{name}` in [commands]")),
        },
        Action::PipeStory => {
            let last = state.last_pipe.clone().unwrap_or_default();
            state.mode = Mode::Prompt(Prompt::with_text(PromptKind::Pipe, &last));
        }
        Action::NextMatch => finding::step_match(state, true),
        Action::PrevMatch => finding::step_match(state, false),
        // Esc clears a search in force, back to the list as it was.
        Action::Close if state.search.active().is_some() => finding::clear(state),
        Action::ToggleSidebar => toggle_sidebar(state),
        Action::OpenLink => open_link(state),
        Action::CopyLink => copy_link(state),
        Action::ScrollRight => shift_sideways(state, true),
        Action::ScrollLeft => shift_sideways(state, false),
        Action::ToggleRead => marking::toggle_read(state),
        Action::MarkAllRead => marking::ask_mark_all_read(state),
        Action::Undo => marking::undo(state),
        Action::ToggleStar => marking::toggle_star(state),
        Action::ToggleUnreadOnly => marking::toggle_filter(state, true),
        Action::ToggleStarredOnly => marking::toggle_filter(state, false),
        Action::Help => state.mode = Mode::Overlay(Overlay::Help(HelpPane::default())),
        Action::Suspend => state.outbox.push(Effect::Suspend),
        Action::Quit => {
            state.save_position();
            views::save_place(state);
            state.outbox.push(Effect::Quit);
        }
        Action::Click(x, y) => mouse::click(state, x, y),
        Action::Scroll(x, y, delta) => mouse::wheel(state, x, y, delta),
        // With one pane at a time, Esc leaves the article for the list.
        Action::Close if state.size.width < layout::NARROW => state.focus = Focus::List,
        _ => {}
    }
}

/// An action while a prompt is open: editing keys edit, a character is typed, submit and cancel close it.
fn prompt(state: &mut State, action: &Action) {
    let Mode::Prompt(p) = &mut state.mode else {
        return;
    };
    let searching = p.kind == PromptKind::Search;
    let before = p.text().to_owned();
    match *action {
        Action::Insert(c) => p.insert(c),
        Action::DeleteBack => p.delete_back(),
        Action::DeleteForward => p.delete_forward(),
        Action::DeleteWord => p.delete_word(),
        Action::DeleteToStart => p.delete_to_start(),
        Action::CursorLeft => p.left(),
        Action::CursorRight => p.right(),
        Action::CursorStart => p.home(),
        Action::CursorEnd => p.end(),
        Action::HistoryPrev if searching => finding::browse(state, true),
        Action::HistoryNext if searching => finding::browse(state, false),
        Action::Cancel if searching => finding::clear(state),
        Action::Cancel => state.mode = Mode::Normal,
        Action::Submit => {
            let Mode::Prompt(p) = std::mem::take(&mut state.mode) else {
                return;
            };
            match p.kind {
                PromptKind::Goto => goto(state, p.text()),
                PromptKind::Search => finding::submit(state, p.text()),
                PromptKind::ViewName => views::save(state, p.text()),
                PromptKind::Pipe => pipe_story(state, p.text()),
            }
        }
        Action::Suspend => state.outbox.push(Effect::Suspend),
        _ => {}
    }
    // Results follow the query as it is typed.
    if let Mode::Prompt(p) = &state.mode
        && searching
        && p.text() != before
        && !matches!(action, Action::HistoryPrev | Action::HistoryNext)
    {
        finding::typed(state);
    }
}

/// A write failed: what it showed is taken back (the undo stack too), and the user told.
fn not_saved(state: &mut State, undo: Revert, error: &str) {
    match undo {
        Revert::Read(before) => {
            state.revert_read(&before);
            state.read.forget(&Undo::Read(before));
            state.message = Some(format!("Not marked, could not save: {error}"));
        }
        Revert::UndoneRead { before, step } => {
            state.revert_read(&before);
            state.read.remember(Undo::Read(step));
            state.message = Some(format!("Not undone, could not save: {error}"));
        }
        Revert::Star(id, was) => {
            state.read.set_starred(id, was);
            state.read.forget(&Undo::Star(id, was));
            state.message = Some(format!("Not starred, could not save: {error}"));
        }
        Revert::UndoneStar(id, restored) => {
            state.read.set_starred(id, !restored);
            state.read.remember(Undo::Star(id, restored));
            state.message = Some(format!("Not undone, could not save: {error}"));
        }
        Revert::Position => {
            state.message = Some(format!("Could not save the reading position: {error}"));
        }
    }
    if state.list.filter().any() {
        state.list.relist(None, true, &state.read);
    }
    state.refresh();
}

/// `R`: scans the folders read again (the sample store has none).
fn rescan(state: &mut State) {
    if state.views.sample() {
        state.message = Some("These are the sample stories: there is no folder to scan".to_owned());
        return;
    }
    if state.indexing.is_none() {
        state.start_indexing();
        state.outbox.push(Effect::Rescan);
    }
    state.rescanning = true;
    state.message = Some("Scanning the folders again\u{2026}".to_owned());
}

/// `w`: asks for the story on screen to be saved as a file, once it is parsed.
fn save_story(state: &mut State) {
    let Some(view) = state.story_view() else {
        state.message = Some("The story is still loading: save it once it shows".to_owned());
        return;
    };
    let story = std::sync::Arc::clone(&view.story);
    state.outbox.push(Effect::SaveStory {
        story,
        folder: state.saving.folder.clone(),
        format: state.saving.format,
    });
}

/// The command typed for `|`: the story on screen goes to it.
fn pipe_story(state: &mut State, command: &str) {
    let command = command.trim();
    if command.is_empty() {
        return;
    }
    let Some(view) = state.story_view() else {
        state.message = Some("The story is still loading: pipe it once it shows".to_owned());
        return;
    };
    let story = std::sync::Arc::clone(&view.story);
    if !state.commands.values().any(|c| c == command) {
        state.last_pipe = Some(command.to_owned());
    }
    state.outbox.push(Effect::Pipe {
        command: command.to_owned(),
        story,
    });
}

fn toggle_sidebar(state: &mut State) {
    let shown = layout::sidebar_visible(
        state.size.width,
        state.sidebar.choice(),
        state.layout.sidebar,
    );
    state.sidebar.set_choice(!shown);
    if state.size.width < layout::NARROW {
        state.focus = if state.focus == Focus::Sidebar {
            Focus::Article
        } else {
            Focus::Sidebar
        };
    }
}

/// A page (or half) of the focused pane, in rows, keeping a line of context.
pub(super) fn page(state: &State, half: bool) -> isize {
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
    let order = layout::focus_order(state.size.width, state.sidebar.choice(), &state.layout);
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
    let context = state.context();
    let key = |a: Action| {
        state
            .keymap
            .keys_for(context, &a)
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
