//! The help overlay: every binding from the keymap, then skipped files and why, in a box over the panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, pane_block};
use crate::app::State;
use crate::app::help::{self, HelpRow};
use crate::app::layout::inner;
use crate::app::state::Overlay;
use crate::text::truncate::fit;

/// Draws the help box centred in `area`.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let Some(Overlay::Help { scroll }) = state.overlay else {
        return;
    };
    let width = area.width.saturating_sub(4).min(90);
    let height = area.height.saturating_sub(2);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + 1,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(
        pane_block("Help \u{2014} Esc closes", true, theme, rect.width),
        rect,
    );
    let inside = inner(rect);
    let w = usize::from(inside.width);
    let key_w = 22.min(w / 3);
    let lines: Vec<Line<'_>> = help::rows(state)
        .into_iter()
        .skip(scroll)
        .take(usize::from(inside.height))
        .map(|row| match row {
            HelpRow::Heading(t) => Line::styled(fit(&t, w), theme.headline),
            HelpRow::Binding { keys, action, text } => {
                let keys = fit(&keys, key_w.saturating_sub(1));
                let pad =
                    key_w.saturating_sub(unicode_width::UnicodeWidthStr::width(keys.as_str()));
                let described = fit(&format!("{text}  ({action})"), w.saturating_sub(key_w));
                Line::from(vec![
                    Span::styled(format!("{keys}{:pad$}", ""), theme.key),
                    Span::raw(described),
                ])
            }
            HelpRow::Text(t) => Line::raw(fit(&t, w)),
            HelpRow::Blank => Line::default(),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inside);
}
