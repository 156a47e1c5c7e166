//! The article text: only the rows on screen are drawn, body rows styled by their span
//! layers (entities, quotations, the focused mark).

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::cut;
use crate::config::{Config, Slot};
use crate::tui::layout::RowKind;
use crate::tui::marks::{Layers, styled_runs};
use crate::tui::reader::Reader;

/// Columns kept free on each side of the text in narrow windows.
const MARGIN: u16 = 2;

/// Drawn after a row where a highlight with a note ends.
const NOTE_MARKER: &str = "✎";

pub fn draw(reader: &mut Reader, config: &Config, frame: &mut Frame, area: Rect) {
    let measure = area
        .width
        .saturating_sub(2 * MARGIN)
        .min(config.reader.width)
        .max(area.width.min(20));
    let left = area.x + (area.width - measure) / 2;
    reader.fit(measure, usize::from(area.height));
    reader.text_origin = (left, area.y);
    let Some(layout) = reader.layout() else {
        return;
    };
    let theme = &config.theme;
    let article = &reader.article;
    let search = reader.search();
    let highlights = reader
        .notes
        .as_ref()
        .map(|n| n.highlights())
        .unwrap_or_default();
    let note_ends = reader
        .notes
        .as_ref()
        .map(|n| n.note_ends())
        .unwrap_or_default();
    let selection = reader.selection.as_ref().map(|s| s.range());
    let layers = Layers {
        marks: &reader.marks,
        show_entities: reader.show_entities,
        focus: reader.focus_mark.as_ref(),
        search: search.map_or(&[], |s| s.matches()),
        current: search.and_then(|s| s.current()),
        highlights: &highlights,
        selection: selection.as_ref(),
    };
    // The note marker stands one column clear of the text when there is room.
    let area_end = area.x + area.width;
    let right = if left + measure + 1 < area_end {
        left + measure + 1
    } else {
        left + measure
    };
    let marker_fits = right < area_end;
    let buf = frame.buffer_mut();
    let visible = layout
        .rows()
        .iter()
        .skip(reader.top())
        .take(usize::from(area.height));
    for (y, row) in (area.y..).zip(visible) {
        let (text, slot): (Cow<'_, str>, Slot) = match row.kind {
            RowKind::Title => (article.title[row.range.clone()].into(), Slot::Headline),
            RowKind::Deck => (
                article.deck.as_deref().unwrap_or("")[row.range.clone()].into(),
                Slot::Deck,
            ),
            RowKind::Byline => (layout.byline()[row.range.clone()].into(), Slot::Muted),
            RowKind::Url => {
                let url = article.meta.url.as_deref().unwrap_or("");
                (cut(url, usize::from(measure)), Slot::Muted)
            }
            RowKind::Rule => ("─".repeat(usize::from(measure)).into(), Slot::Muted),
            RowKind::Blank => continue,
            RowKind::Body | RowKind::Heading | RowKind::Link => {
                let base = theme.style(match row.kind {
                    RowKind::Heading => Slot::Heading,
                    RowKind::Link => Slot::Link,
                    _ => Slot::Body,
                });
                let spans: Vec<Span> = styled_runs(row.range.clone(), base, &layers, theme)
                    .into_iter()
                    .map(|(r, style)| Span::styled(printable(article.body[r].into()), style))
                    .collect();
                buf.set_line(left, y, &Line::from(spans), measure);
                // A note ends on this row: a marker just right of the text.
                let ends_here = note_ends
                    .iter()
                    .any(|&e| e > row.range.start && e <= row.range.end);
                if ends_here && marker_fits {
                    buf.set_string(right, y, NOTE_MARKER, theme.style(Slot::NoteMarker));
                }
                continue;
            }
            RowKind::Removed(n) => (
                article
                    .removed
                    .get(n)
                    .map_or("", |r| &r.text[row.range.clone()])
                    .into(),
                Slot::Muted,
            ),
        };
        let text = printable(text);
        buf.set_stringn(left, y, &text, usize::from(measure), theme.style(slot));
    }
}

/// Replaces control characters (which would move the terminal's cursor) with spaces.
fn printable(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.chars().any(char::is_control) {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .into()
    } else {
        text
    }
}
