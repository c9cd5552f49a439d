//! Every user intent as an `Action`: keys map to them through the keymap, mouse events and resizes are
//! turned into them, and `update` is the only place they change state.

/// One user intent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Move the selection down, or scroll the article down a line when it has focus.
    MoveDown,
    /// Move the selection up, or scroll the article up a line when it has focus.
    MoveUp,
    /// Open the selected story; in the sidebar, follow the selected link.
    Open,
    /// Focus the next pane (list, article, sidebar).
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Focus the pane to the left.
    FocusLeft,
    /// Focus the pane to the right.
    FocusRight,
    /// Open the next story in list order.
    NextStory,
    /// Open the previous story in list order.
    PrevStory,
    /// Open the next unread story.
    NextUnread,
    /// Open the previous unread story.
    PrevUnread,
    /// Go back to the story shown before the last jump.
    Back,
    /// Go forward again after going back.
    Forward,
    /// Page down.
    PageDown,
    /// Page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// Go to the top.
    Top,
    /// Go to the bottom.
    Bottom,
    /// Show or hide the related-links sidebar.
    ToggleSidebar,
    /// Open the selected sidebar link (or the story's own address) in the web browser.
    OpenLink,
    /// Mark the selected story read, or unread again.
    ToggleRead,
    /// Mark every listed story read (after a y/n question).
    MarkAllRead,
    /// Take back the last read marking.
    Undo,
    /// List only unread stories, or all again.
    ToggleUnreadOnly,
    /// Star the selected story, or unstar it.
    ToggleStar,
    /// List only starred stories, or all again.
    ToggleStarredOnly,
    /// Answer the question in the status bar: yes or no.
    Answer(bool),
    /// Show the help overlay listing every binding.
    Help,
    /// Close the overlay.
    Close,
    /// Suspend to the shell (Ctrl-Z); `fg` resumes.
    Suspend,
    /// Quit.
    Quit,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A mouse click at a column and row.
    Click(u16, u16),
    /// The mouse wheel turned over a column and row: positive is down.
    Scroll(u16, u16, i16),
}

/// The actions a key can be bound to, with their `snake_case` names and help text, in help order.
pub const BINDABLE: &[(Action, &str, &str)] = &[
    (Action::MoveDown, "move_down", "move down / scroll down"),
    (Action::MoveUp, "move_up", "move up / scroll up"),
    (Action::Open, "open", "open the story / follow the link"),
    (Action::FocusNext, "focus_next", "focus the next pane"),
    (Action::FocusPrev, "focus_prev", "focus the previous pane"),
    (
        Action::FocusLeft,
        "focus_left",
        "focus the pane to the left",
    ),
    (
        Action::FocusRight,
        "focus_right",
        "focus the pane to the right",
    ),
    (Action::NextStory, "next_story", "open the next story"),
    (Action::PrevStory, "prev_story", "open the previous story"),
    (
        Action::NextUnread,
        "next_unread",
        "open the next unread story",
    ),
    (
        Action::PrevUnread,
        "prev_unread",
        "open the previous unread story",
    ),
    (Action::Back, "back", "back in history"),
    (Action::Forward, "forward", "forward in history"),
    (Action::PageDown, "page_down", "page down"),
    (Action::PageUp, "page_up", "page up"),
    (Action::HalfPageDown, "half_page_down", "half a page down"),
    (Action::HalfPageUp, "half_page_up", "half a page up"),
    (Action::Top, "top", "go to the top"),
    (Action::Bottom, "bottom", "go to the bottom"),
    (
        Action::ToggleSidebar,
        "toggle_sidebar",
        "show or hide the related links",
    ),
    (
        Action::OpenLink,
        "open_link",
        "open the link (or the story) in the browser",
    ),
    (Action::ToggleRead, "toggle_read", "mark read / unread"),
    (
        Action::MarkAllRead,
        "mark_all_read",
        "mark every listed story read",
    ),
    (Action::Undo, "undo", "undo the last marking"),
    (
        Action::ToggleUnreadOnly,
        "toggle_unread_only",
        "list only unread stories",
    ),
    (Action::ToggleStar, "toggle_star", "star / unstar"),
    (
        Action::ToggleStarredOnly,
        "toggle_starred_only",
        "list only starred stories",
    ),
    (Action::Help, "help", "this help"),
    (Action::Close, "close", "close the overlay"),
    (Action::Suspend, "suspend", "suspend to the shell"),
    (Action::Quit, "quit", "quit"),
];

impl Action {
    /// The action named `name` (`snake_case`), for the keymap.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        BINDABLE
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, _, _)| *a)
    }

    /// The `snake_case` name of a bindable action; `None` for events such as resizes.
    #[must_use]
    pub fn name(self) -> Option<&'static str> {
        BINDABLE
            .iter()
            .find(|(a, _, _)| *a == self)
            .map(|(_, n, _)| *n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (action, name, _) in BINDABLE {
            assert_eq!(Action::from_name(name), Some(*action));
            assert_eq!(action.name(), Some(*name));
        }
        assert_eq!(Action::from_name("no_such_action"), None);
        assert_eq!(Action::Resize(1, 1).name(), None);
    }
}
