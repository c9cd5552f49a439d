//! The configuration file as written: every key optional, unknown keys refused, spans kept so each error
//! can say where it is.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

/// Key names bound to one action, each with its place in the file.
pub type KeyList = Spanned<Vec<Spanned<String>>>;

/// `[keys]`: action name to key names, and the `[keys.list]`-style tables of one pane or mode.
pub type KeysTable = BTreeMap<Spanned<String>, Spanned<KeysEntry>>;

/// One entry of `[keys]`: an action's keys, or a context's own table of them.
#[derive(Debug)]
pub enum KeysEntry {
    /// `move_down = ["j", "down"]`.
    Keys(Vec<Spanned<String>>),
    /// `[keys.list]`: action name to key names, for that context only.
    Context(BTreeMap<Spanned<String>, KeyList>),
}

impl<'de> Deserialize<'de> for KeysEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = KeysEntry;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a list of key names such as [\"j\", \"down\"], or a table of them for a pane",
                )
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeysEntry, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<Spanned<String>>()? {
                    keys.push(key);
                }
                Ok(KeysEntry::Keys(keys))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeysEntry, A::Error> {
                let mut table = BTreeMap::new();
                while let Some(action) = map.next_key::<Spanned<String>>()? {
                    let keys = map.next_value::<KeyList>()?;
                    table.insert(action, keys);
                }
                Ok(KeysEntry::Context(table))
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

/// A whole configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    /// Files and folders read when no PATH is given.
    pub sources: Option<Spanned<Vec<Spanned<String>>>>,
    /// Action name to key names.
    pub keys: Option<KeysTable>,
    /// `[theme]`: `preset`, then element name to style table, checked by name against the theme's elements.
    pub theme: Option<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
    /// Pane sizes.
    pub layout: Option<LayoutFile>,
    /// Reading options.
    pub reading: Option<ReadingFile>,
    /// `[[views]]`: searches listed as views.
    pub views: Option<Vec<ViewFile>>,
    /// `[saving]`: where the reader saves a story.
    pub saving: Option<SavingFile>,
    /// `[limits]`.
    pub limits: Option<LimitsFile>,
    /// `[library]`: how the folders read are kept up to date.
    pub library: Option<LibraryFile>,
    /// `[commands]`: named shell commands the story can be piped to, bound to keys.
    pub commands: Option<BTreeMap<Spanned<String>, CommandFile>>,
}

/// One entry of `[commands]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommandFile {
    /// The shell command line.
    pub command: Spanned<String>,
    /// The keys that run it.
    pub keys: Option<Vec<Spanned<String>>>,
}

/// The `[limits]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsFile {
    /// The largest file read, in MiB.
    pub max_file_mb: Option<Spanned<u32>>,
}

/// The `[library]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryFile {
    /// `auto`, `poll` or `off`.
    pub watch: Option<Spanned<String>>,
    /// Seconds between rescans where events cannot be had (or with `poll`).
    pub rescan_seconds: Option<Spanned<u32>>,
}

/// The `[saving]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavingFile {
    /// The folder ("" for the default).
    pub folder: Option<Spanned<String>>,
    /// "md", "html" or "text".
    pub format: Option<Spanned<String>>,
}

/// One `[[views]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewFile {
    /// The view's name.
    pub name: Spanned<String>,
    /// Its query, in the search language.
    pub query: Spanned<String>,
}

/// `[layout]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayoutFile {
    /// The list's width: `"35%"` or a number of columns.
    pub list_width: Option<Spanned<toml::Value>>,
    /// The sidebar's width: `"25%"` or a number of columns.
    pub sidebar_width: Option<Spanned<toml::Value>>,
    /// `auto`, `always` or `never`.
    pub sidebar: Option<Spanned<String>>,
}

/// `[reading]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingFile {
    /// The article's maximum text width in columns.
    pub width: Option<Spanned<u16>>,
    /// `on_open`, `on_scroll_end` or `manual`.
    pub mark_read: Option<Spanned<String>>,
    /// A strftime format for the article's date.
    pub date_format: Option<Spanned<String>>,
    /// `auto`, `halfblocks` or `never`.
    pub images: Option<Spanned<String>>,
    /// The media player: a command line (`"mpv --no-video"`) or a list of words.
    pub player: Option<Spanned<toml::Value>>,
    /// Whether copies of one story are one row with one read state.
    pub clusters: Option<Spanned<bool>>,
}
