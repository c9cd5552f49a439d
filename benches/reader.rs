//! The reader's speed: a keypress to a finished frame with 100,000 headlines (target <= 2 ms); the same
//! while holding `j` over 200 saved pages of 20 MB each, parsed by the story worker in the background
//! (target <= 2 ms per frame); the reflow of a 5,000-word story at 100 columns (target <= 2 ms); and
//! 100,000 search results taking the list's place (the work the UI thread does when they arrive).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc;

use broadsheet::action::{Action, Loaded};
use broadsheet::app::{Effect, State, update};
use broadsheet::config::keymap::Keymap;
use broadsheet::model::{ArticleId, Format, Headline};
use broadsheet::testing::{NOW, Reader};
use broadsheet::ui::{self, Theme};
use broadsheet::view::reflow::reflow;
use broadsheet::worker::{StorySource, StoryWorker};
use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn main() {
    divan::main();
}

fn reader(count: usize) -> (Reader, Terminal<TestBackend>) {
    let articles = broadsheet::synth::articles(count, 5, 8);
    let reader = Reader::new(articles, Vec::new(), Rect::new(0, 0, 140, 40));
    (
        reader,
        Terminal::new(TestBackend::new(140, 40)).expect("a test terminal"),
    )
}

/// Down the list, and back up at the ends.
fn next_move(state: &State, down: &mut bool) -> Action {
    let list = state.list();
    if list.selected() + 1 >= list.len() || list.selected() == 0 {
        *down = list.selected() == 0;
    }
    if *down {
        Action::MoveDown
    } else {
        Action::MoveUp
    }
}

/// j in the list: the selection moves, the next story is previewed (reflowed), and a frame is drawn.
#[divan::bench(args = [1_000, 100_000])]
fn keypress_to_frame(bencher: Bencher, count: usize) {
    let (mut r, mut terminal) = reader(count);
    let theme = Theme::default();
    let mut down = true;
    bencher.bench_local(|| {
        let action = next_move(&r.state, &mut down);
        r.apply(action);
        terminal
            .draw(|f| ui::render(&r.state, &theme, f))
            .expect("drawn");
    });
}

/// The search worker's answer matching every one of 100,000 stories (the most common word) arrives: it is
/// filtered and listed in its order, the first result selected, and a frame drawn. The UI thread's share
/// of a search; the index's is in `benches/search.rs`.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn search_results_to_frame(bencher: Bencher) {
    use broadsheet::action::SearchReply;
    use broadsheet::search::rank::{Found, Matches};
    let (mut r, mut terminal) = reader(100_000);
    let theme = Theme::default();
    // The prompt is open and a query typed; its effects (the query for the worker) are not run here.
    let _ = update(&mut r.state, Action::Search, NOW);
    let _ = update(&mut r.state, Action::Insert('x'), NOW);
    let generation = 1;
    #[allow(clippy::cast_precision_loss)]
    let found: Vec<Found> = r
        .state
        .list()
        .all()
        .iter()
        .rev()
        .enumerate()
        .map(|(i, h)| Found {
            id: h.id,
            score: 1.0 / (i + 1) as f32,
            in_title: i < 10,
        })
        .collect();
    let reply = Action::SearchReply(SearchReply::Found {
        generation,
        matches: Matches::Only(found),
    });
    bencher.bench_local(|| {
        let effects = update(&mut r.state, reply.clone(), NOW);
        terminal
            .draw(|f| ui::render(&r.state, &theme, f))
            .expect("drawn");
        assert_eq!(r.state.list().len(), 100_000);
        effects
    });
}

/// Scrolling the open article a line: no reflow, one frame.
#[divan::bench]
fn scroll_to_frame(bencher: Bencher) {
    let (mut r, mut terminal) = reader(100_000);
    let theme = Theme::default();
    r.apply(Action::Open);
    bencher.bench_local(|| {
        r.apply(Action::MoveDown);
        r.apply(Action::MoveUp);
        terminal
            .draw(|f| ui::render(&r.state, &theme, f))
            .expect("drawn");
    });
}

/// Reflowing a 5,000-word story to 100 columns.
#[divan::bench]
fn reflow_5000_words_at_100(bencher: Bencher) {
    let article = broadsheet::synth::long_article(5_000, 9);
    bencher.bench(|| reflow(black_box(&article), 100, None));
}

/// Saved pages in the folder.
const BIG_PAGES: usize = 200;
/// Each page's size.
const BIG_PAGE_BYTES: usize = 20 * 1024 * 1024;

/// A folder of `BIG_PAGES` saved pages of `BIG_PAGE_BYTES` each. They are hard links to one generated
/// page (4 GB of writes would dwarf the benchmark); each is still read and parsed in full when shown.
fn big_pages() -> (tempfile::TempDir, Vec<Headline>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let first = dir.path().join("page-000.html");
    std::fs::write(&first, broadsheet::synth::saved_page(BIG_PAGE_BYTES, 0, 7))
        .expect("the page is written");
    let headlines = (0..BIG_PAGES)
        .map(|i| {
            let path: PathBuf = dir.path().join(format!("page-{i:03}.html"));
            if i > 0 {
                std::fs::hard_link(&first, &path).expect("a link");
            }
            // As the index lists them: the headline only; the body is parsed when shown.
            Headline {
                id: ArticleId(i as u128 + 1),
                path,
                entry: 0,
                format: Format::Html,
                section: Some("World".to_owned()),
                title: format!("Saved page {i}"),
                byline: None,
                published: None,
                source: None,
                url: None,
                modified: None,
            }
        })
        .collect();
    (dir, headlines)
}

/// How often a held key repeats: terminals and desktops send 25 to 33 presses a second.
const KEY_REPEAT: std::time::Duration = std::time::Duration::from_millis(33);

/// Holding j over the big pages, at the pace a held key repeats: each press moves the selection, asks
/// the worker for the story it lands on (a parse of 20 MB that the press never waits for), takes in any
/// story the worker finished, and draws a frame. Only the press and its frame are timed; the worker's two
/// threads parse on the machine's two cores meanwhile.
#[divan::bench(sample_count = 150, sample_size = 1)]
fn hold_j_over_200_pages_of_20_mb(bencher: Bencher) {
    let (_dir, headlines) = big_pages();
    let state = State::new(
        headlines,
        HashMap::new(),
        Vec::new(),
        Keymap::default_keys(),
        Rect::new(0, 0, 140, 40),
    );
    let (tx, rx) = mpsc::channel::<Loaded>();
    let worker = StoryWorker::spawn(
        || StorySource::disk(None),
        move |loaded| {
            let _ = tx.send(loaded);
        },
    )
    .expect("the worker starts");
    let ask = |effects: Vec<Effect>| {
        for effect in effects {
            if let Effect::Load {
                headline,
                generation,
                widths,
                date_format,
            } = effect
            {
                worker.request(headline, generation, widths, date_format);
            }
        }
    };
    let state = std::cell::RefCell::new(state);
    ask(state.borrow_mut().take_effects());
    let terminal =
        std::cell::RefCell::new(Terminal::new(TestBackend::new(140, 40)).expect("a test terminal"));
    let theme = Theme::default();
    let down = std::cell::Cell::new(true);
    bencher
        .with_inputs(|| std::thread::sleep(KEY_REPEAT))
        .bench_local_values(|()| {
            let mut state = state.borrow_mut();
            while let Ok(loaded) = rx.try_recv() {
                ask(update(&mut state, Action::Loaded(loaded), NOW));
            }
            let mut going_down = down.get();
            let action = next_move(&state, &mut going_down);
            down.set(going_down);
            ask(update(&mut state, action, NOW));
            terminal
                .borrow_mut()
                .draw(|f| ui::render(&state, &theme, f))
                .expect("drawn");
        });
}

/// Files a watcher saw land (`batch` of them in one write of the scan) reach a list of 100,000: merged in,
/// the selection kept on its row, counted as new, and a frame drawn. What the UI thread does per write
/// while files arrive (`benches/watching.rs` times the whole way from disk to list).
#[divan::bench(args = [1, 250, 1_000], sample_count = 40, sample_size = 1)]
fn stories_landing_to_frame(bencher: Bencher, batch: usize) {
    landing(bencher, batch, false);
}

/// The same with what a real step also brings: each landed story's signals, grouped against the copies
/// of all 100,000 (made once beforehand, as the first scan step gives them to the reader); each a
/// different story, so none joins a group. A step of a watcher's scan that brings more than
/// `LANDING_PER_FRAME` (50) stories is taken in that many a frame.
#[divan::bench(args = [1, 50, 250], sample_count = 40, sample_size = 1)]
fn stories_landing_with_signals_to_frame(bencher: Bencher, batch: usize) {
    landing(bencher, batch, true);
}

/// `batch` stories land in a reader of 100,000 at each step, and a frame is drawn; with `signals`, the
/// reader holds every story's groups of copies and each landed story brings its signals.
fn landing(bencher: Bencher, batch: usize, signals: bool) {
    use broadsheet::cluster::{Groups, Signals};
    use broadsheet::search::document::Document;
    use broadsheet::store::scan::{Kin, ScanUpdate};
    let signals_of = |articles: &[broadsheet::model::Article]| -> Vec<(ArticleId, Signals)> {
        articles
            .iter()
            .map(|a| (a.head.id, Signals::of_story(a, &Document::of(a).text)))
            .collect()
    };
    let (mut r, mut terminal) = reader(100_000);
    if signals {
        let groups = Groups::new(signals_of(&broadsheet::synth::articles(100_000, 5, 8)));
        r.apply(Action::Indexed(ScanUpdate {
            signals: Some(Box::new(Kin {
                stories: Vec::new(),
                groups: Some(groups),
            })),
            ..ScanUpdate::default()
        }));
    }
    let theme = Theme::default();
    for _ in 0..20 {
        r.apply(Action::MoveDown);
    }
    let top = r.state.list().all()[0].clone();
    // Other stories' texts, for the landed ones' signals.
    let mut pool = if signals {
        signals_of(&broadsheet::synth::articles(batch * 41, 77, 8))
    } else {
        Vec::new()
    }
    .into_iter();
    let mut next = 0u128;
    bencher
        .with_inputs(|| {
            let mut stories = Vec::new();
            let added: Vec<Headline> = (0..batch)
                .map(|_| {
                    next += 1;
                    let mut h = top.clone();
                    h.id = ArticleId(u128::MAX - next);
                    h.path = PathBuf::from(format!("/landed/{next}.txt"));
                    if signals {
                        let (_, s) = pool.next().expect("enough signals");
                        stories.push((h.id, s));
                    }
                    h
                })
                .collect();
            Action::Indexed(ScanUpdate {
                done: batch,
                total: batch,
                added,
                signals: Kin::of(stories),
                finished: true,
                live: true,
                ..ScanUpdate::default()
            })
        })
        .bench_local_values(|step| {
            r.apply(step);
            terminal
                .draw(|f| ui::render(&r.state, &theme, f))
                .expect("drawn");
        });
}
