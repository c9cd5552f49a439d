//! newsboat's archive as a source, and read state both ways with newsboat: a `cache.db` (made here with
//! newsboat's table layout) is read item by item, read items show read, a fetched item is indexed alone;
//! and, with the real newsboat when it is installed, its `-E` export marks our stories read and our
//! `state export --format newsboat` is what `newsboat -I` takes back.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use broadsheet::store::db::Db;
use broadsheet::store::scan::{scan, scan_paths};
use rusqlite::{Connection, params};

/// newsboat's tables, as its cache (schema 2.x) declares them, less the columns broadsheet never reads.
const SCHEMA: &str = "
    CREATE TABLE rss_feed (rssurl VARCHAR(1024) PRIMARY KEY NOT NULL, url VARCHAR(1024) NOT NULL,
        title VARCHAR(1024) NOT NULL);
    CREATE TABLE rss_item (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, guid VARCHAR(64) NOT NULL,
        title VARCHAR(1024) NOT NULL, author VARCHAR(1024) NOT NULL, url VARCHAR(1024) NOT NULL,
        feedurl VARCHAR(1024) NOT NULL, pubDate INTEGER NOT NULL, content VARCHAR(65535) NOT NULL,
        unread INTEGER(1) NOT NULL, enclosure_url VARCHAR(1024), enclosure_type VARCHAR(1024),
        enqueued INTEGER(1) NOT NULL DEFAULT 0, flags VARCHAR(52), deleted INTEGER(1) NOT NULL DEFAULT 0,
        base VARCHAR(128) NOT NULL DEFAULT '');";

const FEED: &str = "https://wire.test/rss";

fn add_item(c: &Connection, guid: &str, title: &str, url: &str, unread: bool, enclosure: &str) {
    c.execute(
        "INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread,
                               enclosure_url, enclosure_type)
         VALUES (?1, ?2, 'Harbour Desk', ?3, ?4, 1795507200, ?5, ?6, ?7, ?8)",
        params![
            guid,
            title,
            url,
            FEED,
            format!("<p>{title}: the story in full.</p><p>A second paragraph.</p>"),
            i64::from(unread),
            enclosure,
            if enclosure.is_empty() {
                ""
            } else {
                "audio/mpeg"
            },
        ],
    )
    .unwrap();
}

/// A cache with three items: one read in newsboat, one podcast episode, one without a link.
fn cache(dir: &Path) -> PathBuf {
    let path = dir.join("cache.db");
    let c = Connection::open(&path).unwrap();
    c.execute_batch(SCHEMA).unwrap();
    c.execute(
        "INSERT INTO rss_feed (rssurl, url, title) VALUES (?1, 'https://wire.test/', 'Harbour Wire')",
        [FEED],
    )
    .unwrap();
    add_item(
        &c,
        "wire-1",
        "Ferries return",
        "https://wire.test/ferries",
        false,
        "",
    );
    add_item(
        &c,
        "wire-2",
        "Harbour podcast",
        "https://wire.test/pod",
        true,
        "https://wire.test/pod.mp3",
    );
    add_item(&c, "wire-3", "Linkless note", "", true, "");
    path
}

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn each_item_of_a_newsboat_cache_is_a_story_read_as_newsboat_left_it() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache(dir.path());
    let data = dir.path().join("data");
    let list = json(&common::broadsheet(
        &data,
        &["list", "--json", cache.to_str().unwrap()],
    ));
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let row = |title: &str| rows.iter().find(|r| r["title"] == title).unwrap().clone();
    assert_eq!(row("Ferries return")["read"], true, "read in newsboat");
    assert_eq!(row("Harbour podcast")["read"], false);
    assert_eq!(row("Linkless note")["read"], false);
    assert_eq!(row("Ferries return")["format"], "feed");
    assert!(
        row("Ferries return")["path"]
            .as_str()
            .unwrap()
            .ends_with("cache.db/1")
    );
    // The same id as the entry read from the feed file would get: by its link.
    assert_eq!(
        row("Ferries return")["id"],
        broadsheet::model::ArticleId::from_url("https://wire.test/ferries").to_string()
    );
    let pod = row("Harbour podcast");
    let shown = json(&common::broadsheet(
        &data,
        &["show", "--json", pod["id"].as_str().unwrap()],
    ));
    let story = &shown.as_array().unwrap()[0];
    // The feed's title is each item's source (what the views pane lists it under).
    let loaded = broadsheet::store::load(std::slice::from_ref(&cache));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert!(
        loaded
            .articles
            .iter()
            .all(|a| a.head.source.as_deref() == Some("Harbour Wire"))
    );
    assert_eq!(story["byline"], "Harbour Desk");
    assert_eq!(story["published"], "2026-11-24T08:00:00+00:00");
    assert_eq!(
        story["body"][0]["text"],
        "Harbour podcast: the story in full."
    );
    assert_eq!(
        story["enclosures"],
        serde_json::json!([{"url": "https://wire.test/pod.mp3", "type": "audio/mpeg", "length": null}])
    );
    // Opened read-only: the cache is as it was.
    let c = Connection::open(&cache).unwrap();
    let unread: i64 = c
        .query_row("SELECT SUM(unread) FROM rss_item", [], |r| r.get(0))
        .unwrap();
    assert_eq!(unread, 2);
}

#[test]
fn a_fetched_item_and_one_read_in_newsboat_are_indexed_alone() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache(dir.path());
    let data = tempfile::tempdir().unwrap();
    let mut db = Db::open(data.path()).unwrap().db;
    let roots = vec![cache.clone()];
    scan(&mut db, &roots, |_| {}).unwrap();
    {
        let c = Connection::open(&cache).unwrap();
        add_item(
            &c,
            "wire-4",
            "Storm warning",
            "https://wire.test/storm",
            true,
            "",
        );
        c.execute("UPDATE rss_item SET unread = 0 WHERE guid = 'wire-2'", [])
            .unwrap();
    }
    let mut added = Vec::new();
    let read = scan_paths(&mut db, &roots, std::slice::from_ref(&cache), |u| {
        added.extend(u.added.into_iter().map(|h| h.title));
    })
    .unwrap();
    added.sort();
    assert_eq!(read, 2, "the other two items are not read again");
    assert_eq!(added, ["Harbour podcast", "Storm warning"]);
    let marks = db.marks().unwrap();
    let pod = broadsheet::model::ArticleId::from_url("https://wire.test/pod");
    assert!(marks[&pod].read_at.is_some(), "read in newsboat, read here");
    // An item newsboat deletes leaves.
    Connection::open(&cache)
        .unwrap()
        .execute("UPDATE rss_item SET deleted = 1 WHERE guid = 'wire-3'", [])
        .unwrap();
    let mut removed = Vec::new();
    scan_paths(&mut db, &roots, std::slice::from_ref(&cache), |u| {
        removed.extend(u.removed);
    })
    .unwrap();
    assert_eq!(removed, [cache.join("3")]);
}

/// The real newsboat, or `None` (and a message) when it is not installed.
fn newsboat() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("newsboat"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        eprintln!("newsboat is not installed: the round trip with it is skipped");
    }
    found
}

const RSS: &str = r#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Wire</title><link>https://wire.test/</link><description>d</description>
<item><title>Ferries return</title><link>https://wire.test/ferries</link><guid isPermaLink="false">wire-1</guid><pubDate>Tue, 24 Nov 2026 08:00:00 GMT</pubDate><description>&lt;p&gt;The ferries ran again.&lt;/p&gt;</description></item>
<item><title>Bridge opens</title><link>https://wire.test/bridge</link><pubDate>Wed, 25 Nov 2026 09:30:00 GMT</pubDate><description>&lt;p&gt;The bridge opened.&lt;/p&gt;</description></item>
<item><title>Market day</title><link>https://wire.test/market</link><description>&lt;p&gt;Stalls everywhere.&lt;/p&gt;</description></item>
</channel></rss>
"#;

/// Runs newsboat on `dir`'s feed, cache and configuration with `args`.
fn run_newsboat(bin: &Path, dir: &Path, args: &[&str]) {
    let out = Command::new(bin)
        .current_dir(dir)
        .args(["-u", "urls", "-c", "cache.db", "-C", "config"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "newsboat {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn read_state_round_trips_with_newsboat() {
    let Some(bin) = newsboat() else { return };
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("feed.xml"), RSS).unwrap();
    std::fs::write(
        d.join("urls"),
        format!("file://{}\n", d.join("feed.xml").display()),
    )
    .unwrap();
    std::fs::write(
        d.join("config"),
        "auto-reload no\nconfirm-exit no\ncleanup-on-quit no\n",
    )
    .unwrap();
    run_newsboat(&bin, d, &["-x", "reload"]);
    // Read in newsboat: one item with a GUID and one known by its link and date.
    std::fs::write(
        d.join("read.txt"),
        "wire-1\nhttps://wire.test/bridgeWed, 25 Nov 2026 09:30:00 GMT\n",
    )
    .unwrap();
    run_newsboat(&bin, d, &["-I", "read.txt"]);
    run_newsboat(&bin, d, &["-E", "exported.txt"]);

    // newsboat -> broadsheet, over the feed file (not the cache).
    let data = d.join("data");
    let feed = d.join("feed.xml");
    json(&common::broadsheet(
        &data,
        &["list", "--json", feed.to_str().unwrap()],
    ));
    let exported = d.join("exported.txt");
    let out = common::broadsheet(&data, &["state", "import", exported.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = json(&common::broadsheet(
        &data,
        &["list", "--json", feed.to_str().unwrap()],
    ));
    let read: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["read"] == true)
        .map(|r| r["title"].as_str().unwrap())
        .collect();
    assert_eq!(read.len(), 2, "{list}");
    assert!(read.contains(&"Ferries return") && read.contains(&"Bridge opens"));

    // broadsheet -> newsboat: the third read here, exported, and taken in by newsboat.
    let market = broadsheet::model::ArticleId::from_url("https://wire.test/market").to_string();
    assert!(
        common::broadsheet(&data, &["mark", "read", &market])
            .status
            .success()
    );
    let out = common::broadsheet(&data, &["state", "export", "--format", "newsboat"]);
    assert!(out.status.success());
    let ours = String::from_utf8(out.stdout).unwrap();
    std::fs::write(d.join("ours.txt"), &ours).unwrap();
    // A fresh cache, nothing read, so that only our export can mark items.
    std::fs::remove_file(d.join("cache.db")).unwrap();
    run_newsboat(&bin, d, &["-x", "reload"]);
    run_newsboat(&bin, d, &["-I", "ours.txt"]);
    let c = Connection::open(d.join("cache.db")).unwrap();
    let unread: i64 = c
        .query_row("SELECT SUM(unread) FROM rss_item", [], |r| r.get(0))
        .unwrap();
    assert_eq!(unread, 0, "newsboat took every read story back: {ours}");
}

#[test]
fn unmatched_lines_are_counted_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("export.txt");
    std::fs::write(&file, "guid-a\nguid-b\nguid-c\n").unwrap();
    let out = common::broadsheet(&data, &["state", "import", file.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("3 lines") && err.contains("name no story"),
        "{err}"
    );
}

#[test]
fn a_cache_that_cannot_be_read_now_keeps_its_stories() {
    let dir = tempfile::tempdir().unwrap();
    let cache = cache(dir.path());
    let data = tempfile::tempdir().unwrap();
    let mut db = Db::open(data.path()).unwrap().db;
    let roots = vec![cache.clone()];
    scan(&mut db, &roots, |_| {}).unwrap();
    // Damaged past reading (as a journal left by a crash can leave it for a read-only reader).
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xA5u8, 4096));
    std::fs::write(&cache, bytes).unwrap();
    let mut warnings = Vec::new();
    let mut removed = Vec::new();
    scan(&mut db, &roots, |u| {
        warnings.extend(u.warnings);
        removed.extend(u.removed);
    })
    .unwrap();
    assert!(removed.is_empty(), "{removed:?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.path == cache && w.reason.contains("newsboat cache")),
        "{warnings:?}"
    );
    assert_eq!(db.headlines(&roots).unwrap().0.len(), 3);
}

#[test]
fn newsboat_names_that_look_like_ids_comments_or_json_are_guids() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("odd.xml");
    let mut items = String::new();
    for (i, g) in ["0123456789abcdef0123456789abcdef", "#frag-1", "{abc-1}"]
        .iter()
        .enumerate()
    {
        write!(
            items,
            "<item><title>Odd {i}</title><link>https://odd.test/{i}</link><guid isPermaLink=\"false\">{g}</guid></item>"
        )
        .unwrap();
    }
    std::fs::write(
        &feed,
        format!("<rss version=\"2.0\"><channel><title>Odd</title>{items}</channel></rss>"),
    )
    .unwrap();
    let data = dir.path().join("data");
    json(&common::broadsheet(
        &data,
        &["list", "--json", feed.to_str().unwrap()],
    ));
    let export = dir.path().join("export.txt");
    std::fs::write(
        &export,
        "0123456789abcdef0123456789abcdef\n#frag-1\n{abc-1}\n",
    )
    .unwrap();
    let out = common::broadsheet(&data, &["state", "import", export.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = json(&common::broadsheet(
        &data,
        &["list", "--json", feed.to_str().unwrap()],
    ));
    assert!(
        list.as_array().unwrap().iter().all(|r| r["read"] == true),
        "{list}"
    );
}
