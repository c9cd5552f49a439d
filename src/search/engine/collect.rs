//! Collecting every match with its score and story id (the ranking happens afterwards, over the stories
//! being read, with filters the index does not hold).

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentReader};

use super::{ID_HIGH, ID_LOW};
use crate::model::ArticleId;

/// Every matching story and its score.
pub struct AllHits {
    /// Whether scores are wanted (a set of matches needs none).
    pub scored: bool,
}

/// The hits of one segment.
pub struct SegmentHits {
    high: Column<u64>,
    low: Column<u64>,
    hits: Vec<(ArticleId, Score)>,
}

impl Collector for AllHits {
    type Fruit = Vec<(ArticleId, Score)>;
    type Child = SegmentHits;

    fn for_segment(&self, _ord: u32, segment: &SegmentReader) -> tantivy::Result<SegmentHits> {
        let fast = segment.fast_fields();
        Ok(SegmentHits {
            high: fast.u64(ID_HIGH)?,
            low: fast.u64(ID_LOW)?,
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
    type Fruit = Vec<(ArticleId, Score)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        if let (Some(high), Some(low)) = (self.high.first(doc), self.low.first(doc)) {
            self.hits
                .push((ArticleId((u128::from(high) << 64) | u128::from(low)), score));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}
