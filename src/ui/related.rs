//! The sidebar: "You may also like" teasers with their sections (resolved ones can be followed, unresolved
//! ones are dim), then "Links" from the body. A scrollbar shows when the items do not fit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_block};
use crate::app::article::LOADING;
use crate::app::layout::inner;
use crate::app::{Focus, State};
use crate::text::truncate::fit;

/// `text` padded with spaces to `width` columns, so a highlight covers the whole row.
fn padded(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(text.width());
    format!("{text}{:pad$}", "")
}

/// Draws the sidebar into `rect`.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>, rect: Rect) {
    let focused = state.focus() == Focus::Sidebar;
    frame.render_widget(pane_block("Related", focused, theme, rect.width), rect);
    let area = inner(rect);
    let width = usize::from(area.width);
    let Some(view) = state.view() else { return };
    let mut lines: Vec<Line<'_>> = Vec::new();
    if view.placeholder {
        lines.push(Line::styled(fit(LOADING, width), theme.link_unresolved));
    } else if state.sidebar_items().is_empty() {
        lines.push(Line::styled(
            fit("No related stories or links", width),
            theme.link_unresolved,
        ));
    }
    for (i, item) in state.sidebar_items().iter().enumerate() {
        if let Some(heading) = item.heading {
            lines.push(Line::styled(fit(heading, width), theme.headline));
        }
        let selected = focused && i == state.sidebar().link();
        let base = if item.resolved {
            theme.link
        } else {
            theme.link_unresolved
        };
        let text_style = if selected {
            base.patch(theme.link_selected)
        } else {
            base
        };
        if let Some(section) = &item.section {
            let mark = if item.resolved {
                "\u{2192} "
            } else {
                "\u{b7} "
            };
            let label = fit(&format!("{mark}{section}"), width);
            let style = if item.resolved {
                theme.section
            } else {
                theme.link_unresolved
            };
            let style = if selected {
                style.patch(theme.link_selected)
            } else {
                style
            };
            lines.push(Line::styled(
                if selected {
                    padded(&label, width)
                } else {
                    label
                },
                style,
            ));
        }
        lines.extend(item.lines.iter().map(|l| {
            Line::styled(
                if selected {
                    padded(l, width)
                } else {
                    l.clone()
                },
                text_style,
            )
        }));
        lines.push(Line::default());
    }
    let total = lines.len();
    let rows = usize::from(area.height);
    let visible: Vec<Line<'_>> = lines
        .into_iter()
        .skip(state.sidebar().offset())
        .take(rows)
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
    super::scrollbar(frame, rect, total, rows, state.sidebar().offset());
}
