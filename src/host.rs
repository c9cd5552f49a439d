//! The reader's host: it carries out what `update` asks for. Marks, stars and reading positions go to the
//! database, each committed at once (a write that fails comes back as `Action::NotSaved`, so the screen
//! takes it back); stories go to the worker; the browser and the shell get the terminal when asked, and
//! the media player is started on its own.

use crate::action::{Action, NotSaved};
use crate::app::Effect;
use crate::runner::Host;
use crate::search::SearchJob;
use crate::store::db::Db;
use crate::worker::search::{SearchWorker, Searcher};
use crate::worker::{StorySource, StoryWorker};

/// Writes what `effect` asks for to `db`. When the database stops taking writes (a full disk, a file
/// made read-only), the reader goes on with a copy in memory and says once that marks cannot be saved;
/// any other failure comes back as `Action::NotSaved`. `None` when it was saved (or is not a write).
pub fn save(db: &mut Db, effect: &Effect) -> Option<Action> {
    let error = write(db, effect).err()?;
    if let Some(Ok(notice)) = db.degrade(&error) {
        return Some(match write(db, effect) {
            Ok(()) => Action::Notify(notice.warning(), notice.short().to_owned()),
            Err(again) => not_saved(effect, &again)?,
        });
    }
    not_saved(effect, &error)
}

/// The action that takes back a write that failed with `error`.
fn not_saved(effect: &Effect, error: &crate::store::db::DbError) -> Option<Action> {
    Some(Action::NotSaved(NotSaved {
        error: error.to_string(),
        undo: effect.revert()?,
    }))
}

/// Writes one effect to `db`.
fn write(db: &mut Db, effect: &Effect) -> Result<(), crate::store::db::DbError> {
    match effect {
        Effect::SaveRead { changes, .. } => {
            let rows: Vec<_> = changes
                .iter()
                .map(|(id, url, at)| (*id, url.as_deref(), *at))
                .collect();
            db.set_read(&rows)
        }
        Effect::SaveStar {
            id, url, starred, ..
        } => db.set_starred(*id, url.as_deref(), *starred),
        Effect::SavePosition { id, url, block } => db.set_position(*id, url.as_deref(), *block),
        Effect::SaveSearch { query, at } => {
            db.save_search(query, *at, crate::app::search::HISTORY_KEPT)
        }
        Effect::SaveView { name, query, at } => db.save_view(name, query, *at),
        Effect::SavePlace { paths, place, at } => db.save_place(paths, place, *at),
        _ => Ok(()),
    }
}

/// Saves a story as a file, and says where (or why it could not).
#[must_use]
pub fn save_story(
    story: &crate::model::Article,
    folder: Option<std::path::PathBuf>,
    format: crate::config::SaveFormat,
) -> Action {
    let Some(folder) = folder.or_else(crate::export::save::default_folder) else {
        return Action::Report(
            "Not saved: no home folder is known; set folder in [saving]".to_owned(),
        );
    };
    match crate::export::save::save(story, &folder, format) {
        Ok(path) => Action::Report(format!("Saved to {}", path.display())),
        Err(e) => Action::Report(format!("Not saved to {}: {e}", folder.display())),
    }
}

/// What the status bar says after a piped command: how it ended.
#[must_use]
pub fn piped(
    command: &str,
    ran: std::io::Result<std::io::Result<std::process::ExitStatus>>,
) -> String {
    match ran {
        Err(e) => format!("Could not take the terminal back: {e}"),
        Ok(Err(e)) => format!("Could not run `{command}`: {e}"),
        Ok(Ok(status)) if status.success() => format!("Piped to `{command}`"),
        Ok(Ok(status)) => match status.code() {
            Some(code) => format!("`{command}` exited with status {code}"),
            None => format!("`{command}` was stopped by a signal"),
        },
    }
}

/// What the status bar says after a copy to the clipboard.
#[must_use]
pub fn copied(text: &str, result: &std::io::Result<()>) -> String {
    match result {
        Ok(()) => format!("Copied {text}"),
        Err(e) => format!("Could not copy: {e}"),
    }
}

/// Where the host gets stories: parsed on the spot (memory), or by the worker (files).
#[derive(Debug)]
pub enum Stories {
    /// Looked up at once.
    Now(StorySource),
    /// Parsed on the worker's threads; results arrive as inputs.
    Worker(StoryWorker),
}

/// Where the host runs searches: at once (the sample store, tests), or on the search worker.
#[derive(Debug)]
pub enum Searching {
    /// Answered at once.
    Now(Searcher),
    /// Answered on the worker's thread; replies arrive as inputs.
    Worker(SearchWorker),
}

impl Searching {
    /// Hands `job` over; an answer at once comes back as an action.
    pub fn run(&mut self, job: SearchJob) -> Vec<Action> {
        match self {
            Self::Now(searcher) => vec![Action::SearchReply(searcher.answer(&job))],
            Self::Worker(worker) => {
                worker.request(job);
                Vec::new()
            }
        }
    }
}

/// The real reader's host.
#[derive(Debug)]
pub struct ReaderHost {
    /// The database that keeps read state.
    pub db: Db,
    /// Where stories come from.
    pub stories: Stories,
    /// Where searches run.
    pub search: Searching,
    /// Starts scans of the folders read (none for the sample store).
    pub scanner: Option<crate::scanner::Scanner>,
    /// Draws pictures inline, when the terminal can (or half blocks were asked for).
    pub painter: Option<crate::pictures::Painter>,
}

/// The pictures `Effect::Paint` asks for, made by `painter` (none without one).
#[must_use]
pub fn paint(painter: Option<&crate::pictures::Painter>, effect: Effect) -> Vec<Action> {
    match (painter, effect) {
        (
            Some(painter),
            Effect::Paint {
                id,
                path,
                sources,
                columns,
            },
        ) => vec![Action::Painted(crate::action::Painted {
            id,
            columns,
            pictures: painter.paint(&path, &sources, columns),
        })],
        _ => Vec::new(),
    }
}

impl Host for ReaderHost {
    fn perform(&mut self, effect: Effect) -> Vec<Action> {
        match effect {
            Effect::Load {
                headline,
                generation,
                widths,
                date_format,
            } => match &mut self.stories {
                // Stories in memory need no parse: the UI thread reflows them as it goes.
                Stories::Now(source) => vec![Action::Loaded(crate::action::Loaded {
                    id: headline.id,
                    generation,
                    story: source.load(&headline),
                    view: None,
                })],
                Stories::Worker(worker) => {
                    worker.request(headline, generation, widths, date_format);
                    Vec::new()
                }
            },
            // Decoded on the spot: at most a few pictures, once per story and width.
            paint @ Effect::Paint { .. } => self::paint(self.painter.as_ref(), paint),
            Effect::Copy(text) => {
                let result = crate::tui::copy_to_clipboard(&text);
                vec![Action::Report(copied(&text, &result))]
            }
            Effect::OpenUrl(url) => match crate::tui::open_in_browser(&url) {
                Ok(()) => Vec::new(),
                Err(e) => vec![Action::Report(format!("Could not open {url}: {e}"))],
            },
            Effect::Play { player, url } => {
                let result = crate::player::play(&player, &url);
                vec![Action::Report(crate::player::played(
                    &player, &url, &result,
                ))]
            }
            Effect::Suspend => {
                if let Err(e) = crate::tui::suspend() {
                    return vec![Action::Report(format!(
                        "Could not resume the terminal: {e}"
                    ))];
                }
                // The terminal may have been resized while the reader was stopped.
                crossterm::terminal::size()
                    .map(|(w, h)| vec![Action::Resize(w, h)])
                    .unwrap_or_default()
            }
            Effect::Quit => Vec::new(),
            Effect::Search(job) => self.search.run(job),
            // A scan already running covers what was asked.
            Effect::Rescan => {
                if let Some(scanner) = &self.scanner {
                    let _ = scanner.start();
                }
                Vec::new()
            }
            Effect::SaveStory {
                story,
                folder,
                format,
            } => vec![save_story(&story, folder, format)],
            Effect::Pipe { command, story } => {
                let width =
                    crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w).min(100));
                let text = crate::view::plain::render(&story, width);
                let ran = crate::tui::hand_over(|| crate::shell::pipe(&command, &text, &story));
                let mut follow = vec![Action::Report(piped(&command, ran))];
                // The terminal may have been resized meanwhile.
                if let Ok((w, h)) = crossterm::terminal::size() {
                    follow.push(Action::Resize(w, h));
                }
                follow
            }
            write => save(&mut self.db, &write).into_iter().collect(),
        }
    }
}
