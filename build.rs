//! Embeds every story in assets/stories/ into the binary, so the sample store works after `cargo install`.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new("assets/stories");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| {
                    Path::new(n).extension().is_some_and(|e| e == "txt") && !n.starts_with('.')
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from(
        "/// The bundled sample stories: (file name, contents).\npub const STORIES: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/assets/stories/{name}\"))),"
        );
    }
    code.push_str("];\n");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into());
    if let Err(e) = std::fs::write(Path::new(&out).join("samples.rs"), code) {
        println!("cargo::warning=cannot write the sample list: {e}");
    }
}
