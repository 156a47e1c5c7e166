//! What the library screen's actions and filter keys do. A child of `app` so it can reach
//! the app's private state.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Effect};
use crate::tui::action::Action;

impl App {
    pub(super) fn apply_library(&mut self, action: Action, n: isize) -> Option<Effect> {
        let page = self.list_page();
        let library = self.library.as_mut()?;
        match action {
            Action::ScrollDown => library.move_by(n),
            Action::ScrollUp => library.move_by(-n),
            Action::PageDown => library.move_by(n * page),
            Action::PageUp => library.move_by(-n * page),
            Action::HalfPageDown => library.move_by(n * page / 2),
            Action::HalfPageUp => library.move_by(-n * page / 2),
            Action::Top => library.select(0),
            Action::Bottom => library.select_last(),
            Action::Select => return library.selected_entry().map(|e| Effect::Load(e.id)),
            Action::Filter => library.start_filter(),
            // The status line shows the order.
            Action::CycleSort => library.cycle_sort(),
            Action::ToggleUnreadFirst => library.toggle_unread_first(),
            Action::Close if library.filter().is_active() => library.clear_filter(),
            Action::Close => self.quit(),
            _ => {}
        }
        None
    }

    /// Whether keys go to the library's filter prompt.
    pub(super) fn typing_filter(&self) -> bool {
        self.reader.is_none()
            && self.help.is_none()
            && self.library.as_ref().is_some_and(|l| l.filter().editing())
    }

    /// A key typed at the filter prompt: text narrows the list as it is typed, `Enter`
    /// keeps the filter, `Esc` clears it, the arrows move the selection.
    pub(super) fn filter_key(&mut self, key: &KeyEvent) {
        let Some(library) = self.library.as_mut() else {
            return;
        };
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc => library.clear_filter(),
            KeyCode::Enter => library.keep_filter(),
            // Backspace on an empty query leaves the prompt.
            KeyCode::Backspace if !library.pop_filter() => library.keep_filter(),
            KeyCode::Up => library.move_by(-1),
            KeyCode::Down => library.move_by(1),
            KeyCode::Char(c) if plain => library.push_filter(c),
            _ => {}
        }
    }
}
