//! The annotations of the article in the reader, as the screen uses them: byte ranges in
//! the body (the store keeps code points), text order, orphans apart, and the last
//! deletions for undo.

use std::ops::Range;

use crate::annotate::{Annotation, Status};
use crate::config::Slot;

/// One annotation with where it stands in the body now (`None`: an orphan).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub annotation: Annotation,
    pub range: Option<Range<usize>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notes {
    /// The store's id of the article.
    pub article: i64,
    /// The content hash of the text shown (new annotations record it).
    pub content_hash: String,
    /// Anchored ones in text order, then orphans.
    list: Vec<Note>,
    /// Deleted annotations, most recent last, for `u`.
    undo: Vec<Annotation>,
    /// The highlight last made, jumped to or clicked (what `m`, `T`, `d d` act on first).
    pub focused: Option<String>,
    /// The Notes panel's filter (`/` in the panel), lower case.
    pub filter: String,
    /// An orphan waiting for new text: the next `a` re-attaches it.
    pub reattach: Option<String>,
}

impl Notes {
    pub fn new(article: i64, content_hash: &str, body: &str, list: Vec<Annotation>) -> Notes {
        let mut notes = Notes {
            article,
            content_hash: content_hash.to_string(),
            ..Notes::default()
        };
        let starts: Vec<usize> = list.iter().map(|a| a.target.start).collect();
        let bytes = byte_offsets(body, &starts);
        for (a, start) in list.into_iter().zip(bytes) {
            let range = start.map(|s| s..s + a.target.exact.len()).filter(|r| {
                a.status != Status::Orphan && body.get(r.clone()) == Some(&a.target.exact)
            });
            notes.list.push(Note {
                annotation: a,
                range,
            });
        }
        notes.sort();
        notes
    }

    fn sort(&mut self) {
        self.list.sort_by_key(|n| {
            (
                n.range.is_none(),
                n.range
                    .as_ref()
                    .map_or(n.annotation.target.start, |r| r.start),
                n.annotation.created.clone(),
            )
        });
    }

    pub fn all(&self) -> &[Note] {
        &self.list
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn orphans(&self) -> usize {
        self.list.iter().filter(|n| n.range.is_none()).count()
    }

    pub fn get(&self, id: &str) -> Option<&Note> {
        self.list.iter().find(|n| n.annotation.id == id)
    }

    /// Adds or replaces an annotation whose target is in `body` (or is an orphan).
    pub fn upsert(&mut self, body: &str, annotation: Annotation) {
        let range = (annotation.status != Status::Orphan)
            .then(|| annotation.target.byte_range(body))
            .flatten();
        self.list.retain(|n| n.annotation.id != annotation.id);
        self.list.push(Note { annotation, range });
        self.sort();
    }

    /// Takes an annotation out, keeping it for undo.
    pub fn remove(&mut self, id: &str) -> Option<Annotation> {
        let i = self.list.iter().position(|n| n.annotation.id == id)?;
        let gone = self.list.remove(i).annotation;
        self.undo.push(gone.clone());
        if self.focused.as_deref() == Some(id) {
            self.focused = None;
        }
        Some(gone)
    }

    /// The last deleted annotation, for undo.
    pub fn pop_deleted(&mut self) -> Option<Annotation> {
        self.undo.pop()
    }

    /// Highlights to draw: range, colour slot, and whether a note is attached.
    pub fn highlights(&self) -> Vec<(Range<usize>, Slot)> {
        self.list
            .iter()
            .filter_map(|n| Some((n.range.clone()?, Slot::highlight(n.annotation.colour))))
            .collect()
    }

    /// Body offsets where a highlight with a note ends (a marker goes on that row).
    pub fn note_ends(&self) -> Vec<usize> {
        let mut ends: Vec<usize> = self
            .list
            .iter()
            .filter(|n| !n.annotation.note.trim().is_empty())
            .filter_map(|n| n.range.as_ref().map(|r| r.end))
            .collect();
        ends.sort_unstable();
        ends
    }

    /// The annotation `m`, `T`, `A` and `d d` act on: the focused one if it is within
    /// `visible` (body bytes on screen), else the first one on screen.
    pub fn current(&self, visible: Range<usize>) -> Option<&Note> {
        let on_screen = |n: &&Note| {
            n.range
                .as_ref()
                .is_some_and(|r| r.start < visible.end && r.end > visible.start)
        };
        self.focused
            .as_deref()
            .and_then(|id| self.get(id))
            .filter(on_screen)
            .or_else(|| self.list.iter().find(on_screen))
    }

    /// Indices into [`Notes::all`] that match the filter (quote, note or tag).
    pub fn shown(&self) -> Vec<usize> {
        let needle = self.filter.to_lowercase();
        (0..self.list.len())
            .filter(|&i| {
                let a = &self.list[i].annotation;
                needle.is_empty()
                    || a.target.exact.to_lowercase().contains(&needle)
                    || a.note.to_lowercase().contains(&needle)
                    || a.tags.iter().any(|t| t.to_lowercase().contains(&needle))
            })
            .collect()
    }
}

/// The byte offsets of the code point offsets `cps` in `text`, in one pass (`None` past
/// the end).
pub fn byte_offsets(text: &str, cps: &[usize]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..cps.len()).collect();
    order.sort_by_key(|&i| cps[i]);
    let mut out = vec![None; cps.len()];
    let mut chars = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .enumerate();
    let mut current = chars.next();
    for i in order {
        while let Some((cp, _)) = current {
            if cp >= cps[i] {
                break;
            }
            current = chars.next();
        }
        out[i] = current.filter(|(cp, _)| *cp == cps[i]).map(|(_, b)| b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Target;

    fn note_on(body: &str, quote: &str) -> Annotation {
        let at = body.find(quote).expect("quote");
        Annotation::new(1, Target::capture(body, at..at + quote.len()), "h")
    }

    #[test]
    fn code_points_become_bytes_in_one_pass() {
        let text = "aé€😀b";
        assert_eq!(
            byte_offsets(text, &[4, 0, 2, 5, 6]),
            [Some(10), Some(0), Some(3), Some(11), None]
        );
    }

    #[test]
    fn notes_sort_by_text_with_orphans_last_and_undo_restores() {
        let body = "Ünïcode first. Then second words. Finally third.";
        let mut third = note_on(body, "third");
        third.set_note("a #tag here");
        let first = note_on(body, "first");
        let mut orphan = note_on(body, "second");
        orphan.status = Status::Orphan;
        let notes_list = vec![third.clone(), orphan.clone(), first.clone()];
        let mut notes = Notes::new(1, "h", body, notes_list);
        let ids: Vec<&str> = notes
            .all()
            .iter()
            .map(|n| n.annotation.id.as_str())
            .collect();
        assert_eq!(ids, [&first.id, &third.id, &orphan.id]);
        assert_eq!(notes.orphans(), 1);
        assert_eq!(notes.all()[0].range, Some(10..15), "bytes, not code points");
        assert_eq!(notes.highlights().len(), 2);
        assert_eq!(notes.note_ends(), [body.len() - 1]);
        notes.filter = "tag".into();
        assert_eq!(notes.shown(), [1]);
        assert_eq!(
            notes.current(0..body.len()).map(|n| &n.annotation.id),
            Some(&first.id)
        );
        notes.focused = Some(third.id.clone());
        assert_eq!(
            notes.current(0..body.len()).map(|n| &n.annotation.id),
            Some(&third.id)
        );
        assert_eq!(
            notes.current(0..20).map(|n| &n.annotation.id),
            Some(&first.id)
        );
        assert_eq!(notes.remove(&third.id), Some(third.clone()));
        assert_eq!(notes.len(), 2);
        let back = notes.pop_deleted().expect("undo");
        notes.upsert(body, back);
        assert_eq!(notes.len(), 3);
    }
}
