//! `list` and `show`: stories printed one line each, or reflowed in full, as text or JSON.

use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::library::Listed;
use super::views::Library;
use super::{finish_output, report_warnings};
use crate::cli::ShowFormat;
use crate::model::{ArticleId, ArticleJson, Headline, HeadlineJson};
use crate::store::Store;
use crate::store::marks::Mark;
use crate::text::clean::{Breaks, clean};
use crate::text::width::pad_to;
use crate::view::plain;
use crate::{samples, store};

/// What `list` prints.
#[derive(Clone, Debug, Default)]
pub struct ListOptions {
    /// JSON instead of lines.
    pub json: bool,
    /// Only unread stories.
    pub unread: bool,
    /// Only starred stories.
    pub starred: bool,
    /// Only this view's stories (a name or an id).
    pub view: Option<String>,
    /// This order instead of the store's.
    pub sort: Option<crate::views::Order>,
    /// The configuration's saved searches (views).
    pub configured: Vec<crate::views::SavedSearch>,
}

/// `s` on one line, without control sequences.
fn one_line(s: &str) -> Cow<'_, str> {
    clean(Cow::Borrowed(s), Breaks::OneLine)
}

/// Section column width in `list`.
const SECTION_COLUMNS: usize = 16;

/// `list`: brings the index up to date (only new and changed files are parsed), then prints the stories
/// with their read state.
///
/// # Errors
/// When the database cannot be opened or written.
pub fn list(
    paths: &[PathBuf],
    data_dir: Option<&Path>,
    options: &ListOptions,
) -> anyhow::Result<ExitCode> {
    let (mut library, mut db) = Library::open(paths, data_dir, &options.configured)?;
    let mut err = io::stderr();
    for w in &library.listing.warnings {
        let _ = writeln!(err, "broadsheet: warning: {w}");
    }
    let mut chosen: Vec<usize> = match &options.view {
        Some(name) => match crate::views::lookup(name, &library.views()) {
            Ok(view) => library.members(&view, &mut db)?,
            Err(e) => {
                let _ = writeln!(err, "broadsheet: {e}");
                return Ok(ExitCode::from(super::USAGE));
            }
        },
        None => (0..library.headlines().len()).collect(),
    };
    if library.headlines().is_empty() {
        let _ = writeln!(err, "broadsheet: no stories could be loaded");
        if options.json {
            // A script reading the JSON gets an empty array, not nothing.
            println!("[]");
        }
        return Ok(ExitCode::from(1));
    }
    if let Some(order) = options.sort {
        library.sort(&mut chosen, order);
    }
    let headlines = library.headlines();
    let shown: Vec<(&Headline, Mark)> = chosen
        .iter()
        .map(|&i| (&headlines[i], library.mark(headlines[i].id)))
        .filter(|(_, m)| {
            (!options.unread || m.read_at.is_none()) && (!options.starred || m.starred)
        })
        .collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = write_list(&library.listing, &shown, options.json, &mut out);
    finish_output(written.and_then(|()| out.flush()))
}

fn write_list(
    listing: &Listed,
    shown: &[(&Headline, Mark)],
    json: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    if json {
        let rows: Vec<HeadlineJson<'_>> = shown
            .iter()
            .map(|(h, m)| {
                let (given, absolute) = listing.paths_of(h);
                let (lead, copies) = listing.clusters.get(&h.id).copied().unwrap_or((h.id, 1));
                HeadlineJson::new(h, *m)
                    .paths(given, absolute)
                    .cluster(lead, copies)
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    for (h, m) in shown {
        match listing.copies.get(&h.id).map_or(1, Vec::len) {
            1 => writeln!(out, "{}", row(h, *m))?,
            // Quiet: after the headline, where it moves no column.
            n => writeln!(out, "{}  ×{n}", row(h, *m))?,
        }
    }
    Ok(())
}

/// A story's line in `list` (and `search`): read and star marks, section, date, headline.
#[must_use]
pub fn row(h: &Headline, m: Mark) -> String {
    let read = if m.read_at.is_some() { ' ' } else { 'N' };
    let star = if m.starred { '*' } else { ' ' };
    // The index may hold rows written before stories were cleaned when loaded: clean them here too.
    let section = pad_to(&one_line(h.label().unwrap_or("")), SECTION_COLUMNS);
    let date = h
        .published
        .map_or_else(|| " ".repeat(10), |d| d.format("%Y-%m-%d").to_string());
    format!("{read}{star} {section}  {date}  {}", one_line(&h.title))
}

/// Each story's copies and the stories like it, from the index in the data directory (none when it has
/// no database yet: `show` makes none).
fn kin_from_index(data_dir: Option<&Path>, store: &Store) -> Vec<super::kin::Kin> {
    let Ok(dir) = super::library::data_dir(data_dir) else {
        return Vec::new();
    };
    if !dir.join(crate::store::db::FILE_NAME).is_file() {
        return Vec::new();
    }
    match crate::store::db::Db::open(&dir) {
        Ok(opened) => super::kin::kin(&opened.db, Some(&dir), &store.articles),
        Err(_) => Vec::new(),
    }
}

/// `show`: parses the files given (every story, copies included, so the output maps to the files) and
/// prints them reflowed or as JSON.
///
/// # Errors
/// When writing fails (other than a closed pipe).
pub fn show(
    paths: &[PathBuf],
    data_dir: Option<&Path>,
    format: ShowFormat,
    width: Option<u16>,
) -> anyhow::Result<ExitCode> {
    // A name that is no file but a story id names the story: its files are found in the index.
    let (ids, files) = super::views::split_ids(paths);
    let mut store = if paths.is_empty() {
        samples::load()
    } else if files.is_empty() {
        Store::default()
    } else {
        store::load(&files)
    };
    if !ids.is_empty() {
        let db = super::library::open_db(data_dir)?.db;
        for id in ids {
            let found = by_id(&db, id)?;
            if found.is_empty() {
                eprintln!(
                    "broadsheet: no stored story has the id {id} (broadsheet list --json gives ids)"
                );
                return Ok(ExitCode::from(1));
            }
            store.articles.extend(found);
        }
    }
    if !report_warnings(&store, &mut io::stderr()) {
        return Ok(ExitCode::from(1));
    }
    let stdout = io::stdout();
    let terminal = if stdout.is_terminal() {
        crossterm::terminal::size().ok().map(|(w, _)| w)
    } else {
        None
    };
    let width = usize::from(width.or(terminal).unwrap_or(80));
    let kin = if format == ShowFormat::Json {
        kin_from_index(data_dir, &store)
    } else {
        Vec::new()
    };
    let mut out = io::BufWriter::new(stdout.lock());
    let written = write_show(&store, &kin, paths.is_empty(), format, width, &mut out);
    finish_output(written.and_then(|()| out.flush()))
}

/// The copies of story `id`: read from the files the index holds it in, else from the sample store.
fn by_id(db: &crate::store::db::Db, id: ArticleId) -> anyhow::Result<Vec<crate::model::Article>> {
    let files = db.files_of(id)?;
    let loaded = if files.is_empty() {
        samples::load()
    } else {
        store::load(&files)
    };
    Ok(loaded
        .articles
        .into_iter()
        .filter(|a| a.head.id == id)
        .collect())
}

fn write_show(
    store: &Store,
    kin: &[super::kin::Kin],
    from_samples: bool,
    format: ShowFormat,
    width: usize,
    out: &mut impl Write,
) -> io::Result<()> {
    match format {
        ShowFormat::Md | ShowFormat::Html => {
            for (i, a) in store.articles.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                // Stories are cleaned as they load; one more pass guarantees no escape goes out.
                let text = if format == ShowFormat::Md {
                    crate::export::markdown(a)
                } else {
                    crate::export::html(a)
                };
                write!(out, "{}", clean(Cow::Owned(text), Breaks::Lines))?;
            }
            return Ok(());
        }
        ShowFormat::Json | ShowFormat::Text => {}
    }
    if format == ShowFormat::Json {
        let mut kin = kin.iter();
        let rows: Vec<ArticleJson<'_>> = store
            .articles
            .iter()
            .map(|a| {
                let (copies, similar) = kin.next().cloned().unwrap_or_default();
                // Stories from files are on disk; the sample store's are not.
                let absolute = (!from_samples)
                    .then(|| {
                        std::fs::canonicalize(&a.head.path)
                            .or_else(|_| std::path::absolute(&a.head.path))
                            .ok()
                    })
                    .flatten()
                    .map(|p| p.display().to_string());
                ArticleJson::from(a)
                    .paths(a.head.path.display().to_string(), absolute)
                    .kin(copies, similar)
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    for (i, a) in store.articles.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n{}\n", "\u{2550}".repeat(width.max(20)))?;
        }
        // Stories are cleaned as they load; the date format comes from the configuration, which could
        // hold an escape too. One more pass over what goes out costs little and guarantees it.
        write!(
            out,
            "{}",
            clean(Cow::Owned(plain::render(a, width)), Breaks::Lines)
        )?;
    }
    Ok(())
}
