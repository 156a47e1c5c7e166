//! Annotations in the store. Every change is one transaction, committed (durably: WAL with
//! `synchronous=FULL`) before the call returns, so a caller may say "saved" as soon as it
//! has `Ok`. `articles.notes` is kept in step in the same transaction.

use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store};
use crate::annotate::anchor::{self, Found};
use crate::annotate::{Annotation, Status, Target};

const COLUMNS: &str = "id, article_id, exact, prefix, suffix, start_cp, end_cp, colour, note, \
                       tags, created, modified, content_hash, status";

/// What re-anchoring did to an article's annotations after its text changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reanchored {
    /// Found again with certainty (possibly moved).
    pub anchored: usize,
    /// Found approximately: flagged "needs review".
    pub review: usize,
    /// Not found: kept as orphans.
    pub orphaned: usize,
}

impl Reanchored {
    pub fn total(&self) -> usize {
        self.anchored + self.review + self.orphaned
    }
}

impl Store {
    /// Adds or replaces an annotation (by id).
    pub fn put_annotation(&self, a: &Annotation) -> Result<()> {
        self.put_annotations(std::slice::from_ref(a))
    }

    /// Adds or replaces several annotations in one transaction.
    pub fn put_annotations(&self, list: &[Annotation]) -> Result<()> {
        self.atomically(|store| {
            for a in list {
                store.write_annotation(a)?;
            }
            Ok(())
        })
    }

    fn write_annotation(&self, a: &Annotation) -> Result<()> {
        let tags = serde_json::to_string(&a.tags).map_err(|e| self.fail_text(e.to_string()))?;
        let previous: Option<i64> = self
            .conn
            .prepare_cached("SELECT article_id FROM annotations WHERE id = ?1")
            .and_then(|mut s| s.query_row([&a.id], |r| r.get(0)).optional())
            .map_err(|e| self.fail(e))?;
        self.conn
            .prepare_cached(
                "INSERT INTO annotations (id, article_id, exact, prefix, suffix, start_cp,
                   end_cp, colour, note, tags, created, modified, content_hash, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                 ON CONFLICT (id) DO UPDATE SET article_id = ?2, exact = ?3, prefix = ?4,
                   suffix = ?5, start_cp = ?6, end_cp = ?7, colour = ?8, note = ?9,
                   tags = ?10, created = ?11, modified = ?12, content_hash = ?13,
                   status = ?14",
            )
            .and_then(|mut s| {
                s.execute(params![
                    a.id,
                    a.article,
                    a.target.exact,
                    a.target.prefix,
                    a.target.suffix,
                    a.target.start as i64,
                    a.target.end as i64,
                    a.colour as i64,
                    a.note,
                    tags,
                    a.created,
                    a.modified,
                    a.content_hash,
                    a.status.as_str(),
                ])
            })
            .map_err(|e| self.fail(e))?;
        if previous != Some(a.article) {
            if let Some(old) = previous {
                self.recount_notes(old)?;
            }
            self.recount_notes(a.article)?;
        }
        Ok(())
    }

    /// Deletes an annotation; `Ok(None)` if there was none with that id. Returns what was
    /// deleted, so it can be put back (undo).
    pub fn delete_annotation(&self, id: &str) -> Result<Option<Annotation>> {
        self.atomically(|store| {
            let Some(a) = store.annotation(id)? else {
                return Ok(None);
            };
            store
                .conn
                .prepare_cached("DELETE FROM annotations WHERE id = ?1")
                .and_then(|mut s| s.execute([id]))
                .map_err(|e| store.fail(e))?;
            store.recount_notes(a.article)?;
            Ok(Some(a))
        })
    }

    pub fn annotation(&self, id: &str) -> Result<Option<Annotation>> {
        self.conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM annotations WHERE id = ?1"))
            .and_then(|mut s| s.query_row([id], read_row).optional())
            .map_err(|e| self.fail(e))?
            .transpose()
            .map_err(|e| self.fail_text(e))
    }

    /// The annotations of one article in text order (orphans by their old position).
    pub fn annotations_of(&self, article: i64) -> Result<Vec<Annotation>> {
        self.select(
            &format!(
                "SELECT {COLUMNS} FROM annotations WHERE article_id = ?1
                 ORDER BY start_cp, end_cp, created"
            ),
            [article],
        )
    }

    /// Every annotation, by article then text order; with `tag`, only those carrying it
    /// (compared without regard to case).
    pub fn annotations(&self, tag: Option<&str>) -> Result<Vec<Annotation>> {
        let all = self.select(
            &format!(
                "SELECT {COLUMNS} FROM annotations ORDER BY article_id, start_cp, end_cp, created"
            ),
            [],
        )?;
        let tag = tag.map(|t| t.trim_start_matches('#').to_lowercase());
        Ok(match tag {
            Some(tag) => all
                .into_iter()
                .filter(|a| a.tags.iter().any(|t| t.to_lowercase() == tag))
                .collect(),
            None => all,
        })
    }

    /// How many annotations the store holds.
    pub fn annotation_count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM annotations", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n.max(0) as usize)
            .map_err(|e| self.fail(e))
    }

    /// Finds article `id`'s annotations again in its new body. Annotations anchored in the
    /// text whose hash was `old_hash` use `old_body` to map positions through a diff; the
    /// rest (orphans from earlier versions) are searched by their quote. Nothing is deleted.
    /// Runs inside the caller's transaction when there is one.
    pub fn reanchor(
        &self,
        id: i64,
        old: Option<(&str, &str)>,
        new_body: &str,
        new_hash: &str,
    ) -> Result<Reanchored> {
        let list = self.annotations_of(id)?;
        let stale: Vec<Annotation> = list
            .into_iter()
            // An orphan is tried again even if the text went back to the one it was made in.
            .filter(|a| a.content_hash != new_hash || a.status == Status::Orphan)
            .collect();
        if stale.is_empty() {
            return Ok(Reanchored::default());
        }
        let (from_old, from_elsewhere): (Vec<Annotation>, Vec<Annotation>) = stale
            .into_iter()
            .partition(|a| old.is_some_and(|(hash, _)| a.content_hash == hash));
        let mut report = Reanchored::default();
        let mut changed = Vec::new();
        for (group, old_body) in [
            (from_old, old.map(|(_, body)| body)),
            (from_elsewhere, None),
        ] {
            let targets: Vec<Target> = group.iter().map(|a| a.target.clone()).collect();
            let found = anchor::reanchor(old_body, new_body, &targets);
            for (mut a, found) in group.into_iter().zip(found) {
                match found {
                    Some(Found { target, status, .. }) => {
                        a.target = target;
                        a.status = status;
                        a.content_hash = new_hash.to_string();
                        if status == Status::NeedsReview {
                            report.review += 1;
                        } else {
                            report.anchored += 1;
                        }
                    }
                    None => {
                        // Keeps the quote and the hash of the text it was made in.
                        a.status = Status::Orphan;
                        report.orphaned += 1;
                    }
                }
                changed.push(a);
            }
        }
        self.put_annotations(&changed)?;
        Ok(report)
    }

    fn recount_notes(&self, article: i64) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE articles SET notes =
                   (SELECT count(*) FROM annotations WHERE article_id = ?1) WHERE id = ?1",
            )
            .and_then(|mut s| s.execute([article]))
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    fn select(&self, sql: &str, args: impl rusqlite::Params) -> Result<Vec<Annotation>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map(args, read_row)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.fail(e))?;
        rows.into_iter()
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| self.fail_text(e))
    }

    /// Runs `f` in a transaction of its own, or in the caller's if one is open.
    pub(crate) fn atomically<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        if self.conn.is_autocommit() {
            self.transaction(f)
        } else {
            f(self)
        }
    }
}

/// One row as an annotation; a damaged `tags` or `status` column is an error naming the id.
fn read_row(r: &Row) -> rusqlite::Result<std::result::Result<Annotation, String>> {
    let id: String = r.get(0)?;
    let tags: String = r.get(9)?;
    let status: String = r.get(13)?;
    let tags = match serde_json::from_str(&tags) {
        Ok(tags) => tags,
        Err(e) => return Ok(Err(format!("annotation {id}: damaged tags: {e}"))),
    };
    let Some(status) = Status::parse(&status) else {
        return Ok(Err(format!("annotation {id}: unknown status {status:?}")));
    };
    Ok(Ok(Annotation {
        article: r.get(1)?,
        target: Target {
            exact: r.get(2)?,
            prefix: r.get(3)?,
            suffix: r.get(4)?,
            start: r.get::<_, i64>(5)?.max(0) as usize,
            end: r.get::<_, i64>(6)?.max(0) as usize,
        },
        colour: r.get::<_, i64>(7)?.clamp(0, 255) as u8,
        note: r.get(8)?,
        tags,
        created: r.get(10)?,
        modified: r.get(11)?,
        content_hash: r.get(12)?,
        status,
        id,
    }))
}
