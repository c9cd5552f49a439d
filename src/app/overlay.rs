//! Overlays: boxes of rows drawn over the panes that take the keys while open (the help, the views). Each
//! kind implements [`OverlayPane`] in a file of its own; the [`Overlay`] enum lists them, and one renderer
//! (`ui::overlay`) draws any of them, so a new overlay needs its file, a variant here, and its actions and
//! keys.

use ratatui::layout::Rect;

use super::effect::Effect;
use super::help::HelpPane;
use super::mode::Mode;
use super::state::State;
use super::views_pane::ViewsPane;
use crate::action::Action;

/// The widest an overlay's box gets: rows longer than this are hard to read across.
pub const MAX_WIDTH: u16 = 90;

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
    /// A line of dim text: a hint, or what is typed.
    Hint(String),
    /// A heading that folds the rows under it.
    Fold {
        /// The heading.
        text: String,
        /// Whether the rows under it show.
        open: bool,
        /// What the overlay knows it by.
        value: String,
    },
    /// A row that can be chosen, with a right-aligned aside (a count).
    Choice {
        /// The text.
        text: String,
        /// Right-aligned after it.
        right: String,
        /// What the overlay knows it by.
        value: String,
        /// Whether it is the one in force (marked).
        current: bool,
    },
    /// An empty row.
    Blank,
}

impl Row {
    /// Whether the row can be selected (a choice or a fold).
    #[must_use]
    pub fn selectable(&self) -> bool {
        matches!(self, Self::Choice { .. } | Self::Fold { .. })
    }
}

/// Whether an overlay stays open after an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Flow {
    /// It stays.
    Stay,
    /// It closes.
    Close,
    /// It closes, and the reader takes this action.
    Act(Action),
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
    /// Whether typed characters go to it (a filter), as in a prompt.
    fn takes_text(&self) -> bool {
        false
    }
    /// Takes an action, given its rows and how many show.
    fn update(&mut self, action: &Action, rows: &[Row], visible: usize) -> Flow;
    /// A click on row `row`; by default it closes the overlay.
    fn click(&mut self, _row: usize, _rows: &[Row]) -> Flow {
        Flow::Close
    }
    /// Keeps the selection and scroll right after the rows changed.
    fn settle(&mut self, _rows: &[Row], _visible: usize) {}
}

/// The overlays there are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// Every binding of the pane with focus, and the files skipped.
    Help(HelpPane),
    /// The views, with their counts.
    Views(ViewsPane),
}

impl Overlay {
    /// The overlay as the trait every kind implements.
    #[must_use]
    pub fn pane(&self) -> &dyn OverlayPane {
        match self {
            Self::Help(p) => p,
            Self::Views(p) => p,
        }
    }

    fn pane_mut(&mut self) -> &mut dyn OverlayPane {
        match self {
            Self::Help(p) => p,
            Self::Views(p) => p,
        }
    }
}

/// The box an overlay is drawn in, over `area` (the whole terminal). Where the terminal is hardly wider
/// than the box may be, it covers the panes whole (a thin margin only let their text show through beside
/// it); on a wider one it floats centred over them, [`MAX_WIDTH`] wide, with a row of margin above and
/// below inside them, so its border never lands on theirs. The status bar stays below either way.
#[must_use]
pub fn frame(area: Rect) -> Rect {
    let panes_height = area.height.saturating_sub(1);
    if area.width <= MAX_WIDTH + FLOAT_MARGIN {
        return Rect {
            height: panes_height,
            ..area
        };
    }
    Rect {
        x: area.x + (area.width - MAX_WIDTH) / 2,
        y: area.y + 1,
        width: MAX_WIDTH,
        height: panes_height.saturating_sub(2),
    }
}

/// The least room beside a floating box (both sides together): narrower margins look like a mistake.
const FLOAT_MARGIN: u16 = 8;

/// Rows inside an overlay's box on a terminal of `area` (see [`frame`]), borders excluded.
#[must_use]
pub fn visible_rows(area: Rect) -> usize {
    usize::from(frame(area).height.saturating_sub(2)).max(1)
}

/// An action while an overlay is open: Ctrl-Z suspends from anywhere; a click on a row selects it (and
/// a click outside closes); the rest goes to the overlay.
pub(super) fn handle(state: &mut State, action: &Action) {
    if *action == Action::Suspend {
        state.outbox.push(Effect::Suspend);
        return;
    }
    let Mode::Overlay(overlay) = &state.mode else {
        return;
    };
    let rows = overlay.pane().rows(state);
    let visible = visible_rows(state.size);
    let clicked = match *action {
        Action::Click(x, y) => Some(clicked_row(state, overlay.pane(), x, y)),
        _ => None,
    };
    let Mode::Overlay(overlay) = &mut state.mode else {
        return;
    };
    let flow = match clicked {
        Some(Some(row)) if row < rows.len() => overlay.pane_mut().click(row, &rows),
        Some(_) => Flow::Close,
        None => overlay.pane_mut().update(action, &rows, visible),
    };
    if flow != Flow::Stay
        && let Overlay::Views(pane) = overlay
    {
        state.views.folded = pane.folded().clone();
    }
    match flow {
        Flow::Stay => {
            let Mode::Overlay(overlay) = &state.mode else {
                return;
            };
            let rows = overlay.pane().rows(state);
            if let Mode::Overlay(overlay) = &mut state.mode {
                overlay.pane_mut().settle(&rows, visible);
            }
        }
        Flow::Close => state.mode = Mode::Normal,
        Flow::Act(next) => {
            state.mode = Mode::Normal;
            super::update::act(state, &next);
        }
    }
}

/// The row a click at `x`, `y` is on: `None` outside the rows.
fn clicked_row(state: &State, pane: &dyn OverlayPane, x: u16, y: u16) -> Option<usize> {
    let rect = frame(state.size);
    let inside = super::layout::inner(rect);
    let within = x >= inside.x
        && x < inside.x + inside.width
        && y >= inside.y
        && y < inside.y + inside.height;
    if !within {
        return None;
    }
    Some(pane.scroll() + usize::from(y - inside.y))
}
