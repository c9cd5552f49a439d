//! The broadsheet binary: parses the command line, loads the store and runs the command.
#![forbid(unsafe_code)]

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use broadsheet::cli::{self, Cli, Command};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = match &cli.command {
        Some(Command::List { paths, .. } | Command::Show { paths, .. }) => paths.clone(),
        None => cli.paths.clone(),
    };
    let store = cli::load_store(cli.command.as_ref(), &paths);
    if !cli::report_warnings(&store, &mut io::stderr()) {
        return ExitCode::from(1);
    }
    let stdout = io::stdout();
    let width = if stdout.is_terminal() {
        crossterm::terminal::size().ok().map(|(w, _)| w)
    } else {
        None
    };
    // Until the reader lands, the bare command lists the stories.
    let command = cli.command.unwrap_or(Command::List {
        json: false,
        unread: false,
        paths,
    });
    let mut out = io::BufWriter::new(stdout.lock());
    match cli::run_print(&command, &store, width, &mut out) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("broadsheet: {e}");
            ExitCode::from(1)
        }
    }
}
