//! Only regular files are read: FIFOs, sockets and devices (also behind links) and a folder named like a
//! file are skipped with a warning naming the path and the reason, and none of them blocks the walk.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use broadsheet::store::{self, Warning};

/// Runs `f` on a thread of its own; a `None` after a minute means it hung (a FIFO opened for reading
/// waits for a writer forever).
fn without_hanging<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_mins(1)).ok()
}

fn mkfifo(path: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

fn reason_for<'a>(warnings: &'a [Warning], path: &Path) -> &'a str {
    warnings
        .iter()
        .find(|w| w.path == path)
        .map_or("", |w| w.reason.as_str())
}

#[test]
fn fifos_sockets_and_devices_are_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(dir.path()).unwrap();
    let (_, page) = broadsheet::synth::pages(1, 31).remove(0);
    std::fs::write(root.join("story.txt"), page).unwrap();
    let fifo = root.join("pipe.txt");
    if !mkfifo(&fifo) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let socket = root.join("socket.txt");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let device = root.join("null.txt");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    let fifo_link = root.join("to-pipe.txt");
    std::os::unix::fs::symlink(&fifo, &fifo_link).unwrap();
    let roots = vec![root.clone()];
    let loaded = without_hanging(move || store::load(&roots)).expect("the walk does not block");
    assert_eq!(loaded.articles.len(), 1);
    assert_eq!(
        reason_for(&loaded.warnings, &fifo),
        "a FIFO, not a regular file"
    );
    assert_eq!(
        reason_for(&loaded.warnings, &fifo_link),
        "a FIFO, not a regular file"
    );
    assert_eq!(
        reason_for(&loaded.warnings, &socket),
        "a socket, not a regular file"
    );
    assert_eq!(
        reason_for(&loaded.warnings, &device),
        "a device, not a regular file"
    );
    assert_eq!(loaded.warnings.len(), 4, "{:?}", loaded.warnings);
    // Named on the command line, the same.
    let named = vec![fifo.clone(), device.clone()];
    let loaded = without_hanging(move || store::load(&named)).expect("no block");
    assert_eq!(loaded.warnings.len(), 2, "{:?}", loaded.warnings);
    // The index's walk skips them too.
    let mut db = broadsheet::store::db::Db::in_memory().unwrap();
    let mut warnings = Vec::new();
    let parsed =
        broadsheet::store::scan::scan(&mut db, &[root], |u| warnings.extend(u.warnings)).unwrap();
    assert_eq!(parsed, 1);
    assert_eq!(warnings.len(), 4, "{warnings:?}");
}

#[test]
fn a_fifo_is_never_opened_for_reading() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    if !mkfifo(&fifo) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let path = fifo.clone();
    let result = without_hanging(move || broadsheet::loader::load_path(&path).map(|_| ()))
        .expect("load_path returns");
    let reason = result.unwrap_err().to_string();
    assert_eq!(reason, "a FIFO, not a regular file");
}

#[test]
fn a_folder_named_like_a_file_is_said_to_hold_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let folder: PathBuf = dir.path().join("story.txt");
    std::fs::create_dir(&folder).unwrap();
    let loaded = store::load(std::slice::from_ref(&folder));
    assert!(loaded.articles.is_empty());
    assert_eq!(
        reason_for(&loaded.warnings, &folder),
        "a folder with no file to read in it"
    );
    // A folder named twice, or holding files, says nothing.
    std::fs::write(
        folder.join("a.txt"),
        broadsheet::synth::pages(1, 32).remove(0).1,
    )
    .unwrap();
    let loaded = store::load(&[folder.clone(), folder]);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn a_saved_pages_companion_folder_is_not_read_as_stories() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    std::fs::write(
        root.join("story.html"),
        "<html><body><p>A page.</p></body></html>",
    )
    .unwrap();
    std::fs::create_dir(root.join("story_files")).unwrap();
    std::fs::write(root.join("story_files/photo.png"), b"\x89PNG\r\n\x1a\n\0\0").unwrap();
    // A folder that only looks like one is walked as any other.
    std::fs::create_dir(root.join("x_files")).unwrap();
    std::fs::write(
        root.join("x_files/note.txt"),
        "World\nA note\n\nText of the note.\n",
    )
    .unwrap();
    let (files, warnings) = broadsheet::store::walk::files(std::slice::from_ref(&root));
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        files,
        vec![root.join("story.html"), root.join("x_files/note.txt")]
    );
    assert!(!broadsheet::store::walk::within(
        std::slice::from_ref(&root),
        &root.join("story_files/photo.png")
    ));
    assert!(broadsheet::store::walk::within(
        std::slice::from_ref(&root),
        &root.join("x_files/note.txt")
    ));
}
