//! The command line: clap definitions and the commands that print (`list`, `show`).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use unicode_width::UnicodeWidthStr;

use crate::model::{ArticleJson, HeadlineJson};
use crate::store::Store;
use crate::text::plain;
use crate::text::truncate::fit;
use crate::{samples, store};

/// broadsheet: read stored news in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "broadsheet",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; with none, open the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files and folders of stories (default: the bundled sample store).
    pub paths: Vec<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List stories, one line each: read mark, section, date, headline.
    List {
        /// Print a JSON array of {id, path, format, section, title, byline, published, url, read}.
        #[arg(long)]
        json: bool,
        /// Only unread stories.
        #[arg(long)]
        unread: bool,
        /// Files and folders of stories (default: the bundled sample store).
        paths: Vec<PathBuf>,
    },
    /// Print stories as reflowed text, or as JSON with the full model.
    Show {
        /// Print a JSON array of whole stories.
        #[arg(long)]
        json: bool,
        /// Text width in columns (default: the terminal's, else 80).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
        width: Option<u16>,
        /// Files and folders of stories (default: the bundled sample store).
        paths: Vec<PathBuf>,
    },
}

/// Loads the stories at `paths`, or the sample store when there are none. `show` prints every file's
/// story, copies included; everything else lists a story saved twice once.
#[must_use]
pub fn load_store(command: Option<&Command>, paths: &[PathBuf]) -> Store {
    let mut store = if paths.is_empty() {
        samples::load()
    } else {
        store::load(paths)
    };
    if !matches!(command, Some(Command::Show { .. })) {
        store.dedupe();
    }
    store
}

/// Prints the store's warnings to stderr; returns false (after saying so) when no story loaded.
pub fn report_warnings(store: &Store, err: &mut impl Write) -> bool {
    for w in &store.warnings {
        let _ = writeln!(err, "broadsheet: warning: {w}");
    }
    if store.articles.is_empty() {
        let _ = writeln!(err, "broadsheet: no stories could be loaded");
        return false;
    }
    true
}

/// Runs `list` or `show` on `store`, writing to `out`. `terminal_width` is the width of the terminal
/// that `out` is, if it is one.
///
/// # Errors
/// When writing fails (other than a closed pipe, which ends output quietly).
pub fn run_print(
    command: &Command,
    store: &Store,
    terminal_width: Option<u16>,
    out: &mut impl Write,
) -> io::Result<ExitCode> {
    let result = match command {
        Command::List { json, unread, .. } => list(store, *json, *unread, out),
        Command::Show { json, width, .. } => {
            let width = width.or(terminal_width).unwrap_or(80);
            show(store, *json, usize::from(width), out)
        }
    };
    match result.and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

/// Section column width in `list`.
const SECTION_COLUMNS: usize = 16;

fn list(store: &Store, json: bool, unread_only: bool, out: &mut impl Write) -> io::Result<()> {
    // Read state arrives with the state database; until then every story is unread.
    let read = |_: &crate::model::Article| false;
    let shown = store.articles.iter().filter(|a| !unread_only || !read(a));
    if json {
        let rows: Vec<HeadlineJson<'_>> = shown.map(|a| HeadlineJson::new(a, read(a))).collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    for a in shown {
        let mark = if read(a) { ' ' } else { 'N' };
        let section = fit(a.section.as_deref().unwrap_or(""), SECTION_COLUMNS);
        let pad = SECTION_COLUMNS - section.width();
        let date = a
            .published
            .map_or_else(|| " ".repeat(10), |d| d.format("%Y-%m-%d").to_string());
        writeln!(out, "{mark} {section}{:pad$}  {date}  {}", "", a.title)?;
    }
    Ok(())
}

fn show(store: &Store, json: bool, width: usize, out: &mut impl Write) -> io::Result<()> {
    if json {
        let rows: Vec<ArticleJson<'_>> = store.articles.iter().map(ArticleJson::from).collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    for (i, a) in store.articles.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n{}\n", "\u{2550}".repeat(width.max(20)))?;
        }
        write!(out, "{}", plain::render(a, width))?;
    }
    Ok(())
}
