//! The real terminal: raw mode, alternate screen and mouse in and out, restored on quit, error, panic,
//! SIGTERM/SIGHUP/SIGINT; Ctrl-Z and an outside SIGTSTP suspend; and one channel that brings every input
//! in: terminal events (read on a thread of their own), signals, scan steps and parsed stories.

use std::io::{self, Write};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::runner::{EventSource, Input};

/// The terminal the reader draws on.
pub type Tui = Terminal<CrosstermBackend<io::Stdout>>;

/// How long the event loop has to wind down after a stop signal before the process restores the terminal
/// and exits on its own (a closed terminal can leave the loop waiting on input that never comes).
const GRACE: Duration = Duration::from_millis(500);

/// How long the input thread waits for a key before it looks whether it should pause: the longest a
/// suspend or a text browser waits for the keyboard to be handed over.
const POLL: Duration = Duration::from_millis(50);

/// Puts the terminal into reader mode and installs a panic hook that restores it first, when the panic
/// ends the reader: one on the UI thread. A parser's panic, caught and turned into a warning, and one on a
/// background thread, caught there, leave the reader running on its screen.
///
/// # Errors
/// When the terminal cannot be set up (it is then restored before returning).
pub fn init() -> io::Result<Tui> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let ui_thread = std::thread::current().name() == Some("main");
        if ui_thread && !crate::loader::guard::in_guarded_parse() {
            restore();
        }
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
pub fn suspend() -> io::Result<()> {
    restore();
    #[cfg(unix)]
    {
        // SIGTSTP has a handler (to restore the terminal first), so stop the way its default would.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    }
    enter()
}

/// Set while a piped command has the terminal: the keyboard's Ctrl-C and Ctrl-Z are meant for it.
static HANDED_OVER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Gives the terminal to `run` (a piped command), waits for Enter so its output can be read, and sets
/// the terminal up again. Meanwhile Ctrl-C and Ctrl-Z do not stop the reader.
///
/// # Errors
/// When the terminal cannot be set up again.
pub fn hand_over<T>(run: impl FnOnce() -> T) -> io::Result<T> {
    use std::sync::atomic::Ordering;
    restore();
    HANDED_OVER.store(true, Ordering::Release);
    let out = run();
    let mut stdout = io::stdout();
    let _ = write!(stdout, "\n[Press Enter to return to broadsheet]");
    let _ = stdout.flush();
    let mut line = String::new();
    let _ = io::stdin().read_line(&mut line);
    HANDED_OVER.store(false, Ordering::Release);
    enter()?;
    Ok(out)
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
pub fn open_in_browser(url: &str) -> io::Result<()> {
    let text = std::env::var("BROWSER").is_ok_and(|b| TEXT_BROWSERS.iter().any(|t| b.contains(t)));
    if !text {
        return webbrowser::open(url);
    }
    restore();
    let opened = webbrowser::open(url);
    enter()?;
    opened
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard. Control characters are
/// dropped first: the sequence must end where it is meant to, whatever the text holds.
#[must_use]
pub fn osc52(text: &str) -> String {
    use base64::Engine as _;
    let clean: String = text.chars().filter(|c| !c.is_control()).collect();
    let encoded = base64::engine::general_purpose::STANDARD.encode(clean.as_bytes());
    format!("\u{1b}]52;c;{encoded}\u{7}")
}

/// Asks the terminal to put `text` on the clipboard (OSC 52). The terminal may refuse without a word
/// (tmux needs `set-clipboard on`), which no program can tell.
///
/// # Errors
/// When the terminal cannot be written to.
pub fn copy_to_clipboard(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

/// Whether the input thread reads the terminal.
#[derive(Debug, Default)]
struct Gate {
    /// Asked to stop reading.
    paused: bool,
    /// Stopped: not inside a read.
    idle: bool,
}

/// Every input of the reader, through one channel.
pub struct Events {
    rx: Receiver<io::Result<Input>>,
    tx: Sender<io::Result<Input>>,
    gate: Arc<(Mutex<Gate>, Condvar)>,
}

/// Hands inputs to the reader from another thread (the scan, the story worker).
#[derive(Clone, Debug)]
pub struct InputSender(Sender<io::Result<Input>>);

impl InputSender {
    /// Sends `input`; false when the reader has gone.
    #[must_use = "false means the reader has gone"]
    pub fn send(&self, input: Input) -> bool {
        self.0.send(Ok(input)).is_ok()
    }
}

impl Events {
    /// Starts the input thread and the signal handlers. SIGTERM, SIGHUP and SIGINT end the event loop; if
    /// it does not end within a moment (its terminal closed under it), the terminal is restored and the
    /// process exits with 128 + the signal's number. SIGTSTP suspends as Ctrl-Z does.
    ///
    /// # Errors
    /// When the signal handlers or the thread cannot be installed.
    pub fn start() -> io::Result<Self> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
        let (tx, rx) = mpsc::channel();
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP])?;
        let to_loop = tx.clone();
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    // A piped command has the terminal: Ctrl-C and Ctrl-Z are its (they reach it too, as
                    // it runs in the reader's process group), not the reader's.
                    if HANDED_OVER.load(std::sync::atomic::Ordering::Acquire)
                        && (signal == SIGINT || signal == SIGTSTP)
                    {
                        continue;
                    }
                    if signal == SIGTSTP {
                        let _ = to_loop.send(Ok(Input::Suspend));
                        continue;
                    }
                    let _ = to_loop.send(Ok(Input::Stop(signal)));
                    std::thread::sleep(GRACE);
                    restore();
                    std::process::exit(128 + signal);
                }
            })?;
        let gate = Arc::new((Mutex::new(Gate::default()), Condvar::new()));
        let keys = tx.clone();
        let thread_gate = Arc::clone(&gate);
        std::thread::Builder::new()
            .name("input".into())
            .spawn(move || read_terminal(&keys, &thread_gate))?;
        Ok(Self { rx, tx, gate })
    }

    /// A sender for the background threads' inputs.
    #[must_use]
    pub fn sender(&self) -> InputSender {
        InputSender(self.tx.clone())
    }
}

/// The input thread: reads terminal events and sends them on, stopping while the gate is paused.
fn read_terminal(tx: &Sender<io::Result<Input>>, gate: &(Mutex<Gate>, Condvar)) {
    let (lock, changed) = gate;
    loop {
        {
            let mut g = lock.lock().unwrap_or_else(PoisonError::into_inner);
            while g.paused {
                g.idle = true;
                changed.notify_all();
                g = changed.wait(g).unwrap_or_else(PoisonError::into_inner);
            }
            g.idle = false;
        }
        let event = match event::poll(POLL) {
            Ok(true) => event::read().map(Input::Terminal),
            Ok(false) => continue,
            Err(e) => Err(e),
        };
        let failed = event.is_err();
        if tx.send(event).is_err() || failed {
            return;
        }
    }
}

impl EventSource for Events {
    fn next(&mut self) -> io::Result<Option<Input>> {
        match self.rx.recv() {
            Ok(input) => input.map(Some),
            Err(_) => Ok(None),
        }
    }

    fn ready(&mut self) -> io::Result<Option<Input>> {
        match self.rx.try_recv() {
            Ok(input) => input.map(Some),
            Err(TryRecvError::Empty | TryRecvError::Disconnected) => Ok(None),
        }
    }

    fn pause(&mut self) {
        let (lock, changed) = &*self.gate;
        let mut g = lock.lock().unwrap_or_else(PoisonError::into_inner);
        g.paused = true;
        // Wait (a poll's length at most) until the thread is out of its read, so the other program gets
        // every key.
        let (_g, _) = changed
            .wait_timeout_while(g, POLL * 4, |g| !g.idle)
            .unwrap_or_else(PoisonError::into_inner);
    }

    fn resume(&mut self) {
        let (lock, changed) = &*self.gate;
        lock.lock().unwrap_or_else(PoisonError::into_inner).paused = false;
        changed.notify_all();
    }
}
