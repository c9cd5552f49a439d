//! The broadsheet binary: parses the command line, loads the store and runs the reader or a command.
#![forbid(unsafe_code)]

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::Context as _;
use broadsheet::app::State;
use broadsheet::cli::{self, Cli, Command};
use broadsheet::config::keymap::Keymap;
use broadsheet::store::Store;
use broadsheet::ui::Theme;
use broadsheet::{runner, tui};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = match &cli.command {
        Some(Command::List { paths, .. } | Command::Show { paths, .. }) => paths.clone(),
        None => cli.paths.clone(),
    };
    let store = cli::load_store(cli.command.as_ref(), &paths);
    let interactive =
        cli.command.is_none() && io::stdout().is_terminal() && io::stdin().is_terminal();
    if interactive {
        if store.articles.is_empty() {
            cli::report_warnings(&store, &mut io::stderr());
            return ExitCode::from(1);
        }
        return match read(store) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("broadsheet: {e:#}");
                ExitCode::from(1)
            }
        };
    }
    if !cli::report_warnings(&store, &mut io::stderr()) {
        return ExitCode::from(1);
    }
    let stdout = io::stdout();
    let width = if stdout.is_terminal() {
        crossterm::terminal::size().ok().map(|(w, _)| w)
    } else {
        None
    };
    // Without a terminal to draw on, the bare command lists the stories.
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

/// Runs the reader on `store` until the user quits or a signal stops it; the terminal is restored on
/// every way out. Warnings are printed after it closes, where they can be read.
fn read(store: Store) -> anyhow::Result<()> {
    let mut events = tui::Crossterm::new().context("cannot install signal handlers")?;
    let mut terminal = tui::init().context("cannot set up the terminal")?;
    let size = terminal.size().unwrap_or_default();
    let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
    let mut state = State::new(store.articles, store.warnings, Keymap::default_keys(), area);
    let theme = Theme::default();
    let result = loop {
        if let Err(e) = runner::run(&mut terminal, &mut state, &theme, &mut events) {
            break Err(e);
        }
        if !state.suspend {
            break Ok(());
        }
        state.suspend = false;
        if let Err(e) = tui::suspend(&mut terminal) {
            break Err(e.into());
        }
    };
    tui::restore();
    for w in &state.warnings {
        eprintln!("broadsheet: warning: {w}");
    }
    result
}
