//! Styles for every element the reader draws, by name (as `[theme]` in the configuration sets them), and
//! the presets `dark`, `light` and `mono`.

use ratatui::style::{Color, Modifier, Style};

/// Declares the theme's elements once: the struct fields, their configuration names and their help text.
macro_rules! elements {
    ($($name:ident: $doc:literal),* $(,)?) => {
        /// One style per drawn element.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct Theme {
            $(#[doc = $doc] pub $name: Style,)*
        }

        /// Every element's configuration name and what it styles, in order.
        pub const ELEMENTS: &[(&str, &str)] = &[$((stringify!($name), $doc),)*];

        impl Theme {
            /// The style named `name` in the configuration.
            pub fn element_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => None,
                }
            }

            /// The style named `name`.
            #[must_use]
            pub fn element(&self, name: &str) -> Option<Style> {
                match name {
                    $(stringify!($name) => Some(self.$name),)*
                    _ => None,
                }
            }

            fn map(mut self, f: impl Fn(Style) -> Style) -> Self {
                $(self.$name = f(self.$name);)*
                self
            }
        }
    };
}

elements! {
    list_unread: "An unread row in the list.",
    list_read: "A read row in the list.",
    list_selected: "The selected row while the list has focus.",
    list_selected_unfocused: "The selected row while another pane has focus.",
    unread_mark: "The unread and star marks.",
    section: "Section names in the list and the sidebar.",
    date: "Dates in the list.",
    byline: "The article's line with section, date and byline.",
    headline: "The article's headline (and headings in the help).",
    body: "Body text.",
    subhead: "Subheads.",
    caption: "Captions and their credits.",
    quote: "Quoted passages.",
    link: "A related link that resolves to a stored story.",
    link_unresolved: "A related link that points at no stored story.",
    link_selected: "The selected link while the sidebar has focus.",
    border_focused: "The focused pane's border and title.",
    border: "Other panes' borders and titles.",
    status: "The status bar.",
    message: "Questions and messages in the status bar.",
    key: "Key names in the help.",
    snippet: "The passage under a search result.",
    search_match: "Words a search matched, in snippets and in the story.",
    code: "Code, preformatted text and tables.",
    image: "The [image N: alt] line of a picture.",
    url: "The story's address under its headline.",
    link_number: "A body link's number after its text in the article ([3]).",
}

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

/// The presets, by name.
pub const PRESETS: &[&str] = &["dark", "light", "mono"];

impl Theme {
    /// The preset named `name`.
    #[must_use]
    pub fn preset(name: &str) -> Option<Self> {
        match name {
            "dark" => Some(Self::dark()),
            "light" => Some(Self::light()),
            "mono" => Some(Self::mono()),
            _ => None,
        }
    }

    /// Light text on a dark terminal (the default).
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
            byline: plain.fg(Color::Yellow),
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
            snippet: plain.fg(Color::DarkGray),
            search_match: plain.fg(Color::Black).bg(Color::Yellow),
            code: plain.fg(Color::Green),
            image: plain.add_modifier(Modifier::DIM),
            url: plain.add_modifier(Modifier::DIM),
            link_number: plain.add_modifier(Modifier::DIM),
        }
    }

    /// Dark text on a light terminal. Dim text is ANSI 8 (dark grey), not ANSI 7: light grey is nearly
    /// invisible on white.
    #[must_use]
    pub fn light() -> Self {
        let plain = Style::new();
        Self {
            list_read: plain.fg(Color::DarkGray),
            list_selected: plain.fg(Color::White).bg(Color::Blue),
            unread_mark: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            section: plain.fg(Color::Magenta),
            date: plain.fg(Color::DarkGray),
            byline: plain.fg(Color::Magenta),
            link: plain.fg(Color::Blue),
            link_unresolved: plain.fg(Color::DarkGray),
            border_focused: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            border: plain.fg(Color::DarkGray),
            status: plain.fg(Color::Black).bg(Color::Gray),
            message: plain
                .fg(Color::Red)
                .bg(Color::Gray)
                .add_modifier(Modifier::BOLD),
            key: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            snippet: plain.fg(Color::DarkGray),
            ..Self::dark()
        }
    }

    /// No colour at all: emphasis by bold, underline and reverse only.
    #[must_use]
    pub fn mono() -> Self {
        let plain = Style::new();
        Self {
            list_unread: plain.add_modifier(Modifier::BOLD),
            list_read: plain,
            list_selected: plain.add_modifier(Modifier::REVERSED),
            list_selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            unread_mark: plain.add_modifier(Modifier::BOLD),
            section: plain,
            date: plain,
            byline: plain,
            headline: plain.add_modifier(Modifier::BOLD),
            body: plain,
            subhead: plain.add_modifier(Modifier::BOLD),
            caption: plain,
            quote: plain,
            link: plain.add_modifier(Modifier::UNDERLINED),
            link_unresolved: plain,
            link_selected: plain.add_modifier(Modifier::REVERSED),
            border_focused: plain.add_modifier(Modifier::BOLD),
            border: plain,
            status: plain.add_modifier(Modifier::REVERSED),
            message: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
            snippet: plain,
            search_match: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            code: plain,
            image: plain,
            url: plain,
            link_number: plain,
        }
    }

    /// The theme with every colour removed and only bold, underline and reverse kept, for `NO_COLOR`.
    #[must_use]
    pub fn without_color(self) -> Self {
        let keep = Modifier::BOLD | Modifier::UNDERLINED | Modifier::REVERSED;
        self.map(|s| {
            let mut plain = Style::new().add_modifier(s.add_modifier & keep);
            plain.sub_modifier = Modifier::empty();
            plain
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_named_and_presets_differ() {
        let mut t = Theme::dark();
        assert_eq!(ELEMENTS.len(), 27);
        for (name, _) in ELEMENTS {
            assert!(t.element_mut(name).is_some(), "{name}");
        }
        assert!(t.element_mut("no_such_thing").is_none());
        assert_ne!(Theme::light(), Theme::dark());
        // Light grey (ANSI 7) text is nearly invisible on white.
        let light = Theme::light();
        for dim in [
            light.list_read,
            light.date,
            light.link_unresolved,
            light.border,
            light.snippet,
        ] {
            assert_eq!(dim.fg, Some(Color::DarkGray));
        }
        let none = Theme::dark().without_color();
        for (name, _) in ELEMENTS {
            let s = none.element(name).unwrap();
            assert_eq!((s.fg, s.bg), (None, None), "{name}");
        }
        assert_eq!(none.list_unread, Style::new().add_modifier(Modifier::BOLD));
    }
}
