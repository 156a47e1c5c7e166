//! Library search results: a title row, then two rows per hit — the headline with its
//! source and date, and the snippet with the hits highlighted. Only the hits on screen are
//! drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::cut;
use crate::config::{Slot, Theme};
use crate::store::SearchHit;
use crate::tui::layout::display_width;
use crate::tui::results::Results;

/// Rows one hit takes.
const HIT_ROWS: usize = 2;

pub fn draw(results: &mut Results, theme: &Theme, frame: &mut Frame, area: Rect) {
    let buf = frame.buffer_mut();
    let width = usize::from(area.width);
    if area.height == 0 {
        return;
    }
    let title = format!(" Search: {}", results.query);
    buf.set_stringn(area.x, area.y, &title, width, theme.style(Slot::Headline));
    let rows = Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(1),
    );
    if results.hits.is_empty() {
        let text = format!("  nothing found for “{}”", results.query);
        buf.set_stringn(rows.x, rows.y, text, width, theme.style(Slot::Muted));
        return;
    }
    let fit = (usize::from(rows.height) / HIT_ROWS).max(1);
    let selected = results.selected();
    if selected < results.offset {
        results.offset = selected;
    } else if selected >= results.offset + fit {
        results.offset = selected + 1 - fit;
    }
    let mut y = rows.y;
    for (i, hit) in results
        .hits
        .iter()
        .enumerate()
        .skip(results.offset)
        .take(fit)
    {
        if y >= rows.bottom() {
            break;
        }
        let chosen = i == selected;
        buf.set_line(rows.x, y, &headline_line(hit, width, theme), rows.width);
        if chosen {
            buf.set_style(
                Rect::new(rows.x, y, rows.width, 1),
                theme.style(Slot::ListSelected),
            );
        }
        y += 1;
        if y < rows.bottom() {
            buf.set_line(rows.x, y, &snippet_line(hit, width, theme), rows.width);
            y += 1;
        }
    }
}

/// `  Headline …            Source · 2024-06-19`
fn headline_line(hit: &SearchHit, width: usize, theme: &Theme) -> Line<'static> {
    let mut about: Vec<&str> = Vec::new();
    if let Some(source) = hit.source.as_deref().filter(|s| !s.is_empty()) {
        about.push(source);
    }
    let date = hit.published.as_deref().map(|d| d.get(..10).unwrap_or(d));
    if let Some(date) = date {
        about.push(date);
    }
    let about = about.join(" · ");
    let about_width = if about.is_empty() {
        0
    } else {
        (display_width(&about) + 2).min(width / 2)
    };
    let room = width.saturating_sub(2 + about_width + 1);
    let headline = cut(&hit.headline, room).replace(char::is_control, " ");
    let pad = room.saturating_sub(display_width(&headline));
    let about = cut(&about, about_width.saturating_sub(2)).into_owned();
    Line::from(vec![
        Span::raw("  "),
        Span::styled(
            headline,
            theme.style(Slot::Body).patch(theme.style(Slot::Headline)),
        ),
        Span::raw(" ".repeat(pad + 2)),
        Span::styled(about, theme.style(Slot::Muted)),
    ])
}

/// `    …the snippet with the hit highlighted…`
fn snippet_line(hit: &SearchHit, width: usize, theme: &Theme) -> Line<'static> {
    let base = theme.style(Slot::Muted);
    let mark = theme.style(Slot::SearchMatch);
    let mut spans = vec![Span::raw("    ")];
    let mut used = 4;
    let text = &hit.snippet;
    let mut at = 0;
    let mut pieces: Vec<(&str, Style)> = Vec::new();
    for r in &hit.snippet_hits {
        let (Some(before), Some(inside)) = (text.get(at..r.start), text.get(r.clone())) else {
            continue;
        };
        pieces.push((before, base));
        pieces.push((inside, mark));
        at = r.end;
    }
    pieces.push((text.get(at..).unwrap_or(""), base));
    for (piece, style) in pieces {
        // One line: breaks and tabs become spaces.
        let piece: String = piece
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let left = width.saturating_sub(used);
        if left == 0 {
            break;
        }
        let shown = cut(&piece, left).into_owned();
        used += display_width(&shown);
        spans.push(Span::styled(shown, style));
    }
    Line::from(spans)
}
