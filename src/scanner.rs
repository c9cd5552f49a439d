//! The reader's background scans: one at start, and one more whenever `R` asks, each on a thread of its
//! own with its own database connection, never two at once. Steps reach the reader as inputs.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::runner::Input;
use crate::store::Warning;
use crate::store::db::Db;
use crate::store::scan::{self, ScanUpdate};
use crate::tui::InputSender;

/// Starts scans of the folders read.
#[derive(Debug)]
pub struct Scanner {
    dir: PathBuf,
    roots: Vec<PathBuf>,
    to_loop: InputSender,
    running: Arc<AtomicBool>,
}

impl Scanner {
    /// Scans of `roots` into the database in `dir`, reported through `to_loop`.
    #[must_use]
    pub fn new(dir: PathBuf, roots: Vec<PathBuf>, to_loop: InputSender) -> Self {
        Self {
            dir,
            roots,
            to_loop,
            running: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Starts a scan unless one runs; returns whether it started.
    #[must_use = "false: a scan was already running"]
    pub fn start(&self) -> bool {
        if self.running.swap(true, Ordering::AcqRel) {
            return false;
        }
        let (dir, roots, to_loop) = (self.dir.clone(), self.roots.clone(), self.to_loop.clone());
        let running = Arc::clone(&self.running);
        std::thread::spawn(move || {
            let scan = std::panic::AssertUnwindSafe(|| {
                Db::open(&dir)
                    .map_err(anyhow::Error::from)
                    .and_then(|opened| {
                        let mut db = opened.db;
                        scan::scan(&mut db, &roots, |u| {
                            let _ = to_loop.send(Input::Scan(u));
                        })
                        .map_err(anyhow::Error::from)
                    })
            });
            // A scan that dies must still say so, or the status bar would say "indexing" for ever.
            let result = std::panic::catch_unwind(scan)
                .unwrap_or_else(|_| Err(anyhow::anyhow!("the scan stopped on an internal error")));
            running.store(false, Ordering::Release);
            if let Err(e) = result {
                let warning = Warning {
                    path: dir,
                    reason: format!("the index could not be updated: {e:#}"),
                };
                let _ = to_loop.send(Input::Scan(ScanUpdate {
                    warnings: vec![warning],
                    finished: true,
                    ..ScanUpdate::default()
                }));
            }
        });
        true
    }
}
