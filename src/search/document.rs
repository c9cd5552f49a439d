//! What a story gives the full-text index: its fields as index tokens, one column each, and its text as
//! stored for snippets.

use std::path::Path;

use crate::model::Article;

/// The index's columns, in order. `standfirst` is the story's first paragraph, `body` the rest.
pub const COLUMNS: [&str; 7] = [
    "title",
    "standfirst",
    "byline",
    "section",
    "source",
    "body",
    "site",
];

/// How much of a story's text is indexed and kept for snippets, in bytes.
///
/// The longest real news stories run to some 50,000 words, about 300 KB; a megabyte holds any of them with
/// room to spare. What lies past it in a bigger single-story file is machine output (logs, dumps, a whole
/// book pasted in), which would grow the database by its own size and slow every scan for words nobody
/// looks for.
pub const TEXT_INDEXED: usize = 1 << 20;

/// A story ready for the index: the texts of its fields (the index cuts them into tokens).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    title: String,
    byline: String,
    section: String,
    source: String,
    site: String,
    /// The story's text: its blocks, one per line, cut at [`TEXT_INDEXED`]; kept for snippets.
    pub text: String,
    /// Where the first paragraph (the standfirst) ends in `text`.
    lead_end: usize,
}

/// The folder a page sits in: what `source:` matches for stories with no feed title.
fn folder(path: &Path) -> Option<&str> {
    path.parent()?.file_name()?.to_str()
}

/// The host of a URL, without `www.`.
#[must_use]
pub fn site(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_ascii_lowercase();
    Some(host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

impl Document {
    /// The document of a story.
    #[must_use]
    pub fn of(article: &Article) -> Self {
        let head = &article.head;
        let mut text = String::new();
        for block in &article.body {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&block.plain_text());
            if let Some(c) = block.credit() {
                text.push(' ');
                text.push_str(c);
            }
            if text.len() >= TEXT_INDEXED {
                break;
            }
        }
        let text = crate::text::at_most(&text, TEXT_INDEXED).to_owned();
        let lead_end = text.find('\n').unwrap_or(text.len());
        let source = head
            .source
            .as_deref()
            .or_else(|| folder(&head.path))
            .unwrap_or("");
        let site = head.url.as_deref().and_then(site).unwrap_or_default();
        Self {
            title: head.title.clone(),
            byline: head.byline.clone().unwrap_or_default(),
            section: head.section.clone().unwrap_or_default(),
            source: source.to_owned(),
            site,
            text,
            lead_end,
        }
    }

    /// The texts of the index's fields, in [`COLUMNS`] order.
    #[must_use]
    pub fn texts(&self) -> [&str; 7] {
        [
            &self.title,
            &self.text[..self.lead_end],
            &self.byline,
            &self.section,
            &self.source,
            self.text[self.lead_end..].trim_start_matches('\n'),
            &self.site,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_fills_its_columns() {
        let store = crate::samples::load_listed();
        let a = &store.articles[0];
        let doc = Document::of(a);
        let texts = doc.texts();
        assert_eq!(texts[0], a.head.title);
        assert_eq!(texts[1], a.first_paragraph());
        assert!(!texts[5].is_empty());
    }

    #[test]
    fn the_site_is_the_host_without_www() {
        assert_eq!(
            site("https://www.Example.org/a/b?x=1").as_deref(),
            Some("example.org")
        );
        assert_eq!(site("not a url"), None);
    }
}
