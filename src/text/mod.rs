//! Text helpers shared by loaders and views: folding for comparison, and (later) reflow and truncation.

pub mod clean;
pub mod fold;
pub mod plain;
pub mod reflow;
pub mod truncate;
