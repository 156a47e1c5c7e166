//! Reader state: one open article, its layout, the reading position and the contents panel.

use crate::analysis::Analysis;
use crate::article::Article;

use super::layout::RowMap;

/// Where keyboard focus is in the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Text,
    Panel,
}

/// What the top row shows, kept across re-layouts so a resize keeps the reading position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    /// A header row (title, deck, rule), by index.
    Header(usize),
    /// A body byte offset.
    Body(usize),
}

/// The contents panel: entry 0 is the lead (top of the article), entry `i` section `i - 1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContentsPanel {
    pub selected: usize,
}

#[derive(Debug)]
pub struct Reader {
    pub article: Article,
    pub analysis: Analysis,
    layout: Option<RowMap>,
    top: usize,
    anchor: Anchor,
    height: usize,
    pub panel: Option<ContentsPanel>,
    pub focus: Focus,
    /// Whether removed debris is shown (dimmed) where it stood.
    original: bool,
}

impl Reader {
    pub fn new(article: Article, analysis: Analysis) -> Reader {
        Reader {
            article,
            analysis,
            layout: None,
            top: 0,
            anchor: Anchor::Header(0),
            height: 1,
            panel: None,
            focus: Focus::Text,
            original: false,
        }
    }

    /// Lays the article out for `width` columns and `height` rows if that changed; the row
    /// that was on top stays on top.
    pub fn fit(&mut self, width: u16, height: usize) {
        self.height = height.max(1);
        if self.layout.as_ref().is_some_and(|l| l.width() == width) {
            return;
        }
        let layout = RowMap::build(&self.article, &self.analysis, width, self.original);
        self.top = match self.anchor {
            Anchor::Header(i) => i.min(layout.body_start()),
            Anchor::Body(offset) => layout.row_of_offset(offset),
        };
        self.layout = Some(layout);
        self.top = self.top.min(self.last_row());
    }

    pub fn layout(&self) -> Option<&RowMap> {
        self.layout.as_ref()
    }

    pub fn top(&self) -> usize {
        self.top
    }

    pub fn height(&self) -> usize {
        self.height
    }

    fn rows(&self) -> usize {
        self.layout.as_ref().map_or(0, RowMap::len)
    }

    fn last_row(&self) -> usize {
        self.rows().saturating_sub(1)
    }

    /// The largest top row for ordinary scrolling: the last page.
    fn max_top(&self) -> usize {
        self.rows().saturating_sub(self.height)
    }

    /// Puts row `row` on top (clamped to the article).
    pub fn set_top(&mut self, row: usize) {
        self.top = row.min(self.last_row());
        if let Some(layout) = &self.layout {
            self.anchor = if self.top < layout.body_start() {
                Anchor::Header(self.top)
            } else {
                Anchor::Body(layout.offset_of_row(self.top))
            };
        }
    }

    /// Scrolls by `delta` rows; scrolling down stops at the last page (a jump may have gone
    /// further, and then scrolling down does not move back).
    pub fn scroll_by(&mut self, delta: isize) {
        let target = if delta >= 0 {
            let limit = self.max_top().max(self.top);
            self.top.saturating_add(delta.unsigned_abs()).min(limit)
        } else {
            self.top.saturating_sub(delta.unsigned_abs())
        };
        self.set_top(target);
    }

    pub fn scroll_pages(&mut self, pages: isize) {
        let page = self.height.saturating_sub(2).max(1) as isize;
        self.scroll_by(pages * page);
    }

    pub fn scroll_half_pages(&mut self, halves: isize) {
        let half = (self.height / 2).max(1) as isize;
        self.scroll_by(halves * half);
    }

    pub fn to_top(&mut self) {
        self.set_top(0);
    }

    pub fn to_bottom(&mut self) {
        self.set_top(self.max_top());
    }

    /// The row of section `i`'s heading.
    fn section_row(&self, i: usize) -> Option<usize> {
        let layout = self.layout.as_ref()?;
        let section = self.analysis.sections.get(i)?;
        Some(layout.row_of_offset(section.heading.start))
    }

    /// Index of the section the top row is in (`None` in the lead).
    pub fn current_section(&self) -> Option<usize> {
        let layout = self.layout.as_ref()?;
        if self.top < layout.body_start() {
            return None;
        }
        let offset = layout.offset_of_row(self.top);
        let after = self
            .analysis
            .sections
            .partition_point(|s| s.heading.start <= offset);
        after.checked_sub(1)
    }

    /// Moves the next (`forward`) or previous section heading to the top, `count` times.
    /// Returns false when there is no such heading.
    pub fn jump_section(&mut self, forward: bool, count: usize) -> bool {
        let n = self.analysis.sections.len();
        let mut moved = false;
        for _ in 0..count.max(1) {
            let target = if forward {
                (0..n).find(|&i| self.section_row(i).is_some_and(|r| r > self.top))
            } else {
                (0..n)
                    .rev()
                    .find(|&i| self.section_row(i).is_some_and(|r| r < self.top))
            };
            match target.and_then(|i| self.section_row(i)) {
                Some(row) => {
                    self.set_top(row);
                    moved = true;
                }
                None if !forward && self.top > 0 => {
                    // Before the first heading: back to the lead.
                    self.to_top();
                    moved = true;
                }
                None => break,
            }
        }
        moved
    }

    /// Jumps to contents entry `entry` (0 = the top of the article).
    pub fn jump_to_entry(&mut self, entry: usize) {
        match entry.checked_sub(1).and_then(|i| self.section_row(i)) {
            Some(row) => self.set_top(row),
            None => self.to_top(),
        }
    }

    /// Number of contents entries (the lead plus every section).
    pub fn entries(&self) -> usize {
        self.analysis.sections.len() + 1
    }

    /// Reading progress in percent: 0 at the top, 100 when the last row is visible.
    pub fn percent(&self) -> usize {
        let max = self.max_top();
        if max == 0 {
            return 100;
        }
        (self.top * 100 / max).min(100)
    }

    /// Heading text of section `i`.
    pub fn heading(&self, i: usize) -> &str {
        self.analysis
            .sections
            .get(i)
            .map_or("", |s| &self.article.body[s.heading.clone()])
    }

    pub fn showing_original(&self) -> bool {
        self.original
    }

    /// Shows or hides the removed debris; the text on top stays on top.
    pub fn toggle_original(&mut self) {
        self.original = !self.original;
        self.layout = None;
    }

    pub fn toggle_panel(&mut self) {
        if self.panel.take().is_some() {
            self.focus = Focus::Text;
        } else {
            let selected = self.current_section().map_or(0, |i| i + 1);
            self.panel = Some(ContentsPanel { selected });
            self.focus = Focus::Panel;
        }
    }

    /// Moves the panel selection by `delta`, clamped.
    pub fn move_selection(&mut self, delta: isize) {
        let last = self.entries().saturating_sub(1);
        if let Some(panel) = &mut self.panel {
            panel.selected = panel.selected.saturating_add_signed(delta).min(last);
        }
    }
}
