//! Hostile input, each case reproduced from a crash or hang on an earlier version: it loads, or is refused
//! with a warning naming the reason, and nothing panics, aborts or hangs.

mod common;

use common::broadsheet;
use std::path::{Path, PathBuf};

use broadsheet::loader::{LoadError, Loaded, load_bytes};
use broadsheet::testing::Reader;
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
        let reader = Reader::new(
            store.articles.clone(),
            Vec::new(),
            Rect::new(0, 0, columns, 12),
        );
        let state = &reader.state;
        let mut terminal = Terminal::new(TestBackend::new(columns, 12)).unwrap();
        terminal
            .draw(|f| ui::render(state, &Theme::default(), f))
            .unwrap();
    }
}

/// Loads a fixture the way the store does.
fn load(name: &str) -> Result<Loaded, LoadError> {
    let path = fixture(name);
    load_bytes(&path, &std::fs::read(&path).unwrap())
}

fn titles(loaded: &Loaded) -> Vec<&str> {
    loaded
        .articles
        .iter()
        .map(|a| a.head.title.as_str())
        .collect()
}

#[test]
fn utf16_feeds_of_either_byte_order_are_read() {
    // Big-endian behind its mark, declaring "utf-16" (which means little-endian to encoding_rs): quick-xml
    // inside feed-rs panicked with "set_encoding() called after prefix buffer was drained".
    for name in ["utf16be_bom.xml", "utf16le_bom.xml"] {
        let loaded = load(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(titles(&loaded), ["Tide tables"], "{name}");
        assert_eq!(loaded.articles[0].head.source.as_deref(), Some("Tides"));
    }
    // Declaring its byte order, nothing, or (re-encoded by a tool that left the declaration) UTF-8, which
    // made quick-xml panic too.
    for decl in ["utf-16le", "UTF-16", "", "utf-8"] {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"{decl}\"?><rss version=\"2.0\"><channel><item><title>Ebb</title></item></channel></rss>"
        );
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let loaded = load_bytes(Path::new("f.xml"), &bytes).unwrap();
        assert_eq!(titles(&loaded), ["Ebb"], "{decl}");
    }
}

#[test]
fn a_second_xml_declaration_is_a_broken_feed_not_a_crash() {
    // `<?xml="i"ISO-8859-1"?><?xml version="1.0" encoding="ISO-8859-1"?>` made quick-xml panic.
    let err = load("two_declarations.xml").unwrap_err();
    assert!(matches!(err, LoadError::Feed(_)), "{err}");
    assert!(err.to_string().starts_with("not a readable feed"), "{err}");
}

#[test]
fn an_embed_with_a_non_ascii_host_does_not_stop_the_page() {
    // dom_smoothie 0.19 sliced `https://é.youtube-nocookie.com` inside the é and panicked.
    let loaded = load("iframe_non_ascii_host.html").unwrap();
    assert_eq!(titles(&loaded), ["Harbour wall vote"]);
    assert!(
        loaded.articles[0].body[0]
            .text()
            .starts_with("The council voted")
    );
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

#[test]
fn refused_and_crashing_files_are_warnings_and_the_rest_loads() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "two_declarations.xml",
        "utf16be_bom.xml",
        "iframe_non_ascii_host.html",
    ] {
        std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("deep.html"), "<div>".repeat(600)).unwrap();
    let out = broadsheet(data.path(), &["list", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("two_declarations.xml: not a readable feed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("deep.html: nested 600 deep; over the 512 limit"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Tide tables") && stdout.contains("Harbour wall vote"),
        "{stdout}"
    );
}
