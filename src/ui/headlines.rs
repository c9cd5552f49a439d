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
use crate::text::clean::one_line;
use crate::text::truncate::fit;
use crate::text::width::pad_to;
use crate::views::ViewKey;
use chrono::{DateTime, FixedOffset};

/// The list's title: the view, the position and the order, and the filter when one is on; the query and
/// the count while a search is in force.
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
    let view = one_line(&crate::app::views::view_label(state));
    if let Some(active) = state.search().active() {
        let count = match active.results {
            Some(_) => format!(
                "{}/{}",
                crate::text::thousands(at),
                crate::text::thousands(list.len())
            ),
            None => "searching\u{2026}".to_owned(),
        };
        let query = one_line(&active.text);
        let within = if *state.views().current() == ViewKey::All {
            String::new()
        } else {
            format!(" in {view}")
        };
        return format!("Search \u{201c}{query}\u{201d}{within} {count}{filter}");
    }
    format!(
        "{view} {}/{} \u{b7} {}{filter}",
        crate::text::thousands(at),
        crate::text::thousands(list.len()),
        list.sort().label()
    )
}

/// When a list row says its story is from.
#[derive(Clone, Copy, Debug)]
pub enum ListTime {
    /// The story's own date, in its own zone (as its article shows it).
    Published(DateTime<FixedOffset>),
    /// The file's modification time (Unix seconds), for a story without a date: shown in local time.
    File(i64),
}

/// A list date: the time of day for today's stories, the day and month for this year's, and the year too
/// for older ones (the month and year alone in a narrow list). A story's date is read in its own zone,
/// as its article gives it, and one given without a time of day (midnight exactly) never shows one.
#[must_use]
pub fn list_date(at: ListTime, now: i64, wide: bool) -> String {
    use chrono::{Datelike, Local, TimeZone, Timelike};
    let Some(now_utc) = DateTime::from_timestamp(now, 0) else {
        return String::new();
    };
    let (at, now, dated_only) = match at {
        ListTime::Published(d) => {
            let midnight = d.hour() == 0 && d.minute() == 0 && d.second() == 0;
            (d, now_utc.with_timezone(&d.timezone()), midnight)
        }
        ListTime::File(t) => {
            let Some(local) = Local.timestamp_opt(t, 0).single() else {
                return String::new();
            };
            (
                local.fixed_offset(),
                now_utc.with_timezone(&Local).fixed_offset(),
                false,
            )
        }
    };
    if at.date_naive() == now.date_naive() && !dated_only {
        at.format("%H:%M")
    } else if at.year() == now.year() {
        at.format("%d %b")
    } else if wide {
        at.format("%d %b %Y")
    } else {
        at.format("%b %Y")
    }
    .to_string()
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

/// What an empty library shows: what broadsheet reads, and how to point it elsewhere.
const EMPTY_LIBRARY: &[&str] = &[
    "No stories here.",
    "",
    "broadsheet reads:",
    "  scraped pages (.txt)",
    "  web pages (.html)",
    "  Markdown notes (.md)",
    "  RSS, Atom, JSON Feed",
    "",
    "Give it a folder:",
    "  broadsheet PATH",
    "or set sources in",
    "  config.toml",
];

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
            let first = row(state, theme, h, i, width);
            let second = results.then(|| snippet_line(state, theme, h, width));
            std::iter::once(first).chain(second)
        })
        .collect();
    if rows.is_empty() {
        let searching = state.search().active().map(|a| a.results.is_none());
        let in_view = *state.views().current() != ViewKey::All;
        let waiting = matches!(list.scope(), crate::app::list::Scope::Stories(None));
        let empty: &[&str] = match (state.indexing(), list.filter().any(), searching) {
            (_, _, Some(true)) => &["Searching\u{2026}"],
            (Some(_), _, Some(false)) => &[
                "No stories match the search yet:",
                "the scan is still indexing, and the",
                "search runs again as it goes on.",
                "(Esc clears it)",
            ],
            (None, _, Some(false)) => &["No stories match the search (Esc clears it)"],
            (Some(_), _, None) => &["Indexing\u{2026}"],
            (None, true, None) => &["No stories match the filter"],
            (None, false, None) if waiting => &["Searching\u{2026}"],
            (None, false, None) if in_view => &["No stories in this view (v lists the views)"],
            (None, false, None) if list.all().is_empty() => EMPTY_LIBRARY,
            (None, false, None) => &["No stories"],
        };
        let lines: Vec<Line<'_>> = empty
            .iter()
            .map(|l| Line::styled(fit(l, width), theme.border))
            .collect();
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    frame.render_widget(Paragraph::new(rows), area);
}

fn row<'a>(state: &'a State, theme: &Theme, h: &'a Headline, pos: usize, width: usize) -> Line<'a> {
    let list = state.list();
    let selected = pos == list.selected();
    let read = state.is_read(h.id);
    let base = if read {
        theme.list_read
    } else {
        theme.list_unread
    };
    // A story without a date shows its file's time, dimmed.
    let undated = h.published.is_none();
    let time = match (h.published, h.modified) {
        (Some(d), _) => Some(ListTime::Published(d)),
        (None, Some(t)) => Some(ListTime::File(t)),
        (None, None) => None,
    };
    let date = time.map(|t| list_date(t, state.now(), width >= 70));
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
        let label = column(state, h, pos);
        let section = pad_to(&one_line(label), section_w - 1);
        used += section_w;
        spans.push(Span::styled(
            format!("{section} "),
            if read { base } else { theme.section },
        ));
    }
    // A story kept in several copies says how many, quietly, after its headline.
    let copies = list.copies().of(h.id).len();
    let copies_mark = (copies > 1).then(|| format!(" \u{d7}{copies}"));
    let copies_w = copies_mark
        .as_ref()
        .map_or(0, |m| m.width())
        .min(width.saturating_sub(used + date_w) / 2);
    let title_w = width.saturating_sub(used + date_w + copies_w);
    spans.push(Span::styled(pad_to(&h.title, title_w), base));
    if let Some(mark) = copies_mark.filter(|_| copies_w > 0) {
        spans.push(Span::styled(fit(&mark, copies_w), theme.border));
    }
    let title_w = title_w + copies_w;
    if let Some(d) = date
        && used + title_w + date_w <= width
    {
        let style = if undated {
            theme.border
        } else if read {
            base
        } else {
            theme.date
        };
        spans.push(Span::styled(format!(" {d}"), style));
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

/// The list's second column: the story's source (a feed's title, or the folder of a page), or its
/// section where the source says nothing (one source in all, or a source's own view).
fn column<'a>(state: &'a State, h: &'a Headline, pos: usize) -> &'a str {
    let list = state.list();
    let one_source = list.facets().sources().len() <= 1;
    let in_source = matches!(state.views().current(), ViewKey::Source(_));
    if one_source || in_source {
        h.section.as_deref().unwrap_or("")
    } else {
        list.source_at(pos)
    }
}
