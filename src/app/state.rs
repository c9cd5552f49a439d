//! The reader's whole state: the headlines, what is listed, selected, scrolled, focused and marked, and the
//! caches (bodies, reflowed views) that `update` fills so `render` only reads.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::history::History;
use super::layout::{self, Panes};
use crate::config::keymap::Keymap;
use crate::config::{Config, Layout, Reading};
use crate::model::{Article, ArticleId, Block, Headline};
use crate::store::Warning;
use crate::store::db::Db;
use crate::store::marks::Mark;
use crate::text::reflow::{self, Reflowed, SidebarItem};

/// The pane that has focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The headline list.
    List,
    /// The article.
    Article,
    /// The related-links sidebar.
    Sidebar,
}

/// An overlay drawn over the panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    /// The key bindings (and skipped files), scrolled this many rows.
    Help {
        /// Rows scrolled.
        scroll: usize,
    },
}

/// A question waiting for y or n.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// Mark every listed story read.
    MarkAllRead,
}

/// One marking as `undo` takes it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undo {
    /// Stories marked read or unread, with their read times before.
    Read(Vec<(ArticleId, Option<i64>)>),
    /// A story starred or unstarred, with its star before.
    Star(ArticleId, bool),
}

/// Which stories the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only unread stories.
    pub unread_only: bool,
    /// Only starred stories.
    pub starred_only: bool,
}

/// Where story bodies come from.
#[derive(Debug)]
pub enum Library {
    /// Whole stories held in memory (the sample store, tests).
    Memory(HashMap<ArticleId, Arc<Article>>),
    /// Files on disk, parsed when shown; related links resolved through the index.
    Disk,
}

/// A story reflowed for the current pane widths.
#[derive(Debug)]
pub struct View {
    /// The whole story.
    pub story: Arc<Article>,
    /// The body at the article text width.
    pub article: Reflowed,
    /// The related links at the sidebar width.
    pub sidebar: Vec<SidebarItem>,
}

/// Cache key: story, article text width, sidebar text width.
type ViewKey = (ArticleId, u16, u16);

/// How many parsed stories and reflowed views are kept.
const CACHE_LIMIT: usize = 64;

/// Not in the list.
const UNLISTED: u32 = u32::MAX;

/// Everything the reader shows.
#[derive(Debug)]
pub struct State {
    /// Every story's headline, in store order.
    pub headlines: Vec<Headline>,
    /// Indices into `headlines` of the stories listed, in list order.
    pub listed: Vec<usize>,
    /// Index into `listed` of the selected story.
    pub selected: usize,
    /// The first list row shown.
    pub list_offset: usize,
    /// The pane with focus.
    pub focus: Focus,
    /// The article pane's scroll offset, in lines.
    pub scroll: usize,
    /// The selected related link.
    pub link: usize,
    /// The first sidebar row shown.
    pub sidebar_offset: usize,
    /// The user's sidebar choice; `None` shows it when the terminal is wide.
    pub sidebar_choice: Option<bool>,
    /// The open overlay, if any.
    pub overlay: Option<Overlay>,
    /// A question waiting for y or n.
    pub confirm: Option<Confirm>,
    /// Stories shown before each jump.
    pub history: History,
    /// The story last opened (as opposed to only previewed).
    pub opened: Option<ArticleId>,
    /// Read state, by story.
    pub marks: HashMap<ArticleId, Mark>,
    /// Which stories are listed.
    pub filter: Filter,
    /// Markings that `undo` can take back, newest last.
    pub undo: Vec<Undo>,
    /// How many listed stories are unread.
    pub unread: usize,
    /// Files indexed so far and in all, while a scan runs.
    pub indexing: Option<(usize, usize)>,
    /// The terminal size.
    pub size: Rect,
    /// Pane sizes and the sidebar mode.
    pub layout: Layout,
    /// Reading options: text width, when stories are marked read, the date format.
    pub reading: Reading,
    /// Files skipped or loaded with losses.
    pub warnings: Vec<Warning>,
    /// A transient message for the status bar.
    pub message: Option<String>,
    /// Key bindings (the help and hints read them).
    pub keymap: Keymap,
    /// Set when the user quits.
    pub quit: bool,
    /// Set when the user asks to suspend; the event loop clears it.
    pub suspend: bool,
    /// A web address the user asked to open; the event loop opens it and clears it.
    pub open_url: Option<String>,
    /// The database that keeps read state.
    pub db: Db,
    library: Library,
    /// Headline index by id.
    by_id: HashMap<ArticleId, usize>,
    /// Each headline's position in `listed`, or `UNLISTED`.
    list_pos: Vec<u32>,
    stories: HashMap<ArticleId, Arc<Article>>,
    views: HashMap<ViewKey, Arc<View>>,
}

impl State {
    /// A reader over whole stories held in memory, keeping read state in a database in memory (tests, and
    /// the sample store when no database can be opened).
    ///
    /// # Panics
    /// Never in practice: an in-memory SQLite database cannot fail to open short of running out of memory.
    #[must_use]
    pub fn new(articles: Vec<Article>, warnings: Vec<Warning>, keymap: Keymap, size: Rect) -> Self {
        #[allow(clippy::expect_used)]
        let db = Db::in_memory().expect("an in-memory database opens");
        Self::in_memory(articles, db, warnings, keymap, size)
    }

    /// A reader over whole stories held in memory, keeping read state in `db`.
    #[must_use]
    pub fn in_memory(
        articles: Vec<Article>,
        db: Db,
        warnings: Vec<Warning>,
        keymap: Keymap,
        size: Rect,
    ) -> Self {
        let headlines = articles.iter().map(Headline::from).collect();
        let library = Library::Memory(articles.into_iter().map(|a| (a.id, Arc::new(a))).collect());
        Self::with_library(headlines, library, db, warnings, keymap, size)
    }

    /// A reader over `headlines` whose bodies come from `library`, with read state in `db`.
    #[must_use]
    pub fn with_library(
        headlines: Vec<Headline>,
        library: Library,
        db: Db,
        warnings: Vec<Warning>,
        keymap: Keymap,
        size: Rect,
    ) -> Self {
        let (marks, message) = match db.marks() {
            Ok(m) => (m, None),
            Err(e) => (
                HashMap::new(),
                Some(format!("could not read the read state: {e}")),
            ),
        };
        let message = message.or(match warnings.len() {
            0 => None,
            1 => Some("1 file skipped or damaged (? shows why)".to_owned()),
            n => Some(format!("{n} files skipped or damaged (? shows why)")),
        });
        let mut state = Self {
            headlines,
            listed: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            scroll: 0,
            link: 0,
            sidebar_offset: 0,
            sidebar_choice: None,
            overlay: None,
            confirm: None,
            history: History::default(),
            opened: None,
            marks,
            filter: Filter::default(),
            undo: Vec::new(),
            unread: 0,
            indexing: None,
            size,
            layout: Layout::default(),
            reading: Reading::default(),
            warnings,
            message,
            keymap,
            quit: false,
            suspend: false,
            open_url: None,
            db,
            library,
            by_id: HashMap::new(),
            list_pos: Vec::new(),
            stories: HashMap::new(),
            views: HashMap::new(),
        };
        state.relist(None, false);
        state.enter_story();
        state
    }

    /// Takes the configuration's keys, layout and reading options.
    pub fn configure(&mut self, config: &Config) {
        self.keymap = config.keymap.clone();
        self.layout = config.layout;
        self.reading = config.reading.clone();
        self.views.clear();
        self.enter_story();
    }

    /// The pane layout for the current size and focus.
    #[must_use]
    pub fn panes(&self) -> Panes {
        layout::panes(self.size, self.focus, self.sidebar_choice, &self.layout)
    }

    /// The selected story's headline, if any is listed.
    #[must_use]
    pub fn current(&self) -> Option<&Headline> {
        self.listed.get(self.selected).map(|&i| &self.headlines[i])
    }

    /// Whether `id` has been read.
    #[must_use]
    pub fn is_read(&self, id: ArticleId) -> bool {
        self.marks.get(&id).is_some_and(|m| m.read_at.is_some())
    }

    /// Whether `id` is starred.
    #[must_use]
    pub fn is_starred(&self, id: ArticleId) -> bool {
        self.marks.get(&id).is_some_and(|m| m.starred)
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

    /// The current story's reflowed view, when `update` has prepared it.
    #[must_use]
    pub fn view(&self) -> Option<&View> {
        let key = self.view_key()?;
        self.views.get(&key).map(Arc::as_ref)
    }

    /// Rows of the list's inside (0 when it is not shown).
    #[must_use]
    pub fn list_rows(&self) -> usize {
        self.panes()
            .list
            .map_or(0, |r| usize::from(layout::inner(r).height))
    }

    /// Rows of the article's inside (0 when it is not shown).
    #[must_use]
    pub fn article_rows(&self) -> usize {
        self.panes()
            .article
            .map_or(0, |r| usize::from(layout::inner(r).height))
    }

    /// Rows of the sidebar's inside (0 when it is not shown).
    #[must_use]
    pub fn sidebar_rows(&self) -> usize {
        self.panes()
            .sidebar
            .map_or(0, |r| usize::from(layout::inner(r).height))
    }

    /// The largest article scroll offset that still fills the pane.
    #[must_use]
    pub fn max_scroll(&self) -> usize {
        self.view().map_or(0, |v| {
            v.article.lines.len().saturating_sub(self.article_rows())
        })
    }

    /// How far the article is scrolled, 0 at the top to 100 at the bottom (100 when it fits).
    #[must_use]
    pub fn progress(&self) -> usize {
        (self.scroll * 100)
            .checked_div(self.max_scroll())
            .map_or(100, |p| p.min(100))
    }

    /// The body block at the top of the article pane.
    #[must_use]
    pub fn top_block(&self) -> Option<usize> {
        self.view()
            .and_then(|v| v.article.lines.get(self.scroll))
            .and_then(|l| l.block)
    }

    /// Text widths of the article and the sidebar for the current layout. When a pane is hidden, the width it
    /// would have in the wide layout is used, so a view is always ready.
    pub fn text_widths(&self) -> (u16, u16) {
        let panes = self.panes();
        let fallback = layout::panes(
            Rect {
                width: self.size.width.max(layout::WIDE),
                ..self.size
            },
            Focus::List,
            Some(true),
            &self.layout,
        );
        let article = panes.article.or(fallback.article).unwrap_or_default();
        let sidebar = panes.sidebar.or(fallback.sidebar).unwrap_or_default();
        (
            layout::article_text(article, self.reading.width).width,
            layout::inner(sidebar).width,
        )
    }

    fn view_key(&self) -> Option<ViewKey> {
        let (article, sidebar) = self.text_widths();
        self.current().map(|h| (h.id, article, sidebar))
    }

    /// The whole story for `h`: from memory, or parsed from its file with its teasers resolved through the
    /// index. A file that can no longer be read gives a story that says why.
    fn story(&mut self, h: &Headline) -> Arc<Article> {
        if let Some(s) = self.stories.get(&h.id) {
            return Arc::clone(s);
        }
        let story = match &self.library {
            Library::Memory(all) => all
                .get(&h.id)
                .cloned()
                .unwrap_or_else(|| Arc::new(unreadable(h, "not in memory"))),
            Library::Disk => Arc::new(match crate::loader::load_path(&h.path) {
                Ok(loaded) => {
                    let found = loaded.articles.into_iter().find(|a| a.entry == h.entry);
                    match found {
                        Some(mut a) => {
                            if let Err(e) = self.db.resolve(&mut a.related) {
                                self.message =
                                    Some(format!("could not resolve related links: {e}"));
                            }
                            a
                        }
                        None => unreadable(h, "the story is no longer in its file"),
                    }
                }
                Err(e) => unreadable(h, &e.to_string()),
            }),
        };
        if self.stories.len() >= CACHE_LIMIT {
            self.stories.clear();
        }
        self.stories.insert(h.id, Arc::clone(&story));
        story
    }

    /// Prepares the current story's view (parsing and reflowing it when not cached) and keeps the offsets in
    /// range. `update` calls it after every action.
    pub fn refresh(&mut self) {
        if let Some(key) = self.view_key()
            && !self.views.contains_key(&key)
        {
            if self.views.len() >= CACHE_LIMIT {
                self.views.clear();
            }
            let (article_w, sidebar_w) = (key.1, key.2);
            let h = self.headlines[self.listed[self.selected]].clone();
            let story = self.story(&h);
            let view = View {
                article: reflow::reflow(&story, article_w, Some(&self.reading.date_format)),
                sidebar: reflow::wrap_sidebar(&story.related, &story.links, sidebar_w),
                story,
            };
            self.views.insert(key, Arc::new(view));
        }
        self.clamp();
    }

    /// Shows the selected story from the top, or from where reading of it stopped.
    pub fn enter_story(&mut self) {
        self.scroll = 0;
        self.link = 0;
        self.sidebar_offset = 0;
        self.refresh();
        let block = self
            .current()
            .and_then(|h| self.marks.get(&h.id))
            .map_or(0, |m| m.position);
        if block > 0
            && let Some(line) = self
                .view()
                .and_then(|v| v.article.first_line_of(block as usize))
        {
            self.scroll = line.min(self.max_scroll());
        }
    }

    /// Remembers where reading of the current story stopped (the block at the top), when it moved: saved at
    /// once, so even a kill loses no more than the last step.
    pub fn save_position(&mut self) {
        if self.view().is_none() {
            return;
        }
        let Some(h) = self.current() else { return };
        let (id, url) = (h.id, h.url.clone());
        let block = u32::try_from(self.top_block().unwrap_or(0)).unwrap_or(0);
        let mark = self.marks.entry(id).or_default();
        if mark.position != block {
            mark.position = block;
            if let Err(e) = self.db.set_position(id, url.as_deref(), block) {
                self.message = Some(format!("could not save the reading position: {e}"));
            }
        }
    }

    fn listable(&self, h: &Headline) -> bool {
        (!self.filter.unread_only || !self.is_read(h.id))
            && (!self.filter.starred_only || self.is_starred(h.id))
    }

    /// Rebuilds the list from the headlines and the filter, keeping `keep` (or the selected story) selected.
    /// With `sticky`, that story stays listed even if the filter would hide it (the one being read when a
    /// scan step or an undo relists); otherwise, when it is hidden, the nearest story after it is selected.
    pub fn relist(&mut self, keep: Option<ArticleId>, sticky: bool) {
        let keep = keep.or_else(|| self.current().map(|h| h.id));
        let old_index = self.listed.get(self.selected).copied();
        self.by_id = self
            .headlines
            .iter()
            .enumerate()
            .map(|(i, h)| (h.id, i))
            .collect();
        let pinned = keep
            .filter(|_| sticky)
            .and_then(|id| self.by_id.get(&id).copied());
        self.listed = (0..self.headlines.len())
            .filter(|&i| Some(i) == pinned || self.listable(&self.headlines[i]))
            .collect();
        self.list_pos = vec![UNLISTED; self.headlines.len()];
        for (pos, &i) in self.listed.iter().enumerate() {
            self.list_pos[i] = u32::try_from(pos).unwrap_or(UNLISTED);
        }
        self.unread = self
            .listed
            .iter()
            .filter(|&&i| !self.is_read(self.headlines[i].id))
            .count();
        let kept = keep.and_then(|id| self.position_of(id));
        // Hidden now: the first listed story at or after where it stood (headlines keep their order).
        let after = || {
            let stood = keep
                .and_then(|id| self.by_id.get(&id).copied())
                .or(old_index)?;
            Some(self.listed.partition_point(|&i| i < stood))
        };
        self.selected = kept
            .or_else(after)
            .unwrap_or(0)
            .min(self.listed.len().saturating_sub(1));
    }

    /// Records stories' read times (or `None` for unread) in the database and, once that is committed, in
    /// memory, keeping the unread count right. Returns whether it was saved: the screen never shows a mark
    /// the database does not hold.
    pub fn set_read(&mut self, changes: &[(ArticleId, Option<i64>)]) -> bool {
        let urls: Vec<Option<String>> = changes
            .iter()
            .map(|(id, _)| {
                self.by_id
                    .get(id)
                    .and_then(|&i| self.headlines[i].url.clone())
            })
            .collect();
        let rows: Vec<(ArticleId, Option<&str>, Option<i64>)> = changes
            .iter()
            .zip(&urls)
            .map(|((id, at), url)| (*id, url.as_deref(), *at))
            .collect();
        if let Err(e) = self.db.set_read(&rows) {
            self.message = Some(format!("not marked, could not save: {e}"));
            return false;
        }
        for &(id, at) in changes {
            let was_read = self.is_read(id);
            self.marks.entry(id).or_default().read_at = at;
            if self.position_of(id).is_some() {
                match (was_read, at.is_some()) {
                    (false, true) => self.unread -= 1,
                    (true, false) => self.unread += 1,
                    _ => {}
                }
            }
        }
        true
    }

    /// Adds, replaces and removes headlines after an index scan step, keeping the selection on the same
    /// story.
    pub fn merge_headlines(&mut self, removed: &[std::path::PathBuf], added: Vec<Headline>) {
        let keep = self.current().map(|h| h.id);
        if !removed.is_empty() {
            let gone: std::collections::HashSet<&std::path::Path> =
                removed.iter().map(std::path::PathBuf::as_path).collect();
            self.headlines.retain(|h| !gone.contains(h.path.as_path()));
        }
        // Bodies may have changed, and teasers may now resolve to the new stories: parse and reflow again.
        self.stories.clear();
        self.views.clear();
        self.headlines.extend(added);
        self.headlines.sort_by(crate::model::store_order);
        crate::model::dedupe(&mut self.headlines);
        self.relist(keep, true);
        self.refresh();
    }

    fn clamp(&mut self) {
        self.selected = self.selected.min(self.listed.len().saturating_sub(1));
        // A hidden list keeps its offset; it is fitted when it shows again.
        let rows = self.list_rows();
        if rows > 0 {
            if self.selected < self.list_offset {
                self.list_offset = self.selected;
            } else if self.selected >= self.list_offset + rows {
                self.list_offset = self.selected + 1 - rows;
            }
            self.list_offset = self.list_offset.min(self.listed.len().saturating_sub(rows));
        }
        self.scroll = self.scroll.min(self.max_scroll());
        let (links, item_rows): (usize, Vec<usize>) = self
            .view()
            .map(|v| {
                (
                    v.sidebar.len(),
                    v.sidebar.iter().map(SidebarItem::height).collect(),
                )
            })
            .unwrap_or_default();
        self.link = self.link.min(links.saturating_sub(1));
        // Keep the selected item's rows on screen (its heading too, when it has one).
        let top = item_rows[..self.link.min(item_rows.len())]
            .iter()
            .sum::<usize>();
        let height = item_rows.get(self.link).copied().unwrap_or(0);
        let rows = self.sidebar_rows().max(1);
        if links == 0 {
            self.sidebar_offset = 0;
        } else if top < self.sidebar_offset {
            self.sidebar_offset = top;
        } else if top + height > self.sidebar_offset + rows {
            self.sidebar_offset = (top + height).saturating_sub(rows);
        }
        if self.focus == Focus::Sidebar
            && !layout::focus_order(self.size.width, self.sidebar_choice, &self.layout)
                .contains(&Focus::Sidebar)
        {
            self.focus = Focus::Article;
        }
    }
}

/// A stand-in story for a headline whose file cannot be read now.
fn unreadable(h: &Headline, reason: &str) -> Article {
    Article {
        id: h.id,
        path: h.path.clone(),
        entry: h.entry,
        format: h.format,
        section: h.section.clone(),
        title: h.title.clone(),
        byline: h.byline.clone(),
        published: h.published,
        source: h.source.clone(),
        url: h.url.clone(),
        body: vec![Block::Paragraph(format!(
            "This story could not be read from {}: {reason}.",
            h.path.display()
        ))],
        related: Vec::new(),
        links: Vec::new(),
    }
}
