//! Loaders: one file's bytes in, stories out. They know nothing of terminals or of other files.

pub mod bounds;
pub mod dateline;
pub mod decode;
pub mod detect;
pub mod feed;
pub mod furniture;
pub mod guard;
pub mod html;
pub mod html_blocks;
pub mod html_head;
pub mod html_media;
mod html_notes;
pub mod html_rescue;
pub mod html_table;
pub mod markdown;
mod markdown_body;
pub mod newsboat;
pub mod prolog;
pub mod rss_guid;
pub mod safe;
pub mod scraped;
pub mod workaround;
pub mod zone;

use std::io::Read;
use std::path::Path;

use crate::model::{Article, Format};
use bounds::Markup;

/// Files larger than this are skipped with a warning, unless `[limits] max_file_mb` says otherwise: no news
/// page is this big, and reading one would stall the whole store.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The size limit in force: [`MAX_FILE_BYTES`], or what the configuration set at start.
static LIMIT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(MAX_FILE_BYTES);

/// The largest file read, in bytes.
#[must_use]
pub fn max_file_bytes() -> u64 {
    LIMIT.load(std::sync::atomic::Ordering::Relaxed)
}

/// Sets the largest file read (from `[limits] max_file_mb`), for the whole process.
pub fn set_max_file_bytes(bytes: u64) {
    LIMIT.store(bytes.max(1), std::sync::atomic::Ordering::Relaxed);
}

/// A size in megabytes (MiB) for people: "84.0 MB", "32 MB".
#[must_use]
pub fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes.is_multiple_of(MB) {
        return format!(
            "{} MB",
            crate::text::thousands(usize::try_from(bytes / MB).unwrap_or(usize::MAX))
        );
    }
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / MB as f64;
    format!("{mb:.1} MB")
}

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
    #[error("too large: {}, over the {} limit", megabytes(*.size), megabytes(*.limit))]
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
    /// Not a regular file (a FIFO, a socket, a device): reading it could block for ever.
    #[error("{0}")]
    NotAFile(String),
}

/// The stories of one file, and what went wrong without stopping it from loading.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The stories, in file order.
    pub articles: Vec<Article>,
    /// Notes on a file that loaded with losses (for example, not valid UTF-8).
    pub warnings: Vec<String>,
    /// What the source says of its entries beyond the stories (feeds and newsboat's cache).
    pub origins: Vec<Origin>,
}

/// What a feed or newsboat says of one of its entries beyond the story: its GUID (what newsboat's
/// exports of read items name it by), and whether it was read there.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Origin {
    /// The entry ([`crate::model::Headline::entry`]).
    pub entry: usize,
    /// The GUID (or the id an Atom or JSON feed gives the entry).
    pub guid: Option<String>,
    /// Read in the program it came from (newsboat).
    pub read: bool,
}

/// The version of what extraction yields. Bump it whenever a change to the loaders changes what a file
/// yields (headline, first paragraph, URL, entries, anything the index keeps): the index stores it per
/// file, re-extracts every file indexed with another version on the next scan, and carries read marks
/// over to stories whose ids changed.
///
/// 2: stored text is cleaned of terminal escapes, bidi overrides and line breaks in headlines, so rows
/// indexed before hold text that is no longer extracted.
/// 3: feeds that open with a comment, a processing instruction or a DOCTYPE are read as feeds (their
/// entries, not one story of raw XML), and dates in zones off the whole hour keep their minutes (IST is
/// +05:30, not +05:00). No story whose file reads the same moved its id.
/// 4: a feed entry without a category has no section (its feed's title is its source, not a section);
/// Markdown notes give their `source`, their front matter's `links` and `<figcaption>` captions; saved
/// pages lose more furniture (reading times, copyright lines, share rows, date lines, an author's bio above
/// the story), credits printed as paragraphs become captions, drop caps rejoin their words, screen-reader
/// labels are left out, and headlines are the ones the page prints (no site suffix, no generator's name,
/// entities decoded); bylines lose buttons, placeholders and dates run into them. No pinned id moved.
/// 5: pictures become image blocks (alt text, address, caption and credit), data tables become tables,
/// list items keep their number and depth, code keeps its language, Markdown notes read tables, footnotes
/// and pictures, and feed entries keep their enclosures. No pinned id moved.
/// 6: saved pages space runs their style sets apart ("68%" and "of", a hidden label and a caption), join a
/// statistic's figure to its words, leave out a link's "Opens a new window", a credit's "Credit" labels
/// and the related list printed again in the body. No pinned id moved.
/// 7: HTML footnotes (a superscript or marked reference to a list of notes) become footnote blocks at the
/// end, their references `[n]` in the text, and the links back from the notes leave. No pinned id moved.
/// 8: whole-page text dumps written in Chinese or Japanese without sentence stops (a phrase a line) keep
/// their text as the body, and a dump's title line written as a phrase ("Share buttons removal test") is
/// its headline even over a short line and prose. No pinned id moved.
/// 9: a dump's first line naming two topics joined in sentence case ("Life and style", "Arts & culture")
/// is a section over the headline again, not the headline. No pinned id moved.
pub const EXTRACTOR_VERSION: u32 = 9;

/// Reads and parses the file at `path`.
///
/// # Errors
/// When the file cannot be read, or is empty, binary, too large or of a layout not read yet, or is not a
/// regular file (a FIFO, a socket or a device, perhaps behind a link: reading one could block forever).
pub fn load_path(path: &Path) -> Result<Loaded, LoadError> {
    let kind = match std::fs::metadata(path) {
        Ok(m) => m.file_type(),
        // An item of newsboat's cache is known by a path inside the cache file.
        Err(e) => {
            return match newsboat::split(path) {
                Some((cache, id)) => guard::guarded(|| newsboat::load_item(cache, id)),
                None => Err(e.into()),
            };
        }
    };
    if !kind.is_file() {
        return Err(LoadError::NotAFile(not_a_file(kind)));
    }
    let file = open_without_blocking(path)?;
    // The file may have been replaced since it was looked at: what was opened is what counts.
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(LoadError::NotAFile(not_a_file(metadata.file_type())));
    }
    let size = metadata.len();
    let limit = max_file_bytes();
    if size > limit {
        return Err(LoadError::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // take() guards against a file that grows between the size check and the read.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(LoadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    load_bytes(path, &bytes)
}

/// Opens `path` for reading. On Unix with `O_NONBLOCK`: opening a FIFO put in a regular file's place
/// after it was looked at returns at once instead of waiting for a writer (reading regular files is
/// unaffected).
fn open_without_blocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    options.open(path)
}

/// Why something that is not a regular file is not read: "a FIFO, not a regular file".
#[must_use]
pub fn not_a_file(kind: std::fs::FileType) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if kind.is_fifo() {
            Some("a FIFO")
        } else if kind.is_socket() {
            Some("a socket")
        } else if kind.is_char_device() || kind.is_block_device() {
            Some("a device")
        } else {
            None
        };
        if let Some(what) = what {
            return format!("{what}, not a regular file");
        }
    }
    if kind.is_dir() {
        "a folder, not a regular file".to_owned()
    } else {
        "not a regular file".to_owned()
    }
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
    let mut origins = Vec::new();
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
            let (articles, mut guids) =
                feed::parse_with_guids(workaround::declare_utf8(text).as_bytes(), path)?;
            // An RSS item is known to newsboat by its GUID, or its link and date as written.
            if let Some(names) = rss_guid::names(text).filter(|n| n.len() == guids.len()) {
                guids = names;
            }
            origins = guids
                .into_iter()
                .enumerate()
                .map(|(entry, guid)| Origin {
                    entry,
                    guid,
                    read: false,
                })
                .collect();
            articles
        }
    };
    Ok(Loaded {
        articles,
        warnings: decoded.warning.into_iter().collect(),
        origins,
    })
}
