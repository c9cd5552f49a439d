//! Views: the named slices of the library a list can show (All, Unread, Starred, each saved search, each
//! source, each section), their counts, and the orders a list can be sorted in. Pure: the reader and the
//! CLI both build on it, and neither the terminal nor the database is touched here.

pub mod counts;
pub mod facets;
pub mod sort;

pub use counts::{Counts, Tally};
pub use facets::Facets;
pub use sort::Order;

/// One view: what the headline list is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ViewKey {
    /// Every story.
    #[default]
    All,
    /// Unread stories.
    Unread,
    /// Starred stories.
    Starred,
    /// A saved search, by its name.
    Search(String),
    /// A source: a feed's title, or the folder a page sits in (relative to the folder read).
    Source(String),
    /// A section, as the stories name it.
    Section(String),
}

/// The groups the views pane shows, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// All, Unread, Starred.
    Library,
    /// Saved searches.
    Searches,
    /// Sources.
    Sources,
    /// Sections.
    Sections,
}

impl Group {
    /// Every group, in the pane's order.
    pub const ALL: [Self; 4] = [Self::Library, Self::Searches, Self::Sources, Self::Sections];

    /// The group's heading.
    #[must_use]
    pub fn heading(self) -> &'static str {
        match self {
            Self::Library => "Library",
            Self::Searches => "Saved searches",
            Self::Sources => "Sources",
            Self::Sections => "Sections",
        }
    }
}

impl ViewKey {
    /// The stable name a view is kept under and given on the command line: `all`, `unread`, `starred`,
    /// `search:NAME`, `source:NAME`, `section:NAME`.
    #[must_use]
    pub fn id(&self) -> String {
        match self {
            Self::All => "all".to_owned(),
            Self::Unread => "unread".to_owned(),
            Self::Starred => "starred".to_owned(),
            Self::Search(n) => format!("search:{n}"),
            Self::Source(n) => format!("source:{n}"),
            Self::Section(n) => format!("section:{n}"),
        }
    }

    /// The view an id names (see [`ViewKey::id`]); `None` for anything else.
    #[must_use]
    pub fn from_id(id: &str) -> Option<Self> {
        match id {
            "all" => return Some(Self::All),
            "unread" => return Some(Self::Unread),
            "starred" => return Some(Self::Starred),
            _ => {}
        }
        let (kind, name) = id.split_once(':')?;
        let name = name.to_owned();
        match kind {
            "search" => Some(Self::Search(name)),
            "source" => Some(Self::Source(name)),
            "section" => Some(Self::Section(name)),
            _ => None,
        }
    }

    /// The name a person reads: "All", or the search's, source's or section's own.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::All => "All",
            Self::Unread => "Unread",
            Self::Starred => "Starred",
            Self::Search(n) | Self::Source(n) | Self::Section(n) => n,
        }
    }

    /// The group it is listed in.
    #[must_use]
    pub fn group(&self) -> Group {
        match self {
            Self::All | Self::Unread | Self::Starred => Group::Library,
            Self::Search(_) => Group::Searches,
            Self::Source(_) => Group::Sources,
            Self::Section(_) => Group::Sections,
        }
    }

    /// What the list's title and the status bar call it: "All", "search: storms", "source: tech".
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Self::All | Self::Unread | Self::Starred => self.name().to_owned(),
            Self::Search(n) => format!("search: {n}"),
            Self::Source(n) => format!("source: {n}"),
            Self::Section(n) => format!("section: {n}"),
        }
    }
}

/// A search kept under a name, listed as a view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedSearch {
    /// Its name.
    pub name: String,
    /// The query, as typed.
    pub query: String,
    /// Whether it comes from the configuration (`[[views]]`) rather than from the reader.
    pub configured: bool,
}

/// The saved searches to list: the configuration's first (a name given there wins), then those saved
/// from the reader, each name once.
#[must_use]
pub fn merge_searches(configured: &[SavedSearch], saved: Vec<SavedSearch>) -> Vec<SavedSearch> {
    let mut out: Vec<SavedSearch> = configured.to_vec();
    for s in saved {
        if !out.iter().any(|o| o.name == s.name) {
            out.push(s);
        }
    }
    out
}

/// Why a view name given on the command line names no view, or more than one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// Nothing has that name.
    #[error("no view is called \u{201c}{0}\u{201d} (broadsheet views lists them)")]
    Unknown(String),
    /// Several views have it: the ids that tell them apart.
    #[error("\u{201c}{name}\u{201d} names several views: give one of {}", .ids.join(", "))]
    Ambiguous {
        /// The name given.
        name: String,
        /// The views it names, as ids.
        ids: Vec<String>,
    },
}

/// The view `given` names among `views`: an id (`source:tech`) exactly, else a name, ignoring case.
///
/// # Errors
/// When no view has that name, or several do (their ids are given, to choose from).
pub fn lookup(given: &str, views: &[ViewKey]) -> Result<ViewKey, LookupError> {
    if let Some(key) = ViewKey::from_id(given)
        && views.contains(&key)
    {
        return Ok(key);
    }
    let wanted = given.trim().to_lowercase();
    let named: Vec<&ViewKey> = views
        .iter()
        .filter(|v| v.name().to_lowercase() == wanted)
        .collect();
    match named.as_slice() {
        [] => Err(LookupError::Unknown(given.to_owned())),
        [one] => Ok((*one).clone()),
        many => Err(LookupError::Ambiguous {
            name: given.to_owned(),
            ids: many.iter().map(|v| v.id()).collect(),
        }),
    }
}

/// Every view there is, in the pane's order: the library's three, the saved searches, the sources and
/// the sections (each sorted by name).
#[must_use]
pub fn all_views(facets: &Facets, searches: &[SavedSearch]) -> Vec<ViewKey> {
    let mut out = vec![ViewKey::All, ViewKey::Unread, ViewKey::Starred];
    out.extend(searches.iter().map(|s| ViewKey::Search(s.name.clone())));
    out.extend(
        facets
            .sources_by_name()
            .map(|s| ViewKey::Source(s.to_owned())),
    );
    out.extend(
        facets
            .sections_by_name()
            .map(|s| ViewKey::Section(s.to_owned())),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_names_are_looked_up_without_case() {
        let views = vec![
            ViewKey::All,
            ViewKey::Unread,
            ViewKey::Starred,
            ViewKey::Search("storms".into()),
            ViewKey::Source("tech".into()),
            ViewKey::Section("Tech".into()),
            ViewKey::Section("World".into()),
        ];
        for v in &views {
            assert_eq!(ViewKey::from_id(&v.id()).as_ref(), Some(v));
        }
        assert_eq!(
            lookup("world", &views),
            Ok(ViewKey::Section("World".into()))
        );
        assert_eq!(lookup("UNREAD", &views), Ok(ViewKey::Unread));
        assert_eq!(
            lookup("source:tech", &views),
            Ok(ViewKey::Source("tech".into()))
        );
        assert!(matches!(
            lookup("tech", &views),
            Err(LookupError::Ambiguous { ids, .. }) if ids == ["source:tech", "section:Tech"]
        ));
        assert_eq!(
            lookup("nothing", &views),
            Err(LookupError::Unknown("nothing".into()))
        );
    }

    #[test]
    fn a_configured_search_wins_over_a_saved_one_of_the_same_name() {
        let configured = [SavedSearch {
            name: "a".into(),
            query: "x".into(),
            configured: true,
        }];
        let saved = vec![
            SavedSearch {
                name: "a".into(),
                query: "y".into(),
                configured: false,
            },
            SavedSearch {
                name: "b".into(),
                query: "z".into(),
                configured: false,
            },
        ];
        let merged = merge_searches(&configured, saved);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].query, "x");
        assert_eq!(merged[1].name, "b");
    }
}
