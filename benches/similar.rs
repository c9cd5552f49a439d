//! "More like this" and copies at 100,000 stories: the stories most like one, from the full-text index
//! (target: 10 ms a story), and the groups of copies made from every story's signals, as the reader makes
//! them once a scan starts. The store is generated with Zipf word frequencies, every page a different
//! story. Setup (generating, writing and indexing the store) takes a minute or two.

use std::path::PathBuf;
use std::sync::OnceLock;

use broadsheet::cluster::{Groups, Signals};
use broadsheet::model::ArticleId;
use broadsheet::search::engine::{FOLDER, SearchIndex};
use broadsheet::store::db::Db;
use broadsheet::store::scan::scan;
use broadsheet::synth::{Vocabulary, pages_with, write_pages};
use divan::Bencher;

fn main() {
    divan::main();
}

/// Stories in the store.
const PAGES: usize = 100_000;

/// Words in the vocabulary: as `gen_corpus.py --zipf 30000` makes.
const VOCABULARY: usize = 30_000;

struct Store {
    pages: tempfile::TempDir,
    data: tempfile::TempDir,
    ids: Vec<ArticleId>,
    signals: Vec<(ArticleId, Signals)>,
}

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let vocabulary = Vocabulary::zipf(VOCABULARY);
        let pages = pages_with(PAGES, 3, &vocabulary);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root: PathBuf = std::fs::canonicalize(dir.path()).expect("it exists");
        write_pages(&root, pages).expect("the store is written");
        let data = tempfile::tempdir().expect("a temporary folder");
        let mut db = Db::open(data.path()).expect("the database opens").db;
        scan(&mut db, std::slice::from_ref(&root), |_| {}).expect("the first scan");
        let signals = db.signals(std::slice::from_ref(&root)).expect("signals");
        let ids = signals.iter().map(|(id, _)| *id).collect();
        Store {
            pages: dir,
            data,
            ids,
            signals,
        }
    })
}

/// The five stories most like one, a different story each time round.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn more_like_this(bencher: Bencher) {
    let s = store();
    let index = SearchIndex::open_to_read(&s.data.path().join(FOLDER)).expect("the index opens");
    let found = index.similar(s.ids[0], &[], 5).expect("it runs");
    assert_eq!(found.len(), 5, "five stories like the first");
    let mut next = 0usize;
    bencher.bench_local(|| {
        next = (next + 7919) % s.ids.len();
        index.similar(s.ids[next], &[], 5).expect("it runs")
    });
}

/// Every story's copies found, from the signals the index holds (the reader's work off the first frame).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn group_100k(bencher: Bencher) {
    let s = store();
    bencher.bench_local(|| {
        let groups = Groups::new(s.signals.iter().cloned());
        assert!(groups.is_empty(), "every page a different story");
        groups
    });
}

/// Every story's signals read back from the index.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn signals_from_index(bencher: Bencher) {
    let s = store();
    let db = Db::open(s.data.path()).expect("the database opens").db;
    let root = std::fs::canonicalize(s.pages.path()).expect("it exists");
    bencher.bench_local(|| db.signals(std::slice::from_ref(&root)).expect("signals"));
}
