//! The library screen's state: every stored article, sorted and filtered once per change
//! into a view of indices, and the selection in that view. Drawing a frame only reads the
//! rows on screen, so 100,000 articles cost what 20 do.

mod filter;

use std::cmp::Ordering;
use std::collections::HashMap;

pub use filter::Filter;

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
    /// Each entry's publication date as a number (yyyymmddhhmmss; 0 when undated).
    dates: Vec<u64>,
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
            dates: entries
                .iter()
                .map(|e| e.published.as_deref().map_or(0, date_key))
                .collect(),
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

    /// The matched characters of entry `index`'s headline and source (char indices).
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
        let (entries, rank) = (&self.entries, &self.rank);
        let mut found = self.filter.score_all(entries, &pool);
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

    /// Notes the number of annotations article `id` has now.
    pub fn record_notes(&mut self, id: i64, notes: usize) {
        if let Some(entry) = self.entries.iter_mut().find(|e| e.id == id) {
            entry.notes = u32::try_from(notes).unwrap_or(u32::MAX);
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

    /// Sorts `order`. Each entry becomes one key (a packed number; for titles, the title
    /// folded to lower case and one), and the keys are sorted side by side in memory.
    fn resort(&mut self) {
        let (entries, dates, unread_first) = (&self.entries, &self.dates, self.unread_first);
        let read = |i: usize| {
            if unread_first {
                entries[i].read as u8
            } else {
                0
            }
        };
        let n = entries.len();
        self.order = match self.sort {
            SortKey::Date | SortKey::Source => {
                let rank = match self.sort {
                    SortKey::Source => source_ranks(entries),
                    _ => vec![0; n],
                };
                let mut keys: Vec<u128> = (0..n)
                    .map(|i| packed(read(i), rank[i], dates[i], i))
                    .collect();
                keys.sort_unstable();
                keys.into_iter()
                    .map(|k| (k & 0xffff_ffff) as usize)
                    .collect()
            }
            SortKey::Title => {
                let key = |(i, e): (usize, &LibraryEntry)| {
                    (read(i), e.title.to_lowercase(), packed(0, 0, dates[i], i))
                };
                let mut keys: Vec<(u8, String, u128)> =
                    entries.iter().enumerate().map(key).collect();
                keys.sort_unstable();
                keys.into_iter()
                    .map(|(_, _, k)| (k & 0xffff_ffff) as usize)
                    .collect()
            }
        };
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

/// Each entry's place among the sources, A to Z ignoring case (equal when only the case
/// differs); entries without a source last.
fn source_ranks(entries: &[LibraryEntry]) -> Vec<u32> {
    let mut rank: HashMap<&str, u32> = HashMap::new();
    for source in entries.iter().filter_map(|e| e.source.as_deref()) {
        rank.entry(source).or_insert(0);
    }
    let mut names: Vec<(String, &str)> = rank.keys().map(|s| (s.to_lowercase(), *s)).collect();
    names.sort_unstable();
    let mut place = 0;
    for i in 0..names.len() {
        if i > 0 && names[i].0 != names[i - 1].0 {
            place += 1;
        }
        rank.insert(names[i].1, place);
    }
    entries
        .iter()
        .map(|e| {
            e.source
                .as_deref()
                .and_then(|s| rank.get(s).copied())
                .unwrap_or(u32::MAX)
        })
        .collect()
}

/// One number that sorts entries by read state (when asked), then `primary`, then newest
/// first (undated last), then in the order the store gave them.
fn packed(read: u8, primary: u32, date: u64, index: usize) -> u128 {
    // Dates have 14 digits, under 2^47; indices fit 32 bits.
    let newest_first = (DATE_END - date.min(DATE_END)) as u128;
    (u128::from(read) << 120)
        | (u128::from(primary) << 80)
        | (newest_first << 32)
        | (index as u128 & 0xffff_ffff)
}

/// One past the largest date key.
const DATE_END: u64 = 100_000_000_000_000;

/// A date or date-time (`2024-06-19`, `2024-06-19T10:00:00Z`) as a number that sorts
/// like it: its first 14 digits, padded.
fn date_key(date: &str) -> u64 {
    let mut key = 0u64;
    let mut digits = 0;
    for d in date.bytes().filter(u8::is_ascii_digit).take(14) {
        key = key * 10 + u64::from(d - b'0');
        digits += 1;
    }
    key * 10u64.pow(14 - digits)
}

#[cfg(test)]
mod tests;
