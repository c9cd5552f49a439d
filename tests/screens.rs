//! Whole screens as pictures: snapshots at the sizes people use, every tiny size without a panic, wide
//! characters kept inside their panes, and the event loop run on a test backend (keys, batches of input,
//! one frame per batch, the prompt, scan steps merged, stories arriving from the worker).

mod common;

use broadsheet::app::{Action, Effect, Focus};
use broadsheet::runner::{self, EventSource, Exit, Host, Input};
use broadsheet::store::scan::ScanUpdate;
use broadsheet::testing::{Burst, Scripted};
use broadsheet::ui::Theme;
use common::{char_key, draw, goto, index_of, key, reader};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};

#[test]
fn screen_140x40() {
    insta::assert_snapshot!(draw(&reader(140, 40)).backend());
}

#[test]
fn screen_100x30_reading() {
    let mut s = reader(100, 30);
    s.apply_all([Action::MoveDown, Action::Open, Action::PageDown]);
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn screen_80x24_sidebar_shown_and_focused() {
    let mut s = reader(80, 24);
    s.apply_all([Action::ToggleSidebar, Action::FocusPrev, Action::MoveDown]);
    assert_eq!(s.focus(), Focus::Sidebar);
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn screen_40x12_list_then_article() {
    let mut s = reader(40, 12);
    insta::assert_snapshot!("screen_40x12_list", draw(&s).backend());
    s.apply(Action::Open);
    insta::assert_snapshot!("screen_40x12_article", draw(&s).backend());
}

#[test]
fn screen_help_overlay() {
    let mut s = reader(100, 30);
    s.apply(Action::Help);
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn screen_go_to_prompt() {
    let mut s = reader(100, 30);
    s.apply_all([Action::Goto, Action::Insert('1'), Action::Insert('2')]);
    insta::assert_snapshot!(draw(&s).backend());
}

#[test]
fn screen_while_a_story_loads() {
    // A reader whose stories are not parsed yet: the article shows the headline and a quiet line.
    let mut state = common::unloaded(100, 30);
    let _ = state.take_effects();
    insta::assert_snapshot!(draw(&state).backend());
}

#[test]
fn every_tiny_size_draws_without_panic() {
    for w in 1..=20 {
        for h in 1..=6 {
            for pane in [Focus::List, Focus::Article, Focus::Sidebar] {
                let mut s = reader(w, h);
                let presses = match pane {
                    Focus::List => 0,
                    Focus::Article => 1,
                    Focus::Sidebar => 2,
                };
                for _ in 0..presses {
                    s.apply(Action::FocusNext);
                }
                for a in [Action::Open, Action::PageDown, Action::Help] {
                    s.apply(a);
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
        let kyoto = index_of(&s, "08-kyoto-quiet-sea.txt");
        goto(&mut s, kyoto);
        s.apply_all([
            Action::ToggleSidebar,
            Action::ToggleSidebar,
            Action::MoveUp,
            Action::MoveDown,
            Action::Open,
        ]);
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

/// Runs the loop over `events` on a test terminal of the reader's size.
fn run(r: &mut common::Reader, events: &mut impl EventSource) -> (Exit, Terminal<CountingBackend>) {
    let size = r.size();
    let mut terminal = Terminal::new(CountingBackend::new(TestBackend::new(
        size.width,
        size.height,
    )))
    .unwrap();
    let exit = runner::run(
        &mut terminal,
        &mut r.state,
        &Theme::default(),
        events,
        &mut r.host,
        || common::NOW,
    )
    .unwrap();
    (exit, terminal)
}

#[test]
fn the_event_loop_reads_keys_and_quits() {
    let mut r = reader(100, 30);
    let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    let events: Vec<Event> = vec![
        key(KeyCode::Char('j')),
        Event::Key(release),
        key(KeyCode::Enter),
        Event::Resize(60, 20),
        Event::Resize(140, 40),
        Event::Resize(100, 30),
        char_key('J'),
        char_key('q'),
        char_key('j'),
    ];
    let mut source = Scripted::events(events);
    let (exit, _) = run(&mut r, &mut source);
    assert_eq!(exit, Exit::Quit);
    assert_eq!(
        r.list().selected(),
        2,
        "the release was ignored; the key after q was never read"
    );
    assert_eq!(r.list().unread(), r.list().all().len() - 2);
    assert_eq!(source.0.len(), 1);
}

#[test]
fn a_batch_of_input_costs_one_frame() {
    let mut r = reader(100, 30);
    // A storm of resizes, twenty presses of j and three scan steps, all waiting at once.
    let mut inputs: Vec<Input> = (0..30u16)
        .map(|i| Input::Terminal(Event::Resize(80 + i, 24 + i % 7)))
        .collect();
    inputs.push(Input::Terminal(Event::Resize(100, 30)));
    inputs.extend((0..20).map(|_| Input::Terminal(char_key('j'))));
    let mut burst = Burst(inputs.into());
    let (exit, terminal) = run(&mut r, &mut burst);
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(
        terminal.backend().frames,
        2,
        "the first frame, then one for the batch"
    );
    assert_eq!(
        r.list().selected(),
        9,
        "every j counted, stopping at the last story"
    );
    assert_eq!((r.size().width, r.size().height), (100, 30));
}

#[test]
fn scan_steps_that_arrive_together_are_merged() {
    let mut r = reader(100, 30);
    let extra = broadsheet::synth::articles(3, 2, 4);
    let step = |i: usize, done: usize| {
        Input::Scan(ScanUpdate {
            added: vec![broadsheet::model::Headline::from(&extra[i])],
            done,
            total: 3,
            finished: done == 3,
            ..ScanUpdate::default()
        })
    };
    let mut burst = Burst(vec![step(0, 1), step(1, 2), step(2, 3)].into());
    let before = r.list().len();
    let (_, terminal) = run(&mut r, &mut burst);
    assert_eq!(terminal.backend().frames, 2);
    assert_eq!(r.list().len(), before + 3);
    assert_eq!(r.indexing(), None, "the last step's progress wins");
}

#[test]
fn a_watchers_step_and_a_whole_scans_step_that_arrive_together_are_each_taken_in() {
    let mut r = reader(100, 30);
    let extra = broadsheet::synth::articles(1, 8, 4);
    // `R`'s scan runs.
    r.apply(broadsheet::app::Action::Indexed(ScanUpdate {
        done: 0,
        total: 2,
        ..ScanUpdate::default()
    }));
    assert!(r.indexing().is_some());
    let live = Input::Scan(ScanUpdate {
        added: vec![broadsheet::model::Headline::from(&extra[0])],
        done: 1,
        total: 1,
        finished: true,
        live: true,
        ..ScanUpdate::default()
    });
    let whole_done = Input::Scan(ScanUpdate {
        done: 2,
        total: 2,
        finished: true,
        ..ScanUpdate::default()
    });
    // A watcher's step, then the whole scan's last, in one batch.
    let mut burst = Burst(vec![live, whole_done].into());
    let before = r.list().len();
    let _ = run(&mut r, &mut burst);
    assert_eq!(r.list().len(), before + 1);
    assert_eq!(
        r.indexing(),
        None,
        "the whole scan's end clears the progress"
    );
}

#[test]
fn a_watchers_step_of_many_files_lands_over_several_frames() {
    let mut r = reader(100, 30);
    for _ in 0..5 {
        r.apply(broadsheet::app::Action::MoveDown);
    }
    let chosen = r.list().current().map(|h| h.id);
    let extra = broadsheet::synth::articles(600, 9, 4);
    let step = Input::Scan(ScanUpdate {
        added: extra
            .iter()
            .map(broadsheet::model::Headline::from)
            .collect(),
        done: 600,
        total: 600,
        finished: true,
        live: true,
        ..ScanUpdate::default()
    });
    let before = r.list().len();
    let (_, terminal) = run(&mut r, &mut Burst(vec![step].into()));
    assert_eq!(
        terminal.backend().frames,
        1 + 600usize.div_ceil(broadsheet::app::indexing::LANDING_PER_FRAME),
        "the first frame, then one per part of the step"
    );
    assert_eq!(r.list().len(), before + 600, "every story landed");
    assert_eq!(
        r.list().current().map(|h| h.id),
        chosen,
        "the selection stayed"
    );
}

#[test]
fn the_prompt_takes_typed_keys_that_are_bound_elsewhere() {
    let mut r = reader(100, 30);
    // ":" opens the prompt; "q" and "j" would quit and move, but here they are typed (and refused).
    let keys = [':', 'q', 'j'].map(char_key);
    let mut events: Vec<Event> = keys.to_vec();
    events.push(key(KeyCode::Backspace));
    events.push(key(KeyCode::Backspace));
    events.extend(['7'].map(char_key));
    events.push(key(KeyCode::Enter));
    events.push(char_key('j'));
    let (exit, _) = run(&mut r, &mut Scripted::events(events));
    assert_eq!(exit, Exit::EndOfInput);
    assert_eq!(r.list().selected(), 7, "went to story 7, then j moved to 8");
}

#[test]
fn effects_reach_the_host_in_order() {
    struct Recorder(Vec<Effect>, broadsheet::testing::TestHost);
    impl Host for Recorder {
        fn perform(&mut self, effect: Effect) -> Vec<Action> {
            self.0.push(effect.clone());
            self.1.perform(effect)
        }
    }
    let mut r = reader(100, 30);
    let host = std::mem::replace(
        &mut r.host,
        broadsheet::testing::TestHost::new(
            broadsheet::worker::StorySource::memory(Vec::new()),
            broadsheet::store::db::Db::in_memory().unwrap(),
        ),
    );
    let mut recorder = Recorder(Vec::new(), host);
    let size = r.size();
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    let mut events = Scripted::events([char_key('m'), char_key('o'), char_key('q')]);
    let exit = runner::run(
        &mut terminal,
        &mut r.state,
        &Theme::default(),
        &mut events,
        &mut recorder,
        || common::NOW,
    )
    .unwrap();
    assert_eq!(exit, Exit::Quit);
    let id = r.current().unwrap().id;
    assert!(recorder.0.iter().any(|e| matches!(e,
        Effect::SaveRead { changes, .. } if changes == &[(id, None, Some(common::NOW))])));
    // The first sample story has no web address: o only says so.
    assert!(!recorder.0.iter().any(|e| matches!(e, Effect::OpenUrl(_))));
    assert!(recorder.1.db.mark(id).unwrap().read_at.is_some());
}

/// A test backend that counts the frames drawn.
struct CountingBackend {
    inner: TestBackend,
    frames: usize,
}

impl CountingBackend {
    fn new(inner: TestBackend) -> Self {
        Self { inner, frames: 0 }
    }
}

impl Backend for CountingBackend {
    type Error = <TestBackend as Backend>::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        self.inner.draw(content)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, Self::Error> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        position: P,
    ) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ratatui::backend::ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> Result<ratatui::layout::Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<ratatui::backend::WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.frames += 1;
        self.inner.flush()
    }
}

#[test]
fn an_empty_article_pane_shows_no_progress() {
    let r = broadsheet::testing::Reader::new(
        Vec::new(),
        Vec::new(),
        ratatui::layout::Rect::new(0, 0, 140, 40),
    );
    let terminal = common::draw(&r);
    let buffer = terminal.backend().buffer();
    let screen: String = (0..buffer.area.height)
        .flat_map(|y| (0..buffer.area.width).map(move |x| (x, y)))
        .map(|(x, y)| buffer[(x, y)].symbol().to_owned())
        .collect();
    assert!(!screen.contains('%'), "no story, no percentage");
}

#[test]
fn at_sixty_columns_the_list_keeps_room_for_headlines() {
    use broadsheet::app::layout::{MIN_LIST, panes};
    let layout = broadsheet::config::Layout::default();
    let p = panes(
        ratatui::layout::Rect::new(0, 0, 60, 24),
        Focus::List,
        None,
        &layout,
    );
    assert_eq!(p.list.unwrap().width, MIN_LIST);
    assert!(p.article.unwrap().width >= 60 / 3);
    // Columns set in the configuration are kept.
    let set = broadsheet::config::Layout {
        list_width: broadsheet::config::Width::Columns(20),
        ..layout
    };
    let p = panes(
        ratatui::layout::Rect::new(0, 0, 60, 24),
        Focus::List,
        None,
        &set,
    );
    assert_eq!(p.list.unwrap().width, 20);
}

#[test]
fn a_skipped_files_reason_is_in_the_help_in_full() {
    use broadsheet::app::Mode;
    let reason = "not a readable feed: the element <channel> at line 3, column 14 was never closed, \
                  and nothing after it could be read";
    let path = std::path::PathBuf::from(
        "/home/reader/news/an/unusually/deep/folder/of/saved/feeds/from/2026/november/wire.rss",
    );
    let mut r = broadsheet::testing::Reader::new(
        broadsheet::synth::articles(3, 1, 2),
        vec![broadsheet::store::Warning {
            path: path.clone(),
            reason: reason.to_owned(),
        }],
        ratatui::layout::Rect::new(0, 0, 80, 24),
    );
    r.apply(Action::Help);
    assert!(matches!(r.mode(), Mode::Overlay(_)), "the help is open");
    // To its end, where the skipped files are listed.
    r.apply(Action::Bottom);
    let terminal = common::draw(&r);
    let buffer = terminal.backend().buffer();
    let text: String = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
                .replace(['┃', '║', '█'], " ")
        })
        .collect::<Vec<_>>()
        .join(" ");
    let squeezed = |s: &str| s.split_whitespace().collect::<String>();
    assert!(
        squeezed(&text).contains(&squeezed(&format!("{}: {reason}", path.display()))),
        "{text}"
    );
}

#[test]
fn a_headline_with_lam_alef_keeps_the_date_column_in_place() {
    let mut articles = broadsheet::synth::articles(2, 4, 2);
    articles[0].head.title = "الطقس: لا أمطار غدا على الساحل والبحر هادئ ولا رياح قوية".to_owned();
    articles[1].head.title = "Calm seas and no rain expected along the coast tomorrow".to_owned();
    articles[1].head.published = articles[0].head.published;
    let r = broadsheet::testing::Reader::new(
        articles,
        Vec::new(),
        ratatui::layout::Rect::new(0, 0, 140, 40),
    );
    let terminal = common::draw(&r);
    let buffer = terminal.backend().buffer();
    // Where each row's date ends: the last cell before the list's right border that is not blank.
    let date_end = |y: u16| {
        let border = (1..buffer.area.width)
            .find(|&x| buffer[(x, y)].symbol() == "┃")
            .unwrap();
        (1..border)
            .rev()
            .find(|&x| buffer[(x, y)].symbol().trim() != "")
            .unwrap()
    };
    assert_eq!(date_end(1), date_end(2));
    assert_eq!(
        buffer[(date_end(1), 1)].symbol(),
        buffer[(date_end(2), 2)].symbol()
    );
}
