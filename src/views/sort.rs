//! The orders a list can be sorted in, and sorting by them. A story without a date sorts by its file's
//! modification time; one with neither goes last.

use std::cmp::Ordering;

use super::Facets;
use crate::model::Headline;

/// A list's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// Newest first.
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// By source, then newest first.
    Source,
    /// Unread first, then newest first.
    UnreadFirst,
}

impl Order {
    /// Every order, in the order the sort key cycles through them.
    pub const ALL: [Self; 4] = [Self::Newest, Self::Oldest, Self::Source, Self::UnreadFirst];

    /// The name it is given and kept under: `newest`, `oldest`, `source`, `unread`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::Oldest => "oldest",
            Self::Source => "source",
            Self::UnreadFirst => "unread",
        }
    }

    /// The order called `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.name() == name)
    }

    /// How the list's title says it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Newest => "newest first",
            Self::Oldest => "oldest first",
            Self::Source => "by source",
            Self::UnreadFirst => "unread first",
        }
    }

    /// The next order the sort key gives.
    #[must_use]
    pub fn next(self) -> Self {
        let at = Self::ALL.iter().position(|o| *o == self).unwrap_or(0);
        Self::ALL[(at + 1) % Self::ALL.len()]
    }
}

/// When a story is placed in time: its date, else its file's modification time (Unix seconds).
#[must_use]
pub fn when(h: &Headline) -> Option<i64> {
    h.published.map(|d| d.timestamp()).or(h.modified)
}

/// Sorts `listed` (indexes into the headlines) in `order`. `when` holds each headline's [`when`],
/// `facets` its source, and `is_read` says whether a story at an index is read. `places` gives each
/// index's place in the store's order; `None` when the headlines are in that order. Ties go to the store's
/// order (path, then entry, among stories of one date), so a sort is the same every time, and comparing
/// two numbers is all a tie costs.
pub fn sort(
    listed: &mut [usize],
    order: Order,
    when: &[Option<i64>],
    facets: &Facets,
    places: Option<&[u32]>,
    is_read: impl Fn(usize) -> bool,
) {
    let newest = |a: usize, b: usize| match (when[a], when[b]) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let oldest = |a: usize, b: usize| match (when[a], when[b]) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    let place = |a: usize, b: usize| match places {
        Some(p) => p[a].cmp(&p[b]),
        None => a.cmp(&b),
    };
    match order {
        Order::Newest => listed.sort_unstable_by(|&a, &b| newest(a, b).then_with(|| place(a, b))),
        Order::Oldest => listed.sort_unstable_by(|&a, &b| oldest(a, b).then_with(|| place(a, b))),
        Order::Source => {
            // Names compared once each, not once per comparison.
            let mut rank: Vec<u32> = vec![0; facets.sources().len()];
            let mut names: Vec<(String, usize)> = facets
                .sources()
                .iter()
                .enumerate()
                .map(|(i, n)| (n.to_lowercase(), i))
                .collect();
            names.sort();
            for (r, (_, i)) in names.iter().enumerate() {
                rank[*i] = u32::try_from(r).unwrap_or(u32::MAX);
            }
            let of = |i: usize| {
                rank.get(facets.source_number(i) as usize)
                    .copied()
                    .unwrap_or(u32::MAX)
            };
            listed.sort_by_cached_key(|&i| of(i));
            // Stable within a source: each run sorted newest first.
            sort_runs(listed, of, |a, b| newest(a, b).then_with(|| place(a, b)));
        }
        Order::UnreadFirst => {
            let read: Vec<bool> = listed.iter().map(|&i| is_read(i)).collect();
            let mut pairs: Vec<(bool, usize)> =
                read.into_iter().zip(listed.iter().copied()).collect();
            pairs.sort_unstable_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| newest(a.1, b.1))
                    .then_with(|| place(a.1, b.1))
            });
            for (slot, (_, i)) in listed.iter_mut().zip(pairs) {
                *slot = i;
            }
        }
    }
}

/// Sorts each run of equal `key` in `listed` by `cmp`.
fn sort_runs(
    listed: &mut [usize],
    key: impl Fn(usize) -> u32,
    cmp: impl Fn(usize, usize) -> Ordering,
) {
    let mut start = 0;
    while start < listed.len() {
        let k = key(listed[start]);
        let end = start + listed[start..].partition_point(|&i| key(i) == k);
        listed[start..end].sort_unstable_by(|&a, &b| cmp(a, b));
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Format};
    use std::path::PathBuf;

    fn h(path: &str, date: Option<&str>, modified: Option<i64>) -> Headline {
        Headline {
            id: ArticleId(0),
            path: PathBuf::from(path),
            entry: 0,
            format: Format::Scraped,
            section: None,
            title: path.into(),
            byline: None,
            published: date.map(|d| chrono::DateTime::parse_from_rfc3339(d).expect("a date")),
            source: None,
            url: None,
            modified,
        }
    }

    #[test]
    fn every_order_places_undated_stories_by_their_file_time() {
        let hs = [
            h("/r/b/1.txt", Some("2026-01-02T00:00:00Z"), None),
            h("/r/a/2.txt", None, Some(1_800_000_000)),
            h("/r/a/3.txt", Some("2020-05-01T00:00:00Z"), None),
            h("/r/b/4.txt", None, None),
        ];
        let roots = [PathBuf::from("/r")];
        let facets = Facets::new(&hs, &roots);
        let when: Vec<Option<i64>> = hs.iter().map(when).collect();
        let sorted = |order: Order, read: &[usize]| {
            let mut listed: Vec<usize> = (0..hs.len()).collect();
            sort(&mut listed, order, &when, &facets, None, |i| {
                read.contains(&i)
            });
            listed
        };
        // 2027-01-15 (the file time) is newer than 2026-01-02.
        assert_eq!(sorted(Order::Newest, &[]), [1, 0, 2, 3]);
        assert_eq!(sorted(Order::Oldest, &[]), [2, 0, 1, 3]);
        assert_eq!(sorted(Order::Source, &[]), [1, 2, 0, 3]);
        assert_eq!(sorted(Order::UnreadFirst, &[1, 0]), [2, 3, 1, 0]);
        assert_eq!(Order::UnreadFirst.next(), Order::Newest);
        assert_eq!(Order::from_name("source"), Some(Order::Source));
    }
}
