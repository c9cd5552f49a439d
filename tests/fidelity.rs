//! Article fidelity (#18) as a reader sees it: pictures, tables, numbered and nested lists, code and
//! footnotes on screen; emoji with a variation selector kept inside the pane; the story's address, a
//! link's full address and the clipboard; enclosures; pictures drawn inline with the protocol forced.

mod common;

use broadsheet::app::{Action, Focus};
use broadsheet::model::{Article, Block};
use broadsheet::testing::Reader;
use broadsheet::text::width::width;
use common::{draw, fixture, focus};
use ratatui::layout::Rect;
use ratatui_image::picker::ProtocolType;

/// A reader over the fidelity fixtures at `w`×`h`, on the story whose headline starts with `title`,
/// opened (focus on the article).
fn reading(title: &str, w: u16, h: u16) -> Reader {
    let loaded = broadsheet::store::load(&[fixture("fidelity")]);
    assert!(loaded.articles.len() >= 4, "{:?}", loaded.warnings);
    let mut r = Reader::new(loaded.articles, Vec::new(), Rect::new(0, 0, w, h));
    let at = r
        .list()
        .iter()
        .position(|s| s.title.starts_with(title))
        .unwrap();
    common::goto(&mut r, at);
    r.apply(Action::Open);
    assert_eq!(r.focus(), Focus::Article);
    r
}

/// The screen's rows as text, a cell's symbol each (a wide character's second cell is empty).
fn rows(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect()
        })
        .collect()
}

#[test]
fn emoji_with_a_variation_selector_stay_inside_the_pane() {
    let r = reading("Weekend weather", 100, 16);
    let terminal = draw(&r);
    // Every word of the story is on screen, whole: none pushed past the border, none cut in two.
    let screen = rows(&terminal).join("\n");
    for word in ["afternoon", "November.", "brings", "midday", "calm"] {
        assert!(screen.contains(word), "{word} lost:\n{screen}");
    }
    let view = r.view().unwrap();
    for line in &view.article.lines {
        assert!(
            width(&line.text) <= usize::from(view.article.width),
            "{line:?}"
        );
    }
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn tables_lists_and_code_on_screen() {
    let mut r = reading("Harbour traffic report", 140, 40);
    insta::assert_snapshot!("harbour_report_top", draw(&r).backend());
    r.apply_all([Action::HalfPageDown, Action::HalfPageDown]);
    insta::assert_snapshot!("harbour_report_lists_and_code", draw(&r).backend());
}

#[test]
fn wide_tables_and_code_are_cut_and_scroll_sideways() {
    let mut r = reading("Harbour traffic report", 100, 40);
    let view = r.view().unwrap();
    let cut: Vec<_> = view
        .article
        .lines
        .iter()
        .filter(|l| l.full.is_some())
        .collect();
    assert!(!cut.is_empty());
    assert!(cut.iter().any(|l| l.text.ends_with('\u{203a}')), "{cut:?}");
    let code = view
        .article
        .lines
        .iter()
        .find(|l| l.text.contains("def crossings"))
        .unwrap();
    assert!(code.text.starts_with("  def"), "code is set in: {code:?}");
    let widest = view.article.widest;
    assert!(widest > usize::from(view.article.width));
    r.apply_all([Action::HalfPageDown, Action::HalfPageDown]);
    let before = rows(&draw(&r)).join("\n");
    r.apply(Action::ScrollRight);
    assert!(r.article().shift() > 0);
    let after = rows(&draw(&r)).join("\n");
    assert!(after.contains('\u{2039}'), "{after}");
    assert!(after.contains("slot.runs_on(day)") && !before.contains("slot.runs_on(day)"));
    // As far right as it goes, the end of the widest line shows; left again, it is as it was.
    for _ in 0..20 {
        r.apply(Action::ScrollRight);
    }
    assert_eq!(r.article().shift(), r.max_shift());
    assert!(rows(&draw(&r)).join("\n").contains("south_berth]"));
    for _ in 0..20 {
        r.apply(Action::ScrollLeft);
    }
    assert_eq!(r.article().shift(), 0);
    assert_eq!(rows(&draw(&r)).join("\n"), before);
    // Another story starts unscrolled.
    r.apply(Action::ScrollRight);
    r.apply(Action::PrevStory);
    assert_eq!(r.article().shift(), 0);
}

#[test]
fn a_markdown_note_with_lists_footnotes_code_and_a_picture() {
    let r = reading("Tide tables", 120, 48);
    let terminal = draw(&r);
    insta::assert_snapshot!(terminal.backend());
    let screen = rows(&terminal).join("\n");
    // Items sit on consecutive lines, numbered, the nested ones set in under them.
    assert!(screen.contains("1. Find the day."));
    assert!(screen.contains("[image 1: The tide gauge at the north quay]"));
    assert!(screen.contains("[2] The mark is painted"));
}

#[test]
fn the_header_shows_the_address_and_y_copies_it() {
    let mut r = reading("Harbour traffic report", 140, 40);
    let screen = rows(&draw(&r)).join("\n");
    assert!(screen.contains("courier.example/harbour/traffic-report-2026"));
    r.apply(Action::CopyLink);
    assert_eq!(
        r.host.copied,
        ["https://courier.example/harbour/traffic-report-2026"]
    );
    assert_eq!(
        r.message(),
        Some("Copied https://courier.example/harbour/traffic-report-2026")
    );
    // A selected sidebar link: its whole address in the status bar, and y copies it.
    focus(&mut r, Focus::Sidebar);
    r.apply(Action::Bottom);
    let item = &r.sidebar_items()[r.sidebar().link()];
    let url = item.url.clone().unwrap();
    assert_eq!(url, "https://courier.example/img/unlabelled.jpg");
    let status = rows(&draw(&r)).pop().unwrap();
    assert!(status.contains(&url), "{status}");
    r.apply(Action::CopyLink);
    assert_eq!(r.host.copied.last(), Some(&url));
}

#[test]
fn the_osc_52_sequence_carries_the_text_and_nothing_else() {
    assert_eq!(
        broadsheet::tui::osc52("https://x.test/a"),
        "\u{1b}]52;c;aHR0cHM6Ly94LnRlc3QvYQ==\u{7}"
    );
    // A control character cannot end the sequence early.
    assert_eq!(
        broadsheet::tui::osc52("a\u{7}b\u{1b}"),
        broadsheet::tui::osc52("ab")
    );
}

#[test]
fn a_podcast_entry_keeps_its_enclosure() {
    let loaded = broadsheet::store::load(&[fixture("fidelity/harbour-podcast.xml")]);
    let a: &Article = &loaded.articles[0];
    assert_eq!(a.enclosures.len(), 1);
    assert_eq!(
        a.enclosures[0].url,
        "https://podcast.example/audio/episode-12.mp3"
    );
    assert_eq!(a.enclosures[0].mime.as_deref(), Some("audio/mpeg"));
    assert_eq!(a.enclosures[0].length, Some(24_117_248));
    let json = serde_json::to_value(broadsheet::model::ArticleJson::from(a)).unwrap();
    assert_eq!(
        json["enclosures"][0],
        serde_json::json!({"url": "https://podcast.example/audio/episode-12.mp3", "type": "audio/mpeg", "length": 24_117_248})
    );
    let mut r = reading("Episode 12", 140, 40);
    let view = r.view().unwrap();
    let media = view
        .sidebar
        .iter()
        .find(|i| i.heading == Some("Media"))
        .unwrap();
    assert_eq!(
        media.lines.join(" "),
        "episode-12.mp3 \u{b7} audio/mpeg \u{b7} 23 MB"
    );
    focus(&mut r, Focus::Sidebar);
    r.apply_all([Action::Bottom, Action::OpenLink]);
    assert_eq!(
        r.host.opened.last().map(String::as_str),
        Some("https://podcast.example/audio/episode-12.mp3")
    );
}

#[test]
fn pictures_on_disk_are_drawn_with_the_protocol_forced() {
    let mut r = reading("Harbour traffic report", 140, 40);
    // Without a way to draw, the picture is its line.
    assert!(r.view().unwrap().pictures.is_empty());
    r.paint_with(ProtocolType::Halfblocks);
    let view = r.view().unwrap();
    // Only the picture in the page's _files folder: the others are on the web.
    assert_eq!(view.pictures.len(), 1);
    let (first, picture) = &view.pictures[0];
    assert!(picture.rows >= 1 && picture.columns <= view.article.width);
    assert_eq!(
        view.article.lines[first - 1].text,
        "[image 1: The north quay at dawn]"
    );
    let terminal = draw(&r);
    let screen = rows(&terminal);
    let drawn = screen[*first + 2..*first + 2 + usize::from(picture.rows)]
        .iter()
        .any(|row| row.contains('\u{2580}') || row.contains('\u{2584}'));
    assert!(drawn, "{}", screen.join("\n"));
    insta::assert_snapshot!("harbour_report_halfblocks", terminal.backend());

    // Kitty: the picture's cells carry the protocol's placeholders, not text.
    let mut k = reading("Harbour traffic report", 140, 40);
    k.paint_with(ProtocolType::Kitty);
    let view = k.view().unwrap();
    assert_eq!(view.pictures.len(), 1);
    let first = view.pictures[0].0;
    let screen = rows(&draw(&k));
    assert!(
        screen[first + 2].contains('\u{10eeee}') || screen[first + 2].contains("\u{1b}_G"),
        "{:?}",
        screen[first + 2]
    );
}

#[test]
fn show_prints_the_blocks_sensibly() {
    let loaded = broadsheet::store::load(&[fixture("fidelity/tide-tables.md")]);
    let text = broadsheet::view::plain::render(&loaded.articles[0], 72);
    assert!(
        text.contains(
            "  1. Find the day.\n  2. Read the time of high water.\n     \u{2022} Morning"
        ),
        "{text}"
    );
    assert!(
        text.contains("Day    High water  Height (m)  Low water\n\u{2500}"),
        "{text}"
    );
    assert!(text.contains("[image 1: The tide gauge at the north quay]"));
    assert!(text.contains("[1] The office is open"));
    let kinds: Vec<&str> = loaded.articles[0].body.iter().map(Block::kind).collect();
    assert!(kinds.ends_with(&["footnote", "footnote"]), "{kinds:?}");
}
