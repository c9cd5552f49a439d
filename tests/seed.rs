//! The real seed page, part by part: chrome, section, headline, dateline, body, subhead, caption, the
//! second scraped copy, the author block and the related links.

use std::path::Path;

use broadsheet::loader;
use broadsheet::model::{Article, Block, Format};

fn seed() -> Article {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed_scraped_afp.txt");
    let mut loaded = loader::load_path(&path).expect("the seed loads");
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.articles.len(), 1);
    loaded.articles.remove(0)
}

fn count(a: &Article, kind: &str) -> usize {
    a.body.iter().filter(|b| b.kind() == kind).count()
}

#[test]
fn chrome_is_dropped_and_section_headline_found() {
    let a = seed();
    assert_eq!(a.head.format, Format::Scraped);
    assert_eq!(a.head.section.as_deref(), Some("World"));
    assert_eq!(
        a.head.title,
        "North Korea faces UN rebuke over rights violations"
    );
    let all_text: String = a
        .body
        .iter()
        .map(Block::text)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!all_text.contains("Connect with us"));
    assert!(!all_text.contains("what are you looking for"));
}

#[test]
fn the_dash_dateline_gives_no_date() {
    let a = seed();
    assert_eq!(a.head.published, None);
    assert!(a.body.iter().all(|b| b.text() != "-"));
}

#[test]
fn body_has_21_paragraphs_1_subhead_1_caption() {
    let a = seed();
    assert_eq!(count(&a, "paragraph"), 21);
    assert_eq!(count(&a, "subhead"), 1);
    assert_eq!(count(&a, "caption"), 1);
    assert_eq!(a.body.len(), 23);
}

#[test]
fn the_typographic_copy_is_kept_once() {
    let a = seed();
    assert!(a.first_paragraph().starts_with("Already under fire"));
    assert!(a.first_paragraph().contains("Pyongyang\u{2019}s dismal"));
    let openings = a
        .body
        .iter()
        .filter(|b| b.text().starts_with("Already under fire"))
        .count();
    assert_eq!(openings, 1);
    let last = a.body.last().expect("a body");
    assert!(
        last.text()
            .starts_with("\u{201c}It reflects the international community\u{2019}s")
    );
}

#[test]
fn subhead_loses_its_dashes() {
    let a = seed();
    let subhead = a
        .body
        .iter()
        .find(|b| b.kind() == "subhead")
        .expect("a subhead");
    assert_eq!(subhead.text(), "Calls for ICC referral");
    // It sits between the fourth paragraph after the caption and "Approved by…".
    let at = a
        .body
        .iter()
        .position(|b| b.kind() == "subhead")
        .expect("a subhead");
    assert!(
        a.body[at + 1]
            .text()
            .starts_with("Approved by a resounding majority")
    );
}

#[test]
fn caption_fragments_make_one_caption_with_credit() {
    let a = seed();
    let captions: Vec<&Block> = a.body.iter().filter(|b| b.kind() == "caption").collect();
    assert_eq!(captions.len(), 1);
    assert_eq!(
        captions[0].text(),
        "Movie posters for the film \u{201c}The Interview\u{201d} in Los Angeles, California on December 11, 2014"
    );
    assert_eq!(captions[0].credit(), Some("AFP/File"));
    assert!(
        a.body
            .iter()
            .all(|b| b.text() != "Movie posters for the film")
    );
}

#[test]
fn author_block_gives_byline_and_bio_is_dropped() {
    let a = seed();
    assert_eq!(a.head.byline.as_deref(), Some("AFP"));
    assert!(
        a.body
            .iter()
            .all(|b| !b.text().contains("2,400 staff") && b.text() != "Written By")
    );
}

#[test]
fn related_links_are_section_teaser_pairs() {
    let a = seed();
    let pairs: Vec<(Option<&str>, &str)> = a
        .related
        .iter()
        .map(|r| (r.section.as_deref(), r.text.as_str()))
        .collect();
    assert_eq!(pairs.len(), 4);
    assert_eq!(pairs[0].0, Some("Business"));
    assert!(pairs[0].1.starts_with("A grassroots community helps"));
    assert_eq!(pairs[1].0, Some("Tech & Science"));
    assert!(pairs[1].1.starts_with("US tech giant Nvidia"));
    assert_eq!(pairs[2].0, Some("Entertainment"));
    assert_eq!(pairs[3].0, Some("Business"));
    assert!(pairs[3].1.ends_with("$22.53 in 2025."));
    // Nothing of the related block entered the body.
    assert!(
        a.body
            .iter()
            .all(|b| !b.text().contains("Nvidia") && b.text() != "Business")
    );
    // Alone, the seed's teasers point at no stored story.
    assert!(
        a.related
            .iter()
            .all(|r| r.target.is_none() && r.url.is_none())
    );
}

#[test]
fn id_is_stable_across_typography_and_whitespace_resaves() {
    let a = seed();
    assert_eq!(a.head.id.to_string().len(), 32);
    let original = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed_scraped_afp.txt"),
    )
    .unwrap();
    let resaved = original
        .replace('\'', "\u{2019}")
        .replace("  ", " ")
        .replace('\n', "\r\n")
        .replace("Already under fire over", "Already  under fire  over");
    let again = loader::load_bytes(Path::new("elsewhere/moved.txt"), resaved.as_bytes()).unwrap();
    assert_eq!(again.articles[0].head.id, a.head.id);
}

#[test]
fn reflowed_text_reads_cleanly() {
    let a = seed();
    insta::assert_snapshot!(broadsheet::view::plain::render(&a, 72));
}
