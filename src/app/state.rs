//! The reader's whole state: the pane models (list, article, sidebar), the read state, the input mode,
//! focus and size, the settings, and what the status bar says. Fields are private: `update` changes them
//! through the models' methods, and `render`, the CLI and the tests read them through the accessors.

use std::collections::HashMap;

use ratatui::layout::Rect;

use super::article::{ArticlePane, Restore, View, ViewKey};
use super::effect::Effect;
use super::layout::{self, Focus};
use super::list::ListModel;
use super::mode::Mode;
use super::read_state::ReadState;
use super::search::SearchState;
use super::sidebar::SidebarPane;
use super::views::{Place, ViewsState};
use crate::action::Revert;
use crate::config::keymap::{Context, Keymap};
use crate::config::{Config, Layout, Reading};
use crate::model::{ArticleId, Headline};
use crate::store::Warning;
use crate::store::marks::Mark;

/// Everything the reader shows.
#[derive(Debug)]
pub struct State {
    pub(super) list: ListModel,
    pub(super) article: ArticlePane,
    pub(super) sidebar: SidebarPane,
    pub(super) read: ReadState,
    pub(super) mode: Mode,
    pub(super) focus: Focus,
    pub(super) size: Rect,
    pub(super) keymap: Keymap,
    pub(super) layout: Layout,
    pub(super) reading: Reading,
    pub(super) saving: crate::config::Saving,
    /// The last command the story was piped to (offered again by `|`).
    pub(super) last_pipe: Option<String>,
    /// Stories a scan added since the start, not looked at yet ("3 new" in the status bar).
    pub(super) fresh: std::collections::HashSet<ArticleId>,
    /// Whether `R` asked for the scan that runs (its end is said, even when nothing changed).
    pub(super) rescanning: bool,
    /// Named commands (`[commands]`), by name.
    pub(super) commands: std::collections::BTreeMap<String, String>,
    pub(super) warnings: Vec<Warning>,
    pub(super) message: Option<String>,
    /// The count typed before a key (`3` of `3o`), while it is being typed.
    pub(super) count: Option<u32>,
    pub(super) indexing: Option<(usize, usize)>,
    pub(super) search: SearchState,
    pub(super) views: ViewsState,
    /// Whether the user has acted since the start (before that, the list's first story stays selected as
    /// a scan fills the list).
    pub(super) acted: bool,
    /// Effects waiting for `update` to hand them to the runner.
    pub(super) outbox: Vec<Effect>,
    /// The clock, as passed to the current `update` (Unix seconds).
    pub(super) now: i64,
    /// A copy of the selected story opened from "Same story elsewhere", shown instead of the fullest
    /// (under an id of its own for the views' cache: see [`State::open_copy`]).
    pub(super) copy: Option<Headline>,
    /// The sidebar's items when the story on screen has kin (copies, stories like it); else the view's.
    pub(super) kin: Vec<crate::view::reflow::SidebarItem>,
    /// The stories most like the selected one, once the search worker found them.
    pub(super) similar: Option<(ArticleId, Vec<super::kin::Similar>)>,
    /// The story whose "More like this" was asked for last.
    pub(super) similar_asked: Option<ArticleId>,
}

impl State {
    /// A reader over `headlines` (in store order) with the read state `marks`, at `size`. The first
    /// story's load is waiting in [`State::take_effects`].
    #[must_use]
    pub fn new(
        headlines: Vec<Headline>,
        marks: HashMap<ArticleId, Mark>,
        warnings: Vec<Warning>,
        keymap: Keymap,
        size: Rect,
    ) -> Self {
        let read = ReadState::new(marks);
        let message = match warnings.len() {
            0 => None,
            1 => Some("1 file skipped or damaged (? shows why)".to_owned()),
            n => Some(format!(
                "{} files skipped or damaged (? shows why)",
                crate::text::thousands(n)
            )),
        };
        let mut state = Self {
            list: ListModel::new(headlines, &read),
            article: ArticlePane::default(),
            sidebar: SidebarPane::default(),
            read,
            mode: Mode::Normal,
            focus: Focus::List,
            size,
            keymap,
            layout: Layout::default(),
            reading: Reading::default(),
            saving: crate::config::Saving::default(),
            last_pipe: None,
            rescanning: false,
            fresh: std::collections::HashSet::new(),
            commands: std::collections::BTreeMap::new(),
            warnings,
            message,
            count: None,
            indexing: None,
            search: SearchState::default(),
            views: ViewsState::default(),
            acted: false,
            outbox: Vec::new(),
            now: 0,
            copy: None,
            kin: Vec::new(),
            similar: None,
            similar_asked: None,
        };
        state.enter_story();
        state
    }

    /// Draws the pictures of stories inline from now on (the runner found a way to draw them).
    pub fn start_painting(&mut self) {
        self.article.start_painting();
        self.refresh();
    }

    /// Takes the configuration's keys, layout and reading options.
    pub fn configure(&mut self, config: &Config) {
        self.keymap = config.keymap.clone();
        self.layout = config.layout;
        self.reading = config.reading.clone();
        self.list.set_clusters(config.reading.clusters, &self.read);
        self.saving = config.saving.clone();
        self.commands = config.commands.clone();
        self.article.clear_views();
        self.enter_story();
    }

    /// Adds a note for the help's list of problems (a database moved aside, marks that cannot be
    /// saved), and says it in the status bar.
    pub fn notify(&mut self, warning: Warning, message: String) {
        self.warnings.insert(0, warning);
        self.message = Some(message);
    }

    /// Takes the files and folders read (pages' sources are the folders they sit in, relative to them),
    /// the key their place is kept under, and whether these are the bundled samples.
    pub fn set_roots(&mut self, roots: Vec<std::path::PathBuf>, paths: String, sample: bool) {
        self.list.set_roots(roots, &self.read);
        self.views.paths = paths;
        self.views.sample = sample;
        if sample && self.message.is_none() {
            self.message = Some(
                "These are sample stories: broadsheet PATH reads your own, or set sources in config.toml"
                    .to_owned(),
            );
        }
    }

    /// Takes the saved searches: the configuration's (`[[views]]`) and those saved from the reader. Their
    /// matches are asked for, so their counts are ready.
    pub fn set_saved_searches(
        &mut self,
        configured: &[crate::views::SavedSearch],
        saved: Vec<crate::views::SavedSearch>,
    ) {
        self.views.configured = configured.to_vec();
        self.views.searches = crate::views::merge_searches(configured, saved);
        super::views::ask_counts(self, true);
    }

    /// Comes back to where the reader was (a place kept as JSON by an earlier run): view, sorts, filters
    /// and story. A place that cannot be read is ignored.
    pub fn restore_place(&mut self, json: &str) {
        if let Ok(place) = serde_json::from_str::<Place>(json) {
            super::views::restore(self, &place);
        }
    }

    /// Sets the clock (Unix seconds) before the first action: the list shows times relative to today.
    pub fn set_now(&mut self, now: i64) {
        self.now = now;
    }

    /// The clock as of the last action (Unix seconds).
    #[must_use]
    pub fn now(&self) -> i64 {
        self.now
    }

    /// How many stories a scan added that have not been looked at yet.
    #[must_use]
    pub fn fresh(&self) -> usize {
        self.fresh.len()
    }

    /// The views: the one shown, the saved searches, the counts.
    #[must_use]
    pub fn views(&self) -> &ViewsState {
        &self.views
    }

    /// Takes the queries kept from earlier runs (oldest first), for Up in the search prompt.
    pub fn set_search_history(&mut self, history: Vec<String>) {
        self.search = SearchState::with_history(history);
    }

    /// What a search matched in the story on screen, line by line.
    #[must_use]
    pub fn search_hits(&self) -> Option<&super::search::Hits> {
        self.search.hits_in(self.view_key()?)
    }

    /// The search: the query in force, snippets, matches in the story.
    #[must_use]
    pub fn search(&self) -> &SearchState {
        &self.search
    }

    /// Says that a scan runs, before its first step arrives.
    pub fn start_indexing(&mut self) {
        self.indexing = Some((0, 0));
    }

    /// The effects waiting for the runner (the first story's load, after [`State::new`]).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.outbox)
    }

    /// The headline list.
    #[must_use]
    pub fn list(&self) -> &ListModel {
        &self.list
    }

    /// The article pane.
    #[must_use]
    pub fn article(&self) -> &ArticlePane {
        &self.article
    }

    /// The sidebar.
    #[must_use]
    pub fn sidebar(&self) -> &SidebarPane {
        &self.sidebar
    }

    /// Marks, undo and history.
    #[must_use]
    pub fn read(&self) -> &ReadState {
        &self.read
    }

    /// The input mode.
    #[must_use]
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The pane with focus.
    #[must_use]
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The terminal size.
    #[must_use]
    pub fn size(&self) -> Rect {
        self.size
    }

    /// The key bindings.
    #[must_use]
    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// Pane sizes and the sidebar mode.
    #[must_use]
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Reading options.
    #[must_use]
    pub fn reading(&self) -> &Reading {
        &self.reading
    }

    /// Files skipped or loaded with losses, and notes about the database.
    #[must_use]
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The status bar's transient message.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The count typed before a key (`3` of `3o`), while it is being typed.
    #[must_use]
    pub fn count(&self) -> Option<u32> {
        self.count
    }

    /// Files indexed so far and in all, while a scan runs.
    #[must_use]
    pub fn indexing(&self) -> Option<(usize, usize)> {
        self.indexing
    }

    /// The keymap context of the focused pane (or the prompt).
    #[must_use]
    pub fn context(&self) -> Context {
        match (&self.mode, self.focus) {
            (Mode::Prompt(_), _) => Context::Prompt,
            (Mode::Overlay(o), _) if o.pane().takes_text() => Context::Prompt,
            (_, Focus::List) => Context::List,
            (_, Focus::Article) => Context::Article,
            (_, Focus::Sidebar) => Context::Sidebar,
        }
    }

    /// The selected story's headline, if any is listed.
    #[must_use]
    pub fn current(&self) -> Option<&Headline> {
        self.list.current()
    }

    /// Whether `id` has been read.
    #[must_use]
    pub fn is_read(&self, id: ArticleId) -> bool {
        self.read.is_read(id)
    }

    /// Whether `id` is starred.
    #[must_use]
    pub fn is_starred(&self, id: ArticleId) -> bool {
        self.read.is_starred(id)
    }

    /// The current story's view: reflowed, or its headline while it loads.
    #[must_use]
    pub fn view(&self) -> Option<&View> {
        self.article.view(self.view_key()?)
    }

    /// The current story's own view, when it has been parsed (not the loading placeholder).
    #[must_use]
    pub fn story_view(&self) -> Option<&View> {
        self.view().filter(|v| !v.placeholder)
    }

    /// The body block at the top of the article pane, once the story is parsed.
    #[must_use]
    pub fn top_block(&self) -> Option<usize> {
        self.story_view()
            .and_then(|v| v.article.lines.get(self.article.scroll()))
            .and_then(|l| l.block)
    }

    pub(super) fn view_key(&self) -> Option<ViewKey> {
        let (article, sidebar) = self.text_widths();
        self.shown().map(|h| (h.id, article, sidebar))
    }

    /// The headline of the story whose text is on screen: the selected story's fullest copy, or the
    /// copy opened from "Same story elsewhere".
    #[must_use]
    pub fn shown(&self) -> Option<&Headline> {
        self.copy.as_ref().or_else(|| self.current())
    }

    /// The sidebar's items: the story's related teasers, its copies and the stories like it, and its links.
    #[must_use]
    pub fn sidebar_items(&self) -> &[crate::view::reflow::SidebarItem] {
        if self.kin.is_empty() {
            self.view().map_or(&[][..], |v| v.sidebar.as_slice())
        } else {
            &self.kin
        }
    }

    /// Shows copy `copy` of the selected story as it was stored. Its view is kept under an id made from
    /// its file and entry (two copies may share an id); marks still go to the selected story.
    pub(super) fn open_copy(&mut self, copy: &Headline) {
        let mut shown = copy.clone();
        let place = xxhash_rust::xxh3::xxh3_128(copy.path.as_os_str().as_encoded_bytes());
        shown.id = ArticleId(copy.id.0 ^ place ^ (copy.entry as u128).rotate_left(64));
        self.copy = Some(shown);
        self.article.set_scroll(0);
        self.article.set_shift(0);
        self.refresh();
    }

    /// Takes in the stories most like `id` that the search worker found (see [`super::kin::take`]).
    pub(super) fn take_similar(&mut self, id: ArticleId, found: &[ArticleId]) {
        super::kin::take(self, id, found);
        self.refresh();
    }

    /// Prepares the current story's view (reflowing a parsed story, or asking the worker for it) and keeps
    /// the offsets in range. `update` calls it after every action.
    pub(super) fn refresh(&mut self) {
        // A new story selected has been looked at.
        if let Some(id) = self.list.current().map(|h| h.id) {
            self.fresh.remove(&id);
        }
        // The sources and sections are worked out here, on the update side, once after a change of the
        // headlines, so drawing only reads them.
        let _ = self.list.facets();
        let widths = self.text_widths();
        if let Some(h) = self.copy.as_ref().or_else(|| self.list.current())
            && let Some(effect) = self.article.prepare(h, widths, &self.reading.date_format)
        {
            self.outbox.push(effect);
        }
        if let Some(restore) = self.article.take_restore(self.story_view().is_some()) {
            let line = match restore {
                Restore::Line(line) => Some(line),
                Restore::Block(block) => self.view().and_then(|v| v.article.first_line_of(block)),
            };
            if let Some(line) = line {
                self.article.set_scroll(line);
            }
        }
        super::kin::gather(self);
        super::finding::mark_matches(self);
        self.clamp();
        super::finding::want_snippets(self);
        if matches!(self.mode, Mode::Overlay(super::overlay::Overlay::Views(_))) {
            super::views::recount(self);
            // Rows may have come or gone: the selection stays on the view it was on.
            if let Mode::Overlay(overlay) = &self.mode {
                let rows = overlay.pane().rows(self);
                let visible = super::overlay::visible_rows(self.size);
                if let Mode::Overlay(super::overlay::Overlay::Views(pane)) = &mut self.mode {
                    super::overlay::OverlayPane::settle(pane, &rows, visible);
                }
            }
        }
    }

    /// Shows the selected story from the top, or (once it is parsed) from where reading of it stopped.
    pub(super) fn enter_story(&mut self) {
        self.copy = None;
        self.article.set_scroll(0);
        self.article.set_shift(0);
        self.sidebar.reset();
        let block = self.current().map_or(0, |h| self.read.position(h.id));
        self.article
            .restore_when_ready((block > 0).then_some(Restore::Block(block as usize)));
        self.refresh();
    }

    /// Remembers where reading of the current story stopped (the block at the top), when it moved: saved at
    /// once, so even a kill loses no more than the last step. Nothing is saved while the story loads.
    pub(super) fn save_position(&mut self) {
        if self.story_view().is_none() {
            return;
        }
        let Some(h) = self.current() else { return };
        let id = h.id;
        let block = u32::try_from(self.top_block().unwrap_or(0)).unwrap_or(0);
        // Copies of one story share where reading stopped.
        for id in self.list.copies().sharing(id) {
            if self.read.set_position(id, block) {
                let url = self.list.copies().url_of(id, &self.list);
                self.outbox.push(Effect::SavePosition { id, url, block });
            }
        }
    }

    /// Gives every copy of a story the read state they share (read when any copy was, starred when any
    /// is, the furthest position), when groups of copies are one row: a copy that comes to join a story
    /// read before is read too. Saved as any change is; no undo step.
    pub(super) fn share_marks(&mut self) {
        let groups: Vec<Vec<ArticleId>> = self.list.copies().shared().collect();
        let mut reads = Vec::new();
        for ids in groups {
            let shared = ids
                .iter()
                .map(|&id| self.read.mark(id))
                .fold(Mark::default(), crate::cluster::shared_mark);
            for &id in &ids {
                let own = self.read.mark(id);
                if own.read_at.is_some() != shared.read_at.is_some() {
                    reads.push((id, shared.read_at));
                }
                if own.starred != shared.starred {
                    self.set_star_one(id, shared.starred, false);
                }
                if own.position < shared.position && self.read.set_position(id, shared.position) {
                    let url = self.list.copies().url_of(id, &self.list);
                    self.outbox.push(Effect::SavePosition {
                        id,
                        url,
                        block: shared.position,
                    });
                }
            }
        }
        self.set_read(&reads, false);
    }

    /// Sets stories' read times (or `None` for unread) on screen, keeping the unread count right, and asks
    /// for them to be saved; a failed save comes back as `Action::NotSaved` and is taken back. Returns the
    /// read times before. `undoing` says the change is an undo step being taken.
    pub(super) fn set_read(
        &mut self,
        changes: &[(ArticleId, Option<i64>)],
        undoing: bool,
    ) -> Vec<(ArticleId, Option<i64>)> {
        if changes.is_empty() {
            return Vec::new();
        }
        // Copies of one story are read together.
        let changes: Vec<(ArticleId, Option<i64>)> = changes
            .iter()
            .flat_map(|&(id, at)| {
                self.list
                    .copies()
                    .sharing(id)
                    .into_iter()
                    .map(move |c| (c, at))
            })
            .collect();
        let changes = changes.as_slice();
        let mut before = Vec::with_capacity(changes.len());
        let mut rows = Vec::with_capacity(changes.len());
        for &(id, at) in changes {
            before.push((id, self.read.read_at(id)));
            let was = self.read.set_read(id, at);
            self.list.read_changed(id, was, at.is_some());
            let url = self.list.copies().url_of(id, &self.list);
            rows.push((id, url, at));
        }
        let revert = if undoing {
            Revert::UndoneRead {
                before: before.clone(),
                step: changes.to_vec(),
            }
        } else {
            Revert::Read(before.clone())
        };
        self.outbox.push(Effect::SaveRead {
            changes: rows,
            revert,
        });
        before
    }

    /// Sets a story's star (and its copies') on screen and asks for it to be saved; `undoing` says it is
    /// an undo step.
    pub(super) fn set_star(&mut self, id: ArticleId, starred: bool, undoing: bool) {
        for id in self.list.copies().sharing(id) {
            self.set_star_one(id, starred, undoing);
        }
    }

    fn set_star_one(&mut self, id: ArticleId, starred: bool, undoing: bool) {
        let was = self.read.is_starred(id);
        self.read.set_starred(id, starred);
        let url = self.list.copies().url_of(id, &self.list);
        let revert = if undoing {
            Revert::UndoneStar(id, starred)
        } else {
            Revert::Star(id, was)
        };
        self.outbox.push(Effect::SaveStar {
            id,
            url,
            starred,
            revert,
        });
    }

    /// Takes back read times on screen without saving (a write that failed).
    pub(super) fn revert_read(&mut self, before: &[(ArticleId, Option<i64>)]) {
        for &(id, at) in before {
            let was = self.read.set_read(id, at);
            self.list.read_changed(id, was, at.is_some());
        }
    }

    /// Keeps the selection, scroll and sidebar inside what is shown, and focus on a pane that shows.
    pub(super) fn clamp(&mut self) {
        let rows = self.list_rows();
        self.list.fit(rows);
        let max = self.max_scroll();
        self.article.set_scroll(self.article.scroll().min(max));
        let max = self.max_shift();
        self.article.set_shift(self.article.shift().min(max));
        let rows = self.sidebar_rows();
        let mut sidebar = self.sidebar;
        sidebar.fit(self.sidebar_items(), rows);
        self.sidebar = sidebar;
        if self.focus == Focus::Sidebar
            && !layout::focus_order(self.size.width, self.sidebar.choice(), &self.layout)
                .contains(&Focus::Sidebar)
        {
            self.focus = Focus::Article;
        }
    }
}
