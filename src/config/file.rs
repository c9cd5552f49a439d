//! The configuration file as written: every key optional, unknown keys refused, spans kept so each error
//! can say where it is.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// `[keys]`: action name to key names, each with its place in the file.
pub type KeysTable = BTreeMap<Spanned<String>, Spanned<Vec<Spanned<String>>>>;

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
}
