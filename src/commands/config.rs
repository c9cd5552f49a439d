//! `config check [PATH]` and `config default`: a configuration file checked without starting the reader,
//! and the full defaults printed.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::USAGE;
use crate::cli::ConfigAction;
use crate::config::{self, DEFAULTS, Source};

/// Runs `config check` or `config default`.
#[must_use]
pub fn run(action: &ConfigAction, given: Option<&Path>) -> ExitCode {
    match action {
        ConfigAction::Default => {
            let mut out = std::io::stdout();
            let _ = out.write_all(DEFAULTS.as_bytes());
            ExitCode::SUCCESS
        }
        ConfigAction::Check { path } => {
            let source = config::locate(path.as_deref().or(given));
            match (&source, config::load(&source, false)) {
                (_, Err(e)) => {
                    eprintln!("broadsheet: {e}");
                    ExitCode::from(USAGE)
                }
                (Source::File(p), Ok(_)) => {
                    println!("{}: ok", p.display());
                    ExitCode::SUCCESS
                }
                (Source::Defaults, Ok(_)) => {
                    println!("no configuration file: the built-in defaults are used");
                    ExitCode::SUCCESS
                }
            }
        }
    }
}
