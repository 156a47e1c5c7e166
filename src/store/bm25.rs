//! `lede_bm25(texts_fts, weights…)`: BM25 for library search, computed as SQLite's own
//! `bm25()` does, but with each article's length read from memory instead of from FTS5's
//! `%_docsize` table.
//!
//! Why: a common term matches a third of a big library, and every match is scored. The
//! built-in function looks up each article's length with its own B-tree seek, which is over
//! half of such a search. Here the lengths of all articles (4 bytes each) are read once, in
//! one pass, and again whenever the database changed since (`Lengths::refresh`, checked
//! before every search), so the scores are the built-in ones. An article missing from the
//! table (one another process adds while a search runs) falls back to FTS5's lookup.
//!
//! This file is the crate's only `unsafe` code: the FTS5 extension API is a C struct of
//! function pointers with no safe binding. Every call follows the contract in SQLite's
//! `fts5.h`; nothing here can unwind into C (no panicking operations).
#![allow(unsafe_code)]

use std::ffi::{c_int, c_void};
use std::ptr;
use std::sync::{Arc, RwLock};

use rusqlite::{Connection, ffi};

/// BM25's constants, SQLite's.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Marks an id with no article in the table.
const ABSENT: u32 = u32::MAX;
/// Beyond this many ids the table is not kept (ids that sparse are not lede's own).
const MAX_IDS: i64 = 1 << 26;

/// What the database looked like when the lengths were read: SQLite's `data_version`
/// (changes when another connection commits) and this connection's total changes.
type Version = (i64, u64);

/// Every article's length in tokens (all columns together), by FTS5 rowid.
#[derive(Default)]
pub(super) struct Lengths {
    read: RwLock<(Option<Version>, Arc<Vec<u32>>)>,
}

impl Lengths {
    /// Re-reads the lengths if the database changed since they were read.
    pub(super) fn refresh(&self, conn: &Connection) -> rusqlite::Result<()> {
        let data_version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let now = Some((data_version, conn.total_changes()));
        if self.read.read().map(|r| r.0 == now).unwrap_or(false) {
            return Ok(());
        }
        let table = read_lengths(conn)?;
        if let Ok(mut slot) = self.read.write() {
            *slot = (now, Arc::new(table));
        }
        Ok(())
    }

    fn current(&self) -> Arc<Vec<u32>> {
        self.read
            .read()
            .map(|r| Arc::clone(&r.1))
            .unwrap_or_default()
    }
}

/// One pass over `%_docsize`: each row's sizes are varints, one per column.
fn read_lengths(conn: &Connection) -> rusqlite::Result<Vec<u32>> {
    let max: Option<i64> =
        conn.query_row("SELECT max(id) FROM texts_fts_docsize", [], |r| r.get(0))?;
    let Some(max) = max.filter(|&m| (0..MAX_IDS).contains(&m)) else {
        return Ok(Vec::new());
    };
    let mut table = vec![ABSENT; max as usize + 1];
    let mut stmt = conn.prepare("SELECT id, sz FROM texts_fts_docsize")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let sizes = row.get_ref(1)?.as_blob().unwrap_or(&[]);
        if let Some(slot) = usize::try_from(id).ok().and_then(|i| table.get_mut(i)) {
            *slot = sum_varints(sizes).min(ABSENT as u64 - 1) as u32;
        }
    }
    Ok(table)
}

/// The sum of SQLite varints (big-endian, 7 bits a byte, the 9th byte whole).
fn sum_varints(mut bytes: &[u8]) -> u64 {
    let mut sum = 0u64;
    while !bytes.is_empty() {
        let mut value = 0u64;
        let mut used = 0;
        for (i, &byte) in bytes.iter().enumerate().take(9) {
            used = i + 1;
            if i == 8 {
                value = (value << 8) | u64::from(byte);
                break;
            }
            value = (value << 7) | u64::from(byte & 0x7f);
            if byte & 0x80 == 0 {
                break;
            }
        }
        sum = sum.saturating_add(value);
        bytes = &bytes[used..];
    }
    sum
}

/// Registers `lede_bm25` on `conn`, reading lengths from `lengths`.
pub(super) fn register(conn: &Connection, lengths: &Arc<Lengths>) -> rusqlite::Result<()> {
    let fail = |code: c_int, why: &str| {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), Some(why.to_string()))
    };
    // SAFETY: the handle is used on this thread only, while `conn` is borrowed, and only
    // for the calls below, which SQLite documents as the way to reach the FTS5 API.
    unsafe {
        let db = conn.handle();
        let mut api: *mut ffi::fts5_api = ptr::null_mut();
        let mut stmt: *mut ffi::sqlite3_stmt = ptr::null_mut();
        let rc = ffi::sqlite3_prepare_v2(
            db,
            c"SELECT fts5(?1)".as_ptr(),
            -1,
            &mut stmt,
            ptr::null_mut(),
        );
        if rc != ffi::SQLITE_OK {
            return Err(fail(rc, "cannot reach FTS5"));
        }
        ffi::sqlite3_bind_pointer(
            stmt,
            1,
            (&raw mut api).cast::<c_void>(),
            c"fts5_api_ptr".as_ptr(),
            None,
        );
        ffi::sqlite3_step(stmt);
        ffi::sqlite3_finalize(stmt);
        let Some(create) = api.as_ref().and_then(|a| a.xCreateFunction) else {
            return Err(fail(ffi::SQLITE_ERROR, "FTS5 is not available"));
        };
        let user = Arc::into_raw(Arc::clone(lengths)) as *mut c_void;
        let rc = create(
            api,
            c"lede_bm25".as_ptr(),
            user,
            Some(bm25),
            Some(drop_lengths),
        );
        if rc != ffi::SQLITE_OK {
            drop(Arc::from_raw(user as *const Lengths));
            return Err(fail(rc, "cannot register the ranking function"));
        }
    }
    Ok(())
}

/// Frees the connection's reference to the shared lengths (SQLite calls it on close).
unsafe extern "C" fn drop_lengths(user: *mut c_void) {
    // SAFETY: `user` is the pointer `register` made with `Arc::into_raw`, freed once.
    unsafe { drop(Arc::from_raw(user as *const Lengths)) }
}

/// What one query needs on every row, made on its first row.
struct Query {
    idf: Vec<f64>,
    freq: Vec<f64>,
    weights: Vec<f64>,
    avgdl: f64,
    lengths: Arc<Vec<u32>>,
}

unsafe extern "C" fn drop_query(p: *mut c_void) {
    // SAFETY: `p` is the `Box<Query>` made in `query_data`, freed once by FTS5.
    unsafe { drop(Box::from_raw(p.cast::<Query>())) }
}

/// Counts the rows a phrase matches (for its IDF).
unsafe extern "C" fn count_row(
    _api: *const ffi::Fts5ExtensionApi,
    _fts: *mut ffi::Fts5Context,
    user: *mut c_void,
) -> c_int {
    // SAFETY: `user` is the `i64` counter `query_data` passes to `xQueryPhrase`.
    unsafe { *user.cast::<i64>() += 1 };
    ffi::SQLITE_OK
}

/// The query's data, made and handed to FTS5 on the first row (as `bm25()` does).
///
/// # Safety
/// `api` and `fts` come from FTS5 for the current row; `vals` has `n` values.
unsafe fn query_data(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    n: c_int,
    vals: *mut *mut ffi::sqlite3_value,
) -> Result<*mut Query, c_int> {
    let missing = ffi::SQLITE_MISUSE;
    // SAFETY: the caller's contract; every API pointer is checked before it is called.
    unsafe {
        let get = api.xGetAuxdata.ok_or(missing)?;
        let found = get(fts, 0).cast::<Query>();
        if !found.is_null() {
            return Ok(found);
        }
        let phrases = api.xPhraseCount.ok_or(missing)?(fts).max(0) as usize;
        let (mut rows, mut tokens) = (0i64, 0i64);
        check(api.xRowCount.ok_or(missing)?(fts, &mut rows))?;
        check(api.xColumnTotalSize.ok_or(missing)?(fts, -1, &mut tokens))?;
        let mut idf = Vec::with_capacity(phrases);
        for phrase in 0..phrases {
            let mut hits = 0i64;
            let counter = (&raw mut hits).cast::<c_void>();
            check(api.xQueryPhrase.ok_or(missing)?(
                fts,
                phrase as c_int,
                counter,
                Some(count_row),
            ))?;
            let value = ((rows - hits) as f64 + 0.5) / (hits as f64 + 0.5);
            let value = value.ln();
            idf.push(if value <= 0.0 { 1e-6 } else { value });
        }
        let weights = (0..n.max(0) as usize)
            .map(|i| ffi::sqlite3_value_double(*vals.add(i)))
            .collect();
        let lengths = match api.xUserData {
            Some(user) => {
                let shared = user(fts).cast::<Lengths>().cast_const();
                shared.as_ref().map(Lengths::current).unwrap_or_default()
            }
            None => Arc::default(),
        };
        let query = Box::into_raw(Box::new(Query {
            freq: vec![0.0; phrases],
            idf,
            weights,
            avgdl: tokens as f64 / rows.max(1) as f64,
            lengths,
        }));
        let set = api.xSetAuxdata.ok_or(missing)?;
        // On failure FTS5 has already called `drop_query`.
        check(set(fts, query.cast::<c_void>(), Some(drop_query)))?;
        Ok(query)
    }
}

fn check(rc: c_int) -> Result<(), c_int> {
    if rc == ffi::SQLITE_OK {
        Ok(())
    } else {
        Err(rc)
    }
}

/// `lede_bm25(texts_fts, weights…)`: minus the BM25 score (lower is better), as `bm25()`.
unsafe extern "C" fn bm25(
    api: *const ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    ctx: *mut ffi::sqlite3_context,
    n: c_int,
    vals: *mut *mut ffi::sqlite3_value,
) {
    // SAFETY: FTS5 calls this with a valid API, context and `n` values, one row at a time
    // on the connection's thread; the query data is only touched inside this call.
    unsafe {
        match api.as_ref().map(|api| score(api, fts, n, vals)) {
            Some(Ok(score)) => ffi::sqlite3_result_double(ctx, -score),
            Some(Err(rc)) => ffi::sqlite3_result_error_code(ctx, rc),
            None => ffi::sqlite3_result_error_code(ctx, ffi::SQLITE_MISUSE),
        }
    }
}

/// The row's BM25 score.
///
/// # Safety
/// As for `query_data`.
unsafe fn score(
    api: &ffi::Fts5ExtensionApi,
    fts: *mut ffi::Fts5Context,
    n: c_int,
    vals: *mut *mut ffi::sqlite3_value,
) -> Result<f64, c_int> {
    let missing = ffi::SQLITE_MISUSE;
    // SAFETY: the caller's contract; `query` is FTS5's auxiliary data for this query,
    // alive until the query ends and used by no one else meanwhile.
    unsafe {
        let query = &mut *query_data(api, fts, n, vals)?;
        query.freq.fill(0.0);
        let mut count = 0;
        check(api.xInstCount.ok_or(missing)?(fts, &mut count))?;
        let inst = api.xInst.ok_or(missing)?;
        for i in 0..count {
            let (mut phrase, mut column, mut offset) = (0, 0, 0);
            check(inst(fts, i, &mut phrase, &mut column, &mut offset))?;
            let weight = usize::try_from(column)
                .ok()
                .and_then(|c| query.weights.get(c))
                .copied()
                .unwrap_or(1.0);
            if let Some(f) = usize::try_from(phrase)
                .ok()
                .and_then(|p| query.freq.get_mut(p))
            {
                *f += weight;
            }
        }
        let rowid = api.xRowid.ok_or(missing)?(fts);
        let known = usize::try_from(rowid)
            .ok()
            .and_then(|i| query.lengths.get(i))
            .copied()
            .filter(|&len| len != ABSENT);
        let length = match known {
            Some(len) => f64::from(len),
            None => {
                let mut tokens = 0;
                check(api.xColumnSize.ok_or(missing)?(fts, -1, &mut tokens))?;
                f64::from(tokens)
            }
        };
        let norm = K1 * (1.0 - B + B * length / query.avgdl);
        Ok(query
            .idf
            .iter()
            .zip(&query.freq)
            .map(|(idf, f)| idf * ((f * (K1 + 1.0)) / (f + norm)))
            .sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{Quiet, index};
    use crate::store::Store;
    use std::path::Path;

    /// Every match's (rowid, ours, SQLite's) for `query`.
    fn both(store: &Store, query: &str) -> Vec<(i64, f64, f64)> {
        store.lengths.refresh(&store.conn).expect("refresh");
        let mut stmt = store
            .conn
            .prepare(
                "SELECT rowid, lede_bm25(texts_fts, 10.0, 4.0, 1.0),
                   bm25(texts_fts, 10.0, 4.0, 1.0)
                 FROM texts_fts WHERE texts_fts MATCH ?1 ORDER BY rowid",
            )
            .expect("prepare");
        stmt.query_map([query], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows")
    }

    fn write_articles(root: &Path, n: usize, extra: &str) {
        for i in 0..n {
            // Lengths differ from article to article, so length normalisation matters.
            let filler = "words about other matters ".repeat(i % 7 + 1);
            let text = format!(
                "Report {i} on police {extra}\n\n{filler}The prime minister met the police \
                 chief. {}Hegemony was discussed{}.",
                "police again. ".repeat(i % 3),
                if i % 4 == 0 {
                    " with the election fraud inquiry"
                } else {
                    ""
                }
            );
            std::fs::write(root.join(format!("a{i}.txt")), text).expect("write");
        }
    }

    fn assert_same(store: &Store) {
        for query in [
            "police",
            "\"prime minister\"",
            "hegemon*",
            "election AND fraud",
            "chief OR inquiry NOT matters",
        ] {
            let rows = both(store, query);
            assert!(!rows.is_empty(), "{query}: no match");
            for (rowid, ours, theirs) in rows {
                assert_eq!(ours.to_bits(), theirs.to_bits(), "{query}, row {rowid}");
            }
        }
    }

    #[test]
    fn scores_are_sqlites_own_before_and_after_the_library_changes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("news");
        std::fs::create_dir(&root).expect("mkdir");
        write_articles(&root, 40, "");
        let db = dir.path().join("lede.db");
        let store = Store::open(&db).expect("store");
        index(&store, std::slice::from_ref(&root), &mut Quiet).expect("index");
        assert_same(&store);

        // Edited on this connection: every article longer, some removed.
        write_articles(&root, 30, "and the courts, the courts, the courts");
        for i in 30..40 {
            std::fs::remove_file(root.join(format!("a{i}.txt"))).expect("remove");
        }
        index(&store, std::slice::from_ref(&root), &mut Quiet).expect("re-index");
        assert_same(&store);

        // Edited by another process: lengths change again, and new articles come in.
        let other = Store::open(&db).expect("second store");
        write_articles(&root, 50, "");
        index(&other, std::slice::from_ref(&root), &mut Quiet).expect("index elsewhere");
        assert_same(&store);
    }

    #[test]
    fn varints_sum_like_sqlite_writes_them() {
        assert_eq!(sum_varints(&[]), 0);
        assert_eq!(sum_varints(&[5, 7, 0x7f]), 5 + 7 + 127);
        // 300 = 0b10_0101100 → 0x82 0x2c.
        assert_eq!(sum_varints(&[0x82, 0x2c, 1]), 301);
    }
}
