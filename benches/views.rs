//! The views at 100,000 stories (issue 13's target: opening the views and switching view each take at
//! most 50 ms): the views pane opened with every count made again (after a marking, so nothing cached is
//! used) and drawn; a view chosen and its list drawn; the sort cycled and the list drawn.

use std::path::PathBuf;

use broadsheet::action::Action;
use broadsheet::testing::Reader;
use broadsheet::ui::{self, Theme};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn main() {
    divan::main();
}

/// How many folders the synthetic stories are spread over: a library of feeds and scraped sites has tens.
const FOLDERS: usize = 40;

/// 100,000 synthetic stories in `FOLDERS` folders, over 140×40.
fn library() -> (Reader, Terminal<TestBackend>) {
    let mut articles = broadsheet::synth::articles(100_000, 5, 1);
    let zone = chrono::FixedOffset::east_opt(0).expect("UTC");
    for (i, a) in articles.iter_mut().enumerate() {
        a.head.path = PathBuf::from(format!("/lib/site{:02}/{i:06}.txt", i % FOLDERS));
        // Dates spread over two years, in no order, many shared (as a day's stories share a date).
        let minutes = i64::try_from(i * 7_919 % 100_000).expect("small") * 10;
        a.head.published = chrono::DateTime::from_timestamp(1_740_000_000 + minutes * 60, 0)
            .map(|d| d.with_timezone(&zone));
    }
    articles.sort_by(broadsheet::model::store_order);
    let mut r = Reader::new(articles, Vec::new(), Rect::new(0, 0, 140, 40));
    r.state
        .set_roots(vec![PathBuf::from("/lib")], "bench".to_owned(), false);
    r.settle();
    (
        r,
        Terminal::new(TestBackend::new(140, 40)).expect("a test terminal"),
    )
}

/// A story marked (so the counts are stale), `v`, the pane drawn, and Esc.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn open_views_and_draw(bencher: Bencher) {
    let (mut r, mut terminal) = library();
    let theme = Theme::default();
    bencher.bench_local(|| {
        r.apply(Action::ToggleRead);
        r.apply(Action::Views);
        terminal
            .draw(|f| ui::render(&r.state, &theme, f))
            .expect("drawn");
        r.apply(Action::Cancel);
    });
}

/// A view chosen in the pane (a folder, then All again), and the list drawn.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn switch_view_and_draw(bencher: Bencher) {
    let (mut r, mut terminal) = library();
    let theme = Theme::default();
    let mut to_folder = true;
    bencher.bench_local(|| {
        let view = if to_folder { "source:site07" } else { "all" };
        to_folder = !to_folder;
        r.apply(Action::ChooseView(view.to_owned()));
        terminal
            .draw(|f| ui::render(&r.state, &theme, f))
            .expect("drawn");
    });
}

/// `O` on every story: the list sorted the next way, and drawn.
#[divan::bench(sample_count = 30, sample_size = 1)]
fn cycle_sort_and_draw(bencher: Bencher) {
    let (mut r, mut terminal) = library();
    let theme = Theme::default();
    bencher.bench_local(|| {
        r.apply(Action::CycleSort);
        terminal
            .draw(|f| ui::render(&r.state, &theme, f))
            .expect("drawn");
    });
}

/// Each story's source and section worked out (at start, and after each scan step that changes stories).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn facets_of_100_000(bencher: Bencher) {
    let (r, _) = library();
    let headlines = r.state.list().all().to_vec();
    let roots = [PathBuf::from("/lib")];
    bencher.bench_local(|| broadsheet::views::Facets::new(&headlines, &roots));
}
