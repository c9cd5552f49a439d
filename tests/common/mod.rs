//! Setup the test files share: readers over the sample store, moving to a story or pane through actions
//! (never through fields), drawing a screen, and key events.
#![allow(dead_code)]

use std::path::Path;

use broadsheet::app::{Action, Focus, State};
use broadsheet::store::db::Db;
pub use broadsheet::testing::{NOW, Reader};

/// Keeps `NOW` in use for files that only read it through `common::NOW`.
const _: i64 = NOW;
use broadsheet::ui::{self, Theme};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The sample store at `width`×`height`, marks in memory.
pub fn reader(width: u16, height: u16) -> Reader {
    Reader::samples(width, height)
}

/// The sample store at 140×40, marks in the database in `dir`.
pub fn reader_in(dir: &Path) -> Reader {
    let store = broadsheet::samples::load();
    let db = Db::open(dir).unwrap().db;
    Reader::with_db(store.articles, store.warnings, db, Rect::new(0, 0, 140, 40))
}

/// The list position of the story read from a file whose name ends in `file`.
pub fn index_of(r: &Reader, file: &str) -> usize {
    r.list()
        .iter()
        .position(|h| h.path.ends_with(file))
        .unwrap()
}

/// The selected story's headline.
pub fn title(state: &State) -> String {
    state.current().unwrap().title.clone()
}

/// Types `text` into the open prompt.
pub fn type_text(r: &mut Reader, text: &str) {
    for c in text.chars() {
        r.apply(Action::Insert(c));
    }
}

/// Selects list position `index` (counted from 0) with the go-to prompt, as a user would.
pub fn goto(r: &mut Reader, index: usize) {
    r.apply(Action::Goto);
    type_text(r, &(index + 1).to_string());
    r.apply(Action::Submit);
    assert_eq!(r.list().selected(), index);
}

/// Selects the story read from `file`.
pub fn select_file(r: &mut Reader, file: &str) {
    let index = index_of(r, file);
    goto(r, index);
}

/// Moves focus to `pane` with the focus keys.
pub fn focus(r: &mut Reader, pane: Focus) {
    for _ in 0..3 {
        if r.focus() == pane {
            return;
        }
        r.apply(if pane == Focus::List {
            Action::FocusLeft
        } else {
            Action::FocusNext
        });
    }
    assert_eq!(r.focus(), pane);
}

/// The sample store's headlines in a bare state, no story parsed yet (as the reader starts on files):
/// the first story's load is waiting in `take_effects`.
pub fn unloaded(width: u16, height: u16) -> State {
    let store = broadsheet::samples::load();
    let headlines = store
        .articles
        .iter()
        .map(broadsheet::model::Headline::from)
        .collect();
    let mut state = State::new(
        headlines,
        std::collections::HashMap::new(),
        Vec::new(),
        broadsheet::config::keymap::Keymap::default_keys(),
        Rect::new(0, 0, width, height),
    );
    state.set_now(broadsheet::testing::NOW);
    state
}

/// Draws `state` on a test terminal of its size.
pub fn draw(state: &State) -> Terminal<TestBackend> {
    let size = state.size();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|f| ui::render(state, &Theme::default(), f))
        .unwrap();
    terminal
}

/// A key press.
pub fn key(code: KeyCode) -> Event {
    Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A character key press (Shift folded into the character, as terminals send it).
pub fn char_key(c: char) -> Event {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    Event::Key(KeyEvent::new(KeyCode::Char(c), mods))
}

/// Runs the binary with `args`, its data in `data`, and neither the machine's configuration nor its
/// colour or backtrace settings.
pub fn broadsheet(data: &Path, args: &[&str]) -> std::process::Output {
    broadsheet_with(data, args, &[])
}

/// [`broadsheet`] with environment variables set.
pub fn broadsheet_with(data: &Path, args: &[&str], envs: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_broadsheet"));
    cmd.args(args)
        .env("BROADSHEET_DATA_DIR", data)
        .env("XDG_CONFIG_HOME", data.join("config-home"))
        .env_remove("BROADSHEET_CONFIG")
        .env_remove("NO_COLOR")
        .env_remove("RUST_BACKTRACE");
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}

/// A file under `tests/fixtures/`.
pub fn fixture(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}
