//! `search`: the stories matching a query, best first, each with the passage that matched; as lines or
//! JSON. Exit status as grep's: 0 with results, 1 with none, 2 for a query that cannot be read.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::library::open_db;
use super::{USAGE, finish_output};
use crate::model::{Headline, HeadlineJson};
use crate::search::{self, Searched};
use crate::store::db::Db;
use crate::store::marks::Mark;
use crate::text::clean::{Breaks, clean};

/// What `search` prints.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// JSON instead of lines.
    pub json: bool,
    /// At most this many results; 0 for all.
    pub limit: usize,
}

/// How many characters a printed snippet holds: one line of a wide terminal.
const SNIPPET_CHARS: usize = 100;

/// One result in JSON: `list --json`'s object, the snippet and the rank.
#[derive(Serialize)]
struct ResultJson<'a> {
    #[serde(flatten)]
    headline: HeadlineJson<'a>,
    snippet: String,
    rank: usize,
    score: f32,
}

/// `search`: parses the query (a bad one is a usage error), brings the index of `paths` up to date, and
/// prints the results.
///
/// # Errors
/// When the database cannot be opened, written or read.
pub fn run(
    query: &str,
    paths: &[PathBuf],
    data_dir: Option<&Path>,
    options: &Options,
) -> anyhow::Result<ExitCode> {
    let parsed = match search::parse(query) {
        Ok(q) if !q.is_empty() => q,
        Ok(_) => {
            eprintln!("broadsheet: the query has no words or filters to search for");
            return Ok(ExitCode::from(USAGE));
        }
        Err(e) => {
            eprintln!("broadsheet: bad query at {e}\n{}", e.pointer(query));
            return Ok(ExitCode::from(USAGE));
        }
    };
    let mut opened = open_db(data_dir)?;
    let mut listing = super::views::listed_with_ids(&mut opened, paths)?;
    let headlines = std::mem::take(&mut listing.headlines);
    let warnings = std::mem::take(&mut listing.warnings);
    // The sample store is not on disk: it is indexed in memory.
    let mut memory = None;
    if let Some(articles) = &listing.sample {
        let mut db = Db::in_memory()?;
        db.index_articles(articles)?;
        let _ = db.finish_search();
        memory = Some(db);
    }
    for w in &warnings {
        eprintln!("broadsheet: warning: {w}");
    }
    let marks = opened.db.marks()?;
    let mark = |id| marks.get(&id).copied().unwrap_or_default();
    let index = memory.as_mut().unwrap_or(&mut opened.db);
    let by_id = search::by_id(&headlines);
    let found = search::search(index, &headlines, &by_id, &parsed, &mark, search::now())?;
    if found.results.is_empty() {
        if options.json {
            // A script reading the JSON gets an empty array, not nothing.
            println!("[]");
        }
        return Ok(ExitCode::from(1));
    }
    let shown = if options.limit == 0 {
        found.results.len()
    } else {
        options.limit.min(found.results.len())
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let paths: Vec<(String, Option<String>)> = found.results[..shown]
        .iter()
        .map(|r| listing.paths_of(&headlines[r.index]))
        .collect();
    let written = write(
        index,
        &headlines,
        &found,
        &paths,
        &mark,
        options.json,
        &mut out,
    )
    .and_then(|()| out.flush());
    finish_output(written)
}

fn one_line(s: &str) -> Cow<'_, str> {
    clean(Cow::Borrowed(s), Breaks::OneLine)
}

fn write(
    index: &mut Db,
    headlines: &[Headline],
    found: &Searched,
    paths: &[(String, Option<String>)],
    mark: &impl Fn(crate::model::ArticleId) -> Mark,
    json: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let shown = paths.len();
    let top = &found.results[..shown];
    let snippets: Vec<String> = top
        .iter()
        .map(|r| {
            search::snippet_of(index, &headlines[r.index], &found.matcher, SNIPPET_CHARS)
                .map(|s| s.bracketed())
                .unwrap_or_default()
        })
        .collect();
    if json {
        let rows: Vec<ResultJson<'_>> = top
            .iter()
            .zip(snippets)
            .enumerate()
            .map(|(i, (r, snippet))| {
                let h = &headlines[r.index];
                let m = mark(h.id);
                ResultJson {
                    headline: HeadlineJson::new(h, m).paths(paths[i].0.clone(), paths[i].1.clone()),
                    snippet: one_line(&snippet).into_owned(),
                    rank: i + 1,
                    score: r.score,
                }
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return writeln!(out);
    }
    for (r, snippet) in top.iter().zip(snippets) {
        let h = &headlines[r.index];
        writeln!(out, "{}", super::print::row(h, mark(h.id)))?;
        if !snippet.is_empty() {
            writeln!(out, "     {}", one_line(&snippet))?;
        }
    }
    if shown < found.results.len() {
        eprintln!(
            "broadsheet: {} of {} results shown (--limit 0 shows all)",
            crate::text::thousands(shown),
            crate::text::thousands(found.results.len())
        );
    }
    Ok(())
}
