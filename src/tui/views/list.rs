//! The article list of a folder.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};

use crate::config::Slot;
use crate::tui::app::App;
use crate::tui::layout::display_width;

pub fn draw(app: &mut App, frame: &mut Frame, area: Rect) {
    let theme = &app.config.theme;
    let Some(list) = app.list.as_mut() else {
        return;
    };
    let block = Block::default()
        .borders(Borders::BOTTOM)
        .border_style(theme.style(Slot::Muted))
        .title(Span::styled(
            " lede — articles ",
            theme.style(Slot::Headline),
        ));
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let items: Vec<ListItem> = list
        .entries
        .iter()
        .map(|e| {
            let name = e
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let line = match &e.title {
                Err(problem) => Line::from(vec![
                    Span::styled(format!(" ⚠ {name}: "), theme.style(Slot::Error)),
                    Span::styled(problem.clone(), theme.style(Slot::Muted)),
                ]),
                Ok(title) => {
                    // Title on the left, the date (when known) dimmed on the right.
                    let date = e.date.as_deref().unwrap_or("");
                    let room = width.saturating_sub(date.len() + 3);
                    let title = truncate(title, room);
                    let pad = width.saturating_sub(display_width(&title) + date.len() + 2);
                    Line::from(vec![
                        Span::styled(format!(" {title}"), theme.style(Slot::Body)),
                        Span::raw(" ".repeat(pad)),
                        Span::styled(date.to_string(), theme.style(Slot::Muted)),
                    ])
                }
            };
            ListItem::new(line)
        })
        .collect();
    let mut state = ListState::default()
        .with_selected(Some(list.selected))
        .with_offset(list.offset);
    frame.render_stateful_widget(
        List::new(items)
            .block(block)
            .highlight_style(theme.style(Slot::ListSelected)),
        area,
        &mut state,
    );
    list.offset = state.offset();
    app.list_area = Some(inner);
}

/// Cuts `text` to at most `width` columns, marking the cut with `…`.
fn truncate(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}
