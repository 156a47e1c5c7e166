//! Extra read-only connections, so one query can be split over every core.
//!
//! A connection is used by one thread at a time, so a search that ranks on several cores
//! borrows a connection per extra thread from this pool and gives it back afterwards. The
//! pool starts empty and grows to the most ever borrowed at once; WAL mode lets these
//! readers run beside the store's own connection (and beside a writer).

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags};

use super::bm25::{Lengths, register};
use super::{BUSY_TIMEOUT, Store, describe};

/// Idle read-only connections to the store's file.
#[derive(Default)]
pub(super) struct Readers {
    idle: RefCell<Vec<Connection>>,
}

impl Readers {
    /// `n` connections: idle ones first, new ones opened read-only as needed.
    pub(super) fn borrow(
        &self,
        path: &Path,
        n: usize,
        lengths: &Arc<Lengths>,
    ) -> Result<Vec<Connection>, String> {
        let mut idle = self.idle.borrow_mut();
        let mut out: Vec<Connection> = (0..n).map_while(|_| idle.pop()).collect();
        while out.len() < n {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(path, flags).map_err(|e| describe(&e))?;
            conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| describe(&e))?;
            register(&conn, lengths).map_err(|e| describe(&e))?;
            out.push(conn);
        }
        Ok(out)
    }

    /// Puts connections back for the next query.
    pub(super) fn give_back(&self, conns: impl IntoIterator<Item = Connection>) {
        self.idle.borrow_mut().extend(conns);
    }
}

impl Store {
    /// Ids `lo..=hi` cut into one range per thread a query over them is worth.
    pub(super) fn parts(&self, lo: i64, hi: i64) -> Vec<(i64, i64)> {
        let n = self.query_threads.unwrap_or_else(|| parts_for(lo, hi));
        split(lo, hi, n)
    }

    /// The lowest and highest `column` (an integer key) in `table`, if it has rows.
    pub(super) fn id_range(
        &self,
        table: &str,
        column: &str,
    ) -> rusqlite::Result<Option<(i64, i64)>> {
        // Two subqueries: SQLite reads an index end for a lone min() or max() only; in one
        // statement the pair scans the whole table.
        let (lo, hi): (Option<i64>, Option<i64>) = self.conn.query_row(
            &format!(
                "SELECT (SELECT min({column}) FROM {table}), (SELECT max({column}) FROM {table})"
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(lo.zip(hi))
    }

    /// `job(connection, k)` for every `k` in `0..n`, at once: part 0 on the store's own
    /// connection, the others on pooled readers, each on its own thread. Results come back
    /// in part order. When no reader can be opened the parts run one after another.
    pub(super) fn on_threads<T: Send>(
        &self,
        n: usize,
        job: impl Fn(&Connection, usize) -> T + Sync,
    ) -> Vec<T> {
        let extra = match n {
            0 | 1 => Vec::new(),
            n => self
                .readers
                .borrow(&self.path, n - 1, &self.lengths)
                .unwrap_or_default(),
        };
        if extra.is_empty() {
            return (0..n).map(|k| job(&self.conn, k)).collect();
        }
        let job = &job;
        let (results, conns) = std::thread::scope(|scope| {
            let handles: Vec<_> = extra
                .into_iter()
                .enumerate()
                .map(|(i, conn)| scope.spawn(move || (job(&conn, i + 1), conn)))
                .collect();
            let mut results = vec![job(&self.conn, 0)];
            let mut conns = Vec::new();
            for handle in handles {
                let (found, conn) = handle.join().expect("search thread");
                results.push(found);
                conns.push(conn);
            }
            (results, conns)
        });
        self.readers.give_back(conns);
        results
    }
}

/// How many threads a query over ids `lo..=hi` is worth: one per core (at most four),
/// but only when each part has enough articles to outweigh the part's fixed cost (each
/// part works out BM25's term statistics over the whole index again).
pub(super) fn parts_for(lo: i64, hi: i64) -> usize {
    /// Below this many articles per part, one thread is as fast.
    const MIN_PART: i64 = 20_000;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let span = (hi - lo + 1).max(0);
    (span / MIN_PART).clamp(1, cores.clamp(1, 4) as i64) as usize
}

/// `lo..=hi` cut into `n` consecutive ranges of nearly equal length.
pub(super) fn split(lo: i64, hi: i64, n: usize) -> Vec<(i64, i64)> {
    let n = n.max(1) as i64;
    let span = hi - lo + 1;
    (0..n)
        .map(|k| (lo + span * k / n, lo + span * (k + 1) / n - 1))
        .filter(|(a, b)| a <= b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_every_id_once() {
        for (lo, hi, n) in [(1, 100_000, 2), (1, 100_000, 3), (5, 7, 4), (1, 1, 2)] {
            let parts = split(lo, hi, n);
            assert_eq!(parts.first().map(|p| p.0), Some(lo));
            assert_eq!(parts.last().map(|p| p.1), Some(hi));
            for w in parts.windows(2) {
                assert_eq!(w[0].1 + 1, w[1].0, "{parts:?}");
            }
        }
    }

    #[test]
    fn small_libraries_use_one_thread() {
        assert_eq!(parts_for(1, 500), 1);
        assert_eq!(parts_for(1, 0), 1);
        assert!(parts_for(1, 100_000) <= 4);
    }
}
