//! The article pane's model: the stories the worker has parsed, each reflowed for the pane widths (once,
//! so render only reads), the scroll offset, and which story is being loaded. A story not parsed yet shows
//! its headline and a quiet "Loading…" line, and is asked for with an `Effect::Load`; the latest selection
//! wins, so holding a key never waits on a parse.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::effect::Effect;
use crate::action::Loaded;
use crate::action::Painted;
use crate::model::{Article, ArticleId, Block, Headline};
use crate::pictures::Picture;
use crate::view::reflow::{self, Line, LineKind, Reflowed, SidebarItem};

/// How many parsed stories and reflowed views are kept: enough to go back and forth over the last few
/// dozen stories without a parse.
const CACHE_LIMIT: usize = 64;

/// How much story text the caches hold at most: a few hundred ordinary stories, or two or three of the
/// biggest files a loader accepts (32 MB), so huge stories cannot pile up in memory.
const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// What the loading line says.
pub const LOADING: &str = "Loading\u{2026}";

/// A story reflowed for the current pane widths.
#[derive(Debug)]
pub struct View {
    /// The whole story (for a placeholder, only its headline).
    pub story: Arc<Article>,
    /// The body at the article text width.
    pub article: Reflowed,
    /// The related links at the sidebar width.
    pub sidebar: Vec<SidebarItem>,
    /// The pictures drawn inline, each with the first of the lines kept for it.
    pub pictures: Vec<(usize, Arc<Picture>)>,
    /// The story generation it was built from.
    generation: u64,
    /// Only the headline and a loading line: the story is still being parsed.
    pub placeholder: bool,
}

/// A story's pictures ready to draw, each with its body block.
type Placed = Arc<[(usize, Arc<Picture>)]>;

/// Cache key: story, article text width, sidebar text width.
pub type ViewKey = (ArticleId, u16, u16);

/// Where to scroll a story once its view is ready.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restore {
    /// To the first line of this body block (where reading stopped).
    Block(usize),
    /// To this line (a history entry).
    Line(usize),
}

/// The article pane.
#[derive(Debug, Default)]
pub struct ArticlePane {
    scroll: usize,
    /// How far wide tables and code are scrolled sideways, in columns.
    shift: usize,
    /// Bumped when the files under the stories may have changed (a scan step): older parses are shown
    /// until fresh ones arrive, but are asked for again.
    generation: u64,
    stories: HashMap<ArticleId, (u64, Arc<Article>)>,
    /// Text bytes of the stories held.
    story_bytes: usize,
    views: HashMap<ViewKey, Arc<View>>,
    placeholder: Option<(ViewKey, Arc<View>)>,
    /// The story asked of the worker and not back yet, with its generation.
    waiting: Option<(ArticleId, u64)>,
    restore: Option<Restore>,
    /// Whether pictures are drawn inline (the terminal can, or half blocks were asked for).
    painting: bool,
    /// Pictures ready to draw, by story and text width, each with its body block.
    pictures: HashMap<(ArticleId, u16), Placed>,
    /// The stories and widths whose pictures were asked for.
    painting_asked: HashSet<(ArticleId, u16)>,
}

impl ArticlePane {
    /// The scroll offset, in lines.
    #[must_use]
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// How far wide tables and code are scrolled sideways, in columns.
    #[must_use]
    pub fn shift(&self) -> usize {
        self.shift
    }

    pub(super) fn set_shift(&mut self, shift: usize) {
        self.shift = shift;
    }

    /// The story generation (see [`Loaded::generation`]).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The story being loaded, if one is.
    #[must_use]
    pub fn waiting(&self) -> Option<ArticleId> {
        self.waiting.map(|(id, _)| id)
    }

    /// The view for `key`: the story's own (fresh, or stale while a fresh parse comes), else its
    /// placeholder.
    #[must_use]
    pub fn view(&self, key: ViewKey) -> Option<&View> {
        self.views.get(&key).map(Arc::as_ref).or_else(|| {
            self.placeholder
                .as_ref()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| v.as_ref())
        })
    }

    pub(super) fn set_scroll(&mut self, scroll: usize) {
        self.scroll = scroll;
    }

    /// Draws pictures inline from now on.
    pub(super) fn start_painting(&mut self) {
        self.painting = true;
        self.views.clear();
    }

    /// Takes in a story's pictures: its views at their width are made again with room for them.
    pub(super) fn painted(&mut self, painted: Painted) {
        let key = (painted.id, painted.columns);
        self.views.retain(|k, _| (k.0, k.1) != key);
        if self.pictures.len() >= CACHE_LIMIT {
            self.pictures.clear();
        }
        self.pictures.insert(key, painted.pictures.into());
    }

    /// The `Effect::Paint` for a story's pictures on disk at `columns`, once per story and width.
    fn paint(&mut self, story: &Article, columns: u16) -> Option<Effect> {
        let key = (story.head.id, columns);
        if !self.painting || self.painting_asked.contains(&key) {
            return None;
        }
        if self.painting_asked.len() >= CACHE_LIMIT {
            self.painting_asked.clear();
        }
        self.painting_asked.insert(key);
        let sources: Vec<(usize, String)> = story
            .body
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b {
                Block::Image(image) if crate::pictures::is_local(&image.source) => {
                    Some((i, image.source.clone()))
                }
                _ => None,
            })
            .take(crate::pictures::MAX_PICTURES)
            .collect();
        if sources.is_empty() {
            return None;
        }
        Some(Effect::Paint {
            id: story.head.id,
            path: story.head.path.clone(),
            sources,
            columns,
        })
    }

    /// Asks for the scroll to be set once the story's own view is ready (now, if it is).
    pub(super) fn restore_when_ready(&mut self, restore: Option<Restore>) {
        self.restore = restore;
    }

    /// Takes the pending scroll, when `ready` (the story's own view is shown).
    pub(super) fn take_restore(&mut self, ready: bool) -> Option<Restore> {
        if ready { self.restore.take() } else { None }
    }

    /// Makes sure `headline`'s story has a view at the given widths: reflowed from a parsed story when
    /// there is one, else a placeholder, with an `Effect::Load` when the story has not been asked for yet.
    pub(super) fn prepare(
        &mut self,
        headline: &Headline,
        (article_w, sidebar_w): (u16, u16),
        date_format: &str,
    ) -> Option<Effect> {
        let key = (headline.id, article_w, sidebar_w);
        let widths = (article_w, sidebar_w);
        let fresh_view = self
            .views
            .get(&key)
            .is_some_and(|v| v.generation == self.generation);
        if fresh_view {
            // The worker's view came first: its pictures are asked for now.
            let story = self.stories.get(&headline.id).map(|(_, s)| Arc::clone(s))?;
            return self.paint(&story, article_w);
        }
        if self.views.len() >= CACHE_LIMIT {
            self.views.clear();
        }
        let story = self.stories.get(&headline.id).cloned();
        if let Some((generation, story)) = &story
            && (*generation == self.generation || !self.views.contains_key(&key))
        {
            // A fresh parse, or an older one while there is nothing better to show.
            let pictures = self.pictures.get(&(key.0, key.1)).cloned();
            let view = build(
                Arc::clone(story),
                key,
                date_format,
                *generation,
                pictures.as_deref(),
            );
            self.views.insert(key, Arc::new(view));
            if *generation == self.generation {
                return self.paint(story, article_w);
            }
        }
        if !self.views.contains_key(&key)
            && self.placeholder.as_ref().is_none_or(|(k, _)| *k != key)
        {
            let stub = Arc::new(stub(headline));
            self.placeholder = Some((key, Arc::new(placeholder(stub, key, date_format))));
        }
        if self.waiting == Some((headline.id, self.generation)) {
            return None;
        }
        self.waiting = Some((headline.id, self.generation));
        Some(Effect::Load {
            headline: headline.clone(),
            generation: self.generation,
            widths,
            date_format: date_format.to_owned(),
        })
    }

    /// Takes in a story from the worker, with its view when the worker reflowed it for the widths
    /// and date format in use. When the caches are full they are emptied, but for `current` (the story
    /// on screen) and this one.
    pub(super) fn loaded(&mut self, loaded: Loaded, date_format: &str, current: Option<ArticleId>) {
        if self.waiting == Some((loaded.id, loaded.generation)) {
            self.waiting = None;
        }
        let replaces = self
            .stories
            .get(&loaded.id)
            .is_none_or(|(g, _)| *g <= loaded.generation);
        if loaded.generation > self.generation || !replaces {
            return;
        }
        let bytes = text_bytes(&loaded.story);
        if self.stories.len() >= CACHE_LIMIT || self.story_bytes + bytes > CACHE_BYTES {
            // Dropped all at once, but for what is on screen: simple, and nothing shown flickers.
            let keep = |id: &ArticleId| *id == loaded.id || Some(*id) == current;
            self.stories.retain(|id, _| keep(id));
            self.story_bytes = self.stories.values().map(|(_, s)| text_bytes(s)).sum();
            self.views.retain(|k, _| keep(&k.0));
        }
        if loaded.generation == self.generation {
            // Views of an older parse go, so the next `prepare` reflows this one.
            self.views
                .retain(|k, v| k.0 != loaded.id || v.generation == loaded.generation);
        }
        if let Some(prepared) = loaded.view
            && prepared.date_format == date_format
        {
            let key = (loaded.id, prepared.widths.0, prepared.widths.1);
            let view = View {
                story: Arc::clone(&loaded.story),
                article: prepared.article,
                sidebar: prepared.sidebar,
                pictures: Vec::new(),
                generation: loaded.generation,
                placeholder: false,
            };
            self.views.insert(key, Arc::new(view));
        }
        self.story_bytes += bytes;
        if let Some((_, old)) = self
            .stories
            .insert(loaded.id, (loaded.generation, loaded.story))
        {
            self.story_bytes = self.story_bytes.saturating_sub(text_bytes(&old));
        }
    }

    /// The files under the stories may have changed: parses already made are shown until fresh ones come,
    /// and asked for again as they are shown.
    pub(super) fn invalidate(&mut self) {
        self.generation += 1;
        self.waiting = None;
    }

    /// Reflows again from the parsed stories (new widths or reading options).
    pub(super) fn clear_views(&mut self) {
        self.views.clear();
        self.placeholder = None;
    }
}

/// Roughly how much memory a story's text takes (its reflowed view takes about as much again).
fn text_bytes(story: &Article) -> usize {
    story.body.iter().map(|b| b.text().len()).sum::<usize>() + story.head.title.len()
}

/// A story's view at `key`'s widths, with rows kept for the `pictures` ready to draw.
fn build(
    story: Arc<Article>,
    key: ViewKey,
    date_format: &str,
    generation: u64,
    pictures: Option<&[(usize, Arc<Picture>)]>,
) -> View {
    let pictures = pictures.unwrap_or_default();
    let rows: reflow::Pictures = pictures.iter().map(|(b, p)| (*b, p.rows)).collect();
    let article = reflow::reflow_with(&story, key.1, Some(date_format), &rows);
    let placed = pictures
        .iter()
        .filter_map(|(b, p)| {
            let first = article
                .lines
                .iter()
                .position(|l| l.kind == LineKind::Picture && l.block == Some(*b))?;
            Some((first, Arc::clone(p)))
        })
        .collect();
    View {
        article,
        sidebar: reflow::wrap_sidebar(&story, key.2),
        pictures: placed,
        story,
        generation,
        placeholder: false,
    }
}

/// The headline-only view shown while a story loads.
fn placeholder(stub: Arc<Article>, key: ViewKey, date_format: &str) -> View {
    let mut article = reflow::reflow(&stub, key.1, Some(date_format));
    article
        .lines
        .push(Line::new(LineKind::Caption, LOADING.to_owned(), None));
    View {
        article,
        sidebar: Vec::new(),
        pictures: Vec::new(),
        story: stub,
        generation: 0,
        placeholder: true,
    }
}

/// A story with only `h`'s headline data.
fn stub(h: &Headline) -> Article {
    Article {
        head: h.clone(),
        body: Vec::new(),
        related: Vec::new(),
        links: Vec::new(),
        enclosures: Vec::new(),
    }
}
