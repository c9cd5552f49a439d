//! The reader's whole state: the stories, what is selected, scrolled, focused and open, and the reflow
//! cache that `update` fills so `render` only reads.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use ratatui::layout::Rect;

use super::history::History;
use super::layout::{self, Panes};
use crate::config::keymap::Keymap;
use crate::model::{Article, ArticleId};
use crate::store::Warning;
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

/// A story reflowed for the current pane widths.
#[derive(Debug)]
pub struct View {
    /// The body at the article text width.
    pub article: Reflowed,
    /// The related links at the sidebar width.
    pub sidebar: Vec<SidebarItem>,
}

/// Cache key: story, article text width, sidebar text width.
type ViewKey = (ArticleId, u16, u16);

/// How many reflowed stories are kept.
const CACHE_LIMIT: usize = 64;

/// Default maximum text width of the article, in columns.
pub const READING_WIDTH: u16 = 80;

/// Everything the reader shows.
#[derive(Debug)]
pub struct State {
    /// Every story, in store order.
    pub articles: Vec<Article>,
    /// Indices into `articles` of the stories listed, in list order.
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
    /// Stories shown before each jump.
    pub history: History,
    /// Stories opened (read).
    pub read: HashSet<ArticleId>,
    /// How many stories are unread.
    pub unread: usize,
    /// The terminal size.
    pub size: Rect,
    /// Maximum article text width.
    pub reading_width: u16,
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
    views: HashMap<ViewKey, Arc<View>>,
}

impl State {
    /// A reader over `articles` in a terminal of `size`, with the list focused on the first story.
    #[must_use]
    pub fn new(articles: Vec<Article>, warnings: Vec<Warning>, keymap: Keymap, size: Rect) -> Self {
        let listed = (0..articles.len()).collect();
        let unread = articles.len();
        let message = match warnings.len() {
            0 => None,
            1 => Some("1 file skipped or damaged (? shows why)".to_owned()),
            n => Some(format!("{n} files skipped or damaged (? shows why)")),
        };
        let mut state = Self {
            articles,
            listed,
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            scroll: 0,
            link: 0,
            sidebar_offset: 0,
            sidebar_choice: None,
            overlay: None,
            history: History::default(),
            read: HashSet::new(),
            unread,
            size,
            reading_width: READING_WIDTH,
            warnings,
            message,
            keymap,
            quit: false,
            suspend: false,
            views: HashMap::new(),
        };
        state.refresh();
        state
    }

    /// The pane layout for the current size and focus.
    #[must_use]
    pub fn panes(&self) -> Panes {
        layout::panes(self.size, self.focus, self.sidebar_choice)
    }

    /// The selected story, if any is listed.
    #[must_use]
    pub fn current(&self) -> Option<&Article> {
        self.listed.get(self.selected).map(|&i| &self.articles[i])
    }

    /// Whether `id` has been read.
    #[must_use]
    pub fn is_read(&self, id: ArticleId) -> bool {
        self.read.contains(&id)
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

    /// How far through the current story the reader is, 0–100.
    #[must_use]
    pub fn progress(&self) -> usize {
        let Some(view) = self.view() else { return 0 };
        let total = view.article.lines.len();
        if total == 0 {
            return 100;
        }
        ((self.scroll + self.article_rows()).min(total) * 100 / total).min(100)
    }

    /// Text widths of the article and the sidebar for the current layout. When a pane is hidden, the width it
    /// would have in the wide layout is used, so a view is always ready.
    fn widths(&self) -> (u16, u16) {
        let panes = self.panes();
        let fallback = layout::panes(
            Rect {
                width: self.size.width.max(layout::WIDE),
                ..self.size
            },
            Focus::List,
            Some(true),
        );
        let article = panes.article.or(fallback.article).unwrap_or_default();
        let sidebar = panes.sidebar.or(fallback.sidebar).unwrap_or_default();
        (
            layout::article_text(article, self.reading_width).width,
            layout::inner(sidebar).width,
        )
    }

    fn view_key(&self) -> Option<ViewKey> {
        let (article, sidebar) = self.widths();
        self.current().map(|a| (a.id, article, sidebar))
    }

    /// Prepares the current story's view (reflowing it when not cached) and keeps the offsets in range.
    /// `update` calls it after every action.
    pub fn refresh(&mut self) {
        if let Some(key) = self.view_key()
            && !self.views.contains_key(&key)
        {
            if self.views.len() >= CACHE_LIMIT {
                self.views.clear();
            }
            let (article_w, sidebar_w) = (key.1, key.2);
            let a = &self.articles[self.listed[self.selected]];
            let view = View {
                article: reflow::reflow(a, article_w),
                sidebar: reflow::wrap_related(&a.related, sidebar_w),
            };
            self.views.insert(key, Arc::new(view));
        }
        self.clamp();
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
        // Keep the selected link's rows on screen (one header row sits above the items).
        let top = 1 + item_rows[..self.link.min(item_rows.len())]
            .iter()
            .sum::<usize>();
        let height = item_rows.get(self.link).copied().unwrap_or(0);
        let rows = self.sidebar_rows().max(1);
        if links == 0 {
            self.sidebar_offset = 0;
        } else if top < self.sidebar_offset {
            self.sidebar_offset = top.saturating_sub(1);
        } else if top + height > self.sidebar_offset + rows {
            self.sidebar_offset = (top + height).saturating_sub(rows);
        }
        if self.focus == Focus::Sidebar
            && !layout::focus_order(self.size.width, self.sidebar_choice).contains(&Focus::Sidebar)
        {
            self.focus = Focus::Article;
        }
    }
}
