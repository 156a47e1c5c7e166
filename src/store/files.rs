//! Files the library has seen: what a re-index compares against so an unchanged file costs
//! one `stat`.

use std::collections::HashMap;
use std::path::Path;

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};

/// What the store remembers of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileState {
    pub id: i64,
    pub format: String,
    pub size: u64,
    pub mtime_ns: i64,
    /// xxh3-128 of the bytes, hex.
    pub hash: String,
    /// Why the file could not be imported last time, if it could not.
    pub problem: Option<String>,
    pub missing: bool,
}

impl Store {
    /// Every known file, by path text (one query). Keyed by text, not `PathBuf`: hashing a
    /// `PathBuf` walks its components, which a re-index of 100,000 files would feel.
    pub fn files(&self) -> Result<HashMap<String, FileState>> {
        self.files_where("", &[])
    }

    /// The known files among `paths` (one lookup each): what `lede FILE` needs, without
    /// loading the state of a whole library.
    pub fn files_named(&self, paths: &[&str]) -> Result<HashMap<String, FileState>> {
        let mut out = HashMap::with_capacity(paths.len());
        for path in paths {
            out.extend(self.files_where("WHERE path = ?1", &[path])?);
        }
        Ok(out)
    }

    fn files_where(&self, filter: &str, args: &[&str]) -> Result<HashMap<String, FileState>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT path, id, format, size, mtime_ns, hash, problem, missing FROM files {filter}"
            ))
            .map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    FileState {
                        id: r.get(1)?,
                        format: r.get(2)?,
                        size: r.get::<_, i64>(3)? as u64,
                        mtime_ns: r.get(4)?,
                        hash: r.get(5)?,
                        problem: r.get(6)?,
                        missing: r.get::<_, i64>(7)? != 0,
                    },
                ))
            })
            .map_err(|e| self.fail(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.fail(e))
    }

    /// Records a file's current state (inserting it if new); returns its id.
    pub fn put_file(&self, path: &Path, state: &FileState) -> Result<i64> {
        let path = path_text(path);
        self.conn
            .prepare_cached(
                "INSERT INTO files (path, format, size, mtime_ns, hash, problem, missing)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)
                 ON CONFLICT (path) DO UPDATE SET format = ?2, size = ?3, mtime_ns = ?4,
                   hash = ?5, problem = ?6, missing = 0",
            )
            .and_then(|mut s| {
                s.execute(params![
                    path,
                    state.format,
                    state.size as i64,
                    state.mtime_ns,
                    state.hash,
                    state.problem
                ])
            })
            .map_err(|e| self.fail(e))?;
        self.conn
            .query_row("SELECT id FROM files WHERE path = ?1", [&path], |r| {
                r.get(0)
            })
            .map_err(|e| self.fail(e))
    }

    /// Marks files (and their articles) as gone from disk. Nothing is deleted: their
    /// articles keep their text, position and notes.
    pub fn mark_missing(&self, ids: &[i64]) -> Result<()> {
        for id in ids {
            self.conn
                .prepare_cached("UPDATE files SET missing = 1 WHERE id = ?1")
                .and_then(|mut s| s.execute([id]))
                .and_then(|_| {
                    self.conn
                        .prepare_cached("UPDATE articles SET missing = 1 WHERE file_id = ?1")?
                        .execute([id])
                })
                .map_err(|e| self.fail(e))?;
        }
        Ok(())
    }

    /// The id of the file at `path`, if the library knows it.
    pub fn file_id(&self, path: &Path) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT id FROM files WHERE path = ?1",
                [path_text(path)],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))
    }

    /// Starts a write transaction (IMMEDIATE: it takes the write lock now, waiting up to the
    /// busy timeout, instead of failing halfway through).
    pub fn begin(&self) -> Result<()> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.fail(e))
    }

    /// Commits the open transaction durably.
    pub fn commit(&self) -> Result<()> {
        self.conn.execute_batch("COMMIT").map_err(|e| self.fail(e))
    }

    pub fn rollback(&self) -> Result<()> {
        self.conn
            .execute_batch("ROLLBACK")
            .map_err(|e| self.fail(e))
    }

    /// Runs `f` in one transaction (committed durably before returning).
    pub fn transaction<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.fail(e))?;
        match f(self) {
            Ok(v) => {
                self.conn
                    .execute_batch("COMMIT")
                    .map_err(|e| self.fail(e))?;
                Ok(v)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

/// Paths are stored as text; a non-UTF-8 path is stored lossily (and then only re-found by
/// the same lossy text, which is stable).
pub(crate) fn path_text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
