//! "More like this": the stored stories nearest a story, by the terms that weigh most in its text
//! (tantivy's more-like-this query over the body column), read from the index, never from the files.

use tantivy::collector::TopDocs;
use tantivy::query::MoreLikeThisQuery;
use tantivy::schema::OwnedValue;

use super::{EngineError, ID_HIGH, ID_LOW, SearchIndex};
use crate::model::ArticleId;

/// Terms the query is made of: the story's 25 weightiest. Fewer miss what a long story is about; more
/// add terms that weigh little and cost a posting list each.
const QUERY_TERMS: usize = 25;

/// A term in more than this share of the stories says nothing of what one is about ("said", "year"):
/// left out. One in 20 keeps a topic's words (a storm's "flood", "tide") in a store of mixed news.
const COMMON: u64 = 20;

/// Shortest word that counts: two-letter words are mostly function words in the languages stored.
const SHORTEST_WORD: usize = 3;

impl SearchIndex {
    /// The `limit` stories most like story `id` (its text as the index stores it), best first, with the
    /// engine's score; never `id` itself nor any id in `besides` (its copies). Empty when the index holds
    /// no text for it.
    ///
    /// # Errors
    /// When the index cannot be read.
    pub fn similar(
        &self,
        id: ArticleId,
        besides: &[ArticleId],
        limit: usize,
    ) -> Result<Vec<(ArticleId, f32)>, EngineError> {
        // Another broadsheet (or this one's scan) may have committed since.
        self.reader.reload().map_err(|e| self.error(e))?;
        let Some(text) = self.text_of(id)? else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let stories = searcher.num_docs();
        let query = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(2)
            .with_max_doc_frequency((stories / COMMON).max(2))
            .with_min_term_frequency(1)
            .with_max_query_terms(QUERY_TERMS)
            .with_min_word_length(SHORTEST_WORD)
            .with_document_fields(vec![(self.fields.columns[5], vec![OwnedValue::Str(text)])]);
        let wanted = limit + besides.len() + 1;
        let top = searcher
            .search(&query, &TopDocs::with_limit(wanted))
            .map_err(|e| self.error(e))?;
        let mut out = Vec::with_capacity(limit);
        for (score, address) in top {
            let segment = searcher.segment_reader(address.segment_ord);
            let fast = segment.fast_fields();
            let (Ok(high), Ok(low)) = (fast.u64(ID_HIGH), fast.u64(ID_LOW)) else {
                continue;
            };
            let (Some(high), Some(low)) = (high.first(address.doc_id), low.first(address.doc_id))
            else {
                continue;
            };
            let found = ArticleId((u128::from(high) << 64) | u128::from(low));
            if found != id && !besides.contains(&found) && !out.iter().any(|(f, _)| *f == found) {
                out.push((found, score));
            }
            if out.len() == limit {
                break;
            }
        }
        Ok(out)
    }
}
