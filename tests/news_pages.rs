//! Saved news pages of our own that reproduce the fault classes of issue #17 (page furniture kept in the
//! body, site suffixes and generator names as headlines, buttons and dates as bylines), and a regression
//! floor: the extraction of every page under `tests/fixtures/news/` and of the saved pages in
//! `tests/fixtures/formats/` is pinned in `tests/golden/news_pages.txt`. Regenerate it, after checking the
//! change is wanted, with `BROADSHEET_BLESS_EXTRACTION=1 cargo test --test news_pages`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use broadsheet::loader::load_path;
use broadsheet::model::{Article, Block};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/news")
        .join(name)
}

fn load(name: &str) -> Article {
    let mut loaded = load_path(&fixture(name)).unwrap();
    assert_eq!(loaded.articles.len(), 1, "{name}");
    loaded.articles.remove(0)
}

fn texts(a: &Article) -> Vec<&str> {
    a.body.iter().map(Block::text).collect()
}

const FIRST: &str = "The council of Velmar met on Tuesday evening and voted, after a long debate, to rebuild the old harbour wall before the winter storms arrive on the coast.";

#[test]
fn furniture_around_the_story_is_left_out() {
    let a = load("furniture-around-story.html");
    let body = texts(&a);
    // The drop cap rejoins its word, and the story opens with it (no "4 Min Read" above).
    assert_eq!(body[0], FIRST);
    for gone in [
        "4 Min Read",
        "Facebook",
        "Email",
        "\u{2022} \u{2022} \u{2022}",
        "\u{a9} Harbour Press Agency 2026",
        "article-body__content paragraph-wrapper",
    ] {
        assert!(!body.contains(&gone), "{gone:?} kept: {body:?}");
    }
    let captions: Vec<(&str, Option<&str>)> = a
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Caption { text, credit } => Some((text.as_str(), credit.as_deref())),
            Block::Image(image) => Some((image.caption.as_str(), image.credit.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(
        captions,
        [
            // A screen reader's label does not run into the caption.
            ("Drone footage shows the breach in the wall", None),
            // A caption that is only a credit is a credit.
            ("", Some("Ana Ruiz/Harbour Press")),
            // A credit printed in a paragraph makes it a caption.
            (
                "Workers inspect the wall at low tide.",
                Some("Photo by Ana Ruiz")
            ),
        ]
    );
    // The story's paragraphs are all there.
    assert_eq!(
        a.body
            .iter()
            .filter(|b| matches!(b, Block::Paragraph(_)))
            .count(),
        4
    );
}

#[test]
fn the_printed_headline_and_not_a_placeholder_byline() {
    let a = load("suffixed-title.html");
    assert_eq!(a.head.title, "Velmar votes to rebuild its harbour wall");
    assert_eq!(a.head.byline, None, "\"By No Author\" is no byline");
    assert_eq!(a.head.section, None, "\"8\" is no section");
    assert_eq!(texts(&a)[0], FIRST);
}

#[test]
fn a_generator_name_is_no_headline_and_a_date_no_byline() {
    let a = load("generator-title.html");
    assert_eq!(a.head.title, "Velmar votes to rebuild its harbour wall");
    assert_eq!(a.head.byline, None);
    assert_eq!(
        a.head.published.map(|d| d.date_naive().to_string()),
        Some("2012-04-17".to_owned())
    );
}

#[test]
fn a_date_run_into_the_byline_is_the_date() {
    let a = load("byline-with-date.html");
    assert_eq!(a.head.title, "And finally\u{2026} the wall holds");
    assert_eq!(a.head.byline.as_deref(), Some("Harbour Press"));
    assert_eq!(
        a.head.published.map(|d| d.date_naive().to_string()),
        Some("2020-01-16".to_owned())
    );
    let body = texts(&a);
    assert_eq!(
        body.len(),
        4,
        "follow-us and sign-up lines left out: {body:?}"
    );
}

#[test]
fn an_author_bio_above_the_story_goes_and_reporting_stays() {
    let a = load("author-bio-above.html");
    let body = texts(&a);
    assert_eq!(body[0], FIRST, "no date line or bio above the story");
    assert!(
        body.iter().any(|t| t.starts_with("Ana Ruiz said")),
        "{body:?}"
    );
    assert_eq!(body.len(), 5);
}

/// The pages the floor pins: ours only.
fn floor_pages() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut pages: Vec<PathBuf> = fs::read_dir(root.join("news"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.push(root.join("formats/harbour-page.html"));
    pages.push(root.join("formats/market-page.html"));
    pages.sort();
    pages
}

/// What a page yields, one line a field and a block.
fn describe(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let name = path
        .strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let mut out = format!("== {name}\n");
    for a in load_path(path).unwrap().articles {
        let h = &a.head;
        let _ = writeln!(out, "title: {}", h.title);
        let _ = writeln!(out, "byline: {:?}", h.byline);
        let _ = writeln!(out, "section: {:?}", h.section);
        let _ = writeln!(out, "published: {:?}", h.published.map(|d| d.to_rfc3339()));
        let _ = writeln!(out, "id: {}", h.id);
        for b in &a.body {
            match b {
                Block::Caption { text, credit } => {
                    let _ = writeln!(out, "caption: {text} | credit: {credit:?}");
                }
                Block::Image(i) => {
                    let (alt, source, caption, credit) = (&i.alt, &i.source, &i.caption, &i.credit);
                    let _ = writeln!(
                        out,
                        "image: {alt:?} {source} | caption: {caption} | credit: {credit:?}"
                    );
                }
                other => {
                    let _ = writeln!(out, "{}: {}", other.kind(), other.text());
                }
            }
        }
    }
    out
}

#[test]
fn regression_floor_pins_the_extraction_of_our_pages() {
    let got: String = floor_pages().iter().map(|p| describe(p)).collect();
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/news_pages.txt");
    if std::env::var_os("BROADSHEET_BLESS_EXTRACTION").is_some() {
        fs::write(&golden, &got).unwrap();
    }
    let want = fs::read_to_string(&golden).unwrap_or_default();
    assert!(
        got == want,
        "the extraction of our fixture pages changed; if the change is wanted, bump \
         loader::EXTRACTOR_VERSION and regenerate with BROADSHEET_BLESS_EXTRACTION=1 cargo test --test \
         news_pages\n--- got ---\n{got}"
    );
}

#[test]
fn statistics_keep_their_figures_and_the_related_list_is_not_printed_twice() {
    let a = load("statistics-and-related.html");
    let body = texts(&a);
    // A statistic box's figure with its words, spaced as the page shows them.
    assert!(
        body.contains(&"68% of islanders said they now cross less often than they did a year ago."),
        "{body:?}"
    );
    assert!(
        body.contains(&"2 in 5 of them said they had given up a job or a course on the mainland."),
        "{body:?}"
    );
    // A hidden label runs into no word; a link's notice of itself is not text.
    assert!(
        body.contains(&"Video caption The morning ferry, filmed from the quay."),
        "{body:?}"
    );
    assert!(
        body.iter()
            .any(|t| t
                .starts_with("The operators said in a statement published on their website that")),
        "{body:?}"
    );
    // The credit without the "Credit" labels the page prints twice.
    let credits: Vec<&str> = a.body.iter().filter_map(Block::credit).collect();
    assert_eq!(credits, ["Tom Hale/Coast Post"]);
    // The related list is in the sidebar, and not again in the body; the "Read more" line stays.
    let related: Vec<&str> = a.related.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(related.len(), 3, "{related:?}");
    for teaser in related {
        assert!(
            !body.contains(&teaser),
            "{teaser:?} in the body too: {body:?}"
        );
    }
    assert!(!body.contains(&"Related"), "{body:?}");
    // Nor among the body's links, which read as the page shows them (no link's notice of itself).
    let links: Vec<&str> = a.links.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        links,
        [
            "published on their website",
            "North quay repairs finished a month early"
        ]
    );
    assert!(body.contains(&"Read more: North quay repairs finished a month early"));
    for gone in ["Facebook", "X", "Email"] {
        assert!(!body.contains(&gone), "{gone:?} kept: {body:?}");
    }
}
