//! Reader state: one open article, its layout, the reading position and the contents panel.

use std::ops::Range;
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::article::Article;

use super::layout::{RowKind, RowMap};
use super::marks::Marks;
use super::notes::Notes;
use super::panel::Panel;
use super::search::ArticleSearch;
use super::selection::Selection;
use crate::analysis::entity_groups::{self, EntityGroup};

/// Where keyboard focus is in the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Text,
    Panel,
}

/// What the top row shows, kept across re-layouts so a resize keeps the reading position.
/// Also what a cancelled search (`Esc`) goes back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewMark(Anchor);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anchor {
    /// A header row (title, deck, rule), by index.
    Header(usize),
    /// A body byte offset.
    Body(usize),
}

#[derive(Debug)]
pub struct Reader {
    /// Shared with the analysis running in the background.
    pub article: Arc<Article>,
    pub analysis: Analysis,
    /// Entities and quotations as drawn (empty until the background analysis is back).
    pub marks: Marks,
    /// Whether entity colours are shown (`x`).
    pub show_entities: bool,
    /// The mention or quotation last moved to with `e`/`"`, highlighted.
    pub focus_mark: Option<Range<usize>>,
    /// Which open of an article this is, so a late analysis of another one is ignored.
    pub generation: u64,
    layout: Option<RowMap>,
    top: usize,
    anchor: Anchor,
    height: usize,
    pub panel: Option<Panel>,
    /// Entity mentions grouped by name, for the Entities tab.
    pub groups: Vec<EntityGroup>,
    /// The entity group being followed (`f`): only paragraphs mentioning it are shown.
    pub following: Option<usize>,
    pub focus: Focus,
    /// Whether removed debris is shown (dimmed) where it stood.
    original: bool,
    /// Whether the last row has been on screen since the article was opened.
    reached_end: bool,
    /// The in-article search (`/`), made on the first search: it folds the body once.
    search: Option<ArticleSearch>,
    /// A body offset to scroll into view once the article is laid out.
    pending_reveal: Option<usize>,
    /// The article's highlights (stored articles only).
    pub notes: Option<Notes>,
    /// The passage being selected (`v` or a mouse drag).
    pub selection: Option<Selection>,
    /// Screen column and row of the text's first cell, from the last draw (for the mouse).
    pub text_origin: (u16, u16),
}

mod cursor;
mod side_panel;

impl Reader {
    pub fn new(article: Arc<Article>, analysis: Analysis, generation: u64) -> Reader {
        Reader {
            marks: Marks::new(&analysis),
            article,
            analysis,
            show_entities: true,
            focus_mark: None,
            generation,
            layout: None,
            top: 0,
            anchor: Anchor::Header(0),
            height: 1,
            panel: None,
            groups: Vec::new(),
            following: None,
            focus: Focus::Text,
            original: false,
            reached_end: false,
            search: None,
            pending_reveal: None,
            notes: None,
            selection: None,
            text_origin: (0, 0),
        }
    }

    /// Opens at body byte `offset`: its row is put on top when the article is laid out
    /// (0 is the very top, headline included).
    pub fn start_at(&mut self, offset: usize) {
        if offset > 0 && self.layout.is_none() {
            self.anchor = Anchor::Body(offset.min(self.article.body.len()));
        }
    }

    /// Lays the article out for `width` columns and `height` rows if that changed; the row
    /// that was on top stays on top.
    pub fn fit(&mut self, width: u16, height: usize) {
        self.height = height.max(1);
        if self.layout.as_ref().is_none_or(|l| l.width() != width) {
            self.lay_out(width);
        }
        // Following a name shows only some paragraphs: seeing their end is not reading it all.
        if self.following.is_none() && self.top + self.height >= self.rows() {
            self.reached_end = true;
        }
    }

    fn lay_out(&mut self, width: u16) {
        let keep = self
            .following
            .and_then(|g| self.groups.get(g))
            .map(|group| {
                // Keep the blocks holding a mention of the followed name.
                let mut keep = vec![false; self.article.blocks.len()];
                for m in &group.mentions {
                    let i = self
                        .article
                        .blocks
                        .partition_point(|b| b.range.end <= m.start);
                    if let Some(k) = keep.get_mut(i) {
                        *k = true;
                    }
                }
                keep
            });
        let layout = RowMap::build(
            &self.article,
            &self.analysis,
            width,
            self.original,
            keep.as_deref(),
        );
        self.top = match self.anchor {
            Anchor::Header(i) => i.min(layout.body_start()),
            Anchor::Body(offset) => layout.row_of_offset(offset),
        };
        self.layout = Some(layout);
        self.top = self.top.min(self.last_row());
        if let Some(offset) = self.pending_reveal.take() {
            self.reveal(offset);
        }
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

    /// Takes the full analysis (entities, quotations) when the background work is done.
    pub fn set_analysis(&mut self, analysis: Analysis) {
        self.marks = Marks::new(&analysis);
        self.groups = entity_groups::group(&self.article.body, &analysis.entities, &KIND_ORDER);
        self.following = None;
        if analysis.sections != self.analysis.sections {
            self.layout = None;
        }
        self.analysis = analysis;
    }

    /// The body offset of the top row (before the first layout: where it will be).
    pub fn top_offset(&self) -> usize {
        match &self.layout {
            Some(l) if self.top < l.body_start() => 0,
            Some(l) => l.offset_of_row(self.top),
            None => match self.anchor {
                Anchor::Body(offset) => offset,
                Anchor::Header(_) => 0,
            },
        }
    }

    /// Where to save the reading position: the body offset that brings the top row back
    /// to the top (see [`RowMap::resume_offset`]).
    pub fn resume_offset(&self) -> usize {
        match &self.layout {
            Some(l) if self.top >= l.body_start() => l.resume_offset(self.top),
            _ => self.top_offset(),
        }
    }

    /// Reading progress, 0–1000: 0 at the top, 1000 with the last row in view.
    pub fn progress(&self) -> u16 {
        let max = self.max_top();
        if max == 0 {
            return 1000;
        }
        (self.top.saturating_mul(1000) / max).min(1000) as u16
    }

    /// Whether the last row has been on screen since the article was opened.
    pub fn reached_end(&self) -> bool {
        self.reached_end
    }

    /// The web address on row `row`: the article's own (under the headline) or a link
    /// block's.
    pub fn link_on_row(&self, row: usize) -> Option<String> {
        let r = self.layout.as_ref()?.rows().get(row)?;
        match r.kind {
            RowKind::Url => self.article.meta.url.clone(),
            RowKind::Link => {
                let blocks = &self.article.blocks;
                let i = blocks.partition_point(|b| b.range.end <= r.range.start);
                let block = blocks.get(i)?;
                Some(self.article.body[block.range.clone()].trim().to_string())
            }
            _ => None,
        }
    }

    /// The first web address shown on screen, from the top.
    pub fn first_link_on_screen(&self) -> Option<String> {
        (self.top..self.top + self.height).find_map(|row| self.link_on_row(row))
    }

    /// Highlights `mark` and scrolls so it is in view (with a little context above).
    pub fn focus_on(&mut self, mark: Range<usize>) {
        if let Some(layout) = &self.layout {
            let row = layout.row_of_offset(mark.start);
            if row < self.top || row >= self.top + self.height {
                self.set_top(row.saturating_sub(self.height / 3));
            }
        }
        self.focus_mark = Some(mark);
    }

    /// Scrolls so body offset `offset` is in view with a few rows of context above and
    /// below (not at the very edge); before the first layout, once laid out.
    pub fn reveal(&mut self, offset: usize) {
        let Some(layout) = &self.layout else {
            self.pending_reveal = Some(offset);
            return;
        };
        let row = layout.row_of_offset(offset);
        let context = (self.height / 4).min(SEARCH_CONTEXT);
        let low = self.top + context;
        let high = (self.top + self.height).saturating_sub(context + 1);
        if row < low || row > high {
            self.set_top(row.saturating_sub(context));
        }
    }

    /// Where the view is, to come back to with [`Reader::restore_view`].
    pub fn view_mark(&self) -> ViewMark {
        ViewMark(match &self.layout {
            Some(l) if self.top >= l.body_start() => Anchor::Body(l.offset_of_row(self.top)),
            Some(_) => Anchor::Header(self.top),
            None => self.anchor,
        })
    }

    pub fn restore_view(&mut self, mark: ViewMark) {
        self.anchor = mark.0;
        self.pending_reveal = None;
        if let Some(layout) = &self.layout {
            self.top = match mark.0 {
                Anchor::Header(i) => i.min(layout.body_start()),
                Anchor::Body(offset) => layout.row_of_offset(offset),
            }
            .min(self.last_row());
        }
    }

    /// The in-article search, if one was ever started.
    pub fn search(&self) -> Option<&ArticleSearch> {
        self.search.as_ref()
    }

    /// The in-article search, made (the body folded) on first use.
    pub fn search_mut(&mut self) -> &mut ArticleSearch {
        let body = &self.article.body;
        self.search.get_or_insert_with(|| ArticleSearch::new(body))
    }

    /// Scrolls to the current search match, if there is one.
    pub fn reveal_match(&mut self) {
        if let Some(start) = self.search().and_then(|s| s.current()).map(|m| m.start) {
            self.reveal(start);
        }
    }

    pub fn showing_original(&self) -> bool {
        self.original
    }

    /// Shows or hides the removed debris; the text on top stays on top.
    pub fn toggle_original(&mut self) {
        self.original = !self.original;
        self.layout = None;
    }
}

/// Rows kept above (and below) a search match scrolled into view.
const SEARCH_CONTEXT: usize = 3;

/// The order the Entities tab lists kinds in.
pub const KIND_ORDER: [&str; 13] = [
    "person",
    "organization",
    "place",
    "group",
    "date",
    "event",
    "work",
    "law",
    "product",
    "time",
    "money",
    "percent",
    "number",
];
