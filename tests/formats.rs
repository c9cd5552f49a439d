//! A folder of mixed files (saved HTML, RSS, Atom, JSON Feed, Markdown with TOML and YAML front matter, and
//! the scraped seed) opens as one list; each format maps to the model; bad files of each kind are warned.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use broadsheet::model::{Article, ArticleId, Block, Format};
use broadsheet::store::{self, Store};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats")
}

fn mixed() -> Store {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed_scraped_afp.txt");
    store::load(&[fixtures(), seed])
}

fn story<'a>(s: &'a Store, title: &str) -> &'a Article {
    s.articles
        .iter()
        .find(|a| a.head.title == title)
        .unwrap_or_else(|| panic!("{title} not loaded"))
}

#[test]
fn a_mixed_folder_is_one_list() {
    let mut s = mixed();
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    let formats: Vec<Format> = s.articles.iter().map(|a| a.head.format).collect();
    for f in [
        Format::Scraped,
        Format::Html,
        Format::Feed,
        Format::Markdown,
    ] {
        assert!(formats.contains(&f), "{f:?}");
    }
    // The ferry story is in both the RSS and the Atom file: one story, by its URL.
    assert_eq!(
        s.articles
            .iter()
            .filter(|a| a.head.title == "Ferries return to the north pier")
            .count(),
        2
    );
    s.dedupe();
    assert_eq!(
        s.articles
            .iter()
            .filter(|a| a.head.title == "Ferries return to the north pier")
            .count(),
        1
    );
    assert_eq!(
        s.articles.len(),
        1 + 2 + 2 + 1 + 1 + 2,
        "seed, two pages, RSS + Atom (one shared), JSON, two notes"
    );
    // Newest first where dated.
    assert_eq!(s.articles[0].head.title, "Ferries return to the north pier");
}

#[test]
fn a_saved_page_reads_cleanly() {
    let s = mixed();
    let a = story(&s, "Velmar opens its new sea wall after a decade of storms");
    assert_eq!(a.head.format, Format::Html);
    assert_eq!(a.head.section.as_deref(), Some("World"));
    assert_eq!(a.head.byline.as_deref(), Some("Ines Vardy"));
    assert_eq!(
        a.head.url.as_deref(),
        Some("https://courier.example/world/velmar-sea-wall")
    );
    assert_eq!(
        a.head.id,
        ArticleId::from_url("https://courier.example/world/velmar-sea-wall")
    );
    assert_eq!(
        a.head.published.unwrap().to_rfc3339(),
        "2026-11-21T09:30:00+01:00"
    );
    let kinds: Vec<&str> = a.body.iter().map(Block::kind).collect();
    for k in [
        "paragraph",
        "subhead",
        "image",
        "quote",
        "list_item",
        "preformatted",
    ] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    // The figure's picture carries its caption and credit.
    let caption = a.body.iter().find(|b| b.kind() == "image").unwrap();
    assert_eq!(
        (caption.text(), caption.credit()),
        ("The new wall at high tide", Some("Photo: Tomas Reyne"))
    );
    let all: String = a
        .body
        .iter()
        .map(Block::text)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        !all.contains("Home") && !all.contains("The Velmar Courier"),
        "no navigation or footer: {all}"
    );
    assert_eq!(a.links.len(), 1);
    assert_eq!(
        a.links[0].url,
        "https://courier.example/world/velmar-budget"
    );
}

#[test]
fn breadcrumbs_give_the_section_and_relative_links_resolve() {
    let s = mixed();
    let a = story(&s, "Ostrevik fish market moves to the old tram depot");
    assert_eq!(a.head.section.as_deref(), Some("Business"));
    assert_eq!(a.head.source, None);
    assert_eq!(a.links[0].url, "https://post.example/business/depot-plans");
}

#[test]
fn feed_entries_and_notes_map_to_the_model() {
    let s = mixed();
    let rss = story(&s, "Fish market moves indoors");
    assert_eq!(
        (rss.head.format, rss.head.section.as_deref(), rss.head.entry),
        (Format::Feed, Some("Business"), 1)
    );
    // The feed's title is the source the list shows; the article's line has both.
    assert_eq!(
        broadsheet::model::Headline::from(rss).label(),
        Some("Harbour Wire")
    );
    assert!(
        broadsheet::view::plain::meta_line(rss, None)
            .starts_with("Business \u{b7} Harbour Wire \u{b7} 23 November 2026")
    );
    let atom = story(&s, "Lighthouse keeper retires");
    assert_eq!(atom.head.section.as_deref(), Some("Life"));
    assert_eq!(
        atom.body,
        vec![Block::Paragraph(
            "After forty years, the keeper hands over the keys.".into()
        )]
    );
    let json = story(&s, "Night markets return to Ostrevik");
    assert_eq!(
        (json.head.byline.as_deref(), json.head.section.as_deref()),
        (Some("Li Wei"), Some("Life"))
    );
    let note = story(&s, "Notes on the spring tides");
    assert_eq!(
        (note.head.format, note.head.byline.as_deref()),
        (Format::Markdown, Some("Ana Ruiz"))
    );
    assert_eq!(
        note.related[0].target.map(|_| ()),
        Some(()),
        "the note's related title resolves to the feed story"
    );
    assert_eq!(note.links[0].url, "https://harbour.example/log");
    let fair = story(&s, "The autumn fair, in brief");
    assert_eq!(fair.head.section.as_deref(), Some("Life"));
}

#[test]
fn bad_files_of_every_kind_are_warned_and_nothing_else_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("broken.xml"),
        "<?xml version=\"1.0\"?><rss><channel><title>x</title><item><title>cut",
    )
    .unwrap();
    fs::write(
        d.join("empty-feed.xml"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Empty</title></channel></rss>",
    )
    .unwrap();
    fs::write(
        d.join("data.json"),
        "{\"name\": \"not a feed\", \"items\": 3}",
    )
    .unwrap();
    let deep = format!(
        "<html><body>{}<p>deep</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    fs::write(d.join("deep.html"), deep).unwrap();
    let mut huge = b"<html><body>".to_vec();
    huge.resize(100 * 1024 * 1024, b'a');
    fs::write(d.join("huge.html"), huge).unwrap();
    // Declared UTF-8, written in Latin-1.
    let latin1: Vec<u8> = "<html><head><meta charset=\"utf-8\"><title>Caf\u{e9} prices rise again this winter</title></head><body><article><p>The caf\u{e9} owners of the old quarter said on Monday that prices would rise again this winter, blaming the cost of milk and of heating.</p><p>Customers said they would come anyway, for now.</p></article></body></html>"
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    fs::write(d.join("latin1.html"), latin1).unwrap();
    fs::copy(fixtures().join("wire.rss"), d.join("wire.rss")).unwrap();
    let s = store::load(&[d.to_path_buf()]);
    let reason = |name: &str| {
        s.warnings
            .iter()
            .find(|w| w.path.ends_with(name))
            .map(|w| w.reason.clone())
            .unwrap_or_default()
    };
    assert!(
        reason("broken.xml").starts_with("not a readable feed"),
        "{}",
        reason("broken.xml")
    );
    assert_eq!(reason("empty-feed.xml"), "the feed has no entries");
    assert!(reason("data.json").starts_with("not a readable feed"));
    assert_eq!(
        reason("deep.html"),
        "nested 10,003 deep; over the 512 limit"
    );
    assert!(reason("huge.html").starts_with("too large"));
    assert!(reason("latin1.html").contains("Windows-1252"));
    let titles: Vec<&str> = s.articles.iter().map(|a| a.head.title.as_str()).collect();
    assert!(
        titles.contains(&"Caf\u{e9} prices rise again this winter"),
        "{titles:?}"
    );
    assert!(titles.contains(&"Ferries return to the north pier"));
    assert_eq!(s.articles.len(), 3);
}

#[test]
fn the_sidebar_lists_body_links_and_o_asks_to_open_them() {
    use broadsheet::app::{Action, Focus};
    use broadsheet::testing::Reader;
    use ratatui::layout::Rect;

    let s = mixed();
    let mut r = Reader::new(s.articles, s.warnings, Rect::new(0, 0, 140, 40));
    let page = r
        .list()
        .iter()
        .position(|h| h.format == Format::Html)
        .unwrap();
    common::goto(&mut r, page);
    let view = r.view().unwrap();
    assert_eq!(view.sidebar.len(), 4);
    assert_eq!(view.sidebar[0].heading, Some("You may also like"));
    assert_eq!(view.sidebar[2].heading, Some("Links"));
    assert!(view.sidebar[2].body_link);
    // The figure's picture is listed by its web address, never fetched.
    assert_eq!(view.sidebar[3].heading, Some("Images"));
    assert_eq!(view.sidebar[3].lines, ["[image 1]"]);
    // With two teasers of its own, the sidebar also lists stories like it, between teasers and links.
    let items = r.sidebar_items();
    let links = items
        .iter()
        .position(|i| i.heading == Some("Links"))
        .unwrap();
    assert!(links >= 2);
    assert!(items[2..links].iter().all(|i| i.opens.is_some()));
    // o outside the sidebar: the story's own address.
    r.apply(Action::OpenLink);
    assert_eq!(
        r.host.opened.last().map(String::as_str),
        Some("https://courier.example/world/velmar-sea-wall")
    );
    // Enter on a body link in the sidebar opens it too.
    common::focus(&mut r, Focus::Sidebar);
    for _ in 0..links {
        r.apply(Action::MoveDown);
    }
    r.apply(Action::Open);
    assert_eq!(r.sidebar().link(), links);
    assert_eq!(
        r.host.opened.last().map(String::as_str),
        Some("https://courier.example/world/velmar-budget")
    );
    // A scraped page has no address: nothing is opened, and the reader says so.
    let scraped = r
        .list()
        .iter()
        .position(|h| h.format == Format::Scraped)
        .unwrap();
    common::focus(&mut r, Focus::List);
    common::goto(&mut r, scraped);
    let opened = r.host.opened.len();
    r.apply(Action::OpenLink);
    assert_eq!(r.host.opened.len(), opened);
    assert_eq!(r.message(), Some("No web address to open here"));
}
