//! The reader: opens the terminal on the sample store or on the given folders (listed at once from the
//! index, brought up to date by a background scan), and gives the terminal back on every way out.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;

use anyhow::Context as _;
use ratatui::layout::Rect;

use super::library::{data_dir, indexed, open_db, roots};
use super::print::{ListOptions, list};
use crate::app::State;
use crate::app::state::Library;
use crate::config::Config;
use crate::store::db::Db;
use crate::store::scan::{self, ScanUpdate};
use crate::store::{Warning, samples_or_nothing};
use crate::ui::Theme;
use crate::{runner, tui};

/// Runs the reader, or prints the list when there is no terminal to draw on.
///
/// # Errors
/// When the database cannot be opened or the terminal cannot be set up.
pub fn run(
    paths: &[PathBuf],
    given_dir: Option<&Path>,
    config: &Config,
) -> anyhow::Result<ExitCode> {
    if !(io::stdout().is_terminal() && io::stdin().is_terminal()) {
        return list(paths, given_dir, &ListOptions::default());
    }
    let mut opened = open_db(given_dir)?;
    let keymap = config.keymap.clone();
    let size =
        crossterm::terminal::size().map_or(Rect::new(0, 0, 80, 24), |(w, h)| Rect::new(0, 0, w, h));
    let (mut state, scan) = if paths.is_empty() {
        let sample = samples_or_nothing();
        (
            State::in_memory(sample.articles, opened.db, sample.warnings, keymap, size),
            None,
        )
    } else {
        let (roots, mut warnings) = roots(paths);
        if roots.is_empty() {
            for w in &warnings {
                eprintln!("broadsheet: warning: {w}");
            }
            eprintln!("broadsheet: no stories could be loaded");
            return Ok(ExitCode::from(1));
        }
        let (headlines, skipped) = indexed(&mut opened, &roots)?;
        warnings.extend(skipped);
        let scan = spawn_scan(data_dir(given_dir)?, roots);
        (
            State::with_library(headlines, Library::Disk, opened.db, warnings, keymap, size),
            Some(scan),
        )
    };
    state.configure(config);
    if let Some(notice) = opened.notice {
        // The whole notice (where the damaged file went) stays in the help; the status bar points there.
        let path = data_dir(given_dir)?.join(crate::store::db::FILE_NAME);
        state.warnings.insert(
            0,
            Warning {
                path,
                reason: notice.reason(),
            },
        );
        state.message = Some(notice.short().to_owned());
    }
    // The reader waits for a busy database less long than a command would: a keypress must not hang.
    let _ = state
        .db
        .conn
        .busy_timeout(std::time::Duration::from_secs(2));
    let signal = read(&mut state, scan, &config.theme)?;
    for w in &state.warnings {
        eprintln!("broadsheet: warning: {w}");
    }
    // Stopped by a signal: the shell's convention, 128 + its number.
    Ok(signal.map_or(ExitCode::SUCCESS, |s| {
        ExitCode::from(u8::try_from(128 + s).unwrap_or(1))
    }))
}

/// Scans `roots` on a thread of its own with its own connection, sending each step.
fn spawn_scan(dir: PathBuf, roots: Vec<PathBuf>) -> mpsc::Receiver<ScanUpdate> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = Db::open(&dir)
            .map_err(anyhow::Error::from)
            .and_then(|opened| {
                let mut db = opened.db;
                scan::scan(&mut db, &roots, |u| {
                    let _ = tx.send(u);
                })
                .map_err(anyhow::Error::from)
            });
        if let Err(e) = result {
            let warning = Warning {
                path: dir,
                reason: format!("the index could not be updated: {e:#}"),
            };
            let _ = tx.send(ScanUpdate {
                warnings: vec![warning],
                finished: true,
                ..ScanUpdate::default()
            });
        }
    });
    rx
}

/// Runs the reader until the user quits or a signal stops it (returned); the terminal is restored on every
/// way out.
fn read(
    state: &mut State,
    scan: Option<mpsc::Receiver<ScanUpdate>>,
    theme: &Theme,
) -> anyhow::Result<Option<i32>> {
    let mut events = tui::Crossterm::new().context("cannot install signal handlers")?;
    if let Some(rx) = scan {
        events = events.with_scan(rx);
        state.indexing = Some((0, 0));
    }
    let mut terminal = tui::init().context("cannot set up the terminal")?;
    let result = loop {
        if let Err(e) = runner::run(&mut terminal, state, theme, &mut events) {
            break Err(e);
        }
        if let Some(url) = state.open_url.take() {
            if let Err(e) = tui::open_in_browser(&mut terminal, &url) {
                state.message = Some(format!("Could not open {url}: {e}"));
            }
            continue;
        }
        if !state.suspend {
            break Ok(());
        }
        state.suspend = false;
        if let Err(e) = tui::suspend(&mut terminal) {
            break Err(e.into());
        }
        // The terminal may have been resized while the reader was stopped.
        if let Ok((w, h)) = crossterm::terminal::size() {
            crate::app::update(state, crate::app::Action::Resize(w, h));
        }
    };
    // A signal or the end of input also ends reading: keep the place.
    state.save_position();
    tui::restore();
    result.map(|()| events.signal())
}
