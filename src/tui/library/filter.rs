//! The library's `/` filter: a fuzzy match (nucleo's matcher, smart case) of the query
//! against each entry's headline and source, with a score: a fuzzy query finds scattered
//! letters in most long headlines, so the best matches must come first.
//!
//! Each word of the query must match the headline or the source. Headlines are matched
//! as ASCII where they fold to it (accents, typographic quotes and dashes), which nucleo
//! matches about ten times faster than other text; the folded copies are made once, on
//! the first filter, and only for headlines that are not ASCII already.

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::store::LibraryEntry;

/// Below this many candidates one thread matches them all; above, the work is split
/// over the cores (spawning costs tens of microseconds, matching 100,000 headlines tens of
/// milliseconds).
const PARALLEL_FROM: usize = 20_000;

/// The query, and a matcher with its buffer for each thread that matches.
pub struct Filter {
    query: String,
    /// Whether the query is being typed (keys go to it, not to the keymap).
    editing: bool,
    pattern: Pattern,
    /// Whether folded text may be matched: the query is ASCII, so the matcher would
    /// normalise accents anyway.
    fold: bool,
    /// One per thread; the first also serves single lookups.
    workers: Vec<Worker>,
    /// Headline and source of every entry as the matcher reads them (made on first use).
    texts: Vec<[Text; 2]>,
}

/// A headline or source prepared for matching.
enum Text {
    /// ASCII already: matched as it is.
    Ascii,
    /// Folded to ASCII (one byte per char of the original).
    Folded(Box<[u8]>),
    /// Text that does not fold (other scripts), as chars.
    Chars(Box<[char]>),
}

impl Text {
    fn of(text: &str) -> Text {
        if text.is_ascii() {
            return Text::Ascii;
        }
        let folded: Option<Vec<u8>> = text
            .chars()
            .map(|c| Some(fold_char(c)).filter(char::is_ascii).map(|f| f as u8))
            .collect();
        match folded {
            Some(bytes) => Text::Folded(bytes.into()),
            None => Text::Chars(text.chars().collect()),
        }
    }

    /// `raw` (the text this was made from) as the matcher reads it.
    fn view<'a>(&'a self, raw: &'a str, fold: bool, buf: &'a mut Vec<char>) -> Utf32Str<'a> {
        match self {
            Text::Ascii => Utf32Str::Ascii(raw.as_bytes()),
            Text::Folded(bytes) if fold => Utf32Str::Ascii(bytes),
            Text::Chars(chars) => Utf32Str::Unicode(chars),
            Text::Folded(_) => {
                buf.clear();
                buf.extend(raw.chars());
                Utf32Str::Unicode(buf)
            }
        }
    }
}

/// A matcher and the buffer unfolded text is put in.
struct Worker {
    matcher: Matcher,
    chars: Vec<char>,
}

impl Worker {
    fn new() -> Worker {
        Worker {
            matcher: Matcher::new(Config::DEFAULT),
            chars: Vec::new(),
        }
    }

    /// The sum over the query's words of each one's better score in the headline or the
    /// source; `None` when a word matches neither. With `indices`, the matched chars of
    /// the headline and (offset by its length plus one) the source are added to it.
    fn score(
        &mut self,
        filter: (&Pattern, bool),
        entry: &LibraryEntry,
        texts: &[Text; 2],
        mut indices: Option<&mut Vec<u32>>,
    ) -> Option<u32> {
        let (pattern, fold) = filter;
        let [title_text, source_text] = texts;
        let title_len = entry.title.chars().count() as u32;
        let mut total = 0;
        let mut found = Vec::new();
        for atom in &pattern.atoms {
            let mut best: Option<(u16, bool)> = None;
            let title = title_text.view(&entry.title, fold, &mut self.chars);
            if let Some(s) = atom.score(title, &mut self.matcher) {
                best = Some((s, false));
            }
            if let Some(source) = &entry.source {
                let text = source_text.view(source, fold, &mut self.chars);
                if let Some(s) = atom.score(text, &mut self.matcher)
                    && best.is_none_or(|(b, _)| s > b)
                {
                    best = Some((s, true));
                }
            }
            let (score, in_source) = best?;
            total += u32::from(score);
            if indices.is_some() {
                found.clear();
                let (raw, text, offset) = match (&entry.source, in_source) {
                    (Some(source), true) => (source.as_str(), source_text, title_len + 1),
                    _ => (entry.title.as_str(), title_text, 0),
                };
                let view = text.view(raw, fold, &mut self.chars);
                atom.indices(view, &mut self.matcher, &mut found);
                if let Some(out) = indices.as_deref_mut() {
                    out.extend(found.iter().map(|i| i + offset));
                }
            }
        }
        Some(total)
    }
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            query: String::new(),
            editing: false,
            pattern: Pattern::default(),
            fold: true,
            workers: vec![Worker::new()],
            texts: Vec::new(),
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
        self.fold = query.is_ascii();
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
        let texts = [Text::of(&entry.title), text_of_source(entry)];
        let worker = self.workers.first_mut()?;
        worker.score((&self.pattern, self.fold), entry, &texts, None)
    }

    /// `(score, index)` of every entry of `pool` (indices into `entries`) that matches,
    /// in `pool` order; large pools are matched on every core.
    pub(super) fn score_all(
        &mut self,
        entries: &[LibraryEntry],
        pool: &[usize],
    ) -> Vec<(u32, usize)> {
        if self.texts.len() != entries.len() {
            self.texts = entries
                .iter()
                .map(|e| [Text::of(&e.title), text_of_source(e)])
                .collect();
        }
        let threads = if pool.len() < PARALLEL_FROM {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
        };
        while self.workers.len() < threads {
            self.workers.push(Worker::new());
        }
        let (filter, texts) = ((&self.pattern, self.fold), &self.texts);
        let score_chunk = |worker: &mut Worker, chunk: &[usize]| -> Vec<(u32, usize)> {
            chunk
                .iter()
                .filter_map(|&i| {
                    let texts = texts.get(i)?;
                    worker
                        .score(filter, &entries[i], texts, None)
                        .map(|s| (s, i))
                })
                .collect()
        };
        if threads <= 1 {
            return match self.workers.first_mut() {
                Some(worker) => score_chunk(worker, pool),
                None => Vec::new(),
            };
        }
        let size = pool.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = self
                .workers
                .iter_mut()
                .zip(pool.chunks(size))
                .map(|(worker, chunk)| scope.spawn(move || score_chunk(worker, chunk)))
                .collect();
            let mut found = Vec::new();
            for handle in handles {
                // A panicking matcher thread would be a bug in the matcher; its share of
                // the list is left out rather than taking the reader down.
                found.extend(handle.join().unwrap_or_default());
            }
            found
        })
    }

    /// The matched characters (as char indices) of the headline and of the source.
    pub fn highlights(&mut self, entry: &LibraryEntry) -> (Vec<usize>, Vec<usize>) {
        if !self.is_active() {
            return (Vec::new(), Vec::new());
        }
        let texts = [Text::of(&entry.title), text_of_source(entry)];
        let Some(worker) = self.workers.first_mut() else {
            return (Vec::new(), Vec::new());
        };
        let mut indices = Vec::new();
        let filter = (&self.pattern, self.fold);
        if worker
            .score(filter, entry, &texts, Some(&mut indices))
            .is_none()
        {
            return (Vec::new(), Vec::new());
        }
        indices.sort_unstable();
        indices.dedup();
        let title_len = entry.title.chars().count();
        let mut title = Vec::new();
        let mut source = Vec::new();
        for i in indices {
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

fn text_of_source(entry: &LibraryEntry) -> Text {
    entry.source.as_deref().map_or(Text::Ascii, Text::of)
}

/// One char's ASCII look-alike, where it has one (else the char itself).
fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        '…' => '.',
        '\u{a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' => ' ',
        c => nucleo_matcher::chars::normalize(c),
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
    fn typographic_haystacks_match_ascii_queries_and_exact_ones() {
        let mut f = Filter::default();
        let e = entry("Gdańsk mayor’s “last” speech — 2019", Some("Wikinews"));
        for q in [
            "gdansk",
            "mayor's \"last\"",
            "speech - 2019",
            "Gdańsk",
            "mayor’s",
        ] {
            f.set_query(q.into());
            assert!(f.matches(&e), "{q}");
        }
        f.set_query("gdańsk x".into());
        assert!(!f.matches(&e));
    }

    #[test]
    fn many_candidates_are_scored_on_every_core_alike() {
        let entries: Vec<LibraryEntry> = (0..PARALLEL_FROM + 5_001)
            .map(|i| entry(&format!("headline {i} about “Mars” and more"), Some("TASS")))
            .collect();
        let pool: Vec<usize> = (0..entries.len()).rev().collect();
        let mut f = Filter::default();
        f.set_query("mars 7".into());
        let all = f.score_all(&entries, &pool);
        let one_by_one: Vec<(u32, usize)> = pool
            .iter()
            .filter_map(|&i| f.score(&entries[i]).map(|s| (s, i)))
            .collect();
        assert!(!all.is_empty() && all.len() < pool.len());
        assert_eq!(all, one_by_one);
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
