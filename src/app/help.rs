//! What the help overlay says, as data: every binding from the keymap's reverse map, then the files that
//! were skipped and why. `update` scrolls through it and `render` draws it.

use super::state::State;

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
    let mut out = vec![HelpRow::Heading("Keys".to_owned())];
    for (action, keys, text) in state.keymap.help_rows() {
        let keys = if keys.is_empty() {
            "(unbound)".to_owned()
        } else {
            keys.join(", ")
        };
        out.push(HelpRow::Binding { keys, action, text });
    }
    out.push(HelpRow::Blank);
    out.push(HelpRow::Text(
        "Mouse: click selects a story or link; the wheel scrolls the pane under it.".to_owned(),
    ));
    if !state.warnings.is_empty() {
        out.push(HelpRow::Blank);
        out.push(HelpRow::Heading(format!(
            "Files skipped or damaged ({})",
            state.warnings.len()
        )));
        out.extend(state.warnings.iter().map(|w| HelpRow::Text(w.to_string())));
    }
    out
}
