//! The commands behind the command line: each loads what it needs, prints, and returns an exit status.

pub mod library;
pub mod mark;
pub mod print;
pub mod read;
pub mod state;

use std::io::{self, Write};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::store::Store;
use crate::store::db::DbError;

/// Exit status for usage and configuration errors (clap uses it too).
pub const USAGE: u8 = 2;

/// Runs the command line.
#[must_use]
pub fn run(cli: Cli) -> ExitCode {
    let data_dir = cli.data_dir.clone();
    let outcome = match cli.command {
        None => read::run(&cli.paths, data_dir.as_deref()),
        Some(Command::List {
            json,
            unread,
            starred,
            paths,
        }) => print::list(
            &paths,
            data_dir.as_deref(),
            &print::ListOptions {
                json,
                unread,
                starred,
            },
        ),
        Some(Command::Show { json, width, paths }) => print::show(&paths, json, width),
        Some(Command::Mark { state, targets }) => mark::run(state, &targets, data_dir.as_deref()),
        Some(Command::State { action }) => state::run(&action, data_dir.as_deref()),
    };
    match outcome {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(io::stderr(), "broadsheet: {e:#}");
            let usage = e
                .downcast_ref::<DbError>()
                .is_some_and(|d| matches!(d, DbError::Newer { .. }));
            ExitCode::from(if usage { USAGE } else { 1 })
        }
    }
}

/// Prints the store's warnings to stderr; returns false (after saying so) when no story loaded.
pub fn report_warnings(store: &Store, err: &mut impl Write) -> bool {
    for w in &store.warnings {
        let _ = writeln!(err, "broadsheet: warning: {w}");
    }
    if store.articles.is_empty() {
        let _ = writeln!(err, "broadsheet: no stories could be loaded");
        return false;
    }
    true
}

/// Ends output quietly when the reader of a pipe has gone (`broadsheet list | head`).
fn finish_output(result: io::Result<()>) -> anyhow::Result<ExitCode> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e.into()),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}
