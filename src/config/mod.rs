//! Configuration: the embedded defaults and the keymap built from them.

pub mod keymap;

/// The built-in defaults, one TOML file in the source.
pub const DEFAULTS: &str = include_str!("defaults.toml");
