//! The store: walking order, de-duplication and related-link resolution.

use std::fmt::Write as _;
use std::fs;

use broadsheet::store;

fn page(
    section: &str,
    headline: &str,
    dateline: &str,
    first: &str,
    related: &[(&str, &str)],
) -> String {
    let mut out = format!(
        "Connect with us\n\n{section}\n\n{headline}\n\n{dateline}\n\n{first}\n\nA second paragraph follows the first one here.\n\n"
    );
    if !related.is_empty() {
        out.push_str("You may also like:\n\n");
        for (s, t) in related {
            let _ = write!(out, "{s}\n\n{t}\n\n");
        }
    }
    out
}

#[test]
fn teasers_resolve_by_headline_or_opening_after_folding() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.txt"), page("World", "Rivers rise across the valley", "-", "Heavy rain on Sunday pushed the valley's rivers over their banks for the first time in a decade.", &[
        // The other story's headline, in other typography, case and spacing.
        ("Business", "MILL\u{2019}S  \u{201c}best\u{201d} year \u{2013} ever"),
        // The start of the other story's first paragraph, cut with an ellipsis.
        ("Business", "The mill on the river reported its best year since it opened\u{2026}"),
        ("Sports", "A teaser that matches nothing stored here at all, not even close."),
    ])).unwrap();
    fs::write(d.join("b.txt"), page("Business", "Mill's \"best\" year - ever", "November 3, 2026", "The mill on the river reported its best year since it opened, thanks to export orders.", &[
        ("World", "Heavy rain on Sunday pushed the valley\u{2019}s rivers over their banks for the first time in a decade."),
    ])).unwrap();
    let store = store::load(&[d.to_path_buf()]);
    assert!(store.warnings.is_empty(), "{:?}", store.warnings);
    let a = store
        .articles
        .iter()
        .find(|x| x.head.path.ends_with("a.txt"))
        .unwrap();
    let b = store
        .articles
        .iter()
        .find(|x| x.head.path.ends_with("b.txt"))
        .unwrap();
    assert_eq!(a.related[0].target, Some(b.head.id));
    assert_eq!(a.related[1].target, Some(b.head.id));
    assert_eq!(a.related[2].target, None);
    assert_eq!(b.related[0].target, Some(a.head.id));
    // Dated before undated.
    assert_eq!(store.articles[0].head.id, b.head.id);
}

#[test]
fn the_same_story_twice_is_listed_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = page(
        "World",
        "Once only",
        "-",
        "This story was saved twice by the same scraper on different days.",
        &[],
    );
    fs::write(dir.path().join("1.txt"), &text).unwrap();
    fs::write(
        dir.path().join("2.txt"),
        text.replace('\'', "\u{2019}").replace("  ", " "),
    )
    .unwrap();
    let mut store = store::load(&[dir.path().to_path_buf()]);
    assert_eq!(
        store.articles.len(),
        2,
        "every file's story before de-duplication"
    );
    assert_eq!(store.articles[0].head.id, store.articles[1].head.id);
    store.dedupe();
    assert_eq!(store.articles.len(), 1);
    assert!(store.articles[0].head.path.ends_with("1.txt"));
}

#[test]
fn order_is_stable_newest_first_then_path() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, date) in [
        ("c.txt", "-"),
        ("a.txt", "-"),
        ("old.txt", "2026-11-01"),
        ("new.txt", "2026-11-20"),
        ("b.txt", "By Ana Ruiz"),
    ] {
        let first =
            format!("The first paragraph of {name} says enough words to count as prose here.");
        fs::write(
            d.join(name),
            page("Life", &format!("Story {name}"), date, &first, &[]),
        )
        .unwrap();
    }
    let names = |s: &store::Store| {
        s.articles
            .iter()
            .map(|a| {
                a.head
                    .path
                    .file_name()
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_owned()
            })
            .collect::<Vec<_>>()
    };
    let first = store::load(&[d.to_path_buf()]);
    assert_eq!(
        names(&first),
        ["new.txt", "old.txt", "a.txt", "b.txt", "c.txt"]
    );
    assert_eq!(names(&store::load(&[d.to_path_buf()])), names(&first));
}

#[test]
fn a_generated_store_links_every_teaser() {
    let dir = tempfile::tempdir().unwrap();
    broadsheet::synth::write_store(dir.path(), 50, 7).unwrap();
    let store = store::load(&[dir.path().to_path_buf()]);
    assert_eq!(store.articles.len(), 50);
    assert!(store.warnings.is_empty());
    for a in &store.articles {
        assert_eq!(a.related.len(), 4);
        assert!(
            a.related.iter().all(|r| r.target.is_some()),
            "{}",
            a.head.title
        );
        assert_eq!(a.body.iter().filter(|b| b.kind() == "caption").count(), 1);
        assert_eq!(a.body.iter().filter(|b| b.kind() == "subhead").count(), 1);
    }
}
