//! In-article search state: the body folded once per article, the matches of the current
//! query (byte ranges of the body, in order) and which one is current. Pure: the reader
//! scrolls to what this says.

use std::ops::Range;

use crate::search::{Folded, Matcher};

/// What a step with `n`/`N` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Moved,
    /// Went past the last match to the first (or past the first to the last).
    Wrapped,
    /// There is no match to move to.
    NoMatch,
}

/// One article's search.
#[derive(Clone, Debug)]
pub struct ArticleSearch {
    folded: Folded,
    matcher: Option<Matcher>,
    matches: Vec<Range<usize>>,
    current: Option<usize>,
}

impl ArticleSearch {
    /// Folds `body` (once; every query reuses it).
    pub fn new(body: &str) -> ArticleSearch {
        ArticleSearch {
            folded: Folded::new(body),
            matcher: None,
            matches: Vec::new(),
            current: None,
        }
    }

    /// Searches for `query`; the current match is the first starting at or after `from`,
    /// else (wrapping) the first of all. An empty query clears the search.
    pub fn set_query(&mut self, query: &str, from: usize) {
        self.matcher = Matcher::new(query);
        self.matches = self
            .matcher
            .as_ref()
            .map(|m| m.find_all(&self.folded))
            .unwrap_or_default();
        self.current = self
            .matches
            .iter()
            .position(|m| m.start >= from)
            .or((!self.matches.is_empty()).then_some(0));
    }

    /// Forgets the query and its matches (the folded text is kept).
    pub fn clear(&mut self) {
        self.matcher = None;
        self.matches.clear();
        self.current = None;
    }

    /// Whether a query is in force.
    pub fn is_active(&self) -> bool {
        self.matcher.is_some()
    }

    pub fn query(&self) -> Option<&str> {
        self.matcher.as_ref().map(Matcher::query)
    }

    /// Why the query is searched as literal text, if it is.
    pub fn note(&self) -> Option<&str> {
        self.matcher.as_ref().and_then(Matcher::note)
    }

    /// Every match, in order.
    pub fn matches(&self) -> &[Range<usize>] {
        &self.matches
    }

    pub fn current(&self) -> Option<&Range<usize>> {
        self.current.and_then(|i| self.matches.get(i))
    }

    /// The current match's index (0-based).
    pub fn current_index(&self) -> Option<usize> {
        self.current
    }

    /// Moves to the next (`forward`) or previous match, `count` times, wrapping around
    /// the ends. With no current match, starts from body offset `from`.
    pub fn step(&mut self, forward: bool, count: usize, from: usize) -> Step {
        let len = self.matches.len();
        if len == 0 {
            return Step::NoMatch;
        }
        let mut wrapped = false;
        let mut at = self.current;
        for _ in 0..count.max(1) {
            let next = match (at, forward) {
                (Some(i), true) => {
                    wrapped |= i + 1 == len;
                    (i + 1) % len
                }
                (Some(i), false) => {
                    wrapped |= i == 0;
                    (i + len - 1) % len
                }
                (None, true) => self
                    .matches
                    .iter()
                    .position(|m| m.start >= from)
                    .unwrap_or_else(|| {
                        wrapped = true;
                        0
                    }),
                (None, false) => self
                    .matches
                    .iter()
                    .rposition(|m| m.start < from)
                    .unwrap_or_else(|| {
                        wrapped = true;
                        len - 1
                    }),
            };
            at = Some(next);
        }
        self.current = at;
        if wrapped { Step::Wrapped } else { Step::Moved }
    }

    /// The status text: `/query 3/17`, `/query no match`.
    pub fn counter(&self) -> String {
        match self.current {
            Some(i) => format!("{}/{}", i + 1, self.matches.len()),
            None => "no match".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Shapps said. Then shapps left. Later SHAPPS came back, Shapps again.";

    fn starts(s: &ArticleSearch) -> Vec<usize> {
        s.matches().iter().map(|m| m.start).collect()
    }

    #[test]
    fn incremental_query_moves_to_the_first_match_at_or_after_the_origin() {
        let mut s = ArticleSearch::new(TEXT);
        s.set_query("s", 20);
        assert!(s.current().is_some_and(|m| m.start >= 20));
        s.set_query("sh", 20);
        assert_eq!(
            s.current().map(|m| &TEXT[m.clone()]),
            Some("SH"),
            "lower case ignores case"
        );
        s.set_query("Shapps", 20);
        // Smart case: a capital asks for a capital, so `shapps` is not found.
        assert_eq!(starts(&s), [0, 37, 55]);
        assert_eq!(s.current_index(), Some(1), "first at or after 20");
        assert_eq!(s.counter(), "2/3");
        s.set_query("Shapps", 60);
        assert_eq!(
            s.current_index(),
            Some(0),
            "none after 60: wraps to the first"
        );
        s.set_query("zzz", 0);
        assert_eq!(s.counter(), "no match");
        assert!(s.is_active());
    }

    #[test]
    fn steps_wrap_both_ways_and_count() {
        let mut s = ArticleSearch::new(TEXT);
        s.set_query("shapps", 0);
        assert_eq!(s.matches().len(), 4);
        assert_eq!(s.current_index(), Some(0));
        assert_eq!(s.step(true, 1, 0), Step::Moved);
        assert_eq!(s.step(true, 2, 0), Step::Moved);
        assert_eq!(s.counter(), "4/4");
        assert_eq!(s.step(true, 1, 0), Step::Wrapped);
        assert_eq!(s.counter(), "1/4");
        assert_eq!(s.step(false, 1, 0), Step::Wrapped);
        assert_eq!(s.counter(), "4/4");
        assert_eq!(s.step(false, 3, 0), Step::Moved);
        assert_eq!(s.counter(), "1/4");
        assert_eq!(s.step(true, 5, 0), Step::Wrapped, "a count may wrap");
        assert_eq!(s.counter(), "2/4");
    }

    #[test]
    fn clear_forgets_the_query_and_no_match_does_not_move() {
        let mut s = ArticleSearch::new(TEXT);
        s.set_query("nothing here", 0);
        assert_eq!(s.step(true, 1, 0), Step::NoMatch);
        s.set_query("(Shapps", 0);
        assert!(s.note().is_some(), "invalid regex: literal with a note");
        assert!(s.matches().is_empty());
        s.set_query("", 0);
        assert!(!s.is_active());
        s.set_query("said", 0);
        s.clear();
        assert!(!s.is_active() && s.matches().is_empty() && s.current().is_none());
        assert_eq!(s.query(), None);
    }

    #[test]
    fn without_a_current_match_steps_start_from_the_offset() {
        let mut s = ArticleSearch::new(TEXT);
        s.set_query("Shapps", 0);
        s.current = None;
        assert_eq!(s.step(true, 1, 30), Step::Moved);
        assert_eq!(s.current_index(), Some(1));
        s.current = None;
        assert_eq!(s.step(false, 1, 30), Step::Moved);
        assert_eq!(s.current_index(), Some(0));
        s.current = None;
        assert_eq!(s.step(false, 1, 0), Step::Wrapped);
        assert_eq!(s.current_index(), Some(2));
    }
}
