//! Library search: SQLite FTS5 over headline, deck and body (accent- and case-insensitive:
//! `unicode61 remove_diacritics 2`), ranked by BM25 with the headline weighted up.
//!
//! Queries use FTS5 syntax (`"mutual defense"`, `hegemon*`, `AND`/`OR`/`NOT`, parentheses).
//! Words FTS5 cannot take bare (`Jong-un`, `U.S.`) are quoted for the user, so ordinary
//! typing never meets a syntax error.

use std::ops::Range;
use std::path::PathBuf;

use rusqlite::params;

use super::{Result, Store, now};

/// BM25 with the weights of headline, deck and body (`bm25()`'s scores, sooner: see
/// `bm25.rs`).
const WEIGHTS: &str = "lede_bm25(texts_fts, 10.0, 4.0, 1.0)";
/// Marks FTS5 puts around a hit (control characters never found in article text).
const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';
/// Words of context in a snippet.
const SNIPPET_WORDS: i64 = 14;

/// One ranked result.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchHit {
    pub id: i64,
    pub uid: String,
    pub path: PathBuf,
    pub item_key: Option<String>,
    pub headline: String,
    pub source: Option<String>,
    pub published: Option<String>,
    /// BM25 score, higher is better.
    pub score: f64,
    /// A passage around the best hit, and where the hits are in it (bytes).
    pub snippet: String,
    pub snippet_hits: Vec<Range<usize>>,
    /// Every hit in the article body (bytes), in order.
    pub body_hits: Vec<Range<usize>>,
}

impl Store {
    /// The best `limit` articles for `query`. A query FTS5 rejects is a one-line error.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let fts = fts_query(query);
        if fts.is_empty() {
            return Ok(Vec::new());
        }
        let fail = |e: rusqlite::Error| {
            let text = e.to_string();
            match text.strip_prefix("fts5: ") {
                Some(why) => self.fail_text(format!("search {query:?}: {why}")),
                None => self.fail(e),
            }
        };
        let (best, threads) = self.rank(&fts, limit).map_err(fail)?;
        // Snippets and highlights for the best alone, each a lookup by rowid; many of them
        // (the library screen asks for 50) are split over the ranking's threads, in order.
        let threads = if best.len() >= 16 { threads } else { 1 };
        let chunk = best.len().div_ceil(threads).max(1);
        let parts = self.on_threads(threads, |conn, k| {
            let mine = best.chunks(chunk).nth(k).unwrap_or(&[]);
            hits_for(conn, &fts, mine)
        });
        let mut hits = Vec::with_capacity(best.len());
        for part in parts {
            hits.extend(part.map_err(fail)?);
        }
        Ok(hits)
    }

    /// Splits library searches and listings over exactly `n` threads (`None`: one per core
    /// when the library is big enough to gain). For benchmarks and tests.
    pub fn set_query_threads(&mut self, n: Option<usize>) {
        self.query_threads = n.map(|n| n.max(1));
    }

    /// Rowids and BM25 scores (lower is better) of the best `limit` matches.
    ///
    /// Scoring every match is the cost (article lengths come from memory: `bm25.rs`), so
    /// it keeps only rowids and scores; snippets are made afterwards for the best alone. On a
    /// big library the ids are cut into ranges ranked at once on several cores, each on its
    /// own connection: BM25's statistics (article count, mean length, how many articles
    /// hold each term) are the whole table's in every range, so scores are the same as one
    /// query's and the best of the ranges' best are the best overall.
    fn rank(&self, fts: &str, limit: usize) -> rusqlite::Result<(Vec<(i64, f64)>, usize)> {
        let Some((lo, hi)) = self.id_range("texts", "article_id")? else {
            return Ok((Vec::new(), 1));
        };
        self.lengths.refresh(&self.conn)?;
        let parts = self.parts(lo, hi);
        let found = self.on_threads(parts.len(), |conn, k| {
            let (a, b) = parts[k];
            rank_range(conn, fts, limit, a, b)
        });
        let mut best = Vec::new();
        for part in found {
            best.extend(part?);
        }
        best.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        best.truncate(limit);
        Ok((best, parts.len()))
    }

    /// Remembers a prompt's query (`kind`: "article" or "library"), most recent last.
    pub fn push_history(&self, kind: &str, query: &str) -> Result<()> {
        if query.trim().is_empty() {
            return Ok(());
        }
        self.conn
            .prepare_cached(
                "INSERT INTO search_history (kind, query, used_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (kind, query) DO UPDATE SET used_at = ?3",
            )
            .and_then(|mut s| s.execute(params![kind, query, now_order(self)]))
            .map_err(|e| self.fail(e))?;
        Ok(())
    }

    /// The last `limit` queries of a kind, oldest first.
    pub fn history(&self, kind: &str, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT query FROM (SELECT query, used_at, id FROM search_history
                   WHERE kind = ?1 ORDER BY used_at DESC, id DESC LIMIT ?2)
                 ORDER BY used_at, id",
            )
            .map_err(|e| self.fail(e))?;
        let rows = stmt
            .query_map(params![kind, limit as i64], |r| r.get(0))
            .map_err(|e| self.fail(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.fail(e))
    }
}

/// The search hits for ranked `(rowid, score)` pairs, in their order.
fn hits_for(
    conn: &rusqlite::Connection,
    fts: &str,
    best: &[(i64, f64)],
) -> rusqlite::Result<Vec<SearchHit>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT a.id, a.uid, f.path, a.item_key, a.title, a.source, a.published,
           snippet(texts_fts, -1, '{OPEN}', '{CLOSE}', '…', {SNIPPET_WORDS}),
           highlight(texts_fts, 2, '{OPEN}', '{CLOSE}')
         FROM texts_fts JOIN articles a ON a.id = texts_fts.rowid
           JOIN files f ON f.id = a.file_id
         WHERE texts_fts MATCH ?1 AND texts_fts.rowid = ?2"
    ))?;
    best.iter()
        .map(|&(rowid, score)| {
            stmt.query_row(params![fts, rowid], |r| {
                let key: String = r.get(3)?;
                let (snippet, snippet_hits) = unmark(&r.get::<_, String>(7)?);
                let (_, body_hits) = unmark(&r.get::<_, String>(8)?);
                Ok(SearchHit {
                    id: r.get(0)?,
                    uid: r.get(1)?,
                    path: PathBuf::from(r.get::<_, String>(2)?),
                    item_key: (!key.is_empty()).then_some(key),
                    headline: r.get(4)?,
                    source: r.get(5)?,
                    published: r.get(6)?,
                    score: -score,
                    snippet,
                    snippet_hits,
                    body_hits,
                })
            })
        })
        .collect()
}

/// The best `limit` matches among article ids `lo..=hi` (`bm25()` in ORDER BY runs a
/// third faster than FTS5's `rank` column here).
fn rank_range(
    conn: &rusqlite::Connection,
    fts: &str,
    limit: usize,
    lo: i64,
    hi: i64,
) -> rusqlite::Result<Vec<(i64, f64)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT rowid, {WEIGHTS} AS score FROM texts_fts
         WHERE texts_fts MATCH ?1 AND rowid BETWEEN ?3 AND ?4
         ORDER BY score, rowid LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![fts, limit as i64, lo, hi], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    rows.collect()
}

/// A strictly increasing stamp for history order: seconds are too coarse when two queries
/// come in the same second.
fn now_order(store: &Store) -> i64 {
    let last: i64 = store
        .conn
        .query_row(
            "SELECT coalesce(max(used_at), 0) FROM search_history",
            [],
            |r| r.get(0),
        )
        .unwrap_or(0);
    (now() * 1000).max(last + 1)
}

/// Text with hit marks → plain text and the byte ranges that were marked.
fn unmark(marked: &str) -> (String, Vec<Range<usize>>) {
    let mut text = String::with_capacity(marked.len());
    let mut hits = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            OPEN => open = Some(text.len()),
            CLOSE => {
                if let Some(start) = open.take() {
                    hits.push(start..text.len());
                }
            }
            c => text.push(c),
        }
    }
    (text, hits)
}

/// The user's query as FTS5 syntax: phrases, `*` prefixes, operators and parentheses are
/// kept; any other word that FTS5 would reject bare is quoted; curly quotes are straight.
pub fn fts_query(query: &str) -> String {
    let query = query.replace(['“', '”', '„'], "\"");
    let mut out: Vec<String> = Vec::new();
    let mut rest = query.trim();
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            let phrase = &inner[..end];
            rest = inner.get(end + 1..).unwrap_or("");
            let star = rest.starts_with('*');
            if star {
                rest = &rest[1..];
            }
            if !phrase.trim().is_empty() {
                out.push(format!(
                    "\"{}\"{}",
                    phrase.trim(),
                    if star { "*" } else { "" }
                ));
            }
        } else if let Some(r) = rest.strip_prefix(['(', ')']) {
            out.push(rest[..1].to_string());
            rest = r;
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"' || c == '(' || c == ')')
                .unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            if !word.is_empty() {
                out.push(bare_or_quoted(word));
            }
        }
        rest = rest.trim_start();
    }
    out.join(" ")
}

fn bare_or_quoted(word: &str) -> String {
    if matches!(word, "AND" | "OR" | "NOT") {
        return word.to_string();
    }
    let (stem, star) = match word.strip_suffix('*') {
        Some(s) => (s, "*"),
        None => (word, ""),
    };
    let bare = !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || !c.is_ascii());
    if bare {
        word.to_string()
    } else {
        format!("\"{}\"{star}", stem.replace('"', ""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_keep_syntax_and_quote_what_fts5_cannot_take() {
        assert_eq!(fts_query("hegemon*"), "hegemon*");
        assert_eq!(fts_query("“mutual defense”"), "\"mutual defense\"");
        assert_eq!(fts_query("Kim Jong-un"), "Kim \"Jong-un\"");
        assert_eq!(
            fts_query("(putin OR kim) NOT U.S."),
            "( putin OR kim ) NOT \"U.S.\""
        );
        assert_eq!(fts_query("  "), "");
        assert_eq!(fts_query("\"unclosed phrase"), "\"unclosed phrase\"");
    }

    #[test]
    fn marks_become_ranges() {
        let (text, hits) = unmark("a \u{2}bc\u{3} d \u{2}é\u{3}");
        assert_eq!(text, "a bc d é");
        assert_eq!(hits, [2..4, 7..9]);
    }
}
