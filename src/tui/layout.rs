//! Text layout: the article wrapped once per width into rows, each knowing the text it shows.
//!
//! Rows are computed once per (article, width) and kept; drawing a frame only reads the rows
//! on screen, and jumping to a text offset is a binary search. Widths are measured per
//! grapheme with `unicode-width`, exactly as ratatui's buffer measures them, so a row never
//! overflows its width (CJK and emoji included).

use std::ops::Range;

use textwrap::WordSeparator;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::analysis::Analysis;
use crate::article::{Article, BlockKind};

/// Which text a row shows and how it is styled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A row of the headline (range into `Article::title`).
    Title,
    /// A row of the deck (range into `Article::deck`).
    Deck,
    /// Source · author · date, under the headline (range into [`RowMap::byline`]).
    Byline,
    /// The article's web address (range into `Article::meta.url`), one row, cut to fit.
    Url,
    /// The rule under the header.
    Rule,
    /// An empty row between blocks.
    Blank,
    Body,
    Heading,
    Link,
    /// A row of removed debris (range into `Article::removed[i].text`), shown with
    /// "show original".
    Removed(usize),
}

impl RowKind {
    /// Whether the row's range points into the body.
    pub fn in_body(self) -> bool {
        matches!(self, RowKind::Body | RowKind::Heading | RowKind::Link)
    }
}

/// One screen row. For body rows `range` is a byte range of `Article::body`; for blank rows
/// it is the empty range where the blank stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub kind: RowKind,
    pub range: Range<usize>,
}

/// The whole article laid out at one width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowMap {
    width: u16,
    rows: Vec<Row>,
    /// Index of the first row after the header (title, deck, rule).
    body_start: usize,
    /// The body offset each removed item is shown at (empty unless showing the original).
    removed_at: Vec<usize>,
    /// The text of the byline rows.
    byline: String,
}

impl RowMap {
    /// Wraps `article` at `width` columns (at least 1).
    pub fn new(article: &Article, analysis: &Analysis, width: u16) -> RowMap {
        RowMap::build(article, analysis, width, false, None)
    }

    /// Like [`RowMap::new`]; with `original`, the removed debris is laid out too, each item
    /// before the block it stood in front of; with `keep`, only the blocks it marks.
    pub fn build(
        article: &Article,
        analysis: &Analysis,
        width: u16,
        original: bool,
        keep: Option<&[bool]>,
    ) -> RowMap {
        let cols = usize::from(width.max(1));
        let mut rows = Vec::with_capacity(article.body.len() / cols.max(8) + 16);
        wrap_into(&article.title, 0, cols, RowKind::Title, &mut rows);
        if let Some(deck) = &article.deck {
            wrap_into(deck, 0, cols, RowKind::Deck, &mut rows);
        }
        let byline = byline(&article.meta);
        if !byline.is_empty() {
            wrap_into(&byline, 0, cols, RowKind::Byline, &mut rows);
        }
        if let Some(url) = article.meta.url.as_deref().filter(|u| !u.trim().is_empty()) {
            rows.push(Row {
                kind: RowKind::Url,
                range: 0..url.len(),
            });
        }
        if !rows.is_empty() {
            rows.push(Row {
                kind: RowKind::Rule,
                range: 0..0,
            });
            rows.push(blank(0));
        }
        let body_start = rows.len();
        let mut headings = analysis.sections.iter().map(|s| s.heading.start).peekable();
        // Where each removed item is shown, as a body offset (for offset ↔ row lookups).
        let mut removed_at = vec![0; if original { article.removed.len() } else { 0 }];
        let mut removed = article
            .removed
            .iter()
            .enumerate()
            .filter(|_| original)
            .peekable();
        let mut first = true;
        for (i, block) in article.blocks.iter().enumerate() {
            if keep.is_some_and(|k| !k.get(i).copied().unwrap_or(false)) {
                continue;
            }
            if !first {
                rows.push(blank(block.range.start));
            }
            first = false;
            while let Some((n, item)) = removed.next_if(|(_, r)| r.at <= block.range.start) {
                wrap_into(&item.text, 0, cols, RowKind::Removed(n), &mut rows);
                removed_at[n] = block.range.start;
            }
            while headings.next_if(|&h| h < block.range.start).is_some() {}
            let kind = match block.kind {
                BlockKind::Link => RowKind::Link,
                BlockKind::Paragraph if headings.peek() == Some(&block.range.start) => {
                    RowKind::Heading
                }
                BlockKind::Paragraph => RowKind::Body,
                BlockKind::Heading => RowKind::Heading,
            };
            let text = &article.body[block.range.clone()];
            wrap_into(text, block.range.start, cols, kind, &mut rows);
        }
        for (n, item) in removed {
            rows.push(blank(article.body.len()));
            wrap_into(&item.text, 0, cols, RowKind::Removed(n), &mut rows);
            removed_at[n] = article.body.len();
        }
        rows.shrink_to_fit();
        RowMap {
            width,
            rows,
            body_start,
            removed_at,
            byline,
        }
    }

    /// The text the byline rows show.
    pub fn byline(&self) -> &str {
        &self.byline
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Index of the first body row (after the header).
    pub fn body_start(&self) -> usize {
        self.body_start
    }

    /// The row showing body byte `offset` (or the nearest row before it). A byte between
    /// two blocks (after the text of one, before the next) is the blank row between them:
    /// see [`RowMap::resume_offset`].
    pub fn row_of_offset(&self, offset: usize) -> usize {
        let body = &self.rows[self.body_start..];
        // Rows are in text order, so the last row starting at or before `offset` holds it.
        let after = body.partition_point(|r| r.range.start <= offset);
        let mut i = after.saturating_sub(1);
        // A blank row shares its offset with the block after it: prefer the block's row.
        while i + 1 < body.len()
            && body[i].kind == RowKind::Blank
            && body[i + 1].range.start <= offset
        {
            i += 1;
        }
        if let (Some(row), Some(next)) = (body.get(i), body.get(i + 1))
            && row.kind.in_body()
            && row.range.end <= offset
            && next.kind == RowKind::Blank
            && offset < next.range.start
        {
            i += 1;
        }
        self.body_start + i
    }

    /// The body offset that brings row `row` back to the top through
    /// [`RowMap::row_of_offset`], for saving a reading position: a blank row between
    /// blocks stands for the byte before the next block (its own offset would bring back
    /// the block, one row lower).
    pub fn resume_offset(&self, row: usize) -> usize {
        let offset = self.offset_of_row(row);
        match self.rows.get(row) {
            Some(r) if row > self.body_start && r.kind == RowKind::Blank && offset > 0 => {
                let back = offset - 1;
                if self.row_of_offset(back) == row {
                    back
                } else {
                    offset
                }
            }
            _ => offset,
        }
    }

    /// The body offset a row stands for (header rows stand for the body's start).
    pub fn offset_of_row(&self, row: usize) -> usize {
        if row < self.body_start {
            return 0;
        }
        self.rows.get(row).map_or(0, |r| self.position(r))
    }

    /// The body offset a row stands at.
    fn position(&self, row: &Row) -> usize {
        match row.kind {
            RowKind::Removed(n) => self.removed_at.get(n).copied().unwrap_or(0),
            _ => row.range.start,
        }
    }
}

/// `source · author · date` (the date as yyyy-mm-dd), what is known of it; may be empty.
pub fn byline(meta: &crate::article::Meta) -> String {
    let date = meta
        .published
        .as_deref()
        .map(|d| d.get(..10).filter(|_| d.is_char_boundary(10)).unwrap_or(d));
    let parts = [meta.source.as_deref(), meta.author.as_deref(), date];
    let parts: Vec<&str> = parts
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.join(" · ")
}

fn blank(at: usize) -> Row {
    Row {
        kind: RowKind::Blank,
        range: at..at,
    }
}

/// Display width of `text` as ratatui draws it.
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Greedy (first-fit) wrapping of `text` (which starts at byte `base` of its source) into
/// rows of at most `cols` columns. Streams words, so a 50 MB line needs no word list.
fn wrap_into(text: &str, base: usize, cols: usize, kind: RowKind, rows: &mut Vec<Row>) {
    let mut line_start = 0;
    for line in text.split('\n') {
        wrap_line(line, base + line_start, cols, kind, rows);
        line_start += line.len() + 1;
    }
}

fn wrap_line(line: &str, base: usize, cols: usize, kind: RowKind, rows: &mut Vec<Row>) {
    // The current row: byte range of its words (without trailing spaces) and its width.
    let mut row: Option<(usize, usize)> = None;
    let mut row_width = 0;
    // Width of the spaces after the last word of the row, used if another word follows.
    let mut pending_space = 0;
    let mut offset = 0;
    for word in WordSeparator::AsciiSpace.find_words(line) {
        let start = offset;
        let end = start + word.word.len();
        offset = end + word.whitespace.len();
        if word.word.is_empty() {
            // Leading spaces of the line: keep them as indentation.
            pending_space += word.whitespace.len();
            continue;
        }
        let width = display_width(word.word);
        match row {
            Some((s, _)) if row_width + pending_space + width <= cols => {
                row = Some((s, end));
                row_width += pending_space + width;
            }
            _ => {
                if let Some((s, e)) = row.take() {
                    rows.push(body_row(kind, base + s..base + e));
                    pending_space = 0;
                }
                let indent = if start == pending_space {
                    pending_space.min(cols / 2)
                } else {
                    0
                };
                if indent + width <= cols {
                    row = Some((start - indent, end));
                    row_width = indent + width;
                } else {
                    // A word wider than the row: cut it at grapheme boundaries.
                    let (last, last_width) =
                        break_word(&line[start..end], start, cols, base, kind, rows);
                    row = Some((last, end));
                    row_width = last_width;
                }
            }
        }
        pending_space = display_width(word.whitespace);
    }
    match row {
        Some((s, e)) => rows.push(body_row(kind, base + s..base + e)),
        // An empty line still takes a row so hard line breaks show.
        None => rows.push(body_row(kind, base + line.len()..base + line.len())),
    }
}

/// Pushes full-width pieces of an over-long word; returns the start and width of the rest.
fn break_word(
    word: &str,
    start: usize,
    cols: usize,
    base: usize,
    kind: RowKind,
    rows: &mut Vec<Row>,
) -> (usize, usize) {
    let mut piece_start = start;
    let mut piece_width = 0;
    for (i, g) in word.grapheme_indices(true) {
        let w = UnicodeWidthStr::width(g);
        if piece_width > 0 && piece_width + w > cols {
            rows.push(body_row(kind, base + piece_start..base + start + i));
            piece_start = start + i;
            piece_width = 0;
        }
        piece_width += w;
    }
    (piece_start, piece_width)
}

fn body_row(kind: RowKind, range: Range<usize>) -> Row {
    Row { kind, range }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod proptests;
