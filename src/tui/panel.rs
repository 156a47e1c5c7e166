//! The side panel's state: which tab is shown and which entry is selected.

/// The panel's tabs, in the order the tab bar shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    /// The lead and every section heading.
    Contents,
    /// Entity names grouped by kind, most mentioned first.
    Entities,
    /// Quotations with their speakers, in text order.
    Quotes,
    /// Highlights and notes in text order, then orphans.
    Notes,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Contents, Tab::Entities, Tab::Quotes, Tab::Notes];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Contents => "Contents",
            Tab::Entities => "Entities",
            Tab::Quotes => "Quotes",
            Tab::Notes => "Notes",
        }
    }
}

/// An open panel: its tab and the selected entry of that tab (each tab keeps its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Panel {
    pub tab: Tab,
    selected: [usize; 4],
}

impl Panel {
    pub fn new(tab: Tab) -> Panel {
        Panel {
            tab,
            selected: [0; 4],
        }
    }

    pub fn selected(&self) -> usize {
        self.selected[self.tab as usize]
    }

    /// Selects `entry` of the current tab, clamped to the `len` entries it has.
    pub fn select(&mut self, entry: usize, len: usize) {
        self.selected[self.tab as usize] = entry.min(len.saturating_sub(1));
    }
}
