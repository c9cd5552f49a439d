//! `mark read|unread`, `star` and `unstar`: read state changed from the command line, for stories named by
//! id or by the files and folders holding them.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::library::open_db_to_write;
use crate::cli::MarkAs;
use crate::model::ArticleId;
use crate::store::db::Db;
use crate::{samples, store};

/// What a command changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    /// Read or unread.
    Read(MarkAs),
    /// Starred (true) or not.
    Star(bool),
}

/// The stories `targets` name, once each, with their URLs when known. Every target must name something:
/// an id the index, the marks and the sample store do not know, or a name that is neither an id nor a file
/// or folder, is an error naming it (and nothing is changed).
fn stories(
    db: &Db,
    targets: &[String],
    stderr: &mut impl Write,
) -> anyhow::Result<Vec<(ArticleId, Option<String>)>> {
    let mut ids: Vec<(ArticleId, Option<String>)> = Vec::new();
    let mut by_id: Vec<ArticleId> = Vec::new();
    let mut paths: Vec<PathBuf> = Vec::new();
    for t in targets {
        if Path::new(t).exists() {
            paths.push(PathBuf::from(t));
        } else if let Some(id) = ArticleId::parse(t) {
            by_id.push(id);
        } else {
            anyhow::bail!(
                "`{t}` is neither a story id (32 hex digits) nor a file or folder; nothing was changed"
            );
        }
    }
    if !by_id.is_empty() {
        let mut known = db.indexed_ids()?;
        known.extend(db.marks()?.into_keys());
        known.extend(samples::load().articles.iter().map(|a| a.head.id));
        let unknown: Vec<String> = by_id
            .iter()
            .filter(|id| !known.contains(id))
            .map(ToString::to_string)
            .collect();
        if !unknown.is_empty() {
            anyhow::bail!(
                "no story has the id {} (ids come from `list --json`); nothing was changed",
                unknown.join(", ")
            );
        }
        ids.extend(by_id.into_iter().map(|id| (id, None)));
    }
    if !paths.is_empty() {
        let loaded = store::load(&paths);
        for w in &loaded.warnings {
            let _ = writeln!(stderr, "broadsheet: warning: {w}");
        }
        ids.extend(loaded.articles.into_iter().map(|a| (a.head.id, a.head.url)));
    }
    let mut seen = HashSet::new();
    ids.retain(|(id, _)| seen.insert(*id));
    Ok(ids)
}

/// Marks the stories named by id, or held in the files and folders given, read or unread, starred or
/// not. Each story is changed once however often it is named.
///
/// # Errors
/// When the database cannot be opened or written, or a target names no story.
pub fn run(
    change: Change,
    targets: &[String],
    data_dir: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let mut db = open_db_to_write(data_dir)?;
    let mut stderr = std::io::stderr();
    let ids = stories(&db, targets, &mut stderr)?;
    if ids.is_empty() {
        let _ = writeln!(stderr, "broadsheet: no stories to mark");
        return Ok(ExitCode::from(1));
    }
    let count = ids.len();
    let word = match change {
        Change::Read(to) => {
            let at = match to {
                MarkAs::Read => Some(chrono::Utc::now().timestamp()),
                MarkAs::Unread => None,
            };
            let rows: Vec<(ArticleId, Option<&str>, Option<i64>)> = ids
                .iter()
                .map(|(id, url)| (*id, url.as_deref(), at))
                .collect();
            db.set_read(&rows)?;
            if to == MarkAs::Read { "read" } else { "unread" }
        }
        Change::Star(starred) => {
            for (id, url) in &ids {
                db.set_starred(*id, url.as_deref(), starred)?;
            }
            if starred { "starred" } else { "unstarred" }
        }
    };
    let verb = if matches!(change, Change::Read(_)) {
        "marked "
    } else {
        ""
    };
    println!(
        "{verb}{} {} {word}",
        crate::text::thousands(count),
        if count == 1 { "story" } else { "stories" }
    );
    Ok(ExitCode::SUCCESS)
}
