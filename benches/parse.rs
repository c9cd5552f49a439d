//! Parsing speed of the scraped-page loader: the seed layout and whole-page dumps (target: >= 100 MB/s per core).

use std::path::Path;

use divan::counter::BytesCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// The real seed page, about 9 KB.
#[divan::bench]
fn seed_page(bencher: Bencher) {
    let text = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed_scraped_afp.txt"),
    )
    .expect("the seed fixture");
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| broadsheet::loader::load_bytes(Path::new("seed.txt"), black_box(&text)));
}

/// 200 generated pages in the seed layout, parsed one after another on one core.
#[divan::bench]
fn generated_pages(bencher: Bencher) {
    let pages = broadsheet::synth::pages(200, 3);
    let bytes: usize = pages.iter().map(|(_, t)| t.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for (name, text) in &pages {
            black_box(
                broadsheet::loader::load_bytes(Path::new(name), black_box(text.as_bytes())).ok(),
            );
        }
    });
}

/// The whole-page dumps in tests/fixtures/pages (menus, cookie walls, comments), which take the
/// densest-run path instead of the seed layout's markers.
#[divan::bench]
fn whole_page_dumps(bencher: Bencher) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages");
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the page fixtures")
        .filter_map(Result::ok)
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("a page fixture"))
        })
        .collect();
    pages.sort();
    let bytes: usize = pages.iter().map(|(_, t)| t.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for (name, text) in &pages {
            black_box(broadsheet::loader::load_bytes(Path::new(name), black_box(text)).ok());
        }
    });
}
