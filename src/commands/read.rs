//! The reader: opens the terminal on the sample store or on the given folders (listed at once from the
//! index, brought up to date by a background scan, bodies parsed by the story worker), and gives the
//! terminal back on every way out.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use ratatui::layout::Rect;

use super::library::{data_dir, indexed, open_db, roots};
use super::print::{ListOptions, list};
use crate::app::State;
use crate::config::Config;
use crate::host::{ReaderHost, Searching, Stories};
use crate::model::Headline;
use crate::runner::{self, Exit, Input};
use crate::scanner::Scanner;
use crate::search::engine::FOLDER;
use crate::store::Warning;
use crate::store::db::Db;
use crate::tui::{self, Events};
use crate::worker::search::{SearchWorker, Searcher};
use crate::worker::{StorySource, StoryWorker};

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
    let size =
        crossterm::terminal::size().map_or(Rect::new(0, 0, 80, 24), |(w, h)| Rect::new(0, 0, w, h));
    let events = Events::start().context("cannot install signal handlers")?;
    // The scan starts once the list is built, so the two do not share the cores on the way to the first
    // frame (its first steps arrive a few milliseconds later).
    let mut scan_from = None;
    let (headlines, warnings, stories, search, scanning, read_roots) = if paths.is_empty() {
        let sample = crate::samples::load_listed();
        let headlines: Vec<Headline> = sample.articles.iter().map(Headline::from).collect();
        let searcher = Searcher::memory(sample.articles.clone());
        let source = StorySource::memory(sample.articles);
        (
            headlines,
            sample.warnings,
            Stories::Now(source),
            Searching::Now(searcher),
            false,
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
        let dir = data_dir(given_dir)?;
        let read_roots = Some(roots.clone());
        scan_from = Some((dir.clone(), roots));
        let db_path = Some(dir.join(crate::store::db::FILE_NAME));
        let to_loop = events.sender();
        let worker = StoryWorker::spawn(
            move || StorySource::disk(db_path.clone()),
            move |loaded| {
                let _ = to_loop.send(Input::Loaded(loaded));
            },
        )
        .context("cannot start the story worker")?;
        let to_loop = events.sender();
        let search = SearchWorker::spawn(Searcher::folder(dir.join(FOLDER)), move |reply| {
            let _ = to_loop.send(Input::Searched(reply));
        })
        .context("cannot start the search worker")?;
        (
            headlines,
            warnings,
            Stories::Worker(worker),
            Searching::Worker(search),
            true,
            read_roots,
        )
    };
    let mut state = reader_state(&opened.db, headlines, warnings, config, size, read_roots);
    if scanning {
        state.start_indexing();
    }
    if let Some(notice) = opened.notice.take() {
        // The whole notice (where the damaged file went) stays in the help; the status bar points there.
        state.notify(notice.warning(), notice.short().to_owned());
    }
    // The reader waits for a busy database less long than a command would: a keypress must not hang.
    let _ = opened
        .db
        .conn
        .busy_timeout(std::time::Duration::from_secs(2));
    // The sources and sections the first frame shows, worked out before the scan starts.
    let _ = state.list().facets();
    // The first scan starts once the folders are watched (see `watch_library`).
    let (scanner, _watchers) = background(scan_from, config, &events);
    let mut host = ReaderHost {
        db: opened.db,
        stories,
        search,
        scanner,
        painter: None,
    };
    let exit = read(&mut state, events, &mut host, config)?;
    for w in state.warnings() {
        eprintln!("broadsheet: warning: {w}");
    }
    // Stopped by a signal: the shell's convention, 128 + its number.
    Ok(match exit {
        Exit::Signal(s) => ExitCode::from(u8::try_from(128 + s).unwrap_or(1)),
        Exit::Quit | Exit::EndOfInput => ExitCode::SUCCESS,
    })
}

/// The scanner of the folders read, and the threads that watch them and the database (stopped when the
/// second value is dropped). None for the sample store.
fn background(
    scan_from: Option<(PathBuf, Vec<PathBuf>)>,
    config: &Config,
    events: &Events,
) -> (Option<Scanner>, Watchers) {
    let Some((dir, roots)) = scan_from else {
        return (None, (None, None));
    };
    // Marks made elsewhere (the CLI, a second reader) show at once.
    let to_loop = events.sender();
    let marks = crate::worker::marks::MarksWatcher::spawn(
        dir.join(crate::store::db::FILE_NAME),
        move |changed| {
            let _ = to_loop.send(Input::Marks(changed));
        },
    )
    .ok();
    let to_loop = events.sender();
    let scanner = Scanner::new(dir, roots, move |step| {
        let _ = to_loop.send(Input::Scan(step));
    });
    // Files that land while the reader runs: the first scan starts when the watch is in place, so a
    // file that lands meanwhile is seen by one or the other.
    let library = watch_library(&scanner, config, events);
    if library.is_none() {
        let _ = scanner.start();
    }
    (Some(scanner), (marks, library))
}

/// The threads [`background`] starts.
type Watchers = (
    Option<crate::worker::marks::MarksWatcher>,
    Option<crate::worker::watch::LibraryWatch>,
);

/// Starts watching the folders `scanner` scans, as `[library]` says; what lands is scanned by it.
fn watch_library(
    scanner: &Scanner,
    config: &Config,
    events: &Events,
) -> Option<crate::worker::watch::LibraryWatch> {
    use crate::worker::watch::{Deliver, LibraryWatch};
    let (changed, rescan, first) = (scanner.clone(), scanner.clone(), scanner.clone());
    let to_loop = events.sender();
    let deliver = Deliver {
        ready: Box::new(move || {
            let _ = first.start();
        }),
        changed: Box::new(move |paths| changed.start_paths(paths)),
        rescan: Box::new(move || rescan.start_live()),
        fallback: Box::new(move |path, reason| {
            let warning = Warning { path, reason };
            let _ = to_loop.send(Input::Notify(
                warning,
                "Not watching the folders: scanning them every so often instead (? says why)"
                    .to_owned(),
            ));
        }),
    };
    LibraryWatch::spawn(
        scanner.roots().to_vec(),
        config.library.watch,
        config.library.rescan_every,
        deliver,
    )
    .ok()
}

/// The reader's state over `headlines`: the marks, the configuration, the search history, the folders
/// read (`None`: the sample store), the saved searches, and the place kept from the last run there.
fn reader_state(
    db: &Db,
    headlines: Vec<Headline>,
    warnings: Vec<Warning>,
    config: &Config,
    size: Rect,
    read_roots: Option<Vec<PathBuf>>,
) -> State {
    let marks = match db.marks() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("broadsheet: warning: could not read the read state: {e}");
            std::collections::HashMap::new()
        }
    };
    let mut state = State::new(headlines, marks, warnings, config.keymap.clone(), size);
    state.configure(config);
    state.set_search_history(db.searches().unwrap_or_default());
    state.set_now(chrono::Utc::now().timestamp());
    let key = place_key(read_roots.as_deref());
    let sample = read_roots.is_none();
    let roots = read_roots.unwrap_or_else(|| vec![PathBuf::from(crate::samples::SAMPLE_DIR)]);
    state.set_roots(roots, key.clone(), sample);
    state.set_saved_searches(&config.views, db.saved_views().unwrap_or_default());
    if let Ok(Some(place)) = db.place(&key) {
        state.restore_place(&place);
    }
    state
}

/// The key the reader's place is kept under: the folders read (absolute), one per line, or the sample
/// store's name. Opened on other folders, the reader starts afresh there.
#[must_use]
pub fn place_key(roots: Option<&[PathBuf]>) -> String {
    match roots {
        None => "(sample stories)".to_owned(),
        Some(roots) => roots
            .iter()
            .map(|r| r.to_string_lossy())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Runs the reader until the user quits or a signal stops it; the terminal is restored on every way out.
fn read(
    state: &mut State,
    mut events: Events,
    host: &mut ReaderHost,
    config: &Config,
) -> anyhow::Result<Exit> {
    let theme = &config.theme;
    let mut terminal = tui::init().context("cannot set up the terminal")?;
    // Which pictures the terminal can draw is asked once, with the terminal in raw mode and the input
    // thread holding off, so the answer is not taken for keys.
    if config.reading.images != crate::config::ImageMode::Never {
        crate::runner::EventSource::pause(&mut events);
        host.painter = crate::pictures::Painter::detect(config.reading.images);
        crate::runner::EventSource::resume(&mut events);
        if host.painter.is_some() {
            state.start_painting();
        }
    }
    let clock = || chrono::Utc::now().timestamp();
    let result = runner::run(&mut terminal, state, theme, &mut events, host, clock);
    tui::restore();
    result
}
