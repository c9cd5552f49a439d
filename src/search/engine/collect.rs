//! Collecting every match with its score and story id (the ranking happens afterwards, over the stories
//! being read, with filters the index does not hold).

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentReader};

use super::{ID_HIGH, ID_LOW, PUBLISHED};
use crate::model::ArticleId;

/// Every matching story and its score.
pub struct AllHits {
    /// Whether scores are wanted (a set of matches needs none).
    pub scored: bool,
}

/// One hit: the story, its score, and when it was published (Unix seconds; `None`: undated).
pub type Hit = (ArticleId, Score, Option<i64>);

/// The hits of one segment.
pub struct SegmentHits {
    high: Column<u64>,
    low: Column<u64>,
    published: Column<i64>,
    hits: Vec<Hit>,
}

impl Collector for AllHits {
    type Fruit = Vec<Hit>;
    type Child = SegmentHits;

    fn for_segment(&self, _ord: u32, segment: &SegmentReader) -> tantivy::Result<SegmentHits> {
        let fast = segment.fast_fields();
        Ok(SegmentHits {
            high: fast.u64(ID_HIGH)?,
            low: fast.u64(ID_LOW)?,
            published: fast.i64(PUBLISHED)?,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentHits {
    type Fruit = Vec<Hit>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let (Some(high), Some(low)) = (self.high.first(doc), self.low.first(doc)) {
            let published = self.published.first(doc).filter(|&t| t != super::UNDATED);
            self.hits.push((
                ArticleId((u128::from(high) << 64) | u128::from(low)),
                score,
                published,
            ));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}
