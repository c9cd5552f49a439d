//! Overlays: boxes of rows drawn over the panes that take the keys while open (the help today, the views
//! next). Each kind implements [`OverlayPane`] in a file of its own; the [`Overlay`] enum lists them, and
//! one renderer (`ui::overlay`) draws any of them, so a new overlay needs its file, a variant here, and
//! its actions and keys.

use super::effect::Effect;
use super::help::HelpPane;
use super::mode::Mode;
use super::state::State;
use crate::action::Action;

/// One row of an overlay.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    /// A heading.
    Heading(String),
    /// Two columns: a short left one (keys, a count) and the text, with an aside shown when there is
    /// room (an action's name).
    Pair {
        /// The left column.
        left: String,
        /// The text.
        right: String,
        /// Shown after the text when the box is wide enough.
        aside: Option<String>,
    },
    /// A line of plain text.
    Text(String),
    /// An empty row.
    Blank,
}

/// Whether an overlay stays open after an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// It stays.
    Stay,
    /// It closes.
    Close,
}

/// What every overlay does.
pub trait OverlayPane {
    /// The box's title.
    fn title(&self) -> &'static str;
    /// Its rows, top to bottom.
    fn rows(&self, state: &State) -> Vec<Row>;
    /// The first row shown.
    fn scroll(&self) -> usize;
    /// The highlighted row, in overlays that select one.
    fn selected(&self) -> Option<usize> {
        None
    }
    /// Takes an action, given how many rows there are and how many show.
    fn update(&mut self, action: &Action, rows: usize, visible: usize) -> Flow;
}

/// The overlays there are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Every binding of the pane with focus, and the files skipped.
    Help(HelpPane),
}

impl Overlay {
    /// The overlay as the trait every kind implements.
    #[must_use]
    pub fn pane(&self) -> &dyn OverlayPane {
        match self {
            Self::Help(p) => p,
        }
    }

    fn pane_mut(&mut self) -> &mut dyn OverlayPane {
        match self {
            Self::Help(p) => p,
        }
    }
}

/// Rows inside an overlay's box on a terminal `height` rows tall (a row of margin above and below, and
/// the borders).
#[must_use]
pub fn visible_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(4)).max(1)
}

/// An action while an overlay is open: Ctrl-Z suspends from anywhere; the rest goes to the overlay.
pub(super) fn handle(state: &mut State, action: &Action) {
    if *action == Action::Suspend {
        state.outbox.push(Effect::Suspend);
        return;
    }
    let Mode::Overlay(overlay) = &state.mode else {
        return;
    };
    let rows = overlay.pane().rows(state).len();
    let visible = visible_rows(state.size.height);
    let Mode::Overlay(overlay) = &mut state.mode else {
        return;
    };
    if overlay.pane_mut().update(action, rows, visible) == Flow::Close {
        state.mode = Mode::Normal;
    }
}
