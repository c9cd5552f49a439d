//! The reader driven headlessly through actions: every action, the history, following related links,
//! resizing, the mouse and the prompt, with no terminal.

mod common;

use broadsheet::app::{Action, Effect, Focus, Mode, update};
use common::{Reader, focus, goto, index_of, reader, title, type_text};

/// The help open, scrolled `scroll` rows.
fn help_at(scroll: usize) -> Mode {
    Mode::Overlay(broadsheet::app::overlay::Overlay::Help(
        broadsheet::app::help::HelpPane { scroll },
    ))
}
use ratatui::layout::Rect;

#[test]
fn moving_the_selection_previews_without_opening() {
    let mut s = reader(140, 40);
    let first = title(&s);
    s.apply(Action::MoveDown);
    assert_eq!(s.list().selected(), 1);
    assert_ne!(title(&s), first);
    assert_eq!(s.focus(), Focus::List);
    assert_eq!(
        s.list().unread(),
        s.list().all().len(),
        "a preview is not a read"
    );
    assert!(s.view().is_some(), "the preview is reflowed");
    s.apply(Action::MoveUp);
    s.apply(Action::MoveUp);
    assert_eq!(s.list().selected(), 0, "stops at the top");
}

#[test]
fn open_marks_read_and_focuses_the_article() {
    let mut s = reader(140, 40);
    s.apply(Action::Open);
    assert_eq!(s.focus(), Focus::Article);
    assert!(s.is_read(s.current().unwrap().id));
    assert_eq!(s.list().unread(), s.list().all().len() - 1);
    s.apply(Action::Open);
    assert_eq!(
        s.list().unread(),
        s.list().all().len() - 1,
        "opening twice counts once"
    );
}

#[test]
fn the_article_scrolls_by_line_page_and_to_the_ends() {
    let mut s = reader(140, 40);
    let long = index_of(&s, "06-kittiwake-comet-sample.txt");
    goto(&mut s, long);
    s.apply_all([Action::Open, Action::MoveDown, Action::MoveDown]);
    assert_eq!(s.article().scroll(), 2);
    let page = s.article_rows() - 1;
    s.apply(Action::PageDown);
    assert_eq!(s.article().scroll(), 2 + page);
    s.apply(Action::PageUp);
    assert_eq!(s.article().scroll(), 2);
    s.apply(Action::HalfPageDown);
    assert_eq!(s.article().scroll(), 2 + s.article_rows() / 2);
    s.apply(Action::HalfPageUp);
    assert_eq!(s.article().scroll(), 2);
    s.apply(Action::Bottom);
    assert_eq!(s.article().scroll(), s.max_scroll());
    assert_eq!(s.progress(), 100);
    s.apply(Action::MoveDown);
    assert_eq!(s.article().scroll(), s.max_scroll(), "never past the end");
    s.apply(Action::Top);
    assert_eq!(s.article().scroll(), 0);
}

#[test]
fn the_list_pages_and_jumps_to_its_ends() {
    let mut s = reader(140, 40);
    s.apply(Action::Bottom);
    assert_eq!(s.list().selected(), s.list().len() - 1);
    s.apply(Action::Top);
    assert_eq!(s.list().selected(), 0);
    s.apply(Action::PageDown);
    assert_eq!(
        s.list().selected(),
        s.list().len() - 1,
        "a page is longer than the sample list"
    );
}

#[test]
fn focus_cycles_through_the_panes_shown() {
    let mut s = reader(140, 40);
    s.apply_all([Action::FocusNext]);
    assert_eq!(s.focus(), Focus::Article);
    s.apply_all([Action::FocusNext]);
    assert_eq!(s.focus(), Focus::Sidebar);
    s.apply_all([Action::FocusNext]);
    assert_eq!(s.focus(), Focus::List);
    s.apply_all([Action::FocusPrev]);
    assert_eq!(s.focus(), Focus::Sidebar);
    s.apply_all([Action::FocusRight]);
    assert_eq!(s.focus(), Focus::Sidebar, "right stops at the last pane");
    s.apply_all([Action::FocusLeft, Action::FocusLeft, Action::FocusLeft]);
    assert_eq!(s.focus(), Focus::List);
    // Medium width: the sidebar is folded away until asked for.
    let mut m = reader(100, 30);
    m.apply_all([Action::FocusNext, Action::FocusNext]);
    assert_eq!(m.focus(), Focus::List);
    assert!(m.panes().sidebar.is_none());
    m.apply(Action::ToggleSidebar);
    assert!(m.panes().sidebar.is_some());
    m.apply_all([Action::FocusPrev]);
    assert_eq!(m.focus(), Focus::Sidebar);
    m.apply(Action::ToggleSidebar);
    assert!(m.panes().sidebar.is_none());
    assert_eq!(
        m.focus(),
        Focus::Article,
        "focus leaves a pane that folds away"
    );
}

#[test]
fn narrow_terminals_show_one_pane_at_a_time() {
    let mut s = reader(40, 12);
    let p = s.panes();
    assert!(p.list.is_some() && p.article.is_none() && p.sidebar.is_none());
    s.apply(Action::Open);
    let p = s.panes();
    assert!(p.list.is_none() && p.article.is_some());
    s.apply(Action::FocusLeft);
    assert!(s.panes().list.is_some());
}

#[test]
fn next_and_previous_story_open_and_stop_at_the_ends() {
    let mut s = reader(140, 40);
    s.apply(Action::NextStory);
    assert_eq!(s.list().selected(), 1);
    assert_eq!(s.focus(), Focus::Article);
    assert!(s.is_read(s.current().unwrap().id));
    s.apply(Action::PrevStory);
    assert_eq!(s.list().selected(), 0);
    s.apply(Action::PrevStory);
    assert_eq!(s.list().selected(), 0);
    assert_eq!(s.message(), Some("This is the first story"));
    s.apply(Action::Bottom);
    focus(&mut s, Focus::List);
    s.apply(Action::Bottom);
    s.apply(Action::NextStory);
    assert_eq!(s.message(), Some("This is the last story"));
}

#[test]
fn next_unread_skips_read_stories() {
    let mut s = reader(140, 40);
    s.apply_all([Action::NextStory, Action::NextStory]); // read 1 and 2
    focus(&mut s, Focus::List);
    s.apply_all([Action::Top, Action::NextUnread]);
    assert_eq!(
        s.list().selected(),
        0,
        "the previewed first story is unread and not yet opened: n opens it"
    );
    assert!(s.is_read(s.current().unwrap().id));
    s.apply(Action::NextUnread);
    assert_eq!(s.list().selected(), 3, "1 and 2 are read");
    s.apply(Action::PrevUnread);
    assert_eq!(s.message(), Some("No unread stories above"));
    focus(&mut s, Focus::List);
    s.apply(Action::Bottom);
    s.apply(Action::NextUnread);
    assert_eq!(
        s.list().selected(),
        s.list().len() - 1,
        "the last story, previewed, opens"
    );
    s.apply(Action::NextUnread);
    assert_eq!(s.message(), Some("No unread stories below"));
    s.apply(Action::PrevUnread);
    assert_eq!(s.list().selected(), s.list().len() - 2);
}

#[test]
fn back_and_forward_restore_story_and_scroll() {
    let mut s = reader(140, 40);
    let long = index_of(&s, "06-kittiwake-comet-sample.txt");
    goto(&mut s, long);
    s.apply_all([
        Action::Open,
        Action::MoveDown,
        Action::MoveDown,
        Action::MoveDown,
    ]);
    let long_title = title(&s);
    s.apply(Action::NextStory);
    assert_ne!(title(&s), long_title);
    s.apply(Action::MoveDown);
    s.apply(Action::Back);
    assert_eq!(title(&s), long_title);
    assert_eq!(s.article().scroll(), 3, "with its scroll position");
    s.apply(Action::Forward);
    assert_eq!(s.list().selected(), long + 1);
    assert_eq!(s.article().scroll(), 1);
    s.apply(Action::Forward);
    assert_eq!(s.message(), Some("Nothing to go forward to"));
    // Back to the long story, then to where the go-to started, then no further.
    s.apply_all([Action::Back, Action::Back]);
    assert_eq!(s.list().selected(), 0);
    s.apply(Action::Back);
    assert_eq!(s.message(), Some("Nothing to go back to"));
}

#[test]
fn back_returns_to_a_story_only_previewed() {
    let mut s = reader(140, 40);
    s.apply_all([Action::MoveDown, Action::MoveDown]);
    let previewed = title(&s);
    s.apply(Action::NextStory);
    s.apply(Action::Back);
    assert_eq!(title(&s), previewed);
}

#[test]
fn following_a_related_link_jumps_and_back_returns() {
    let mut s = reader(140, 40);
    let walks = index_of(&s, "05-afternoon-walks-sleep.txt");
    let cup = index_of(&s, "04-coastal-cup-final.txt");
    goto(&mut s, walks);
    s.apply_all([Action::Open, Action::MoveDown, Action::FocusNext]);
    assert_eq!(s.focus(), Focus::Sidebar);
    assert_eq!(s.sidebar().link(), 0);
    s.apply(Action::Open);
    assert_eq!(s.list().selected(), cup);
    assert_eq!(s.focus(), Focus::Article);
    assert!(s.is_read(s.current().unwrap().id));
    s.apply(Action::Back);
    assert_eq!(s.list().selected(), walks);
    assert_eq!(s.article().scroll(), 1);
}

#[test]
fn an_unresolved_link_says_so_and_stays() {
    let mut s = reader(140, 40);
    let walks = index_of(&s, "05-afternoon-walks-sleep.txt");
    goto(&mut s, walks);
    focus(&mut s, Focus::Sidebar);
    s.apply_all([Action::Bottom]);
    assert!(
        s.view().unwrap().story.related[s.sidebar().link()]
            .target
            .is_none()
    );
    s.apply(Action::Open);
    assert_eq!(s.list().selected(), walks);
    assert_eq!(s.message(), Some("That teaser points to no stored story"));
    s.apply_all([Action::MoveUp]);
    assert_eq!(s.sidebar().link(), 1);
}

#[test]
fn help_opens_scrolls_and_closes_without_quitting() {
    let mut s = reader(140, 20);
    s.apply(Action::Help);
    assert_eq!(*s.mode(), help_at(0));
    s.apply(Action::MoveDown);
    assert_eq!(*s.mode(), help_at(1));
    let before = s.list().selected();
    s.apply(Action::NextStory);
    assert_eq!(
        s.list().selected(),
        before,
        "other actions wait while help is open"
    );
    s.apply(Action::Quit);
    assert_eq!(*s.mode(), Mode::Normal);
    assert!(!s.quit, "q closes the overlay first");
    s.apply_all([Action::Help, Action::Close]);
    assert_eq!(*s.mode(), Mode::Normal);
    s.apply(Action::Quit);
    assert!(s.quit);
}

#[test]
fn suspend_is_requested_from_the_state() {
    let mut s = reader(80, 24);
    s.apply(Action::Suspend);
    assert_eq!(s.host.suspended, 1);
}

#[test]
fn on_resize_the_paragraph_at_the_top_stays_at_the_top() {
    let mut s = reader(140, 40);
    let long = index_of(&s, "06-kittiwake-comet-sample.txt");
    goto(&mut s, long);
    s.apply(Action::Open);
    for _ in 0..40 {
        s.apply(Action::MoveDown);
    }
    let top_block =
        |s: &broadsheet::app::State| s.view().unwrap().article.lines[s.article().scroll()].block;
    // Scroll to the first line of a block, as the anchor is the block at the top.
    while s.view().unwrap().article.lines[s.article().scroll()].kind
        != broadsheet::view::reflow::LineKind::Blank
    {
        s.apply(Action::MoveDown);
    }
    let block = top_block(&s);
    for (w, h) in [(100, 30), (80, 24), (61, 20), (140, 40), (200, 50)] {
        s.apply(Action::Resize(w, h));
        assert_eq!(top_block(&s), block, "at {w}x{h}");
    }
}

#[test]
fn the_mouse_selects_and_scrolls_the_pane_under_it() {
    let mut s = reader(140, 40);
    let list = s.panes().list.unwrap();
    s.apply(Action::Click(list.x + 5, list.y + 1 + 3));
    assert_eq!(s.list().selected(), 3);
    assert_eq!(s.focus(), Focus::List);
    let article = s.panes().article.unwrap();
    s.apply(Action::Scroll(article.x + 5, article.y + 5, 3));
    assert_eq!(s.article().scroll(), 3);
    assert_eq!(s.focus(), Focus::List, "the wheel does not move focus");
    s.apply(Action::Scroll(list.x + 5, list.y + 5, 3));
    assert_eq!(s.list().selected(), 6);
    let side = s.panes().sidebar.unwrap();
    // Row 0 is the heading; the first item starts on row 1, the second after its lines and a blank.
    let first_height = s.view().unwrap().sidebar[0].height();
    s.apply(Action::Click(
        side.x + 3,
        side.y + 1 + 1 + u16::try_from(first_height).unwrap(),
    ));
    assert_eq!(s.focus(), Focus::Sidebar);
    assert_eq!(s.sidebar().link(), 1);
    s.apply(Action::Click(article.x + 3, article.y + 3));
    assert_eq!(s.focus(), Focus::Article);
}

#[test]
fn quit_sets_quit() {
    let mut s = reader(140, 40);
    s.apply(Action::Quit);
    assert!(s.quit);
}

#[test]
fn warnings_are_announced_and_listed_in_help() {
    let store = broadsheet::samples::load();
    let warnings = vec![broadsheet::store::Warning {
        path: "news/bad.txt".into(),
        reason: "binary file (holds NUL bytes)".into(),
    }];
    let s = Reader::new(store.articles, warnings, Rect::new(0, 0, 140, 40));
    assert_eq!(s.message(), Some("1 file skipped or damaged (? shows why)"));
    let rows = broadsheet::app::help::rows(&s);
    assert!(rows.iter().any(|r| matches!(r, broadsheet::app::overlay::Row::Text(t) if t == "news/bad.txt: binary file (holds NUL bytes)")));
}

#[test]
fn the_go_to_prompt_types_edits_and_goes() {
    let mut s = reader(140, 40);
    s.apply(Action::Goto);
    assert!(matches!(s.mode(), Mode::Prompt(_)));
    type_text(&mut s, "j7");
    s.apply(Action::DeleteBack);
    s.apply(Action::DeleteBack);
    type_text(&mut s, "5");
    s.apply(Action::Submit);
    assert_eq!(*s.mode(), Mode::Normal);
    assert_eq!(s.list().selected(), 4, "story 5 is at position 4");
    assert_eq!(s.focus(), Focus::List, "going to a story previews it");
    s.apply(Action::Back);
    assert_eq!(
        s.list().selected(),
        0,
        "back returns to where the jump started"
    );
    s.apply_all([
        Action::Goto,
        Action::Insert('9'),
        Action::Insert('9'),
        Action::Submit,
    ]);
    assert_eq!(s.list().selected(), 0);
    assert_eq!(s.message(), Some("No story 99: the list goes from 1 to 10"));
    s.apply_all([Action::Goto, Action::Insert('3'), Action::Cancel]);
    assert_eq!(s.list().selected(), 0, "cancel goes nowhere");
    assert_eq!(*s.mode(), Mode::Normal);
}

#[test]
fn a_story_not_parsed_yet_shows_its_headline_and_loads_once() {
    let store = broadsheet::samples::load();
    let mut state = common::unloaded(140, 40);
    let first = state.take_effects();
    assert!(matches!(first.as_slice(), [Effect::Load { .. }]));
    let view = state.view().expect("a placeholder shows at once");
    assert!(view.placeholder);
    assert!(
        view.article
            .lines
            .iter()
            .any(|l| l.text == broadsheet::app::article::LOADING)
    );
    // Holding j: each press asks for the story it lands on; none waits for a parse.
    let mut asked = Vec::new();
    for _ in 0..3 {
        for effect in update(&mut state, Action::MoveDown, common::NOW) {
            if let Effect::Load { headline, .. } = effect {
                asked.push(headline.id);
            }
        }
    }
    assert_eq!(state.list().selected(), 3);
    assert_eq!(asked.len(), 3);
    assert_eq!(asked[2], state.current().unwrap().id);
    // A story that arrives late for a story no longer selected is kept, not shown.
    let late = broadsheet::action::Loaded {
        id: store.articles[1].head.id,
        generation: 0,
        story: std::sync::Arc::new(store.articles[1].clone()),
        view: None,
    };
    let _ = update(&mut state, Action::Loaded(late), common::NOW);
    assert!(state.view().unwrap().placeholder);
    // Moving back to it needs no parse.
    let _ = update(&mut state, Action::MoveUp, common::NOW);
    let effects = update(&mut state, Action::MoveUp, common::NOW);
    assert_eq!(state.list().selected(), 1);
    assert!(!effects.iter().any(|e| matches!(e, Effect::Load { .. })));
    assert!(!state.view().unwrap().placeholder);
    assert_eq!(
        state.view().unwrap().story.head.title,
        store.articles[1].head.title
    );
}
