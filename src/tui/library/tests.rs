//! Library screen tests: sorting, filtering, selection and recorded positions.

use super::*;
use crate::store::ReadState;

fn entry(id: i64, title: &str, source: Option<&str>, date: Option<&str>) -> LibraryEntry {
    LibraryEntry {
        id,
        title: title.into(),
        source: source.map(Into::into),
        published: date.map(Into::into),
        ..LibraryEntry::default()
    }
}

fn sample() -> Library {
    Library::new(
        "Library".into(),
        vec![
            entry(1, "beta", Some("TASS"), Some("2024-06-19")),
            entry(2, "Alpha", None, None),
            entry(3, "gamma", Some("bbc"), Some("2024-06-20")),
            entry(4, "delta", Some("TASS"), Some("2023-01-01")),
        ],
    )
}

fn ids(l: &Library) -> Vec<i64> {
    l.view().iter().map(|&i| l.entries()[i].id).collect()
}

#[test]
fn sorts_by_date_source_and_title() {
    let mut l = sample();
    assert_eq!(ids(&l), [3, 1, 4, 2], "newest first, undated last");
    l.cycle_sort();
    assert_eq!(l.sort(), SortKey::Source);
    assert_eq!(ids(&l), [3, 1, 4, 2], "bbc, TASS (newest first), no source");
    l.cycle_sort();
    assert_eq!(ids(&l), [2, 1, 4, 3]);
    l.cycle_sort();
    assert_eq!(l.sort(), SortKey::Date);
}

#[test]
fn unread_first_and_the_selection_follows_its_entry() {
    let mut l = sample();
    l.move_by(2);
    assert_eq!(l.selected_entry().map(|e| e.id), Some(4));
    l.record(
        3,
        Position {
            offset: 0,
            progress: 1000,
            read: ReadState::Read,
        },
    );
    l.record(
        1,
        Position {
            offset: 10,
            progress: 400,
            read: ReadState::Reading,
        },
    );
    assert_eq!(ids(&l), [3, 1, 4, 2], "recording keeps the order");
    l.toggle_unread_first();
    assert_eq!(ids(&l), [4, 2, 1, 3]);
    assert_eq!(l.selected_entry().map(|e| e.id), Some(4));
    assert_eq!(l.entries()[0].progress, 400);
}

#[test]
fn filter_narrows_as_typed_and_clearing_keeps_the_selection() {
    let mut l = sample();
    l.start_filter();
    l.push_filter('b');
    assert_eq!(ids(&l), [3, 1], "gamma bbc, beta");
    l.push_filter('c');
    assert_eq!(ids(&l), [3]);
    assert!(l.pop_filter());
    assert_eq!(l.filter().query(), "b");
    assert_eq!(ids(&l), [3, 1]);
    l.keep_filter();
    assert!(!l.filter().editing());
    assert!(l.filter().is_active());
    l.move_by(1);
    assert_eq!(l.selected_entry().map(|e| e.id), Some(1));
    l.clear_filter();
    assert_eq!(ids(&l), [3, 1, 4, 2]);
    assert_eq!(l.selected_entry().map(|e| e.id), Some(1));
    assert!(!l.pop_filter());
}

#[test]
fn matches_come_best_first_then_in_sort_order() {
    let mut l = Library::new(
        "Library".into(),
        vec![
            entry(1, "Protests in Turkey continue", None, Some("2024-01-03")),
            entry(2, "Putin visits Korea", Some("TASS"), Some("2024-01-01")),
            entry(3, "President Putin speaks", Some("AP"), Some("2024-01-02")),
            entry(4, "Nothing here", None, Some("2024-01-04")),
        ],
    );
    l.start_filter();
    for c in "putin".chars() {
        l.push_filter(c);
    }
    assert_eq!(
        ids(&l),
        [3, 2, 1],
        "whole names first, newest first among them"
    );
    l.cycle_sort();
    assert_eq!(ids(&l), [3, 2, 1], "by source: AP, TASS");
    l.cycle_sort();
    assert_eq!(ids(&l), [3, 2, 1], "by title: President, Putin");
    l.toggle_unread_first();
    l.record(
        3,
        Position {
            offset: 0,
            progress: 1000,
            read: crate::store::ReadState::Read,
        },
    );
    l.cycle_sort();
    assert_eq!(ids(&l), [2, 1, 3], "unread first, whatever the match");
}

#[test]
fn date_keys_sort_like_the_dates() {
    let keys: Vec<u64> = [
        "2009-06-04",
        "2019-01-09",
        "2019-01-09T08:00:00Z",
        "2019-01-09T08:00:01+02:00",
        "2024-10-01",
    ]
    .iter()
    .map(|d| date_key(d))
    .collect();
    assert!(keys.is_sorted() && keys[0] > 0, "{keys:?}");
    assert_eq!(date_key("2024-06-19"), 20240619000000);
    assert_eq!(date_key("undated"), 0);
}

#[test]
fn empty_library_is_safe() {
    let mut l = Library::new("Library".into(), Vec::new());
    l.move_by(5);
    l.select_last();
    l.cycle_sort();
    l.push_filter('x');
    assert!(l.selected_entry().is_none());
    l.clear_filter();
    assert_eq!(l.view().len(), 0);
}
