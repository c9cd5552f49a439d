//! Where each story comes from and what section it is in, worked out once per list of headlines: each
//! distinct source and section is kept once, and each story points at its own by number, so counting and
//! filtering a view at 100,000 stories compares numbers, not paths or strings.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::model::{Format, Headline};

/// A story with no section.
pub const NONE: u32 = u32::MAX;

/// Each story's source and section, as numbers into the distinct names.
#[derive(Clone, Debug, Default)]
pub struct Facets {
    sources: Vec<String>,
    source_of: Vec<u32>,
    sections: Vec<String>,
    section_of: Vec<u32>,
    /// Each name's number by its lowercase form, so a view finds its source or section at once.
    source_keys: HashMap<String, u32>,
    section_keys: HashMap<String, u32>,
}

/// The number of `name` among `names` (ignoring case), given it if it has none yet: names that differ only
/// in case are one (the first spelling seen is the one shown).
fn number(names: &mut Vec<String>, by_key: &mut HashMap<String, u32>, name: &str) -> u32 {
    let key = name.to_lowercase();
    if let Some(&n) = by_key.get(&key) {
        return n;
    }
    let n = u32::try_from(names.len()).unwrap_or(NONE - 1);
    names.push(name.to_owned());
    by_key.insert(key, n);
    n
}

impl Facets {
    /// The facets of `headlines`, whose pages are placed relative to `roots` (the files and folders read).
    #[must_use]
    pub fn new(headlines: &[Headline], roots: &[PathBuf]) -> Self {
        let mut facets = Self::default();
        facets.extend(headlines, roots);
        facets
    }

    /// Numbers more headlines, the next indexes after those the facets were made of (stories that landed
    /// while the reader runs): only their own names are worked out.
    pub fn extend(&mut self, headlines: &[Headline], roots: &[PathBuf]) {
        let Self {
            sources,
            source_of,
            sections,
            section_of,
            source_keys,
            section_keys,
        } = self;
        // Names as the stories spell them, each cleaned and looked up once: 100,000 stories name a few
        // hundred sections and feeds at most.
        let mut raw_sections: HashMap<(&str, Option<&str>), u32> = HashMap::new();
        let mut raw_feeds: HashMap<(Option<&str>, &Path), u32> = HashMap::new();
        let mut folders: HashMap<&std::ffi::OsStr, u32> = HashMap::new();
        // Stories of one folder often come together: the last folder is checked before the map.
        let mut last_parent: Option<(&Path, u32)> = None;
        source_of.reserve(headlines.len());
        section_of.reserve(headlines.len());
        for h in headlines {
            let source = if h.format == Format::Feed {
                // A feed's title is its source whatever file holds it (newsboat's items are a path
                // each); only an untitled feed is told apart by its file.
                let titled = h
                    .source
                    .as_deref()
                    .is_some_and(|s| s.chars().any(|c| !c.is_whitespace() && !c.is_control()));
                let file = if titled {
                    Path::new("")
                } else {
                    h.path.as_path()
                };
                *raw_feeds
                    .entry((h.source.as_deref(), file))
                    .or_insert_with(|| number(sources, source_keys, &feed_source(h)))
            } else {
                let parent = h.path.parent().unwrap_or(Path::new(""));
                match last_parent {
                    // Compared as strings: comparing paths goes component by component.
                    Some((p, n)) if p.as_os_str() == parent.as_os_str() => n,
                    _ => {
                        let n = *folders.entry(parent.as_os_str()).or_insert_with(|| {
                            number(sources, source_keys, &folder_source(&h.path, roots))
                        });
                        last_parent = Some((parent, n));
                        n
                    }
                }
            };
            source_of.push(source);
            // A feed entry without a category was once given the feed's title as its section (an index
            // written then still says so): that is its source, not a section.
            let feed_title = (h.format == Format::Feed)
                .then_some(h.source.as_deref())
                .flatten();
            let section = match h.section.as_deref() {
                None => NONE,
                Some(raw) => *raw_sections.entry((raw, feed_title)).or_insert_with(|| {
                    let s = one_line(raw);
                    if s.is_empty() || feed_title.map(str::trim) == Some(s.as_str()) {
                        NONE
                    } else {
                        number(sections, section_keys, &s)
                    }
                }),
            };
            section_of.push(section);
        }
    }

    /// The source of the story at `index` (in the headlines the facets were made of).
    #[must_use]
    pub fn source(&self, index: usize) -> &str {
        self.source_of
            .get(index)
            .and_then(|&n| self.sources.get(n as usize))
            .map_or("", String::as_str)
    }

    /// The section of the story at `index`, when it has one.
    #[must_use]
    pub fn section(&self, index: usize) -> Option<&str> {
        let n = *self.section_of.get(index)?;
        self.sections.get(n as usize).map(String::as_str)
    }

    /// The source number of the story at `index`.
    #[must_use]
    pub fn source_number(&self, index: usize) -> u32 {
        self.source_of.get(index).copied().unwrap_or(NONE)
    }

    /// The section number of the story at `index` ([`NONE`] without one).
    #[must_use]
    pub fn section_number(&self, index: usize) -> u32 {
        self.section_of.get(index).copied().unwrap_or(NONE)
    }

    /// The number of the source called `name` (ignoring case).
    #[must_use]
    pub fn find_source(&self, name: &str) -> Option<u32> {
        self.source_keys.get(&name.to_lowercase()).copied()
    }

    /// The number of the section called `name` (ignoring case).
    #[must_use]
    pub fn find_section(&self, name: &str) -> Option<u32> {
        self.section_keys.get(&name.to_lowercase()).copied()
    }

    /// The distinct sources, by number.
    #[must_use]
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    /// The distinct sections, by number.
    #[must_use]
    pub fn sections(&self) -> &[String] {
        &self.sections
    }

    /// The sources in alphabetical order (ignoring case).
    pub fn sources_by_name(&self) -> impl Iterator<Item = &str> {
        by_name(&self.sources)
    }

    /// The sections in alphabetical order (ignoring case).
    pub fn sections_by_name(&self) -> impl Iterator<Item = &str> {
        by_name(&self.sections)
    }
}

fn by_name(names: &[String]) -> impl Iterator<Item = &str> {
    let mut sorted: Vec<&str> = names.iter().map(String::as_str).collect();
    sorted.sort_by_cached_key(|n| (n.to_lowercase(), *n));
    sorted.into_iter()
}

/// `s` on one line, without control characters, trimmed.
fn one_line(s: &str) -> String {
    crate::text::clean::one_line(s).trim().to_owned()
}

/// A feed entry's source: the feed's title, else the feed file's name.
fn feed_source(h: &Headline) -> String {
    h.source
        .as_deref()
        .map(one_line)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| {
            h.path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
        })
}

/// A page's source: the folder it sits in, relative to the folder read (`tech`, `tech/ai`); a page right
/// in the folder read gets that folder's own name.
#[must_use]
pub fn folder_source(path: &Path, roots: &[PathBuf]) -> String {
    let parent = path.parent().unwrap_or(Path::new(""));
    let root = roots
        .iter()
        .filter(|r| path.starts_with(r))
        .max_by_key(|r| r.as_os_str().len());
    // A file given on its own is placed in its folder.
    let base = match root {
        Some(r) if r.as_path() == path => parent,
        Some(r) => r.as_path(),
        None => parent,
    };
    let within = parent.strip_prefix(base).unwrap_or(Path::new(""));
    let name = if within.as_os_str().is_empty() {
        base.file_name()
            .map_or_else(|| base.to_string_lossy(), |n| n.to_string_lossy())
    } else {
        within.to_string_lossy()
    };
    let name = one_line(&name);
    if name.is_empty() {
        ".".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleId;

    fn headline(
        path: &str,
        format: Format,
        section: Option<&str>,
        source: Option<&str>,
    ) -> Headline {
        Headline {
            id: ArticleId(0),
            path: PathBuf::from(path),
            entry: 0,
            format,
            section: section.map(str::to_owned),
            title: "t".into(),
            byline: None,
            published: None,
            source: source.map(str::to_owned),
            url: None,
            modified: None,
        }
    }

    #[test]
    fn pages_come_from_their_folder_and_feed_entries_from_their_feed() {
        let roots = [
            PathBuf::from("/home/u/news"),
            PathBuf::from("/tmp/one.html"),
        ];
        let hs = [
            headline("/home/u/news/a.txt", Format::Scraped, Some("World"), None),
            headline(
                "/home/u/news/tech/ai/b.md",
                Format::Markdown,
                Some("world"),
                None,
            ),
            headline(
                "/home/u/news/feeds/x.xml",
                Format::Feed,
                None,
                Some("The Daily\n"),
            ),
            headline("/home/u/news/feeds/y.xml", Format::Feed, Some(" "), None),
            headline("/tmp/one.html", Format::Html, None, Some("Site")),
        ];
        let f = Facets::new(&hs, &roots);
        let sources: Vec<&str> = (0..hs.len()).map(|i| f.source(i)).collect();
        assert_eq!(sources, ["news", "tech/ai", "The Daily", "y", "tmp"]);
        assert_eq!(f.section(0), Some("World"));
        assert_eq!(
            f.section(1),
            Some("World"),
            "sections differing in case are one"
        );
        assert_eq!(f.section(3), None, "a blank section is none");
        assert_eq!(f.sections().len(), 1);
        assert_eq!(f.find_source("THE DAILY"), Some(2));
        assert_eq!(
            f.sources_by_name().collect::<Vec<_>>(),
            ["news", "tech/ai", "The Daily", "tmp", "y"]
        );
    }
}
