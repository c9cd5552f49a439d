//! The reader's background scans: a whole scan at start and whenever `R` or the periodic rescan asks, and
//! a scan of just the paths a watcher saw change. They run one at a time on a thread of their own with its
//! own database connection; what is asked while one runs waits, merged, for the next. Steps reach the
//! reader as inputs.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use crate::store::Warning;
use crate::store::db::Db;
use crate::store::scan::{self, ScanUpdate};

/// Where a scan's steps go (the reader's input channel).
pub type Report = Arc<dyn Fn(ScanUpdate) + Send + Sync>;

/// What is waiting to be scanned.
#[derive(Debug, Default)]
struct Queue {
    /// A scan runs (its thread takes the next job when it is done).
    running: bool,
    /// A whole scan was asked for (it covers every path as well): `Some(true)` when only the periodic
    /// rescan or lost events asked, which the reader shows as it shows a watcher's changes.
    whole: Option<bool>,
    /// Paths a watcher saw change.
    paths: BTreeSet<PathBuf>,
}

/// One job for the scan thread.
enum Job {
    Whole { live: bool },
    Paths(Vec<PathBuf>),
}

impl Queue {
    fn take(&mut self) -> Option<Job> {
        if let Some(live) = self.whole.take() {
            self.paths.clear();
            return Some(Job::Whole { live });
        }
        if self.paths.is_empty() {
            return None;
        }
        Some(Job::Paths(
            std::mem::take(&mut self.paths).into_iter().collect(),
        ))
    }
}

/// Starts scans of the folders read.
#[derive(Clone)]
pub struct Scanner {
    dir: PathBuf,
    roots: Vec<PathBuf>,
    report: Report,
    queue: Arc<Mutex<Queue>>,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field("dir", &self.dir)
            .field("roots", &self.roots)
            .finish_non_exhaustive()
    }
}

impl Scanner {
    /// Scans of `roots` into the database in `dir`, each step handed to `report`.
    #[must_use]
    pub fn new(
        dir: PathBuf,
        roots: Vec<PathBuf>,
        report: impl Fn(ScanUpdate) + Send + Sync + 'static,
    ) -> Self {
        Self {
            dir,
            roots,
            report: Arc::new(report),
            queue: Arc::new(Mutex::new(Queue::default())),
        }
    }

    /// The folders scanned.
    #[must_use]
    pub fn roots(&self) -> &[PathBuf] {
        &self.roots
    }

    /// Starts a whole scan, or asks for one after the scan that runs; returns whether it started now.
    #[must_use = "false: a scan was already running, and this one follows it"]
    pub fn start(&self) -> bool {
        self.ask(|q| q.whole = Some(false))
    }

    /// Asks for a whole scan shown as a watcher's changes are (the periodic rescan, lost events).
    pub fn start_live(&self) {
        let _ = self.ask(|q| q.whole = Some(q.whole.unwrap_or(true)));
    }

    /// Scans `paths` (changed, new or gone) now, or after the scan that runs.
    pub fn start_paths(&self, paths: Vec<PathBuf>) {
        let _ = self.ask(|q| q.paths.extend(paths));
    }

    fn ask(&self, add: impl FnOnce(&mut Queue)) -> bool {
        let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
        add(&mut queue);
        if queue.running {
            return false;
        }
        queue.running = true;
        drop(queue);
        let this = self.clone();
        std::thread::spawn(move || this.run_queue());
        true
    }

    /// Runs jobs until none is waiting.
    fn run_queue(&self) {
        loop {
            let job = {
                let mut queue = self.queue.lock().unwrap_or_else(PoisonError::into_inner);
                let job = queue.take();
                if job.is_none() {
                    queue.running = false;
                }
                job
            };
            let Some(job) = job else { return };
            self.run(&job);
        }
    }

    fn run(&self, job: &Job) {
        let scan = std::panic::AssertUnwindSafe(|| {
            Db::open(&self.dir)
                .map_err(anyhow::Error::from)
                .and_then(|opened| {
                    let mut db = opened.db;
                    let report = |u| (self.report)(u);
                    match job {
                        Job::Whole { live: false } => {
                            scan::scan_grouping(&mut db, &self.roots, report)
                        }
                        Job::Whole { live: true } => scan::scan_live(&mut db, &self.roots, report),
                        Job::Paths(paths) => scan::scan_paths(&mut db, &self.roots, paths, report),
                    }
                    .map_err(anyhow::Error::from)
                })
        });
        // A scan that dies must still say so, or the status bar would say "indexing" for ever.
        let result = std::panic::catch_unwind(scan)
            .unwrap_or_else(|_| Err(anyhow::anyhow!("the scan stopped on an internal error")));
        if let Err(e) = result {
            let warning = Warning {
                path: self.dir.clone(),
                reason: format!("the index could not be updated: {e:#}"),
            };
            (self.report)(ScanUpdate {
                warnings: vec![warning],
                finished: true,
                live: !matches!(job, Job::Whole { live: false }),
                ..ScanUpdate::default()
            });
        }
    }
}
