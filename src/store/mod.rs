//! The store: lede's SQLite database, the only code that writes user data.
//!
//! One file (`$XDG_DATA_HOME/lede/lede.db` unless configured) holds the library index, the
//! cleaned text and cached analysis of every article, reading state and annotations. It
//! runs in WAL mode with `synchronous=FULL` (a confirmed write survives a crash or power
//! loss) and a busy timeout, so two lede processes can work on it side by side.

#[cfg(test)]
mod annotation_tests;
mod annotations;
mod articles;
mod bm25;
mod entry;
mod files;
mod readers;
mod schema;
mod search;
mod sources;
#[cfg(test)]
mod tests;

pub use annotations::Reanchored;
pub use articles::{Position, StoredArticle};
pub use entry::{LibraryEntry, ReadState};
pub use files::FileState;
pub use schema::VERSION as SCHEMA_VERSION;
pub use search::{SearchHit, fts_query};

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// How long a writer waits for another process's transaction before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// A store problem, displayed as one line: `path: problem`.
#[derive(Debug)]
pub struct StoreError {
    pub path: PathBuf,
    pub problem: String,
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.problem)
    }
}

impl std::error::Error for StoreError {}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Read-only connections for queries split over several cores.
    readers: readers::Readers,
    /// Threads for searching and listing the library, when fixed (`set_query_threads`).
    query_threads: Option<usize>,
    /// Article lengths for the ranking function, shared by every connection.
    lengths: std::sync::Arc<bm25::Lengths>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// Where the database lives when neither `--db` nor the config says: the XDG data folder.
pub fn default_path() -> PathBuf {
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(|| PathBuf::from("."));
    data.join("lede").join("lede.db")
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// A file that is not a lede database is never written to.
    pub fn open(path: &Path) -> Result<Store> {
        let fail = |problem: String| StoreError {
            path: path.to_path_buf(),
            problem,
        };
        if path.is_dir() {
            return Err(fail("is a directory, not a database file".into()));
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                fail(format!(
                    "cannot create the folder {}: {}",
                    parent.display(),
                    crate::article::io_problem(&e)
                ))
            })?;
        }
        if path.exists() {
            check_header(path).map_err(fail)?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| fail(describe(&e)))?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| fail(describe(&e)))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;",
        )
        .map_err(|e| fail(describe(&e)))?;
        schema::migrate(&conn).map_err(fail)?;
        let lengths = std::sync::Arc::default();
        bm25::register(&conn, &lengths).map_err(|e| fail(describe(&e)))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            readers: readers::Readers::default(),
            query_threads: None,
            lengths,
        })
    }

    /// SQLite's own consistency check: `ok`, or the first problem found.
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| self.fail(e))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn fail(&self, err: rusqlite::Error) -> StoreError {
        StoreError {
            path: self.path.clone(),
            problem: describe(&err),
        }
    }
}

/// Refuses files that are neither empty nor SQLite, before SQLite touches them.
fn check_header(path: &Path) -> std::result::Result<(), String> {
    use std::io::Read;
    let mut head = [0u8; 16];
    let mut file = std::fs::File::open(path).map_err(|e| crate::article::io_problem(&e))?;
    let n = file
        .read(&mut head)
        .map_err(|e| crate::article::io_problem(&e))?;
    if n == 0 || head.starts_with(b"SQLite format 3\0") {
        Ok(())
    } else {
        Err("not a lede database (not an SQLite file); it was left untouched".into())
    }
}

/// One lowercase line for an SQLite error.
fn describe(err: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => {
            "not a lede database (corrupt or not SQLite); it was left untouched".into()
        }
        Some(ErrorCode::ReadOnly) => "the database is read-only".into(),
        Some(ErrorCode::CannotOpen) => {
            "cannot open the database (check the folder's permissions)".into()
        }
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => {
            "the database is busy (another lede is writing); try again".into()
        }
        Some(ErrorCode::DiskFull) => "the disk is full".into(),
        _ => err.to_string(),
    }
}

/// Seconds since the Unix epoch, for `added_at`/`updated_at` columns.
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
