//! Times the phases of a first index scan: `cargo run --release --example scan_phases -- DIR`.
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("a folder"));
    let root = std::fs::canonicalize(&dir).expect("exists");
    let t = Instant::now();
    let (files, _) = broadsheet::store::walk::stamped(std::slice::from_ref(&root));
    println!("walk {} files: {:?}", files.len(), t.elapsed());
    let t = Instant::now();
    let paths: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    let store = broadsheet::store::load_files(paths);
    println!("parse {} stories: {:?}", store.articles.len(), t.elapsed());
    let data = tempfile_dir();
    let mut db = broadsheet::store::db::Db::open(&data).expect("db").db;
    let t = Instant::now();
    let n = broadsheet::store::scan::scan(&mut db, &[root], |_| {}).expect("scan");
    println!("scan (walk + parse + write) {n} files: {:?}", t.elapsed());
    let _ = std::fs::remove_dir_all(&data);
}

fn tempfile_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("scan-phases-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}
