//! The SQLite database (read state and the store index): where it lives, WAL mode, the schema version and
//! its migrations. What happens to a file that is damaged or cannot be written is in `policy`.

mod policy;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

pub use policy::{Failure, Notice, Probe, Unwritable, classify, decide, is_damage};

/// The schema this version writes and reads.
pub const SCHEMA_VERSION: i32 = 7;

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
    // 2 -> 3: the extractor version each file was read with. Files indexed before have 0, so the next
    // scan reads them again (carrying marks to any id that changed) and cuts their stored leads short.
    "ALTER TABLE files ADD COLUMN extractor INTEGER NOT NULL DEFAULT 0;",
    // 3 -> 4: the files whose stories the search index (a folder beside the database) has not committed
    // yet, and the queries typed in the reader. The index starts empty, so every file is read again on the next scan (ids and marks stay).
    "CREATE TABLE search_pending (path TEXT PRIMARY KEY) WITHOUT ROWID;
    CREATE TABLE searches (query TEXT PRIMARY KEY, at INTEGER NOT NULL);
    UPDATE files SET extractor = -1;",
    // 4 -> 5: searches saved as views, and where the reader was (view, sorts, filters, story) for each set
    // of folders it was opened on.
    "CREATE TABLE views (name TEXT PRIMARY KEY, query TEXT NOT NULL, at INTEGER NOT NULL);
    CREATE TABLE places (paths TEXT PRIMARY KEY, place TEXT NOT NULL, at INTEGER NOT NULL) WITHOUT ROWID;",
    // 5 -> 6: each feed entry's GUID, so that newsboat's export of read items (GUIDs) finds its stories.
    // Feeds indexed before are read again on the next scan to fill it in.
    "ALTER TABLE stories ADD COLUMN guid TEXT;
    CREATE INDEX stories_by_guid ON stories (guid) WHERE guid IS NOT NULL;
    UPDATE files SET extractor = -1 WHERE path IN (SELECT path FROM stories WHERE format = 'feed');",
    // 6 -> 7: what tells copies of one story apart from other stories (`cluster`): the page's URL as
    // copies compare it, and the text's fingerprint and length. Every file is read again on the next scan
    // to fill them in; ids and marks stay as they are.
    "ALTER TABLE stories ADD COLUMN url_key INTEGER;
    ALTER TABLE stories ADD COLUMN sketch BLOB;
    ALTER TABLE stories ADD COLUMN shingles INTEGER NOT NULL DEFAULT 0;
    UPDATE files SET extractor = -1;",
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
    /// The database file cannot be opened at all (not readable by this user, not a file): broadsheet stops
    /// rather than move it or start another.
    #[error("{}: {problem}", path.display())]
    Inaccessible {
        /// The database file.
        path: PathBuf,
        /// What is wrong and how to fix it.
        problem: String,
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
    /// The full-text index beside it, once opened (see `store::fulltext`).
    pub(crate) search: Option<Box<crate::search::engine::SearchIndex>>,
}

/// An opened database, and what the user must be told about it, once.
#[derive(Debug)]
pub struct Opened {
    /// The database: the file, or a copy of it in memory when the file cannot be written.
    pub db: Db,
    /// A damaged file moved aside, or marks that cannot be saved.
    pub notice: Option<Notice>,
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

impl Db {
    /// Opens (creating or migrating as needed) the database in `dir`.
    ///
    /// - A damaged file is moved to `broadsheet.db.corrupt-<time>-<pid>` and a fresh one started, with the
    ///   marks that could still be read from it; the notice says where it went.
    /// - A file or folder that cannot be written (permissions, a read-only file system, a full disk)
    ///   gives a copy in memory of what the file holds, and a notice that marks cannot be saved.
    ///
    /// # Errors
    /// A database from a newer schema ([`DbError::Newer`]), a file that cannot be opened at all
    /// ([`DbError::Inaccessible`]), or SQLite failing otherwise.
    pub fn open(dir: &Path) -> Result<Opened, DbError> {
        let path = dir.join(FILE_NAME);
        if let Err(cause) = std::fs::create_dir_all(dir) {
            let e = DbError::Io {
                path: dir.to_path_buf(),
                cause,
            };
            return Self::after_failure(&path, e);
        }
        match Self::open_file(&path) {
            Ok(db) => Ok(Opened { db, notice: None }),
            Err(e) => Self::after_failure(&path, e),
        }
    }

    fn open_file(path: &Path) -> Result<Self, DbError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sqlite(path))?;
        // SQLite quietly opens a file it may not write read-only; every write would then fail.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(DbError::Sqlite {
                path: path.to_path_buf(),
                cause: rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
                    Some("the file is not writable".to_owned()),
                ),
            });
        }
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(sqlite(path))?;
        // A newer schema is refused before anything about the file is changed.
        refuse_newer(&conn, path)?;
        // WAL: readers never block the writer, and every commit survives the process being killed.
        set_wal(&conn).map_err(sqlite(path))?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(sqlite(path))?;
        let mut db = Self {
            conn,
            path: Some(path.to_path_buf()),
            search: None,
        };
        db.migrate()?;
        Ok(db)
    }

    /// A database over an open connection, as it is (not migrated): for tests of old schemas.
    #[must_use]
    pub fn with_connection(conn: Connection, path: Option<PathBuf>) -> Self {
        Self {
            conn,
            path,
            search: None,
        }
    }

    /// A fresh database in memory, for tests and for runs that keep no state.
    ///
    /// # Errors
    /// Only if SQLite itself fails.
    pub fn in_memory() -> Result<Self, DbError> {
        let path = Path::new(":memory:");
        let conn = Connection::open_in_memory().map_err(sqlite(path))?;
        let mut db = Self {
            conn,
            path: None,
            search: None,
        };
        db.migrate()?;
        Ok(db)
    }

    /// The file, or `:memory:`, for messages.
    pub(crate) fn display_path(&self) -> PathBuf {
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

/// Fails with [`DbError::Newer`] when `conn` holds a schema newer than this version reads.
fn refuse_newer(conn: &Connection, path: &Path) -> Result<(), DbError> {
    let found: i32 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(sqlite(path))?;
    if found > SCHEMA_VERSION {
        return Err(DbError::Newer {
            path: path.to_path_buf(),
            found,
        });
    }
    Ok(())
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
