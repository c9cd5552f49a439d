//! Views in the reader: the view shown and each view's sort, the saved searches and what their queries
//! matched, the counts the views pane shows (made again when marks or stories change), choosing a view,
//! saving a search as one, cycling the sort, and the place kept for the next start.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::effect::Effect;
use super::list::{Filter, Scope};
use super::mode::{Mode, Prompt, PromptKind};
use super::state::State;
use crate::model::ArticleId;
use crate::search::SearchJob;
use crate::search::query::Query;
use crate::search::rank::{self, Matches};
use crate::views::{Counts, Order, SavedSearch, Tally, ViewKey};

/// What a saved search's query matched.
#[derive(Clone, Debug)]
pub enum Matched {
    /// Asked for; the answer has not come.
    Waiting,
    /// What the index matched (filters are applied when counting and listing).
    Found(Matches),
    /// The query could not be run.
    Failed(String),
}

/// The views' state.
#[derive(Clone, Debug, Default)]
pub struct ViewsState {
    /// The view shown.
    pub(super) current: ViewKey,
    /// Each view's order, where it is not newest first.
    pub(super) sorts: HashMap<ViewKey, Order>,
    /// The saved searches listed: the configuration's, then the reader's.
    pub(super) searches: Vec<SavedSearch>,
    /// The configuration's saved searches (they cannot be replaced from the reader).
    pub(super) configured: Vec<SavedSearch>,
    /// What each saved search's query matched, by name.
    pub(super) matched: HashMap<String, Matched>,
    /// The counts, and the changes they were made after (marks, headlines, saved searches).
    pub(super) counts: Option<(Counts, HashMap<String, Tally>)>,
    pub(super) counted: (u64, u64, u64),
    /// Bumped when a saved search's matches change.
    pub(super) searched: u64,
    /// The folders read, as the key the place is kept under.
    pub(super) paths: String,
    /// A story to select once the view shown has its stories (a saved search's, restored at start).
    pub(super) pending: Option<ArticleId>,
    /// Whether these are the bundled sample stories.
    pub(super) sample: bool,
    /// The views pane's folded groups, kept while it is closed.
    pub(super) folded: std::collections::BTreeSet<crate::views::Group>,
}

impl ViewsState {
    /// The view shown.
    #[must_use]
    pub fn current(&self) -> &ViewKey {
        &self.current
    }

    /// The saved searches.
    #[must_use]
    pub fn searches(&self) -> &[SavedSearch] {
        &self.searches
    }

    /// The counts, once made.
    #[must_use]
    pub fn counts(&self) -> Option<&Counts> {
        self.counts.as_ref().map(|(c, _)| c)
    }

    /// A saved search's count: `None` while its query runs or when it failed.
    #[must_use]
    pub fn search_count(&self, name: &str) -> Option<Tally> {
        self.counts.as_ref()?.1.get(name).copied()
    }

    /// Why a saved search could not be run, if it could not.
    #[must_use]
    pub fn search_error(&self, name: &str) -> Option<&str> {
        match self.matched.get(name) {
            Some(Matched::Failed(e)) => Some(e),
            _ => None,
        }
    }

    /// The order of `view`.
    #[must_use]
    pub fn sort_of(&self, view: &ViewKey) -> Order {
        self.sorts.get(view).copied().unwrap_or_default()
    }

    /// Whether the stories are the bundled samples.
    #[must_use]
    pub fn sample(&self) -> bool {
        self.sample
    }

    fn search(&self, name: &str) -> Option<&SavedSearch> {
        self.searches.iter().find(|s| s.name == name)
    }
}

/// Where the reader was, kept per set of folders read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Place {
    /// The view shown, by id.
    pub view: String,
    /// Each view's order (by view id), where it is not newest first.
    pub sorts: BTreeMap<String, String>,
    /// The unread-only filter.
    pub unread_only: bool,
    /// The starred-only filter.
    pub starred_only: bool,
    /// The story selected, by id.
    pub story: Option<String>,
}

/// The parsed query of a saved search (a malformed one is none: it is reported when run).
fn parsed(search: &SavedSearch) -> Result<Query, String> {
    crate::search::parse(&search.query).map_err(|e| e.to_string())
}

/// Asks for what each saved search's words match (filters need no index), those not asked for yet.
pub(super) fn ask_counts(state: &mut State, again: bool) {
    let names: Vec<String> = state
        .views
        .searches
        .iter()
        .map(|s| s.name.clone())
        .collect();
    for name in names {
        if !again && state.views.matched.contains_key(&name) {
            continue;
        }
        ask(state, &name);
    }
}

/// Asks for a saved search's matches.
fn ask(state: &mut State, name: &str) {
    let Some(search) = state.views.search(name) else {
        return;
    };
    match parsed(search) {
        Ok(q) => match q.text {
            None => {
                state
                    .views
                    .matched
                    .insert(name.to_owned(), Matched::Found(Matches::All));
            }
            Some(text) => {
                // A result already in hand stays shown until the new one comes.
                state
                    .views
                    .matched
                    .entry(name.to_owned())
                    .or_insert(Matched::Waiting);
                state.outbox.push(Effect::Search(SearchJob::Count {
                    name: name.to_owned(),
                    text,
                }));
            }
        },
        Err(e) => {
            state
                .views
                .matched
                .insert(name.to_owned(), Matched::Failed(e));
        }
    }
    state.views.searched += 1;
}

/// A saved search's matches came.
pub(super) fn counted(state: &mut State, name: String, matches: Result<Matches, String>) {
    let answer = match matches {
        Ok(m) => Matched::Found(m),
        Err(e) => Matched::Failed(e),
    };
    state.views.matched.insert(name.clone(), answer);
    state.views.searched += 1;
    if state.views.current == ViewKey::Search(name) {
        let keep = state
            .views
            .pending
            .take()
            .or_else(|| state.current().map(|h| h.id));
        let before = state.current().map(|h| h.id);
        let scope = scope_of(state, &state.views.current.clone());
        let sort = state.list.sort();
        let offset = state.list.offset();
        state.list.set_view(scope, sort, keep, &state.read);
        state.list.set_offset(offset);
        if state.current().map(|h| h.id) != before {
            state.enter_story();
        }
    }
}

/// The stories a saved search holds now (its filters applied to the marks as they are).
fn members(state: &State, name: &str) -> Option<HashSet<ArticleId>> {
    let search = state.views.search(name)?;
    let query = parsed(search).ok()?;
    let Some(Matched::Found(matches)) = state.views.matched.get(name) else {
        return None;
    };
    let all = state.list.all();
    let ranked = rank::rank(
        all,
        Some(state.list.store_order()),
        state.list.by_id(),
        matches,
        &query,
        |id| state.read.mark(id),
        super::finding::now(state),
    );
    Some(ranked.iter().map(|r| all[r.index].id).collect())
}

/// The list scope of `view`.
fn scope_of(state: &State, view: &ViewKey) -> Scope {
    match view {
        ViewKey::All => Scope::All,
        ViewKey::Unread => Scope::Unread,
        ViewKey::Starred => Scope::Starred,
        ViewKey::Source(n) => Scope::Source(n.clone()),
        ViewKey::Section(n) => Scope::Section(n.clone()),
        ViewKey::Search(n) => Scope::Stories(members(state, n)),
    }
}

/// Makes the counts again when something they depend on changed since. Called after every action while
/// the views pane is open, so its counts stay live.
pub(super) fn recount(state: &mut State) {
    let stamp = (
        state.read.changes(),
        state.list.generation(),
        state.views.searched,
    );
    if state.views.counts.is_some() && state.views.counted == stamp {
        return;
    }
    let counts = state.list.counts(&state.read);
    let mut searches = HashMap::new();
    for s in &state.views.searches {
        if let Some(ids) = members(state, &s.name) {
            let all = state.list.by_id();
            let tally = Counts::tally(ids.iter().filter_map(|id| all.get(id).copied()), |i| {
                state.read.is_read(state.list.all()[i].id)
            });
            searches.insert(s.name.clone(), tally);
        }
    }
    state.views.counts = Some((counts, searches));
    state.views.counted = stamp;
}

/// Shows `view` (by id), in its own order, from its first story. A search in force is cleared.
pub(super) fn choose(state: &mut State, id: &str) {
    let Some(view) = ViewKey::from_id(id) else {
        return;
    };
    state.save_position();
    super::finding::drop_search(state);
    show(state, view, None);
    let listed = state.list.len();
    state.message = Some(format!(
        "{}: {} \u{b7} {} unread",
        view_label(state),
        stories(listed),
        crate::text::thousands(state.list.unread())
    ));
    save_place(state);
}

/// Shows `view` selecting `keep` when it is listed.
fn show(state: &mut State, view: ViewKey, keep: Option<ArticleId>) {
    if let ViewKey::Search(name) = &view
        && !state.views.matched.contains_key(name)
    {
        ask(state, name);
    }
    let scope = scope_of(state, &view);
    if matches!(scope, Scope::Stories(None)) {
        state.views.pending = keep;
    }
    let sort = state.views.sort_of(&view);
    state.views.current = view;
    state.list.set_view(scope, sort, keep, &state.read);
    state.enter_story();
}

/// "1 story", "2,000 stories".
fn stories(n: usize) -> String {
    format!(
        "{} {}",
        crate::text::thousands(n),
        if n == 1 { "story" } else { "stories" }
    )
}

/// The view's name as the title and the status bar give it.
#[must_use]
pub fn view_label(state: &State) -> String {
    state.views.current.label()
}

/// The sort key: the next order, kept for this view.
pub(super) fn cycle_sort(state: &mut State) {
    let view = state.views.current.clone();
    let next = state.views.sort_of(&view).next();
    if next == Order::default() {
        state.views.sorts.remove(&view);
    } else {
        state.views.sorts.insert(view, next);
    }
    state.list.set_sort(next, &state.read);
    state.message = Some(format!("Sorted {}", next.label()));
    if state.search.active().is_some() {
        state.message = Some(format!(
            "Sorted {} (search results keep their own order until Esc)",
            next.label()
        ));
    }
    save_place(state);
}

/// The save-view key: asks for a name for the search in force.
pub(super) fn ask_name(state: &mut State) {
    let Some(active) = state.search.active() else {
        state.message = Some("No search to save: / searches first".to_owned());
        return;
    };
    if active.error.is_some() && active.results.is_none() {
        state.message = Some("The query has an error: fix it before saving".to_owned());
        return;
    }
    state.mode = Mode::Prompt(Prompt::new(PromptKind::ViewName));
}

/// The name typed for a saved search.
pub(super) fn save(state: &mut State, name: &str) {
    let name = name.trim();
    let Some(query) = state.search.active().map(|a| a.text.clone()) else {
        return;
    };
    if name.is_empty() {
        state.message = Some("Not saved: a view needs a name".to_owned());
        return;
    }
    if state.views.configured.iter().any(|c| c.name == name) {
        state.message = Some(format!(
            "Not saved: \u{201c}{name}\u{201d} is set in the configuration; choose another name"
        ));
        return;
    }
    let search = SavedSearch {
        name: name.to_owned(),
        query: query.clone(),
        configured: false,
    };
    match state.views.searches.iter_mut().find(|s| s.name == name) {
        Some(s) => *s = search,
        None => state.views.searches.push(search),
    }
    state.views.matched.remove(name);
    ask(state, name);
    state.outbox.push(Effect::SaveView {
        name: name.to_owned(),
        query,
        at: state.now,
    });
    state.message = Some(format!(
        "Saved as the view \u{201c}{name}\u{201d} (v lists views)"
    ));
}

/// The place to keep: view, sorts, filters and story.
fn place(state: &State) -> Place {
    let filter = state.list.filter();
    Place {
        view: state.views.current.id(),
        sorts: state
            .views
            .sorts
            .iter()
            .map(|(v, o)| (v.id(), o.name().to_owned()))
            .collect(),
        unread_only: filter.unread_only,
        starred_only: filter.starred_only,
        story: state.current().map(|h| h.id.to_string()),
    }
}

/// Asks for the place to be kept.
pub(super) fn save_place(state: &mut State) {
    let Ok(json) = serde_json::to_string(&place(state)) else {
        return;
    };
    state.outbox.push(Effect::SavePlace {
        paths: state.views.paths.clone(),
        place: json,
        at: state.now,
    });
}

/// Comes back to a kept place: its sorts and filters, its view when it still exists, its story when it is
/// still listed.
pub(super) fn restore(state: &mut State, place: &Place) {
    state.views.sorts = place
        .sorts
        .iter()
        .filter_map(|(v, o)| Some((ViewKey::from_id(v)?, Order::from_name(o)?)))
        .collect();
    state.list.preset_filter(Filter {
        unread_only: place.unread_only,
        starred_only: place.starred_only,
    });
    let view = ViewKey::from_id(&place.view)
        .filter(|v| exists(state, v))
        .unwrap_or_default();
    let keep = place.story.as_deref().and_then(ArticleId::parse);
    // The story come back to stays selected as the scan adds others.
    state.acted = keep.is_some();
    show(state, view, keep);
}

/// Whether `view` still exists (its source, section or saved search).
fn exists(state: &State, view: &ViewKey) -> bool {
    match view {
        ViewKey::All | ViewKey::Unread | ViewKey::Starred => true,
        ViewKey::Search(n) => state.views.search(n).is_some(),
        ViewKey::Source(n) => state.list.facets().find_source(n).is_some(),
        ViewKey::Section(n) => state.list.facets().find_section(n).is_some(),
    }
}
