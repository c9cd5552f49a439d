//! Search: the query language, the tokens the full-text index is built from, running a query against the
//! index, ranking, and highlighting what matched.

pub mod document;
pub mod engine;
pub mod highlight;
pub mod query;
pub mod rank;
pub mod tokens;

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

pub use highlight::{Matcher, Snippet};
pub use query::{Query, QueryError, parse};
pub use rank::Ranked;

use crate::model::{ArticleId, Headline};
use crate::store::db::Db;
use crate::store::marks::Mark;
use engine::EngineError;
use query::{Expr, Sort};

/// One piece of work for the search worker (or the host, at once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchJob {
    /// What the index matches for a query's words (`None`: every story).
    Find {
        /// The reader's search generation, returned with the reply.
        generation: u64,
        /// The words.
        text: Option<Expr>,
        /// The order to put the matches in.
        sort: Sort,
    },
    /// What a saved search's words match, for its view and its count.
    Count {
        /// The saved search's name, returned with the reply.
        name: String,
        /// The words.
        text: Expr,
    },
    /// Snippets for these stories.
    Snippets {
        /// The search generation they are for.
        generation: u64,
        /// What to mark.
        matcher: Matcher,
        /// The stories.
        ids: Vec<ArticleId>,
    },
    /// The stories most like one ("More like this").
    Similar {
        /// The story.
        id: ArticleId,
        /// Its copies, never given.
        besides: Vec<ArticleId>,
    },
}

/// The results of a query, and what to highlight in them.
#[derive(Clone, Debug, Default)]
pub struct Searched {
    /// The results in order, as indexes into the headlines searched.
    pub results: Vec<Ranked>,
    /// The words to mark in snippets and articles.
    pub matcher: Matcher,
}

/// The current time in the local offset, for ages in `after:` and `before:`.
#[must_use]
pub fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Each headline's index by id, for [`search`].
#[must_use]
pub fn by_id(headlines: &[Headline]) -> HashMap<ArticleId, usize> {
    headlines
        .iter()
        .enumerate()
        .map(|(i, h)| (h.id, i))
        .collect()
}

/// Runs `query` on the index in `db`, over the stories in `headlines` (the index may hold other folders'
/// stories too; `by_id` finds a headline by id). `mark` gives a story's read state.
///
/// # Errors
/// When the search index cannot be opened or read.
pub fn search<S: std::hash::BuildHasher>(
    db: &mut Db,
    headlines: &[Headline],
    by_id: &HashMap<ArticleId, usize, S>,
    query: &Query,
    mark: &impl Fn(ArticleId) -> Mark,
    now: DateTime<FixedOffset>,
) -> Result<Searched, EngineError> {
    let matches = db.find(query.text.as_ref(), query.sort)?;
    Ok(Searched {
        results: rank::rank(headlines, None, by_id, &matches, query, mark, now),
        matcher: Matcher::new(query),
    })
}

/// The snippet of a result: the passage around its first match in its text, else its opening lines.
/// `None` when the index holds no text for it.
#[must_use]
pub fn snippet_of(
    db: &mut Db,
    headline: &Headline,
    matcher: &Matcher,
    length: usize,
) -> Option<Snippet> {
    let text = db.text_of(headline.id).ok().flatten()?;
    Some(
        highlight::snippet(matcher, &text, length)
            .unwrap_or_else(|| highlight::opening(&text, length)),
    )
}
