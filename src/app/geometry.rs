//! Sizes that follow from the state: where the panes are, how many rows each shows, how far the article
//! can scroll, and the text widths stories are reflowed to. `update` and `render` both use them, so a
//! key and a frame always agree.

use ratatui::layout::Rect;

use super::layout::{self, Focus, Panes};
use super::state::State;

impl State {
    /// The pane layout for the current size and focus.
    #[must_use]
    pub fn panes(&self) -> Panes {
        layout::panes(self.size, self.focus, self.sidebar.choice(), &self.layout)
    }

    /// Stories the list shows at once: its inside's rows, or half of them while search results (each
    /// with a snippet line) are listed. 0 when it is not shown.
    #[must_use]
    pub fn list_rows(&self) -> usize {
        let rows = self
            .panes()
            .list
            .map_or(0, |r| usize::from(layout::inner(r).height));
        if self.search.showing_results() {
            (rows / 2).max(1).min(rows)
        } else {
            rows
        }
    }

    /// Screen rows each listed story takes: two while search results show their snippets.
    #[must_use]
    pub fn list_row_height(&self) -> usize {
        if self.search.showing_results() { 2 } else { 1 }
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

    /// The farthest the story's wide tables and code scroll sideways: until the end of the widest line
    /// shows after the `‹` that marks a scrolled line. 0 when every line fits.
    #[must_use]
    pub fn max_shift(&self) -> usize {
        let width = usize::from(self.text_widths().0);
        self.view().map_or(0, |v| {
            v.article.widest.saturating_sub(width.saturating_sub(1))
        })
    }

    /// How far the article is scrolled, 0 at the top to 100 at the bottom (100 when it fits).
    #[must_use]
    pub fn progress(&self) -> usize {
        (self.article.scroll() * 100)
            .checked_div(self.max_scroll())
            .map_or(100, |p| p.min(100))
    }

    /// Text widths of the article and the sidebar for the current layout. When a pane is hidden, the width it
    /// would have in the wide layout is used, so a view is always ready.
    #[must_use]
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
}
