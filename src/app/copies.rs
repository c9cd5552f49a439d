//! The list's copies of one story: which stories are copies of which (kept as scan steps bring their
//! signals), the copies each listed story stands for, and the ids that share its read state.

use crate::cluster::{Groups, Signals};
use crate::model::{ArticleId, Headline, IdMap};

/// Copies of stories, as the list knows them.
#[derive(Clone, Debug)]
pub struct Copies {
    /// Whether groups of copies are one row (`[reading] clusters`); same-id copies are one row always.
    enabled: bool,
    groups: Groups,
    /// Every copy of each listed story that has more than one, the listed one first.
    by_lead: IdMap<Vec<Headline>>,
    /// The listed story each hidden copy's id stands under.
    lead_of: IdMap<ArticleId>,
    /// Whether the rows must be sorted out again at the next scan step (groups taken whole, or switched).
    regroup: bool,
}

impl Default for Copies {
    fn default() -> Self {
        Self {
            enabled: true,
            groups: Groups::default(),
            by_lead: IdMap::default(),
            lead_of: IdMap::default(),
            regroup: false,
        }
    }
}

impl Copies {
    /// Groups copies of one story into one row, or not (then only a story saved twice under one id is).
    pub(super) fn set_enabled(&mut self, on: bool) {
        self.enabled = on;
        self.regroup = true;
    }

    /// Whether groups of copies are one row.
    #[must_use]
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Takes in stories' signals; returns whether the rows must be sorted out again: a new story joined a
    /// group, or the groups were taken whole or switched on or off since.
    pub(super) fn learn(&mut self, signals: Vec<(ArticleId, Signals)>) -> bool {
        let regroup = std::mem::take(&mut self.regroup);
        if !self.enabled {
            return regroup;
        }
        let mut joined = false;
        for (id, s) in signals {
            joined |= self.groups.insert(id, s);
        }
        regroup || joined
    }

    /// Whether some stories are grouped (so rows made again must be collapsed).
    #[must_use]
    pub fn grouping(&self) -> bool {
        self.enabled && !self.groups.is_empty()
    }

    /// Takes groups made elsewhere (on the scan's thread), when groups of copies are one row.
    pub(super) fn take_groups(&mut self, groups: Groups) {
        if self.enabled {
            self.groups = groups;
            self.regroup = true;
        }
    }

    /// Forgets stories no file holds any more, so that they hold no group together.
    pub(super) fn forget(&mut self, ids: impl IntoIterator<Item = ArticleId>) {
        for id in ids {
            self.groups.remove(id);
        }
    }

    /// Whether some listed story stands for copies.
    #[must_use]
    pub fn any(&self) -> bool {
        !self.by_lead.is_empty()
    }

    /// Takes out the copies no row shows, to be sorted out again with the rest.
    pub(super) fn take_hidden(&mut self) -> Vec<Headline> {
        self.lead_of.clear();
        self.by_lead
            .drain()
            .flat_map(|(_, copies)| copies.into_iter().skip(1))
            .collect()
    }

    /// Keeps one headline per story in `headlines`, the rest kept here.
    pub(super) fn collapse(&mut self, headlines: &mut Vec<Headline>) {
        let empty = Groups::default();
        let groups = if self.enabled { &self.groups } else { &empty };
        self.by_lead = crate::cluster::collapse(headlines, groups);
        self.lead_of = self
            .by_lead
            .iter()
            .flat_map(|(lead, copies)| copies.iter().skip(1).map(move |c| (c.id, *lead)))
            .collect();
    }

    /// Every copy of listed story `id`, itself first; empty when it has none.
    #[must_use]
    pub fn of(&self, id: ArticleId) -> &[Headline] {
        self.by_lead.get(&id).map_or(&[], Vec::as_slice)
    }

    /// The listed story that hidden copy `id` is shown under.
    #[must_use]
    pub fn lead_of(&self, id: ArticleId) -> Option<ArticleId> {
        self.lead_of.get(&id).copied()
    }

    /// The ids that share listed story `id`'s read state: its copies' (itself first, each once) when
    /// groups are one row, else its own.
    #[must_use]
    pub fn sharing(&self, id: ArticleId) -> Vec<ArticleId> {
        let mut ids = vec![id];
        if self.enabled {
            for c in self.of(id) {
                if !ids.contains(&c.id) {
                    ids.push(c.id);
                }
            }
        }
        ids
    }

    /// The URL of story `id`, listed or a hidden copy (kept with its marks).
    #[must_use]
    pub fn url_of(&self, id: ArticleId, list: &super::list::ListModel) -> Option<String> {
        list.headline(id)
            .or_else(|| {
                let lead = self.lead_of(id)?;
                self.of(lead).iter().find(|c| c.id == id)
            })
            .and_then(|h| h.url.clone())
    }

    /// Every listed story that stands for copies with other ids, with those ids (itself first).
    pub fn shared(&self) -> impl Iterator<Item = Vec<ArticleId>> + '_ {
        self.by_lead
            .keys()
            .map(|&lead| self.sharing(lead))
            .filter(|ids| ids.len() > 1)
    }
}
