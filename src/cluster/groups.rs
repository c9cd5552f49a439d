//! The groups that stories make, kept as stories come and go: each story is compared only with the
//! stories that share its URL, its headline or a band of its fingerprint, so adding one costs a few
//! comparisons whatever the store's size.

use std::collections::HashMap;

use super::{Signals, same_story};
use crate::model::{ArticleId, IdMap};

/// Most stories of one bucket a new story is compared with. A bucket this full holds text that many
/// stories share (a site's standard notice); comparing with its first few finds a copy as well as
/// comparing with all, and keeps adding a story sub-linear.
const BUCKET_LOOKS: usize = 64;

/// Stories grouped into copies of one story.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Groups {
    ids: Vec<ArticleId>,
    signals: Vec<Signals>,
    parent: Vec<u32>,
    gone: Vec<bool>,
    slot: IdMap<u32>,
    /// The buckets of the stories the groups were made with, as (key, slot) pairs sorted by key: eight
    /// bytes a story's key, where a hash map of the 1.8 million keys of 100,000 stories took 38 MB.
    /// Keys are cut to 32 bits: two buckets that share one only bring a few more candidates to compare.
    made: Vec<(u32, u32)>,
    /// Where in `made` the keys of each value of their high [`DIRECTORY_BITS`] bits start (and, last,
    /// its length): a lookup searches a few dozen pairs in one place, not 1.8 million across 14 MB (a
    /// cache miss a step).
    starts: Vec<u32>,
    /// The first story of each bucket of the stories added one by one since: most buckets hold one.
    later: HashMap<u32, u32>,
    /// Those buckets' other stories.
    more: HashMap<u32, Vec<u32>>,
    /// The members of each group of more than one story, by its root slot.
    members: HashMap<u32, Vec<u32>>,
    /// Stories gone since the last rebuild.
    removed: usize,
}

/// The bucket keys of a story, each in a space of its own: its URL, its headline, its headline's first
/// words (a headline with a site's name added, or cut short, starts the same), its lead, and its bands.
fn keys(s: &Signals) -> impl Iterator<Item = u64> + '_ {
    let opening = (s.words.len() >= super::HEADLINE_WORDS).then(|| {
        s.words[..super::HEADLINE_WORDS]
            .iter()
            .fold(0x6f70_656e_u64, |h, &w| {
                (h.rotate_left(17) ^ u64::from(w)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            })
    });
    s.url
        .map(|u| u ^ 0x0075_726c)
        .into_iter()
        .chain(s.headline.map(|h| h ^ 0x6865_6164))
        .chain(opening)
        .chain(s.lead.map(|l| l ^ 0x6c65_6164))
        .chain(s.sketch.bands())
}

/// High bits of a bucket key that index the directory of the sorted keys ([`Groups::made`]): 65,536
/// entries (256 KB) leave about 27 keys each at 100,000 stories.
const DIRECTORY_BITS: u32 = 16;

/// A bucket key cut to the 32 bits the buckets keep.
fn short(key: u64) -> u32 {
    #[allow(clippy::cast_possible_truncation)]
    let short = (key ^ (key >> 32)) as u32;
    short
}

impl Groups {
    /// Groups of `stories`, made in one pass: every story's bucket keys sorted together, then each
    /// story compared with those before it in each of its buckets (the first [`BUCKET_LOOKS`]), as
    /// [`Groups::insert`] compares one that comes later.
    #[must_use]
    pub fn new(stories: impl IntoIterator<Item = (ArticleId, Signals)>) -> Self {
        let stories = stories.into_iter();
        let mut groups = Self::default();
        // Room for every story at once: grown by doubling, the lists would leave a third unused.
        let expected = stories.size_hint().0;
        groups.ids.reserve_exact(expected);
        groups.parent.reserve_exact(expected);
        groups.gone.reserve_exact(expected);
        groups.signals.reserve_exact(expected);
        groups.slot.reserve(expected);
        let mut made: Vec<(u32, u32)> = Vec::new();
        for (id, signals) in stories {
            if let Some(me) = groups.push(id, signals) {
                made.extend(keys(&groups.signals[me as usize]).map(|k| (short(k), me)));
            }
        }
        made.sort_unstable();
        made.dedup();
        made.shrink_to_fit();
        for bucket in made.chunk_by(|a, b| a.0 == b.0) {
            for (i, &(_, me)) in bucket.iter().enumerate().skip(1) {
                for &(_, other) in &bucket[..i.min(BUCKET_LOOKS)] {
                    if groups.find(me) != groups.find(other)
                        && same_story(
                            &groups.signals[me as usize],
                            &groups.signals[other as usize],
                        )
                    {
                        groups.union(me, other);
                    }
                }
            }
        }
        let mut starts = Vec::with_capacity((1 << DIRECTORY_BITS) + 1);
        for high in 0..=(1u32 << DIRECTORY_BITS) {
            let at = made.partition_point(|&(k, _)| (k >> (32 - DIRECTORY_BITS)) < high);
            starts.push(u32::try_from(at).unwrap_or(u32::MAX));
        }
        groups.made = made;
        groups.starts = starts;
        groups
    }

    /// The stories of a bucket among those the groups were made with.
    fn made_bucket(&self, key: u32) -> &[(u32, u32)] {
        let high = (key >> (32 - DIRECTORY_BITS)) as usize;
        let (Some(&from), Some(&to)) = (self.starts.get(high), self.starts.get(high + 1)) else {
            return &[];
        };
        let near = &self.made[from as usize..to as usize];
        let first = near.partition_point(|&(k, _)| k < key);
        let count = near[first..].iter().take_while(|&&(k, _)| k == key).count();
        &near[first..first + count]
    }

    /// Gives a new story its slot; `None` for a story already here (the same id from another file).
    fn push(&mut self, id: ArticleId, signals: Signals) -> Option<u32> {
        if self.slot.contains_key(&id) {
            return None;
        }
        let me = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.push(id);
        self.parent.push(me);
        self.gone.push(false);
        self.slot.insert(id, me);
        self.signals.push(signals);
        Some(me)
    }

    /// Adds a story, joining it to the group of any story it is a copy of; returns whether it joined one.
    /// A story already here (the same id from another file) is left as it is.
    pub fn insert(&mut self, id: ArticleId, signals: Signals) -> bool {
        let Some(me) = self.push(id, signals) else {
            return false;
        };
        let mine = &self.signals[me as usize];
        let mut joined = Vec::new();
        for key in keys(mine).map(short) {
            let made = self.made_bucket(key).iter().map(|&(_, slot)| slot);
            let first = self.later.get(&key).copied();
            let more = self.more.get(&key).map_or(&[][..], Vec::as_slice);
            let candidates = made.chain(first).chain(more.iter().copied());
            for other in candidates.take(BUCKET_LOOKS) {
                if !self.gone[other as usize]
                    && !joined.contains(&other)
                    && same_story(mine, &self.signals[other as usize])
                {
                    joined.push(other);
                }
            }
            if first.is_some() {
                self.more.entry(key).or_default().push(me);
            } else {
                self.later.insert(key, me);
            }
        }
        let any = !joined.is_empty();
        for other in joined {
            self.union(me, other);
        }
        any
    }

    /// Forgets a story. A group it held together is worked out again from what is left.
    pub fn remove(&mut self, id: ArticleId) {
        let Some(slot) = self.slot.remove(&id) else {
            return;
        };
        self.gone[slot as usize] = true;
        self.removed += 1;
        let root = self.find(slot);
        if self.members.contains_key(&root) {
            self.rebuild();
        } else if self.removed > self.ids.len() / 2 {
            // Slots of gone stories are kept until half are gone, then dropped in one pass.
            self.rebuild();
        }
    }

    fn rebuild(&mut self) {
        let ids = std::mem::take(&mut self.ids);
        let signals = std::mem::take(&mut self.signals);
        let gone = std::mem::take(&mut self.gone);
        *self = Self::new(
            ids.into_iter()
                .zip(signals)
                .zip(gone)
                .filter(|(_, g)| !g)
                .map(|(pair, _)| pair),
        );
    }

    fn find(&mut self, mut slot: u32) -> u32 {
        while self.parent[slot as usize] != slot {
            let up = self.parent[self.parent[slot as usize] as usize];
            self.parent[slot as usize] = up;
            slot = up;
        }
        slot
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent[child as usize] = root;
        let moved = self.members.remove(&child).unwrap_or_else(|| vec![child]);
        let kept = self.members.entry(root).or_insert_with(|| vec![root]);
        kept.extend(moved);
    }

    /// The id that stands for `id`'s group (the first of its stories to come); `id` itself when it has
    /// no copies or is unknown.
    #[must_use]
    pub fn group_of(&self, id: ArticleId) -> ArticleId {
        let Some(&slot) = self.slot.get(&id) else {
            return id;
        };
        let mut root = slot;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        self.ids[root as usize]
    }

    /// How full a copy `id` is: the shingles of its text (0 when unknown).
    #[must_use]
    pub fn fullness(&self, id: ArticleId) -> u32 {
        self.slot
            .get(&id)
            .map_or(0, |&s| self.signals[s as usize].shingles)
    }

    /// Whether no story has a copy.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The stories of `id`'s group, `id` included, in the order they came; just `id` when it has no
    /// copies (or is unknown).
    #[must_use]
    pub fn copies(&self, id: ArticleId) -> Vec<ArticleId> {
        let Some(&slot) = self.slot.get(&id) else {
            return vec![id];
        };
        let mut root = slot;
        while self.parent[root as usize] != root {
            root = self.parent[root as usize];
        }
        self.members.get(&root).map_or_else(
            || vec![id],
            |m| {
                m.iter()
                    .filter(|&&s| !self.gone[s as usize])
                    .map(|&s| self.ids[s as usize])
                    .collect()
            },
        )
    }

    /// Every group of more than one story.
    pub fn groups(&self) -> impl Iterator<Item = Vec<ArticleId>> + '_ {
        self.members.values().filter_map(|m| {
            let live: Vec<ArticleId> = m
                .iter()
                .filter(|&&s| !self.gone[s as usize])
                .map(|&s| self.ids[s as usize])
                .collect();
            (live.len() > 1).then_some(live)
        })
    }

    /// The story's group, as a map from each story with copies to all the copies.
    #[must_use]
    pub fn by_story(&self) -> IdMap<std::sync::Arc<[ArticleId]>> {
        let mut out = IdMap::default();
        for group in self.groups() {
            let shared: std::sync::Arc<[ArticleId]> = group.into();
            for &id in shared.iter() {
                out.insert(id, shared.clone());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(url: &str, title: &str, text: &str) -> Signals {
        Signals::of(Some(url), title, text, text)
    }

    /// Sorted groups, for comparing two ways of making them.
    fn sorted(g: &Groups) -> Vec<Vec<ArticleId>> {
        let mut all: Vec<Vec<ArticleId>> = g
            .groups()
            .map(|mut m| {
                m.sort_unstable();
                m
            })
            .collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn groups_made_at_once_are_the_groups_made_story_by_story() {
        // Forty stories of which every fifth is a copy of the one before it by headline and text, every
        // seventh by URL (the 35th both), and the rest different.
        let text = |seed: usize| {
            (0..120)
                .map(|i| format!("w{seed}x{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let stories: Vec<(ArticleId, Signals)> = (0..40usize)
            .map(|i| {
                let seed = if i % 5 == 4 { i - 1 } else { i };
                let url = if i % 7 == 6 { i - 1 } else { i };
                let title = format!("Story number {seed} of the forty");
                let s = story(&format!("https://a.test/{url}"), &title, &text(seed));
                (ArticleId(i as u128 + 1), s)
            })
            .collect();
        let at_once = Groups::new(stories.clone());
        let mut one_by_one = Groups::default();
        for (id, s) in stories.clone() {
            one_by_one.insert(id, s);
        }
        assert_eq!(sorted(&at_once), sorted(&one_by_one));
        // Half made at once, the rest coming later, as a watcher brings them.
        let mut then_more = Groups::new(stories[..19].to_vec());
        for (id, s) in stories[19..].iter().cloned() {
            then_more.insert(id, s);
        }
        assert_eq!(sorted(&then_more), sorted(&one_by_one));
        // Twelve pairs; stories 12-14 and 18-20 are two chains of two pairs each.
        assert_eq!(at_once.groups().count(), 10);
    }

    #[test]
    fn copies_join_and_part_when_the_link_between_them_goes() {
        let mut g = Groups::default();
        g.insert(
            ArticleId(1),
            story("https://a.test/x", "One story of ours", "a"),
        );
        g.insert(
            ArticleId(2),
            story("https://a.test/y", "Another story here", "b"),
        );
        g.insert(
            ArticleId(3),
            story("https://www.a.test/x/", "One story, again", "c"),
        );
        assert_eq!(g.copies(ArticleId(3)), vec![ArticleId(1), ArticleId(3)]);
        assert_eq!(g.copies(ArticleId(2)), vec![ArticleId(2)]);
        assert_eq!(g.groups().count(), 1);
        g.remove(ArticleId(1));
        assert_eq!(g.copies(ArticleId(3)), vec![ArticleId(3)]);
        assert_eq!(g.groups().count(), 0);
        assert_eq!(g.copies(ArticleId(9)), vec![ArticleId(9)]);
    }
}
