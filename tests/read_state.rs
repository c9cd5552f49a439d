//! Read state in SQLite: marks that persist across runs and survive SIGKILL, undo, filters, resume, a
//! damaged or newer database, the migration from the previous schema, and the command line.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;

use broadsheet::app::{Action, Mode};
use broadsheet::model::ArticleId;
use broadsheet::store::db::{Db, DbError, FILE_NAME, SCHEMA_VERSION};
use common::{broadsheet, reader, reader_in, select_file};

#[test]
fn marks_persist_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let (read_id, starred_id) = {
        let mut s = reader_in(dir.path());
        s.apply(Action::Open);
        let read_id = s.current().unwrap().id;
        s.apply(Action::NextStory);
        s.apply(Action::ToggleStar);
        s.apply(Action::ToggleRead);
        (read_id, s.current().unwrap().id)
    };
    let s = reader_in(dir.path());
    assert!(s.is_read(read_id));
    assert!(s.is_starred(starred_id));
    assert!(!s.is_read(starred_id), "m made it unread again");
    assert_eq!(s.list().unread(), s.list().all().len() - 1);
}

#[test]
fn reopening_a_story_resumes_where_reading_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let block = {
        let mut s = reader_in(dir.path());
        select_file(&mut s, "06-kittiwake-comet-sample.txt");
        s.apply(Action::Open);
        for _ in 0..3 {
            s.apply(Action::PageDown);
        }
        let block = s.top_block().unwrap();
        assert!(block > 5);
        s.apply(Action::Quit);
        block
    };
    let mut s = reader_in(dir.path());
    select_file(&mut s, "06-kittiwake-comet-sample.txt");
    assert_eq!(s.top_block(), Some(block));
    // Moving away and back also keeps the place.
    s.apply(Action::MoveDown);
    s.apply(Action::MoveUp);
    assert_eq!(s.top_block(), Some(block));
}

#[test]
fn undo_takes_back_markings_several_steps_deep() {
    let mut s = reader(140, 40);
    let total = s.list().all().len();
    s.apply(Action::Open); // read 1
    s.apply(Action::NextStory); // read 2
    s.apply(Action::MarkAllRead);
    assert!(matches!(s.mode(), Mode::Confirm(_)));
    s.apply(Action::Answer(false));
    assert_eq!(s.list().unread(), total - 2, "n keeps everything as it was");
    s.apply(Action::MarkAllRead);
    s.apply(Action::Answer(true));
    assert_eq!(s.list().unread(), 0);
    assert_eq!(
        s.message(),
        Some(format!("Marked {} stories read (z undoes)", total - 2).as_str())
    );
    s.apply(Action::Undo);
    assert_eq!(s.list().unread(), total - 2);
    s.apply(Action::Undo);
    assert_eq!(s.list().unread(), total - 1);
    s.apply(Action::Undo);
    assert_eq!(s.list().unread(), total);
    s.apply(Action::Undo);
    assert_eq!(s.message(), Some("Nothing to undo"));
    // Undo is saved too.
    assert!(
        s.host
            .db
            .marks()
            .unwrap()
            .values()
            .all(|m| m.read_at.is_none())
    );
}

#[test]
fn unread_and_starred_filters() {
    let mut s = reader(140, 40);
    let total = s.list().all().len();
    s.apply(Action::Open);
    let first = s.current().unwrap().id;
    s.apply(Action::ToggleStar);
    s.apply(Action::ToggleUnreadOnly);
    assert_eq!(s.list().len(), total - 1);
    assert!(s.list().iter().all(|h| !s.is_read(h.id)));
    assert_eq!(
        (s.list().len(), s.list().unread()),
        (total - 1, total - 1),
        "counts stay right"
    );
    // Reading in the unread list keeps the story listed until the filter is applied again.
    s.apply(Action::Open);
    assert_eq!(s.list().len(), total - 1);
    assert_eq!(s.list().unread(), total - 2);
    s.apply(Action::ToggleUnreadOnly);
    s.apply(Action::ToggleStarredOnly);
    assert_eq!(s.list().len(), 1);
    assert_eq!(s.current().unwrap().id, first);
    s.apply(Action::ToggleStarredOnly);
    assert_eq!(s.list().len(), total);
}

#[test]
fn a_corrupt_database_is_moved_aside_not_replaced_silently() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(FILE_NAME),
        b"this is not an SQLite database, just some bytes that used to be one",
    )
    .unwrap();
    let opened = Db::open(dir.path()).unwrap();
    let notice = opened.notice.expect("the user is told").to_string();
    let moved: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(moved.len(), 1);
    assert!(notice.contains(&moved[0].display().to_string()), "{notice}");
    assert!(
        std::fs::read(&moved[0])
            .unwrap()
            .starts_with(b"this is not"),
        "the old file is kept as it was"
    );
    let mut db = opened.db;
    db.set_read(&[(ArticleId(7), None, Some(1))]).unwrap();
    assert_eq!(db.version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_newer_database_is_an_error_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    {
        let db = Db::open(dir.path()).unwrap().db;
        db.conn
            .pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    assert!(matches!(Db::open(dir.path()), Err(DbError::Newer { .. })));
    let out = broadsheet(dir.path(), &["list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer broadsheet"));
}

#[test]
fn the_first_schema_migrates_keeping_marks() {
    let dir = tempfile::tempdir().unwrap();
    {
        let path = dir.path().join(FILE_NAME);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut db = Db::with_connection(conn, Some(path));
        db.migrate_to(1).unwrap();
        assert_eq!(db.version().unwrap(), 1);
        db.set_read(&[(ArticleId(42), Some("https://x.test/42"), Some(1000))])
            .unwrap();
        assert!(
            db.conn.prepare("SELECT 1 FROM stories").is_err(),
            "the older schema has no index"
        );
    }
    let db = Db::open(dir.path()).unwrap().db;
    assert_eq!(db.version().unwrap(), SCHEMA_VERSION);
    assert_eq!(db.marks().unwrap()[&ArticleId(42)].read_at, Some(1000));
    assert!(db.conn.prepare("SELECT path, title FROM stories").is_ok());
}

/// A mark as stored: id, URL, read time, star, position.
type MarkRow = (String, Option<String>, Option<i64>, i64, i64);

/// A database as schema 2 wrote it: the index without extractor versions, whole leads, and marks.
fn schema_2_database(data: &Path, root: &Path) -> Vec<broadsheet::model::Article> {
    let path = data.join(FILE_NAME);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mut db = Db::with_connection(conn, Some(path));
    db.migrate_to(2).unwrap();
    let (stamps, _) = broadsheet::store::walk::stamped(&[root.to_path_buf()]);
    let articles = broadsheet::store::load(&[root.to_path_buf()]).articles;
    for s in &stamps {
        // What schema 2's `write_files` wrote, column for column.
        db.conn
            .execute(
                "INSERT INTO files (path, size, mtime, error) VALUES (?1, ?2, ?3, NULL)",
                rusqlite::params![
                    s.path.to_str().unwrap(),
                    i64::try_from(s.size).unwrap(),
                    s.mtime
                ],
            )
            .unwrap();
    }
    for a in &articles {
        db.conn
            .execute(
                "INSERT INTO stories (path, entry, id, format, section, title, byline, published, url, lead,
                 related, title_key, lead_key, id_key, source)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, NULL, ?7, ?8, '[]', 0, NULL, ?9, NULL)",
                rusqlite::params![
                    a.head.path.to_str().unwrap(),
                    i64::try_from(a.head.entry).unwrap(),
                    a.head.id.to_string(),
                    a.head.format.name(),
                    a.head.section,
                    a.head.title,
                    a.head.url,
                    a.first_paragraph(),
                    i64::from_ne_bytes(
                        u64::try_from(a.head.id.0 & u128::from(u64::MAX))
                            .unwrap()
                            .to_ne_bytes()
                    ),
                ],
            )
            .unwrap();
    }
    let mut marks = Vec::new();
    for (n, a) in articles.iter().enumerate() {
        let at = Some(1000 + i64::try_from(n).unwrap());
        marks.push((
            a.head.id,
            a.head.url.as_deref(),
            if n % 2 == 0 { at } else { None },
        ));
    }
    db.set_read(&marks).unwrap();
    db.set_starred(articles[1].head.id, None, true).unwrap();
    db.set_position(articles[2].head.id, None, 9).unwrap();
    articles
}

#[test]
fn a_database_left_by_schema_2_opens_with_every_mark_and_is_read_again() {
    let data = tempfile::tempdir().unwrap();
    let pages = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(pages.path()).unwrap();
    broadsheet::synth::write_store(&root, 12, 9).unwrap();
    // One page whose first paragraph is one enormous line: schema 2 kept it whole.
    let huge = format!(
        "Connect with us\n\nWorld\n\nA story on one line\n\n-\n\n{}\n",
        "word ".repeat(200_000)
    );
    std::fs::write(root.join("huge.txt"), huge).unwrap();
    let articles = schema_2_database(data.path(), &root);
    let before = {
        let path = data.path().join(FILE_NAME);
        let conn = rusqlite::Connection::open(path).unwrap();
        let mut stmt = conn
            .prepare("SELECT id, url, read_at, starred, position FROM marks ORDER BY id")
            .unwrap();
        let rows: Vec<MarkRow> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        rows
    };
    assert_eq!(before.len(), articles.len());

    let mut db = Db::open(data.path()).unwrap().db;
    assert_eq!(db.version().unwrap(), SCHEMA_VERSION);
    let marks = db.marks().unwrap();
    for (id, _, read_at, starred, position) in &before {
        let m = marks[&ArticleId::parse(id).unwrap()];
        assert_eq!(
            (m.read_at, i64::from(m.starred), i64::from(m.position)),
            (*read_at, *starred, *position),
            "{id}"
        );
    }
    // Files indexed by schema 2 have no extractor version: the next scan reads every one again.
    let parsed =
        broadsheet::store::scan::scan(&mut db, std::slice::from_ref(&root), |_| {}).unwrap();
    assert_eq!(parsed, articles.len());
    let after: Vec<MarkRow> = db
        .conn
        .prepare("SELECT id, url, read_at, starred, position FROM marks ORDER BY id")
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(after, before, "every mark as it was, URLs included");
    let longest: i64 = db
        .conn
        .query_row("SELECT max(length(lead)) FROM stories", [], |r| r.get(0))
        .unwrap();
    assert!(longest <= 1024, "leads are cut: {longest}");
    assert_eq!(
        broadsheet::store::scan::scan(&mut db, &[root], |_| {}).unwrap(),
        0,
        "then nothing is read again"
    );
}

#[test]
fn a_database_left_by_schema_3_keeps_every_mark_and_fills_the_search_index() {
    let data = tempfile::tempdir().unwrap();
    let pages = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(pages.path()).unwrap();
    broadsheet::synth::write_store(&root, 12, 9).unwrap();
    let articles = schema_2_database(data.path(), &root);
    let marks_before = {
        // The previous version: schema 3, every file read by its extractor (version 2), nothing to do.
        let path = data.path().join(FILE_NAME);
        let mut db = Db::with_connection(rusqlite::Connection::open(&path).unwrap(), Some(path));
        db.migrate_to(3).unwrap();
        db.conn
            .execute("UPDATE files SET extractor = 2", [])
            .unwrap();
        db.marks().unwrap()
    };
    assert_eq!(marks_before.len(), articles.len());
    let mut db = Db::open(data.path()).unwrap().db;
    assert_eq!(db.version().unwrap(), SCHEMA_VERSION);
    assert_eq!(db.marks().unwrap(), marks_before, "every mark as it was");
    // The search index starts empty, so every file is read again to fill it; marks stay.
    let parsed =
        broadsheet::store::scan::scan(&mut db, std::slice::from_ref(&root), |_| {}).unwrap();
    assert_eq!(parsed, articles.len());
    assert_eq!(db.marks().unwrap(), marks_before);
    for a in &articles {
        let query = broadsheet::search::parse(&format!("title:\"{}\"", a.head.title)).unwrap();
        let broadsheet::search::rank::Matches::Only(found) =
            db.find(query.text.as_ref(), query.sort).unwrap()
        else {
            panic!("words give matches")
        };
        assert!(
            found.iter().any(|f| f.id == a.head.id),
            "{} is found",
            a.head.title
        );
    }
}

#[test]
fn two_instances_share_a_data_directory() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Db::open(dir.path()).unwrap().db;
    let mut b = Db::open(dir.path()).unwrap().db;
    for i in 0..50u128 {
        a.set_read(&[(ArticleId(i), None, Some(1))]).unwrap();
        b.set_read(&[(ArticleId(1000 + i), None, Some(2))]).unwrap();
    }
    assert_eq!(a.marks().unwrap().len(), 100);
    assert_eq!(b.marks().unwrap().len(), 100);
}

/// Not a test on its own: the child process of `marks_survive_sigkill`, marking in a loop.
#[test]
#[ignore = "run by marks_survive_sigkill as a child process"]
fn child_marks_in_a_loop() {
    let Some(dir) = std::env::var_os("BROADSHEET_CHILD_DIR") else {
        return;
    };
    let mut db = Db::open(Path::new(&dir)).unwrap().db;
    for i in 0..u128::MAX {
        db.set_read(&[(ArticleId(i), None, Some(1))]).unwrap();
        // Printed only after the commit returned: every printed id must be in the database.
        println!("marked {i}");
    }
}

#[test]
fn marks_survive_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_marks_in_a_loop",
            "--ignored",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("BROADSHEET_CHILD_DIR", dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut last = None;
    while let Some(Ok(line)) = lines.next() {
        if let Some(n) = line.strip_prefix("marked ") {
            last = n.parse::<u128>().ok();
            if last >= Some(200) {
                break;
            }
        }
    }
    // SIGKILL: no chance to clean up.
    child.kill().unwrap();
    child.wait().unwrap();
    let shown = last.expect("the child marked something");
    let marks = Db::open(dir.path()).unwrap().db.marks().unwrap();
    for i in 0..=shown {
        assert!(
            marks.contains_key(&ArticleId(i)),
            "mark {i} was printed but lost"
        );
    }
}

#[test]
fn the_command_line_marks_exports_and_imports() {
    let data = tempfile::tempdir().unwrap();
    let stories = tempfile::tempdir().unwrap();
    broadsheet::synth::write_store(stories.path(), 5, 3).unwrap();
    let root = stories.path().to_str().unwrap();
    let list = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut all = vec!["list", "--json"];
        all.extend_from_slice(args);
        all.push(root);
        serde_json::from_slice(&broadsheet(data.path(), &all).stdout).unwrap()
    };
    assert_eq!(list(&["--unread"]).len(), 5);
    let one = stories.path().join("000001.txt");
    let out = broadsheet(data.path(), &["mark", "read", one.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "marked 1 story read"
    );
    let unread = list(&["--unread"]);
    assert_eq!(unread.len(), 4);
    let id = unread[0]["id"].as_str().unwrap().to_owned();
    assert!(
        broadsheet(data.path(), &["mark", "read", &id])
            .status
            .success()
    );
    assert_eq!(list(&["--unread"]).len(), 3);
    assert!(list(&[]).iter().filter(|a| a["read"] == true).count() == 2);

    let export = broadsheet(data.path(), &["state", "export"]);
    let text = String::from_utf8(export.stdout).unwrap();
    assert_eq!(text.lines().count(), 2);
    assert!(text.contains(&id));
    let file = data.path().join("export.txt");
    std::fs::write(&file, format!("{text}https://example.test/from-newsboat\n")).unwrap();

    let other = tempfile::tempdir().unwrap();
    let out = broadsheet(other.path(), &["state", "import", file.to_str().unwrap()]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "imported 3 marks; 3 of them match no story in the index yet"
    );
    let marks = Db::open(other.path()).unwrap().db.marks().unwrap();
    assert!(marks.contains_key(&ArticleId::parse(&id).unwrap()));
    assert!(marks.contains_key(&ArticleId::from_url("https://example.test/from-newsboat")));
    let unread = |d: &Path| -> usize {
        let v: Vec<serde_json::Value> =
            serde_json::from_slice(&broadsheet(d, &["list", "--json", "--unread", root]).stdout)
                .unwrap();
        v.len()
    };
    assert_eq!(
        unread(other.path()),
        3,
        "the import carried the two read marks over"
    );
    assert!(
        broadsheet(data.path(), &["mark", "unread", &id])
            .status
            .success()
    );
    assert_eq!(unread(data.path()), 4);
    // Starred, through the state the reader writes.
    let db = Db::open(data.path()).unwrap().db;
    db.set_starred(ArticleId::parse(&id).unwrap(), None, true)
        .unwrap();
    let starred: Vec<serde_json::Value> = serde_json::from_slice(
        &broadsheet(data.path(), &["list", "--json", "--starred", root]).stdout,
    )
    .unwrap();
    assert_eq!(starred.len(), 1);
}

#[test]
fn undo_under_the_unread_filter_lists_the_stories_again() {
    let mut s = reader(140, 40);
    let total = s.list().all().len();
    s.apply(Action::ToggleUnreadOnly);
    s.apply(Action::MarkAllRead);
    s.apply(Action::Answer(true));
    s.apply(Action::ToggleUnreadOnly);
    s.apply(Action::ToggleUnreadOnly);
    assert!(s.list().is_empty());
    s.apply(Action::Undo);
    assert_eq!((s.list().len(), s.list().unread()), (total, total));
}

#[test]
fn when_the_filter_hides_the_story_the_next_one_is_selected() {
    let mut s = reader(140, 40);
    for a in [
        Action::Open,
        Action::NextStory,
        Action::NextStory,
        Action::NextStory,
    ] {
        s.apply(a);
    }
    let after = s.list().get(4).unwrap().id;
    s.apply(Action::ToggleUnreadOnly);
    assert_eq!(
        s.current().unwrap().id,
        after,
        "the first unread story after the hidden one"
    );
}

#[test]
fn stars_undo_too() {
    let mut s = reader(140, 40);
    let id = s.current().unwrap().id;
    s.apply(Action::ToggleStar);
    s.apply(Action::Undo);
    assert!(!s.is_starred(id));
    assert!(!s.host.db.mark(id).unwrap().starred);
}

#[test]
fn a_mark_that_cannot_be_saved_is_not_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader_in(dir.path());
    s.host
        .db
        .conn
        .busy_timeout(std::time::Duration::from_millis(50))
        .unwrap();
    let blocker = rusqlite::Connection::open(dir.path().join(FILE_NAME)).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    s.apply(Action::Open);
    assert!(!s.is_read(s.current().unwrap().id));
    assert_eq!(s.list().unread(), s.list().all().len());
    assert!(
        s.message()
            .unwrap()
            .starts_with("Not marked, could not save")
    );
    assert_eq!(
        s.read().undo_depth(),
        0,
        "nothing to undo: nothing was marked"
    );
    blocker.execute_batch("ROLLBACK").unwrap();
    s.apply(Action::ToggleRead);
    assert!(s.is_read(s.current().unwrap().id));
}

#[test]
fn the_reading_position_is_saved_as_it_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader_in(dir.path());
    select_file(&mut s, "06-kittiwake-comet-sample.txt");
    s.apply(Action::Open);
    s.apply(Action::PageDown);
    s.apply(Action::PageDown);
    let id = s.current().unwrap().id;
    // No quit: a kill now would lose nothing.
    let saved = Db::open(dir.path()).unwrap().db.mark(id).unwrap().position;
    assert_eq!(Some(saved as usize), s.top_block());
    assert!(saved > 0);
}

#[test]
fn many_instances_opening_a_new_database_at_once_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let d = dir.path().to_path_buf();
            std::thread::spawn(move || {
                let mut db = Db::open(&d).map_err(|e| e.to_string())?.db;
                db.set_read(&[(ArticleId(i), None, Some(1))])
                    .map_err(|e| e.to_string())
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap().expect("every instance opens and writes");
    }
    assert_eq!(Db::open(dir.path()).unwrap().db.marks().unwrap().len(), 8);
}

#[test]
fn when_the_database_stops_taking_writes_the_reader_keeps_marking_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = reader_in(dir.path());
    // As if the file had been made read-only under the running reader.
    s.host
        .db
        .conn
        .execute_batch("PRAGMA query_only = ON")
        .unwrap();
    let warnings = s.warnings().len();
    s.apply(Action::Open);
    let id = s.current().unwrap().id;
    assert!(s.is_read(id), "marked, in memory for this session");
    assert_eq!(s.message(), Some("Marks cannot be saved (? shows why)"));
    assert_eq!(
        s.warnings().len(),
        warnings + 1,
        "the reason is in the help"
    );
    s.apply_all([Action::NextStory, Action::ToggleStar]);
    assert!(s.is_starred(s.current().unwrap().id));
    assert_eq!(s.warnings().len(), warnings + 1, "said once");
    assert_ne!(s.message(), Some("Marks cannot be saved (? shows why)"));
    s.apply(Action::Undo);
    assert!(
        !s.is_starred(s.current().unwrap().id),
        "undo works on the copy"
    );
}
