//! The JSON shapes of `list --json` and `show --json`: a public interface for scripts, kept stable.

use serde::Serialize;

use super::{Article, ArticleId, Block, Enclosure, Format, Headline, Link, RelatedLink, Table};

/// A story's headline data, as both JSON shapes begin. Field names are a public interface.
#[derive(Serialize)]
struct HeadJson<'a> {
    id: ArticleId,
    /// The file as the user named it (under the folder given on the command line).
    path: String,
    /// The file's absolute path; `None` for stories not on disk (the bundled sample store).
    abs_path: Option<String>,
    format: Format,
    section: Option<&'a str>,
    title: &'a str,
    byline: Option<&'a str>,
    published: Option<String>,
    url: Option<&'a str>,
}

impl<'a> From<&'a Headline> for HeadJson<'a> {
    fn from(h: &'a Headline) -> Self {
        Self {
            id: h.id,
            path: h.path.display().to_string(),
            abs_path: h.path.is_absolute().then(|| h.path.display().to_string()),
            format: h.format,
            section: h.section.as_deref(),
            title: &h.title,
            byline: h.byline.as_deref(),
            published: h.published.map(|d| d.to_rfc3339()),
            url: h.url.as_deref(),
        }
    }
}

/// An [`Article`] as the JSON of `show --json`: the full model. Field names are a public interface.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    #[serde(flatten)]
    head: HeadJson<'a>,
    body: BodyJson<'a>,
    related: &'a [RelatedLink],
    links: &'a [Link],
    enclosures: &'a [Enclosure],
    /// Every stored copy of the story (itself included), when the index knows them.
    copies: Vec<CopyJson>,
    /// The stored stories most like it, best first.
    similar: Vec<SimilarJson>,
}

/// A stored copy of a story, in `show --json`'s `copies`.
#[derive(Clone, Debug, Serialize)]
pub struct CopyJson {
    /// The copy's id.
    pub id: ArticleId,
    /// Its file.
    pub path: String,
    /// The layout it was read from.
    pub format: Format,
}

/// A stored story like the one shown, in `show --json`'s `similar`.
#[derive(Clone, Debug, Serialize)]
pub struct SimilarJson {
    /// Its id.
    pub id: ArticleId,
    /// Its headline.
    pub title: String,
    /// How alike the two are (the search engine's score: higher is more alike).
    pub score: f32,
}

impl ArticleJson<'_> {
    /// Sets the story's stored copies and the stories most like it.
    #[must_use]
    pub fn kin(mut self, copies: Vec<CopyJson>, similar: Vec<SimilarJson>) -> Self {
        self.copies = copies;
        self.similar = similar;
        self
    }

    /// Sets the path as given and the absolute path (`None`: not on disk).
    #[must_use]
    pub fn paths(mut self, given: String, absolute: Option<String>) -> Self {
        self.head.path = given;
        self.head.abs_path = absolute;
        self
    }
}

impl<'a> From<&'a Article> for ArticleJson<'a> {
    fn from(a: &'a Article) -> Self {
        Self {
            head: HeadJson::from(&a.head),
            body: BodyJson(&a.body),
            related: &a.related,
            links: &a.links,
            enclosures: &a.enclosures,
            copies: Vec::new(),
            similar: Vec::new(),
        }
    }
}

/// A body as `show --json` gives it: block by block, except that a table is given as it was before tables
/// were kept as tables, a `paragraph` a row with its cells joined by ` | `, so a script that reads
/// paragraphs reads a table's text as it always did. Each of those rows adds `table` (the table's number
/// in the story, from 0), `cells`, and `header` (true for the header row); a table's caption is a
/// `caption` block with `table`, before its rows.
///
/// Footnotes likewise are given as the numbered list they are printed as at the end of the story, and as
/// a page's list of notes was given before notes were footnotes: a `list_item` each, with its `number`
/// and `depth` 0, adding `footnote: true` and its `label` (what its references show). A script that reads
/// a page's list items reads its references as it always did.
struct BodyJson<'a>(&'a [Block]);

/// A footnote, in [`BodyJson`].
#[derive(Serialize)]
struct FootnoteJson<'a> {
    kind: &'static str,
    text: &'a str,
    credit: Option<&'a str>,
    number: u32,
    depth: u8,
    footnote: bool,
    label: &'a str,
}

/// One row or the caption of a table, in [`BodyJson`].
#[derive(Serialize)]
struct TablePartJson<'a> {
    kind: &'static str,
    text: std::borrow::Cow<'a, str>,
    credit: Option<&'a str>,
    table: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    cells: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    header: Option<bool>,
}

impl Serialize for BodyJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(None)?;
        let mut tables = 0;
        for block in self.0 {
            if let Block::Footnote {
                number,
                label,
                text,
            } = block
            {
                seq.serialize_element(&FootnoteJson {
                    kind: "list_item",
                    text,
                    credit: None,
                    number: *number,
                    depth: 0,
                    footnote: true,
                    label,
                })?;
                continue;
            }
            let Block::Table(t) = block else {
                seq.serialize_element(block)?;
                continue;
            };
            if let Some(caption) = &t.caption {
                seq.serialize_element(&TablePartJson {
                    kind: "caption",
                    text: caption.into(),
                    credit: None,
                    table: tables,
                    cells: None,
                    header: None,
                })?;
            }
            let header = (!t.header.is_empty()).then_some((&t.header, true));
            for (cells, is_header) in header.into_iter().chain(t.rows.iter().map(|r| (r, false))) {
                let text = Table::row_text(cells);
                if text.is_empty() {
                    continue;
                }
                seq.serialize_element(&TablePartJson {
                    kind: "paragraph",
                    text: text.into(),
                    credit: None,
                    table: tables,
                    cells: Some(cells),
                    header: Some(is_header),
                })?;
            }
            tables += 1;
        }
        seq.end()
    }
}

/// A story's headline data as the JSON of `list --json`. Field names are a public interface.
#[derive(Serialize)]
pub struct HeadlineJson<'a> {
    #[serde(flatten)]
    head: HeadJson<'a>,
    read: bool,
    starred: bool,
    /// The id of the copy that stands for the story's copies (its own id when it has none).
    cluster: ArticleId,
    /// How many copies of the story are stored (1 when it has none).
    copies: usize,
}

impl<'a> HeadlineJson<'a> {
    /// The headline data of `h`, with its read state and star from `mark`.
    #[must_use]
    pub fn new(h: &'a Headline, mark: crate::store::marks::Mark) -> Self {
        Self {
            head: HeadJson::from(h),
            read: mark.read_at.is_some(),
            starred: mark.starred,
            cluster: h.id,
            copies: 1,
        }
    }

    /// Sets the story's group of copies: the id standing for it, and how many copies it has.
    #[must_use]
    pub fn cluster(mut self, lead: ArticleId, copies: usize) -> Self {
        self.cluster = lead;
        self.copies = copies.max(1);
        self
    }

    /// Sets the path as given and the absolute path (`None`: not on disk).
    #[must_use]
    pub fn paths(mut self, given: String, absolute: Option<String>) -> Self {
        self.head.path = given;
        self.head.abs_path = absolute;
        self
    }
}
