//! The article list of a folder.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};

use crate::config::Slot;
use crate::tui::app::App;

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
                    // Title on the left, file name dimmed on the right when there is room.
                    let title_width = crate::tui::layout::display_width(title);
                    let name_width = crate::tui::layout::display_width(&name);
                    let mut spans = vec![Span::styled(
                        format!(" {title}"),
                        theme.style(Slot::Body),
                    )];
                    if title_width + name_width + 4 < width {
                        let pad = width - title_width - name_width - 2;
                        spans.push(Span::raw(" ".repeat(pad)));
                        spans.push(Span::styled(name, theme.style(Slot::Muted)));
                    }
                    Line::from(spans)
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
