//! What the keys currently do: read (normal), scroll the help, answer a y/n question, or type into a
//! prompt. One enum instead of overlay, question and flag fields, so two of them can never be on at once.

use super::overlay::Overlay;

/// The reader's input mode.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Reading: keys move, open and mark.
    #[default]
    Normal,
    /// An overlay (the help) has the keys.
    Overlay(Overlay),
    /// A question waiting for y or n.
    Confirm(Question),
    /// A line of text being typed.
    Prompt(Prompt),
}

/// A question waiting for y or n.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// Mark every listed story read: this many are unread.
    MarkAllRead {
        /// How many stories the answer marks.
        count: usize,
        /// Where they are, for the question: the view as the title names it, in quotes, or the search
        /// results within it.
        view: String,
    },
}

/// What a prompt's text is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// A story's number in the list, to go to.
    Goto,
    /// A search query.
    Search,
    /// A name to save the search in force under, as a view.
    ViewName,
    /// A shell command to pipe the story to.
    Pipe,
}

impl PromptKind {
    /// The label shown before the text.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Goto => "Go to story: ",
            Self::Search => "/",
            Self::ViewName => "Save the search as the view: ",
            Self::Pipe => "Pipe the story to: ",
        }
    }
}

/// A line of text being typed, with its cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// What the text is for.
    pub kind: PromptKind,
    text: String,
    /// The cursor, as a byte offset into `text` on a character boundary.
    cursor: usize,
}

impl Prompt {
    /// An empty prompt.
    #[must_use]
    pub fn new(kind: PromptKind) -> Self {
        Self {
            kind,
            text: String::new(),
            cursor: 0,
        }
    }

    /// A prompt holding `text`, the cursor at its end.
    #[must_use]
    pub fn with_text(kind: PromptKind, text: &str) -> Self {
        let mut p = Self::new(kind);
        p.set_text(text);
        p
    }

    /// Replaces the text, the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        self.text = text.chars().filter(|c| !c.is_control()).collect();
        self.cursor = self.text.len();
    }

    /// The text typed so far.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text before the cursor (the cursor is drawn after it).
    #[must_use]
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.cursor]
    }

    /// Types `c` at the cursor. Control characters are not text.
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .char_indices()
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .chars()
            .next()
            .map_or(self.cursor, |c| self.cursor + c.len_utf8())
    }

    /// Deletes the character before the cursor.
    pub fn delete_back(&mut self) {
        let start = self.prev_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the character under the cursor.
    pub fn delete_forward(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    /// Deletes the word before the cursor, and the spaces after it (as Ctrl-W does in a shell).
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let trimmed = before.trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes everything before the cursor.
    pub fn delete_to_start(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Moves the cursor a character left.
    pub fn left(&mut self) {
        self.cursor = self.prev_boundary();
    }

    /// Moves the cursor a character right.
    pub fn right(&mut self) {
        self.cursor = self.next_boundary();
    }

    /// Moves the cursor to the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// Moves the cursor to the end.
    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> Prompt {
        let mut p = Prompt::new(PromptKind::Goto);
        s.chars().for_each(|c| p.insert(c));
        p
    }

    #[test]
    fn editing_moves_by_characters_not_bytes() {
        let mut p = typed("caf\u{e9} \u{5c71}");
        p.left();
        p.delete_back();
        assert_eq!(p.text(), "caf\u{e9}\u{5c71}");
        p.home();
        p.right();
        p.delete_forward();
        assert_eq!(p.text(), "cf\u{e9}\u{5c71}");
        p.end();
        p.delete_back();
        assert_eq!(p.text(), "cf\u{e9}");
        p.insert('\u{1b}');
        assert_eq!(p.text(), "cf\u{e9}", "control characters are not typed");
    }

    #[test]
    fn words_and_lines_are_deleted_like_a_shell() {
        let mut p = typed("north korea  ");
        p.delete_word();
        assert_eq!(p.text(), "north ");
        p.delete_word();
        assert_eq!(p.text(), "");
        let mut p = typed("abc def");
        p.left();
        p.left();
        p.delete_to_start();
        assert_eq!(p.text(), "ef");
        assert_eq!(p.before_cursor(), "");
    }
}
