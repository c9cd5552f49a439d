//! A story's body links numbered in its text (#18): after their anchor text on screen, at every width,
//! CJK included; numbered alike in the sidebar and in `show`, which lists them at the end; and a count
//! typed before `o` opening link N, driven headlessly through actions and through keys.

mod common;

use std::fmt::Write as _;

use broadsheet::app::{Action, Focus};
use broadsheet::runner;
use broadsheet::testing::{Reader, Scripted};
use broadsheet::text::width::width;
use broadsheet::ui::Theme;
use common::{draw, fixture};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The links of the fixture page, in the order they are numbered.
const LINKS: [&str; 9] = [
    "https://courier.example/timetable",
    "https://harbour.example/crossings",
    "https://harbour.example/fares",
    "https://northline.example/",
    "https://kittiwake.example/",
    "https://kyoto.example/",
    "https://harbour.example/office",
    "https://northline.example/island",
    "https://kittiwake.example/south",
];

/// A reader on the fixture page at `w`×`h`, opened (focus on the article).
fn reading(w: u16, h: u16) -> Reader {
    let loaded = broadsheet::store::load(&[fixture("links/ferry-links.html")]);
    assert_eq!(loaded.articles.len(), 1, "{:?}", loaded.warnings);
    let mut r = Reader::new(loaded.articles, Vec::new(), Rect::new(0, 0, w, h));
    r.apply(Action::Open);
    assert_eq!(r.focus(), Focus::Article);
    r
}

/// The screen's last row.
fn status(r: &Reader) -> String {
    let terminal = draw(r);
    let buffer = terminal.backend().buffer();
    let y = buffer.area.height - 1;
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol().to_owned())
        .collect()
}

#[test]
fn links_are_numbered_after_their_text_and_in_the_sidebar() {
    let r = reading(140, 40);
    let view = r.view().unwrap();
    let urls: Vec<&str> = view.story.links.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(urls, LINKS);
    let text: Vec<&str> = view.article.lines.iter().map(|l| l.text.as_str()).collect();
    let all = text.join("\n");
    // CJK text may break before the number, as it may before any bracket.
    assert!(text.concat().contains("京都の港湾協会[6]の代表団"), "{all}");
    for marked in [
        "timetable[1]",
        "here[2]",
        "here[3]",
        "Northline Ferries[4]",
        "harbour office[7]",
        "Northline[8]",
        "Kittiwake[9]",
    ] {
        assert!(all.contains(marked), "{marked} in\n{all}");
    }
    // The sidebar numbers them alike.
    let listed: Vec<String> = view
        .sidebar
        .iter()
        .filter(|i| i.body_link)
        .map(|i| i.lines.join(" "))
        .collect();
    assert_eq!(listed[0], "[1] timetable");
    assert_eq!(listed[5], "[6] 京都の港湾協会");
    insta::assert_snapshot!(draw(&r).backend());
}

#[test]
fn numbers_stay_whole_and_dim_at_every_width() {
    let loaded = broadsheet::store::load(&[fixture("links/ferry-links.html")]);
    let story = &loaded.articles[0];
    let want = "[1][2][3][4][5][6][7]";
    for columns in 10u16..=90 {
        let reflowed = broadsheet::view::reflow::reflow(story, columns, None);
        let mut marked = Vec::new();
        for line in &reflowed.lines {
            assert!(
                width(&line.text) <= usize::from(columns),
                "{columns}: {line:?}"
            );
            for range in &line.marks {
                marked.push(line.text[range.clone()].to_owned());
            }
        }
        // Every number found in the prose is drawn dim, once, in order (the table's are in its cells).
        // Whole from 13 columns: below that, a last word and its number wider than the pane ("timetable[1]")
        // are cut as any word that long is.
        assert_eq!(marked.concat(), want, "at {columns} columns: {marked:?}");
        if columns >= 13 {
            assert_eq!(marked.len(), 7, "at {columns} columns: {marked:?}");
        }
        if columns >= 40 {
            let table: String = reflowed
                .lines
                .iter()
                .map(|l| l.full.as_deref().unwrap_or(&l.text))
                .collect();
            assert!(table.contains("Northline[8]") && table.contains("Kittiwake[9]"));
        }
    }
    // The numbers are drawn in the link-number style, the text around them in the body's.
    let r = reading(140, 40);
    let terminal = draw(&r);
    let buffer = terminal.backend().buffer();
    let theme = Theme::default();
    let (x, y) = (0..buffer.area.height)
        .find_map(|y| {
            let row: String = (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect();
            row.find("timetable[1]").map(|at| {
                let col = row[..at].chars().count() + "timetable".len();
                (u16::try_from(col).unwrap(), y)
            })
        })
        .unwrap();
    assert_eq!(buffer[(x, y)].symbol(), "[");
    assert_eq!(buffer[(x, y)].modifier, theme.link_number.add_modifier);
    assert_eq!(buffer[(x - 1, y)].modifier, theme.body.add_modifier);
}

#[test]
fn a_count_then_o_opens_that_link() {
    let mut r = reading(140, 40);
    r.apply_all([Action::Digit(3)]);
    assert_eq!(r.count(), Some(3));
    let bar = status(&r);
    assert!(
        bar.contains(" 3  o opens link 3 \u{b7} esc cancels"),
        "{bar}"
    );
    insta::assert_snapshot!("count_in_the_status_bar", bar.trim_end());
    r.apply(Action::OpenLink);
    assert_eq!(r.host.opened, [LINKS[2]]);
    assert_eq!(r.count(), None);
    assert_eq!(r.message(), Some(format!("Opening {}", LINKS[2]).as_str()));
    // Digits add up; a number past the last link says how many there are.
    r.apply_all([Action::Digit(1), Action::Digit(2), Action::OpenLink]);
    assert_eq!(r.host.opened.len(), 1);
    assert_eq!(r.message(), Some("No link 12: the links go from 1 to 9"));
    // Esc takes a count back and does nothing else; o alone opens the story's own address.
    r.apply_all([Action::Digit(8), Action::Close, Action::OpenLink]);
    assert_eq!(r.focus(), Focus::Article);
    assert_eq!(
        r.host.opened.last().map(String::as_str),
        Some("https://courier.example/harbour/ferry-links")
    );
    // Any other key uses the count up: it does not wait for a later o.
    r.apply_all([Action::Digit(9), Action::MoveDown, Action::OpenLink]);
    assert_eq!(r.host.opened.len(), 3);
    assert_eq!(
        r.host.opened.last().map(String::as_str),
        Some("https://courier.example/harbour/ferry-links")
    );
    // From the list too, once the story shows.
    common::focus(&mut r, Focus::List);
    r.apply_all([Action::Digit(9), Action::OpenLink]);
    assert_eq!(r.host.opened.last().map(String::as_str), Some(LINKS[8]));
}

#[test]
fn digit_keys_type_the_count_in_the_real_loop() {
    let mut r = reading(140, 40);
    let mut terminal = Terminal::new(TestBackend::new(140, 40)).unwrap();
    let keys = ['1', '0', 'o', '6', 'o'].map(common::char_key);
    let mut events = Scripted::events(keys);
    let exit = runner::run(
        &mut terminal,
        &mut r.state,
        &Theme::default(),
        &mut events,
        &mut r.host,
        || common::NOW,
    )
    .unwrap();
    assert_eq!(exit, runner::Exit::EndOfInput);
    assert_eq!(r.host.opened, [LINKS[5]]);
}

#[test]
fn show_numbers_the_links_and_lists_them_at_the_end() {
    let loaded = broadsheet::store::load(&[fixture("links/ferry-links.html")]);
    let text = broadsheet::view::plain::render(&loaded.articles[0], 72);
    assert!(
        text.contains("The winter timetable[1] for the Velmar"),
        "{text}"
    );
    assert!(
        text.contains("North quay to island   Northline[8]"),
        "{text}"
    );
    let listed = LINKS
        .iter()
        .enumerate()
        .fold(String::new(), |mut out, (i, url)| {
            let _ = writeln!(out, "[{}]: {url} (link)", i + 1);
            out
        });
    assert!(text.ends_with(&format!("\nLinks:\n{listed}")), "{text}");
}
