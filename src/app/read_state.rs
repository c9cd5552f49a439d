//! The reader's read state: each story's read time, star and reading position as last saved, the
//! markings `undo` can take back, the back/forward history, and the story last opened.

use std::collections::HashMap;

use super::history::History;
use crate::model::ArticleId;
use crate::store::marks::Mark;

/// How many markings undo remembers; old steps are the least likely to be wanted.
const UNDO_DEPTH: usize = 1000;

/// One marking as `undo` takes it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undo {
    /// Stories marked read or unread, with their read times before.
    Read(Vec<(ArticleId, Option<i64>)>),
    /// A story starred or unstarred, with its star before.
    Star(ArticleId, bool),
}

/// Marks, undo steps and history.
#[derive(Clone, Debug, Default)]
pub struct ReadState {
    marks: HashMap<ArticleId, Mark>,
    undo: Vec<Undo>,
    history: History,
    opened: Option<ArticleId>,
    /// Bumped by every change of a read time or star, so counts made before can tell they are stale.
    changes: u64,
}

impl ReadState {
    /// Read state as the database holds it.
    #[must_use]
    pub fn new(marks: HashMap<ArticleId, Mark>) -> Self {
        Self {
            marks,
            ..Self::default()
        }
    }

    /// Whether `id` has been read.
    #[must_use]
    pub fn is_read(&self, id: ArticleId) -> bool {
        self.marks.get(&id).is_some_and(|m| m.read_at.is_some())
    }

    /// Whether `id` is starred.
    #[must_use]
    pub fn is_starred(&self, id: ArticleId) -> bool {
        self.marks.get(&id).is_some_and(|m| m.starred)
    }

    /// `id`'s marks (read time, star, position).
    #[must_use]
    pub fn mark(&self, id: ArticleId) -> Mark {
        self.marks.get(&id).copied().unwrap_or_default()
    }

    /// When `id` was read.
    #[must_use]
    pub fn read_at(&self, id: ArticleId) -> Option<i64> {
        self.marks.get(&id).and_then(|m| m.read_at)
    }

    /// The body block where reading of `id` stopped (0: the top).
    #[must_use]
    pub fn position(&self, id: ArticleId) -> u32 {
        self.marks.get(&id).map_or(0, |m| m.position)
    }

    /// Sets `id`'s read time; returns whether it was read before.
    pub(super) fn set_read(&mut self, id: ArticleId, at: Option<i64>) -> bool {
        self.changes += 1;
        let mark = self.marks.entry(id).or_default();
        let was = mark.read_at.is_some();
        mark.read_at = at;
        was
    }

    /// Sets `id`'s star.
    pub(super) fn set_starred(&mut self, id: ArticleId, starred: bool) {
        self.changes += 1;
        self.marks.entry(id).or_default().starred = starred;
    }

    /// Sets where reading of `id` stopped; returns whether it moved.
    pub(super) fn set_position(&mut self, id: ArticleId, block: u32) -> bool {
        let mark = self.marks.entry(id).or_default();
        let moved = mark.position != block;
        mark.position = block;
        moved
    }

    /// Remembers a marking for undo.
    pub(super) fn remember(&mut self, step: Undo) {
        self.undo.push(step);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Takes the last marking off the undo stack.
    pub(super) fn take_undo(&mut self) -> Option<Undo> {
        self.undo.pop()
    }

    /// Drops the last undo step when it is `step` (a marking whose write failed).
    pub(super) fn forget(&mut self, step: &Undo) {
        if self.undo.last() == Some(step) {
            self.undo.pop();
        }
    }

    /// How many read times and stars have changed so far.
    #[must_use]
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// How many markings can be undone.
    #[must_use]
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// The back/forward history.
    #[must_use]
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The history, to record a jump or travel through it.
    pub(super) fn history_mut(&mut self) -> &mut History {
        &mut self.history
    }

    /// The story last opened (as opposed to only previewed).
    #[must_use]
    pub fn opened(&self) -> Option<ArticleId> {
        self.opened
    }

    /// Records that `id` was opened.
    pub(super) fn set_opened(&mut self, id: Option<ArticleId>) {
        self.opened = id;
    }
}
