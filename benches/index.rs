//! The index and read state: a first scan of new pages, the headline list read back at startup, and the
//! cost of one mark (target <= 1 ms).

use std::path::PathBuf;

use broadsheet::model::ArticleId;
use broadsheet::store::db::Db;
use broadsheet::store::scan::scan;
use divan::Bencher;

fn main() {
    divan::main();
}

/// A store of `pages` generated pages and a database indexing it, in temporary folders.
struct Indexed {
    _pages: tempfile::TempDir,
    data: tempfile::TempDir,
    root: PathBuf,
}

fn indexed(pages: usize) -> Indexed {
    let pages_dir = tempfile::tempdir().expect("a temporary folder");
    let root = std::fs::canonicalize(pages_dir.path()).expect("it exists");
    broadsheet::synth::write_store(&root, pages, 1).expect("the store is written");
    let data = tempfile::tempdir().expect("a temporary folder");
    let mut db = Db::open(data.path()).expect("the database opens").db;
    scan(&mut db, std::slice::from_ref(&root), |_| {}).expect("the first scan");
    Indexed {
        _pages: pages_dir,
        data,
        root,
    }
}

/// A first scan: every page is new, parsed and written.
#[divan::bench(args = [1_000, 10_000], sample_count = 5, sample_size = 1)]
fn first_scan(bencher: Bencher, pages: usize) {
    let pages_dir = tempfile::tempdir().expect("a temporary folder");
    let root = std::fs::canonicalize(pages_dir.path()).expect("it exists");
    broadsheet::synth::write_store(&root, pages, 1).expect("the store is written");
    bencher
        .with_inputs(|| {
            let data = tempfile::tempdir().expect("a temporary folder");
            let db = Db::open(data.path()).expect("the database opens").db;
            (data, db)
        })
        .bench_local_values(|(data, mut db)| {
            scan(&mut db, std::slice::from_ref(&root), |_| {}).expect("the scan");
            drop(data);
        });
}

/// What startup reads: every headline under the root, from an index that is up to date.
#[divan::bench(args = [10_000, 100_000], sample_count = 5, sample_size = 1)]
fn headlines_from_index(bencher: Bencher, pages: usize) {
    let store = indexed(pages);
    let db = Db::open(store.data.path()).expect("the database opens").db;
    bencher.bench_local(|| {
        db.headlines(std::slice::from_ref(&store.root))
            .expect("the headlines")
            .0
    });
}

/// A rescan that finds nothing changed (the walk and the comparison only), as on every start.
#[divan::bench(args = [10_000], sample_count = 5, sample_size = 1)]
fn rescan_unchanged(bencher: Bencher, pages: usize) {
    let store = indexed(pages);
    let mut db = Db::open(store.data.path()).expect("the database opens").db;
    bencher.bench_local(|| {
        scan(&mut db, std::slice::from_ref(&store.root), |_| {}).expect("the scan")
    });
}

/// One mark, committed to a database on disk.
#[divan::bench]
fn mark_read(bencher: Bencher) {
    let data = tempfile::tempdir().expect("a temporary folder");
    let mut db = Db::open(data.path()).expect("the database opens").db;
    let mut n: u128 = 0;
    bencher.bench_local(|| {
        n += 1;
        db.set_read(&[(ArticleId(n), None, Some(1))])
            .expect("the mark is saved");
    });
}
