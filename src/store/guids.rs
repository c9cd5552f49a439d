//! The index's feed GUIDs, for newsboat's exports of read items: the stories a GUID (or newsboat's
//! link+date stand-in for one) names, and the GUIDs of the stories read here.

use std::collections::HashMap;

use super::db::{Db, DbError};
use crate::model::ArticleId;

/// A story as an import matches it: its id and URL.
pub type Named = (ArticleId, Option<String>);

impl Db {
    /// Every GUID the index holds, with its stories (two feeds can give one GUID).
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn stories_by_guid(&self) -> Result<HashMap<String, Vec<Named>>, DbError> {
        let mut out: HashMap<String, Vec<Named>> = HashMap::new();
        for (guid, story) in
            self.keyed("SELECT DISTINCT guid, id, url FROM stories WHERE guid IS NOT NULL")?
        {
            out.entry(guid).or_default().push(story);
        }
        Ok(out)
    }

    /// Every story URL the index holds, with its story.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn stories_by_url(&self) -> Result<HashMap<String, Named>, DbError> {
        let mut out = HashMap::new();
        for (url, story) in self.keyed("SELECT url, id, url FROM stories WHERE url IS NOT NULL")? {
            out.entry(url).or_insert(story);
        }
        Ok(out)
    }

    /// The rows of `sql` (a key, a story id, its URL), those with a readable id.
    fn keyed(&self, sql: &str) -> Result<Vec<(String, Named)>, DbError> {
        let mut stmt = self.conn.prepare(sql).map_err(self.error())?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })
            .map_err(self.error())?;
        let mut out = Vec::new();
        for row in rows {
            let (key, id, url) = row.map_err(self.error())?;
            if let Some(id) = ArticleId::parse(&id) {
                out.push((key, (id, url)));
            }
        }
        Ok(out)
    }

    /// What newsboat knows each read story by, one per story, oldest read first: its GUID when the index
    /// has one, else its URL (newsboat's GUID for an item whose feed gives neither GUID nor date).
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn read_guids(&self) -> Result<Vec<String>, DbError> {
        let mut read: Vec<_> = self
            .stored_marks()
            .into_iter()
            .filter_map(|m| m.mark.read_at.map(|at| (at, m.id, m.url)))
            .collect();
        read.sort_by_key(|(at, id, _)| (*at, id.0));
        let mut stmt = self
            .conn
            .prepare_cached("SELECT MAX(guid), MAX(url) FROM stories WHERE id_key = ?1 AND id = ?2")
            .map_err(self.error())?;
        let mut out = Vec::with_capacity(read.len());
        for (_, id, url) in read {
            let (guid, story_url): (Option<String>, Option<String>) = stmt
                .query_row(
                    rusqlite::params![super::index::id_key(id), id.to_string()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(self.error())?;
            if let Some(name) = guid.or(story_url).or(url) {
                out.push(name);
            }
        }
        Ok(out)
    }
}
