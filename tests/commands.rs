//! The command line's scripting surface: `star` and `unstar`, ids that name no story, empty JSON results,
//! and the completion scripts and manual page generated from the definitions.

mod common;

use common::broadsheet;
use serde_json::Value;

fn json(out: &std::process::Output) -> Vec<Value> {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn star_and_unstar_by_id_and_by_path() {
    let data = tempfile::tempdir().unwrap();
    let stories = tempfile::tempdir().unwrap();
    broadsheet::synth::write_store(stories.path(), 3, 5).unwrap();
    let root = stories.path().to_str().unwrap();
    let listed = json(&broadsheet(data.path(), &["list", "--json", root]));
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    let out = broadsheet(data.path(), &["star", &id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "1 story starred"
    );
    let starred = json(&broadsheet(
        data.path(),
        &["list", "--json", "--starred", root],
    ));
    assert_eq!(starred.len(), 1);
    assert_eq!(starred[0]["id"], id.as_str());
    assert_eq!(starred[0]["starred"], true, "list --json says so");
    // A folder names every story in it.
    let out = broadsheet(data.path(), &["star", root]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "3 stories starred"
    );
    let out = broadsheet(data.path(), &["unstar", &id, root]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "3 stories unstarred"
    );
    let starred = json(&broadsheet(
        data.path(),
        &["list", "--json", "--starred", root],
    ));
    assert!(starred.is_empty());
}

#[test]
fn an_id_that_names_no_story_is_an_error_and_nothing_changes() {
    let data = tempfile::tempdir().unwrap();
    let stories = tempfile::tempdir().unwrap();
    broadsheet::synth::write_store(stories.path(), 2, 5).unwrap();
    let root = stories.path().to_str().unwrap();
    let listed = json(&broadsheet(data.path(), &["list", "--json", root]));
    let known = listed[0]["id"].as_str().unwrap().to_owned();
    let unknown = "0123456789abcdef0123456789abcdef";
    for command in [&["mark", "read"][..], &["star"][..], &["unstar"][..]] {
        let mut args = command.to_vec();
        args.extend([known.as_str(), unknown]);
        let out = broadsheet(data.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(unknown) && err.contains("nothing was changed"),
            "{err}"
        );
    }
    let out = broadsheet(data.path(), &["mark", "read", "not-a-story"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`not-a-story` is neither a story id"));
    let listed = json(&broadsheet(data.path(), &["list", "--json", root]));
    assert!(
        listed.iter().all(|s| s["read"] == false),
        "the known story was not marked either"
    );
}

#[test]
fn empty_results_print_an_empty_array() {
    let data = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let out = broadsheet(
        data.path(),
        &["list", "--json", empty.path().to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(json(&out).is_empty());
    let out = broadsheet(data.path(), &["search", "--json", "volcanoes"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(json(&out).is_empty());
}

#[test]
fn completions_and_the_manual_come_from_the_definitions() {
    let data = tempfile::tempdir().unwrap();
    for (shell, marker) in [
        ("bash", "_broadsheet()"),
        ("zsh", "#compdef broadsheet"),
        ("fish", "complete -c broadsheet"),
    ] {
        let out = broadsheet(data.path(), &["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(marker),
            "{shell}: {}",
            &text[..text.len().min(200)]
        );
        assert!(
            text.contains("search") && text.contains("unstar"),
            "{shell} completes the subcommands"
        );
    }
    let out = broadsheet(data.path(), &["man"]);
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH broadsheet 1"));
    assert!(page.contains("search"));
    // A broken configuration does not stop them: they need none.
    let config = data.path().join("bad.toml");
    std::fs::write(&config, "nonsense = [").unwrap();
    let out = broadsheet(
        data.path(),
        &["--config", config.to_str().unwrap(), "completions", "bash"],
    );
    assert!(out.status.success());
}

#[test]
fn a_folder_before_the_subcommand_is_used_or_refused_never_ignored() {
    let data = tempfile::tempdir().unwrap();
    let stories = tempfile::tempdir().unwrap();
    broadsheet::synth::write_store(stories.path(), 2, 5).unwrap();
    let root = stories.path().to_str().unwrap();
    let listed = json(&broadsheet(data.path(), &[root, "list", "--json"]));
    assert_eq!(
        listed.len(),
        2,
        "the folder's stories, not the sample store's"
    );
    let title = listed[0]["title"].as_str().unwrap().to_owned();
    let found = json(&broadsheet(
        data.path(),
        &[root, "search", "--json", &format!("title:\"{title}\"")],
    ));
    assert_eq!(found[0]["title"], title.as_str());
    let out = broadsheet(
        data.path(),
        &[root, "mark", "read", listed[0]["id"].as_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`mark` takes no folder before it"));
}

#[test]
fn the_state_export_round_trips_every_mark() {
    use broadsheet::model::ArticleId;
    use broadsheet::store::db::Db;
    let data = tempfile::tempdir().unwrap();
    let (read, starred, placed) = (ArticleId(0xa1), ArticleId(0xb2), ArticleId(0xc3));
    {
        let mut db = Db::open(data.path()).unwrap().db;
        db.set_read(&[(read, Some("https://example.test/a\tb"), Some(1_700_000_000))])
            .unwrap();
        db.set_starred(starred, None, true).unwrap();
        db.set_position(placed, None, 7).unwrap();
    }
    let export = broadsheet(data.path(), &["state", "export"]);
    assert!(export.status.success());
    let text = String::from_utf8(export.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{text}");
    for line in &lines {
        let mut keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["id", "position", "read_at", "starred", "url"]);
    }
    let file = data.path().join("state.jsonl");
    std::fs::write(&file, &text).unwrap();
    let other = tempfile::tempdir().unwrap();
    let out = broadsheet(other.path(), &["state", "import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = broadsheet(other.path(), &["state", "export"]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), text, "lossless");
    let before = Db::open(data.path()).unwrap().db.marks().unwrap();
    let after = Db::open(other.path()).unwrap().db.marks().unwrap();
    assert_eq!(before, after);
    // The first format stays, as --format tsv: read stories only, the URL's tab escaped.
    let tsv = broadsheet(data.path(), &["state", "export", "--format", "tsv"]);
    let tsv = String::from_utf8(tsv.stdout).unwrap();
    assert_eq!(tsv.lines().count(), 1);
    assert!(
        tsv.contains("https://example.test/a%09b\t2023-11-14T22:13:20+00:00"),
        "{tsv}"
    );
}

#[test]
fn list_show_and_search_give_paths_as_typed_and_absolute() {
    let data = tempfile::tempdir().unwrap();
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("news");
    broadsheet::synth::write_store(&folder, 1, 5).unwrap();
    let typed = folder.join(".").join("..").join("news");
    let typed = typed.to_str().unwrap();
    let absolute = std::fs::canonicalize(folder.join("000000.txt")).unwrap();
    let listed = json(&broadsheet(data.path(), &["list", "--json", typed]));
    let shown = json(&broadsheet(data.path(), &["show", "--json", typed]));
    let title = listed[0]["title"].as_str().unwrap().to_owned();
    let found = json(&broadsheet(
        data.path(),
        &[
            "search",
            "--json",
            "-p",
            typed,
            &format!("title:\"{title}\""),
        ],
    ));
    for rows in [&listed, &shown, &found] {
        assert_eq!(rows[0]["path"], format!("{typed}/000000.txt").as_str());
        assert_eq!(rows[0]["abs_path"], absolute.to_str().unwrap());
    }
}

#[test]
fn the_size_limit_can_be_raised_and_files_skipped_before_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let folder = dir.path().join("news");
    std::fs::create_dir_all(&folder).unwrap();
    // A scraped page of about 1.5 MB: a headline line, then many paragraphs.
    let paragraph = "The council met again on Tuesday to discuss the harbour plan. ".repeat(20);
    let page = format!(
        "World\nA very long report on the harbour plan\n-\n{}",
        format!("{paragraph}\n\n").repeat(1_200)
    );
    assert!(page.len() > 1024 * 1024 && page.len() < 2 * 1024 * 1024);
    std::fs::write(folder.join("long.txt"), &page).unwrap();
    std::fs::write(
        folder.join("short.txt"),
        "World\nA short report\n-\nJust one paragraph of text here.\n",
    )
    .unwrap();
    let config = dir.path().join("config.toml");
    let folder_arg = folder.to_str().unwrap();
    let config_arg = config.to_str().unwrap();
    std::fs::write(&config, "[limits]\nmax_file_mb = 1\n").unwrap();
    let out = common::broadsheet_with(
        &data,
        &["list", folder_arg],
        &[("BROADSHEET_CONFIG", config_arg)],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("too large: 1.") && err.contains("over the 1 MB limit"),
        "{err}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    // Raised: the file skipped before is read by the next scan, though it did not change.
    std::fs::write(&config, "[limits]\nmax_file_mb = 2\n").unwrap();
    let out = common::broadsheet_with(
        &data,
        &["list", folder_arg],
        &[("BROADSHEET_CONFIG", config_arg)],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("A very long report"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    // Lowered again: it is skipped again.
    std::fs::write(&config, "[limits]\nmax_file_mb = 1\n").unwrap();
    let out = common::broadsheet_with(
        &data,
        &["list", folder_arg],
        &[("BROADSHEET_CONFIG", config_arg)],
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("A very long report"));
    // Out of range: a configuration error naming the line.
    std::fs::write(&config, "[limits]\nmax_file_mb = 0\n").unwrap();
    let out = common::broadsheet_with(
        &data,
        &["list", folder_arg],
        &[("BROADSHEET_CONFIG", config_arg)],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("max_file_mb"));
}
