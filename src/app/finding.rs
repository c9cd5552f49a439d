//! Searching from the reader: `/` opens the prompt, each edit sends the query to the search worker (the
//! latest wins), results replace the list, Enter keeps them and focuses the list, Esc goes back to the
//! list as it was. In a result, the article opens at its first match and two keys step between matches.

use chrono::{DateTime, FixedOffset, TimeZone};

use super::effect::Effect;
use super::layout::Focus;
use super::mode::{Mode, Prompt, PromptKind};
use super::search::{Active, Hits};
use super::state::State;
use crate::action::SearchReply;
use crate::search::rank::{self, Matches};
use std::ops::Range;

use crate::search::{Matcher, SearchJob, parse};
use crate::view::reflow::Line;

/// Lines kept above a match scrolled to, so it is read in context.
const MATCH_CONTEXT: usize = 2;

/// How many results past the last row shown get their snippets asked for ahead: a page or two of
/// scrolling shows them at once.
const SNIPPETS_AHEAD: usize = 40;

/// Opens the search prompt, holding the query in force (to edit it) or nothing.
pub(super) fn open(state: &mut State) {
    let text = state
        .search
        .active
        .as_ref()
        .map(|a| a.text.clone())
        .unwrap_or_default();
    if state.search.active.is_none() {
        state.search.origin = Some((state.list.current().map(|h| h.id), state.list.offset()));
    }
    state.search.browsing = None;
    state.mode = Mode::Prompt(Prompt::with_text(PromptKind::Search, &text));
}

/// The prompt's text changed: runs it, or says what is wrong with it.
pub(super) fn typed(state: &mut State) {
    let Mode::Prompt(p) = &state.mode else {
        return;
    };
    let text = p.text().to_owned();
    let parsed = match parse(&text) {
        Ok(q) if !q.is_empty() => q,
        Ok(_) => {
            // Nothing to search for (yet): the list as it was.
            back_to_list(state, false);
            return;
        }
        Err(e) => {
            let error = format!("column {}: {}", e.column, e.message);
            match &mut state.search.active {
                Some(active) => {
                    active.text = text;
                    active.error = Some(error);
                }
                None => {
                    state.search.active = Some(Active {
                        text,
                        error: Some(error),
                        ..Active::default()
                    });
                }
            }
            return;
        }
    };
    state.search.generation += 1;
    state.search.again = false;
    let generation = state.search.generation;
    let words = parsed.text.clone();
    let sort = parsed.sort;
    state.search.active = Some(Active {
        text,
        matcher: Matcher::new(&parsed),
        query: parsed,
        results: None,
        error: None,
    });
    match words {
        // Filters only: no index needed.
        None => found(state, generation, &Matches::All),
        Some(expr) => state.outbox.push(Effect::Search(SearchJob::Find {
            generation,
            text: Some(expr),
            sort,
        })),
    }
}

/// Runs the search in force again (the stories changed), keeping the selection.
pub(super) fn rerun(state: &mut State) {
    let Some(active) = &state.search.active else {
        return;
    };
    // A query that never ran (malformed: no good query in force) is not run again; one the worker could
    // not run because the index was not made yet is.
    let not_run = active
        .error
        .as_deref()
        .is_some_and(|e| e != crate::worker::search::NOT_BUILT);
    if not_run && active.results.is_none() {
        return;
    }
    let query = active.query.clone();
    state.search.generation += 1;
    state.search.again = true;
    let generation = state.search.generation;
    match query.text {
        None => found(state, generation, &Matches::All),
        Some(expr) => state.outbox.push(Effect::Search(SearchJob::Find {
            generation,
            text: Some(expr),
            sort: query.sort,
        })),
    }
}

/// The local time now, for ages in `after:` and `before:`.
pub(super) fn now(state: &State) -> DateTime<FixedOffset> {
    chrono::Local
        .timestamp_opt(state.now, 0)
        .single()
        .map_or_else(|| chrono::Utc::now().fixed_offset(), |t| t.fixed_offset())
}

/// The search worker answered.
pub(super) fn reply(state: &mut State, reply: SearchReply) {
    match reply {
        SearchReply::Found {
            generation,
            matches,
        } => found(state, generation, &matches),
        SearchReply::Failed { generation, error } => {
            if generation == state.search.generation
                && let Some(active) = &mut state.search.active
            {
                active.error = Some(error);
            }
        }
        SearchReply::Counted { name, matches } => super::views::counted(state, name, matches),
        SearchReply::Snippets {
            generation,
            snippets,
        } => {
            if generation == state.search.generation {
                state.search.snippets.extend(snippets);
            }
        }
        SearchReply::Similar { id, found } => state.take_similar(id, &found),
    }
}

/// Results for query `generation`: ranked over the stories listed, they replace the list.
fn found(state: &mut State, generation: u64, matches: &Matches) {
    if generation != state.search.generation {
        return;
    }
    let now = now(state);
    let Some(active) = &mut state.search.active else {
        return;
    };
    let read = &state.read;
    let ranked = rank::rank(
        state.list.all(),
        Some(state.list.store_order()),
        state.list.by_id(),
        matches,
        &active.query,
        |id| read.mark(id),
        now,
    );
    active.results = Some(ranked.len());
    let all = state.list.all();
    let order = ranked.iter().map(|r| all[r.index].id).collect();
    if std::mem::take(&mut state.search.again) {
        // The same query on changed stories: where the reader was stays.
        let keep = state.list.current().map(|h| h.id);
        let offset = state.list.offset();
        state.search.asked.clear();
        state.list.set_order(Some(order), keep, &state.read);
        state.list.set_offset(offset);
        if state.list.current().map(|h| h.id) != keep {
            state.enter_story();
        }
        return;
    }
    state.search.snippets.clear();
    state.search.asked.clear();
    state.search.hits = Hits::default();
    state.search.jumped = None;
    state.list.set_order(Some(order), None, &state.read);
    state.enter_story();
}

/// Asks for the snippets of the results on screen and a little past them.
pub(super) fn want_snippets(state: &mut State) {
    if !state.search.showing_results() {
        return;
    }
    let Some(active) = &state.search.active else {
        return;
    };
    let from = state.list.offset();
    let rows = state.list_rows() + SNIPPETS_AHEAD;
    let ids: Vec<_> = state
        .list
        .iter()
        .skip(from)
        .take(rows)
        .map(|h| h.id)
        .filter(|id| !state.search.asked.contains(id))
        .collect();
    if ids.is_empty() {
        return;
    }
    state.search.asked.extend(ids.iter().copied());
    state.outbox.push(Effect::Search(SearchJob::Snippets {
        generation: state.search.generation,
        matcher: active.matcher.clone(),
        ids,
    }));
}

/// Finds the query's matches in the story on screen (once per view), and scrolls a result just opened to
/// its first match.
pub(super) fn mark_matches(state: &mut State) {
    let Some(active) = &state.search.active else {
        return;
    };
    if active.matcher.is_empty() {
        return;
    }
    let Some(view) = state.story_view() else {
        return;
    };
    let key = state.view_key();
    if state.search.hits.key != key {
        let lines = hits_in(&active.matcher, &view.article.lines);
        state.search.hits = Hits { key, lines };
    }
    let current = state.current().map(|h| h.id);
    if state.search.jumped != current {
        state.search.jumped = current;
        if let Some((line, _)) = state.search.hits.lines.first() {
            state.article.set_scroll(line.saturating_sub(MATCH_CONTEXT));
        }
    }
}

/// A word no query has, put between blocks so that a phrase is not matched across them.
const BLOCK_BREAK: &str = " zq0blockbreak0zq ";

/// The matches in reflowed lines, line by line: the lines of a block are read as one text, so a phrase
/// broken across two lines is found and marked on both.
fn hits_in(matcher: &Matcher, lines: &[Line]) -> Vec<(usize, Vec<Range<usize>>)> {
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(lines.len());
    let mut previous = None;
    for l in lines {
        let part = (l.block, l.kind);
        if previous != Some(part) {
            joined.push_str(BLOCK_BREAK);
        }
        previous = Some(part);
        starts.push(joined.len());
        joined.push_str(&l.text);
        joined.push(' ');
    }
    let mut out: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
    for found in matcher.find(&joined) {
        let first = starts
            .partition_point(|&s| s <= found.start)
            .saturating_sub(1);
        for (i, l) in lines.iter().enumerate().skip(first) {
            let start = starts[i];
            if start >= found.end {
                break;
            }
            let end = start + l.text.len();
            let (from, to) = (found.start.max(start), found.end.min(end));
            if from >= to {
                continue;
            }
            let range = from - start..to - start;
            match out.last_mut() {
                Some((line, ranges)) if *line == i => ranges.push(range),
                _ => out.push((i, vec![range])),
            }
        }
    }
    out
}

/// Scrolls the article to the next (or previous) line with a match, and focuses it.
pub(super) fn step_match(state: &mut State, forward: bool) {
    if state.search.active.is_none() {
        state.message = Some("No search: / searches".to_owned());
        return;
    }
    let at = state.article.scroll() + MATCH_CONTEXT;
    let lines = &state.search.hits.lines;
    let target = if forward {
        lines.iter().map(|(l, _)| *l).find(|&l| l > at)
    } else {
        lines.iter().rev().map(|(l, _)| *l).find(|&l| l < at)
    };
    match target {
        Some(line) => {
            state.article.set_scroll(line.saturating_sub(MATCH_CONTEXT));
            if state.size.width >= super::layout::NARROW {
                state.focus = Focus::Article;
            }
            let n = lines
                .iter()
                .position(|(l, _)| *l == line)
                .map_or(0, |i| i + 1);
            state.message = Some(format!("Match {n} of {} lines", lines.len()));
        }
        None if lines.is_empty() => {
            state.message = Some("No match in this story's text".to_owned());
        }
        None => {
            state.message = Some(if forward {
                "No more matches below".to_owned()
            } else {
                "No more matches above".to_owned()
            });
        }
    }
}

/// Enter in the prompt: keeps the results (remembering the query) and focuses the list.
pub(super) fn submit(state: &mut State, text: &str) {
    state.search.browsing = None;
    if text.trim().is_empty() || state.search.active.is_none() {
        back_to_list(state, true);
        return;
    }
    state.search.remember(text);
    state.outbox.push(Effect::SaveSearch {
        query: text.to_owned(),
        at: state.now,
    });
    state.focus = Focus::List;
    if let Some(key) = state
        .keymap
        .keys_for(
            crate::config::keymap::Context::List,
            &crate::action::Action::SaveView,
        )
        .first()
    {
        state.message = Some(format!("{key} saves this search as a view"));
    }
}

/// Esc: the search is cleared and the list is as it was, with the same selection.
pub(super) fn clear(state: &mut State) {
    back_to_list(state, true);
    state.mode = Mode::Normal;
}

/// Drops the search in force without going back to where it started (a view is being chosen).
pub(super) fn drop_search(state: &mut State) {
    state.search.generation += 1;
    state.search.active = None;
    state.search.origin = None;
    state.search.snippets.clear();
    state.search.asked.clear();
    state.search.hits = Hits::default();
    state.search.jumped = None;
    if state.list.ordered() {
        state.list.set_order(None, None, &state.read);
    }
}

/// Lists every story again; with `done`, the story selected before the search is selected again (else
/// the prompt stays open and the next query starts from the same place).
fn back_to_list(state: &mut State, done: bool) {
    state.search.generation += 1;
    state.search.active = None;
    state.search.snippets.clear();
    state.search.asked.clear();
    state.search.hits = Hits::default();
    state.search.jumped = None;
    let (keep, offset) = state.search.origin.unwrap_or((None, 0));
    if done {
        state.search.origin = None;
    }
    if state.list.ordered() {
        state.list.set_order(None, keep, &state.read);
        state.list.set_offset(offset);
        state.enter_story();
    }
}

/// Up or Down in the search prompt: the query before or after, from the history.
pub(super) fn browse(state: &mut State, back: bool) {
    let Mode::Prompt(p) = &mut state.mode else {
        return;
    };
    let history = &state.search.history;
    if history.is_empty() {
        return;
    }
    let (at, draft) = match state.search.browsing.take() {
        Some((at, draft)) => (Some(at), draft),
        None => (None, p.text().to_owned()),
    };
    let next = match (at, back) {
        (None, true) => Some(history.len() - 1),
        (Some(0), true) => Some(0),
        (Some(i), true) => Some(i - 1),
        (Some(i), false) if i + 1 < history.len() => Some(i + 1),
        (None | Some(_), false) => None,
    };
    match next {
        Some(i) => {
            p.set_text(&history[i]);
            state.search.browsing = Some((i, draft));
        }
        None => p.set_text(&draft),
    }
    typed(state);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::reflow::LineKind;

    fn line(text: &str, block: usize) -> Line {
        Line::new(LineKind::Paragraph, text.to_owned(), Some(block))
    }

    #[test]
    fn a_phrase_broken_across_lines_is_marked_on_both_but_not_across_blocks() {
        let matcher = Matcher::new(&parse("\"sea wall\"").expect("a query"));
        let lines = [
            line("over the sea", 0),
            line("wall it came", 0),
            line("by the sea", 1),
            line("wall again", 2),
        ];
        assert_eq!(
            hits_in(&matcher, &lines),
            [
                (0, vec![Range { start: 9, end: 12 }]),
                (1, vec![Range { start: 0, end: 4 }])
            ]
        );
    }
}
