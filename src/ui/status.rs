//! The status bar: position and reading progress, a question, a count being typed, a transient message or
//! indexing progress, key hints from the keymap, and "N stories · M unread".

use std::fmt::Write as _;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::layout;
use crate::app::mode::{Mode, Question};
use crate::app::{Action, State};
use crate::text::clean::one_line;
use crate::text::thousands;
use crate::text::truncate::fit;

/// "1 story", "2 stories".
fn stories(n: usize) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { "story" } else { "stories" }
    )
}

/// Key hints, as many as fit in `room` columns, most useful first.
fn hints(state: &State, room: usize) -> String {
    let mut wanted = vec![(Action::Help, "help")];
    if state.size().width < layout::NARROW && state.focus() != crate::app::Focus::List {
        wanted.push((Action::Close, "list"));
    }
    wanted.extend([
        (Action::Views, "views"),
        (Action::Back, "back"),
        (Action::Quit, "quit"),
    ]);
    let context = state.context();
    let mut out = String::from(" ");
    for (action, label) in wanted {
        let Some(key) = state.keymap().keys_for(context, &action).into_iter().next() else {
            continue;
        };
        let hint = format!("{key} {label}  ");
        if out.width() + hint.width() > room {
            break;
        }
        out.push_str(&hint);
    }
    if state.views().sample() && !out.trim().is_empty() {
        let note = "\u{b7} samples: broadsheet PATH reads yours";
        if out.width() + note.width() <= room {
            out.push_str(note);
        }
    }
    out.trim_end().to_owned()
}

/// A prompt's label and text with a block cursor, keeping the cursor in sight when the text is longer
/// than `room` columns.
fn prompt_line(prompt: &crate::app::mode::Prompt, room: usize) -> String {
    let label = format!(" {}", prompt.kind.label());
    let before = prompt.before_cursor();
    let after = &prompt.text()[before.len()..];
    let cursor = "\u{2588}";
    let text = format!("{label}{before}{cursor}{after}");
    if text.width() <= room {
        return text;
    }
    // Too long: show the end of what is before the cursor.
    let keep = room.saturating_sub(label.width() + 2);
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in before.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > keep {
            break;
        }
        used += w;
        tail.push(c);
    }
    let tail: String = tail.into_iter().rev().collect();
    fit(&format!("{label}\u{2026}{tail}{cursor}"), room)
}

/// A count being typed, and what the key that takes it will do: " 3  o opens link 3 · esc cancels".
fn count_line(state: &State, n: u32) -> String {
    let context = state.context();
    let key = |a: Action| state.keymap().keys_for(context, &a).into_iter().next();
    let mut line = format!(" {n}");
    if let Some(open) = key(Action::OpenLink) {
        let _ = write!(line, "  {open} opens link {n}");
        if let Some(cancel) = key(Action::Close) {
            let _ = write!(line, " \u{b7} {cancel} cancels");
        }
    }
    line
}

/// The whole address of the sidebar item selected, while the sidebar has focus.
fn selected_url(state: &State) -> Option<&str> {
    if state.focus() != crate::app::Focus::Sidebar {
        return None;
    }
    state.story_view()?;
    state
        .sidebar_items()
        .get(state.sidebar().link())?
        .url
        .as_deref()
}

/// What the search in force found, or what is wrong with the query typed.
fn search_summary(state: &State) -> Option<String> {
    let active = state.search().active()?;
    if let Some(error) = &active.error {
        return Some(format!("\u{2717} {}", one_line(error)));
    }
    // While a scan writes the index, a search finds what it holds so far, and runs again as it grows.
    let so_far = match state.indexing() {
        Some((done, total)) if total > 0 => format!(
            " so far \u{b7} indexing {} / {}",
            thousands(done),
            thousands(total)
        ),
        Some(_) => " so far \u{b7} indexing\u{2026}".to_owned(),
        None => String::new(),
    };
    Some(match active.results {
        None => "searching\u{2026}".to_owned(),
        Some(1) => format!("1 result{so_far}"),
        Some(n) => format!("{} results{so_far}", thousands(n)),
    })
}

/// Draws the status bar into `rect` (one row). When space is short the progress goes first, then the
/// position; the counts stay.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>, rect: Rect) {
    let width = usize::from(rect.width);
    let list = state.list();
    let view = one_line(&crate::app::views::view_label(state));
    let fresh = match state.fresh() {
        0 => String::new(),
        n => format!("\u{b7} {} new ", thousands(n)),
    };
    let unread = format!("{} unread {fresh}", thousands(list.unread()));
    // The longest that fits beside the help hint: the view, the stories and the unread, down to the unread.
    let help = hints(state, usize::MAX)
        .split("  ")
        .next()
        .unwrap_or_default()
        .width()
        + 2;
    let here = thousands((list.selected() + 1).min(list.len()));
    let at = format!(" {here}/{} ", thousands(list.len()));
    // With no story shown, there is no progress to give.
    let with_progress = if state.view().is_some() {
        format!(
            " {here}/{} \u{b7} {}% ",
            thousands(list.len()),
            state.progress()
        )
    } else {
        at.clone()
    };
    let counts_forms = [
        format!("{view} \u{b7} {} \u{b7} {unread}", stories(list.len())),
        format!("{} \u{b7} {unread}", stories(list.len())),
        format!("{} \u{b7} {unread}", thousands(list.len())),
        unread.clone(),
    ];
    // The help hint first, then the position (with the progress when the article shows), then the
    // fullest counts that fit beside them.
    let mut positions = Vec::new();
    if !list.is_empty() {
        if state.article_rows() > 0 {
            positions.push(with_progress);
        }
        positions.push(at);
    }
    positions.push(String::new());
    let (position, counts) = positions
        .iter()
        .find_map(|p| {
            counts_forms
                .iter()
                .find(|c| p.width() + c.width() + help <= width)
                .map(|c| (p.clone(), c.clone()))
        })
        .unwrap_or((String::new(), unread));
    let middle_w = width.saturating_sub(position.width() + counts.width());
    // A column of space always separates the middle from the counts.
    let room = middle_w.saturating_sub(1);
    let (middle, middle_style) = if let Mode::Confirm(question) = state.mode() {
        let text = match question {
            Question::MarkAllRead { count, view } => format!(
                " Mark {} in {} read? (y/n)",
                stories(*count),
                one_line(view)
            ),
        };
        (fit(&text, room), theme.message)
    } else if let Mode::Prompt(prompt) = state.mode() {
        let mut line = prompt_line(prompt, room);
        if prompt.kind == crate::app::mode::PromptKind::Search
            && let Some(about) = search_summary(state)
        {
            line = fit(&format!("{line}  {about}"), room);
        }
        (line, theme.message)
    } else if let Some(n) = state.count() {
        (fit(&count_line(state, n), room), theme.message)
    } else if let Some(m) = state.message() {
        (fit(&format!(" {m}"), room), theme.message)
    } else if let Some(url) = selected_url(state) {
        (fit(&format!(" {}", one_line(url)), room), theme.status)
    } else if let Some(active) = state.search().active() {
        let about = search_summary(state).unwrap_or_default();
        (
            fit(&format!(" /{}  {about}", one_line(&active.text)), room),
            theme.status,
        )
    } else if let Some((done, total)) = state.indexing() {
        let text = if total == 0 {
            " indexing\u{2026}".to_owned()
        } else {
            format!(" indexing {} / {}", thousands(done), thousands(total))
        };
        (fit(&text, room), theme.message)
    } else {
        (hints(state, room), theme.status)
    };
    let pad = middle_w.saturating_sub(middle.width());
    let line = Line::from(vec![
        Span::styled(position, theme.status),
        Span::styled(middle, middle_style),
        Span::styled(" ".repeat(pad), theme.status),
        Span::styled(fit(&counts, width), theme.status),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.status), rect);
}
