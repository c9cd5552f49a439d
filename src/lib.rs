//! broadsheet: a terminal news reader. The library holds everything but terminal setup, so tests and
//! benchmarks drive it directly.
#![forbid(unsafe_code)]

pub mod action;
pub mod app;
pub mod cli;
pub mod cluster;
pub mod commands;
pub mod config;
pub mod export;
pub mod host;
pub mod loader;
pub mod model;
pub mod pictures;
pub mod player;
pub mod runner;
pub mod samples;
pub mod scanner;
pub mod search;
pub mod shell;
pub mod store;
#[cfg(feature = "test-support")]
pub mod synth;
#[cfg(feature = "test-support")]
pub mod testing;
pub mod text;
pub mod tui;
pub mod ui;
pub mod view;
pub mod views;
pub mod worker;
