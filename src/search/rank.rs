//! From what the index matched to the results in order: only the stories being read, the filters applied
//! (`is:`, `after:`, `before:`), then sorted (relevance: a headline match above a body match, then the
//! score, ties to the newer story).

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::{DateTime, Days, FixedOffset, Months, NaiveTime, TimeZone};

use super::query::{Filter, Query, Sort, State, When};
use crate::model::{ArticleId, Headline};
use crate::store::marks::Mark;

/// One story the index matched.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Found {
    /// The story.
    pub id: ArticleId,
    /// How well it matched: higher is better.
    pub score: f32,
    /// Whether its headline alone matches the query's words.
    pub in_title: bool,
}

// Scores are never NaN (BM25 of counts), so equality is an equivalence.
impl Eq for Found {}

/// What the index matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Matches {
    /// These stories.
    Only(Vec<Found>),
    /// Every story (a query of filters only).
    All,
}

/// One result: the headline's index in the list searched, and its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranked {
    /// The index of its headline.
    pub index: usize,
    /// The score (0 when the query has no words).
    pub score: f32,
    /// Whether its headline matches the query's words.
    pub in_title: bool,
}

/// The instant a `When` stands for, seen from `now` (dates start at midnight in `now`'s offset).
#[must_use]
pub fn instant(when: When, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    let offset = *now.offset();
    match when {
        When::Date(d) => offset
            .from_local_datetime(&d.and_time(NaiveTime::MIN))
            .single(),
        When::Days(n) => now.checked_sub_days(Days::new(u64::from(n))),
        When::Weeks(n) => now.checked_sub_days(Days::new(u64::from(n) * 7)),
        When::Months(n) => now.checked_sub_months(Months::new(n)),
        When::Years(n) => now.checked_sub_months(Months::new(n.saturating_mul(12))),
    }
}

/// Whether a story passes a filter. An undated story passes no date filter.
fn passes(filter: Filter, h: &Headline, mark: Mark, now: DateTime<FixedOffset>) -> bool {
    match filter {
        Filter::Is(State::Unread) => mark.read_at.is_none(),
        Filter::Is(State::Read) => mark.read_at.is_some(),
        Filter::Is(State::Starred) => mark.starred,
        Filter::After(w) => match (h.published, instant(w, now)) {
            (Some(p), Some(t)) => p >= t,
            _ => false,
        },
        Filter::Before(w) => match (h.published, instant(w, now)) {
            (Some(p), Some(t)) => p < t,
            _ => false,
        },
    }
}

/// Orders matches for `sort` (see `SearchIndex::find`): each with when it was published.
pub fn sort_found(found: &mut [(Found, Option<i64>)], sort: Sort) {
    // Newer first, undated last.
    let newer = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let older = |a: Option<i64>, b: Option<i64>| match (a, b) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let by_id = |a: &Found, b: &Found| a.id.0.cmp(&b.id.0);
    match sort {
        Sort::Relevance => found.sort_unstable_by(|(a, at), (b, bt)| {
            b.in_title
                .cmp(&a.in_title)
                .then(b.score.total_cmp(&a.score))
                .then_with(|| newer(*at, *bt))
                .then_with(|| by_id(a, b))
        }),
        Sort::Newest => found.sort_unstable_by(|(a, at), (b, bt)| {
            newer(*at, *bt)
                .then(b.score.total_cmp(&a.score))
                .then_with(|| by_id(a, b))
        }),
        Sort::Oldest => found.sort_unstable_by(|(a, at), (b, bt)| {
            older(*at, *bt)
                .then(b.score.total_cmp(&a.score))
                .then_with(|| by_id(a, b))
        }),
    }
}

/// The results among `headlines`, in the order the matches come (sorted by the index, see
/// [`sort_found`]), filtered. `store` gives the headlines' indexes in store order (newest first, undated
/// last); `None` when `headlines` are in that order. `by_id` finds a headline's index; `mark` gives a
/// story's read state. The same story in several files is one result, at its best place.
#[must_use]
pub fn rank<S: std::hash::BuildHasher>(
    headlines: &[Headline],
    store: Option<&[u32]>,
    by_id: &HashMap<ArticleId, usize, S>,
    matches: &Matches,
    query: &Query,
    mark: impl Fn(ArticleId) -> Mark,
    now: DateTime<FixedOffset>,
) -> Vec<Ranked> {
    let keep = |h: &Headline| {
        query.filters.is_empty() || {
            let m = mark(h.id);
            query.filters.iter().all(|f| passes(*f, h, m, now))
        }
    };
    let plain = |index: usize| Ranked {
        index,
        score: 0.0,
        in_title: false,
    };
    match matches {
        Matches::All => {
            let slot = |k: usize| store.map_or(k, |s| s[k] as usize);
            let count = store.map_or(headlines.len(), <[u32]>::len);
            let dated = match store {
                Some(s) => s.partition_point(|&i| headlines[i as usize].published.is_some()),
                None => headlines.partition_point(|h| h.published.is_some()),
            };
            let order: Box<dyn Iterator<Item = usize>> = match query.sort {
                Sort::Relevance | Sort::Newest => Box::new(0..count),
                Sort::Oldest => Box::new((0..dated).rev().chain(dated..count)),
            };
            order
                .map(slot)
                .filter(|&i| keep(&headlines[i]))
                .map(plain)
                .collect()
        }
        Matches::Only(found) => {
            let mut seen = vec![false; headlines.len()];
            found
                .iter()
                .filter_map(|f| {
                    let index = *by_id.get(&f.id)?;
                    if std::mem::replace(&mut seen[index], true) || !keep(&headlines[index]) {
                        return None;
                    }
                    Some(Ranked {
                        index,
                        score: f.score,
                        in_title: f.in_title,
                    })
                })
                .collect()
        }
    }
}
