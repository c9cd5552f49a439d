//! How much of the search index's cost an index writer of our own could save: the tokens of every story in
//! a folder put in a plain in-memory postings table (a term number per column from a hash map, each term's
//! documents and positions as varints), against the shipped engine's writer on the same documents.
//!
//! `cargo run --release --example postings_floor -- FOLDER` (a measurement for BENCHMARKS.md, not a test).

use std::collections::HashMap;
use std::time::Instant;

use broadsheet::model::Headline;
use broadsheet::search::document::{COLUMNS, Document};
use broadsheet::search::engine::SearchIndex;
use broadsheet::search::tokens::Cursor;
use rayon::prelude::*;

/// A file's path and its stories, ready for the index.
type File = (String, Vec<(Headline, Document)>);

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: postings_floor FOLDER");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("a folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let t = Instant::now();
    let files: Vec<File> = paths
        .par_iter()
        .map(|p| {
            let stories = broadsheet::loader::load_path(p)
                .map(|l| {
                    l.articles
                        .iter()
                        .map(|a| (Headline::from(a), Document::of(a)))
                        .collect()
                })
                .unwrap_or_default();
            (p.to_string_lossy().into_owned(), stories)
        })
        .collect();
    let docs: Vec<&Document> = files
        .iter()
        .flat_map(|(_, stories)| stories.iter().map(|(_, d)| d))
        .collect();
    eprintln!("read {} stories in {:.2?}", docs.len(), t.elapsed());

    let t = Instant::now();
    let mut bytes = 0usize;
    let mut token = String::new();
    for doc in &docs {
        for text in doc.texts() {
            let mut cursor = Cursor::new(text);
            while cursor.next_into(&mut token).is_some() {
                bytes += token.len();
            }
        }
    }
    eprintln!(
        "tokenizing alone ({bytes} bytes of tokens): {:.2?}",
        t.elapsed()
    );

    let t = Instant::now();
    let (tokens, terms, lists) = postings(&docs);
    eprintln!(
        "a postings table of our own, one thread: {tokens} tokens, {terms} terms, {} MB of lists, {:.2?}",
        lists >> 20,
        t.elapsed()
    );

    let before = cpu_seconds();
    let t = Instant::now();
    let folder = tempfile::tempdir().expect("a temporary folder");
    let mut index = SearchIndex::open(folder.path()).expect("an index");
    for (path, stories) in &files {
        let pairs: Vec<(&Headline, &Document)> = stories.iter().map(|(h, d)| (h, d)).collect();
        index.replace(path, &pairs, false).expect("written");
    }
    index.commit().expect("committed");
    index.release();
    eprintln!(
        "the shipped engine's writer: {:.2?} wall, {:.1} CPU-s",
        t.elapsed(),
        cpu_seconds() - before
    );
}

/// Puts every token of `docs` in postings lists; returns the tokens, the terms and the lists' bytes.
fn postings(docs: &[&Document]) -> (u64, usize, usize) {
    let mut terms: Vec<HashMap<String, u32>> = vec![HashMap::new(); COLUMNS.len()];
    let mut lists: Vec<Vec<u8>> = Vec::new();
    let mut last_doc: Vec<u32> = Vec::new();
    let mut tokens = 0u64;
    let mut token = String::new();
    let mut in_doc: Vec<(u32, u32)> = Vec::new();
    for (d, doc) in (0u32..).zip(docs) {
        for (column, text) in doc.texts().iter().enumerate() {
            let mut cursor = Cursor::new(text);
            in_doc.clear();
            let mut position = 0u32;
            while cursor.next_into(&mut token).is_some() {
                tokens += 1;
                let next = u32::try_from(lists.len()).expect("fewer than 2^32 terms");
                let id = *terms[column].entry(token.clone()).or_insert_with(|| {
                    lists.push(Vec::new());
                    last_doc.push(u32::MAX);
                    next
                });
                in_doc.push((id, position));
                position += 1;
            }
            in_doc.sort_unstable();
            for &(id, p) in &in_doc {
                let (list, doc_of_list) = (&mut lists[id as usize], &mut last_doc[id as usize]);
                if *doc_of_list != d {
                    *doc_of_list = d;
                    varint(list, d);
                }
                varint(list, p);
            }
        }
    }
    let bytes = lists.iter().map(Vec::len).sum();
    (tokens, lists.len(), bytes)
}

fn varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push(u8::try_from(v & 0x7f).unwrap_or(0) | 0x80);
        v >>= 7;
    }
    out.push(u8::try_from(v).unwrap_or(0));
}

/// CPU seconds this process has used (user and system), from `/proc/self/stat` (in clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}
