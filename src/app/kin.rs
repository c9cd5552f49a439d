//! The sidebar's stored kin of the story on screen: its copies ("Same story elsewhere", each with its
//! source, format and date, and the one whose text is shown said so) and the stored stories most like it
//! ("More like this"), placed after its own related teasers and wrapped on the update side, so render only
//! reads them.

use super::effect::Effect;
use super::state::State;
use crate::model::{ArticleId, Headline};
use crate::search::SearchJob;
use crate::text::width::{fit, wrap};
use crate::view::reflow::{Opens, SidebarItem};

/// A story has "More like this" when it has fewer related teasers of its own than this: three teasers
/// fill a sidebar on a 40-row terminal, and below that the pane is mostly empty.
pub const MIN_RELATED: usize = 3;

/// Most stories under "More like this": five fit a 40-row sidebar beside the teasers a story may have.
pub const MOST_SIMILAR: usize = 5;

/// A stored story like the one shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Similar {
    /// The story.
    pub id: ArticleId,
    /// Its headline.
    pub title: String,
    /// Its section or source, for the label above it.
    pub label: Option<String>,
}

/// Where a copy comes from, for the label above it: its feed's title, else the folder it sits in.
fn source_of(h: &Headline) -> String {
    h.source
        .clone()
        .or_else(|| {
            h.path
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_default()
}

/// The sidebar items of a story whose own items are `own` (its `related` teasers first): `own`'s
/// teasers, then its other copies, then the stories like it (when it has fewer than [`MIN_RELATED`]
/// teasers), then the rest of `own`. `shown` is the copy whose text is on screen.
#[must_use]
pub fn items(
    own: &[SidebarItem],
    related: usize,
    copies: &[Headline],
    shown: &Headline,
    similar: &[Similar],
    width: u16,
) -> Vec<SidebarItem> {
    let w = usize::from(width.max(4));
    let related = related.min(own.len());
    let mut out: Vec<SidebarItem> = own[..related].to_vec();
    for (i, c) in copies.iter().enumerate() {
        let date = c.published.map_or_else(
            || "undated".to_owned(),
            |d| d.format("%Y-%m-%d").to_string(),
        );
        let is_shown = c.path == shown.path && c.entry == shown.entry;
        let mut line = format!("{} \u{b7} {date}", c.format.name());
        if is_shown {
            line.push_str(" \u{b7} text shown");
        }
        let mut lines = wrap(&line, w, "", "");
        if let Some(name) = c.path.file_name() {
            lines.push(fit(&name.to_string_lossy(), w));
        }
        out.push(SidebarItem {
            heading: (i == 0).then_some("Same story elsewhere"),
            section: Some(fit(&source_of(c), w)),
            lines,
            resolved: true,
            url: c.url.clone(),
            body_link: false,
            media: false,
            opens: Some(Opens::Copy(Box::new(c.clone()))),
        });
    }
    if related < MIN_RELATED {
        out.extend(
            similar
                .iter()
                .take(MOST_SIMILAR)
                .enumerate()
                .map(|(i, s)| SidebarItem {
                    heading: (i == 0).then_some("More like this"),
                    section: s.label.as_deref().map(|l| fit(l, w)),
                    lines: wrap(&s.title, w, "", ""),
                    resolved: true,
                    url: None,
                    body_link: false,
                    media: false,
                    opens: Some(Opens::Story(s.id)),
                }),
        );
    }
    out.extend_from_slice(&own[related..]);
    out
}

/// Works out the sidebar's items for the story on screen, and asks for the stories like it when it has
/// fewer than [`MIN_RELATED`] teasers and they were not asked for yet.
pub(super) fn gather(state: &mut State) {
    state.kin.clear();
    let Some(current) = state.current() else {
        return;
    };
    let id = current.id;
    let Some(view) = state.view().filter(|v| !v.placeholder) else {
        return;
    };
    let related = view.story.related.len();
    if related < MIN_RELATED && state.similar_asked != Some(id) {
        let besides = state.list.copies().of(id).iter().map(|c| c.id).collect();
        state.similar_asked = Some(id);
        state
            .outbox
            .push(Effect::Search(SearchJob::Similar { id, besides }));
    }
    let Some(view) = state.view() else { return };
    let copies = state.list.copies().of(id);
    let similar: Vec<Similar> = state
        .similar
        .iter()
        .filter(|(of, _)| *of == id)
        .flat_map(|(_, s)| s.iter())
        .filter(|s| s.id != id && !copies.iter().any(|c| c.id == s.id))
        .cloned()
        .collect();
    if copies.is_empty() && similar.is_empty() {
        return;
    }
    let Some(shown) = state.shown() else { return };
    let (_, width) = state.text_widths();
    state.kin = items(&view.sidebar, related, copies, shown, &similar, width);
}

/// Takes in the stories most like `id` that the search worker found: each shown by the story listed for
/// it (a copy by the fullest), once, never `id` itself, a story its own teasers point to, nor one the
/// list does not hold.
pub(super) fn take(state: &mut State, id: ArticleId, found: &[ArticleId]) {
    let teased: Vec<ArticleId> = state
        .story_view()
        .filter(|v| v.story.head.id == id)
        .map(|v| v.story.related.iter().filter_map(|r| r.target).collect())
        .unwrap_or_default();
    let mut similar: Vec<Similar> = Vec::new();
    for &other in found {
        let other = state.list.copies().lead_of(other).unwrap_or(other);
        if other == id || teased.contains(&other) || similar.iter().any(|s| s.id == other) {
            continue;
        }
        let Some(h) = state.list.headline(other) else {
            continue;
        };
        similar.push(Similar {
            id: other,
            title: h.title.clone(),
            label: h.label().map(str::to_owned),
        });
    }
    similar.truncate(MOST_SIMILAR);
    state.similar = Some((id, similar));
}
