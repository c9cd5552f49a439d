//! The views pane: an overlay listing All, Unread and Starred, the saved searches, the sources and the
//! sections, each with its unread and total counts, in groups that fold. Typing filters it; Enter shows the
//! view chosen.

use std::collections::BTreeSet;

use super::mode::Mode;
use super::overlay::{Flow, Overlay, OverlayPane, Row};
use super::state::State;
use crate::action::Action;
use crate::text::thousands;
use crate::views::{Group, Tally, ViewKey, all_views};

/// The pane's own state: the filter typed, the selected row, the scroll and the folded groups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewsPane {
    filter: String,
    selected: usize,
    scroll: usize,
    folded: BTreeSet<Group>,
    /// What the selected row stands for (a view's id, a group's number), so the selection stays on it
    /// when a scan adds rows above it.
    anchor: Option<String>,
}

/// Opens the views pane on the view shown, its counts made.
pub(super) fn open(state: &mut State) {
    super::views::ask_counts(state, false);
    super::views::recount(state);
    let mut pane = ViewsPane {
        folded: state.views.folded.clone(),
        ..ViewsPane::default()
    };
    let rows = pane.rows(state);
    let current = state.views.current().id();
    pane.selected = rows
        .iter()
        .position(|r| matches!(r, Row::Choice { value, .. } if *value == current))
        .unwrap_or(0);
    pane.settle(&rows, super::overlay::visible_rows(state.size));
    state.mode = Mode::Overlay(Overlay::Views(pane));
}

/// The index of a group in [`Group::ALL`], as a fold row's value.
fn group_value(g: Group) -> String {
    Group::ALL
        .iter()
        .position(|x| *x == g)
        .unwrap_or(0)
        .to_string()
}

/// "12/340": unread of total.
fn count(t: Tally) -> String {
    format!("{}/{}", thousands(t.unread), thousands(t.total))
}

/// Whether `name` holds every word of `filter` (ignoring case).
fn matches(name: &str, filter: &str) -> bool {
    let name = name.to_lowercase();
    filter
        .to_lowercase()
        .split_whitespace()
        .all(|w| name.contains(w))
}

impl ViewsPane {
    /// The filter typed.
    #[must_use]
    pub fn filter(&self) -> &str {
        &self.filter
    }

    /// The groups folded.
    #[must_use]
    pub fn folded(&self) -> &BTreeSet<Group> {
        &self.folded
    }

    fn step(&mut self, rows: &[Row], forward: bool) {
        let found = if forward {
            (self.selected + 1..rows.len()).find(|&i| rows[i].selectable())
        } else {
            (0..self.selected.min(rows.len()))
                .rev()
                .find(|&i| rows[i].selectable())
        };
        if let Some(i) = found {
            self.selected = i;
        }
    }

    /// The group whose rows the selection is in.
    fn group_at(&self, rows: &[Row]) -> Option<Group> {
        rows.iter()
            .take(self.selected + 1)
            .rev()
            .find_map(|r| match r {
                Row::Fold { value, .. } => value.parse::<usize>().ok(),
                _ => None,
            })
            .and_then(|i| Group::ALL.get(i).copied())
    }

    fn fold(&mut self, rows: &[Row], fold: bool) {
        let Some(group) = self.group_at(rows) else {
            return;
        };
        if fold {
            self.folded.insert(group);
            // The selection goes to the heading, which stays.
            let value = group_value(group);
            if let Some(i) = rows
                .iter()
                .position(|r| matches!(r, Row::Fold { value: v, .. } if *v == value))
            {
                self.selected = i;
            }
        } else {
            self.folded.remove(&group);
        }
    }

    fn choose(&mut self, rows: &[Row]) -> Flow {
        match rows.get(self.selected) {
            Some(Row::Choice { value, .. }) => Flow::Act(Action::ChooseView(value.clone())),
            Some(Row::Fold { open, .. }) => {
                let open = *open;
                self.fold(rows, open);
                Flow::Stay
            }
            _ => Flow::Stay,
        }
    }
}

impl OverlayPane for ViewsPane {
    fn title(&self) -> &'static str {
        "Views (unread/total)"
    }

    fn rows(&self, state: &State) -> Vec<Row> {
        let views = &state.views;
        let counts = views.counts();
        let facets = state.list().facets();
        let filtering = !self.filter.trim().is_empty();
        let mut out = vec![if filtering {
            Row::Hint(format!("Filter: {}\u{2588}", self.filter))
        } else {
            Row::Hint("Type to filter \u{b7} Enter shows \u{b7} \u{2190}/\u{2192} fold".to_owned())
        }];
        let current = views.current();
        let all = all_views(facets, views.searches());
        for group in Group::ALL {
            let members: Vec<&ViewKey> = all
                .iter()
                .filter(|v| v.group() == group && (!filtering || matches(v.name(), &self.filter)))
                .collect();
            if filtering && members.is_empty() {
                continue;
            }
            let open = filtering || !self.folded.contains(&group);
            out.push(Row::Fold {
                text: format!(
                    "{} {} ({})",
                    if open { '\u{25be}' } else { '\u{25b8}' },
                    group.heading(),
                    thousands(members.len())
                ),
                open,
                value: group_value(group),
            });
            if !open {
                continue;
            }
            if members.is_empty() && group == Group::Searches {
                out.push(Row::Hint(
                    "  none yet: / searches, then V saves the search as a view".to_owned(),
                ));
            }
            for v in members {
                let tally = counts.and_then(|c| match v {
                    ViewKey::All => Some(c.all),
                    ViewKey::Unread => Some(c.unread),
                    ViewKey::Starred => Some(c.starred),
                    ViewKey::Source(n) => facets
                        .find_source(n)
                        .and_then(|i| c.sources.get(i as usize).copied()),
                    ViewKey::Section(n) => facets
                        .find_section(n)
                        .and_then(|i| c.sections.get(i as usize).copied()),
                    ViewKey::Search(_) => None,
                });
                let right = match (v, tally) {
                    (_, Some(t)) => count(t),
                    (ViewKey::Search(n), None) => match views.search_count(n) {
                        Some(t) => count(t),
                        // While a scan builds the index, a search that could not run because the index
                        // is not made yet is counted again at its next commit: still to come.
                        None if views.search_error(n).is_some_and(|e| {
                            e != crate::worker::search::NOT_BUILT || state.indexing().is_none()
                        }) =>
                        {
                            "error".to_owned()
                        }
                        None => "\u{2026}".to_owned(),
                    },
                    _ => String::new(),
                };
                out.push(Row::Choice {
                    text: v.name().to_owned(),
                    right,
                    value: v.id(),
                    current: v == current,
                });
            }
        }
        out
    }

    fn scroll(&self) -> usize {
        self.scroll
    }

    fn selected(&self) -> Option<usize> {
        Some(self.selected)
    }

    fn takes_text(&self) -> bool {
        true
    }

    fn update(&mut self, action: &Action, rows: &[Row], visible: usize) -> Flow {
        let page = visible.saturating_sub(1).max(1);
        // The selection moves (or the rows are filtered): `settle` anchors it again where it lands.
        self.anchor = None;
        match action {
            Action::Insert(c) => {
                self.filter.push(*c);
                self.selected = 0;
            }
            Action::DeleteBack => {
                self.filter.pop();
                self.selected = 0;
            }
            Action::DeleteWord | Action::DeleteToStart => {
                self.filter.clear();
                self.selected = 0;
            }
            Action::Cancel | Action::Close if !self.filter.is_empty() => {
                self.filter.clear();
                self.selected = 0;
            }
            Action::Cancel | Action::Close | Action::Views | Action::Quit => return Flow::Close,
            Action::HistoryPrev | Action::MoveUp | Action::Scroll(_, _, ..=-1) => {
                self.step(rows, false);
            }
            Action::HistoryNext | Action::MoveDown | Action::Scroll(_, _, 1..) => {
                self.step(rows, true);
            }
            Action::PageUp | Action::HalfPageUp => {
                for _ in 0..page {
                    self.step(rows, false);
                }
            }
            Action::PageDown | Action::HalfPageDown => {
                for _ in 0..page {
                    self.step(rows, true);
                }
            }
            Action::CursorStart | Action::Top => self.selected = 0,
            Action::CursorEnd | Action::Bottom => self.selected = rows.len(),
            Action::CursorLeft | Action::FocusLeft => self.fold(rows, true),
            Action::CursorRight | Action::FocusRight => self.fold(rows, false),
            Action::Submit | Action::Open => return self.choose(rows),
            _ => {}
        }
        Flow::Stay
    }

    fn click(&mut self, row: usize, rows: &[Row]) -> Flow {
        if !rows.get(row).is_some_and(Row::selectable) {
            return Flow::Stay;
        }
        self.selected = row;
        self.choose(rows)
    }

    fn settle(&mut self, rows: &[Row], visible: usize) {
        // Rows came or went (a scan, counts): back to the row the selection stood on.
        let value_at = |i: usize| match rows.get(i) {
            Some(Row::Choice { value, .. } | Row::Fold { value, .. }) => Some(value.as_str()),
            _ => None,
        };
        if let Some(anchor) = &self.anchor
            && value_at(self.selected) != Some(anchor.as_str())
            && let Some(i) = (0..rows.len()).find(|&i| value_at(i) == Some(anchor.as_str()))
        {
            self.selected = i;
        }
        // On a row that can be chosen: the nearest one at or after the selection, else before it.
        if !rows.get(self.selected).is_some_and(Row::selectable) {
            let after = (self.selected..rows.len()).find(|&i| rows[i].selectable());
            let before = (0..self.selected.min(rows.len()))
                .rev()
                .find(|&i| rows[i].selectable());
            self.selected = after.or(before).unwrap_or(0);
        }
        // A first choice (not the heading) when the filter just changed the rows.
        if !self.filter.is_empty()
            && matches!(rows.get(self.selected), Some(Row::Fold { .. }))
            && let Some(i) =
                (self.selected..rows.len()).find(|&i| matches!(rows[i], Row::Choice { .. }))
        {
            self.selected = i;
        }
        if self.selected < self.scroll {
            // Show the heading above the first row too.
            self.scroll = if self.selected <= 2 { 0 } else { self.selected };
        } else if self.selected >= self.scroll + visible {
            self.scroll = self.selected + 1 - visible;
        }
        self.scroll = self.scroll.min(rows.len().saturating_sub(visible));
        self.anchor = value_at(self.selected).map(str::to_owned);
    }
}
