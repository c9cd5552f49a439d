//! The reader's speed: a keypress to a finished frame with 100,000 headlines (target <= 2 ms), and the
//! reflow of a 5,000-word story at 100 columns (target <= 2 ms).

use broadsheet::app::{Action, State, update};
use broadsheet::config::keymap::Keymap;
use broadsheet::text::reflow::reflow;
use broadsheet::ui::{self, Theme};
use divan::{Bencher, black_box};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn main() {
    divan::main();
}

fn reader(count: usize) -> (State, Terminal<TestBackend>) {
    let articles = broadsheet::synth::articles(count, 5, 8);
    let state = State::new(
        articles,
        Vec::new(),
        Keymap::default_keys(),
        Rect::new(0, 0, 140, 40),
    );
    (
        state,
        Terminal::new(TestBackend::new(140, 40)).expect("a test terminal"),
    )
}

/// j in the list: the selection moves, the next story is previewed (reflowed), and a frame is drawn.
#[divan::bench(args = [1_000, 100_000])]
fn keypress_to_frame(bencher: Bencher, count: usize) {
    let (mut state, mut terminal) = reader(count);
    let theme = Theme::default();
    let mut down = true;
    bencher.bench_local(|| {
        if state.selected + 1 >= state.listed.len() || state.selected == 0 {
            down = state.selected == 0;
        }
        update(
            &mut state,
            if down {
                Action::MoveDown
            } else {
                Action::MoveUp
            },
        );
        terminal
            .draw(|f| ui::render(&state, &theme, f))
            .expect("drawn");
    });
}

/// Scrolling the open article a line: no reflow, one frame.
#[divan::bench]
fn scroll_to_frame(bencher: Bencher) {
    let (mut state, mut terminal) = reader(100_000);
    let theme = Theme::default();
    update(&mut state, Action::Open);
    bencher.bench_local(|| {
        update(&mut state, Action::MoveDown);
        update(&mut state, Action::MoveUp);
        terminal
            .draw(|f| ui::render(&state, &theme, f))
            .expect("drawn");
    });
}

/// Reflowing a 5,000-word story to 100 columns.
#[divan::bench]
fn reflow_5000_words_at_100(bencher: Bencher) {
    let article = broadsheet::synth::long_article(5_000, 9);
    bencher.bench(|| reflow(black_box(&article), 100, None));
}
