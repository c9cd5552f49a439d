//! HTML footnotes read by their common patterns, not per site (#18): Wikipedia's superscript references
//! to a list of notes, Pandoc's, kramdown's, GitHub's, EPUB's asides and O'Reilly's `data-type` notes.
//! References become `[mark]` in the text (the page's own marks), notes footnote blocks at the end, in
//! the page's order, without their links back; links that only look alike stay links.

mod common;

use broadsheet::model::{Article, Block};
use common::fixture;

/// Each footnote's label and text, checking that they are numbered from 1 in order.
fn notes(a: &Article) -> Vec<(&str, &str)> {
    let mut next = 1;
    a.body
        .iter()
        .filter_map(|b| match b {
            Block::Footnote {
                number,
                label,
                text,
            } => {
                assert_eq!(*number, next, "{}", a.head.title);
                next += 1;
                Some((label.as_str(), text.as_str()))
            }
            _ => None,
        })
        .collect()
}

/// The text of the blocks that are not footnotes.
fn prose(a: &Article) -> Vec<&str> {
    a.body
        .iter()
        .filter(|b| !matches!(b, Block::Footnote { .. }))
        .map(Block::text)
        .collect()
}

/// The stories of the feed of patterns, by headline.
fn entry<'a>(all: &'a [Article], title: &str) -> &'a Article {
    all.iter().find(|a| a.head.title == title).unwrap()
}

#[test]
fn a_wikipedia_style_page_gets_its_references_as_footnotes() {
    let loaded = broadsheet::store::load(&[fixture("footnotes/wiki-style.html")]);
    let a = &loaded.articles[0];
    assert_eq!(
        notes(a),
        [
            ("1", "Harbour authority, A history of the wall, 1990."),
            ("2", "Velmar divers' survey, 2026."),
            ("3", "Town walks guide, page 12."),
        ]
    );
    let text = prose(a);
    assert!(text[0].ends_with("from winter storms.[1] It is 640 metres long and was raised by a metre after the flood of 1953.[2]"), "{text:?}");
    // Referred to twice, one note; a superscript that is no link stays as it was.
    assert!(text[1].contains("went on.[2] The wall"), "{text:?}");
    assert!(text[2].contains("12 000 m2"), "{text:?}");
    // A reference in a list item, and a link back to it from the note (Wikipedia's "c"), which is no
    // reference though it is a superscript pointing into a list item.
    assert_eq!(text[3], "thirty fishing boats;[2]");
    // The heading that only introduced the list goes with it: the notes are listed at the end.
    assert!(!text.contains(&"References"), "{text:?}");
    assert!(matches!(
        a.body.last(),
        Some(Block::Footnote { number: 3, .. })
    ));
    // The links back to the references are gone; the note's own link is the story's.
    let urls: Vec<&str> = a.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, ["https://harbour.example/history"]);
    let shown = broadsheet::view::plain::render(a, 80);
    assert!(
        shown.contains(
            "\n────────────\n[1] Harbour authority, A history of the wall[1], 1990.\n[2] Velmar"
        ),
        "{shown}"
    );
}

#[test]
fn each_common_pattern_is_read() {
    let loaded = broadsheet::store::load(&[fixture("footnotes/patterns.rss")]);
    let all = &loaded.articles;
    assert_eq!(all.len(), 8, "{:?}", loaded.warnings);

    let pandoc = entry(all, "Ferry late in the fog");
    assert_eq!(
        prose(pandoc),
        [
            "The ferry ran late on Monday.[1] The crew blamed the fog, which lay over the harbour until noon.[2]"
        ]
    );
    assert_eq!(
        notes(pandoc),
        [
            ("1", "By forty minutes, says the harbour log."),
            ("2", "Fog is rare in November. It was the first since 2019."),
        ]
    );
    assert_eq!(pandoc.links.len(), 1);
    assert_eq!(pandoc.links[0].url, "https://harbour.example/log");

    let epub = entry(all, "The keeper's diary");
    assert_eq!(
        prose(epub),
        [
            "The lighthouse keeper kept a diary[*] for forty years.",
            "Every entry begins with the weather."
        ]
    );
    assert_eq!(notes(epub), [("*", "It is now in the town museum.")]);

    let oreilly = entry(all, "Alert spam");
    assert_eq!(
        prose(oreilly),
        ["Alerts that nobody reads are noise.[22] Page only on symptoms."]
    );
    assert_eq!(notes(oreilly), [("22", "Sometimes known as alert spam.")]);

    let github = entry(all, "Tide table printed");
    assert_eq!(
        prose(github),
        ["The tide table is printed every winter.[1]"]
    );
    assert_eq!(notes(github), [("1", "The office is open on weekdays.")]);

    let kramdown = entry(all, "Kramdown notes");
    assert_eq!(prose(kramdown), ["The wall was raised in 1953.[1]"]);
    assert_eq!(notes(kramdown), [("1", "After the great flood.")]);
    for a in all {
        assert!(
            a.links.iter().all(|l| !l.url.contains("#fn")),
            "{}: {:?}",
            a.head.title,
            a.links
        );
    }
}

#[test]
fn notes_keep_the_pages_marks_and_order() {
    let loaded = broadsheet::store::load(&[fixture("footnotes/patterns.rss")]);
    let a = entry(&loaded.articles, "Notes out of order");
    assert_eq!(
        prose(a),
        [
            "The south berth reopened[b] after the divers' survey.[a] It had been closed since the storm.[b]"
        ]
    );
    // The page's marks and order are kept; the note no reference names shows the number its list does.
    assert_eq!(
        notes(a),
        [
            ("a", "The survey took two weeks."),
            ("b", "On a Tuesday."),
            ("3", "The berth was built in 1931."),
        ]
    );
}

#[test]
fn links_that_only_look_like_references_stay_links() {
    let loaded = broadsheet::store::load(&[fixture("footnotes/patterns.rss")]);
    let a = entry(&loaded.articles, "The quay today");
    assert!(notes(a).is_empty());
    let text = prose(a);
    // A contents list, a superscript phrase, and a superscript number pointing at a paragraph (no note).
    assert_eq!(text[0], "History");
    assert!(
        text.contains(&"The quay covers 800 m2. See the section on today's quay and step3 below."),
        "{text:?}"
    );
    let urls: Vec<&str> = a.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://notes.example/not-notes#history",
            "https://notes.example/not-notes#today",
            "https://notes.example/not-notes#today",
            "https://notes.example/not-notes#steps",
        ]
    );
}

#[test]
fn marks_two_notes_share_give_way_to_numbers() {
    let loaded = broadsheet::store::load(&[fixture("footnotes/patterns.rss")]);
    let a = entry(&loaded.articles, "Two lists of notes");
    assert_eq!(
        prose(a),
        ["The north quay[1] and the island pier[2] both date from 1890."]
    );
    assert_eq!(
        notes(a),
        [("1", "Rebuilt in 1954."), ("2", "Lengthened in 1978.")]
    );
}
