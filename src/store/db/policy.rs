//! What the database's failures mean for the user's file. Damage moves it aside, with the marks that can
//! still be read carried over; a file or folder that cannot be written leaves broadsheet reading a copy in
//! memory, saying once that marks cannot be saved; a file that cannot be opened at all stops broadsheet,
//! naming the file and the fix. Nothing but damage ever moves the file.

use std::fmt::{self, Write as _};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{Db, DbError, Opened, refuse_newer, sqlite};
use crate::store::Warning;
use crate::store::marks::{StoredMark, salvage};

/// Why the database cannot be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unwritable {
    /// The file is not writable by this user (left by `sudo broadsheet`, say).
    File,
    /// Its folder is not writable by this user, so the file (or its journal) cannot be created there.
    Folder,
    /// The disk, or the user's quota, is full.
    Full,
    /// The file system is mounted read-only.
    ReadOnlySystem,
}

impl fmt::Display for Unwritable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::File => {
                "it is not writable by you (owned by root?): fix its ownership with chown, or use --data-dir"
            }
            Self::Folder => {
                "its folder is not writable by you: fix the folder's ownership or permissions, or use --data-dir"
            }
            Self::Full => "the disk is full: free some space, or use --data-dir",
            Self::ReadOnlySystem => "it is on a read-only file system: use --data-dir",
        })
    }
}

/// Something the user must be told about the database, once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The file was damaged: it was moved aside and a fresh one started.
    Replaced {
        /// The database file.
        path: PathBuf,
        /// Where the damaged file went.
        moved: PathBuf,
        /// What SQLite said of it.
        problem: String,
        /// How many marks were read from it and kept.
        kept: usize,
    },
    /// The file cannot be written: the library is read from a copy in memory, and marks made now last only
    /// until broadsheet quits.
    ReadOnly {
        /// The database file.
        path: PathBuf,
        /// Why it cannot be written, and the fix.
        why: Unwritable,
    },
}

impl Notice {
    /// The database file the notice is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Replaced { path, .. } | Self::ReadOnly { path, .. } => path,
        }
    }

    /// A line for a status bar, pointing at the full notice (kept with the warnings).
    #[must_use]
    pub fn short(&self) -> &'static str {
        match self {
            Self::Replaced { .. } => {
                "The database was damaged and replaced (? shows where it was moved)"
            }
            Self::ReadOnly { .. } => "Marks cannot be saved (? shows why)",
        }
    }
}

impl Notice {
    /// What happened, without the file's name (a [`Warning`] names it).
    #[must_use]
    pub fn reason(&self) -> String {
        match self {
            Self::Replaced {
                moved,
                problem,
                kept,
                ..
            } => {
                let kept = match kept {
                    0 => String::new(),
                    1 => "; 1 read mark was kept".to_owned(),
                    n => format!("; {n} read marks were kept"),
                };
                format!(
                    "the database was damaged ({problem}); it was moved to {} and a new one started{kept}",
                    moved.display()
                )
            }
            Self::ReadOnly { why, .. } => format!("marks cannot be saved: {why}"),
        }
    }

    /// The notice as a warning about the database file, for lists of warnings.
    #[must_use]
    pub fn warning(&self) -> Warning {
        Warning {
            path: self.path().to_path_buf(),
            reason: self.reason(),
        }
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path().display(), self.reason())
    }
}

/// What a failure means for the database file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The file is damaged: it is moved aside and a fresh one started.
    Damaged,
    /// The file or its folder cannot be written: a copy in memory is read instead.
    Unwritable(Unwritable),
    /// The file cannot be opened at all: broadsheet stops, naming the file and the fix.
    Inaccessible(String),
    /// Anything else, reported as it is.
    Other,
}

/// What the file system says of the database file, beside SQLite's error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// No file there.
    Missing,
    /// A file this user can read; `write` is why it cannot be opened for writing, if it cannot.
    Readable {
        /// The error opening it for writing gave, or `None` when it can be.
        write: Option<ErrorKind>,
    },
    /// A file this user cannot read: the error.
    Unreadable(ErrorKind),
    /// A folder, a FIFO or anything else that is not a file.
    NotAFile,
}

impl Probe {
    /// Looks at the file at `path` (never opening anything but a regular file, which cannot block).
    #[must_use]
    pub fn of(path: &Path) -> Self {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == ErrorKind::NotFound => Self::Missing,
            Err(e) => Self::Unreadable(e.kind()),
            Ok(m) if !m.is_file() => Self::NotAFile,
            Ok(_) => match std::fs::File::open(path) {
                Err(e) => Self::Unreadable(e.kind()),
                Ok(_) => Self::Readable {
                    write: std::fs::OpenOptions::new()
                        .append(true)
                        .open(path)
                        .err()
                        .map(|e| e.kind()),
                },
            },
        }
    }
}

/// What `e` means for the database file at `path` (looked at only when SQLite's word is not enough).
#[must_use]
pub fn classify(e: &DbError, path: &Path) -> Failure {
    decide(e, || Probe::of(path))
}

/// What `e` means for the database file, given what the file system says of it: the policy, apart from
/// the file system so that it can be tested without real permissions.
#[must_use]
pub fn decide(e: &DbError, probe: impl FnOnce() -> Probe) -> Failure {
    match e {
        // The data folder could not be created.
        DbError::Io { cause, .. } => match io_unwritable(cause.kind()) {
            Some(why) => Failure::Unwritable(why),
            None => Failure::Other,
        },
        DbError::Sqlite {
            cause: rusqlite::Error::SqliteFailure(f, _),
            ..
        } => match f.code {
            ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt => Failure::Damaged,
            ErrorCode::DiskFull => Failure::Unwritable(Unwritable::Full),
            ErrorCode::CannotOpen | ErrorCode::PermissionDenied | ErrorCode::ReadOnly => {
                match probe() {
                    Probe::Missing | Probe::Readable { write: None } => {
                        Failure::Unwritable(Unwritable::Folder)
                    }
                    Probe::Readable { write: Some(kind) } => Failure::Unwritable(
                        io_unwritable(kind).map_or(Unwritable::File, |why| match why {
                            Unwritable::Folder => Unwritable::File,
                            other => other,
                        }),
                    ),
                    Probe::Unreadable(ErrorKind::PermissionDenied) => Failure::Inaccessible(
                        "it is not readable by you (owned by root?): fix its ownership with chown, or use --data-dir"
                            .to_owned(),
                    ),
                    Probe::Unreadable(kind) => {
                        Failure::Inaccessible(format!("it cannot be read ({kind}): use --data-dir"))
                    }
                    Probe::NotAFile => Failure::Inaccessible(
                        "it is not a file: move it out of the way, or use --data-dir".to_owned(),
                    ),
                }
            }
            _ => Failure::Other,
        },
        DbError::Sqlite { .. } | DbError::Newer { .. } | DbError::Inaccessible { .. } => {
            Failure::Other
        }
    }
}

/// Why an I/O error of `kind` means a file or folder cannot be written, if it does.
fn io_unwritable(kind: ErrorKind) -> Option<Unwritable> {
    match kind {
        ErrorKind::PermissionDenied => Some(Unwritable::Folder),
        ErrorKind::ReadOnlyFilesystem => Some(Unwritable::ReadOnlySystem),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(Unwritable::Full),
        _ => None,
    }
}

/// Whether an error means the file itself is damaged (so a fresh one should replace it).
#[must_use]
pub fn is_damage(e: &DbError) -> bool {
    decide(e, || Probe::Missing) == Failure::Damaged
}

impl Db {
    /// Acts on a failure to open the file at `path`: see [`Db::open`].
    pub(super) fn after_failure(path: &Path, e: DbError) -> Result<Opened, DbError> {
        match classify(&e, path) {
            Failure::Damaged => Self::replace_damaged_file(path, &e),
            Failure::Unwritable(why) => Ok(Opened {
                db: Self::copy_in_memory(path)?,
                notice: Some(Notice::ReadOnly {
                    path: path.to_path_buf(),
                    why,
                }),
            }),
            Failure::Inaccessible(problem) => Err(DbError::Inaccessible {
                path: path.to_path_buf(),
                problem,
            }),
            Failure::Other => Err(e),
        }
    }

    /// Replaces a file found damaged on opening, keeping the marks that can still be read from it. Another
    /// broadsheet may have done the same a moment before: if the file opens cleanly now, it is used as it is.
    fn replace_damaged_file(path: &Path, e: &DbError) -> Result<Opened, DbError> {
        let salvaged = read_only_connection(path)
            .map(|conn| salvage(&conn))
            .unwrap_or_default();
        if let Ok(db) = Self::open_file(path) {
            return Ok(Opened { db, notice: None });
        }
        Self::replace_damaged(path, &e.to_string(), &salvaged)
    }

    /// Moves the damaged file at `path` aside and starts a fresh database there with `marks`.
    fn replace_damaged(
        path: &Path,
        problem: &str,
        marks: &[StoredMark],
    ) -> Result<Opened, DbError> {
        let moved = move_aside(path)?;
        let mut db = Self::open_file(path)?;
        db.restore_marks(marks)?;
        Ok(Opened {
            db,
            notice: Some(Notice::Replaced {
                path: path.to_path_buf(),
                moved,
                problem: problem.to_owned(),
                kept: marks.len(),
            }),
        })
    }

    /// When `e` (from using this database) means its file is damaged, replaces it: the read state that can
    /// still be read is kept, the index (only a cache) starts again. `None` when `e` is not damage.
    ///
    /// # Errors
    /// When the damaged file cannot be moved or a fresh one started.
    pub fn recover(self, e: &DbError) -> Option<Result<Opened, DbError>> {
        let path = self.path.clone()?;
        if !is_damage(e) {
            return None;
        }
        let marks = salvage(&self.conn);
        drop(self);
        Some(Self::replace_damaged(&path, &e.to_string(), &marks))
    }

    /// When `e` (from writing this database) means its file cannot be written (a full disk, a file made
    /// read-only meanwhile), goes on with a copy in memory of what the file holds, and returns the notice
    /// to give. `None` when `e` means something else, or this database is in memory already.
    ///
    /// # Errors
    /// When the file cannot be read either, or is from a newer broadsheet.
    pub fn degrade(&mut self, e: &DbError) -> Option<Result<Notice, DbError>> {
        let path = self.path.clone()?;
        let Failure::Unwritable(why) = classify(e, &path) else {
            return None;
        };
        Some(Self::copy_in_memory(&path).map(|copy| {
            *self = copy;
            Notice::ReadOnly { path, why }
        }))
    }

    /// A database in memory holding what the file at `path` holds (none when there is no file), brought up
    /// to this schema: the read state and the index as they are, to read and to scan into, never saved. A
    /// file that cannot be copied whole gives its marks that can still be read.
    fn copy_in_memory(path: &Path) -> Result<Self, DbError> {
        let mut conn = Connection::open_in_memory().map_err(sqlite(path))?;
        let source = if path.is_file() {
            read_only_connection(path).ok()
        } else {
            None
        };
        let mut salvaged = Vec::new();
        if let Some(source) = source {
            let copied = rusqlite::backup::Backup::new(&source, &mut conn)
                .and_then(|b| b.run_to_completion(4096, Duration::from_millis(10), None));
            if copied.is_err() {
                salvaged = salvage(&source);
                conn = Connection::open_in_memory().map_err(sqlite(path))?;
            }
        }
        refuse_newer(&conn, path)?;
        let mut db = Self {
            conn,
            path: None,
            search: None,
        };
        db.migrate()?;
        db.restore_marks(&salvaged)?;
        Ok(db)
    }
}

/// A connection that only reads the file at `path`. A WAL database whose shared-memory file cannot be
/// made (a read-only folder) is read as an immutable file: what was last checkpointed.
fn read_only_connection(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let readable = |conn: Connection| {
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map(|_| conn)
    };
    Connection::open_with_flags(path, flags)
        .and_then(readable)
        .or_else(|_| {
            let uri = format!("file:{}?immutable=1", uri_path(path));
            Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI).and_then(readable)
        })
}

/// `path` percent-encoded for an SQLite URI (`?`, `#`, `%` and anything unusual escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for &b in path.to_string_lossy().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Moves a damaged database (and its WAL files, which belong to it) to `<name>.corrupt-<time>-<pid>`: a
/// name no other process uses, so nothing already moved aside is overwritten.
fn move_aside(path: &Path) -> Result<PathBuf, DbError> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.f");
    let target = PathBuf::from(format!(
        "{}.corrupt-{stamp}-{}",
        path.display(),
        std::process::id()
    ));
    std::fs::rename(path, &target).map_err(|cause| DbError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", path.display()));
        if side.exists() {
            let _ = std::fs::rename(&side, format!("{}{suffix}", target.display()));
        }
    }
    Ok(target)
}
