//! The library screen's state: every stored article, sorted and filtered once per change
//! into a view of indices, and the selection in that view. Drawing a frame only reads the
//! rows on screen, so 100,000 articles cost what 20 do.

mod filter;

use std::cmp::Ordering;

pub use filter::{Filter, grapheme_count};

use crate::store::{LibraryEntry, Position};

/// What the list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Newest first, undated last.
    #[default]
    Date,
    /// A to Z (case ignored), articles without a source last; newest first within one.
    Source,
    /// A to Z, case ignored.
    Title,
}

impl SortKey {
    /// The next key `cycle_sort` moves to.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Date => SortKey::Source,
            SortKey::Source => SortKey::Title,
            SortKey::Title => SortKey::Date,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Date => "date",
            SortKey::Source => "source",
            SortKey::Title => "title",
        }
    }
}

pub struct Library {
    /// What the header shows (the folder, or "Library").
    pub title: String,
    entries: Vec<LibraryEntry>,
    sort: SortKey,
    unread_first: bool,
    /// Every entry's index, in sort order.
    order: Vec<usize>,
    /// Each entry's position in `order`.
    rank: Vec<u32>,
    /// The entries shown: `order`, or while filtering the matches, best first.
    view: Vec<usize>,
    filter: Filter,
    /// Position of the selection in `view`.
    selected: usize,
    /// First row on screen, kept by the view so the selection stays visible.
    pub offset: usize,
}

impl Library {
    pub fn new(title: String, entries: Vec<LibraryEntry>) -> Library {
        let mut library = Library {
            title,
            order: (0..entries.len()).collect(),
            rank: vec![0; entries.len()],
            entries,
            sort: SortKey::Date,
            unread_first: false,
            view: Vec::new(),
            filter: Filter::default(),
            selected: 0,
            offset: 0,
        };
        library.resort();
        library.view = library.order.clone();
        library
    }

    /// Every entry, in the order it was given.
    pub fn entries(&self) -> &[LibraryEntry] {
        &self.entries
    }

    /// Indices into [`Library::entries`] of the entries shown, in order.
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    /// Position of the selection in [`Library::view`].
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_entry(&self) -> Option<&LibraryEntry> {
        self.view.get(self.selected).map(|&i| &self.entries[i])
    }

    pub fn sort(&self) -> SortKey {
        self.sort
    }

    pub fn unread_first(&self) -> bool {
        self.unread_first
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// The matched characters of entry `index`'s headline and source (grapheme indices).
    pub fn highlights(&mut self, index: usize) -> (Vec<usize>, Vec<usize>) {
        match self.entries.get(index) {
            Some(entry) => self.filter.highlights(entry),
            None => (Vec::new(), Vec::new()),
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.view.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Selects the `row`th shown entry (clamped).
    pub fn select(&mut self, row: usize) {
        self.selected = row.min(self.view.len().saturating_sub(1));
    }

    pub fn select_last(&mut self) {
        self.selected = self.view.len().saturating_sub(1);
    }

    /// Sorts by the next key; the selected article stays selected.
    pub fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.reorder();
    }

    pub fn toggle_unread_first(&mut self) {
        self.unread_first = !self.unread_first;
        self.reorder();
    }

    /// Starts typing a filter (on the current query, if one is kept).
    pub fn start_filter(&mut self) {
        self.filter.set_editing(true);
    }

    /// Stops typing and keeps the filter.
    pub fn keep_filter(&mut self) {
        self.filter.set_editing(false);
        if self.filter.query().trim().is_empty() {
            self.clear_filter();
        }
    }

    /// Adds a character to the query: the list narrows and the first match is selected.
    pub fn push_filter(&mut self, c: char) {
        let mut query = self.filter.query().to_string();
        query.push(c);
        self.set_query(query);
    }

    /// Removes the query's last character; false when it was empty already.
    pub fn pop_filter(&mut self) -> bool {
        let mut query = self.filter.query().to_string();
        if query.pop().is_none() {
            return false;
        }
        self.set_query(query);
        true
    }

    /// Drops the filter: every entry is shown again, the selected one still selected.
    pub fn clear_filter(&mut self) {
        let keep = self.view.get(self.selected).copied();
        self.filter.set_editing(false);
        self.filter.set_query(String::new());
        self.view.clone_from(&self.order);
        self.reselect(keep);
    }

    fn set_query(&mut self, query: String) {
        let narrows = self.filter.set_query(query);
        let pool = if narrows {
            std::mem::take(&mut self.view)
        } else {
            self.order.clone()
        };
        self.view = self.matches(pool);
        self.selected = 0;
        self.offset = 0;
    }

    /// The entries of `pool` that match the filter: best match first and, among equal
    /// matches, in sort order (unread ones first, if asked, whatever their match).
    fn matches(&mut self, pool: Vec<usize>) -> Vec<usize> {
        if !self.filter.is_active() {
            return self.order.clone();
        }
        let (entries, filter, rank) = (&self.entries, &mut self.filter, &self.rank);
        let mut found: Vec<(u32, usize)> = pool
            .into_iter()
            .filter_map(|i| filter.score(&entries[i]).map(|s| (s, i)))
            .collect();
        let unread_first = self.unread_first;
        found.sort_unstable_by(|&(s, a), &(t, b)| {
            let group = if unread_first {
                entries[a].read.cmp(&entries[b].read)
            } else {
                Ordering::Equal
            };
            group.then(t.cmp(&s)).then(rank[a].cmp(&rank[b]))
        });
        found.into_iter().map(|(_, i)| i).collect()
    }

    /// Takes the reading position saved for article `id` into its entry (the list keeps
    /// its order until it is sorted again, so the selection does not jump).
    pub fn record(&mut self, id: i64, position: Position) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.read = entry.read.max(position.read);
            entry.progress = position.progress;
        }
    }

    /// Sorts `order` and the view after a change of key; keeps the selected entry.
    fn reorder(&mut self) {
        let keep = self.view.get(self.selected).copied();
        self.resort();
        let pool = std::mem::take(&mut self.view);
        self.view = self.matches(pool);
        self.reselect(keep);
    }

    fn resort(&mut self) {
        let (entries, sort, unread) = (&self.entries, self.sort, self.unread_first);
        self.order
            .sort_unstable_by(|&a, &b| compare(entries, sort, unread, a, b));
        for (position, &i) in self.order.iter().enumerate() {
            self.rank[i] = position as u32;
        }
    }

    fn reselect(&mut self, entry: Option<usize>) {
        self.selected = entry
            .and_then(|e| self.view.iter().position(|&i| i == e))
            .unwrap_or(0);
    }
}

/// The order of entries `a` and `b` (indices): total, so sorting is deterministic; ties
/// fall back to the order the store gave (newest first).
fn compare(
    entries: &[LibraryEntry],
    sort: SortKey,
    unread_first: bool,
    a: usize,
    b: usize,
) -> Ordering {
    let (x, y) = (&entries[a], &entries[b]);
    let read = if unread_first {
        x.read.cmp(&y.read)
    } else {
        Ordering::Equal
    };
    let by_key = match sort {
        SortKey::Date => newest_first(x, y),
        SortKey::Source => match (&x.source, &y.source) {
            (Some(s), Some(t)) => caseless(s, t).then_with(|| newest_first(x, y)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => newest_first(x, y),
        },
        SortKey::Title => caseless(&x.title, &y.title).then_with(|| newest_first(x, y)),
    };
    read.then(by_key).then(a.cmp(&b))
}

/// Newest first, undated last.
fn newest_first(x: &LibraryEntry, y: &LibraryEntry) -> Ordering {
    match (&x.published, &y.published) {
        (Some(p), Some(q)) => q.cmp(p),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Compares ignoring case, without allocating.
fn caseless(a: &str, b: &str) -> Ordering {
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

#[cfg(test)]
mod tests {
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
}
