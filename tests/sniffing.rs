//! Feeds and pages that open with a prolog (comments, processing instructions, a DOCTYPE, a byte-order
//! mark) are read by their first element: feeds as feeds with their entries, pages as pages.

mod common;

use broadsheet::loader::load_path;
use broadsheet::model::{Article, Format};

/// The stories of the fixture `sniffing/NAME`, which must load without warnings.
fn stories(name: &str) -> Vec<Article> {
    let loaded = load_path(&common::fixture(&format!("sniffing/{name}")))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
    loaded.articles
}

/// Each story's format, headline and link.
fn heads(articles: &[Article]) -> Vec<(Format, &str, Option<&str>)> {
    articles
        .iter()
        .map(|a| (a.head.format, a.head.title.as_str(), a.head.url.as_deref()))
        .collect()
}

#[test]
fn an_rss_feed_opening_with_a_comment_is_a_feed() {
    let articles = stories("comment-first.rss");
    assert_eq!(
        heads(&articles),
        [
            (
                Format::Feed,
                "Lighthouse keeper retires after forty winters",
                Some("https://courier.test/2026/lighthouse-keeper")
            ),
            (
                Format::Feed,
                "Night market moves to the quay",
                Some("https://courier.test/2026/night-market")
            ),
        ]
    );
    assert_eq!(articles[0].head.source.as_deref(), Some("Harbour Courier"));
    assert_eq!(
        articles[0]
            .head
            .published
            .map(|d| d.to_rfc3339())
            .as_deref(),
        Some("2026-11-23T18:30:00+00:00")
    );
    assert_eq!(
        articles[0].first_paragraph(),
        "Mara Ellison climbed the tower for the last time on Monday."
    );
}

#[test]
fn an_rss_091_feed_with_the_netscape_doctype_is_a_feed() {
    let articles = stories("netscape-0.91.rss");
    assert_eq!(
        heads(&articles),
        [
            (
                Format::Feed,
                "Bridge reopens after the spring floods",
                Some("https://gazette.test/bridge-reopens")
            ),
            (
                Format::Feed,
                "Choir wins the regional festival",
                Some("https://gazette.test/choir-festival")
            ),
            (
                Format::Feed,
                "School garden feeds the canteen",
                Some("https://gazette.test/school-garden")
            ),
        ]
    );
    assert_eq!(articles[2].head.source.as_deref(), Some("Valley Gazette"));
    assert_eq!(
        articles[0].first_paragraph(),
        "Traffic crossed the old stone bridge again on Thursday morning."
    );
}

#[test]
fn the_netscape_doctype_decides_whatever_the_extension() {
    let text = std::fs::read(common::fixture("sniffing/netscape-0.91.rss")).unwrap();
    for name in ["gazette.xml", "gazette.txt", "gazette.html", "gazette"] {
        let loaded = broadsheet::loader::load_bytes(std::path::Path::new(name), &text)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(loaded.articles.len(), 3, "{name}");
        assert!(
            loaded
                .articles
                .iter()
                .all(|a| a.head.format == Format::Feed),
            "{name}"
        );
    }
}

#[test]
fn an_atom_feed_behind_a_bom_instructions_and_a_comment_is_a_feed() {
    let articles = stories("atom-prolog.xml");
    assert_eq!(
        heads(&articles),
        [
            (
                Format::Feed,
                "Spring tides expected on Sunday",
                Some("https://tides.test/spring-tides")
            ),
            (
                Format::Feed,
                "New gauge installed at the estuary",
                Some("https://tides.test/estuary-gauge")
            ),
        ]
    );
    assert_eq!(
        articles[1].head.source.as_deref(),
        Some("Tide Tables Weekly")
    );
}

#[test]
fn a_page_opening_with_a_comment_that_names_feeds_is_a_page() {
    let articles = stories("comment-first-page.html");
    assert_eq!(
        heads(&articles),
        [(
            Format::Html,
            "Winter ferry timetable published",
            Some("https://courier.test/2026/ferry-timetable")
        )]
    );
    assert!(
        articles[0]
            .first_paragraph()
            .starts_with("The ferry company published its winter timetable"),
        "{:?}",
        articles[0].body
    );
    // Read as text under another name, it is still a page.
    let text = std::fs::read(common::fixture("sniffing/comment-first-page.html")).unwrap();
    let loaded = broadsheet::loader::load_bytes(std::path::Path::new("saved.txt"), &text).unwrap();
    assert_eq!(loaded.articles[0].head.format, Format::Html);
}
