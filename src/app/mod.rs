//! The reader's state machine: `State` (built from per-pane models), `update` and the effects it returns,
//! with no terminal, file or database in sight.

pub mod article;
pub mod copies;
pub mod effect;
pub mod finding;
pub mod geometry;
pub mod help;
pub mod history;
pub mod indexing;
pub mod kin;
pub mod layout;
pub mod list;
pub mod marking;
pub mod mode;
pub mod mouse;
pub mod navigation;
pub mod overlay;
pub mod read_state;
pub mod search;
pub mod sidebar;
pub mod state;
pub mod update;
pub mod views;
pub mod views_pane;

pub use crate::action::Action;
pub use effect::Effect;
pub use layout::Focus;
pub use mode::Mode;
pub use state::State;
pub use update::update;
