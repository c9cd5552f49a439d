//! Hostile input, each case reproduced from a crash or hang on an earlier version: it loads, or is refused
//! with a warning naming the reason, and nothing panics, aborts or hangs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use broadsheet::app::State;
use broadsheet::config::keymap::Keymap;
use broadsheet::loader::{LoadError, Loaded, load_bytes};
use broadsheet::text::width::width;
use broadsheet::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// Runs the binary with a data directory of the test's own.
fn broadsheet(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .env("BROADSHEET_DATA_DIR", data)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the binary runs")
}

#[test]
fn list_pads_emoji_sequences_by_their_measured_width() {
    // Keycaps and emoji with a variation selector are two columns wide though their characters add up to
    // one: the section column used to underflow and `list` panicked ("Formatting argument out of range").
    let data = tempfile::tempdir().unwrap();
    let path = fixture("emoji_widths.xml");
    let out = broadsheet(data.path(), &["list", path.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text.lines().next().unwrap();
    let title = "\u{2764}\u{fe0f}\u{2600}\u{fe0f} 1\u{fe0f}\u{20e3} Keycap headline";
    let at = line.find(title).expect("the headline is listed");
    // Marks and a space (3), the section column (16), two spaces, no date (10), two spaces.
    assert_eq!(width(&line[..at]), 33, "{line:?}");
}

#[test]
fn the_reader_draws_emoji_headlines_at_every_width() {
    // The reader panicked at every start on such a headline, so one note made a whole library unreadable.
    let store = broadsheet::store::load(&[fixture("emoji_widths.xml")]);
    assert_eq!(store.articles.len(), 1);
    for columns in (20..=160).step_by(7) {
        let state = State::new(
            store.articles.clone(),
            Vec::new(),
            Keymap::default_keys(),
            Rect::new(0, 0, columns, 12),
        );
        let mut terminal = Terminal::new(TestBackend::new(columns, 12)).unwrap();
        terminal
            .draw(|f| ui::render(&state, &Theme::default(), f))
            .unwrap();
    }
}

/// Loads a fixture the way the store does.
fn load(name: &str) -> Result<Loaded, LoadError> {
    let path = fixture(name);
    load_bytes(&path, &std::fs::read(&path).unwrap())
}

fn titles(loaded: &Loaded) -> Vec<&str> {
    loaded.articles.iter().map(|a| a.title.as_str()).collect()
}

#[test]
fn html_nested_thousands_deep_in_a_feed_is_refused_not_a_stack_overflow() {
    // 9,300 nested spans in an entry (about 55 KB) overflowed the stack in our recursive text walk, an
    // abort that took the reader down with the terminal in the alternate screen.
    let xml = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><title>Deep</title><description><![CDATA[{}x]]></description></item></channel></rss>",
        "<span>".repeat(9_300)
    );
    let err = load_bytes(Path::new("deep.xml"), xml.as_bytes()).unwrap_err();
    assert_eq!(err.to_string(), "nested 9,304 deep; over the 512 limit");
    // Escaped instead of in CDATA, it is caught at the entry.
    let escaped = xml
        .replace("<![CDATA[", "")
        .replace("]]>", "")
        .replace("<span>", "&lt;span&gt;");
    let err = load_bytes(Path::new("deep.xml"), escaped.as_bytes()).unwrap_err();
    assert_eq!(err.to_string(), "nested 9,300 deep; over the 512 limit");
}

#[test]
fn one_element_with_too_many_attributes_is_refused() {
    let page = format!(
        "<html><body><p {}>x</p></body></html>",
        (0..2_000)
            .map(|i| format!("a{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let err = load_bytes(Path::new("attrs.html"), page.as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "an element with 1,001 attributes; over the 1,000 limit"
    );
}
