//! The real terminal: raw mode, alternate screen and mouse in and out, restored on quit, error, panic and
//! SIGTERM/SIGHUP; Ctrl-Z suspends; crossterm events in.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use std::sync::mpsc::{Receiver, TryRecvError};

use crate::runner::{EventSource, Input};
use crate::store::scan::ScanUpdate;

/// The terminal the reader draws on.
pub type Tui = Terminal<CrosstermBackend<io::Stdout>>;

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

/// Reads crossterm events and the background scan's steps, and ends when SIGTERM, SIGHUP or SIGINT
/// arrives.
pub struct Crossterm {
    stop: Arc<AtomicBool>,
    scan: Option<Receiver<ScanUpdate>>,
}

impl Crossterm {
    /// Starts listening for the stop signals.
    ///
    /// # Errors
    /// When the signal handlers cannot be installed.
    pub fn new() -> io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
        ] {
            signal_hook::flag::register(signal, Arc::clone(&stop))?;
        }
        Ok(Self { stop, scan: None })
    }

    /// Also delivers the steps of a background scan.
    #[must_use]
    pub fn with_scan(mut self, scan: Receiver<ScanUpdate>) -> Self {
        self.scan = Some(scan);
        self
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

    /// Whether a signal asked the reader to stop.
    #[must_use]
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

impl EventSource for Crossterm {
    fn next(&mut self) -> io::Result<Option<Input>> {
        // Wake up now and then to notice a stop signal or a scan step.
        loop {
            if self.stopped() {
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
        if self.stopped() {
            return Ok(None);
        }
        if event::poll(Duration::ZERO)? {
            return event::read().map(|e| Some(Input::Terminal(e)));
        }
        Ok(self.scan_step().map(Input::Scan))
    }
}
