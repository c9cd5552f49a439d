//! Story ids do not move: the ids of every fixture and sample story are pinned, and an id survives runs,
//! file moves and re-saves that only change typography or white space.
//!
//! When an extraction change moves an id on purpose, bump `loader::EXTRACTOR_VERSION` (the index then
//! re-extracts every file and carries marks to the new ids) and regenerate the pinned list with
//! `BROADSHEET_BLESS_IDS=1 cargo test --test identity`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use broadsheet::loader::EXTRACTOR_VERSION;
use broadsheet::model::{Article, ArticleId};
use broadsheet::{samples, store};

const GOLDEN: &str = "tests/golden/ids.tsv";

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every story of the fixtures (configuration files aside) and of the sample store, keyed by
/// `path<TAB>entry`, with its id.
fn current_ids() -> BTreeMap<String, String> {
    let root = manifest();
    let fixtures = root.join("tests/fixtures");
    let mut folders: Vec<PathBuf> = fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("config"))
        .collect();
    folders.sort();
    let mut articles: Vec<Article> = store::load(&folders).articles;
    articles.extend(samples::load().articles);
    articles
        .into_iter()
        .map(|a| {
            let path = a
                .head
                .path
                .strip_prefix(&root)
                .unwrap_or(&a.head.path)
                .to_path_buf();
            let key = format!("{}\t{}", slashes(&path), a.head.entry);
            (key, a.head.id.to_string())
        })
        .collect()
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn golden_text(ids: &BTreeMap<String, String>) -> String {
    let mut out = format!(
        "# Pinned story ids (path, entry, id), made with extractor version {EXTRACTOR_VERSION}.\n\
         # Regenerate only with a bumped EXTRACTOR_VERSION: BROADSHEET_BLESS_IDS=1 cargo test --test identity\n\
         extractor\t{EXTRACTOR_VERSION}\n"
    );
    for (key, id) in ids {
        let _ = writeln!(out, "{key}\t{id}");
    }
    out
}

#[test]
fn fixture_and_sample_ids_are_pinned() {
    let ids = current_ids();
    assert!(ids.len() > 20, "the fixtures load: {}", ids.len());
    let path = manifest().join(GOLDEN);
    if std::env::var_os("BROADSHEET_BLESS_IDS").is_some() {
        fs::write(&path, golden_text(&ids)).unwrap();
        return;
    }
    let text = fs::read_to_string(&path).unwrap();
    let mut pinned = BTreeMap::new();
    let mut version = None;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["extractor", v] => version = v.parse::<u32>().ok(),
            [path, entry, id] => {
                pinned.insert(format!("{path}\t{entry}"), (*id).to_owned());
            }
            _ => panic!("{GOLDEN}: bad line {line:?}"),
        }
    }
    assert_eq!(
        version,
        Some(EXTRACTOR_VERSION),
        "{GOLDEN} was made with another extractor version: regenerate it (see this file's header)"
    );
    let mut moved = String::new();
    for (key, id) in &pinned {
        match ids.get(key) {
            Some(now) if now == id => {}
            Some(now) => {
                let _ = writeln!(moved, "  {key}: {id} -> {now}");
            }
            None => {
                let _ = writeln!(moved, "  {key}: {id} -> no story");
            }
        }
    }
    for key in ids.keys().filter(|k| !pinned.contains_key(*k)) {
        let _ = writeln!(moved, "  {key}: a story not pinned yet");
    }
    assert!(
        moved.is_empty(),
        "story ids moved without an extractor version bump; read marks would be orphaned:\n{moved}\
         If extraction changed on purpose, bump loader::EXTRACTOR_VERSION and regenerate {GOLDEN}."
    );
}

#[test]
fn ids_of_texts_and_urls_are_pinned() {
    let text = |h: &str, p: &str| ArticleId::from_text(h, p).to_string();
    let url = |u: &str| ArticleId::from_url(u).to_string();
    let got = [
        text("", ""),
        text(
            "North Korea faces UN rebuke",
            "Already under fire, North Korea on Monday…",
        ),
        text(
            "  \u{201c}It\u{2019}s  A \u{2013} Test\u{201d}\u{a0}\u{2026} ",
            "\u{c9}COLE \u{130}stanbul \u{5c71}\u{7530} \u{1e9e}tra\u{df}e\u{b}tab",
        ),
        text(
            "Caf\u{e9}\u{2009}CR\u{c8}ME\u{3000}x",
            "\u{2212}5 \u{2014} \u{ab}oui\u{bb}",
        ),
        url("https://example.com/a/b"),
        url("HTTPS://Example.COM/a/B/#top"),
        url("example.com/no-scheme/"),
    ];
    // Computed by the first definition of ids, before the normalisation was frozen apart from `fold`.
    let pinned = [
        "7858ef011ea0bad1384868fba0c21fdc",
        "966d481207d1ce44acf11098ab2cb7b0",
        "8d2cead497a3410138f7df73f410a915",
        "8423eca24391e971fe5ffca21035bded",
        "a89dfb873546a5ed8f23a9153565e59f",
        "0439e30ffb448ceb07c1137886db2348",
        "8e92fcb8e8666abd042b847e2fe78f58",
    ];
    assert_eq!(got, pinned);
}

/// A page as re-saved by a tool that changes only typography and white space: straight quotes curly,
/// spaced hyphens en dashes, runs of spaces, trailing spaces, CRLF line ends.
fn resave(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut open = true;
        let mut typographic = String::new();
        for c in line.chars() {
            match c {
                '"' => {
                    typographic.push(if open { '\u{201c}' } else { '\u{201d}' });
                    open = !open;
                }
                '\'' => typographic.push('\u{2019}'),
                _ => typographic.push(c),
            }
        }
        let spaced = typographic
            .replace(". ", ".  ")
            .replace(" - ", " \u{2013} ");
        let _ = write!(out, "{spaced}  \r\n");
    }
    out
}

#[test]
fn ids_survive_runs_moves_and_typographic_resaves() {
    let root = manifest();
    let pages: Vec<PathBuf> = [
        "tests/fixtures/seed_scraped_afp.txt",
        "tests/fixtures/pages/related-box.txt",
        "assets/stories/01-harbour-ferries.txt",
        "assets/stories/08-kyoto-quiet-sea.txt",
        "tests/fixtures/formats/fair.md",
    ]
    .iter()
    .map(|p| root.join(p))
    .collect();
    let ids = |paths: &[PathBuf]| -> Vec<ArticleId> {
        store::load(paths)
            .articles
            .iter()
            .map(|a| a.head.id)
            .collect()
    };
    for page in &pages {
        let first = ids(std::slice::from_ref(page));
        assert_eq!(first.len(), 1, "{}", page.display());
        assert_eq!(ids(std::slice::from_ref(page)), first, "another run");
        let elsewhere = tempfile::tempdir().unwrap();
        // The extension stays: it hints at the format.
        let ext = page.extension().unwrap().to_str().unwrap();
        let moved = elsewhere.path().join(format!("deeper/renamed.{ext}"));
        fs::create_dir_all(moved.parent().unwrap()).unwrap();
        fs::copy(page, &moved).unwrap();
        assert_eq!(ids(&[moved]), first, "moved: {}", page.display());
        if page.extension().is_some_and(|e| e == "md") {
            // Front matter is TOML or YAML: curly quotes there would be a syntax change, not typography.
            continue;
        }
        let resaved = elsewhere.path().join(format!("resaved.{ext}"));
        let text = fs::read_to_string(page).unwrap();
        fs::write(&resaved, resave(&text)).unwrap();
        assert_eq!(ids(&[resaved]), first, "re-saved: {}", page.display());
    }
}
