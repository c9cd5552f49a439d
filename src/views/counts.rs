//! Counting the views: how many stories each holds and how many of them are unread, in one pass over the
//! headlines (saved searches are counted from the stories their query matched).

use super::Facets;
use super::facets::NONE;

/// A view's count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Stories in the view.
    pub total: usize,
    /// How many of them are unread.
    pub unread: usize,
}

impl Tally {
    fn add(&mut self, read: bool) {
        self.total += 1;
        if !read {
            self.unread += 1;
        }
    }
}

/// Every view's count but the saved searches'.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Every story.
    pub all: Tally,
    /// Unread stories.
    pub unread: Tally,
    /// Starred stories.
    pub starred: Tally,
    /// Each source, by number.
    pub sources: Vec<Tally>,
    /// Each section, by number.
    pub sections: Vec<Tally>,
}

impl Counts {
    /// Counts `stories` headlines with these `facets`; `marks(i)` gives whether the story at index `i` is
    /// read and whether it is starred.
    #[must_use]
    pub fn of(stories: usize, facets: &Facets, marks: impl Fn(usize) -> (bool, bool)) -> Self {
        let mut c = Self {
            sources: vec![Tally::default(); facets.sources().len()],
            sections: vec![Tally::default(); facets.sections().len()],
            ..Self::default()
        };
        for i in 0..stories {
            let (read, starred) = marks(i);
            c.all.add(read);
            if !read {
                c.unread.add(false);
            }
            if starred {
                c.starred.add(read);
            }
            if let Some(t) = c.sources.get_mut(facets.source_number(i) as usize) {
                t.add(read);
            }
            let section = facets.section_number(i);
            if section != NONE
                && let Some(t) = c.sections.get_mut(section as usize)
            {
                t.add(read);
            }
        }
        c
    }

    /// Counts the stories at `indexes` (a saved search's).
    #[must_use]
    pub fn tally(indexes: impl Iterator<Item = usize>, is_read: impl Fn(usize) -> bool) -> Tally {
        let mut t = Tally::default();
        for i in indexes {
            t.add(is_read(i));
        }
        t
    }
}
