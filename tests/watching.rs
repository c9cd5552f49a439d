//! A live library: files that land in a watched folder are scanned once they have settled (a file written
//! in bursts is read once, whole), a temporary file renamed into place and an editor's save-by-rename give
//! exactly one story, and removed files leave the list. Driven through the real watcher and scanner on a
//! temporary folder; waits are bounded by a generous deadline, not timed.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use broadsheet::config::Watch;
use broadsheet::scanner::Scanner;
use broadsheet::store::db::Db;
use broadsheet::store::scan::{ScanUpdate, scan};
use broadsheet::worker::watch::{Deliver, LibraryWatch, QUIET};

/// How long a test waits for what it expects before it fails: far beyond the second the reader
/// promises, so a loaded machine does not fail it.
const DEADLINE: Duration = Duration::from_secs(20);

struct Live {
    root: PathBuf,
    data: tempfile::TempDir,
    steps: Receiver<ScanUpdate>,
    _watch: LibraryWatch,
    _pages: tempfile::TempDir,
}

/// A folder with `pages` generated pages, indexed, then watched.
fn live(pages: usize) -> Live {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    broadsheet::synth::write_store(&root, pages, 5).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut db = Db::open(data.path()).unwrap().db;
    scan(&mut db, std::slice::from_ref(&root), |_| {}).unwrap();
    drop(db);
    let (tx, steps) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let scanner = Scanner::new(data.path().to_path_buf(), vec![root.clone()], move |u| {
        let _ = tx.lock().unwrap().send(u);
    });
    let (changed, rescan) = (scanner.clone(), scanner);
    let (watching, in_place) = mpsc::channel();
    let watch = LibraryWatch::spawn(
        vec![root.clone()],
        Watch::Auto,
        Duration::from_hours(1),
        Deliver {
            changed: Box::new(move |paths| changed.start_paths(paths)),
            rescan: Box::new(move || rescan.start_live()),
            ready: Box::new(move || {
                let _ = watching.send(());
            }),
            fallback: Box::new(|path, why| panic!("fell back on {}: {why}", path.display())),
        },
    )
    .unwrap();
    // The watch is set up on its own thread, and says when it is in place.
    in_place
        .recv_timeout(DEADLINE)
        .expect("the watch is in place");
    Live {
        root,
        data,
        steps,
        _watch: watch,
        _pages: dir,
    }
}

impl Live {
    /// Every step until `done` holds for what arrived so far, or the deadline.
    fn until(&self, done: impl Fn(&[ScanUpdate]) -> bool) -> Vec<ScanUpdate> {
        let start = Instant::now();
        let mut got = Vec::new();
        while !done(&got) {
            let left = DEADLINE.saturating_sub(start.elapsed());
            assert!(!left.is_zero(), "timed out; steps so far: {got:#?}");
            if let Ok(step) = self.steps.recv_timeout(left) {
                assert!(step.live, "a watcher's scan is live");
                got.push(step);
            }
        }
        // Anything that follows soon after (a second, unwanted read) is collected too.
        while let Ok(step) = self.steps.recv_timeout(QUIET * 4) {
            got.push(step);
        }
        got
    }

    fn indexed(&self) -> Vec<(PathBuf, String)> {
        let db = Db::open(self.data.path()).unwrap().db;
        let mut rows: Vec<_> = db
            .headlines(std::slice::from_ref(&self.root))
            .unwrap()
            .0
            .into_iter()
            .map(|h| (h.path, h.title))
            .collect();
        rows.sort();
        rows
    }
}

fn added_from(steps: &[ScanUpdate], path: &Path) -> usize {
    steps
        .iter()
        .flat_map(|s| &s.added)
        .filter(|h| h.path == path)
        .count()
}

fn page(title: &str) -> String {
    format!(
        "World\n{title}\n-\nBy A Writer\n\nThe first paragraph of the story about {title}, long enough to be \
         a paragraph of its own.\n\nA second paragraph follows with more words about the same thing.\n"
    )
}

#[test]
fn a_file_that_lands_is_listed_and_one_removed_leaves() {
    let live = live(3);
    let new = live.root.join("new-story.txt");
    fs::write(&new, page("Harbour bridge reopens")).unwrap();
    let steps = live.until(|s| added_from(s, &new) == 1);
    assert_eq!(added_from(&steps, &new), 1);
    let found = steps.iter().flat_map(|s| &s.added).find(|h| h.path == new);
    assert_eq!(found.unwrap().title, "Harbour bridge reopens");
    assert_eq!(live.indexed().len(), 4);

    fs::remove_file(&new).unwrap();
    let steps = live.until(|s| s.iter().any(|u| u.removed.contains(&new)));
    assert!(steps.iter().all(|s| s.added.is_empty()));
    assert_eq!(live.indexed().len(), 3);
}

#[test]
fn a_file_written_in_bursts_is_read_once_whole() {
    let live = live(2);
    let path = live.root.join("slow.txt");
    let text = page("Storm closes the coast road");
    let (first, rest) = text.split_at(text.len() / 2);
    let mut file = fs::File::create(&path).unwrap();
    file.write_all(first.as_bytes()).unwrap();
    file.flush().unwrap();
    // Each pause is shorter than the quiet time the watcher waits for.
    for chunk in rest.as_bytes().chunks(rest.len() / 3 + 1) {
        std::thread::sleep(QUIET / 2);
        file.write_all(chunk).unwrap();
        file.flush().unwrap();
    }
    drop(file);
    let steps = live.until(|s| added_from(s, &path) >= 1);
    assert_eq!(added_from(&steps, &path), 1, "read once: {steps:#?}");
    let rows = live.indexed();
    let slow: Vec<_> = rows.iter().filter(|(p, _)| *p == path).collect();
    assert_eq!(slow.len(), 1);
    assert_eq!(slow[0].1, "Storm closes the coast road");
}

#[test]
fn a_temporary_file_renamed_into_place_is_one_story() {
    let live = live(2);
    let tmp = live.root.join("page.txt.tmp");
    let done = live.root.join("page.txt");
    fs::write(&tmp, page("Council approves the new budget")).unwrap();
    fs::rename(&tmp, &done).unwrap();
    let steps = live.until(|s| added_from(s, &done) == 1);
    assert_eq!(added_from(&steps, &tmp), 0);
    assert_eq!(added_from(&steps, &done), 1);
    let rows = live.indexed();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|(p, _)| *p != tmp));
}

#[test]
fn an_editors_save_by_rename_gives_one_story_with_the_new_text() {
    let live = live(1);
    let note = live.root.join("note.txt");
    fs::write(&note, page("First draft of the note")).unwrap();
    live.until(|s| added_from(s, &note) == 1);
    // As vim does by default: the old file becomes the backup, and a new file takes its name.
    let backup = live.root.join("note.txt~");
    fs::rename(&note, &backup).unwrap();
    fs::write(&note, page("Second draft of the note")).unwrap();
    fs::remove_file(&backup).unwrap();
    let steps = live.until(|s| {
        s.iter()
            .flat_map(|u| &u.added)
            .any(|h| h.path == note && h.title == "Second draft of the note")
    });
    assert_eq!(added_from(&steps, &backup), 0);
    let rows = live.indexed();
    let notes: Vec<_> = rows.iter().filter(|(p, _)| *p == note).collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].1, "Second draft of the note");
    assert_eq!(rows.len(), 2);
}

#[test]
fn a_folder_moved_in_is_read_whole() {
    let live = live(1);
    let outside = tempfile::tempdir().unwrap();
    let batch = outside.path().join("batch");
    broadsheet::synth::write_store(&batch, 5, 9).unwrap();
    let moved = live.root.join("batch");
    fs::rename(&batch, &moved).unwrap();
    let steps = live.until(|s| {
        s.iter()
            .flat_map(|u| &u.added)
            .filter(|h| h.path.starts_with(&moved))
            .count()
            == 5
    });
    assert!(
        steps
            .iter()
            .all(|s| s.removed.iter().all(|p| p.starts_with(&moved)))
    );
    assert_eq!(live.indexed().len(), 6);
    // Moved out again: its stories leave.
    fs::rename(&moved, &batch).unwrap();
    live.until(|s| s.iter().any(|u| !u.removed.is_empty()));
    assert_eq!(live.indexed().len(), 1);
}

mod common;

use broadsheet::app::Action;
use broadsheet::model::{ArticleId, Headline};
use common::Reader;
use ratatui::layout::Rect;

/// A live scan step that indexed `added`.
fn arrived(added: Vec<Headline>) -> Action {
    Action::Indexed(ScanUpdate {
        done: added.len(),
        total: added.len(),
        added,
        finished: true,
        live: true,
        ..ScanUpdate::default()
    })
}

/// Stories newer than every listed one, as a scraper's new pages would be.
fn newer(r: &Reader, count: u32) -> Vec<Headline> {
    let top = r.list().all()[0].clone();
    (0..count)
        .map(|i| {
            let mut h = top.clone();
            h.id = ArticleId(1_000_000 + u128::from(i));
            h.path = PathBuf::from(format!("/news/landed-{i}.txt"));
            h.title = format!("Landed {i}");
            h.published = top
                .published
                .map(|d| d + chrono::Duration::hours(1 + i64::from(i)));
            h
        })
        .collect()
}

#[test]
fn stories_that_land_keep_the_selection_on_its_row_and_count_as_new() {
    let mut r = Reader::new(
        broadsheet::synth::articles(200, 3, 2),
        Vec::new(),
        Rect::new(0, 0, 140, 40),
    );
    for _ in 0..12 {
        r.apply(Action::MoveDown);
    }
    let chosen = r.current().unwrap().id;
    let row = r.list().selected() - r.list().offset();
    let batch = newer(&r, 5);
    r.apply(arrived(batch));
    assert_eq!(
        r.current().unwrap().id,
        chosen,
        "the same story stays selected"
    );
    assert_eq!(
        r.list().selected() - r.list().offset(),
        row,
        "on the same row"
    );
    assert_eq!(r.list().len(), 205);
    assert_eq!(r.fresh(), 5);
    assert!(
        r.indexing().is_none(),
        "no progress shows for a watcher's scan"
    );
    assert_eq!(r.message(), None);
}

#[test]
fn before_any_key_the_top_story_stays_selected_as_stories_land_above_it() {
    let mut r = Reader::new(
        broadsheet::synth::articles(50, 4, 2),
        Vec::new(),
        Rect::new(0, 0, 140, 40),
    );
    let top = r.current().unwrap().id;
    let batch = newer(&r, 3);
    r.apply(arrived(batch));
    assert_eq!(r.current().unwrap().id, top);
    assert_eq!(r.list().selected(), 3);
    assert_eq!(r.fresh(), 3);
}

#[test]
fn the_periodic_rescan_finds_files_where_events_are_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(dir.path()).unwrap();
    broadsheet::synth::write_store(&root, 2, 5).unwrap();
    let data = tempfile::tempdir().unwrap();
    let (tx, steps) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let scanner = Scanner::new(data.path().to_path_buf(), vec![root.clone()], move |u| {
        let _ = tx.lock().unwrap().send(u);
    });
    let (changed, rescan) = (scanner.clone(), scanner);
    let _watch = LibraryWatch::spawn(
        vec![root.clone()],
        Watch::Poll,
        QUIET,
        Deliver {
            changed: Box::new(move |paths| changed.start_paths(paths)),
            rescan: Box::new(move || rescan.start_live()),
            ready: Box::new(|| {}),
            fallback: Box::new(|path, why| {
                panic!("polling is not a fallback: {} {why}", path.display())
            }),
        },
    )
    .unwrap();
    let new = root.join("polled.txt");
    fs::write(&new, page("Found by the rescan")).unwrap();
    let start = Instant::now();
    let mut found = false;
    while !found && start.elapsed() < DEADLINE {
        if let Ok(step) = steps.recv_timeout(DEADLINE) {
            assert!(step.live);
            found = step.added.iter().any(|h| h.path == new);
        }
    }
    assert!(found, "the rescan lists the new file");
}

#[test]
fn a_copy_of_a_listed_story_that_lands_is_still_one_row() {
    let mut r = Reader::new(
        broadsheet::synth::articles(30, 6, 2),
        Vec::new(),
        Rect::new(0, 0, 140, 40),
    );
    let mut copy = r.list().all()[7].clone();
    copy.path = PathBuf::from("/news/copy-of-seven.txt");
    let mut twice = newer(&r, 1);
    twice.push(twice[0].clone());
    twice[1].path = PathBuf::from("/news/landed-again.txt");
    r.apply(arrived(vec![copy]));
    assert_eq!(r.list().len(), 30, "a copy is not a second row");
    r.apply(arrived(twice));
    assert_eq!(
        r.list().len(),
        31,
        "one story arriving in two files is one row"
    );
    // A file read again replaces its own stories.
    let mut again = r.list().all()[3].clone();
    again.title = "Retitled".to_owned();
    let path = again.path.clone();
    r.apply(Action::Indexed(ScanUpdate {
        removed: vec![path],
        added: vec![again],
        done: 1,
        total: 1,
        finished: true,
        live: true,
        ..ScanUpdate::default()
    }));
    assert_eq!(r.list().len(), 31);
    assert!(r.list().all().iter().any(|h| h.title == "Retitled"));
}
