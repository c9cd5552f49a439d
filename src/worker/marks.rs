//! Marks made elsewhere (the CLI, a second reader) reach the open reader: a thread with its own read-only
//! connection checks SQLite's `data_version`, which changes when another connection commits, and sends
//! the marks that changed since its last look.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::model::ArticleId;
use crate::store::db::Db;
use crate::store::marks::Mark;

/// How often the database is checked: four times a second shows a mark made elsewhere within the issue's
/// second with room to spare, and a check (one pragma) costs microseconds.
pub const POLL: Duration = Duration::from_millis(250);

/// The marks that changed, each with its new value (a mark removed is the default: unread, no star).
pub type Changed = Vec<(ArticleId, Mark)>;

/// Stops the watching thread when dropped.
#[derive(Debug)]
pub struct MarksWatcher {
    stop: Arc<AtomicBool>,
}

impl MarksWatcher {
    /// Watches the database at `path`, handing each batch of changed marks to `deliver`.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn spawn(
        path: PathBuf,
        deliver: impl Fn(Changed) + Send + 'static,
    ) -> std::io::Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let theirs = Arc::clone(&stop);
        std::thread::Builder::new()
            .name("marks".to_owned())
            .spawn(move || watch(&path, &theirs, &deliver))?;
        Ok(Self { stop })
    }
}

impl Drop for MarksWatcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

/// The watching loop: a database that cannot be read now is tried again at the next look.
fn watch(path: &std::path::Path, stop: &AtomicBool, deliver: &impl Fn(Changed)) {
    let mut db: Option<Db> = None;
    let mut version: Option<i64> = None;
    let mut known: Option<HashMap<ArticleId, Mark>> = None;
    while !stop.load(Ordering::Acquire) {
        std::thread::sleep(POLL);
        if db.is_none() {
            db = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
                .ok()
                .map(|conn| Db::with_connection(conn, Some(path.to_path_buf())));
        }
        let Some(open) = &db else { continue };
        let Ok(now) = open
            .conn
            .pragma_query_value(None, "data_version", |r| r.get::<_, i64>(0))
        else {
            db = None;
            continue;
        };
        if version == Some(now) {
            continue;
        }
        version = Some(now);
        let Ok(marks) = open.marks() else { continue };
        if let Some(before) = &known {
            let changed = diff(before, &marks);
            if !changed.is_empty() {
                deliver(changed);
            }
        }
        known = Some(marks);
    }
}

/// The marks of `after` that differ from `before`, and those gone from it (as defaults).
#[must_use]
fn diff(before: &HashMap<ArticleId, Mark>, after: &HashMap<ArticleId, Mark>) -> Changed {
    let mut out: Changed = after
        .iter()
        .filter(|(id, m)| before.get(id) != Some(m))
        .map(|(id, m)| (*id, *m))
        .collect();
    out.extend(
        before
            .keys()
            .filter(|id| !after.contains_key(id))
            .map(|id| (*id, Mark::default())),
    );
    out
}
