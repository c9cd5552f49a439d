//! The real terminal: raw mode, alternate screen and mouse in and out, restored on quit, error, panic and
//! SIGTERM/SIGHUP; Ctrl-Z suspends; crossterm events and the background scan's steps in.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::runner::{EventSource, Input};
use crate::store::scan::ScanUpdate;

/// The terminal the reader draws on.
pub type Tui = Terminal<CrosstermBackend<io::Stdout>>;

/// How long the event loop has to wind down after a stop signal before the process restores the terminal
/// and exits on its own (a closed terminal can leave the loop waiting on input that never comes).
const GRACE: Duration = Duration::from_millis(500);

/// Puts the terminal into reader mode and installs a panic hook that restores it first.
///
/// # Errors
/// When the terminal cannot be set up (it is then restored before returning).
pub fn init() -> io::Result<Tui> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    if let Err(e) = enter() {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )
}

/// Gives the terminal back as it was. Safe to call more than once.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Restores the terminal, stops the process as Ctrl-Z would, and sets the terminal up again when the
/// shell resumes it (`fg`).
///
/// # Errors
/// When the terminal cannot be set up again.
pub fn suspend(terminal: &mut Tui) -> io::Result<()> {
    restore();
    #[cfg(unix)]
    {
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
    }
    enter()?;
    terminal.clear()
}

/// Browsers that run in the terminal: the reader gives the terminal to them until they exit.
const TEXT_BROWSERS: &[&str] = &[
    "lynx",
    "w3m",
    "elinks",
    "links",
    "browsh",
    "www-browser",
    "carbonyl",
];

/// Opens `url` in the user's browser (`$BROWSER`, else the system's). A text browser gets the terminal,
/// restored first and taken back after.
///
/// # Errors
/// When no browser could be started, or the terminal cannot be set up again.
pub fn open_in_browser(terminal: &mut Tui, url: &str) -> io::Result<()> {
    let text = std::env::var("BROWSER").is_ok_and(|b| TEXT_BROWSERS.iter().any(|t| b.contains(t)));
    if !text {
        return webbrowser::open(url);
    }
    restore();
    let opened = webbrowser::open(url);
    enter()?;
    terminal.clear()?;
    opened
}

/// Reads crossterm events and the background scan's steps, and ends when SIGTERM, SIGHUP or SIGINT
/// arrives.
pub struct Crossterm {
    stop: Arc<AtomicI32>,
    scan: Option<Receiver<ScanUpdate>>,
}

impl Crossterm {
    /// Starts listening for the stop signals. A signal ends the event loop; if the loop does not end
    /// within a moment (its terminal closed under it), the terminal is restored and the process exits
    /// with 128 + the signal's number.
    ///
    /// # Errors
    /// When the signal handlers cannot be installed.
    pub fn new() -> io::Result<Self> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let stop = Arc::new(AtomicI32::new(0));
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let flag = Arc::clone(&stop);
        std::thread::spawn(move || {
            if let Some(signal) = signals.forever().next() {
                flag.store(signal, Ordering::SeqCst);
                std::thread::sleep(GRACE);
                restore();
                std::process::exit(128 + signal);
            }
        });
        Ok(Self { stop, scan: None })
    }

    /// Also delivers the steps of a background scan.
    #[must_use]
    pub fn with_scan(mut self, scan: Receiver<ScanUpdate>) -> Self {
        self.scan = Some(scan);
        self
    }

    /// The signal that asked the reader to stop, if one did.
    #[must_use]
    pub fn signal(&self) -> Option<i32> {
        let s = self.stop.load(Ordering::SeqCst);
        (s != 0).then_some(s)
    }

    fn scan_step(&mut self) -> Option<ScanUpdate> {
        let rx = self.scan.as_ref()?;
        match rx.try_recv() {
            Ok(u) => Some(u),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.scan = None;
                None
            }
        }
    }
}

impl EventSource for Crossterm {
    fn next(&mut self) -> io::Result<Option<Input>> {
        // Wake up now and then to notice a stop signal or a scan step.
        loop {
            if self.signal().is_some() {
                return Ok(None);
            }
            if let Some(u) = self.scan_step() {
                return Ok(Some(Input::Scan(u)));
            }
            let wait = if self.scan.is_some() { 30 } else { 200 };
            if event::poll(Duration::from_millis(wait))? {
                return event::read().map(|e| Some(Input::Terminal(e)));
            }
        }
    }

    fn ready(&mut self) -> io::Result<Option<Input>> {
        if self.signal().is_some() {
            return Ok(None);
        }
        if event::poll(Duration::ZERO)? {
            return event::read().map(|e| Some(Input::Terminal(e)));
        }
        Ok(self.scan_step().map(Input::Scan))
    }
}
