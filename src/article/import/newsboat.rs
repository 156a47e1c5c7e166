//! newsboat's `cache.db`: the SQLite file where newsboat keeps every item it fetched.
//!
//! Decisions:
//!
//! - **Never disturb newsboat**: the file is opened read-only through a `file:` URI with
//!   `immutable=1`, so SQLite takes no lock and writes no journal; a running newsboat can
//!   write at any time. The price: a read that overlaps one of newsboat's writes may see a
//!   half-written file and fail (then reading again later works); it cannot harm the cache.
//! - **Items**: `rss_item` rows not marked `deleted`, in the order newsboat stored them.
//!   `content` is HTML (plain text when `content_mime_type` says so), converted like a
//!   feed entry's. An item with no content is kept with its title and a warning; one with
//!   neither is skipped with a warning on the other items.
//! - **Metadata**: `author`, `url`, `pubDate` (unix seconds), and as source the feed's
//!   title from `rss_feed` (else the feed's site URL, else its feed URL).
//! - **Key**: the `guid`, else the `url`, else `#<row id>`; a key seen before (one story in
//!   two feeds) falls back to `#<row id>`.
//! - Columns newer than the oldest caches (`deleted`, `content_mime_type`) are used only
//!   when present. A file without `rss_item` is refused as not a newsboat cache.

use std::collections::HashSet;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::feed::add_text;
use super::{Item, date};
use crate::article::build::ArticleBuilder;

pub fn read(path: &Path, clean: bool) -> Result<Vec<Item>, String> {
    let conn = open(path)?;
    let columns = item_columns(&conn)?;
    if columns.is_empty() {
        return Err("not a newsboat cache (no rss_item table)".to_string());
    }
    let has = |name: &str| columns.iter().any(|c| c.eq_ignore_ascii_case(name));
    for needed in [
        "guid", "title", "author", "url", "feedurl", "pubDate", "content",
    ] {
        if !has(needed) {
            return Err(format!(
                "not a newsboat cache (rss_item has no {needed} column)"
            ));
        }
    }
    let has_feeds = table_exists(&conn, "rss_feed")?;
    let sql = format!(
        "SELECT i.id, i.guid, i.title, i.author, i.url, i.pubDate, i.content, {mime}, {feed}
         FROM rss_item i {join} {deleted} ORDER BY i.id",
        mime = if has("content_mime_type") {
            "i.content_mime_type"
        } else {
            "''"
        },
        feed = if has_feeds {
            "coalesce(nullif(trim(f.title), ''), nullif(trim(f.url), ''), i.feedurl)"
        } else {
            "i.feedurl"
        },
        join = if has_feeds {
            "LEFT JOIN rss_feed f ON f.rssurl = i.feedurl"
        } else {
            ""
        },
        deleted = if has("deleted") {
            "WHERE i.deleted = 0"
        } else {
            ""
        },
    );
    let fail = |e: rusqlite::Error| format!("cannot read the newsboat cache: {}", one_line(&e));
    let mut stmt = conn.prepare(&sql).map_err(fail)?;
    let rows = stmt
        .query_map([], |row| {
            Ok(Row {
                id: row.get(0)?,
                guid: text(row.get(1)?),
                title: text(row.get(2)?),
                author: text(row.get(3)?),
                url: text(row.get(4)?),
                published: seconds(row.get_ref(5)?),
                content: text(row.get(6)?),
                mime: text(row.get(7)?),
                source: text(row.get(8)?),
            })
        })
        .map_err(fail)?;

    let mut items = Vec::new();
    let mut warnings = Vec::new();
    let mut used = HashSet::new();
    for row in rows {
        let row = row.map_err(fail)?;
        if row.title.trim().is_empty() && row.content.trim().is_empty() {
            warnings.push(format!(
                "item {} has no title and no content, skipped",
                row.id
            ));
            continue;
        }
        let fallback = format!("#{}", row.id);
        let key = [row.guid.trim(), row.url.trim()]
            .into_iter()
            .find(|k| !k.is_empty() && !used.contains(*k))
            .map_or(fallback, str::to_string);
        used.insert(key.clone());
        items.push(Item {
            key: Some(key),
            article: to_article(&row, clean),
        });
    }
    for item in &mut items {
        item.article.warnings.extend(warnings.iter().cloned());
    }
    Ok(items)
}

struct Row {
    id: i64,
    guid: String,
    title: String,
    author: String,
    url: String,
    published: i64,
    content: String,
    mime: String,
    source: String,
}

fn to_article(row: &Row, clean: bool) -> crate::article::Article {
    let mut builder = ArticleBuilder::new(&super::text::inline_text(&row.title), clean);
    let meta = builder.meta_mut();
    let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    meta.author = some(&row.author);
    meta.url = some(&row.url);
    meta.source = some(&row.source);
    meta.published = date::from_unix(row.published);
    if row.content.trim().is_empty() {
        builder.warn("newsboat has no text for this item, only its title".to_string());
    } else {
        let plain = row.mime.to_ascii_lowercase().contains("plain");
        add_text(&row.content, plain, &mut builder);
    }
    builder.finish()
}

/// `pubDate` as stored (an integer; text or NULL in damaged rows reads as no date).
fn seconds(value: ValueRef<'_>) -> i64 {
    match value {
        ValueRef::Integer(n) => n,
        ValueRef::Real(x) => x as i64,
        ValueRef::Text(t) => std::str::from_utf8(t)
            .ok()
            .and_then(|t| t.trim().parse().ok())
            .unwrap_or(0),
        ValueRef::Null | ValueRef::Blob(_) => 0,
    }
}

/// NULL as empty text.
fn text(value: Option<String>) -> String {
    value.unwrap_or_default()
}

/// Opens `path` read-only and immutable (see the module comment).
fn open(path: &Path) -> Result<Connection, String> {
    if !path.is_file() {
        return Err("no such file".to_string());
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match path.canonicalize().ok().and_then(|p| file_uri(&p)) {
        Some(uri) => Connection::open_with_flags(uri, flags),
        // A path that is not UTF-8 cannot go into a URI: read-only without `immutable`.
        None => Connection::open_with_flags(path, flags - OpenFlags::SQLITE_OPEN_URI),
    };
    let conn = conn.map_err(|e| format!("cannot open the newsboat cache: {}", one_line(&e)))?;
    // Opening is lazy: the first query finds out whether this is a database at all.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            "not a newsboat cache (not an SQLite database)".to_string()
        }
        _ => format!("cannot read the newsboat cache: {}", one_line(&e)),
    })?;
    Ok(conn)
}

/// `file:/path?immutable=1`, the path percent-encoded where a URI needs it.
fn file_uri(path: &Path) -> Option<String> {
    let path = path.to_str()?;
    let mut uri = String::from("file:");
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Some(uri)
}

/// Column names of `rss_item` (none when the table is missing).
fn item_columns(conn: &Connection) -> Result<Vec<String>, String> {
    let fail = |e: rusqlite::Error| format!("cannot read the newsboat cache: {}", one_line(&e));
    let mut stmt = conn
        .prepare("SELECT name FROM pragma_table_info('rss_item')")
        .map_err(fail)?;
    let names = stmt
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(fail)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    Ok(names)
}

fn table_exists(conn: &Connection, name: &str) -> Result<bool, String> {
    conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
    .map_err(|e| format!("cannot read the newsboat cache: {}", one_line(&e)))
}

fn one_line(err: &rusqlite::Error) -> String {
    err.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    const SCHEMA: &str = include_str!("../../../tests/fixtures/formats/newsboat-schema.sql");

    /// A cache with two feeds and items covering the cases the reader handles.
    fn cache(dir: &Path, name: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch(SCHEMA).expect("schema");
        conn.execute_batch(
            r#"
            INSERT INTO rss_feed (rssurl, url, title) VALUES
              ('https://w.example/rss', 'https://w.example', 'Wire'),
              ('https://q.example/atom', 'https://q.example', '');
            INSERT INTO rss_item (guid, title, author, url, feedurl, pubDate, content, unread,
                                  deleted, content_mime_type) VALUES
              ('g1', 'Pact &amp; treaty', 'Ann Lee', 'https://w.example/1', 'https://w.example/rss',
               1718791200, '<p>One.</p><h2>Part</h2><p>Two.</p>', 1, 0, 'text/html'),
              ('g2', 'Gone', '', 'https://w.example/2', 'https://w.example/rss', 1718791200,
               '<p>Deleted.</p>', 0, 1, 'text/html'),
              ('', 'Plain', '', 'https://q.example/3', 'https://q.example/atom', 0,
               'Line one.
Line <two>.', 1, 0, 'text/plain'),
              ('', 'No text', '', '', 'https://gone.example/rss', 1718791200, '', 1, 0, ''),
              ('g1', 'Same guid', '', '', 'https://q.example/atom', 1718791200, 'Again.', 1, 0, ''),
              ('g6', '', '', '', 'https://w.example/rss', 1718791200, '', 1, 0, '');
            "#,
        )
        .expect("rows");
        path
    }

    #[test]
    fn reads_items_keys_and_metadata() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = cache(dir.path(), "cache.db");
        let before = std::fs::read(&path).expect("read");
        let items = read(&path, true).expect("reads");
        let keys: Vec<&str> = items.iter().filter_map(|i| i.key.as_deref()).collect();
        assert_eq!(keys, ["g1", "https://q.example/3", "#4", "#5"]);
        let a = &items[0].article;
        assert_eq!(a.title, "Pact & treaty");
        assert_eq!(a.body, "One.\n\nPart\n\nTwo.");
        assert_eq!(a.blocks[1].kind, BlockKind::Heading);
        assert_eq!(a.meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(a.meta.source.as_deref(), Some("Wire"));
        assert_eq!(a.meta.url.as_deref(), Some("https://w.example/1"));
        assert_eq!(a.meta.published.as_deref(), Some("2024-06-19T10:00:00Z"));
        assert_eq!(a.warnings, ["item 6 has no title and no content, skipped"]);
        let plain = &items[1].article;
        assert_eq!(plain.body, "Line one.\n\nLine <two>.");
        assert_eq!(plain.meta.source.as_deref(), Some("https://q.example"));
        assert_eq!(
            (
                plain.meta.published.as_deref(),
                plain.meta.author.as_deref()
            ),
            (None, None)
        );
        let empty = &items[2].article;
        assert_eq!(
            empty.meta.source.as_deref(),
            Some("https://gone.example/rss")
        );
        assert!(empty.warnings[0].contains("no text"));
        for item in &items {
            assert_eq!(item.article.check_blocks(), Ok(()));
        }
        // Read-only: the file is byte for byte the same and no journal appeared.
        assert_eq!(std::fs::read(&path).expect("read"), before);
        let names: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn takes_no_lock_while_newsboat_writes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = cache(dir.path(), "cache.db");
        let newsboat = Connection::open(&path).expect("open");
        newsboat
            .execute_batch("BEGIN EXCLUSIVE; UPDATE rss_item SET unread = 0;")
            .expect("lock");
        assert_eq!(read(&path, true).expect("reads").len(), 4);
        newsboat
            .execute_batch("COMMIT;")
            .expect("newsboat still writes");
    }

    #[test]
    fn path_needing_escapes_in_a_uri() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = cache(dir.path(), "my cache?#%.db");
        assert_eq!(read(&path, true).expect("reads").len(), 4);
    }

    #[test]
    fn oldest_schema_without_optional_columns_or_feeds() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("cache.db");
        let conn = Connection::open(&path).expect("create");
        conn.execute_batch(
            "CREATE TABLE rss_item (id INTEGER PRIMARY KEY, guid TEXT, title TEXT, author TEXT,
               url TEXT, feedurl TEXT, pubDate INTEGER, content TEXT, unread INTEGER);
             INSERT INTO rss_item VALUES (1, 'g', 'T', 'A', 'u', 'https://f.example', '1718791200',
               '<p>Hi.</p>', 1);",
        )
        .expect("old cache");
        let items = read(&path, false).expect("reads");
        assert_eq!(items[0].article.body, "Hi.");
        assert_eq!(
            items[0].article.meta.source.as_deref(),
            Some("https://f.example")
        );
        assert_eq!(
            items[0].article.meta.published.as_deref(),
            Some("2024-06-19T10:00:00Z")
        );
    }

    #[test]
    fn other_files_are_refused_clearly() {
        let dir = tempfile::tempdir().expect("tempdir");
        let other = dir.path().join("other.db");
        Connection::open(&other)
            .expect("create")
            .execute_batch("CREATE TABLE notes (x TEXT);")
            .expect("table");
        assert_eq!(
            read(&other, true).expect_err("refused"),
            "not a newsboat cache (no rss_item table)"
        );
        let text = dir.path().join("cache.db");
        std::fs::write(
            &text,
            "just some text, long enough to have a header page......",
        )
        .expect("write");
        assert_eq!(
            read(&text, true).expect_err("refused"),
            "not a newsboat cache (not an SQLite database)"
        );
        let odd = dir.path().join("odd.db");
        Connection::open(&odd)
            .expect("create")
            .execute_batch("CREATE TABLE rss_item (id INTEGER PRIMARY KEY, title TEXT);")
            .expect("table");
        assert_eq!(
            read(&odd, true).expect_err("refused"),
            "not a newsboat cache (rss_item has no guid column)"
        );
        assert_eq!(
            read(&dir.path().join("missing.db"), true).expect_err("refused"),
            "no such file"
        );
    }
}
