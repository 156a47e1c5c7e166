//! Where in the text the reader is "at", for selecting and annotating: the mark last moved
//! to, the current search match, or the top of the screen; and screen cells to text offsets
//! for the mouse.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::Reader;

impl Reader {
    /// Body bytes shown on screen (empty before the first layout).
    pub fn visible_body(&self) -> Range<usize> {
        let Some(layout) = self.layout() else {
            return 0..0;
        };
        let rows = layout.rows();
        let shown = rows.iter().skip(self.top()).take(self.height());
        let mut body = shown.filter(|r| r.kind.in_body()).map(|r| r.range.clone());
        let Some(first) = body.next() else {
            return 0..0;
        };
        let last = body.next_back().unwrap_or_else(|| first.clone());
        first.start..last.end
    }

    /// Where a selection starts or a sentence is taken from: the mark last moved to or the
    /// current search match when on screen, else the first text on screen.
    pub fn cursor_offset(&self) -> usize {
        self.cursor_mark()
            .map_or_else(|| self.visible_body().start, |m| m.start)
    }

    /// The mark last moved to, or the current search match, when it is on screen: a
    /// selection starts as it (`/Shapps` then `v` selects "Shapps").
    pub fn cursor_mark(&self) -> Option<Range<usize>> {
        let visible = self.visible_body();
        let on_screen = |r: &&Range<usize>| r.start >= visible.start && r.start < visible.end;
        self.focus_mark
            .as_ref()
            .filter(on_screen)
            .or_else(|| self.search().and_then(|s| s.current()).filter(on_screen))
            .cloned()
    }

    /// The body offset under screen cell (`x`, `y`), if it shows body text. A cell past
    /// the end of a row stands for the row's end.
    pub fn offset_at(&self, x: u16, y: u16) -> Option<usize> {
        let (left, top) = self.text_origin;
        let row = self.top() + usize::from(y.checked_sub(top)?);
        let r = self.layout()?.rows().get(row)?;
        if !r.kind.in_body() {
            return None;
        }
        let column = usize::from(x.saturating_sub(left));
        Some(self.offset_in_row(r.range.clone(), column))
    }

    /// The offset at display column `column` of the body row `range`.
    fn offset_in_row(&self, range: Range<usize>, column: usize) -> usize {
        let text = &self.article.body[range.clone()];
        let mut width = 0;
        for (i, g) in text.grapheme_indices(true) {
            let w = g.width();
            if width + w > column {
                return range.start + i;
            }
            width += w;
        }
        range.end
    }

    /// The offset `rows` rows below (or above) `offset`, at the same column, skipping
    /// blank rows; `offset` itself when there is no such row.
    pub fn offset_rows_away(&self, offset: usize, rows: isize) -> usize {
        let Some(layout) = self.layout() else {
            return offset;
        };
        let all = layout.rows();
        let mut row = layout.row_of_offset(offset);
        let Some(here) = all.get(row) else {
            return offset;
        };
        let start = here.range.start.min(offset);
        let column = self.article.body[start..offset].width();
        let mut left = rows.unsigned_abs();
        while left > 0 {
            let next = if rows > 0 {
                row + 1
            } else {
                row.wrapping_sub(1)
            };
            let Some(r) = all.get(next) else {
                break;
            };
            if next < layout.body_start() {
                break;
            }
            row = next;
            if r.kind.in_body() {
                left -= 1;
            }
        }
        match all.get(row) {
            Some(r) if r.kind.in_body() && row != layout.row_of_offset(offset) => {
                self.offset_in_row(r.range.clone(), column)
            }
            _ => offset,
        }
    }
}
