//! The reader driven headlessly through actions: every action, the history, following related links,
//! resizing and the mouse, with no terminal.

use broadsheet::app::state::Overlay;
use broadsheet::app::{Action, Focus, State, update};
use broadsheet::config::keymap::Keymap;
use broadsheet::samples;
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

fn apply(state: &mut State, actions: &[Action]) {
    for a in actions {
        update(state, *a);
    }
}

fn title(state: &State) -> &str {
    &state.current().unwrap().title
}

fn index_of(state: &State, file: &str) -> usize {
    state
        .listed
        .iter()
        .position(|&i| state.headlines[i].path.ends_with(file))
        .unwrap()
}

#[test]
fn moving_the_selection_previews_without_opening() {
    let mut s = reader(140, 40);
    let first = title(&s).to_owned();
    update(&mut s, Action::MoveDown);
    assert_eq!(s.selected, 1);
    assert_ne!(title(&s), first);
    assert_eq!(s.focus, Focus::List);
    assert_eq!(s.unread, s.headlines.len(), "a preview is not a read");
    assert!(s.view().is_some(), "the preview is reflowed");
    update(&mut s, Action::MoveUp);
    update(&mut s, Action::MoveUp);
    assert_eq!(s.selected, 0, "stops at the top");
}

#[test]
fn open_marks_read_and_focuses_the_article() {
    let mut s = reader(140, 40);
    update(&mut s, Action::Open);
    assert_eq!(s.focus, Focus::Article);
    assert!(s.is_read(s.current().unwrap().id));
    assert_eq!(s.unread, s.headlines.len() - 1);
    update(&mut s, Action::Open);
    assert_eq!(s.unread, s.headlines.len() - 1, "opening twice counts once");
}

#[test]
fn the_article_scrolls_by_line_page_and_to_the_ends() {
    let mut s = reader(140, 40);
    let long = index_of(&s, "06-kittiwake-comet-sample.txt");
    s.selected = long;
    s.enter_story();
    apply(&mut s, &[Action::Open, Action::MoveDown, Action::MoveDown]);
    assert_eq!(s.scroll, 2);
    let page = s.article_rows() - 1;
    update(&mut s, Action::PageDown);
    assert_eq!(s.scroll, 2 + page);
    update(&mut s, Action::PageUp);
    assert_eq!(s.scroll, 2);
    update(&mut s, Action::HalfPageDown);
    assert_eq!(s.scroll, 2 + s.article_rows() / 2);
    update(&mut s, Action::HalfPageUp);
    assert_eq!(s.scroll, 2);
    update(&mut s, Action::Bottom);
    assert_eq!(s.scroll, s.max_scroll());
    assert_eq!(s.progress(), 100);
    update(&mut s, Action::MoveDown);
    assert_eq!(s.scroll, s.max_scroll(), "never past the end");
    update(&mut s, Action::Top);
    assert_eq!(s.scroll, 0);
}

#[test]
fn the_list_pages_and_jumps_to_its_ends() {
    let mut s = reader(140, 40);
    update(&mut s, Action::Bottom);
    assert_eq!(s.selected, s.listed.len() - 1);
    update(&mut s, Action::Top);
    assert_eq!(s.selected, 0);
    update(&mut s, Action::PageDown);
    assert_eq!(
        s.selected,
        s.listed.len() - 1,
        "a page is longer than the sample list"
    );
}

#[test]
fn focus_cycles_through_the_panes_shown() {
    let mut s = reader(140, 40);
    apply(&mut s, &[Action::FocusNext]);
    assert_eq!(s.focus, Focus::Article);
    apply(&mut s, &[Action::FocusNext]);
    assert_eq!(s.focus, Focus::Sidebar);
    apply(&mut s, &[Action::FocusNext]);
    assert_eq!(s.focus, Focus::List);
    apply(&mut s, &[Action::FocusPrev]);
    assert_eq!(s.focus, Focus::Sidebar);
    apply(&mut s, &[Action::FocusRight]);
    assert_eq!(s.focus, Focus::Sidebar, "right stops at the last pane");
    apply(
        &mut s,
        &[Action::FocusLeft, Action::FocusLeft, Action::FocusLeft],
    );
    assert_eq!(s.focus, Focus::List);
    // Medium width: the sidebar is folded away until asked for.
    let mut m = reader(100, 30);
    apply(&mut m, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(m.focus, Focus::List);
    assert!(m.panes().sidebar.is_none());
    update(&mut m, Action::ToggleSidebar);
    assert!(m.panes().sidebar.is_some());
    apply(&mut m, &[Action::FocusPrev]);
    assert_eq!(m.focus, Focus::Sidebar);
    update(&mut m, Action::ToggleSidebar);
    assert!(m.panes().sidebar.is_none());
    assert_eq!(
        m.focus,
        Focus::Article,
        "focus leaves a pane that folds away"
    );
}

#[test]
fn narrow_terminals_show_one_pane_at_a_time() {
    let mut s = reader(40, 12);
    let p = s.panes();
    assert!(p.list.is_some() && p.article.is_none() && p.sidebar.is_none());
    update(&mut s, Action::Open);
    let p = s.panes();
    assert!(p.list.is_none() && p.article.is_some());
    update(&mut s, Action::FocusLeft);
    assert!(s.panes().list.is_some());
}

#[test]
fn next_and_previous_story_open_and_stop_at_the_ends() {
    let mut s = reader(140, 40);
    update(&mut s, Action::NextStory);
    assert_eq!(s.selected, 1);
    assert_eq!(s.focus, Focus::Article);
    assert!(s.is_read(s.current().unwrap().id));
    update(&mut s, Action::PrevStory);
    assert_eq!(s.selected, 0);
    update(&mut s, Action::PrevStory);
    assert_eq!(s.selected, 0);
    assert_eq!(s.message.as_deref(), Some("This is the first story"));
    update(&mut s, Action::Bottom);
    s.focus = Focus::List;
    update(&mut s, Action::Bottom);
    update(&mut s, Action::NextStory);
    assert_eq!(s.message.as_deref(), Some("This is the last story"));
}

#[test]
fn next_unread_skips_read_stories() {
    let mut s = reader(140, 40);
    apply(&mut s, &[Action::NextStory, Action::NextStory]); // read 1 and 2
    s.focus = Focus::List;
    apply(&mut s, &[Action::Top, Action::NextUnread]);
    assert_eq!(
        s.selected, 0,
        "the previewed first story is unread and not yet opened: n opens it"
    );
    assert!(s.is_read(s.current().unwrap().id));
    update(&mut s, Action::NextUnread);
    assert_eq!(s.selected, 3, "1 and 2 are read");
    update(&mut s, Action::PrevUnread);
    assert_eq!(s.message.as_deref(), Some("No unread stories above"));
    s.focus = Focus::List;
    update(&mut s, Action::Bottom);
    update(&mut s, Action::NextUnread);
    assert_eq!(
        s.selected,
        s.listed.len() - 1,
        "the last story, previewed, opens"
    );
    update(&mut s, Action::NextUnread);
    assert_eq!(s.message.as_deref(), Some("No unread stories below"));
    update(&mut s, Action::PrevUnread);
    assert_eq!(s.selected, s.listed.len() - 2);
}

#[test]
fn back_and_forward_restore_story_and_scroll() {
    let mut s = reader(140, 40);
    let long = index_of(&s, "06-kittiwake-comet-sample.txt");
    s.selected = long;
    s.enter_story();
    apply(
        &mut s,
        &[
            Action::Open,
            Action::MoveDown,
            Action::MoveDown,
            Action::MoveDown,
        ],
    );
    let long_title = title(&s).to_owned();
    update(&mut s, Action::NextStory);
    assert_ne!(title(&s), long_title);
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::Back);
    assert_eq!(title(&s), long_title);
    assert_eq!(s.scroll, 3, "with its scroll position");
    update(&mut s, Action::Forward);
    assert_eq!(s.selected, long + 1);
    assert_eq!(s.scroll, 1);
    update(&mut s, Action::Forward);
    assert_eq!(s.message.as_deref(), Some("Nothing to go forward to"));
    apply(&mut s, &[Action::Back, Action::Back]);
    assert_eq!(s.message.as_deref(), Some("Nothing to go back to"));
}

#[test]
fn back_returns_to_a_story_only_previewed() {
    let mut s = reader(140, 40);
    apply(&mut s, &[Action::MoveDown, Action::MoveDown]);
    let previewed = title(&s).to_owned();
    update(&mut s, Action::NextStory);
    update(&mut s, Action::Back);
    assert_eq!(title(&s), previewed);
}

#[test]
fn following_a_related_link_jumps_and_back_returns() {
    let mut s = reader(140, 40);
    let walks = index_of(&s, "05-afternoon-walks-sleep.txt");
    let cup = index_of(&s, "04-coastal-cup-final.txt");
    s.selected = walks;
    s.enter_story();
    apply(&mut s, &[Action::Open, Action::MoveDown, Action::FocusNext]);
    assert_eq!(s.focus, Focus::Sidebar);
    assert_eq!(s.link, 0);
    update(&mut s, Action::Open);
    assert_eq!(s.selected, cup);
    assert_eq!(s.focus, Focus::Article);
    assert!(s.is_read(s.current().unwrap().id));
    update(&mut s, Action::Back);
    assert_eq!(s.selected, walks);
    assert_eq!(s.scroll, 1);
}

#[test]
fn an_unresolved_link_says_so_and_stays() {
    let mut s = reader(140, 40);
    let walks = index_of(&s, "05-afternoon-walks-sleep.txt");
    s.selected = walks;
    s.enter_story();
    s.focus = Focus::Sidebar;
    apply(&mut s, &[Action::Bottom]);
    assert!(s.view().unwrap().story.related[s.link].target.is_none());
    update(&mut s, Action::Open);
    assert_eq!(s.selected, walks);
    assert_eq!(
        s.message.as_deref(),
        Some("That teaser points to no stored story")
    );
    apply(&mut s, &[Action::MoveUp]);
    assert_eq!(s.link, 1);
}

#[test]
fn help_opens_scrolls_and_closes_without_quitting() {
    let mut s = reader(140, 20);
    update(&mut s, Action::Help);
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 0 }));
    update(&mut s, Action::MoveDown);
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: 1 }));
    let before = s.selected;
    update(&mut s, Action::NextStory);
    assert_eq!(s.selected, before, "other actions wait while help is open");
    update(&mut s, Action::Quit);
    assert_eq!(s.overlay, None);
    assert!(!s.quit, "q closes the overlay first");
    apply(&mut s, &[Action::Help, Action::Close]);
    assert_eq!(s.overlay, None);
    update(&mut s, Action::Quit);
    assert!(s.quit);
}

#[test]
fn suspend_is_requested_from_the_state() {
    let mut s = reader(80, 24);
    update(&mut s, Action::Suspend);
    assert!(s.suspend);
}

#[test]
fn on_resize_the_paragraph_at_the_top_stays_at_the_top() {
    let mut s = reader(140, 40);
    let long = index_of(&s, "06-kittiwake-comet-sample.txt");
    s.selected = long;
    s.enter_story();
    update(&mut s, Action::Open);
    for _ in 0..40 {
        update(&mut s, Action::MoveDown);
    }
    let top_block = |s: &State| s.view().unwrap().article.lines[s.scroll].block;
    // Scroll to the first line of a block, as the anchor is the block at the top.
    while s.view().unwrap().article.lines[s.scroll].kind
        != broadsheet::text::reflow::LineKind::Blank
    {
        update(&mut s, Action::MoveDown);
    }
    let block = top_block(&s);
    for (w, h) in [(100, 30), (80, 24), (61, 20), (140, 40), (200, 50)] {
        update(&mut s, Action::Resize(w, h));
        assert_eq!(top_block(&s), block, "at {w}x{h}");
    }
}

#[test]
fn the_mouse_selects_and_scrolls_the_pane_under_it() {
    let mut s = reader(140, 40);
    let list = s.panes().list.unwrap();
    update(&mut s, Action::Click(list.x + 5, list.y + 1 + 3));
    assert_eq!(s.selected, 3);
    assert_eq!(s.focus, Focus::List);
    let article = s.panes().article.unwrap();
    update(&mut s, Action::Scroll(article.x + 5, article.y + 5, 3));
    assert_eq!(s.scroll, 3);
    assert_eq!(s.focus, Focus::List, "the wheel does not move focus");
    update(&mut s, Action::Scroll(list.x + 5, list.y + 5, 3));
    assert_eq!(s.selected, 6);
    let side = s.panes().sidebar.unwrap();
    // Row 0 is the heading; the first item starts on row 1, the second after its lines and a blank.
    let first_height = s.view().unwrap().sidebar[0].height();
    update(
        &mut s,
        Action::Click(
            side.x + 3,
            side.y + 1 + 1 + u16::try_from(first_height).unwrap(),
        ),
    );
    assert_eq!(s.focus, Focus::Sidebar);
    assert_eq!(s.link, 1);
    update(&mut s, Action::Click(article.x + 3, article.y + 3));
    assert_eq!(s.focus, Focus::Article);
}

#[test]
fn quit_sets_quit() {
    let mut s = reader(140, 40);
    update(&mut s, Action::Quit);
    assert!(s.quit);
}

#[test]
fn warnings_are_announced_and_listed_in_help() {
    let store = samples::load();
    let warnings = vec![broadsheet::store::Warning {
        path: "news/bad.txt".into(),
        reason: "binary file (holds NUL bytes)".into(),
    }];
    let s = State::new(
        store.articles,
        warnings,
        Keymap::default_keys(),
        Rect::new(0, 0, 140, 40),
    );
    assert_eq!(
        s.message.as_deref(),
        Some("1 file skipped or damaged (? shows why)")
    );
    let rows = broadsheet::app::help::rows(&s);
    assert!(rows.iter().any(|r| matches!(r, broadsheet::app::help::HelpRow::Text(t) if t == "news/bad.txt: binary file (holds NUL bytes)")));
}
