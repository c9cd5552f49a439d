//! The SQLite database (read state and the store index): where it lives, WAL mode, the schema version and
//! its migrations, and what happens to a damaged file (moved aside, never silently replaced).

use std::path::{Path, PathBuf};
use std::time::Duration;

use std::collections::HashMap;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::marks::Mark;
use crate::model::ArticleId;

/// The schema this version writes and reads.
pub const SCHEMA_VERSION: i32 = 2;

/// The database file's name inside the data directory.
pub const FILE_NAME: &str = "broadsheet.db";

/// Each migration takes the schema from its index to its index + 1.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: read state per story.
    "CREATE TABLE marks (
        id TEXT PRIMARY KEY,
        url TEXT,
        read_at INTEGER,
        starred INTEGER NOT NULL DEFAULT 0,
        position INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;",
    // 1 -> 2: the store index, so startup reads headlines instead of parsing every file.
    "CREATE TABLE files (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime INTEGER NOT NULL,
        error TEXT
    ) WITHOUT ROWID;
    CREATE TABLE stories (
        path TEXT NOT NULL,
        entry INTEGER NOT NULL,
        id TEXT NOT NULL,
        format TEXT NOT NULL,
        section TEXT,
        title TEXT NOT NULL,
        byline TEXT,
        published TEXT,
        url TEXT,
        source TEXT,
        lead TEXT NOT NULL,
        related TEXT NOT NULL,
        title_key INTEGER NOT NULL,
        lead_key INTEGER,
        id_key INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX stories_by_path ON stories (path, entry);
    CREATE INDEX stories_by_id ON stories (id_key);
    CREATE INDEX stories_by_title ON stories (title_key);
    CREATE INDEX stories_by_lead ON stories (lead_key);",
];

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The file was written by a newer broadsheet.
    #[error(
        "{}: the database is from a newer broadsheet (schema {found}; this version reads up to {SCHEMA_VERSION}). \
         Upgrade broadsheet, or point --data-dir elsewhere",
        path.display()
    )]
    Newer {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        found: i32,
    },
    /// SQLite failed.
    #[error("{}: {cause}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        cause: rusqlite::Error,
    },
    /// The data directory or a damaged file could not be handled.
    #[error("{}: {cause}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        cause: std::io::Error,
    },
}

/// An open database.
#[derive(Debug)]
pub struct Db {
    /// The connection.
    pub conn: Connection,
    /// The file, or `None` in memory.
    pub path: Option<PathBuf>,
}

/// An opened database, and a note for the user when a damaged file had to be moved aside.
#[derive(Debug)]
pub struct Opened {
    /// The database.
    pub db: Db,
    /// Where a damaged file went, to tell the user.
    pub notice: Option<String>,
}

/// The default data directory (`directories::ProjectDirs`), when the platform has one.
#[must_use]
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "broadsheet").map(|d| d.data_dir().to_path_buf())
}

fn sqlite(path: &Path) -> impl Fn(rusqlite::Error) -> DbError + '_ {
    move |cause| DbError::Sqlite {
        path: path.to_path_buf(),
        cause,
    }
}

/// Whether an error means the file itself is damaged or unreadable (so a fresh one should replace it).
#[must_use]
pub fn is_damage(e: &DbError) -> bool {
    let DbError::Sqlite {
        cause: rusqlite::Error::SqliteFailure(f, _),
        ..
    } = e
    else {
        return false;
    };
    matches!(
        f.code,
        ErrorCode::NotADatabase
            | ErrorCode::DatabaseCorrupt
            | ErrorCode::CannotOpen
            | ErrorCode::PermissionDenied
    )
}

impl Db {
    /// Opens (creating or migrating as needed) the database in `dir`. A damaged or unreadable file is moved
    /// to `broadsheet.db.corrupt-<time>-<pid>` and a fresh one started; the returned notice says so.
    ///
    /// # Errors
    /// A database from a newer schema ([`DbError::Newer`]), or a folder that cannot be written.
    pub fn open(dir: &Path) -> Result<Opened, DbError> {
        std::fs::create_dir_all(dir).map_err(|cause| DbError::Io {
            path: dir.to_path_buf(),
            cause,
        })?;
        let path = dir.join(FILE_NAME);
        match Self::open_file(&path) {
            Ok(db) => Ok(Opened { db, notice: None }),
            Err(e) if is_damage(&e) => Self::replace_damaged(&path, &e.to_string(), None),
            Err(e) => Err(e),
        }
    }

    /// Moves the damaged file at `path` aside and starts a fresh database there, carrying over `marks`
    /// (what could still be read of the read state). Another broadsheet may have done the same a moment
    /// before: if the file opens cleanly now, it is used as it is.
    fn replace_damaged(
        path: &Path,
        problem: &str,
        marks: Option<&HashMap<ArticleId, Mark>>,
    ) -> Result<Opened, DbError> {
        if marks.is_none()
            && let Ok(db) = Self::open_file(path)
        {
            return Ok(Opened { db, notice: None });
        }
        let moved = move_aside(path)?;
        let mut db = Self::open_file(path)?;
        let mut carried = 0;
        if let Some(marks) = marks {
            carried = marks.len();
            db.restore_marks(marks)?;
        }
        let kept = if carried > 0 {
            format!("; {carried} read marks were kept")
        } else {
            String::new()
        };
        let notice = format!(
            "the database {} was damaged ({problem}); it was moved to {} and a new one started{kept}",
            path.display(),
            moved.display()
        );
        Ok(Opened {
            db,
            notice: Some(notice),
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
        let marks = self.marks().ok();
        drop(self);
        Some(Self::replace_damaged(
            &path,
            &e.to_string(),
            Some(&marks.unwrap_or_default()),
        ))
    }

    fn open_file(path: &Path) -> Result<Self, DbError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sqlite(path))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(sqlite(path))?;
        // A newer schema is refused before anything about the file is changed.
        let found: i32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sqlite(path))?;
        if found > SCHEMA_VERSION {
            return Err(DbError::Newer {
                path: path.to_path_buf(),
                found,
            });
        }
        // WAL: readers never block the writer, and every commit survives the process being killed.
        set_wal(&conn).map_err(sqlite(path))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite(path))?;
        let mut db = Self {
            conn,
            path: Some(path.to_path_buf()),
        };
        db.migrate()?;
        Ok(db)
    }

    /// A fresh database in memory, for tests and for runs that keep no state.
    ///
    /// # Errors
    /// Only if SQLite itself fails.
    pub fn in_memory() -> Result<Self, DbError> {
        let path = Path::new(":memory:");
        let conn = Connection::open_in_memory().map_err(sqlite(path))?;
        let mut db = Self { conn, path: None };
        db.migrate()?;
        Ok(db)
    }

    fn display_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"))
    }

    /// The schema version stored in the file.
    ///
    /// # Errors
    /// When SQLite cannot read it (a damaged file).
    pub fn version(&self) -> Result<i32, DbError> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|cause| DbError::Sqlite {
                path: self.display_path(),
                cause,
            })
    }

    /// Brings the schema up to [`SCHEMA_VERSION`], one migration per transaction.
    ///
    /// # Errors
    /// A newer schema, or SQLite failing (a damaged file).
    pub fn migrate(&mut self) -> Result<(), DbError> {
        self.migrate_to(SCHEMA_VERSION)
    }

    /// Brings the schema up to `target` (tests build older databases with it).
    ///
    /// # Errors
    /// A newer schema, or SQLite failing.
    pub fn migrate_to(&mut self, target: i32) -> Result<(), DbError> {
        let path = self.display_path();
        let err = |cause| DbError::Sqlite {
            path: path.clone(),
            cause,
        };
        // An immediate transaction: a second instance migrating at the same time waits, then sees the new version.
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err)?;
        let found: i32 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        if found > SCHEMA_VERSION {
            return Err(DbError::Newer { path, found });
        }
        for (version, sql) in MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(found).unwrap_or(0))
        {
            let next = i32::try_from(version + 1).unwrap_or(i32::MAX);
            if next > target {
                break;
            }
            tx.execute_batch(sql).map_err(err)?;
            tx.pragma_update(None, "user_version", next).map_err(err)?;
        }
        tx.commit().map_err(err)
    }
}

/// Switches the database to WAL. Switching needs the file to itself, which the busy timeout does not
/// wait for: when another broadsheet opens a new database at the same moment, this tries again for a while.
fn set_wal(conn: &Connection) -> rusqlite::Result<()> {
    let mut tries = 0;
    loop {
        let mode = conn.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0))?;
        if mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(rusqlite::Error::SqliteFailure(f, _))
                if matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                    && tries < 250 =>
            {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(e),
        }
    }
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
