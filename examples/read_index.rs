//! Times reading every headline back from an index: `read_index DATA_DIR ROOT [TIMES]`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let db = broadsheet::store::db::Db::open(std::path::Path::new(&args[0]))
        .unwrap()
        .db;
    let root = std::fs::canonicalize(&args[1]).unwrap();
    let times: usize = args.get(2).map_or(5, |t| t.parse().unwrap());
    for _ in 0..times {
        let t = std::time::Instant::now();
        let n = db.headlines(std::slice::from_ref(&root)).unwrap().0.len();
        println!("{n} headlines in {:?}", t.elapsed());
    }
}
