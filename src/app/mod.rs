//! The reader's state machine: `State`, `Action` and `update`, with no terminal in sight.

pub mod action;
pub mod help;
pub mod history;
pub mod indexing;
pub mod layout;
pub mod marking;
pub mod mouse;
pub mod navigation;
pub mod state;
pub mod update;

pub use action::Action;
pub use state::{Focus, State};
pub use update::update;
