//! The help overlay: every binding from the keymap, then skipped files and why, in a box over the panes,
//! with a scrollbar when it does not fit.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_block};
use crate::app::State;
use crate::app::help::{self, HelpRow};
use crate::app::layout::inner;
use crate::text::truncate::fit;

/// Below this width the action names are left out, so the descriptions fit.
const NAMES_FROM: usize = 60;

/// Draws the help box centred in `area`.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let crate::app::Mode::Help { scroll } = *state.mode() else {
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
    let rows = help::rows(state);
    let inside = inner(rect);
    let more = rows.len() > usize::from(inside.height);
    let title = if more {
        "Help \u{2014} j/k scroll, Esc closes"
    } else {
        "Help \u{2014} Esc closes"
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(pane_block(title, true, theme, rect.width), rect);
    let w = usize::from(inside.width);
    let key_w = 22.min(w / 3);
    let lines: Vec<Line<'_>> = rows
        .iter()
        .skip(scroll)
        .take(usize::from(inside.height))
        .map(|row| match row {
            HelpRow::Heading(t) => Line::styled(fit(t, w), theme.headline),
            HelpRow::Binding { keys, action, text } => {
                let keys = fit(keys, key_w.saturating_sub(1));
                let pad = key_w.saturating_sub(keys.width());
                let described = if w >= NAMES_FROM {
                    format!("{text}  ({action})")
                } else {
                    (*text).to_owned()
                };
                Line::from(vec![
                    Span::styled(format!("{keys}{:pad$}", ""), theme.key),
                    Span::raw(fit(&described, w.saturating_sub(key_w))),
                ])
            }
            HelpRow::Text(t) => Line::raw(fit(t, w)),
            HelpRow::Blank => Line::default(),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inside);
    if more {
        let mut bar = ScrollbarState::new(rows.len().saturating_sub(usize::from(inside.height)))
            .position(scroll)
            .viewport_content_length(usize::from(inside.height));
        let track = rect.inner(Margin::new(0, 1));
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None),
            track,
            &mut bar,
        );
    }
}
