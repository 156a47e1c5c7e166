//! The side panel: a tab bar in the border and the current tab's entries, scrolled so the
//! selected entry is visible.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::config::{Config, Slot};
use crate::tui::layout::display_width;
use crate::tui::panel::Tab;
use crate::tui::reader::{Focus, Reader};

use super::{contents, entities, notes, quotes};

/// One panel row: the entry it belongs to (none for a kind header), its text, and how it
/// looks when not selected.
pub struct PanelLine {
    pub entry: Option<usize>,
    pub text: String,
    pub style: Style,
    /// A mark in the left margin ("▸" for the section being read).
    pub marker: &'static str,
}

/// Draws the panel; returns, for each inner row from the top, the entry shown there.
pub fn draw(reader: &Reader, config: &Config, frame: &mut Frame, area: Rect) -> Vec<Option<usize>> {
    let theme = &config.theme;
    let Some(panel) = reader.panel else {
        return Vec::new();
    };
    let focused = reader.focus == Focus::Panel;
    let mut title = vec![Span::raw(" ")];
    for tab in Tab::ALL {
        let style = if tab == panel.tab {
            theme.style(Slot::PanelTitle)
        } else {
            theme.style(Slot::Muted)
        };
        title.push(Span::styled(tab.title(), style));
        title.push(Span::raw(" "));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.style(Slot::PanelTitle)
        } else {
            theme.style(Slot::Muted)
        })
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let width = usize::from(inner.width.saturating_sub(2)).max(1);
    let lines = match panel.tab {
        Tab::Contents => contents::lines(reader, theme, width),
        Tab::Entities => entities::lines(reader, theme, width),
        Tab::Quotes => quotes::lines(reader, theme, width),
        Tab::Notes => notes::lines(reader, theme, width),
    };
    let selected = panel.selected();
    // Scroll so the selected entry's lines are visible.
    let height = usize::from(inner.height);
    let first = lines
        .iter()
        .position(|l| l.entry == Some(selected))
        .unwrap_or(0);
    let last = lines
        .iter()
        .rposition(|l| l.entry == Some(selected))
        .unwrap_or(0);
    let start = if last >= height {
        (last + 1 - height).min(first)
    } else {
        0
    };
    let mut rows = Vec::with_capacity(height);
    let mut text = Vec::with_capacity(height);
    for line in lines.into_iter().skip(start).take(height) {
        let style = if line.entry == Some(selected) && line.entry.is_some() {
            if focused {
                theme.style(Slot::PanelSelected)
            } else {
                line.style.patch(theme.style(Slot::Muted))
            }
        } else {
            line.style
        };
        let pad = width.saturating_sub(display_width(&line.text));
        text.push(Line::from(vec![
            Span::styled(line.marker, theme.style(Slot::StatusAccent)),
            Span::styled(format!("{}{}", line.text, " ".repeat(pad)), style),
        ]));
        rows.push(line.entry);
    }
    if rows.is_empty() {
        let empty = match panel.tab {
            Tab::Contents => "",
            Tab::Entities => "no entities found",
            Tab::Quotes => "no quotations found",
            Tab::Notes if reader.notes.is_none() => "notes need the library",
            Tab::Notes if reader.notes.as_ref().is_some_and(|n| !n.filter.is_empty()) => {
                "no note matches the filter"
            }
            Tab::Notes => "no highlights yet: v selects, a highlights",
        };
        text.push(Line::styled(format!("  {empty}"), theme.style(Slot::Muted)));
    }
    frame.render_widget(Paragraph::new(text), inner);
    rows
}

/// Wraps `text` to `width` with continuation lines indented by `indent` columns.
pub fn wrap(text: &str, width: usize, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let options = textwrap::Options::new(width).subsequent_indent(&pad);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}
