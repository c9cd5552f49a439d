//! Walking the given files and folders: recursive, hidden entries skipped, symlink loops caught, and only
//! regular files kept (FIFOs, sockets and devices are skipped with a warning: reading one could block).

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
    let mut files: Vec<FileStamp> = Vec::new();
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for root in roots {
        let warnings_before = warnings.len();
        let mut found_a_file = false;
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            // A root named explicitly is read even when hidden; below it, hidden entries are skipped.
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.path()));
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
    (files, warnings)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}
