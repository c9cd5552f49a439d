//! Drawing the reader: `render` reads the state and draws every pane; it never changes anything.

pub mod article;
pub mod headlines;
pub mod overlay;
pub mod related;
pub mod status;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use crate::app::State;
pub use crate::config::Theme;
use crate::text::truncate::fit;

/// Draws the whole screen for `state`.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>) {
    let area = frame.area();
    let panes = crate::app::layout::panes(
        area,
        state.focus(),
        state.sidebar().choice(),
        state.layout(),
    );
    if panes.too_small {
        let w = usize::from(area.width);
        let text = ["terminal too small", "too small", "small", "!"]
            .into_iter()
            .find(|t| t.len() <= w)
            .unwrap_or("");
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    if let Some(rect) = panes.list {
        headlines::render(state, theme, frame, rect);
    }
    if let Some(rect) = panes.article {
        article::render(state, theme, frame, rect);
    }
    if let Some(rect) = panes.sidebar {
        related::render(state, theme, frame, rect);
    }
    status::render(state, theme, frame, panes.status);
    overlay::render(state, theme, frame, area);
}

/// A scrollbar on the right border of `rect` for `total` rows of which `rows` show, from `position`;
/// nothing when they all fit.
fn scrollbar(
    frame: &mut Frame<'_>,
    rect: ratatui::layout::Rect,
    total: usize,
    rows: usize,
    position: usize,
) {
    if total <= rows {
        return;
    }
    let mut bar = ratatui::widgets::ScrollbarState::new(total - rows)
        .position(position)
        .viewport_content_length(rows);
    frame.render_stateful_widget(
        ratatui::widgets::Scrollbar::new(ratatui::widgets::ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None),
        rect.inner(ratatui::layout::Margin::new(0, 1)),
        &mut bar,
    );
}

/// A bordered pane block, its border and title styled for focus.
fn pane_block<'a>(title: &'a str, focused: bool, theme: &Theme, width: u16) -> Block<'a> {
    let style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    let marker = if focused { "\u{25b8} " } else { "" };
    let title = fit(
        &format!("{marker}{title}"),
        usize::from(width.saturating_sub(4)),
    );
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(style)
        .title(Line::styled(format!(" {title} "), style))
}
