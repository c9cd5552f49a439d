//! The headline list's model: every story's headline, which of them the view and the filter list and in
//! what order, the selection, the first row shown, and how many listed stories are unread. Its ties
//! (positions by id, the unread count, each story's source and section) are kept here, behind methods, so
//! nothing outside can break them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::read_state::ReadState;
use crate::model::{ArticleId, Headline};
use crate::views::{Counts, Facets, Order};

/// Not in the list.
const UNLISTED: u32 = u32::MAX;

/// Which stories the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only unread stories.
    pub unread_only: bool,
    /// Only starred stories.
    pub starred_only: bool,
}

impl Filter {
    /// Whether any filter is on.
    #[must_use]
    pub fn any(self) -> bool {
        self.unread_only || self.starred_only
    }
}

/// Which stories a view holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Every story.
    #[default]
    All,
    /// Unread stories.
    Unread,
    /// Starred stories.
    Starred,
    /// The stories from the source of this name.
    Source(String),
    /// The stories in the section of this name.
    Section(String),
    /// These stories (a saved search's); `None` while its query runs.
    Stories(Option<HashSet<ArticleId>>),
}

/// The list of headlines.
#[derive(Clone, Debug, Default)]
pub struct ListModel {
    /// Every story's headline, each in a slot of its own that does not move while stories land (new ones
    /// are appended): a landing step works out only the new rows. In store order after a full rebuild.
    headlines: Vec<Headline>,
    /// The slots in store order (newest first).
    store: Vec<u32>,
    /// Whether each slot is its place in store order (until stories land while the reader runs).
    slots_in_order: bool,
    /// Headline slot by id.
    by_id: crate::model::IdMap<usize>,
    /// Indices into `headlines` of the stories listed, in list order.
    listed: Vec<usize>,
    /// Each headline's position in `listed`, or `UNLISTED`.
    list_pos: Vec<u32>,
    /// Index into `listed` of the selected story.
    selected: usize,
    /// The first row shown.
    offset: usize,
    filter: Filter,
    /// How many listed stories are unread.
    unread: usize,
    /// Search results in order, listed instead of every story; `None` when no search is in force.
    order: Option<Vec<ArticleId>>,
    /// The view's stories.
    scope: Scope,
    /// The order stories are listed in (search results keep their own).
    sort: Order,
    /// The files and folders read, which pages' sources are relative to.
    roots: Vec<PathBuf>,
    /// Each headline's source and section, worked out when first needed (the reader sets its roots before
    /// drawing, so they are worked out once).
    facets: std::cell::OnceCell<Facets>,
    /// Whether some undated story is placed by its file's time (else newest first is the store's order,
    /// and needs no sort).
    by_file_time: bool,
    /// Each headline's place in time: its date, else its file's (see `views::sort::when`).
    when: Vec<Option<i64>>,
    /// Bumped each time the headlines change, so counts made before can tell they are stale.
    generation: u64,
    /// The copies each story stands for (one row per story).
    copies: super::copies::Copies,
}

impl ListModel {
    /// A list of `headlines` (in store order), every one listed.
    #[must_use]
    pub fn new(headlines: Vec<Headline>, read: &ReadState) -> Self {
        let mut list = Self {
            headlines,
            ..Self::default()
        };
        list.index();
        list.relist(None, false, read);
        list
    }

    /// The selected story's headline, if any is listed.
    #[must_use]
    pub fn current(&self) -> Option<&Headline> {
        self.get(self.selected)
    }

    /// The headline at list position `pos`.
    #[must_use]
    pub fn get(&self, pos: usize) -> Option<&Headline> {
        self.listed.get(pos).map(|&i| &self.headlines[i])
    }

    /// The listed headlines, in list order.
    #[must_use = "iterators do nothing unless used"]
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Headline> + ExactSizeIterator {
        self.listed.iter().map(|&i| &self.headlines[i])
    }

    /// The copies of stories, and which ids share a read state.
    #[must_use]
    pub fn copies(&self) -> &super::copies::Copies {
        &self.copies
    }

    /// Lists groups of copies as one row, or each story apart (same-id copies are one row either way).
    pub(super) fn set_clusters(&mut self, on: bool, read: &ReadState) {
        if self.copies.enabled() != on {
            self.copies.set_enabled(on);
            self.merge(&[], Vec::new(), Vec::new(), read);
        }
    }

    /// Takes the groups of copies a whole scan made of the stories indexed (see [`ScanUpdate::groups`]).
    ///
    /// [`ScanUpdate::groups`]: crate::store::scan::ScanUpdate::groups
    pub(super) fn take_groups(&mut self, groups: crate::cluster::Groups) {
        self.copies.take_groups(groups);
    }

    /// Each headline's slot in [`ListModel::all`], by id.
    #[must_use]
    pub fn by_id(&self) -> &crate::model::IdMap<usize> {
        &self.by_id
    }

    /// Every headline, listed or not, by slot: in store order until stories land while the reader runs
    /// (they are appended; [`ListModel::store_order`] gives the order).
    #[must_use]
    pub fn all(&self) -> &[Headline] {
        &self.headlines
    }

    /// The slots of [`ListModel::all`] in store order (newest first).
    #[must_use]
    pub fn store_order(&self) -> &[u32] {
        &self.store
    }

    /// Every headline, listed or not, in store order.
    pub fn in_store_order(&self) -> impl DoubleEndedIterator<Item = &Headline> + ExactSizeIterator {
        self.store.iter().map(|&i| &self.headlines[i as usize])
    }

    /// How many stories are listed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.listed.len()
    }

    /// Whether no story is listed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }

    /// The selected list position (0 when the list is empty).
    #[must_use]
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row shown.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The filter in force.
    #[must_use]
    pub fn filter(&self) -> Filter {
        self.filter
    }

    /// How many listed stories are unread.
    #[must_use]
    pub fn unread(&self) -> usize {
        self.unread
    }

    /// The list position of story `id`, when it is listed.
    #[must_use]
    pub fn position_of(&self, id: ArticleId) -> Option<usize> {
        let &i = self.by_id.get(&id)?;
        let pos = *self.list_pos.get(i)?;
        (pos != UNLISTED).then_some(pos as usize)
    }

    /// Whether `id` is one of the stories in the store (listed or filtered out).
    #[must_use]
    pub fn knows(&self, id: ArticleId) -> bool {
        self.by_id.contains_key(&id)
    }

    /// The headline of story `id`, listed or not.
    #[must_use]
    pub fn headline(&self, id: ArticleId) -> Option<&Headline> {
        self.by_id.get(&id).map(|&i| &self.headlines[i])
    }

    /// Selects list position `pos` (clamped to the list); returns whether the selection moved.
    pub(super) fn select(&mut self, pos: usize) -> bool {
        let pos = pos.min(self.listed.len().saturating_sub(1));
        let moved = pos != self.selected;
        self.selected = pos;
        moved
    }

    /// Sets the first row shown (fitted to the list by [`ListModel::fit`]).
    pub(super) fn set_offset(&mut self, offset: usize) {
        self.offset = offset;
    }

    /// Keeps the selection on screen in a list `rows` tall, and no empty rows below the last story.
    pub(super) fn fit(&mut self, rows: usize) {
        self.selected = self.selected.min(self.listed.len().saturating_sub(1));
        // A hidden list keeps its offset; it is fitted when it shows again.
        if rows == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.listed.len().saturating_sub(rows));
    }

    /// Changes the filter and relists; the story on screen stays selected when listed, else the nearest
    /// after it.
    pub(super) fn set_filter(&mut self, filter: Filter, read: &ReadState) {
        self.filter = filter;
        self.relist(None, false, read);
    }

    /// Sets the filter without relisting (a view is shown next, which relists).
    pub(super) fn preset_filter(&mut self, filter: Filter) {
        self.filter = filter;
    }

    /// Keeps the unread count right after `id`'s read state changed from `was` to `now`.
    pub(super) fn read_changed(&mut self, id: ArticleId, was: bool, now: bool) {
        if self.position_of(id).is_none() {
            return;
        }
        match (was, now) {
            (false, true) => self.unread = self.unread.saturating_sub(1),
            (true, false) => self.unread += 1,
            _ => {}
        }
    }

    fn listable(&self, h: &Headline, read: &ReadState) -> bool {
        (!self.filter.unread_only || !read.is_read(h.id))
            && (!self.filter.starred_only || read.is_starred(h.id))
    }

    /// Whether the headline at `index` is in the view: a test made once per relist, so sources and
    /// sections are looked up by name once.
    fn in_scope<'a>(&'a self, read: &'a ReadState) -> impl Fn(usize) -> bool + 'a {
        let wanted = match &self.scope {
            Scope::Source(name) => self.facets().find_source(name),
            Scope::Section(name) => self.facets().find_section(name),
            _ => None,
        };
        move |i| {
            let h = &self.headlines[i];
            match &self.scope {
                Scope::All => true,
                Scope::Unread => !read.is_read(h.id),
                Scope::Starred => read.is_starred(h.id),
                Scope::Source(_) => wanted == Some(self.facets().source_number(i)),
                Scope::Section(_) => wanted == Some(self.facets().section_number(i)),
                Scope::Stories(ids) => ids.as_ref().is_some_and(|ids| ids.contains(&h.id)),
            }
        }
    }

    /// Indexes the headlines (in store order) by id, and works out their sources, sections and times
    /// (after they changed).
    fn index(&mut self) {
        self.store = (0..self.headlines.len())
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        self.slots_in_order = true;
        self.by_id = self
            .headlines
            .iter()
            .enumerate()
            .map(|(i, h)| (h.id, i))
            .collect();
        self.facets = std::cell::OnceCell::new();
        self.generation += 1;
        self.by_file_time = self
            .headlines
            .iter()
            .any(|h| h.published.is_none() && h.modified.is_some());
        self.when = self
            .headlines
            .iter()
            .map(crate::views::sort::when)
            .collect();
    }

    /// Rebuilds the list from the headlines and the filter, keeping `keep` (or the selected story)
    /// selected. With `sticky`, that story stays listed even if the filter would hide it (the one being read
    /// when a scan step or an undo relists); otherwise, when it is hidden, the nearest story after it is
    /// selected.
    pub(super) fn relist(&mut self, keep: Option<ArticleId>, sticky: bool, read: &ReadState) {
        let keep = keep.or_else(|| self.current().map(|h| h.id));
        let before = std::mem::take(&mut self.listed);
        let old_selected = self.selected;
        let pinned = keep
            .filter(|_| sticky)
            .and_then(|id| self.by_id.get(&id).copied());
        let mut listed: Vec<usize> = {
            let in_scope = self.in_scope(read);
            let shown = |i: usize| {
                Some(i) == pinned || (in_scope(i) && self.listable(&self.headlines[i], read))
            };
            match &self.order {
                Some(order) => {
                    // A hidden copy's match lists the story it stands under, once.
                    let mut seen = HashSet::new();
                    order
                        .iter()
                        .filter_map(|id| {
                            let id = self.copies.lead_of(*id).unwrap_or(*id);
                            self.by_id.get(&id).copied()
                        })
                        .filter(|&i| seen.insert(i) && shown(i))
                        .collect()
                }
                None => self
                    .store
                    .iter()
                    .map(|&i| i as usize)
                    .filter(|&i| shown(i))
                    .collect(),
            }
        };
        // Newest first is the store's order unless a file's time places an undated story.
        let sorted = self.sort == Order::Newest && !self.by_file_time;
        if self.order.is_none() && !sorted {
            let headlines = &self.headlines;
            // Slots are in store order until stories land: after that, each slot's place.
            let places = (!self.slots_in_order).then(|| {
                let mut places = vec![0u32; self.headlines.len()];
                for (place, &i) in self.store.iter().enumerate() {
                    places[i as usize] = u32::try_from(place).unwrap_or(u32::MAX);
                }
                places
            });
            crate::views::sort::sort(
                &mut listed,
                self.sort,
                &self.when,
                self.facets(),
                places.as_deref(),
                |i| read.is_read(headlines[i].id),
            );
        }
        self.listed = listed;
        self.list_pos = vec![UNLISTED; self.headlines.len()];
        for (pos, &i) in self.listed.iter().enumerate() {
            self.list_pos[i] = u32::try_from(pos).unwrap_or(UNLISTED);
        }
        self.unread = self
            .listed
            .iter()
            .filter(|&&i| !read.is_read(self.headlines[i].id))
            .count();
        let kept = keep.and_then(|id| self.position_of(id));
        // Hidden now: the first story after it in the list before that is still listed (results have an
        // order of their own, and start again from the top). Indexes in `before` may be stale after a
        // merge; they are only a guess at the neighbourhood then.
        let after = || {
            if self.order.is_some() || keep.is_none() {
                return Some(0);
            }
            before
                .iter()
                .skip(old_selected)
                .find_map(|&i| {
                    let pos = *self.list_pos.get(i)?;
                    (pos != UNLISTED).then_some(pos as usize)
                })
                .or(Some(self.listed.len().saturating_sub(1)))
        };
        self.selected = kept
            .or_else(after)
            .unwrap_or(0)
            .min(self.listed.len().saturating_sub(1));
    }

    /// Lists these stories in this order (search results), or every story again (`None`), selecting
    /// `keep` when it is listed, else the first.
    pub(super) fn set_order(
        &mut self,
        order: Option<Vec<ArticleId>>,
        keep: Option<ArticleId>,
        read: &ReadState,
    ) {
        self.order = order;
        self.selected = 0;
        self.offset = 0;
        self.relist(keep, false, read);
        if keep.is_none() {
            self.selected = 0;
        }
    }

    /// Whether search results are listed.
    #[must_use]
    pub fn ordered(&self) -> bool {
        self.order.is_some()
    }

    /// How many times the headlines have changed.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The view's stories.
    #[must_use]
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// The order stories are listed in.
    #[must_use]
    pub fn sort(&self) -> Order {
        self.sort
    }

    /// Each headline's source and section (by its index in [`ListModel::all`]).
    #[must_use]
    pub fn facets(&self) -> &Facets {
        self.facets
            .get_or_init(|| Facets::new(&self.headlines, &self.roots))
    }

    /// Whether the story at list position `pos` is placed in time by its file's modification time, having
    /// no date of its own.
    #[must_use]
    pub fn undated(&self, pos: usize) -> bool {
        self.get(pos).is_some_and(|h| h.published.is_none())
    }

    /// The source of the story at list position `pos`.
    #[must_use]
    pub fn source_at(&self, pos: usize) -> &str {
        self.listed
            .get(pos)
            .map_or("", |&i| self.facets().source(i))
    }

    /// Every view's count (but saved searches').
    #[must_use]
    pub fn counts(&self, read: &ReadState) -> Counts {
        Counts::of(self.headlines.len(), self.facets(), |i| {
            let m = read.mark(self.headlines[i].id);
            (m.read_at.is_some(), m.starred)
        })
    }

    /// Sets the files and folders read (sources are relative to them), and works the sources out again.
    pub(super) fn set_roots(&mut self, roots: Vec<PathBuf>, read: &ReadState) {
        self.roots = roots;
        self.facets = std::cell::OnceCell::new();
        self.generation += 1;
        if matches!(self.scope, Scope::Source(_) | Scope::Section(_)) {
            self.relist(None, false, read);
        }
    }

    /// Shows the view `scope` in `sort` order, selecting `keep` when it is listed, else the first story.
    pub(super) fn set_view(
        &mut self,
        scope: Scope,
        sort: Order,
        keep: Option<ArticleId>,
        read: &ReadState,
    ) {
        self.scope = scope;
        self.sort = sort;
        self.offset = 0;
        self.selected = 0;
        let keep = keep.filter(|&id| self.knows(id));
        self.relist(keep, false, read);
        if keep.is_none_or(|id| self.position_of(id).is_none()) {
            self.selected = 0;
        }
    }

    /// Sorts the list in `sort` order, keeping the story selected.
    pub(super) fn set_sort(&mut self, sort: Order, read: &ReadState) {
        self.sort = sort;
        self.relist(None, true, read);
    }

    /// Adds, replaces and removes headlines after an index scan step, keeping the selection on the same
    /// story (listed even if the filter would now hide it), on the same row of the screen: stories that
    /// land above it scroll the list with them instead of pushing the selection down.
    pub(super) fn merge(
        &mut self,
        removed: &[PathBuf],
        added: Vec<Headline>,
        signals: Vec<(ArticleId, crate::cluster::Signals)>,
        read: &ReadState,
    ) {
        let keep = self.current().map(|h| h.id);
        let row = self.selected.saturating_sub(self.offset);
        let gone: HashSet<&Path> = removed.iter().map(PathBuf::as_path).collect();
        let regroup = self.copies.learn(signals);
        // The list holds one story per id already: only an id that arrives twice, or that a story still
        // listed (or a copy hidden under one) has, needs the copies sorted out.
        let mut arriving = HashSet::with_capacity(added.len());
        let same_id = added.iter().any(|h| {
            !arriving.insert(h.id)
                || self.copies.lead_of(h.id).is_some()
                || self
                    .by_id
                    .get(&h.id)
                    .is_some_and(|&i| !gone.contains(self.headlines[i].path.as_path()))
        });
        if !added.is_empty() && gone.is_empty() && !regroup && !same_id {
            // Only new stories (files that landed), copies of none: the others keep their slots, their
            // groups and all they were given.
            self.land(added, keep, read);
        } else {
            // Copies are sorted out again with the rest when some story stands for copies, or may now.
            let had_copies = self.copies.any();
            if had_copies {
                self.headlines.extend(self.copies.take_hidden());
            }
            let copies = regroup || had_copies || same_id || self.copies.grouping();
            let mut dropped = HashSet::new();
            if !gone.is_empty() {
                // Paths are compared only where their last bytes match one of the few removed: hashing
                // 100,000 paths per scan step would cost milliseconds.
                let mut tails: Vec<u64> = removed.iter().map(|p| tail(p)).collect();
                tails.sort_unstable();
                self.headlines.retain(|h| {
                    let kept = tails.binary_search(&tail(&h.path)).is_err()
                        || !gone.contains(h.path.as_path());
                    if !kept {
                        dropped.insert(h.id);
                    }
                    kept
                });
            }
            self.headlines.extend(added);
            if !dropped.is_empty() {
                // A story no file holds any more holds no group together (one in another file stays).
                for h in &self.headlines {
                    dropped.remove(&h.id);
                }
                self.copies.forget(dropped);
            }
            self.headlines.sort_by(crate::model::store_order);
            if copies {
                self.copies.collapse(&mut self.headlines);
            }
            let keep = keep.map(|id| self.copies.lead_of(id).unwrap_or(id));
            self.index();
            self.relist(keep, true, read);
        }
        self.offset = self.selected.saturating_sub(row);
    }

    /// Stories new to the list, none of them known: each appended in a slot of its own, placed in store
    /// order, and (when the list shows store order) put where it belongs in the list, so that only the new
    /// rows are worked out, whatever the size of the list.
    fn land(&mut self, mut added: Vec<Headline>, keep: Option<ArticleId>, read: &ReadState) {
        use crate::model::store_order;
        use std::cmp::Ordering::Greater;
        added.sort_by(store_order);
        let first = self.headlines.len();
        // Where each goes in store order; the new ones are sorted, so their places never go back.
        let places: Vec<usize> = added
            .iter()
            .map(|h| {
                self.store
                    .partition_point(|&s| store_order(&self.headlines[s as usize], h) != Greater)
            })
            .collect();
        for h in added {
            self.by_id.insert(h.id, self.headlines.len());
            self.when.push(crate::views::sort::when(&h));
            self.by_file_time |= h.published.is_none() && h.modified.is_some();
            self.headlines.push(h);
        }
        if let Some(facets) = self.facets.get_mut() {
            facets.extend(&self.headlines[first..], &self.roots);
        }
        self.generation += 1;
        // Appended slots are in store order only when every new story comes after the others.
        self.slots_in_order &= places.iter().all(|&p| p == self.store.len());
        self.store = spliced(&self.store, &places, first);
        let store_ordered =
            self.order.is_none() && self.sort == Order::Newest && !self.by_file_time;
        if !store_ordered {
            self.relist(keep, true, read);
            return;
        }
        // The list is the store's order, filtered: the new stories it shows go where they belong in it.
        let shown: Vec<usize> = {
            let in_scope = self.in_scope(read);
            (first..self.headlines.len())
                .filter(|&i| in_scope(i) && self.listable(&self.headlines[i], read))
                .collect()
        };
        self.unread += shown
            .iter()
            .filter(|&&i| !read.is_read(self.headlines[i].id))
            .count();
        let at: Vec<usize> = shown
            .iter()
            .map(|&i| {
                let h = &self.headlines[i];
                self.listed
                    .partition_point(|&j| store_order(&self.headlines[j], h) != Greater)
            })
            .collect();
        let from = at.first().copied().unwrap_or(self.listed.len());
        let mut listed = Vec::with_capacity(self.listed.len() + shown.len());
        let mut taken = 0;
        for (&place, &i) in at.iter().zip(&shown) {
            listed.extend_from_slice(&self.listed[taken..place]);
            listed.push(i);
            taken = place;
        }
        listed.extend_from_slice(&self.listed[taken..]);
        self.listed = listed;
        self.list_pos.resize(self.headlines.len(), UNLISTED);
        for (pos, &i) in self.listed.iter().enumerate().skip(from) {
            self.list_pos[i] = u32::try_from(pos).unwrap_or(UNLISTED);
        }
        if let Some(pos) = keep.and_then(|id| self.position_of(id)) {
            self.selected = pos;
        }
    }
}

/// `store` with slot `first + k` put at `places[k]` (places in order, as `store` was before).
fn spliced(store: &[u32], places: &[usize], first: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(store.len() + places.len());
    let mut taken = 0;
    for (k, &place) in places.iter().enumerate() {
        out.extend_from_slice(&store[taken..place]);
        out.push(u32::try_from(first + k).unwrap_or(u32::MAX));
        taken = place;
    }
    out.extend_from_slice(&store[taken..]);
    out
}

/// A path's last eight bytes and its length, as one number: a cheap first test for equal paths.
fn tail(path: &Path) -> u64 {
    let bytes = path.as_os_str().as_encoded_bytes();
    let last = &bytes[bytes.len().saturating_sub(8)..];
    let mut word = [0u8; 8];
    word[..last.len()].copy_from_slice(last);
    u64::from_le_bytes(word) ^ (bytes.len() as u64).rotate_left(56)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::store::marks::Mark;

    /// Headlines with dates spread out (some undated), in two folders, in store order.
    fn headlines(count: usize) -> Vec<Headline> {
        let mut all: Vec<Headline> = crate::synth::articles(count, 11, 1)
            .into_iter()
            .map(|a| a.head)
            .enumerate()
            .map(|(i, mut h)| {
                if i % 4 != 0 {
                    let at = 1_700_000_000 + i64::try_from((i * 7_919) % 500).unwrap() * 3_600;
                    h.published = chrono::DateTime::from_timestamp(at, 0).map(|d| d.fixed_offset());
                }
                if i % 2 == 0 {
                    h.path = PathBuf::from(format!("other/{i:06}.txt"));
                }
                h
            })
            .collect();
        all.sort_by(crate::model::store_order);
        all
    }

    fn marks(all: &[Headline]) -> ReadState {
        let read = Mark {
            read_at: Some(1),
            ..Mark::default()
        };
        ReadState::new(
            all.iter()
                .enumerate()
                .filter(|(i, _)| i % 5 == 0)
                .map(|(_, h)| (h.id, read))
                .collect::<HashMap<_, _>>(),
        )
    }

    /// A view's counts by name (names are numbered in the order they were met).
    type Named = Vec<(String, crate::views::counts::Tally)>;

    /// What a list shows: its stories in order, its unread count, each row's source, and every view's
    /// count (all, unread, starred; then sources and sections by name).
    fn shown(list: &ListModel, read: &ReadState) -> (Vec<ArticleId>, usize, Vec<String>, Named) {
        let counts = list.counts(read);
        let facets = list.facets();
        let mut named: Named = vec![
            ("all".into(), counts.all),
            ("unread".into(), counts.unread),
            ("starred".into(), counts.starred),
        ];
        let mut by_name =
            |names: &[String], tallies: &[crate::views::counts::Tally], kind: &str| {
                let mut v: Named = names
                    .iter()
                    .zip(tallies)
                    .map(|(n, t)| (format!("{kind}:{n}"), *t))
                    .collect();
                v.sort_by(|a, b| a.0.cmp(&b.0));
                named.extend(v);
            };
        by_name(facets.sources(), &counts.sources, "source");
        by_name(facets.sections(), &counts.sections, "section");
        (
            list.iter().map(|h| h.id).collect(),
            list.unread(),
            (0..list.len())
                .map(|p| list.source_at(p).to_owned())
                .collect(),
            named,
        )
    }

    #[test]
    fn stories_that_land_are_listed_as_a_list_made_afresh_lists_them() {
        let all = headlines(600);
        let read = marks(&all);
        let section = all[3].section.clone().unwrap();
        let setups: Vec<(Scope, Order, Filter)> = vec![
            (Scope::All, Order::Newest, Filter::default()),
            (
                Scope::All,
                Order::Newest,
                Filter {
                    unread_only: true,
                    starred_only: false,
                },
            ),
            (Scope::Section(section), Order::Newest, Filter::default()),
            (
                Scope::Source("other".into()),
                Order::Newest,
                Filter::default(),
            ),
            (Scope::Unread, Order::Oldest, Filter::default()),
        ];
        for (scope, sort, filter) in setups {
            // Every seventh story lands later, in three steps, spread over the whole store order.
            let (landing, first): (Vec<_>, Vec<_>) = all
                .iter()
                .cloned()
                .enumerate()
                .partition(|(i, _)| i % 7 == 3);
            let landing: Vec<Headline> = landing.into_iter().map(|(_, h)| h).collect();
            let first: Vec<Headline> = first.into_iter().map(|(_, h)| h).collect();
            let set_up = |list: &mut ListModel| {
                list.preset_filter(filter);
                list.set_roots(vec![PathBuf::new()], &read);
                list.set_view(scope.clone(), sort, None, &read);
            };
            let mut list = ListModel::new(first, &read);
            set_up(&mut list);
            let _ = list.facets();
            list.select(10);
            let selected = list.current().map(|h| h.id);
            for batch in landing.chunks(landing.len() / 3 + 1) {
                list.merge(&[], batch.to_vec(), Vec::new(), &read);
                assert_eq!(list.current().map(|h| h.id), selected, "{scope:?}");
            }
            let mut fresh = ListModel::new(all.clone(), &read);
            set_up(&mut fresh);
            let (got, want) = (shown(&list, &read), shown(&fresh, &read));
            let first_off = got.0.iter().zip(&want.0).position(|(a, b)| a != b);
            assert!(
                got.0 == want.0,
                "{scope:?} {sort:?} {filter:?}: rows differ from {first_off:?}"
            );
            assert_eq!(got.1, want.1, "{scope:?} {sort:?} {filter:?}: unread");
            assert!(got.2 == want.2, "{scope:?} {sort:?} {filter:?}: sources");
            assert_eq!(got.3, want.3, "{scope:?} {sort:?} {filter:?}: counts");
            let in_order: Vec<ArticleId> = list.in_store_order().map(|h| h.id).collect();
            let expected: Vec<ArticleId> = all.iter().map(|h| h.id).collect();
            assert_eq!(in_order, expected);
            // A file removed afterwards: the whole list is made again, as a fresh one.
            let gone = all[42].path.clone();
            list.merge(std::slice::from_ref(&gone), Vec::new(), Vec::new(), &read);
            let rest: Vec<Headline> = all.iter().filter(|h| h.path != gone).cloned().collect();
            let mut fresh = ListModel::new(rest, &read);
            set_up(&mut fresh);
            assert!(
                shown(&list, &read) == shown(&fresh, &read),
                "{scope:?} after a removal"
            );
        }
    }

    #[test]
    fn a_story_that_held_two_copies_together_parts_them_when_its_file_goes() {
        use crate::cluster::Signals;
        let read = ReadState::new(HashMap::new());
        let base = headlines(3);
        let story = |i: usize, path: &str, title: &str| {
            let mut h = base[i].clone();
            h.id = ArticleId(i as u128 + 1);
            h.path = PathBuf::from(path);
            h.title = title.to_owned();
            h
        };
        let a = story(0, "a.html", "One story of ours");
        let b = story(1, "b.html", "The harbour wall holds through the storm");
        let x = story(2, "x.html", "The harbour wall holds through the storm");
        let signals = vec![
            (
                a.id,
                Signals::of(Some("https://a.test/x"), &a.title, "a", "a"),
            ),
            (
                b.id,
                Signals::of(Some("https://a.test/y"), &b.title, "b", "b"),
            ),
            // The same page as `a`, and the same headline and lead as `b`.
            (
                x.id,
                Signals::of(Some("https://www.a.test/x/"), &x.title, "b", "b"),
            ),
        ];
        let mut list = ListModel::default();
        list.merge(&[], vec![a, b, x.clone()], signals, &read);
        assert_eq!(list.len(), 1, "one row for the three copies");
        list.merge(&[x.path], Vec::new(), Vec::new(), &read);
        assert_eq!(list.len(), 2, "the two it held together are apart again");
    }

    #[test]
    fn an_undated_story_placed_by_its_files_time_sorts_the_list_again() {
        let all = headlines(200);
        let read = marks(&all);
        let mut list = ListModel::new(all.clone(), &read);
        let mut late = all[5].clone();
        late.id = ArticleId(7);
        late.path = PathBuf::from("late/story.txt");
        late.published = None;
        late.modified = Some(1_800_000_000);
        list.merge(&[], vec![late.clone()], Vec::new(), &read);
        // Its file's time is the newest of all: it heads the list, as in a list made afresh.
        assert_eq!(list.get(0).map(|h| h.id), Some(late.id));
        let mut every = all;
        every.push(late);
        every.sort_by(crate::model::store_order);
        let fresh = ListModel::new(every, &read);
        assert!(shown(&list, &read) == shown(&fresh, &read));
    }
}
