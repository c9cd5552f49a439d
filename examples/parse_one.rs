//! Times parsing one file many times: `cargo run --release --example parse_one -- FILE`.
fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("a file"));
    let bytes = std::fs::read(&path).expect("readable");
    let n = 2000;
    let t = std::time::Instant::now();
    for _ in 0..n {
        std::hint::black_box(broadsheet::loader::load_bytes(&path, &bytes).ok());
    }
    let per = t.elapsed() / n;
    let mb_per_s = u128::try_from(bytes.len()).unwrap_or(0) * 1000 / per.as_nanos().max(1);
    println!("{} bytes, {per:?} per parse, {mb_per_s} MB/s", bytes.len());
}
