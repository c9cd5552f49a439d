//! Parsing speed over a folder of saved pages, on one thread: `cargo run --release --example parse_speed --
//! DIR [NAME]` reads every file under DIR (or only the files called NAME, such as `input.txt`) into memory,
//! parses each five times and prints megabytes per second. For folders the benches cannot ship (a corpus
//! of real pages kept outside the repository).

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: parse_speed DIR [NAME]");
        std::process::exit(2);
    };
    let name = args.next();
    let pages: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| name.as_deref().is_none_or(|n| e.file_name() == n))
        .filter_map(|e| Some((e.path().to_path_buf(), std::fs::read(e.path()).ok()?)))
        .collect();
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let rounds = 5;
    let start = Instant::now();
    for _ in 0..rounds {
        for (path, page) in &pages {
            let _ = std::hint::black_box(broadsheet::loader::load_bytes(path, page));
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let megabytes = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} pages, {bytes} bytes: {:.1} MB/s",
        pages.len(),
        megabytes / seconds
    );
}
