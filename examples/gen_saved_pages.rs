//! Writes N saved web pages of M megabytes each (inline scripts, styles and images around a story of a
//! few thousand words) into DIR: a folder for trying the reader on big files.
//!
//! `cargo run --release --example gen_saved_pages -- 200 20 /tmp/big`

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(mb), Some(dir)) = (
        args.first().and_then(|a| a.parse::<usize>().ok()),
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2).map(PathBuf::from),
    ) else {
        eprintln!("usage: gen_saved_pages COUNT MEGABYTES DIR");
        std::process::exit(2);
    };
    std::fs::create_dir_all(&dir)?;
    for i in 0..count {
        let page = broadsheet::synth::saved_page(mb * 1024 * 1024, i, i as u64 + 1);
        std::fs::write(dir.join(format!("page-{i:03}.html")), page)?;
    }
    Ok(())
}
