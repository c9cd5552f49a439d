//! The real binary in a pseudo-terminal: it starts, draws, takes keys, quits, and gives the terminal back
//! as it found it (cooked mode, main screen, cursor shown, mouse off), on `q` and on SIGTERM.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// How long to wait for the screen to show something: generous, as CI machines can be slow.
const PATIENCE: Duration = Duration::from_secs(20);

/// The terminal's size.
const ROWS: std::num::NonZeroU16 = std::num::NonZeroU16::new(30).unwrap();
/// See [`ROWS`].
const COLS: std::num::NonZeroU16 = std::num::NonZeroU16::new(100).unwrap();

struct Session {
    master: Box<dyn portable_pty::MasterPty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: mpsc::Receiver<Vec<u8>>,
    seen: Vec<u8>,
    screen: vt100::Parser,
    _data: tempfile::TempDir,
}

impl Session {
    fn start() -> Self {
        Self::start_with(&[])
    }

    /// The reader on `paths` (the sample store when none).
    fn start_with(paths: &[&std::path::Path]) -> Self {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS.get(),
                cols: COLS.get(),
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let data = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_broadsheet"));
        cmd.arg("--data-dir");
        cmd.arg(data.path());
        for p in paths {
            cmd.arg(p);
        }
        // No configuration of the machine's user: the built-in defaults.
        cmd.env_remove("BROADSHEET_CONFIG");
        cmd.env("XDG_CONFIG_HOME", data.path());
        cmd.env_remove("NO_COLOR");
        cmd.env("TERM", "xterm-256color");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let writer = pty.master.take_writer().unwrap();
        Self {
            master: pty.master,
            child,
            writer,
            output: rx,
            seen: Vec::new(),
            screen: vt100::Parser::new(ROWS, COLS, 0),
            _data: data,
        }
    }

    /// Waits until the screen (as a terminal would show it) holds `text`.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while !self.screen.screen().contents().contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "never saw {text:?} on\n{}",
                self.screen.screen().contents()
            );
            if let Ok(bytes) = self.output.recv_timeout(left) {
                self.screen.process(&bytes);
                self.seen.extend(bytes);
            }
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end; its exit code.
    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Take in what it wrote last.
                while let Ok(bytes) = self.output.recv_timeout(Duration::from_millis(200)) {
                    self.seen.extend(bytes);
                }
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "the reader did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Asserts the terminal is as a shell wants it: cooked mode with echo, and the reader's last words
    /// leave the alternate screen, show the cursor and stop mouse reports.
    fn assert_restored(&self) {
        let termios = self.master.get_termios().expect("the pty's settings");
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "raw mode left on"
        );
        let out = String::from_utf8_lossy(&self.seen);
        let last_enter = out
            .rfind("\u{1b}[?1049h")
            .expect("entered the alternate screen");
        let tail = &out[last_enter..];
        for (sequence, what) in [
            ("\u{1b}[?1049l", "left the alternate screen"),
            ("\u{1b}[?25h", "showed the cursor"),
            ("\u{1b}[?1000l", "stopped mouse reports"),
        ] {
            assert!(tail.contains(sequence), "never {what}");
        }
    }
}

#[test]
fn the_reader_starts_takes_keys_quits_and_restores_the_terminal() {
    let mut s = Session::start();
    s.wait_for("10 stories");
    s.send("j");
    s.wait_for(" 2/10 ");
    s.send(":5");
    s.wait_for("Go to story: 5");
    s.send("\r");
    s.wait_for(" 5/10 ");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}

#[test]
fn sigterm_ends_the_reader_and_restores_the_terminal() {
    let mut s = Session::start();
    s.wait_for("10 stories");
    let pid = s.child.process_id().expect("a pid");
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(i32::try_from(pid).unwrap()),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    assert_eq!(s.exit_code(), 128 + 15);
    s.assert_restored();
}

#[test]
fn a_burst_of_keys_longer_than_the_read_buffer_is_taken_whole() {
    // crossterm read the terminal 1 KiB at a time and, when more waited, stalled until the next key:
    // 5,000 presses of j stopped at 2,549. Here 2,000 arrive at once.
    let stories = tempfile::tempdir().unwrap();
    broadsheet::synth::write_store(stories.path(), 2_100, 5).unwrap();
    let mut s = Session::start_with(&[stories.path()]);
    s.wait_for("2,100 stories");
    s.send(&"j".repeat(2_000));
    s.wait_for(" 2,001/2,100 ");
    s.send("q");
    assert_eq!(s.exit_code(), 0);
    s.assert_restored();
}
