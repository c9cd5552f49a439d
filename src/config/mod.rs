//! Configuration: embedded defaults, the user's file merged over them, and what it sets (sources, keys,
//! theme, layout, reading). Every problem is an error naming file, line, column and key.

pub mod bindings;
pub mod error;
pub mod file;
pub mod keymap;
pub mod keys;
pub mod player;
pub mod resolve;
pub mod style;
pub mod suggest;
pub mod theme;

use std::path::{Path, PathBuf};

pub use error::ConfigError;
use keymap::Keymap;
pub use theme::Theme;

/// The built-in defaults, one TOML file in the source.
pub const DEFAULTS: &str = include_str!("defaults.toml");

/// The file name looked for in the configuration directory.
pub const FILE_NAME: &str = "config.toml";

/// How wide a pane is: a share of the terminal or a number of columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Width {
    /// Percent of the terminal's width.
    Percent(u16),
    /// Columns.
    Columns(u16),
}

impl Width {
    /// The width in columns for a terminal `total` columns wide.
    #[must_use]
    pub fn columns(self, total: u16) -> u16 {
        match self {
            Self::Percent(p) => {
                u16::try_from(u32::from(total) * u32::from(p) / 100).unwrap_or(total)
            }
            Self::Columns(c) => c.min(total),
        }
    }
}

/// When the sidebar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SidebarMode {
    /// When the terminal is wide (120 columns or more).
    Auto,
    /// Always (in one-pane mode, reached with Tab).
    Always,
    /// Only when asked for with its key.
    Never,
}

/// Pane sizes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The headline list's width.
    pub list_width: Width,
    /// The sidebar's width.
    pub sidebar_width: Width,
    /// When the sidebar shows.
    pub sidebar: SidebarMode,
}

impl Default for Layout {
    fn default() -> Self {
        Self {
            list_width: Width::Percent(35),
            sidebar_width: Width::Percent(25),
            sidebar: SidebarMode::Auto,
        }
    }
}

/// When opening or reading marks a story read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkRead {
    /// When it is opened.
    OnOpen,
    /// When it is scrolled to its end.
    OnScrollEnd,
    /// Only with the `toggle_read` key.
    Manual,
}

/// Whether pictures are drawn inline in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageMode {
    /// Where the terminal can draw pictures (kitty, sixel, iTerm2), found out at start.
    Auto,
    /// With coloured half blocks, in any terminal.
    Halfblocks,
    /// Never: every picture is its `[image N: alt]` line.
    Never,
}

/// Reading options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    /// The article's maximum text width.
    pub width: u16,
    /// When stories are marked read.
    pub mark_read: MarkRead,
    /// How the article shows its date (strftime).
    pub date_format: String,
    /// Whether pictures are drawn inline.
    pub images: ImageMode,
    /// The command that plays a feed entry's media (program and arguments; the address is added last);
    /// `None`: the browser opens it.
    pub player: Option<Vec<String>>,
    /// Whether copies of one story (a feed entry, the saved page, a text dump) are listed as one story,
    /// with one read mark, star and reading position.
    pub clusters: bool,
}

impl Default for Reading {
    fn default() -> Self {
        Self {
            width: 80,
            mark_read: MarkRead::OnOpen,
            date_format: "%-d %B %Y".to_owned(),
            images: ImageMode::Auto,
            player: None,
            clusters: true,
        }
    }
}

/// The whole configuration, resolved and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// Files and folders read when no PATH is given, `~` and `$VARS` expanded.
    pub sources: Vec<PathBuf>,
    /// Key bindings.
    pub keymap: Keymap,
    /// Styles.
    pub theme: Theme,
    /// Pane sizes.
    pub layout: Layout,
    /// Reading options.
    pub reading: Reading,
    /// Searches listed as views (`[[views]]`).
    pub views: Vec<crate::views::SavedSearch>,
    /// Where and how `save_story` writes a story.
    pub saving: Saving,
    /// The largest file read, in MiB (`[limits] max_file_mb`).
    pub max_file_mb: u32,
    /// Named shell commands the story can be piped to (`[commands]`), by name.
    pub commands: std::collections::BTreeMap<String, String>,
    /// How the folders read are kept up to date while the reader runs (`[library]`).
    pub library: Library,
}

/// How the reader keeps the folders it reads up to date (`[library]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Library {
    /// `watch`: file system events, a periodic rescan, or neither.
    pub watch: Watch,
    /// `rescan_seconds`: how often the periodic rescan runs.
    pub rescan_every: std::time::Duration,
}

impl Default for Library {
    fn default() -> Self {
        Self {
            watch: Watch::Auto,
            rescan_every: std::time::Duration::from_secs(30),
        }
    }
}

/// `[library] watch`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Watch {
    /// File system events; a periodic rescan where they cannot be had (the inotify limit, a network
    /// file system), said once.
    #[default]
    Auto,
    /// A periodic rescan only.
    Poll,
    /// Neither: only `R` and the next start find new files.
    Off,
}

/// The range `rescan_seconds` may take: often enough to matter, rarely enough that walking a large
/// library on a network file system (seconds per walk) cannot keep it busy.
pub const RESCAN_SECONDS_RANGE: std::ops::RangeInclusive<u32> = 5..=86_400;

/// The range `max_file_mb` may take: from a small page to the most a 64-bit process reads at once
/// comfortably; past a few hundred MB no stored story is likely.
pub const MAX_FILE_MB_RANGE: std::ops::RangeInclusive<u32> = 1..=4096;

/// The format a saved story is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SaveFormat {
    /// Markdown with TOML front matter (read back as the same story).
    #[default]
    Markdown,
    /// A standalone HTML page.
    Html,
    /// Reflowed text.
    Text,
}

impl SaveFormat {
    /// The file name's extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Markdown => "md",
            Self::Html => "html",
            Self::Text => "txt",
        }
    }
}

/// Where and how a story is saved from the reader.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saving {
    /// The folder, `~` and `$VARS` expanded; `None`: `broadsheet` in the platform's documents folder.
    pub folder: Option<PathBuf>,
    /// The format.
    pub format: SaveFormat,
}

/// Where the configuration was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Only the built-in defaults (no file).
    Defaults,
    /// A file.
    File(PathBuf),
}

/// The configuration file to read: `--config` (or `BROADSHEET_CONFIG`), else `config.toml` in the platform's
/// configuration directory when it exists.
#[must_use]
pub fn locate(given: Option<&Path>) -> Source {
    if let Some(p) = given {
        return Source::File(p.to_path_buf());
    }
    directories::ProjectDirs::from("", "", "broadsheet")
        .map(|d| d.config_dir().join(FILE_NAME))
        .filter(|p| p.exists())
        .map_or(Source::Defaults, Source::File)
}

/// Loads the configuration: the defaults, with the file (if any) merged over them. `no_color` (the
/// `NO_COLOR` variable) takes every colour away.
///
/// # Errors
/// A file that cannot be read, is not TOML, or holds an unknown key, a wrong type or a bad value.
pub fn load(source: &Source, no_color: bool) -> Result<Config, ConfigError> {
    let defaults = Path::new("(built-in defaults)");
    let mut config = resolve::apply(resolve::base(no_color), defaults, DEFAULTS, no_color)?;
    if let Source::File(path) = source {
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::at(path, "", None, format!("cannot read the file: {e}")))?;
        config = resolve::apply(config, path, &text, no_color)?;
    }
    Ok(config)
}

/// Whether the `NO_COLOR` variable asks for no colour (see [`no_color_in`]).
#[must_use]
pub fn no_color_requested() -> bool {
    no_color_in(std::env::var_os("NO_COLOR").as_deref())
}

/// Whether a `NO_COLOR` value asks for no colour. The convention (no-color.org) is that only a non-empty
/// value does: `NO_COLOR=` (set, but empty) keeps colour.
#[must_use]
pub fn no_color_in(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    #[test]
    fn only_a_non_empty_no_color_removes_colour() {
        assert!(!super::no_color_in(None));
        assert!(!super::no_color_in(Some(OsStr::new(""))));
        assert!(super::no_color_in(Some(OsStr::new("1"))));
        assert!(super::no_color_in(Some(OsStr::new("0"))));
    }
}
