//! Writes a synthetic store in the seed's layout: `cargo run --release --example gen_store -- N DIR [SEED]`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(dir)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1),
    ) else {
        eprintln!("usage: gen_store N DIR [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    match broadsheet::synth::write_store(&PathBuf::from(dir), count.max(1), seed) {
        Ok(bytes) => {
            println!("{count} pages, {bytes} bytes in {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_store: {dir}: {e}");
            ExitCode::from(1)
        }
    }
}
