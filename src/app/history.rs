//! Browser-like history of the stories shown before each jump, with their scroll positions.

use crate::model::ArticleId;

/// How many steps back are kept.
const LIMIT: usize = 1000;

/// A story as it was shown: which one, scrolled how far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The story.
    pub id: ArticleId,
    /// Its article pane's scroll offset, in lines.
    pub scroll: usize,
}

/// The back and forward stacks.
#[derive(Clone, Debug, Default)]
pub struct History {
    back: Vec<Entry>,
    forward: Vec<Entry>,
}

impl History {
    /// Records that the reader jumps away from `from`: it can be gone back to, and the forward stack is
    /// dropped, as in a browser.
    pub fn jump(&mut self, from: Entry) {
        if self.back.len() == LIMIT {
            self.back.remove(0);
        }
        self.back.push(from);
        self.forward.clear();
    }

    /// Steps back from `current`; returns the entry to show.
    pub fn back(&mut self, current: Entry) -> Option<Entry> {
        let entry = self.back.pop()?;
        self.forward.push(current);
        Some(entry)
    }

    /// Steps forward from `current`; returns the entry to show.
    pub fn forward(&mut self, current: Entry) -> Option<Entry> {
        let entry = self.forward.pop()?;
        self.back.push(current);
        Some(entry)
    }

    /// How many steps back and forward there are.
    #[must_use]
    pub fn depth(&self) -> (usize, usize) {
        (self.back.len(), self.forward.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: u128, scroll: usize) -> Entry {
        Entry {
            id: ArticleId(id),
            scroll,
        }
    }

    #[test]
    fn back_and_forward_like_a_browser() {
        let mut h = History::default();
        h.jump(e(1, 5));
        h.jump(e(2, 0));
        assert_eq!(h.back(e(3, 7)), Some(e(2, 0)));
        assert_eq!(h.back(e(2, 1)), Some(e(1, 5)));
        assert_eq!(h.back(e(1, 5)), None);
        assert_eq!(h.forward(e(1, 5)), Some(e(2, 1)));
        // A new jump drops what was forward.
        h.jump(e(2, 1));
        assert_eq!(h.forward(e(4, 0)), None);
        assert_eq!(h.depth(), (2, 0));
    }
}
