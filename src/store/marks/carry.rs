//! Carrying read state to the new id of a story that re-extraction re-keyed, inside the index's transaction,
//! so that a kill leaves either both the old index and the old marks or both new.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension, params};

use super::{Mark, StoredMark, merge};
use crate::model::ArticleId;
use crate::store::index::id_key;

/// Carries the marks of each `(old, new)` pair to `new`, merged with what `new` holds already (read stays
/// read, starred stays starred). The old mark is removed only when no indexed story still has the old id
/// (a copy of the file keeps it) and nothing was carried to it: a mark is copied, never dropped.
///
/// Marks are read before any is written, so chains and swaps (`a -> b` and `b -> a` in one batch) carry
/// each story's own mark.
///
/// # Errors
/// When SQLite fails; the caller's transaction is then rolled back whole.
pub fn carry(conn: &Connection, moves: &[(ArticleId, ArticleId)]) -> rusqlite::Result<()> {
    if moves.is_empty() {
        return Ok(());
    }
    let mut read =
        conn.prepare_cached("SELECT url, read_at, starred, position FROM marks WHERE id = ?1")?;
    let mut before: HashMap<ArticleId, StoredMark> = HashMap::new();
    for &(old, _) in moves {
        if before.contains_key(&old) {
            continue;
        }
        let found = read
            .query_row([old.to_string()], |r| {
                Ok(StoredMark {
                    id: old,
                    url: r.get(0)?,
                    mark: Mark {
                        read_at: r.get(1)?,
                        starred: r.get::<_, i64>(2)? != 0,
                        position: r.get(3)?,
                    },
                })
            })
            .optional()?;
        if let Some(m) = found {
            before.insert(old, m);
        }
    }
    let targets: HashSet<ArticleId> = moves.iter().map(|&(_, new)| new).collect();
    for &(old, new) in moves {
        if let Some(m) = before.get(&old) {
            merge(
                conn,
                &StoredMark {
                    id: new,
                    ..m.clone()
                },
            )?;
        }
    }
    let mut held =
        conn.prepare_cached("SELECT 1 FROM stories WHERE id_key = ?1 AND id = ?2 LIMIT 1")?;
    let mut forget = conn.prepare_cached("DELETE FROM marks WHERE id = ?1")?;
    for old in before.keys() {
        let text = old.to_string();
        if !targets.contains(old) && !held.exists(params![id_key(*old), text])? {
            forget.execute(params![text])?;
        }
    }
    Ok(())
}
