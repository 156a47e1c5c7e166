//! Annotations: highlights with a note and tags over an article's body, anchored the way
//! the W3C Web Annotation model does it (a quote with its context, plus a position), so
//! they can be found again when the text changes.
//!
//! Positions here are Unicode code points into `Article::body`, as the W3C
//! `TextPositionSelector` counts them; the reader converts to bytes at its edge.

pub mod anchor;
pub mod commands;
pub mod export;
mod hypothesis;
pub mod import;
pub mod markdown;
pub mod target;
pub mod w3c;

pub use target::Target;

use serde::{Deserialize, Serialize};

/// How many highlight colours there are (theme slots `highlight1`…`highlight4`).
pub const COLOURS: u8 = 4;

/// One highlight with its note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// A UUID (v4), stable across export and import.
    pub id: String,
    /// The store's article id.
    pub article: i64,
    /// Where it is: quote, context and position in the body.
    pub target: Target,
    /// 0-based highlight colour, below [`COLOURS`].
    pub colour: u8,
    pub note: String,
    /// Tags without the `#`, in the order first given, no duplicates.
    pub tags: Vec<String>,
    /// RFC 3339 UTC times (`2026-11-28T13:40:00Z`).
    pub created: String,
    pub modified: String,
    /// The article's content hash when the target was last anchored.
    pub content_hash: String,
    pub status: Status,
}

/// How sure lede is of where an annotation stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Made here or found again with certainty.
    #[default]
    Anchored,
    /// Found again only approximately (the quote was edited): the reader should check it.
    NeedsReview,
    /// Not found in the current text: kept with its quote until it is re-attached.
    Orphan,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Anchored => "anchored",
            Status::NeedsReview => "needs-review",
            Status::Orphan => "orphan",
        }
    }

    pub fn parse(name: &str) -> Option<Status> {
        match name {
            "anchored" => Some(Status::Anchored),
            "needs-review" => Some(Status::NeedsReview),
            "orphan" => Some(Status::Orphan),
            _ => None,
        }
    }
}

impl Annotation {
    /// A new highlight of `target` in article `article` (whose text has `content_hash`),
    /// with a fresh id and the current time.
    pub fn new(article: i64, target: Target, content_hash: &str) -> Annotation {
        let now = now_utc();
        Annotation {
            id: uuid::Uuid::new_v4().to_string(),
            article,
            target,
            colour: 0,
            note: String::new(),
            tags: Vec::new(),
            created: now.clone(),
            modified: now,
            content_hash: content_hash.to_string(),
            status: Status::Anchored,
        }
    }

    /// Sets the note and takes the `#tags` written in it. Tags the old note wrote and the
    /// new one no longer has are dropped; other tags (set with `T`) stay.
    pub fn set_note(&mut self, note: &str) {
        let written_before = tags_in(&self.note);
        let now = tags_in(note);
        let mut tags: Vec<String> = std::mem::take(&mut self.tags)
            .into_iter()
            .filter(|t| !written_before.contains(t) || now.contains(t))
            .collect();
        for tag in now {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        self.note = note.to_string();
        self.tags = tags;
    }

    /// Replaces the tags (from a `T` prompt: words, with or without `#`).
    pub fn set_tags(&mut self, text: &str) {
        let mut tags: Vec<String> = Vec::new();
        for word in text.split([' ', ',', '\t', '\n']) {
            let tag = clean_tag(word);
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        self.tags = tags;
    }

    /// Marks the annotation as changed now.
    pub fn touch(&mut self) {
        self.modified = now_utc();
    }
}

/// The `#tags` in a note: `#` at the start or after a space, then letters, digits, `-`,
/// `_`, `/` or `.` (a trailing `.` is punctuation, not part of the tag). `#` alone, `C#`
/// and `#1` in a word are not tags.
pub fn tags_in(note: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut previous = ' ';
    for (i, c) in note.char_indices() {
        if c == '#' && (previous.is_whitespace() || previous == '(') {
            let rest = &note[i + 1..];
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.')))
                .unwrap_or(rest.len());
            let tag = clean_tag(&rest[..end]);
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        previous = c;
    }
    tags
}

fn clean_tag(word: &str) -> String {
    word.trim()
        .trim_start_matches('#')
        .trim_end_matches(['.', '/', '-'])
        .to_string()
}

/// The current time as RFC 3339 UTC, to the second.
pub fn now_utc() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_come_from_hashes_at_word_starts() {
        assert_eq!(
            tags_in("#nk-russia pact, see #treaty/1950. Not C#, nor a#b, nor # alone."),
            vec!["nk-russia", "treaty/1950"]
        );
        assert_eq!(tags_in("(#défense) #Ünïcode"), vec!["défense", "Ünïcode"]);
        assert!(tags_in("").is_empty());
    }

    #[test]
    fn note_tags_add_to_existing_ones_without_duplicates() {
        let target = Target::capture("Some text here.", 0..4);
        let mut a = Annotation::new(1, target, "h");
        a.set_tags("#first second, first");
        assert_eq!(a.tags, vec!["first", "second"]);
        a.set_note("more #second #third");
        assert_eq!(a.tags, vec!["first", "second", "third"]);
        assert_eq!(a.note, "more #second #third");
        // Taking `#third` out of the note drops it; a tag the note never wrote stays.
        a.set_note("more #second");
        assert_eq!(a.tags, vec!["first", "second"]);
        a.set_note("no tags now");
        assert_eq!(a.tags, vec!["first"]);
    }

    #[test]
    fn new_annotations_get_distinct_ids_and_utc_times() {
        let t = Target::capture("abc", 0..1);
        let a = Annotation::new(1, t.clone(), "h");
        let b = Annotation::new(1, t, "h");
        assert_ne!(a.id, b.id);
        assert_eq!(a.id.len(), 36);
        assert!(
            a.created.ends_with('Z') && a.created.len() == 20,
            "{}",
            a.created
        );
    }

    #[test]
    fn status_names_round_trip() {
        for s in [Status::Anchored, Status::NeedsReview, Status::Orphan] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
        }
    }
}
