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
    println!(
        "{} bytes, {:?} per parse, {:.0} MB/s",
        bytes.len(),
        per,
        bytes.len() as f64 / per.as_secs_f64() / 1e6
    );
}
