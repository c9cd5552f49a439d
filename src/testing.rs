//! Test support (the `test-support` feature, off in release builds): a scripted input source, a host
//! that does everything at once and in memory, and a reader harness that drives `update` through
//! actions as the real runner would.

use std::collections::VecDeque;

use crossterm::event::Event;
use ratatui::layout::Rect;

use crate::action::{Action, Loaded};
use crate::app::{Effect, State, update};
use crate::config::keymap::Keymap;
use crate::host::save;
use crate::model::{Article, Headline};
use crate::runner::{EventSource, Host, Input};
use crate::store::Warning;
use crate::store::db::Db;
use crate::worker::StorySource;
use crate::worker::search::Searcher;

/// The time tests run at: 2026-11-30 12:00 UTC.
pub const NOW: i64 = 1_796_040_000;

/// A fixed list of inputs, for tests and scripted runs.
#[derive(Debug, Default)]
pub struct Scripted(pub VecDeque<Input>);

impl Scripted {
    /// A script of terminal events.
    #[must_use]
    pub fn events(events: impl IntoIterator<Item = Event>) -> Self {
        Self(events.into_iter().map(Input::Terminal).collect())
    }
}

impl EventSource for Scripted {
    fn next(&mut self) -> std::io::Result<Option<Input>> {
        Ok(self.0.pop_front())
    }

    fn ready(&mut self) -> std::io::Result<Option<Input>> {
        Ok(None)
    }
}

/// A script whose inputs all arrive together, as a burst does: the loop takes them in one batch.
#[derive(Debug, Default)]
pub struct Burst(pub VecDeque<Input>);

impl EventSource for Burst {
    fn next(&mut self) -> std::io::Result<Option<Input>> {
        Ok(self.0.pop_front())
    }

    fn ready(&mut self) -> std::io::Result<Option<Input>> {
        Ok(self.0.pop_front())
    }
}

/// A host that loads stories at once, keeps marks in a database (in memory unless given one), and
/// records what would have gone to the browser or the shell.
#[derive(Debug)]
pub struct TestHost {
    /// Where stories come from.
    pub source: StorySource,
    /// The read state.
    pub db: Db,
    /// Addresses opened.
    pub opened: Vec<String>,
    /// What was put on the clipboard.
    pub copied: Vec<String>,
    /// Media played: the player's words and the address.
    pub played: Vec<(Vec<String>, String)>,
    /// Draws pictures, when a test gives it a way to (see [`Reader::paint_with`]).
    pub painter: Option<crate::pictures::Painter>,
    /// How many times the reader suspended.
    pub suspended: usize,
    /// How many stories were loaded.
    pub loads: usize,
    /// Searches the stories in memory, made on the first search.
    pub searcher: Option<Searcher>,
}

impl TestHost {
    /// A host over `source` with marks in `db`.
    #[must_use]
    pub fn new(source: StorySource, db: Db) -> Self {
        Self {
            source,
            db,
            opened: Vec::new(),
            copied: Vec::new(),
            played: Vec::new(),
            painter: None,
            suspended: 0,
            loads: 0,
            searcher: None,
        }
    }
}

impl Host for TestHost {
    fn perform(&mut self, effect: Effect) -> Vec<Action> {
        match effect {
            Effect::Load {
                headline,
                generation,
                ..
            } => {
                self.loads += 1;
                vec![Action::Loaded(Loaded {
                    id: headline.id,
                    generation,
                    story: self.source.load(&headline),
                    view: None,
                })]
            }
            Effect::OpenUrl(url) => {
                self.opened.push(url);
                Vec::new()
            }
            paint @ Effect::Paint { .. } => crate::host::paint(self.painter.as_ref(), paint),
            Effect::Play { player, url } => {
                let said = crate::player::played(&player, &url, &Ok(()));
                self.played.push((player, url));
                vec![Action::Report(said)]
            }
            Effect::Copy(text) => {
                let said = crate::host::copied(&text, &Ok(()));
                self.copied.push(text);
                vec![Action::Report(said)]
            }
            Effect::Suspend => {
                self.suspended += 1;
                Vec::new()
            }
            Effect::Quit => Vec::new(),
            Effect::Search(job) => {
                let searcher = self.searcher.get_or_insert_with(|| match &self.source {
                    StorySource::Memory(all) => {
                        Searcher::memory(all.values().map(|a| (**a).clone()).collect())
                    }
                    StorySource::Disk { .. } => Searcher::memory(Vec::new()),
                });
                vec![Action::SearchReply(searcher.answer(&job))]
            }
            Effect::SaveStory {
                story,
                folder,
                format,
            } => vec![crate::host::save_story(&story, folder, format)],
            // No terminal to hand over: the command runs with the story on its input.
            Effect::Pipe { command, story } => {
                let text = crate::view::plain::render(&story, 80);
                let ran = crate::shell::pipe(&command, &text, &story);
                vec![Action::Report(crate::host::piped(&command, Ok(ran)))]
            }
            write => save(&mut self.db, &write).into_iter().collect(),
        }
    }
}

/// A reader driven headlessly: every action goes through `update`, and its effects through a
/// [`TestHost`], at once.
#[derive(Debug)]
pub struct Reader {
    /// The state.
    pub state: State,
    /// The host.
    pub host: TestHost,
    /// Set when an action asked to quit.
    pub quit: bool,
}

impl Reader {
    /// A reader over whole stories in memory (in store order), marks in `db`, at `width`×`height`.
    ///
    /// # Panics
    /// When `db`'s marks cannot be read.
    #[must_use]
    pub fn with_db(articles: Vec<Article>, warnings: Vec<Warning>, db: Db, size: Rect) -> Self {
        let headlines: Vec<Headline> = articles.iter().map(Headline::from).collect();
        #[allow(clippy::expect_used)]
        let marks = db.marks().expect("the test database reads");
        let mut state = State::new(headlines, marks, warnings, Keymap::default_keys(), size);
        state.set_now(NOW);
        let host = TestHost::new(StorySource::memory(articles), db);
        let mut reader = Self {
            state,
            host,
            quit: false,
        };
        reader.settle();
        reader
    }

    /// A reader over whole stories in memory, marks in a fresh in-memory database.
    ///
    /// # Panics
    /// Never in practice: an in-memory database opens.
    #[must_use]
    pub fn new(articles: Vec<Article>, warnings: Vec<Warning>, size: Rect) -> Self {
        #[allow(clippy::expect_used)]
        let db = Db::in_memory().expect("an in-memory database opens");
        Self::with_db(articles, warnings, db, size)
    }

    /// The bundled sample store at `width`×`height`.
    #[must_use]
    pub fn samples(width: u16, height: u16) -> Self {
        let store = crate::samples::load();
        Self::new(
            store.articles,
            store.warnings,
            Rect::new(0, 0, width, height),
        )
    }

    /// Draws pictures inline with `protocol`, as a terminal that can would (the picker forced).
    pub fn paint_with(&mut self, protocol: ratatui_image::picker::ProtocolType) {
        self.host.painter = Some(crate::pictures::Painter::forced(protocol));
        self.state.start_painting();
        self.settle();
    }

    /// Carries out the effects waiting in the state (after building or reconfiguring it).
    pub fn settle(&mut self) {
        let effects = self.state.take_effects();
        self.perform(effects);
    }

    fn perform(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            if effect == Effect::Quit {
                self.quit = true;
            }
            for action in self.host.perform(effect) {
                queue.extend(update(&mut self.state, action, NOW));
            }
        }
    }

    /// Applies one action and carries out what it asks for.
    pub fn apply(&mut self, action: Action) {
        let effects = update(&mut self.state, action, NOW);
        self.perform(effects);
    }

    /// Applies actions in turn.
    pub fn apply_all(&mut self, actions: impl IntoIterator<Item = Action>) {
        for a in actions {
            self.apply(a);
        }
    }
}

impl std::ops::Deref for Reader {
    type Target = State;

    fn deref(&self) -> &State {
        &self.state
    }
}
