//! What the reader and `list` stand on: the database, the roots given on the command line, and the
//! headlines the index holds for them.

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::model::{self, Headline};
use crate::store::Warning;
use crate::store::db::{Db, DbError, Notice, Opened, default_dir, is_damage};
use crate::store::scan::{self, ScanUpdate};

/// The data directory: `--data-dir` (or `BROADSHEET_DATA_DIR`), else the platform's.
///
/// # Errors
/// When neither is given and the platform has no data directory.
pub fn data_dir(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    given
        .map(Path::to_path_buf)
        .or_else(default_dir)
        .context("no data directory is known for this system; give one with --data-dir")
}

/// Opens the database, telling the user on stderr, once, when a damaged one was moved aside or when marks
/// cannot be saved (the database is then a copy in memory), and naming marks whose ids cannot be read.
///
/// # Errors
/// A newer schema, or a database file that cannot be opened at all.
pub fn open_db(given: Option<&Path>) -> anyhow::Result<Opened> {
    let dir = data_dir(given)?;
    let opened = Db::open(&dir)?;
    if let Some(notice) = &opened.notice {
        tell(notice);
    }
    // Marks whose ids cannot be read are left out wherever marks are read: said here, once.
    if let Ok((_, bad)) = opened.db.marks_checked() {
        for w in bad {
            eprintln!("broadsheet: warning: {w}");
        }
    }
    Ok(opened)
}

/// Opens the database for a command that exists only to change read state (`mark`, `state import`).
///
/// # Errors
/// As [`open_db`], and when marks cannot be saved: nothing is changed then.
pub fn open_db_to_write(given: Option<&Path>) -> anyhow::Result<Db> {
    let dir = data_dir(given)?;
    let opened = Db::open(&dir)?;
    match opened.notice {
        Some(notice @ Notice::ReadOnly { .. }) => {
            anyhow::bail!("{notice}; nothing was changed")
        }
        Some(notice) => tell(&notice),
        None => {}
    }
    Ok(opened.db)
}

/// Says a notice on stderr.
fn tell(notice: &Notice) {
    eprintln!("broadsheet: warning: {notice}");
}

/// The roots as absolute paths (so the index is shared whatever the working directory), with warnings for
/// the ones that do not exist.
#[must_use]
pub fn roots(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Warning>) {
    let mut roots = Vec::new();
    let mut warnings = Vec::new();
    for p in paths {
        match std::fs::canonicalize(p) {
            Ok(abs) => roots.push(abs),
            Err(e) => {
                let reason = if e.kind() == std::io::ErrorKind::NotFound {
                    "no such file or folder".to_owned()
                } else {
                    format!("cannot read: {e}")
                };
                warnings.push(Warning {
                    path: p.clone(),
                    reason,
                });
            }
        }
    }
    (roots, warnings)
}

/// The indexed headlines under `roots` in store order, one per story, and the files the index skipped or
/// holds rows for that cannot be read back (those are read again by the next scan).
///
/// # Errors
/// When the database cannot be read (a damaged file is replaced first).
pub fn indexed(
    opened: &mut Opened,
    roots: &[PathBuf],
) -> anyhow::Result<(Vec<Headline>, Vec<Warning>)> {
    let (mut headlines, skipped) = healing(opened, |db| {
        let (headlines, mut warnings) = read_back(db, roots)?;
        warnings.extend(db.file_errors(roots)?);
        Ok((headlines, warnings))
    })?;
    headlines.sort_by(model::store_order);
    model::dedupe(&mut headlines);
    Ok((headlines, skipped))
}

/// Copies of one story, by the id of the copy listed: every copy, the listed one first.
pub type Copies = model::IdMap<Vec<Headline>>;

/// Keeps one headline per story (in store order) as [`crate::cluster::listing`] says, and returns the
/// copies of each story that has more than one. With clusters, the groups are made from the signals the
/// index holds under `roots`.
///
/// # Errors
/// When the database cannot be read.
pub fn one_per_story(
    db: &Db,
    roots: &[PathBuf],
    headlines: &mut Vec<Headline>,
) -> Result<Copies, DbError> {
    match crate::cluster::listing() {
        crate::cluster::Listing::Every => Ok(Copies::default()),
        crate::cluster::Listing::Ids => {
            let groups = crate::cluster::Groups::default();
            Ok(crate::cluster::collapse(headlines, &groups))
        }
        crate::cluster::Listing::Clusters => {
            let groups = crate::cluster::Groups::new(db.signals(roots)?);
            Ok(crate::cluster::collapse(headlines, &groups))
        }
    }
}

/// Each story that has copies, with the id that stands for its group and how many copies it has: what
/// `list --all-copies --json` gives every file's row, though it lists the copies apart. The groups are
/// made from the signals the index holds under `roots`, as `list` makes them.
///
/// # Errors
/// When the database cannot be read.
pub fn groups_of_every(
    db: &Db,
    roots: &[PathBuf],
    headlines: &[Headline],
) -> Result<Clusters, DbError> {
    let mut one = headlines.to_vec();
    let groups = crate::cluster::Groups::new(db.signals(roots)?);
    Ok(clusters_of(&crate::cluster::collapse(&mut one, &groups)))
}

/// Each story of `copies` (the copy kept and the others), with the id of the one kept and how many.
#[must_use]
pub fn clusters_of(copies: &Copies) -> Clusters {
    let mut out = Clusters::default();
    for (lead, all) in copies {
        for h in all {
            out.insert(h.id, (*lead, all.len()));
        }
    }
    out
}

/// Stories with copies: the id that stands for each one's group, and how many copies it has.
pub type Clusters = model::IdMap<(model::ArticleId, usize)>;

/// The indexed headlines under `roots`, and a warning for each row that cannot be read back; the files
/// holding such rows are read again by the next scan.
fn read_back(db: &mut Db, roots: &[PathBuf]) -> Result<(Vec<Headline>, Vec<Warning>), DbError> {
    let (headlines, warnings) = db.headlines(roots)?;
    if !warnings.is_empty() {
        let paths: Vec<PathBuf> = warnings.iter().map(|w| w.path.clone()).collect();
        db.index_again(&paths)?;
    }
    Ok((headlines, warnings))
}

/// What `list` and `search` read.
#[derive(Debug, Default)]
pub struct Listed {
    /// The headlines, in store order.
    pub headlines: Vec<Headline>,
    /// Files skipped or loaded with losses, and roots that do not exist.
    pub warnings: Vec<Warning>,
    /// The bundled sample store's stories, when no path was given (they are not on disk, nor indexed).
    pub sample: Option<Vec<model::Article>>,
    /// Each root as the index knows it (absolute) and as it was given.
    pub given: Vec<(PathBuf, PathBuf)>,
    /// The copies of each story listed that has more than one, by its id (see [`one_per_story`]).
    pub copies: Copies,
    /// Every story that has copies, listed or not: its group's lead and size (see [`clusters_of`]).
    pub clusters: Clusters,
}

impl Listed {
    /// A story's path as the user would write it (under the folder given, as it was typed), and its
    /// absolute path; `None` for the sample store, which is not on disk.
    #[must_use]
    pub fn paths_of(&self, h: &Headline) -> (String, Option<String>) {
        if self.sample.is_some() {
            return (h.path.display().to_string(), None);
        }
        let given = self
            .given
            .iter()
            .find_map(|(abs, typed)| {
                let rest = h.path.strip_prefix(abs).ok()?;
                Some(if rest.as_os_str().is_empty() {
                    typed.clone()
                } else {
                    typed.join(rest)
                })
            })
            .unwrap_or_else(|| h.path.clone());
        (
            given.display().to_string(),
            Some(h.path.display().to_string()),
        )
    }
}

/// The stories under `paths`, their index brought up to date first; the sample store when none is given.
///
/// # Errors
/// When the database cannot be written.
pub fn listed(opened: &mut Opened, paths: &[PathBuf]) -> anyhow::Result<Listed> {
    if paths.is_empty() {
        let sample = crate::samples::load_listed();
        return Ok(Listed {
            headlines: sample.articles.iter().map(Headline::from).collect(),
            warnings: sample.warnings,
            sample: Some(sample.articles),
            given: Vec::new(),
            copies: Copies::default(),
            clusters: Clusters::default(),
        });
    }
    let given = paths
        .iter()
        .filter_map(|p| Some((std::fs::canonicalize(p).ok()?, p.clone())))
        .collect();
    let (roots, mut warnings) = roots(paths);
    let (mut headlines, skipped) = scan_and_list(opened, &roots)?;
    warnings.extend(skipped);
    let copies = healing(opened, |db| one_per_story(db, &roots, &mut headlines))?;
    let clusters = if crate::cluster::listing() == crate::cluster::Listing::Every {
        healing(opened, |db| groups_of_every(db, &roots, &headlines))?
    } else {
        clusters_of(&copies)
    };
    Ok(Listed {
        headlines,
        warnings,
        sample: None,
        given,
        copies,
        clusters,
    })
}

/// Brings the index of `roots` up to date now, then reads it: the headlines in store order, every file's
/// story (copies included: see [`one_per_story`]), and the warnings (the walk's, and the files the index skipped). When the database turns out not to be
/// writable, the scan goes on in a copy in memory, and the user is told once.
///
/// # Errors
/// When the database cannot be written (a damaged file is replaced, and the scan run again, first).
pub fn scan_and_list(
    opened: &mut Opened,
    roots: &[PathBuf],
) -> anyhow::Result<(Vec<Headline>, Vec<Warning>)> {
    let (mut headlines, warnings, notice) = healing(opened, |db| {
        let mut warnings = Vec::new();
        let mut notice: Option<Notice> = None;
        let mut progress = super::progress::ScanProgress::default();
        scan::scan(db, roots, |update: ScanUpdate| {
            progress.step(update.done, update.total, update.finished);
            // Parse failures are kept in the index and read back below; only the walk's own warnings
            // (folders, loops) come from the scan, and a notice, which is told apart.
            let told = update.notice.as_ref().map(Notice::warning);
            if update.done == 0 {
                warnings.extend(
                    update
                        .warnings
                        .into_iter()
                        .filter(|w| Some(w) != told.as_ref()),
                );
            }
            notice = notice.take().or(update.notice);
        })?;
        let (headlines, unreadable) = read_back(db, roots)?;
        warnings.extend(unreadable);
        warnings.extend(db.file_errors(roots)?);
        Ok((headlines, warnings, notice.take()))
    })?;
    if let Some(notice) = notice {
        tell(&notice);
        opened.notice = Some(notice);
    }
    headlines.sort_by(model::store_order);
    Ok((headlines, warnings))
}

/// Runs `f` on the database. When that shows the file is damaged, the file is replaced (read state kept as
/// far as it can be read, the index started again); when it shows the file cannot be written, a copy in
/// memory takes its place. Either way the user is told and `f` run once more.
///
/// # Errors
/// What `f` fails with otherwise, or a damaged file that cannot be replaced.
pub fn healing<T>(
    opened: &mut Opened,
    mut f: impl FnMut(&mut Db) -> Result<T, DbError>,
) -> anyhow::Result<T> {
    let e = match f(&mut opened.db) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    if let Some(degraded) = opened.db.degrade(&e) {
        let notice = degraded?;
        tell(&notice);
        opened.notice = Some(notice);
        return Ok(f(&mut opened.db)?);
    }
    if is_damage(&e) && opened.db.path.is_some() {
        let damaged = std::mem::replace(&mut opened.db, Db::in_memory()?);
        let fresh = damaged.recover(&e).unwrap_or(Err(e))?;
        if let Some(notice) = &fresh.notice {
            tell(notice);
        }
        *opened = fresh;
        return Ok(f(&mut opened.db)?);
    }
    Err(e.into())
}
