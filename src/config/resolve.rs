//! Merging one configuration file over what came before it, checking every value as it goes.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::error::ConfigError;
use super::file::{File, KeysEntry, KeysTable};
use super::keymap::{Context, Keymap, KeymapError, Table, parse_sequence};
use super::style::style;
use super::theme::{ELEMENTS, PRESETS, Theme};
use super::{Config, ImageMode, Layout, MarkRead, Reading, SidebarMode, Width};
use crate::action::{Action, Scope};

/// The configuration before any file: no keys, the dark theme (mono without colour).
#[must_use]
pub fn base(no_color: bool) -> Config {
    Config {
        sources: Vec::new(),
        keymap: Keymap::from_table(&BTreeMap::new()).unwrap_or_else(|_| Keymap::default_keys()),
        theme: if no_color {
            Theme::mono()
        } else {
            Theme::dark()
        },
        layout: Layout::default(),
        reading: Reading::default(),
        views: Vec::new(),
        saving: super::Saving::default(),
        max_file_mb: 32,
        commands: BTreeMap::new(),
        library: super::Library::default(),
    }
}

/// Reads the TOML `text` of `path` and merges it over `config`.
///
/// # Errors
/// The first problem found, with its place in the file.
pub fn apply(
    mut config: Config,
    path: &Path,
    text: &str,
    no_color: bool,
) -> Result<Config, ConfigError> {
    let file: File = toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
    let at = |span: Range<usize>, problem: String| ConfigError::at(path, text, Some(span), problem);
    if let Some(sources) = file.sources {
        config.sources = sources
            .into_inner()
            .into_iter()
            .map(|s| expand(s.get_ref()).map_err(|p| at(s.span(), p)))
            .collect::<Result<_, _>>()?;
    }
    if let Some(views) = file.views {
        config.views = views_of(views, &at)?;
    }
    if let Some(saving) = file.saving {
        config.saving = saving_over(config.saving, saving, &at)?;
    }
    if let Some(mb) = file.limits.and_then(|l| l.max_file_mb) {
        config.max_file_mb = max_file_mb(&mb, &at)?;
    }
    config.library = library_over(config.library, file.library, &at)?;
    if let Some(keys) = file.keys {
        config.keymap = keys_over(&config.keymap, keys, &at)?;
    }
    if let Some(commands) = file.commands {
        commands_over(&mut config, commands, &at)?;
    }
    if let Some(theme) = file.theme {
        config.theme = theme_over(config.theme, &theme, no_color, &at)?;
    }
    if no_color {
        config.theme = config.theme.without_color();
    }
    if let Some(layout) = file.layout {
        if let Some(w) = layout.list_width {
            config.layout.list_width =
                width(&w, "list_width", 10, 90).map_err(|p| at(w.span(), p))?;
        }
        if let Some(w) = layout.sidebar_width {
            config.layout.sidebar_width =
                width(&w, "sidebar_width", 5, 60).map_err(|p| at(w.span(), p))?;
        }
        if let Some(mode) = layout.sidebar {
            config.layout.sidebar = match mode.get_ref().as_str() {
                "auto" => SidebarMode::Auto,
                "always" => SidebarMode::Always,
                "never" => SidebarMode::Never,
                other => {
                    let e = at(
                        mode.span(),
                        format!(
                            "bad value `{other}` for `sidebar`: expected \"auto\", \"always\" or \"never\""
                        ),
                    );
                    return Err(e.suggest(other, ["auto", "always", "never"]));
                }
            };
        }
    }
    if let Some(reading) = file.reading {
        read_options(reading, &mut config.reading, &at)?;
    }
    Ok(config)
}

/// `[reading]`'s options into `into`; a bad value is an error made by `at` where it stands.
fn read_options(
    reading: super::file::ReadingFile,
    into: &mut Reading,
    at: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<(), ConfigError> {
    if let Some(w) = reading.width {
        let value = *w.get_ref();
        if !(20..=400).contains(&value) {
            return Err(at(
                w.span(),
                format!("bad value {value} for `width`: expected 20 to 400 columns"),
            ));
        }
        into.width = value;
    }
    if let Some(m) = reading.mark_read {
        into.mark_read = match m.get_ref().as_str() {
            "on_open" => MarkRead::OnOpen,
            "on_scroll_end" => MarkRead::OnScrollEnd,
            "manual" => MarkRead::Manual,
            other => {
                let e = at(
                    m.span(),
                    format!(
                        "bad value `{other}` for `mark_read`: expected \"on_open\", \"on_scroll_end\" or \"manual\""
                    ),
                );
                return Err(e.suggest(other, ["on_open", "on_scroll_end", "manual"]));
            }
        };
    }
    if let Some(c) = reading.clusters {
        into.clusters = *c.get_ref();
    }
    if let Some(m) = reading.images {
        into.images = image_mode(&m)
            .map_err(|e| at(m.span(), e).suggest(m.get_ref(), ["auto", "halfblocks", "never"]))?;
    }
    if let Some(p) = reading.player {
        into.player = super::player::player(p.get_ref()).map_err(|e| at(p.span(), e))?;
    }
    if let Some(f) = reading.date_format {
        let format = f.get_ref();
        if let Err(why) = check_date_format(format) {
            return Err(at(
                f.span(),
                format!(
                    "bad value `{}` for `date_format`: {why}",
                    format.escape_debug()
                ),
            ));
        }
        into.date_format.clone_from(format);
    }
    Ok(())
}

/// `[reading] images`: `auto`, `halfblocks` or `never`; else what was expected.
fn image_mode(value: &Spanned<String>) -> Result<ImageMode, String> {
    match value.get_ref().as_str() {
        "auto" => Ok(ImageMode::Auto),
        "halfblocks" => Ok(ImageMode::Halfblocks),
        "never" => Ok(ImageMode::Never),
        other => Err(format!(
            "bad value `{other}` for `images`: expected \"auto\", \"halfblocks\" or \"never\""
        )),
    }
}

/// Why `format` cannot show a story's date, if it cannot. It is tried on a sample date: chrono accepts
/// items it can only parse (`%#z`) and fails when formatting them, which would stop the reader at the
/// first dated story, so a format is good only when it prints. A control character in it would reach
/// the terminal.
///
/// # Errors
/// Why the format is refused, for the message.
pub fn check_date_format(format: &str) -> Result<(), &'static str> {
    const NOT_STRFTIME: &str = "not a strftime format such as \"%-d %B %Y\"";
    if format.trim().is_empty()
        || chrono::format::StrftimeItems::new(format)
            .any(|i| matches!(i, chrono::format::Item::Error))
    {
        return Err(NOT_STRFTIME);
    }
    if format.chars().any(char::is_control) {
        return Err("holds a control character");
    }
    let sample = chrono::DateTime::from_timestamp(1_795_000_000, 0)
        .unwrap_or_default()
        .fixed_offset();
    let mut printed = String::new();
    write!(printed, "{}", sample.format(format))
        .map_err(|_| "a format that can be parsed but not printed (such as %#z)")
}

/// `~` and `$VAR` / `${VAR}` expanded.
fn expand(s: &str) -> Result<PathBuf, String> {
    let mut out = String::new();
    let rest = if let Some(r) = s
        .strip_prefix('~')
        .filter(|r| r.is_empty() || r.starts_with('/'))
    {
        let home = directories::BaseDirs::new()
            .map(|d| d.home_dir().to_path_buf())
            .ok_or("`~` used, but no home directory is known")?;
        out.push_str(&home.to_string_lossy());
        r
    } else {
        s
    };
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        let braced = chars.peek() == Some(&'{');
        if braced {
            chars.next();
        }
        let mut name = String::new();
        while let Some(&n) = chars.peek() {
            let fits = if name.is_empty() {
                n.is_ascii_alphabetic() || n == '_'
            } else {
                n.is_ascii_alphanumeric() || n == '_'
            };
            if fits {
                name.push(n);
                chars.next();
            } else {
                break;
            }
        }
        if braced && chars.next() != Some('}') {
            return Err(format!("unclosed `${{` in source `{s}`"));
        }
        if name.is_empty() {
            out.push('$');
            continue;
        }
        let value = std::env::var(&name)
            .map_err(|_| format!("the environment variable `{name}` in source `{s}` is not set"))?;
        out.push_str(&value);
    }
    Ok(PathBuf::from(out))
}

/// A pane width: "35%" or a number of columns.
fn width(
    value: &Spanned<toml::Value>,
    key: &str,
    min_pct: u16,
    max_pct: u16,
) -> Result<Width, String> {
    match value.get_ref() {
        toml::Value::Integer(c) => u16::try_from(*c)
            .ok()
            .filter(|c| (10..=300).contains(c))
            .map(Width::Columns)
            .ok_or_else(|| format!("bad value {c} for `{key}`: expected 10 to 300 columns, or a percentage such as \"35%\"")),
        toml::Value::String(s) => s
            .strip_suffix('%')
            .and_then(|p| p.trim().parse::<u16>().ok())
            .filter(|p| (min_pct..=max_pct).contains(p))
            .map(Width::Percent)
            .ok_or_else(|| format!("bad value `{s}` for `{key}`: expected a percentage from {min_pct}% to {max_pct}%, or a number of columns")),
        other => Err(format!("wrong type for `{key}`: expected a percentage such as \"35%\" or a number of columns, found {}", other.type_str())),
    }
}

/// The user's `[keys]` over `keymap`: each action named gets exactly the keys given, in `[keys]` or in
/// the `[keys.<context>]` table it is named in.
fn keys_over(
    keymap: &Keymap,
    keys: KeysTable,
    at: &dyn Fn(Range<usize>, String) -> ConfigError,
) -> Result<Keymap, ConfigError> {
    let mut global = keymap.table();
    let mut scoped: BTreeMap<Context, Table> = Context::ALL
        .into_iter()
        .map(|c| (c, keymap.context_table(c)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    let mut spans: Vec<(String, Range<usize>)> = Vec::new();
    let mut names_span: Vec<(String, Range<usize>)> = Vec::new();
    for (name, entry) in keys {
        match entry.into_inner() {
            KeysEntry::Keys(list) => {
                let action = action_named(&name, Scope::Reader, "keys", at)?;
                names_span.push((action.clone(), name.span()));
                let bound = key_list(list, &mut spans, at)?;
                global.insert(action, bound);
            }
            KeysEntry::Context(table) => {
                let context = Context::from_name(name.get_ref()).ok_or_else(|| {
                    let known = Context::ALL.map(Context::name);
                    at(
                        name.span(),
                        format!(
                            "`{}` in [keys] is neither an action nor a pane (list, article, sidebar, prompt)",
                            name.get_ref()
                        ),
                    )
                    .suggest(name.get_ref(), known)
                })?;
                let place = format!("keys.{}", context.name());
                let target = scoped.entry(context).or_default();
                for (action, list) in table {
                    let scope = if context == Context::Prompt {
                        Scope::Prompt
                    } else {
                        Scope::Reader
                    };
                    let action_name = action_named(&action, scope, &place, at)?;
                    names_span.push((action_name.clone(), action.span()));
                    let bound = key_list(list.into_inner(), &mut spans, at)?;
                    target.insert(action_name, bound);
                }
            }
        }
    }
    Keymap::from_tables(&global, &scoped).map_err(|e| {
        let span = match &e {
            KeymapError::Conflict { key, .. } | KeymapError::Repeated { key, .. } => spans
                .iter()
                .rev()
                .find(|(k, _)| same_keys(k, key))
                .map(|(_, s)| s.clone()),
            KeymapError::Shadowed { short, long, .. } => spans
                .iter()
                .rev()
                .find(|(k, _)| same_keys(k, short) || same_keys(k, long))
                .map(|(_, s)| s.clone()),
            KeymapError::Unbound(action) => names_span
                .iter()
                .find(|(n, _)| n == action)
                .map(|(_, s)| s.clone()),
            _ => None,
        };
        at(span.unwrap_or(0..0), e.to_string())
    })
}

/// Checks that `name` is an action bindable in `place`.
fn action_named(
    name: &Spanned<String>,
    scope: Scope,
    place: &str,
    at: &dyn Fn(Range<usize>, String) -> ConfigError,
) -> Result<String, ConfigError> {
    let text = name.get_ref();
    let candidates: Vec<&'static str> = Action::bindable()
        .filter(|a| a.scope() == scope)
        .map(|a| a.name())
        .collect();
    match Action::from_name(text) {
        Some(a) if a.scope() == scope => Ok(text.clone()),
        Some(_) => {
            let hint = match scope {
                Scope::Reader => "prompt keys go in [keys.prompt]",
                Scope::Prompt => "[keys.prompt] binds only submit, cancel and the editing keys",
            };
            Err(at(
                name.span(),
                format!("`{text}` cannot be bound in [{place}]; {hint}"),
            ))
        }
        None => Err(
            at(name.span(), format!("unknown action `{text}` in [{place}]"))
                .suggest(text, candidates),
        ),
    }
}

/// Checks each key name of one action, remembering where it was written.
fn key_list(
    list: Vec<Spanned<String>>,
    spans: &mut Vec<(String, Range<usize>)>,
    at: &dyn Fn(Range<usize>, String) -> ConfigError,
) -> Result<Vec<String>, ConfigError> {
    let mut bound = Vec::new();
    for key in list {
        parse_sequence(key.get_ref()).map_err(|e| at(key.span(), e.to_string()))?;
        spans.push((key.get_ref().clone(), key.span()));
        bound.push(key.into_inner());
    }
    Ok(bound)
}

/// Whether two key names are the same keys ("shift-j" and "J").
fn same_keys(a: &str, b: &str) -> bool {
    a == b || matches!((parse_sequence(a), parse_sequence(b)), (Ok(x), Ok(y)) if x == y)
}

/// The user's `[theme]` over `theme`: a preset replaces every style, then elements replace theirs.
fn theme_over(
    mut theme: Theme,
    table: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    no_color: bool,
    at: &dyn Fn(Range<usize>, String) -> ConfigError,
) -> Result<Theme, ConfigError> {
    if let Some((key, value)) = table.iter().find(|(k, _)| k.get_ref() == "preset") {
        let name = value.get_ref().as_str().ok_or_else(|| {
            at(
                value.span(),
                "wrong type for `preset`: expected \"dark\", \"light\" or \"mono\"".to_owned(),
            )
        })?;
        let preset = Theme::preset(name).ok_or_else(|| {
            at(
                value.span(),
                format!(
                    "bad value `{name}` for `preset`: expected \"dark\", \"light\" or \"mono\""
                ),
            )
            .suggest(name, PRESETS.iter().copied())
        })?;
        let _ = key;
        theme = if no_color { Theme::mono() } else { preset };
    }
    for (key, value) in table {
        let name = key.get_ref().as_str();
        if name == "preset" {
            continue;
        }
        let Some(slot) = theme.element_mut(name) else {
            let known = ELEMENTS.iter().map(|(n, _)| *n).chain(["preset"]);
            return Err(
                at(key.span(), format!("unknown key `{name}` in [theme]")).suggest(name, known)
            );
        };
        *slot = style(value.get_ref(), name).map_err(|p| {
            let e = at(value.span(), p.problem);
            match &p.misspelt {
                Some((wrong, candidates)) => e.suggest(wrong, candidates.iter().copied()),
                None => e,
            }
        })?;
    }
    Ok(theme)
}

/// `max_file_mb`, checked against [`super::MAX_FILE_MB_RANGE`].
fn max_file_mb(
    mb: &Spanned<u32>,
    at: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<u32, ConfigError> {
    let value = *mb.get_ref();
    if super::MAX_FILE_MB_RANGE.contains(&value) {
        return Ok(value);
    }
    Err(at(
        mb.span(),
        format!(
            "bad value {value} for `max_file_mb`: expected {} to {} (MB)",
            super::MAX_FILE_MB_RANGE.start(),
            super::MAX_FILE_MB_RANGE.end()
        ),
    ))
}

/// `[library]`: `watch` and `rescan_seconds`, checked.
fn library_over(
    mut library: super::Library,
    file: Option<super::file::LibraryFile>,
    at: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<super::Library, ConfigError> {
    let Some(file) = file else {
        return Ok(library);
    };
    if let Some(watch) = file.watch {
        library.watch = match watch.get_ref().as_str() {
            "auto" => super::Watch::Auto,
            "poll" => super::Watch::Poll,
            "off" => super::Watch::Off,
            other => {
                return Err(at(
                    watch.span(),
                    format!(
                        "bad value \"{other}\" for `watch`: expected \"auto\", \"poll\" or \"off\""
                    ),
                ));
            }
        };
    }
    if let Some(seconds) = file.rescan_seconds {
        let value = *seconds.get_ref();
        if !super::RESCAN_SECONDS_RANGE.contains(&value) {
            return Err(at(
                seconds.span(),
                format!(
                    "bad value {value} for `rescan_seconds`: expected {} to {} (seconds)",
                    super::RESCAN_SECONDS_RANGE.start(),
                    super::RESCAN_SECONDS_RANGE.end()
                ),
            ));
        }
        library.rescan_every = std::time::Duration::from_secs(u64::from(value));
    }
    Ok(library)
}

/// `[commands]`: each name's command line kept, and its keys bound to `run:NAME` beside `[keys]`.
fn commands_over(
    config: &mut Config,
    commands: BTreeMap<Spanned<String>, super::file::CommandFile>,
    at: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<(), ConfigError> {
    let mut global = config.keymap.table();
    let scoped: BTreeMap<Context, Table> = Context::ALL
        .into_iter()
        .map(|c| (c, config.keymap.context_table(c)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    for (name, entry) in commands {
        let valid = !name.get_ref().is_empty()
            && name
                .get_ref()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !valid {
            return Err(at(
                name.span(),
                format!(
                    "`{}` cannot name a command: use letters, digits, - and _",
                    name.get_ref()
                ),
            ));
        }
        if entry.command.get_ref().trim().is_empty() {
            return Err(at(
                entry.command.span(),
                format!("the command `{}` has an empty `command`", name.get_ref()),
            ));
        }
        let keys: Vec<String> = entry
            .keys
            .unwrap_or_default()
            .into_iter()
            .map(Spanned::into_inner)
            .collect();
        if !keys.is_empty() {
            let action = format!("{}{}", crate::action::COMMAND_PREFIX, name.get_ref());
            global.insert(action.clone(), keys);
            // Bound one by one, so a clash is reported at the command that made it, by its name.
            config.keymap = Keymap::from_tables(&global, &scoped).map_err(|e| {
                let text = e
                    .to_string()
                    .replacen("`run_command`", &format!("`{action}`"), 1);
                at(name.span(), format!("[commands]: {text}"))
            })?;
        }
        config
            .commands
            .insert(name.get_ref().clone(), entry.command.into_inner());
    }
    Ok(())
}

/// `[saving]` merged over what came before.
fn saving_over(
    mut saving: super::Saving,
    file: super::file::SavingFile,
    at: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<super::Saving, ConfigError> {
    if let Some(folder) = file.folder {
        saving.folder = if folder.get_ref().trim().is_empty() {
            None
        } else {
            Some(expand(folder.get_ref()).map_err(|p| at(folder.span(), p))?)
        };
    }
    if let Some(format) = file.format {
        saving.format = match format.get_ref().as_str() {
            "md" => super::SaveFormat::Markdown,
            "html" => super::SaveFormat::Html,
            "text" => super::SaveFormat::Text,
            other => {
                let e = at(
                    format.span(),
                    format!(
                        "bad value `{other}` for `format`: expected \"md\", \"html\" or \"text\""
                    ),
                );
                return Err(e.suggest(other, ["md", "html", "text"]));
            }
        };
    }
    Ok(saving)
}

/// The `[[views]]` entries, checked: a name that is not blank and not given twice, and a query that reads.
fn views_of(
    views: Vec<super::file::ViewFile>,
    at: &impl Fn(Range<usize>, String) -> ConfigError,
) -> Result<Vec<crate::views::SavedSearch>, ConfigError> {
    let mut out: Vec<crate::views::SavedSearch> = Vec::new();
    for v in views {
        let name = v.name.get_ref().trim();
        if name.is_empty() {
            return Err(at(
                v.name.span(),
                "a view's `name` cannot be blank".to_owned(),
            ));
        }
        if out.iter().any(|o| o.name == name) {
            return Err(at(
                v.name.span(),
                format!("the view `name` \"{name}\" is given twice"),
            ));
        }
        let query = v.query.get_ref();
        if let Err(e) = crate::search::parse(query) {
            return Err(at(
                v.query.span(),
                format!("bad `query` for the view \"{name}\": {e}"),
            ));
        }
        out.push(crate::views::SavedSearch {
            name: name.to_owned(),
            query: query.clone(),
            configured: true,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_expand_home_and_variables() {
        let home = directories::BaseDirs::new()
            .unwrap()
            .home_dir()
            .to_path_buf();
        assert_eq!(expand("~/news").unwrap(), home.join("news"));
        assert_eq!(
            expand("/a/$HOME/b").unwrap(),
            PathBuf::from(format!("/a/{}/b", home.display()))
        );
        assert_eq!(
            expand("${HOME}x").unwrap(),
            PathBuf::from(format!("{}x", home.display()))
        );
        assert!(
            expand("$BROADSHEET_SURELY_UNSET_VAR/x")
                .unwrap_err()
                .contains("BROADSHEET_SURELY_UNSET_VAR")
        );
        assert_eq!(expand("/cost/$5").unwrap(), PathBuf::from("/cost/$5"));
    }
}
