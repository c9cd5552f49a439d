//! The headline list: one row per story (unread and star marks, section, headline, date), drawing only
//! the rows on screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{Theme, pane_block};
use crate::app::layout::inner;
use crate::app::{Focus, State};
use crate::model::Headline;
use crate::text::truncate::fit;
use crate::text::width::pad_to;

/// The list's title: the position, and the filter when one is on.
fn title(state: &State) -> String {
    let filter = state.list().filter();
    let filter = match (filter.unread_only, filter.starred_only) {
        (false, false) => "",
        (true, false) => " \u{b7} unread",
        (false, true) => " \u{b7} starred",
        (true, true) => " \u{b7} unread, starred",
    };
    let list = state.list();
    let at = (list.selected() + 1).min(list.len());
    format!(
        "Stories {}/{}{filter}",
        crate::text::thousands(at),
        crate::text::thousands(list.len())
    )
}

/// Draws the list into `rect`.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>, rect: Rect) {
    let focused = state.focus() == Focus::List;
    frame.render_widget(pane_block(&title(state), focused, theme, rect.width), rect);
    let area = inner(rect);
    let width = usize::from(area.width);
    if width == 0 {
        return;
    }
    let list = state.list();
    let rows: Vec<Line<'_>> = list
        .iter()
        .enumerate()
        .skip(list.offset())
        .take(usize::from(area.height))
        .map(|(i, h)| row(state, theme, h, i == list.selected(), width))
        .collect();
    if rows.is_empty() {
        let empty = match (state.indexing(), list.filter().any()) {
            (Some(_), _) => "Indexing\u{2026}",
            (None, true) => "No stories match the filter",
            (None, false) => "No stories",
        };
        frame.render_widget(
            Paragraph::new(Line::styled(fit(empty, width), theme.border)),
            area,
        );
        return;
    }
    frame.render_widget(Paragraph::new(rows), area);
}

fn row<'a>(
    state: &'a State,
    theme: &Theme,
    h: &'a Headline,
    selected: bool,
    width: usize,
) -> Line<'a> {
    let read = state.is_read(h.id);
    let base = if read {
        theme.list_read
    } else {
        theme.list_unread
    };
    let date = h.published.map(|d| {
        if width >= 70 {
            d.format("%Y-%m-%d")
        } else {
            d.format("%d %b")
        }
        .to_string()
    });
    let date_w = date.as_ref().map_or(0, |d| d.width() + 1);
    let section_w = if width >= 40 {
        (width / 5).clamp(6, 16)
    } else {
        0
    };
    let star = if state.is_starred(h.id) {
        '\u{2605}'
    } else {
        ' '
    };
    let mark = format!("{}{star} ", if read { ' ' } else { '\u{25cf}' });
    let mut spans = vec![Span::styled(
        fit(&mark, width),
        if read { base } else { theme.unread_mark },
    )];
    let mut used = spans[0].content.width();
    if section_w > 0 {
        // Padded by its measured width, with a space after it: section_w columns in all.
        let section = pad_to(h.label().unwrap_or(""), section_w - 1);
        used += section_w;
        spans.push(Span::styled(
            format!("{section} "),
            if read { base } else { theme.section },
        ));
    }
    let title_w = width.saturating_sub(used + date_w);
    spans.push(Span::styled(pad_to(&h.title, title_w), base));
    if let Some(d) = date
        && used + title_w + date_w <= width
    {
        spans.push(Span::styled(
            format!(" {d}"),
            if read { base } else { theme.date },
        ));
    }
    if selected {
        // The whole row takes the selection style, so its colours never fight the highlight.
        let style: Style = if state.focus() == Focus::List {
            theme.list_selected
        } else {
            theme.list_selected_unfocused
        };
        for span in &mut spans {
            span.style = style;
        }
    }
    Line::from(spans)
}
