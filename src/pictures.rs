//! Pictures drawn inline in the article (ratatui-image: kitty, sixel, iTerm2, or coloured half blocks when
//! asked): the terminal's way of drawing is found once at start, and only pictures whose file is on disk
//! are drawn (a saved page's `_files` folder, a path relative to the story's file, a `file:` or `data:`
//! URL). Nothing is ever fetched from the network.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::layout::Size;
use ratatui_image::picker::cap_parser::QueryStdioOptions;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::sliced::{SignedPosition, SlicedImage, SlicedProtocol};

use crate::config::ImageMode;

/// A picture file larger than this is not read: story pictures are a few hundred kilobytes, and a
/// stored page cannot make the reader decode a huge file on its thread.
pub const MAX_PICTURE_BYTES: u64 = 16 * 1024 * 1024;

/// A picture is drawn at most this many rows high (it is scaled down to fit), so one tall picture does
/// not fill a screen of text.
pub const MAX_PICTURE_ROWS: u16 = 20;

/// Decoding stops at pictures wider or higher than this many pixels: cameras make about 8,000, and the
/// bound keeps a hostile file's memory in check.
const MAX_PICTURE_SIDE: u32 = 10_000;

/// At most this much memory is spent decoding one picture.
const MAX_DECODE_BYTES: u64 = 512 * 1024 * 1024;

/// At most this many pictures of a story are drawn; the rest keep their `[image N]` line. A story
/// with more is a gallery, and each picture costs a decode when the story opens.
pub const MAX_PICTURES: usize = 12;

/// A picture ready to draw, at its size in cells.
pub struct Picture {
    /// Its width in columns.
    pub columns: u16,
    /// Its height in rows.
    pub rows: u16,
    protocol: SlicedProtocol,
}

impl Picture {
    /// The widget that draws it with its top `y` rows below the top of the area (negative: scrolled
    /// past).
    #[must_use]
    pub fn widget(&self, y: i16) -> SlicedImage<'_> {
        SlicedImage::new(&self.protocol, SignedPosition { x: 0, y })
    }
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Picture({}x{})", self.columns, self.rows)
    }
}

/// Two pictures are the same only when they are one picture (their pixels are not compared).
impl PartialEq for Picture {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Picture {}

/// Where a picture's bytes are on this machine.
#[derive(Debug, PartialEq, Eq)]
pub enum Local {
    /// A file.
    File(PathBuf),
    /// The bytes of a `data:` URL.
    Data(Vec<u8>),
}

/// Whether `source` names a picture on this machine (not a web address).
#[must_use]
pub fn is_local(source: &str) -> bool {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    if lower.starts_with("data:") || lower.starts_with("file:") {
        return true;
    }
    !(source.contains("://")
        || source.starts_with('/')
        || source.starts_with('\\')
        || source.contains(':'))
}

/// Where `source` (as a story's file gives it) is on disk, for the story stored at `story`.
#[must_use]
pub fn local(source: &str, story: &Path) -> Option<Local> {
    use base64::Engine as _;
    if !is_local(source) {
        return None;
    }
    if let Some(rest) = source.strip_prefix("data:") {
        let (meta, payload) = rest.split_once(',')?;
        let bytes = if meta.ends_with(";base64") {
            let clean: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
            base64::engine::general_purpose::STANDARD
                .decode(clean)
                .ok()?
        } else {
            percent(payload).into_bytes()
        };
        return Some(Local::Data(bytes));
    }
    if source.to_ascii_lowercase().starts_with("file:") {
        return url::Url::parse(source)
            .ok()?
            .to_file_path()
            .ok()
            .map(Local::File);
    }
    let path = source.split(['?', '#']).next().unwrap_or(source);
    let dir = story.parent().unwrap_or_else(|| Path::new("."));
    Some(Local::File(dir.join(percent(path))))
}

/// `%20` and the like decoded (a saved page's links are URL-encoded).
fn percent(s: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map_or_else(|| s.to_owned(), |(_, v)| v.into_owned())
}

/// The bytes of a picture on disk: a regular file no larger than [`MAX_PICTURE_BYTES`].
fn bytes(local: Local) -> Option<Vec<u8>> {
    match local {
        Local::Data(b) => Some(b),
        Local::File(path) => {
            let meta = std::fs::metadata(&path).ok()?;
            if !meta.is_file() || meta.len() > MAX_PICTURE_BYTES {
                return None;
            }
            let mut out = Vec::new();
            std::fs::File::open(&path)
                .ok()?
                .take(MAX_PICTURE_BYTES)
                .read_to_end(&mut out)
                .ok()?;
            Some(out)
        }
    }
}

/// Decodes a picture, within the bounds on size and memory.
fn decode(bytes: &[u8]) -> Option<image::DynamicImage> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_PICTURE_SIDE);
    limits.max_image_height = Some(MAX_PICTURE_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    reader.decode().ok()
}

/// The cells a picture of `pixels` takes at `font` (pixels per cell), no wider than `columns` and no
/// higher than [`MAX_PICTURE_ROWS`]; never larger than its own size.
#[must_use]
pub fn cells(pixels: (u32, u32), font: (u16, u16), columns: u16) -> (u16, u16) {
    let natural = |px: u32, cell: u16| f64::from(px) / f64::from(cell.max(1));
    let (w, h) = (natural(pixels.0, font.0), natural(pixels.1, font.1));
    if w <= 0.0 || h <= 0.0 {
        return (1, 1);
    }
    let scale = 1f64
        .min(f64::from(columns.max(1)) / w)
        .min(f64::from(MAX_PICTURE_ROWS) / h);
    // Both are at most `columns` and MAX_PICTURE_ROWS here, so they fit in u16.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let cell = |v: f64| (v * scale).round().max(1.0) as u16;
    (cell(w), cell(h))
}

/// The terminal gets this long to answer the query of what it can draw: terminals answer at once, over
/// ssh within a round trip.
const QUERY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

/// Variables set by terminals that draw pictures (kitty, iTerm2, `WezTerm`, Konsole, Ghostty, Windows
/// Terminal), also inside tmux or screen started from them.
const GRAPHICS_VARIABLES: &[&str] = &[
    "KITTY_WINDOW_ID",
    "ITERM_SESSION_ID",
    "WEZTERM_EXECUTABLE",
    "KONSOLE_VERSION",
    "GHOSTTY_RESOURCES_DIR",
    "WT_SESSION",
];

/// `TERM` and `TERM_PROGRAM` values (or parts of them) of terminals that draw pictures.
const GRAPHICS_TERMINALS: &[&str] = &[
    "kitty", "ghostty", "wezterm", "iterm", "foot", "mlterm", "contour", "sixel", "mintty", "rio",
    "konsole", "vscode", "warp", "tabby", "hyper", "bobcat",
];

/// Whether the terminal (as `var` reads the environment) says it may draw pictures. Only then is it
/// asked: a terminal that does not answer the query would keep the reader waiting, and the keys typed
/// meanwhile would be taken for its answer.
#[must_use]
pub fn worth_asking(var: &dyn Fn(&str) -> Option<String>) -> bool {
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    GRAPHICS_VARIABLES.iter().any(|v| set(v))
        || ["TERM", "TERM_PROGRAM", "LC_TERMINAL"].iter().any(|name| {
            var(name).is_some_and(|v| {
                let v = v.to_ascii_lowercase();
                GRAPHICS_TERMINALS.iter().any(|t| v.contains(t))
            })
        })
}

/// How the reader draws pictures, chosen at start.
pub struct Painter {
    picker: Picker,
}

impl std::fmt::Debug for Painter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Painter({:?})", self.picker.protocol_type())
    }
}

impl Painter {
    /// The painter `mode` asks for: for `auto`, the terminal is asked what it can draw (kitty, sixel,
    /// iTerm2) and `None` comes back when it can draw none of them; `halfblocks` draws with coloured half
    /// blocks in any terminal; `never`, `None`. Call it with the terminal in raw mode and its input not
    /// being read by anything else.
    #[must_use]
    pub fn detect(mode: ImageMode) -> Option<Self> {
        match mode {
            ImageMode::Halfblocks => Some(Self::forced(ProtocolType::Halfblocks)),
            ImageMode::Auto if worth_asking(&|name| std::env::var(name).ok()) => {
                let options = QueryStdioOptions {
                    timeout: QUERY_TIMEOUT,
                    ..QueryStdioOptions::default()
                };
                let picker = Picker::from_query_stdio_with_options(options).ok()?;
                (picker.protocol_type() != ProtocolType::Halfblocks).then_some(Self { picker })
            }
            // Not asked, or never: every picture is its line.
            ImageMode::Auto | ImageMode::Never => None,
        }
    }

    /// A painter drawing with `protocol` whatever the terminal is (for `halfblocks`, and for tests).
    #[must_use]
    pub fn forced(protocol: ProtocolType) -> Self {
        let mut picker = Picker::halfblocks();
        picker.set_protocol_type(protocol);
        Self { picker }
    }

    /// The pictures among `sources` (body block, source as written) that are on disk beside the story
    /// stored at `story`, decoded and ready to draw at most `columns` wide. Those that cannot be read
    /// or decoded are left out: they keep their `[image N]` line.
    #[must_use]
    pub fn paint(
        &self,
        story: &Path,
        sources: &[(usize, String)],
        columns: u16,
    ) -> Vec<(usize, Arc<Picture>)> {
        let font = self.picker.font_size();
        sources
            .iter()
            .take(MAX_PICTURES)
            .filter_map(|(block, source)| {
                let image = decode(&bytes(local(source, story)?)?)?;
                let (w, h) = cells(
                    (image.width(), image.height()),
                    (font.width, font.height),
                    columns,
                );
                let protocol =
                    SlicedProtocol::new(&self.picker, image, Some(Size::new(w, h))).ok()?;
                let size = protocol.size();
                Some((
                    *block,
                    Arc::new(Picture {
                        columns: size.width,
                        rows: size.height,
                        protocol,
                    }),
                ))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_pictures_on_this_machine_are_local() {
        let story = Path::new("/news/page.html");
        assert_eq!(
            local("page_files/a%20b.png?v=2", story),
            Some(Local::File(PathBuf::from("/news/page_files/a b.png")))
        );
        assert_eq!(
            local("file:///tmp/x.png", story),
            Some(Local::File(PathBuf::from("/tmp/x.png")))
        );
        assert_eq!(
            local("data:image/png;base64,iVBO Rw==", story),
            Some(Local::Data(vec![0x89, 0x50, 0x4e, 0x47]))
        );
        for web in [
            "https://x.test/a.png",
            "//cdn.test/a.png",
            "/img/a.png",
            "javascript:x",
        ] {
            assert_eq!(local(web, story), None, "{web}");
        }
    }

    #[test]
    fn only_terminals_that_draw_pictures_are_asked() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert!(worth_asking(&env(&[("TERM", "xterm-kitty")])));
        assert!(worth_asking(&env(&[
            ("TERM", "tmux-256color"),
            ("KITTY_WINDOW_ID", "3")
        ])));
        assert!(worth_asking(&env(&[("TERM_PROGRAM", "iTerm.app")])));
        assert!(!worth_asking(&env(&[("TERM", "xterm-256color")])));
        assert!(!worth_asking(&env(&[
            ("TERM", "linux"),
            ("KITTY_WINDOW_ID", "")
        ])));
    }

    #[test]
    fn pictures_fit_the_width_and_the_row_limit() {
        // 800×400 pixels at 10×20 a cell: 80×20 cells natural.
        assert_eq!(cells((800, 400), (10, 20), 100), (80, 20));
        assert_eq!(cells((800, 400), (10, 20), 40), (40, 10));
        // Tall: held to the row limit.
        assert_eq!(cells((100, 2000), (10, 20), 80), (2, MAX_PICTURE_ROWS));
        // Small pictures are not blown up.
        assert_eq!(cells((30, 20), (10, 20), 80), (3, 1));
    }
}
