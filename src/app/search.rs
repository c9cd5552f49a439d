//! The search's model: the query in force and its results' count, the snippets shown under results, the
//! matches in the story on screen, the list as it was before (to go back to), and the queries typed
//! before (kept across runs).

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::article::ViewKey;
use crate::model::ArticleId;
use crate::search::{Matcher, Query, Snippet};

/// How many earlier queries are kept: more than anyone steps back through with Up.
pub const HISTORY_KEPT: usize = 100;

/// A search in force.
#[derive(Clone, Debug, Default)]
pub struct Active {
    /// The query as typed.
    pub text: String,
    /// The query, parsed.
    pub query: Query,
    /// What to mark in snippets and the story.
    pub matcher: Matcher,
    /// How many results, once they came; `None` while the search runs.
    pub results: Option<usize>,
    /// What is wrong with the query as typed (the results of the last good one stay).
    pub error: Option<String>,
}

/// The matches in one story view: each line with matches, and their byte ranges in it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Hits {
    /// The view they were found in.
    pub key: Option<ViewKey>,
    /// Lines (in order) and the ranges matched in each.
    pub lines: Vec<(usize, Vec<Range<usize>>)>,
}

impl Hits {
    /// The ranges matched in line `line`.
    #[must_use]
    pub fn on(&self, line: usize) -> Option<&[Range<usize>]> {
        let at = self.lines.binary_search_by_key(&line, |(l, _)| *l).ok()?;
        Some(&self.lines[at].1)
    }
}

/// The search state.
#[derive(Clone, Debug, Default)]
pub struct SearchState {
    pub(super) active: Option<Active>,
    /// Bumped by each query sent, so a late answer to an older one is ignored.
    pub(super) generation: u64,
    /// The story selected and the first row shown before the search, to go back to.
    pub(super) origin: Option<(Option<ArticleId>, usize)>,
    pub(super) snippets: HashMap<ArticleId, Snippet>,
    /// Stories whose snippets were asked for.
    pub(super) asked: HashSet<ArticleId>,
    pub(super) hits: Hits,
    /// The story last scrolled to its first match.
    pub(super) jumped: Option<ArticleId>,
    /// Whether the next results are the same query run again (the selection and the first row shown
    /// stay), rather than a new query (the first result is selected).
    pub(super) again: bool,
    /// Earlier queries, oldest first.
    pub(super) history: Vec<String>,
    /// Where Up and Down are in the history, and what was typed before they were pressed.
    pub(super) browsing: Option<(usize, String)>,
}

impl SearchState {
    /// Starts with the queries kept from earlier runs (oldest first).
    #[must_use]
    pub fn with_history(history: Vec<String>) -> Self {
        Self {
            history,
            ..Self::default()
        }
    }

    /// The search in force, if any.
    #[must_use]
    pub fn active(&self) -> Option<&Active> {
        self.active.as_ref()
    }

    /// Whether the list shows search results (each with a snippet line under it).
    #[must_use]
    pub fn showing_results(&self) -> bool {
        self.active
            .as_ref()
            .is_some_and(|a| a.results.is_some() && a.query.text.is_some())
    }

    /// A result's snippet, once it came.
    #[must_use]
    pub fn snippet(&self, id: ArticleId) -> Option<&Snippet> {
        self.snippets.get(&id)
    }

    /// The matches found in the view `key`, if they were looked for there.
    #[must_use]
    pub fn hits_in(&self, key: ViewKey) -> Option<&Hits> {
        (self.hits.key == Some(key)).then_some(&self.hits)
    }

    /// Keeps a query at the end of the history (once).
    pub(super) fn remember(&mut self, text: &str) {
        self.history.retain(|h| h != text);
        self.history.push(text.to_owned());
        if self.history.len() > HISTORY_KEPT {
            self.history.remove(0);
        }
    }
}
