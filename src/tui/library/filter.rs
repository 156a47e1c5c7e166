//! The library's `/` filter: a fuzzy match (nucleo's matcher, smart case) of the query
//! against each entry's headline and source, with a score: a fuzzy query finds scattered
//! letters in most long headlines, so the best matches must come first.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::store::LibraryEntry;

/// The query and the matcher's reusable buffers.
pub struct Filter {
    query: String,
    /// Whether the query is being typed (keys go to it, not to the keymap).
    editing: bool,
    pattern: Pattern,
    matcher: Matcher,
    /// The haystack being matched (`headline source`), reused between entries.
    hay: String,
    chars: Vec<char>,
    indices: Vec<u32>,
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            query: String::new(),
            editing: false,
            pattern: Pattern::default(),
            matcher: Matcher::new(Config::DEFAULT),
            hay: String::new(),
            chars: Vec::new(),
            indices: Vec::new(),
        }
    }
}

impl Filter {
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Whether a query narrows the list.
    pub fn is_active(&self) -> bool {
        !self.pattern.atoms.is_empty()
    }

    pub fn editing(&self) -> bool {
        self.editing
    }

    pub(super) fn set_editing(&mut self, editing: bool) {
        self.editing = editing;
    }

    /// Replaces the query. Returns whether every entry matching the new query matched
    /// the old one too (typing on at the end), so only the current matches need a look.
    pub(super) fn set_query(&mut self, query: String) -> bool {
        // Fuzzy atoms only: no `!`/`^`/`$` syntax, so a longer query never matches more.
        // A backslash escapes a space, which can join two words into one: no shortcut then.
        let narrows = self.is_active() && query.starts_with(&self.query) && !query.contains('\\');
        self.pattern = Pattern::new(
            &query,
            CaseMatching::Smart,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        self.query = query;
        narrows
    }

    /// Whether `entry` matches the query (everything matches an empty one).
    pub fn matches(&mut self, entry: &LibraryEntry) -> bool {
        self.score(entry).is_some()
    }

    /// How well `entry` matches the query (higher is better; 0 for an empty query), or
    /// `None` when it does not.
    pub fn score(&mut self, entry: &LibraryEntry) -> Option<u32> {
        if !self.is_active() {
            return Some(0);
        }
        let Filter {
            pattern,
            matcher,
            hay,
            chars,
            ..
        } = self;
        fill(hay, entry);
        pattern.score(Utf32Str::new(hay, chars), matcher)
    }

    /// The matched characters (as grapheme indices) of the headline and of the source.
    pub fn highlights(&mut self, entry: &LibraryEntry) -> (Vec<usize>, Vec<usize>) {
        if !self.is_active() {
            return (Vec::new(), Vec::new());
        }
        let Filter {
            pattern,
            matcher,
            hay,
            chars,
            indices,
            ..
        } = self;
        fill(hay, entry);
        indices.clear();
        if pattern
            .indices(Utf32Str::new(hay, chars), matcher, indices)
            .is_none()
        {
            return (Vec::new(), Vec::new());
        }
        indices.sort_unstable();
        indices.dedup();
        let title_len = grapheme_count(&entry.title);
        let mut title = Vec::new();
        let mut source = Vec::new();
        for &i in indices.iter() {
            let i = i as usize;
            if i < title_len {
                title.push(i);
            } else if i > title_len {
                source.push(i - title_len - 1);
            }
        }
        (title, source)
    }
}

/// `headline source`: what the filter matches against.
fn fill(hay: &mut String, entry: &LibraryEntry) {
    hay.clear();
    hay.push_str(&entry.title);
    if let Some(source) = &entry.source {
        hay.push(' ');
        hay.push_str(source);
    }
}

/// Characters as the matcher counts them (graphemes).
pub fn grapheme_count(text: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    if text.is_ascii() {
        text.len()
    } else {
        text.graphemes(true).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, source: Option<&str>) -> LibraryEntry {
        LibraryEntry {
            title: title.into(),
            source: source.map(Into::into),
            ..LibraryEntry::default()
        }
    }

    #[test]
    fn fuzzy_over_headline_and_source_with_smart_case() {
        let mut f = Filter::default();
        let pact = entry("North Korea signs a pact", Some("TASS"));
        let other = entry("Polish leader promises", Some("Wikinews"));
        assert!(!f.set_query("nkpact".into()));
        assert!(f.matches(&pact));
        assert!(!f.matches(&other));
        assert!(f.set_query("nkpact tass".into()), "typing on narrows");
        assert!(f.matches(&pact));
        f.set_query("Tass".into());
        assert!(
            !f.matches(&pact),
            "a capital letter makes the match case-sensitive"
        );
        f.set_query("wiki promises".into());
        assert!(f.matches(&other));
        f.set_query(String::new());
        assert!(!f.is_active());
        assert!(f.matches(&other));
    }

    #[test]
    fn whole_words_score_above_scattered_letters() {
        let mut f = Filter::default();
        f.set_query("putin".into());
        let named = f.score(&entry("Putin visits Korea", Some("TASS")));
        let scattered = f.score(&entry(
            "Protests in Turkey continue as police intervene",
            None,
        ));
        assert!(
            named > scattered && scattered.is_some(),
            "{named:?} {scattered:?}"
        );
    }

    #[test]
    fn highlights_split_between_headline_and_source() {
        let mut f = Filter::default();
        f.set_query("pact tass".into());
        let e = entry("Café pact", Some("TASS"));
        let (title, source) = f.highlights(&e);
        assert_eq!(title, [5, 6, 7, 8]);
        assert_eq!(source, [0, 1, 2, 3]);
    }
}
