//! What `update` asks the runner to do: everything that touches a file, the database, the browser or the
//! terminal. `update` itself stays pure, so every behaviour can be tested without any of them.

use crate::action::Revert;
use crate::model::{ArticleId, Headline};
use crate::search::SearchJob;

/// One piece of work for the runner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Parse this story (and resolve its related links) on the story worker; the result comes back as
    /// `Action::Loaded`. A newer request replaces one still waiting.
    Load {
        /// The story's headline: its file, entry and id.
        headline: Headline,
        /// The reader's story generation, returned with the result.
        generation: u64,
        /// The article and sidebar text widths to reflow it for.
        widths: (u16, u16),
        /// The date format of its meta line.
        date_format: String,
    },
    /// Save read times (`None`: unread). A failure comes back as `Action::NotSaved`.
    SaveRead {
        /// Each story's id, URL (kept so a state export can name it) and read time.
        changes: Vec<(ArticleId, Option<String>, Option<i64>)>,
        /// What to take back on screen if the write fails.
        revert: Revert,
    },
    /// Star or unstar a story.
    SaveStar {
        /// The story.
        id: ArticleId,
        /// Its URL, when known.
        url: Option<String>,
        /// Starred or not.
        starred: bool,
        /// What to take back on screen if the write fails.
        revert: Revert,
    },
    /// Remember the body block where reading of a story stopped.
    SavePosition {
        /// The story.
        id: ArticleId,
        /// Its URL, when known.
        url: Option<String>,
        /// The block at the top of the article.
        block: u32,
    },
    /// Run a query's words on the search index, or make snippets for results; the answer comes back as
    /// `Action::SearchReply`. A newer query replaces one still waiting.
    Search(SearchJob),
    /// Keep a query in the search history (across runs).
    SaveSearch {
        /// The query.
        query: String,
        /// When it was run (Unix seconds).
        at: i64,
    },
    /// Save a search as a view (replacing one of that name).
    SaveView {
        /// The view's name.
        name: String,
        /// The query.
        query: String,
        /// When (Unix seconds).
        at: i64,
    },
    /// Remember where the reader is (view, sorts, filters, story) for the folders it reads.
    SavePlace {
        /// The folders read, as one key.
        paths: String,
        /// The place, as JSON.
        place: String,
        /// When (Unix seconds).
        at: i64,
    },
    /// Write a story to a file; the runner says where (or why not) with `Action::Report`.
    SaveStory {
        /// The story.
        story: std::sync::Arc<crate::model::Article>,
        /// The folder; `None`: the default (see `export::save::default_folder`).
        folder: Option<std::path::PathBuf>,
        /// The format.
        format: crate::config::SaveFormat,
    },
    /// Hand the terminal to a shell command with the story's text on its input and its metadata in
    /// `BROADSHEET_*` variables, then take it back; the runner says how it ended with `Action::Report`.
    Pipe {
        /// The shell command line.
        command: String,
        /// The story.
        story: std::sync::Arc<crate::model::Article>,
    },
    /// Scan the folders read again now (unless a scan runs); its steps come back as `Action::Indexed`.
    Rescan,
    /// Open a web address (http or https only) in the browser.
    OpenUrl(String),
    /// Play a feed entry's media with the configured player (`[reading] player`): the command's words,
    /// the address (http or https only) added last, started on its own with no terminal (its input and
    /// output go nowhere), so the reader keeps the screen and the keys.
    Play {
        /// The program and its arguments.
        player: Vec<String>,
        /// The media's address.
        url: String,
    },
    /// Decode the story's pictures that are on disk and make them ready to draw at most `columns` wide;
    /// they come back as `Action::Painted`.
    Paint {
        /// The story.
        id: ArticleId,
        /// Its file (relative sources are beside it).
        path: std::path::PathBuf,
        /// Each picture's body block and source, as the file gives it.
        sources: Vec<(usize, String)>,
        /// The article's text width.
        columns: u16,
    },
    /// Put this text on the clipboard (through the terminal: OSC 52); the runner says so with
    /// `Action::Report`.
    Copy(String),
    /// Suspend to the shell; `fg` resumes.
    Suspend,
    /// Leave the reader.
    Quit,
}

impl Effect {
    /// What to take back on screen when this write fails; `None` for effects that are not writes.
    #[must_use]
    pub fn revert(&self) -> Option<Revert> {
        match self {
            Self::SaveRead { revert, .. } | Self::SaveStar { revert, .. } => Some(revert.clone()),
            Self::SavePosition { .. } => Some(Revert::Position),
            _ => None,
        }
    }
}
