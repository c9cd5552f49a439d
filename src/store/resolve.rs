//! Related-link resolution: a teaser points at the stored story whose headline or opening it matches.

use std::collections::HashMap;

use super::index::lead_prefix;
use crate::model::{Article, ArticleId};
use crate::text::fold::fold_into;

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
        fold_into(&a.title, &mut buf);
        by_title.entry(buf.clone()).or_insert(a.id);
        buf.clear();
        fold_into(a.first_paragraph(), &mut buf);
        if let Some(key) = lead_prefix(&buf) {
            by_opening
                .entry(key.to_owned())
                .or_default()
                .push((a.id, buf.clone()));
        }
    }
    let ids: std::collections::HashSet<ArticleId> = articles.iter().map(|a| a.id).collect();
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
