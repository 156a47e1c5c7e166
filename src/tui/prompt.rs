//! A one-line prompt at the bottom of the screen (`/` in the reader, `S` in the library):
//! shell-like editing with tui-input (cursor keys, Home/End, Ctrl-w, Ctrl-u, Ctrl-k,
//! Backspace) and `↑`/`↓` through the earlier queries of its kind.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::{Input, InputRequest};

/// Which search a prompt is for; also the history kind in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// `/` in the reader: searches the article as you type.
    Article,
    /// `S` in the library: searches every article on `Enter`.
    Library,
    /// `/` in the Notes panel: filters the notes as you type.
    Notes,
}

impl PromptKind {
    /// The history kind the store keeps its queries under.
    pub fn name(self) -> &'static str {
        match self {
            PromptKind::Article => "article",
            PromptKind::Library => "library",
            PromptKind::Notes => "notes",
        }
    }

    /// What the prompt starts with on screen.
    pub fn sigil(self) -> &'static str {
        match self {
            PromptKind::Article => "/",
            PromptKind::Library => "search: ",
            PromptKind::Notes => "notes: ",
        }
    }
}

/// What a key did at the prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptEvent {
    /// The text changed (typed, deleted, or taken from the history).
    Edited,
    /// `Enter`: the text as it stands.
    Submit(String),
    /// `Esc`, or `Backspace` on an empty line.
    Cancel,
    /// Nothing changed (the cursor may have moved).
    Nothing,
}

#[derive(Clone, Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    input: Input,
    /// The history entry shown, while `↑`/`↓` walk it.
    history_at: Option<usize>,
    /// What was typed before walking the history, brought back by `↓` past the end.
    draft: String,
}

impl Prompt {
    pub fn new(kind: PromptKind) -> Prompt {
        Prompt {
            kind,
            input: Input::default(),
            history_at: None,
            draft: String::new(),
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// The cursor's column within the text.
    pub fn cursor_column(&self) -> usize {
        self.input.visual_cursor()
    }

    /// Handles one key; `history` is this kind's earlier queries, oldest first.
    pub fn key(&mut self, key: &KeyEvent, history: &[String]) -> PromptEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        let request = match key.code {
            KeyCode::Esc => return PromptEvent::Cancel,
            KeyCode::Enter => return PromptEvent::Submit(self.value().to_string()),
            KeyCode::Backspace if self.value().is_empty() => return PromptEvent::Cancel,
            KeyCode::Up => return self.walk(history, true),
            KeyCode::Down => return self.walk(history, false),
            KeyCode::Char('w') if ctrl => InputRequest::DeletePrevWord,
            KeyCode::Char('u') if ctrl => InputRequest::DeleteFromStart,
            KeyCode::Char('k') if ctrl => InputRequest::DeleteTillEnd,
            KeyCode::Char('a') if ctrl => InputRequest::GoToStart,
            KeyCode::Char('e') if ctrl => InputRequest::GoToEnd,
            KeyCode::Char('h') if ctrl => InputRequest::DeletePrevChar,
            KeyCode::Char('b') if alt => InputRequest::GoToPrevWord,
            KeyCode::Char('f') if alt => InputRequest::GoToNextWord,
            KeyCode::Char(c) if !ctrl && !alt => InputRequest::InsertChar(c),
            KeyCode::Backspace if ctrl || alt => InputRequest::DeletePrevWord,
            KeyCode::Backspace => InputRequest::DeletePrevChar,
            KeyCode::Delete => InputRequest::DeleteNextChar,
            KeyCode::Left if ctrl => InputRequest::GoToPrevWord,
            KeyCode::Right if ctrl => InputRequest::GoToNextWord,
            KeyCode::Left => InputRequest::GoToPrevChar,
            KeyCode::Right => InputRequest::GoToNextChar,
            KeyCode::Home => InputRequest::GoToStart,
            KeyCode::End => InputRequest::GoToEnd,
            _ => return PromptEvent::Nothing,
        };
        match self.input.handle(request) {
            Some(changed) if changed.value => {
                // Editing a history entry makes it the new draft.
                self.history_at = None;
                PromptEvent::Edited
            }
            _ => PromptEvent::Nothing,
        }
    }

    /// `↑` (`older`) or `↓` through `history`.
    fn walk(&mut self, history: &[String], older: bool) -> PromptEvent {
        let target = match (self.history_at, older) {
            (None, true) if !history.is_empty() => {
                self.draft = self.value().to_string();
                Some(history.len() - 1)
            }
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < history.len() => Some(i + 1),
            (Some(_), false) => None,
            _ => return PromptEvent::Nothing,
        };
        let text = match target {
            Some(i) => history.get(i).cloned().unwrap_or_default(),
            None => std::mem::take(&mut self.draft),
        };
        self.history_at = target;
        if text == self.value() {
            return PromptEvent::Nothing;
        }
        self.input = Input::new(text);
        PromptEvent::Edited
    }
}

/// Adds `query` to `history` as its newest entry (an older copy goes), keeping `limit`.
pub fn remember(history: &mut Vec<String>, query: &str, limit: usize) {
    history.retain(|q| q != query);
    history.push(query.to_string());
    if history.len() > limit {
        history.drain(..history.len() - limit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(prompt: &mut Prompt, spec: &str, history: &[String]) -> PromptEvent {
        let press = crate::config::keys::KeyPress::parse(spec).expect("key");
        prompt.key(&KeyEvent::new(press.code, press.mods), history)
    }

    fn typed(prompt: &mut Prompt, text: &str) {
        for c in text.chars() {
            prompt.key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE), &[]);
        }
    }

    #[test]
    fn editing_like_a_shell_line() {
        let mut p = Prompt::new(PromptKind::Article);
        typed(&mut p, "mutual defense pact");
        assert_eq!(key(&mut p, "ctrl-w", &[]), PromptEvent::Edited);
        assert_eq!(p.value(), "mutual defense ");
        key(&mut p, "home", &[]);
        key(&mut p, "right", &[]);
        typed(&mut p, "X");
        assert_eq!(p.value(), "mXutual defense ");
        assert_eq!(p.cursor_column(), 2);
        key(&mut p, "end", &[]);
        key(&mut p, "left", &[]);
        key(&mut p, "ctrl-u", &[]);
        assert_eq!(p.value(), " ");
        key(&mut p, "backspace", &[]);
        assert_eq!(p.value(), " ", "nothing before the cursor");
        key(&mut p, "delete", &[]);
        assert_eq!(p.value(), "");
        assert_eq!(key(&mut p, "backspace", &[]), PromptEvent::Cancel);
        typed(&mut p, "ab");
        assert_eq!(key(&mut p, "enter", &[]), PromptEvent::Submit("ab".into()));
        assert_eq!(key(&mut p, "esc", &[]), PromptEvent::Cancel);
    }

    #[test]
    fn history_walks_back_and_forth_and_keeps_the_draft() {
        let history: Vec<String> = ["Putin", "Shapps"].map(String::from).to_vec();
        let mut p = Prompt::new(PromptKind::Article);
        typed(&mut p, "dr");
        assert_eq!(key(&mut p, "up", &history), PromptEvent::Edited);
        assert_eq!(p.value(), "Shapps");
        key(&mut p, "up", &history);
        assert_eq!(p.value(), "Putin");
        assert_eq!(key(&mut p, "up", &history), PromptEvent::Nothing, "oldest");
        key(&mut p, "down", &history);
        assert_eq!(p.value(), "Shapps");
        key(&mut p, "down", &history);
        assert_eq!(p.value(), "dr", "past the newest: the draft again");
        assert_eq!(key(&mut p, "down", &history), PromptEvent::Nothing);
        assert_eq!(
            key(&mut Prompt::new(PromptKind::Library), "up", &[]),
            PromptEvent::Nothing
        );
    }

    #[test]
    fn remember_moves_a_repeat_to_the_end_and_bounds_the_list() {
        let mut h: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        remember(&mut h, "a", 3);
        assert_eq!(h, ["b", "c", "a"]);
        remember(&mut h, "d", 3);
        assert_eq!(h, ["c", "a", "d"]);
    }
}
