//! The contents panel: the lead and every section heading; the one being read is marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};

use crate::config::{Config, Slot};
use crate::tui::reader::{Focus, Reader};

pub fn draw(reader: &Reader, config: &Config, frame: &mut Frame, area: Rect) {
    let theme = &config.theme;
    let current = reader.current_section().map_or(0, |i| i + 1);
    let mut items = Vec::with_capacity(reader.entries());
    for entry in 0..reader.entries() {
        let marker = if entry == current { "▸ " } else { "  " };
        let label = match entry {
            0 => "(top)".to_string(),
            i => format!("{i}. {}", reader.heading(i - 1)),
        };
        items.push(ListItem::new(Line::from(vec![
            Span::styled(marker, theme.style(Slot::StatusAccent)),
            Span::styled(label, theme.style(Slot::Panel)),
        ])));
    }
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
    let selected_style = if focused {
        theme.style(Slot::PanelSelected)
    } else {
        theme.style(Slot::Muted)
    };
    let list = List::new(items)
        .block(block)
        .highlight_style(selected_style);
    let mut state = ListState::default().with_selected(reader.panel.map(|p| p.selected));
    frame.render_stateful_widget(list, area, &mut state);
}
