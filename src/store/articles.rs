//! Articles in the store: writing imported items, reading them back with their cached
//! analysis and reading position, and listing the library.

use std::path::{Path, PathBuf};

use rusqlite::{OptionalExtension, params};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use super::entry::{LibraryEntry, ReadState};
use super::files::path_text;
use super::{Result, Store, now};
use crate::analysis::{self, Analysis};
use crate::article::import::Item;
use crate::article::{Article, Block, Meta, Removed};

/// Where the reader was in an article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// Byte offset in the body of the text at the top of the screen.
    pub offset: usize,
    /// How far through the article, 0–1000 (for the list and status line).
    pub progress: u16,
    pub read: ReadState,
}

/// An article read back from the store.
#[derive(Clone, Debug)]
pub struct StoredArticle {
    pub id: i64,
    pub article: Article,
    /// The cached analysis, when it was computed for this text by this version of lede.
    pub analysis: Option<Analysis>,
    pub position: Position,
    pub content_hash: String,
    /// Its annotations in text order (orphans included).
    pub annotations: Vec<crate::annotate::Annotation>,
}

/// The non-text parts of an article, stored as one JSON column.
#[derive(serde::Serialize, serde::Deserialize)]
struct Structure {
    blocks: Vec<Block>,
    removed: Vec<Removed>,
    warnings: Vec<String>,
}

/// What an article's text hashes to (xxh3-128 over headline, deck and body), hex.
pub fn content_hash(article: &Article) -> String {
    let mut text = String::with_capacity(article.body.len() + article.title.len() + 8);
    text.push_str(&article.title);
    text.push('\0');
    text.push_str(article.deck.as_deref().unwrap_or(""));
    text.push('\0');
    text.push_str(&article.body);
    format!("{:032x}", xxh3_128(text.as_bytes()))
}

/// How much of each entry a listing loads.
#[derive(Clone, Copy)]
enum Listing {
    Full,
    Brief,
}

/// The stable public id of the item `key` of the file at `path`.
pub fn uid(path: &Path, key: Option<&str>) -> String {
    let mut text = path_text(path);
    if let Some(key) = key {
        text.push('\0');
        text.push_str(key);
    }
    format!("{:016x}", xxh3_64(text.as_bytes()))
}

/// The cache key of an analysis: the text it was computed on and the analyser version.
fn analysis_key(content_hash: &str) -> String {
    // The model's size stands in for its identity: a retrained model invalidates the cache
    // even if nobody bumped the version.
    format!(
        "{content_hash}:{}:{}",
        analysis::CACHE_VERSION,
        analysis::ner::MODEL_BYTES.len()
    )
}

impl Store {
    /// Writes the items of one file: new ones are added, changed ones updated (their
    /// analysis cache dropped; position and read state kept), and items the file no longer
    /// holds are marked missing. Returns how many were added and updated.
    pub fn put_items(
        &self,
        file_id: i64,
        path: &Path,
        format: &str,
        items: &[Item],
    ) -> Result<(usize, usize)> {
        let (mut added, mut updated) = (0, 0);
        let stamp = now();
        let mut keys = Vec::with_capacity(items.len());
        for item in items {
            let a = &item.article;
            let key = item.key.clone().unwrap_or_default();
            let hash = content_hash(a);
            let existing: Option<(i64, String, i64)> = self
                .conn
                .prepare_cached(
                    "SELECT id, content_hash, notes FROM articles
                     WHERE file_id = ?1 AND item_key = ?2",
                )
                .and_then(|mut s| {
                    s.query_row(params![file_id, key], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })
                    .optional()
                })
                .map_err(|e| self.fail(e))?;
            keys.push(key.clone());
            if let Some((_, old, _)) = &existing
                && *old == hash
            {
                self.conn
                    .prepare_cached(
                        "UPDATE articles SET missing = 0 WHERE file_id = ?1 AND item_key = ?2",
                    )
                    .and_then(|mut s| s.execute(params![file_id, key]))
                    .map_err(|e| self.fail(e))?;
                continue;
            }
            let structure = serde_json::to_string(&Structure {
                blocks: a.blocks.clone(),
                removed: a.removed.clone(),
                warnings: a.warnings.clone(),
            })
            .map_err(|e| self.fail_text(e.to_string()))?;
            let words = a.body.split_whitespace().count() as i64;
            let Meta {
                author,
                source,
                url,
                published,
            } = &a.meta;
            let published = published.clone().or_else(|| date_from_name(path));
            let result = match existing {
                Some((id, old_hash, notes)) => {
                    updated += 1;
                    // Annotations are found again in the new text, in this transaction.
                    let old_body = if notes > 0 {
                        Some(self.body(id)?)
                    } else {
                        None
                    };
                    self.conn
                        .prepare_cached(
                            "UPDATE articles SET format = ?2, title = ?3, deck = ?4, author = ?5,
                               source = ?6, url = ?7, published = ?8, words = ?9,
                               content_hash = ?10, missing = 0, updated_at = ?11
                             WHERE id = ?1",
                        )
                        .and_then(|mut s| {
                            s.execute(params![
                                id, format, a.title, a.deck, author, source, url, published, words,
                                hash, stamp
                            ])
                        })
                        .and_then(|_| self.put_text(id, a, &structure, true))
                        .map_err(|e| self.fail(e))
                        .and_then(|_| match &old_body {
                            Some(body) => self
                                .reanchor(id, Some((&old_hash, body)), &a.body, &hash)
                                .map(|_| 0),
                            None => Ok(0),
                        })
                }
                None => {
                    added += 1;
                    let uid = uid(path, item.key.as_deref());
                    self.conn
                        .prepare_cached(
                            "INSERT INTO articles (uid, file_id, item_key, format, title, deck,
                               author, source, url, published, words, content_hash, added_at,
                               updated_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                               ?13)",
                        )
                        .and_then(|mut s| {
                            s.execute(params![
                                uid, file_id, key, format, a.title, a.deck, author, source, url,
                                published, words, hash, stamp
                            ])
                        })
                        .and_then(|_| {
                            let id = self.conn.last_insert_rowid();
                            self.put_text(id, a, &structure, false)
                        })
                        .map_err(|e| self.fail(e))
                }
            };
            result?;
        }
        // Items that left the file (a feed's old entries) are kept, marked missing.
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, item_key FROM articles WHERE file_id = ?1 AND missing = 0")
            .map_err(|e| self.fail(e))?;
        let gone: Vec<i64> = stmt
            .query_map([file_id], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .and_then(|rows| {
                rows.filter_map(|r| match r {
                    Ok((id, key)) if !keys.contains(&key) => Some(Ok(id)),
                    Ok(_) => None,
                    Err(e) => Some(Err(e)),
                })
                .collect()
            })
            .map_err(|e| self.fail(e))?;
        for id in gone {
            self.conn
                .prepare_cached("UPDATE articles SET missing = 1 WHERE id = ?1")
                .and_then(|mut s| s.execute([id]))
                .map_err(|e| self.fail(e))?;
        }
        Ok((added, updated))
    }

    /// Writes an article's text and structure (dropping its cached analysis) and keeps the
    /// search index in step: the old text's terms out, the new text's in.
    /// `replacing`: the article had a text already (only then is there anything to take
    /// out; asking anyway would cost a statement transaction, hence an FTS5 flush).
    fn put_text(
        &self,
        id: i64,
        a: &Article,
        structure: &str,
        replacing: bool,
    ) -> rusqlite::Result<usize> {
        if replacing {
            self.conn
                .prepare_cached(
                    "INSERT INTO texts_fts (texts_fts, rowid, headline, deck, body)
                     SELECT 'delete', article_id, headline, deck, body FROM texts
                     WHERE article_id = ?1",
                )?
                .execute([id])?;
        }
        self.conn
            .prepare_cached(
                "INSERT INTO texts (article_id, headline, deck, body, structure)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (article_id) DO UPDATE SET headline = ?2, deck = ?3, body = ?4,
                   structure = ?5, analysis = NULL, analysis_key = NULL",
            )?
            .execute(params![id, a.title, a.deck, a.body, structure])?;
        self.conn
            .prepare_cached(
                "INSERT INTO texts_fts (rowid, headline, deck, body) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, a.title, a.deck, a.body])
    }

    /// The library in no particular order, optionally only the files under `root`.
    pub fn entries(&self, root: Option<&Path>) -> Result<Vec<LibraryEntry>> {
        self.list(root, Listing::Full)
    }

    /// Like [`Store::entries`], with only what the library screen shows: `path`, `uid`,
    /// `item_key`, `format`, `author` and `url` are left empty. Loading 100,000 rows is
    /// dominated by building strings, so the screen does not pay for six it never draws.
    pub fn entries_brief(&self, root: Option<&Path>) -> Result<Vec<LibraryEntry>> {
        self.list(root, Listing::Brief)
    }

    fn list(&self, root: Option<&Path>, listing: Listing) -> Result<Vec<LibraryEntry>> {
        // Unsorted: the library screen sorts by its own key, and `lede list` sorts itself.
        let columns = match listing {
            Listing::Full => "f.path, a.uid, a.item_key, a.format, a.author, a.url",
            Listing::Brief => "NULL, NULL, NULL, NULL, NULL, NULL",
        };
        // The whole library needs no join with the files at all.
        let from = match (listing, root) {
            (Listing::Brief, None) => "articles a WHERE ?1 IS NULL AND ?2 IS NULL",
            _ => {
                "articles a JOIN files f ON f.id = a.file_id
                 WHERE (?1 IS NULL OR f.path = ?1 OR substr(f.path, 1, length(?2)) = ?2)"
            }
        };
        let sql = format!(
            "SELECT a.id, a.title, a.source, a.published, a.words, a.read_state, a.progress,
               a.missing, {columns}, a.notes
             FROM {from} AND a.id BETWEEN ?3 AND ?4"
        );
        let root_text = root.map(path_text);
        let prefix = root_text.as_ref().map(|r| {
            let mut p = r.trim_end_matches('/').to_string();
            p.push('/');
            p
        });
        let Some((lo, hi)) = self.id_range("articles", "id").map_err(|e| self.fail(e))? else {
            return Ok(Vec::new());
        };
        // Building 100,000 entries is most of the library screen's start, so a big
        // library's ids are read in ranges on several cores, like a search's.
        let parts = self.parts(lo, hi);
        let found = self.on_threads(parts.len(), |conn, k| {
            let (a, b) = parts[k];
            // Sized up front (part 0 for the whole list, which the others join): entries
            // are large, and growing a vector of 100,000 of them copies it again and again.
            let span = if k == 0 { hi - lo } else { b - a };
            let mut entries = Vec::with_capacity(span.clamp(0, 1 << 20) as usize + 1);
            let mut stmt = conn.prepare_cached(&sql)?;
            for row in stmt.query_map(params![root_text, prefix, a, b], entry_row)? {
                entries.push(row?);
            }
            rusqlite::Result::Ok(entries)
        });
        let mut found = found.into_iter();
        let mut entries = match found.next() {
            Some(first) => first.map_err(|e| self.fail(e))?,
            None => Vec::new(),
        };
        for part in found {
            entries.extend(part.map_err(|e| self.fail(e))?);
        }
        Ok(entries)
    }

    /// How many articles the library holds (missing ones included).
    pub fn count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as usize)
            .map_err(|e| self.fail(e))
    }

    /// Reads one article with its cached analysis (when still valid) and position.
    pub fn article(&self, id: i64) -> Result<StoredArticle> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT a.title, a.deck, a.author, a.source, a.url, a.published, t.body,
                   t.structure, a.content_hash, t.analysis, t.analysis_key, a.position,
                   a.progress, a.read_state, f.path
                 FROM articles a JOIN files f ON f.id = a.file_id
                   JOIN texts t ON t.article_id = a.id
                 WHERE a.id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok((
                        Article {
                            path: Some(PathBuf::from(r.get::<_, String>(14)?)),
                            title: r.get(0)?,
                            deck: r.get(1)?,
                            meta: Meta {
                                author: r.get(2)?,
                                source: r.get(3)?,
                                url: r.get(4)?,
                                published: r.get(5)?,
                            },
                            body: r.get(6)?,
                            ..Article::default()
                        },
                        r.get::<_, String>(7)?,
                        r.get::<_, String>(8)?,
                        r.get::<_, Option<String>>(9)?,
                        r.get::<_, Option<String>>(10)?,
                        Position {
                            offset: r.get::<_, i64>(11)?.max(0) as usize,
                            progress: r.get::<_, i64>(12)?.clamp(0, 1000) as u16,
                            read: ReadState::from_code(r.get(13)?),
                        },
                    ))
                })
                .optional()
            })
            .map_err(|e| self.fail(e))?;
        let Some((mut article, structure, hash, analysis, key, mut position)) = row else {
            return Err(self.fail_text(format!("no article with id {id}")));
        };
        let structure: Structure = serde_json::from_str(&structure)
            .map_err(|e| self.fail_text(format!("article {id}: damaged structure: {e}")))?;
        article.blocks = structure.blocks;
        article.removed = structure.removed;
        article.warnings = structure.warnings;
        article
            .check_blocks()
            .map_err(|e| self.fail_text(format!("article {id}: damaged structure: {e}")))?;
        let analysis = match (analysis, key) {
            (Some(json), Some(key)) if key == analysis_key(&hash) => {
                serde_json::from_str(&json).ok()
            }
            _ => None,
        };
        if !article
            .body
            .is_char_boundary(position.offset.min(article.body.len()))
        {
            position.offset = 0;
        }
        position.offset = position.offset.min(article.body.len());
        Ok(StoredArticle {
            id,
            article,
            analysis,
            position,
            content_hash: hash,
            annotations: self.annotations_of(id)?,
        })
    }

    /// Caches the analysis of an article's text (ignored if the text changed meanwhile).
    pub fn put_analysis(&self, id: i64, content_hash: &str, analysis: &Analysis) -> Result<()> {
        let json = serde_json::to_string(analysis).map_err(|e| self.fail_text(e.to_string()))?;
        self.conn
            .prepare_cached(
                "UPDATE texts SET analysis = ?2, analysis_key = ?3
                 WHERE article_id = ?1
                   AND (SELECT content_hash FROM articles WHERE id = ?1) = ?4",
            )
            .and_then(|mut s| {
                s.execute(params![id, json, analysis_key(content_hash), content_hash])
            })
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// Saves where the reader is. Read state only moves forward (a re-read article stays read).
    pub fn put_position(&self, id: i64, position: Position) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE articles SET position = ?2, progress = ?3,
                   read_state = max(read_state, ?4), opened_at = ?5 WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    position.offset as i64,
                    position.progress as i64,
                    position.read.code(),
                    now()
                ])
            })
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// The body of article `id` as stored.
    pub fn body(&self, id: i64) -> Result<String> {
        self.conn
            .prepare_cached("SELECT body FROM texts WHERE article_id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)))
            .map_err(|e| self.fail(e))
    }

    /// The id of the article for item `key` of the file at `path`.
    pub fn article_id(&self, path: &Path, key: Option<&str>) -> Result<Option<i64>> {
        self.conn
            .query_row(
                "SELECT a.id FROM articles a JOIN files f ON f.id = a.file_id
                 WHERE f.path = ?1 AND a.item_key = ?2",
                params![path_text(path), key.unwrap_or("")],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))
    }

    pub(crate) fn fail_text(&self, problem: String) -> super::StoreError {
        super::StoreError {
            path: self.path.clone(),
            problem,
        }
    }
}

/// One library row, columns in the order `list` and `entry` select them: id, title,
/// source, published, words, read state, progress, missing, path, uid, item key, format,
/// author, url, notes (path to url may be NULL in a brief listing).
pub(super) fn entry_row(r: &rusqlite::Row) -> rusqlite::Result<LibraryEntry> {
    let key: Option<String> = r.get(10)?;
    Ok(LibraryEntry {
        id: r.get(0)?,
        title: r.get(1)?,
        source: r.get(2)?,
        published: r.get(3)?,
        words: r.get::<_, i64>(4)?.clamp(0, u32::MAX as i64) as u32,
        read: ReadState::from_code(r.get(5)?),
        progress: r.get::<_, i64>(6)?.clamp(0, 1000) as u16,
        missing: r.get::<_, i64>(7)? != 0,
        path: r
            .get::<_, Option<String>>(8)?
            .map(PathBuf::from)
            .unwrap_or_default(),
        uid: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
        item_key: key.filter(|k| !k.is_empty()),
        format: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
        author: r.get(12)?,
        url: r.get(13)?,
        notes: r.get::<_, i64>(14)?.clamp(0, u32::MAX as i64) as u32,
    })
}

/// The `yyyy-mm-dd` a file name starts with (how the bundled corpus names files).
pub fn date_from_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let date = name.get(..10)?;
    let shape = date.bytes().enumerate().all(|(i, c)| match i {
        4 | 7 => c == b'-',
        _ => c.is_ascii_digit(),
    });
    shape.then(|| date.to_string())
}
