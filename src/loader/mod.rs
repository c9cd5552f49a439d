//! Loaders: one file's bytes in, stories out. They know nothing of terminals or of other files.

pub mod bounds;
pub mod dateline;
pub mod decode;
pub mod detect;
pub mod feed;
pub mod guard;
pub mod html;
pub mod html_blocks;
pub mod html_rescue;
pub mod markdown;
pub mod safe;
pub mod scraped;
pub mod workaround;

use std::io::Read;
use std::path::Path;

use crate::model::{Article, Format};
use bounds::Markup;

/// Files larger than this are skipped with a warning: no news page is this big, and reading one would stall
/// the whole store.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Why a file gave no stories.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The file holds no visible text.
    #[error("empty file")]
    Empty,
    /// The file holds NUL bytes, so it is not text.
    #[error("binary file (holds NUL bytes)")]
    Binary,
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("too large: {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit it broke.
        limit: u64,
    },
    /// The file holds no letters or digits, so no story.
    #[error("no text to read (only punctuation and spaces)")]
    NoText,
    /// A saved page that cannot be read (not HTML, no article in it).
    #[error(transparent)]
    Html(#[from] html::HtmlError),
    /// A feed that cannot be read (malformed, empty).
    #[error(transparent)]
    Feed(#[from] feed::FeedError),
    /// A Markdown note whose front matter cannot be read.
    #[error(transparent)]
    Markdown(#[from] markdown::MarkdownError),
    /// Markup nested or attributed past a bound, refused before any parser ran.
    #[error(transparent)]
    Bounds(#[from] bounds::BoundsError),
    /// A parser panicked; the panic was caught (see [`guard`]).
    #[error("the parser crashed: {0}")]
    Crashed(String),
}

/// The stories of one file, and what went wrong without stopping it from loading.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The stories, in file order.
    pub articles: Vec<Article>,
    /// Notes on a file that loaded with losses (for example, not valid UTF-8).
    pub warnings: Vec<String>,
}

/// Reads and parses the file at `path`.
///
/// # Errors
/// When the file cannot be read, or is empty, binary, too large or of a layout not read yet.
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // take() guards against a file that grows between the size check and the read.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    load_bytes(path, &bytes)
}

/// Parses `bytes` as the content of a file at `path` (the path names the stories and hints at the layout).
/// Every parse of a file goes through here, and runs under [`guard::guarded`]: a panic in a parser
/// becomes [`LoadError::Crashed`]. The stories come out safe to print ([`safe::make_safe`]).
///
/// # Errors
/// When the bytes are empty, binary, past a bound on markup, or of a layout that cannot be read.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, LoadError> {
    guard::guarded(|| {
        let mut loaded = parse_bytes(path, bytes)?;
        loaded.articles.iter_mut().for_each(safe::make_safe);
        Ok(loaded)
    })
}

fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, LoadError> {
    let decoded = decode::decode(bytes)?;
    let text: &str = &decoded.text;
    let format = detect::detect(path, text);
    let articles = match format {
        Format::Scraped if !text.chars().any(char::is_alphanumeric) => {
            return Err(LoadError::NoText);
        }
        Format::Scraped => vec![scraped::parse(text, path)],
        Format::Html => {
            bounds::check(text, Markup::Html)?;
            vec![html::parse(text, path)?]
        }
        Format::Markdown => vec![markdown::parse(text, path)?],
        Format::Feed => {
            // JSON feeds' HTML is checked entry by entry; XML feeds are checked whole, CDATA included.
            if text.trim_start().starts_with('<') {
                bounds::check(text, Markup::Xml)?;
            }
            // feed-rs gets the text as we decoded it (UTF-16 of either byte order included), declared
            // as the UTF-8 it now is.
            feed::parse(workaround::declare_utf8(text).as_bytes(), path)?
        }
    };
    Ok(Loaded {
        articles,
        warnings: decoded.warning.into_iter().collect(),
    })
}
