//! Styles for every element the reader draws. The configuration issue makes them settable; these are the
//! built-in dark defaults.

use ratatui::style::{Color, Modifier, Style};

/// One style per drawn element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// An unread row in the list.
    pub list_unread: Style,
    /// A read row in the list.
    pub list_read: Style,
    /// The selected row while the list has focus.
    pub list_selected: Style,
    /// The selected row while another pane has focus.
    pub list_selected_unfocused: Style,
    /// The unread mark.
    pub unread_mark: Style,
    /// Section names in the list.
    pub section: Style,
    /// Dates in the list.
    pub date: Style,
    /// The article's section, date and byline line.
    pub meta: Style,
    /// The article's headline.
    pub headline: Style,
    /// Body text.
    pub body: Style,
    /// Subheads.
    pub subhead: Style,
    /// Captions and credits.
    pub caption: Style,
    /// Quotes.
    pub quote: Style,
    /// A related link that resolves to a stored story.
    pub link: Style,
    /// A related link that points at no stored story.
    pub link_unresolved: Style,
    /// The selected link while the sidebar has focus.
    pub link_selected: Style,
    /// The focused pane's border and title.
    pub border_focused: Style,
    /// Other panes' borders and titles.
    pub border: Style,
    /// The status bar.
    pub status: Style,
    /// A transient message in the status bar.
    pub message: Style,
    /// Key names in the help and hints.
    pub key: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

impl Theme {
    /// Light text on a dark terminal.
    #[must_use]
    pub fn dark() -> Self {
        let plain = Style::new();
        Self {
            list_unread: plain.add_modifier(Modifier::BOLD),
            list_read: plain.fg(Color::DarkGray),
            list_selected: plain.fg(Color::Black).bg(Color::Cyan),
            list_selected_unfocused: plain.add_modifier(Modifier::REVERSED),
            unread_mark: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            section: plain.fg(Color::Yellow),
            date: plain.fg(Color::DarkGray),
            meta: plain.fg(Color::Yellow),
            headline: plain.add_modifier(Modifier::BOLD),
            body: plain,
            subhead: plain.add_modifier(Modifier::BOLD),
            caption: plain.add_modifier(Modifier::DIM | Modifier::ITALIC),
            quote: plain.add_modifier(Modifier::ITALIC),
            link: plain.fg(Color::Cyan),
            link_unresolved: plain.fg(Color::DarkGray),
            link_selected: plain.add_modifier(Modifier::REVERSED),
            border_focused: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            border: plain.fg(Color::DarkGray),
            status: plain.fg(Color::White).bg(Color::DarkGray),
            message: plain
                .fg(Color::Yellow)
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
        }
    }
}
