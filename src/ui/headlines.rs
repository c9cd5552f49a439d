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

/// The list's title: the position, and the filter when one is on; the query and the count while a search
/// is in force.
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
    if let Some(active) = state.search().active() {
        let count = match active.results {
            Some(_) => format!(
                "{}/{}",
                crate::text::thousands(at),
                crate::text::thousands(list.len())
            ),
            None => "searching\u{2026}".to_owned(),
        };
        let query = crate::text::clean::clean(
            std::borrow::Cow::Borrowed(active.text.as_str()),
            crate::text::clean::Breaks::OneLine,
        );
        return format!("Search \u{201c}{query}\u{201d} {count}{filter}");
    }
    format!(
        "Stories {}/{}{filter}",
        crate::text::thousands(at),
        crate::text::thousands(list.len())
    )
}

/// A result's snippet line: dim, its matches marked, indented under the headline.
fn snippet_line<'a>(state: &'a State, theme: &Theme, h: &Headline, width: usize) -> Line<'a> {
    const INDENT: &str = "   ";
    let Some(snippet) = state.search().snippet(h.id) else {
        return Line::styled(fit(INDENT, width), theme.snippet);
    };
    let room = width.saturating_sub(INDENT.width());
    let mut spans = vec![Span::styled(fit(INDENT, width), theme.snippet)];
    let mut used = 0;
    let mut at = 0;
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    for r in &snippet.marks {
        pieces.push((&snippet.text[at..r.start], false));
        pieces.push((&snippet.text[r.clone()], true));
        at = r.end;
    }
    pieces.push((&snippet.text[at..], false));
    for (text, marked) in pieces {
        if used >= room || text.is_empty() {
            continue;
        }
        let piece = fit(text, room - used);
        used += piece.width();
        spans.push(Span::styled(
            piece,
            if marked {
                theme.search_match
            } else {
                theme.snippet
            },
        ));
    }
    Line::from(spans)
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
    let results = state.search().showing_results();
    let rows: Vec<Line<'_>> = list
        .iter()
        .enumerate()
        .skip(list.offset())
        .take(state.list_rows())
        .flat_map(|(i, h)| {
            let first = row(state, theme, h, i == list.selected(), width);
            let second = results.then(|| snippet_line(state, theme, h, width));
            std::iter::once(first).chain(second)
        })
        .collect();
    if rows.is_empty() {
        let searching = state.search().active().map(|a| a.results.is_none());
        let empty = match (state.indexing(), list.filter().any(), searching) {
            (_, _, Some(true)) => "Searching\u{2026}",
            (_, _, Some(false)) => "No stories match the search (Esc clears it)",
            (Some(_), _, None) => "Indexing\u{2026}",
            (None, true, None) => "No stories match the filter",
            (None, false, None) => "No stories",
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
