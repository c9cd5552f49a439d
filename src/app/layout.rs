//! Where each pane goes for a terminal size: three panes when wide, two when medium, one when narrow, at
//! the configured widths, and which pane has focus. Both `update` (page sizes, mouse hits) and `render`
//! use it, so they always agree.

use ratatui::layout::{Margin, Rect};

use crate::config::{Layout, SidebarMode};

/// The pane that has focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Focus {
    /// The headline list.
    List,
    /// The article.
    Article,
    /// The related-links sidebar.
    Sidebar,
}

/// From this many columns the sidebar shows by default.
pub const WIDE: u16 = 120;
/// Below this many columns one pane shows at a time.
pub const NARROW: u16 = 60;
/// The narrowest the list is made beside the article: its mark, section and date columns take about 20,
/// and narrower (35% of 60 columns is 21) left 8 columns for the headline itself.
pub const MIN_LIST: u16 = 28;
/// Below these sizes there is no room for the reader.
pub const MIN_WIDTH: u16 = 20;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 5;

/// The pane rectangles (borders included) for one frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    /// The headline list.
    pub list: Option<Rect>,
    /// The article.
    pub article: Option<Rect>,
    /// The related-links sidebar.
    pub sidebar: Option<Rect>,
    /// The status bar (one row).
    pub status: Rect,
    /// The terminal is too small for the reader.
    pub too_small: bool,
}

/// Whether the sidebar shows at `width`, given the user's toggle (`None`: not toggled) and the configured
/// mode.
#[must_use]
pub fn sidebar_visible(width: u16, choice: Option<bool>, mode: SidebarMode) -> bool {
    choice.unwrap_or(match mode {
        SidebarMode::Auto => width >= WIDE,
        SidebarMode::Always => true,
        SidebarMode::Never => false,
    })
}

/// The panes that can take focus at `width`, in order.
#[must_use]
pub fn focus_order(width: u16, choice: Option<bool>, layout: &Layout) -> Vec<Focus> {
    let mut order = vec![Focus::List, Focus::Article];
    if width < NARROW || sidebar_visible(width, choice, layout.sidebar) {
        order.push(Focus::Sidebar);
    }
    order
}

/// Lays out `area` for the given focus, sidebar toggle and configured sizes. The article keeps at least
/// a third of the width.
#[must_use]
pub fn panes(area: Rect, focus: Focus, choice: Option<bool>, layout: &Layout) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes {
            status: area,
            too_small: true,
            ..Panes::default()
        };
    }
    let main = Rect {
        height: area.height - 1,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let mut out = Panes {
        status,
        ..Panes::default()
    };
    if area.width < NARROW {
        match focus {
            Focus::List => out.list = Some(main),
            Focus::Article => out.article = Some(main),
            Focus::Sidebar => out.sidebar = Some(main),
        }
        return out;
    }
    let sidebar = sidebar_visible(area.width, choice, layout.sidebar);
    let room = main.width - main.width / 3;
    // A share of a narrow terminal is widened to [`MIN_LIST`]; a number of columns set is kept.
    let floor = match layout.list_width {
        crate::config::Width::Percent(_) => MIN_LIST,
        crate::config::Width::Columns(_) => 10,
    };
    let list_w = layout
        .list_width
        .columns(main.width)
        .max(floor)
        .clamp(10, room);
    let side_w = if sidebar {
        layout
            .sidebar_width
            .columns(main.width)
            .clamp(10, room.saturating_sub(list_w).max(10))
    } else {
        0
    };
    let article_w = main.width.saturating_sub(list_w + side_w);
    out.list = Some(Rect {
        width: list_w,
        ..main
    });
    out.article = Some(Rect {
        x: main.x + list_w,
        width: article_w,
        ..main
    });
    if sidebar {
        out.sidebar = Some(Rect {
            x: main.x + list_w + article_w,
            width: side_w,
            ..main
        });
    }
    out
}

/// The inside of a bordered pane.
#[must_use]
pub fn inner(rect: Rect) -> Rect {
    rect.inner(Margin::new(1, 1))
}

/// The article's text column inside its pane: at most `reading_width` columns, centred, with a column of
/// space on each side of the text.
#[must_use]
pub fn article_text(rect: Rect, reading_width: u16) -> Rect {
    let inside = inner(rect);
    let room = inside.width.saturating_sub(2);
    let width = room.min(reading_width).max(1);
    let left = 1 + (room.saturating_sub(width)) / 2;
    Rect {
        x: inside.x + left.min(inside.width.saturating_sub(1)),
        width: width.min(inside.width),
        ..inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Width;

    const L: Layout = Layout {
        list_width: Width::Percent(35),
        sidebar_width: Width::Percent(25),
        sidebar: SidebarMode::Auto,
    };

    #[test]
    fn three_two_and_one_panes() {
        let wide = panes(Rect::new(0, 0, 140, 40), Focus::List, None, &L);
        assert!(wide.list.is_some() && wide.article.is_some() && wide.sidebar.is_some());
        assert_eq!(wide.list.unwrap().width, 49);
        assert_eq!(wide.sidebar.unwrap().width, 35);
        let medium = panes(Rect::new(0, 0, 100, 30), Focus::List, None, &L);
        assert!(medium.sidebar.is_none() && medium.article.is_some());
        let shown = panes(Rect::new(0, 0, 100, 30), Focus::List, Some(true), &L);
        assert!(shown.sidebar.is_some());
        let narrow = panes(Rect::new(0, 0, 40, 12), Focus::Article, None, &L);
        assert!(narrow.list.is_none() && narrow.article == Some(Rect::new(0, 0, 40, 11)));
        assert!(panes(Rect::new(0, 0, 10, 3), Focus::List, None, &L).too_small);
    }

    #[test]
    fn configured_widths_and_modes() {
        let cols = Layout {
            list_width: Width::Columns(30),
            sidebar_width: Width::Columns(20),
            sidebar: SidebarMode::Never,
        };
        let p = panes(Rect::new(0, 0, 140, 40), Focus::List, None, &cols);
        assert_eq!(p.list.unwrap().width, 30);
        assert!(p.sidebar.is_none(), "never shows it until toggled");
        let p = panes(Rect::new(0, 0, 140, 40), Focus::List, Some(true), &cols);
        assert_eq!(p.sidebar.unwrap().width, 20);
        let always = Layout {
            sidebar: SidebarMode::Always,
            ..L
        };
        assert!(
            panes(Rect::new(0, 0, 80, 24), Focus::List, None, &always)
                .sidebar
                .is_some()
        );
        // However wide the list is set, the article keeps a third.
        let greedy = Layout {
            list_width: Width::Columns(300),
            ..L
        };
        assert!(
            panes(Rect::new(0, 0, 90, 24), Focus::List, None, &greedy)
                .article
                .unwrap()
                .width
                >= 30
        );
    }

    #[test]
    fn text_is_centred_and_capped() {
        let r = article_text(Rect::new(0, 0, 102, 30), 80);
        assert_eq!(r.width, 80);
        assert_eq!(r.x, 1 + 1 + 9);
        let r = article_text(Rect::new(0, 0, 40, 30), 80);
        assert_eq!(r.width, 36);
    }
}
