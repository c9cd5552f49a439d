//! broadsheet: a terminal news reader. The library holds everything but terminal setup, so tests and
//! benchmarks drive it directly.
#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod loader;
pub mod model;
pub mod runner;
pub mod samples;
pub mod store;
pub mod synth;
pub mod text;
pub mod tui;
pub mod ui;
