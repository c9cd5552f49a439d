//! The search worker: queries run on a thread of their own, so typing never waits on the index. A query
//! still waiting when a newer one comes is dropped (the latest wins), and snippets are made for the rows
//! the list shows, on request. Replies go back through a callback, as `Action::SearchReply`.

use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::action::SearchReply;
use crate::model::{Article, ArticleId};
use crate::search::SearchJob;
use crate::search::engine::SearchIndex;
use crate::search::highlight;
use crate::search::query::{Expr, Sort};
use crate::search::rank::Matches;
use crate::store::db::Db;

/// Why a search could not run before a scan has made the index: the reader shows it as still to come.
pub const NOT_BUILT: &str = "the search index is still being built";

/// How many characters a list row's snippet holds: more than the widest list pane shows.
pub const SNIPPET_CHARS: usize = 160;

/// Where the index is.
#[derive(Debug)]
enum Place {
    /// The index folder beside the database (opened once a scan has made it).
    Folder(PathBuf, Option<Box<SearchIndex>>),
    /// Stories held in memory, indexed when first searched.
    Memory(Vec<Article>, Option<Box<Db>>),
}

/// Answers search jobs, synchronously (the worker's thread calls it, and tests and the sample store do
/// directly).
#[derive(Debug)]
pub struct Searcher {
    place: Place,
}

impl Searcher {
    /// Searches the index in `folder` (see `search::engine::FOLDER`).
    #[must_use]
    pub fn folder(folder: PathBuf) -> Self {
        Self {
            place: Place::Folder(folder, None),
        }
    }

    /// Searches stories held in memory.
    #[must_use]
    pub fn memory(articles: Vec<Article>) -> Self {
        Self {
            place: Place::Memory(articles, None),
        }
    }

    fn find(&mut self, text: Option<&Expr>, sort: Sort) -> Result<Matches, String> {
        match &mut self.place {
            Place::Folder(dir, index) => {
                if index.is_none() {
                    *index = SearchIndex::open_to_read(dir).map(Box::new);
                }
                match index {
                    Some(index) => index.find(text, sort).map_err(|e| e.to_string()),
                    None => Err(NOT_BUILT.to_owned()),
                }
            }
            Place::Memory(articles, db) => {
                let db = memory_db(articles, db)?;
                db.find(text, sort).map_err(|e| e.to_string())
            }
        }
    }

    /// The stories most like `id` (see `SearchIndex::similar`), best first, with their scores.
    pub fn similar(&mut self, id: ArticleId, besides: &[ArticleId]) -> Vec<(ArticleId, f32)> {
        // More than are shown: the reader shows copies of one story once.
        let most = 4 * crate::app::kin::MOST_SIMILAR;
        let found = match &mut self.place {
            Place::Folder(dir, index) => {
                if index.is_none() {
                    *index = SearchIndex::open_to_read(dir).map(Box::new);
                }
                index.as_ref().map(|i| i.similar(id, besides, most))
            }
            Place::Memory(articles, db) => memory_db(articles, db)
                .ok()
                .and_then(|db| db.search.as_ref())
                .map(|i| i.similar(id, besides, most)),
        };
        found.and_then(Result::ok).unwrap_or_default()
    }

    fn text_of(&mut self, id: ArticleId) -> Option<String> {
        match &mut self.place {
            Place::Folder(_, index) => index.as_ref()?.text_of(id).ok().flatten(),
            Place::Memory(articles, db) => memory_db(articles, db).ok()?.text_of(id).ok().flatten(),
        }
    }

    /// Does one job.
    pub fn answer(&mut self, job: &SearchJob) -> SearchReply {
        match job {
            SearchJob::Find {
                generation,
                text,
                sort,
            } => match self.find(text.as_ref(), *sort) {
                Ok(matches) => SearchReply::Found {
                    generation: *generation,
                    matches,
                },
                Err(error) => SearchReply::Failed {
                    generation: *generation,
                    error,
                },
            },
            SearchJob::Count { name, text } => SearchReply::Counted {
                name: name.clone(),
                matches: self.find(Some(text), Sort::Relevance),
            },
            SearchJob::Snippets {
                generation,
                matcher,
                ids,
            } => SearchReply::Snippets {
                generation: *generation,
                snippets: ids
                    .iter()
                    .filter_map(|&id| {
                        let text = self.text_of(id)?;
                        let snippet = highlight::snippet(matcher, &text, SNIPPET_CHARS)
                            .unwrap_or_else(|| highlight::opening(&text, SNIPPET_CHARS));
                        Some((id, snippet))
                    })
                    .collect(),
            },
            SearchJob::Similar { id, besides } => SearchReply::Similar {
                id: *id,
                found: self
                    .similar(*id, besides)
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect(),
            },
        }
    }
}

/// The database in memory indexing `articles`, made on first use.
fn memory_db<'a>(articles: &[Article], db: &'a mut Option<Box<Db>>) -> Result<&'a mut Db, String> {
    if db.is_none() {
        let mut fresh = Db::in_memory().map_err(|e| e.to_string())?;
        fresh.index_articles(articles).map_err(|e| e.to_string())?;
        if let Some(w) = fresh.finish_search() {
            return Err(w.reason);
        }
        *db = Some(Box::new(fresh));
    }
    db.as_deref_mut().ok_or_else(|| "no index".to_owned())
}

/// How long a query waits for a newer one before it runs. The runner applies keys that arrive together
/// (a paste, a burst) one by one within a millisecond, each sending its query: 2 ms lets the last replace
/// the others. A person's keys come tens of milliseconds apart, and each runs at once.
const SETTLE: Duration = Duration::from_millis(2);

/// The jobs waiting: the newest query, saved searches to count (each once), and snippet requests.
#[derive(Debug, Default)]
struct Slot {
    find: Option<(SearchJob, Instant)>,
    counts: Vec<SearchJob>,
    snippets: Vec<SearchJob>,
    /// The latest "More like this" asked for (an earlier one is for a story no longer shown).
    similar: Option<SearchJob>,
    closed: bool,
}

/// A thread answering search jobs, newest query first.
#[derive(Debug)]
pub struct SearchWorker {
    shared: Arc<(Mutex<Slot>, Condvar)>,
}

impl SearchWorker {
    /// Starts the thread, answering with `searcher` and handing each reply to `deliver`.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn spawn(
        mut searcher: Searcher,
        deliver: impl Fn(SearchReply) + Send + 'static,
    ) -> std::io::Result<Self> {
        let shared = Arc::new((Mutex::new(Slot::default()), Condvar::new()));
        let theirs = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("search".to_owned())
            .spawn(move || {
                while let Some(job) = take(&theirs) {
                    let work = std::panic::AssertUnwindSafe(|| searcher.answer(&job));
                    let reply = std::panic::catch_unwind(work).unwrap_or_else(|_| crashed(&job));
                    deliver(reply);
                }
            })?;
        Ok(Self { shared })
    }

    /// Queues a job: a query replaces the one waiting, and the snippet requests made for it.
    pub fn request(&self, job: SearchJob) {
        let (slot, ready) = &*self.shared;
        let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
        match job {
            SearchJob::Find { .. } => {
                slot.snippets.clear();
                slot.find = Some((job, Instant::now()));
            }
            SearchJob::Count { ref name, .. } => {
                let name = name.clone();
                slot.counts
                    .retain(|j| !matches!(j, SearchJob::Count { name: n, .. } if *n == name));
                slot.counts.push(job);
            }
            SearchJob::Snippets { .. } => slot.snippets.push(job),
            SearchJob::Similar { .. } => slot.similar = Some(job),
        }
        ready.notify_all();
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        let (slot, ready) = &*self.shared;
        slot.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
        ready.notify_all();
    }
}

/// The reply for a job that crashed the search.
fn crashed(job: &SearchJob) -> SearchReply {
    let error = "the search crashed".to_owned();
    match job {
        SearchJob::Find { generation, .. } | SearchJob::Snippets { generation, .. } => {
            SearchReply::Failed {
                generation: *generation,
                error,
            }
        }
        SearchJob::Count { name, .. } => SearchReply::Counted {
            name: name.clone(),
            matches: Err(error),
        },
        SearchJob::Similar { id, .. } => SearchReply::Similar {
            id: *id,
            found: Vec::new(),
        },
    }
}

/// Waits for the next job: a query once it has settled, else snippets; `None` once the worker is dropped.
fn take(shared: &(Mutex<Slot>, Condvar)) -> Option<SearchJob> {
    let (slot, ready) = shared;
    let mut slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if slot.closed {
            return None;
        }
        if let Some(age) = slot.find.as_ref().map(|(_, at)| at.elapsed()) {
            if age >= SETTLE {
                return slot.find.take().map(|(job, _)| job);
            }
            slot = ready
                .wait_timeout(slot, SETTLE.saturating_sub(age))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
            continue;
        }
        if !slot.counts.is_empty() {
            return Some(slot.counts.remove(0));
        }
        if !slot.snippets.is_empty() {
            return Some(slot.snippets.remove(0));
        }
        if let Some(job) = slot.similar.take() {
            return Some(job);
        }
        slot = ready.wait(slot).unwrap_or_else(PoisonError::into_inner);
    }
}
