//! Every user intent as an `Action`: keys map to them through the keymap, and mouse events, resizes and
//! what the background threads report are turned into them. `update` is the only place they change state.
//!
//! The names a configuration binds (`move_down`, `toggle_read`…) come from the enum itself, so an action
//! cannot be left out of the keymap or the help: a new variant is bindable as soon as it exists, and the
//! compiler asks for its help text.

use std::sync::Arc;

use strum::{EnumString, IntoStaticStr, VariantNames};

use crate::model::{Article, ArticleId};
use crate::search::Snippet;
use crate::search::rank::Matches;
use crate::store::Warning;
use crate::store::scan::ScanUpdate;
use crate::view::reflow::{Reflowed, SidebarItem};

/// One user intent, or an event the reader reacts to.
#[derive(Clone, Debug, PartialEq, Eq, EnumString, IntoStaticStr, VariantNames)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    /// Move the selection down, or scroll the article down a line when it has focus.
    MoveDown,
    /// Move the selection up, or scroll the article up a line when it has focus.
    MoveUp,
    /// Open the selected story; in the sidebar, follow the selected link.
    Open,
    /// Focus the next pane (list, article, sidebar).
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Focus the pane to the left.
    FocusLeft,
    /// Focus the pane to the right.
    FocusRight,
    /// Open the next story in list order.
    NextStory,
    /// Open the previous story in list order.
    PrevStory,
    /// Open the next unread story.
    NextUnread,
    /// Open the previous unread story.
    PrevUnread,
    /// Go back to the story shown before the last jump.
    Back,
    /// Go forward again after going back.
    Forward,
    /// Page down.
    PageDown,
    /// Page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// Go to the top.
    Top,
    /// Go to the bottom.
    Bottom,
    /// Ask for a story's number in the list and go to it.
    Goto,
    /// Search: type a query, the list shows the results as you type.
    Search,
    /// In a story found by a search: scroll to the next match.
    NextMatch,
    /// In a story found by a search: scroll to the previous match.
    PrevMatch,
    /// Open the views: All, Unread, Starred, saved searches, sources and sections, with their counts.
    Views,
    /// Save the search in force as a view, under a name you type.
    SaveView,
    /// Sort the list the next way: newest first, oldest first, by source, unread first.
    CycleSort,
    /// Save the story on screen as a file (the folder and format come from `[saving]`).
    SaveStory,
    /// Pipe the story on screen to a command you type (its metadata in `BROADSHEET_*` variables).
    PipeStory,
    /// Scan the folders read again now: new, changed and removed files show in the list.
    Rescan,
    /// Show or hide the related-links sidebar.
    ToggleSidebar,
    /// Open the selected sidebar link (or the story's own address) in the web browser, media in the
    /// configured player; after a count, the story's body link of that number.
    OpenLink,
    /// Copy the selected sidebar link (or the story's own address) to the clipboard.
    CopyLink,
    /// Scroll wide tables and code to the right.
    ScrollRight,
    /// Scroll wide tables and code back to the left.
    ScrollLeft,
    /// Mark the selected story read, or unread again.
    ToggleRead,
    /// Mark every listed story read (after a y/n question).
    MarkAllRead,
    /// Take back the last read marking.
    Undo,
    /// List only unread stories, or all again.
    ToggleUnreadOnly,
    /// Star the selected story, or unstar it.
    ToggleStar,
    /// List only starred stories, or all again.
    ToggleStarredOnly,
    /// Show the help overlay listing every binding.
    Help,
    /// Close the overlay.
    Close,
    /// Suspend to the shell (Ctrl-Z); `fg` resumes.
    Suspend,
    /// Quit.
    Quit,
    /// In a prompt: accept what was typed.
    Submit,
    /// In a prompt: give up, changing nothing.
    Cancel,
    /// In a prompt: delete the character before the cursor.
    DeleteBack,
    /// In a prompt: delete the character under the cursor.
    DeleteForward,
    /// In a prompt: delete the word before the cursor.
    DeleteWord,
    /// In a prompt: delete everything before the cursor.
    DeleteToStart,
    /// In a prompt: move the cursor a character left.
    CursorLeft,
    /// In a prompt: move the cursor a character right.
    CursorRight,
    /// In a prompt: move the cursor to the start.
    CursorStart,
    /// In a prompt: move the cursor to the end.
    CursorEnd,
    /// In a prompt: the query typed before this one.
    HistoryPrev,
    /// In a prompt: the query typed after this one.
    HistoryNext,
    /// Answer the question in the status bar: yes or no.
    #[strum(disabled)]
    Answer(bool),
    /// Type a character into the prompt.
    #[strum(disabled)]
    Insert(char),
    /// A digit typed before a key, adding to its count (`3` then `o` opens the story's third link).
    /// Typed by any digit key not bound to an action.
    #[strum(disabled)]
    Digit(u8),
    /// Show the view with this id (`all`, `source:tech`…), chosen in the views pane.
    #[strum(disabled)]
    ChooseView(String),
    /// Pipe the story on screen to the command of this name in `[commands]` (bound as `run:NAME`).
    #[strum(disabled)]
    RunCommand(String),
    /// The terminal now has this many columns and rows.
    #[strum(disabled)]
    Resize(u16, u16),
    /// A mouse click at a column and row.
    #[strum(disabled)]
    Click(u16, u16),
    /// The mouse wheel turned over a column and row: positive is down.
    #[strum(disabled)]
    Scroll(u16, u16, i16),
    /// The story worker finished a story.
    #[strum(disabled)]
    Loaded(Loaded),
    /// The background index scan took a step.
    #[strum(disabled)]
    Indexed(ScanUpdate),
    /// A marking could not be saved: take it back on screen too.
    #[strum(disabled)]
    NotSaved(NotSaved),
    /// The search worker answered.
    #[strum(disabled)]
    SearchReply(SearchReply),
    /// Marks changed in the database by someone else (the CLI, another reader).
    #[strum(disabled)]
    MarksChanged(Vec<(ArticleId, crate::store::marks::Mark)>),
    /// A story's pictures, decoded and ready to draw.
    #[strum(disabled)]
    Painted(Painted),
    /// Something the runner has to tell the user (a browser that would not start).
    #[strum(disabled)]
    Report(String),
    /// Something the user must know about for the rest of the session (marks that can no longer be
    /// saved): listed in the help, and said in the status bar.
    #[strum(disabled)]
    Notify(Warning, String),
}

/// How a command of `[commands]` is named where actions are: `run:NAME`.
pub const COMMAND_PREFIX: &str = "run:";

/// What the search worker answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchReply {
    /// What the index matched for a query.
    Found {
        /// The reader's search generation when it was asked.
        generation: u64,
        /// The matches.
        matches: Matches,
    },
    /// The query could not be run.
    Failed {
        /// The reader's search generation when it was asked.
        generation: u64,
        /// Why.
        error: String,
    },
    /// What a saved search's query matched, to count and list it as a view.
    Counted {
        /// The saved search's name.
        name: String,
        /// The matches, or why the query could not be run.
        matches: Result<Matches, String>,
    },
    /// Snippets for listed results.
    Snippets {
        /// The reader's search generation when they were asked for.
        generation: u64,
        /// Each story's snippet.
        snippets: Vec<(ArticleId, Snippet)>,
    },
    /// The stories most like one, best first.
    Similar {
        /// The story.
        id: ArticleId,
        /// The stories like it (empty when the index cannot say).
        found: Vec<ArticleId>,
    },
}

/// A story the worker parsed (or a stand-in saying why it could not be read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    /// The story asked for.
    pub id: ArticleId,
    /// The reader's story generation when it was asked for (see `ArticlePane`).
    pub generation: u64,
    /// The whole story.
    pub story: Arc<Article>,
    /// The story reflowed on the worker for the widths it was asked for, so a long story is not
    /// reflowed on the UI thread.
    pub view: Option<Prepared>,
}

/// A story reflowed for one pair of widths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    /// The article and sidebar text widths.
    pub widths: (u16, u16),
    /// The date format the meta line used.
    pub date_format: String,
    /// The article's lines.
    pub article: Reflowed,
    /// The sidebar's items.
    pub sidebar: Vec<SidebarItem>,
}

impl Prepared {
    /// Reflows `story` for `widths`, its date in `date_format`.
    #[must_use]
    pub fn new(story: &Article, widths: (u16, u16), date_format: &str) -> Self {
        Self {
            widths,
            date_format: date_format.to_owned(),
            article: crate::view::reflow::reflow(story, widths.0, Some(date_format)),
            sidebar: crate::view::reflow::wrap_sidebar(story, widths.1),
        }
    }
}

/// A story's pictures ready to draw, for one text width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Painted {
    /// The story.
    pub id: ArticleId,
    /// The text width they were made for.
    pub columns: u16,
    /// Each picture with its body block.
    pub pictures: Vec<(usize, Arc<crate::pictures::Picture>)>,
}

/// A write that failed, with what the screen must go back to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotSaved {
    /// What the database said.
    pub error: String,
    /// The marking to take back.
    pub undo: Revert,
}

/// What a failed write had changed on screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Revert {
    /// A read marking: the read times before it (its undo step goes too).
    Read(Vec<(ArticleId, Option<i64>)>),
    /// An undo of a read marking: the read times before the undo, and the step to put back.
    UndoneRead {
        /// Read times before the undo.
        before: Vec<(ArticleId, Option<i64>)>,
        /// The undo step that was taken.
        step: Vec<(ArticleId, Option<i64>)>,
    },
    /// A star marking: the star before it (its undo step goes too).
    Star(ArticleId, bool),
    /// An undo of a star marking: the star the undo restored (the step is put back).
    UndoneStar(ArticleId, bool),
    /// A reading position (nothing to take back: it is only remembered).
    Position,
}

/// The keymap context an action belongs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Bound anywhere but in a prompt.
    Reader,
    /// Bound only in a prompt (`[keys.prompt]`).
    Prompt,
}

impl Action {
    /// What the action does, for the help; `None` for events, which no key can be bound to. The match is
    /// exhaustive, so a new action cannot lack its text.
    #[must_use]
    pub fn help(&self) -> Option<&'static str> {
        Some(match self {
            Self::MoveDown => "move down / scroll down",
            Self::MoveUp => "move up / scroll up",
            Self::Open => "open the story / follow the link",
            Self::FocusNext => "focus the next pane",
            Self::FocusPrev => "focus the previous pane",
            Self::FocusLeft => "focus the pane to the left",
            Self::FocusRight => "focus the pane to the right",
            Self::NextStory => "open the next story",
            Self::PrevStory => "open the previous story",
            Self::NextUnread => "open the next unread story",
            Self::PrevUnread => "open the previous unread story",
            Self::Back => "back in history",
            Self::Forward => "forward in history",
            Self::PageDown => "page down",
            Self::PageUp => "page up",
            Self::HalfPageDown => "half a page down",
            Self::HalfPageUp => "half a page up",
            Self::Top => "go to the top",
            Self::Bottom => "go to the bottom",
            Self::Goto => "go to a story by its number",
            Self::Search => "search (Esc clears the results)",
            Self::NextMatch => "next match in the story",
            Self::PrevMatch => "previous match in the story",
            Self::Views => "views: sources, sections, saved searches",
            Self::SaveView => "save the search as a view",
            Self::CycleSort => "sort: newest, oldest, by source, unread first",
            Self::SaveStory => "save the story as a file",
            Self::PipeStory => "pipe the story to a command",
            Self::Rescan => "scan the folders again now",
            Self::ToggleSidebar => "show or hide the related links",
            Self::OpenLink => "open the link (or the story); 3o: body link 3",
            Self::CopyLink => "copy the link (or the story's address)",
            Self::ScrollRight => "scroll wide tables and code right",
            Self::ScrollLeft => "scroll wide tables and code left",
            Self::ToggleRead => "mark read / unread",
            Self::MarkAllRead => "mark every listed story read",
            Self::Undo => "undo the last marking",
            Self::ToggleUnreadOnly => "list only unread stories",
            Self::ToggleStar => "star / unstar",
            Self::ToggleStarredOnly => "list only starred stories",
            Self::Help => "this help",
            Self::Close => "close the overlay, clear the search",
            Self::Suspend => "suspend to the shell",
            Self::Quit => "quit",
            Self::Submit => "accept",
            Self::Cancel => "cancel",
            Self::DeleteBack => "delete the character before the cursor",
            Self::DeleteForward => "delete the character under the cursor",
            Self::DeleteWord => "delete the word before the cursor",
            Self::DeleteToStart => "delete to the start",
            Self::CursorLeft => "cursor left",
            Self::CursorRight => "cursor right",
            Self::CursorStart => "cursor to the start",
            Self::CursorEnd => "cursor to the end",
            Self::HistoryPrev => "the query before",
            Self::HistoryNext => "the query after",
            Self::Answer(_)
            | Self::Insert(_)
            | Self::Digit(_)
            | Self::ChooseView(_)
            | Self::RunCommand(_)
            | Self::MarksChanged(_)
            | Self::Resize(..)
            | Self::Click(..)
            | Self::Scroll(..)
            | Self::Loaded(_)
            | Self::Indexed(_)
            | Self::NotSaved(_)
            | Self::Report(_)
            | Self::Painted(_)
            | Self::SearchReply(_)
            | Self::Notify(..) => return None,
        })
    }

    /// Where the action can be bound: prompt editing keys only in a prompt, the rest outside one.
    #[must_use]
    pub fn scope(&self) -> Scope {
        match self {
            Self::Submit
            | Self::Cancel
            | Self::DeleteBack
            | Self::DeleteForward
            | Self::DeleteWord
            | Self::DeleteToStart
            | Self::CursorLeft
            | Self::CursorRight
            | Self::CursorStart
            | Self::CursorEnd
            | Self::HistoryPrev
            | Self::HistoryNext => Scope::Prompt,
            _ => Scope::Reader,
        }
    }

    /// The bindable action named `name` (`snake_case`), or `run:NAME` for a command of `[commands]`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        if let Some(command) = name.strip_prefix(COMMAND_PREFIX) {
            return (!command.is_empty()).then(|| Self::RunCommand(command.to_owned()));
        }
        name.parse().ok()
    }

    /// The action's `snake_case` name (`run_command` for every named command; only bindable actions and
    /// commands have one).
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::RunCommand(_) => "run_command",
            _ => self.into(),
        }
    }

    /// Every action a key can be bound to, in declaration (and help) order.
    pub fn bindable() -> impl Iterator<Item = Self> {
        Self::VARIANTS.iter().filter_map(|n| Self::from_name(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_events_are_not_bindable() {
        let all: Vec<Action> = Action::bindable().collect();
        assert!(all.len() > 30);
        for action in &all {
            assert_eq!(Action::from_name(action.name()).as_ref(), Some(action));
            assert!(action.help().is_some(), "{} has help", action.name());
        }
        assert_eq!(Action::MoveDown.name(), "move_down");
        assert_eq!(
            Action::from_name("toggle_starred_only"),
            Some(Action::ToggleStarredOnly)
        );
        assert_eq!(Action::from_name("no_such_action"), None);
        assert_eq!(Action::from_name("resize"), None);
        assert_eq!(Action::from_name("loaded"), None);
        assert!(Action::Resize(1, 1).help().is_none());
        assert!(
            !all.iter()
                .any(|a| matches!(a, Action::Answer(_) | Action::Insert(_)))
        );
    }
}
