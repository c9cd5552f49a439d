//! The broadsheet binary: parses the command line and runs the command.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    broadsheet::commands::run(broadsheet::cli::Cli::parse())
}
