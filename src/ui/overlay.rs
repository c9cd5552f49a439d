//! Drawing any overlay (the help, the views): its rows in a box centred over the panes, a left column of
//! keys, headings and folds, choices with a right-aligned count, the highlighted row, and a scrollbar when
//! the rows do not fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_block};
use crate::app::State;
use crate::app::layout::inner;
use crate::app::mode::Mode;
use crate::app::overlay::Row;
use crate::text::truncate::fit;

/// Below this width the asides (action names) are left out, so the descriptions fit.
const ASIDES_FROM: usize = 60;

/// The widest the left column gets.
const LEFT_WIDTH: usize = 22;

/// Draws the open overlay, if any, centred in `area`.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let Mode::Overlay(overlay) = state.mode() else {
        return;
    };
    let pane = overlay.pane();
    let rect: Rect = crate::app::overlay::frame(area);
    let rows = pane.rows(state);
    let inside = inner(rect);
    let more = rows.len() > usize::from(inside.height);
    let title = if more {
        format!("{} \u{2014} j/k scroll, Esc closes", pane.title())
    } else {
        format!("{} \u{2014} Esc closes", pane.title())
    };
    frame.render_widget(Clear, rect);
    frame.render_widget(pane_block(&title, true, theme, rect.width), rect);
    let w = usize::from(inside.width);
    let left_w = LEFT_WIDTH.min(w / 3);
    let scroll = pane.scroll();
    let lines: Vec<Line<'_>> = rows
        .iter()
        .enumerate()
        .skip(scroll)
        .take(usize::from(inside.height))
        .map(|(i, row)| {
            let line = match row {
                Row::Heading(t) => Line::styled(fit(t, w), theme.headline),
                Row::Pair { left, right, aside } => {
                    let left = fit(left, left_w.saturating_sub(1));
                    let pad = " ".repeat(left_w.saturating_sub(left.width()));
                    let text = match aside {
                        Some(a) if w >= ASIDES_FROM => format!("{right}  ({a})"),
                        _ => right.clone(),
                    };
                    Line::from(vec![
                        Span::styled(format!("{left}{pad}"), theme.key),
                        Span::raw(fit(&text, w.saturating_sub(left_w))),
                    ])
                }
                Row::Text(t) => Line::raw(fit(t, w)),
                Row::Hint(t) => Line::styled(fit(t, w), theme.border),
                Row::Fold { text, .. } => Line::styled(fit(text, w), theme.headline),
                Row::Choice {
                    text,
                    right,
                    current,
                    ..
                } => choice(theme, text, right, *current, w),
                Row::Blank => Line::default(),
            };
            if pane.selected() == Some(i) {
                line.style(theme.list_selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inside);
    super::scrollbar(frame, rect, rows.len(), usize::from(inside.height), scroll);
}

/// A row to choose: a mark for the one in force, the text, and the count right-aligned.
fn choice<'a>(theme: &Theme, text: &str, right: &str, current: bool, w: usize) -> Line<'a> {
    let mark = if current { "  \u{2022} " } else { "    " };
    let right_w = right.width() + 1;
    let room = w.saturating_sub(mark.width() + right_w);
    let text = fit(&crate::text::clean::one_line(text), room);
    let pad = w.saturating_sub(mark.width() + text.width() + right_w);
    Line::from(vec![
        Span::styled(fit(mark, w), theme.unread_mark),
        Span::raw(text),
        Span::raw(" ".repeat(pad + 1)),
        Span::styled(fit(right, w.saturating_sub(mark.width())), theme.key),
    ])
}
