//! The contents panel: the lead and every section heading (wrapped, never cut); the one being
//! read is marked, the selected one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::config::{Config, Slot};
use crate::tui::reader::{Focus, Reader};

/// Draws the panel; returns, for each inner row from the top, the entry shown there (so a
/// mouse click can be mapped to an entry).
pub fn draw(reader: &Reader, config: &Config, frame: &mut Frame, area: Rect) -> Vec<usize> {
    let theme = &config.theme;
    let focused = reader.focus == Focus::Panel;
    let title = if reader.analysis.sections.is_empty() {
        " Contents: no sections "
    } else {
        " Contents "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme.style(Slot::PanelTitle)
        } else {
            theme.style(Slot::Muted)
        })
        .title(Span::styled(title, theme.style(Slot::PanelTitle)));
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let current = reader.current_section().map_or(0, |i| i + 1);
    let selected = reader.panel.map_or(current, |p| p.selected);
    let label_width = usize::from(inner.width.saturating_sub(2)).max(1);
    // Every entry's wrapped lines, tagged with the entry index.
    let mut lines: Vec<(usize, String)> = Vec::new();
    for entry in 0..reader.entries() {
        let (label, indent) = match entry {
            0 => ("(top)".to_string(), String::new()),
            i => (
                format!("{i}. {}", reader.heading(i - 1)),
                // Continuation lines hang under the heading text, not its number.
                " ".repeat(i.to_string().len() + 2),
            ),
        };
        let options = textwrap::Options::new(label_width).subsequent_indent(&indent);
        for piece in textwrap::wrap(&label, options) {
            lines.push((entry, piece.into_owned()));
        }
    }
    // Scroll so the selected entry is visible.
    let height = usize::from(inner.height);
    let first_selected = lines.iter().position(|(e, _)| *e == selected).unwrap_or(0);
    let last_selected = lines.iter().rposition(|(e, _)| *e == selected).unwrap_or(0);
    let start = if last_selected >= height {
        (last_selected + 1 - height).min(first_selected)
    } else {
        0
    };
    let mut rows = Vec::with_capacity(height);
    let mut text = Vec::with_capacity(height);
    let mut previous = None;
    for (entry, piece) in lines.into_iter().skip(start).take(height) {
        let marker = if entry == current && previous != Some(entry) {
            "▸ "
        } else {
            "  "
        };
        previous = Some(entry);
        let style = if entry == selected {
            if focused {
                theme.style(Slot::PanelSelected)
            } else {
                theme.style(Slot::Panel).patch(theme.style(Slot::Muted))
            }
        } else {
            theme.style(Slot::Panel)
        };
        let pad = label_width.saturating_sub(crate::tui::layout::display_width(&piece));
        text.push(Line::from(vec![
            Span::styled(marker, theme.style(Slot::StatusAccent)),
            Span::styled(format!("{piece}{}", " ".repeat(pad)), style),
        ]));
        rows.push(entry);
    }
    frame.render_widget(Paragraph::new(text), inner);
    rows
}
