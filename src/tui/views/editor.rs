//! The note editor box, over the lower part of the reader.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::cut;
use crate::config::{Config, Slot};
use crate::tui::editor::{EditKind, NoteEditor};

/// The box's largest size.
const WIDTH: u16 = 76;
const HEIGHT: u16 = 9;

/// Draws the editor in `area`, at the bottom, or at the top when `at_top` (the highlight
/// is in the lower half of the screen and must stay visible).
pub fn draw(editor: &mut NoteEditor, config: &Config, frame: &mut Frame, area: Rect, at_top: bool) {
    let theme = &config.theme;
    let width = area.width.saturating_sub(2).min(WIDTH);
    let height = area.height.saturating_sub(2).min(HEIGHT);
    if width < 10 || height < 3 {
        return;
    }
    let x = area.x + (area.width - width) / 2;
    let y = if at_top {
        area.y + 1
    } else {
        area.y + area.height - height - 1
    };
    let rect = Rect::new(x, y, width, height);
    let what = match editor.kind {
        EditKind::Note => "Note on",
        EditKind::Tags => "Tags of",
    };
    let room = usize::from(width).saturating_sub(what.len() + 8);
    let quote = cut(&editor.annotation.target.exact, room).replace('\n', " ");
    let title = Line::from(vec![
        Span::styled(format!(" {what} "), theme.style(Slot::PanelTitle)),
        Span::styled(
            format!("“{quote}” "),
            theme.style(Slot::highlight(editor.annotation.colour)),
        ),
    ]);
    let hints = Line::from(Span::styled(
        " ctrl-s save · esc cancel · ctrl-e $EDITOR ",
        theme.style(Slot::Muted),
    ));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.style(Slot::PanelTitle))
        .title(title)
        .title_bottom(hints);
    frame.render_widget(Clear, rect);
    let area_widget = editor.area_mut();
    area_widget.set_block(block);
    frame.render_widget(editor.area(), rect);
}
