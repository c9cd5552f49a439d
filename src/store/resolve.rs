//! Related-link resolution: a teaser points at the stored story whose headline or opening it matches,
//! among stories in memory or through the index.

use std::collections::HashMap;

use rusqlite::params;

use super::db::{Db, DbError};
use super::index::{LEAD_KEPT, id_key, key, lead_prefix};
use crate::model::{Article, ArticleId, RelatedLink};
use crate::text::fold::{fold, fold_into};

/// Fills in `target` on every related link that matches a story in `articles`: its folded text equals a
/// story's folded headline, or is the start of a story's folded first paragraph. A trailing ellipsis on a
/// teaser ("…", "...") is ignored.
pub fn resolve(articles: &mut [Article]) {
    let mut buf = String::new();
    let mut by_title: HashMap<String, ArticleId> = HashMap::with_capacity(articles.len());
    // Keyed by the first bytes of the folded paragraph (the same key the index uses); holds the id and the whole folded paragraph for the final check.
    let mut by_opening: HashMap<String, Vec<(ArticleId, String)>> =
        HashMap::with_capacity(articles.len());
    for a in articles.iter() {
        buf.clear();
        fold_into(&a.head.title, &mut buf);
        by_title.entry(buf.clone()).or_insert(a.head.id);
        buf.clear();
        fold_into(a.first_paragraph(), &mut buf);
        if let Some(key) = lead_prefix(&buf) {
            by_opening
                .entry(key.to_owned())
                .or_default()
                .push((a.head.id, buf.clone()));
        }
    }
    let ids: std::collections::HashSet<ArticleId> = articles.iter().map(|a| a.head.id).collect();
    for a in articles.iter_mut() {
        for link in &mut a.related {
            // A link with an address points at the stored story with that address.
            if let Some(url) = &link.url
                && ids.contains(&ArticleId::from_url(url))
            {
                link.target = Some(ArticleId::from_url(url));
                continue;
            }
            buf.clear();
            fold_into(&link.text, &mut buf);
            let teaser = buf.trim_end_matches("...").trim_end();
            if teaser.is_empty() {
                continue;
            }
            link.target = by_title.get(teaser).copied().or_else(|| {
                let candidates = by_opening.get(lead_prefix(teaser)?)?;
                candidates
                    .iter()
                    .find(|(_, para)| para.starts_with(teaser))
                    .map(|(id, _)| *id)
            });
        }
    }
}

/// Whether a lead read back from the index may have been cut by [`super::index::kept_lead`] (a cut lead is at most three
/// bytes short of [`LEAD_KEPT`]).
fn may_be_cut(kept: &str) -> bool {
    kept.len() + 3 >= LEAD_KEPT
}

/// Whether a folded teaser points at a story whose kept lead, folded, is `lead`: the lead starts with the
/// teaser, or the lead was cut and the teaser starts with all of it.
fn teases(lead: &str, teaser: &str, cut: bool) -> bool {
    lead.starts_with(teaser) || (cut && teaser.starts_with(lead))
}

impl Db {
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
                if teases(&fold(&lead), teaser, may_be_cut(&lead)) {
                    link.target = ArticleId::parse(&row.get::<_, String>(0).map_err(self.error())?);
                    break;
                }
            }
        }
        Ok(())
    }
}
