//! Search over a generated store of 100,000 pages whose words have Zipf frequencies (as real text does):
//! a rare word, the most common word's top 50, a three-word AND and a phrase, each through the whole
//! query path the reader and `broadsheet search` take (index, then ranking over the listed stories).
//! Targets: 5, 50, 20 and 30 ms. Setup (generating, writing and indexing the store) takes a minute or two.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use broadsheet::model::{ArticleId, Headline};
use broadsheet::search::{self, parse};
use broadsheet::store::db::Db;
use broadsheet::store::marks::Mark;
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

/// Results a screen or a `search` shows.
const TOP: usize = 50;

struct Store {
    _pages: tempfile::TempDir,
    data: tempfile::TempDir,
    root: PathBuf,
    headlines: Vec<Headline>,
    by_id: HashMap<ArticleId, usize>,
    vocabulary: Vocabulary,
    phrase: String,
}

fn store() -> &'static Store {
    static STORE: OnceLock<Store> = OnceLock::new();
    STORE.get_or_init(|| {
        let vocabulary = Vocabulary::zipf(VOCABULARY);
        let pages = pages_with(PAGES, 3, &vocabulary);
        // Two words that stand together in a story: the phrase looked for.
        let phrase = pages[PAGES / 2]
            .1
            .split("\n\n")
            .nth(6)
            .map(|p| {
                p.split_whitespace()
                    .skip(2)
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default()
            .to_lowercase()
            .replace(|c: char| !c.is_alphanumeric() && c != ' ', "");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = std::fs::canonicalize(dir.path()).expect("it exists");
        write_pages(&root, pages).expect("the store is written");
        let data = tempfile::tempdir().expect("a temporary folder");
        let mut db = Db::open(data.path()).expect("the database opens").db;
        scan(&mut db, std::slice::from_ref(&root), |_| {}).expect("the first scan");
        let (headlines, _) = db
            .headlines(std::slice::from_ref(&root))
            .expect("headlines");
        Store {
            _pages: dir,
            data,
            root,
            by_id: search::by_id(&headlines),
            headlines,
            vocabulary,
            phrase,
        }
    })
}

/// Runs `query` the way the reader and the command line do, keeping the top results.
fn run(bencher: Bencher, query: &str) {
    let s = store();
    let mut db = Db::open(s.data.path()).expect("the database opens").db;
    let parsed = parse(query).expect("the query parses");
    let unread = |_| Mark::default();
    let now = search::now();
    let found =
        search::search(&mut db, &s.headlines, &s.by_id, &parsed, &unread, now).expect("it runs");
    assert!(
        !found.results.is_empty(),
        "{query} finds stories in {}",
        s.root.display()
    );
    eprintln!("{query}: {} results", found.results.len());
    bencher.bench_local(|| {
        let mut found = search::search(&mut db, &s.headlines, &s.by_id, &parsed, &unread, now)
            .expect("it runs");
        found.results.truncate(TOP);
        found
    });
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn rare_word(bencher: Bencher) {
    let s = store();
    run(bencher, s.vocabulary.word(VOCABULARY - 1));
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn most_common_word_top_50(bencher: Bencher) {
    let s = store();
    run(bencher, s.vocabulary.word(0));
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn three_word_and(bencher: Bencher) {
    let s = store();
    let v = &s.vocabulary;
    run(
        bencher,
        &format!("{} {} {}", v.word(40), v.word(150), v.word(600)),
    );
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn phrase(bencher: Bencher) {
    let s = store();
    run(bencher, &format!("\"{}\"", s.phrase));
}
