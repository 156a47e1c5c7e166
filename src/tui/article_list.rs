//! The article list shown by `lede DIR` (the full library screen comes later).

use std::path::PathBuf;

pub use crate::folder::FolderEntry as ListEntry;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleList {
    pub dir: PathBuf,
    pub entries: Vec<ListEntry>,
    pub selected: usize,
    /// First visible entry, kept by the view so the selection stays on screen.
    pub offset: usize,
}

impl ArticleList {
    pub fn new(dir: PathBuf, entries: Vec<ListEntry>) -> ArticleList {
        ArticleList {
            dir,
            entries,
            selected: 0,
            offset: 0,
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.entries.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select_last(&mut self) {
        self.selected = self.entries.len().saturating_sub(1);
    }

    pub fn current(&self) -> Option<&ListEntry> {
        self.entries.get(self.selected)
    }

    /// Number of entries that could not be read.
    pub fn problems(&self) -> usize {
        self.entries.iter().filter(|e| e.title.is_err()).count()
    }
}
