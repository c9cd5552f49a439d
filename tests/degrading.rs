//! The database policy and degrading: only damage moves the file; a file that cannot be opened stops
//! broadsheet naming it and the fix; a database that cannot be written (permissions, a full disk) still
//! reads the library and says once that marks cannot be saved; bad rows are reported, never coerced.

mod common;

use common::broadsheet;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use broadsheet::commands::library::{indexed, scan_and_list};
use broadsheet::model::ArticleId;
use broadsheet::store::db::{
    Db, DbError, FILE_NAME, Failure, Notice, Opened, Probe, Unwritable, decide,
};
use broadsheet::store::scan::scan;
use rusqlite::ffi;

fn sqlite_error(code: i32) -> DbError {
    DbError::Sqlite {
        path: PathBuf::from("/data/broadsheet.db"),
        cause: rusqlite::Error::SqliteFailure(ffi::Error::new(code), None),
    }
}

fn io_error(kind: ErrorKind) -> DbError {
    DbError::Io {
        path: PathBuf::from("/data"),
        cause: kind.into(),
    }
}

#[test]
fn only_damage_moves_the_file_and_the_rest_is_told_apart() {
    let never = || -> Probe { panic!("SQLite's word is enough") };
    assert_eq!(
        decide(&sqlite_error(ffi::SQLITE_NOTADB), never),
        Failure::Damaged
    );
    assert_eq!(
        decide(&sqlite_error(ffi::SQLITE_CORRUPT), never),
        Failure::Damaged
    );
    assert_eq!(
        decide(&sqlite_error(ffi::SQLITE_FULL), never),
        Failure::Unwritable(Unwritable::Full)
    );
    assert_eq!(
        decide(&sqlite_error(ffi::SQLITE_IOERR), never),
        Failure::Other
    );
    assert_eq!(
        decide(&sqlite_error(ffi::SQLITE_BUSY), never),
        Failure::Other
    );
    let cannot_open = sqlite_error(ffi::SQLITE_CANTOPEN);
    let permission = sqlite_error(ffi::SQLITE_PERM);
    let read_only = sqlite_error(ffi::SQLITE_READONLY);
    for e in [&cannot_open, &permission, &read_only] {
        // A root-owned file left by `sudo broadsheet`: readable, not writable.
        assert_eq!(
            decide(e, || Probe::Readable {
                write: Some(ErrorKind::PermissionDenied)
            }),
            Failure::Unwritable(Unwritable::File)
        );
        assert_eq!(
            decide(e, || Probe::Readable {
                write: Some(ErrorKind::ReadOnlyFilesystem)
            }),
            Failure::Unwritable(Unwritable::ReadOnlySystem)
        );
        // The file can be written but its journal cannot be made, or there is no file and it cannot be.
        assert_eq!(
            decide(e, || Probe::Readable { write: None }),
            Failure::Unwritable(Unwritable::Folder)
        );
        assert_eq!(
            decide(e, || Probe::Missing),
            Failure::Unwritable(Unwritable::Folder)
        );
        // Not readable at all, or not a file: broadsheet stops and says how to fix it.
        let Failure::Inaccessible(why) =
            decide(e, || Probe::Unreadable(ErrorKind::PermissionDenied))
        else {
            panic!("an unreadable file stops broadsheet");
        };
        assert!(why.contains("chown") && why.contains("--data-dir"), "{why}");
        assert!(matches!(
            decide(e, || Probe::NotAFile),
            Failure::Inaccessible(_)
        ));
    }
    // The data folder cannot be created.
    assert_eq!(
        decide(&io_error(ErrorKind::PermissionDenied), never),
        Failure::Unwritable(Unwritable::Folder)
    );
    assert_eq!(
        decide(&io_error(ErrorKind::ReadOnlyFilesystem), never),
        Failure::Unwritable(Unwritable::ReadOnlySystem)
    );
    assert_eq!(
        decide(&io_error(ErrorKind::StorageFull), never),
        Failure::Unwritable(Unwritable::Full)
    );
    assert_eq!(
        decide(&io_error(ErrorKind::NotFound), never),
        Failure::Other
    );
}

#[test]
fn a_database_that_is_not_a_file_stops_broadsheet_and_is_never_moved() {
    let data = tempfile::tempdir().unwrap();
    std::fs::create_dir(data.path().join(FILE_NAME)).unwrap();
    let Err(DbError::Inaccessible { path, problem }) = Db::open(data.path()) else {
        panic!("a folder where the database should be is no database to replace");
    };
    assert_eq!(path, data.path().join(FILE_NAME));
    assert!(problem.contains("--data-dir"), "{problem}");
    let stories = tempfile::tempdir().unwrap();
    broadsheet::synth::write_store(stories.path(), 3, 1).unwrap();
    for args in [
        &["list", stories.path().to_str().unwrap()][..],
        &["state", "export"],
        &["mark", "read", "00000000000000000000000000000001"],
    ] {
        let out = broadsheet(data.path(), args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains(&data.path().join(FILE_NAME).display().to_string()),
            "{err}"
        );
    }
    let names: Vec<_> = std::fs::read_dir(data.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "nothing moved aside, nothing made");
    assert!(data.path().join(FILE_NAME).is_dir());
}

#[test]
fn a_database_that_is_not_one_is_moved_aside_and_said_so() {
    let data = tempfile::tempdir().unwrap();
    drop(Db::open(data.path()).unwrap());
    let file = data.path().join(FILE_NAME);
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[..16].copy_from_slice(b"not a database!\0");
    std::fs::write(&file, &bytes).unwrap();
    let opened = Db::open(data.path()).unwrap();
    let Some(Notice::Replaced { kept, moved, .. }) = opened.notice else {
        panic!("the file is replaced: {:?}", opened.notice);
    };
    assert!(moved.exists());
    assert_eq!(
        kept, 0,
        "nothing can be read from a file that is not a database"
    );
}

#[test]
fn marks_are_salvaged_around_damaged_pages() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join(FILE_NAME);
    let all: Vec<ArticleId> = (1..=3000u128).map(|i| ArticleId(i << 64 | i)).collect();
    {
        let mut db = Db::open(data.path()).unwrap().db;
        let marks: Vec<(ArticleId, Option<&str>, Option<i64>)> =
            all.iter().map(|&id| (id, None, Some(1))).collect();
        db.set_read(&marks).unwrap();
        db.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .unwrap();
    }
    // Scribble over a page in the middle of the marks.
    let mut bytes = std::fs::read(&file).unwrap();
    let page = 4096;
    let middle = (bytes.len() / page / 2) * page;
    bytes[middle..middle + page].fill(0xa5);
    std::fs::write(&file, &bytes).unwrap();
    let opened = Db::open(data.path()).unwrap();
    assert!(opened.notice.is_none(), "the header is sound: it opens");
    let e = opened.db.marks().unwrap_err();
    let Some(Ok(fresh)) = opened.db.recover(&e) else {
        panic!("damage found in use replaces the file");
    };
    let Some(Notice::Replaced { kept, .. }) = fresh.notice else {
        panic!("said so");
    };
    let marks = fresh.db.marks().unwrap();
    assert_eq!(kept, marks.len());
    assert!(kept > 2000 && kept < 3000, "{kept} of 3000 kept");
    assert!(
        marks.contains_key(&all[0]) && marks.contains_key(&all[2999]),
        "read from both ends"
    );
}

/// An on-disk database holding a scanned store of `pages` pages, with two marks.
fn indexed_store(pages: usize) -> (tempfile::TempDir, tempfile::TempDir, PathBuf, ArticleId) {
    let stories = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(stories.path()).unwrap();
    broadsheet::synth::write_store(&root, pages, 21).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut db = Db::open(data.path()).unwrap().db;
    scan(&mut db, std::slice::from_ref(&root), |_| {}).unwrap();
    let id = db.headlines(std::slice::from_ref(&root)).unwrap().0[0].id;
    db.set_read(&[(id, None, Some(77))]).unwrap();
    db.set_starred(ArticleId(3), None, true).unwrap();
    (stories, data, root, id)
}

/// Makes the database behave as on a full disk: it may not grow by a single page.
fn fill_disk(db: &Db) {
    let pages: i64 = db
        .conn
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    db.conn
        .query_row(&format!("PRAGMA max_page_count = {pages}"), [], |_| Ok(()))
        .unwrap();
}

#[test]
fn a_full_disk_still_lists_everything_and_says_once_that_marks_cannot_be_saved() {
    let (_stories, data, root, id) = indexed_store(40);
    // New pages arrive, and the disk is full.
    broadsheet::synth::write_store(&root.join("later"), 300, 22).unwrap();
    let mut opened = Db::open(data.path()).unwrap();
    fill_disk(&opened.db);
    let (headlines, warnings) = scan_and_list(&mut opened, std::slice::from_ref(&root)).unwrap();
    assert_eq!(headlines.len(), 340, "the new pages are listed from memory");
    assert!(warnings.is_empty(), "{warnings:?}");
    let Some(Notice::ReadOnly { path, why }) = &opened.notice else {
        panic!("the user is told: {:?}", opened.notice);
    };
    assert_eq!(
        (path, *why),
        (&data.path().join(FILE_NAME), Unwritable::Full)
    );
    assert!(opened.db.path.is_none(), "a copy in memory");
    let marks = opened.db.marks().unwrap();
    assert_eq!(marks[&id].read_at, Some(77));
    assert!(marks[&ArticleId(3)].starred);
    // Nothing on disk was lost meanwhile.
    let on_disk = Db::open(data.path()).unwrap().db;
    assert_eq!(on_disk.marks().unwrap().len(), 2);
}

#[test]
fn a_never_indexed_store_on_a_full_disk_is_still_listed() {
    let stories = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(stories.path()).unwrap();
    broadsheet::synth::write_store(&root, 25, 23).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut opened = Db::open(data.path()).unwrap();
    fill_disk(&opened.db);
    let (headlines, _) = scan_and_list(&mut opened, &[root]).unwrap();
    assert_eq!(headlines.len(), 25);
    assert!(matches!(opened.notice, Some(Notice::ReadOnly { .. })));
}

#[test]
fn a_database_that_cannot_be_written_is_read_from_a_copy() {
    // As root the file system refuses nothing, so the refusal is SQLite's read-only error on a real file.
    let (_stories, data, root, id) = indexed_store(20);
    let mut db = Db::open(data.path()).unwrap().db;
    let Some(Ok(notice)) = db.degrade(&sqlite_error(ffi::SQLITE_READONLY)) else {
        panic!("a read-only database degrades");
    };
    assert!(
        notice.to_string().contains("marks cannot be saved"),
        "{notice}"
    );
    assert!(db.path.is_none());
    assert_eq!(
        db.headlines(&[root]).unwrap().0.len(),
        20,
        "the index came along"
    );
    assert_eq!(db.marks().unwrap()[&id].read_at, Some(77));
    assert!(
        db.degrade(&sqlite_error(ffi::SQLITE_READONLY)).is_none(),
        "only once"
    );
    assert!(
        Db::open(data.path())
            .unwrap()
            .db
            .degrade(&sqlite_error(ffi::SQLITE_CORRUPT))
            .is_none(),
        "damage is not degraded around"
    );
}

#[test]
fn unreadable_index_rows_are_reported_and_read_again() {
    let (_stories, data, root, _) = indexed_store(10);
    let db = Db::open(data.path()).unwrap().db;
    let (headlines, _) = db.headlines(std::slice::from_ref(&root)).unwrap();
    let (a, b) = (&headlines[0].path, &headlines[1].path);
    db.conn
        .execute(
            "UPDATE stories SET id = 'not-an-id' WHERE path = ?1",
            [a.to_str().unwrap()],
        )
        .unwrap();
    db.conn
        .execute(
            "UPDATE stories SET format = 'pdf' WHERE path = ?1",
            [b.to_str().unwrap()],
        )
        .unwrap();
    let (rows, warnings) = db.headlines(std::slice::from_ref(&root)).unwrap();
    assert_eq!(rows.len(), 8, "left out, not coerced");
    assert!(rows.iter().all(|h| h.id != ArticleId(0)));
    let said: Vec<(PathBuf, String)> = warnings
        .iter()
        .map(|w| (w.path.clone(), w.reason.clone()))
        .collect();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said[0].0 == *a && said[0].1.contains("\"not-an-id\""),
        "{said:?}"
    );
    assert!(said[1].0 == *b && said[1].1.contains("\"pdf\""), "{said:?}");
    // Listing reports them and has the two files read again by the next scan.
    let mut opened = Opened { db, notice: None };
    let (_, reported) = indexed(&mut opened, std::slice::from_ref(&root)).unwrap();
    assert_eq!(reported.len(), 2);
    assert_eq!(
        scan(&mut opened.db, std::slice::from_ref(&root), |_| {}).unwrap(),
        2
    );
    let (rows, warnings) = opened.db.headlines(&[root]).unwrap();
    assert_eq!((rows.len(), warnings.len()), (10, 0));
}

#[test]
fn marks_with_unreadable_ids_are_reported() {
    let data = tempfile::tempdir().unwrap();
    let db = Db::open(data.path()).unwrap().db;
    db.conn
        .execute_batch(
            "INSERT INTO marks (id, read_at) VALUES ('nonsense', 5);
             INSERT INTO marks (id, read_at) VALUES ('000000000000000000000000000000ab', 6);",
        )
        .unwrap();
    let (marks, warnings) = db.marks_checked().unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].path, data.path().join(FILE_NAME));
    assert!(warnings[0].reason.contains("\"nonsense\""));
    let (records, warnings) = db.read_records().unwrap();
    assert_eq!((records.len(), warnings.len()), (1, 1));
    let out = broadsheet(data.path(), &["state", "export"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("\"nonsense\"").count(), 1, "{err}");
    let stories = tempfile::tempdir().unwrap();
    broadsheet::synth::write_store(stories.path(), 2, 3).unwrap();
    let out = broadsheet(data.path(), &["list", stories.path().to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"nonsense\""));
}

/// Runs the binary as the unprivileged user `nobody`, when this test runs as root and can (setpriv).
fn as_nobody(data: &Path, args: &[&str]) -> Option<Output> {
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_broadsheet"))
        .args(args)
        .env("BROADSHEET_DATA_DIR", data)
        .env_remove("BROADSHEET_CONFIG")
        .env("XDG_CONFIG_HOME", data)
        .env("HOME", data)
        .output()
        .ok()?;
    Some(out)
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
    })
}

#[cfg(unix)]
#[test]
fn a_database_left_by_root_is_read_and_never_moved() {
    use std::os::unix::fs::PermissionsExt;
    if !running_as_root() {
        eprintln!("skipped: needs root to make a file another user cannot write");
        return;
    }
    let (stories, data, root, id) = indexed_store(6);
    for dir in [data.path(), stories.path()] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let file = data.path().join(FILE_NAME);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let root_text = root.to_str().unwrap();
    if !as_nobody(data.path(), &["config", "default"]).is_some_and(|o| o.status.success()) {
        eprintln!("skipped: setpriv is missing, or the binary is not reachable by nobody");
        return;
    }
    let probe = as_nobody(data.path(), &["list", root_text]).unwrap();
    let err = String::from_utf8_lossy(&probe.stderr);
    assert!(probe.status.success(), "{err}");
    assert_eq!(String::from_utf8_lossy(&probe.stdout).lines().count(), 6);
    assert_eq!(err.matches("marks cannot be saved").count(), 1, "{err}");
    assert!(err.contains("chown"), "{err}");
    assert!(
        String::from_utf8_lossy(&probe.stdout)
            .lines()
            .any(|l| l.starts_with("  ")),
        "the read mark is shown"
    );
    let export = as_nobody(data.path(), &["state", "export"]).unwrap();
    assert!(String::from_utf8_lossy(&export.stdout).contains(&id.to_string()));
    let mark = as_nobody(data.path(), &["mark", "read", root_text]).unwrap();
    assert_eq!(mark.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&mark.stderr).contains(&file.display().to_string()));
    // The unreadable case: broadsheet stops, naming the file.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let denied = as_nobody(data.path(), &["list", root_text]).unwrap();
    assert_eq!(denied.status.code(), Some(1));
    let err = String::from_utf8_lossy(&denied.stderr);
    assert!(
        err.contains("not readable by you") && err.contains("chown"),
        "{err}"
    );
    let names: Vec<_> = std::fs::read_dir(data.path()).unwrap().collect();
    assert!(
        names.iter().all(|e| !e
            .as_ref()
            .unwrap()
            .path()
            .to_string_lossy()
            .contains("corrupt")),
        "never moved"
    );
}

#[cfg(unix)]
#[test]
fn a_database_this_user_cannot_read_stops_broadsheet() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    drop(Db::open(data.path()).unwrap());
    let file = data.path().join(FILE_NAME);
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::File::open(&file).is_ok() {
        eprintln!("skipped: this user (root) reads any file");
        return;
    }
    let Err(DbError::Inaccessible { path, .. }) = Db::open(data.path()) else {
        panic!("an unreadable database stops broadsheet");
    };
    assert_eq!(path, file);
    assert!(file.exists());
}
