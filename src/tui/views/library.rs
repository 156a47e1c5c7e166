//! The library: a title row, a header row, then one row per article in columns that adapt
//! to the width. Only the rows on screen are drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;

use crate::config::{Slot, Theme};
use crate::store::{LibraryEntry, ReadState};
use crate::tui::app::App;
use crate::tui::layout::display_width;

/// Column widths for one window width (0: the column is left out).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Columns {
    headline: usize,
    source: usize,
    date: usize,
    length: usize,
    read: usize,
    notes: usize,
}

/// The marker column on the left (missing files).
const GUTTER: usize = 2;

impl Columns {
    /// The headline gets what the others leave; they drop out as the window narrows.
    fn for_width(width: usize) -> Columns {
        let source = match width {
            140.. => 24,
            100.. => 18,
            70.. => 12,
            _ => 0,
        };
        let date = if width >= 50 { 10 } else { 0 };
        let length = if width >= 40 { 4 } else { 0 };
        let notes = if width >= 60 { 3 } else { 0 };
        let read = 4;
        let others = [source, date, length, read, notes];
        // Each column but the headline has a space before it; one space ends the row.
        let used: usize = others.iter().filter(|w| **w > 0).map(|w| w + 1).sum();
        Columns {
            headline: width.saturating_sub(GUTTER + used + 1),
            source,
            date,
            length,
            read,
            notes,
        }
    }
}

pub fn draw(app: &mut App, frame: &mut Frame, area: Rect) {
    let theme = &app.config.theme;
    let Some(library) = app.library.as_mut() else {
        return;
    };
    let buf = frame.buffer_mut();
    let width = usize::from(area.width);
    let cols = Columns::for_width(width);
    let mut y = area.y;
    let bottom = area.bottom();
    if y < bottom {
        let title = format!(" {}", library.title);
        buf.set_stringn(area.x, y, &title, width, theme.style(Slot::Headline));
        y += 1;
    }
    if y < bottom {
        buf.set_line(area.x, y, &header(&cols, theme), area.width);
        y += 1;
    }
    let rows = Rect::new(area.x, y, area.width, bottom.saturating_sub(y));
    app.list_area = Some(rows);
    let height = usize::from(rows.height);
    if height == 0 {
        return;
    }
    if library.view().is_empty() {
        let text = if library.filter().is_active() {
            format!("  no article matches “{}”", library.filter().query())
        } else {
            "  no articles".to_string()
        };
        buf.set_stringn(rows.x, rows.y, text, width, theme.style(Slot::Muted));
        return;
    }
    // Keep the selection on screen.
    let selected = library.selected();
    if selected < library.offset {
        library.offset = selected;
    } else if selected >= library.offset + height {
        library.offset = selected + 1 - height;
    }
    library.offset = library
        .offset
        .min(library.view().len().saturating_sub(height));
    let shown: Vec<usize> = library
        .view()
        .iter()
        .skip(library.offset)
        .take(height)
        .copied()
        .collect();
    for (row, index) in (rows.y..).zip(shown) {
        let (title_hits, source_hits) = library.highlights(index);
        let entry = &library.entries()[index];
        let line = entry_line(entry, &cols, theme, &title_hits, &source_hits);
        buf.set_line(rows.x, row, &line, rows.width);
        if library.view().get(selected) == Some(&index) {
            buf.set_style(
                Rect::new(rows.x, row, rows.width, 1),
                theme.style(Slot::ListSelected),
            );
        }
    }
}

fn header(cols: &Columns, theme: &Theme) -> Line<'static> {
    let style = theme.style(Slot::Muted);
    let mut spans = vec![Span::raw(" ".repeat(GUTTER))];
    spans.extend(cell("Headline", cols.headline, &[], style, style, false));
    for (text, width, right) in [
        ("Source", cols.source, false),
        ("Date", cols.date, false),
        ("Len", cols.length, true),
        ("Read", cols.read, true),
        ("✎", cols.notes, true),
    ] {
        if width > 0 {
            spans.push(Span::raw(" "));
            spans.extend(cell(text, width, &[], style, style, right));
        }
    }
    Line::from(spans)
}

fn entry_line(
    entry: &LibraryEntry,
    cols: &Columns,
    theme: &Theme,
    title_hits: &[usize],
    source_hits: &[usize],
) -> Line<'static> {
    let dim = theme.style(Slot::Muted);
    let (body, muted) = if entry.missing {
        (dim, dim)
    } else {
        (theme.style(Slot::Body), dim)
    };
    let hit = theme.style(Slot::Focus);
    let mut spans = vec![Span::styled(if entry.missing { "✗ " } else { "  " }, muted)];
    spans.extend(cell(
        &entry.title,
        cols.headline,
        title_hits,
        body,
        hit,
        false,
    ));
    let source = entry.source.as_deref().unwrap_or("");
    let minutes = format!("{}m", entry.minutes());
    let read = match entry.read {
        ReadState::Unread => "•".to_string(),
        ReadState::Reading => format!("{}%", entry.progress / 10),
        ReadState::Read => "✓".to_string(),
    };
    let notes = if entry.notes > 0 {
        entry.notes.min(999).to_string()
    } else {
        String::new()
    };
    let date = entry.date().unwrap_or("");
    for (text, width, hits, style, right) in [
        (source, cols.source, source_hits, muted, false),
        (date, cols.date, &[][..], muted, false),
        (minutes.as_str(), cols.length, &[][..], muted, true),
        (read.as_str(), cols.read, &[][..], body, true),
        (notes.as_str(), cols.notes, &[][..], body, true),
    ] {
        if width > 0 {
            spans.push(Span::raw(" "));
            spans.extend(cell(text, width, hits, style, hit, right));
        }
    }
    Line::from(spans)
}

/// `text` in exactly `width` columns: cut with `…` when longer, padded when shorter
/// (on the left with `right`); the graphemes holding the chars at `hits` (sorted char
/// indices) in the `hit` style.
fn cell(
    text: &str,
    width: usize,
    hits: &[usize],
    style: Style,
    hit: Style,
    right: bool,
) -> Vec<Span<'static>> {
    if width == 0 {
        return Vec::new();
    }
    let fits = display_width(text) <= width && !text.chars().any(char::is_control);
    let room = if fits { width } else { width - 1 };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    let mut used = 0;
    let mut cut = false;
    let mut char_index = 0;
    for g in text.graphemes(true) {
        let first = char_index;
        char_index += g.chars().count();
        let g = if g.chars().any(char::is_control) {
            " "
        } else {
            g
        };
        let w = display_width(g);
        if used + w > room {
            cut = true;
            break;
        }
        let from = hits.partition_point(|&h| h < first);
        let is_hit = hits.get(from).is_some_and(|&h| h < char_index);
        if is_hit != run_hit && !run.is_empty() {
            let s = if run_hit { hit } else { style };
            spans.push(Span::styled(std::mem::take(&mut run), s));
        }
        run_hit = is_hit;
        run.push_str(g);
        used += w;
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { hit } else { style }));
    }
    if cut || !fits {
        spans.push(Span::styled("…", style));
        used += 1;
    }
    let pad = Span::styled(" ".repeat(width.saturating_sub(used)), style);
    if right {
        spans.insert(0, pad);
    } else {
        spans.push(pad);
    }
    spans
}

/// Test helper: the text of a drawn row.
#[cfg(test)]
fn row_text(buf: &ratatui::buffer::Buffer, y: u16) -> String {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_give_the_headline_the_room_and_drop_out_when_narrow() {
        let c = Columns::for_width(80);
        assert_eq!(c.source, 12);
        assert!(c.headline >= 38, "{c:?}");
        let wide = Columns::for_width(120);
        assert!(wide.headline >= 70, "{wide:?}");
        let narrow = Columns::for_width(45);
        assert_eq!((narrow.source, narrow.date, narrow.notes), (0, 0, 0));
        for w in 0..200 {
            let c = Columns::for_width(w);
            let total = GUTTER
                + c.headline
                + [c.source, c.date, c.length, c.read, c.notes]
                    .iter()
                    .filter(|w| **w > 0)
                    .map(|w| w + 1)
                    .sum::<usize>()
                + 1;
            assert!(total <= w.max(GUTTER + 6), "{w}: {c:?}");
        }
    }

    #[test]
    fn cells_are_exactly_their_width() {
        let s = Style::default();
        for (text, width) in [
            ("short", 10),
            ("a much longer headline", 8),
            ("漢字漢字漢字", 5),
            ("tab\there", 12),
            ("", 3),
        ] {
            let spans = cell(text, width, &[0, 2], s, s, false);
            let w: usize = spans.iter().map(|sp| display_width(&sp.content)).sum();
            assert_eq!(w, width, "{text:?}");
            let right = cell(text, width, &[], s, s, true);
            let w: usize = right.iter().map(|sp| display_width(&sp.content)).sum();
            assert_eq!(w, width, "{text:?} right");
        }
        let spans = cell("a much longer headline", 8, &[], s, s, false);
        let text: String = spans.iter().map(|sp| sp.content.to_string()).collect();
        assert_eq!(text, "a much …");
    }

    #[test]
    fn highlights_style_the_matched_graphemes() {
        let base = Style::default();
        let hit = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let spans = cell("pact", 6, &[1, 2], base, hit, false);
        let styled: Vec<(String, bool)> = spans
            .iter()
            .map(|s| (s.content.to_string(), s.style == hit))
            .collect();
        assert_eq!(
            styled,
            [
                ("p".to_string(), false),
                ("ac".to_string(), true),
                ("t".to_string(), false),
                ("  ".to_string(), false)
            ]
        );
        let mut buf = ratatui::buffer::Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_line(0, 0, &Line::from(spans), 6);
        assert_eq!(row_text(&buf, 0), "pact  ");
    }
}
