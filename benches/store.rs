//! Loading a whole generated store from disk (target: 10,000 pages, about 90 MB, in <= 0.5 s on 2 cores,
//! page cache warm).

use std::path::PathBuf;

use divan::Bencher;

fn main() {
    divan::main();
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10, sample_size = 1)]
fn load_store(bencher: Bencher, pages: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    broadsheet::synth::write_store(dir.path(), pages, 1).expect("the store is written");
    let roots: Vec<PathBuf> = vec![dir.path().to_path_buf()];
    // Warm the page cache once, as a reader opening its store a second time finds it.
    let warm = broadsheet::store::load(&roots);
    assert_eq!(warm.articles.len(), pages);
    bencher.bench(|| broadsheet::store::load(&roots));
}
