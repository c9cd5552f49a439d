//! What `show --json` says of a story's kin: its stored copies (`copies`) and the stored stories most
//! like it (`similar`), both from the index, never from the files.

use std::path::Path;

use crate::cluster::Groups;
use crate::model::{Article, CopyJson, SimilarJson};
use crate::search::engine::{FOLDER, SearchIndex};
use crate::store::db::Db;

/// A story's copies and the stories most like it.
pub type Kin = (Vec<CopyJson>, Vec<SimilarJson>);

/// Each story's copies (itself first, when the index holds it) and the stories most like it; both empty
/// for a story the index does not hold, or when there is no index.
#[must_use]
pub fn kin(db: &Db, dir: Option<&Path>, stories: &[Article]) -> Vec<Kin> {
    let everything = [std::path::PathBuf::from("/")];
    let groups = Groups::new(db.signals(&everything).unwrap_or_default());
    let index = dir.and_then(|d| SearchIndex::open_to_read(&d.join(FOLDER)));
    stories
        .iter()
        .map(|a| {
            let id = a.head.id;
            let mut ids = vec![id];
            ids.extend(groups.copies(id).into_iter().filter(|&c| c != id));
            let copies: Vec<CopyJson> =
                ids.iter()
                    .flat_map(|&c| {
                        db.places_of(c).unwrap_or_default().into_iter().map(
                            move |(path, format, _)| CopyJson {
                                id: c,
                                path: path.display().to_string(),
                                format,
                            },
                        )
                    })
                    .collect();
            // Asked for more than are shown: copies of one story count once (the best-scored).
            let mut seen = Vec::new();
            let similar = index
                .as_ref()
                .and_then(|i| i.similar(id, &ids, 4 * crate::app::kin::MOST_SIMILAR).ok())
                .unwrap_or_default()
                .into_iter()
                .filter(|&(other, _)| {
                    let group = groups.group_of(other);
                    let first = !seen.contains(&group);
                    seen.push(group);
                    first
                })
                .take(crate::app::kin::MOST_SIMILAR)
                .filter_map(|(other, score)| {
                    let (_, _, title) = db.places_of(other).ok()?.into_iter().next()?;
                    Some(SimilarJson {
                        id: other,
                        title,
                        score,
                    })
                })
                .collect();
            (copies, similar)
        })
        .collect()
}
