//! `completions SHELL` and `man`: a shell's completion script and the manual page, both generated from the
//! command line's own definitions, so they never disagree with it.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;

/// Prints the completion script for `shell`.
#[must_use]
pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(shell, &mut command, "broadsheet", &mut out);
    let _ = out.flush();
    ExitCode::SUCCESS
}

/// Prints the manual page, in roff.
///
/// # Errors
/// When standard output cannot be written (other than a closed pipe).
pub fn man() -> anyhow::Result<ExitCode> {
    let page = clap_mangen::Man::new(Cli::command());
    let mut text = Vec::new();
    page.render(&mut text)?;
    let written = io::stdout().lock().write_all(&text);
    super::finish_output(written)
}
