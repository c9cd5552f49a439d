//! The sidebar's model: the selected related link or body link, the first row shown, and whether the user
//! asked for the sidebar to show or hide.

use crate::view::reflow::SidebarItem;

/// The related-links sidebar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SidebarPane {
    link: usize,
    offset: usize,
    choice: Option<bool>,
}

impl SidebarPane {
    /// The selected item.
    #[must_use]
    pub fn link(&self) -> usize {
        self.link
    }

    /// The first row shown.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The user's choice; `None` shows the sidebar when the terminal is wide.
    #[must_use]
    pub fn choice(&self) -> Option<bool> {
        self.choice
    }

    pub(super) fn set_choice(&mut self, shown: bool) {
        self.choice = Some(shown);
    }

    /// Back to the first item (a new story).
    pub(super) fn reset(&mut self) {
        self.link = 0;
        self.offset = 0;
    }

    /// Moves the selection by `delta` items.
    pub(super) fn step(&mut self, delta: isize, items: usize) {
        self.link = self
            .link
            .saturating_add_signed(delta)
            .min(items.saturating_sub(1));
    }

    /// Selects item `link`.
    pub(super) fn select(&mut self, link: usize) {
        self.link = link;
    }

    /// Keeps the selection among `items` and its rows (its heading too) inside a pane `rows` tall.
    pub(super) fn fit(&mut self, items: &[SidebarItem], rows: usize) {
        self.link = self.link.min(items.len().saturating_sub(1));
        if items.is_empty() {
            self.offset = 0;
            return;
        }
        let top: usize = items[..self.link].iter().map(SidebarItem::height).sum();
        let height = items[self.link].height();
        let rows = rows.max(1);
        if top < self.offset {
            self.offset = top;
        } else if top + height > self.offset + rows {
            self.offset = (top + height).saturating_sub(rows);
        }
    }

    /// The item drawn on row `row` (counted from the top of the content), if one is.
    #[must_use]
    pub fn item_at(items: &[SidebarItem], row: usize) -> Option<usize> {
        let mut top = 0;
        for (i, item) in items.iter().enumerate() {
            let rows = item.selectable_rows();
            if row >= top + rows.start && row < top + rows.end {
                return Some(i);
            }
            top += item.height();
        }
        None
    }
}
