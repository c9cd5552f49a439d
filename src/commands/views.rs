//! `views` and `list --view`: every view (All, Unread, Starred, saved searches, sources, sections) with
//! its counts, and the stories one view holds, worked out as the reader does.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::finish_output;
use super::library::{Listed, listed, open_db};
use crate::model::{ArticleId, Headline};
use crate::search::rank::{self, Matches};
use crate::store::db::Db;
use crate::store::db::Opened;
use crate::store::marks::Mark;
use crate::views::{Counts, Facets, Group, SavedSearch, Tally, ViewKey, all_views};

/// A library read for its views: the stories, their sources and sections, marks, and the saved searches
/// with an index to run them on.
pub struct Library {
    /// What was listed.
    pub listing: Listed,
    /// Each story's source and section.
    pub facets: Facets,
    /// Read state.
    pub marks: HashMap<ArticleId, Mark>,
    /// The configuration's saved searches, then the reader's.
    pub searches: Vec<SavedSearch>,
    /// The search index of the sample store (in memory), when it is listed.
    memory: Option<Db>,
}

impl Library {
    /// Reads the stories under `paths` (the index brought up to date), their marks and the saved searches.
    ///
    /// # Errors
    /// When the database cannot be opened, written or read.
    pub fn open(
        paths: &[PathBuf],
        data_dir: Option<&Path>,
        configured: &[SavedSearch],
    ) -> anyhow::Result<(Self, Db)> {
        let mut opened = open_db(data_dir)?;
        let mut listing = listed_with_ids(&mut opened, paths)?;
        listing.headlines.shrink_to_fit();
        let roots: Vec<PathBuf> = if listing.sample.is_some() {
            vec![PathBuf::from(crate::samples::SAMPLE_DIR)]
        } else {
            listing.given.iter().map(|(abs, _)| abs.clone()).collect()
        };
        let facets = Facets::new(&listing.headlines, &roots);
        let marks = opened.db.marks()?;
        let searches =
            crate::views::merge_searches(configured, opened.db.saved_views().unwrap_or_default());
        let memory = match &listing.sample {
            Some(articles) => {
                let mut db = Db::in_memory()?;
                db.index_articles(articles)?;
                let _ = db.finish_search();
                Some(db)
            }
            None => None,
        };
        Ok((
            Self {
                listing,
                facets,
                marks,
                searches,
                memory,
            },
            opened.db,
        ))
    }

    /// The headlines, in store order.
    #[must_use]
    pub fn headlines(&self) -> &[Headline] {
        &self.listing.headlines
    }

    /// A story's marks.
    #[must_use]
    pub fn mark(&self, id: ArticleId) -> Mark {
        let own = self.marks.get(&id).copied().unwrap_or_default();
        match self.listing.copies.get(&id) {
            // Copies of one story share one read state: what any copy has, the story has.
            Some(copies) if crate::cluster::listing() == crate::cluster::Listing::Clusters => {
                copies
                    .iter()
                    .filter_map(|c| self.marks.get(&c.id))
                    .fold(own, |m, c| crate::cluster::shared_mark(m, *c))
            }
            _ => own,
        }
    }

    /// Every view there is.
    #[must_use]
    pub fn views(&self) -> Vec<ViewKey> {
        all_views(&self.facets, &self.searches)
    }

    /// The stories `view` holds, as indexes into [`Library::headlines`] in store order.
    ///
    /// # Errors
    /// When a saved search's query cannot be read or run.
    pub fn members(&mut self, view: &ViewKey, db: &mut Db) -> anyhow::Result<Vec<usize>> {
        let hs = &self.listing.headlines;
        let all = 0..hs.len();
        Ok(match view {
            ViewKey::All => all.collect(),
            ViewKey::Unread => all
                .filter(|&i| self.mark(hs[i].id).read_at.is_none())
                .collect(),
            ViewKey::Starred => all.filter(|&i| self.mark(hs[i].id).starred).collect(),
            ViewKey::Source(n) => {
                let wanted = self.facets.find_source(n);
                all.filter(|&i| Some(self.facets.source_number(i)) == wanted)
                    .collect()
            }
            ViewKey::Section(n) => {
                let wanted = self.facets.find_section(n);
                all.filter(|&i| Some(self.facets.section_number(i)) == wanted)
                    .collect()
            }
            ViewKey::Search(name) => {
                let search = self
                    .searches
                    .iter()
                    .find(|s| s.name == *name)
                    .ok_or_else(|| anyhow::anyhow!("no saved search is called {name:?}"))?;
                let query = crate::search::parse(&search.query)
                    .map_err(|e| anyhow::anyhow!("the saved search {name:?}: bad query at {e}"))?;
                let index = self.memory.as_mut().unwrap_or(db);
                let matches = match &query.text {
                    Some(text) => index.find(Some(text), query.sort)?,
                    None => Matches::All,
                };
                let by_id = crate::search::by_id(hs);
                let marks = &self.marks;
                let mut found: Vec<usize> = rank::rank(
                    hs,
                    None,
                    &by_id,
                    &matches,
                    &query,
                    |id| marks.get(&id).copied().unwrap_or_default(),
                    crate::search::now(),
                )
                .into_iter()
                .map(|r| r.index)
                .collect();
                found.sort_unstable();
                found
            }
        })
    }

    /// Sorts `listed` (indexes into the headlines) in `order`.
    pub fn sort(&self, listed: &mut [usize], order: crate::views::Order) {
        let hs = &self.listing.headlines;
        let when: Vec<Option<i64>> = hs.iter().map(crate::views::sort::when).collect();
        crate::views::sort::sort(listed, order, &when, &self.facets, None, |i| {
            self.mark(hs[i].id).read_at.is_some()
        });
    }
}

/// The stories under `paths` as `listed` gives them, where a name that is a story id (not a file or
/// folder) lists that story: its files are found through the index (or it is the sample store's).
///
/// # Errors
/// When the database cannot be read or written, or an id names no stored story.
pub fn listed_with_ids(opened: &mut Opened, paths: &[PathBuf]) -> anyhow::Result<Listed> {
    let (ids, paths) = split_ids(paths);
    if ids.is_empty() {
        return listed(opened, &paths);
    }
    // Ids name stories: their files are listed with the paths given, and only those stories of them
    // (the sample store's, for an id only it has).
    let mut files = paths.clone();
    for id in &ids {
        files.extend(opened.db.files_of(*id)?);
    }
    let mut listing = if files.is_empty() {
        listed(opened, &[])?
    } else {
        listed(opened, &files)?
    };
    let absolute: Vec<PathBuf> = paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let under_paths = |h: &Headline| absolute.iter().any(|abs| h.path.starts_with(abs));
    listing
        .headlines
        .retain(|h| ids.contains(&h.id) || under_paths(h));
    for id in &ids {
        if !listing.headlines.iter().any(|h| h.id == *id) {
            anyhow::bail!("no stored story has the id {id} (broadsheet list --json gives ids)");
        }
    }
    Ok(listing)
}

/// The names that are story ids (not files or folders that exist), and the paths.
#[must_use]
pub fn split_ids(paths: &[PathBuf]) -> (Vec<ArticleId>, Vec<PathBuf>) {
    let mut ids = Vec::new();
    let mut rest = Vec::new();
    for p in paths {
        match p.to_str().and_then(ArticleId::parse) {
            Some(id) if !p.exists() => ids.push(id),
            _ => rest.push(p.clone()),
        }
    }
    (ids, rest)
}

/// One view in `views --json`.
#[derive(Serialize)]
struct ViewJson<'a> {
    /// What `list --view` takes.
    id: String,
    name: &'a str,
    group: &'static str,
    total: usize,
    unread: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<&'a str>,
}

fn group_name(g: Group) -> &'static str {
    match g {
        Group::Library => "library",
        Group::Searches => "search",
        Group::Sources => "source",
        Group::Sections => "section",
    }
}

/// `views`: every view and its counts.
///
/// # Errors
/// When the database cannot be opened, written or read.
pub fn run(
    paths: &[PathBuf],
    data_dir: Option<&Path>,
    configured: &[SavedSearch],
    json: bool,
) -> anyhow::Result<ExitCode> {
    let (mut library, mut db) = Library::open(paths, data_dir, configured)?;
    for w in &library.listing.warnings {
        eprintln!("broadsheet: warning: {w}");
    }
    let hs = library.headlines();
    let counts = Counts::of(hs.len(), &library.facets, |i| {
        let m = library.mark(hs[i].id);
        (m.read_at.is_some(), m.starred)
    });
    let mut rows: Vec<(ViewKey, Tally)> = Vec::new();
    for view in library.views() {
        let tally = match &view {
            ViewKey::All => counts.all,
            ViewKey::Unread => counts.unread,
            ViewKey::Starred => counts.starred,
            ViewKey::Source(n) => library
                .facets
                .find_source(n)
                .and_then(|i| counts.sources.get(i as usize).copied())
                .unwrap_or_default(),
            ViewKey::Section(n) => library
                .facets
                .find_section(n)
                .and_then(|i| counts.sections.get(i as usize).copied())
                .unwrap_or_default(),
            ViewKey::Search(name) => match library.members(&view, &mut db) {
                Ok(found) => Counts::tally(found.into_iter(), |i| {
                    library.mark(library.headlines()[i].id).read_at.is_some()
                }),
                Err(e) => {
                    eprintln!(
                        "broadsheet: warning: the saved search {name:?} cannot be run: {e:#}"
                    );
                    Tally::default()
                }
            },
        };
        rows.push((view, tally));
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = if json {
        let items: Vec<ViewJson<'_>> = rows
            .iter()
            .map(|(v, t)| ViewJson {
                id: v.id(),
                name: v.name(),
                group: group_name(v.group()),
                total: t.total,
                unread: t.unread,
                query: match v {
                    ViewKey::Search(n) => library
                        .searches
                        .iter()
                        .find(|s| s.name == *n)
                        .map(|s| s.query.as_str()),
                    _ => None,
                },
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &items)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        write_table(&rows, &mut out)
    };
    finish_output(written.and_then(|()| out.flush()))
}

/// The views as a table: unread, total, and the id `list --view` takes.
fn write_table(rows: &[(ViewKey, Tally)], out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{:>9} {:>9}  VIEW", "UNREAD", "TOTAL")?;
    for (v, t) in rows {
        let id = crate::text::clean::one_line(&v.id());
        writeln!(
            out,
            "{:>9} {:>9}  {id}",
            crate::text::thousands(t.unread),
            crate::text::thousands(t.total)
        )?;
    }
    Ok(())
}

/// Deletes the saved search `name`.
///
/// # Errors
/// When the database cannot be opened or written.
pub fn delete(
    name: &str,
    data_dir: Option<&Path>,
    configured: &[SavedSearch],
) -> anyhow::Result<ExitCode> {
    if configured.iter().any(|c| c.name == name) {
        eprintln!(
            "broadsheet: the view {name:?} is set in the configuration file ([[views]]): remove it there"
        );
        return Ok(ExitCode::from(1));
    }
    let mut db = super::library::open_db_to_write(data_dir)?;
    if db.delete_view(name)? {
        println!("Deleted the view {name:?}");
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("broadsheet: no saved search is called {name:?}");
        Ok(ExitCode::from(1))
    }
}
