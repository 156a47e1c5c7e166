//! Articles from the store in the reader: opening one at its saved position with its
//! cached analysis, and saving where the reader is when it closes. A child of `app` so it
//! can reach the app's private state.

use std::sync::Arc;

use super::{App, Effect, Opened, Pending};
use crate::analysis::Analysis;
use crate::store::{Position, ReadState, StoredArticle};
use crate::tui::notes::Notes;
use crate::tui::reader::Reader;

impl App {
    /// Shows an article read from the store at its saved position, with its cached
    /// analysis or, failing that, its sections at once and the rest in the background.
    pub fn open_stored(&mut self, stored: StoredArticle) {
        let StoredArticle {
            id,
            article,
            analysis,
            position,
            content_hash,
            annotations,
        } = stored;
        let notes = Notes::new(id, &content_hash, &article.body, annotations);
        let article = Arc::new(article);
        match analysis {
            Some(analysis) => {
                self.warn(&article);
                self.generation += 1;
                let mut reader = Reader::new(article, Analysis::default(), self.generation);
                reader.set_analysis(analysis);
                self.reader = Some(reader);
            }
            None => {
                let first = crate::tui::first_look(&article);
                self.show(article, first);
                self.pending.push(Pending {
                    generation: self.generation,
                    id,
                    content_hash,
                });
            }
        }
        if let Some(reader) = &mut self.reader {
            reader.start_at(position.offset);
            reader.notes = Some(notes);
        }
        self.opened = Some(Opened { id, position });
        self.start_pending_search();
        let missing = self
            .library
            .as_ref()
            .and_then(|l| l.entries().iter().find(|e| e.id == id))
            .is_some_and(|e| e.missing);
        if missing {
            self.info("the file is gone: this is the copy kept in the library");
        }
    }

    /// Queues saving where the reader is in the stored article it shows, and notes it in
    /// the library's entry.
    pub(super) fn save_position(&mut self) {
        let (Some(reader), Some(opened)) = (&self.reader, self.opened.take()) else {
            return;
        };
        let drawn = reader.layout().is_some();
        let position = Position {
            offset: reader.resume_offset(),
            progress: if drawn {
                reader.progress()
            } else {
                opened.position.progress
            },
            read: if reader.reached_end() {
                ReadState::Read
            } else {
                ReadState::Reading
            },
        };
        self.effects.push(Effect::SavePosition {
            id: opened.id,
            position,
        });
        if let Some(library) = &mut self.library {
            library.record(opened.id, position);
        }
    }

    /// Closes the reader (saving the position) and goes back to the library or list.
    pub(super) fn leave_reader(&mut self) {
        self.save_position();
        self.reader = None;
    }
}

impl App {
    /// The article came back from the store after [`Effect::Reload`]: shown again where
    /// the reader was, with a word on what happened to its highlights.
    pub fn reloaded(&mut self, stored: StoredArticle) {
        let offset = self.reader.as_ref().map(|r| r.resume_offset());
        let (mut anchored, mut review, mut orphans) = (0, 0, 0);
        for a in &stored.annotations {
            match a.status {
                crate::annotate::Status::Anchored => anchored += 1,
                crate::annotate::Status::NeedsReview => review += 1,
                crate::annotate::Status::Orphan => orphans += 1,
            }
        }
        let mut stored = stored;
        if let Some(offset) = offset {
            stored.position.offset = offset.min(stored.article.body.len());
            while !stored.article.body.is_char_boundary(stored.position.offset) {
                stored.position.offset -= 1;
            }
        }
        self.open_stored(stored);
        let total = anchored + review + orphans;
        if total == 0 {
            self.info("reloaded");
        } else {
            self.info(format!(
                "reloaded: {total} highlight(s): {anchored} in place, {review} to review, \
                 {orphans} orphaned"
            ));
        }
    }
}
