//! Walking the given files and folders: recursive, hidden entries and transient files (partial downloads,
//! editors' backups) skipped, symlink loops caught, and only regular files kept (FIFOs, sockets and
//! devices are skipped with a warning: reading one could block).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::Warning;
use crate::loader;

/// A file as the walk found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    /// The file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since the Unix epoch.
    pub mtime: i64,
}

/// The files under `roots`, in a stable order (each root in turn, then by name), and the warnings met
/// on the way (missing roots, unreadable or vanished folders, symlink loops, things that are not regular
/// files, a folder given that holds no file to read).
#[must_use]
pub fn files(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<Warning>) {
    let (stamps, warnings) = stamped(roots);
    (stamps.into_iter().map(|s| s.path).collect(), warnings)
}

/// Like [`files`], with each file's size and modification time, for the index. A file reached twice (roots
/// that overlap, or named twice) is listed once.
#[must_use]
pub fn stamped(roots: &[PathBuf]) -> (Vec<FileStamp>, Vec<Warning>) {
    let walked = walk(roots);
    (walked.files, walked.warnings)
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// The files, as [`stamped`] gives them.
    pub files: Vec<FileStamp>,
    /// What went wrong on the way.
    pub warnings: Vec<Warning>,
    /// Files whose contents could not be listed now (a newsboat cache newsboat is holding): what the
    /// index holds under them stays.
    pub held: Vec<PathBuf>,
}

/// [`stamped`], with the files that could not be listed now.
#[must_use]
pub fn walk(roots: &[PathBuf]) -> Walked {
    let mut held: Vec<PathBuf> = Vec::new();
    let mut files: Vec<FileStamp> = Vec::new();
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for root in roots {
        // One item of newsboat's cache, named by its path inside the cache (`show ID` finds it so).
        if !root.exists()
            && let Some((cache, _)) = loader::newsboat::split(root)
        {
            match loader::newsboat::items(cache) {
                Ok(items) => files.extend(items.into_iter().filter(|s| s.path == *root)),
                Err(err) => warnings.push(Warning {
                    path: root.clone(),
                    reason: err.to_string(),
                }),
            }
            continue;
        }
        let warnings_before = warnings.len();
        let mut found_a_file = false;
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            // A root named explicitly is read even when hidden; below it, hidden entries are skipped.
            .filter_entry(|e| {
                e.depth() == 0
                    || !(is_hidden(e.path()) || transient(e.path()) || companion(e.path()))
            });
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    found_a_file = true;
                    let (size, mtime) = e.metadata().map_or((0, 0), |m| {
                        let mtime = m
                            .modified()
                            .ok()
                            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
                        (m.len(), mtime)
                    });
                    if !seen.insert(e.path().to_path_buf()) {
                        continue;
                    }
                    // newsboat's archive: each item is read as a file of its own. One that cannot be
                    // read now keeps what the index holds from it.
                    match loader::newsboat::cache_kind(e.path()).and_then(|cache| {
                        cache.then(|| loader::newsboat::items(e.path())).transpose()
                    }) {
                        Ok(Some(items)) => {
                            files.extend(items);
                            continue;
                        }
                        Ok(None) => {}
                        Err(err) => {
                            held.push(e.path().to_path_buf());
                            warnings.push(Warning {
                                path: e.into_path(),
                                reason: err.to_string(),
                            });
                            continue;
                        }
                    }
                    files.push(FileStamp {
                        path: e.into_path(),
                        size,
                        mtime,
                    });
                }
                Ok(e) if e.file_type().is_dir() => {}
                // With links followed, the type is the target's: a link to a device is a device.
                Ok(e) => warnings.push(Warning {
                    reason: loader::not_a_file(e.file_type()),
                    path: e.into_path(),
                }),
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    let reason = if err.loop_ancestor().is_some() {
                        "symbolic link loop; not followed".to_owned()
                    } else if let Some(io) = err.io_error() {
                        match io.kind() {
                            std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
                            _ => format!("cannot read: {io}"),
                        }
                    } else {
                        err.to_string()
                    };
                    warnings.push(Warning { path, reason });
                }
            }
        }
        // A folder named like a file (`story.txt/`), or an empty one, would otherwise give nothing, unsaid.
        if !found_a_file && warnings.len() == warnings_before && root.is_dir() {
            warnings.push(Warning {
                path: root.clone(),
                reason: "a folder with no file to read in it".to_owned(),
            });
        }
    }
    Walked {
        files,
        warnings,
        held,
    }
}

/// The files under `changed` (files and folders named by a watcher, inside `roots`) as a walk of the
/// roots would find them: a path that is hidden below its root, a transient file (see [`is_transient`])
/// or outside every root gives nothing, and one that is gone gives nothing either (the index forgets
/// what it held there). No "no file to read" warning: a folder emptied while watched is not a fault.
#[must_use]
pub fn stamped_under(roots: &[PathBuf], changed: &[PathBuf]) -> Walked {
    let inside: Vec<PathBuf> = changed
        .iter()
        .filter(|p| within(roots, p))
        .cloned()
        .collect();
    let Walked {
        files: mut found,
        mut warnings,
        held,
    } = walk(&inside);
    found.retain(|s| within(roots, &s.path));
    // A path that vanished before the walk reached it is a removal, not a fault.
    warnings.retain(|w| !(w.reason == "no such file or folder" && inside.contains(&w.path)));
    warnings.retain(|w| w.reason != "a folder with no file to read in it");
    Walked {
        files: found,
        warnings,
        held,
    }
}

/// Whether a walk of `roots` reaches `path`: it is a root or below one, with no hidden entry and no
/// transient name on the way down from it.
#[must_use]
pub fn within(roots: &[PathBuf], path: &Path) -> bool {
    roots.iter().any(|root| {
        path.strip_prefix(root).is_ok_and(|rest| {
            let mut at = root.clone();
            rest.components().all(|c| {
                at.push(c);
                let name = c.as_os_str().to_str().unwrap_or("");
                !name.starts_with('.') && !is_transient(name) && !companion(&at)
            })
        })
    })
}

/// The extensions of a saved page or note whose pictures and styles a browser or an editor keeps in a
/// folder beside it (`story.html` and `story_files/`).
const PAGE_EXTENSIONS: [&str; 5] = ["html", "htm", "xhtml", "md", "markdown"];

/// Whether `path` is the folder a saved page keeps its pictures and styles in: `NAME_files` beside
/// `NAME.html` (or a note). Its files are the page's, not stories: the page shows its pictures from there.
fn companion(path: &Path) -> bool {
    let Some(stem) = path
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix("_files"))
    else {
        return false;
    };
    !stem.is_empty()
        && path.parent().is_some_and(|folder| {
            PAGE_EXTENSIONS
                .iter()
                .any(|ext| folder.join(format!("{stem}.{ext}")).is_file())
        })
}

/// Suffixes of files that are being written or are an editor's leftovers: partial downloads, temporary
/// files a writer renames when done, and backups. They are not stories, and reading one would list a
/// half-written or stale copy of a story.
/// SQLite's journals (newsboat's cache has one while it writes) belong here too.
const TRANSIENT_SUFFIXES: [&str; 10] = [
    ".tmp",
    ".part",
    ".partial",
    ".crdownload",
    ".swp",
    ".swx",
    "~",
    "-journal",
    "-wal",
    "-shm",
];

/// Whether a file name is a transient file's (see [`TRANSIENT_SUFFIXES`]), or vim's write test `4913`.
#[must_use]
pub fn is_transient(name: &str) -> bool {
    name == "4913"
        || TRANSIENT_SUFFIXES
            .iter()
            .any(|suffix| name.len() > suffix.len() && name.ends_with(suffix))
}

fn transient(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(is_transient)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}
