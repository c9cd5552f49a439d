//! The article pane: the selected story's reflowed lines, centred at the reading width, with a scrollbar.

use std::ops::Range;

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

/// A line with its links' numbers in `number`'s style and the ranges a search matched in `hit`'s, over
/// `base`: each character takes the styles of the ranges it is in, and runs of one style are one span.
fn marked<'a>(
    text: &'a str,
    (numbers, hits): (&[Range<usize>], &[Range<usize>]),
    base: Style,
    (number, hit): (Style, Style),
) -> Line<'a> {
    let style_at = |i: usize| {
        let mut s = base;
        if numbers.iter().any(|r| r.contains(&i)) {
            s = s.patch(number);
        }
        if hits.iter().any(|r| r.contains(&i)) {
            s = s.patch(hit);
        }
        s
    };
    let mut spans: Vec<Span<'a>> = Vec::with_capacity(numbers.len() * 2 + hits.len() * 2 + 1);
    let (mut start, mut current) = (0, style_at(0));
    for (i, _) in text.char_indices().skip(1) {
        let s = style_at(i);
        if s != current {
            spans.push(Span::styled(&text[start..i], current));
            (start, current) = (i, s);
        }
    }
    spans.push(Span::styled(&text[start..], current));
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
            let found = hits.and_then(|h| h.on(i)).unwrap_or_default();
            match &l.full {
                Some(full) if shift > 0 => Line::styled(sideways(full, shift, columns), base),
                _ if found.is_empty() && l.marks.is_empty() => Line::styled(l.text.as_str(), base),
                _ => marked(
                    &l.text,
                    (&l.marks, found),
                    base,
                    (theme.link_number, theme.search_match),
                ),
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
