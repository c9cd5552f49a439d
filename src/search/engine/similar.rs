//! "More like this": the stored stories nearest a story, by the terms that weigh most in its text (its
//! stored text cut into the body column's terms, each weighed by its count times its rarity, the 25
//! heaviest asked for together), read from the index, never from the files. Terms of equal weight are
//! taken in their own order, so the same store always gives the same stories.

use std::collections::HashMap;

use tantivy::Term;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::tokenizer::TokenStream;

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
        let field = self.fields.columns[5];
        let mut analyzer = self
            .index
            .tokenizer_for_field(field)
            .map_err(|e| self.error(e))?;
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut stream = analyzer.token_stream(&text);
        while stream.advance() {
            let word = &stream.token().text;
            if word.chars().count() >= SHORTEST_WORD {
                *counts.entry(word.clone()).or_default() += 1;
            }
        }
        let common = (stories / COMMON).max(2);
        let mut weighed: Vec<(f32, String)> = Vec::with_capacity(counts.len());
        for (word, count) in counts {
            let term = Term::from_field_text(field, &word);
            let stored = searcher.doc_freq(&term).map_err(|e| self.error(e))?;
            // In no other story, or in too many: it says nothing of which stories are alike.
            if stored < 2 || stored > common {
                continue;
            }
            #[allow(clippy::cast_precision_loss)]
            let rarity = ((stories as f32 + 1.0) / (stored as f32 + 1.0)).ln() + 1.0;
            #[allow(clippy::cast_precision_loss)]
            weighed.push((count as f32 * rarity, word));
        }
        weighed.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        weighed.truncate(QUERY_TERMS);
        if weighed.is_empty() {
            return Ok(Vec::new());
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = weighed
            .into_iter()
            .map(|(weight, word)| {
                let term = TermQuery::new(
                    Term::from_field_text(field, &word),
                    IndexRecordOption::WithFreqs,
                );
                let query: Box<dyn Query> = Box::new(BoostQuery::new(Box::new(term), weight));
                (Occur::Should, query)
            })
            .collect();
        let query = BooleanQuery::new(clauses);
        // Twice what is wanted, so that stories tied at the edge are all in hand before the cut.
        let wanted = 2 * (limit + besides.len() + 1);
        let top = searcher
            .search(&query, &TopDocs::with_limit(wanted))
            .map_err(|e| self.error(e))?;
        let mut found: Vec<(ArticleId, f32)> = Vec::with_capacity(top.len());
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
            let other = ArticleId((u128::from(high) << 64) | u128::from(low));
            if other != id && !besides.contains(&other) && !found.iter().any(|(f, _)| *f == other) {
                found.push((other, score));
            }
        }
        // Equal scores by id, whatever order the segments answered in.
        found.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        found.truncate(limit);
        Ok(found)
    }
}
