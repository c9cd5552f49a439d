//! What each fuzz target drives and checks, one public function per target. The targets in
//! `fuzz_targets/` only hand libFuzzer's input to these; `tests/fuzz_replay.rs` includes this file as a
//! module and replays every saved finding through the same functions, so CI keeps each one fixed.
//!
//! A check fails by panicking. Loader panics are caught by `loader::guard` (a warning for the user), so a
//! caught one is raised again here: for the fuzzer, a parser that panics is a finding all the same.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use broadsheet::config::keymap::Context;
use broadsheet::config::{self, Config, resolve};
use broadsheet::loader::{
    self, LoadError, decode::decode as decode_bytes, detect::detect as sniff,
};
use broadsheet::model::{Article, ArticleJson, Format};
use broadsheet::text::clean::{Breaks, is_clean};
use broadsheet::text::width::width;
use broadsheet::view::plain::render;
use broadsheet::view::reflow::{reflow as reflow_article, wrap_sidebar};
use serde_json::Value;

/// `reflow` widens anything narrower to this many columns (see `view::reflow::reflow`).
const MIN_REFLOW_COLUMNS: u16 = 10;

/// `wrap_sidebar` widens anything narrower to this many columns.
const MIN_SIDEBAR_COLUMNS: u16 = 4;

/// The widest reflow tried: wider than any pane the reader draws (the article is at most 80 columns,
/// `show --width` rarely past 200), and past the longest words in the seeds nothing new happens.
const MAX_REFLOW_COLUMNS: u16 = 300;

/// The extensions `detect` is asked about, the empty one included: every hint it knows, and none.
const EXTENSIONS: [&str; 11] = [
    "txt", "html", "htm", "xhtml", "xml", "rss", "atom", "json", "md", "markdown", "",
];

/// The date formats reflow is tried with: none (the default), the configuration's default, one with the
/// time and offset.
const DATE_FORMATS: [Option<&str>; 3] = [None, Some("%-d %B %Y"), Some("%Y-%m-%d %H:%M %:z")];

/// The paths the reflow target loads its input as. Saved pages are left out: Readability makes them the
/// slowest loader by far (see FUZZING.md), and feed entries' HTML goes through the same block mapping, so
/// every kind of block, related teaser and body link still reaches the reflow.
const REFLOW_PATHS: [&str; 4] = ["story.txt", "feed.xml", "feed.json", "note.md"];

/// Dates a configured date format must print: the configuration's own sample, the epoch, the first and
/// last years chrono prints with four digits, and the widest offsets in use (-12:00, +14:00).
const SAMPLE_DATES: [(i64, i32); 5] = [
    (1_795_000_000, 0),
    (0, -12 * 3600),
    (-62_135_596_800, 14 * 3600),
    (253_402_300_799, 9 * 3600),
    (1_000_000_000, 5 * 3600 + 45 * 60),
];

/// Target `load_scraped`: the input as a scraped page (`story.txt`).
///
/// # Panics
/// When a parser panics or a story is not safe to print.
pub fn load_scraped(data: &[u8]) {
    load_checked("story.txt", data);
}

/// Target `load_html`: the input as a saved page (`page.html`).
///
/// # Panics
/// When a parser panics or a story is not safe to print.
pub fn load_html(data: &[u8]) {
    load_checked("page.html", data);
}

/// Target `load_feed`: the input as a feed, `feed.json` when it opens like JSON, else `feed.xml`.
///
/// # Panics
/// When a parser panics or a story is not safe to print.
pub fn load_feed(data: &[u8]) {
    let opens_json = data
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| matches!(b, b'{' | b'['));
    load_checked(if opens_json { "feed.json" } else { "feed.xml" }, data);
}

/// Target `load_markdown`: the input as a Markdown note (`note.md`).
///
/// # Panics
/// When a parser panics or a story is not safe to print.
pub fn load_markdown(data: &[u8]) {
    load_checked("note.md", data);
}

/// Loads `data` as the file `path` through the one entry point every file goes through, and checks that
/// no parser panicked and that every story came out safe to print. Returns the stories.
fn load_checked(path: &str, data: &[u8]) -> Vec<Article> {
    match loader::load_bytes(Path::new(path), data) {
        Ok(loaded) => {
            for article in &loaded.articles {
                check_safe(path, article);
            }
            loaded.articles
        }
        Err(LoadError::Crashed(why)) => panic!("{path}: a parser panicked: {why}"),
        Err(e) => {
            // The warning's text is built too: it quotes the input.
            let _ = e.to_string();
            Vec::new()
        }
    }
}

/// Checks the story as `show --json` gives it: one-line fields hold no line break or control character,
/// addresses no white space break, body text no control but tab and line feed (see `text::clean`).
fn check_safe(path: &str, article: &Article) {
    let json = serde_json::to_value(ArticleJson::from(article)).unwrap_or_default();
    let text = |v: &Value, breaks: Breaks, what: &str| {
        if let Some(s) = v.as_str() {
            assert!(is_clean(s, breaks), "{path}: {what} not clean: {s:?}");
        }
    };
    for field in ["section", "title", "byline"] {
        text(&json[field], Breaks::OneLine, field);
    }
    text(&json["url"], Breaks::Url, "url");
    for block in json["body"].as_array().into_iter().flatten() {
        text(&block["text"], Breaks::Lines, "body text");
        text(&block["credit"], Breaks::OneLine, "credit");
    }
    for link in json["related"].as_array().into_iter().flatten() {
        text(&link["section"], Breaks::OneLine, "related section");
        text(&link["text"], Breaks::OneLine, "related text");
        text(&link["url"], Breaks::Url, "related url");
    }
    for link in json["links"].as_array().into_iter().flatten() {
        text(&link["text"], Breaks::OneLine, "link text");
        text(&link["url"], Breaks::Url, "link url");
    }
}

/// Target `detect`: the input (read as UTF-8, lossily) sniffed under every extension. Markup that opens
/// a page or a feed, and JSON objects, are recognised whatever the extension says.
///
/// # Panics
/// When the extension wins over markup that says what the file is.
pub fn detect(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let head = text
        .trim_start()
        .chars()
        .take(32)
        .collect::<String>()
        .to_ascii_lowercase();
    let by_content = if head.starts_with("<!doctype html") || head.starts_with("<html") {
        Some(Format::Html)
    } else if head.starts_with("<rss") || head.starts_with("<feed") || head.starts_with('{') {
        Some(Format::Feed)
    } else {
        None
    };
    for ext in EXTENSIONS {
        let path = PathBuf::from(format!("story.{ext}"));
        let path = if ext.is_empty() {
            Path::new("story")
        } else {
            &path
        };
        let format = sniff(path, &text);
        if let Some(expected) = by_content {
            assert_eq!(format, expected, "extension {ext:?} won over the content");
        }
    }
}

/// Target `decode`: the input's bytes decoded to text. Decoded text is never blank, holds no NUL and is
/// clean of terminal controls (line breaks kept); it is then sniffed as loading does.
///
/// # Panics
/// When decoded text is blank or holds a NUL or a terminal control.
pub fn decode(data: &[u8]) {
    let Ok(decoded) = decode_bytes(data) else {
        return;
    };
    let text: &str = &decoded.text;
    assert!(!text.trim().is_empty(), "blank text decoded");
    assert!(!text.contains('\0'), "a NUL decoded");
    assert!(is_clean(text, Breaks::Keep), "controls decoded: {text:?}");
    let _ = sniff(Path::new("story.txt"), text);
}

/// Target `reflow`: bytes 0–1 (little-endian, modulo 301) give the width, byte 2 the loader (one of
/// [`REFLOW_PATHS`]) and the date format (one of [`DATE_FORMATS`]); the rest is loaded as that file. Each
/// story is reflowed for the article pane and its sidebar, and printed as `show` prints it: every
/// reflowed line fits the width.
///
/// # Panics
/// When a parser panics, a story is not safe to print, or a line is wider than asked.
pub fn reflow(data: &[u8]) {
    let [low, high, choice, rest @ ..] = data else {
        return;
    };
    let asked = u16::from_le_bytes([*low, *high]) % (MAX_REFLOW_COLUMNS + 1);
    let path = REFLOW_PATHS[usize::from(*choice) % REFLOW_PATHS.len()];
    let date_format = DATE_FORMATS[usize::from(*choice) / REFLOW_PATHS.len() % DATE_FORMATS.len()];
    for article in load_checked(path, rest) {
        let columns = asked.max(MIN_REFLOW_COLUMNS);
        let reflowed = reflow_article(&article, asked, date_format);
        assert_eq!(reflowed.width, columns);
        for line in &reflowed.lines {
            assert!(
                width(&line.text) <= usize::from(columns),
                "{path} at {asked}: {:?} is {} wide",
                line.text,
                width(&line.text)
            );
        }
        let side = usize::from(asked.max(MIN_SIDEBAR_COLUMNS));
        for item in wrap_sidebar(&article, asked) {
            for line in item.section.iter().chain(&item.lines) {
                assert!(
                    width(line) <= side,
                    "{path}: sidebar at {asked}: {line:?} is {} wide",
                    width(line)
                );
            }
        }
        let _ = render(&article, usize::from(asked));
    }
}

/// The built-in configuration, with colour and without, parsed once.
fn defaults(no_color: bool) -> &'static Config {
    static DEFAULTS: OnceLock<[Config; 2]> = OnceLock::new();
    let both = DEFAULTS.get_or_init(|| {
        [false, true].map(|no_color| {
            resolve::apply(
                resolve::base(no_color),
                Path::new("(built-in defaults)"),
                config::DEFAULTS,
                no_color,
            )
            .unwrap_or_else(|e| panic!("the built-in defaults do not load: {e}"))
        })
    });
    &both[usize::from(no_color)]
}

/// Target `config`: the input (when UTF-8) as a configuration file over the defaults, with colour and
/// without. What loads must work later: its date format prints every sample date, and its keymap and
/// layout answer; what fails gives its message.
///
/// # Panics
/// When a configuration that loads has a date format that cannot print a date.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for no_color in [false, true] {
        let base = defaults(no_color).clone();
        match resolve::apply(base, Path::new("config.toml"), text, no_color) {
            Ok(config) => check_config(&config),
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
}

/// Uses a loaded configuration as the reader does: a config that passes `config check` never fails later.
fn check_config(config: &Config) {
    let format = &config.reading.date_format;
    for (seconds, offset) in SAMPLE_DATES {
        let date = chrono::DateTime::from_timestamp(seconds, 0)
            .zip(chrono::FixedOffset::east_opt(offset))
            .map(|(d, o)| d.with_timezone(&o));
        if let Some(date) = date {
            let mut shown = String::new();
            assert!(
                write!(shown, "{}", date.format(format)).is_ok(),
                "date format {format:?} passed the check but fails on {date}"
            );
        }
    }
    for context in Context::ALL {
        let _ = config.keymap.help_rows(context);
    }
    for total in [0, 1, 80, u16::MAX] {
        let _ = config.layout.list_width.columns(total);
        let _ = config.layout.sidebar_width.columns(total);
    }
}
