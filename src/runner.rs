//! The event loop: terminal events become actions, actions go through `update`, and each batch of events
//! ends in one drawn frame. Generic over the backend, so tests run it on `TestBackend`.

use std::io;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::update::WHEEL_LINES;
use crate::app::{Action, State, indexing, update};
use crate::config::keymap::KeyResolver;
use crate::store::scan::ScanUpdate;
use crate::ui::{self, Theme};

/// Something for the loop to handle.
#[derive(Debug)]
pub enum Input {
    /// A key, mouse or resize event from the terminal.
    Terminal(Event),
    /// A step of the background index scan.
    Scan(ScanUpdate),
}

/// Where input comes from: the real terminal and scanner, or a script in tests.
pub trait EventSource {
    /// Waits for the next input; `None` ends the loop (input exhausted, or a signal asked to stop).
    ///
    /// # Errors
    /// When reading the terminal fails.
    fn next(&mut self) -> io::Result<Option<Input>>;

    /// The next input if one is already waiting, without blocking.
    ///
    /// # Errors
    /// When reading the terminal fails.
    fn ready(&mut self) -> io::Result<Option<Input>>;
}

/// Turns a terminal event into an action. Only key presses count (not releases or repeats). While a
/// question waits, `y` answers yes and any other key no.
pub fn to_action(event: &Event, keys: &mut KeyResolver, state: &State) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press && state.confirm.is_some() => {
            Some(Action::Answer(matches!(
                key.code,
                crossterm::event::KeyCode::Char('y' | 'Y')
            )))
        }
        Event::Key(key) if key.kind == KeyEventKind::Press => keys.feed(&state.keymap, *key),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::Scroll(m.column, m.row, WHEEL_LINES)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(m.column, m.row, -WHEEL_LINES)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Runs the reader until it quits, asks to suspend, or the events end. Every waiting event is applied
/// before the next frame is drawn, so a storm of resizes costs one frame.
///
/// # Errors
/// When drawing or reading events fails.
pub fn run<B>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    theme: &Theme,
    events: &mut impl EventSource,
) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let mut keys = KeyResolver::default();
    terminal.draw(|frame| ui::render(state, theme, frame))?;
    while let Some(input) = events.next()? {
        let mut input = Some(input);
        // Scan steps that arrive together are merged once: the list is re-sorted once per frame.
        let mut scanned: Option<ScanUpdate> = None;
        while let Some(i) = input.take() {
            match i {
                Input::Terminal(e) => {
                    if let Some(update_) = scanned.take() {
                        indexing::absorb(state, update_);
                    }
                    if let Some(action) = to_action(&e, &mut keys, state) {
                        update(state, action);
                    }
                }
                Input::Scan(u) => scanned = Some(indexing::combine(scanned, u)),
            }
            if state.quit || state.suspend || state.open_url.is_some() {
                return Ok(());
            }
            input = events.ready()?;
        }
        if let Some(update_) = scanned {
            indexing::absorb(state, update_);
        }
        terminal.draw(|frame| ui::render(state, theme, frame))?;
    }
    Ok(())
}

/// A fixed list of inputs, for tests and scripted runs.
#[derive(Debug, Default)]
pub struct Scripted(pub std::collections::VecDeque<Input>);

impl Scripted {
    /// A script of terminal events.
    #[must_use]
    pub fn events(events: impl IntoIterator<Item = Event>) -> Self {
        Self(events.into_iter().map(Input::Terminal).collect())
    }
}

impl EventSource for Scripted {
    fn next(&mut self) -> io::Result<Option<Input>> {
        Ok(self.0.pop_front())
    }

    fn ready(&mut self) -> io::Result<Option<Input>> {
        Ok(None)
    }
}
