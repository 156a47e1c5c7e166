//! The schema and its migrations. `PRAGMA user_version` records how far a database has
//! been migrated; each step runs in its own transaction at open. A database from a newer
//! lede is refused, never downgraded.

use rusqlite::Connection;

/// Migrations in order; `VERSION` is how many there are.
const MIGRATIONS: &[&str] = &[
    // 1: the library.
    "CREATE TABLE files (
        id       INTEGER PRIMARY KEY,
        path     TEXT NOT NULL UNIQUE,
        format   TEXT NOT NULL,
        size     INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        hash     TEXT NOT NULL,
        problem  TEXT,
        missing  INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE articles (
        id           INTEGER PRIMARY KEY,
        uid          TEXT NOT NULL UNIQUE,
        file_id      INTEGER NOT NULL REFERENCES files(id),
        item_key     TEXT NOT NULL DEFAULT '',
        format       TEXT NOT NULL,
        title        TEXT NOT NULL,
        deck         TEXT,
        author       TEXT,
        source       TEXT,
        url          TEXT,
        published    TEXT,
        words        INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        read_state   INTEGER NOT NULL DEFAULT 0,
        position     INTEGER NOT NULL DEFAULT 0,
        progress     INTEGER NOT NULL DEFAULT 0,
        opened_at    INTEGER,
        missing      INTEGER NOT NULL DEFAULT 0,
        added_at     INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        UNIQUE (file_id, item_key)
    );
    CREATE INDEX articles_file ON articles (file_id);
    -- Text lives apart so listing the library never reads past a body (SQLite stores a
    -- row's columns in order, and a long body spills into overflow pages).
    CREATE TABLE texts (
        article_id   INTEGER PRIMARY KEY REFERENCES articles(id),
        headline     TEXT NOT NULL,
        deck         TEXT,
        body         TEXT NOT NULL,
        structure    TEXT NOT NULL,
        analysis     TEXT,
        analysis_key TEXT
    );",
    // 2: library search (FTS5 over the texts) and the history of search prompts. The
    // index is kept in step by the store's writes, not by triggers: a trigger makes every
    // insert a statement transaction, and FTS5 flushes its pending terms to disk at each
    // one (one tiny segment per article, then endless merging: 5x slower imports).
    "CREATE VIRTUAL TABLE texts_fts USING fts5 (
        headline, deck, body,
        content = 'texts', content_rowid = 'article_id',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO texts_fts (texts_fts) VALUES ('rebuild');
    CREATE TABLE search_history (
        id      INTEGER PRIMARY KEY,
        kind    TEXT NOT NULL,
        query   TEXT NOT NULL,
        used_at INTEGER NOT NULL,
        UNIQUE (kind, query)
    );",
    // 3: annotations. `articles.notes` counts them so listing the library needs no join.
    "CREATE TABLE annotations (
        id           TEXT PRIMARY KEY,
        article_id   INTEGER NOT NULL REFERENCES articles(id),
        exact        TEXT NOT NULL,
        prefix       TEXT NOT NULL,
        suffix       TEXT NOT NULL,
        start_cp     INTEGER NOT NULL,
        end_cp       INTEGER NOT NULL,
        colour       INTEGER NOT NULL DEFAULT 0,
        note         TEXT NOT NULL DEFAULT '',
        tags         TEXT NOT NULL DEFAULT '[]',
        created      TEXT NOT NULL,
        modified     TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        status       TEXT NOT NULL DEFAULT 'anchored'
    );
    CREATE INDEX annotations_article ON annotations (article_id, start_cp);
    ALTER TABLE articles ADD COLUMN notes INTEGER NOT NULL DEFAULT 0;",
];

pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings `conn` up to [`VERSION`]. Errors are one lowercase line.
pub fn migrate(conn: &Connection) -> Result<(), String> {
    let current: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| super::describe(&e))?;
    if current > VERSION {
        return Err(format!(
            "the database has schema version {current}, newer than this lede knows \
             ({VERSION}); upgrade lede (the database was left untouched)"
        ));
    }
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let version = n as i64 + 1;
        // IMMEDIATE: two processes opening a fresh database at once must not both migrate.
        let run = || -> rusqlite::Result<()> {
            conn.execute_batch("BEGIN IMMEDIATE")?;
            let done: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if done < version {
                conn.execute_batch(sql)?;
                conn.execute_batch(&format!("PRAGMA user_version = {version}"))?;
            }
            conn.execute_batch("COMMIT")
        };
        if let Err(e) = run() {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(format!(
                "migrating to schema {version}: {}",
                super::describe(&e)
            ));
        }
    }
    Ok(())
}
