//! The help overlay: the focused pane's bindings from the keymap (so the help never lies), then the
//! files that were skipped and why.

use super::overlay::{Flow, OverlayPane, Row};
use super::state::State;
use crate::action::Action;

/// The help, scrolled this many rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HelpPane {
    /// Rows scrolled.
    pub scroll: usize,
}

impl OverlayPane for HelpPane {
    fn title(&self) -> &'static str {
        "Help"
    }

    fn rows(&self, state: &State) -> Vec<Row> {
        rows(state)
    }

    fn scroll(&self) -> usize {
        self.scroll
    }

    fn update(&mut self, action: &Action, rows: &[Row], visible: usize) -> Flow {
        let max = rows.len().saturating_sub(visible);
        let page = isize::try_from(visible).unwrap_or(1);
        let delta = match action {
            Action::MoveDown | Action::Scroll(_, _, 1..) => 1,
            Action::MoveUp | Action::Scroll(_, _, ..=-1) => -1,
            Action::PageDown | Action::HalfPageDown => page,
            Action::PageUp | Action::HalfPageUp => -page,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Close | Action::Help | Action::Quit | Action::Click(..) => return Flow::Close,
            _ => 0,
        };
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
        Flow::Stay
    }
}

/// The help's rows for `state`.
#[must_use]
pub fn rows(state: &State) -> Vec<Row> {
    let context = state.context();
    let mut out = vec![Row::Heading(format!("Keys {}", context.describe()))];
    for (action, keys) in state.keymap.help_rows(context) {
        let keys = if keys.is_empty() {
            "(unbound)".to_owned()
        } else {
            keys.join(", ")
        };
        out.push(Row::Pair {
            left: keys,
            right: action.help().unwrap_or("").to_owned(),
            aside: Some(action.name().to_owned()),
        });
    }
    out.push(Row::Blank);
    out.push(Row::Text(
        "Mouse: click selects a story or link; the wheel scrolls the pane under it.".to_owned(),
    ));
    out.push(Row::Blank);
    out.push(Row::Heading("Search queries (/)".to_owned()));
    for (form, meaning) in crate::search::query::GRAMMAR {
        out.push(Row::Pair {
            left: (*form).to_owned(),
            right: (*meaning).to_owned(),
            aside: None,
        });
    }
    views_rows(state, &mut out);
    command_rows(state, context, &mut out);
    if !state.warnings.is_empty() {
        out.push(Row::Blank);
        out.push(Row::Heading(format!(
            "Files skipped or damaged ({})",
            crate::text::thousands(state.warnings.len())
        )));
        // Each reason in full, wrapped to the box, continuation lines indented: cut short, a path or a
        // reason could not be read.
        let width = usize::from(super::overlay::frame(state.size).width.saturating_sub(2)).max(20);
        let options = textwrap::Options::new(width).subsequent_indent("  ");
        for w in &state.warnings {
            out.extend(
                textwrap::wrap(&w.to_string(), &options)
                    .into_iter()
                    .map(|line| Row::Text(line.into_owned())),
            );
        }
    }
    out
}

/// The keys of the views pane, from the prompt's keymap.
fn views_rows(state: &State, out: &mut Vec<Row>) {
    out.push(Row::Blank);
    out.push(Row::Heading("In the views (v)".to_owned()));
    let keys = |a: Action| {
        let k = state
            .keymap
            .keys_for(crate::config::keymap::Context::Prompt, &a);
        if k.is_empty() {
            "(unbound)".to_owned()
        } else {
            k.join(", ")
        }
    };
    for (left, right) in [
        ("letters".to_owned(), "filter the views by name"),
        (
            format!(
                "{}; {}",
                keys(Action::HistoryPrev),
                keys(Action::HistoryNext)
            ),
            "move up; down",
        ),
        (
            keys(Action::Submit),
            "show the view (on a heading: fold it)",
        ),
        (
            format!(
                "{}; {}",
                keys(Action::CursorLeft),
                keys(Action::CursorRight)
            ),
            "fold; unfold the group",
        ),
        (keys(Action::Cancel), "clear the filter, then close"),
    ] {
        out.push(Row::Pair {
            left,
            right: right.to_owned(),
            aside: None,
        });
    }
    out.push(Row::Text(
        "Counts are unread/total. A search (/) searches within the view; M marks only its stories."
            .to_owned(),
    ));
}

/// The named commands of `[commands]`, with their keys.
fn command_rows(state: &State, context: crate::config::keymap::Context, out: &mut Vec<Row>) {
    if !state.commands.is_empty() {
        out.push(Row::Blank);
        out.push(Row::Heading(
            "Commands ([commands]: the story piped to each)".to_owned(),
        ));
        for (name, command) in &state.commands {
            let keys = state
                .keymap
                .keys_for(context, &Action::RunCommand(name.clone()));
            out.push(Row::Pair {
                left: if keys.is_empty() {
                    "(unbound)".to_owned()
                } else {
                    keys.join(", ")
                },
                right: command.clone(),
                aside: Some(name.clone()),
            });
        }
    }
}
