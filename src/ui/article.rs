//! The article pane: the selected story's reflowed lines, centred at the reading width, with a scrollbar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, pane_block};
use crate::app::layout::{article_text, inner};
use crate::app::{Focus, State};
use crate::text::width::{self, window};
use crate::view::reflow::{CUT, LineKind};

/// The style of a reflowed line.
fn style(theme: &Theme, kind: LineKind) -> Style {
    match kind {
        LineKind::Meta => theme.byline,
        LineKind::Headline => theme.headline,
        LineKind::Url => theme.url,
        LineKind::Subhead => theme.subhead,
        LineKind::Caption | LineKind::TableRule | LineKind::Rule => theme.caption,
        LineKind::Quote => theme.quote,
        LineKind::Image => theme.image,
        LineKind::Preformatted | LineKind::Table => theme.code,
        LineKind::TableHeader => theme.code.add_modifier(Modifier::BOLD),
        LineKind::Paragraph
        | LineKind::ListItem
        | LineKind::Footnote
        | LineKind::Picture
        | LineKind::Blank => theme.body,
    }
}

/// A line with the ranges a search matched in the match style.
fn marked<'a>(
    text: &'a str,
    ranges: &[std::ops::Range<usize>],
    base: Style,
    hit: Style,
) -> Line<'a> {
    let mut spans = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for r in ranges {
        if r.start < at || r.end > text.len() {
            continue;
        }
        spans.push(Span::styled(&text[at..r.start], base));
        spans.push(Span::styled(&text[r.clone()], base.patch(hit)));
        at = r.end;
    }
    spans.push(Span::styled(&text[at..], base));
    Line::from(spans)
}

/// A wide line scrolled `shift` columns sideways in `columns`: `‹` first, then what fits, and `›` at
/// the end when more is still to the right.
fn sideways(full: &str, shift: usize, columns: usize) -> String {
    let room = columns.saturating_sub(1);
    let rest = width::width(full).saturating_sub(shift);
    let shown = if rest > room {
        format!("{}{CUT}", window(full, shift, room.saturating_sub(1)))
    } else {
        window(full, shift, room)
    };
    format!("\u{2039}{shown}")
}

/// Draws the article into `rect`.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame<'_>, rect: Rect) {
    let focused = state.focus() == Focus::Article;
    let title = state
        .current()
        .map_or("Story", |a| a.section.as_deref().unwrap_or("Story"));
    let mut block = pane_block(title, focused, theme, rect.width);
    // How far through the story: with no story shown there is nothing to be through.
    if state.view().is_some() {
        block = block.title_bottom(
            Line::styled(
                format!(" {}% ", state.progress()),
                if focused {
                    theme.border_focused
                } else {
                    theme.border
                },
            )
            .right_aligned(),
        );
    }
    frame.render_widget(block, rect);
    let Some(view) = state.view() else {
        return;
    };
    let text = article_text(rect, state.reading().width);
    let hits = state.search_hits();
    let shift = state.article().shift();
    let columns = usize::from(view.article.width);
    let lines: Vec<Line<'_>> = view
        .article
        .lines
        .iter()
        .enumerate()
        .skip(state.article().scroll())
        .take(usize::from(text.height))
        .map(|(i, l)| {
            let base = style(theme, l.kind);
            match (&l.full, hits.and_then(|h| h.on(i))) {
                (Some(full), _) if shift > 0 => Line::styled(sideways(full, shift, columns), base),
                (_, Some(ranges)) => marked(&l.text, ranges, base, theme.search_match),
                _ => Line::styled(l.text.as_str(), base),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), text);
    // Pictures over the rows kept for them, those partly scrolled past cut at the top.
    let (top, rows) = (state.article().scroll(), usize::from(text.height));
    for (first, picture) in &view.pictures {
        let end = first + usize::from(picture.rows);
        if end <= top || *first >= top + rows {
            continue;
        }
        let y = i16::try_from(
            i64::try_from(*first).unwrap_or(i64::MAX) - i64::try_from(top).unwrap_or(0),
        )
        .unwrap_or(i16::MIN);
        frame.render_widget(picture.widget(y), text);
    }
    let total = view.article.lines.len();
    let rows = usize::from(inner(rect).height);
    super::scrollbar(frame, rect, total, rows, state.article().scroll());
}
