//! Where each pane goes for a terminal size: three panes when wide, two when medium, one when narrow.
//! Both `update` (page sizes, mouse hits) and `render` use it, so they always agree.

use ratatui::layout::{Margin, Rect};

use super::state::Focus;

/// From this many columns the sidebar shows by default.
pub const WIDE: u16 = 120;
/// Below this many columns one pane shows at a time.
pub const NARROW: u16 = 60;
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

/// Whether the sidebar shows at `width`, given the user's choice (`None`: automatic).
#[must_use]
pub fn sidebar_visible(width: u16, choice: Option<bool>) -> bool {
    choice.unwrap_or(width >= WIDE)
}

/// The panes that can take focus at `width`, in order.
#[must_use]
pub fn focus_order(width: u16, sidebar_choice: Option<bool>) -> Vec<Focus> {
    let mut order = vec![Focus::List, Focus::Article];
    if width < NARROW || sidebar_visible(width, sidebar_choice) {
        order.push(Focus::Sidebar);
    }
    order
}

fn percent(total: u16, pct: u16) -> u16 {
    u16::try_from(u32::from(total) * u32::from(pct) / 100).unwrap_or(total)
}

/// Lays out `area` for the given focus and sidebar choice.
#[must_use]
pub fn panes(area: Rect, focus: Focus, sidebar_choice: Option<bool>) -> Panes {
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
    let sidebar = sidebar_visible(area.width, sidebar_choice);
    let list_w = percent(
        main.width,
        if sidebar && area.width < WIDE { 30 } else { 35 },
    );
    let side_w = if sidebar { percent(main.width, 25) } else { 0 };
    let article_w = main.width - list_w - side_w;
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

    #[test]
    fn three_two_and_one_panes() {
        let wide = panes(Rect::new(0, 0, 140, 40), Focus::List, None);
        assert!(wide.list.is_some() && wide.article.is_some() && wide.sidebar.is_some());
        assert_eq!(wide.list.unwrap().width, 49);
        assert_eq!(wide.sidebar.unwrap().width, 35);
        let medium = panes(Rect::new(0, 0, 100, 30), Focus::List, None);
        assert!(medium.sidebar.is_none() && medium.article.is_some());
        let shown = panes(Rect::new(0, 0, 100, 30), Focus::List, Some(true));
        assert!(shown.sidebar.is_some());
        let narrow = panes(Rect::new(0, 0, 40, 12), Focus::Article, None);
        assert!(narrow.list.is_none() && narrow.article == Some(Rect::new(0, 0, 40, 11)));
        assert!(panes(Rect::new(0, 0, 10, 3), Focus::List, None).too_small);
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
