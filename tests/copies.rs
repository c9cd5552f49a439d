//! Copies of one story (issue #14), driven headlessly through actions: a feed entry, the saved page and a
//! scraped text dump of one story are one row, marked "×3", shown from the fullest copy; reading or
//! starring it does so for every copy; the sidebar lists the copies under "Same story elsewhere".

mod common;

use std::path::Path;

use broadsheet::app::{Action, Focus};
use broadsheet::cluster::Signals;
use broadsheet::model::{Article, ArticleId, Format};
use broadsheet::search::document::Document;
use broadsheet::store::scan::ScanUpdate;
use common::{Reader, draw, focus};
use ratatui::layout::Rect;

/// The stories of the copies fixtures: the feed's two entries, the saved page and the text dump.
fn stories() -> Vec<Article> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/copies");
    let mut out = Vec::new();
    for file in [
        "courier_feed.xml",
        "storm_saved_page.html",
        "storm_text_dump.txt",
    ] {
        out.extend(
            broadsheet::loader::load_path(&dir.join(file))
                .unwrap()
                .articles,
        );
    }
    out.sort_by(broadsheet::model::store_order);
    out
}

/// A reader over the fixtures at 140×40 that has taken in their signals, as a scan step brings them.
fn reader() -> (Reader, Vec<Article>) {
    reader_with(|_| {})
}

/// The same, its configuration changed by `configure` before the signals come.
fn reader_with(configure: impl FnOnce(&mut Reader)) -> (Reader, Vec<Article>) {
    let articles = stories();
    let signals: Vec<(ArticleId, Signals)> = articles
        .iter()
        .map(|a| (a.head.id, Signals::of_story(a, &Document::of(a).text)))
        .collect();
    let mut r = Reader::new(articles.clone(), Vec::new(), Rect::new(0, 0, 140, 40));
    configure(&mut r);
    r.apply(Action::Indexed(ScanUpdate {
        signals: broadsheet::store::scan::Kin::of(signals),
        finished: true,
        ..ScanUpdate::default()
    }));
    (r, articles)
}

/// Selects the storm's row (its copies are one row).
fn go_to_storm(r: &mut Reader) {
    let storm = r
        .list()
        .iter()
        .position(|h| h.title.starts_with("Storm"))
        .unwrap();
    common::goto(r, storm);
}

fn id_of(articles: &[Article], format: Format) -> ArticleId {
    articles
        .iter()
        .find(|a| a.head.format == format && a.head.title.starts_with("Storm"))
        .unwrap()
        .head
        .id
}

#[test]
fn three_copies_are_one_row_shown_from_the_fullest() {
    let (r, articles) = reader();
    assert_eq!(articles.len(), 4);
    assert_eq!(
        r.list().len(),
        2,
        "the storm's three copies and the ferry story"
    );
    let storm = r
        .list()
        .iter()
        .find(|h| h.title.starts_with("Storm"))
        .unwrap();
    // The saved page and the dump have the whole text; the page comes first among equals.
    assert_ne!(storm.format, Format::Feed);
    let copies = r.list().copies().of(storm.id);
    assert_eq!(copies.len(), 3);
    assert_eq!(copies[0].id, storm.id);
}

#[test]
fn opening_any_copy_reads_starts_and_places_them_all() {
    let (mut r, articles) = reader();
    let ids = [
        id_of(&articles, Format::Feed),
        id_of(&articles, Format::Html),
        id_of(&articles, Format::Scraped),
    ];
    go_to_storm(&mut r);
    r.apply(Action::Open);
    for id in ids {
        assert!(r.is_read(id), "{id} read with its copies");
    }
    r.apply(Action::ToggleStar);
    for id in ids {
        assert!(r.is_starred(id), "{id} starred with its copies");
    }
    // Unread again, all of them: the marks are one.
    r.apply(Action::ToggleRead);
    assert!(ids.iter().all(|&id| !r.is_read(id)));
}

#[test]
fn copies_apart_when_clusters_are_off() {
    let (r, _) = reader_with(|r| {
        let mut config =
            broadsheet::config::load(&broadsheet::config::Source::Defaults, false).unwrap();
        config.reading.clusters = false;
        r.state.configure(&config);
        r.settle();
    });
    // Each copy its own row (their ids differ: the feed's link has a tracking parameter, the page's a
    // `www.`), as before copies were grouped.
    assert_eq!(r.list().len(), 4);
    assert!(
        r.list()
            .iter()
            .all(|h| r.list().copies().of(h.id).is_empty())
    );
}

#[test]
fn the_row_and_the_sidebar_show_the_copies() {
    let (mut r, _) = reader();
    go_to_storm(&mut r);
    focus(&mut r, Focus::Sidebar);
    insta::assert_snapshot!(draw(&r).backend());
}
