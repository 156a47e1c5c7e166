//! Store tests: schema, migrations, refusing foreign files, round trips.

use std::fs;
use std::path::Path;

use super::*;
use crate::article::import::Item;
use crate::article::{ParseMode, parse};
use crate::library::{self, Quiet};

fn item(text: &str) -> Item {
    Item::single(parse(text, ParseMode::Clean))
}

fn open(dir: &Path) -> Store {
    Store::open(&dir.join("lede.db")).expect("open store")
}

#[test]
fn creates_the_folder_and_the_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a/b/lede.db");
    let store = Store::open(&path).expect("open");
    let version: i64 = store
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, SCHEMA_VERSION);
    let mode: String = store
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("mode");
    assert_eq!(mode, "wal");
    drop(store);
    Store::open(&path).expect("reopens");
}

#[test]
fn refuses_a_file_that_is_not_sqlite_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("lede.db");
    let text = "my precious notes, not a database\n".repeat(20);
    fs::write(&path, &text).expect("write");
    let err = Store::open(&path).expect_err("refused").to_string();
    assert!(
        err.starts_with(&format!("{}: not a lede database", path.display())),
        "{err}"
    );
    assert!(!err.contains('\n'));
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn refuses_a_corrupt_database_without_writing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("lede.db");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend(std::iter::repeat_n(0xA5u8, 8192));
    fs::write(&path, &bytes).expect("write");
    let err = Store::open(&path).expect_err("refused").to_string();
    assert!(err.contains("not a lede database"), "{err}");
    assert_eq!(fs::read(&path).expect("read"), bytes);
}

#[test]
fn refuses_a_newer_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("lede.db");
    drop(Store::open(&path).expect("open"));
    let conn = rusqlite::Connection::open(&path).expect("raw open");
    conn.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
        .expect("bump");
    drop(conn);
    let err = Store::open(&path).expect_err("refused").to_string();
    assert!(err.contains("newer than this lede knows"), "{err}");
}

#[test]
fn items_round_trip_with_position_and_analysis() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let file = dir.path().join("2024-06-19-pact.txt");
    let state = FileState {
        id: 0,
        format: "text".into(),
        size: 1,
        mtime_ns: 1,
        hash: "h".into(),
        problem: None,
        missing: false,
    };
    let id = store.put_file(&file, &state).expect("file");
    let it = item("Pact signed\n\nMoscow agreed.\n\nShare on Facebook\n\nKyiv objected.");
    assert_eq!(
        store
            .put_items(id, &file, "text", std::slice::from_ref(&it))
            .expect("put"),
        (1, 0)
    );
    let entries = store.entries(None).expect("entries");
    assert_eq!(entries.len(), 1);
    let brief = store.entries_brief(None).expect("brief");
    assert_eq!(
        (brief[0].id, &brief[0].title, brief[0].published.as_deref()),
        (entries[0].id, &entries[0].title, Some("2024-06-19"))
    );
    assert!(brief[0].uid.is_empty() && !entries[0].uid.is_empty());
    assert_eq!(entries[0].path, file);
    let under = store.entries_brief(Some(dir.path())).expect("under");
    assert_eq!(under.len(), 1);
    let elsewhere = store.entries_brief(Some(&dir.path().join("elsewhere")));
    assert!(elsewhere.expect("none").is_empty());
    assert_eq!(entries[0].format, "text");
    let e = &entries[0];
    assert_eq!(e.title, "Pact signed");
    assert_eq!(e.published.as_deref(), Some("2024-06-19"));
    assert_eq!(e.read, ReadState::Unread);

    let stored = store.article(e.id).expect("article");
    assert_eq!(stored.article.body, it.article.body);
    assert_eq!(stored.article.blocks, it.article.blocks);
    assert_eq!(stored.article.removed, it.article.removed);
    assert!(stored.analysis.is_none());

    let analysis = crate::analysis::analyze(&stored.article);
    store
        .put_analysis(e.id, &stored.content_hash, &analysis)
        .expect("cache");
    let position = Position {
        offset: 6,
        progress: 500,
        read: ReadState::Reading,
    };
    store.put_position(e.id, position).expect("position");
    let again = store.article(e.id).expect("again");
    assert_eq!(again.analysis.as_ref(), Some(&analysis));
    assert_eq!(again.position, position);

    // Same text again: nothing changes. New text: updated, analysis dropped, position kept.
    assert_eq!(
        store.put_items(id, &file, "text", &[it]).expect("same"),
        (0, 0)
    );
    let edited = item("Pact signed\n\nMoscow agreed on Wednesday.");
    assert_eq!(
        store.put_items(id, &file, "text", &[edited]).expect("edit"),
        (0, 1)
    );
    let after = store.article(e.id).expect("after");
    assert!(after.analysis.is_none());
    assert_eq!(after.position.read, ReadState::Reading);
}

#[test]
fn read_state_never_goes_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = dir.path().join("articles");
    fs::create_dir(&articles).expect("mkdir");
    fs::write(articles.join("a.txt"), "A\n\nText.").expect("write");
    let store = open(dir.path());
    library::index(&store, &[articles], &mut Quiet).expect("index");
    let id = store.entries(None).expect("entries")[0].id;
    let read = Position {
        offset: 0,
        progress: 1000,
        read: ReadState::Read,
    };
    store.put_position(id, read).expect("read");
    store
        .put_position(
            id,
            Position {
                read: ReadState::Reading,
                ..read
            },
        )
        .expect("again");
    assert_eq!(
        store.entries(None).expect("entries")[0].read,
        ReadState::Read
    );
}

#[test]
fn listings_split_over_threads_hold_every_article_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let news = dir.path().join("news");
    let other = dir.path().join("other");
    for (folder, n) in [(&news, 7), (&other, 4)] {
        fs::create_dir(folder).expect("mkdir");
        for i in 0..n {
            fs::write(
                folder.join(format!("a{i}.txt")),
                format!("Story {i}\n\nBody {i}."),
            )
            .expect("write");
        }
    }
    let mut store = open(dir.path());
    library::index(&store, &[news.clone(), other], &mut Quiet).expect("index");
    let by_id = |mut v: Vec<LibraryEntry>| {
        v.sort_by_key(|e| e.id);
        v
    };
    store.set_query_threads(Some(1));
    let whole = by_id(store.entries(None).expect("entries"));
    let brief = by_id(store.entries_brief(None).expect("brief"));
    let under = by_id(store.entries_brief(Some(&news)).expect("under"));
    assert_eq!((whole.len(), brief.len(), under.len()), (11, 11, 7));
    for threads in 2..=4 {
        store.set_query_threads(Some(threads));
        assert_eq!(by_id(store.entries(None).expect("entries")), whole);
        assert_eq!(by_id(store.entries_brief(None).expect("brief")), brief);
        assert_eq!(
            by_id(store.entries_brief(Some(&news)).expect("under")),
            under
        );
    }
}
