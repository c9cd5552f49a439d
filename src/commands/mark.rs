//! `mark read|unread ID|PATH...`: read state changed from the command line.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::library::open_db_to_write;
use crate::cli::MarkAs;
use crate::model::ArticleId;
use crate::store;

/// Marks the stories named by id, or held in the files and folders given, read or unread. Each story is
/// marked once however often it is named; an id the index does not know is marked with a warning.
///
/// # Errors
/// When the database cannot be opened or written.
pub fn run(to: MarkAs, targets: &[String], data_dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mut db = open_db_to_write(data_dir)?;
    let mut stderr = std::io::stderr();
    let mut ids: Vec<(ArticleId, Option<String>)> = Vec::new();
    let mut by_id: Vec<ArticleId> = Vec::new();
    let mut paths: Vec<PathBuf> = Vec::new();
    for t in targets {
        if Path::new(t).exists() {
            paths.push(PathBuf::from(t));
        } else if let Some(id) = ArticleId::parse(t) {
            by_id.push(id);
        } else {
            let _ = writeln!(
                stderr,
                "broadsheet: warning: `{t}` is neither a story id (32 hex digits) nor a file or folder"
            );
        }
    }
    if !by_id.is_empty() {
        let known = db.indexed_ids()?;
        for id in by_id {
            if !known.contains(&id) {
                let _ = writeln!(
                    stderr,
                    "broadsheet: warning: {id} is not a story in the index; marked anyway"
                );
            }
            ids.push((id, None));
        }
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
    if ids.is_empty() {
        let _ = writeln!(stderr, "broadsheet: no stories to mark");
        return Ok(ExitCode::from(1));
    }
    let at = match to {
        MarkAs::Read => Some(chrono::Utc::now().timestamp()),
        MarkAs::Unread => None,
    };
    let rows: Vec<(ArticleId, Option<&str>, Option<i64>)> = ids
        .iter()
        .map(|(id, url)| (*id, url.as_deref(), at))
        .collect();
    db.set_read(&rows)?;
    let word = if to == MarkAs::Read { "read" } else { "unread" };
    println!(
        "marked {} {} {word}",
        rows.len(),
        if rows.len() == 1 { "story" } else { "stories" }
    );
    Ok(ExitCode::SUCCESS)
}
