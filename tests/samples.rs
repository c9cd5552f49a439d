//! The bundled sample store: every story loads with every part, and their teasers link them together.

use std::collections::HashSet;

use broadsheet::model::{Article, Block};
use broadsheet::samples;
use unicode_width::UnicodeWidthStr;

fn by_file(articles: &[Article], file: &str) -> Article {
    articles
        .iter()
        .find(|a| a.head.path.ends_with(file))
        .unwrap_or_else(|| panic!("{file} is in the sample store"))
        .clone()
}

#[test]
fn every_story_loads_cleanly_with_every_part() {
    let store = samples::load();
    assert!(store.warnings.is_empty(), "{:?}", store.warnings);
    assert!(store.articles.len() >= 8);
    assert_eq!(store.articles.len(), samples::STORIES.len());
    for a in &store.articles {
        let name = a.head.path.display();
        assert!(a.head.section.is_some(), "{name}: section");
        assert!(
            !a.head.title.is_empty() && a.head.title.len() < 200,
            "{name}: headline"
        );
        assert!(a.head.byline.is_some(), "{name}: byline");
        let kinds: HashSet<&str> = a.body.iter().map(Block::kind).collect();
        for kind in ["paragraph", "subhead", "caption"] {
            assert!(kinds.contains(kind), "{name}: no {kind}");
        }
        assert!(
            a.body
                .iter()
                .filter(|b| b.kind() == "caption")
                .all(|c| c.credit().is_some()),
            "{name}: caption credit"
        );
        // The second scraped copy is gone, and the typographic one kept.
        let first = a.first_paragraph();
        assert_eq!(
            a.body.iter().filter(|b| b.text() == first).count(),
            1,
            "{name}: doubled body"
        );
        assert!(
            a.body.iter().all(|b| !b.text().contains('"')),
            "{name}: straight quotes kept"
        );
        assert!(
            a.body
                .iter()
                .all(|b| b.text() != "Written By" && b.text() != "You may also like:"),
            "{name}: footer in body"
        );
    }
}

#[test]
fn sections_vary_and_order_is_newest_first() {
    let store = samples::load();
    let sections: HashSet<&str> = store
        .articles
        .iter()
        .filter_map(|a| a.head.section.as_deref())
        .collect();
    assert!(sections.len() >= 6, "{sections:?}");
    let dates: Vec<_> = store
        .articles
        .iter()
        .map_while(|a| a.head.published)
        .collect();
    assert!(dates.len() >= 4);
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "dated stories newest first"
    );
    assert!(
        store.articles[dates.len()..]
            .iter()
            .all(|a| a.head.published.is_none()),
        "undated after dated"
    );
    let undated: Vec<_> = store.articles[dates.len()..]
        .iter()
        .map(|a| a.head.path.clone())
        .collect();
    assert!(undated.windows(2).all(|w| w[0] < w[1]), "undated by path");
}

#[test]
fn datelines_give_bylines_and_dates() {
    let store = samples::load();
    let chip = by_file(&store.articles, "02-quillon-chip.txt");
    assert_eq!(chip.head.byline.as_deref(), Some("Mara Ellison"));
    assert_eq!(
        chip.head.published.map(|d| d.to_rfc3339()).as_deref(),
        Some("2026-11-20T00:00:00+00:00")
    );
    let cup = by_file(&store.articles, "04-coastal-cup-final.txt");
    assert_eq!(cup.head.byline.as_deref(), Some("Tomas Reyne"));
    assert_eq!(cup.head.published, None);
}

#[test]
fn related_teasers_resolve_to_each_other() {
    let store = samples::load();
    let ids: HashSet<_> = store.articles.iter().map(|a| a.head.id).collect();
    let links: Vec<_> = store.articles.iter().flat_map(|a| &a.related).collect();
    let resolved = links.iter().filter(|l| l.target.is_some()).count();
    assert!(
        links
            .iter()
            .filter_map(|l| l.target)
            .all(|t| ids.contains(&t))
    );
    // One teaser on purpose points at no story in the set.
    assert_eq!(links.len() - resolved, 1);
    let unresolved = links.iter().find(|l| l.target.is_none()).unwrap();
    assert!(unresolved.text.contains("Fenmore"));
    // Every link's section is its target's section.
    for l in links.iter().filter(|l| l.target.is_some()) {
        let target = store
            .articles
            .iter()
            .find(|a| Some(a.head.id) == l.target)
            .unwrap();
        assert_eq!(l.section, target.head.section, "{}", l.text);
    }
    let walks = by_file(&store.articles, "05-afternoon-walks-sleep.txt");
    let cup = by_file(&store.articles, "04-coastal-cup-final.txt");
    assert_eq!(walks.related[0].target, Some(cup.head.id));
}

#[test]
fn special_stories_cjk_long_and_no_related() {
    let store = samples::load();
    let kyoto = by_file(&store.articles, "08-kyoto-quiet-sea.txt");
    assert!(
        kyoto
            .head
            .title
            .contains("\u{5c71}\u{7530} \u{82b1}\u{5b50}")
    );
    assert!(
        kyoto.head.title.width() > kyoto.head.title.chars().count(),
        "wide characters"
    );
    assert!(kyoto.body.iter().any(|b| b.text().contains("Bérubé")));
    let long = by_file(&store.articles, "06-kittiwake-comet-sample.txt");
    let words: usize = long
        .body
        .iter()
        .map(|b| b.text().split_whitespace().count())
        .sum();
    assert!(words >= 3000, "{words} words");
    let isolde = by_file(&store.articles, "10-storm-isolde.txt");
    assert!(isolde.related.is_empty());
    assert!(isolde.body.last().is_some_and(|b| b.kind() == "paragraph"));
}

#[test]
fn sample_paths_are_virtual_and_ids_unique() {
    let store = samples::load();
    assert!(
        store
            .articles
            .iter()
            .all(|a| a.head.path.starts_with(samples::SAMPLE_DIR))
    );
    let ids: HashSet<_> = store.articles.iter().map(|a| a.head.id).collect();
    assert_eq!(ids.len(), store.articles.len());
}
