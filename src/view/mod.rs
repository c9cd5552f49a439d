//! Stories laid out for reading: reflowed to a pane's width for the reader (cached by the app, never
//! built in render), and as plain text for `show`. Text helpers they use live in `text`, which knows
//! nothing of stories.

mod blocks;
pub mod links;
pub mod plain;
pub mod reflow;
pub mod table;
