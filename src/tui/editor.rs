//! The note editor: a multi-line text area over the reader for the note of one highlight.
//! `Ctrl-s` saves, `Esc` leaves the note as it was, `Ctrl-e` hands the text to `$EDITOR`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::annotate::Annotation;

/// What the editor edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    Note,
    /// The tags, as `#words` (`T`).
    Tags,
}

/// What a key did in the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditorOutcome {
    /// Still editing.
    Editing,
    /// Save this note.
    Save(String),
    /// Close without changing the note.
    Cancel,
    /// Edit this text in `$EDITOR`, then come back.
    External(String),
}

pub struct NoteEditor {
    /// The annotation being edited, as it was when the editor opened.
    pub annotation: Annotation,
    pub kind: EditKind,
    area: TextArea<'static>,
}

impl std::fmt::Debug for NoteEditor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NoteEditor")
            .field("id", &self.annotation.id)
            .field("kind", &self.kind)
            .finish()
    }
}

impl NoteEditor {
    pub fn new(annotation: Annotation, kind: EditKind, text: &str) -> NoteEditor {
        let mut editor = NoteEditor {
            annotation,
            kind,
            area: TextArea::default(),
        };
        editor.set_text(text);
        editor
    }

    /// Replaces the text (after `$EDITOR`), cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_placeholder_text(match self.kind {
            EditKind::Note => "Write a note; #word adds a tag. Ctrl-s saves, Esc cancels.",
            EditKind::Tags => "Tags, as #words or words. Ctrl-s saves, Esc cancels.",
        });
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        self.area = area;
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn area(&self) -> &TextArea<'static> {
        &self.area
    }

    pub fn area_mut(&mut self) -> &mut TextArea<'static> {
        &mut self.area
    }

    pub fn key(&mut self, key: &KeyEvent) -> EditorOutcome {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => EditorOutcome::Cancel,
            KeyCode::Char('s') if ctrl => EditorOutcome::Save(self.text()),
            KeyCode::Char('e') if ctrl => EditorOutcome::External(self.text()),
            _ => {
                self.area.input(*key);
                EditorOutcome::Editing
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(editor: &mut NoteEditor, code: KeyCode, mods: KeyModifiers) -> EditorOutcome {
        editor.key(&KeyEvent::new(code, mods))
    }

    #[test]
    fn typing_saving_and_cancelling() {
        let target = crate::annotate::Target::capture("quote", 0..5);
        let a = Annotation::new(1, target, "h");
        let mut e = NoteEditor::new(a, EditKind::Note, "first line");
        for c in " ok".chars() {
            press(&mut e, KeyCode::Char(c), KeyModifiers::NONE);
        }
        press(&mut e, KeyCode::Enter, KeyModifiers::NONE);
        press(&mut e, KeyCode::Char('é'), KeyModifiers::NONE);
        assert_eq!(
            press(&mut e, KeyCode::Char('s'), KeyModifiers::CONTROL),
            EditorOutcome::Save("first line ok\né".into())
        );
        assert_eq!(
            press(&mut e, KeyCode::Char('e'), KeyModifiers::CONTROL),
            EditorOutcome::External("first line ok\né".into())
        );
        e.set_text("from the editor\n");
        assert_eq!(e.text(), "from the editor\n");
        assert_eq!(
            press(&mut e, KeyCode::Esc, KeyModifiers::NONE),
            EditorOutcome::Cancel
        );
    }
}
