//! Views: one file per screen region. They read state and draw; they never change what the
//! reader sees except caching the layout for the current size.

mod contents;
mod editor;
mod entities;
mod help;
mod library;
mod notes;
mod panel;
mod quotes;
mod reader;
mod results;
mod status;

use std::borrow::Cow;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use unicode_segmentation::UnicodeSegmentation;

use super::app::App;
use super::layout::display_width;

/// Draws the whole screen.
pub fn draw(app: &mut App, frame: &mut Frame) {
    let [main, status_area] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(frame.area());
    app.panel_area = None;
    app.list_area = None;
    if app.reader.is_some() {
        draw_reader_screen(app, frame, main);
    } else if let Some(found) = app.results.as_mut() {
        results::draw(found, &app.config.theme, frame, main);
    } else {
        library::draw(app, frame, main);
    }
    status::draw(app, frame, status_area);
    if let Some(scroll) = app.help {
        let clamped = help::draw(&app.config, app.screen(), scroll, frame, frame.area());
        app.help = Some(clamped);
    }
}

fn draw_reader_screen(app: &mut App, frame: &mut Frame, area: Rect) {
    let panel_width = app.config.reader.panel_width;
    let show_panel = app.reader.as_ref().is_some_and(|r| r.panel.is_some());
    // The panel gives way to the text in narrow windows.
    let (text_area, panel_area) = if show_panel && area.width >= panel_width + 30 {
        let [t, p] =
            Layout::horizontal([Constraint::Min(30), Constraint::Length(panel_width)]).areas(area);
        (t, Some(p))
    } else if show_panel {
        (Rect::default(), Some(area))
    } else {
        (area, None)
    };
    let Some(reader) = app.reader.as_mut() else {
        return;
    };
    if !text_area.is_empty() {
        reader::draw(reader, &app.config, frame, text_area);
    }
    if let Some(p) = panel_area {
        app.panel_rows = panel::draw(reader, &app.config, frame, p);
        app.panel_area = Some(p);
    }
    if let Some(note_editor) = app.editor.as_mut() {
        // Keep the highlight in view: the box goes to the half it is not in.
        let row = reader.notes.as_ref().and_then(|n| {
            let range = n.get(&note_editor.annotation.id)?.range.clone()?;
            Some(reader.layout()?.row_of_offset(range.start))
        });
        let at_top = row
            .is_some_and(|r| r >= reader.top() && r - reader.top() > usize::from(area.height) / 2);
        editor::draw(note_editor, &app.config, frame, area, at_top);
    }
}

/// `text` cut to `width` columns, the cut marked with `…`.
pub(crate) fn cut(text: &str, width: usize) -> Cow<'_, str> {
    if display_width(text) <= width {
        return text.into();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = display_width(g);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out.into()
}
