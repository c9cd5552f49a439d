//! Re-extraction: a new extractor version reads unchanged files again, and the read marks, stars and
//! reading positions of stories whose ids change go with them, in the index's own transaction. A copy
//! keeps its mark, a mark already at the new id is merged, and a story that only moved inside its file
//! takes no other story's mark. A slow file holds back no other.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use broadsheet::loader::{self, EXTRACTOR_VERSION, LoadError, Loaded};
use broadsheet::model::ArticleId;
use broadsheet::store::db::Db;
use broadsheet::store::marks::Mark;
use broadsheet::store::scan::{Extractor, ScanUpdate, scan, scan_with};

/// A later extractor that finds other headlines, so that stories known by their text get new ids.
fn retitling(path: &Path) -> Result<Loaded, LoadError> {
    let mut loaded = loader::load_path(path)?;
    for a in &mut loaded.articles {
        a.head.title.push_str(" (re-extracted)");
        a.head.id = a.compute_id();
    }
    Ok(loaded)
}

/// A later extractor that retitles only the files named `a.txt`.
fn retitling_a(path: &Path) -> Result<Loaded, LoadError> {
    if path.ends_with("a.txt") {
        retitling(path)
    } else {
        loader::load_path(path)
    }
}

const NEXT: u32 = EXTRACTOR_VERSION + 1;

fn ids_by_path(db: &Db, root: &Path) -> HashMap<PathBuf, ArticleId> {
    db.headlines(&[root.to_path_buf()])
        .unwrap()
        .0
        .into_iter()
        .map(|h| (h.path, h.id))
        .collect()
}

fn store(pages: usize, seed: u64) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    broadsheet::synth::write_store(&root, pages, seed).unwrap();
    (dir, root)
}

#[test]
fn an_extractor_bump_reads_unchanged_files_again_and_marks_follow_the_new_ids() {
    let (_pages, root) = store(30, 11);
    let data = tempfile::tempdir().unwrap();
    let mut db = Db::open(data.path()).unwrap().db;
    scan(&mut db, std::slice::from_ref(&root), |_| {}).unwrap();
    let before = ids_by_path(&db, &root);
    let mut paths: Vec<&PathBuf> = before.keys().collect();
    paths.sort();
    // Some read, one starred, one with a reading position; the rest unmarked.
    let read: Vec<(ArticleId, Option<&str>, Option<i64>)> = paths[..10]
        .iter()
        .enumerate()
        .map(|(n, p)| (before[*p], None, Some(100 + i64::try_from(n).unwrap())))
        .collect();
    db.set_read(&read).unwrap();
    db.set_starred(before[paths[12]], None, true).unwrap();
    db.set_position(before[paths[13]], None, 6).unwrap();
    let marked = db.marks().unwrap();
    assert_eq!(marked.len(), 12);

    let next = Extractor {
        version: NEXT,
        load: &retitling,
    };
    let parsed = scan_with(&mut db, std::slice::from_ref(&root), &next, |_| {}).unwrap();
    assert_eq!(parsed, 30, "every unchanged file is read again");
    let after = ids_by_path(&db, &root);
    let marks = db.marks().unwrap();
    for (path, old) in &before {
        let new = after[path];
        assert_ne!(new, *old, "the simulated extractor changes every id");
        assert_eq!(
            marks.get(&new),
            marked.get(old),
            "{}: the mark went with the story",
            path.display()
        );
        assert!(!marks.contains_key(old), "moved, not copied");
    }
    assert_eq!(marks.len(), 12, "no mark lost, none made up");
    assert_eq!(
        scan_with(&mut db, &[root], &next, |_| {}).unwrap(),
        0,
        "read once per version"
    );
}

#[test]
fn a_copy_keeps_the_old_mark_and_a_mark_at_the_new_id_is_merged() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    let (_, text) = broadsheet::synth::pages(1, 12).remove(0);
    fs::write(root.join("a.txt"), &text).unwrap();
    fs::write(root.join("copy.txt"), &text).unwrap();
    let mut db = Db::in_memory().unwrap();
    scan(&mut db, std::slice::from_ref(&root), |_| {}).unwrap();
    let old = ids_by_path(&db, &root)[&root.join("a.txt")];
    let new = retitling(&root.join("a.txt")).unwrap().articles[0].head.id;
    db.set_read(&[(old, Some("https://x.test/old"), Some(100))])
        .unwrap();
    db.set_position(old, None, 3).unwrap();
    // The new id was starred already (as another copy of the story, say), and never read.
    db.set_starred(new, None, true).unwrap();

    let next = Extractor {
        version: NEXT,
        load: &retitling_a,
    };
    scan_with(&mut db, std::slice::from_ref(&root), &next, |_| {}).unwrap();
    let ids = ids_by_path(&db, &root);
    assert_eq!(
        (ids[&root.join("a.txt")], ids[&root.join("copy.txt")]),
        (new, old)
    );
    let marks = db.marks().unwrap();
    assert_eq!(
        marks[&old],
        Mark {
            read_at: Some(100),
            starred: false,
            position: 3
        },
        "copy.txt still holds the old id: its mark stays"
    );
    assert_eq!(
        marks[&new],
        Mark {
            read_at: Some(100),
            starred: true,
            position: 3
        },
        "read stays read, starred stays starred"
    );
    let (records, _) = db.read_records().unwrap();
    let url = |id| records.iter().find(|r| r.id == id).unwrap().url.clone();
    assert_eq!(url(new).as_deref(), Some("https://x.test/old"));
}

/// A later extractor that reads a feed's entries in the opposite order.
fn reversing(path: &Path) -> Result<Loaded, LoadError> {
    let mut loaded = loader::load_path(path)?;
    loaded.articles.reverse();
    for (entry, a) in loaded.articles.iter_mut().enumerate() {
        a.head.entry = entry;
    }
    Ok(loaded)
}

#[test]
fn a_story_that_only_moved_inside_its_file_takes_no_other_mark() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats/wire.rss"),
        root.join("wire.rss"),
    )
    .unwrap();
    let mut db = Db::in_memory().unwrap();
    scan(&mut db, std::slice::from_ref(&root), |_| {}).unwrap();
    let (headlines, _) = db.headlines(std::slice::from_ref(&root)).unwrap();
    assert!(headlines.len() >= 2);
    let first = headlines.iter().find(|h| h.entry == 0).unwrap().id;
    db.set_read(&[(first, None, Some(7))]).unwrap();
    let next = Extractor {
        version: NEXT,
        load: &reversing,
    };
    assert_eq!(
        scan_with(&mut db, std::slice::from_ref(&root), &next, |_| {}).unwrap(),
        1
    );
    let marks = db.marks().unwrap();
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(marks[&first].read_at, Some(7));
}

#[test]
fn an_edited_file_carries_no_mark() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    let mut pages = broadsheet::synth::pages(2, 13);
    let file = root.join("latest.txt");
    fs::write(&file, &pages[0].1).unwrap();
    let mut db = Db::in_memory().unwrap();
    scan(&mut db, std::slice::from_ref(&root), |_| {}).unwrap();
    let old = ids_by_path(&db, &root)[&file];
    db.set_read(&[(old, None, Some(5))]).unwrap();
    // The same name now holds another story: it is a new story, unread.
    fs::write(&file, pages.remove(1).1).unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(later)
        .unwrap();
    scan(&mut db, std::slice::from_ref(&root), |_| {}).unwrap();
    let new = ids_by_path(&db, &root)[&file];
    assert_ne!(new, old);
    let marks = db.marks().unwrap();
    assert_eq!(marks.get(&new), None);
    assert_eq!(
        marks[&old].read_at,
        Some(5),
        "kept for when the story comes back"
    );
}

/// Set by the report once every other file is written; the slow file waits for it.
static OTHERS_WRITTEN: AtomicBool = AtomicBool::new(false);
/// Set when the slow file gave up waiting: the others were held back.
static GAVE_UP: AtomicBool = AtomicBool::new(false);

fn is_slow(path: &Path) -> bool {
    path.to_string_lossy().ends_with("-slow.txt")
}

/// Reads files as usual, except `000150-slow.txt`, which takes until every other file has been written (or, if
/// they are held back behind it, a minute).
fn slow_on_one(path: &Path) -> Result<Loaded, LoadError> {
    if is_slow(path) {
        let mut waited = 0;
        while !OTHERS_WRITTEN.load(Ordering::SeqCst) {
            if waited == 6000 {
                GAVE_UP.store(true, Ordering::SeqCst);
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            waited += 1;
        }
    }
    loader::load_path(path)
}

#[test]
fn a_slow_file_holds_back_no_other() {
    let (_pages, root) = store(300, 14);
    // In the middle of the walk's order, so that files after it are in its share of the work.
    fs::copy(root.join("000150.txt"), root.join("000150-slow.txt")).unwrap();
    let mut db = Db::in_memory().unwrap();
    let extractor = Extractor {
        version: EXTRACTOR_VERSION,
        load: &slow_on_one,
    };
    let mut steps: Vec<(usize, bool)> = Vec::new();
    scan_with(
        &mut db,
        std::slice::from_ref(&root),
        &extractor,
        |u: ScanUpdate| {
            let has_slow = u.added.iter().any(|h| is_slow(&h.path));
            steps.push((u.done, has_slow));
            if u.done + 1 == u.total {
                OTHERS_WRITTEN.store(true, Ordering::SeqCst);
            }
        },
    )
    .unwrap();
    assert!(
        !GAVE_UP.load(Ordering::SeqCst),
        "files were held back behind the slow one: {steps:?}"
    );
    assert_eq!(steps.last(), Some(&(301, true)), "{steps:?}");
    assert!(steps.contains(&(300, false)), "{steps:?}");
}
