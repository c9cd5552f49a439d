//! Views (#13): the views pane with live counts, choosing a view, saved searches, marking a view read,
//! sort orders kept per view, the place kept across runs, and the CLI's `views` and `list --view/--sort`.

mod common;

use std::path::{Path, PathBuf};

use broadsheet::app::overlay::Row;
use broadsheet::app::{Action, Mode};
use broadsheet::model::Headline;
use broadsheet::store::db::Db;
use broadsheet::store::scan::ScanUpdate;
use broadsheet::views::{Order, ViewKey};
use common::{Reader, type_text};
use ratatui::layout::Rect;

/// A mixed library: feeds, saved pages and notes, each kind in a folder of its own.
fn mixed(dir: &Path) -> PathBuf {
    let root = dir.join("news");
    let formats = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    for (folder, files) in [
        ("feeds", &["wire.rss", "wire.atom", "digest.json"][..]),
        ("pages", &["harbour-page.html", "market-page.html"][..]),
        ("notes", &["fair.md", "tides.md"][..]),
    ] {
        std::fs::create_dir_all(root.join(folder)).unwrap();
        for f in files {
            std::fs::copy(formats.join(f), root.join(folder).join(f)).unwrap();
        }
    }
    root
}

/// A reader over the mixed library at `width`×`height`, marks in `db`.
fn mixed_reader(root: &Path, db: Db, width: u16, height: u16) -> Reader {
    let mut store = broadsheet::store::load(&[root.to_path_buf()]);
    store.dedupe();
    let mut r = Reader::with_db(
        store.articles,
        store.warnings,
        db,
        Rect::new(0, 0, width, height),
    );
    r.state
        .set_roots(vec![root.to_path_buf()], "mixed".to_owned(), false);
    r.settle();
    r
}

/// The mixed library in a folder of its own (kept while the first value lives), and a reader over it at
/// `width`×`height` with marks in memory.
fn library(width: u16, height: u16) -> (tempfile::TempDir, PathBuf, Reader) {
    let data = tempfile::tempdir().unwrap();
    let root = mixed(data.path());
    let r = mixed_reader(&root, Db::in_memory().unwrap(), width, height);
    (data, root, r)
}

/// A scan step that indexed one new file holding `headline`, and finished.
fn landed(r: &mut Reader, headline: Headline) {
    r.apply(Action::Indexed(ScanUpdate {
        added: vec![headline],
        done: 1,
        total: 1,
        finished: true,
        ..ScanUpdate::default()
    }));
}

/// The views pane's rows, as the renderer gets them.
fn pane_rows(r: &Reader) -> Vec<Row> {
    let Mode::Overlay(overlay) = r.mode() else {
        panic!("the views pane is open");
    };
    overlay.pane().rows(r)
}

/// The count shown beside the view called `name` in the open views pane.
fn count_of(r: &Reader, name: &str) -> String {
    pane_rows(r)
        .into_iter()
        .find_map(|row| match row {
            Row::Choice { text, right, .. } if text == name => Some(right),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no view {name}"))
}

/// Searches for `query` and saves the search as the view `name`, as a user would (`/`, Enter, `V`).
fn save_search(r: &mut Reader, query: &str, name: &str) {
    r.apply(Action::Search);
    type_text(r, query);
    r.apply(Action::Submit);
    r.apply(Action::SaveView);
    type_text(r, name);
    r.apply(Action::Submit);
}

/// Opens the views pane, types `filter`, and shows the first view it leaves.
fn choose(r: &mut Reader, filter: &str) {
    r.apply(Action::Views);
    type_text(r, filter);
    r.apply(Action::Submit);
    assert_eq!(r.mode(), &Mode::Normal, "choosing closes the pane");
}

fn list_title(r: &Reader) -> String {
    let terminal = common::draw(r);
    let buffer = terminal.backend().buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, 0)].symbol().to_owned())
        .collect()
}

#[test]
fn the_views_pane_lists_every_view_with_counts_and_chooses_one() {
    let (_data, root, mut r) = library(140, 40);
    assert_eq!(r.list().len(), 8);
    r.apply(Action::Views);
    let rows = pane_rows(&r);
    let folds: Vec<&str> = rows
        .iter()
        .filter_map(|row| match row {
            Row::Fold { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        folds,
        [
            "\u{25be} Library (3)",
            "\u{25be} Saved searches (0)",
            "\u{25be} Sources (5)",
            "\u{25be} Sections (4)"
        ]
    );
    // Sources: each feed's title, and the folder of pages and notes.
    assert_eq!(count_of(&r, "All"), "8/8");
    assert_eq!(count_of(&r, "Harbour Wire (Atom)"), "2/2");
    assert_eq!(count_of(&r, "notes"), "2/2");
    assert_eq!(count_of(&r, "Life"), "3/3");
    // Typing filters: only the matching views stay, the first is selected, Enter shows it.
    type_text(&mut r, "not");
    let choices: Vec<String> = pane_rows(&r)
        .into_iter()
        .filter_map(|row| match row {
            Row::Choice { text, .. } => Some(text),
            _ => None,
        })
        .collect();
    assert_eq!(choices, ["notes"]);
    r.apply(Action::Submit);
    assert_eq!(r.views().current(), &ViewKey::Source("notes".into()));
    assert_eq!(r.list().len(), 2);
    assert!(
        r.list()
            .iter()
            .all(|h| h.path.starts_with(root.join("notes"))),
        "only the notes are listed"
    );
    assert!(
        list_title(&r).contains("source: notes 1/2"),
        "{}",
        list_title(&r)
    );
    // Esc clears the filter, then closes.
    r.apply(Action::Views);
    type_text(&mut r, "zz");
    r.apply(Action::Cancel);
    assert!(
        matches!(r.mode(), Mode::Overlay(_)),
        "Esc cleared the filter"
    );
    r.apply(Action::Cancel);
    assert_eq!(r.mode(), &Mode::Normal);
}

#[test]
fn counts_stay_live_while_the_pane_is_open() {
    let (_data, root, mut r) = library(140, 40);
    // Read one note, then open the views: its folder counts one unread fewer.
    choose(&mut r, "notes");
    r.apply(Action::ToggleRead);
    r.apply(Action::Views);
    assert_eq!(count_of(&r, "notes"), "1/2");
    assert_eq!(count_of(&r, "Unread"), "7/7");
    // A file indexed while the pane is open shows in the counts at once.
    let mut added: Headline = r
        .list()
        .all()
        .iter()
        .find(|h| h.path.starts_with(root.join("notes")))
        .unwrap()
        .clone();
    added.id = broadsheet::model::ArticleId(42);
    added.path = root.join("notes/new.md");
    added.title = "A note that just landed".into();
    landed(&mut r, added);
    assert!(matches!(r.mode(), Mode::Overlay(_)), "still open");
    assert_eq!(count_of(&r, "notes"), "2/3");
    assert_eq!(count_of(&r, "All"), "8/9");
}

#[test]
fn mark_view_read_marks_only_that_view_and_undo_restores_it() {
    let (_data, _root, mut r) = library(140, 40);
    choose(&mut r, "life");
    assert_eq!(r.views().current(), &ViewKey::Section("Life".into()));
    r.apply(Action::MarkAllRead);
    let Mode::Confirm(question) = r.mode().clone() else {
        panic!("a question")
    };
    assert_eq!(
        question,
        broadsheet::app::mode::Question::MarkAllRead {
            count: 3,
            view: "\u{201c}section: Life\u{201d}".into()
        }
    );
    let asked = common::draw(&r);
    let status: String = {
        let b = asked.backend().buffer();
        (0..b.area.width)
            .map(|x| b[(x, b.area.height - 1)].symbol().to_owned())
            .collect()
    };
    assert!(
        status.contains("Mark 3 stories in \u{201c}section: Life\u{201d} read? (y/n)"),
        "{status}"
    );
    r.apply(Action::Answer(true));
    let unread = |r: &Reader| r.list().all().iter().filter(|h| !r.is_read(h.id)).count();
    assert_eq!(unread(&r), 5, "only the view's three were marked");
    r.apply(Action::Undo);
    assert_eq!(unread(&r), 8, "undo brought them back");
    // With a search in force, the question says it is the results within the view.
    r.apply(Action::Search);
    type_text(&mut r, "fair");
    r.apply(Action::Submit);
    r.apply(Action::MarkAllRead);
    let Mode::Confirm(broadsheet::app::mode::Question::MarkAllRead { count, view }) = r.mode()
    else {
        panic!("a question")
    };
    assert_eq!(*count, 1);
    assert_eq!(
        view,
        "the results of /fair in \u{201c}section: Life\u{201d}"
    );
}

#[test]
fn the_sort_cycles_and_each_view_keeps_its_own() {
    let (_data, _root, mut r) = library(140, 40);
    let dates = |r: &Reader| -> Vec<Option<i64>> {
        r.list()
            .iter()
            .map(|h| h.published.map(|d| d.timestamp()))
            .collect()
    };
    assert_eq!(r.list().sort(), Order::Newest);
    r.apply(Action::CycleSort);
    assert_eq!(r.list().sort(), Order::Oldest);
    let oldest = dates(&r);
    let known: Vec<i64> = oldest.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[0] <= w[1]), "{oldest:?}");
    assert!(list_title(&r).contains("oldest first"));
    r.apply(Action::CycleSort);
    assert_eq!(r.list().sort(), Order::Source);
    r.apply(Action::CycleSort);
    assert_eq!(r.list().sort(), Order::UnreadFirst);
    r.apply(Action::CycleSort);
    assert_eq!(r.list().sort(), Order::Newest, "and round again");
    r.apply(Action::CycleSort);
    // Another view has its own order; coming back, this one's is kept.
    choose(&mut r, "harbour wire (atom)");
    assert_eq!(r.list().sort(), Order::Newest);
    choose(&mut r, "all");
    assert_eq!(r.list().sort(), Order::Oldest);
}

#[test]
fn a_search_saved_as_a_view_is_listed_counted_and_kept() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut r = common::reader_in(data.path());
        save_search(&mut r, "harbour", "Harbour news");
        assert!(
            r.message().unwrap().contains("Harbour news"),
            "{:?}",
            r.message()
        );
        r.apply(Action::Views);
        assert_eq!(count_of(&r, "Harbour news"), "3/3");
        // Chosen, it lists its stories in the view's order (not as search results).
        type_text(&mut r, "harbour n");
        r.apply(Action::Submit);
        assert_eq!(r.views().current(), &ViewKey::Search("Harbour news".into()));
        assert_eq!(r.list().len(), 3);
        assert!(r.search().active().is_none());
    }
    let db = Db::open(data.path()).unwrap().db;
    let saved = db.saved_views().unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(
        (saved[0].name.as_str(), saved[0].query.as_str()),
        ("Harbour news", "harbour")
    );
}

#[test]
fn saving_without_a_search_or_a_name_says_why() {
    let mut r = common::reader(140, 40);
    r.apply(Action::SaveView);
    assert_eq!(r.message(), Some("No search to save: / searches first"));
    r.apply(Action::Search);
    type_text(&mut r, "storm");
    r.apply(Action::Submit);
    r.apply(Action::SaveView);
    type_text(&mut r, "  ");
    r.apply(Action::Submit);
    assert_eq!(r.message(), Some("Not saved: a view needs a name"));
}

#[test]
fn the_reader_reopens_where_it_was() {
    let data = tempfile::tempdir().unwrap();
    let root = mixed(data.path());
    let place = |dir: &Path| Db::open(dir).unwrap().db.place("mixed").unwrap();
    let story;
    {
        let db = Db::open(data.path()).unwrap().db;
        let mut r = mixed_reader(&root, db, 140, 40);
        choose(&mut r, "life");
        r.apply(Action::CycleSort);
        r.apply(Action::MoveDown);
        r.apply(Action::ToggleStarredOnly);
        r.apply(Action::ToggleStarredOnly);
        r.apply(Action::ToggleUnreadOnly);
        story = r.current().unwrap().id;
        r.apply(Action::Quit);
        assert!(r.quit);
    }
    let kept = place(data.path()).expect("a place was kept");
    let db = Db::open(data.path()).unwrap().db;
    let mut r = mixed_reader(&root, db, 140, 40);
    r.state.restore_place(&kept);
    r.settle();
    assert_eq!(r.views().current(), &ViewKey::Section("Life".into()));
    assert_eq!(r.list().sort(), Order::Oldest);
    assert!(r.list().filter().unread_only);
    assert_eq!(r.current().unwrap().id, story);
    // A place kept for other folders is not this one's.
    assert!(
        Db::open(data.path())
            .unwrap()
            .db
            .place("elsewhere")
            .unwrap()
            .is_none()
    );
}

#[test]
fn undated_stories_sort_by_their_file_time_and_show_it_dimmed() {
    let (_data, _root, mut r) = library(140, 40);
    // The saved page without a date, given a file time newer than every dated story.
    let undated = r
        .list()
        .all()
        .iter()
        .find(|h| h.published.is_none())
        .unwrap()
        .clone();
    let mut touched = undated.clone();
    touched.modified = Some(broadsheet::testing::NOW - 60);
    r.apply(Action::Indexed(ScanUpdate {
        removed: vec![undated.path.clone()],
        added: vec![touched],
        done: 1,
        total: 1,
        finished: true,
        ..ScanUpdate::default()
    }));
    r.apply(Action::Top);
    assert_eq!(r.list().get(0).unwrap().id, undated.id, "newest first");
    // Off the selection, whose style would cover the row's.
    r.apply(Action::MoveDown);
    // Today's file time shows as the time of day, in the dim style.
    let terminal = common::draw(&r);
    let b = terminal.backend().buffer();
    let row: String = (0..48).map(|x| b[(x, 1)].symbol().to_owned()).collect();
    let time = chrono::DateTime::from_timestamp(broadsheet::testing::NOW - 60, 0)
        .unwrap()
        .with_timezone(&chrono::Local)
        .format("%H:%M")
        .to_string();
    assert!(row.contains(&time), "{row}");
    let at = row.find(&time).unwrap();
    let x = u16::try_from(row[..at].chars().count()).unwrap();
    assert_eq!(b[(x, 1)].fg, ratatui::style::Color::DarkGray, "dimmed");
}

#[test]
fn the_list_shows_the_year_or_the_time_of_day() {
    use broadsheet::ui::headlines::{ListTime, list_date};
    let now = broadsheet::testing::NOW;
    let day = 86_400;
    let in_zone = |t: i64, hours: i32| {
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap()
            .with_timezone(&chrono::FixedOffset::east_opt(hours * 3600).unwrap())
    };
    // A story's date is read in its own zone, whatever the machine's is.
    let today = in_zone(now - 60, 0);
    assert_eq!(
        list_date(ListTime::Published(today), now, true),
        today.format("%H:%M").to_string()
    );
    let earlier = in_zone(now - 20 * day, -5);
    assert_eq!(
        list_date(ListTime::Published(earlier), now, true),
        earlier.format("%d %b").to_string()
    );
    let old = in_zone(now - 400 * day, 9);
    assert_eq!(
        list_date(ListTime::Published(old), now, true),
        old.format("%d %b %Y").to_string()
    );
    assert_eq!(
        list_date(ListTime::Published(old), now, false),
        old.format("%b %Y").to_string()
    );
    // A date without a time of day (midnight exactly) never shows one, even today.
    let midnight = chrono::DateTime::parse_from_rfc3339("2026-11-29T00:00:00+00:00").unwrap();
    assert_eq!(
        list_date(
            ListTime::Published(midnight),
            midnight.timestamp() + 3_600,
            true
        ),
        "29 Nov"
    );
    // A file's time is local.
    let local = chrono::DateTime::from_timestamp(now - 60, 0)
        .unwrap()
        .with_timezone(&chrono::Local)
        .format("%H:%M")
        .to_string();
    assert_eq!(list_date(ListTime::File(now - 60), now, true), local);
}

#[test]
fn screen_views_pane_140x40() {
    let (_data, _root, mut r) = library(140, 40);
    r.apply(Action::ToggleRead);
    r.apply(Action::Views);
    insta::assert_snapshot!(common::draw(&r).backend());
}

#[test]
fn screen_views_pane_80x24_filtered_and_folded() {
    let data = tempfile::tempdir().unwrap();
    let root = mixed(data.path());
    let mut r = mixed_reader(&root, Db::in_memory().unwrap(), 80, 24);
    r.apply(Action::Views);
    // Down to the sources, then fold them.
    for _ in 0..5 {
        r.apply(Action::HistoryNext);
    }
    r.apply(Action::CursorLeft);
    insta::assert_snapshot!("views_80x24_folded", common::draw(&r).backend());
    type_text(&mut r, "wire");
    insta::assert_snapshot!("views_80x24_filtered", common::draw(&r).backend());
}

#[test]
fn the_sample_store_says_it_is_samples_and_an_empty_library_says_what_is_read() {
    let mut r = common::reader(140, 40);
    r.state
        .set_roots(vec![PathBuf::from("sample")], "(sample)".into(), true);
    let status = |r: &Reader| {
        let t = common::draw(r);
        let b = t.backend().buffer();
        (0..b.area.width)
            .map(|x| b[(x, b.area.height - 1)].symbol().to_owned())
            .collect::<String>()
    };
    assert!(status(&r).contains("sample stories"), "{}", status(&r));
    r.apply(Action::MoveDown);
    assert!(
        status(&r).contains("samples: broadsheet PATH"),
        "{}",
        status(&r)
    );
    // At 40 columns the help key still shows.
    r.apply(Action::Resize(40, 12));
    assert!(status(&r).contains("? help"), "{}", status(&r));
    let empty = Reader::new(Vec::new(), Vec::new(), Rect::new(0, 0, 80, 24));
    let t = common::draw(&empty);
    let text: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    for kind in [
        "scraped pages (.txt)",
        "Markdown notes (.md)",
        "RSS, Atom, JSON Feed",
        "broadsheet PATH",
    ] {
        assert!(text.contains(kind), "{kind} missing");
    }
}

#[test]
fn the_command_line_lists_views_and_one_view_sorted() {
    let data = tempfile::tempdir().unwrap();
    let root = mixed(data.path());
    let root_arg = root.to_str().unwrap();
    let dir = data.path().join("data");
    let out = common::broadsheet(&dir, &["views", "--json", root_arg]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let views: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let find = |id: &str| {
        views
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["id"] == id)
            .unwrap_or_else(|| panic!("{id} missing"))
            .clone()
    };
    assert_eq!(find("all")["total"], 8);
    assert_eq!(find("source:pages")["total"], 2);
    assert_eq!(find("section:Life")["unread"], 3);
    assert_eq!(find("source:Night Digest")["group"], "source");
    // One view, oldest first; a name is looked up without case.
    let out = common::broadsheet(
        &dir,
        &["list", "--view", "life", "--sort", "oldest", root_arg],
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].contains("autumn fair"), "{text}");
    // A name that two views share is an error that gives their ids; so is an unknown name.
    let out = common::broadsheet(&dir, &["list", "--view", "nothing", root_arg]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no view is called"));
}

#[test]
fn configured_views_are_listed_and_a_bad_one_names_its_line() {
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("config.toml");
    std::fs::write(
        &config,
        "[[views]]\nname = \"Storms\"\nquery = \"storm OR flood\"\n",
    )
    .unwrap();
    let dir = data.path().join("data");
    let out = common::broadsheet_with(
        &dir,
        &["views"],
        &[("BROADSHEET_CONFIG", config.to_str().unwrap())],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("search:Storms"), "{text}");
    let out = common::broadsheet_with(
        &dir,
        &["list", "--view", "storms"],
        &[("BROADSHEET_CONFIG", config.to_str().unwrap())],
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Storm Isolde"));
    std::fs::write(
        &config,
        "[[views]]\nname = \"Storms\"\nquery = \"storm (\"\n",
    )
    .unwrap();
    let out = common::broadsheet_with(
        &dir,
        &["views"],
        &[("BROADSHEET_CONFIG", config.to_str().unwrap())],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3") && err.contains("`query`"), "{err}");
}

#[test]
fn rescan_says_when_it_ends_and_the_sample_store_has_nothing_to_scan() {
    let mut r = common::reader(140, 40);
    r.state
        .set_roots(vec![PathBuf::from("sample")], "(sample)".into(), true);
    r.apply(Action::Rescan);
    assert_eq!(
        r.message(),
        Some("These are the sample stories: there is no folder to scan")
    );
    let (_data, root, mut r) = library(140, 40);
    r.apply(Action::MoveDown);
    let selected = r.current().unwrap().id;
    r.apply(Action::Rescan);
    assert!(r.indexing().is_some(), "indexing shows");
    let mut added: Headline = r.list().all()[0].clone();
    added.id = broadsheet::model::ArticleId(99);
    added.path = root.join("notes/landed.md");
    landed(&mut r, added);
    assert_eq!(r.message(), Some("Scanned again: 1 file read"));
    assert!(r.indexing().is_none());
    assert_eq!(r.current().unwrap().id, selected, "the selection stays");
    assert_eq!(r.list().len(), 9);
    // The new story is counted in the status bar until it is looked at.
    assert_eq!(r.fresh(), 1);
    let status = |r: &Reader| {
        let t = common::draw(r);
        let b = t.backend().buffer();
        (0..b.area.width)
            .map(|x| b[(x, b.area.height - 1)].symbol().to_owned())
            .collect::<String>()
    };
    assert!(
        status(&r).contains("9 unread \u{b7} 1 new"),
        "{}",
        status(&r)
    );
    let at = r
        .list()
        .position_of(broadsheet::model::ArticleId(99))
        .unwrap();
    common::goto(&mut r, at);
    assert_eq!(r.fresh(), 0);
    assert!(!status(&r).contains(" new"), "{}", status(&r));
}

#[test]
fn marks_made_elsewhere_show_in_the_open_reader() {
    use broadsheet::store::marks::Mark;
    let (_data, _root, mut r) = library(140, 40);
    let ids: Vec<_> = r.list().iter().take(3).map(|h| h.id).collect();
    r.apply(Action::ToggleUnreadOnly);
    assert_eq!(r.list().unread(), 8);
    let read = Mark {
        read_at: Some(broadsheet::testing::NOW),
        starred: true,
        position: 0,
    };
    r.apply(Action::MarksChanged(
        ids.iter().map(|&id| (id, read)).collect(),
    ));
    assert!(ids.iter().all(|&id| r.is_read(id) && r.is_starred(id)));
    assert_eq!(r.message(), Some("3 stories marked elsewhere"));
    // The unread filter drops them (but the one on screen, which stays until left).
    assert!(r.list().len() <= 6, "{}", r.list().len());
    // The same marks again (the reader's own writes, seen by the watcher) change nothing.
    r.apply(Action::MarksChanged(vec![(ids[0], read)]));
    assert_eq!(r.message(), Some("3 stories marked elsewhere"));
}

#[test]
fn the_watcher_sees_marks_written_by_another_connection() {
    use broadsheet::worker::marks::MarksWatcher;
    let data = tempfile::tempdir().unwrap();
    let mut db = Db::open(data.path()).unwrap().db;
    let (tx, rx) = std::sync::mpsc::channel();
    let _watcher = MarksWatcher::spawn(
        data.path().join(broadsheet::store::db::FILE_NAME),
        move |changed| {
            let _ = tx.send(changed);
        },
    )
    .unwrap();
    // Let it take its first look, then mark a story from this connection (as the CLI would).
    std::thread::sleep(broadsheet::worker::marks::POLL * 3);
    let id = broadsheet::model::ArticleId(5);
    db.set_read(&[(id, None, Some(1_000))]).unwrap();
    let changed = rx
        .recv_timeout(std::time::Duration::from_secs(5))
        .expect("the change is seen");
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].0, id);
    assert_eq!(changed[0].1.read_at, Some(1_000));
}

#[test]
fn the_pane_selection_stays_on_its_view_when_a_scan_adds_rows() {
    let (_data, root, mut r) = library(140, 40);
    r.apply(Action::Views);
    type_text(&mut r, "world");
    r.apply(Action::DeleteToStart);
    // Select "World" among the sections by moving to it.
    let selected_text = |r: &Reader| {
        let Mode::Overlay(o) = r.mode() else { panic!() };
        let rows = o.pane().rows(r);
        match &rows[o.pane().selected().unwrap()] {
            Row::Choice { text, .. } | Row::Fold { text, .. } => text.clone(),
            _ => String::new(),
        }
    };
    while selected_text(&r) != "World" {
        r.apply(Action::HistoryNext);
    }
    // A new folder sorts before every other source.
    let mut added: Headline = r.list().all()[0].clone();
    added.id = broadsheet::model::ArticleId(77);
    added.format = broadsheet::model::Format::Markdown;
    added.path = root.join("aardvark/a.md");
    landed(&mut r, added);
    assert_eq!(count_of(&r, "aardvark"), "1/1");
    assert_eq!(selected_text(&r), "World", "still on World");
}

#[test]
fn opening_a_story_keeps_the_place_even_without_quitting() {
    let data = tempfile::tempdir().unwrap();
    let root = mixed(data.path());
    let story;
    {
        let db = Db::open(data.path()).unwrap().db;
        let mut r = mixed_reader(&root, db, 140, 40);
        r.apply(Action::NextStory);
        r.apply(Action::NextStory);
        story = r.current().unwrap().id;
        // No quit: the reader is dropped as a crash would leave it.
    }
    let kept = Db::open(data.path())
        .unwrap()
        .db
        .place("mixed")
        .unwrap()
        .unwrap();
    let db = Db::open(data.path()).unwrap().db;
    let mut r = mixed_reader(&root, db, 140, 40);
    r.state.restore_place(&kept);
    r.settle();
    assert_eq!(r.current().unwrap().id, story);
}

#[test]
fn a_saved_search_that_could_not_run_while_the_index_is_built_is_still_to_come() {
    let mut r = common::reader(140, 40);
    save_search(&mut r, "harbour", "Harbour news");
    r.apply(Action::Close);
    // A scan under way; the worker could not count the search: the index was not made yet.
    r.apply(Action::Indexed(ScanUpdate {
        done: 10,
        total: 100,
        ..ScanUpdate::default()
    }));
    let not_yet = || {
        Action::SearchReply(broadsheet::action::SearchReply::Counted {
            name: "Harbour news".into(),
            matches: Err("the search index is still being built".into()),
        })
    };
    r.apply(not_yet());
    r.apply(Action::Views);
    assert_eq!(count_of(&r, "Harbour news"), "\u{2026}");
    r.apply(Action::Close);
    // Once no scan runs, a search that cannot run is an error.
    r.apply(Action::Indexed(ScanUpdate {
        done: 100,
        total: 100,
        finished: true,
        ..ScanUpdate::default()
    }));
    r.apply(not_yet());
    r.apply(Action::Views);
    assert_eq!(count_of(&r, "Harbour news"), "error");
}
