//! Store tests for annotations: round trips, counts, deletion, re-anchoring on re-import.

use std::fs;
use std::path::Path;

use super::*;
use crate::annotate::{Annotation, Status, Target};
use crate::library::{self, Quiet};

const TEXT: &str = "Headline of the test\n\n\
First paragraph says something plain about the summit.\n\n\
Second paragraph holds the quote: “we will never give up” said the minister.\n\n\
Third paragraph closes the article with a note on dates.\n";

/// A store with one article read from `file` (written with `text`); returns its id.
fn library_with(dir: &Path, text: &str) -> (Store, i64, std::path::PathBuf) {
    let file = dir.join("article.txt");
    fs::write(&file, text).expect("write");
    let store = Store::open(&dir.join("lede.db")).expect("open");
    library::index(&store, std::slice::from_ref(&file), &mut Quiet).expect("index");
    let id = store.article_id(&file, None).expect("query").expect("id");
    (store, id, file)
}

fn annotate(store: &Store, id: i64, quote: &str) -> Annotation {
    let stored = store.article(id).expect("article");
    let body = &stored.article.body;
    let at = body.find(quote).expect("quote in body");
    let mut a = Annotation::new(
        id,
        Target::capture(body, at..at + quote.len()),
        &stored.content_hash,
    );
    a.set_note(&format!("on “{quote}” #test"));
    store.put_annotation(&a).expect("put");
    a
}

#[test]
fn annotations_round_trip_and_count_in_the_library() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id, _) = library_with(dir.path(), TEXT);
    let mut a = annotate(&store, id, "we will never give up");
    // Any Unicode and a 1 MB note survive unchanged.
    a.set_note(&format!(
        "ℵ 🎉 \u{202e}rtl\u{0} ok #test {}",
        "é".repeat(500_000)
    ));
    a.colour = 3;
    store.put_annotation(&a).expect("update");
    let b = annotate(&store, id, "First paragraph");
    assert_eq!(store.annotation(&a.id).expect("get"), Some(a.clone()));
    let listed = store.annotations_of(id).expect("list");
    assert_eq!(listed, vec![b.clone(), a.clone()], "text order");
    let entries = store.entries_brief(None).expect("entries");
    assert_eq!(entries[0].notes, 2);
    assert_eq!(store.annotations(Some("#TEST")).expect("tag").len(), 2);
    assert!(store.annotations(Some("other")).expect("tag").is_empty());

    let gone = store.delete_annotation(&a.id).expect("delete");
    assert_eq!(gone, Some(a.clone()));
    assert_eq!(store.delete_annotation(&a.id).expect("again"), None);
    assert_eq!(store.entries_brief(None).expect("entries")[0].notes, 1);
    // Undo puts it back exactly.
    store.put_annotation(&a).expect("undo");
    assert_eq!(store.annotation(&a.id).expect("get"), Some(a));
    assert_eq!(store.entries_brief(None).expect("entries")[0].notes, 2);
}

#[test]
fn reimport_reanchors_moves_and_orphans_without_deleting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (store, id, file) = library_with(dir.path(), TEXT);
    let quote = annotate(&store, id, "we will never give up");
    let first = annotate(&store, id, "something plain about the summit");
    let before = store.article(id).expect("article").content_hash;

    // A paragraph added at the top, the first paragraph removed.
    let edited = TEXT
        .replace(
            "First paragraph says something plain about the summit.\n\n",
            "",
        )
        .replace(
            "Headline of the test\n\n",
            "Headline of the test\n\nA new opening paragraph was added by the editors.\n\n",
        );
    fs::write(&file, edited).expect("edit");
    library::index(&store, std::slice::from_ref(&file), &mut Quiet).expect("reindex");
    let stored = store.article(id).expect("article");
    assert_ne!(stored.content_hash, before);

    let moved = store.annotation(&quote.id).expect("get").expect("kept");
    assert_eq!(moved.status, Status::Anchored);
    assert_eq!(moved.content_hash, stored.content_hash);
    let range = moved
        .target
        .byte_range(&stored.article.body)
        .expect("anchored");
    assert_eq!(&stored.article.body[range], "we will never give up");
    assert_eq!(moved.note, quote.note, "the note is untouched");

    let orphan = store
        .annotation(&first.id)
        .expect("get")
        .expect("never deleted");
    assert_eq!(orphan.status, Status::Orphan);
    assert_eq!(orphan.target.exact, "something plain about the summit");
    assert_eq!(store.entries_brief(None).expect("entries")[0].notes, 2);

    // The paragraph comes back: the orphan finds its place again.
    fs::write(&file, TEXT).expect("restore");
    library::index(&store, std::slice::from_ref(&file), &mut Quiet).expect("reindex");
    let back = store.annotation(&first.id).expect("get").expect("kept");
    assert_eq!(back.status, Status::Anchored);
}
