//! Where a first scan's parse spends its time, stage by stage, on one thread: `cargo run --release --example
//! parse_split -- DIR` reads every file of DIR into memory, then times extraction, the search document and
//! the near-duplicate signals over all of them (a measurement for BENCHMARKS.md, not a test).

use std::time::Instant;

use broadsheet::cluster::Signals;
use broadsheet::search::document::Document;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: parse_split DIR");
    let mut pages: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("a folder")
        .filter_map(|e| {
            let p = e.ok()?.path();
            let b = std::fs::read(&p).ok()?;
            Some((p, b))
        })
        .collect();
    pages.sort();
    let t = Instant::now();
    let loaded: Vec<_> = pages
        .iter()
        .filter_map(|(p, b)| broadsheet::loader::load_bytes(p, b).ok())
        .collect();
    let extract = t.elapsed();
    let t = Instant::now();
    let docs: Vec<Vec<Document>> = loaded
        .iter()
        .map(|l| l.articles.iter().map(Document::of).collect())
        .collect();
    let document = t.elapsed();
    let t = Instant::now();
    let mut n = 0usize;
    for (l, d) in loaded.iter().zip(&docs) {
        for (a, doc) in l.articles.iter().zip(d) {
            n += usize::from(!Signals::of_story(a, &doc.text).sketch.is_empty());
        }
    }
    let signals = t.elapsed();
    println!(
        "{} files: extraction {extract:.2?}, search documents {document:.2?}, signals {signals:.2?} ({n} sketched)",
        pages.len()
    );
}
