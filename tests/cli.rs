//! The command line as scripts use it: `list` and `show`, text and JSON, warnings and exit statuses.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// A data directory of this test run's own, so tests never touch the user's read state: in the folder
/// Cargo keeps for integration tests' files (under `target/`, gone with `cargo clean`), not left in the
/// system's temporary folder.
fn data_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-tests-{}", std::process::id()))
}

fn broadsheet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .env("BROADSHEET_DATA_DIR", data_dir())
        .output()
        .expect("the binary runs")
}

fn seed() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seed_scraped_afp.txt")
        .display()
        .to_string()
}

fn json(out: &Output) -> Vec<Value> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout).expect("valid JSON") {
        Value::Array(items) => items,
        other => panic!("not an array: {other}"),
    }
}

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    k.sort_unstable();
    k
}

#[test]
fn show_json_has_the_public_shape() {
    let items = json(&broadsheet(&["show", "--json", &seed()]));
    assert_eq!(items.len(), 1);
    let a = &items[0];
    assert_eq!(
        keys(a),
        [
            "abs_path",
            "body",
            "byline",
            "copies",
            "enclosures",
            "format",
            "id",
            "links",
            "path",
            "published",
            "related",
            "section",
            "similar",
            "title",
            "url"
        ]
    );
    assert_eq!(a["format"], "scraped");
    assert_eq!(a["section"], "World");
    assert_eq!(a["byline"], "AFP");
    assert_eq!(a["published"], Value::Null);
    assert_eq!(a["url"], Value::Null);
    let id = a["id"].as_str().unwrap();
    assert!(id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()));
    let body = a["body"].as_array().unwrap();
    assert!(body.iter().all(|b| keys(b) == ["credit", "kind", "text"]));
    let caption = body.iter().find(|b| b["kind"] == "caption").unwrap();
    assert_eq!(caption["credit"], "AFP/File");
    assert_eq!(body.iter().filter(|b| b["kind"] == "paragraph").count(), 21);
    assert_eq!(body.iter().filter(|b| b["kind"] == "subhead").count(), 1);
    let related = a["related"].as_array().unwrap();
    assert_eq!(related.len(), 4);
    assert!(
        related
            .iter()
            .all(|r| keys(r) == ["section", "target", "text", "url"])
    );
}

#[test]
fn list_json_has_the_public_shape_and_resolves_dates() {
    let items = json(&broadsheet(&["list", "--json"]));
    assert!(items.len() >= 8);
    for a in &items {
        assert_eq!(
            keys(a),
            [
                "abs_path",
                "byline",
                "cluster",
                "copies",
                "format",
                "id",
                "path",
                "published",
                "read",
                "section",
                "starred",
                "title",
                "url"
            ]
        );
        assert_eq!(
            a["cluster"], a["id"],
            "a story with no copies stands for itself"
        );
        assert_eq!(a["copies"], 1);
        assert_eq!(a["read"], false);
        assert_eq!(a["starred"], false);
        assert_eq!(
            a["abs_path"],
            Value::Null,
            "the sample store is not on disk"
        );
    }
    let dated = items.iter().find(|a| a["published"].is_string()).unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(dated["published"].as_str().unwrap()).is_ok());
}

#[test]
fn list_text_has_one_line_per_story() {
    let out = broadsheet(&["list"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), broadsheet::samples::STORIES.len());
    assert!(lines.iter().all(|l| l.starts_with("N ")), "unread mark");
    assert!(
        lines[0].contains("2026-11-23")
            && lines[0].contains("Culture")
            && lines[0].contains("Kyoto show")
    );
    // The bare command lists too until the reader opens.
    assert_eq!(broadsheet(&[]).stdout, text.as_bytes());
}

#[test]
fn show_text_reflows_to_the_width() {
    let out = broadsheet(&["show", "--width", "50", &seed()]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "World \u{b7} By AFP\nNorth Korea faces UN rebuke over rights violations\n"
        )
    );
    assert!(
        text.lines()
            .skip(2)
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 50),
        "{text}"
    );
    assert!(text.contains("## Calls for ICC referral"));
    assert!(text.contains("\u{2014} AFP/File]"));
    assert!(text.contains("You may also like:"));
}

#[test]
fn warnings_go_to_stderr_and_nothing_loaded_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = broadsheet(&["list", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("empty.txt: empty file"), "{err}");
    assert!(err.contains("no stories could be loaded"));

    std::fs::copy(seed(), dir.path().join("seed.txt")).unwrap();
    let out = broadsheet(&["list", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("empty.txt: empty file")
    );
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn list_shows_a_copied_story_once_and_show_prints_each_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(seed(), dir.path().join("a.txt")).unwrap();
    std::fs::copy(seed(), dir.path().join("b.txt")).unwrap();
    let d = dir.path().to_str().unwrap();
    assert_eq!(json(&broadsheet(&["list", "--json", d])).len(), 1);
    let shown = json(&broadsheet(&["show", "--json", d]));
    assert_eq!(shown.len(), 2);
    assert_eq!(shown[0]["id"], shown[1]["id"]);
}

#[test]
fn list_all_copies_lists_each_file_with_its_group() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/copies");
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(&fixtures).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.path().join(f.file_name().unwrap())).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let one_per_story = json(&broadsheet(&["list", "--json", d]));
    let storm = one_per_story
        .iter()
        .find(|a| a["copies"] == 3)
        .expect("the storm, ×3");
    let every = json(&broadsheet(&["list", "--all-copies", "--json", d]));
    assert_eq!(
        every.len(),
        4,
        "the feed's two entries, the saved page and the dump"
    );
    let in_storm: Vec<&Value> = every
        .iter()
        .filter(|a| a["cluster"] == storm["cluster"])
        .collect();
    assert_eq!(in_storm.len(), 3, "each copy's row names the story's group");
    assert!(in_storm.iter().all(|a| a["copies"] == 3));
    let alone = every
        .iter()
        .find(|a| a["cluster"] != storm["cluster"])
        .unwrap();
    assert_eq!(
        (&alone["cluster"], &alone["copies"]),
        (&alone["id"], &Value::from(1))
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(broadsheet(&["show", "--width", "0"]).status.code(), Some(2));
    assert_eq!(
        broadsheet(&["list", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(broadsheet(&["--help"]).status.code(), Some(0));
}

#[test]
fn a_closed_pipe_ends_output_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_broadsheet"))
        .args(["show"])
        .env("BROADSHEET_DATA_DIR", data_dir())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success());
}

#[test]
fn global_options_may_come_before_the_subcommand() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path().to_str().unwrap();
    let out = broadsheet(&["--data-dir", d, "list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(json(&out).len() >= 8);
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
    let out = broadsheet(&[
        "--config",
        example.to_str().unwrap(),
        "show",
        "--width",
        "40",
        &seed(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn show_json_gives_a_table_as_paragraph_rows_with_their_cells() {
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fidelity/tide-tables.md"
    );
    let items = json(&broadsheet(&["show", "--json", fixture]));
    let body = items[0]["body"].as_array().unwrap();
    let rows: Vec<&Value> = body.iter().filter(|b| b.get("table").is_some()).collect();
    // The header and three days, as paragraphs (as tables were given before they had a kind).
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert!(
        rows.iter()
            .all(|r| r["kind"] == "paragraph" && r["table"] == 0)
    );
    assert_eq!(rows[0]["text"], "Day | High water | Height (m) | Low water");
    assert_eq!(rows[0]["header"], true);
    assert_eq!(rows[1]["header"], false);
    assert_eq!(
        rows[1]["cells"],
        serde_json::json!(["Mon 1", "06:12", "4.8", "12:31"])
    );
    assert!(body.iter().all(|b| b["kind"] != "table"));
    // The rows sit where the table stood: after the opening paragraph.
    let first = body.iter().position(|b| b.get("table").is_some()).unwrap();
    assert!(
        body[first - 1]["text"]
            .as_str()
            .unwrap()
            .starts_with("The harbour office")
    );
}

#[test]
fn show_json_gives_footnotes_as_the_numbered_list_at_the_end() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/footnotes/wiki-style.html"
    );
    let note = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fidelity/tide-tables.md"
    );
    for (file, first) in [
        (page, "Harbour authority, A history of the wall, 1990."),
        (note, "The office is open on weekdays from nine to five."),
    ] {
        let items = json(&broadsheet(&["show", "--json", file]));
        let body = items[0]["body"].as_array().unwrap();
        let notes: Vec<&Value> = body
            .iter()
            .filter(|b| b.get("footnote").is_some())
            .collect();
        assert!(notes.len() >= 2, "{file}: {body:?}");
        assert_eq!(
            notes[0],
            &serde_json::json!({"kind": "list_item", "text": first, "credit": null, "number": 1, "depth": 0, "footnote": true, "label": "1"}),
        );
        // They end the body, and no block has a kind of its own for them.
        assert!(body.ends_with(&notes.iter().map(|v| (*v).clone()).collect::<Vec<_>>()));
        assert!(body.iter().all(|b| b["kind"] != "footnote"));
    }
}
