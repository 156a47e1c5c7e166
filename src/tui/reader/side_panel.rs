//! The reader's side panel: which tab shows, its selection, and following a name.

use std::ops::Range;

use super::{Focus, Reader};
use crate::tui::panel::{Panel, Tab};

impl Reader {
    /// Entries of the panel's current tab.
    pub fn entries_of(&self, tab: Tab) -> usize {
        match tab {
            Tab::Contents => self.entries(),
            Tab::Entities => self.groups.len(),
            Tab::Quotes => self.analysis.quotes.len(),
            Tab::Notes => self.notes.as_ref().map_or(0, |n| n.shown().len()),
        }
    }

    /// `t`: shows the contents, or hides the panel if it shows them already.
    pub fn toggle_panel(&mut self) {
        if self.panel.is_some_and(|p| p.tab == Tab::Contents) {
            self.panel = None;
            self.focus = Focus::Text;
        } else {
            self.show_tab(Tab::Contents);
        }
    }

    /// Opens the panel on `tab` (keeping each tab's selection) and gives it the focus.
    pub fn show_tab(&mut self, tab: Tab) {
        let mut panel = self.panel.unwrap_or(Panel::new(tab));
        panel.tab = tab;
        if tab == Tab::Contents {
            let current = self.current_section().map_or(0, |i| i + 1);
            panel.select(current, self.entries());
        }
        self.panel = Some(panel);
        self.focus = Focus::Panel;
    }

    /// Moves the panel selection by `delta`, clamped.
    pub fn move_selection(&mut self, delta: isize) {
        if let Some(mut panel) = self.panel {
            let len = self.entries_of(panel.tab);
            panel.select(panel.selected().saturating_add_signed(delta), len);
            self.panel = Some(panel);
        }
    }

    /// Follows entity group `group` (only its paragraphs shown), or stops following.
    pub fn follow(&mut self, group: Option<usize>) {
        self.following = group;
        self.layout = None;
    }

    /// The entity group a body range belongs to.
    pub fn group_of(&self, mark: &Range<usize>) -> Option<usize> {
        self.groups
            .iter()
            .position(|g| g.mentions.iter().any(|m| m == mark))
    }
}
