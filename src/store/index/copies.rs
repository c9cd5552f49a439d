//! Reading back what tells copies of one story apart from other stories (see `cluster`): each indexed
//! story's URL key, headline, lead key and text fingerprint.

use std::path::PathBuf;

use rusqlite::params;

use super::root_range;
use crate::cluster::Signals;
use crate::model::{ArticleId, Format};
use crate::store::db::{Db, DbError};

impl Db {
    /// Each indexed story's signals under `roots`, by id (a story in two files once). Rows that cannot
    /// be read back are left out here as [`Db::headlines`] leaves them out.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn signals(&self, roots: &[PathBuf]) -> Result<Vec<(ArticleId, Signals)>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, url_key, title, title_key, lead_key, sketch, shingles FROM stories
                 WHERE path = ?1 OR (path > ?2 AND path < ?3)",
            )
            .map_err(self.error())?;
        let mut out = Vec::new();
        for root in roots {
            let (exact, lo, hi) = root_range(root);
            let mut rows = stmt.query(params![exact, lo, hi]).map_err(self.error())?;
            while let Some(r) = rows.next().map_err(self.error())? {
                let read = || -> rusqlite::Result<Option<(ArticleId, Signals)>> {
                    let Some(id) = ArticleId::parse(r.get_ref(0)?.as_str()?) else {
                        return Ok(None);
                    };
                    let title: &str = r.get_ref(2)?.as_str()?;
                    let sketch = r.get_ref(5)?.as_blob_or_null()?;
                    let signals = Signals::from_index(
                        r.get(1)?,
                        (title, r.get(3)?),
                        r.get(4)?,
                        sketch,
                        r.get(6)?,
                    );
                    Ok(Some((id, signals)))
                };
                if let Ok(Some(pair)) = read() {
                    out.push(pair);
                }
            }
        }
        Ok(out)
    }

    /// Where the index holds story `id`: each file, the layout it was read from, and its headline.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn places_of(&self, id: ArticleId) -> Result<Vec<(PathBuf, Format, String)>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT path, format, title FROM stories WHERE id_key = ?1 AND id = ?2 ORDER BY path, entry",
            )
            .map_err(self.error())?;
        let rows = stmt
            .query_map(params![super::id_key(id), id.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(self.error())?;
        let mut out = Vec::new();
        for row in rows {
            let (path, format, title) = row.map_err(self.error())?;
            if let Some(format) = Format::from_name(&format) {
                out.push((PathBuf::from(path), format, title));
            }
        }
        Ok(out)
    }
}
