//! The full-text index (tantivy), kept next to the database: one document per story row, written by the
//! scan after the rows it mirrors, and searched by query.
//!
//! The database stays the truth. A file whose stories reach the database is listed in `search_pending` in
//! the same transaction, and leaves it only once the index has committed its documents; a file still listed
//! when a scan starts (the process was killed in between) is read again. Results are always matched back to
//! the stories being read by id, so a document the index still holds for a story since removed is never
//! shown.

mod collect;
mod compile;
mod similar;
mod tokenizer;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use tantivy::schema::{
    FAST, Field as IndexField, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

pub use compile::{BOOSTS, PREFIX_EXPANSIONS};

use self::collect::AllHits;
use super::document::{COLUMNS, Document};
use super::query::{Expr, Field};
use super::rank::{self, Found, Matches};
use crate::model::{ArticleId, Headline};
use crate::search::query::Sort;

/// The index folder's name inside the data directory.
pub const FOLDER: &str = "search";

/// The fast fields holding a story id's high and low 64 bits.
const ID_HIGH: &str = "id_high";
const ID_LOW: &str = "id_low";

/// The fast field holding when the story was published (Unix seconds), for sorting and ties.
const PUBLISHED: &str = "published";

/// What an undated story holds in [`PUBLISHED`].
const UNDATED: i64 = i64::MIN;

/// The field holding the story's file, to drop a file's documents when it changes or goes.
const PATH: &str = "path";

/// The field holding the story's id in hex, to find its document.
const KEY: &str = "key";

/// The stored field holding the story's text, for snippets (compressed in the document store).
const TEXT: &str = "text";

/// Threads that turn documents into index segments while a scan runs: both cores, as parsing waits on
/// them at the end of a first scan.
const WRITER_THREADS: usize = 2;

/// The memory the index writer may fill before it writes a segment, for all its threads. Larger
/// segments mean fewer merges: 192 MB keeps a first scan of 100,000 stories to a few segments. It is
/// only held while a scan writes (the writer is let go at its end).
const WRITER_MEMORY: usize = 192 * 1024 * 1024;

/// The index's fields.
#[derive(Clone, Debug)]
pub struct Fields {
    /// The text columns, in `COLUMNS` order.
    pub columns: [IndexField; 7],
    path: IndexField,
    key: IndexField,
    text: IndexField,
    id_high: IndexField,
    id_low: IndexField,
    published: IndexField,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer::NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let columns = COLUMNS.map(|name| builder.add_text_field(name, text.clone()));
    let path = builder.add_text_field(PATH, STRING);
    let key = builder.add_text_field(KEY, STRING);
    let text = builder.add_text_field(TEXT, STORED);
    let id_high = builder.add_u64_field(ID_HIGH, FAST);
    let id_low = builder.add_u64_field(ID_LOW, FAST);
    let published = builder.add_i64_field(PUBLISHED, FAST);
    (
        builder.build(),
        Fields {
            columns,
            path,
            key,
            text,
            id_high,
            id_low,
            published,
        },
    )
}

/// Why the index cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("the search index {}: {cause}", path.display())]
pub struct EngineError {
    /// The index folder, or `memory`.
    pub path: PathBuf,
    /// What went wrong.
    pub cause: tantivy::TantivyError,
}

/// The open index, its reader, and its writer once something was written.
pub struct SearchIndex {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    place: PathBuf,
    /// Whether the index was made just now (so everything indexed before must be read again).
    pub fresh: bool,
    /// Files written since the last commit (their `search_pending` rows go once it is made).
    pub uncommitted: Vec<String>,
    /// When the last commit was made.
    pub committed_at: std::time::Instant,
    /// Commits made since the index was opened: a scan tells the reader when searches find more.
    pub commits: u64,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("place", &self.place)
            .field("fresh", &self.fresh)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir`, making it when there is none, or anew when it cannot be read or was
    /// made with other fields.
    ///
    /// # Errors
    /// When the folder cannot be made or written.
    pub fn open(dir: &Path) -> Result<Self, EngineError> {
        let fail = |cause| EngineError {
            path: dir.to_path_buf(),
            cause,
        };
        let (schema, fields) = schema();
        let existing = Index::open_in_dir(dir)
            .ok()
            .filter(|i| i.schema() == schema);
        let (index, fresh) = if let Some(index) = existing {
            (index, false)
        } else {
            // None, damaged, or from an older layout: start again (the scan fills it).
            let _ = std::fs::remove_dir_all(dir);
            std::fs::create_dir_all(dir).map_err(|e| fail(e.into()))?;
            (Index::create_in_dir(dir, schema).map_err(fail)?, true)
        };
        Self::ready(index, fields, dir.to_path_buf(), fresh).map_err(fail)
    }

    /// Opens the index in `dir` to search only; `None` while there is none (a first scan makes it).
    #[must_use]
    pub fn open_to_read(dir: &Path) -> Option<Self> {
        let (schema, fields) = schema();
        let index = Index::open_in_dir(dir)
            .ok()
            .filter(|i| i.schema() == schema)?;
        Self::ready(index, fields, dir.to_path_buf(), false).ok()
    }

    /// An index in memory (for a database in memory).
    ///
    /// # Errors
    /// Only if tantivy fails.
    pub fn in_memory() -> Result<Self, EngineError> {
        let (schema, fields) = schema();
        let place = PathBuf::from("memory");
        let index = Index::create_in_ram(schema);
        Self::ready(index, fields, place.clone(), true)
            .map_err(|cause| EngineError { path: place, cause })
    }

    fn ready(index: Index, fields: Fields, place: PathBuf, fresh: bool) -> tantivy::Result<Self> {
        index
            .tokenizers()
            .register(tokenizer::NAME, TextAnalyzer::from(tokenizer::Words));
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            index,
            fields,
            reader,
            writer: None,
            place,
            fresh,
            uncommitted: Vec::new(),
            committed_at: std::time::Instant::now(),
            commits: 0,
        })
    }

    fn error(&self, cause: tantivy::TantivyError) -> EngineError {
        EngineError {
            path: self.place.clone(),
            cause,
        }
    }

    fn writer(&mut self) -> Result<&IndexWriter, EngineError> {
        if self.writer.is_none() {
            let writer = self
                .index
                .writer_with_num_threads(WRITER_THREADS, WRITER_MEMORY)
                .map_err(|e| self.error(e))?;
            self.writer = Some(writer);
        }
        self.writer
            .as_ref()
            .ok_or_else(|| self.error(tantivy::TantivyError::InternalError("no writer".into())))
    }

    /// Replaces a file's documents with these (none: the file is gone or has no stories); `replacing`
    /// is false for a file never indexed, which has none to drop. Seen by searches after
    /// [`SearchIndex::commit`].
    ///
    /// # Errors
    /// When the index cannot be written (another broadsheet holds its lock, say).
    pub fn replace(
        &mut self,
        path: &str,
        documents: &[(&Headline, &Document)],
        replacing: bool,
    ) -> Result<(), EngineError> {
        let fields = self.fields.clone();
        let place = self.place.clone();
        let fail = |cause| EngineError {
            path: place.clone(),
            cause,
        };
        let writer = self.writer()?;
        if replacing {
            writer.delete_term(Term::from_field_text(fields.path, path));
        }
        for (head, doc) in documents {
            let id = head.id;
            let mut d = TantivyDocument::default();
            for (field, text) in fields.columns.iter().zip(doc.texts()) {
                if !text.is_empty() {
                    d.add_text(*field, text);
                }
            }
            d.add_text(fields.path, path);
            d.add_text(fields.key, id.to_string());
            d.add_text(fields.text, &doc.text);
            #[allow(clippy::cast_possible_truncation)]
            {
                d.add_u64(fields.id_high, (id.0 >> 64) as u64);
                d.add_u64(fields.id_low, id.0 as u64);
            }
            d.add_i64(
                fields.published,
                head.published.map_or(UNDATED, |p| p.timestamp()),
            );
            writer.add_document(d).map_err(fail)?;
        }
        Ok(())
    }

    /// Makes what was written since the last commit durable and searchable. Returns whether there was a
    /// writer to commit (none: nothing was written since it was let go).
    ///
    /// # Errors
    /// When the index cannot be written.
    pub fn commit(&mut self) -> Result<bool, EngineError> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(false);
        };
        let committed = writer.commit();
        committed.map_err(|e| self.error(e))?;
        self.fresh = false;
        self.committed_at = std::time::Instant::now();
        self.commits += 1;
        self.reader.reload().map_err(|e| self.error(e))?;
        Ok(true)
    }

    /// Lets go of the writer (its threads and memory, and the lock another broadsheet may be waiting for),
    /// after the last commit of a scan. Merges of segments under way are finished first: dropped half
    /// done, their output would stay on disk as garbage and the work be done again next time.
    ///
    /// Files written but not committed (the last commit failed) lose their documents with the writer: they
    /// are forgotten here, and stay listed as pending in the database, so the next scan reads them again.
    pub fn release(&mut self) {
        if let Some(writer) = self.writer.take() {
            let _ = writer.wait_merging_threads();
        }
        self.uncommitted.clear();
    }

    /// What the index matches for a query's words (`None`: no words, every story), in the order
    /// `sort` asks for: by relevance, a headline match (found by a second search, with the unfielded
    /// words looked for in headlines only) before a body match, then the score, ties to the newer story;
    /// or by date, undated last. Sorted here, on the worker, so the reader only has to list them.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn find(&self, text: Option<&Expr>, sort: Sort) -> Result<Matches, EngineError> {
        let Some(expr) = text else {
            return Ok(Matches::All);
        };
        // Another broadsheet (or this one's scan) may have committed since.
        self.reader.reload().map_err(|e| self.error(e))?;
        let searcher = self.reader.searcher();
        let query = compile::compile(&self.fields, expr, None);
        let hits = searcher
            .search(&*query, &AllHits { scored: true })
            .map_err(|e| self.error(e))?;
        let title = compile::compile(&self.fields, expr, Some(Field::Title));
        let in_title: HashSet<ArticleId> = searcher
            .search(&*title, &AllHits { scored: false })
            .map_err(|e| self.error(e))?
            .into_iter()
            .map(|(id, _, _)| id)
            .collect();
        let mut found: Vec<(Found, Option<i64>)> = hits
            .into_iter()
            .map(|(id, score, published)| {
                let found = Found {
                    id,
                    score,
                    in_title: in_title.contains(&id),
                };
                (found, published)
            })
            .collect();
        rank::sort_found(&mut found, sort);
        Ok(Matches::Only(found.into_iter().map(|(f, _)| f).collect()))
    }

    /// The stored text of a story, for snippets; `None` when the index holds none.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn text_of(&self, id: ArticleId) -> Result<Option<String>, EngineError> {
        let searcher = self.reader.searcher();
        let query = tantivy::query::TermQuery::new(
            Term::from_field_text(self.fields.key, &id.to_string()),
            IndexRecordOption::Basic,
        );
        let top = searcher
            .search(&query, &tantivy::collector::TopDocs::with_limit(1))
            .map_err(|e| self.error(e))?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address).map_err(|e| self.error(e))?;
        Ok(doc
            .get_first(self.fields.text)
            .and_then(|v| tantivy::schema::Value::as_str(&v))
            .map(str::to_owned))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_let_go_before_a_commit_are_not_taken_for_committed() {
        let store = crate::samples::load_listed();
        let article = &store.articles[0];
        let (head, doc) = (Headline::from(article), Document::of(article));
        let mut index = SearchIndex::in_memory().unwrap();
        index.replace("a.txt", &[(&head, &doc)], false).unwrap();
        index.uncommitted.push("a.txt".to_owned());
        // The last commit of a scan failed, and the writer was let go with the document.
        index.release();
        assert!(index.uncommitted.is_empty(), "forgotten: it stays pending");
        assert!(!index.commit().unwrap(), "no writer: nothing committed");
        index.replace("a.txt", &[(&head, &doc)], false).unwrap();
        assert!(index.commit().unwrap());
    }
}
