//! The event loop: inputs (keys, mouse, resizes, scan steps, parsed stories, signals) become actions,
//! actions go through `update`, the effects it returns are carried out by the host, and each batch of
//! inputs ends in one drawn frame. Generic over the backend, the input source and the host, so tests run
//! it on `TestBackend` with a scripted source and an in-memory host.

use std::io;

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::action::{Action, Loaded};
use crate::app::indexing;
use crate::app::update::WHEEL_LINES;
use crate::app::{Effect, Mode, State, update};
use crate::config::keymap::{Context, KeyResolver};
use crate::store::scan::ScanUpdate;
use crate::ui::{self, Theme};

/// Something for the loop to handle.
#[derive(Debug)]
pub enum Input {
    /// A key, mouse or resize event from the terminal.
    Terminal(Event),
    /// A step of the background index scan.
    Scan(ScanUpdate),
    /// A story the worker parsed.
    Loaded(Loaded),
    /// The search worker's answer.
    Searched(crate::action::SearchReply),
    /// Marks changed in the database by someone else.
    Marks(crate::worker::marks::Changed),
    /// Something to tell the user once: a warning kept in the help, and a short status message.
    Notify(crate::store::Warning, String),
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-Z would.
    Suspend,
    /// A signal (SIGTERM, SIGHUP, SIGINT) asked the reader to stop.
    Stop(i32),
}

/// Where input comes from: the real terminal and background threads, or a script in tests.
pub trait EventSource {
    /// Waits for the next input; `None` ends the loop (the input is exhausted).
    ///
    /// # Errors
    /// When reading the terminal fails.
    fn next(&mut self) -> io::Result<Option<Input>>;

    /// The next input if one is already waiting, without blocking.
    ///
    /// # Errors
    /// When reading the terminal fails.
    fn ready(&mut self) -> io::Result<Option<Input>>;

    /// Stops reading the terminal while another program has it (a suspend, a text browser).
    fn pause(&mut self) {}

    /// Reads the terminal again after [`EventSource::pause`].
    fn resume(&mut self) {}
}

/// Carries out what `update` asks for.
pub trait Host {
    /// Carries out one effect (not `Quit`); returns the actions that follow at once: a write that failed,
    /// a story loaded on the spot, the terminal's size after a suspend.
    fn perform(&mut self, effect: Effect) -> Vec<Action>;
}

/// How the loop ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// The input ended.
    EndOfInput,
    /// A signal asked the reader to stop.
    Signal(i32),
}

/// Turns a terminal event into an action for `state`'s mode and focused pane. Only key presses count
/// (not releases or repeats). While a question waits, `y` answers yes and any other key no; in a
/// prompt, keys not bound in `[keys.prompt]` type their character.
pub fn to_action(event: &Event, keys: &mut KeyResolver, state: &State) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => match state.mode() {
            Mode::Confirm(_) => Some(Action::Answer(matches!(key.code, KeyCode::Char('y' | 'Y')))),
            // A prompt, or an overlay that filters as you type.
            _ if state.context() == Context::Prompt => keys
                .feed(state.keymap(), Context::Prompt, *key)
                .or_else(|| match key.code {
                    KeyCode::Char(c)
                        if !key
                            .modifiers
                            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                    {
                        Some(Action::Insert(c))
                    }
                    _ => None,
                }),
            // A digit no key binds types a count for the key after it (`3o`).
            Mode::Normal => keys
                .feed(state.keymap(), state.context(), *key)
                .or_else(|| count_digit(key, keys)),
            Mode::Overlay(_) | Mode::Prompt(_) => keys.feed(state.keymap(), state.context(), *key),
        },
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

/// The digit `key` types as a count, when it is a plain digit and no key sequence is waiting for it.
fn count_digit(key: &crossterm::event::KeyEvent, keys: &KeyResolver) -> Option<Action> {
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    match key.code {
        KeyCode::Char(c) if plain && keys.pending().is_empty() => {
            let digit = c.to_digit(10)?;
            u8::try_from(digit).ok().map(Action::Digit)
        }
        _ => None,
    }
}

/// The actions an input stands for.
fn actions(input: Input, keys: &mut KeyResolver, state: &State) -> Result<Vec<Action>, Exit> {
    Ok(match input {
        Input::Terminal(Event::Paste(text)) if state.context() == Context::Prompt => {
            text.chars().map(Action::Insert).collect()
        }
        Input::Terminal(e) => to_action(&e, keys, state).into_iter().collect(),
        Input::Scan(u) => vec![Action::Indexed(u)],
        Input::Loaded(l) => vec![Action::Loaded(l)],
        Input::Searched(r) => vec![Action::SearchReply(r)],
        Input::Marks(m) => vec![Action::MarksChanged(m)],
        Input::Notify(warning, message) => vec![Action::Notify(warning, message)],
        Input::Suspend => vec![Action::Suspend],
        Input::Stop(signal) => return Err(Exit::Signal(signal)),
    })
}

/// Leaves the reader on a signal or at the end of input as quitting would: the place is kept.
fn wind_down(
    state: &mut State,
    host: &mut impl Host,
    clock: &impl Fn() -> i64,
    exit: Exit,
) -> Exit {
    for effect in update(state, Action::Quit, clock()) {
        if effect != Effect::Quit {
            host.perform(effect);
        }
    }
    exit
}

/// Applies `action` and carries out its effects. Returns `Some` when the reader must stop.
fn dispatch(
    state: &mut State,
    action: Action,
    host: &mut impl Host,
    events: &mut impl EventSource,
    clock: &impl Fn() -> i64,
    redraw: &mut bool,
) -> Option<Exit> {
    let effects = update(state, action, clock());
    carry_out(state, effects, host, events, clock, redraw)
}

/// Takes in the part of the waiting scan steps that one frame takes (see [`indexing::portion`]),
/// leaving the rest waiting for the frames after.
fn take_in_part(
    state: &mut State,
    scanned: &mut Option<ScanUpdate>,
    host: &mut impl Host,
    events: &mut impl EventSource,
    clock: &impl Fn() -> i64,
    redraw: &mut bool,
) -> Option<Exit> {
    let (now, later) = indexing::portion(scanned.take()?);
    *scanned = later;
    dispatch(state, Action::Indexed(now), host, events, clock, redraw)
}

/// Carries out `effects`, and the effects of the actions they lead to (a failed write, a story loaded on
/// the spot). Returns `Some` when the reader must stop.
fn carry_out(
    state: &mut State,
    effects: Vec<Effect>,
    host: &mut impl Host,
    events: &mut impl EventSource,
    clock: &impl Fn() -> i64,
    redraw: &mut bool,
) -> Option<Exit> {
    let mut pending = std::collections::VecDeque::from(effects);
    while let Some(effect) = pending.pop_front() {
        let follow = match effect {
            Effect::Quit => return Some(Exit::Quit),
            Effect::Suspend | Effect::OpenUrl(_) | Effect::Pipe { .. } => {
                // Another program may have the terminal meanwhile: it gets the keys, and the whole
                // screen is drawn again after.
                events.pause();
                let follow = host.perform(effect);
                events.resume();
                *redraw = true;
                follow
            }
            other => host.perform(other),
        };
        for action in follow {
            pending.extend(update(state, action, clock()));
        }
    }
    None
}

/// Runs the reader until it quits, a signal stops it, or the input ends. Every waiting input is applied
/// before the next frame is drawn, so a storm of resizes or of scan steps costs one frame; scan steps
/// that arrive together are merged, so the list is re-sorted once.
///
/// # Errors
/// When drawing or reading events fails.
pub fn run<B>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    theme: &Theme,
    events: &mut impl EventSource,
    host: &mut impl Host,
    clock: impl Fn() -> i64,
) -> anyhow::Result<Exit>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    let mut keys = KeyResolver::default();
    // What building the state asked for (the first story's load); the first frame is drawn whole anyway.
    state.set_now(clock());
    let first = state.take_effects();
    if let Some(exit) = carry_out(state, first, host, events, &clock, &mut false) {
        return Ok(exit);
    }
    terminal.draw(|frame| ui::render(state, theme, frame))?;
    // What a watcher brought that the frames so far have not taken in (see [`indexing::portion`]); later
    // steps join it, so that steps land in the order they came.
    let mut scanned: Option<ScanUpdate> = None;
    loop {
        let first = match scanned.take() {
            Some(waiting) => Input::Scan(waiting),
            None => match events.next()? {
                Some(first) => first,
                None => break,
            },
        };
        let mut input = Some(first);
        let mut redraw = false;
        while let Some(i) = input.take() {
            if let Input::Scan(u) = i {
                // Steps of a watcher's scan and of a whole scan are taken in one by one: they are shown
                // differently.
                if let Some(earlier) = scanned.take_if(|e| e.live != u.live) {
                    let exit = dispatch(
                        state,
                        Action::Indexed(earlier),
                        host,
                        events,
                        &clock,
                        &mut redraw,
                    );
                    if let Some(exit) = exit {
                        return Ok(exit);
                    }
                }
                scanned = Some(indexing::combine(scanned, u));
            } else {
                let exit = take_in_part(state, &mut scanned, host, events, &clock, &mut redraw);
                if let Some(exit) = exit {
                    return Ok(exit);
                }
                let mode_before = std::mem::discriminant(state.mode());
                let batch = match actions(i, &mut keys, state) {
                    Ok(batch) => batch,
                    Err(exit) => return Ok(wind_down(state, host, &clock, exit)),
                };
                for action in batch {
                    if let Some(exit) = dispatch(state, action, host, events, &clock, &mut redraw) {
                        return Ok(exit);
                    }
                }
                if std::mem::discriminant(state.mode()) != mode_before {
                    keys.reset();
                }
            }
            input = events.ready()?;
        }
        if let Some(exit) = take_in_part(state, &mut scanned, host, events, &clock, &mut redraw) {
            return Ok(exit);
        }
        if redraw {
            terminal.clear()?;
        }
        terminal.draw(|frame| ui::render(state, theme, frame))?;
    }
    Ok(wind_down(state, host, &clock, Exit::EndOfInput))
}
