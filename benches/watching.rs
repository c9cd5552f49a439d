//! A live library (#15): 1,000 files dropped into a watched folder of 100,000 stories, from the first file
//! written to the last one's headline reported by the scan (target: within 2 s). The store is generated
//! and indexed once, in the benchmark's own temporary folder.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use broadsheet::config::Watch;
use broadsheet::scanner::Scanner;
use broadsheet::store::db::Db;
use broadsheet::store::scan::{ScanUpdate, scan};
use broadsheet::worker::watch::{Deliver, LibraryWatch};
use divan::Bencher;

fn main() {
    divan::main();
}

/// Stories already in the watched folder.
const STORIES: usize = 100_000;

/// Files dropped at once.
const DROPPED: usize = 1_000;

/// Waits until every path in `want` has been reported as added (or, with `gone`, removed).
fn wait_for(steps: &Receiver<ScanUpdate>, want: &[PathBuf], gone: bool) {
    let mut left: HashSet<&PathBuf> = want.iter().collect();
    while !left.is_empty() {
        let step = steps
            .recv_timeout(Duration::from_mins(2))
            .expect("the scan reports");
        if gone {
            for p in &step.removed {
                left.remove(p);
            }
        } else {
            for h in &step.added {
                left.remove(&h.path);
            }
        }
    }
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn drop_1000_files_into_100_000(bencher: Bencher) {
    let pages_dir = tempfile::tempdir().expect("a folder");
    let root = std::fs::canonicalize(pages_dir.path()).expect("a path");
    broadsheet::synth::write_store(&root, STORIES, 1).expect("pages written");
    let data = tempfile::tempdir().expect("a folder");
    {
        let mut db = Db::open(data.path()).expect("a database").db;
        scan(&mut db, std::slice::from_ref(&root), |_| {}).expect("indexed");
    }
    let (tx, steps) = mpsc::channel();
    let tx = std::sync::Mutex::new(tx);
    let scanner = Scanner::new(data.path().to_path_buf(), vec![root.clone()], move |u| {
        let _ = tx.lock().expect("a sender").send(u);
    });
    let (changed, rescan) = (scanner.clone(), scanner);
    let _watch = LibraryWatch::spawn(
        vec![root.clone()],
        Watch::Auto,
        Duration::from_hours(1),
        Deliver {
            changed: Box::new(move |paths| changed.start_paths(paths)),
            rescan: Box::new(move || rescan.start_live()),
            ready: Box::new(|| {}),
            fallback: Box::new(|_, why| panic!("not watching: {why}")),
        },
    )
    .expect("watching");
    std::thread::sleep(Duration::from_secs(1));
    let pages = broadsheet::synth::pages(DROPPED, 77);
    let mut round = 0;
    let mut previous: Vec<PathBuf> = Vec::new();
    bencher
        .with_inputs(|| {
            // The last sample's files leave first (not timed).
            for p in &previous {
                std::fs::remove_file(p).expect("removed");
            }
            wait_for(&steps, &previous, true);
            round += 1;
            let batch: Vec<(PathBuf, String)> = pages
                .iter()
                .map(|(name, text)| {
                    // Each round's copies differ, so each is a new story.
                    (
                        root.join(format!("drop{round}-{name}")),
                        format!("{text}\nRound {round}.\n"),
                    )
                })
                .collect();
            previous = batch.iter().map(|(p, _)| p.clone()).collect();
            batch
        })
        .bench_local_values(|batch| {
            for (path, text) in &batch {
                std::fs::write(path, text).expect("written");
            }
            let paths: Vec<PathBuf> = batch.into_iter().map(|(p, _)| p).collect();
            wait_for(&steps, &paths, false);
        });
}
