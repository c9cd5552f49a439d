//! The help overlay as data: the focused pane's bindings from the keymap (so the help never lies), then
//! the files that were skipped and why; and its scrolling, which `update` calls in help mode.

use super::mode::Mode;
use super::state::State;
use crate::action::Action;

/// One row of the help overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpRow {
    /// A heading.
    Heading(String),
    /// Keys, the action's name, and what it does.
    Binding {
        /// The keys, as written in the configuration ("j, down").
        keys: String,
        /// The action's name.
        action: &'static str,
        /// What it does.
        text: &'static str,
    },
    /// A line of plain text.
    Text(String),
    /// An empty row.
    Blank,
}

/// The overlay's rows for `state`.
#[must_use]
pub fn rows(state: &State) -> Vec<HelpRow> {
    let context = state.context();
    let mut out = vec![HelpRow::Heading(format!("Keys {}", context.describe()))];
    for (action, keys) in state.keymap.help_rows(context) {
        let keys = if keys.is_empty() {
            "(unbound)".to_owned()
        } else {
            keys.join(", ")
        };
        out.push(HelpRow::Binding {
            keys,
            action: action.name(),
            text: action.help().unwrap_or(""),
        });
    }
    out.push(HelpRow::Blank);
    out.push(HelpRow::Text(
        "Mouse: click selects a story or link; the wheel scrolls the pane under it.".to_owned(),
    ));
    if !state.warnings.is_empty() {
        out.push(HelpRow::Blank);
        out.push(HelpRow::Heading(format!(
            "Files skipped or damaged ({})",
            crate::text::thousands(state.warnings.len())
        )));
        out.extend(state.warnings.iter().map(|w| HelpRow::Text(w.to_string())));
    }
    out
}

/// Rows of the overlay's inside for a terminal `height` rows tall.
#[must_use]
pub fn visible_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(4)).max(1)
}

/// An action while the help is open: scroll it, close it, or suspend.
pub(super) fn scroll(state: &mut State, action: &Action) {
    let Mode::Help { scroll } = state.mode else {
        return;
    };
    let visible = visible_rows(state.size.height);
    let max = rows(state).len().saturating_sub(visible);
    let page = isize::try_from(visible).unwrap_or(1);
    let moved = |d: isize| Mode::Help {
        scroll: scroll.saturating_add_signed(d).min(max),
    };
    state.mode = match action {
        Action::MoveDown | Action::Scroll(_, _, 1..) => moved(1),
        Action::MoveUp | Action::Scroll(_, _, ..=-1) => moved(-1),
        Action::PageDown | Action::HalfPageDown => moved(page),
        Action::PageUp | Action::HalfPageUp => moved(-page),
        Action::Top => moved(isize::MIN / 2),
        Action::Bottom => moved(isize::MAX / 2),
        Action::Close | Action::Help | Action::Quit | Action::Click(..) => Mode::Normal,
        Action::Suspend => {
            state.outbox.push(super::effect::Effect::Suspend);
            moved(0)
        }
        _ => moved(0),
    };
}
