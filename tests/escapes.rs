//! Text from stored files never reaches the terminal as control sequences: not in `show`, `list`, the
//! warnings or the reader's lines, whatever brought them (HTML entities, JSON and YAML escapes, file names).

mod common;

use common::broadsheet;
use std::path::{Path, PathBuf};

use broadsheet::text::width::width;
use broadsheet::view::reflow::reflow;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

const FIXTURES: [&str; 3] = ["escapes.html", "escapes.json", "escapes.md"];

/// The first character a terminal could take for a control: C0 but tab and line feed, DEL, C1, and the
/// bidirectional overrides and isolates.
fn first_control(text: &str) -> Option<(usize, char)> {
    text.char_indices().find(|&(_, c)| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

fn assert_clean(what: &str, text: &str) {
    if let Some((at, c)) = first_control(text) {
        panic!("{what}: {c:?} at byte {at} in {text:?}");
    }
}

#[test]
fn stories_are_clean_whatever_escapes_they_carried() {
    let store = broadsheet::store::load(&FIXTURES.map(fixture));
    assert!(store.warnings.is_empty(), "{:?}", store.warnings);
    assert_eq!(store.articles.len(), 3);
    for a in &store.articles {
        let json = serde_json::to_string(&broadsheet::model::ArticleJson::from(a)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_clean("json", &value.to_string().replace("\\n", " "));
        for columns in [12u16, 40, 80] {
            let r = reflow(a, columns, Some("%Y-%m-%d"));
            for line in &r.lines {
                assert_clean("reflow", &line.text);
                assert!(width(&line.text) <= usize::from(columns), "{:?}", line.text);
            }
        }
    }
    let titles: Vec<&str> = store
        .articles
        .iter()
        .map(|a| a.head.title.as_str())
        .collect();
    assert!(titles.contains(&"Vote passes"), "{titles:?}");
    assert!(titles.contains(&"Ferries return"), "{titles:?}");
    assert!(titles.contains(&"Tides turn"), "{titles:?}");
    let feed = store
        .articles
        .iter()
        .find(|a| a.head.title == "Ferries return")
        .unwrap();
    // feed-rs parses the address: the tab goes, the escape is percent-encoded.
    assert_eq!(feed.head.url.as_deref(), Some("https://x.test/ab%1B[0m"));
    assert_eq!(feed.body[0].text(), "The ferries ran again.");
}

#[test]
fn show_list_and_warnings_print_no_control_sequence() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    for name in FIXTURES {
        std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    }
    // A file name can carry an escape too: this empty file's warning names it.
    std::fs::write(dir.path().join("bad\u{1b}]0;title\u{7}name.txt"), "").unwrap();
    let root = dir.path().to_str().unwrap();
    for args in [
        vec!["show", "--width", "30", root],
        vec!["list", root],
        vec!["show", "--json", root],
    ] {
        let out = broadsheet(data.path(), &args);
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert_clean(&format!("{args:?} stdout"), &stdout);
        assert_clean(&format!("{args:?} stderr"), &stderr);
        assert!(stderr.contains("badname.txt: empty file"), "{stderr}");
        if args[1] == "--width" {
            assert!(stdout.lines().all(|l| width(l) <= 30), "{stdout}");
            assert!(stdout.contains("The council voted"), "{stdout}");
        }
    }
}
