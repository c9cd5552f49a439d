//! Bringing the index up to date: walk the roots, parse only new and changed files and those read by
//! another extractor version (in parallel), forget removed ones, and write and report parsed files every
//! so often while the rest parse, so the list fills in as it goes and a slow file holds back only itself.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::db::{Db, DbError, Notice};
use super::index::{IndexedFile, Parsed};
use super::walk::FileStamp;
use super::{Warning, walk};
use crate::cluster::Signals;
use crate::loader::{self, LoadError, Loaded};
use crate::model::Headline;
use crate::search::document::Document;

/// Most parsed files written in one transaction: enough that writing keeps up with both cores parsing
/// (a commit has a fixed cost), few enough that a write is over quickly.
const WRITE_FILES: usize = 2000;

/// Longest a parsed file waits to be written (and listed) while others are still parsing: the list fills
/// in four times a second, and a file that takes a minute to parse holds back no other.
const WRITE_INTERVAL: Duration = Duration::from_millis(250);

/// Parsed files waiting to be written at most: parsing waits for a slower writer instead of holding every
/// parsed body in memory.
const QUEUE: usize = 2 * WRITE_FILES;

/// What one step of a scan changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScanUpdate {
    /// Files whose stories are gone or replaced: drop every headline from them.
    pub removed: Vec<PathBuf>,
    /// Headlines of files (re)indexed in this step.
    pub added: Vec<Headline>,
    /// What tells copies of one story apart (see `cluster`): of the stories added in this step, and in the
    /// first step of a whole scan, of every story already indexed under its folders.
    /// Boxed, so that a step (carried in an `Action`) stays small.
    pub signals: Option<Box<Kin>>,
    /// Files skipped or loaded with losses in this step, and [`ScanUpdate::notice`] as a warning.
    pub warnings: Vec<Warning>,
    /// Files parsed so far.
    pub done: usize,
    /// Files to parse in this scan.
    pub total: usize,
    /// Whether the scan is over.
    pub finished: bool,
    /// Given once, in the step where the database turned out not to be writable (a full disk): the scan
    /// went on in a copy in memory, and marks cannot be saved.
    pub notice: Option<Notice>,
    /// Whether the step is of a scan of files a watcher saw change (the reader shows no progress for it,
    /// and keeps its selection and scroll where they are).
    pub live: bool,
    /// Whether the search index committed in this step, before the scan's end: searches now find the
    /// stories written so far, so a search in force is run again (a first scan commits every
    /// `fulltext::COMMIT_EVERY`).
    pub searchable: bool,
}

/// What a scan step says of copies of one story.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Kin {
    /// The signals of the stories added in the step.
    pub stories: Vec<(crate::model::ArticleId, Signals)>,
    /// In the first step of a whole scan, the groups of copies of every story already indexed under its
    /// folders, made on the scan's thread (100,000 stories take half a second: never the reader's).
    pub groups: Option<crate::cluster::Groups>,
}

impl Kin {
    /// The signals of `stories`, when there are any.
    #[must_use]
    pub fn of(stories: Vec<(crate::model::ArticleId, Signals)>) -> Option<Box<Self>> {
        (!stories.is_empty()).then(|| {
            Box::new(Self {
                stories,
                groups: None,
            })
        })
    }
}

/// How files are read for the index: the extractor version recorded with each file, and the function that
/// reads one. Tests simulate a new extractor with another.
#[derive(Clone, Copy)]
pub struct Extractor<'a> {
    /// Recorded per file; a file indexed with another version is read again.
    pub version: u32,
    /// Reads one file's stories.
    pub load: &'a (dyn Fn(&Path) -> Result<Loaded, LoadError> + Sync),
}

impl Extractor<'static> {
    /// The loaders of this build, [`loader::EXTRACTOR_VERSION`].
    #[must_use]
    pub fn current() -> Self {
        Self {
            version: loader::EXTRACTOR_VERSION,
            load: &loader::load_path,
        }
    }
}

/// Parses one file for the index.
fn parse(stamp: FileStamp, extractor: &Extractor<'_>) -> Parsed {
    let (outcome, warnings, origins) = match (extractor.load)(&stamp.path) {
        Ok(loaded) => (Ok(loaded.articles), loaded.warnings, loaded.origins),
        Err(e) => (Err(e.to_string()), Vec::new(), Vec::new()),
    };
    let documents: Vec<Document> = outcome
        .as_ref()
        .map(|articles| articles.iter().map(Document::of).collect())
        .unwrap_or_default();
    let signals = outcome
        .as_ref()
        .map(|articles| {
            articles
                .iter()
                .zip(&documents)
                .map(|(a, d)| Signals::of_story(a, &d.text))
                .collect()
        })
        .unwrap_or_default();
    Parsed {
        stamp,
        outcome,
        warnings,
        extractor: extractor.version,
        documents,
        origins,
        signals,
    }
}

/// Brings the index of `roots` up to date with this build's loaders, calling `report` after the walk and
/// after each write. Returns how many files were parsed.
///
/// # Errors
/// When the database cannot be written (a database that turns out not to be writable is replaced by a copy
/// in memory first, and the scan goes on there: see [`ScanUpdate::notice`]).
pub fn scan(
    db: &mut Db,
    roots: &[PathBuf],
    report: impl FnMut(ScanUpdate),
) -> Result<usize, DbError> {
    scan_with(db, roots, &Extractor::current(), report)
}

/// [`scan`] with the given extractor.
///
/// # Errors
/// As [`scan`].
pub fn scan_with(
    db: &mut Db,
    roots: &[PathBuf],
    extractor: &Extractor<'_>,
    report: impl FnMut(ScanUpdate),
) -> Result<usize, DbError> {
    bring_up_to_date(db, roots, walk::walk(roots), extractor, Mode::Whole, report)
}

/// [`scan`] for the reader: its first step also brings the groups of copies of every story already
/// indexed under `roots` ([`Kin::groups`]), made on this thread.
///
/// # Errors
/// As [`scan`].
pub fn scan_grouping(
    db: &mut Db,
    roots: &[PathBuf],
    report: impl FnMut(ScanUpdate),
) -> Result<usize, DbError> {
    let extractor = Extractor::current();
    bring_up_to_date(
        db,
        roots,
        walk::walk(roots),
        &extractor,
        Mode::Grouping,
        report,
    )
}

/// What kind of scan runs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A whole scan for a command.
    Whole,
    /// A whole scan for the reader, which wants the groups of copies with its first step.
    Grouping,
    /// A scan whose steps are marked [`ScanUpdate::live`].
    Live,
}

/// [`scan`], its steps marked [`ScanUpdate::live`]: the periodic rescan, which the reader shows as it
/// shows a watcher's changes.
///
/// # Errors
/// As [`scan`].
pub fn scan_live(
    db: &mut Db,
    roots: &[PathBuf],
    report: impl FnMut(ScanUpdate),
) -> Result<usize, DbError> {
    let extractor = Extractor::current();
    bring_up_to_date(db, roots, walk::walk(roots), &extractor, Mode::Live, report)
}

/// Brings the index up to date for the paths a watcher saw change under `roots` (files and folders, new,
/// changed, renamed or gone), without walking the rest: the steps are marked [`ScanUpdate::live`].
/// Returns how many files were parsed.
///
/// # Errors
/// As [`scan`].
pub fn scan_paths(
    db: &mut Db,
    roots: &[PathBuf],
    changed: &[PathBuf],
    report: impl FnMut(ScanUpdate),
) -> Result<usize, DbError> {
    // What the index holds under a path that is now hidden or transient is forgotten as well.
    let walked = walk::stamped_under(roots, changed);
    bring_up_to_date(
        db,
        changed,
        walked,
        &Extractor::current(),
        Mode::Live,
        report,
    )
}

/// Compares the files `found` under `scope` with what the index holds there, forgets the missing ones,
/// and parses and writes the new and changed ones.
fn bring_up_to_date(
    db: &mut Db,
    scope: &[PathBuf],
    walked: walk::Walked,
    extractor: &Extractor<'_>,
    mode: Mode,
    mut report: impl FnMut(ScanUpdate),
) -> Result<usize, DbError> {
    let live = mode == Mode::Live;
    let walk::Walked {
        files: mut found,
        warnings: mut walk_warnings,
        held,
    } = walked;
    // The index keys files by UTF-8 path; a name that is not UTF-8 could never be found again.
    found.retain(|s| {
        let fits = s.path.to_str().is_some();
        if !fits {
            walk_warnings.push(Warning {
                path: s.path.clone(),
                reason: "the file name is not UTF-8, so it is not indexed (show reads it)"
                    .to_owned(),
            });
        }
        fits
    });
    // The search index may lack documents for some files (or all): those are read again below.
    let search_problem = db.prepare_search()?;
    // A size limit changed since files were indexed: those it now lets in, or keeps out, are read again.
    db.recheck_sizes(crate::loader::max_file_bytes())?;
    let known = db.indexed_files(scope)?;
    let present: HashSet<&PathBuf> = found.iter().map(|s| &s.path).collect();
    let removed: Vec<PathBuf> = known
        .keys()
        .filter(|p| !present.contains(p) && !held.iter().any(|h| p.starts_with(h)))
        .cloned()
        .collect();
    let stale: Vec<FileStamp> = found
        .into_iter()
        .filter(|s| {
            let current = IndexedFile {
                size: s.size,
                mtime: s.mtime,
                extractor: extractor.version,
            };
            known.get(&s.path) != Some(&current)
        })
        .collect();
    let mut notice = None;
    if !removed.is_empty() {
        writing(db, &mut notice, |db| db.remove_files(&removed))?;
    }
    let total = stale.len();
    let mut first = ScanUpdate {
        removed,
        warnings: walk_warnings,
        total,
        finished: total == 0,
        live,
        ..ScanUpdate::default()
    };
    tell(&mut first, notice.take());
    if mode == Mode::Grouping {
        first.signals = Some(Box::new(Kin {
            stories: Vec::new(),
            groups: Some(crate::cluster::Groups::new(db.signals(scope)?)),
        }));
    }
    first.warnings.extend(search_problem);
    if total == 0 {
        first.warnings.extend(db.finish_search());
    }
    report(first);
    // Room for the index's pages while files are written (SQLite's default is 2 MB), given back after.
    let bulk = total > 0 && !live;
    if bulk {
        let _ = db.conn.pragma_update(None, "cache_size", -65536);
    }
    let mut report_live = |mut u: ScanUpdate| {
        u.live = live;
        report(u);
    };
    let result = write_as_parsed(db, stale, extractor, &mut report_live);
    if bulk {
        let _ = db.conn.pragma_update(None, "cache_size", -2000);
    }
    result.map(|()| total)
}

/// Runs a write; when it shows that the database cannot be written, goes on in a copy in memory (see
/// [`Db::degrade`]), keeping the notice for the next report.
fn writing(
    db: &mut Db,
    notice: &mut Option<Notice>,
    write: impl Fn(&mut Db) -> Result<(), DbError>,
) -> Result<(), DbError> {
    match write(db) {
        Err(e) => match db.degrade(&e) {
            Some(Ok(n)) => {
                *notice = Some(n);
                write(db)
            }
            Some(Err(other)) => Err(other),
            None => Err(e),
        },
        Ok(()) => Ok(()),
    }
}

/// Puts a notice in a report, also as a warning for readers that list only warnings.
fn tell(update: &mut ScanUpdate, notice: Option<Notice>) {
    if let Some(n) = notice {
        update.warnings.push(n.warning());
        update.notice = Some(n);
    }
}

/// Parses `stale` on rayon's pool (from a thread of its own) while this thread writes parsed files, in one
/// transaction per write, as soon as [`WRITE_FILES`] are waiting or the oldest has waited
/// [`WRITE_INTERVAL`]; each write is reported.
fn write_as_parsed(
    db: &mut Db,
    stale: Vec<FileStamp>,
    extractor: &Extractor<'_>,
    report: &mut impl FnMut(ScanUpdate),
) -> Result<(), DbError> {
    let total = stale.len();
    // Boxed: a parsed file is a few words, and the channel moves it twice.
    let (tx, rx) = mpsc::sync_channel::<Box<Parsed>>(QUEUE);
    std::thread::scope(|scope| -> Result<(), DbError> {
        // Moved in, so that it is dropped when writing fails: the parser's next send fails and it stops.
        let rx = rx;
        scope.spawn(move || {
            // One file per job: rayon would otherwise hand a thread runs of files, and those after a
            // slow file in its run would wait for it.
            let _ = stale
                .into_par_iter()
                .with_max_len(1)
                .try_for_each_with(tx, |tx, stamp| tx.send(Box::new(parse(stamp, extractor))));
        });
        let mut done = 0;
        let mut waiting: Vec<Parsed> = Vec::new();
        // When the oldest file waiting arrived; with none waiting, this thread sleeps until one does.
        let mut oldest: Option<Instant> = None;
        let mut notice = None;
        loop {
            let next = match oldest {
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(t) => rx.recv_timeout(WRITE_INTERVAL.saturating_sub(t.elapsed())),
            };
            let closed = match next {
                Ok(parsed) => {
                    oldest.get_or_insert_with(Instant::now);
                    waiting.push(*parsed);
                    false
                }
                Err(RecvTimeoutError::Timeout) => false,
                Err(RecvTimeoutError::Disconnected) => true,
            };
            let due = closed
                || waiting.len() >= WRITE_FILES
                || oldest.is_some_and(|t| t.elapsed() >= WRITE_INTERVAL);
            if due && !waiting.is_empty() {
                // Parsed files arrive in whatever order the threads finish them; written in path order,
                // a folder's stories sit together in the table, and reading them back (every start)
                // touches far fewer pages.
                waiting.sort_unstable_by(|a, b| a.stamp.path.cmp(&b.stamp.path));
                let commits = db.search_commits();
                writing(db, &mut notice, |db| db.write_files(&waiting))?;
                done += waiting.len();
                let mut update = written(std::mem::take(&mut waiting), done, total);
                update.searchable = !update.finished && db.search_commits() != commits;
                tell(&mut update, notice.take());
                if closed || update.finished {
                    // The last write (which may come before the parser has closed its end): what the
                    // search index holds is committed before "finished", so a search run then finds all.
                    update.warnings.extend(db.finish_search());
                }
                report(update);
                oldest = None;
            }
            if closed {
                // Committed with the last write already: this only reports a failure to commit when
                // nothing was left to write.
                if let Some(w) = db.finish_search() {
                    report(ScanUpdate {
                        done,
                        total,
                        finished: true,
                        warnings: vec![w],
                        ..ScanUpdate::default()
                    });
                }
                return Ok(());
            }
        }
    })
}

/// What a write changed, for the reader.
fn written(parsed: Vec<Parsed>, done: usize, total: usize) -> ScanUpdate {
    let mut update = ScanUpdate {
        done,
        total,
        finished: done == total,
        ..ScanUpdate::default()
    };
    let mut signals = Vec::new();
    for p in parsed {
        update.removed.push(p.stamp.path.clone());
        for reason in p.warnings {
            update.warnings.push(Warning {
                path: p.stamp.path.clone(),
                reason,
            });
        }
        match p.outcome {
            Ok(articles) => {
                signals.extend(articles.iter().map(|a| a.head.id).zip(p.signals));
                let modified = Some(super::index::seconds(p.stamp.mtime));
                update.added.extend(articles.iter().map(|a| Headline {
                    modified,
                    ..Headline::from(a)
                }));
            }
            Err(reason) => update.warnings.push(Warning {
                path: p.stamp.path,
                reason,
            }),
        }
    }
    update.signals = Kin::of(signals);
    update
}
