//! The library index: first import, re-index, edits, removals and bad files.

use std::fs;
use std::path::{Path, PathBuf};

use lede::library::{IndexReport, Quiet, index};
use lede::store::{ReadState, Store};

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

fn run(store: &Store, paths: &[PathBuf]) -> IndexReport {
    index(store, paths, &mut Quiet).expect("index")
}

struct Setup {
    _dir: tempfile::TempDir,
    root: PathBuf,
    store: Store,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("news");
    write(
        &root.join("2024-06-19-pact.txt"),
        "Pact signed\n\nMoscow agreed.",
    );
    write(
        &root.join("deep/inner/notes.md"),
        "---\ntitle: Inner story\n---\n\nBody text here.",
    );
    write(&root.join("2023-01-02-older.txt"), "Older story\n\nText.");
    write(&root.join("image.png"), "not an article");
    write(&root.join(".hidden/secret.txt"), "Hidden\n\nNo.");
    write(&root.join("README.md"), "# About this folder\n\nNot news.");
    let store = Store::open(&dir.path().join("db/lede.db")).expect("store");
    Setup {
        _dir: dir,
        root,
        store,
    }
}

#[test]
fn first_import_walks_folders_recursively_and_skips_other_files() {
    let s = setup();
    let report = run(&s.store, std::slice::from_ref(&s.root));
    assert_eq!(report.files, 3, "{report:?}");
    assert_eq!(report.added, 3);
    let mut entries = s.store.entries(None).expect("entries");
    lede::library::commands::sort_by_date(&mut entries);
    let titles: Vec<&str> = entries.iter().map(|e| e.title.as_str()).collect();
    // Newest first, undated last.
    assert_eq!(titles, ["Pact signed", "Older story", "Inner story"]);
}

#[test]
fn unchanged_files_are_not_read_again_and_edits_are_picked_up() {
    let s = setup();
    run(&s.store, std::slice::from_ref(&s.root));
    let again = run(&s.store, std::slice::from_ref(&s.root));
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
    assert_eq!(again.bytes, 0, "an unchanged file costs a stat, not a read");

    let pact = s.root.join("2024-06-19-pact.txt");
    write(&pact, "Pact signed\n\nMoscow agreed on Wednesday.");
    let edited = run(&s.store, std::slice::from_ref(&s.root));
    assert_eq!((edited.added, edited.updated, edited.unchanged), (0, 1, 2));
    let id = s
        .store
        .article_id(&pact, None)
        .expect("query")
        .expect("known");
    assert!(
        s.store
            .article(id)
            .expect("article")
            .article
            .body
            .ends_with("Wednesday.")
    );
}

#[test]
fn removed_files_are_marked_missing_and_kept() {
    let s = setup();
    run(&s.store, std::slice::from_ref(&s.root));
    let older = s.root.join("2023-01-02-older.txt");
    let id = s
        .store
        .article_id(&older, None)
        .expect("query")
        .expect("known");
    fs::remove_file(&older).expect("rm");
    let report = run(&s.store, std::slice::from_ref(&s.root));
    assert_eq!(report.missing, 1);
    let entries = s.store.entries(None).expect("entries");
    let entry = entries.iter().find(|e| e.id == id).expect("still listed");
    assert!(entry.missing);
    assert_eq!(
        s.store.article(id).expect("text kept").article.title,
        "Older story"
    );
    // It comes back when the file does.
    write(&older, "Older story\n\nText.");
    run(&s.store, std::slice::from_ref(&s.root));
    let entries = s.store.entries(None).expect("entries");
    assert!(!entries.iter().find(|e| e.id == id).expect("listed").missing);
}

#[test]
fn bad_files_are_listed_with_a_reason_and_never_stop_the_import() {
    let s = setup();
    write(&s.root.join("broken.json"), "{\"title\": \"x\", ");
    write(&s.root.join("empty.txt"), "  \n");
    fs::write(s.root.join("binary.txt"), b"\x00\x01\x02binary").expect("write");
    let report = run(&s.store, std::slice::from_ref(&s.root));
    assert_eq!(report.added, 3, "{report:?}");
    let mut bad: Vec<String> = report
        .problems
        .iter()
        .map(|(p, why)| {
            assert!(!why.contains('\n'), "{why}");
            p.file_name().expect("name").to_string_lossy().into_owned()
        })
        .collect();
    bad.sort();
    assert_eq!(bad, ["binary.txt", "broken.json", "empty.txt"]);
    // Still reported next time, without being read again.
    let again = run(&s.store, std::slice::from_ref(&s.root));
    assert_eq!(again.problems.len(), 3);
    assert_eq!(again.bytes, 0);
}

#[test]
fn the_same_file_named_two_ways_is_one_article() {
    let s = setup();
    let direct = s.root.join("2024-06-19-pact.txt");
    let dotted = s.root.join("deep/../2024-06-19-pact.txt");
    run(&s.store, &[direct]);
    let report = run(&s.store, &[dotted]);
    assert_eq!(report.unchanged, 1);
    assert_eq!(s.store.entries(None).expect("entries").len(), 1);
}

#[test]
fn entries_can_be_limited_to_a_folder() {
    let s = setup();
    run(&s.store, std::slice::from_ref(&s.root));
    let inner = s
        .store
        .entries(Some(&s.root.join("deep")))
        .expect("entries");
    assert_eq!(inner.len(), 1);
    assert_eq!(inner[0].title, "Inner story");
    assert_eq!(inner[0].read, ReadState::Unread);
    // A sibling folder whose name merely starts the same is not inside.
    write(&s.root.join("deeper.txt"), "Deeper\n\nText.");
    run(&s.store, std::slice::from_ref(&s.root));
    assert_eq!(
        s.store
            .entries(Some(&s.root.join("deep")))
            .expect("entries")
            .len(),
        1
    );
}
