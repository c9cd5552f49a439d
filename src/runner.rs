//! The event loop: terminal events become actions, actions go through `update`, and each batch of events
//! ends in one drawn frame. Generic over the backend, so tests run it on `TestBackend`.

use std::io;

use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::update::WHEEL_LINES;
use crate::app::{Action, State, update};
use crate::config::keymap::KeyResolver;
use crate::ui::{self, Theme};

/// Where events come from: the real terminal, or a script in tests.
pub trait EventSource {
    /// Waits for the next event; `None` ends the loop (input exhausted, or a signal asked to stop).
    ///
    /// # Errors
    /// When reading the terminal fails.
    fn next(&mut self) -> io::Result<Option<Event>>;

    /// The next event if one is already waiting, without blocking.
    ///
    /// # Errors
    /// When reading the terminal fails.
    fn ready(&mut self) -> io::Result<Option<Event>>;
}

/// Turns a terminal event into an action. Only key presses count (not releases or repeats).
pub fn to_action(event: &Event, keys: &mut KeyResolver, state: &State) -> Option<Action> {
    match event {
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
    while let Some(event) = events.next()? {
        let mut event = Some(event);
        while let Some(e) = event.take() {
            if let Some(action) = to_action(&e, &mut keys, state) {
                update(state, action);
            }
            if state.quit || state.suspend {
                return Ok(());
            }
            event = events.ready()?;
        }
        terminal.draw(|frame| ui::render(state, theme, frame))?;
    }
    Ok(())
}

/// A fixed list of events, for tests and scripted runs.
#[derive(Debug, Default)]
pub struct Scripted(pub std::collections::VecDeque<Event>);

impl EventSource for Scripted {
    fn next(&mut self) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }

    fn ready(&mut self) -> io::Result<Option<Event>> {
        Ok(None)
    }
}
