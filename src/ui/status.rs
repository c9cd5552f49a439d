//! The status bar: position and reading progress, a transient message, key hints from the keymap, and
//! "N stories · M unread".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::{Action, State};
use crate::text::truncate::fit;

/// The hints shown when there is room: the first key of each of these actions.
const HINTS: &[(Action, &str)] = &[
    (Action::Help, "help"),
    (Action::Back, "back"),
    (Action::Quit, "quit"),
];

/// Draws the status bar into `rect` (one row).
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>, rect: Rect) {
    let width = usize::from(rect.width);
    let counts = format!(
        "{} stories \u{b7} {} unread ",
        state.listed.len(),
        state.unread
    );
    let position = if state.listed.is_empty() {
        " ".to_owned()
    } else if state.article_rows() == 0 {
        format!(" {}/{} ", state.selected + 1, state.listed.len())
    } else {
        format!(
            " {}/{} \u{b7} {}% ",
            state.selected + 1,
            state.listed.len(),
            state.progress()
        )
    };
    let hints: Vec<String> = HINTS
        .iter()
        .filter_map(|(action, label)| {
            state
                .keymap
                .keys_for(*action)
                .first()
                .map(|k| format!("{k} {label}"))
        })
        .collect();
    let hints = format!(" {} ", hints.join("  "));
    let middle_w = width.saturating_sub(position.width() + counts.width());
    let (middle, middle_style) = match &state.message {
        Some(m) => (fit(&format!(" {m}"), middle_w), theme.message),
        None if hints.width() <= middle_w => (hints, theme.status),
        None => (String::new(), theme.status),
    };
    let pad = middle_w.saturating_sub(middle.width());
    let line = Line::from(vec![
        Span::styled(fit(&position, width), theme.status),
        Span::styled(middle, middle_style),
        Span::styled(" ".repeat(pad), theme.status),
        Span::styled(
            fit(&counts, width.saturating_sub(position.width())),
            theme.status,
        ),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.status), rect);
}
