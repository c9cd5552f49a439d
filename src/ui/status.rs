//! The status bar: position and reading progress, a question or transient message or indexing progress,
//! key hints from the keymap, and "N stories · M unread".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::Theme;
use crate::app::state::Confirm;
use crate::app::{Action, State};
use crate::text::truncate::fit;

/// The hints shown when there is room: the first key of each of these actions.
const HINTS: &[(Action, &str)] = &[
    (Action::Help, "help"),
    (Action::Back, "back"),
    (Action::Quit, "quit"),
];

/// `n` with thousands separators: 100,000.
#[must_use]
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Draws the status bar into `rect` (one row).
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>, rect: Rect) {
    let width = usize::from(rect.width);
    let counts = format!(
        "{} stories \u{b7} {} unread ",
        thousands(state.listed.len()),
        thousands(state.unread)
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
    let (middle, middle_style) = if let Some(question) = state.confirm {
        let text = match question {
            Confirm::MarkAllRead => format!(
                " Mark {} listed stories read? (y/n)",
                thousands(state.unread)
            ),
        };
        (fit(&text, middle_w), theme.message)
    } else if let Some(m) = &state.message {
        (fit(&format!(" {m}"), middle_w), theme.message)
    } else if let Some((done, total)) = state.indexing {
        (
            fit(
                &format!(" indexing {} / {}", thousands(done), thousands(total)),
                middle_w,
            ),
            theme.message,
        )
    } else if hints.width() <= middle_w {
        (hints, theme.status)
    } else {
        (String::new(), theme.status)
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

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(34_000), "34,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
