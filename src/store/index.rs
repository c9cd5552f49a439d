//! The store index in the database: each file's size and modification time, and its stories' headline
//! data, so startup lists stories without parsing them, and related teasers resolve by lookup.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use rusqlite::params;

use super::Warning;
use super::db::{Db, DbError};
use crate::model::{Article, ArticleId, Format, Headline, RelatedLink};
use crate::text::fold::fold;

/// How many folded bytes of a first paragraph make its lookup key; teasers shorter than this match
/// headlines only.
pub const LEAD_PREFIX: usize = 40;

/// A file as the walk found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since the Unix epoch.
    pub mtime: i64,
}

/// A file after parsing: its stories, or why it has none.
#[derive(Debug)]
pub struct Parsed {
    /// The file.
    pub stamp: FileStamp,
    /// Its stories, or the reason it was skipped.
    pub outcome: Result<Vec<Article>, String>,
    /// Losses while loading (not valid UTF-8, say).
    pub warnings: Vec<String>,
}

/// `s`'s first `LEAD_PREFIX` bytes, cut back to a character boundary; `None` when shorter.
#[must_use]
pub fn lead_prefix(s: &str) -> Option<&str> {
    if s.len() < LEAD_PREFIX {
        return None;
    }
    let mut end = LEAD_PREFIX;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Some(&s[..end])
}

/// The lookup key of a folded text.
fn key(folded: &str) -> i64 {
    i64::from_ne_bytes(xxhash_rust::xxh3::xxh3_64(folded.as_bytes()).to_ne_bytes())
}

/// The short integer key an id is indexed by (an index of integers is much cheaper to build than one of
/// 32-character strings).
fn id_key(id: ArticleId) -> i64 {
    i64::from_ne_bytes(
        u64::try_from(id.0 & u128::from(u64::MAX))
            .unwrap_or(0)
            .to_ne_bytes(),
    )
}

/// The path as stored: UTF-8 (the scan leaves out files whose names are not).
fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// The bounds of the paths under `root` in path order: the root itself, and `root/` up to `root0`
/// ('0' follows '/').
fn root_range(root: &Path) -> (String, String, String) {
    let exact = path_text(root);
    let trimmed = exact.trim_end_matches('/');
    (exact.clone(), format!("{trimmed}/"), format!("{trimmed}0"))
}

impl Db {
    fn error(&self) -> impl Fn(rusqlite::Error) -> DbError + '_ {
        move |cause| DbError::Sqlite {
            path: self.path.clone().unwrap_or_else(|| ":memory:".into()),
            cause,
        }
    }

    /// The headlines of every indexed story under `roots`, in no particular order.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn headlines(&self, roots: &[PathBuf]) -> Result<Vec<Headline>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT path, entry, id, format, section, title, byline, published, url, source FROM stories
                 WHERE path = ?1 OR (path > ?2 AND path < ?3)",
            )
            .map_err(self.error())?;
        let mut out = Vec::new();
        for root in roots {
            let (exact, lo, hi) = root_range(root);
            let rows = stmt
                .query_map(params![exact, lo, hi], |r| {
                    Ok(Headline {
                        path: PathBuf::from(r.get::<_, String>(0)?),
                        entry: usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0),
                        id: ArticleId::parse(&r.get::<_, String>(2)?).unwrap_or(ArticleId(0)),
                        format: Format::from_name(&r.get::<_, String>(3)?)
                            .unwrap_or(Format::Scraped),
                        section: r.get(4)?,
                        title: r.get(5)?,
                        byline: r.get(6)?,
                        published: r
                            .get::<_, Option<String>>(7)?
                            .and_then(|d| DateTime::parse_from_rfc3339(&d).ok()),
                        url: r.get(8)?,
                        source: r.get(9)?,
                    })
                })
                .map_err(self.error())?;
            for row in rows {
                out.push(row.map_err(self.error())?);
            }
        }
        Ok(out)
    }

    /// The ids of every indexed story.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn indexed_ids(&self) -> Result<std::collections::HashSet<ArticleId>, DbError> {
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT id FROM stories")
            .map_err(self.error())?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(self.error())?;
        let mut out = std::collections::HashSet::new();
        for row in rows {
            if let Some(id) = ArticleId::parse(&row.map_err(self.error())?) {
                out.insert(id);
            }
        }
        Ok(out)
    }

    /// The indexed files under `roots`, with their size and modification time.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn indexed_files(
        &self,
        roots: &[PathBuf],
    ) -> Result<HashMap<PathBuf, (u64, i64)>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT path, size, mtime FROM files WHERE path = ?1 OR (path > ?2 AND path < ?3)",
            )
            .map_err(self.error())?;
        let mut out = HashMap::new();
        for root in roots {
            let (exact, lo, hi) = root_range(root);
            let rows = stmt
                .query_map(params![exact, lo, hi], |r| {
                    Ok((
                        PathBuf::from(r.get::<_, String>(0)?),
                        (r.get::<_, i64>(1)?, r.get(2)?),
                    ))
                })
                .map_err(self.error())?;
            for row in rows {
                let (path, (size, mtime)) = row.map_err(self.error())?;
                out.insert(path, (u64::try_from(size).unwrap_or(0), mtime));
            }
        }
        Ok(out)
    }

    /// The files under `roots` that were skipped when indexed, with the reasons.
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn file_errors(&self, roots: &[PathBuf]) -> Result<Vec<Warning>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path, error FROM files WHERE error IS NOT NULL AND (path = ?1 OR (path > ?2 AND path < ?3))")
            .map_err(self.error())?;
        let mut out = Vec::new();
        for root in roots {
            let (exact, lo, hi) = root_range(root);
            let rows = stmt
                .query_map(params![exact, lo, hi], |r| {
                    Ok(Warning {
                        path: PathBuf::from(r.get::<_, String>(0)?),
                        reason: r.get(1)?,
                    })
                })
                .map_err(self.error())?;
            for row in rows {
                out.push(row.map_err(self.error())?);
            }
        }
        Ok(out)
    }

    /// Records parsed files and their stories, replacing what the index held for them, in one transaction.
    ///
    /// # Errors
    /// When SQLite fails; nothing is changed then.
    pub fn write_files(&mut self, parsed: &[Parsed]) -> Result<(), DbError> {
        let path = self.path.clone().unwrap_or_else(|| ":memory:".into());
        let fail = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut drop_stories = tx
                .prepare_cached("DELETE FROM stories WHERE path = ?1")
                .map_err(fail)?;
            let mut file = tx
                .prepare_cached("INSERT OR REPLACE INTO files (path, size, mtime, error) VALUES (?1, ?2, ?3, ?4)")
                .map_err(fail)?;
            let mut story = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO stories
                     (path, entry, id, format, section, title, byline, published, url, lead, related, title_key, lead_key, id_key, source)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                )
                .map_err(fail)?;
            let mut folded = String::new();
            for p in parsed {
                let file_path = path_text(&p.stamp.path);
                // Another broadsheet may have indexed the file since this scan read the index: whatever
                // is there for it goes (a cheap index lookup when nothing is).
                drop_stories.execute([&file_path]).map_err(fail)?;
                let error = match &p.outcome {
                    Ok(_) if p.warnings.is_empty() => None,
                    Ok(_) => Some(p.warnings.join("; ")),
                    Err(e) => Some(e.clone()),
                };
                let size = i64::try_from(p.stamp.size).unwrap_or(i64::MAX);
                file.execute(params![file_path, size, p.stamp.mtime, error])
                    .map_err(fail)?;
                for a in p.outcome.as_ref().map_or(&[][..], Vec::as_slice) {
                    let lead = a.first_paragraph();
                    folded.clear();
                    crate::text::fold::fold_into(lead, &mut folded);
                    let lead_key = lead_prefix(&folded).map(key);
                    let related = serde_json::to_string(&a.related).unwrap_or_else(|_| "[]".into());
                    story
                        .execute(params![
                            file_path,
                            i64::try_from(a.entry).unwrap_or(0),
                            a.id.to_string(),
                            a.format.name(),
                            a.section,
                            a.title,
                            a.byline,
                            a.published.map(|d| d.to_rfc3339()),
                            a.url,
                            lead,
                            related,
                            key(&fold(&a.title)),
                            lead_key,
                            id_key(a.id),
                            a.source,
                        ])
                        .map_err(fail)?;
                }
            }
        }
        tx.commit().map_err(fail)
    }

    /// Forgets files (and their stories) that are gone.
    ///
    /// # Errors
    /// When SQLite fails; nothing is changed then.
    pub fn remove_files(&mut self, paths: &[PathBuf]) -> Result<(), DbError> {
        let path = self.path.clone().unwrap_or_else(|| ":memory:".into());
        let fail = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        let tx = self.conn.transaction().map_err(fail)?;
        {
            let mut files = tx
                .prepare_cached("DELETE FROM files WHERE path = ?1")
                .map_err(fail)?;
            let mut stories = tx
                .prepare_cached("DELETE FROM stories WHERE path = ?1")
                .map_err(fail)?;
            for p in paths {
                let text = path_text(p);
                files.execute([&text]).map_err(fail)?;
                stories.execute([&text]).map_err(fail)?;
            }
        }
        tx.commit().map_err(fail)
    }

    /// Points each related link at the indexed story it teases: its folded text equals a headline, or is
    /// the start of a first paragraph (a trailing ellipsis ignored).
    ///
    /// # Errors
    /// When SQLite fails.
    pub fn resolve(&self, links: &mut [RelatedLink]) -> Result<(), DbError> {
        let mut by_title = self
            .conn
            .prepare_cached("SELECT id FROM stories WHERE title_key = ?1 LIMIT 1")
            .map_err(self.error())?;
        let mut by_lead = self
            .conn
            .prepare_cached("SELECT id, lead FROM stories WHERE lead_key = ?1")
            .map_err(self.error())?;
        let mut by_id = self
            .conn
            .prepare_cached("SELECT 1 FROM stories WHERE id_key = ?1 AND id = ?2 LIMIT 1")
            .map_err(self.error())?;
        for link in links {
            if let Some(url) = &link.url {
                let id = ArticleId::from_url(url);
                if by_id
                    .exists(params![id_key(id), id.to_string()])
                    .map_err(self.error())?
                {
                    link.target = Some(id);
                    continue;
                }
            }
            let folded = fold(&link.text);
            let teaser = folded.trim_end_matches("...").trim_end();
            if teaser.is_empty() {
                continue;
            }
            let mut rows = by_title.query([key(teaser)]).map_err(self.error())?;
            if let Some(row) = rows.next().map_err(self.error())? {
                link.target = ArticleId::parse(&row.get::<_, String>(0).map_err(self.error())?);
                continue;
            }
            let Some(prefix) = lead_prefix(teaser) else {
                continue;
            };
            let mut rows = by_lead.query([key(prefix)]).map_err(self.error())?;
            while let Some(row) = rows.next().map_err(self.error())? {
                let lead: String = row.get(1).map_err(self.error())?;
                if fold(&lead).starts_with(teaser) {
                    link.target = ArticleId::parse(&row.get::<_, String>(0).map_err(self.error())?);
                    break;
                }
            }
        }
        Ok(())
    }
}
