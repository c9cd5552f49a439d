//! Measures the clustering signals on real pairs: `cluster_pairs HTML_ROOT TEXT_ROOT` loads
//! `HTML_ROOT/CASE/source.html` and `TEXT_ROOT/CASE/input.txt` for every CASE in both, and prints how the
//! copies' fingerprints resemble each other and different pages', which pairs the groups miss, and every
//! group that joins two pages. `cluster_pairs --store DIR` loads every file under DIR and prints the groups
//! found (none, on a store where every page is a different story).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use broadsheet::cluster::{Groups, Signals};
use broadsheet::model::ArticleId;
use broadsheet::search::document::Document;

/// One story of the corpus: its case, its side (0 the HTML page, 1 the text dump), id and signals.
struct Story {
    case: usize,
    side: u8,
    id: ArticleId,
    signals: Signals,
}

fn signals(path: &Path) -> Vec<(ArticleId, Signals, String)> {
    let Ok(loaded) = broadsheet::loader::load_path(path) else {
        return Vec::new();
    };
    loaded
        .articles
        .iter()
        .map(|a| {
            let doc = Document::of(a);
            let s = Signals::of_story(a, &doc.text);
            (a.head.id, s, a.head.title.clone())
        })
        .collect()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .collect();
    out.sort();
    out
}

fn store(dir: &Path) {
    let stories: Vec<(ArticleId, Signals)> = files(dir)
        .iter()
        .flat_map(|p| signals(p))
        .map(|(id, s, _)| (id, s))
        .collect();
    let n = stories.len();
    let start = std::time::Instant::now();
    let groups = Groups::new(stories);
    let took = start.elapsed();
    let found: Vec<Vec<ArticleId>> = groups.groups().collect();
    println!(
        "{n} stories, {} groups of copies (grouped in {took:?})",
        found.len()
    );
    for g in found.iter().take(10) {
        println!("  {g:?}");
    }
}

/// Prints how unlike different pages are: the most alike pair, and the pages in a pair at 0.15 or more.
fn different_pages(all: &[Story], cases: &[String]) {
    let (mut worst, mut compared, mut over) = ((0.0f32, String::new()), 0usize, [0usize; 4]);
    let mut involved = BTreeSet::new();
    for (a, x) in all.iter().enumerate() {
        for y in &all[a + 1..] {
            if x.case == y.case {
                continue;
            }
            compared += 1;
            let r = x.signals.sketch.resemblance(&y.signals.sketch);
            for (k, t) in [0.05f32, 0.1, 0.15, 0.3].iter().enumerate() {
                over[k] += usize::from(r >= *t);
            }
            if r >= 0.15 {
                involved.insert(cases[x.case].clone());
                involved.insert(cases[y.case].clone());
            }
            if r > worst.0 {
                worst = (r, format!("{} / {}", cases[x.case], cases[y.case]));
            }
        }
    }
    println!(
        "different pages: {compared} pairs, most alike {:.3} ({}); at or over 0.05/0.10/0.15/0.30: {over:?}",
        worst.0, worst.1
    );
    println!(
        "pages in a pair of different pages at 0.15 or more: {} {involved:?}",
        involved.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--store") {
        store(Path::new(&args[1]));
        return;
    }
    let (html_root, text_root) = (Path::new(&args[0]), Path::new(&args[1]));
    let mut cases: Vec<String> = std::fs::read_dir(text_root)
        .expect("text root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|c| html_root.join(c).join("source.html").is_file())
        .collect();
    cases.sort();
    let mut all: Vec<Story> = Vec::new();
    let mut titles: HashMap<ArticleId, String> = HashMap::new();
    for (case, c) in cases.iter().enumerate() {
        for (side, path) in [
            (0u8, html_root.join(c).join("source.html")),
            (1u8, text_root.join(c).join("input.txt")),
        ] {
            for (id, signals, title) in signals(&path) {
                let shingles = signals.shingles;
                titles.insert(id, format!("{c}/{side}: {title:?} ({shingles} shingles)"));
                all.push(Story {
                    case,
                    side,
                    id,
                    signals,
                });
            }
        }
    }
    let side = |case: usize, side: u8| all.iter().find(|s| s.case == case && s.side == side);
    let mut copies: Vec<f32> = (0..cases.len())
        .filter_map(|i| {
            Some(
                side(i, 0)?
                    .signals
                    .sketch
                    .resemblance(&side(i, 1)?.signals.sketch),
            )
        })
        .collect();
    copies.sort_by(f32::total_cmp);
    println!(
        "{} cases; copies resemble each other at: lowest {:?}, median {:.3}",
        cases.len(),
        &copies[..8],
        copies[copies.len() / 2]
    );
    let at = |t: f32| copies.iter().filter(|&&r| r >= t).count();
    println!(
        "copies at or over 0.15/0.45/0.80: {}/{}/{} of {}",
        at(0.15),
        at(0.45),
        at(0.8),
        copies.len()
    );
    different_pages(&all, &cases);
    let groups = Groups::new(all.iter().map(|s| (s.id, s.signals.clone())));
    let mut joined = 0u32;
    for (i, c) in cases.iter().enumerate() {
        let (Some(h), Some(t)) = (side(i, 0), side(i, 1)) else {
            println!("  missed: {c} (a side has no story)");
            continue;
        };
        if h.id == t.id || groups.copies(h.id).contains(&t.id) {
            joined += 1;
        } else {
            let r = h.signals.sketch.resemblance(&t.signals.sketch);
            println!(
                "  missed: {c} (text {r:.2}; {} / {})",
                titles[&h.id], titles[&t.id]
            );
        }
    }
    let mut wrong = 0;
    for g in groups.groups() {
        let pages: BTreeSet<usize> = g
            .iter()
            .filter_map(|&id| all.iter().find(|s| s.id == id).map(|s| s.case))
            .collect();
        if pages.len() > 1 {
            wrong += 1;
            println!(
                "  WRONG: {:?}",
                pages.iter().map(|&p| &cases[p]).collect::<Vec<_>>()
            );
            for s in all.iter().filter(|s| g.contains(&s.id)) {
                println!("      {}", titles[&s.id]);
            }
        }
    }
    println!(
        "pairs clustered: {joined}/{}; groups joining different pages: {wrong}",
        cases.len()
    );
}
