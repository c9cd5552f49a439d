//! From what the index matched to the results in order: only the stories being read, the filters applied
//! (`is:`, `after:`, `before:`), then sorted (relevance: a headline match above a body match, then the
//! score, ties to the newer story).

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

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
    /// Every story but these (a query of exclusions only).
    Except(HashSet<ArticleId>),
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

/// Newer first, undated last.
fn newer(a: &Headline, b: &Headline) -> Ordering {
    match (a.published, b.published) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Older first, undated last.
fn older(a: &Headline, b: &Headline) -> Ordering {
    match (a.published, b.published) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The results among `headlines`, filtered and in the query's order. `mark` gives a story's read state.
#[must_use]
pub fn rank(
    headlines: &[Headline],
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
    let mut results: Vec<Ranked> = match matches {
        Matches::All => headlines
            .iter()
            .enumerate()
            .filter(|(_, h)| keep(h))
            .map(|(index, _)| Ranked {
                index,
                score: 0.0,
                in_title: false,
            })
            .collect(),
        Matches::Except(excluded) => headlines
            .iter()
            .enumerate()
            .filter(|(_, h)| !excluded.contains(&h.id) && keep(h))
            .map(|(index, _)| Ranked {
                index,
                score: 0.0,
                in_title: false,
            })
            .collect(),
        Matches::Only(found) => {
            let by_id: HashMap<ArticleId, usize> = headlines
                .iter()
                .enumerate()
                .map(|(i, h)| (h.id, i))
                .collect();
            // The same story in several files is one result, with its best match.
            let mut best: HashMap<usize, Ranked> =
                HashMap::with_capacity(found.len().min(by_id.len()));
            for f in found {
                let Some(&index) = by_id.get(&f.id) else {
                    continue;
                };
                let entry = best.entry(index).or_insert(Ranked {
                    index,
                    score: f.score,
                    in_title: f.in_title,
                });
                entry.score = entry.score.max(f.score);
                entry.in_title |= f.in_title;
            }
            best.into_values()
                .filter(|r| keep(&headlines[r.index]))
                .collect()
        }
    };
    let by_store = |a: &Ranked, b: &Ranked| a.index.cmp(&b.index);
    match query.sort {
        Sort::Relevance => results.sort_unstable_by(|a, b| {
            b.in_title
                .cmp(&a.in_title)
                .then(b.score.total_cmp(&a.score))
                .then_with(|| newer(&headlines[a.index], &headlines[b.index]))
                .then_with(|| by_store(a, b))
        }),
        Sort::Newest => results.sort_unstable_by(|a, b| {
            newer(&headlines[a.index], &headlines[b.index]).then_with(|| by_store(a, b))
        }),
        Sort::Oldest => results.sort_unstable_by(|a, b| {
            older(&headlines[a.index], &headlines[b.index]).then_with(|| by_store(a, b))
        }),
    }
    results
}
