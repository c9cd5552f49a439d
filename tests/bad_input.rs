//! Bad input never hurts: each bad file is skipped or loaded with a warning naming it, and nothing else in
//! the folder is lost.

use std::fs;
use std::path::{Path, PathBuf};

use broadsheet::store::{self, Store, Warning};

const PAGE: &str = "Connect with us\n\nWorld\n\nHarbour cranes stand idle as dockers strike\n\n-\n\n\
The cranes of the east harbour stood idle on Tuesday as dockers began a two-day strike over pay.\n\n\
Union leaders said the walkout would continue unless talks resumed by Thursday morning.\n";

fn page(headline: &str) -> String {
    PAGE.replace("Harbour cranes stand idle as dockers strike", headline)
}

fn warning_for<'a>(store: &'a Store, name: &str) -> Option<&'a Warning> {
    store
        .warnings
        .iter()
        .find(|w| w.path.file_name().is_some_and(|n| n == name))
}

fn titles(store: &Store) -> Vec<&str> {
    let mut t: Vec<&str> = store
        .articles
        .iter()
        .map(|a| a.head.title.as_str())
        .collect();
    t.sort_unstable();
    t
}

#[test]
fn a_folder_of_bad_files_loses_nothing_good() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("good.txt"), page("Good story one")).unwrap();
    fs::create_dir(d.join("nested")).unwrap();
    fs::write(d.join("nested/good2.txt"), page("Good story two")).unwrap();
    fs::write(d.join("empty.txt"), "").unwrap();
    fs::write(d.join("blank.txt"), " \n\n\t\n").unwrap();
    fs::write(d.join("binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(
        d.join("latin1.txt"),
        page("Caf\u{e9} owners protest new rent rules")
            .chars()
            .map(|c| c as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    fs::write(
        d.join("crlf.txt"),
        page("Line endings from another world").replace('\n', "\r\n"),
    )
    .unwrap();
    fs::write(d.join(".hidden.txt"), page("Hidden story")).unwrap();
    std::os::unix::fs::symlink(d.join("missing-target.txt"), d.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink(d, d.join("nested/loop")).unwrap();

    let store = store::load(&[d.to_path_buf()]);

    assert_eq!(
        titles(&store),
        [
            "Caf\u{e9} owners protest new rent rules",
            "Good story one",
            "Good story two",
            "Line endings from another world"
        ]
    );
    assert_eq!(
        warning_for(&store, "empty.txt").unwrap().reason,
        "empty file"
    );
    assert_eq!(
        warning_for(&store, "blank.txt").unwrap().reason,
        "empty file"
    );
    assert!(
        warning_for(&store, "binary.txt")
            .unwrap()
            .reason
            .contains("binary")
    );
    assert!(
        warning_for(&store, "latin1.txt")
            .unwrap()
            .reason
            .contains("not valid UTF-8")
    );
    assert!(
        warning_for(&store, "dangling.txt")
            .unwrap()
            .reason
            .contains("no such file")
    );
    assert!(warning_for(&store, "loop").unwrap().reason.contains("loop"));
    assert!(warning_for(&store, "crlf.txt").is_none());
    assert!(
        warning_for(&store, ".hidden.txt").is_none(),
        "hidden files are skipped quietly"
    );
    // Every warning names its file in its text form.
    assert!(
        store
            .warnings
            .iter()
            .all(|w| w.to_string().starts_with(&w.path.display().to_string()))
    );
}

#[test]
fn crlf_reads_exactly_like_lf() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("lf.txt"), page("Same story")).unwrap();
    let lf = store::load(&[dir.path().join("lf.txt")]);
    fs::write(
        dir.path().join("crlf.txt"),
        page("Same story").replace('\n', "\r\n"),
    )
    .unwrap();
    let crlf = store::load(&[dir.path().join("crlf.txt")]);
    assert_eq!(lf.articles[0].head.id, crlf.articles[0].head.id);
    assert_eq!(lf.articles[0].body, crlf.articles[0].body);
    assert!(
        crlf.articles[0]
            .body
            .iter()
            .all(|b| !b.text().contains('\r'))
    );
}

#[test]
fn a_50_mb_single_line_file_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    fs::write(&huge, "word ".repeat(10 * 1024 * 1024)).unwrap();
    fs::write(dir.path().join("good.txt"), page("Still here")).unwrap();
    let store = store::load(&[dir.path().to_path_buf()]);
    assert_eq!(titles(&store), ["Still here"]);
    // Sizes for people, in one format: megabytes.
    assert_eq!(
        warning_for(&store, "huge.txt").unwrap().reason,
        "too large: 50 MB, over the 32 MB limit"
    );
}

#[test]
fn a_long_single_line_under_the_limit_loads_with_a_short_headline() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-line.txt");
    fs::write(&path, "word ".repeat(400_000)).unwrap();
    let store = store::load(&[path]);
    assert_eq!(store.articles.len(), 1);
    let a = &store.articles[0];
    assert!(a.head.title.chars().count() <= 81, "{}", a.head.title.len());
    assert!(a.head.title.ends_with('\u{2026}'));
}

#[test]
fn a_folder_that_vanishes_mid_walk_gives_warnings_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("going");
    fs::create_dir(&sub).unwrap();
    fs::write(sub.join("a.txt"), page("Gone a")).unwrap();
    fs::write(sub.join("b.txt"), page("Gone b")).unwrap();
    fs::write(dir.path().join("stays.txt"), page("Stays")).unwrap();
    let (files, warnings) = store::walk::files(&[dir.path().to_path_buf()]);
    assert!(warnings.is_empty());
    assert_eq!(files.len(), 3);
    fs::remove_dir_all(&sub).unwrap();
    let store = store::load_files(files);
    assert_eq!(titles(&store), ["Stays"]);
    assert_eq!(store.warnings.len(), 2);
    assert!(
        store
            .warnings
            .iter()
            .all(|w| w.reason.starts_with("cannot read"))
    );
}

#[test]
fn missing_roots_and_unreadable_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing: PathBuf = dir.path().join("no-such-folder");
    let locked = dir.path().join("locked.txt");
    fs::write(&locked, page("Locked away")).unwrap();
    set_mode(&locked, 0o000);
    let store = store::load(&[missing.clone(), locked.clone()]);
    assert_eq!(store.warnings[0].path, missing);
    assert_eq!(store.warnings[0].reason, "no such file or folder");
    // root reads any file whatever its mode; everyone else gets a warning for it.
    if fs::File::open(&locked).is_err() {
        assert!(
            warning_for(&store, "locked.txt")
                .unwrap()
                .reason
                .starts_with("cannot read")
        );
        assert!(store.articles.is_empty());
    } else {
        assert_eq!(store.articles.len(), 1);
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn malformed_pages_still_load() {
    // No markers at all: the first substantial line is the headline, the rest is body.
    let bare = "Notes\n\nA plain page with no layout markers at all\n\nIts only paragraph has a few words in it.\n";
    let loaded = broadsheet::loader::load_bytes(Path::new("bare.txt"), bare.as_bytes()).unwrap();
    let a = &loaded.articles[0];
    assert_eq!(a.head.title, "A plain page with no layout markers at all");
    assert_eq!(a.head.section.as_deref(), Some("Notes"));
    assert_eq!(
        a.first_paragraph(),
        "Its only paragraph has a few words in it."
    );
    // Odd fragments: a lone credit, a related marker with nothing after, an author block alone.
    for text in [
        ", AFP",
        "You may also like:",
        "World\n\nTitle\n\n-\n\nYou may also like:\n\nBusiness",
        "Written By",
    ] {
        let loaded = broadsheet::loader::load_bytes(Path::new("odd.txt"), text.as_bytes());
        assert!(loaded.is_ok_and(|l| l.articles.len() == 1), "{text:?}");
    }
    // Nothing but dashes is no story, and says so.
    for text in ["-", "-\n-\n-", "- -"] {
        let err =
            broadsheet::loader::load_bytes(Path::new("dashes.txt"), text.as_bytes()).unwrap_err();
        assert!(err.to_string().starts_with("no text"), "{text:?}");
    }
}
