//! Highlights and notes in the reader: selecting, annotating, editing, colours, tags,
//! deleting with undo, reloading and exporting. Every change goes to the store as an
//! effect and is shown as saved only when the store has committed it.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Effect};
use crate::annotate::{Annotation, COLOURS, Status, Target};
use crate::tui::action::Action;
use crate::tui::editor::{EditKind, EditorOutcome, NoteEditor};
use crate::tui::panel::Tab;
use crate::tui::selection::{Selection, Unit, sentence_at};

/// Characters of a quote shown in messages.
const QUOTE_CHARS: usize = 40;

impl App {
    /// Applies a highlight action; `false` if `action` is not one.
    pub(super) fn apply_notes(&mut self, action: Action, n: isize) -> bool {
        let Some(reader) = &mut self.reader else {
            return false;
        };
        let motion = match action {
            Action::SelectWordNext => Some((Unit::Word, true)),
            Action::SelectWordPrev => Some((Unit::Word, false)),
            Action::SelectSentenceNext => Some((Unit::Sentence, true)),
            Action::SelectSentencePrev => Some((Unit::Sentence, false)),
            Action::SelectParagraphNext => Some((Unit::Paragraph, true)),
            Action::SelectParagraphPrev => Some((Unit::Paragraph, false)),
            _ => None,
        };
        if let Some((unit, forward)) = motion {
            if let Some(mut selection) = reader.selection.take() {
                for _ in 0..n.unsigned_abs().max(1) {
                    selection.extend(&reader.article, unit, forward);
                }
                reader.reveal(selection.head);
                reader.selection = Some(selection);
            }
            return true;
        }
        match action {
            Action::SelectRowDown | Action::SelectRowUp => {
                let rows = if action == Action::SelectRowDown {
                    n
                } else {
                    -n
                };
                if let Some(mut selection) = reader.selection.take() {
                    selection.head = reader.offset_rows_away(selection.head, rows);
                    reader.reveal(selection.head);
                    reader.selection = Some(selection);
                }
            }
            Action::VisualSelect => {
                if reader.selection.take().is_some() {
                    self.info("selection cancelled");
                } else {
                    reader.selection = Some(match reader.cursor_mark() {
                        Some(mark) if !mark.is_empty() => Selection::of(mark),
                        _ => Selection::at_word(&reader.article.body, reader.cursor_offset()),
                    });
                    // Said with the keys in force, so a remapped keymap reads right.
                    let keymap = &self.config.keymap;
                    let motions: Vec<String> = Action::SELECTION_MOTIONS
                        .into_iter()
                        .map(|a| keymap.hint(a))
                        .collect();
                    let annotate = keymap.hint(Action::Annotate);
                    let stop = keymap.hint(Action::Close);
                    self.info(format!(
                        "selecting: {} extend, {annotate} highlights, {stop} stops",
                        motions.join(" ")
                    ));
                }
            }
            Action::Annotate => self.annotate(),
            Action::EditNote => {
                if let Some(a) = self.current_annotation() {
                    self.open_editor(&a, EditKind::Note);
                }
            }
            Action::SetTags => {
                if let Some(a) = self.current_annotation() {
                    self.open_editor(&a, EditKind::Tags);
                }
            }
            Action::CycleColour => {
                if let Some(mut a) = self.current_annotation() {
                    a.colour = (a.colour + 1) % COLOURS;
                    self.last_colour = a.colour;
                    a.touch();
                    self.save(a);
                }
            }
            Action::DeleteNote => {
                if let Some(a) = self.current_annotation() {
                    self.info(format!(
                        "delete the highlight “{}”? y deletes, any other key keeps it",
                        first_chars(&a.target.exact)
                    ));
                    self.confirm_delete = Some(a.id);
                }
            }
            Action::UndoDelete => match reader.notes.as_mut().and_then(|n| n.pop_deleted()) {
                Some(a) => self.save(a),
                None => self.info("nothing to undo"),
            },
            Action::PanelNotes => reader.show_tab(Tab::Notes),
            Action::Reload => match self.opened.as_ref().map(|o| o.id) {
                Some(id) => {
                    self.save_position();
                    self.effects.push(Effect::Reload(id));
                }
                None => self.info("this article is not in the library: nothing to reload"),
            },
            Action::ExportNotes => match reader.notes.as_ref().map(|n| n.article) {
                Some(id) => {
                    let dir = self.config.library.exports.clone();
                    self.effects.push(Effect::ExportNotes { id, dir });
                }
                None => self.info("this article is not in the library: no notes to export"),
            },
            _ => return false,
        }
        true
    }

    /// `a`: highlights the selection, or the sentence at the cursor, saves it at once and
    /// opens its note. With an orphan waiting (chosen in the Notes panel), re-attaches it.
    fn annotate(&mut self) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        if reader.notes.is_none() {
            self.info("highlights are kept in the library: open the article with `lede FILE`");
            return;
        }
        let range = match reader.selection.take() {
            Some(selection) => selection.range(),
            None => {
                let at = reader.cursor_offset();
                sentence_at(&reader.article, at).unwrap_or(at..at)
            }
        };
        let body = &reader.article.body;
        // Trailing spaces and a paragraph break are not part of a passage.
        let text = &body[range.clone()];
        let range = range.start + (text.len() - text.trim_start().len())
            ..range.start + text.trim_end().len();
        if range.is_empty() {
            self.info("nothing to highlight here: select some text with v first");
            return;
        }
        let target = Target::capture(body, range);
        let Some(notes) = &mut reader.notes else {
            return;
        };
        let hash = notes.content_hash.clone();
        if let Some(id) = notes.reattach.take()
            && let Some(orphan) = notes.get(&id)
        {
            let mut a = orphan.annotation.clone();
            a.target = target;
            a.status = Status::Anchored;
            a.content_hash = hash;
            a.touch();
            notes.focused = Some(a.id.clone());
            self.save(a);
            return;
        }
        let mut a = Annotation::new(notes.article, target, &hash);
        a.colour = self.last_colour;
        notes.focused = Some(a.id.clone());
        self.open_editor(&a, EditKind::Note);
        self.save(a);
    }

    /// The highlight `m`, `T`, `A` and `d d` act on, with a message when there is none.
    fn current_annotation(&mut self) -> Option<Annotation> {
        let reader = self.reader.as_ref()?;
        let Some(notes) = &reader.notes else {
            self.info("highlights are kept in the library: open the article with `lede FILE`");
            return None;
        };
        let found = notes
            .current(reader.visible_body())
            .map(|n| n.annotation.clone());
        if found.is_none() {
            let key = self.config.keymap.hint(Action::Annotate);
            self.info(format!("no highlight on screen ({key} makes one)"));
        }
        found
    }

    fn open_editor(&mut self, a: &Annotation, kind: EditKind) {
        self.editor = Some(NoteEditor::new(a.clone(), kind, &editable(a, kind)));
    }

    /// Queues saving `a`; the reader shows it once the store confirms.
    fn save(&mut self, a: Annotation) {
        self.effects.push(Effect::SaveAnnotation(Box::new(a)));
    }

    /// A key while the note editor is open.
    pub(super) fn editor_key(&mut self, key: &KeyEvent) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        match editor.key(key) {
            EditorOutcome::Editing => {}
            EditorOutcome::Cancel => {
                let fresh = self
                    .editor
                    .take()
                    .is_some_and(|e| e.kind == EditKind::Note && e.annotation.note.is_empty());
                if fresh {
                    let delete = self.config.keymap.hint(Action::DeleteNote);
                    self.info(format!(
                        "highlight kept without a note ({delete} deletes it)"
                    ));
                } else {
                    self.info("note unchanged");
                }
            }
            EditorOutcome::External(text) => self.effects.push(Effect::EditExternally(text)),
            EditorOutcome::Save(text) => {
                let Some(editor) = self.editor.take() else {
                    return;
                };
                let mut a = editor.annotation;
                match editor.kind {
                    EditKind::Note => {
                        a.set_note(&text);
                    }
                    EditKind::Tags => a.set_tags(&text),
                }
                // The highlight may have been changed (colour) while the editor was open.
                if let Some(stored) = self
                    .reader
                    .as_ref()
                    .and_then(|r| r.notes.as_ref())
                    .and_then(|n| n.get(&a.id))
                {
                    a.colour = stored.annotation.colour;
                }
                a.touch();
                self.save(a);
            }
        }
    }

    /// Quitting (`Ctrl-c`) with the note editor open keeps what was typed: a note is never
    /// lost to a quit.
    pub(super) fn keep_open_note(&mut self) {
        let Some(editor) = self.editor.take() else {
            return;
        };
        let text = editor.text();
        let mut a = editor.annotation;
        if text == editable(&a, editor.kind) {
            return;
        }
        match editor.kind {
            EditKind::Note => a.set_note(&text),
            EditKind::Tags => a.set_tags(&text),
        }
        a.touch();
        self.save(a);
    }

    /// The text `$EDITOR` left (or `None` if it failed; the editor keeps its text).
    pub fn edited_externally(&mut self, text: Result<String, String>) {
        match (text, &mut self.editor) {
            (Ok(text), Some(editor)) => editor.set_text(text.trim_end_matches('\n')),
            (Err(e), _) => self.error(e),
            _ => {}
        }
    }

    /// A key while a delete waits for confirmation: `y` deletes.
    pub(super) fn confirm_key(&mut self, key: &KeyEvent) {
        let Some(id) = self.confirm_delete.take() else {
            return;
        };
        if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
            self.effects.push(Effect::DeleteAnnotation(id));
        } else {
            self.info("kept");
        }
    }

    /// The store committed `a`: show it.
    pub fn annotation_saved(&mut self, a: Annotation) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        let Some(notes) = reader.notes.as_mut().filter(|n| n.article == a.article) else {
            return;
        };
        let quote = first_chars(&a.target.exact);
        let tags = a.tags.len();
        notes.upsert(&reader.article.body, a);
        if let Some(library) = &mut self.library {
            library.record_notes(notes.article, notes.len());
        }
        if self.editor.is_none() {
            let tags = if tags > 0 {
                format!(", {tags} tag(s)")
            } else {
                String::new()
            };
            self.info(format!("saved “{quote}”{tags}"));
        }
    }

    /// The store deleted annotation `id`.
    pub fn annotation_deleted(&mut self, id: &str) {
        if let Some(notes) = self.reader.as_mut().and_then(|r| r.notes.as_mut())
            && notes.remove(id).is_some()
        {
            if let Some(library) = &mut self.library {
                library.record_notes(notes.article, notes.len());
            }
            let key = self.config.keymap.hint(Action::UndoDelete);
            self.info(format!("deleted ({key} puts it back)"));
        }
    }

    /// `Enter` on an orphan in the Notes panel: the next highlight re-attaches it.
    pub(super) fn start_reattach(&mut self, id: String) {
        if let Some(notes) = self.reader.as_mut().and_then(|r| r.notes.as_mut()) {
            notes.reattach = Some(id);
            let v = self.config.keymap.hint(Action::VisualSelect);
            let a = self.config.keymap.hint(Action::Annotate);
            self.info(format!(
                "orphan: select its new place ({v}) and press {a} to re-attach it"
            ));
        }
    }
}

/// What the editor starts with: the note, or the tags as `#words`.
fn editable(a: &Annotation, kind: EditKind) -> String {
    match kind {
        EditKind::Note => a.note.clone(),
        EditKind::Tags => a
            .tags
            .iter()
            .map(|t| format!("#{t}"))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The first characters of a quote, for messages.
pub(super) fn first_chars(text: &str) -> String {
    let mut out: String = text.chars().take(QUOTE_CHARS).collect();
    if text.chars().nth(QUOTE_CHARS).is_some() {
        out.push('…');
    }
    out
}

impl App {
    /// Whether keys go to the Notes tab of the side panel.
    pub(super) fn notes_panel_focused(&self) -> bool {
        self.reader.as_ref().is_some_and(|r| {
            r.focus == crate::tui::reader::Focus::Panel
                && r.panel.is_some_and(|p| p.tab == Tab::Notes)
        })
    }

    /// Shows only the notes whose quote, note or tags contain `text`.
    pub(super) fn filter_notes(&mut self, text: String) {
        if let Some(reader) = &mut self.reader
            && let Some(notes) = &mut reader.notes
        {
            notes.filter = text.to_lowercase();
            let len = notes.shown().len();
            if let Some(panel) = &mut reader.panel {
                panel.select(0, len);
            }
        }
    }

    /// A left press in the text: starts a mouse selection there.
    pub(super) fn press_text(&mut self, at: ratatui::layout::Position) -> bool {
        let Some(reader) = &mut self.reader else {
            return false;
        };
        match reader.offset_at(at.x, at.y) {
            Some(offset) => {
                reader.selection = Some(Selection::at_point(offset));
                true
            }
            None => false,
        }
    }

    /// Dragging with the left button: the selection follows.
    pub(super) fn drag(&mut self, at: ratatui::layout::Position) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        if let Some(offset) = reader.offset_at(at.x, at.y)
            && let Some(selection) = &mut reader.selection
        {
            selection.head = offset;
        }
    }

    /// Releasing the button: a click (nothing dragged) selects nothing, but focuses the
    /// highlight under it; a drag keeps its selection for `a`.
    pub(super) fn release(&mut self) {
        let Some(reader) = &mut self.reader else {
            return;
        };
        let Some(selection) = &reader.selection else {
            return;
        };
        let range = selection.range();
        if range.is_empty() {
            reader.selection = None;
            if let Some(notes) = &mut reader.notes {
                let hit = notes.all().iter().find(|n| {
                    n.range
                        .as_ref()
                        .is_some_and(|r| r.start <= range.start && range.start < r.end)
                });
                if let Some(note) = hit {
                    notes.focused = Some(note.annotation.id.clone());
                }
            }
        } else {
            let key = self.config.keymap.hint(Action::Annotate);
            self.info(format!("{key} highlights the selection, Esc drops it"));
        }
    }
}
