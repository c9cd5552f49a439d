//! Whole screens as pictures: snapshots at the sizes people use, every tiny size without a panic, wide
//! characters kept inside their panes, and the event loop run on a test backend.

use broadsheet::app::{Action, Focus, State, update};
use broadsheet::config::keymap::Keymap;
use broadsheet::runner::{self, Scripted};
use broadsheet::samples;
use broadsheet::ui::{self, Theme};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn reader(width: u16, height: u16) -> State {
    let store = samples::load();
    State::new(
        store.articles,
        store.warnings,
        Keymap::default_keys(),
        Rect::new(0, 0, width, height),
    )
}

fn draw(state: &State) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(state.size.width, state.size.height)).unwrap();
    terminal
        .draw(|f| ui::render(state, &Theme::default(), f))
        .unwrap();
    terminal
}

#[test]
fn screen_140x40() {
    insta::assert_snapshot!(draw(&reader(140, 40)).backend());
}

#[test]
fn screen_100x30_reading() {
    let mut s = reader(100, 30);
    for a in [Action::MoveDown, Action::Open, Action::PageDown] {
        update(&mut s, a);
    }
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn screen_80x24_sidebar_shown_and_focused() {
    let mut s = reader(80, 24);
    for a in [Action::ToggleSidebar, Action::FocusPrev, Action::MoveDown] {
        update(&mut s, a);
    }
    assert_eq!(s.focus, Focus::Sidebar);
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn screen_40x12_list_then_article() {
    let mut s = reader(40, 12);
    insta::assert_snapshot!("screen_40x12_list", draw(&s).backend());
    update(&mut s, Action::Open);
    insta::assert_snapshot!("screen_40x12_article", draw(&s).backend());
}

#[test]
fn screen_help_overlay() {
    let mut s = reader(100, 30);
    update(&mut s, Action::Help);
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn every_tiny_size_draws_without_panic() {
    for w in 1..=20 {
        for h in 1..=6 {
            for focus in [Focus::List, Focus::Article, Focus::Sidebar] {
                let mut s = reader(w, h);
                s.focus = focus;
                for a in [Action::Open, Action::PageDown, Action::Help] {
                    update(&mut s, a);
                    let t = draw(&s);
                    let first = t
                        .backend()
                        .buffer()
                        .content()
                        .iter()
                        .map(ratatui::buffer::Cell::symbol)
                        .collect::<String>();
                    assert!(!first.trim().is_empty(), "{w}x{h} draws something");
                }
            }
        }
    }
    let t = draw(&reader(12, 3));
    let top: String = (0..12)
        .map(|x| t.backend().buffer()[(x, 0)].symbol().to_owned())
        .collect();
    assert_eq!(top.trim_end(), "too small");
}

#[test]
fn cjk_lines_never_overflow_their_pane() {
    for (w, h) in [
        (140, 40),
        (121, 30),
        (100, 30),
        (83, 24),
        (61, 20),
        (45, 12),
    ] {
        let mut s = reader(w, h);
        let kyoto = s
            .listed
            .iter()
            .position(|&i| s.headlines[i].path.ends_with("08-kyoto-quiet-sea.txt"))
            .unwrap();
        s.selected = kyoto;
        s.enter_story();
        update(&mut s, Action::ToggleSidebar);
        update(&mut s, Action::ToggleSidebar);
        for a in [Action::MoveUp, Action::MoveDown, Action::Open] {
            update(&mut s, a);
        }
        let t = draw(&s);
        let buffer = t.backend().buffer();
        let panes = s.panes();
        for rect in [panes.list, panes.article, panes.sidebar]
            .into_iter()
            .flatten()
        {
            for y in rect.y + 1..rect.y + rect.height - 1 {
                for x in [rect.x, rect.x + rect.width - 1] {
                    let symbol = buffer[(x, y)].symbol();
                    let border = ["\u{2502}", "\u{2503}", "\u{2588}", "\u{2551}"].contains(&symbol);
                    assert!(border, "{w}x{h}: border cell ({x},{y}) holds {symbol:?}");
                }
            }
        }
    }
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

#[test]
fn the_event_loop_reads_keys_and_quits() {
    let mut state = reader(100, 30);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    let events: Vec<Event> = vec![
        key(KeyCode::Char('j')),
        Event::Key(release),
        key(KeyCode::Enter),
        Event::Resize(60, 20),
        Event::Resize(140, 40),
        Event::Resize(100, 30),
        key(KeyCode::Char('J')),
        key(KeyCode::Char('q')),
        key(KeyCode::Char('j')),
    ];
    let mut source = Scripted::events(events);
    runner::run(&mut terminal, &mut state, &Theme::default(), &mut source).unwrap();
    assert!(state.quit);
    assert_eq!(
        state.selected, 2,
        "the release was ignored; the key after q was never read"
    );
    assert_eq!(state.unread, state.headlines.len() - 2);
    assert_eq!(source.0.len(), 1);
}
